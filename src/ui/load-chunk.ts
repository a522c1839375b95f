// The script-tag build's UI loader: samtykke.ui.min.js, fetched with a
// <script> next to samtykke.min.js (or from `uiUrl`), hands its module over
// through a symbol on window, so it defines no named global.
import type { UiLoader, UiModule } from './seam';

export const UI_MODULE = Symbol.for('samtykke.ui');
type Page = { [UI_MODULE]?: UiModule };

/** `script` is samtykke.min.js's own tag: the chunk sits beside it. */
export function chunkLoader(script: HTMLOrSVGScriptElement | null, nonce: string | undefined): UiLoader {
  const base = (script as HTMLScriptElement | null)?.src || location.href;
  let loading: Promise<UiModule> | undefined;
  return (config) =>
    (loading ||= new Promise<UiModule>((resolve, reject) => {
      const page = window as Page;
      const url = new URL(config.uiUrl || 'samtykke.ui.min.js', config.uiUrl ? location.href : base).href;
      const loaded = () => (page[UI_MODULE] ? resolve(page[UI_MODULE]) : reject(`${url} is not samtykke's UI chunk`));
      if (page[UI_MODULE]) return loaded();
      const tag = document.createElement('script');
      tag.src = url;
      if (nonce) tag.nonce = nonce;
      tag.onload = loaded;
      tag.onerror = () => reject(`${url} did not load`);
      document.head.append(tag);
    }).catch((error) => {
      // The next attempt (a click on a preferences link) fetches it again.
      loading = undefined;
      throw error;
    }));
}
