// The privacy centre chunk: the privacy centre, the reader of its config,
// its styles, and the English of its three language parts (privacy, rights,
// notice) with their key lists. The UI chunk fetches it, beside the dialogs
// chunk (whose strings the centre shows too), when the centre is first
// opened, so a visitor who opens only the preferences never downloads it.
// centre-chunk.ts (script tag), a dynamic import (ESM) or browser-full.ts
// (one file) hands it to ui.tsx.
import english from 'samtykke:english/privacy+rights+notice';
import css from './centre.css?raw';
import { notice, privacy, rights } from './locale-parts.json';

export { PrivacyCentre } from './privacy-centre.js';
export { normaliseCentre } from '../config/normalise-centre.js';
/** The key lists of the centre's language parts (locale-parts.ts). */
export const keys = { privacy, rights, notice };
export { english, css };
