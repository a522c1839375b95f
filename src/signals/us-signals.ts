// The US opt-out signals: the `__gpp` stub and `__uspapi` at once (they
// must be functions before any vendor tag runs) and the `usprivacy` cookie.
// The US chunk (the full GPP API and the opt-out links) is fetched only
// where a US law applies or the page has an opt-out link, so that visitors
// elsewhere never download the encoder.
import type { CoreConfig } from '../config/schema.js';
import type { Consent } from '../consent.js';
import type { startUs } from './us-module.js';
import type { Loaders } from '../loading/seam.js';
import { installGppStub } from './gpp/stub.js';
import { startUsPrivacy } from './us-privacy.js';
import { drawnLinks } from '../links.js';
import { error as problem } from '../errors.js';

export interface UsModule {
  startUs: typeof startUs;
}
export type UsLoader = () => Promise<UsModule>;


/** `section`: the GPP section that applies (7, 8), or -1 for none. `input`:
 * the site's config as given, for the links' texts. */
export function startUsSignals(
  consent: Consent,
  config: CoreConfig,
  section: number,
  loadUs: UsLoader,
  report: (message: string) => void,
  input: unknown,
  loadLocale: Loaders['locale'],
) {
  const page = window as unknown as Window & Record<string, any>;
  installGppStub(page, section);
  consent.on('change', startUsPrivacy(page, config, section != -1, consent.getConsent));
  const load = () =>
    loadUs()
      .then((us) => us.startUs(page, consent, config, section, input, loadLocale))
      .catch((error) => report(problem(8, error)));
  if (section != -1) load();
  else {
    // Elsewhere the chunk only draws the links: needed for a link without
    // text of its own, or to say that a GPC opt-out was honoured. A footer
    // whose links carry their own text costs an EU visitor nothing.
    // A plain loop: a page's broken Array methods must not throw from here.
    const look = () => {
      const links = document.querySelectorAll(drawnLinks());
      const { optedOut, gpc } = consent.getConsent();
      let needed = links.length > 0 && optedOut && gpc;
      for (let i = 0; i < links.length; i++) if (!links[i].textContent!.trim() && !links[i].children.length) needed = true;
      if (needed) load();
    };
    if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', look);
    else look();
  }
}
