// The IAB Global Privacy Platform signal (signals/gpp/): the hand-rolled
// usnat/usca encoder, checked against the spec's vectors and against IAB's
// own decoder (@iabgpp/cmpapi, a dev dependency only), the `__gpp` stub that
// must answer before samtykke's US chunk loads, the full API that takes the
// stub's queue and listeners over, the postMessage bridge for ad tech in
// iframes, and which section applies where (core/regime.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FibonacciIntegerEncoder, FibonacciIntegerRangeEncoder, GppModel } from '@iabgpp/cmpapi';
import { base64url, bool, fibonacci, idRange, int } from '../../src/signals/gpp/bits';
import { gppString, usca, usnat, USCA, USNAT, type Section, type UsState } from '../../src/signals/gpp/sections';
import { EMPTY, installGppStub } from '../../src/signals/gpp/stub';
import { startGpp } from '../../src/signals/gpp/api';
import { serveFrames } from '../../src/signals/frames';
import { gppSection } from '../../src/core/regime';
import { start } from './helpers';

type Page = Window & Record<string, any>;
type Call = [data: any, success: boolean];

/** A page of its own for each test: `__gpp` and the `message` listener the
 * stub adds live on it, so no test hears another's messages. (The locator
 * iframe still goes into jsdom's document; see the iframe tests.) */
const isolatedPage = () => Object.assign(new EventTarget(), { frames: {} }) as unknown as Page;

/** Runs a `__gpp` command and records what it calls back, and when. */
function gpp(page: Page, command?: string, parameter?: unknown) {
  const calls: Call[] = [];
  const returned = command === undefined ? page.__gpp() : page.__gpp(command, (data: unknown, success: boolean) => void calls.push([data, success]), parameter);
  return { calls, returned, data: calls[0]?.[0], success: calls[0]?.[1] };
}

/** Registers an event listener and keeps every event it gets. */
function listen(page: Page) {
  const events: any[] = [];
  page.__gpp('addEventListener', (event: any) => void events.push(event));
  return events;
}
const names = (events: any[]) => events.map((e) => `${e.eventName}:${e.data}`);

const ALL_STATES: UsState[] = [false, true].flatMap((optedOut) =>
  [false, true].flatMap((gpc) => [false, true].map((mspa) => ({ optedOut, gpc, mspa }))),
);
const SECTIONS = [
  { id: USNAT, name: 'usnat', encode: usnat },
  { id: USCA, name: 'usca', encode: usca },
];
const fake = (encoded: string): Section => ({ encoded, fields: {} });

