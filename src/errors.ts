// Every problem the browser bundles tell a site owner about, by number.
// The production bundles print the number, the detail and where to read
// more: each full sentence would be paid for in bytes on every page view,
// by visitors who never see the console. The development bundle
// (samtykke.js), validate() and the unit tests print the whole sentence;
// the README's "Errors" table lists them all (a test keeps it in step).

/** Where the production message points. */
export const ERRORS_URL = 'https://www.npmjs.com/package/samtykke#errors';

/** The sentences, by number; `$` is where the detail goes. */
export const ERRORS: Record<number, string> = {
  1: '$ is not valid, so the safe default is used; samtykke.js or `npx samtykke validate` says what it must be',
  2: '#samtykke-config is not valid JSON ($); nothing non-essential is allowed until it is fixed',
  3: 'could not start ($); nothing non-essential is allowed',
  4: 'no config found; add #samtykke-config or call Samtykke.init({...})',
  5: 'the browser refused the cookie (blocked, or too big), so the choice holds for this page only',
  6: 'a listener threw ($)',
  7: 'the consent UI could not be loaded ($); nothing non-essential runs until the visitor chooses',
  8: 'the US privacy signals could not be loaded ($); __gpp answers as a stub',
  9: 'a language file could not be loaded ($); English is shown',
  10: "Google's tag loaded before samtykke, so it missed the Consent Mode default; put samtykke's script first",
  11: '<$ data-samtykke> is not inert, so it ran before consent; give a script type="text/plain", other elements data-src or data-href',
  12: 'a gated element could not be started ($)',
  13: 'could not check added elements ($); they stay inert',
  14: "the Trusted Types policy $; add it to the CSP's trusted-types or set trustedTypesPolicy",
  15: 'a call failed inside samtykke ($); nothing was thrown to the page',
};

/** The production bundles' line for problem `code`. */
export const shortError = (code: number, detail: unknown = '') =>
  `samtykke: error ${code}${detail !== '' ? ` (${detail})` : ''}; see ${ERRORS_URL}`;

/** The development bundle's line: the whole sentence. */
export const longError = (code: number, detail: unknown = '') => `samtykke: ${ERRORS[code].replace('$', String(detail))}.`;

/** The console line for problem `code`, with what varies (`detail`). */
export const error = (code: number, detail?: unknown): string => (__DEV__ ? longError : shortError)(code, detail);
