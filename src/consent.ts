// The consent object: one per page. It owns the one piece of state (the
// stored record) and derives everything else from it through core/.
import type { CoreConfig, Regime } from './config/schema.js';
import { NECESSARY } from './config/defaults.js';
import { decide, lifetime, type Decision } from './core/decision.js';
import { choose, everything, type Change } from './core/choice.js';
import { resolveRegime, visitorRegion } from './core/regime.js';
import { emitter } from './core/emitter.js';
import { own, type ConsentRecord } from './core/record.js';
import { decode, encode, newest } from './storage/codec.js';
import { RECORD_VERSION } from './core/choice.js';
import { consentId } from './storage/consent-id.js';
import type { RecordStore } from './storage/store.js';
import type { Tabs } from './storage/tabs.js';
import type { UiLoader, View } from './loading/seam.js';
import { error as problem } from './errors.js';

/** A read-only picture of the consent state, passed to listeners. */
export interface ConsentSnapshot {
  /** This browser's consent id, or null before any choice is stored. */
  readonly id: string | null;
  /** When the stored choice was made (ms since the epoch), or null. */
  readonly timestamp: number | null;
  readonly revision: number;
  readonly regime: Regime;
  /** What may run, per category (`necessary` is always true). */
  readonly categories: Readonly<Record<string, boolean>>;
  /** What may run, per service. */
  readonly services: Readonly<Record<string, boolean>>;
  /** The visitor has opted out of sale/sharing (or GPC says so). */
  readonly optedOut: boolean;
  /** A Global Privacy Control signal is present or was seen. */
  readonly gpc: boolean;
  /** The use of sensitive personal information is limited (CPRA §7027). */
  readonly limited: boolean;
  /** The visitor has a current choice for every category: no need to ask. */
  readonly decided: boolean;
  /** The choice is kept in a cookie; false when cookies are blocked. */
  readonly persisted: boolean;
}

export type ConsentEvent = 'change' | 'consent';

/** Where the privacy centre opens: the visitor's choices, the Limit, the
 * rights, or the Notice at Collection. */
export type PrivacyCentreSection = 'choices' | 'limit' | 'rights' | 'notice';

export interface Consent {
  /** Allows every category (the sale opt-out, if any, stays in force). */
  acceptAll(): void;
  /** Refuses every category but `necessary`. */
  rejectAll(): void;
  /** Sets some categories or services, e.g. `set({ analytics: true, hotjar: false })`;
   * the others keep their state. */
  set(choices: Record<string, boolean>): void;
  /** Whether a category or a service (by id) may run now. */
  allowed(name: string): boolean;
  getConsent(): ConsentSnapshot;
  /** Opts out of the sale or sharing of personal information. */
  optOut(): void;
  /** Withdraws the sale/sharing opt-out (a GPC signal still applies). */
  optIn(): void;
  /** Limits the use of sensitive personal information ("Limit the Use of
   * My Sensitive Personal Information"): every category that declares
   * `sensitive` data is switched off, and stays off for 12 months. */
  limitSensitive(): void;
  /** Withdraws the Limit. */
  unlimitSensitive(): void;
  /** Forgets the stored choice: the visitor is asked again. */
  reset(): void;
  /** `change`: what is allowed changed, or another tab's choice arrived.
   * `consent`: the visitor made a choice in this tab.
   * Returns a function that removes the listener. */
  on(event: ConsentEvent, listener: (snapshot: ConsentSnapshot) => void): () => void;
  /** Runs `callback` now if `name` is allowed, else once it becomes allowed.
   * Returns a function that cancels the wait. */
  whenAllowed(name: string, callback: () => void): () => void;
  /** Opens the preferences dialog (fetching the UI chunk if need be), so
   * the visitor can change or withdraw their choice at any time. */
  showPreferences(): void;
  /** Opens the US opt-out dialog ("Do Not Sell or Share My Personal
   * Information"). */
  showOptOut(): void;
  /** Opens the privacy centre: the visitor's choices, their rights and the
   * Notice at Collection; `section` ('choices', 'limit', 'rights',
   * 'notice') scrolls to one of them. */
  showPrivacyCentre(section?: PrivacyCentreSection): void;
  /** Switches the UI's language, e.g. `setLocale('da')`: what is on screen
   * now and what is shown later. */
  setLocale(code: string): void;
}

