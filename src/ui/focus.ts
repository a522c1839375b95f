// Focus for the modal dialogs (WAI-ARIA APG dialog pattern): Tab and
// Shift+Tab wrap inside, and focus goes back where it came from on close.

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Controls that can take focus now (not inside a closed <details>). */
export function focusables(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/** The focused element, looking into shadow roots. */
export function activeElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Keeps Tab inside `container`: from the last control to the first and back. */
export function trapTab(event: KeyboardEvent, container: HTMLElement) {
  if (event.key != 'Tab') return;
  const items = focusables(container);
  if (!items.length) return event.preventDefault();
  const first = items[0];
  const last = items[items.length - 1];
  const active = activeElement();
  const leaving = event.shiftKey ? active == first || active == container : active == last;
  if (leaving || !container.contains(active)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

/** Focuses `element` if it is still on the page; else the page's body. */
export function restoreFocus(element: Element | null | undefined) {
  const target = element && element.isConnected && element != document.body ? (element as HTMLElement) : null;
  if (target) target.focus();
  else (document.activeElement as HTMLElement | null)?.blur?.();
}
