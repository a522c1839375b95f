// Links anywhere on the page, now or added later, open samtykke's dialogs:
//   <a href="#" data-samtykke-link="preferences">      the preferences
//   <a href="#" data-samtykke-link="do-not-sell">      the US opt-out dialog
//   <a href="#" data-samtykke-link="privacy-choices">  "Your Privacy Choices":
//                                                      the opt-out, and the Limit
//                                                      beside it where data is sensitive
//   <a href="…" data-samtykke-link="limit-sensitive">  the Limit (CPRA §7027)
//   <a href="…" data-samtykke-link="privacy-centre">   the rights and choices
//   <a href="…" data-samtykke-link="notice-at-collection">  the Notice at Collection
// Each keeps working as a plain link (its href) where samtykke is blocked.
// One delegated listener in the core: the UI chunk is fetched on the click,
// not before.
import type { Consent, PrivacyCentreSection } from './consent.js';
import type { CoreConfig } from './config/schema.js';
import { own } from './core/record.js';

export const LINK_ATTRIBUTE = 'data-samtykke-link';

/** The privacy centre's links, and the section each opens at (the top for
 * `privacy-centre`). */
const SECTIONS: Record<string, PrivacyCentreSection | undefined> = {
  'privacy-choices': 'choices',
  'limit-sensitive': 'limit',
  'notice-at-collection': 'notice',
  'privacy-centre': undefined,
};

/** The links the US chunk draws the text of: the statutory ones and the
 * privacy centre's. A loop over an object, not Array methods: a page may
 * have broken those. */
export function drawnLinks(): string {
  let selector = `[${LINK_ATTRIBUTE}="do-not-sell"]`;
  for (const kind in SECTIONS) selector += `,[${LINK_ATTRIBUTE}="${kind}"]`;
  return selector;
}

export function listenForLinks(consent: Consent, config: CoreConfig) {
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const kind = target?.closest?.(`[${LINK_ATTRIBUTE}]`)?.getAttribute(LINK_ATTRIBUTE) || '';
    // "Your Privacy Choices" leads to the opt-out and the Limit together
    // (§7015): the opt-out dialog alone where no data is sensitive. Read on
    // the click, so a page view that clicks nothing pays nothing for it.
    let sensitive = false;
    if (kind == 'privacy-choices') for (const id in config.categories) sensitive ||= config.categories[id].sensitive.length > 0;
    const open =
      kind == 'preferences' ? consent.showPreferences
      : kind == 'do-not-sell' || (kind == 'privacy-choices' && !sensitive) ? consent.showOptOut
      : own(SECTIONS, kind) ? () => consent.showPrivacyCentre(SECTIONS[kind])
      : null;
    if (!open) return;
    event.preventDefault();
    open();
  });
}
