// The page's gtag(): reused if the site has one, else defined exactly as
// Google's snippet does. It must push the `arguments` object: gtag.js reads
// a dataLayer entry as a command only then, and silently drops an array
// (which is what `(...args) => dataLayer.push(args)` would push).

export type Gtag = (...args: unknown[]) => void;

export function gtagOf(page: Record<string, unknown>, dataLayer: string): Gtag {
  const layer = ((page[dataLayer] as unknown[]) ||= []);
  if (typeof page.gtag != 'function') {
    page.gtag = function gtag() {
      // eslint-disable-next-line prefer-rest-params
      layer.push(arguments);
    };
  }
  return page.gtag as Gtag;
}
