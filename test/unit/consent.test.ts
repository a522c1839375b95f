import { describe, expect, it, vi } from 'vitest';
import { error } from '../../src/errors';

const BLOCKED = error(5);
import { DAY, START, start } from './helpers';
import { decode, encode } from '../../src/storage/codec';
import type { UiModule } from '../../src/loading/seam';
import { cookieStore } from '../../src/storage/store';
import { normalise } from '../../src/config/normalise';

const ga = { categories: { analytics: { services: { ga4: { cookies: ['_ga'] }, hotjar: {} } }, marketing: {} } };

describe('the consent object', () => {
  it('allows nothing non-essential before the visitor chooses (opt-in)', () => {
    const { consent } = start();
    expect(consent.allowed('necessary')).toBe(true);
    for (const c of ['preferences', 'analytics', 'marketing']) expect(consent.allowed(c)).toBe(false);
    expect(consent.getConsent()).toMatchObject({ decided: false, id: null, regime: 'opt-in' });
  });

  it('records Accept all in the cookie and allows every category', () => {
    const { consent, store } = start();
    consent.acceptAll();
    const record = decode(store.read()[0]);
    expect(record?.categories).toEqual({ preferences: true, analytics: true, marketing: true });
    expect(consent.getConsent()).toMatchObject({ decided: true, persisted: true });
    expect(consent.allowed('marketing')).toBe(true);
  });

  it('records Reject all and allows only necessary', () => {
    const { consent, store } = start();
    consent.rejectAll();
    expect(decode(store.read()[0])?.categories).toEqual({ preferences: false, analytics: false, marketing: false });
    expect(consent.getConsent().categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
  });

  it('keeps the choice for a returning visitor on the same browser', () => {
    const first = start();
    first.consent.set({ analytics: true, preferences: false, marketing: false });
    const value = first.store.read()[0];
    const again = start({}, { store: first.store });
    expect(again.consent.allowed('analytics')).toBe(true);
    expect(again.consent.getConsent().id).toBe(decode(value)!.id);
    expect(again.consent.getConsent().decided).toBe(true);
  });

  it('asks again after the config revision is bumped', () => {
    const first = start({ revision: 1 });
    first.consent.acceptAll();
    const again = start({ revision: 2 }, { store: first.store });
    expect(again.consent.allowed('analytics')).toBe(false);
    expect(again.consent.getConsent().decided).toBe(false);
  });

  it('asks again once the consent is older than cookie.days', () => {
    const first = start({ cookie: { days: 30 } });
    first.consent.acceptAll();
    const later = start({ cookie: { days: 30 } }, { store: first.store, now: () => Date.now() });
    // The record was made at START (2026-01-15); "now" is much later.
    expect(later.consent.allowed('analytics')).toBe(false);
  });

  it('never trusts a tampered cookie', () => {
    const first = start();
    first.consent.rejectAll();
    const forged = first.store.read()[0].replace('analytics:0', 'analytics:1|analytics:1');
    first.store.write(forged, 1);
    const again = start({}, { store: first.store });
    expect(again.consent.allowed('analytics')).toBe(false);
    expect(again.consent.getConsent().decided).toBe(false);
  });

  it('switches single services off inside an allowed category', () => {
    const { consent } = start(ga);
    consent.set({ analytics: true, hotjar: false });
    expect(consent.allowed('analytics')).toBe(true);
    expect(consent.allowed('ga4')).toBe(true);
    expect(consent.allowed('hotjar')).toBe(false);
    consent.acceptAll();
    expect(consent.allowed('hotjar')).toBe(true);
  });

  it('leaves categories not named by set() as they were', () => {
    const { consent } = start();
    consent.set({ analytics: true });
    consent.set({ marketing: true });
    expect(consent.getConsent().categories).toMatchObject({ analytics: true, marketing: true, preferences: false });
  });

  it('reports a bad set() call once, changes nothing else, and never throws', () => {
    const { consent, messages } = start();
    consent.set({ analytics: 'yes' as unknown as boolean, necessary: false, nope: true, marketing: true });
    consent.set({ nope: true });
    expect(consent.allowed('analytics')).toBe(false);
    expect(consent.allowed('marketing')).toBe(true);
    expect(consent.allowed('necessary')).toBe(true);
    expect(messages).toHaveLength(3);
    expect(messages.join('\n')).toMatch(/'analytics'[\s\S]*'necessary' is always on[\s\S]*'nope' is no category/);
  });

  it('opts out of sale/sharing: marketing off, analytics untouched, kept 365 days', () => {
    const { consent, store, settings } = start();
    const write = vi.spyOn(store, 'write');
    consent.acceptAll();
    consent.optOut();
    expect(consent.allowed('marketing')).toBe(false);
    expect(consent.allowed('analytics')).toBe(true);
    expect(consent.getConsent().optedOut).toBe(true);
    expect(write).toHaveBeenLastCalledWith(expect.any(String), settings.cookie.optOutDays);
    consent.optIn();
    expect(consent.allowed('marketing')).toBe(true);
  });

  it('treats Global Privacy Control as an opt-out and remembers it without the signal', () => {
    const visit = start({ regime: 'opt-out' }, { gpc: true });
    expect(visit.consent.allowed('marketing')).toBe(false);
    expect(visit.consent.allowed('analytics')).toBe(true);
    const record = decode(visit.store.read()[0]);
    expect(record).toMatchObject({ optedOut: true, gpc: true });
    const later = start({ regime: 'opt-out' }, { store: visit.store, gpc: false });
    expect(later.consent.allowed('marketing')).toBe(false);
    expect(later.consent.getConsent()).toMatchObject({ optedOut: true, gpc: true });
  });

  it('keeps the GPC opt-out even when the visitor accepts all', () => {
    const { consent } = start({ regime: 'opt-out' }, { gpc: true });
    consent.acceptAll();
    expect(consent.allowed('marketing')).toBe(false);
  });

  it('does not count a GPC record as an answer to the opt-in banner', () => {
    const { consent } = start({}, { gpc: true });
    expect(consent.getConsent().decided).toBe(false);
    expect(consent.allowed('analytics')).toBe(false);
  });

  it('forgets the choice on reset()', () => {
    const { consent, store } = start();
    consent.acceptAll();
    consent.reset();
    expect(store.read()).toEqual([]);
    expect(consent.allowed('analytics')).toBe(false);
    expect(consent.getConsent().decided).toBe(false);
  });

  it('keeps the newest of duplicate cookies and removes the others', () => {
    const a = start();
    a.consent.rejectAll();
    const older = a.store.read()[0];
    a.advance(DAY);
    a.consent.acceptAll();
    const newer = a.store.read()[0];
    const store = { read: () => [older, newer], write: vi.fn(() => true), remove: vi.fn(), memory: false };
    const b = start({}, { store });
    expect(b.consent.allowed('analytics')).toBe(true);
    expect(store.remove).toHaveBeenCalledOnce();
    expect(store.write).toHaveBeenCalledWith(newer, 182);
  });

  it('keeps the choice in memory for the page when cookies are blocked', () => {
    // A document whose cookie jar drops every write, as with cookies blocked.
    const document = { get cookie() { return ''; }, set cookie(_: string) {} };
    const store = cookieStore(normalise({}).config.cookie, { document, hostname: 'shop.example', secure: true });
    const { consent, messages } = start({}, { store });
    consent.acceptAll();
    expect(consent.allowed('analytics')).toBe(true);
    consent.set({ analytics: false });
    expect(consent.allowed('analytics')).toBe(false);
    expect(consent.getConsent()).toMatchObject({ decided: true, persisted: false });
    expect(messages).toEqual([BLOCKED]);
  });
});

describe('events', () => {
  it("fires 'change' when what is allowed changes and 'consent' on every choice", () => {
    const { consent } = start();
    const changes: unknown[] = [];
    const choices: unknown[] = [];
    consent.on('change', (s) => changes.push(s.categories));
    consent.on('consent', (s) => choices.push(s.id));
    consent.rejectAll(); // nothing changes: opt-in default is already "off"
    consent.acceptAll();
    consent.acceptAll();
    expect(changes).toEqual([{ necessary: true, preferences: true, analytics: true, marketing: true }]);
    expect(choices).toHaveLength(3);
  });

  it('announces each change to the page (samtykke:change) with a frozen snapshot', () => {
    const { consent, announced } = start();
    consent.acceptAll();
    expect(announced).toHaveLength(1);
    const snapshot = announced[0] as ReturnType<typeof consent.getConsent>;
    expect(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.categories)).toBe(true);
    expect(snapshot.categories.analytics).toBe(true);
  });

  it('stops calling a listener after it unsubscribes', () => {
    const { consent } = start();
    const listener = vi.fn();
    const off = consent.on('change', listener);
    off();
    consent.acceptAll();
    expect(listener).not.toHaveBeenCalled();
  });

  it('still tells the other listeners when one throws', () => {
    const { consent, messages } = start();
    const after = vi.fn();
    consent.on('change', () => {
      throw new Error('page bug');
    });
    consent.on('change', after);
    consent.acceptAll();
    expect(after).toHaveBeenCalledOnce();
    expect(messages).toEqual([expect.stringContaining('page bug')]);
  });

  it('runs whenAllowed callbacks once, when the category becomes allowed', () => {
    const { consent } = start();
    const run = vi.fn();
    consent.whenAllowed('analytics', run);
    consent.set({ marketing: true });
    expect(run).not.toHaveBeenCalled();
    consent.acceptAll();
    consent.rejectAll();
    consent.acceptAll();
    expect(run).toHaveBeenCalledOnce();
    const now = vi.fn();
    consent.whenAllowed('ga4', now);
    expect(now).not.toHaveBeenCalled(); // ga4 is not in the default config
    consent.whenAllowed('analytics', now);
    expect(now).toHaveBeenCalledOnce();
  });

  it('rejects unknown event names with a message instead of an exception', () => {
    const { consent, messages } = start();
    const off = consent.on('changed' as 'change', () => {});
    expect(typeof off).toBe('function');
    expect(messages[0]).toMatch(/'changed'/);
  });
});

