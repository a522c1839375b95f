// Runs `samtykke scan` as a site's CI would: the real command in a child
// process, against the examples server, with every other host answered by
// the examples' stand-ins (--stand-ins) and nothing else resolving
// (--offline), so the scan never reaches the internet.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'samtykke.js');

export function examplesUrl(): string {
  const url = process.env.SAMTYKKE_EXAMPLES_URL;
  if (!url) throw new Error('SAMTYKKE_EXAMPLES_URL is not set: run the browser tests through playwright.config.ts, whose global setup starts the examples server.');
  return url;
}

export interface ScanRun {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
  /** scan.json, parsed (undefined when the scan wrote none). */
  result: any;
}

/** `samtykke scan <path on the examples server> ...args`, offline; `{out}`
 * in an argument stands for the output folder. */
export function runScan(path: string, args: string[] = [], { offline = true, env = {} }: { offline?: boolean; env?: Record<string, string> } = {}): Promise<ScanRun> {
  const base = examplesUrl();
  const out = mkdtempSync(join(tmpdir(), 'samtykke-scan-'));
  const url = /^https?:/.test(path) ? path : new URL(path, base).href;
  const all = [CLI, 'scan', url, '--out', out, ...(offline ? ['--offline', '--stand-ins', new URL('/stand-in/', base).href] : []), ...args.map((arg) => arg.replaceAll('{out}', out))];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, all, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const file = join(out, 'scan.json');
      resolve({ code, stdout, stderr, out, result: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined });
    });
  });
}
