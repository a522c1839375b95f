// Prints the gzip -9 size of every file a visitor loads, per visit, and
// fails when a budget is exceeded. Budgets sit just above what is reached,
// so that they only ever go down: lower them when you make things smaller.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url);

/** Bytes (gzip -9) each file may weigh. */
const BUDGETS = {
  'samtykke.min.js': 10_420,
  'samtykke.ui.min.js': 12_560,
  'samtykke.us.min.js': 3_180,
  'samtykke.full.min.js': 24_130,
};

/** What each kind of visit loads, and the product's target for it. */
const VISITS = [
  { name: 'returning visitor, choice stored (EU)', files: ['samtykke.min.js'], target: 5_000 },
  // The UI chunk carries the styles and the English strings; the locales
  // issue adds a locale chunk here for other languages.
  { name: 'returning visitor (US, GPP API loaded)', files: ['samtykke.min.js', 'samtykke.us.min.js'], target: 7_000 },
  { name: 'first visit (EU, banner shown)', files: ['samtykke.min.js', 'samtykke.ui.min.js'], target: 15_000 },
  { name: 'first visit, one-file bundle', files: ['samtykke.full.min.js'], target: 15_000 },
];

/** For reference only: never loaded by visitors in production. */
const INFO = ['samtykke.js', 'samtykke.schema.json'];

const gz = (file) => gzipSync(readFileSync(dist(file)), { level: 9 }).length;
const raw = (file) => readFileSync(dist(file)).length;
const pad = (text, width) => String(text).padStart(width);

const missing = [...Object.keys(BUDGETS), ...INFO].filter((file) => !existsSync(dist(file)));
if (missing.length) {
  console.error(`size: ${missing.join(', ')} missing; run npm run build first.`);
  process.exit(1);
}

let failures = 0;
console.log('file                         bytes   gzip -9   budget');
for (const [file, budget] of Object.entries(BUDGETS)) {
  const size = gz(file);
  const over = size > budget;
  if (over) failures++;
  console.log(`${file.padEnd(26)} ${pad(raw(file), 7)} ${pad(size, 9)} ${pad(budget, 8)}${over ? '  OVER BUDGET' : ''}`);
}
for (const file of INFO) console.log(`${file.padEnd(26)} ${pad(raw(file), 7)} ${pad(gz(file), 9)}        -  (development only)`);
console.log('');
for (const visit of VISITS) {
  const total = visit.files.reduce((sum, file) => sum + gz(file), 0);
  const target = visit.target ? `  (target ${visit.target}: ${total <= visit.target ? 'met' : `${total - visit.target} over`})` : '';
  console.log(`${visit.name}: ${total} bytes gzip in ${visit.files.length} file(s)${target}`);
}
// One file per language, fetched beside the UI chunk on a first visit.
const LOCALE_TARGET = 1_200;
const LOCALE_BUDGET = 2_000;
const locales = existsSync(dist('locales')) ? readdirSync(dist('locales')).filter((file) => file.endsWith('.js')).sort() : [];
if (locales.length) {
  const sizes = locales.map((file) => [file.slice(0, -3), gz(`locales/${file}`)]);
  const over = sizes.filter(([, size]) => size > LOCALE_TARGET);
  console.log(`\nlocale chunks (gzip -9, target ${LOCALE_TARGET}, budget ${LOCALE_BUDGET}):`);
  console.log(sizes.map(([code, size]) => `${code} ${size}${size > LOCALE_TARGET ? '*' : ''}`).join('  '));
  console.log(over.length ? `${over.length} over the target (*)` : 'all within the target');
  for (const [code, size] of sizes) if (size > LOCALE_BUDGET) failures++, console.error(`locales/${code}.js is over budget: ${size}`);
}
if (failures) {
  console.error(`\nsize: ${failures} file(s) over budget.`);
  process.exit(1);
}
