// The README's code blocks, for the tests that exercise each one. A block is
// found by a phrase it contains, so the tests do not depend on line numbers;
// `claim` fails when a phrase matches no block or more than one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Snippet {
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

// By path, not URL: under jsdom, URL is jsdom's and import.meta.url no file URL.
export const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

export function snippets(text = README): Snippet[] {
  const found: Snippet[] = [];
  for (const match of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    found.push({ lang: match[1], code: match[2], line: text.slice(0, match.index).split('\n').length });
  }
  return found;
}

/** The one block of `lang` that contains `phrase`. */
export function claim(lang: string, phrase: string): Snippet {
  const matching = snippets().filter((s) => s.lang == lang && s.code.includes(phrase));
  if (matching.length != 1) throw new Error(`README: ${matching.length} \`\`\`${lang} blocks contain ${JSON.stringify(phrase)}; expected exactly one.`);
  return matching[0];
}

/**
 * Which test exercises each block, by language and phrase. A block no entry
 * claims fails the unit test, so every snippet added to the README needs a
 * test. `browser` blocks are run in Chromium by test/browser/readme.spec.ts,
 * or by the spec the claim names.
 */
export const CLAIMS: { lang: string; phrase: string; by: 'unit' | 'browser'; spec?: string }[] = [
  { lang: 'sh', phrase: 'npm install && npm start', by: 'unit' },
  { lang: 'sh', phrase: 'npm install samtykke', by: 'unit' },
  { lang: 'sh', phrase: 'npx samtykke validate', by: 'unit' },
  { lang: 'sh', phrase: 'npx samtykke build', by: 'unit' },
  { lang: '', phrase: 'is not a samtykke option', by: 'unit' },
  { lang: '', phrase: 'src/index.ts ', by: 'unit' },
  { lang: 'ts', phrase: "import { init, type ConsentSnapshot } from 'samtykke'", by: 'unit' },
  { lang: 'tsx', phrase: "from 'samtykke/react'", by: 'unit' },
  { lang: 'ts', phrase: "from 'samtykke/vue'", by: 'unit' },
  { lang: 'js', phrase: "from 'svelte/store'", by: 'unit' },
  { lang: 'json', phrase: '"banner.title": "Cookies on Example.com"', by: 'unit' },
  { lang: 'json', phrase: '{ "googleAnalytics": { "id": "G-ABC123XYZ" } }', by: 'unit' },
  { lang: 'json', phrase: '"page": "https://example.com/pricing"', by: 'unit' },
  { lang: 'json', phrase: '"uiUrl"', by: 'unit' },
  { lang: 'css', phrase: 'samtykke-ui {', by: 'unit' },
  { lang: 'http', phrase: "'strict-dynamic'", by: 'unit' },
  { lang: 'http', phrase: 'require-trusted-types-for', by: 'browser', spec: 'trusted-types.spec.ts' },
  { lang: 'html', phrase: 'id="samtykke-config"', by: 'browser' },
  { lang: 'js', phrase: 'Samtykke.whenAllowed', by: 'browser' },
  { lang: 'html', phrase: 'data-samtykke-link="preferences"', by: 'browser' },
  { lang: 'html', phrase: 'data-samtykke-link="do-not-sell"', by: 'browser' },
  { lang: 'json', phrase: '"location": { "sensitive"', by: 'unit' },
  { lang: 'html', phrase: 'data-samtykke-link="limit-sensitive"', by: 'browser' },
  { lang: 'html', phrase: 'data-samtykke="!marketing"', by: 'browser' },
  // test/unit/scan-cli.test.ts; the scan-faults command is what test/browser/scan/ runs.
  { lang: 'sh', phrase: 'npx samtykke scan https://staging.example.com/', by: 'unit' },
  { lang: 'json', phrase: '"hosts": [{ "host": "stats.example.net"', by: 'unit' },
  { lang: 'yaml', phrase: 'npx samtykke scan', by: 'unit' },
  { lang: 'sh', phrase: 'npx samtykke scan http://localhost:8080/scan-faults/', by: 'unit' },
  // test/unit/log-cli.test.ts
  { lang: 'sh', phrase: 'npx samtykke log serve', by: 'unit' },
];
