// The UI's one element in the page: <samtykke-ui>, with an open shadow root
// whose styles are adopted as a constructable stylesheet. No <style> element
// and no style attribute is needed, so a Content-Security-Policy without
// 'unsafe-inline' works, and page CSS cannot reach the banner.
import { css } from './styles.js';

/** Marks the button chunk's host (button.ts), which the UI chunk replaces. */
export const LONE = 'data-lone-button';

export interface Host {
  element: HTMLElement;
  root: ShadowRoot;
}

/** Adds `text` to the root's styles (the dialogs chunk brings its own). */
export function adopt(root: ShadowRoot, text: string) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Browsers before constructable stylesheets (Safari < 16.4).
    const style = document.createElement('style');
    style.textContent = text;
    root.append(style);
  }
}

/** Makes the host, first in <body> so that keyboard and screen reader users
 * meet the banner before the page. */
export function createHost(lang: string, dir: string): Host {
  const element = document.createElement('samtykke-ui');
  element.lang = lang;
  element.dir = dir;
  const root = element.attachShadow({ mode: 'open' });
  adopt(root, css);
  document.body.prepend(element);
  return { element, root };
}

/** `auto` follows the visitor's system setting, also when it changes. */
export function applyTheme(element: HTMLElement, theme: string) {
  if (theme != 'auto') return void (element.dataset.theme = theme);
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const apply = () => (element.dataset.theme = dark.matches ? 'dark' : 'light');
  dark.addEventListener?.('change', apply);
  apply();
}
