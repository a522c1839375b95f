// Property tests of the hardening issue (#9), beyond codec.test.ts (decode ∘
// encode, no throw on near-values) and config.test.ts (normalise and validate
// agree): what a hostile or broken cookie, a duplicate cookie, or any JSON
// config can make samtykke allow, and whether the GPP and US Privacy strings
// read back through IAB's own decoder. Seed and default run count: setup.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RECORD_VERSION } from '../../src/core/choice';
import { GppModel } from '@iabgpp/cmpapi';
import { decode, encode, newest } from '../../src/storage/codec';
import { decide, type Decision } from '../../src/core/decision';
import { resolveRegime } from '../../src/core/regime';
import { DAY, own, type ConsentRecord } from '../../src/core/record';
import type { CoreConfig } from '../../src/config/schema';
import { normalise } from '../../src/config/normalise';
import { normaliseUi } from '../../src/config/normalise-ui';
import { validate } from '../../src/config/validate';
import { ID_PATTERN, NECESSARY } from '../../src/config/defaults';
import { gppString, usca, usnat, USCA, USNAT, type Section } from '../../src/signals/gpp/sections';
import { uspString } from '../../src/signals/us-privacy';
import { runs } from './fc-runs';

const NOW = Date.UTC(2026, 0, 15, 12);
/** Valid ids that name Object.prototype members; with them, names that are
 * no ids but reach a prototype when used as a key. */
const PROTO_IDS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'prototype'];
const HOSTILE_NAMES = [...PROTO_IDS, '__proto__', '__defineSetter__', 'polluted'];

// ------------------------------------------------------------ cookie values

/** The codec's check (FNV-1a, base 36), so that an edited body still carries
 * a right check and decode() must judge its fields (codec.test.ts keeps the
 * same copy in step with encode()). */
function sign(body: string): string {
  let hash = 2166136261;
  for (let i = 0; i < body.length; i++) hash = Math.imul(hash ^ body.charCodeAt(i), 16777619);
  return body + '.' + (hash >>> 0).toString(36);
}

const idArb = fc.oneof(fc.stringMatching(ID_PATTERN), fc.constantFrom(NECESSARY, 'analytics', 'marketing', ...PROTO_IDS));
const choicesArb = fc.dictionary(idArb, fc.boolean(), { maxKeys: 6, noNullPrototype: true });
const recordArb: fc.Arbitrary<ConsentRecord> = fc.record({
  version: fc.constant(1),
  revision: fc.oneof(fc.nat(20), fc.maxSafeNat()),
  // Whole seconds that fit the format's 8 base-36 digits.
  timestamp: fc.oneof(fc.integer({ min: -400, max: 400 }).map((d) => NOW + d * DAY), fc.maxSafeNat().map((n) => n % 36 ** 8))
    .map((t) => Math.floor(t / 1000) * 1000),
  id: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
  categories: choicesArb,
  services: choicesArb,
  optedOut: fc.boolean(),
  gpc: fc.boolean(),
  limited: fc.boolean(),
}).map((r) => ({ ...r, version: r.limited ? 2 : 1 }));

/** Replaces segment `i` of a body (0 version … 6 services). */
const segment = (i: number, edit: (text: string) => string) => (body: string) => {
  const parts = body.split('.');
  if (i < parts.length) parts[i] = edit(parts[i]);
  return parts.join('.');
};
const spot = (body: string, at: number) => at % (body.length + 1);

/** The ways a stored value goes wrong: edits by hand, cut-off writes,
 * another version's format, names meant to reach Object.prototype. */
const editArb: fc.Arbitrary<(body: string) => string> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...'0z9aZ_-.:|% é\u0000')).map(([at, c]) => (b: string) => b.slice(0, spot(b, at)) + c + b.slice(spot(b, at) + 1)),
  fc.nat().map((at) => (b: string) => b.slice(0, spot(b, at))),
  fc.tuple(fc.nat(), fc.constantFrom('.', '|', ':', '||', '..', ':1', '|x:1')).map(([at, s]) => (b: string) => b.slice(0, spot(b, at)) + s + b.slice(spot(b, at))),
  fc.tuple(fc.constantFrom(1, 2), fc.constantFrom('z'.repeat(8), 'z'.repeat(11), 'z'.repeat(12), '0', '00', '0001', (2 ** 53).toString(36)))
    .map(([i, n]) => segment(i, () => n)),
  fc.oneof(fc.nat(), fc.constantFrom(0, 2, 10)).map((v) => segment(0, () => v.toString(36))),
  fc.tuple(fc.constantFrom(5, 6), fc.constantFrom(...HOSTILE_NAMES), fc.constantFrom('0', '1'))
    .map(([i, name, bit]) => segment(i, (s) => (s ? s + '|' : '') + `${name}:${bit}`)),
  fc.constantFrom(5, 6).map((i) => segment(i, (s) => s && `${s}|${s.split('|')[0]}`)),
  fc.constantFrom('4', '9', '01', '', '-1').map((flags) => segment(4, () => flags)),
);

