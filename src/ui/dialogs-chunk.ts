// The entry of dist/samtykke.dialogs.min.js: hands the dialogs to the UI
// chunk that fetched it. preact and the pieces both chunks draw with are the
// UI chunk's own, lent through kit.ts (rollup.config.mjs maps them), so they
// are not downloaded twice.
import * as dialogs from './dialogs.js';
import { DIALOGS_MODULE } from '../loading/load-chunk.js';

(window as unknown as Record<symbol, unknown>)[DIALOGS_MODULE] = dialogs;
