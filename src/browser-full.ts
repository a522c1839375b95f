// The entry of dist/samtykke.full.min.js (and the development bundle
// dist/samtykke.js): the core, the UI and the GPP API in one file, for sites
// that prefer one request to the smallest returning visit.
import { boot } from './script-tag.js';
import { localeLoader } from './loading/load-chunk.js';
import { pageNonce } from './environment.js';
import { uiWith } from './ui/ui.js';
import * as dialogs from './ui/dialogs.js';
import * as centre from './ui/centre.js';
import { startUs } from './signals/us-module.js';
import embedded from 'samtykke:locales';
import { own } from './core/record.js';
import type { Loaders } from './loading/seam.js';

const ui = Promise.resolve(uiWith(() => Promise.resolve(dialogs), () => Promise.resolve(centre)));
const us = Promise.resolve({ startUs });
boot((script) => {
  // Languages built in with SAMTYKKE_LOCALES are at hand; the others are
  // fetched from beside this file.
  const fetch = localeLoader(script, pageNonce());
  const locale: Loaders['locale'] = (code, part) => (own(embedded, code) ? Promise.resolve(embedded[code][part]) : fetch(code, part));
  return { ui: () => ui, us: () => us, locale };
});