/** A real value with one to three edits, re-signed or with its old check. */
const mutatedArb = fc.tuple(recordArb, fc.array(editArb, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([r, edits, resign]) => {
  const value = encode(r);
  const cut = value.lastIndexOf('.');
  const body = edits.reduce((b, edit) => edit(b), value.slice(0, cut));
  return resign ? sign(body) : body + value.slice(cut);
});
const valueArb = fc.oneof(
  { arbitrary: recordArb.map(encode), weight: 2 },
  { arbitrary: mutatedArb, weight: 5 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 120 }), weight: 1 },
);

function expectValidRecord(r: ConsentRecord) {
  // Version 2 is the one with the Limit, and only it.
  expect(r.version).toBe(r.limited ? 2 : 1);
  expect(Number.isSafeInteger(r.revision) && r.revision >= 0).toBe(true);
  expect(Number.isSafeInteger(r.timestamp) && r.timestamp >= 0 && r.timestamp % 1000 == 0).toBe(true);
  expect(r.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  for (const bag of [r.categories, r.services]) {
    expect(Object.getPrototypeOf(bag)).toBe(Object.prototype);
    for (const key of Reflect.ownKeys(bag)) {
      expect(key).toMatch(ID_PATTERN);
      expect(typeof bag[key as string]).toBe('boolean');
    }
  }
}

describe('a cookie value, whatever it holds', () => {
  it('decodes to null or to a valid record that encode() writes back exactly (encode ∘ decode is the identity)', () => {
    let read = 0;
    fc.assert(
      fc.property(valueArb, (value) => {
        const r = decode(value);
        if (r === null) return;
        // A newer version's record: its id and opt-out, never a choice.
        if (r.version > RECORD_VERSION) return void expect(r).toMatchObject({ revision: -1, categories: {}, services: {} });
        read++;
        expectValidRecord(r);
        expect(encode(r)).toBe(value);
      }),
      { numRuns: runs(3000) },
    );
    // Not vacuous: a good share of the values are records.
    expect(read).toBeGreaterThan(300);
  });

  // Numbers encode() never writes would give one record two spellings, and a
  // revision beyond 2^53 would come back rounded: re-encoded (as
  // createConsent does with duplicate cookies) it would no longer decode.
  const BODY = '1.0.toupc0.V1StGXR8_Z5jdHi6B-myTw.0.analytics:1.';
  it('refuses a number with a leading zero, which encode() never writes', () => {
    expect(decode(sign(BODY.replace('1.0.', '1.00.')))).toBeNull();
  });
  it('refuses a revision beyond Number.MAX_SAFE_INTEGER, which it cannot read back exactly', () => {
    expect(decode(sign(BODY.replace('1.0.', '1.zzzzzzzzzzz.')))).toBeNull();
  });

  it('allows, under opt-in, no category the record did not set to true, and always necessary', () => {
    let trusted = 0;
    fc.assert(
      fc.property(
        valueArb,
        fc.array(idArb, { maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.integer({ min: -2 * DAY, max: 400 * DAY }),
        fc.boolean(),
        (value, extra, sales, gpc, age, bumped) => {
          const stored = decode(value);
          // A config that names the record's categories and services, at its
          // revision (trusted while its age allows) or at the next one.
          const ids = [...new Set([...Object.keys(stored?.categories ?? {}), ...extra])];
          const services = Object.keys(stored?.services ?? {});
          const categories = Object.fromEntries(
            ids.map((id, i) => [id, { sale: sales[i % sales.length], services: Object.fromEntries(services.filter((_, j) => j % ids.length == i).map((s) => [s, {}])) }]),
          );
          const revision = (stored && Number.isSafeInteger(stored.revision) ? stored.revision : 0) + +bumped;
          const { config } = normalise({ revision, categories });
          const now = stored ? stored.timestamp + age : NOW;
          const d = decide(config, stored, { gpc }, 'opt-in', now);
          if (d.record) trusted++;
          // Trusted only at the config's revision and within its lifetime
          // (a day of clock skew allowed).
          const { days, optOutDays } = config.cookie;
          if (d.record) {
            expect(d.record).toBe(stored);
            expect(d.record.revision).toBe(config.revision);
            // The opt-out and the Limit keep the record for their 12 months.
            expect(age >= -DAY && age < Math.max(days, stored!.optedOut || stored!.limited ? optOutDays : 0) * DAY).toBe(true);
          }
          // An opt-out outlives a revision bump: a stale record still takes away.
          if (stored?.optedOut && age >= -DAY && age < optOutDays * DAY) expect(d.optedOut).toBe(true);
          expectOnlyGranted(config, d, gpc);
        },
      ),
      { numRuns: runs(3000) },
    );
    expect(trusted).toBeGreaterThan(150);
  });
});

/** What decide() allows under opt-in: necessary, and only what the trusted
 * record set to true; nothing a sale when the opt-out is in force. */
function expectOnlyGranted(config: CoreConfig, d: Decision, gpc: boolean) {
  const granted = (bag: Record<string, boolean> | undefined, id: string) => !!bag && own(bag, id) && bag[id] === true;
  expect(d.categories[NECESSARY]).toBe(true);
  if (gpc) expect(d.optedOut).toBe(true);
  for (const id of Object.keys(config.categories)) {
    const { sale, services } = config.categories[id];
    if (d.categories[id]) expect(id == NECESSARY || granted(d.record?.categories, id), id).toBe(true);
    if (sale && d.optedOut) expect(d.categories[id], id).toBe(false);
    for (const s of Object.keys(services)) {
      if (!d.services[s]) continue;
      expect(d.record && own(d.record.services, s) ? d.record.services[s] : id == NECESSARY || granted(d.record?.categories, id), s).toBe(true);
      expect(sale && d.optedOut, s).toBe(false);
    }
  }
}

describe('duplicate cookies', () => {
  // Copies a few days apart, so that the newest is often a close call.
  const copyArb = fc.tuple(recordArb, fc.integer({ min: -3, max: 3 })).map(([r, d]) => encode({ ...r, timestamp: NOW + d * DAY }));
  const valuesArb = fc.array(fc.oneof(copyArb, mutatedArb, fc.string()), { maxLength: 6 });

  it('are read without throwing: the newest readable copy wins, in any order', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const best = newest(values);
        const readable = values.map(decode).filter((r): r is ConsentRecord => r !== null);
        if (!readable.length) return void expect(best).toBeNull();
        expect(readable).toContainEqual(best);
        expect(best!.timestamp).toBe(Math.max(...readable.map((r) => r.timestamp)));
        expect(newest([...values].reverse())!.timestamp).toBe(best!.timestamp);
      }),
      { numRuns: runs(1000) },
    );
  });
});

