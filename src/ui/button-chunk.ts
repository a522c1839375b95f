// The entry of dist/samtykke.button.min.js: hands the floating button to
// the core that fetched it (see load-chunk.ts).
import { setLocale, show } from './button.js';
import { BUTTON_MODULE } from '../loading/load-chunk.js';

(window as unknown as Record<symbol, unknown>)[BUTTON_MODULE] = { show, setLocale };
