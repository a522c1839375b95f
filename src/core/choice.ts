// The visitor's actions as pure transitions: (decision, change) → the record
// to store. The consent object in ../consent.ts applies them.
import type { CoreConfig } from '../config/schema.js';
import { NECESSARY } from '../config/defaults.js';
import { own, type ConsentRecord } from './record.js';
import type { Decision } from './decision.js';

/** The newest record encoding this reads (storage/codec.ts). */
export const RECORD_VERSION = 2;

export interface Change {
  categories?: Record<string, boolean>;
  services?: Record<string, boolean>;
  optedOut?: boolean;
  /** Limit (true) or stop limiting (false) the use of sensitive data. */
  limited?: boolean;
  /** Accept all / Reject all: every category is chosen anew. */
  all?: boolean;
}

export interface Stamp {
  now: number;
  /** A fresh consent id, used when the browser has none yet. */
  id: () => string;
  gpc: boolean;
}

/** Every non-necessary category set to `value`: Accept all / Reject all. */
export function everything(config: CoreConfig, value: boolean): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const id of Object.keys(config.categories)) if (id != NECESSARY) out[id] = value;
  return out;
}

export function choose(
  config: CoreConfig,
  decision: Decision,
  previous: ConsentRecord | null,
  change: Change,
  stamp: Stamp,
): ConsentRecord {
  // Only what the visitor chose is recorded: a category they were never asked
  // about stays unasked, so the opt-in banner still asks for it.
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  const kept = decision.record;
  for (const id of Object.keys(config.categories)) {
    if (id == NECESSARY) continue;
    const given = !!change.categories && own(change.categories, id);
    if (given) categories[id] = change.categories![id];
    else if (kept && own(kept.categories, id)) categories[id] = kept.categories[id];
    // A category switched (or Accept all / Reject all) takes its services
    // with it, unless the same change names them. Saved as it was (the
    // preferences dialog saves every switch), it keeps a service the
    // visitor allowed on its own.
    const anew = given && (change.all || !kept || !own(kept.categories, id) || kept.categories[id] != categories[id]);
    for (const service of Object.keys(config.categories[id].services)) {
      if (change.services && own(change.services, service)) services[service] = change.services[service];
      else if (!anew && kept && own(kept.services, service)) services[service] = kept.services[service];
    }
  }
  const limited = change.limited ?? decision.limited;
  return {
    // The encoding this record is written in (storage/codec.ts): 2 only
    // for the Limit, so that older copies of samtykke read every other one.
    version: limited ? 2 : 1,
    revision: config.revision,
    timestamp: stamp.now,
    id: previous?.id ?? stamp.id(),
    categories,
    services,
    // A GPC signal is an opt-out that a later visit without it must not undo.
    optedOut: change.optedOut ?? (decision.optedOut || stamp.gpc),
    gpc: stamp.gpc || !!previous?.gpc,
    limited,
  };
}
