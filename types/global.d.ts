// Types for the script-tag bundles (samtykke.min.js, samtykke.full.min.js,
// samtykke.js): the global `Samtykke` they define. A site that writes its
// own TypeScript beside the script tag references them once:
//   /// <reference types="samtykke/samtykke.min.js" />
// or imports the file for its side effect in a bundled app. The ESM entry
// ('samtykke') does not bring these in: it defines no global.
import type { Consent, SamtykkeConfig, Validation } from '../dist/esm/index.js';

export interface SamtykkeGlobal extends Consent {
  /** Starts samtykke with `config`, if the page has no config block (or its
   * block came late); returns the page's one consent object. */
  init(config?: SamtykkeConfig): Consent;
  /** Loads a script once `name` (a category or service) is allowed. */
  loadScript(url: string, name: string): Promise<HTMLScriptElement>;
  /** The full config check: in the development bundle (samtykke.js) only. */
  validate?(config: unknown): Validation;
}

declare global {
  /** samtykke's script-tag API (samtykke.min.js and its siblings). */
  var Samtykke: SamtykkeGlobal;
}
