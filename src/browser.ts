// The entry of dist/samtykke.min.js: the core only. The banner's code is
// fetched from samtykke.ui.min.js beside it, and only when something must be
// shown.
import { boot } from './script-tag';
import { chunkLoader } from './ui/load-chunk';
import { pageNonce } from './environment';

boot((script) => chunkLoader(script, pageNonce()));