/** What the consent object needs from the page; tests pass their own. */
export interface Environment {
  store: RecordStore;
  now(): number;
  random(length: number): Uint8Array;
  gpc: boolean;
  /** The visitor's time zone, read only when asked: the first read costs
   * ~10 ms (ICU), so only `regime: "auto"` without a region asks. */
  timeZone?(): string | undefined;
  /** Tells the site owner about a problem, once per message. */
  report(message: string): void;
  /** Tells the page: dispatches `samtykke:change` on window. */
  announce?(snapshot: ConsentSnapshot): void;
  loadUi?: UiLoader;
  setLocale?(code: string): void;
  /** The site's other open tabs: told of each choice, heard from in turn. */
  tabs?: Tabs;
  /** No page (server-side rendering): allow nothing and record nothing,
   * whatever the regime and whatever a request's code calls. One server
   * object serves every visitor, so it must never hold anyone's choice. */
  inert?: boolean;
}

const freeze = Object.freeze;

/** What a method gives when it could do nothing (it failed, or init() has
 * not run): `allowed` is false, and on() and whenAllowed() give an
 * unsubscribe the page may call next. */
export const nothingFrom = (method: string) => (method == 'allowed' ? false : method == 'on' || method == 'whenAllowed' ? () => {} : undefined);

/** What a decision allows, as text to compare. By hand, not JSON: a page's
 * broken JSON.stringify must not hide a withdrawal from Google. */
function allowedKey(decision: Decision): string {
  let text = '' + decision.optedOut + decision.limited;
  for (const id in decision.categories) text += +decision.categories[id];
  for (const id in decision.services) text += +decision.services[id];
  return text;
}

