// Which parts of a language are fetched, and when (src/loading/with-locale.ts):
// the banner's with the UI chunk; the preferences or opt-out dialog's only
// when that view is shown; a part that fails gives English for its strings
// with one message; setLocale() fetches the parts of what was shown.
import { describe, expect, it, vi } from 'vitest';
import { withLocale } from '../../src/loading/with-locale';
import { error } from '../../src/errors';
import type { Loaders, UiModule, View } from '../../src/loading/seam';
import type { Locale } from '../../src/loading/locales';
import type { Part } from '../../src/ui/locale-parts';
import { normalise } from '../../src/config/normalise';

const config = normalise({}).config;

function setup(input: unknown, fail: string[] = []) {
  const asked: string[] = [];
  const shown: { view: View; locale?: Locale }[] = [];
  const spoken: Locale[] = [];
  const module: UiModule = {
    show: (view, _consent, _config, _input, locale) => void shown.push({ view, locale }),
    setLocale: (locale) => void spoken.push(locale),
  };
  const loaders: Loaders = {
    ui: () => Promise.resolve(module),
    us: () => Promise.reject('unused'),
    locale: (code: string, part: Part) => {
      asked.push(`${code}.${part}`);
      return fail.includes(`${code}.${part}`) ? Promise.reject(`${code}.${part}.js did not load`) : Promise.resolve([`${code} ${part}`]);
    },
  };
  const report = vi.fn();
  const ui = withLocale(loaders, input, report);
  const show = async (view: View) => {
    const loaded = await ui.loadUi(config, view);
    loaded.show(view, {} as never, config, input);
    return shown.at(-1)!.locale!;
  };
  return { ui, asked, shown, spoken, report, show };
}

describe('withLocale', () => {
  it('fetches only the banner part for the banner, and the preferences part when the preferences are shown', async () => {
    const { asked, show } = setup({ locale: 'da' });
    expect(await show('banner')).toEqual({ code: 'da', parts: { banner: ['da banner'] } });
    expect(asked).toEqual(['da.banner']);
    expect(await show('preferences')).toEqual({ code: 'da', parts: { banner: ['da banner'], preferences: ['da preferences'] } });
    expect(asked).toEqual(['da.banner', 'da.preferences']);
    expect(await show('opt-out')).toMatchObject({ parts: { 'opt-out': ['da opt-out'] } });
    expect(asked).toEqual(['da.banner', 'da.preferences', 'da.opt-out']);
  });

  it('fetches the banner and preferences parts together when the preferences are the first view', async () => {
    const { asked, show } = setup({ locale: 'da' });
    expect(await show('preferences')).toMatchObject({ code: 'da' });
    expect(asked).toEqual(['da.banner', 'da.preferences']);
  });

  it('fetches nothing for English, nor for a language only the site\'s texts have', async () => {
    const en = setup({ locale: 'en' });
    expect(await en.show('preferences')).toEqual({ code: 'en' });
    const own = setup({ locale: 'xx', texts: { xx: { 'banner.title': 'X' } } });
    expect(await own.show('preferences')).toEqual({ code: 'xx' });
    expect([...en.asked, ...own.asked]).toEqual([]);
  });

  it('a failed preferences part: English for its strings, one message, the banner still in the language', async () => {
    const { report, show, asked } = setup({ locale: 'da' }, ['da.preferences']);
    await show('banner');
    expect(await show('preferences')).toEqual({ code: 'da', parts: { banner: ['da banner'], preferences: undefined } });
    await show('preferences');
    expect(asked).toEqual(['da.banner', 'da.preferences']);
    expect(report.mock.calls).toEqual([[error(9, 'da: da.preferences.js did not load')]]);
  });

  it('a failed banner part: English, one message', async () => {
    const { report, show } = setup({ locale: 'da' }, ['da.banner']);
    expect(await show('banner')).toEqual({ code: 'en' });
    expect(report).toHaveBeenCalledOnce();
  });

  it('setLocale() fetches the parts of every view shown so far, and tries a failed part again', async () => {
    const { ui, asked, show, spoken } = setup({ locale: 'da' }, ['da.preferences']);
    await show('preferences');
    ui.setLocale('sv-SE');
    await vi.waitFor(() => expect(spoken).toHaveLength(1));
    expect(spoken[0]).toEqual({ code: 'sv', parts: { banner: ['sv banner'], preferences: ['sv preferences'] } });
    expect(asked).toEqual(['da.banner', 'da.preferences', 'sv.banner', 'sv.preferences']);
    ui.setLocale('da');
    await vi.waitFor(() => expect(spoken).toHaveLength(2));
    expect(asked.slice(4)).toEqual(['da.banner', 'da.preferences']);
  });

  it('a language switched while the parts were on their way wins', async () => {
    const { ui, show } = setup({ locale: 'da' });
    const first = show('banner');
    ui.setLocale('sv');
    expect(await first).toEqual({ code: 'sv', parts: { banner: ['sv banner'] } });
  });
});
