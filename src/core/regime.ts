// Which law's model applies: opt-in (GDPR/ePrivacy) or opt-out (US state
// privacy laws). Pure: the region and time zone are passed in.
import type { CoreConfig, Regime } from '../config/schema.js';
import { AUTO } from '../site.js';

// EU member states (EL is the EU's own code for Greece), the rest of the EEA,
// the UK and Switzerland: consent before non-essential storage.
const OPT_IN_COUNTRIES =
  'AT BE BG HR CY CZ DK EE FI FR DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO GB UK CH';
// US states with a comprehensive privacy law that gives an opt-out of sale,
// sharing or targeted advertising (the states with a GPP section).
const OPT_OUT_US_STATES = 'CA VA CO CT UT TX OR MT FL DE IA NE NH NJ TN MN MD IN KY RI';

/** The keys that decide the regime (validate() asks too, of a whole Config). */
type RegimeConfig = Pick<CoreConfig, 'regime' | 'defaultRegime' | 'region'>;

const listed = (list: string, code: string) => code.length == 2 && list.split(' ').includes(code);

/** The regime for a region such as `DK`, `ES-CT` or `US-CA`; `undefined`
 * when the region names no law this knows of. */
export function regimeForRegion(region: string): Regime | undefined {
  const [country, state = ''] = region.toUpperCase().split('-');
  if (listed(OPT_IN_COUNTRIES, country)) return 'opt-in';
  if (country == 'US' && listed(OPT_OUT_US_STATES, state)) return 'opt-out';
  return undefined;
}

/** A coarse region from the visitor's time zone, used only when the site
 * passes none. European zones all read as opt-in (the safe side); only the
 * Pacific zone is taken as California, the state most sites target. */
export function regionFromTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  if (/^Europe\/|^Atlantic\/(Reykjavik|Canary|Madeira|Azores|Faroe)$/.test(timeZone)) return 'EU';
  if (timeZone == 'America/Los_Angeles') return 'US-CA';
  return undefined;
}

/** The visitor's region: the site's `region`, else, for `regime: "auto"`
 * only, the time-zone hint. */
export const visitorRegion = (config: RegimeConfig, timeZone?: () => string | undefined) =>
  config.region ?? (AUTO && config.regime == 'auto' ? regionFromTimeZone(timeZone?.()) : undefined);

export function resolveRegime(config: RegimeConfig, timeZone?: () => string | undefined): Regime {
  if (!AUTO || config.regime != 'auto') return config.regime as Regime;
  const region = visitorRegion(config, timeZone);
  return (region == 'EU' ? 'opt-in' : region && regimeForRegion(region)) || config.defaultRegime;
}

/** The IAB GPP section that applies (`applicableSections`): usca (8) in
 * California, usnat (7) in the other US opt-out states and wherever the
 * opt-out regime is in force without a known region, none (-1) elsewhere. */
export function gppSection(regime: Regime, region: string | undefined): number {
  if (region && regimeForRegion(region) == 'opt-out') return /^US-CA$/i.test(region) ? 8 : 7;
  return regime == 'opt-out' && !region ? 7 : -1;
}
