// The code patterns samtykke's browser files must never contain: ways to
// turn a string into markup or code. Text is inserted as text (preact,
// textContent); scripts are created as elements. Used by the build (to
// strip preact's one HTML sink) and by scripts/security.mjs (to check the
// dist), so that both agree on what a sink is.

/** Each sink with the pattern that finds it in (minified) JavaScript. */
export const SINKS = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(?:ln)?\b/],
  ['eval', /\beval\b/],
  ['new Function', /\bnew\s+Function\b|\bFunction\s*\(\s*["'`]/],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['srcdoc', /\bsrcdoc\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['setHTMLUnsafe', /\b(?:set|parse)HTMLUnsafe\b/],
];

/** The sinks found in `code`, with a line of context each. */
export function findSinks(code) {
  const found = [];
  for (const [name, pattern] of SINKS) {
    const global = new RegExp(pattern.source, 'g');
    for (const match of code.matchAll(global)) {
      const at = match.index;
      found.push({ name, context: code.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ') });
    }
  }
  return found;
}

/**
 * A rollup plugin that takes `dangerouslySetInnerHTML` out of preact: the
 * one HTML sink in samtykke's browser files, and never used by its UI (a
 * test keeps src/ free of it). Without the prop's assignment the branch
 * that writes innerHTML is dead and the minifier drops it. Fails the build
 * if preact's code no longer has the expected shape, rather than shipping
 * the sink silently.
 */
export function withoutHtmlSinks() {
  const PROP = /"dangerouslySetInnerHTML"==(\w+)\?(\w+)=(\w+):/g;
  return {
    name: 'without-html-sinks',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
      const count = code.match(PROP)?.length ?? 0;
      if (count != 2) this.error(`preact's dangerouslySetInnerHTML handling changed (found ${count} of 2 places); update scripts/html-sinks.mjs`);
      return { code: code.replace(PROP, ''), map: null };
    },
  };
}
