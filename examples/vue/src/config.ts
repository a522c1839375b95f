// The site's samtykke config, used by the browser entry only: the server
// never calls init().
import type { SamtykkeConfig } from 'samtykke';

export const config: SamtykkeConfig = {
  regime: 'opt-in',
  revision: 1,
  privacyPolicyUrl: '/vue/#privacy',
  // samtykke loads gtag.js itself, only once analytics is allowed.
  googleAnalytics: { id: 'G-VUE2026' },
  categories: {
    analytics: {},
    marketing: {
      services: {
        videohost: { name: 'VideoHost', provider: 'VideoHost Inc.', purpose: 'Plays embedded videos, and counts who watched them.' },
      },
    },
  },
};