// ----------------------------------------------------------------- configs

const CONFIG_KEYS = [
  'categories', 'sale', 'services', 'cookies', 'name', 'regime', 'defaultRegime', 'region', 'revision', 'cookie', 'path',
  'days', 'optOutDays', 'sameSite', 'domain', 'mspa', 'googleAnalytics', 'id', 'consentMode', 'receipts', 'url', 'texts',
  NECESSARY, 'analytics', 'marketing', 'opt-out', 'auto',
];

/** JSON text with any key at any depth, `__proto__` included: JSON.parse
 * makes such a key an own property, which is how a config from a CMS or a
 * data attribute would carry it. */
const jsonTextArb = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 0 }).map((v) => JSON.stringify(v)), tie('object'), tie('array')),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...CONFIG_KEYS, ...HOSTILE_NAMES), fc.string({ maxLength: 5 })), tie('value')), { maxLength: 5 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  array: fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
})).object;

/** A config's shape with a valid-looking or any JSON value at each key. */
const any = fc.jsonValue({ maxDepth: 2 });
const or = (valid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: any, weight: 1 });
const some = (shape: Record<string, fc.Arbitrary<unknown>>) => fc.record(shape, { requiredKeys: [] });
const keyArb = fc.oneof(fc.constantFrom(NECESSARY, 'analytics', 'marketing', ...HOSTILE_NAMES), fc.stringMatching(ID_PATTERN), fc.string({ maxLength: 4 }));
const daysArb = or(fc.integer({ min: -5, max: 500 }));
const shapedArb = some({
  regime: or(fc.constantFrom('opt-in', 'opt-out', 'auto')),
  defaultRegime: or(fc.constantFrom('opt-in', 'opt-out')),
  region: or(fc.constantFrom('DK', 'US-CA', 'us-va', 'EU', 'JP', 'US-XX')),
  revision: or(fc.nat()),
  mspa: or(fc.boolean()),
  categories: or(
    fc.dictionary(keyArb, or(some({
      sale: or(fc.boolean()),
      services: or(fc.dictionary(keyArb, or(some({ cookies: or(fc.array(or(fc.string({ maxLength: 5 })), { maxLength: 3 })) })), { maxKeys: 3 })),
    })), { maxKeys: 5 }),
  ),
  cookie: or(some({ name: any, days: daysArb, optOutDays: daysArb, sameSite: or(fc.constantFrom('Lax', 'None')), path: any, domain: any })),
  googleAnalytics: or(some({ id: or(fc.constantFrom('G-ABC123', 'UA-1')), anonymizeIp: any })),
  consentMode: or(some({ mode: or(fc.constantFrom('basic', 'advanced')), waitForUpdate: any })),
  receipts: or(some({ url: or(fc.constantFrom('/r', 'javascript:alert(1)')) })),
}).map((c) => JSON.parse(JSON.stringify(c)) as unknown);

