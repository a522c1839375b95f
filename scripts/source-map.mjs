// Reading a source map's mappings: which source file and line each column
// of a built file comes from. Used by `npm run size:map` (bytes per source
// file) and `npm run profile` (a profile's functions by source line).
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One segment's numbers (base64 VLQ). */
export function decode(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    let digit = BASE64.indexOf(char);
    const more = digit & 32;
    digit &= 31;
    value += digit << shift;
    if (more) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = shift = 0;
    }
  }
  return out;
}

/** Per generated line, its segments as [column, source index, source line] (0-based). */
export function mappings(map) {
  const lines = [];
  let source = 0;
  let sourceLine = 0;
  for (const text of map.mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of text.split(',')) {
      if (!segment) continue;
      const fields = decode(segment);
      column += fields[0];
      if (fields.length > 1) {
        source += fields[1];
        sourceLine += fields[2];
      }
      segments.push([column, source, sourceLine]);
    }
    lines.push(segments);
  }
  return lines;
}

/** `file:line` of the source at a generated line and column (0-based), or undefined. */
export function originalPosition(map, lines, line, column) {
  const segments = lines[line] ?? [];
  let found;
  for (const segment of segments) {
    if (segment[0] > column) break;
    found = segment;
  }
  return found && `${map.sources[found[1]].replace(/^(\.\.\/)+/, '')}:${found[2] + 1}`;
}
