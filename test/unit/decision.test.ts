// From (config, record, signals, regime, now) to what may run
// (core/decision.ts). Configs come from normalise(), as init() builds them.
import { describe, expect, it } from 'vitest';
import { decide, lifetime } from '../../src/core/decision';
import { normalise } from '../../src/config/normalise';
import type { CoreConfig, Regime, SamtykkeConfig } from '../../src/config/schema';
import type { ConsentRecord } from '../../src/core/record';

const DAY = 864e5;
const NOW = Date.UTC(2026, 0, 15, 12);
const NO_GPC = { gpc: false };
const GPC = { gpc: true };

function core(config: SamtykkeConfig = {}): CoreConfig {
  const { config: out, problems } = normalise(config);
  expect(problems).toEqual([]);
  return out;
}

const record = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  version: 1,
  revision: 0,
  timestamp: NOW - DAY,
  id: 'V1StGXR8_Z5jdHi6B-myTw',
  categories: {},
  services: {},
  optedOut: false,
  gpc: false,
  limited: false,
  ...overrides,
});

const ALL = { preferences: true, analytics: true, marketing: true };
const NONE = { preferences: false, analytics: false, marketing: false };

/** A site with services, to see services follow their category. */
const WITH_SERVICES: SamtykkeConfig = {
  categories: {
    preferences: {},
    analytics: { services: { ga4: { cookies: ['_ga', '_gid'] }, hotjar: {} } },
    marketing: { services: { meta: { cookies: ['_fbp'] } } },
  },
};

const run = (
  config: CoreConfig,
  stored: ConsentRecord | null,
  regime: Regime,
  { signals = NO_GPC, now = NOW } = {},
) => decide(config, stored, signals, regime, now);

