// Which law's model applies: opt-in (GDPR/ePrivacy) or opt-out (US state
// privacy laws). Pure: the region and time zone are passed in.
import type { CoreConfig, Regime } from '../config/schema';

// EU member states (EL is the EU's own code for Greece), the rest of the EEA,
// the UK and Switzerland: consent before non-essential storage.
const OPT_IN_COUNTRIES =
  'AT BE BG HR CY CZ DK EE FI FR DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO GB UK CH';
// US states with a comprehensive privacy law that gives an opt-out of sale,
// sharing or targeted advertising (the states with a GPP section).
const OPT_OUT_US_STATES = 'CA VA CO CT UT TX OR MT FL DE IA NE NH NJ TN MN MD IN KY RI';

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

export function resolveRegime(config: CoreConfig, timeZone?: string): Regime {
  if (config.regime != 'auto') return config.regime;
  const region = config.region ?? regionFromTimeZone(timeZone);
  return (region == 'EU' ? 'opt-in' : region && regimeForRegion(region)) || config.defaultRegime;
}
