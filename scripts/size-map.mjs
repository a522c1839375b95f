// Where the bytes of dist/samtykke.min.js come from: minified bytes per
// source file, from the source map. `npm run size:map` after a build.
import { readFileSync } from 'node:fs';
import { decode } from './source-map.mjs';

const file = process.argv[2] || 'dist/samtykke.min.js';
const map = JSON.parse(readFileSync(file + '.map', 'utf8'));
const code = readFileSync(file, 'utf8');
// The bundle is one line: columns map to sources.
const points = [];
let source = 0;
for (const line of map.mappings.split(';')) {
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields = decode(segment);
    column += fields[0];
    if (fields.length > 1) source += fields[1];
    points.push([column, source]);
  }
}
const bytes = {};
points.forEach(([column, src], i) => {
  const end = i + 1 < points.length ? points[i + 1][0] : code.length;
  const name = map.sources[src].replace(/^(\.\.\/)+/, '');
  bytes[name] = (bytes[name] || 0) + end - column;
});
for (const [name, size] of Object.entries(bytes).sort((a, b) => b[1] - a[1])) {
  console.log(String(size).padStart(6), name);
}
