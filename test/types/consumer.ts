// A TypeScript app that imports samtykke from npm, compiled by
// scripts/packaging.mjs against the packed package under each
// moduleResolution (nodenext, bundler) with skipLibCheck off: every type
// must resolve, and none may silently become `any`.
import { init, loadScript, whenAllowed, validate, current, type ConsentSnapshot, type SamtykkeConfig, type Consent, type Problem, type ValidateOptions, type PrivacyCentreSection } from 'samtykke';

const config: SamtykkeConfig = { regime: 'auto', googleAnalytics: { id: 'G-ABC123XYZ' }, privacyPolicyUrl: '/privacy' };
const consent: Consent = init(config);
const snapshot: ConsentSnapshot = consent.getConsent();
const analytics: boolean = consent.allowed('analytics') && snapshot.categories.analytics;
const stop: () => void = consent.on('change', (next) => console.log(next.regime, analytics));
stop();
const cancel: () => void = whenAllowed('marketing', () => {});
cancel();
const script: Promise<HTMLScriptElement> = loadScript('https://example.com/tag.js', 'marketing');
void script;
const valid: boolean = validate({ regime: 'opt-in' }).ok;
const page: ValidateOptions = { html: '<a href="/privacy" data-samtykke-link="limit-sensitive"></a>' };
const warnings: Problem[] = validate({ regime: 'opt-out' }, page).warnings;
void warnings;
// The privacy centre (issue 17): the Limit, and a section to open at.
consent.limitSensitive();
const limited: boolean = consent.getConsent().limited;
const section: PrivacyCentreSection = 'limit';
consent.showPrivacyCentre(section);
void limited;
const maybe: Consent | undefined = current();
void valid, maybe;

// Were the types lost (an unresolved .d.ts import under skipLibCheck gives
// `any`), each of these would compile and the directive would fail.
// @ts-expect-error init() returns the consent object, not a number
const wrong: number = init();
// @ts-expect-error regime is a closed set
init({ regime: 'sometimes' });
// @ts-expect-error the snapshot is read-only data, with no such field
snapshot.nonsense.toString();
// @ts-expect-error the centre has no such section
consent.showPrivacyCentre('cookies');
void wrong;
