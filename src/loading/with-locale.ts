// Fetches the parts of the visitor's language a view needs (locale-parts.ts:
// the banner's always; the preferences dialog's or the opt-out dialog's when
// that view is shown) in parallel with the UI chunk, each its own small
// file, and hands them to the UI with it. English is in the UI chunk; a part
// that fails to load falls back to it, with one message. setLocale()
// switches the language later, also of a UI already shown, fetching every
// part the views shown so far needed.
import type { Loaders, UiLoader, UiModule } from './seam.js';
import { fetched, LOCALES, type Locale } from './locales.js';
import type { Part, Values } from '../ui/locale-parts.js';
import { pickLocale, visitorLocale } from './language.js';
import { error as problem } from '../errors.js';

export function withLocale(loaders: Loaders, input: unknown, report: (message: string) => void) {
  /** The language, chosen when the UI is first needed or by setLocale(). */
  let code: string | undefined;
  /** The parts the views shown so far need, the banner's first. */
  const used: Part[] = ['banner'];
  /** Each part by `<code>.<part>`: its strings, or undefined once it failed
   * (said once; setLocale() starts afresh, and the loaders keep what came). */
  let parts: Record<string, Promise<Values | undefined>> = {};
  let shown: UiModule | undefined;

  const part = (code: string, name: Part) =>
    (parts[code + '.' + name] ||= loaders.locale(code, name).catch(
      (error) => void report(problem(9, `${code}: ${error}`)),
    ));

  /** The language now in use, with every part in use, once all are in. */
  function locale(): Promise<Locale> {
    const asked = code!;
    const wanted = used.length;
    return Promise.all(fetched(asked) ? used.map((name) => part(asked, name)) : []).then((values) =>
      // setLocale() or another view while these were on their way: again.
      asked != code || wanted != used.length ? locale()
      : !fetched(asked) ? { code: asked }
      // Without the banner's part the language is not shown at all.
      : values[0] ? { code: asked, parts: Object.fromEntries(used.map((name, i) => [name, values[i]])) }
      : { code: 'en' },
    );
  }

  const loadUi: UiLoader = (config, view) => {
    code ||= visitorLocale(input, LOCALES);
    // The dialogs' parts are named as the views are.
    // The privacy centre shows the opt-out's and the categories' strings too.
    const parts: Part[] = view == 'privacy-centre' ? ['preferences', 'opt-out', 'privacy', 'rights', 'notice'] : view == 'preferences' || view == 'opt-out' ? [view] : [];
    for (const part of parts) if (!used.includes(part)) used.push(part);
    // The floating button alone needs no UI chunk, unless it is here already.
    const chunk = view == 'button' && loaders.button && !shown ? loaders.button() : loaders.ui(config);
    return Promise.all([chunk, locale()]).then(([ui, chosen]) => {
      shown = ui;
      return { ...ui, show: (view, consent, core, given, _, section) => ui.show(view, consent, core, given, chosen, section) };
    });
  };

  function setLocale(wanted: string) {
    const texts = (input as { texts?: object } | null)?.texts;
    code = pickLocale([wanted], [...LOCALES, ...(texts && typeof texts == 'object' ? Object.keys(texts) : [])]);
    parts = {};
    if (shown) locale().then(shown.setLocale);
  }
  return { loadUi, setLocale };
}
