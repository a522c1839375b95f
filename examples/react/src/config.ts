// The site's samtykke config, shared by the browser entry (which starts
// samtykke with it) and nothing else: the server never calls init().
import type { SamtykkeConfig } from 'samtykke';

export const config: SamtykkeConfig = {
  regime: 'opt-in',
  revision: 1,
  privacyPolicyUrl: '/react/#privacy',
  // samtykke loads gtag.js itself, only once analytics is allowed.
  googleAnalytics: { id: 'G-REACT2026' },
  categories: {
    analytics: {},
    marketing: {
      services: {
        videohost: { name: 'VideoHost', provider: 'VideoHost Inc.', purpose: 'Plays embedded videos, and counts who watched them.' },
      },
    },
  },
};
