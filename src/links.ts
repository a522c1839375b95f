// Links anywhere on the page, now or added later, open samtykke's dialogs:
//   <a href="#" data-samtykke-link="preferences">      the preferences
//   <a href="#" data-samtykke-link="do-not-sell">      the US opt-out dialog
//   <a href="#" data-samtykke-link="privacy-choices">  the same, for the
//                                                      "Your Privacy Choices" link
// One delegated listener in the core: the UI chunk is fetched on the click,
// not before.
import type { Consent } from './consent.js';

export const LINK_ATTRIBUTE = 'data-samtykke-link';

export function listenForLinks(consent: Consent) {
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const kind = target?.closest?.(`[${LINK_ATTRIBUTE}]`)?.getAttribute(LINK_ATTRIBUTE);
    const open = kind == 'preferences' ? consent.showPreferences : kind == 'do-not-sell' || kind == 'privacy-choices' ? consent.showOptOut : null;
    if (!open) return;
    event.preventDefault();
    open();
  });
}
