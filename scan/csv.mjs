// CSV as RFC 4180 writes it: fields split by commas, records by CRLF (LF or
// a lone CR accepted too), a field in double quotes may hold commas, line
// breaks and doubled quotes. The Open Cookie Database is such a file, and a
// --db override may be a fork of it.

/**
 * The records of a CSV text, each a list of its fields (strings, unquoted).
 * A BOM is dropped; a final line break does not start an empty record.
 * Lenient where the RFC is silent: a quote inside an unquoted field is kept
 * as it is, and text after a closing quote is appended to the field.
 * Throws on a quoted field that never closes (it would swallow the file).
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  /** @type {string[][]} */
  const rows = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= n) return rows;
  /** @type {string[]} */
  let row = [];
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      const start = i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error(`unterminated quoted field on line ${lineOf(text, start)}`);
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
    }
    const end = fieldEnd(text, i);
    field += text.slice(i, end);
    i = end;
    row.push(field);
    if (i >= n) break;
    if (text[i] === ',') {
      i++;
      continue;
    }
    // A line break ends the record.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
  rows.push(row);
  return rows;
}

/** Where an unquoted stretch ends: at a comma, a line break or the end. */
function fieldEnd(/** @type {string} */ text, /** @type {number} */ i) {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/** The 1-based line of an offset, for an error message. */
function lineOf(/** @type {string} */ text, /** @type {number} */ offset) {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