describe('the UI seam', () => {
  const ui = () => {
    const module: UiModule = { show: vi.fn(), setLocale: vi.fn() };
    return { module, loadUi: vi.fn(() => Promise.resolve(module)) };
  };
  const settle = () => new Promise((r) => setTimeout(r));

  it('loads the UI chunk at once for a visitor who must be asked, and shows the banner', async () => {
    const { module, loadUi } = ui();
    const { consent } = start({}, { loadUi });
    // Started while init() runs: as early as possible on a first visit.
    expect(loadUi).toHaveBeenCalledOnce();
    await settle();
    expect(module.show).toHaveBeenCalledWith('banner', consent, expect.anything(), {}, undefined, undefined);
  });

  it('never loads it for a returning visitor with a stored choice', async () => {
    const first = start();
    first.consent.rejectAll();
    const { loadUi } = ui();
    start({}, { store: first.store, loadUi });
    await settle();
    expect(loadUi).not.toHaveBeenCalled();
  });

  it('never loads it in the opt-out regime (no banner there)', () => {
    const { loadUi } = ui();
    start({ regime: 'opt-out' }, { loadUi });
    expect(loadUi).not.toHaveBeenCalled();
  });

  it('loads it on showPreferences(), also for a returning visitor', async () => {
    const first = start();
    first.consent.rejectAll();
    const { module, loadUi } = ui();
    const { consent } = start({}, { store: first.store, loadUi });
    consent.showPreferences();
    await settle();
    expect(module.show).toHaveBeenCalledWith('preferences', consent, expect.anything(), {}, undefined, undefined);
  });

  it('loads it for the floating button when the site asks for one, even after a choice', async () => {
    const first = start({ floatingButton: true });
    first.consent.rejectAll();
    const { module, loadUi } = ui();
    start({ floatingButton: true }, { store: first.store, loadUi });
    await settle();
    expect(module.show).toHaveBeenCalledWith('button', expect.anything(), expect.anything(), { floatingButton: true }, undefined, undefined);
  });

  it('shows the banner again after reset()', async () => {
    const first = start();
    first.consent.acceptAll();
    const { module, loadUi } = ui();
    const { consent } = start({}, { store: first.store, loadUi });
    consent.reset();
    await settle();
    expect(module.show).toHaveBeenCalledWith('banner', consent, expect.anything(), {}, undefined, undefined);
  });

  it('reports a chunk that fails to load, and still allows nothing', async () => {
    const loadUi = vi.fn(() => Promise.reject(new Error('404')));
    const { consent, messages } = start({}, { loadUi });
    await settle();
    expect(messages).toEqual([expect.stringContaining('consent UI could not be loaded (Error: 404)')]);
    expect(consent.allowed('analytics')).toBe(false);
  });

  it('reports a UI that throws instead of letting it reach the page', async () => {
    const loadUi = vi.fn(() => Promise.resolve({ show: () => { throw new Error('boom'); }, setLocale: () => {} }));
    const { messages } = start({}, { loadUi });
    await settle();
    expect(messages).toEqual([expect.stringContaining('boom')]);
  });
});

