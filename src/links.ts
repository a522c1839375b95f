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
import type { Consent } from './consent.js';
import type { CoreConfig } from './config/schema.js';
import { own } from './core/record.js';

export const LINK_ATTRIBUTE = 'data-samtykke-link';

/** The privacy centre's section each link opens. */
const SECTIONS: Record<string, string> = {
  'limit-sensitive': 'limit',
  'privacy-centre': 'rights',
  'notice-at-collection': 'notice',
  // §7015: the alternative link leads to the opt-out and the Limit together.
  'privacy-choices': 'choices',
};

export function listenForLinks(consent: Consent, config: CoreConfig) {
  let sensitive = false;
  for (const id in config.categories) sensitive ||= config.categories[id].sensitive.length > 0;
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const kind = target?.closest?.(`[${LINK_ATTRIBUTE}]`)?.getAttribute(LINK_ATTRIBUTE) || '';
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
