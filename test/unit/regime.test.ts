// Which law's model applies (core/regime.ts): opt-in for the EU/EEA, the UK
// and Switzerland; opt-out for the US states with a privacy law; `auto`
// picks from the region the site passes, else the time zone, else a default.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { regimeForRegion, regionFromTimeZone, resolveRegime, visitorRegion } from '../../src/core/regime';
import { normalise } from '../../src/config/normalise';
import type { SamtykkeConfig } from '../../src/config/schema';

// The 27 EU member states, the rest of the EEA, the UK and Switzerland.
const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const EEA = ['IS', 'LI', 'NO'];
const OPT_IN = [...EU, ...EEA, 'GB', 'CH'];
const US_STATES = 'CA VA CO CT UT TX OR MT FL DE IA NE NH NJ TN MN MD IN KY RI'.split(' ');

describe('regimeForRegion', () => {
  it('knows all 27 EU member states', () => {
    expect(EU).toHaveLength(27);
    expect(new Set(EU).size).toBe(27);
  });

  it.each(OPT_IN)('asks for consent (opt-in) in %s', (country) => {
    expect(regimeForRegion(country)).toBe('opt-in');
  });

  it.each(OPT_IN)('asks for consent (opt-in) in a subdivision of %s', (country) => {
    expect(regimeForRegion(`${country}-01`)).toBe('opt-in');
  });

  it('reads subdivision codes and lower case', () => {
    expect(regimeForRegion('ES-CT')).toBe('opt-in');
    expect(regimeForRegion('GB-SCT')).toBe('opt-in');
    expect(regimeForRegion('dk')).toBe('opt-in');
    expect(regimeForRegion('de-by')).toBe('opt-in');
    expect(regimeForRegion('us-ca')).toBe('opt-out');
  });

  it('reads the EU\'s own code EL for Greece and UK for the United Kingdom', () => {
    expect(regimeForRegion('EL')).toBe('opt-in');
    expect(regimeForRegion('UK')).toBe('opt-in');
  });

  it.each(US_STATES)('offers an opt-out in US-%s', (state) => {
    expect(regimeForRegion(`US-${state}`)).toBe('opt-out');
  });

  it.each(['US-AL', 'US-NY', 'US-WA', 'US', 'BR', 'JP', 'CN', 'AU'])('names no law for %s', (region) => {
    expect(regimeForRegion(region)).toBeUndefined();
  });

  it('does not read a state code without the US as that state', () => {
    // CA alone is Canada, DE alone is Germany, not California and Delaware.
    expect(regimeForRegion('CA')).toBeUndefined();
    expect(regimeForRegion('DE')).toBe('opt-in');
  });

  it('does not match a longer code by its prefix', () => {
    expect(regimeForRegion('DNK')).toBeUndefined();
    expect(regimeForRegion('US-CAL')).toBeUndefined();
    expect(regimeForRegion('')).toBeUndefined();
  });
});

describe('regionFromTimeZone', () => {
  it('reads European time zones as the EU', () => {
    expect(regionFromTimeZone('Europe/Copenhagen')).toBe('EU');
    expect(regionFromTimeZone('Europe/London')).toBe('EU');
    expect(regionFromTimeZone('Atlantic/Reykjavik')).toBe('EU');
    expect(regionFromTimeZone('Atlantic/Canary')).toBe('EU');
  });

  it('reads the Pacific time zone as California', () => {
    expect(regionFromTimeZone('America/Los_Angeles')).toBe('US-CA');
  });

  it('names no region for other or missing time zones', () => {
    expect(regionFromTimeZone('Asia/Tokyo')).toBeUndefined();
    expect(regionFromTimeZone('America/New_York')).toBeUndefined();
    expect(regionFromTimeZone('Atlantic/Bermuda')).toBeUndefined();
    expect(regionFromTimeZone('UTC')).toBeUndefined();
    expect(regionFromTimeZone('')).toBeUndefined();
    expect(regionFromTimeZone(undefined)).toBeUndefined();
  });
});

