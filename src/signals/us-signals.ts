// The US opt-out signals: the `__gpp` stub and `__uspapi` at once (they
// must be functions before any vendor tag runs), the `usprivacy` cookie,
// and, only where a US law applies, the full GPP API from its own chunk,
// so that visitors elsewhere never download the encoder.
import type { CoreConfig } from '../config/schema';
import type { Consent } from '../consent';
import type { startGpp } from './gpp/api';
import { installGppStub } from './gpp/stub';
import { startUsPrivacy } from './us-privacy';

export interface UsModule {
  startGpp: typeof startGpp;
}
export type UsLoader = () => Promise<UsModule>;

/** `section`: the GPP section that applies (7, 8), or -1 for none. */
export function startUsSignals(consent: Consent, config: CoreConfig, section: number, loadUs: UsLoader, report: (message: string) => void) {
  const page = window as unknown as Window & Record<string, any>;
  installGppStub(page, section);
  consent.on('change', startUsPrivacy(page, config, section != -1, consent.getConsent));
  if (section == -1) return;
  loadUs()
    .then((us) => us.startGpp(page, consent, section, !!config.mspa))
    .catch((error) => report(`samtykke: the GPP API could not be loaded (${error}); __gpp answers as a stub.`));
}
