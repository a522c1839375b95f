// What the UI chunk lends the dialogs chunk in the script-tag builds, so
// that preact and the pieces both draw with travel once: scripts/kit.mjs
// maps these modules to window[KIT] when it builds the dialogs chunk.
import { h, Fragment } from 'preact';
import * as dialog from './dialog.js';
import * as text from './text.js';
import * as strings from './strings.js';

export const KIT = Symbol.for('samtykke.kit');

/** Keyed as scripts/kit.mjs names them. */
export const kit = { preact: { h, Fragment }, dialog, text, strings };

/** What a dialogs module exports (dialogs.tsx). */
export type Dialogs = typeof import('./dialogs.js');
/** What the privacy centre's module exports (centre.tsx). */
export type Centre = typeof import('./centre.js');
