// Fails when a browser file samtykke ships can turn a string into markup or
// code (innerHTML, eval, new Function, … : see html-sinks.mjs). Run after
// the build; `npm test` does. A site under Trusted Types or a strict CSP
// can then rely on samtykke never needing 'unsafe-eval' or a TrustedHTML.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSinks } from './html-sinks.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every .js file under `dir`, recursively; dist/examples is the examples'
 * own app build, not samtykke's. */
function scripts(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name == 'examples' ? [] : scripts(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

export function check(root = ROOT) {
  const files = scripts(join(root, 'dist'));
  const problems = files.flatMap((file) =>
    findSinks(readFileSync(file, 'utf8')).map(({ name, context }) => `${relative(root, file)}: ${name} in …${context}…`),
  );
  return { files: files.length, problems };
}

if (process.argv[1] == fileURLToPath(import.meta.url)) {
  const { files, problems } = check();
  if (!files) {
    console.error('security: no dist/ files; run npm run build first.');
    process.exit(1);
  }
  for (const problem of problems) console.error(`security: ${problem}`);
  if (problems.length) process.exit(1);
  console.log(`security: ${files} files in dist/ use no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval, new Function or other string-to-code sink.`);
}
