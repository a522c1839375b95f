// The dialogs chunk: the preferences dialog, the US opt-out dialog and the
// privacy centre, with
// their own styles and English strings. The UI chunk (the banner) fetches it
// when a dialog is first wanted, so a first visit that ends with Accept all
// or Reject all never downloads it. dialogs-chunk.ts (script tag), a dynamic
// import (ESM) or browser-full.ts (one file) hands it to ui.tsx.
import english from 'samtykke:english/preferences+opt-out+privacy+rights+notice';
import css from './dialogs.css?raw';
import keys from './locale-parts.json';

export { Preferences } from './preferences.js';
export { OptOut } from './opt-out.js';
export { PrivacyCentre } from './privacy-centre.js';
export { withKnownServices } from './known-services.js';
export { normaliseCentre } from '../config/normalise-centre.js';
/** The key lists of the dialogs' language parts (locale-parts.ts). */
export { english, css, keys };
