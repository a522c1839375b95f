// `<a href="#" data-samtykke-link="preferences">` anywhere on the page, now
// or added later, opens the preferences dialog. One delegated listener in
// the core: the UI chunk is fetched on the click, not before.
import type { Consent } from '../consent';

export const LINK_ATTRIBUTE = 'data-samtykke-link';

export function listenForLinks(consent: Consent) {
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const link = target?.closest?.(`[${LINK_ATTRIBUTE}]`);
    if (link?.getAttribute(LINK_ATTRIBUTE) != 'preferences') return;
    event.preventDefault();
    consent.showPreferences();
  });
}
