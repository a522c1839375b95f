// The entry of dist/samtykke.min.js: the core only. The banner's code and
// the full GPP API are fetched from beside it, and only when needed; so is
// the parts of the visitor's language (locales/<code>.<part>.js).
import { boot } from './script-tag.js';
import { BUTTON_MODULE, chunkLoader, localeLoader, UI_MODULE, US_MODULE } from './loading/load-chunk.js';
import { pageNonce } from './environment.js';
import type { UiModule } from './loading/seam.js';
import type { UsModule } from './signals/us-signals.js';
import { BUTTON, BUTTON_FILE, UI_FILE, US_FILE } from './site.js';

boot((script) => {
  const ui = chunkLoader<UiModule>(script, pageNonce(), UI_FILE, UI_MODULE);
  const us = chunkLoader<UsModule>(script, pageNonce(), US_FILE, US_MODULE);
  const locale = localeLoader(script, pageNonce());
  // The floating button alone, beside the core (a site that sets uiUrl gets
  // the UI chunk for it, as before).
  const button = BUTTON ? chunkLoader<UiModule>(script, pageNonce(), BUTTON_FILE, BUTTON_MODULE) : undefined;
  return { ui: (config) => ui(config.uiUrl), us: () => us(), locale, button: button && (() => button()) };
});
