// @vitest-environment node
// samtykke/react and samtykke/vue on a server: no window, no document and
// no init(). Rendering works and allows nothing but `necessary`, and allow()
// does nothing, so a server-rendered page never shows a gated part.
import { expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString as renderReact } from 'react-dom/server';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString as renderVue } from 'vue/server-renderer';
import * as react from '../../src/react';
import * as vue from '../../src/vue';

it('runs where there is no window', () => {
  expect(typeof window).toBe('undefined');
  expect(typeof document).toBe('undefined');
});

it('React: the gates show their fallbacks, and useConsent gives NOTHING, which allows only necessary', () => {
  function Status() {
    const snapshot = react.useConsent();
    return createElement('b', null, `${snapshot === react.NOTHING} ${react.useAllowed('necessary')} ${react.useAllowed('analytics')}`);
  }
  const html = renderReact(
    createElement('main', null,
      createElement(react.Gate, { name: 'analytics', fallback: 'off' }, 'on'),
      createElement(react.Gate, { name: 'videohost', fallback: (allow: () => void) => (allow(), 'placeholder') }, 'video'),
      createElement(Status),
    ),
  );
  expect(html).toBe('<main>off<!-- -->placeholder<b>true true false</b></main>');
});

it('Vue: the gates show their fallback slots, and useConsent gives NOTHING', async () => {
  const app = createSSRApp(defineComponent(() => {
    const snapshot = vue.useConsent();
    const necessary = vue.useAllowed('necessary');
    return () =>
      h('main', [
        h(vue.SamtykkeGate, { name: 'analytics' }, { default: () => 'on', fallback: () => 'off' }),
        h('b', `${snapshot.value === vue.NOTHING} ${necessary.value}`),
      ]);
  }));
  expect((await renderVue(app)).replace(/<!--[[\]]-->/g, '')).toBe('<main>off<b>true true</b></main>');
});

it('NOTHING is frozen: no page code can make the server allow something', () => {
  expect(Object.isFrozen(react.NOTHING)).toBe(true);
  expect(Object.isFrozen(react.NOTHING.categories)).toBe(true);
  expect(react.NOTHING).toMatchObject({ categories: { necessary: true }, services: {}, decided: false, persisted: false, id: null });
  expect(vue.NOTHING).toBe(react.NOTHING);
});
