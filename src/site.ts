// What a per-site build (`npx samtykke build`, bin/build.mjs) knows before
// the page loads. The generic bundles know nothing here and read the config
// from the page; a per-site build replaces this module with one site's
// answers, and rollup drops the code behind each `false` and the config
// reader behind BUILT: a site pays only for the code its config uses.
import type { CoreConfig } from './config/schema.js';

/** The bundle carries its config (a literal, for rollup to fold). */
export const BUILT_IN: boolean = false;
/** The site's config as the core acts on it, checked with the full schema
 * and normalised at build time. */
export const BUILT: CoreConfig | undefined = undefined;
/** What the core reads of the config as given: `locale`, and per language
 * only the opt-out links' texts (the UI chunk carries the rest). */
export const BUILT_INPUT: Record<string, unknown> | undefined = undefined;
/** The config as given, for the UI chunk: texts, layout, labels, tables. */
export const UI_INPUT: unknown = undefined;

/** A US law may apply: `__gpp`, `__uspapi`, the US chunk, the link texts. */
export const US: boolean = true;
/** Google Analytics or Consent Mode. */
export const GOOGLE: boolean = true;
/** `regime: "auto"`: the region tables and the time-zone hint. */
export const AUTO: boolean = true;
/** Consent receipts. */
export const RECEIPTS: boolean = true;
/** `floatingButton`: the button chunk. */
export const BUTTON: boolean = true;

/** The chunks, beside the core. */
export const UI_FILE: string = 'samtykke.ui.min.js';
export const US_FILE: string = 'samtykke.us.min.js';
/** The dialogs chunk, beside the UI chunk. */
export const DIALOGS_FILE: string = 'samtykke.dialogs.min.js';
/** The privacy centre's chunk, beside the UI chunk. */
export const CENTRE_FILE: string = 'samtykke.centre.min.js';
export const BUTTON_FILE: string = 'samtykke.button.min.js';
