// Markup for the pages the commands write, escaped by default: the scan's
// report (every value came from a scanned site) and the consent log's
// dashboard (every value came from a browser or a query string). The `html`
// template tag escapes every interpolated value with `esc`, the one
// escaping function, unless the value is markup `html` made itself.

/** Markup that is already safe: made by `html`, never from a bare string. */
export class Html {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const ESCAPES = /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' });

/**
 * The one escaping function: text for an HTML text node or a quoted
 * attribute value (all five of & < > " ' are replaced, so it is safe in
 * either quote style).
 * @param {unknown} value
 */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** @param {unknown} value @returns {string} */
function part(value) {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  // null, undefined and false render nothing, so `${cond && html`…`}` works.
  if (value == null || value === false) return '';
  return esc(value);
}

/**
 * Template tag: the literal parts are trusted markup, every `${value}` is
 * escaped (arrays are joined, Html is kept as it is).
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Html(out);
}
