// Sensitive personal information in the GPP string: what a category declares
// (`categories.<id>.sensitive`) and what the visitor chose (consent, the
// Limit) as IAB's own decoder (@iabgpp/cmpapi) reads them. The expected
// values come from the id table (core/sensitive.ts, checked against the IAB
// specs) and the sections' rules: usca says whether the visitor limited the
// use (1 opted out, 2 did not), usnat whether they consented (1 no, 2 yes).
import { describe, expect, it } from 'vitest';
import { GppModel } from '@iabgpp/cmpapi';
import { SENSITIVE, SENSITIVE_IDS } from '../../src/core/sensitive';
import { installGppStub } from '../../src/signals/gpp/stub';
import { startGpp } from '../../src/signals/gpp/api';
import { gppString, usca, usnat, USCA, USNAT } from '../../src/signals/gpp/sections';
import { start } from './helpers';
import type { SamtykkeConfig } from '../../src/config/schema';

type Page = Window & Record<string, any>;
const isolatedPage = () => Object.assign(new EventTarget(), { frames: {} }) as unknown as Page;

/** The full API on a page in California (usca) or Virginia (usnat), with
 * the site's categories; `read` decodes the string a vendor would get. */
function onPage(section: number, categories: SamtykkeConfig['categories'], config: SamtykkeConfig = {}, env = {}) {
  const page = isolatedPage();
  installGppStub(page, section);
  const region = section == USCA ? 'US-CA' : 'US-VA';
  const { consent, settings } = start({ regime: 'opt-out', region, categories, ...config }, env);
  startGpp(page, consent, settings, section);
  const name = section == USCA ? 'usca' : 'usnat';
  const read = () => {
    let ping: any;
    page.__gpp('ping', (data: unknown) => (ping = data));
    const model = new GppModel(ping.gppString);
    // What a vendor decodes and what the API hands out agree.
    expect(model.getSection(name)).toEqual(ping.parsedSections[name]);
    return { string: ping.gppString as string, field: (f: string) => model.getFieldValue(name, f) };
  };
  return { consent, read };
}

/** A SensitiveDataProcessing field with `value` at the 1-based `bits`. */
function expected(length: number, bits: number[], value: number) {
  const field = new Array<number>(length).fill(0);
  for (const bit of bits) if (bit) field[bit - 1] = value;
  return field;
}

const usnatBit = (id: string) => SENSITIVE[id][0];
const uscaBit = (id: string) => SENSITIVE[id][1];

