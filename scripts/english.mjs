// `import english from 'samtykke:english/banner'` (or `/preferences+opt-out`):
// the English strings of those parts only (src/ui/locale-parts.json), so the
// UI chunk carries the banner's English and the dialogs chunk the dialogs'.
// A rollup plugin, used by the builds and, through vite, by the unit tests.
import { readFileSync } from 'node:fs';

const PREFIX = 'samtykke:english/';

export function englishParts() {
  const read = (path) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
  return {
    name: 'english-parts',
    resolveId: (id) => (id.startsWith(PREFIX) ? '\0' + id : null),
    load(id) {
      if (!id.startsWith('\0' + PREFIX)) return null;
      const english = read('locales/en.json');
      const keys = read('src/ui/locale-parts.json');
      const parts = id.slice(PREFIX.length + 1).split('+');
      for (const part of parts) if (!keys[part]) this.error(`${id}: no part '${part}' in src/ui/locale-parts.json`);
      const strings = Object.fromEntries(parts.flatMap((part) => keys[part].map((key) => [key, english[key]])));
      return `export default ${JSON.stringify(strings)};`;
    },
  };
}
