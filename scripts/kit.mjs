// The modules the dialogs chunk borrows from the UI chunk in the script-tag
// builds (src/ui/kit.ts lends them): preact and the shared drawing pieces.
// A rollup plugin for the dialogs chunk's build, and the globals that go
// with it; used by rollup.config.mjs and by `samtykke build` (bin/build.mjs).

/** Module (by the end of its resolved path, .ts/.tsx or .js) → kit key. */
const LENT = [
  [/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact(\.module)?\.m?js$/, 'preact'],
  [/[\\/]ui[\\/]dialog\.(tsx|js)$/, 'dialog'],
  [/[\\/]ui[\\/]text\.(tsx|js)$/, 'text'],
  [/[\\/]ui[\\/]strings\.(ts|js)$/, 'strings'],
];
const PREFIX = 'samtykke-kit:';

export function borrowFromUi() {
  return {
    name: 'borrow-from-ui',
    async resolveId(source, importer, options) {
      if (!importer || source.startsWith(PREFIX)) return null;
      // Bare, as the ESM modules and the sources import it (node-resolve
      // would hand it back as an external of that name).
      if (source == 'preact') return { id: PREFIX + 'preact', external: true };
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      // A resolver further on may have asked again, and got the kit already.
      if (resolved?.id.startsWith(PREFIX)) return resolved;
      const lent = resolved && LENT.find(([pattern]) => pattern.test(resolved.id));
      return lent ? { id: PREFIX + lent[1], external: true } : null;
    },
  };
}

/** output.globals for the dialogs chunk. */
export const KIT_GLOBALS = Object.fromEntries(LENT.map(([, key]) => [PREFIX + key, `window[Symbol.for("samtykke.kit")].${key}`]));
