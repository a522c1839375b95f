// Declarative gating: elements marked `data-samtykke="category"` (or
// `"!category"`), `data-samtykke-service="id"`, or both, stay inert until
// the choice allows them, then run once each, in document order. One
// MutationObserver sees elements added later; fetch and XHR are not touched.
import type { Consent, ConsentSnapshot } from '../consent.js';
import { own } from '../core/record.js';
import { activate, isInert } from './activate.js';
import { error } from '../errors.js';

// A service id alone is enough: it names its category through the config.
export const GATED = '[data-samtykke],[data-samtykke-service]';

/** Whether the element may run under `state`. `!x` runs once x is refused:
 * not allowed, with the visitor's choice made (not merely pending). */
export function mayRun(element: Element, state: ConsentSnapshot): boolean | undefined {
  const rule = element.getAttribute('data-samtykke') || '';
  const negated = rule[0] == '!';
  const name = element.getAttribute('data-samtykke-service') || rule.slice(+negated);
  const allowed = own(state.services, name) ? state.services[name]
    : own(state.categories, name) ? state.categories[name]
    : undefined;
  if (allowed === undefined) return undefined;
  return negated ? !allowed && state.decided : allowed;
}

/** Resolves once the parser is done with the page. Before that, an inline
 * script may not have all its text yet (the parser can pause inside it, at
 * a network chunk's end or when its time slice runs out), and Chromium
 * ignores a src given to an iframe it is still inserting (the frame stays
 * blank). */
const parsed = () =>
  new Promise((resolve) => (document.readyState == 'loading' ? document.addEventListener('DOMContentLoaded', resolve) : resolve(0)));

export function startGate(consent: Consent, nonce: string | undefined, report: (message: string) => void) {
  const seen = new WeakSet<Element>();
  // Scripts run one after another: an inline script after gtag.js waits for
  // it. With nothing to wait for, a script starts at once, inside the
  // choice's own listener: its request then goes out before the banner is
  // redrawn, not after (a microtask would wait for the whole click).
  let chain: Promise<unknown> | undefined;
  function inOrder(step: () => unknown) {
    const next = chain ? chain.then(step) : step();
    if (next) {
      const link: Promise<unknown> = (chain = Promise.resolve(next).then(() => {
        if (chain == link) chain = undefined;
      }));
    }
  }

  function scan(root: Element | Document) {
    // The snapshot only once something is found: the observer scans every
    // element the parser adds, and most hold nothing gated.
    let state: ConsentSnapshot | undefined;
    const found = Array.from(root.querySelectorAll(GATED));
    if ((root as Element).matches?.(GATED)) found.unshift(root as Element);
    for (const element of found) {
      if (seen.has(element)) continue;
      if (!isInert(element)) {
        seen.add(element);
        // Only what loads or runs something is a leak; a marked <div> is not.
        if (element.localName == 'script' || element.hasAttribute('src')) report(error(11, element.localName));
        continue;
      }
      const run = mayRun(element, (state ||= consent.getConsent()));
      if (__DEV__ && run === undefined) {
        const attribute = element.hasAttribute('data-samtykke-service') ? 'data-samtykke-service' : 'data-samtykke';
        report(`samtykke: ${attribute}="${element.getAttribute(attribute)}" names no category or service in the config, so it never runs.`);
      }
      if (!run) continue;
      seen.add(element);
      // A page's CSP or Trusted Types may refuse one element: say so, and
      // let the ones after it run.
      const start = () => {
        try {
          return activate(element, nonce, (live) => void seen.add(live));
        } catch (failure) {
          report(error(12, `<${element.localName}>: ${failure}`));
        }
      };
      const loading = document.readyState == 'loading';
      if (element.localName == 'script') {
        // An inline script found while the page loads waits for the parser,
        // and so, to keep the order, does every script after it.
        if (!element.hasAttribute('src') && loading) inOrder(parsed);
        inOrder(start);
      } else if (element.localName == 'iframe' && loading) parsed().then(start);
      else start();
    }
  }

  scan(document);
  new MutationObserver((records) => {
    for (const record of records) {
      try {
        for (const node of Array.from(record.addedNodes)) if (node.nodeType == 1) scan(node as Element);
      } catch (failure) {
        report(error(13, failure));
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  // 'consent' too: a refusal that changes nothing allowed still decides `!x`.
  // A choice that changes what is allowed fires both with one snapshot:
  // the page is scanned once for it.
  let scanned: ConsentSnapshot | undefined;
  const rescan = (state: ConsentSnapshot) => state !== scanned && ((scanned = state), scan(document));
  consent.on('change', rescan);
  consent.on('consent', rescan);
}
