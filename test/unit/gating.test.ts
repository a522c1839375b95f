// The gate's pure parts and its DOM activation (jsdom does not run scripts,
// so order is checked by what the gate inserts and when).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consentState, CONSENT_TYPES } from '../../src/signals/consent-mode';
import { gtagOf } from '../../src/signals/gtag';
import { startConsentMode } from '../../src/signals/consent-mode-effect';
import { matchesCookie, KNOWN_COOKIES } from '../../src/core/cookie-patterns';
import { cookiesOf, withdrawn } from '../../src/core/revocation';
import { cookieNames } from '../../src/gate/cookies';
import { activate, isInert } from '../../src/gate/activate';
import { mayRun, startGate } from '../../src/gate/gate';
import { normalise } from '../../src/config/normalise';
import { start } from './helpers';
import type { ConsentSnapshot } from '../../src/consent';

const snapshot = (categories: Record<string, boolean>, extra: Partial<ConsentSnapshot> = {}) =>
  ({ categories, services: {}, decided: true, ...extra }) as ConsentSnapshot;

describe('Consent Mode map', () => {
  it('maps analytics, marketing and preferences to their Google consent types', () => {
    expect(consentState({ necessary: true, analytics: true, marketing: false, preferences: true })).toEqual({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      functionality_storage: 'granted',
      personalization_storage: 'granted',
      security_storage: 'granted',
    });
  });

  it('denies every type but security_storage when nothing is allowed, or a category is missing', () => {
    const state = consentState({ necessary: true });
    expect(Object.entries(state).filter(([, v]) => v == 'granted').map(([k]) => k)).toEqual(['security_storage']);
    expect(Object.keys(state)).toHaveLength(7);
  });

  it('does not read a Consent Mode grant from Object.prototype', () => {
    expect(consentState(Object.create({ analytics: true })).analytics_storage).toBe('denied');
  });

  it('covers all seven Consent Mode v2 types', () => {
    const all = new Set(Object.values(CONSENT_TYPES).flat());
    all.add('security_storage');
    expect(all.size).toBe(7);
  });
});

describe('gtag()', () => {
  it('pushes an arguments object, never an array (gtag.js drops arrays)', () => {
    const page: Record<string, unknown> = {};
    const gtag = gtagOf(page, 'dataLayer');
    gtag('consent', 'default', {});
    const [entry] = page.dataLayer as unknown[];
    expect(Array.isArray(entry)).toBe(false);
    expect(Object.prototype.toString.call(entry)).toBe('[object Arguments]');
  });

  it('reuses the page\'s gtag and a custom dataLayer name', () => {
    const own = vi.fn();
    const page: Record<string, unknown> = { gtag: own, myLayer: ['kept'] };
    expect(gtagOf(page, 'myLayer')).toBe(own);
    expect(page.myLayer).toEqual(['kept']);
  });

  it('sends the stored choice as the default, and wait_for_update only while undecided', () => {
    const calls: unknown[][] = [];
    const options = { mode: 'basic', waitForUpdate: 800, adsDataRedaction: true, urlPassthrough: false, dataLayer: 'dataLayer' } as const;
    const update = startConsentMode(options, (...args) => calls.push(args), snapshot({ analytics: false }, { decided: false }));
    expect(calls[0]).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied', wait_for_update: 800 })]);
    expect(calls[1]).toEqual(['set', 'ads_data_redaction', true]);
    expect(calls).toHaveLength(2);
    update(snapshot({ analytics: true }));
    expect(calls[2]).toEqual(['consent', 'update', expect.objectContaining({ analytics_storage: 'granted' })]);
    calls.length = 0;
    startConsentMode(options, (...args) => calls.push(args), snapshot({ analytics: true }));
    expect(calls[0][2]).not.toHaveProperty('wait_for_update');
  });
});

describe('cookies on withdrawal', () => {
  it('matches names, prefixes with *, and RegExps (global ones too)', () => {
    expect(matchesCookie('_ga', '_ga')).toBe(true);
    expect(matchesCookie('_ga_ABC', '_ga')).toBe(false);
    expect(matchesCookie('_ga_ABC', '_ga_*')).toBe(true);
    const global = /^_gat/g;
    expect([matchesCookie('_gat_x', global), matchesCookie('_gat_x', global)]).toEqual([true, true]);
    expect(matchesCookie('samtykke', /^_g/)).toBe(false);
  });

  it("knows Google's cookies: _ga, _ga_<id>, _gid, _gat* for analytics, _gcl_* for marketing", () => {
    const analytics = ['_ga', '_ga_TEST123', '_gid', '_gat_UA-1', '_dc_gtm_UA-1'];
    for (const name of analytics) expect(KNOWN_COOKIES.analytics.some((p) => matchesCookie(name, p)), name).toBe(true);
    for (const name of ['_gcl_au', '_gcl_aw']) expect(KNOWN_COOKIES.marketing.some((p) => matchesCookie(name, p))).toBe(true);
  });

  it('lists what was withdrawn, and the patterns of its services', () => {
    expect(withdrawn({ a: true, b: true, c: false }, { a: false, b: true, c: true })).toEqual(['a']);
    const { config } = normalise({
      categories: { analytics: { services: { hotjar: { cookies: ['_hj*'] }, ga4: {} } }, marketing: { services: { meta: { cookies: ['_fbp'] } } } },
    });
    expect(cookiesOf(config, [], ['hotjar'])).toEqual(['_hj*']);
    expect(cookiesOf(config, ['analytics'], [])).toEqual([...KNOWN_COOKIES.analytics, '_hj*']);
    expect(cookiesOf(config, ['marketing'], [])).toEqual([...KNOWN_COOKIES.marketing, '_fbp']);
  });

  it('reads cookie names from document.cookie', () => {
    expect(cookieNames('_ga=GA1.1; samtykke=1.0; _gid=x')).toEqual(['_ga', 'samtykke', '_gid']);
    expect(cookieNames('')).toEqual([]);
  });
});

