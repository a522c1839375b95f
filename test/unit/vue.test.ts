// samtykke/vue (src/vue.ts) in jsdom: useConsent, useAllowed and
// <SamtykkeGate> follow the page's consent object as the visitor chooses,
// stop listening when their scope ends, and a server-rendered page hydrates
// without a mismatch, showing only then what the cookie allows.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, createSSRApp, defineComponent, effectScope, h, nextTick, ref, type App } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { NOTHING, SamtykkeGate, useAllowed, useConsent } from '../../src/vue';
import type { Consent } from '../../src/consent';
import { boundPage as page } from './helpers';

const INSTANCE = Symbol.for('samtykke');


/** The HTML without Vue's fragment markers (a slot renders a fragment). */
const html = (text: string) => text.replace(/<!--[[\]]-->/g, '');

let app: App | undefined;
let container: HTMLElement;
function mount(component: object, ssr = '') {
  container = document.body.appendChild(document.createElement('div'));
  container.innerHTML = ssr;
  app = ssr ? createSSRApp(component) : createApp(component);
  app.mount(container);
}

afterEach(() => {
  app?.unmount();
  app = undefined;
  document.body.replaceChildren();
  delete (window as { [INSTANCE]?: Consent })[INSTANCE];
});

const AnalyticsGate = defineComponent(() => () =>
  h(SamtykkeGate, { name: 'analytics' }, { default: () => h('span', 'Analytics on.'), fallback: () => h('p', 'Analytics is off.') }),
);

describe('<SamtykkeGate> and useAllowed', () => {
  it('renders the fallback slot until the category is allowed, the default slot after, and the fallback again on withdrawal', async () => {
    const consent = page();
    mount(AnalyticsGate);
    await nextTick();
    expect(html(container.innerHTML)).toBe('<p>Analytics is off.</p>');
    consent.acceptAll();
    await nextTick();
    expect(html(container.innerHTML)).toBe('<span>Analytics on.</span>');
    consent.rejectAll();
    await nextTick();
    expect(html(container.innerHTML)).toBe('<p>Analytics is off.</p>');
  });

  it("gives the fallback slot allow(), which allows that one service and not its category", async () => {
    const consent = page();
    mount(() =>
      h(SamtykkeGate, { name: 'videohost' }, {
        default: () => h('iframe', { title: 'Video' }),
        fallback: ({ allow }: { allow: () => void }) => h('button', { onClick: allow }, 'Load this video'),
      }),
    );
    await nextTick();
    container.querySelector('button')!.click();
    await nextTick();
    expect(html(container.innerHTML)).toBe('<iframe title="Video"></iframe>');
    expect(consent.allowed('videohost')).toBe(true);
    expect(consent.allowed('marketing')).toBe(false);
  });

  it('follows a name that changes (a ref or getter)', async () => {
    const consent = page();
    consent.set({ analytics: true });
    const scope = effectScope();
    const name = ref('analytics');
    const allowed = scope.run(() => useAllowed(name))!;
    expect(allowed.value).toBe(true);
    name.value = 'marketing';
    expect(allowed.value).toBe(false);
    name.value = 'nonesuch';
    expect(allowed.value).toBe(false);
    scope.stop();
  });

  it('allows nothing before init(), without throwing', async () => {
    mount(AnalyticsGate);
    await nextTick();
    expect(html(container.innerHTML)).toBe('<p>Analytics is off.</p>');
  });
});

describe('useConsent', () => {
  it('is a readonly ref that follows every choice and stops when its effect scope does', () => {
    const consent = page();
    const scope = effectScope();
    const snapshot = scope.run(() => useConsent())!;
    expect(snapshot.value).toEqual(consent.getConsent());
    consent.acceptAll();
    expect(snapshot.value.categories).toEqual({ necessary: true, analytics: true, marketing: true });
    expect(snapshot.value.decided).toBe(true);
    const warned: unknown[] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => void warned.push(args[0]);
    try {
      // @ts-expect-error: readonly
      snapshot.value = NOTHING;
    } finally {
      console.warn = warn;
    }
    expect(warned).toEqual([expect.stringContaining('target is readonly')]);
    expect(snapshot.value).not.toBe(NOTHING);
    scope.stop();
    consent.rejectAll();
    expect(snapshot.value.categories.analytics).toBe(true);
  });
});

describe('server rendering and hydration', () => {
  it('renders the fallback on the server even where consent allows the default slot', async () => {
    page().acceptAll();
    expect(html(await renderToString(createSSRApp(AnalyticsGate)))).toBe('<p>Analytics is off.</p>');
  });

  it('hydrates the server HTML with no mismatch, then shows what the stored choice allows', async () => {
    // The server has no consent object (no init() runs there)…
    const server = await renderToString(createSSRApp(AnalyticsGate));
    // …the browser has one, with a stored Accept all.
    page().acceptAll();
    const logged: unknown[] = [];
    const { error, warn } = console;
    console.error = console.warn = (...args: unknown[]) => void logged.push(args);
    try {
      mount(AnalyticsGate, server);
      expect(html(container.innerHTML)).toBe('<p>Analytics is off.</p>');
      await nextTick();
    } finally {
      Object.assign(console, { error, warn });
    }
    expect(logged).toEqual([]);
    expect(html(container.innerHTML)).toBe('<span>Analytics on.</span>');
  });
});
