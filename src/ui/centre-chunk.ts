// The entry of dist/samtykke.centre.min.js: hands the privacy centre to the
// UI chunk that fetched it. preact and the shared drawing pieces are the UI
// chunk's own, lent through kit.ts, as for the dialogs chunk.
import * as centre from './centre.js';
import { CENTRE_MODULE } from '../loading/load-chunk.js';

(window as unknown as Record<symbol, unknown>)[CENTRE_MODULE] = centre;