describe('the sensitive id table', () => {
  it('has one id per usnat entry, 1 to 16 in order', () => {
    expect(SENSITIVE_IDS.map(usnatBit)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('maps to usca entries 1 to 9 only, each used, or to none', () => {
    const bits = SENSITIVE_IDS.map(uscaBit);
    expect(bits.every((bit) => Number.isInteger(bit) && bit >= 0 && bit <= 9)).toBe(true);
    expect(new Set(bits.filter(Boolean))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('gives racial or ethnic origin, religious beliefs and union membership California\'s one shared entry (4)', () => {
    expect(SENSITIVE_IDS.filter((id) => uscaBit(id) == 4).sort()).toEqual(
      ['racial-or-ethnic-origin', 'religious-or-philosophical-beliefs', 'union-membership'].sort(),
    );
  });
});

describe('usca: the Limit the Use of My Sensitive Personal Information', () => {
  it.each(SENSITIVE_IDS)('%s: did not opt out (2), then opted out (1) once limited, with the notice given', (id) => {
    const { consent, read } = onPage(USCA, { analytics: { sensitive: [id] } });
    const before = read();
    expect(before.field('SensitiveDataLimitUseNotice')).toBe(1);
    expect(before.field('SensitiveDataProcessing')).toEqual(expected(9, [uscaBit(id)], 2));
    consent.limitSensitive();
    const after = read();
    // A kind California does not list leaves the string as it was.
    expect(after.string == before.string).toBe(!uscaBit(id));
    expect(after.field('SensitiveDataLimitUseNotice')).toBe(1);
    expect(after.field('SensitiveDataProcessing')).toEqual(expected(9, [uscaBit(id)], 1));
    consent.unlimitSensitive();
    expect(read().field('SensitiveDataProcessing')).toEqual(expected(9, [uscaBit(id)], 2));
  });

  it('sets the shared entry once for kinds that share it, and each of several kinds', () => {
    const kinds = ['racial-or-ethnic-origin', 'union-membership', 'precise-geolocation', 'health'];
    const { consent, read } = onPage(USCA, { analytics: { sensitive: kinds.slice(0, 2) }, marketing: { sensitive: kinds.slice(2) } });
    expect(read().field('SensitiveDataProcessing')).toEqual(expected(9, kinds.map(uscaBit), 2));
    consent.limitSensitive();
    expect(read().field('SensitiveDataProcessing')).toEqual(expected(9, kinds.map(uscaBit), 1));
  });

  it('reports a GPC signal as the Limit where the site says GPC limits it too', () => {
    const id = 'precise-geolocation';
    const limited = onPage(USCA, { analytics: { sensitive: [id] } }, { gpcLimitsSensitive: true }, { gpc: true });
    expect(limited.read().field('SensitiveDataProcessing')).toEqual(expected(9, [uscaBit(id)], 1));
    const notLimited = onPage(USCA, { analytics: { sensitive: [id] } }, {}, { gpc: true });
    expect(notLimited.read().field('SensitiveDataProcessing')).toEqual(expected(9, [uscaBit(id)], 2));
  });
});

describe('usnat: consent to sensitive data', () => {
  it.each(SENSITIVE_IDS)('%s: no consent (1), consent (2) once allowed, no consent (1) once limited, with both notices', (id) => {
    const { consent, read } = onPage(USNAT, { analytics: { sensitive: [id] } });
    const notices = (r: ReturnType<typeof read>) => [r.field('SensitiveDataProcessingOptOutNotice'), r.field('SensitiveDataLimitUseNotice')];
    const before = read();
    expect(notices(before)).toEqual([1, 1]);
    expect(before.field('SensitiveDataProcessing')).toEqual(expected(16, [usnatBit(id)], 1));
    consent.set({ analytics: true });
    const allowed = read();
    expect(notices(allowed)).toEqual([1, 1]);
    expect(allowed.field('SensitiveDataProcessing')).toEqual(expected(16, [usnatBit(id)], 2));
    consent.limitSensitive();
    const limited = read();
    expect(notices(limited)).toEqual([1, 1]);
    expect(limited.field('SensitiveDataProcessing')).toEqual(expected(16, [usnatBit(id)], 1));
  });

  it.each(['analytics', 'marketing'])('says consent for a kind any allowed category declares (%s allowed), and no consent for the others', (allowed) => {
    // Both orders: the allowed category comes before the other, then after.
    const declared: Record<string, string[]> = {
      analytics: ['health', 'precise-geolocation'],
      marketing: ['precise-geolocation', 'biometric-data'],
    };
    const { consent, read } = onPage(USNAT, { analytics: { sensitive: declared.analytics }, marketing: { sensitive: declared.marketing } });
    consent.set({ [allowed]: true });
    const field = expected(16, Object.values(declared).flat().map(usnatBit), 1);
    for (const id of declared[allowed]) field[usnatBit(id) - 1] = 2;
    expect(read().field('SensitiveDataProcessing')).toEqual(field);
  });

  it('never claims consent for the necessary category\'s sensitive data, which runs without asking', () => {
    const { consent, read } = onPage(USNAT, { necessary: { sensitive: ['financial-account'] }, analytics: {} });
    expect(read().field('SensitiveDataProcessing')).toEqual(expected(16, [usnatBit('financial-account')], 1));
    consent.acceptAll();
    expect(read().field('SensitiveDataProcessing')).toEqual(expected(16, [usnatBit('financial-account')], 1));
    expect(read().field('SensitiveDataLimitUseNotice')).toBe(1);
  });

  it('tells listeners of the change when the visitor consents or limits', () => {
    const p = isolatedPage();
    installGppStub(p, USNAT);
    const events: string[] = [];
    p.__gpp('addEventListener', (event: any) => void events.push(`${event.eventName}:${event.data}`));
    const { consent, settings } = start({ regime: 'opt-out', region: 'US-VA', categories: { analytics: { sensitive: ['health'] } } });
    startGpp(p, consent, settings, USNAT);
    for (const act of [() => consent.set({ analytics: true }), () => consent.limitSensitive()]) {
      events.length = 0;
      act();
      expect(events).toEqual(['signalStatus:not ready', 'sectionChange:usnat', 'signalStatus:ready']);
    }
  });
});

describe('the sensitive fields against IAB\'s encoder', () => {
  it.each([1, 2])('writes the very string IAB\'s encoder writes from our fields (entries set to %i)', (value) => {
    // Every entry in use at once: a wrong width or order shifts the fields after it.
    const sensitive = {
      usnat: expected(16, SENSITIVE_IDS.map(usnatBit), value),
      usca: expected(9, SENSITIVE_IDS.map(uscaBit), value),
    };
    for (const [id, name, encode] of [[USNAT, 'usnat', usnat], [USCA, 'usca', usca]] as const) {
      const section = encode({ optedOut: false, gpc: false, mspa: false, sensitive });
      const model = new GppModel();
      for (const [field, v] of Object.entries(section.fields)) model.setFieldValue(name, field, v);
      expect(model.encode()).toBe(gppString({ [id]: section }));
    }
  });
});

describe('with nothing declared sensitive', () => {
  it('writes the spec\'s usca vector, unchanged by the Limit', () => {
    // IAB's vector for usca, no opt-out, no GPC, not MSPA-covered.
    const { consent, read } = onPage(USCA, { analytics: {}, marketing: {} });
    expect(read().string).toBe('DBABBg~BUoAAACA.QA');
    consent.limitSensitive();
    expect(read().string).toBe('DBABBg~BUoAAACA.QA');
    expect(read().field('SensitiveDataLimitUseNotice')).toBe(0);
    expect(read().field('SensitiveDataProcessing')).toEqual(new Array(9).fill(0));
  });

  it('says not applicable throughout usnat, whatever the visitor does', () => {
    const { consent, read } = onPage(USNAT, { analytics: {}, marketing: {} });
    const acts = [() => {}, () => consent.acceptAll(), () => consent.limitSensitive(), () => consent.optOut()];
    for (const act of acts) {
      act();
      const r = read();
      expect(r.field('SensitiveDataProcessingOptOutNotice')).toBe(0);
      expect(r.field('SensitiveDataLimitUseNotice')).toBe(0);
      expect(r.field('SensitiveDataProcessing')).toEqual(new Array(16).fill(0));
    }
  });

  it('changes nothing but the sensitive fields when a kind is declared', () => {
    // Same page, same choices; only the declaration differs.
    const sensitiveFields = ['SensitiveDataProcessing', 'SensitiveDataProcessingOptOutNotice', 'SensitiveDataLimitUseNotice'];
    for (const [section, name] of [[USCA, 'usca'], [USNAT, 'usnat']] as const) {
      const plain = new GppModel(pingString(section, {})).getSection(name);
      const declared = new GppModel(pingString(section, { sensitive: ['genetic-data'] })).getSection(name);
      for (const field of sensitiveFields) {
        delete plain[field];
        delete declared[field];
      }
      expect(declared).toEqual(plain);
    }
  });

  it('encodes a state without sensitive bits as before they existed (the sections\' own vectors)', () => {
    // IAB's published vectors, from the state the existing encoder takes.
    expect(gppString({ 7: usnat({ optedOut: true, gpc: true, mspa: false }) })).toBe('DBABLA~CVQVAAAAAACA.YA');
    expect(gppString({ 8: usca({ optedOut: true, gpc: true, mspa: false }) })).toBe('DBABBg~BUUAAACA.YA');
  });
});

function pingString(section: number, analytics: { sensitive?: string[] }) {
  const p = isolatedPage();
  installGppStub(p, section);
  const { settings, consent } = start({ regime: 'opt-out', region: section == USCA ? 'US-CA' : 'US-VA', categories: { analytics } });
  startGpp(p, consent, settings, section);
  let string = '';
  p.__gpp('ping', (data: any) => (string = data.gppString));
  return string;
}
