// The seam between the core and the UI chunk. The core decides *whether*
// something must be shown; the UI (preact, styles, locale strings) is a
// separate chunk that is fetched only then, so a returning visitor whose
// choice is stored never downloads it.
import type { CoreConfig } from '../config/schema';
import type { Consent } from '../consent';

/** What a UI chunk exports. */
export interface UiModule {
  /** Shows the first layer (the banner) for a visitor who must be asked.
   * `input` is the site's config as given: the UI reads its own keys from it
   * with normaliseUi(). */
  showBanner(consent: Consent, config: CoreConfig, input: unknown): void;
}

/** Fetches the UI chunk: a dynamic import in the ESM build, a script next to
 * samtykke.min.js in the script-tag build. */
export type UiLoader = () => Promise<UiModule>;
