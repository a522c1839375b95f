// What the decision does to the page: Consent Mode signals, gated elements,
// Google Analytics, cookie deletion on withdrawal, consent receipts, the
// links that reopen the preferences. Runs in the browser only, right after
// the consent object is made.
import type { CoreConfig } from './config/schema.js';
import type { Consent, ConsentSnapshot } from './consent.js';
import { withdrawn, cookiesOf } from './core/revocation.js';
import { gtagOf, type Gtag } from './signals/gtag.js';
import { startConsentMode } from './signals/consent-mode-effect.js';
import { startGate } from './gate/gate.js';
import { deleteCookies } from './gate/cookies.js';
import { startGoogleAnalytics } from './gate/google-analytics.js';
import { receiptOf, retryReceipt, sendReceipt, TEXTS } from './receipts.js';
import { listenForLinks } from './links.js';
import { startUsSignals, type UsLoader } from './signals/us-signals.js';
import { error } from './errors.js';
import { GOOGLE, RECEIPTS, US } from './site.js';
import type { Loaders } from './loading/seam.js';

type Page = Record<string, unknown>;

export function startEffects(
  consent: Consent,
  config: CoreConfig,
  nonce: string | undefined,
  report: (message: string) => void,
  us: { section: number; loadUs: UsLoader; input: unknown; loadLocale: Loaders['locale'] },
) {
  const page = window as unknown as Page;
  let before = consent.getConsent();
  let gtag: Gtag | undefined;
  let update: ((state: ConsentSnapshot) => void) | undefined;

  // Consent Mode first: its default must be in the dataLayer before any tag.
  if (GOOGLE && config.consentMode) {
    if (page.google_tag_manager) {
      report(error(10));
    }
    gtag = gtagOf(page, config.consentMode.dataLayer);
    update = startConsentMode(config.consentMode, gtag, before);
  }

  // Registered before the gate and GA, so that on a change Google hears the
  // new consent state before any tag it unblocks runs.
  consent.on('change', (after) => {
    update?.(after);
    const categories = withdrawn(before.categories, after.categories);
    const services = withdrawn(before.services, after.services);
    before = after;
    if (!categories.length && !services.length) return;
    deleteCookies(cookiesOf(config, categories, services), location.hostname, config.cookie.name);
    if (config.reloadOnRevoke) location.reload();
  });

  if (US) startUsSignals(consent, config, us.section, us.loadUs, report, us.input, us.loadLocale);
  startGate(consent, nonce, report);
  listenForLinks(consent, config);
  if (GOOGLE && config.googleAnalytics) startGoogleAnalytics(config, consent, gtag || gtagOf(page, 'dataLayer'), page, nonce);

  const receipts = config.receipts;
  if (RECEIPTS && receipts) {
    retryReceipt(receipts.url);
    consent.on('consent', (state) => {
      const where = location.origin + location.pathname;
      // Set by the UI only while it makes a choice (ui.tsx): a choice made
      // through the API has no texts.
      const texts = (page as unknown as Record<symbol, string | undefined>)[Symbol.for(TEXTS)] || null;
      sendReceipt(receipts.url, JSON.stringify(receiptOf(state, where, document.documentElement.lang || null, texts)));
    });
  }
}
