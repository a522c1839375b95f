// Which language the UI speaks: the config's `locale`, else the page's
// `<html lang>`, else the browser's languages, else English; each matched
// against the languages on offer (shipped locales and the site's `texts`).
// Pure: the caller passes what it read from the page.
import { own } from '../core/record.js';

export const FALLBACK = 'en';

/** Tags that name a language we ship under another code. */
const ALIASES: Record<string, string> = {
  no: 'nb',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
  'zh-hans': 'zh-CN',
  'zh-sg': 'zh-CN',
  zh: 'zh-CN',
};

const RTL = ['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb'];

/** The best of `available` for one BCP 47 tag, or undefined. `nb-NO` → nb,
 * `pt-BR` → pt (unless pt-BR is on offer), `zh-Hant-TW` → zh-TW. */
export function match(tag: string, available: readonly string[]): string | undefined {
  const lower = tag.trim().replace(/_/g, '-').toLowerCase();
  const exact = (code: string) => available.find((a) => a.toLowerCase() == code.toLowerCase());
  const parts = lower.split('-');
  // Longest prefix first: zh-hant-tw, zh-hant, zh.
  for (let n = parts.length; n > 0; n--) {
    const prefix = parts.slice(0, n).join('-');
    const found = exact(prefix) || (own(ALIASES, prefix) && exact(ALIASES[prefix]));
    if (found) return found;
  }
  return undefined;
}

/** The first of `wanted` (most preferred first) that is on offer, else English. */
export function pickLocale(wanted: readonly (string | null | undefined)[], available: readonly string[]): string {
  for (const tag of wanted) {
    const found = tag && match(tag, available);
    if (found) return found;
  }
  return FALLBACK;
}

/** `rtl` for right-to-left scripts. */
export const direction = (locale: string): 'rtl' | 'ltr' => (RTL.includes(locale.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr');

/** The visitor's language: the config's `locale`, else `<html lang>`, else
 * the browser's languages; matched against the shipped languages and those
 * the site adds in `texts`. */
export function visitorLocale(input: unknown, shipped: readonly string[]): string {
  const config = (input && typeof input == 'object' ? input : {}) as { locale?: unknown; texts?: unknown };
  const added = config.texts && typeof config.texts == 'object' ? Object.keys(config.texts) : [];
  return pickLocale(
    [typeof config.locale == 'string' ? config.locale : null, document.documentElement.lang, ...(navigator.languages || [])],
    [...shipped, ...added],
  );
}
