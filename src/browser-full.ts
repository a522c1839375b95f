// The entry of dist/samtykke.full.min.js (and the development bundle
// dist/samtykke.js): the core, the UI and the GPP API in one file, for sites
// that prefer one request to the smallest returning visit.
import { boot } from './script-tag';
import { localeLoader } from './ui/load-chunk';
import { pageNonce } from './environment';
import { setLocale, show } from './ui/ui';
import { startUs } from './signals/us-module';

const ui = Promise.resolve({ show, setLocale });
const us = Promise.resolve({ startUs });
boot((script) => {
  // Languages other than English are fetched from beside this file.
  const locale = localeLoader(script, pageNonce());
  return { ui: () => ui, us: () => us, locale };
});
