// Pure helpers for the bundler bench (bench/bundlers.mjs): which emitted
// files hold samtykke's code, what a visit cost, how often a text was
// copied, and the table.

const slashes = (source) => source.replace(/\\/g, '/');

/**
 * True when a source map's source lies in a node_modules folder, however
 * the bundler names it: `../node_modules/samtykke/dist/esm/api.js`,
 * `webpack://app/./node_modules/preact/dist/preact.module.js`, Windows
 * separators. samtykke's own maps are followed by some bundlers (esbuild,
 * Vite), so its sources may show as `node_modules/src/api.ts`: still there.
 */
export function fromNodeModules(source) {
  return /(^|\/)node_modules\//.test(slashes(source));
}

/** True when a source is one of the app's own files (`appFiles`, relative to the app). */
export function isAppSource(source, appFiles) {
  if (fromNodeModules(source)) return false;
  const path = slashes(source).replace(/^webpack:\/\/[^/]*\//, '').replace(/^(\.\.?\/)+/, '');
  return appFiles.some((file) => path == file || path.endsWith(`/${file}`));
}

/**
 * The emitted JS files that count as samtykke's, judged by the sources each
 * file's source map lists: those holding code from node_modules (samtykke
 * and its runtime dependencies: the app uses nothing else), and those
 * holding none of the app's own files (a bundler's helper chunk, there only
 * because samtykke is split). A file of the app's code alone is not.
 * Sorted, for stable output.
 */
export function ownFiles(emitted, appFiles) {
  return emitted
    .filter((e) => e.sources.some(fromNodeModules) || !e.sources.some((s) => isAppSource(s, appFiles)))
    .map((e) => e.file)
    .sort();
}

/**
 * One visit's share: `requested` is every file the browser asked for, in
 * order, repeats included; `own` the files that hold samtykke's code;
 * `sizes` their gzip -9 bytes. Bytes count each file once (a repeat would
 * come from the HTTP cache); requests count every one.
 */
export function share(requested, own, sizes) {
  const mine = requested.filter((file) => own.includes(file));
  const files = [...new Set(mine)];
  return { bytes: files.reduce((sum, f) => sum + (sizes[f] ?? 0), 0), requests: mine.length, files };
}

/** The files whose text contains `needle`. */
export function filesContaining(texts, needle) {
  return texts.filter((t) => t.text.includes(needle)).map((t) => t.file).sort();
}

/** Targets for samtykke's share of an app built by a bundler. */
export const BUNDLER_TARGETS = { returningBytes: 7500, returningRequests: 2, firstBytes: 15000, englishCopies: 1, danish: true };

const n = (value) => (value == null ? '–' : value.toLocaleString('en-US'));

/**
 * A markdown table: one row per bundler, then the targets. A row:
 * { name, version, returning: { bytes, requests }, first: { bytes, requests },
 *   english: copies of the English banner text in emitted JS, danish: true,
 *   false or null (not measured), missing: files that answered 404 }.
 */
export function bundlerTable(rows, targets = BUNDLER_TARGETS) {
  const lines = [
    '| bundler | returning visit: bytes (gzip) | returning visit: requests | first visit: bytes (gzip) | first visit: requests | English copies in emitted JS | Danish banner loads |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const danish = row.danish == null ? '–' : row.danish ? 'yes' : `no${row.missing?.length ? ` (404: ${row.missing.join(', ')})` : ''}`;
    lines.push(`| ${row.name} ${row.version} | ${n(row.returning?.bytes)} | ${n(row.returning?.requests)} | ${n(row.first?.bytes)} | ${n(row.first?.requests)} | ${n(row.english)} | ${danish} |`);
  }
  lines.push(`| target | ≤ ${n(targets.returningBytes)} | ≤ ${n(targets.returningRequests)} | ≤ ${n(targets.firstBytes)} | – | ${n(targets.englishCopies)} | ${targets.danish ? 'yes' : 'no'} |`);
  return lines.join('\n');
}
