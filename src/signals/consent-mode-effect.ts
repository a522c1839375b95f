// Google Consent Mode on the page: the default before any tag reads the
// dataLayer, an update on every change.
import type { ConsentModeOptions } from '../config/schema.js';
import type { ConsentSnapshot } from '../consent.js';
import { consentState } from './consent-mode.js';
import type { Gtag } from './gtag.js';

/** Pushes `consent default` for `state` and returns the function that pushes
 * each update. The stored choice is the default on later pages, so tags
 * never see denied flip to granted; `wait_for_update` only while the visitor
 * has not chosen yet. */
export function startConsentMode(options: ConsentModeOptions, gtag: Gtag, state: ConsentSnapshot) {
  gtag('consent', 'default', {
    ...consentState(state.categories),
    ...(state.decided ? {} : { wait_for_update: options.waitForUpdate }),
  });
  if (options.adsDataRedaction) gtag('set', 'ads_data_redaction', true);
  if (options.urlPassthrough) gtag('set', 'url_passthrough', true);
  return (next: ConsentSnapshot) => gtag('consent', 'update', consentState(next.categories));
}
