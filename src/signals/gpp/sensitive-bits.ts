// What the GPP sections say about sensitive personal information, from the
// kinds the site's categories declare (`categories.<id>.sensitive`) and the
// visitor's choices. Here, in the US chunk, and not in the core: only GPP
// needs the ids' bits.
import type { CoreConfig } from '../../config/schema.js';
import type { ConsentSnapshot } from '../../consent.js';
import { SENSITIVE } from '../../core/sensitive.js';
import { NECESSARY } from '../../config/defaults.js';

/** One value per entry of each section's SensitiveDataProcessing field. */
export interface SensitiveBits {
  /** 16 entries: 0 not processed, 1 no consent, 2 consent. */
  usnat: number[];
  /** 9 entries: 0 not applicable, 1 opted out (limited), 2 did not opt out. */
  usca: number[];
}

/** undefined when nothing is declared: the sections then say "not
 * applicable" throughout, as they did before sensitive data was declared. */
export function sensitiveBits(
  categories: CoreConfig['categories'],
  snapshot: Pick<ConsentSnapshot, 'categories' | 'limited'>,
): SensitiveBits | undefined {
  const usnat = new Array<number>(16).fill(0);
  const usca = new Array<number>(9).fill(0);
  let declared = false;
  for (const id in categories) {
    // The necessary category is always on, but the visitor never consented
    // to it: its sensitive data is processed without consent (usnat 1),
    // not with it. Under the Limit nothing is consented to.
    const consented = id != NECESSARY && !!snapshot.categories[id] && !snapshot.limited;
    for (const kind of categories[id].sensitive) {
      const [nat, ca] = SENSITIVE[kind];
      declared = true;
      // Consent by any category that declares the kind is consent to it.
      usnat[nat - 1] = Math.max(usnat[nat - 1], consented ? 2 : 1);
      if (ca) usca[ca - 1] = snapshot.limited ? 1 : 2;
    }
  }
  return declared ? { usnat, usca } : undefined;
}
