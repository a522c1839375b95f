// The entry of dist/samtykke.full.min.js (and the development bundle
// dist/samtykke.js): the core and the UI in one file, for sites that prefer
// one request to the smallest returning visit.
import { boot } from './script-tag';
import { show } from './ui/ui';

const ui = Promise.resolve({ show });
boot(() => () => ui);
