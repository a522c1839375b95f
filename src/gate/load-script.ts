// Programmatic gating for code that loads its own tags.
import type { Consent } from '../consent.js';
import { scriptUrl } from './trusted.js';

/**
 * Loads `url` as a script once `name` (a category or service) is allowed:
 * now, or when the visitor allows it. Resolves with the script element when
 * it has loaded; rejects if it fails to load.
 */
export function loadScript(consent: Consent, url: string, name: string, nonce?: string): Promise<HTMLScriptElement> {
  return new Promise((resolve, reject) => {
    consent.whenAllowed(name, () => {
      const script = document.createElement('script');
      script.src = scriptUrl(url);
      if (nonce) script.nonce = nonce;
      script.onload = () => resolve(script);
      script.onerror = () => reject(new Error(`samtykke: ${url} could not be loaded`));
      document.head.append(script);
    });
  });
}
