// Writes scan/data/third-party-web/ from the npm package third-party-web (a
// devDependency, exact version): the entities' names, companies, categories
// and domains, its licence, and where they came from. The files are
// committed, so `samtykke scan` needs no third-party-web installed; a unit
// test fails when they differ from what this script would write.
//   node scripts/third-party-web.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OUT_DIR = fileURLToPath(new URL('../scan/data/third-party-web/', import.meta.url));

/** The installed package's folder. */
export function packageDir() {
  return dirname(createRequire(import.meta.url).resolve('third-party-web/package.json'));
}

/**
 * The files to write, by name, from the package at `dir`.
 * @param {string} [dir]
 * @returns {Record<string, string>}
 */
export function thirdPartyWebFiles(dir = packageDir()) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  /** @type {{ name: string, company?: string, category: string, domains: string[] }[]} */
  const source = JSON.parse(readFileSync(join(dir, 'dist/entities-nostats.json'), 'utf8'));
  // Most entities name no company (third-party-web's own finder then takes
  // the entity's name, as scan/third-parties.mjs does): left out, not
  // repeated, which keeps the file a sixth smaller.
  const entities = source.map(({ name, company, category, domains }) => (company ? { name, company, category, domains } : { name, category, domains }));
  return {
    // One entity a line: a version bump's diff shows what changed.
    'entities.json': '[\n' + entities.map((entity) => JSON.stringify(entity)).join(',\n') + '\n]\n',
    LICENSE: readFileSync(join(dir, 'LICENSE'), 'utf8'),
    'SOURCE.md': `# third-party-web

\`entities.json\` is taken from the npm package \`${pkg.name}\` version
${pkg.version} (${pkg.repository?.url ?? pkg.homepage}), file
\`dist/entities-nostats.json\`, by \`scripts/third-party-web.mjs\`.
Licence: ${pkg.license}, in \`LICENSE\` beside it.

Kept: each entity's \`name\`, \`company\` (where the package gives one;
without it the company is the name, as the package's own finder has it),
\`category\` and \`domains\`; dropped: the homepage and products.
${entities.length} entities. A domain \`*.example.com\` stands for
example.com and every host under it, a plain one for that host only.

To update: \`npm i -D -E third-party-web@<version>\`, then
\`node scripts/third-party-web.mjs\`.
`,
  };
}

if (process.argv[1] == fileURLToPath(import.meta.url)) {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, text] of Object.entries(thirdPartyWebFiles())) writeFileSync(join(OUT_DIR, name), text);
}
