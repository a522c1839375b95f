#!/usr/bin/env node
// `npx samtykke validate config.json page.html …`: checks samtykke configs in
// a site's CI. JSON files are read whole; HTML files are searched for the
// <script type="application/json" id="samtykke-config"> block.
import { readFileSync } from 'node:fs';
import { validate } from '../dist/esm/index.js';

const USAGE = 'usage: samtykke validate <config.json | page.html> ...';
const BLOCK = /<script\b[^>]*\bid\s*=\s*["']?samtykke-config["']?[^>]*>([\s\S]*?)<\/script>/i;

/** The config in a file, or a sentence saying why there is none. */
function configIn(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read it (${error.code ?? error.message})` };
  }
  if (/\.html?$/i.test(file)) {
    const match = BLOCK.exec(text);
    if (!match) return { error: 'it has no <script type="application/json" id="samtykke-config"> block' };
    text = match[1];
    // The HTML parser reads these as markup even inside a JSON string: the
    // block can swallow the next script tag, samtykke's own included.
    if (/<!--|<script/i.test(text)) return { error: 'its config block contains "<!--" or "<script", which the HTML parser does not leave to JSON; write "<" in strings as \\u003c' };
  }
  try {
    return { config: JSON.parse(text) };
  } catch (error) {
    return { error: `it is not valid JSON (${error.message})` };
  }
}

const [command, ...files] = process.argv.slice(2);
if (command == '--help' || command == '-h') {
  console.log(USAGE);
  process.exit(0);
}
if (command != 'validate' || files.length == 0) {
  console.error(USAGE);
  process.exit(2);
}

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
process.exit(failed ? 1 : 0);
