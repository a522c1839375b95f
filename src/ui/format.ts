// The one markup locale strings may use: `[link text](url)`, and `{name}`
// placeholders. Strings become text nodes and links, never HTML, so a
// translation or a site's override cannot inject markup.

import { own } from '../core/record.js';

export type Piece = string | { text: string; href: string };

const LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;
const PLACEHOLDER = /\{(\w+)\}/g;
/** http(s), root-relative, fragment or mail links; `javascript:` and friends
 * fall back to plain text. */
const SAFE_URL = /^(https?:\/\/|\/|#|mailto:)/i;

/** Splits `template` into text and links, filling `{name}` from `params`. A
 * link whose URL is missing or unsafe becomes its plain text. */
export function format(template: string, params: Record<string, string | undefined> = {}): Piece[] {
  // Own string values only: `{constructor}` must not print a built-in.
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name) => (own(params, name) && typeof params[name] == 'string' ? params[name]! : whole));
  const pieces: Piece[] = [];
  let at = 0;
  const text = (value: string) => {
    if (!value) return;
    const last = pieces.length - 1;
    if (typeof pieces[last] == 'string') pieces[last] += value;
    else pieces.push(value);
  };
  for (const match of template.matchAll(LINK)) {
    text(fill(template.slice(at, match.index)));
    const href = fill(match[2]);
    if (SAFE_URL.test(href)) pieces.push({ text: fill(match[1]), href });
    else text(fill(match[1]));
    at = match.index! + match[0].length;
  }
  text(fill(template.slice(at)));
  return pieces;
}
