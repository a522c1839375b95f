// The entry of dist/samtykke.ui.min.js: hands the UI to the core that
// fetched it (see load-chunk.ts), and lends the dialogs chunk, which it
// fetches from beside itself when a dialog is first wanted, what both draw
// with (kit.ts).
import { uiWith } from './ui.js';
import { chunkLoader, DIALOGS_MODULE, UI_MODULE } from '../loading/load-chunk.js';
import { KIT, kit, type Dialogs } from './kit.js';
import { pageNonce } from '../environment.js';
import { DIALOGS_FILE } from '../site.js';

const page = window as unknown as Record<symbol, unknown>;
page[KIT] = kit;
page[UI_MODULE] = uiWith(chunkLoader<Dialogs>(document.currentScript, pageNonce(), DIALOGS_FILE, DIALOGS_MODULE));
