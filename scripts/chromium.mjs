// Which Chromium the browser tests and the benchmark drive. Playwright cannot download its own
// browser on every machine, so look, in order, at: $SAMTYKKE_CHROMIUM, the
// system's Chromium, then Playwright's own download.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** @returns {string} */
export function findChromium() {
  const fromEnv = process.env.SAMTYKKE_CHROMIUM;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`SAMTYKKE_CHROMIUM is ${fromEnv}, but there is no file there.`);
  }
  const system = SYSTEM.find((path) => existsSync(path));
  if (system) return system;
  try {
    const own = chromium.executablePath();
    if (existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own installed.
  }
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: apt-get install -y chromium; ' +
      'elsewhere: npx playwright install chromium) or set SAMTYKKE_CHROMIUM=/path/to/chromium.',
  );
}

/** Flags for a headless Chromium on a closed network (CI, containers). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];