describe('opt-in', () => {
  it('allows nothing but necessary and asks, when there is no record', () => {
    const d = run(core(), null, 'opt-in');
    expect(d.categories).toEqual({ necessary: true, ...NONE });
    expect(d.ask).toBe(true);
    expect(d.record).toBeNull();
    expect(d.optedOut).toBe(false);
    expect(d.regime).toBe('opt-in');
  });

  it('keeps every service off until its category is allowed', () => {
    const d = run(core(WITH_SERVICES), null, 'opt-in');
    expect(d.services).toEqual({ ga4: false, hotjar: false, meta: false });
  });

  it('allows what a current record grants', () => {
    const stored = record({ categories: { preferences: false, analytics: true, marketing: false } });
    const d = run(core(), stored, 'opt-in');
    expect(d.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    expect(d.record).toBe(stored);
  });

  it('stops asking only when every non-necessary category is in the record', () => {
    const partial = record({ categories: { analytics: true } });
    expect(run(core(), partial, 'opt-in').ask).toBe(true);
    expect(run(core(), partial, 'opt-in').categories).toEqual({
      necessary: true, preferences: false, analytics: true, marketing: false,
    });
    expect(run(core(), record({ categories: NONE }), 'opt-in').ask).toBe(false);
    expect(run(core(), record({ categories: ALL }), 'opt-in').ask).toBe(false);
  });

  it('asks again for a category added to the config after the choice', () => {
    const config = core({ categories: { preferences: {}, analytics: {}, marketing: {}, video: {} } });
    const d = run(config, record({ categories: ALL }), 'opt-in');
    expect(d.ask).toBe(true);
    expect(d.categories.video).toBe(false);
    expect(d.categories.analytics).toBe(true);
  });

  it('allows everything after Accept all', () => {
    const d = run(core(WITH_SERVICES), record({ categories: ALL }), 'opt-in');
    expect(d.categories).toEqual({ necessary: true, ...ALL });
    expect(d.services).toEqual({ ga4: true, hotjar: true, meta: true });
  });

  it('keeps necessary on even when the record says otherwise', () => {
    const d = run(core(), record({ categories: { ...NONE, necessary: false } }), 'opt-in');
    expect(d.categories.necessary).toBe(true);
  });

  it('switches marketing off under GPC even after Accept all', () => {
    const d = run(core(WITH_SERVICES), record({ categories: ALL }), 'opt-in', { signals: GPC });
    expect(d.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
    expect(d.services.meta).toBe(false);
    expect(d.optedOut).toBe(true);
  });
});

describe('opt-out', () => {
  it('allows everything and does not ask, when there is no record', () => {
    const d = run(core(WITH_SERVICES), null, 'opt-out');
    expect(d.categories).toEqual({ necessary: true, ...ALL });
    expect(d.services).toEqual({ ga4: true, hotjar: true, meta: true });
    expect(d.ask).toBe(false);
    expect(d.optedOut).toBe(false);
  });

  it('switches off only the sale categories under GPC', () => {
    const d = run(core(WITH_SERVICES), null, 'opt-out', { signals: GPC });
    expect(d.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
    expect(d.services).toEqual({ ga4: true, hotjar: true, meta: false });
    expect(d.optedOut).toBe(true);
  });

  it('switches off every category the site flags as a sale under GPC', () => {
    const config = core({ categories: { analytics: { sale: true }, marketing: { sale: false }, video: {} } });
    const d = run(config, null, 'opt-out', { signals: GPC });
    expect(d.categories).toEqual({ necessary: true, analytics: false, marketing: true, video: true });
  });

  it('honours a category the visitor switched off', () => {
    const d = run(core(), record({ categories: { analytics: false } }), 'opt-out');
    expect(d.categories).toEqual({ necessary: true, preferences: true, analytics: false, marketing: true });
    expect(d.ask).toBe(false);
  });
});

describe('a stored opt-out', () => {
  it.each<Regime>(['opt-in', 'opt-out'])('keeps marketing off after a stored opt-out (%s)', (regime) => {
    const d = run(core(), record({ categories: ALL, optedOut: true }), regime);
    expect(d.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
    expect(d.optedOut).toBe(true);
  });

  it('keeps marketing off in opt-out when the record holds nothing but the opt-out', () => {
    const d = run(core(), record({ optedOut: true }), 'opt-out');
    expect(d.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
  });

  it('switches off the site\'s own sale categories but not the others', () => {
    const config = core({ categories: { analytics: { sale: true }, marketing: { sale: false } } });
    const d = run(config, record({ categories: { analytics: true, marketing: true }, optedOut: true }), 'opt-in');
    expect(d.categories).toEqual({ necessary: true, analytics: false, marketing: true });
  });

  it('switches off the services of a sale category', () => {
    const d = run(core(WITH_SERVICES), record({ categories: ALL, optedOut: true }), 'opt-out');
    expect(d.services).toEqual({ ga4: true, hotjar: true, meta: false });
  });

  it('still applies after a revision bump, while the record is otherwise not trusted', () => {
    const stored = record({ revision: 0, categories: ALL, optedOut: true });
    const optOut = run(core({ revision: 1 }), stored, 'opt-out');
    expect(optOut.record).toBeNull();
    expect(optOut.optedOut).toBe(true);
    expect(optOut.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });

    const optIn = run(core({ revision: 1 }), stored, 'opt-in');
    expect(optIn.record).toBeNull();
    expect(optIn.ask).toBe(true);
    expect(optIn.optedOut).toBe(true);
    expect(optIn.categories).toEqual({ necessary: true, ...NONE });
  });

  it('lives optOutDays (365) for its categories too, longer than cookie.days (182)', () => {
    const stored = record({ categories: { ...ALL, analytics: false }, optedOut: true, timestamp: NOW - 300 * DAY });
    const d = run(core(), stored, 'opt-in');
    expect(d.record).toBe(stored);
    expect(d.ask).toBe(false);
    expect(d.optedOut).toBe(true);
    expect(d.categories).toEqual({ necessary: true, preferences: true, analytics: false, marketing: false });
  });

  it('expires after optOutDays', () => {
    const stored = record({ categories: ALL, optedOut: true, timestamp: NOW - 365 * DAY - 1000 });
    const d = run(core(), stored, 'opt-out');
    expect(d.record).toBeNull();
    expect(d.optedOut).toBe(false);
    expect(d.categories.marketing).toBe(true);
  });

  it('follows a configured optOutDays', () => {
    const config = core({ cookie: { days: 30, optOutDays: 60 } });
    const stored = (days: number) => record({ optedOut: true, timestamp: NOW - days * DAY });
    expect(run(config, stored(59), 'opt-out').optedOut).toBe(true);
    expect(run(config, stored(59), 'opt-out').record).not.toBeNull();
    expect(run(config, stored(61), 'opt-out').optedOut).toBe(false);
    expect(run(config, stored(61), 'opt-out').record).toBeNull();
  });

  it('is not taken from a record dated in the future', () => {
    const stored = record({ optedOut: true, categories: ALL, timestamp: NOW + 2 * DAY });
    const d = run(core(), stored, 'opt-out');
    expect(d.record).toBeNull();
    expect(d.optedOut).toBe(false);
  });
});

describe('a record that may not be trusted', () => {
  it('is ignored after a revision bump: ask again', () => {
    const stored = record({ revision: 2, categories: ALL });
    const d = run(core({ revision: 3 }), stored, 'opt-in');
    expect(d.record).toBeNull();
    expect(d.ask).toBe(true);
    expect(d.categories).toEqual({ necessary: true, ...NONE });
  });

  it('is ignored when made under a later revision than the config', () => {
    const d = run(core({ revision: 1 }), record({ revision: 2, categories: ALL }), 'opt-in');
    expect(d.record).toBeNull();
    expect(d.ask).toBe(true);
  });

  it('is trusted within cookie.days and ignored once older', () => {
    const at = (age: number) => record({ categories: ALL, timestamp: NOW - age });
    expect(run(core(), at(181 * DAY), 'opt-in').record).not.toBeNull();
    expect(run(core(), at(181 * DAY), 'opt-in').ask).toBe(false);
    const expired = run(core(), at(182 * DAY + 1000), 'opt-in');
    expect(expired.record).toBeNull();
    expect(expired.ask).toBe(true);
    expect(expired.categories).toEqual({ necessary: true, ...NONE });
  });

  it('follows a configured cookie.days', () => {
    const config = core({ cookie: { days: 30 } });
    expect(run(config, record({ categories: ALL, timestamp: NOW - 29 * DAY }), 'opt-in').ask).toBe(false);
    expect(run(config, record({ categories: ALL, timestamp: NOW - 31 * DAY }), 'opt-in').ask).toBe(true);
  });

  it('is ignored when dated more than a day in the future', () => {
    const d = run(core(), record({ categories: ALL, timestamp: NOW + DAY + 1000 }), 'opt-in');
    expect(d.record).toBeNull();
    expect(d.ask).toBe(true);
    expect(d.categories).toEqual({ necessary: true, ...NONE });
  });

  it('tolerates a clock skew of less than a day', () => {
    const d = run(core(), record({ categories: ALL, timestamp: NOW + 23 * 3600e3 }), 'opt-in');
    expect(d.record).not.toBeNull();
    expect(d.categories.analytics).toBe(true);
  });

  it('falls back to the opt-out default, not the stored choice, when the record is not trusted', () => {
    const d = run(core(), record({ revision: 0, categories: { analytics: false } }), 'opt-out', {});
    expect(d.categories.analytics).toBe(false);
    const bumped = run(core({ revision: 1 }), record({ revision: 0, categories: { analytics: false } }), 'opt-out');
    expect(bumped.record).toBeNull();
    expect(bumped.categories.analytics).toBe(true);
  });
});

describe('services', () => {
  it('switches off a service toggled off while its category stays on', () => {
    const stored = record({ categories: ALL, services: { ga4: false } });
    const d = run(core(WITH_SERVICES), stored, 'opt-in');
    expect(d.categories.analytics).toBe(true);
    expect(d.services).toEqual({ ga4: false, hotjar: true, meta: true });
  });

  it('does the same in opt-out', () => {
    const d = run(core(WITH_SERVICES), record({ services: { meta: false } }), 'opt-out');
    expect(d.categories.marketing).toBe(true);
    expect(d.services).toEqual({ ga4: true, hotjar: true, meta: false });
  });

  it('lets a service the visitor allowed by itself run while its category is off', () => {
    // "Load this video" in a placeholder: one service, not the whole category.
    const stored = record({ categories: NONE, services: { ga4: true } });
    const d = run(core(WITH_SERVICES), stored, 'opt-in');
    expect(d.services).toEqual({ ga4: true, hotjar: false, meta: false });
    expect(d.categories.analytics).toBe(false);
  });

  it('does not let a service allowed by itself outrun the opt-out of sale', () => {
    const stored = record({ categories: NONE, services: { meta: true }, optedOut: true });
    expect(run(core(WITH_SERVICES), stored, 'opt-out').services.meta).toBe(false);
    expect(run(core(WITH_SERVICES), record({ categories: NONE, services: { meta: true } }), 'opt-in', { signals: GPC }).services.meta).toBe(false);
  });

  it('ignores service choices in a record that is not trusted', () => {
    const stored = record({ revision: 0, services: { ga4: false } });
    expect(run(core({ ...WITH_SERVICES, revision: 1 }), stored, 'opt-out').services.ga4).toBe(true);
  });
});

describe('categories named like Object.prototype members', () => {
  const config = () =>
    core({ categories: { constructor: {}, toString: {}, valueOf: {}, hasOwnProperty: {}, analytics: {} } });

  it('does not grant `constructor` or `toString` from Object.prototype without a record entry', () => {
    const d = run(config(), record({ categories: { analytics: true } }), 'opt-in');
    expect(d.categories).toEqual({
      necessary: true, constructor: false, toString: false, valueOf: false, hasOwnProperty: false, analytics: true,
    });
    expect(d.ask).toBe(true);
  });

  it('stops asking only once they are in the record', () => {
    const all = { constructor: false, toString: true, valueOf: false, hasOwnProperty: false, analytics: true };
    const d = run(config(), record({ categories: all }), 'opt-in');
    expect(d.ask).toBe(false);
    expect(d.categories).toEqual({ necessary: true, ...all });
  });
});

describe('sensitive personal information and the Limit', () => {
  const SENSITIVE: SamtykkeConfig = {
    revision: 1,
    categories: {
      analytics: {},
      location: { sensitive: ['precise-geolocation'], services: { nearby: {} } },
      marketing: { sale: true },
    },
  };
  const CALIFORNIA = { gpc: false, sensitiveOptIn: false };
  const VIRGINIA = { gpc: false, sensitiveOptIn: true };

  it('in California runs until the Limit, which switches off the sensitive category and its services only', () => {
    const config = core(SENSITIVE);
    expect(run(config, null, 'opt-out', { signals: CALIFORNIA })).toMatchObject({ limited: false, categories: { location: true }, services: { nearby: true } });
    const limited = record({ revision: 1, limited: true, version: 2 });
    expect(run(config, limited, 'opt-out', { signals: CALIFORNIA })).toMatchObject({
      limited: true,
      optedOut: false,
      categories: { analytics: true, location: false, marketing: true },
      services: { nearby: false },
    });
  });

  it('outside California is off until the visitor allows it, and the Limit takes it away again', () => {
    const config = core(SENSITIVE);
    expect(run(config, null, 'opt-out', { signals: VIRGINIA }).categories).toMatchObject({ analytics: true, location: false });
    const allowed = record({ revision: 1, categories: { location: true } });
    expect(run(config, allowed, 'opt-out', { signals: VIRGINIA }).categories.location).toBe(true);
    expect(run(config, { ...allowed, limited: true, version: 2 }, 'opt-out', { signals: VIRGINIA }).categories.location).toBe(false);
  });

  it('is limited by GPC only where the site says so (gpcLimitsSensitive)', () => {
    const gpc = { gpc: true, sensitiveOptIn: false };
    expect(run(core(SENSITIVE), null, 'opt-out', { signals: gpc })).toMatchObject({ optedOut: true, limited: false, categories: { location: true, marketing: false } });
    expect(run(core({ ...SENSITIVE, gpcLimitsSensitive: true }), null, 'opt-out', { signals: gpc })).toMatchObject({ limited: true, categories: { location: false } });
  });

  it('keeps the Limit through a revision bump for its 12 months, like the opt-out, and not after', () => {
    const config = core({ ...SENSITIVE, revision: 2 });
    const limited = record({ revision: 1, limited: true, version: 2, timestamp: NOW - 300 * DAY });
    expect(run(config, limited, 'opt-out', { signals: CALIFORNIA })).toMatchObject({ record: null, limited: true, categories: { location: false } });
    expect(run(config, { ...limited, timestamp: NOW - 366 * DAY }, 'opt-out', { signals: CALIFORNIA }).limited).toBe(false);
    // Kept in the cookie as long as the opt-out.
    expect(lifetime(limited, core(SENSITIVE))).toBe(365);
  });

  it('never switches off the necessary category, whatever it declares', () => {
    const config = core({ categories: { necessary: { sensitive: ['government-id'] }, analytics: {} } });
    expect(run(config, record({ limited: true, version: 2 }), 'opt-out', { signals: CALIFORNIA }).categories.necessary).toBe(true);
  });
});