describe('resolveRegime', () => {
  const regime = (config: SamtykkeConfig, timeZone?: string) => {
    const { config: core, problems } = normalise(config);
    expect(problems).toEqual([]);
    return resolveRegime(core, () => timeZone);
  };

  it('is opt-in by default', () => {
    expect(regime({})).toBe('opt-in');
    expect(regime({}, 'America/Los_Angeles')).toBe('opt-in');
  });

  it('uses an explicit regime whatever the region or time zone', () => {
    expect(regime({ regime: 'opt-out', region: 'DK' }, 'Europe/Copenhagen')).toBe('opt-out');
    expect(regime({ regime: 'opt-in', region: 'US-CA' }, 'America/Los_Angeles')).toBe('opt-in');
  });

  it('in auto, takes the region the site passes first', () => {
    expect(regime({ regime: 'auto', region: 'US-CA' }, 'Europe/Copenhagen')).toBe('opt-out');
    expect(regime({ regime: 'auto', region: 'DK', defaultRegime: 'opt-out' }, 'America/Los_Angeles')).toBe('opt-in');
    expect(regime({ regime: 'auto', region: 'es-ct', defaultRegime: 'opt-out' })).toBe('opt-in');
  });

  it('in auto, asks for consent in every EU country even when the default is opt-out', () => {
    for (const country of OPT_IN) {
      expect(regime({ regime: 'auto', region: country, defaultRegime: 'opt-out' }), country).toBe('opt-in');
    }
  });

  it('in auto, reads the region EU as opt-in', () => {
    expect(regime({ regime: 'auto', region: 'EU', defaultRegime: 'opt-out' })).toBe('opt-in');
  });

  it('in auto without a region, takes the time zone', () => {
    expect(regime({ regime: 'auto', defaultRegime: 'opt-out' }, 'Europe/Copenhagen')).toBe('opt-in');
    expect(regime({ regime: 'auto', defaultRegime: 'opt-in' }, 'America/Los_Angeles')).toBe('opt-out');
  });

  it('in auto, falls back to defaultRegime when neither names a law', () => {
    expect(regime({ regime: 'auto', defaultRegime: 'opt-out' }, 'Asia/Tokyo')).toBe('opt-out');
    expect(regime({ regime: 'auto', defaultRegime: 'opt-in' }, 'Asia/Tokyo')).toBe('opt-in');
    expect(regime({ regime: 'auto', defaultRegime: 'opt-out' })).toBe('opt-out');
    expect(regime({ regime: 'auto', region: 'BR', defaultRegime: 'opt-out' })).toBe('opt-out');
    expect(regime({ regime: 'auto', region: 'US-AL', defaultRegime: 'opt-in' })).toBe('opt-in');
  });

  it('in auto, does not second-guess a region the site passes with the time zone', () => {
    expect(regime({ regime: 'auto', region: 'BR', defaultRegime: 'opt-out' }, 'Europe/Copenhagen')).toBe('opt-out');
  });
});

describe('the time-zone hint', () => {
  it('is read only for regime auto without a region (the first read costs ~10 ms)', () => {
    const read = vi.fn(() => 'America/Los_Angeles');
    const core = (config: SamtykkeConfig) => normalise(config).config;
    expect(resolveRegime(core({ regime: 'opt-in' }), read)).toBe('opt-in');
    expect(visitorRegion(core({ regime: 'opt-out' }), read)).toBeUndefined();
    expect(visitorRegion(core({ regime: 'auto', region: 'DK' }), read)).toBe('DK');
    expect(read).not.toHaveBeenCalled();
    expect(resolveRegime(core({ regime: 'auto' }), read)).toBe('opt-out');
    expect(read).toHaveBeenCalledTimes(1);
  });
});

describe("the README's table of which law each region follows", () => {
  // A path, not a URL: under jsdom the global URL is not one node:fs accepts.
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `(US-[A-Z]{2})` \| opt-out \(`?(usca|usnat)`?/gm)].map((m) => [m[1], m[2]]);

  it('lists every US state the code maps to the opt-out regime, with its GPP section, and no other', () => {
    const states = 'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');
    const expected = states.filter((state) => regimeForRegion(`US-${state}`) == 'opt-out').map((state) => [`US-${state}`, state == 'CA' ? 'usca' : 'usnat']);
    expect(rows.sort()).toEqual(expected.sort());
    expect(rows.length).toBeGreaterThanOrEqual(12);
  });
});
