// What every entry shares: the page's one consent object, init() and
// loadScript(). The entries differ only in how they fetch the UI chunk
// (index.ts: dynamic import; browser.ts: a script next to samtykke.min.js;
// browser-full.ts: already in the file). Importing it has no side effects
// and touches no browser global; init() is where the page is read.
import type { SamtykkeConfig } from './config/schema.js';
import { normalise } from './config/normalise.js';
import { validate } from './config/validate.js';
import { describe } from './config/problem.js';
import { createConsent, type Consent } from './consent.js';
import { browserEnvironment, memoryEnvironment, pageNonce } from './environment.js';
import { startEffects } from './effects.js';
import { loadScript as load } from './gate/load-script.js';
import { usePolicy } from './gate/trusted.js';
import { report, warn } from './report.js';
import { error } from './errors.js';
import type { Loaders } from './loading/seam.js';
import { withLocale } from './loading/with-locale.js';
import { gppSection, visitorRegion } from './core/regime.js';
import { REGION_PATTERN } from './config/defaults.js';
import { BUILT, BUILT_IN, BUILT_INPUT, US } from './site.js';

/** Where the page's one consent object lives, shared by every copy of the
 * bundle on the page (a symbol, so it is no named global). */
const INSTANCE = Symbol.for('samtykke');
type Host = { [INSTANCE]?: Consent };
const host = (): Host | undefined => (typeof window == 'undefined' ? undefined : (window as Host));

/** The page's consent object, if init() has run. */
export function current(): Consent | undefined {
  return host()?.[INSTANCE];
}

/** What a page may still say to a per-site build, per request: the
 * visitor's `region` (from the server or CDN) and `locale`. */
function pageKeys(config: unknown): { region?: string; locale?: string } {
  const given = (config && typeof config == 'object' ? config : {}) as Record<string, unknown>;
  const keys: { region?: string; locale?: string } = {};
  if (typeof given.region == 'string' && REGION_PATTERN.test(given.region)) keys.region = given.region.toUpperCase();
  if (typeof given.locale == 'string') keys.locale = given.locale;
  return keys;
}

/** The per-site build's config: checked at build time, with the page's own keys. */
const built = (config: unknown) => ({ config: { ...BUILT!, ...pageKeys(config) }, problems: [] });

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
    const normalised = BUILT_IN ? built(config) : normalise(config);
    let { problems } = normalised;
    // The development bundle says everything zod finds (unknown keys too),
    // and, once the page is parsed, what `samtykke validate page.html` would
    // warn of (a sensitive category without a Limit link, say).
    if (__DEV__) {
      problems = validate(config).problems;
      if (typeof document == 'object') {
        const warnings = () => {
          // The page's links, as the markup validate() looks for: the page
          // itself is never serialised (see scripts/html-sinks.mjs).
          let links = '';
          const found = document.querySelectorAll('[data-samtykke-link]');
          for (let i = 0; i < found.length; i++) links += `<a data-samtykke-link="${found[i].getAttribute('data-samtykke-link')}"></a>`;
          for (const warning of validate(config, { html: links }).warnings) warn(`samtykke: ${warning.path} ${warning.message}.`);
        };
        if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', warnings);
        else warnings();
      }
    }
    for (const problem of problems) report(__DEV__ ? describe(problem) : error(1, `${problem.path}: ${problem.message}`));
    const settings = normalised.config;
    usePolicy(settings.trustedTypesPolicy);
    const env = browserEnvironment(settings);
    const input = BUILT_IN ? { ...BUILT_INPUT, ...pageKeys(config) } : config;
    // On the server there is nothing to show, and no page to read a language from.
    const ui = env.inert ? {} : withLocale(loaders, input, report);
    consent = createConsent(settings, { ...env, ...ui }, input);
    if (!env.inert) {
      const section = US ? gppSection(consent.getConsent().regime, visitorRegion(settings, env.timeZone)) : -1;
      startEffects(consent, settings, pageNonce(), report, { section, loadUs: loaders.us, input, loadLocale: loaders.locale });
    }
  } catch (failure) {
    // Unreachable by design; if it happens the page still gets a consent
    // object that allows nothing non-essential.
    report(error(3, failure));
    consent = createConsent(BUILT_IN ? { ...BUILT!, regime: 'opt-in' } : normalise({}).config, memoryEnvironment());
  }
  const page = host();
  if (page) Object.defineProperty(page, INSTANCE, { value: consent, configurable: true });
  for (const waiting of beforeInit.splice(0)) waiting();
  return consent;
}

/**
 * Loads a script once `name` (a category or service) is allowed: now, or
 * when the visitor allows it. Needs init() first; resolves when it has loaded.
 * It never rejects for want of consent or of init(): the promise waits,
 * for init() too (a module may ask before the app starts samtykke). On the
 * server it waits for good: a rejection nobody caught would end the process.
 */
export function loadScript(url: string, name: string): Promise<HTMLScriptElement> {
  const consent = current();
  if (consent) return load(consent, url, name, pageNonce());
  return new Promise((resolve, reject) => {
    if (host()) beforeInit.push(() => loadScript(url, name).then(resolve, reject));
  });
}

/**
 * Runs `callback` once `name` is allowed (the consent object's method, as
 * a function to import). Before init() it waits for init(); on the server it
 * never runs. Returns a cancel function.
 */
export function whenAllowed(name: string, callback: () => void): () => void {
  const consent = current();
  if (consent) return consent.whenAllowed(name, callback);
  let stop: (() => void) | undefined;
  let cancelled = false;
  if (host()) beforeInit.push(() => cancelled || (stop = whenAllowed(name, callback)));
  return () => {
    cancelled = true;
    stop?.();
  };
}

/** loadScript() and whenAllowed() calls made before init(), run by it. */
const beforeInit: (() => void)[] = [];
