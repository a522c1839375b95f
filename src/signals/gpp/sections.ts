// The two GPP sections samtykke writes: usnat (id 7, MSPA US National,
// version 2) and usca (id 8, California, version 1), each a core sub-section
// and a GPC sub-section, with the header that lists them. Each section is a
// list of fields in the order and widths of the IAB section specification,
// so one list gives both the encoded string and the parsed object; the tests
// check every field against IAB's own decoder (@iabgpp/cmpapi).
import { base64url, idRange, int } from './bits.js';
import type { SensitiveBits } from './sensitive-bits.js';

export const USNAT = 7;
export const USCA = 8;
export const SECTION_NAMES: Record<number, string> = { [USNAT]: 'usnat', [USCA]: 'usca' };

/** What the sections say, from the consent state. */
export interface UsState {
  /** The opt-out of sale, sharing and targeted advertising is in force. */
  optedOut: boolean;
  /** A Global Privacy Control signal is present (or was seen). */
  gpc: boolean;
  /** The site has signed the IAB MSPA (Multi-State Privacy Agreement). */
  mspa: boolean;
  /** The sensitive data the site declares, and the visitor's say on it;
   * absent when it declares none. */
  sensitive?: SensitiveBits;
}

/** Name, bit width (of each entry, for an N-Bitfield), value. */
type Field = [name: string, width: number, value: number | boolean | number[]];

export interface Section {
  /** The section's part of the GPP string: core, `.`, GPC sub-section. */
  encoded: string;
  /** Field name → value, as `getSection` and `getField` answer. */
  fields: Record<string, number | boolean | number[]>;
}

// Notices: 1 = given, 0 = not applicable. Opt-outs: 1 = opted out, 2 = did
// not opt out. Children's data is not handled by samtykke: 0 (not
// applicable) throughout; so is sensitive data where the site declares none.
const GIVEN = 1;
const NA = 0;
const zeros = (count: number) => new Array<number>(count).fill(0);
/** Declared sensitive data comes with the Limit link (and, under usnat's
 * consent model, the notice that consent can be withdrawn). */
const sensitiveNotice = (state: UsState) => (state.sensitive ? GIVEN : NA);

function common(state: UsState): { optOut: number; mspa: Field[] } {
  return {
    optOut: state.optedOut ? 1 : 2,
    // Covered by the MSPA: 1 yes / 2 no. A signatory that gives the opt-out
    // itself is in Opt-Out Option Mode (1), not Service Provider Mode (2);
    // outside the MSPA both modes are 0.
    mspa: [
      ['MspaCoveredTransaction', 2, state.mspa ? 1 : 2],
      ['MspaOptOutOptionMode', 2, state.mspa ? 1 : 0],
      ['MspaServiceProviderMode', 2, state.mspa ? 2 : 0],
    ],
  };
}

function usnatFields(state: UsState): Field[] {
  const { optOut, mspa } = common(state);
  return [
    ['Version', 6, 2],
    ['SharingNotice', 2, GIVEN],
    ['SaleOptOutNotice', 2, GIVEN],
    ['SharingOptOutNotice', 2, GIVEN],
    ['TargetedAdvertisingOptOutNotice', 2, GIVEN],
    ['SensitiveDataProcessingOptOutNotice', 2, sensitiveNotice(state)],
    ['SensitiveDataLimitUseNotice', 2, sensitiveNotice(state)],
    ['SaleOptOut', 2, optOut],
    ['SharingOptOut', 2, optOut],
    ['TargetedAdvertisingOptOut', 2, optOut],
    ['SensitiveDataProcessing', 2, state.sensitive?.usnat || zeros(16)],
    ['KnownChildSensitiveDataConsents', 2, zeros(3)],
    ['PersonalDataConsents', 2, NA],
    ...mspa,
  ];
}

function uscaFields(state: UsState): Field[] {
  const { optOut, mspa } = common(state);
  return [
    ['Version', 6, 1],
    ['SaleOptOutNotice', 2, GIVEN],
    ['SharingOptOutNotice', 2, GIVEN],
    ['SensitiveDataLimitUseNotice', 2, sensitiveNotice(state)],
    ['SaleOptOut', 2, optOut],
    ['SharingOptOut', 2, optOut],
    ['SensitiveDataProcessing', 2, state.sensitive?.usca || zeros(9)],
    ['KnownChildSensitiveDataConsents', 2, zeros(2)],
    ['PersonalDataConsents', 2, NA],
    ...mspa,
  ];
}

/** "SubsectionType" 1 is GPC; the IAB decoder calls it GpcSegmentType. */
const gpcFields = (state: UsState): Field[] => [
  ['GpcSegmentType', 2, 1],
  ['Gpc', 1, state.gpc],
];

const bitsOf = (list: Field[]) =>
  list
    .map(([, width, value]) => (Array.isArray(value) ? value.map((v) => int(v, width)).join('') : int(+value, width)))
    .join('');

function section(core: Field[], gpc: Field[]): Section {
  const fields: Section['fields'] = {};
  for (const [name, , value] of [...core, ...gpc]) fields[name] = value;
  return { encoded: base64url(bitsOf(core)) + '.' + base64url(bitsOf(gpc)), fields };
}

export const usnat = (state: UsState): Section => section(usnatFields(state), gpcFields(state));
export const usca = (state: UsState): Section => section(uscaFields(state), gpcFields(state));

/** The whole GPP string: the header (type 3, version 1, the section ids),
 * then the sections in id order. */
export function gppString(sections: Record<number, Section>): string {
  const ids = Object.keys(sections).map(Number).sort((a, b) => a - b);
  const header = base64url(int(3, 6) + int(1, 6) + idRange(ids));
  return [header, ...ids.map((id) => sections[id].encoded)].join('~');
}
