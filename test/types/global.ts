// A site's own TypeScript beside the script tag: the global `Samtykke`.
/// <reference types="samtykke/samtykke.min.js" />

Samtykke.acceptAll();
const allowed: boolean = Samtykke.allowed('analytics');
const consent = Samtykke.init({ regime: 'opt-out' });
consent.optOut();
Samtykke.unlimitSensitive();
Samtykke.showPrivacyCentre('notice');
void allowed;
// @ts-expect-error no such method on the global
Samtykke.acceptEverything();
