// Google Analytics 4, built in: gtag.js is loaded only once analytics is
// allowed (in Consent Mode's "basic" mode), and configured with the IP
// masked and data sharing off unless the site says otherwise.
import { scriptUrl } from './trusted.js';
import type { CoreConfig } from '../config/schema.js';
import type { Consent } from '../consent.js';
import type { Gtag } from '../signals/gtag.js';

type Page = Record<string, unknown>;

export function startGoogleAnalytics(
  config: CoreConfig,
  consent: Consent,
  gtag: Gtag,
  page: Page,
  nonce: string | undefined,
) {
  const ga = config.googleAnalytics!;
  const mode = config.consentMode;
  const layer = mode ? mode.dataLayer : 'dataLayer';
  // A `ga4` service, if the site lists one, can be switched off on its own.
  const name = config.categories.analytics?.services.ga4 ? 'ga4' : 'analytics';
  // GA's own kill switch: stops hits from a tag that already ran.
  const disable = 'ga-disable-' + ga.id;
  let loaded = false;

  function load() {
    page[disable] = false;
    if (loaded) return;
    loaded = true;
    const script = document.createElement('script');
    script.async = true;
    script.src = scriptUrl(`https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(ga.id)}${layer == 'dataLayer' ? '' : '&l=' + layer}`);
    if (nonce) script.nonce = nonce;
    document.head.append(script);
    gtag('js', new Date());
    gtag('config', ga.id, {
      anonymize_ip: ga.anonymizeIp ?? true,
      allow_google_signals: ga.allowGoogleSignals ?? false,
      allow_ad_personalization_signals: ga.allowAdPersonalizationSignals ?? false,
    });
  }

  // Advanced mode loads at once: Consent Mode's denied defaults keep it
  // cookieless until the visitor allows analytics.
  if (mode && mode.mode == 'advanced') load();
  else {
    consent.whenAllowed(name, load);
    consent.on('change', () => {
      if (loaded) consent.allowed(name) ? load() : (page[disable] = true);
    });
  }
}
