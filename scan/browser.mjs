// The browser each state runs in: a Chromium of its own with a fresh
// profile, as a visitor's browser is on a first visit. A profile, not an
// incognito context (Playwright's newContext), because incognito blocks
// third-party cookies, and a visitor's default Chrome does not: a scan must
// see what an embedded frame sets. `--third-party-cookies block` plays a
// browser that blocks them (Safari, Firefox's strict mode, incognito).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Chrome's cookie setting: 0 allows third-party cookies, 1 blocks them. */
export function profilePreferences(thirdPartyCookies) {
  return { profile: { cookie_controls_mode: thirdPartyCookies == 'block' ? 1 : 0 } };
}

/** The flags: the machine's, and offline, a resolver that knows only the
 * site and the stand-ins (a request the routes miss fails, never leaves). */
export function launchArgs(args, { start, offline, standIns }) {
  const out = [...args];
  if (offline || standIns) {
    const hosts = [new URL(start).hostname, ...(standIns ? [new URL(standIns).hostname] : [])];
    out.push(`--host-resolver-rules=MAP * ~NOTFOUND, ${hosts.map((host) => `EXCLUDE ${host}`).join(', ')}`);
  }
  return out;
}

/** Opens a fresh browser context per call; cleanUp() removes the profiles. */
export function contextLauncher({ chromium, executablePath, args, start, options }) {
  const profiles = [];
  const flags = launchArgs(args, { start, offline: options.offline, standIns: options.standIns });
  const launch = async (contextOptions) => {
    const dir = mkdtempSync(join(tmpdir(), 'samtykke-scan-profile-'));
    profiles.push(dir);
    mkdirSync(join(dir, 'Default'));
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify(profilePreferences(options.thirdPartyCookies)));
    return chromium.launchPersistentContext(dir, { executablePath, args: flags, headless: true, ...contextOptions });
  };
  // Also on the way out of a scan stopped with Ctrl-C (cli.mjs exits then).
  const cleanUp = () => {
    for (const dir of profiles.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  launch.cleanUp = () => {
    process.off('exit', cleanUp);
    cleanUp();
  };
  return launch;
}
