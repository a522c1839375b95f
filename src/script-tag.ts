// What the script-tag bundles do on load: define the global `Samtykke` and
// start from the page's config block, so a site needs no inline JavaScript
// (strict CSP). browser.ts and browser-full.ts call it with their UI loader.
import { current, init, loadScript } from './api.js';
import { nothingFrom } from './consent.js';
import { validate } from './config/validate.js';
import type { SamtykkeConfig } from './config/schema.js';
import type { Loaders } from './loading/seam.js';
import { report } from './report.js';
import { error } from './errors.js';
import { BUILT_IN } from './site.js';

const CONFIG_ID = 'samtykke-config';
/** The consent object's methods, forwarded by the global. */
const METHODS = 'acceptAll rejectAll set allowed getConsent optOut optIn limitSensitive unlimitSensitive reset on whenAllowed showPreferences showOptOut showPrivacyCentre setLocale';
/** `<script src="samtykke.min.js" data-regime="auto" …>` for the simplest sites. */
const ATTRIBUTES = 'regime defaultRegime region revision locale privacyPolicyUrl layout theme googleAnalytics consentMode uiUrl';

function fromAttributes(script: HTMLOrSVGScriptElement | null): SamtykkeConfig | undefined {
  const data = (script as HTMLElement | null)?.dataset || {};
  const config: Record<string, unknown> = {};
  for (const key of ATTRIBUTES.split(' ')) {
    const value = data[key];
    if (value != null) {
      config[key] =
        key == 'revision' ? +value
        : key == 'googleAnalytics' ? { id: value }
        : key == 'consentMode' ? value != 'false'
        : value;
    }
  }
  return Object.keys(config).length ? config : undefined;
}

function fromBlock(): SamtykkeConfig | undefined {
  const block = document.getElementById(CONFIG_ID);
  if (!block) return undefined;
  try {
    return JSON.parse(block.textContent!);
  } catch (failure) {
    report(error(2, failure));
    return {};
  }
}

/** Starts from the config block and the script's attributes, if there are any. */
function start(script: HTMLOrSVGScriptElement | null, loaders: Loaders) {
  try {
    const attributes = fromAttributes(script);
    const block = fromBlock();
    // A per-site build carries its config: the page may add its region.
    return !!(BUILT_IN || block || attributes) && !!init({ ...attributes, ...block }, loaders);
  } catch (failure) {
    report(error(3, failure));
    return true;
  }
}

/** `loaders` makes the chunk loaders from the bundle's own script tag. */
export function boot(loaders: (script: HTMLOrSVGScriptElement | null) => Loaders) {
  const page = window as unknown as { Samtykke?: unknown };
  // Included twice: the first copy stays in charge.
  if (page.Samtykke) return;
  const script = document.currentScript;
  const chunks = loaders(script);
  const api: Record<string, unknown> = { init: (config?: SamtykkeConfig) => init(config, chunks), loadScript };
  for (const method of METHODS.split(' ')) {
    api[method] = (...args: unknown[]) => {
      const consent = current() as unknown as Record<string, (...a: unknown[]) => unknown> | undefined;
      if (consent) return consent[method](...args);
      // Before init nothing is allowed and nothing is recorded.
      if (__DEV__) report(`samtykke: call Samtykke.init() (or add #${CONFIG_ID}) before Samtykke.${method}().`);
      return nothingFrom(method);
    };
  }
  if (__DEV__) api.validate = validate;
  page.Samtykke = Object.freeze(api);

  if (!start(script, chunks)) {
    // The config block may come after the script tag: look again once the
    // document is parsed. Say so only if nothing started by the load event,
    // as a site may call Samtykke.init() from its own code until then.
    const later = () => current() || start(script, chunks);
    const check = () => later() || report(error(4));
    if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', later);
    if (document.readyState == 'complete') setTimeout(check);
    else addEventListener('load', check);
  }
}
