// samtykke/react (src/react.ts) in jsdom: the hooks and <Gate> follow the
// page's consent object as the visitor chooses, and a server-rendered page
// hydrates without a mismatch, showing only then what the cookie allows.
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement as h, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { Gate, NOTHING, useAllowed, useConsent } from '../../src/react';
import type { Consent, ConsentSnapshot } from '../../src/consent';
import { boundPage as page } from './helpers';

const INSTANCE = Symbol.for('samtykke');

// React's test mode: act() flushes renders and effects.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;


let container: HTMLElement;
let unmount = () => {};
function render(node: ReactNode) {
  container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  act(() => root.render(node));
  unmount = () => act(() => root.unmount());
}

afterEach(() => {
  unmount();
  unmount = () => {};
  document.body.replaceChildren();
  delete (window as { [INSTANCE]?: Consent })[INSTANCE];
});

const analyticsGate = () =>
  h(Gate, { name: 'analytics', fallback: h('p', null, 'Analytics is off.') }, h('span', { 'data-tag': 'ga' }, 'Analytics on.'));

describe('useAllowed and <Gate>', () => {
  it('renders the fallback until the category is allowed, the children after, and the fallback again on withdrawal', () => {
    const consent = page();
    render(analyticsGate());
    expect(container.innerHTML).toBe('<p>Analytics is off.</p>');
    act(() => consent.acceptAll());
    expect(container.innerHTML).toBe('<span data-tag="ga">Analytics on.</span>');
    act(() => consent.rejectAll());
    expect(container.innerHTML).toBe('<p>Analytics is off.</p>');
  });

  it("gives a render-prop fallback allow(), which allows that one service and not its category", () => {
    const consent = page();
    render(
      h(Gate, {
        name: 'videohost',
        fallback: (allow: () => void) => h('button', { onClick: allow }, 'Load this video'),
        children: h('iframe', { title: 'Video' }),
      }),
    );
    const button = container.querySelector('button')!;
    expect(button.textContent).toBe('Load this video');
    act(() => button.click());
    expect(container.innerHTML).toBe('<iframe title="Video"></iframe>');
    expect(consent.allowed('videohost')).toBe(true);
    expect(consent.allowed('marketing')).toBe(false);
  });

  it('renders nothing without a fallback, and an unknown name is not allowed', () => {
    const consent = page();
    function Probe() {
      return h('i', null, String(useAllowed('nonesuch')));
    }
    render(h('div', null, h(Gate, { name: 'marketing' }, 'ad'), h(Probe)));
    act(() => consent.rejectAll());
    expect(container.innerHTML).toBe('<div><i>false</i></div>');
    act(() => consent.set({ marketing: true }));
    expect(container.innerHTML).toBe('<div>ad<i>false</i></div>');
  });

  it('allows nothing before init(), without throwing', () => {
    render(analyticsGate());
    expect(container.innerHTML).toBe('<p>Analytics is off.</p>');
  });
});

describe('useConsent', () => {
  it('gives the same snapshot until something changes, then the new one, and renders only then', () => {
    const consent = page();
    const seen: ConsentSnapshot[] = [];
    function Probe() {
      seen.push(useConsent());
      return null;
    }
    render(h(Probe));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(consent.getConsent());
    expect(seen[0].decided).toBe(false);
    act(() => consent.acceptAll());
    expect(seen.at(-1)!.categories).toEqual({ necessary: true, analytics: true, marketing: true });
    expect(seen.at(-1)!.decided).toBe(true);
    const renders = seen.length;
    // The same choice again: a new timestamp (`consent`), nothing else.
    act(() => consent.acceptAll());
    expect(seen.length).toBe(renders + 1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('stops listening when the component unmounts', () => {
    const consent = page();
    let renders = 0;
    function Probe() {
      renders++;
      useConsent();
      return null;
    }
    render(h(Probe));
    unmount();
    unmount = () => {};
    act(() => consent.acceptAll());
    expect(renders).toBe(1);
  });
});

describe('server rendering and hydration', () => {
  it('renders the fallback on the server even where consent allows the children: the server snapshot allows nothing', () => {
    const consent = page();
    consent.acceptAll();
    function Status() {
      const snapshot = useConsent();
      return h('b', null, snapshot === NOTHING ? 'nothing' : 'real');
    }
    expect(renderToString(h('main', null, analyticsGate(), h(Status)))).toBe('<main><p>Analytics is off.</p><b>nothing</b></main>');
  });

  it('hydrates the server HTML with no mismatch, then shows what the stored choice allows', async () => {
    const app = () => h('main', null, analyticsGate());
    // The server has no consent object (no init() runs there)…
    const html = renderToString(app());
    // …the browser has one, with a stored Accept all.
    page().acceptAll();
    container = document.body.appendChild(document.createElement('div'));
    container.innerHTML = html;
    const errors: unknown[] = [];
    const logged: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      await act(async () => {
        const root = hydrateRoot(container, app(), { onRecoverableError: (error) => void errors.push(error) });
        unmount = () => act(() => root.unmount());
      });
    } finally {
      console.error = log;
    }
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    expect(container.innerHTML).toBe('<main><span data-tag="ga">Analytics on.</span></main>');
  });
});
