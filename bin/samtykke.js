#!/usr/bin/env node
// The samtykke command:
//   samtykke validate [--strict] <config.json | page.html> ...   checks configs in a site's CI
//   samtykke build <config.json | page.html> [--out FILE] [--us] [--locales da,sv]
//                                                     writes a bundle for one site
//   samtykke scan <url> [options]                     audits a site in Chromium (scan/cli.mjs)
//   samtykke log serve|export|verify|stats|retention  the consent log (log/cli.mjs)
// JSON files are read whole; HTML files are searched for the
// <script type="application/json" id="samtykke-config"> block, and the page
// itself is checked for the links its config needs.
import { parseArgs } from 'node:util';
import { configIn } from './config-file.mjs';

const USAGE = `usage: samtykke validate [--strict] <config.json | page.html> ...
       samtykke build <config.json | page.html> [--out public/consent.js] [--us] [--locales da,sv,...]
       samtykke scan <url> [--pages 10] [--states before,reject,accept,gpc] [--out samtykke-scan] ... (samtykke scan --help)
       samtykke log serve|export|verify|stats|retention ... (samtykke log --help)`;

const [command, ...rest] = process.argv.slice(2);
if (command == '--help' || command == '-h') {
  console.log(USAGE);
  process.exit(0);
}

// Problems fail the file. Warnings (a valid config that probably leaves
// something undone for the law) are printed with "warning:" and fail it only
// with --strict, for a CI that wants them fixed.
async function validateFiles(args) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { strict: { type: 'boolean' } } });
  } catch (error) {
    console.error(`samtykke validate: ${error.message}\n${USAGE}`);
    return 2;
  }
  const files = parsed.positionals;
  if (!files.length) {
    console.error(USAGE);
    return 2;
  }
  const { validate } = await import('../dist/esm/index.js');
  let failed = 0;
  for (const file of files) {
    const { config, html, error } = configIn(file);
    if (error) {
      failed++;
      console.error(`${file}: ${error}`);
      continue;
    }
    const { ok, problems, warnings } = validate(config, { html });
    const count = warnings.length == 1 ? ' (1 warning)' : warnings.length ? ` (${warnings.length} warnings)` : '';
    if (ok && !(parsed.values.strict && warnings.length)) console.log(`${file}: ok${count}`);
    else failed++;
    for (const problem of problems) console.error(`${file}: ${problem.path} ${problem.message}.`);
    for (const warning of warnings) console.error(`${file}: warning: ${warning.path} ${warning.message}.`);
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
  const { config, html, error } = configIn(file);
  if (error) {
    console.error(`${file}: ${error}`);
    return 1;
  }
  const { buildSite, BuildError, formatSizes } = await import('./build.mjs');
  // What validate warns of, said before the build (which refuses errors).
  const { validate } = await import('../dist/esm/index.js');
  for (const warning of validate(config, { html }).warnings) console.error(`${file}: warning: ${warning.path} ${warning.message}.`);
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

if (command == 'validate') process.exit(await validateFiles(rest));
else if (command == 'build') process.exit(await build(rest));
else if (command == 'scan') {
  // Its own module: validate and build never load the scanner.
  const { main } = await import('../scan/cli.mjs');
  process.exitCode = await main(rest);
}
else if (command == 'log') {
  // The consent log: its own module, like scan.
  const { main } = await import('../log/cli.mjs');
  process.exitCode = await main(rest);
}
else {
  console.error(USAGE);
  process.exit(2);
}