it('writes exactly what the codec encodes (one format on disk)', () => {
  const { consent, store } = start();
  consent.acceptAll();
  const value = store.read()[0];
  expect(encode(decode(value)!)).toBe(value);
});

describe('a service allowed on its own', () => {
  // "Load this video" in a placeholder: set({ ga4: true }) with analytics off.
  function granted() {
    const t = start(ga);
    t.consent.rejectAll();
    t.consent.set({ ga4: true });
    expect(t.consent.allowed('ga4')).toBe(true);
    return t;
  }

  it('survives saving the preferences with its category unchanged (the dialog saves every switch)', () => {
    const { consent } = granted();
    consent.set({ analytics: false, marketing: false });
    expect(consent.allowed('ga4')).toBe(true);
    expect(consent.allowed('hotjar')).toBe(false);
  });

  it('goes with Reject all, and with its category switched on and off again', () => {
    const rejected = granted().consent;
    rejected.rejectAll();
    expect(rejected.allowed('ga4')).toBe(false);
    const switched = granted().consent;
    switched.set({ analytics: true });
    switched.set({ analytics: false });
    expect(switched.allowed('ga4')).toBe(false);
  });

  it('a service refused on its own is allowed again by Accept all', () => {
    const { consent } = start(ga);
    consent.acceptAll();
    consent.set({ ga4: false });
    consent.set({ analytics: true, marketing: true });
    expect(consent.allowed('ga4')).toBe(false);
    consent.acceptAll();
    expect(consent.allowed('ga4')).toBe(true);
  });
});

