// The IAB GPP CMP API stub (CMP API 1.1), defined synchronously while
// samtykke starts, so `__gpp` is a function before any vendor tag runs. It
// answers the generic commands at once through the callback, keeps event
// listeners, and queues the rest for the full API (gpp/api.ts), which takes
// both over through the conventions IAB's own library uses: `__gpp()`
// returns the queue, `__gpp('events')` the listeners. Where no US law
// applies there is nothing more to load, and it reports itself loaded with
// no applicable section.
import { serveFrames } from '../frames.js';
import { answerGeneric, type Callback, type Listener } from './listeners.js';

export type { Callback, Listener };
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
    if (typeof callback != 'function' || answerGeneric(command, callback, parameter, events, () => next++, ping)) return;
    switch (command) {
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
  // Frames need the locator only where there is something to tell them.
  if (!final) serveFrames(page, '__gpp');
}
