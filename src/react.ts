// samtykke/react: hooks and a gate for React 18 and later. Written with
// createElement, not JSX: the project's JSX factory is preact's `h`.
//
// There is no provider. The page has one consent object, and a second
// init() returns the first (a provider's config could not change it), so
// the app calls init(config) once at module scope in its browser entry,
// before createRoot or hydrateRoot. samtykke then gates the page's tags and
// shows its banner whether or not React has rendered yet, and the hooks
// read that object with current(). On a server no init() runs (there is no
// document); the hooks render NOTHING there, and so does the hydrating
// render, so the first HTML is the same on both sides.
import { Fragment, createElement, useSyncExternalStore, type ReactElement, type ReactNode } from 'react';
import type { ConsentSnapshot } from './consent.js';
import { current } from './api.js';
import { NOTHING, allow, allows, snapshotOf, watch } from './bindings/watch.js';

export { allow, NOTHING };

const subscribe = (onChange: () => void) => watch(current(), onChange);
const snapshot = () => snapshotOf(current());
const nothing = () => NOTHING;

/**
 * The visitor's consent now (see ConsentSnapshot); the component renders
 * again when it changes. On the server, in the hydrating render and before
 * init(): NOTHING, which allows nothing but `necessary`.
 */
export function useConsent(): ConsentSnapshot {
  return useSyncExternalStore(subscribe, snapshot, nothing);
}

/** Whether a category or service (by id) may run now; false on the server. */
export function useAllowed(name: string): boolean {
  return useSyncExternalStore(
    subscribe,
    () => allows(snapshotOf(current()), name),
    () => allows(NOTHING, name),
  );
}

export interface GateProps {
  /** The category or service whose consent the children need. */
  name: string;
  children?: ReactNode;
  /**
   * Shown instead while `name` is not allowed. A function gets `allow`,
   * which allows that one category or service (a "Load this video" button).
   */
  fallback?: ReactNode | ((allow: () => void) => ReactNode);
}

/**
 * Renders its children only while `name` is allowed, else `fallback`:
 * `<Gate name="analytics" fallback={(allow) => <button onClick={allow}>…</button>}>`.
 * Withdrawing consent unmounts the children again.
 */
export function Gate({ name, children, fallback }: GateProps): ReactElement {
  // Always an element (a fragment), so <Gate> types as JSX under every React 18 typing.
  const shown = useAllowed(name) ? children : typeof fallback == 'function' ? fallback(() => allow(name)) : fallback;
  return createElement(Fragment, null, shown);
}
