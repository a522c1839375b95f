// The full IAB GPP CMP API (1.1) where a US law applies: it takes over the
// stub's queue and listeners, answers every generic command from the
// consent state, and tells listeners about each change in the order the
// spec sets: signalStatus 'not ready', then sectionChange, then
// signalStatus 'ready'.
import type { Consent, ConsentSnapshot } from '../../consent.js';
import type { CoreConfig } from '../../config/schema.js';
import { SECTION_NAMES, gppString, usca, usnat, type Section, type UsState } from './sections.js';
import { SUPPORTED, STUB } from './stub.js';
import { sensitiveBits } from './sensitive-bits.js';
import { answerGeneric, type Callback, type Listener } from './listeners.js';
import { own } from '../../core/record.js';
import { readGpc } from '../gpc.js';

type Page = Window & Record<string, any>;

/** Every vendor gets its own copy: none can change what the others read.
 * Not through JSON: a page's Array.prototype.toJSON (Prototype.js) would
 * turn the arrays into strings. */
const copy = <T>(value: T): T => structuredClone(value);

/** samtykke has no IAB CMP id: 1 is the id for string creators without one. */
const CMP_ID = 1;

export function startGpp(page: Page, consent: Consent, config: CoreConfig, section: number) {
  // Another CMP's __gpp is left alone: the page has one CMP.
  if (typeof page.__gpp == 'function' && !page.__gpp[STUB]) return;
  const stub = page.__gpp as ((command?: string) => any) | undefined;
  const queued: unknown[][] = (stub && stub()) || [];
  const listeners: Listener[] = (stub && stub('events')) || [];
  // Ids the stub gave out stay unique even after it took some back: start
  // where IAB's own library does, above any the stub can have reached.
  let next = Math.max(1000, ...listeners.map((listener) => listener.id + 1));
  const name = SECTION_NAMES[section];
  let signalStatus = 'not ready';
  let cmpStatus = 'stub';
  let current: Section;
  let string = '';

  // Gpc passes on the signal as the browser sends it now (IAB: "the value
  // from the headers or javascript API"); the opt-out it caused is kept in
  // the record and reported by SaleOptOut.
  const stateOf = (snapshot: ConsentSnapshot): UsState => ({
    optedOut: snapshot.optedOut,
    gpc: readGpc(navigator),
    mspa: !!config.mspa,
    sensitive: sensitiveBits(config.categories, snapshot),
  });
  const encode = () => (section == 8 ? usca : usnat)(stateOf(consent.getConsent()));
  const apply = (next: Section) => {
    current = next;
    string = gppString({ [section]: next });
  };

  const ping = () => ({
    gppVersion: '1.1',
    cmpStatus,
    // The opt-out lives behind a link and opens no pop-up by itself.
    cmpDisplayStatus: null,
    signalStatus,
    supportedAPIs: SUPPORTED,
    cmpId: CMP_ID,
    sectionList: [section],
    applicableSections: [section],
    gppString: string,
    parsedSections: { [name]: copy(current.fields) },
  });

  function fire(eventName: string, data: unknown) {
    for (const listener of listeners.slice()) {
      try {
        listener.callback({ eventName, listenerId: listener.id, data, pingData: ping() }, true);
      } catch {
        // A vendor's listener must not stop the others.
      }
    }
  }

  function gpp(command?: string, callback?: Callback, parameter?: unknown) {
    if (command === undefined) return [];
    if (command == 'events') return listeners;
    if (typeof callback != 'function' || answerGeneric(command, callback, parameter, listeners, () => next++, ping)) return;
    const field = typeof parameter == 'string' ? parameter.split('.') : [];
    switch (command) {
      case 'hasSection':
        // === : a frame's object parameter must not reach a toString of its own.
        return callback(parameter === name, true);
      case 'getSection':
        return callback(parameter === name ? copy(current.fields) : null, true);
      case 'getField':
        return callback(field[0] == name && field.length == 2 && own(current.fields, field[1]) ? copy(current.fields[field[1]]) : null, true);
      default:
        return callback(null, false);
    }
  }

  apply(encode());
  page.__gpp = gpp;
  // The first string exists at once: an opt-out framework is ready then.
  fire('signalStatus', 'not ready');
  cmpStatus = 'loaded';
  fire('cmpStatus', 'loaded');
  fire('sectionChange', name);
  signalStatus = 'ready';
  fire('signalStatus', 'ready');
  consent.on('change', () => {
    const next = encode();
    if (gppString({ [section]: next }) == string) return;
    signalStatus = 'not ready';
    fire('signalStatus', 'not ready');
    apply(next);
    fire('sectionChange', name);
    signalStatus = 'ready';
    fire('signalStatus', 'ready');
  });
  // Last, and one by one: a queued callback that throws must not stop the
  // others, nor the updates above.
  for (const [command, callback, parameter] of queued) {
    try {
      gpp(command as string, callback as Callback, parameter);
    } catch {
      // The vendor's own mistake.
    }
  }
}
