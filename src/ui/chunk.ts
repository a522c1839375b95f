// The entry of dist/samtykke.ui.min.js: hands the UI to the core that
// fetched it (see load-chunk.ts).
import { setLocale, show } from './ui';
import { UI_MODULE } from './load-chunk';

(window as unknown as Record<symbol, unknown>)[UI_MODULE] = { show, setLocale };
