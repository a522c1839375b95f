// What every entry shares: the page's one consent object, init() and
// loadScript(). The entries differ only in how they fetch the UI chunk
// (index.ts: dynamic import; browser.ts: a script next to samtykke.min.js;
// browser-full.ts: already in the file). Importing it has no side effects
// and touches no browser global; init() is where the page is read.
import type { SamtykkeConfig } from './config/schema';
import { normalise } from './config/normalise';
import { validate } from './config/validate';
import { describe } from './config/problem';
import { createConsent, type Consent } from './consent';
import { browserEnvironment, memoryEnvironment, pageNonce } from './environment';
import { startEffects } from './effects';
import { loadScript as load } from './gate/load-script';
import { usePolicy } from './gate/trusted';
import { report } from './report';
import type { Loaders } from './ui/seam';
import { withLocale } from './ui/with-locale';
import { gppSection, visitorRegion } from './core/regime';

/** Where the page's one consent object lives, shared by every copy of the
 * bundle on the page (a symbol, so it is no named global). */
const INSTANCE = Symbol.for('samtykke');
type Host = { [INSTANCE]?: Consent };
const host = (): Host | undefined => (typeof window == 'undefined' ? undefined : (window as Host));

/** The page's consent object, if init() has run. */
export function current(): Consent | undefined {
  return host()?.[INSTANCE];
}

/** init() as documented in index.ts; `loaders` is how this entry fetches
 * its chunks. */
export function init(config: SamtykkeConfig | undefined, loaders: Loaders): Consent {
  const existing = current();
  if (existing) {
    if (__DEV__ && config) report('samtykke: init() was called again; the first config stays in force.');
    return existing;
  }
  let consent: Consent;
  try {
    const normalised = normalise(config);
    let { problems } = normalised;
    // The development bundle says everything zod finds (unknown keys too).
    if (__DEV__) problems = validate(config).problems;
    for (const problem of problems) report(describe(problem));
    const settings = normalised.config;
    usePolicy(settings.trustedTypesPolicy);
    const env = browserEnvironment(settings);
    const ui = withLocale(loaders, config, report);
    consent = createConsent(settings, { ...env, loadUi: ui.loadUi, setLocale: ui.setLocale }, config);
    if (typeof document != 'undefined') {
      const section = gppSection(consent.getConsent().regime, visitorRegion(settings, env.timeZone));
      startEffects(consent, settings, pageNonce(), report, { section, loadUs: loaders.us, input: config, loadLocale: loaders.locale });
    }
  } catch (error) {
    // Unreachable by design; if it happens the page still gets a consent
    // object that allows nothing non-essential.
    report(`samtykke: could not start (${error}); nothing non-essential is allowed.`);
    consent = createConsent(normalise({}).config, memoryEnvironment());
  }
  const page = host();
  if (page) Object.defineProperty(page, INSTANCE, { value: consent, configurable: true });
  return consent;
}

/**
 * Loads a script once `name` (a category or service) is allowed: now, or
 * when the visitor allows it. Needs init() first; resolves when it has loaded.
 */
export function loadScript(url: string, name: string): Promise<HTMLScriptElement> {
  const consent = current();
  return consent ? load(consent, url, name, pageNonce()) : Promise.reject(new Error('samtykke: call init() before loadScript().'));
}
