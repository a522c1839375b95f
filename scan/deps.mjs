// What `samtykke scan` needs beyond the package: a browser driver
// (playwright-core) and the Public Suffix List (tldts). Both are optional
// peer dependencies, so `npm install samtykke` never downloads them for a
// site that only ships the browser bundle; this module loads them when a
// scan starts and, when one is missing, says in one line what to install.
import { useDomains } from './site.mjs';

/** A scan cannot start on this machine (exit code 3). */
export class SetupError extends Error {}

const INSTALL = 'npm install --save-dev playwright-core tldts';

async function load(name) {
  try {
    return await import(name);
  } catch (error) {
    if (error?.code == 'ERR_MODULE_NOT_FOUND' || error?.code == 'MODULE_NOT_FOUND') {
      throw new SetupError(`samtykke scan needs ${name}, which is not installed: ${INSTALL} (and a Chromium: apt-get install chromium, or npx playwright install chromium)`);
    }
    throw error;
  }
}

/** playwright-core's chromium, and a Chromium to launch with it. */
export async function loadDependencies() {
  const playwright = await load('playwright-core');
  const tldts = await load('tldts');
  useDomains(tldts.getDomain ?? tldts.default?.getDomain);
  const { findChromium, CHROMIUM_ARGS } = await import('../scripts/chromium.mjs');
  let executablePath;
  try {
    executablePath = findChromium();
  } catch (error) {
    throw new SetupError(error.message);
  }
  return { chromium: playwright.chromium ?? playwright.default.chromium, executablePath, args: CHROMIUM_ARGS };
}
