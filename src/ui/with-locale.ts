// Fetches the visitor's language in parallel with the UI chunk (each its
// own small file), and hands both to the UI together. English is in the UI
// chunk; a language that fails to load falls back to it, with one message.
// setLocale() switches the language later, also of a UI already shown.
import type { Loaders, UiLoader, UiModule } from './seam';
import { LOCALES, shippedStrings, type Locale } from './locales';
import { pickLocale, visitorLocale } from './locale';
import { error as problem } from '../errors';

export function withLocale(loaders: Loaders, input: unknown, report: (message: string) => void) {
  let locale: Promise<Locale> | undefined;
  let shown: UiModule | undefined;
  const load = (code: string): Promise<Locale> =>
    shippedStrings(code, loaders.locale).then(
      (strings) => ({ code, strings }),
      (error) => (report(problem(9, `${code}: ${error}`)), { code: 'en' }),
    );
  const loadUi: UiLoader = (config) => {
    locale ||= load(visitorLocale(input, LOCALES));
    return Promise.all([loaders.ui(config), locale]).then(([ui, chosen]) => {
      shown = ui;
      return { ...ui, show: (view, consent, core, given) => ui.show(view, consent, core, given, chosen) };
    });
  };
  function setLocale(code: string) {
    const texts = (input as { texts?: object } | null)?.texts;
    locale = load(pickLocale([code], [...LOCALES, ...(texts && typeof texts == 'object' ? Object.keys(texts) : [])]));
    if (shown) locale.then(shown.setLocale);
  }
  return { loadUi, setLocale };
}
