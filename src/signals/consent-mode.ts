// Google Consent Mode v2: which consent types the visitor's categories grant.
// Pure; signals/gtag.ts talks to the page.

export type ConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export type ConsentState = Record<ConsentType, 'granted' | 'denied'>;

/** The default categories' Consent Mode types. A category a site names
 * otherwise maps to none; `security_storage` is always granted (it is
 * strictly necessary: authentication, fraud prevention). */
export const CONSENT_TYPES: Record<string, ConsentType[]> = {
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  preferences: ['functionality_storage', 'personalization_storage'],
};

export function consentState(categories: Readonly<Record<string, boolean>>): ConsentState {
  const state = { security_storage: 'granted' } as ConsentState;
  for (const category of Object.keys(CONSENT_TYPES)) {
    const granted = Object.prototype.hasOwnProperty.call(categories, category) && categories[category];
    for (const type of CONSENT_TYPES[category]) state[type] = granted ? 'granted' : 'denied';
  }
  return state;
}
