// The IAB GPP CMP API stub (CMP API 1.1), defined synchronously while
// samtykke starts, so `__gpp` is a function before any vendor tag runs. It
// answers the generic commands at once through the callback, keeps event
// listeners, and queues the rest for the full API (gpp/api.ts), which takes
// both over through the conventions IAB's own library uses: `__gpp()`
// returns the queue, `__gpp('events')` the listeners. Where no US law
// applies there is nothing more to load, and it reports itself loaded with
// no applicable section.
import { serveFrames } from '../frames';

export type Callback = (data: unknown, success: boolean) => void;
export interface Listener {
  id: number;
  callback: Callback;
  parameter?: unknown;
}
type Page = Window & Record<string, any>;

/** An empty GPP string: the header with no section. */
export const EMPTY = 'DBAA';
export const SUPPORTED = ['7:usnat', '8:usca'];
/** Marks samtykke's own stub, which the full API may replace. */
export const STUB = Symbol.for('samtykke.gpp');

export function installGppStub(page: Page, section: number) {
  if (typeof page.__gpp == 'function') return;
  const queue: unknown[][] = [];
  const events: Listener[] = [];
  const final = section == -1;
  let next = 1;
  const ping = () => ({
    gppVersion: '1.1',
    cmpStatus: final ? 'loaded' : 'stub',
    cmpDisplayStatus: null,
    signalStatus: final ? 'ready' : 'not ready',
    supportedAPIs: SUPPORTED,
    cmpId: final ? 1 : 0,
    sectionList: [],
    applicableSections: [section],
    gppString: final ? EMPTY : '',
    parsedSections: {},
  });
  const gpp = (command?: string, callback?: Callback, parameter?: unknown, version?: unknown) => {
    if (command === undefined) return queue;
    if (command == 'events') return events;
    if (typeof callback != 'function') return;
    const event = (eventName: string, listenerId: unknown, data: unknown) =>
      callback({ eventName, listenerId, data, pingData: ping() }, true);
    switch (command) {
      case 'ping':
        return void callback(ping(), true);
      case 'addEventListener': {
        const id = next++;
        events.push({ id, callback, parameter });
        return void event('listenerRegistered', id, true);
      }
      case 'removeEventListener': {
        const at = events.findIndex((listener) => listener.id === parameter);
        if (at >= 0) events.splice(at, 1);
        return void event('listenerRemoved', parameter, at >= 0);
      }
      case 'hasSection':
        return void callback(final ? false : null, true);
      case 'getSection':
      case 'getField':
        return void callback(null, true);
      default:
        if (final) callback(null, false);
        else queue.push([command, callback, parameter, version]);
    }
  };
  page.__gpp = Object.assign(gpp, { [STUB]: true });
  serveFrames(page, '__gpp');
}
