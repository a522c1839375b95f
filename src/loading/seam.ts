// The seam between the core and the UI chunk. The core decides *whether*
// something must be shown; the UI (preact, styles, locale strings) is a
// separate chunk that is fetched only then, so a returning visitor whose
// choice is stored never downloads it.
import type { CoreConfig } from '../config/schema.js';
import type { Consent } from '../consent.js';
import type { Locale } from './locales.js';
import type { Part, Values } from '../ui/locale-parts.js';

/** What the UI can show: the first layer, the preferences dialog, the US
 * opt-out dialog, or only the small floating button that reopens the
 * preferences. */
export type View = 'banner' | 'preferences' | 'opt-out' | 'button' | 'privacy-centre';

/** What a UI chunk exports. */
export interface UiModule {
  /** Shows `view`. `input` is the site's config as given: the UI reads its
   * own keys (texts, layout, labels, cookie tables) from it. */
  show(view: View, consent: Consent, config: CoreConfig, input: unknown, locale?: Locale, section?: string): void;
  /** Switches a UI on the page to another language. */
  setLocale(locale: Locale): void;
}

/** Fetches the UI chunk: a dynamic import in the ESM build, a script next to
 * samtykke.min.js in the script-tag build; and with it (with-locale.ts) the
 * parts of the visitor's language that `view` needs. */
export type UiLoader = (config: CoreConfig, view?: View) => Promise<UiModule>;

/** How an entry fetches its chunks: the UI, and the full GPP API. */
export interface Loaders {
  ui: UiLoader;
  /** The floating button alone, for a visitor who has chosen (button.ts);
   * without it the UI chunk draws it. */
  button?: () => Promise<UiModule>;
  /** One part of a shipped language (not English, which the UI carries):
   * its strings in the order of locale-parts.json. */
  locale: (code: string, part: Part) => Promise<Values>;
  us: import('../signals/us-signals.js').UsLoader;
}