describe('a record written by a newer samtykke', () => {
  const ID = 'V1StGXR8_Z5jdHi6B-myTw';
  const at = (ms: number) => Math.floor(ms / 1000).toString(36);
  const newer = (flags: number, ms = START) => `3.0.${at(ms)}.${ID}.${flags}.a-layout-this-version-cannot-read`;
  const jarWith = (...values: string[]) => {
    let jar = [...values];
    return { read: () => jar, write: (v: string) => ((jar = [v]), true), remove: () => void (jar = []), memory: false };
  };

  it('keeps its opt-out of sale (it only takes away), asks for the rest, and keeps the consent id', () => {
    const { consent } = start({ regime: 'opt-out' }, { store: jarWith(newer(1)) });
    expect(consent.getConsent()).toMatchObject({ optedOut: true, decided: false, categories: { marketing: false, analytics: true } });
    consent.acceptAll();
    expect(consent.getConsent()).toMatchObject({ id: ID, optedOut: true, categories: { marketing: false } });
  });

  it('grants nothing in opt-in', () => {
    const { consent } = start({}, { store: jarWith(newer(0)) });
    expect(consent.getConsent()).toMatchObject({ decided: false, categories: { analytics: false, marketing: false } });
  });

  it('is not deleted in favour of an older copy this version can read', () => {
    const accepted = encode({ version: 1, revision: 0, timestamp: START - DAY, id: ID, categories: { preferences: true, analytics: true, marketing: true }, services: {}, optedOut: false, gpc: false, limited: false });
    const store = jarWith(accepted, newer(0));
    const { consent } = start({}, { store });
    expect(store.read()).toEqual([accepted, newer(0)]);
    expect(consent.allowed('analytics')).toBe(false);
    expect(consent.getConsent().decided).toBe(false);
  });
});
