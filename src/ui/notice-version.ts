// Which texts a choice was made on, for its consent receipt (receipts.ts
// `texts`): a short id of the words the view showed, so that a consent log
// can prove what the visitor read. `samtykke log notice` (log/notice.mjs)
// imports these same functions from dist/esm and feeds them the site's
// config and samtykke's language files, so it registers the very ids the
// UI sends, each with its texts. Pure, and synchronous: crypto.subtle is
// async and missing on http: pages, and the receipt is sent in the click.
import type { UiConfig } from '../config/schema.js';
import type { Keys, Part } from './locale-parts.js';
import type { Strings } from './strings.js';

/** The views a visitor chooses in. */
export type NoticeView = 'banner' | 'preferences' | 'opt-out' | 'privacy-centre';

/**
 * The texts a choice in `view` was made on, key → string:
 * - every string of the language parts the view shows (locale-parts.json:
 *   the banner's in every view, for its buttons and the links that open the
 *   dialogs; the privacy centre shows every part, as with-locale.ts fetches
 *   them), as layered for the visitor (English, the language, the site's
 *   `texts`). A string the view holds but does not draw now (an opt-out
 *   link's text) counts too: a version too many is harmless, a change
 *   missed is not;
 * - `privacyPolicyUrl`, which the banner's text links to;
 * - `categories`: the config's categories as the UI reads them (labels,
 *   descriptions, services, cookie tables), as JSON. The preferences show
 *   them, and Accept all in the banner accepts what they list.
 * @param strings the strings as layered (ui.tsx `t`)
 * @param keys the key lists of the parts at hand (every part's, for the
 *   privacy centre)
 * @param config the UI's reading of the config (normalise-ui.ts)
 */
export function noticeTexts(view: NoticeView, strings: Strings, keys: Keys, config: UiConfig): Strings {
  const texts: Strings = {};
  const parts = view == 'privacy-centre' ? (Object.keys(keys) as Part[]) : ['banner' as const, view];
  for (const part of parts) for (const key of keys[part] || []) if (strings[key]) texts[key] = strings[key];
  if (config.privacyPolicyUrl) texts.privacyPolicyUrl = config.privacyPolicyUrl;
  texts.categories = JSON.stringify(config.categories);
  return texts;
}

/**
 * The version of `texts`: FNV-1a, 64 bits (on code points), of the
 * entries sorted by key, in base 36 (at most 13 characters). The order the
 * strings came in does not matter; any change to a key or a string gives
 * another id (but for a chance of 1 in 2^64). 64 bits are enough because the id only has to tell one site's
 * versions apart (the log keeps each version's full text): for a site with
 * 10,000 versions the chance that two share an id is about 1 in 370
 * billion. It is no proof against a forger; the log's texts are.
 * BigInt keeps the code short, which counts in the UI chunk; it hashes the
 * longest notice (the privacy centre's, 8,600 characters) in about 0.1 ms.
 */
export function noticeVersion(texts: Strings): string {
  // The key list as replacer: the keys in sorted order, whatever order they
  // were added in.
  const text = JSON.stringify(texts, Object.keys(texts).sort());
  let hash = 0xcbf29ce484222325n;
  for (const char of text) hash = BigInt.asUintN(64, (hash ^ BigInt(char.codePointAt(0)!)) * 0x100000001b3n);
  return hash.toString(36);
}
