// Types for `samtykke/build` (bin/build.mjs).
export class BuildError extends Error {}

/** What a site's config lets the build leave out (see src/site.ts). */
export interface Features {
  US: boolean;
  GOOGLE: boolean;
  AUTO: boolean;
  RECEIPTS: boolean;
  BUTTON: boolean;
}

export interface BuiltFile {
  kind: 'core' | 'ui' | 'dialogs' | 'button' | 'us' | 'locale';
  /** Relative to the core's folder: `consent.js`, `consent.ui.js`, `locales/da.js`. */
  fileName: string;
  /** The script, for core, ui and us. */
  code?: string;
  /** Its size, gzip -9. */
  gzip?: number;
  /** Where a language file is copied from. */
  from?: string;
}

export interface SiteBuildOptions {
  /** The site's config, as it would stand in its config block. */
  config: unknown;
  /** The core's path; its chunks and locales/ go beside it. Default `samtykke-site/consent.js`. */
  out?: string;
  /** Keep the US law code (`__gpp`, `__uspapi`, link texts) in an opt-in site. */
  us?: boolean;
  /** Only these language files. */
  locales?: string[];
  /** false: return the files without writing them. */
  write?: boolean;
}

export function buildSite(options: SiteBuildOptions): Promise<{ features: Features; files: BuiltFile[]; dir: string }>;
export function formatSizes(result: { features: Features; files: BuiltFile[]; dir: string }): string;
export function featuresOf(core: unknown, options?: { us?: boolean }): Features;
export function coreInput(input: Record<string, unknown>): Record<string, unknown>;
export function source(value: unknown): string;
export function chunkNames(out: string): { core: string; ui: string; dialogs: string; button: string; us: string };
/** A rollup or Vite plugin that emits the site's bundle as assets of the app's build. */
export function samtykkeSite(options: { config: unknown; fileName?: string; us?: boolean; locales?: string[] }): {
  name: string;
  generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: string | Uint8Array }): string }): Promise<void>;
};
