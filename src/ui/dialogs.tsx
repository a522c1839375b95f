// The dialogs chunk: the preferences dialog and the US opt-out dialog, with
// their own styles and English strings. The UI chunk (the banner) fetches it
// when a dialog is first wanted, so a first visit that ends with Accept all
// or Reject all never downloads it. dialogs-chunk.ts (script tag), a dynamic
// import (ESM) or browser-full.ts (one file) hands it to ui.tsx.
import english from 'samtykke:english/preferences+opt-out';
import css from './dialogs.css?raw';
import KEYS, { preferences } from './locale-parts.json';

export { Preferences } from './preferences.js';
export { OptOut } from './opt-out.js';
export { withKnownServices } from './known-services.js';
/** The key lists of the dialogs' language parts (locale-parts.ts). */
export const keys = { preferences, 'opt-out': KEYS['opt-out'] };
export { english, css };