afterEach(() => {
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

describe('the GPP bit layer', () => {
  it('writes fixed-width integers and booleans most significant bit first', () => {
    expect(int(3, 6)).toBe('000011');
    expect(int(1, 2)).toBe('01');
    expect(int(0, 12)).toBe('000000000000');
    expect(bool(true) + bool(false)).toBe('10');
  });

  it('Fibonacci-codes the spec\'s small numbers', () => {
    // Zeckendorf by hand, smallest term first, then the closing 1:
    // 1 = 1; 2 = 2; 3 = 3; 4 = 3+1; 5 = 5; 8 = 8; 12 = 8+3+1 (terms 1,2,3,5,8 → 1 0 1 0 1).
    expect(fibonacci(1)).toBe('11');
    expect(fibonacci(2)).toBe('011');
    expect(fibonacci(3)).toBe('0011');
    expect(fibonacci(4)).toBe('1011');
    expect(fibonacci(5)).toBe('00011');
    expect(fibonacci(8)).toBe('000011');
    expect(fibonacci(12)).toBe('101011');
  });

  it('Fibonacci-codes every section id the same way as IAB\'s encoder, and decodably', () => {
    // Section ids go up to 27 today and the header codes differences, so a
    // wrong code for any id would shift every section after it.
    for (let n = 1; n <= 300; n++) {
      const bits = fibonacci(n);
      // "11" only at the very end: a decoder finds the end of the number there.
      expect(bits.indexOf('11'), `fibonacci(${n}) = ${bits}`).toBe(bits.length - 2);
      expect(bits).toBe(FibonacciIntegerEncoder.encode(n));
      expect(FibonacciIntegerEncoder.decode(bits)).toBe(n);
    }
  });

  it('writes a section id list IAB\'s decoder reads back', () => {
    for (const ids of [[7], [8], [2, 6], [2, 7], [7, 8], [2, 8, 27]]) {
      expect(FibonacciIntegerRangeEncoder.decode(idRange(ids))).toEqual(ids);
    }
  });

  it('pads to whole bytes and then to a multiple of 6 bits, never with "="', () => {
    // The spec's own vectors show the byte step: the 3-bit GPC sub-section
    // "011" is "YA" (011000|00), not "Y".
    expect(base64url('011')).toBe('YA');
    expect(base64url('010')).toBe('QA');
    expect(base64url('000011000001')).toBe('DBA'); // 12 bits → 16 → 18
    expect(base64url('1'.repeat(24))).toBe('____');
    expect(base64url('')).toBe('');
    expect(base64url('1'.repeat(46))).toHaveLength(8); // usca core: 46 → 48 bits
  });
});

describe('the GPP string', () => {
  it('writes the spec\'s header examples, padded to whole bytes as IAB\'s library does', () => {
    // The spec's examples "DBABM" (TCF EU, 2, alone) and "DBACNY" (2 and 6)
    // stop at a multiple of 6 bits. IAB's library pads each part to whole
    // bytes first (its encoder writes "DBABMA" and "DBACNYA" for these, and
    // the spec's own usca vectors end in "YA" for that reason), so one more
    // all-zero character follows. Decoders read the same header from both.
    expect(gppString({ 2: fake('X') })).toBe('DBABMA~X');
    expect(gppString({ 2: fake('X'), 6: fake('Y') })).toBe('DBACNYA~X~Y');
    for (const [spec, ours] of [['DBABM~X', 'DBABMA~X'], ['DBACNY~X~Y', 'DBACNYA~X~Y']]) {
      expect(new GppModel(ours).getHeader()).toEqual(new GppModel(spec).getHeader());
    }
    expect(new GppModel('DBACNYA~X~Y').getSectionIds()).toEqual([2, 6]);
  });

  it('lists the sections in id order, each once, header first', () => {
    expect(gppString({ 6: fake('Y'), 2: fake('X') })).toBe('DBACNYA~X~Y');
    const model = new GppModel(gppString({ 8: fake('B'), 7: fake('C') }));
    expect(model.getHeader().SectionIds).toEqual([7, 8]);
  });

  it('is the empty string "DBAA" the stub reports with no section', () => {
    expect(gppString({})).toBe(EMPTY);
    expect(new GppModel(EMPTY).getSectionIds()).toEqual([]);
  });

  it('writes the spec\'s usnat and usca vectors', () => {
    expect(gppString({ 7: usnat({ optedOut: true, gpc: true, mspa: false }) })).toBe('DBABLA~CVQVAAAAAACA.YA');
    expect(gppString({ 8: usca({ optedOut: true, gpc: true, mspa: false }) })).toBe('DBABBg~BUUAAACA.YA');
    expect(gppString({ 8: usca({ optedOut: false, gpc: false, mspa: false }) })).toBe('DBABBg~BUoAAACA.QA');
  });
});

describe('usnat and usca against IAB\'s decoder (@iabgpp/cmpapi)', () => {
  for (const { id, name, encode } of SECTIONS) {
    for (const state of ALL_STATES) {
      const label = `${name} ${JSON.stringify(state)}`;

      it(`${label}: IAB decodes every field we report, and no other`, () => {
        const section = encode(state);
        const string = gppString({ [id]: section });
        const model = new GppModel(string);
        expect(model.getSectionIds()).toEqual([id]);
        expect(model.getHeader().SectionIds).toEqual([id]);
        // getSection is a flat object (core and GPC fields merged): the same
        // shape our getSection / parsedSections answer with. toEqual fails on
        // a field either side lacks, so vendors reading our parsed object and
        // vendors decoding the string see the same thing.
        const decoded = model.getSection(name);
        expect(decoded).toEqual(section.fields);
        expect(Object.keys(decoded).sort()).toEqual(Object.keys(section.fields).sort());
      });

      it(`${label}: IAB's encoder writes the very same string from our fields`, () => {
        // Same bits is not enough for a decoder that skips trailing padding;
        // this also pins the padding and the sub-section layout.
        const section = encode(state);
        const model = new GppModel();
        for (const [field, value] of Object.entries(section.fields)) model.setFieldValue(name, field, value);
        expect(model.encode()).toBe(gppString({ [id]: section }));
      });

      it(`${label}: says what the visitor chose`, () => {
        const model = new GppModel(gppString({ [id]: encode(state) }));
        const field = (f: string) => model.getFieldValue(name, f);
        // 1 = opted out, 2 = did not opt out (0 would mean "no notice given").
        const optOut = state.optedOut ? 1 : 2;
        expect(field('SaleOptOut')).toBe(optOut);
        expect(field('SharingOptOut')).toBe(optOut);
        if (id == USNAT) expect(field('TargetedAdvertisingOptOut')).toBe(optOut);
        // The opt-outs are offered, so their notices are given.
        expect(field('SaleOptOutNotice')).toBe(1);
        expect(field('SharingOptOutNotice')).toBe(1);
        expect(field('GpcSegmentType')).toBe(1);
        expect(field('Gpc')).toBe(state.gpc);
        // MSPA signatory in Opt-Out Option Mode: covered 1, opt-out mode 1
        // (yes), service-provider mode 2 (no). Otherwise not covered (2) and
        // both modes N/A (0).
        expect([field('MspaCoveredTransaction'), field('MspaOptOutOptionMode'), field('MspaServiceProviderMode')]).toEqual(
          state.mspa ? [1, 1, 2] : [2, 0, 0],
        );
        // usnat is written as version 2, usca as version 1 (IAB's defaults).
        expect(field('Version')).toBe(id == USNAT ? 2 : 1);
      });
    }
  }
});

describe('the __gpp stub', () => {
  it('answers ping at once, through the callback, as a 1.1 stub', () => {
    const page = isolatedPage();
    installGppStub(page, USCA);
    const { calls, returned } = gpp(page, 'ping');
    // Called synchronously: a vendor tag reads it straight after the call.
    expect(calls).toHaveLength(1);
    expect(calls[0][1]).toBe(true);
    expect(calls[0][0]).toMatchObject({ gppVersion: '1.1', cmpStatus: 'stub', signalStatus: 'not ready', applicableSections: [8] });
    // 1.1 removed return values: results come through the callback only.
    expect(returned).toBeUndefined();
  });

  it('reports itself loaded and ready with no section where no US law applies', () => {
    // Nothing more loads there: vendors waiting for "ready" must not wait forever.
    const page = isolatedPage();
    installGppStub(page, -1);
    expect(gpp(page, 'ping').data).toMatchObject({
      gppVersion: '1.1',
      cmpStatus: 'loaded',
      signalStatus: 'ready',
      applicableSections: [-1],
      gppString: 'DBAA',
    });
    expect(gpp(page, 'hasSection', 'usca').data).toBe(false);
  });

  it('returns nothing from commands, but the queue and the listeners for the hand-off', () => {
    const page = isolatedPage();
    installGppStub(page, USCA);
    for (const command of ['ping', 'addEventListener', 'removeEventListener', 'hasSection', 'getSection', 'getField', 'custom']) {
      expect(gpp(page, command, 'usca').returned, command).toBeUndefined();
    }
    expect(Array.isArray(page.__gpp())).toBe(true);
    expect(Array.isArray(page.__gpp('events'))).toBe(true);
  });

  it('registers each listener at once, with a new id every time', () => {
    const page = isolatedPage();
    installGppStub(page, USCA);
    const first = gpp(page, 'addEventListener');
    const second = gpp(page, 'addEventListener');
    expect(first.calls).toHaveLength(1);
    expect(first.data).toMatchObject({ eventName: 'listenerRegistered', data: true });
    expect(first.data.pingData).toMatchObject({ cmpStatus: 'stub' });
    expect(typeof first.data.listenerId).toBe('number');
    expect(second.data.listenerId).not.toBe(first.data.listenerId);
    expect(page.__gpp('events').map((l: any) => l.id)).toEqual([first.data.listenerId, second.data.listenerId]);
  });

  it('removes a listener and says whether there was one', () => {
    const page = isolatedPage();
    installGppStub(page, USCA);
    const id = gpp(page, 'addEventListener').data.listenerId;
    const removed = gpp(page, 'removeEventListener', id);
    expect(removed.data).toMatchObject({ eventName: 'listenerRemoved', listenerId: id, data: true });
    expect(page.__gpp('events')).toHaveLength(0);
    expect(gpp(page, 'removeEventListener', id).data).toMatchObject({ eventName: 'listenerRemoved', data: false });
    expect(gpp(page, 'removeEventListener', 999).data.data).toBe(false);
  });

  it('answers hasSection, getSection and getField with null until it knows', () => {
    const page = isolatedPage();
    installGppStub(page, USCA);
    expect(gpp(page, 'hasSection', 'usca').calls).toEqual([[null, true]]);
    expect(gpp(page, 'getSection', 'usca').calls).toEqual([[null, true]]);
    expect(gpp(page, 'getField', 'usca.SaleOptOut').calls).toEqual([[null, true]]);
    // These are answered, not queued: the queue is for other commands.
    expect(page.__gpp()).toHaveLength(0);
  });

  it('queues other commands for the full API', () => {
    const page = isolatedPage();
    installGppStub(page, USNAT);
    const callback = vi.fn();
    expect(page.__gpp('vendorThing', callback, 'p', '1.1')).toBeUndefined();
    expect(callback).not.toHaveBeenCalled();
    expect(page.__gpp()).toEqual([['vendorThing', callback, 'p', '1.1']]);
  });

  it('fails other commands at once where no US law applies, as nothing will load to answer them', () => {
    const page = isolatedPage();
    installGppStub(page, -1);
    expect(gpp(page, 'vendorThing').calls).toEqual([[null, false]]);
    expect(page.__gpp()).toHaveLength(0);
  });

  it('ignores a call without a callback', () => {
    const page = isolatedPage();
    installGppStub(page, USCA);
    expect(() => page.__gpp('ping')).not.toThrow();
    expect(() => page.__gpp('addEventListener')).not.toThrow();
    expect(page.__gpp('events')).toHaveLength(0);
  });

  it('leaves a __gpp function already on the page alone', () => {
    const page = isolatedPage();
    const theirs = vi.fn();
    page.__gpp = theirs;
    installGppStub(page, USCA);
    expect(page.__gpp).toBe(theirs);
  });

  it('adds one hidden __gppLocator iframe, so frames can find the API', () => {
    const page = window as unknown as Page;
    delete page.__gpp;
    installGppStub(page, USCA);
    serveFrames(page, '__gpp'); // a second call finds the frame by its name
    const frames = document.querySelectorAll('iframe[name="__gppLocator"]');
    expect(frames).toHaveLength(1);
    expect((frames[0] as HTMLIFrameElement).hidden).toBe(true);
    expect(window.frames['__gppLocator' as any]).toBeTruthy();
    delete page.__gpp;
  });

  it('adds the locator once the body exists, when started in the head', () => {
    vi.useFakeTimers();
    try {
      const body = document.body;
      body.remove();
      serveFrames(isolatedPage(), '__gpp');
      expect(document.querySelectorAll('iframe')).toHaveLength(0);
      document.documentElement.append(body);
      vi.advanceTimersByTime(50);
      expect(document.querySelectorAll('iframe[name="__gppLocator"]')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the full GPP API', () => {
  /** The stub with early callers, then the API, as on a Californian page. */
  function handOff(config = {}, env = {}, section = USCA, mspa = false) {
    const page = isolatedPage();
    installGppStub(page, section);
    const early = listen(page);
    const { consent, settings } = start({ regime: 'opt-out', region: section == USCA ? 'US-CA' : 'US-VA', mspa, ...config }, env);
    return { page, early, consent, begin: () => startGpp(page, consent, settings, section) };
  }

  it('tells a listener registered with the stub: not ready, loaded, sectionChange, ready', () => {
    const { page, early, begin } = handOff();
    expect(names(early)).toEqual(['listenerRegistered:true']);
    begin();
    expect(names(early)).toEqual([
      'listenerRegistered:true',
      'signalStatus:not ready',
      'cmpStatus:loaded',
      'sectionChange:usca',
      'signalStatus:ready',
    ]);
    // Same listener id throughout, so a vendor can match its events.
    expect(new Set(early.map((e) => e.listenerId)).size).toBe(1);
    // Each event's pingData is the state at that moment.
    expect(early[4].pingData).toMatchObject({ cmpStatus: 'loaded', signalStatus: 'ready', applicableSections: [8], cmpId: 1 });
    expect(new GppModel(early[4].pingData.gppString).getFieldValue('usca', 'SaleOptOut')).toBe(2);
    expect(gpp(page, 'ping').data).toMatchObject({ gppVersion: '1.1', cmpStatus: 'loaded', signalStatus: 'ready', cmpDisplayStatus: null });
  });

  it('answers the commands queued before it loaded, in order', () => {
    const { page, begin } = handOff();
    const order: string[] = [];
    page.__gpp('first', (data: unknown, success: boolean) => void order.push(`first:${data}:${success}`));
    // getSection is answered by the stub with null at once, not queued.
    const early = gpp(page, 'getSection', 'usca');
    expect(early.calls).toEqual([[null, true]]);
    page.__gpp('second', (data: unknown, success: boolean) => void order.push(`second:${data}:${success}`));
    expect(order).toEqual([]);
    begin();
    // samtykke knows no custom command: each is told so, exactly once.
    expect(order).toEqual(['first:null:false', 'second:null:false']);
    expect(gpp(page, 'getSection', 'usca').data).toMatchObject({ SaleOptOut: 2, Gpc: false });
  });

  it('goes not ready → sectionChange → ready when the visitor opts out, and says so everywhere', () => {
    const { page, early, consent, begin } = handOff();
    begin();
    const before = gpp(page, 'ping').data.gppString;
    early.length = 0;
    consent.optOut();
    expect(names(early)).toEqual(['signalStatus:not ready', 'sectionChange:usca', 'signalStatus:ready']);
    expect(gpp(page, 'getField', 'usca.SaleOptOut').data).toBe(1);
    expect(gpp(page, 'getField', 'usca.SharingOptOut').data).toBe(1);
    expect(gpp(page, 'getSection', 'usca').data).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1 });
    const ping = gpp(page, 'ping').data;
    expect(ping.gppString).not.toBe(before);
    expect(ping.parsedSections.usca.SaleOptOut).toBe(1);
    // The string a vendor forwards to its servers says the same.
    expect(new GppModel(ping.gppString).getFieldValue('usca', 'SaleOptOut')).toBe(1);
    expect(early[2].pingData.gppString).toBe(ping.gppString);
  });

  it('stays quiet on a change that leaves the GPP string as it was', () => {
    // Analytics off in opt-out: what may run changed, the sale opt-out did not.
    const { page, early, consent, begin } = handOff();
    begin();
    const before = gpp(page, 'ping').data.gppString;
    early.length = 0;
    const changes = vi.fn();
    consent.on('change', changes);
    consent.set({ analytics: false });
    expect(changes).toHaveBeenCalled();
    expect(early).toEqual([]);
    expect(gpp(page, 'ping').data.gppString).toBe(before);
  });

  it('has the section that applies and no other', () => {
    const { page, begin } = handOff();
    begin();
    expect(gpp(page, 'hasSection', 'usca').calls).toEqual([[true, true]]);
    expect(gpp(page, 'hasSection', 'usnat').calls).toEqual([[false, true]]);
    expect(gpp(page, 'getSection', 'usnat').data).toBeNull();
    expect(gpp(page, 'getField', 'usnat.SaleOptOut').data).toBeNull();
    expect(gpp(page, 'getField', 'usca.NoSuchField').data).toBeNull();
    expect(gpp(page, 'getField', 'usca').data).toBeNull();
  });

  it('answers null for a field name that is only on Object.prototype', () => {
    // getField checks `name in fields`, which is true for inherited names:
    // getField('usca.constructor') hands back Object itself, and over
    // postMessage a function cannot be cloned, so the frame gets no answer.
    const { page, begin } = handOff();
    begin();
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(gpp(page, 'getField', `usca.${name}`).data, name).toBeNull();
    }
  });

  it('does not let one vendor change what the others read', () => {
    // A vendor that edits the object it is handed must not alter samtykke's
    // state: other vendors would read an opt-out the string does not carry.
    const { page, begin } = handOff();
    begin();
    gpp(page, 'ping').data.parsedSections.usca.SaleOptOut = 1;
    gpp(page, 'getSection', 'usca').data.SensitiveDataProcessing[0] = 2;
    gpp(page, 'getField', 'usca.KnownChildSensitiveDataConsents').data[1] = 2;
    expect(gpp(page, 'getField', 'usca.SaleOptOut').data).toBe(2);
    expect(gpp(page, 'getSection', 'usca').data.SensitiveDataProcessing[0]).toBe(0);
    expect(gpp(page, 'ping').data.parsedSections.usca.KnownChildSensitiveDataConsents).toEqual([0, 0]);
  });

  it('gives new listeners ids that do not collide with the stub\'s', () => {
    const { page, early, begin } = handOff();
    const second = gpp(page, 'addEventListener').data.listenerId;
    begin();
    const later = gpp(page, 'addEventListener').data.listenerId;
    expect([early[0].listenerId, second]).not.toContain(later);
    expect(gpp(page, 'addEventListener').data.listenerId).not.toBe(later);
  });

  it('never hands out an id again that the stub gave out and took back', () => {
    // "Each call gets a new listenerId". A vendor that removed listener 2
    // while the stub ran and calls removeEventListener(2) again later (on
    // its own teardown, say) must not remove another vendor's listener.
    const { page, begin } = handOff();
    const removed = gpp(page, 'addEventListener').data.listenerId;
    gpp(page, 'removeEventListener', removed);
    begin();
    const later = gpp(page, 'addEventListener').data.listenerId;
    expect(later).not.toBe(removed);
  });

  it('stops telling a removed listener, and keeps telling the others if one throws', () => {
    const { page, early, consent, begin } = handOff();
    // Throws on every event after its registration.
    const thrower = vi.fn((event: { eventName: string }) => {
      if (event.eventName != 'listenerRegistered') throw new Error('vendor bug');
    });
    page.__gpp('addEventListener', thrower);
    begin();
    const gone = listen(page);
    const id = gone[0].listenerId;
    expect(gpp(page, 'removeEventListener', id).data).toMatchObject({ eventName: 'listenerRemoved', data: true });
    early.length = 0;
    expect(() => consent.optOut()).not.toThrow();
    expect(names(early)).toEqual(['signalStatus:not ready', 'sectionChange:usca', 'signalStatus:ready']);
    expect(gone).toHaveLength(1); // listenerRegistered only; listenerRemoved went to the remover
    expect(thrower.mock.calls.length).toBeGreaterThan(4);
  });

  it('removes, through the API, a listener the stub registered', () => {
    const { page, early, consent, begin } = handOff();
    begin();
    const id = early[0].listenerId;
    expect(gpp(page, 'removeEventListener', id).data).toMatchObject({ data: true });
    early.length = 0;
    consent.optOut();
    expect(early).toEqual([]);
  });

  it('reports a GPC signal as an opt-out with Gpc set', () => {
    // Gpc passes on what the browser sends now, read from navigator.
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const { page, begin } = handOff({}, { gpc: true });
      begin();
      expect(gpp(page, 'getSection', 'usca').data).toMatchObject({ SaleOptOut: 1, SharingOptOut: 1, Gpc: true });
      expect(new GppModel(gpp(page, 'ping').data.gppString).getFieldValue('usca', 'Gpc')).toBe(true);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });

  it('keeps an opt-out GPC once caused but says Gpc false when the signal is gone', () => {
    // The record remembers the GPC opt-out (an earlier visit); the browser sends none now.
    const { page, begin } = handOff({}, { gpc: true });
    begin();
    expect(gpp(page, 'getSection', 'usca').data).toMatchObject({ SaleOptOut: 1, Gpc: false });
  });

  it('writes usnat outside California, with the MSPA modes of a signatory', () => {
    const { page, early, begin } = handOff({}, {}, USNAT, true);
    begin();
    expect(names(early)).toContain('sectionChange:usnat');
    const ping = gpp(page, 'ping').data;
    expect(ping).toMatchObject({ applicableSections: [7], sectionList: [7] });
    const model = new GppModel(ping.gppString);
    expect(model.getSectionIds()).toEqual([7]);
    expect(model.getSection('usnat')).toEqual(ping.parsedSections.usnat);
    expect(gpp(page, 'getField', 'usnat.MspaCoveredTransaction').data).toBe(1);
    expect(gpp(page, 'hasSection', 'usca').data).toBe(false);
  });
});

describe('GPP over postMessage', () => {
  let page: Page;
  beforeEach(() => {
    page = isolatedPage();
    installGppStub(page, USCA);
  });

  const send = (data: unknown, source: unknown = { postMessage: vi.fn() }, origin = 'https://ads.example') => {
    page.dispatchEvent(new MessageEvent('message', { data, source: source as MessageEventSource, origin }));
    return source as { postMessage: ReturnType<typeof vi.fn> };
  };

  it('answers to the caller\'s origin only (a sandboxed frame\'s "null" origin only through "*")', () => {
    const framed = send({ __gppCall: { command: 'ping', callId: 'o1' } }, undefined, 'https://ads.example');
    expect(framed.postMessage.mock.calls[0][1]).toBe('https://ads.example');
    const sandboxed = send({ __gppCall: { command: 'ping', callId: 'o2' } }, undefined, 'null');
    expect(sandboxed.postMessage.mock.calls[0][1]).toBe('*');
  });

  it('answers a call object to its sender only, with the callId', () => {
    const other = { postMessage: vi.fn() };
    const source = send({ __gppCall: { command: 'ping', callId: 'a1', version: '1.1' } });
    expect(source.postMessage).toHaveBeenCalledTimes(1);
    const [message] = source.postMessage.mock.calls[0];
    expect(message).toEqual({
      __gppReturn: { returnValue: expect.objectContaining({ gppVersion: '1.1', cmpStatus: 'stub', applicableSections: [8] }), success: true, callId: 'a1' },
    });
    expect(other.postMessage).not.toHaveBeenCalled();
  });

  it('answers JSON text with JSON text', () => {
    const source = send(JSON.stringify({ __gppCall: { command: 'getField', parameter: 'usca.SaleOptOut', callId: 7, version: '1.1' } }));
    const [message] = source.postMessage.mock.calls[0];
    expect(typeof message).toBe('string');
    expect(JSON.parse(message)).toEqual({ __gppReturn: { returnValue: null, success: true, callId: 7 } });
  });

  it('ignores malformed calls without answering or throwing', () => {
    const errors = vi.fn();
    window.addEventListener('error', errors);
    const malformed = [
      { __gppCall: { callId: 'x' } },
      { __gppCall: { command: 5, callId: 'x' } },
      { __gppCall: { command: 'ping', callId: { id: 1 } } },
      { __gppCall: { command: 'ping' } },
      { __gppCall: null },
      { __gppCall: 'ping' },
      '{"__gppCall": {"command": "ping", "callId": 1}',
      'not json',
      'null',
      null,
      42,
      { __uspapiCall: { command: 'getUSPData', callId: 1 } },
    ];
    for (const data of malformed) {
      let source!: { postMessage: ReturnType<typeof vi.fn> };
      expect(() => (source = send(data)), JSON.stringify(data)).not.toThrow();
      expect(source.postMessage, JSON.stringify(data)).not.toHaveBeenCalled();
    }
    window.removeEventListener('error', errors);
    expect(errors).not.toHaveBeenCalled();
  });

  it('keeps posting events to a frame that registered a listener before the API loaded', () => {
    const source = send({ __gppCall: { command: 'addEventListener', callId: 'l1', version: '1.1' } });
    const early = send({ __gppCall: { command: 'frameCommand', callId: 'q1', version: '1.1' } });
    expect(early.postMessage).not.toHaveBeenCalled(); // queued
    const { consent, settings } = start({ regime: 'opt-out', region: 'US-CA' });
    startGpp(page, consent, settings, USCA);
    consent.optOut();
    const replies = source.postMessage.mock.calls.map(([m]) => m.__gppReturn);
    expect(replies.every((r) => r.callId == 'l1' && r.success)).toBe(true);
    expect(replies.map((r) => `${r.returnValue.eventName}:${r.returnValue.data}`)).toEqual([
      'listenerRegistered:true',
      'signalStatus:not ready',
      'cmpStatus:loaded',
      'sectionChange:usca',
      'signalStatus:ready',
      'signalStatus:not ready',
      'sectionChange:usca',
      'signalStatus:ready',
    ]);
    expect(early.postMessage.mock.calls).toEqual([[{ __gppReturn: { returnValue: null, success: false, callId: 'q1' } }, 'https://ads.example']]);
    // A call after the hand-off reaches the full API.
    const after = send({ __gppCall: { command: 'getField', parameter: 'usca.SaleOptOut', callId: 'f1', version: '1.1' } });
    expect(after.postMessage.mock.calls[0][0].__gppReturn).toEqual({ returnValue: 1, success: true, callId: 'f1' });
  });
});

describe('which GPP section applies', () => {
  it('is usca (8) in California', () => {
    expect(gppSection('opt-out', 'US-CA')).toBe(8);
    expect(gppSection('opt-out', 'us-ca')).toBe(8);
  });

  it.each(['VA', 'CO', 'TX', 'CT', 'UT', 'OR', 'NJ', 'RI'])('is usnat (7) in US-%s', (state) => {
    expect(gppSection('opt-out', `US-${state}`)).toBe(7);
  });

  it('is usnat (7) in the opt-out regime when the region is unknown', () => {
    expect(gppSection('opt-out', undefined)).toBe(7);
  });

  it('is none (-1) in opt-in without a region, in Europe and outside the US', () => {
    expect(gppSection('opt-in', undefined)).toBe(-1);
    expect(gppSection('opt-in', 'DK')).toBe(-1);
    expect(gppSection('opt-in', 'EU')).toBe(-1);
    expect(gppSection('opt-out', 'DE')).toBe(-1);
    expect(gppSection('opt-out', 'EU')).toBe(-1);
    expect(gppSection('opt-out', 'JP')).toBe(-1);
    expect(gppSection('opt-out', 'BR')).toBe(-1);
  });
});
