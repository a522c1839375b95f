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

export const LINK_ATTRIBUTE = 'data-samtykke-link';

/** The links the privacy centre answers; it opens at the section each
 * names (privacy-centre.tsx). "Your Privacy Choices" leads to the opt-out
 * and the Limit together (§7015), or to the opt-out dialog where no data is
 * sensitive: the UI decides, so the core carries no category scan. */
export const CENTRE_LINKS = /^(privacy-choices|limit-sensitive|privacy-centre|notice-at-collection)$/;

export function listenForLinks(consent: Consent) {
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const kind = target?.closest?.(`[${LINK_ATTRIBUTE}]`)?.getAttribute(LINK_ATTRIBUTE) || '';
    const open =
      kind == 'preferences' ? consent.showPreferences
      : kind == 'do-not-sell' ? consent.showOptOut
      // A RegExp, not Array methods: a page may have broken those.
      // The link's kind stands for its section; the UI maps it (ui.tsx).
      : CENTRE_LINKS.test(kind) ? () => consent.showPrivacyCentre(kind as PrivacyCentreSection)
      : null;
    if (!open) return;
    event.preventDefault();
    open();
  });
}
