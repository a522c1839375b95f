// Fetches the visitor's language in parallel with the UI chunk (each its
// own small file), and hands both to the UI together. English is in the UI
// chunk; a language that fails to load falls back to it, with one message.
import type { Loaders, UiLoader } from './seam';
import { LOCALES, type Locale } from './locales';
import { visitorLocale } from './locale';

export function withLocale(loaders: Loaders, input: unknown, report: (message: string) => void): UiLoader {
  let locale: Promise<Locale> | undefined;
  const load = (code: string): Promise<Locale> =>
    code == 'en' || !LOCALES.includes(code)
      ? Promise.resolve({ code })
      : loaders.locale(code).then(
          (strings) => ({ code, strings }),
          (error) => (report(`samtykke: the ${code} strings could not be loaded (${error}); English is shown.`), { code: 'en' }),
        );
  return (config) => {
    locale ||= load(visitorLocale(input, LOCALES));
    return Promise.all([loaders.ui(config), locale]).then(([ui, chosen]) => ({
      show: (view, consent, core, given) => ui.show(view, consent, core, given, chosen),
    }));
  };
}
