// What the framework bindings (react.ts, vue.ts) share: the page's consent
// object seen as a value that changes, and the value a server renders.
// Nothing here runs on import; without init() (on a server, where there is
// no window) every function falls back to NOTHING.
import type { Consent, ConsentSnapshot } from '../consent.js';
import { current } from '../api.js';
import { own } from '../core/record.js';

const freeze = Object.freeze;

/**
 * What a server renders, and what the browser's first (hydrating) render
 * shows: nothing allowed but `necessary`. The server cannot read the
 * visitor's cookie, so both sides agree on the first HTML; the browser's
 * real snapshot takes over after hydration.
 */
export const NOTHING: ConsentSnapshot = freeze({
  id: null,
  timestamp: null,
  revision: 0,
  regime: 'opt-in',
  categories: freeze({ necessary: true }),
  services: freeze({}),
  optedOut: false,
  gpc: false,
  limited: false,
  decided: false,
  persisted: false,
});

const latest = new WeakMap<Consent, ConsentSnapshot>();

/** Whether `snapshot` lets `name` (a category or a service) run, as `allowed()` decides it. */
export function allows(snapshot: ConsentSnapshot, name: string): boolean {
  const { categories, services } = snapshot;
  return own(categories, name) ? categories[name] : own(services, name) && services[name];
}

/**
 * The consent's snapshot, the same object until something changes:
 * getConsent() makes a new one on every call, and React's
 * useSyncExternalStore takes a new object for a change (and renders again,
 * forever). One listener per consent object keeps it fresh.
 */
export function snapshotOf(consent: Consent | undefined): ConsentSnapshot {
  if (!consent) return NOTHING;
  let snapshot = latest.get(consent);
  if (!snapshot) {
    latest.set(consent, (snapshot = consent.getConsent()));
    const keep = (next: ConsentSnapshot) => void latest.set(consent, next);
    consent.on('change', keep);
    // A choice that allows what was already allowed fires no `change`, but
    // it is a new snapshot (`decided`, `timestamp`).
    consent.on('consent', keep);
  }
  return snapshot;
}

/**
 * Calls `listener` with each new snapshot of `consent` (a change, another
 * tab's choice, or the visitor's choice here). Returns the unsubscribe.
 */
export function watch(consent: Consent | undefined, listener: (snapshot: ConsentSnapshot) => void): () => void {
  if (!consent) return () => {};
  // The cache's listeners first, so snapshotOf() is fresh inside `listener`.
  snapshotOf(consent);
  const off = [consent.on('change', listener), consent.on('consent', listener)];
  return () => off.forEach((stop) => stop());
}

/**
 * Allows one category or service, as a "Load this video" placeholder does:
 * `set({ [name]: true })` on the page's consent object. Before init() (or
 * on a server) it does nothing.
 */
export function allow(name: string): void {
  current()?.set({ [name]: true });
}
