// The version of the texts a choice was made on (src/ui/notice-version.ts):
// the same id for the same texts in any order, another id for any change,
// FNV-1a 64 as written down (the log keeps ids across releases, so the
// algorithm is a contract), and which strings each view's notice holds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { noticeTexts, noticeVersion, type NoticeView } from '../../src/ui/notice-version';
import { layer } from '../../src/ui/strings';
import { normaliseUi } from '../../src/config/normalise-ui';
import PARTS from '../../src/ui/locale-parts.json';
import english from '../../locales/en.json';
import danish from '../../locales/da.json';
import { runs } from './fc-runs';

/** FNV-1a 64 over code points, written out plainly: the oracle. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of text) hash = ((hash ^ BigInt(char.codePointAt(0)!)) * 0x100000001b3n) % 2n ** 64n;
  return hash.toString(36);
}

const texts = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), { minKeys: 1, maxKeys: 12 });

describe('noticeVersion', () => {
  it('is FNV-1a 64 of the entries as JSON sorted by key, in base 36: the ids the log keeps stay valid', () => {
    expect(noticeVersion({ b: '2', a: '1' })).toBe(fnv1a64('{"a":"1","b":"2"}'));
    // Pinned: a change of algorithm would orphan every registered notice.
    expect(noticeVersion({ 'banner.title': 'We value your privacy' })).toBe(fnv1a64('{"banner.title":"We value your privacy"}'));
    expect(noticeVersion({ 'banner.title': 'We value your privacy' })).toBe('fwh6f7n80dft');
    // The oracle against FNV's published test vectors (ASCII: code points are bytes).
    expect(fnv1a64('')).toBe(BigInt('0xcbf29ce484222325').toString(36));
    expect(fnv1a64('a')).toBe(BigInt('0xaf63dc4c8601ec8c').toString(36));
    expect(fnv1a64('foobar')).toBe(BigInt('0x85944171f73967e8').toString(36));
  });

  it('is short, and the same whatever order the strings came in', () => {
    fc.assert(
      fc.property(texts, (given) => {
        const reversed = Object.fromEntries(Object.entries(given).reverse());
        const id = noticeVersion(given);
        expect(id).toMatch(/^[0-9a-z]{1,13}$/);
        expect(noticeVersion(reversed)).toBe(id);
      }),
      { numRuns: runs(500) },
    );
  });

  it('changes with any change to a string or a key, one character is enough', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (given, which, at, char) => {
        const keys = Object.keys(given);
        const key = keys[which % keys.length];
        const value = given[key];
        const i = at % (value.length + 1);
        const edited = value.slice(0, i) + char + value.slice(i);
        expect(noticeVersion({ ...given, [key]: edited })).not.toBe(noticeVersion(given));
        const renamed = key + char;
        if (!(renamed in given)) {
          const { [key]: moved, ...rest } = given;
          expect(noticeVersion({ ...rest, [renamed]: moved })).not.toBe(noticeVersion(given));
        }
      }),
      { numRuns: runs(500) },
    );
  });

  it('tells apart texts that only differ in where a string ends', () => {
    expect(noticeVersion({ a: 'xy', b: 'z' })).not.toBe(noticeVersion({ a: 'x', b: 'yz' }));
    expect(noticeVersion({ a: 'x', ab: 'y' })).not.toBe(noticeVersion({ a: 'xa', b: 'y' }));
    // Outside the Basic Multilingual Plane too (code points, not halves).
    expect(noticeVersion({ a: '😀' })).not.toBe(noticeVersion({ a: '😁' }));
  });
});

describe('noticeTexts', () => {
  const config = normaliseUi({
    privacyPolicyUrl: '/privacy',
    categories: { analytics: { label: 'Statistics', services: { plausible: { purpose: 'Counts visits.' } } } },
    texts: { da: { 'banner.title': 'Cookies i butikken', 'button.acceptAll': '' } },
  }).config;
  const strings = (code: 'en' | 'da') => layer(english, code == 'da' ? danish : undefined, config.texts?.[code]);
  const of = (view: NoticeView, code: 'en' | 'da' = 'en', given = config) => noticeTexts(view, strings(code), PARTS, given);
  const keysOf = (...parts: (keyof typeof PARTS)[]) => [...parts.flatMap((part) => PARTS[part]), 'privacyPolicyUrl', 'categories'].sort();

  it('holds every string of the parts the view shows, the privacy policy and the categories', () => {
    expect(Object.keys(of('banner')).sort()).toEqual(keysOf('banner'));
    expect(Object.keys(of('preferences')).sort()).toEqual(keysOf('banner', 'preferences'));
    expect(Object.keys(of('opt-out')).sort()).toEqual(keysOf('banner', 'opt-out'));
    expect(Object.keys(of('privacy-centre')).sort()).toEqual(keysOf('banner', 'preferences', 'opt-out', 'privacy', 'rights', 'notice'));
    expect(of('banner')).toMatchObject({ 'banner.title': english['banner.title'], privacyPolicyUrl: '/privacy' });
    expect(JSON.parse(of('preferences').categories).analytics).toMatchObject({ label: 'Statistics', services: { plausible: { purpose: 'Counts visits.' } } });
  });

  it('shows the site’s texts over the language, and the language over English; an empty override falls back', () => {
    const da = of('banner', 'da');
    expect(da['banner.title']).toBe('Cookies i butikken');
    expect(da['banner.text']).toBe(danish['banner.text']);
    expect(da['button.acceptAll']).toBe(danish['button.acceptAll']);
    expect(noticeVersion(da)).not.toBe(noticeVersion(of('banner')));
    const plain = noticeTexts('banner', layer(english, danish), PARTS, config);
    expect(noticeVersion(plain)).not.toBe(noticeVersion(da));
    expect(noticeVersion(noticeTexts('banner', layer(english, danish, { 'button.acceptAll': '' }), PARTS, config))).toBe(noticeVersion(plain));
  });

  it('changes a view’s version only for what that view holds', () => {
    const before = Object.fromEntries((['banner', 'preferences', 'opt-out', 'privacy-centre'] as const).map((view) => [view, noticeVersion(of(view))]));
    const after = (change: Record<string, string>) => (view: NoticeView) => noticeVersion(noticeTexts(view, { ...strings('en'), ...change }, PARTS, config));
    // The opt-out dialog's title: its notice and the centre's, not the banner's or the preferences'.
    const optOut = after({ 'optOut.title': 'Your choices under US law' });
    expect(optOut('banner')).toBe(before.banner);
    expect(optOut('preferences')).toBe(before.preferences);
    expect(optOut('opt-out')).not.toBe(before['opt-out']);
    expect(optOut('privacy-centre')).not.toBe(before['privacy-centre']);
    // A button of the banner's part: every view.
    const button = after({ 'button.rejectAll': 'Refuse all' });
    for (const view of ['banner', 'preferences', 'opt-out', 'privacy-centre'] as const) expect(button(view)).not.toBe(before[view]);
    // A category's description in the config, and the privacy policy: every view.
    const described = normaliseUi({ privacyPolicyUrl: '/privacy', categories: { analytics: { label: 'Statistics', description: 'Visits, counted.' } } }).config;
    expect(noticeVersion(of('banner', 'en', described))).not.toBe(before.banner);
    expect(noticeVersion(of('banner', 'en', { ...config, privacyPolicyUrl: '/privacy-2026' }))).not.toBe(before.banner);
  });

  it('takes the privacy centre’s parts from the key lists at hand, as the UI holds them once every chunk is in', () => {
    const { banner, preferences, privacy, rights, notice } = PARTS;
    const atHand = { banner, preferences, 'opt-out': PARTS['opt-out'], privacy, rights, notice };
    expect(noticeVersion(noticeTexts('privacy-centre', strings('en'), atHand, config))).toBe(noticeVersion(of('privacy-centre')));
  });
});
