// The entry of dist/samtykke.min.js: the core only. The banner's code and
// the full GPP API are fetched from beside it, and only when needed.
import { boot } from './script-tag';
import { chunkLoader, UI_MODULE, US_MODULE } from './ui/load-chunk';
import { pageNonce } from './environment';
import type { UiModule } from './ui/seam';
import type { UsModule } from './signals/us-signals';

boot((script) => {
  const ui = chunkLoader<UiModule>(script, pageNonce(), 'samtykke.ui.min.js', UI_MODULE);
  const us = chunkLoader<UsModule>(script, pageNonce(), 'samtykke.us.min.js', US_MODULE);
  return { ui: (config) => ui(config.uiUrl), us: () => us() };
});
