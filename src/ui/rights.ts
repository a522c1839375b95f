// Which rights the privacy centre lists, and how each way of using one is
// shown. Pure: the component draws what these return.
import type { UiConfig } from '../config/schema.js';
import type { Regime } from '../config/schema.js';

type Centre = NonNullable<UiConfig['privacyCentre']>;

/** The rights of each regime, in the order a visitor looks for them. GDPR
 * Art. 15-20 and 77 (objection, Art. 21, is shown apart: Art. 21(4) asks
 * for it "clearly and separately"); the US state laws' know, delete and
 * correct, with the authorised agent and the appeal most of them add. */
const LISTED: Record<Regime, readonly string[]> = {
  'opt-in': ['access', 'correct', 'delete', 'restrict', 'portability', 'complaint'],
  'opt-out': ['access', 'delete', 'correct', 'portability', 'agent', 'appeal'],
};

/** The rights to list for `regime`, each with its methods; a right the site
 * gives no method for is left out (validate warns about it). */
export function rightsFor(centre: Centre | undefined, regime: Regime): [right: string, methods: string[]][] {
  const rights = centre?.rights || {};
  return LISTED[regime].flatMap((right) => {
    const methods = rights[right as keyof Centre['rights']];
    return methods?.length ? [[right, methods] as [string, string[]]] : [];
  });
}

/** How a method reads as a link: the address for mail, the number for a
 * phone, else the name of the form it leads to. */
export function methodText(method: string, form: string): string {
  const [, scheme, rest] = /^(mailto|tel):([^?]*)/i.exec(method) || [];
  return scheme ? rest : form;
}