/** `input` is the site's config as given, for the UI chunk to read its own keys. */
export function createConsent(config: CoreConfig, env: Environment, input?: unknown): Consent {
  const regime = resolveRegime(config, env.timeZone);
  // Sensitive data waits for consent under the opt-out regime outside
  // California (the other states' laws ask for it).
  const sensitiveOptIn = regime == 'opt-out' && !/^US-CA$/i.test(visitorRegion(config, env.timeZone) || '');
  const values = env.store.read();
  let stored: ConsentRecord | null = newest(values);
  // Host-only and domain copies of the cookie disagree: keep the newest only.
  // A copy from a newer samtykke is left alone: it may hold what this one cannot read.
  if (values.length > 1 && !values.some((value) => (decode(value)?.version || 0) > RECORD_VERSION)) {
    env.store.remove();
    if (stored) env.store.write(encode(stored), lifetime(stored, config));
  }
  // Deciding as opt-in with no record allows nothing but the necessary.
  const deciding = env.inert ? 'opt-in' : regime;
  const signals = { gpc: env.gpc, sensitiveOptIn };
  let decision: Decision = decide(config, stored, signals, deciding, env.now());
  const events = emitter<ConsentSnapshot>((error, event) => env.report(problem(6, `${event}: ${error}`)));

  function snapshot(): ConsentSnapshot {
    const record = decision.record;
    return freeze({
      id: stored?.id ?? null,
      timestamp: record?.timestamp ?? null,
      revision: config.revision,
      regime,
      categories: freeze({ ...decision.categories }),
      services: freeze({ ...decision.services }),
      optedOut: decision.optedOut,
      gpc: env.gpc || !!stored?.gpc,
      limited: decision.limited,
      decided: !!record && !decision.ask,
      persisted: !!record && !env.store.memory,
    });
  }

  /** Re-derives the decision; tells listeners if what is allowed changed
   * (or, `synced`, whenever another tab's choice arrives: it may decide). */
  function update(next: ConsentRecord | null, consented: boolean, synced?: boolean) {
    const before = allowedKey(decision);
    stored = next;
    decision = decide(config, stored, signals, deciding, env.now());
    const changed = synced || before != allowedKey(decision);
    if (!changed && !consented) return;
    const current = snapshot();
    if (changed) {
      events.emit('change', current);
      env.announce?.(current);
    }
    if (consented) events.emit('consent', current);
  }

  function record(change: Change) {
    if (env.inert) return;
    const next = choose(config, decision, stored, change, {
      now: env.now(),
      id: () => consentId(env.random),
      gpc: env.gpc,
    });
    if (!env.store.write(encode(next), lifetime(next, config))) {
      env.report(problem(5));
    }
    update(next, true);
    env.tabs?.tell();
  }

  /** Another tab may have stored a choice (or forgotten it): read the
   * cookie again and follow it; ask if it is gone. */
  function sync() {
    const next = newest(env.store.read());
    const same = (next && encode(next)) == (stored && encode(stored));
    if (same) return;
    const asked = decision.ask;
    update(next, false, true);
    if (decision.ask && !asked) ask();
  }

  const isCategory = (name: string) => own(config.categories, name);
  const isService = (name: string) => own(decision.services, name);

  // Mistakes in page code are explained by the development bundle only (as
  // with Floating UI's __DEV__ errors): production stays small and silent,
  // and does the safe thing.
  const unknown = (name: string) =>
    __DEV__ && env.report(`samtykke: '${name}' is no category or service in the config, so it is not allowed.`);

  function allowed(name: string): boolean {
    if (isCategory(name)) return decision.categories[name];
    if (isService(name)) return decision.services[name];
    unknown(name);
    return false;
  }

  // GPC is an opt-out this browser must keep even if a later visit lacks it.
  if (env.gpc && !(stored?.optedOut && stored.gpc)) record({});

  /** Fetches the UI chunk (once), and the strings `view` needs, and shows
   * `view`. A failure of either is reported, never thrown into the page. */
  function show(view: View, section?: string) {
    env.loadUi?.(config, view)
      // The visitor may have chosen while the chunk was on its way.
      .then((ui) => (view != 'banner' || decision.ask) && ui.show(view, safe as unknown as Consent, config, input, undefined, section))
      .catch((error) =>
        env.report(problem(7, error)),
      );
  }

  /** The banner when the visitor must be asked; else the floating button,
   * if the site wants one. Otherwise no UI byte is fetched. */
  function ask() {
    if (decision.ask) show('banner');
    else if (config.floatingButton) show('button');
  }

  const api: Consent = {
    acceptAll: () => record({ categories: everything(config, true), all: true }),
    rejectAll: () => record({ categories: everything(config, false), all: true }),
    set(choices) {
      const change = { categories: {} as Record<string, boolean>, services: {} as Record<string, boolean> };
      for (const name of Object.keys(Object(choices))) {
        const value = choices[name];
        if (typeof value != 'boolean') {
          if (__DEV__) env.report(`samtykke: set() takes true or false, not ${value} for '${name}'.`);
        } else if (name == NECESSARY) {
          if (__DEV__ && !value) env.report("samtykke: 'necessary' is always on.");
        } else if (isCategory(name)) change.categories[name] = value;
        else if (isService(name)) change.services[name] = value;
        else unknown(name);
      }
      record(change);
    },
    allowed,
    getConsent: snapshot,
    optOut: () => record({ optedOut: true }),
    optIn: () => record({ optedOut: false }),
    limitSensitive: () => record({ limited: true }),
    unlimitSensitive: () => record({ limited: false }),
    reset() {
      env.store.remove();
      update(null, false);
      env.tabs?.tell();
      ask();
    },
    on(event, listener) {
      if (event != 'change' && event != 'consent') {
        if (__DEV__) env.report(`samtykke: on() takes 'change' or 'consent', not '${event}'.`);
        return () => {};
      }
      return events.on(event, listener);
    },
    whenAllowed(name, callback) {
      if (allowed(name)) {
        callback();
        return () => {};
      }
      const stop = events.on('change', () => {
        if (decision.categories[name] || decision.services[name]) {
          stop();
          callback();
        }
      });
      return stop;
    },
    showPreferences: () => show('preferences'),
    showOptOut: () => show('opt-out'),
    showPrivacyCentre: (section) => show('privacy-centre', typeof section == 'string' ? section : undefined),
    setLocale(code) {
      if (typeof code == 'string') env.setLocale?.(code);
      else if (__DEV__) env.report(`samtykke: setLocale() takes a language code such as 'da', not ${code}.`);
    },
  };
  env.tabs?.listen(sync);
  // No call throws to the page, whatever it is given (a Symbol, an object
  // whose toString throws) or however the page broke a built-in: the
  // problem is said, and the call does the safe thing.
  const safe = {} as Record<string, unknown>;
  for (const key in api) {
    safe[key] = (...args: unknown[]) => {
      try {
        return (api[key as keyof Consent] as (...args: unknown[]) => unknown)(...args);
      } catch (failure) {
        env.report(problem(15, key + ': ' + failure));
        return nothingFrom(key);
      }
    };
  }
  ask();
  return freeze(safe as unknown as Consent);
}
