// WCAG 2.4.11 Focus Not Obscured: while a non-modal banner sits on an edge
// of the viewport, nothing focused may hide entirely behind it. On that edge
// the page gets
// - scroll padding of the banner's height, so the browser scrolls a focused
//   element clear of it, and
// - padding of the same height, so that even the page's first (bar-top) or
//   last (bar) links can be scrolled clear. At the bottom this moves nothing
//   that is already laid out (no layout shift); at the top it pushes the
//   page down, as a top bar must.
// The page's own values are put back when the banner goes.

export type Edge = 'top' | 'bottom';

export function reserveSpace(element: HTMLElement, edge: Edge): () => void {
  const root = document.documentElement;
  const style = root.style;
  const properties = edge == 'top' ? (['scrollPaddingTop', 'paddingTop'] as const) : (['scrollPaddingBottom', 'paddingBottom'] as const);
  let saved: (readonly [(typeof properties)[number], string, number])[] | undefined;
  // Run by the ResizeObserver, after the browser's own layout: reading the
  // page's padding and the banner's height there forces no extra layout
  // (reading them while the banner is being shown forced a full-page one).
  const apply = () => {
    const computed = saved ? undefined : getComputedStyle(root);
    saved ||= properties.map((property) => [property, style[property], parseFloat(computed![property]) || 0] as const);
    const height = element.getBoundingClientRect().height;
    for (const [property, , own] of saved) style[property] = `${own + height}px`;
  };
  const observer = typeof ResizeObserver == 'function' ? new ResizeObserver(apply) : undefined;
  if (observer) observer.observe(element);
  else apply();
  return () => {
    observer?.disconnect();
    for (const [property, inline] of saved || []) style[property] = inline;
  };
}
