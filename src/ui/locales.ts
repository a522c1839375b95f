// The languages samtykke ships, one file each in locales/. A test keeps this
// list and the files in step.
export const LOCALES = [
  'en', 'da', 'sv', 'nb', 'nn', 'fi', 'is', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'cs', 'sk', 'sl', 'hu', 'ro', 'bg', 'hr',
  'sr', 'el', 'et', 'lv', 'lt', 'ga', 'mt', 'ca', 'eu', 'gl', 'uk', 'ru', 'tr', 'ar', 'he', 'fa', 'ja', 'ko', 'zh-CN', 'zh-TW', 'vi',
];

export type Strings = Record<string, string>;

/** The UI's language and, for a shipped language other than English, its strings. */
export interface Locale {
  code: string;
  strings?: Strings;
}

/** A shipped language's strings, fetched with `load`; nothing to fetch for
 * English (built into the UI) or a language only the site's `texts` has. */
export const shippedStrings = (code: string, load: (code: string) => Promise<Strings>): Promise<Strings | undefined> =>
  code == 'en' || !LOCALES.includes(code) ? Promise.resolve(undefined) : load(code);
