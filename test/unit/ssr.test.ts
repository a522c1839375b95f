// @vitest-environment node
// Server-side rendering: the package is imported and init() called in
// plain Node (no window, no document), as a Next.js, Nuxt or Astro page does
// on every request. The README promises: no message, no exception, no
// unhandled rejection; a consent object that allows nothing and stores
// nothing, whatever the regime and whatever the request's code calls; the
// site's config kept (its revision and categories), so that the server's
// first HTML and the client's agree on what the site asks for.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { init, loadScript, current } from '../../src/index';

const SITE = {
  revision: 3,
  categories: { necessary: {}, statistics: { services: { ga: {} } }, ads: { sale: true } },
  privacyPolicyUrl: '/privacy',
};
const CONFIGS = {
  'opt-in': { ...SITE, regime: 'opt-in' },
  'opt-out': { ...SITE, regime: 'opt-out' },
  auto: { ...SITE, regime: 'auto' },
  'auto, with a US region': { ...SITE, regime: 'auto', region: 'US-CA' },
} as const;

const pending = Symbol('pending');
const settled = (promise: Promise<unknown>) =>
  Promise.race([promise.then(() => 'resolved', () => 'rejected'), new Promise((done) => setTimeout(() => done(pending), 50))]);

let console_: ReturnType<typeof vi.spyOn>[];
beforeEach(() => {
  console_ = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));
});
afterEach(() => vi.restoreAllMocks());

describe('on the server', () => {
  it('has no document or window here', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  });

  for (const [name, config] of Object.entries(CONFIGS)) {
    it(`${name}: init() keeps the config, allows nothing, and every method is quiet`, async () => {
      const consent = init(config as never);
      const snapshot = consent.getConsent();
      expect(snapshot.revision).toBe(3);
      expect(Object.keys(snapshot.categories).sort()).toEqual(['ads', 'necessary', 'statistics']);
      expect(snapshot.categories).toEqual({ necessary: true, statistics: false, ads: false });
      expect(snapshot.services).toEqual({ ga: false });
      expect(snapshot).toMatchObject({ decided: false, persisted: false, id: null, optedOut: false });

      const heard = vi.fn();
      consent.on('change', heard);
      const ran = vi.fn();
      consent.whenAllowed('statistics', ran);
      // Whatever a request's code calls, the one server object holds no choice.
      consent.acceptAll();
      consent.set({ statistics: true, ga: true });
      consent.optIn();
      consent.optOut();
      consent.rejectAll();
      consent.reset();
      consent.showPreferences();
      consent.showOptOut();
      consent.setLocale('da');
      for (const id of ['necessary', 'statistics', 'ads', 'ga']) expect(consent.allowed(id)).toBe(id == 'necessary');
      expect(consent.getConsent()).toEqual(snapshot);
      expect(heard).not.toHaveBeenCalled();
      expect(ran).not.toHaveBeenCalled();

      // It waits: it neither loads nor rejects (an unhandled rejection ends Node).
      expect(await settled(loadScript('https://www.googletagmanager.com/gtag/js?id=G-X', 'statistics'))).toBe(pending);
      expect(current()).toBeUndefined();
      for (const spy of console_) expect(spy).not.toHaveBeenCalled();
    });
  }

  it('the built package in a plain Node process: no output, no unhandled rejection, exit 0', () => {
    const esm = new URL('../../dist/esm/index.js', import.meta.url).pathname;
    if (!existsSync(esm)) throw new Error('dist/esm is missing: run `npm run build` first (npm test does).');
    // Node's default for an unhandled rejection is to end the process with code 1.
    const script = `
      const { init, loadScript } = await import(${JSON.stringify(esm)});
      for (const regime of ['opt-in', 'opt-out', 'auto']) {
        const consent = init({ regime, revision: 3 });
        for (const method of ['acceptAll', 'rejectAll', 'optOut', 'optIn', 'reset', 'showPreferences', 'showOptOut']) consent[method]();
        if (consent.allowed('analytics') || consent.getConsent().revision != 3) throw new Error(regime + ': ' + JSON.stringify(consent.getConsent()));
        loadScript('https://example.com/tag.js', 'analytics');
      }
      await new Promise((done) => setTimeout(done, 50));
      process.stdout.write('ok');`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('ok');
  });
});
