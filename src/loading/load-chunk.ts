// The script-tag build's chunk loader: samtykke.ui.min.js (the banner) and
// samtykke.us.min.js (the full GPP API), each fetched with a <script> next
// to samtykke.min.js, or from a URL the config gives, and handed over
// through a symbol on window, so no chunk defines a named global.
import { scriptUrl } from '../gate/trusted.js';
import type { Part, Values } from '../ui/locale-parts.js';

export const UI_MODULE = Symbol.for('samtykke.ui');
export const US_MODULE = Symbol.for('samtykke.us');
export const DIALOGS_MODULE = Symbol.for('samtykke.dialogs');
export const CENTRE_MODULE = Symbol.for('samtykke.centre');
export const BUTTON_MODULE = Symbol.for('samtykke.button');
type Page = Record<symbol, unknown>;

/** How long a chunk may take before it counts as failed (ms). */
export const WAIT = 10_000;

/** Fetches `file` (once; again after a failure) from beside `script`, the
 * bundle's own tag, or from `url`. */
export function chunkLoader<T>(script: HTMLOrSVGScriptElement | null, nonce: string | undefined, file: string, key: symbol) {
  const base = (script as HTMLScriptElement | null)?.src || location.href;
  let loading: Promise<T> | undefined;
  let attempt = 0;
  return (url?: string): Promise<T> =>
    (loading ||= new Promise<T>((resolve, reject) => {
      const page = window as unknown as Page;
      const href = new URL(url || file, url ? location.href : base).href;
      // In a task of its own: what the chunk does next (the banner's first
      // render) then runs apart from its evaluation, not in one long task.
      const loaded = () => setTimeout(() => (page[key] ? resolve(page[key] as T) : reject(`${href} is not a samtykke chunk`)));
      if (page[key]) return loaded();
      const tag = document.createElement('script');
      const n = attempt++;
      tag.src = scriptUrl(n ? href + (href.includes('?') ? '&' : '?') + 'retry=' + n : href);
      if (nonce) tag.nonce = nonce;
      tag.onload = loaded;
      tag.onerror = () => reject(`${href} did not load`);
      // A request that hangs fails too, so that the next attempt starts
      // afresh and a missing language falls back to English.
      setTimeout(() => reject(`${href} did not load within ${WAIT / 1e3} s`), WAIT);
      document.head.append(tag);
    }).catch((error) => {
      // The next attempt (a click on a preferences link) fetches it again.
      loading = undefined;
      throw error;
    }));
}

/** locales/<code>.<part>.js beside the bundle, one loader per language and
 * part (see locale-parts.ts). */
export function localeLoader(script: HTMLOrSVGScriptElement | null, nonce: string | undefined) {
  const loaders: Record<string, () => Promise<Values>> = {};
  return (code: string, part: Part): Promise<Values> => {
    const name = `${code}.${part}`;
    return (loaders[name] ||= chunkLoader<Values>(script, nonce, `locales/${name}.js`, Symbol.for(`samtykke.locale.${name}`)))();
  };
}
