// Turning one inert element into a live one. A script is re-created (a
// browser never runs a <script> whose type was text/plain, even after the
// type changes); other elements get their real URL back.
import { scriptText, scriptUrl } from './trusted.js';

/** The attributes that hold a gated element's real URL. */
const DEFERRED = ['src', 'srcset', 'href'];

/** Is `element` still waiting for consent? */
export function isInert(element: Element): boolean {
  return element.localName == 'script'
    ? (element as HTMLScriptElement).type == 'text/plain'
    : DEFERRED.some((name) => element.hasAttribute('data-' + name));
}

/**
 * Activates `element`. For an external script that others may depend on
 * (no `async`), resolves once it has loaded or failed, so the next one waits.
 * `mark` is called with the element that replaces it, before it is inserted.
 */
export function activate(element: Element, nonce: string | undefined, mark: (live: Element) => void): Promise<unknown> | void {
  if (element.localName != 'script') {
    for (const name of DEFERRED) {
      const value = element.getAttribute('data-' + name);
      if (value != null) {
        element.setAttribute(name, value);
        element.removeAttribute('data-' + name);
      }
    }
    return;
  }
  const inert = element as HTMLScriptElement;
  const script = document.createElement('script');
  // Every attribute is kept; the real type (e.g. `module`) may wait in data-type.
  for (const { name, value } of Array.from(inert.attributes)) {
    if (name != 'type' && name != 'nonce' && name != 'src') script.setAttribute(name, value);
  }
  const type = inert.getAttribute('data-type');
  if (type) script.type = type;
  // Browsers hide the nonce attribute once parsed; the property keeps it.
  script.nonce = inert.nonce || nonce || '';
  let done: Promise<unknown> | undefined;
  if (inert.src) {
    script.src = scriptUrl(inert.src);
    // A created script is async unless told otherwise; keep the page's intent.
    script.async = inert.hasAttribute('async');
    if (!script.async) {
      done = new Promise((resolve) => {
        script.addEventListener('load', resolve);
        script.addEventListener('error', resolve);
      });
    }
  } else script.text = scriptText(inert.text);
  mark(script);
  inert.replaceWith(script);
  return done;
}
