#!/usr/bin/env node
// The samtykke command:
//   samtykke validate <config.json | page.html> ...   checks configs in a site's CI
//   samtykke build <config.json | page.html> [--out FILE] [--us] [--locales da,sv]
//                                                     writes a bundle for one site
// JSON files are read whole; HTML files are searched for the
// <script type="application/json" id="samtykke-config"> block.
import { parseArgs } from 'node:util';
import { configIn } from './config-file.mjs';

const USAGE = `usage: samtykke validate <config.json | page.html> ...
       samtykke build <config.json | page.html> [--out public/consent.js] [--us] [--locales da,sv,...]`;

const [command, ...rest] = process.argv.slice(2);
if (command == '--help' || command == '-h') {
  console.log(USAGE);
  process.exit(0);
}

async function validateFiles(files) {
  const { validate } = await import('../dist/esm/index.js');
  let failed = 0;
  for (const file of files) {
    const { config, error } = configIn(file);
    if (error) {
      failed++;
      console.error(`${file}: ${error}`);
      continue;
    }
    const { ok, problems } = validate(config);
    if (ok) console.log(`${file}: ok`);
    else failed++;
    for (const problem of problems) console.error(`${file}: ${problem.path} ${problem.message}.`);
  }
  return failed ? 1 : 0;
}

async function build(args) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string', default: 'samtykke-site/consent.js' }, us: { type: 'boolean' }, locales: { type: 'string' } },
    });
  } catch (error) {
    console.error(`samtykke build: ${error.message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) {
    console.error(USAGE);
    return 2;
  }
  const { config, error } = configIn(file);
  if (error) {
    console.error(`${file}: ${error}`);
    return 1;
  }
  const { buildSite, BuildError, formatSizes } = await import('./build.mjs');
  try {
    const result = await buildSite({
      config,
      out: parsed.values.out,
      us: parsed.values.us,
      locales: parsed.values.locales?.split(',').filter(Boolean),
    });
    console.log(formatSizes(result));
    return 0;
  } catch (failure) {
    if (!(failure instanceof BuildError)) throw failure;
    console.error(failure.message);
    return 1;
  }
}

if (command == 'validate' && rest.length) process.exit(await validateFiles(rest));
else if (command == 'build') process.exit(await build(rest));
else {
  console.error(USAGE);
  process.exit(2);
}
