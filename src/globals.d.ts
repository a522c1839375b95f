/** True in the development bundle (dist/samtykke.js) and the unit tests:
 * full zod validation of the config. Replaced at build time. */
declare const __DEV__: boolean;

/** A file's text, bundled (rollup.config.mjs; vite does the same in tests). */
declare module '*?raw' {
  const text: string;
  export default text;
}

/** The languages built into the one-file bundles (rollup.config.mjs): by
 * code, then part, the part's strings in key order (locale-parts.ts). */
declare module 'samtykke:locales' {
  const locales: Record<string, Record<import('./ui/locale-parts.js').Part, (string | null)[]>>;
  export default locales;
}

/** English, for the parts named (scripts/english.mjs): 'samtykke:english/banner',
 * 'samtykke:english/preferences+opt-out'. */
declare module 'samtykke:english/*' {
  const strings: Record<string, string>;
  export default strings;
}