const configArb = fc.oneof(
  { arbitrary: fc.jsonValue(), weight: 1 },
  { arbitrary: shapedArb, weight: 3 },
  { arbitrary: jsonTextArb.map((text) => JSON.parse(text) as unknown), weight: 2 },
);

/** An own key of a plain object, as normalise() reads it; else undefined. */
const field = (bag: unknown, key: string): unknown =>
  bag !== null && typeof bag == 'object' && !Array.isArray(bag) && own(bag, key) ? (bag as Record<string, unknown>)[key] : undefined;

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype];
const SNAPSHOT = PROTOTYPES.map((p) => Object.getOwnPropertyDescriptors(p) as Record<PropertyKey, PropertyDescriptor>);

/** The prototype members added or replaced since SNAPSHOT, put back at once:
 * one polluting input then fails alone and shrinks to itself, instead of
 * failing every case after it. */
function pollution(): string[] {
  const changed: string[] = [];
  PROTOTYPES.forEach((proto, i) => {
    const was = SNAPSHOT[i];
    for (const key of Reflect.ownKeys(proto)) {
      const now = Object.getOwnPropertyDescriptor(proto, key)!;
      if (own(was, key as string) && now.value === was[key].value && now.get === was[key].get && now.set === was[key].set) continue;
      changed.push(String(key));
      if (own(was, key as string)) Object.defineProperty(proto, key, was[key]);
      else delete (proto as Record<PropertyKey, unknown>)[key];
    }
  });
  return changed;
}

describe('any JSON config', () => {
  it('normalises without throwing or touching a prototype, and grants nothing the site did not ask for', () => {
    fc.assert(
      fc.property(configArb, fc.boolean(), fc.constantFrom(undefined, 'Europe/Copenhagen', 'America/Los_Angeles', 'Asia/Tokyo'), (input, gpc, zone) => {
        const { config } = normalise(input);
        normaliseUi(input);
        validate(input);
        const seen = { enumerable: Object.keys(Object.prototype).length, sentinel: [{}, [], () => 0].some((v) => 'polluted' in v) };
        expect({ ...seen, changed: pollution() }).toEqual({ enumerable: 0, sentinel: false, changed: [] });

        for (const bag of [config.categories, ...Object.values(config.categories).map((c) => c.services)]) {
          expect(Object.getPrototypeOf(bag)).toBe(Object.prototype);
          for (const id of Object.keys(bag)) expect(id).toMatch(ID_PATTERN);
        }
        expect(config.categories[NECESSARY].sale).toBe(false);
        // A wrong or missing `sale` counts as a sale (the opt-out switches it
        // off); only `false`, or a default category other than marketing, is none.
        for (const id of Object.keys(config.categories)) {
          const sale = field(field(field(input, 'categories'), id), 'sale');
          if (id != NECESSARY && !config.categories[id].sale) expect(sale === false || (sale === undefined && id != 'marketing'), id).toBe(true);
        }

        // Opt-out is the site's explicit choice; a wrong value never gives it.
        const regime = resolveRegime(config, () => zone);
        if (regime == 'opt-out') expect(['opt-out', 'auto']).toContain(field(input, 'regime'));
        const d = decide(config, null, { gpc }, regime, NOW);
        const expected: Record<string, boolean> = {};
        for (const [id, { sale, services }] of Object.entries(config.categories)) {
          // Opt-in: necessary only. Opt-out: everything (that is the
          // regime's default) except a sale when GPC opts out.
          const allowed = id == NECESSARY || (regime == 'opt-out' && !(sale && gpc));
          expect(d.categories[id], id).toBe(allowed);
          // A service in two categories (a reported mistake) runs only if both allow it.
          for (const s of Object.keys(services)) expected[s] = (expected[s] ?? true) && allowed;
        }
        expect(d.services).toEqual(expected);
        expect(d.ask).toBe(regime == 'opt-in' && Object.keys(config.categories).length > 1);
      }),
      { numRuns: runs(1000) },
    );
  });

  // A service id listed in two categories is reported, and kept in both:
  // it runs only if both allow it, so the mistake never widens what runs
  // (a sale category's service despite GPC, say).
  it('keeps a service off when one of two categories listing it is off', () => {
    const { config, problems } = normalise({
      regime: 'opt-out',
      categories: { marketing: { sale: true, services: { pixel: {} } }, analytics: { services: { pixel: {} } } },
    });
    expect(problems.map((p) => p.path)).toEqual(['categories.analytics.services.pixel']);
    const d = decide(config, null, { gpc: true }, 'opt-out', NOW);
    expect(d.categories.marketing).toBe(false);
    expect(d.services.pixel).toBe(false);
  });
});

