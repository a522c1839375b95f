// Prints the gzip -9 size of every file a visitor loads, per visit, and
// fails when a budget is exceeded. Budgets sit just above what is reached,
// so that they only ever go down: lower them when you make things smaller.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url);

/** Bytes (gzip -9) each file may weigh. */
const BUDGETS = {
  // Issue 17 (the Limit, the privacy centre's links and API, the sensitive
  // GPP fields) raised the core by 400 B, the UI chunk by 289 B, the US
  // chunk by 638 B; the centre itself is a chunk of its own.
  // The consent log: receipts sent as text/plain took 23 B off the core;
  // the version of the texts a choice was made on (ui/notice-version.ts)
  // added 237 B to the UI chunk and 226 B to the one-file bundle.
  'samtykke.min.js': 11_117,
  'samtykke.ui.min.js': 12_107,
  'samtykke.dialogs.min.js': 3_090,
  'samtykke.centre.min.js': 4_350,
  'samtykke.button.min.js': 2_770,
  'samtykke.us.min.js': 3_950,
  'samtykke.full.min.js': 29_816,
};

/** What each kind of visit loads, and the product's target for it. */
const VISITS = [
  // Targets of issue 15 (see the README's size table).
  { name: 'returning visitor, choice stored (EU)', files: ['samtykke.min.js'], target: 7_000 },
  { name: 'returning visitor, floatingButton: true', files: ['samtykke.min.js', 'samtykke.button.min.js'] },
  { name: 'returning visitor (US, GPP API loaded)', files: ['samtykke.min.js', 'samtykke.us.min.js'], target: 9_000 },
  { name: 'first visit (EU, English, banner shown)', files: ['samtykke.min.js', 'samtykke.ui.min.js'], target: 14_500 },
  { name: '  then Preferences opened', files: ['samtykke.dialogs.min.js'] },
  { name: '  or the privacy centre opened', files: ['samtykke.dialogs.min.js', 'samtykke.centre.min.js'] },
  { name: 'first visit, one-file bundle', files: ['samtykke.full.min.js'], target: 17_000 },
  { name: 'first visit (EU, banner shown), in Danish', files: ['samtykke.min.js', 'samtykke.ui.min.js', 'locales/da.banner.js'] },
  { name: '  then Preferences opened', files: ['samtykke.dialogs.min.js', 'locales/da.preferences.js'] },
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
// One file per language and part (src/ui/locale-parts.ts), each fetched
// when what it holds is first on screen: the banner's beside the UI chunk,
// the preferences and opt-out dialogs' when they open. Every one must be
// within the target.
const LOCALE_TARGET = 1_200;
const LOCALE_BUDGET = 1_200;
const PARTS = ['banner', 'preferences', 'opt-out', 'privacy', 'rights', 'notice'];
const locales = existsSync(dist('locales')) ? readdirSync(dist('locales')).filter((file) => file.endsWith('.js')).sort() : [];
if (locales.length) {
  const codes = [...new Set(locales.map((file) => file.slice(0, file.indexOf('.'))))];
  const stray = locales.filter((file) => !PARTS.some((part) => file.endsWith(`.${part}.js`)));
  for (const file of stray) failures++, console.error(`locales/${file} is no part of a language: run npm run build afresh.`);
  const size = (code, part) => (locales.includes(`${code}.${part}.js`) ? gz(`locales/${code}.${part}.js`) : undefined);
  console.log(`
locale parts (gzip -9, target ${LOCALE_TARGET}, budget ${LOCALE_BUDGET}):`);
  console.log(`code   ${PARTS.map((part) => pad(part, 13)).join('')}`);
  let largest = ['', 0];
  for (const code of codes) {
    const sizes = PARTS.map((part) => size(code, part));
    console.log(`${code.padEnd(6)} ${sizes.map((bytes) => pad(bytes == null ? 'missing' : `${bytes}${bytes > LOCALE_TARGET ? '*' : ''}`, 13)).join('')}`);
    PARTS.forEach((part, i) => {
      const bytes = sizes[i];
      if (bytes == null) failures++, console.error(`locales/${code}.${part}.js is missing.`);
      else {
        if (bytes > largest[1]) largest = [`${code}.${part}.js`, bytes];
        if (bytes > LOCALE_BUDGET) failures++, console.error(`locales/${code}.${part}.js is over budget: ${bytes}`);
      }
    });
  }
  const over = locales.filter((file) => gz(`locales/${file}`) > LOCALE_TARGET);
  console.log(`largest: ${largest[0]} ${largest[1]}; ${over.length ? `${over.length} over the target (*)` : 'all within the target'}`);
}
if (failures) {
  console.error(`\nsize: ${failures} file(s) over budget.`);
  process.exit(1);
}
