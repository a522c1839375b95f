// A small notes app that bundles samtykke. Everything here is typed from
// the package: the config, the snapshot, the events.
import { init, loadScript, type ConsentSnapshot, type SamtykkeConfig } from 'samtykke';
import { renderStatus, renderLog } from './view';

const config: SamtykkeConfig = {
  regime: 'opt-in',
  revision: 1,
  privacyPolicyUrl: '/npm-esm/#privacy',
  categories: {
    preferences: {
      services: {
        'supportly-chat': { name: 'Supportly chat', provider: 'Supportly AS', cookies: ['supportly_session'] },
      },
    },
    analytics: {},
  },
};

const consent = init(config);

// Re-render whenever what is allowed changes (a choice, a withdrawal, GPC).
consent.on('change', (snapshot: ConsentSnapshot) => renderStatus(snapshot));
renderStatus(consent.getConsent());

// 'consent' fires on every choice the visitor makes, even the same one again.
consent.on('consent', () => renderLog('Your choice was saved.'));

// Runs once, now or when analytics is first allowed.
consent.whenAllowed('analytics', () => {
  renderLog('Analytics started.');
  document.documentElement.dataset.analytics = 'on';
});

// A third-party script, loaded only with the service's consent (and the
// page's CSP nonce, if it has one).
loadScript('https://widget.supportly.example/chat.js', 'supportly-chat').then(() => renderLog('Chat widget loaded.'));

document.querySelector('[data-open-preferences]')!.addEventListener('click', () => consent.showPreferences());
