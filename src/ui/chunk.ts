// The entry of dist/samtykke.ui.min.js: hands the UI to the core that
// fetched it (see load-chunk.ts), and lends the dialogs chunk, which it
// fetches from beside itself when a dialog is first wanted, and the privacy
// centre's chunk, what they draw with (kit.ts).
import { uiWith } from './ui.js';
import { CENTRE_MODULE, chunkLoader, DIALOGS_MODULE, UI_MODULE } from '../loading/load-chunk.js';
import { KIT, kit, type Centre, type Dialogs } from './kit.js';
import { pageNonce } from '../environment.js';
import { CENTRE_FILE, DIALOGS_FILE } from '../site.js';

const page = window as unknown as Record<symbol, unknown>;
page[KIT] = kit;
const script = document.currentScript;
page[UI_MODULE] = uiWith(
  chunkLoader<Dialogs>(script, pageNonce(), DIALOGS_FILE, DIALOGS_MODULE),
  chunkLoader<Centre>(script, pageNonce(), CENTRE_FILE, CENTRE_MODULE),
);
