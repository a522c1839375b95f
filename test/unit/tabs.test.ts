// Several tabs of one site: a choice recorded in one reaches the others
// (consent.ts's sync, over storage/tabs.ts). Two consent objects share one
// cookie jar and a message bus, as two tabs share the cookie and a
// BroadcastChannel; the browser test (tabs.spec.ts) runs the real thing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { start } from './helpers';
import { memoryStore } from '../../src/storage/store';
import type { Tabs } from '../../src/storage/tabs';
import { tabs } from '../../src/storage/tabs';
import type { UiModule } from '../../src/loading/seam';

/** Two tabs on one jar and bus; `shown` lists the views each tab's UI was asked for. */
function twoTabs(config = {}) {
  const jar = memoryStore();
  const store = { read: jar.read, write: jar.write, remove: jar.remove, memory: false };
  const heard: (() => void)[] = [];
  const told: string[] = [];
  const tab = (name: string) => {
    const shown: string[] = [];
    const bus: Tabs = {
      tell: () => {
        told.push(name);
        heard.forEach((nudge, i) => i != index && nudge());
      },
      listen: (nudge) => void heard.push(nudge),
    };
    const index = heard.length;
    const ui: UiModule = { show: (view) => void shown.push(view), setLocale() {} };
    const t = start(config, { store, tabs: bus, loadUi: () => Promise.resolve(ui) });
    return { ...t, shown };
  };
  const a = tab('a');
  const b = tab('b');
  return { a, b, told, nudge: (i: number) => heard[i]() };
}

const flush = () => new Promise((resolve) => setTimeout(resolve));

describe('a choice made in another tab', () => {
  it('reaches this tab: what is allowed, decided, and a change event (not consent)', () => {
    const { a, b, told } = twoTabs();
    const changes = vi.fn();
    const consents = vi.fn();
    b.consent.on('change', changes);
    b.consent.on('consent', consents);
    a.consent.acceptAll();
    expect(told).toEqual(['a']);
    expect(b.consent.getConsent()).toMatchObject({ decided: true, categories: { analytics: true, marketing: true } });
    expect(b.consent.allowed('analytics')).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(consents).not.toHaveBeenCalled();
  });

  it('reaches this tab even when it allows nothing new (a refusal decides `!x` gates and closes the banner)', () => {
    const { a, b } = twoTabs();
    const changes = vi.fn();
    b.consent.on('change', changes);
    a.consent.rejectAll();
    expect(changes).toHaveBeenCalledWith(expect.objectContaining({ decided: true }));
  });

  it('a withdrawal there withdraws here', () => {
    const { a, b } = twoTabs();
    a.consent.acceptAll();
    b.consent.set({ analytics: false });
    expect(a.consent.allowed('analytics')).toBe(false);
    expect(a.consent.allowed('marketing')).toBe(true);
    expect(a.consent.getConsent().id).toBe(b.consent.getConsent().id);
  });

  it('a reset there makes this tab ask again', async () => {
    const { a, b } = twoTabs();
    await flush();
    expect(b.shown).toEqual(['banner']);
    a.consent.acceptAll();
    b.consent.reset();
    await flush();
    expect(a.consent.getConsent().decided).toBe(false);
    expect(a.shown).toEqual(['banner', 'banner']);
  });

  it('a nudge with nothing new (the tab is shown again) changes nothing and is not passed on', () => {
    const { a, b, told, nudge } = twoTabs();
    a.consent.acceptAll();
    const changes = vi.fn();
    b.consent.on('change', changes);
    nudge(1);
    expect(changes).not.toHaveBeenCalled();
    expect(told).toEqual(['a']);
  });
});

describe('the tabs channel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells over a BroadcastChannel named for the cookie, and the other end is nudged', async () => {
    const nudged = vi.fn();
    tabs('samtykke').listen(nudged);
    tabs('samtykke').tell();
    tabs('other-cookie').tell();
    await vi.waitFor(() => expect(nudged).toHaveBeenCalledTimes(1));
  });

  it('without BroadcastChannel, nudges through localStorage and keeps nothing there', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const set = vi.spyOn(Storage.prototype, 'setItem');
    tabs('samtykke').tell();
    expect(set).toHaveBeenCalledWith('samtykke:samtykke', expect.any(String));
    expect(localStorage.length).toBe(0);
    const nudged = vi.fn();
    tabs('samtykke').listen(nudged);
    dispatchEvent(new StorageEvent('storage', { key: 'samtykke:samtykke', newValue: '0.5' }));
    dispatchEvent(new StorageEvent('storage', { key: 'samtykke:samtykke', newValue: null }));
    dispatchEvent(new StorageEvent('storage', { key: 'something-else', newValue: '1' }));
    expect(nudged).toHaveBeenCalledTimes(1);
  });

  it('with storage blocked too, telling does not throw', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(() => tabs('samtykke').tell()).not.toThrow();
  });

  it('looks again when the tab is shown, and when a page comes back from the back/forward cache', () => {
    const nudged = vi.fn();
    tabs('x').listen(nudged);
    document.dispatchEvent(new Event('visibilitychange'));
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    expect(nudged).toHaveBeenCalledTimes(2);
  });
});