describe('declarative activation', () => {
  afterEach(() => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
  });

  it('re-creates a gated script with every attribute, its real type and its nonce', () => {
    document.body.innerHTML =
      '<script type="text/plain" data-type="module" data-samtykke="analytics" id="a" class="x" data-foo="1" nonce="n0nce">/* one */</script>';
    const inert = document.querySelector('script')!;
    expect(isInert(inert)).toBe(true);
    const marked: Element[] = [];
    activate(inert, undefined, (live) => marked.push(live));
    const live = document.querySelector('script')!;
    expect(live).not.toBe(inert);
    expect(marked).toEqual([live]);
    expect(live.type).toBe('module');
    expect(live.nonce).toBe('n0nce');
    expect(live.text).toBe('/* one */');
    for (const [name, value] of [['id', 'a'], ['class', 'x'], ['data-foo', '1'], ['data-samtykke', 'analytics']]) {
      expect(live.getAttribute(name)).toBe(value);
    }
  });

  it('gives a script without its own nonce the page nonce', () => {
    document.body.innerHTML = '<script type="text/plain" data-samtykke="analytics">void 0</script>';
    activate(document.querySelector('script')!, 'page-nonce', () => {});
    expect(document.querySelector('script')!.nonce).toBe('page-nonce');
  });

  it('moves data-src, data-srcset and data-href to the real attributes', () => {
    document.body.innerHTML =
      '<iframe data-samtykke="marketing" data-src="https://v.example/1"></iframe><img data-samtykke="marketing" data-srcset="a.png 1x"><link data-samtykke="marketing" data-href="/x.css" rel="stylesheet">';
    for (const element of Array.from(document.querySelectorAll('[data-samtykke]'))) activate(element, undefined, () => {});
    expect(document.querySelector('iframe')!.getAttribute('src')).toBe('https://v.example/1');
    expect(document.querySelector('img')!.getAttribute('srcset')).toBe('a.png 1x');
    expect(document.querySelector('link')!.getAttribute('href')).toBe('/x.css');
    expect(document.querySelector('[data-src]')).toBeNull();
  });

  it('decides !category only once the visitor has chosen', () => {
    const element = document.createElement('p');
    element.setAttribute('data-samtykke', '!marketing');
    expect(mayRun(element, snapshot({ marketing: false }, { decided: false }))).toBe(false);
    expect(mayRun(element, snapshot({ marketing: false }))).toBe(true);
    expect(mayRun(element, snapshot({ marketing: true }))).toBe(false);
    element.setAttribute('data-samtykke', 'nope');
    expect(mayRun(element, snapshot({ marketing: true }))).toBeUndefined();
    element.setAttribute('data-samtykke', 'analytics');
    element.setAttribute('data-samtykke-service', 'hotjar');
    expect(mayRun(element, snapshot({ analytics: true }, { services: { hotjar: false } }))).toBe(false);
  });

  it('activates in document order, each external script waiting for the one before', async () => {
    document.body.innerHTML = `
      <script type="text/plain" data-samtykke="analytics" src="https://a.example/1.js"></script>
      <script type="text/plain" data-samtykke="analytics">/* second */</script>
      <script type="text/plain" data-samtykke="analytics" src="https://a.example/3.js" async></script>
      <script type="text/plain" data-samtykke="marketing">/* never */</script>`;
    const { consent } = start();
    startGate(consent, undefined, () => {});
    consent.set({ analytics: true });
    const live = () => Array.from(document.querySelectorAll('script')).filter((s) => s.type != 'text/plain');
    await new Promise((r) => setTimeout(r));
    // jsdom runs inline scripts but fetches nothing: order is what is inserted when.
    expect(live().map((s) => s.src || s.text)).toEqual(['https://a.example/1.js']);
    live()[0].dispatchEvent(new Event('load'));
    await new Promise((r) => setTimeout(r));
    expect(live().map((s) => s.src || s.text)).toEqual(['https://a.example/1.js', '/* second */', 'https://a.example/3.js']);
    expect(document.querySelector<HTMLScriptElement>('script[type="text/plain"]')!.text).toContain('never');
  });

  it('gates an element marked with a service id alone, by that service', async () => {
    document.body.innerHTML = `<script type="text/plain" data-samtykke-service="chat" src="https://chat.example/w.js"></script>`;
    const { consent } = start({ categories: { preferences: { services: { chat: {} } }, analytics: {} } });
    const reports: string[] = [];
    startGate(consent, undefined, (message) => reports.push(message));
    consent.set({ analytics: true });
    await new Promise((r) => setTimeout(r));
    expect(document.querySelector('script')!.type).toBe('text/plain');
    consent.set({ chat: true });
    await new Promise((r) => setTimeout(r));
    expect(document.querySelector('script')!.type).toBe('');
    expect(reports).toEqual([]);
  });

  it('handles elements added later, once each', async () => {
    const { consent } = start();
    startGate(consent, undefined, () => {});
    consent.acceptAll();
    const inert = document.createElement('script');
    inert.type = 'text/plain';
    inert.setAttribute('data-samtykke', 'analytics');
    inert.text = '/* late */';
    document.body.append(inert);
    await new Promise((r) => setTimeout(r, 10));
    consent.set({ analytics: false });
    consent.set({ analytics: true });
    await new Promise((r) => setTimeout(r, 10));
    expect(Array.from(document.querySelectorAll('script')).map((s) => [s.type, s.text])).toEqual([['', '/* late */']]);
  });
});
