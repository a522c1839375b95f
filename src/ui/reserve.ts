// WCAG 2.4.11 Focus Not Obscured: while a non-modal banner sits on an edge
// of the viewport, the page's scroll padding on that edge grows by the
// banner's height, so the browser scrolls a focused element clear of it.
// The page's own value is put back when the banner goes.

export type Edge = 'top' | 'bottom';

export function reserveSpace(element: HTMLElement, edge: Edge): () => void {
  const style = document.documentElement.style;
  const property = edge == 'top' ? 'scrollPaddingTop' : 'scrollPaddingBottom';
  const inline = style[property];
  const own = parseFloat(getComputedStyle(document.documentElement)[property]) || 0;
  const apply = () => {
    style[property] = `${own + element.getBoundingClientRect().height}px`;
  };
  const observer = typeof ResizeObserver == 'function' ? new ResizeObserver(apply) : undefined;
  observer?.observe(element);
  apply();
  return () => {
    observer?.disconnect();
    style[property] = inline;
  };
}
