// The public ESM API. Importing it has no side effects and touches no
// browser global; init() is where the page is read. The banner's code (the
// UI chunk: preact, components, styles, strings) is a dynamic import, so a
// bundler splits it off and a returning visitor never downloads it.
import type { SamtykkeConfig } from './config/schema.js';
import type { Consent } from './consent.js';
import { init as start } from './api.js';

/**
 * Starts samtykke on this page and returns its consent object. Calling it
 * again returns the same object: two inits are harmless. A bad config is
 * reported on the console, one line per problem, and the safe default is
 * used for what was wrong; init() never throws.
 */
export function init(config?: SamtykkeConfig): Consent {
  return start(config, {
    ui: () => import('./ui/ui-esm.js'),
    button: () => import('./ui/button.js'),
    us: () => import('./signals/us-module.js'),
    // dist/esm/locales/<code>.<part>.js, one module per language and part,
    // each a literal import() in a list that is itself fetched only when a
    // language is (locale-imports.ts): every bundler splits them unasked.
    locale: (code, part) => import('./loading/locale-imports.js').then(({ default: files }) => files[`${code}.${part}`]()).then((module) => module.default),
  });
}

export { current, loadScript, whenAllowed } from './api.js';
export { validate, type Validation } from './config/validate.js';
export type { Problem } from './config/problem.js';
export type { ValidateOptions } from './config/warnings.js';
export type { SamtykkeConfig, Config, CategoryConfig, ServiceConfig, CookieSpec, Regime } from './config/schema.js';
export type { Consent, ConsentSnapshot, ConsentEvent, PrivacyCentreSection } from './consent.js';
