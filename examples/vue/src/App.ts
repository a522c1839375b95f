// The app, rendered to HTML by the server (server.ts, vue/server-renderer)
// and hydrated in the browser (client.ts, createSSRApp). Written with
// render functions, so it needs no SFC compiler. Consent comes from
// samtykke/vue: on the server and until the app is mounted it allows
// nothing, so both sides render the same HTML; the visitor's real choice
// applies right after.
import { defineComponent, h } from 'vue';
import { SamtykkeGate, useConsent } from 'samtykke/vue';

const VIDEO = 'https://player.videohost.example/embed/intro';

/** What is allowed now, as the visitor's choice changes. */
const Status = defineComponent(() => {
  const consent = useConsent();
  return () =>
    h('ul', { 'data-status': '' }, [
      ...Object.entries(consent.value.categories).map(([name, on]) => h('li', { key: name }, `${name}: ${on ? 'allowed' : 'not allowed'}`)),
      h('li', `choice made: ${consent.value.decided ? 'yes' : 'no'}`),
    ]);
});

const card = (id: string, title: string, ...children: ReturnType<typeof h>[]) =>
  h('section', { class: 'card', 'aria-labelledby': id }, [h('h2', { id }, title), ...children]);

export const App = defineComponent(() => () =>
  h('main', [
    h('h1', 'Fjellstue: a Vue app'),
    h('p', ['This page is rendered on the server with ', h('code', 'vue/server-renderer'), ' and hydrated in the browser. Its gated parts use ', h('code', 'samtykke/vue'), '.']),
    card('allowed-title', 'What is allowed', h(Status)),
    card(
      'stats-title',
      'Visitor statistics',
      h(SamtykkeGate, { name: 'analytics' }, {
        default: () => h('p', { 'data-analytics': 'on' }, 'Analytics is on: Google Analytics counts this visit.'),
        fallback: () => h('p', { 'data-analytics': 'off' }, 'Analytics is off: Google Analytics is not loaded.'),
      }),
    ),
    card(
      'video-title',
      'Getting started, in two minutes',
      h(SamtykkeGate, { name: 'videohost' }, {
        default: () => h('iframe', { class: 'video', src: VIDEO, title: 'Video: getting started' }),
        // Shown where the video will be, until the visitor allows that one service.
        fallback: ({ allow }: { allow: () => void }) =>
          h('div', { class: 'placeholder', 'data-placeholder': 'videohost' }, [
            h('p', 'This video is hosted by VideoHost, which sets cookies and sees that you watched it.'),
            h('button', { type: 'button', onClick: allow }, 'Load this video'),
          ]),
      }),
    ),
    h('section', { id: 'privacy', class: 'card' }, [
      h('h2', 'Privacy'),
      h('p', 'Analytics and the video load only after you allow them.'),
      h('button', { type: 'button', 'data-open-preferences': '' }, 'Privacy settings'),
    ]),
  ]),
);
