// From (config, record, signals) to what is allowed. Pure and small: it runs
// on every page view, and everything the page acts on is derived from it.
import type { CoreConfig, Regime } from '../config/schema.js';
import { NECESSARY } from '../config/defaults.js';
import { DAY, own, type ConsentRecord } from './record.js';

export interface Signals {
  /** `navigator.globalPrivacyControl === true`: an opt-out of sale/sharing. */
  gpc: boolean;
  /** Sensitive data needs the visitor's consent here (the US states other
   * than California): under the opt-out regime it is off until allowed. */
  sensitiveOptIn?: boolean;
}

export interface Decision {
  regime: Regime;
  /** The record, if it may be trusted for its category choices. */
  record: ConsentRecord | null;
  /** What may run, per category and per service. */
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
  /** The sale/sharing opt-out is in force (stored opt-out or GPC). */
  optedOut: boolean;
  /** The use of sensitive personal information is limited (the stored
   * Limit, or GPC where the site says GPC limits it too). */
  limited: boolean;
  /** The visitor must be asked: opt-in regime without a current choice for
   * every category. */
  ask: boolean;
}

/** How many days a record lives: an opt-out keeps it for `optOutDays`. */
export function lifetime(record: ConsentRecord, config: CoreConfig): number {
  return record.optedOut || record.limited ? Math.max(config.cookie.days, config.cookie.optOutDays) : config.cookie.days;
}

/** Made no later than now (a clock skew of a day is tolerated) and less than `days` ago. */
const within = (timestamp: number, days: number, now: number) => timestamp <= now + DAY && now < timestamp + days * DAY;

/** A record is current when it was made under this config revision and is
 * within its lifetime. */
export function isCurrent(record: ConsentRecord, config: CoreConfig, now: number): boolean {
  return record.revision == config.revision && within(record.timestamp, lifetime(record, config), now);
}

export function decide(
  config: CoreConfig,
  stored: ConsentRecord | null,
  signals: Signals,
  regime: Regime,
  now: number,
): Decision {
  const record = stored && isCurrent(stored, config, now) ? stored : null;
  // An opt-out outlives a revision bump for its 12 months: a record that is
  // not current may still take away, never grant.
  const kept = (flag: boolean | undefined) => !!flag && within(stored!.timestamp, config.cookie.optOutDays, now);
  const optedOut = signals.gpc || kept(stored?.optedOut);
  // The Limit, like the opt-out, outlives a revision bump for its 12 months.
  const limited = (signals.gpc && !!config.gpcLimitsSensitive) || kept(stored?.limited);
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  let ask = false;
  for (const id of Object.keys(config.categories)) {
    const category = config.categories[id];
    const known = !!record && own(record.categories, id);
    if (id != NECESSARY && !known && regime == 'opt-in') ask = true;
    // What the visitor chose, else the regime's default; then the opt-out.
    const sensitive = id != NECESSARY && category.sensitive.length > 0;
    const chosen = id == NECESSARY || (known ? record!.categories[id] : regime == 'opt-out' && !(sensitive && signals.sensitiveOptIn));
    const blocked = (!!category.sale && optedOut) || (sensitive && limited);
    categories[id] = chosen && !blocked;
    // A service follows its category unless the visitor chose it by itself
    // (e.g. "Load this video" in a placeholder): that choice wins either
    // way, but never over the opt-out of sale.
    // A service listed under two categories (reported by normalise) runs
    // only if both let it: the config's mistake never widens what runs.
    for (const service of Object.keys(category.services)) {
      services[service] =
        services[service] !== false &&
        (record && own(record.services, service) ? record.services[service] : chosen) &&
        !blocked;
    }
  }
  return { regime, record, categories, services, optedOut, limited, ask };
}