// --------------------------------------------------------- GPP, US Privacy

const stateArb = fc.record({ optedOut: fc.boolean(), gpc: fc.boolean(), mspa: fc.boolean() });
const uspArb = fc.record({ applies: fc.boolean(), optedOut: fc.boolean(), lspa: fc.boolean() });

describe('the GPP and US Privacy strings, read by IAB\'s @iabgpp/cmpapi', () => {
  it('decode to the fields we report, for any US state and any mix of usnat, usca and uspv1', () => {
    // 728 combinations; the default run count (setup.ts) samples them.
    fc.assert(
      fc.property(
        fc.record({ usnat: stateArb, usca: stateArb, usp: uspArb }, { requiredKeys: [] }).filter((s) => Object.keys(s).length > 0),
        ({ usnat: nat, usca: ca, usp }) => {
          const sections: Record<number, Section> = {};
          const expected: Record<string, Record<string, unknown>> = {};
          if (nat) expected.usnat = (sections[USNAT] = usnat(nat)).fields;
          if (ca) expected.usca = (sections[USCA] = usca(ca)).fields;
          // What a vendor reads must be what the state says, not only what we report.
          for (const [name, state] of [['usnat', nat], ['usca', ca]] as const) {
            if (!state) continue;
            const optOut = state.optedOut ? 1 : 2;
            expect(expected[name], name).toMatchObject({
              SaleOptOut: optOut, SharingOptOut: optOut, Gpc: state.gpc, GpcSegmentType: 1,
              MspaCoveredTransaction: state.mspa ? 1 : 2, MspaOptOutOptionMode: state.mspa ? 1 : 0, MspaServiceProviderMode: state.mspa ? 2 : 0,
            });
            if (name == 'usnat') expect(expected[name].TargetedAdvertisingOptOut).toBe(optOut);
          }
          if (usp) {
            // uspv1 (section 6) is the 4-character US Privacy string itself.
            sections[6] = { encoded: uspString(usp.applies, usp.optedOut, usp.lspa), fields: {} };
            const yn = (b: boolean) => (!usp.applies ? '-' : b ? 'Y' : 'N');
            expected.uspv1 = { Version: 1, Notice: yn(true), OptOutSale: yn(usp.optedOut), LspaCovered: yn(usp.lspa) };
          }
          const string = gppString(sections);
          const model = new GppModel(string);
          expect(model.getSectionIds()).toEqual(Object.keys(sections).map(Number).sort((a, b) => a - b));
          const rebuilt = new GppModel();
          for (const [name, fields] of Object.entries(expected)) {
            expect(model.getSection(name), name).toEqual(fields);
            for (const [key, value] of Object.entries(fields)) rebuilt.setFieldValue(name, key, value);
          }
          // IAB's encoder writes the very same sections from those fields.
          // Its header codes consecutive ids as a range (7-8), ours each id
          // alone: both are valid Fibonacci ranges, and read the same.
          const theirs = rebuilt.encode();
          expect(theirs.split('~').slice(1)).toEqual(string.split('~').slice(1));
          expect(new GppModel(theirs).getHeader()).toEqual(model.getHeader());
        },
      ),
    );
  });
});
