// The languages samtykke ships, one file each in locales/ (built into one
// file per part: see locale-parts.ts). A test keeps this list and the files
// in step.
import type { Part, Parts, Values } from '../ui/locale-parts.js';

export const LOCALES = [
  'en', 'da', 'sv', 'nb', 'nn', 'fi', 'is', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'cs', 'sk', 'sl', 'hu', 'ro', 'bg', 'hr',
  'sr', 'el', 'et', 'lv', 'lt', 'ga', 'mt', 'ca', 'eu', 'gl', 'uk', 'ru', 'tr', 'ar', 'he', 'fa', 'ja', 'ko', 'zh-CN', 'zh-TW', 'vi',
];

export type Strings = Record<string, string>;

/** The UI's language and, for a shipped language other than English, the
 * parts of it fetched so far (a part that failed is undefined: English is
 * shown for its strings). No `parts`: a language only the site's `texts` has. */
export interface Locale {
  code: string;
  parts?: Parts;
}

/** Whether `code` is a language whose strings are fetched: shipped, and not
 * English (which the UI carries). */
export const fetched = (code: string): boolean => code != 'en' && LOCALES.includes(code);

/** One part of a shipped language, fetched with `load`; nothing to fetch for
 * English or a language only the site's `texts` has. */
export const shippedPart = (code: string, part: Part, load: (code: string, part: Part) => Promise<Values>): Promise<Values | undefined> =>
  fetched(code) ? load(code, part) : Promise.resolve(undefined);
