// The entry of dist/samtykke.min.js: the core only. The banner's code and
// the full GPP API are fetched from beside it, and only when needed; so is
// the parts of the visitor's language (locales/<code>.<part>.js).
import { boot } from './script-tag';
import { chunkLoader, localeLoader, UI_MODULE, US_MODULE } from './ui/load-chunk';
import { pageNonce } from './environment';
import type { UiModule } from './ui/seam';
import type { UsModule } from './signals/us-signals';
import { UI_FILE, US_FILE } from './site';

boot((script) => {
  const ui = chunkLoader<UiModule>(script, pageNonce(), UI_FILE, UI_MODULE);
  const us = chunkLoader<UsModule>(script, pageNonce(), US_FILE, US_MODULE);
  const locale = localeLoader(script, pageNonce());
  return { ui: (config) => ui(config.uiUrl), us: () => us(), locale };
});
