// The SDKs under test, each set up the way its own docs say: the same three
// categories (necessary, analytics, marketing), English texts, and the same
// Google Analytics tag held back by the SDK's own blocking mechanism. Files
// come from each package's own dist, as installed by npm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

export const GA = 'https://www.googletagmanager.com/gtag/js?id=G-BENCH';

/** samtykke's config on the bench page; `samtykke build` compiles the same in. */
export const SAMTYKKE_CONFIG = { regime: 'opt-in', privacyPolicyUrl: '/privacy', categories: { analytics: {}, marketing: {} } };
/** Where run.mjs writes the per-site build of SAMTYKKE_CONFIG. */
export const SITE_BUILD = join(ROOT, 'dist', 'bench-site', 'consent.js');
const SAMTYKKE_PAGE = {
  gated: `<script type="text/plain" data-samtykke="analytics" src="${GA}" async></script>`,
  banner: `(() => { const s = document.querySelector('samtykke-ui')?.shadowRoot?.querySelector('.banner'); return !!s && s.getBoundingClientRect().height > 0; })()`,
  accept: 'samtykke-ui >> role=button[name="Accept all"]',
  // The "Preferences → dialog on screen" row: the banner's button, and an
  // expression true once the dialog is open and laid out.
  preferences: 'samtykke-ui >> role=button[name="Preferences"]',
  dialog: `(() => { const d = document.querySelector('samtykke-ui')?.shadowRoot?.getElementById('samtykke-preferences-title'); return !!d && d.getBoundingClientRect().height > 0; })()`,
  // Both carry their own text, as a site that words its own footer would.
  links: `<a href="#" data-samtykke-link="do-not-sell">Do not sell my data</a>
<a href="#" data-samtykke-link="preferences">Cookie settings</a>`,
};

/**
 * name: shown in the table; dir: where /sdk/<id>/<file> is read from;
 * head/body: markup for the page; banner: an expression true once the
 * banner is on screen (run in the page); accept: a Playwright selector for
 * its Accept all button; links: footer links for the "returning visit with
 * footer links" rows (null: the SDK has no such link, the rows show "–").
 */
export const SDKS = [
  {
    id: 'samtykke',
    name: 'samtykke',
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    dir: join(ROOT, 'dist'),
    own: true,
    head: `<script type="application/json" id="samtykke-config">${JSON.stringify(SAMTYKKE_CONFIG)}</script>
<script src="/sdk/samtykke/samtykke.min.js"></script>`,
    ...SAMTYKKE_PAGE,
  },
  {
    // The same config, compiled in by `samtykke build` (no config block).
    id: 'samtykke-site',
    name: 'samtykke build',
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    own: true,
    dir: join(ROOT, 'dist', 'bench-site'),
    head: `<script src="/sdk/samtykke-site/consent.js"></script>`,
    ...SAMTYKKE_PAGE,
  },
  {
    id: 'vanilla-cookieconsent',
    name: 'vanilla-cookieconsent',
    version: version('vanilla-cookieconsent'),
    dir: join(ROOT, 'node_modules/vanilla-cookieconsent/dist'),
    head: `<link rel="stylesheet" href="/sdk/vanilla-cookieconsent/cookieconsent.css">
<script src="/sdk/vanilla-cookieconsent/cookieconsent.umd.js"></script>`,
    gated: `<script type="text/plain" data-category="analytics" data-src="${GA}"></script>
<script>
CookieConsent.run({
  // Its default hides the banner from bots, and a driven browser says it is one.
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
  guiOptions: { consentModal: { layout: 'bar', position: 'bottom', equalWeightButtons: true } },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We value your privacy',
          description: 'We use cookies to make the site work and, with your permission, to measure how it is used and to show relevant ads.',
          acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Preferences',
        },
        preferencesModal: {
          title: 'Privacy preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save choices',
          sections: [
            { title: 'Necessary', description: 'Needed for the site to work.', linkedCategory: 'necessary' },
            { title: 'Analytics', description: 'Helps us understand how the site is used.', linkedCategory: 'analytics' },
            { title: 'Marketing', description: 'Shows ads relevant to you.', linkedCategory: 'marketing' },
          ],
        },
      },
    },
  },
});
</script>`,
    banner: `(() => { const s = document.querySelector('#cc-main .cm'); return !!s && s.getBoundingClientRect().height > 0 && getComputedStyle(s).visibility != 'hidden' && +getComputedStyle(s).opacity > 0; })()`,
    accept: '#cc-main .cm >> role=button[name="Accept all"]',
    links: `<a href="#" data-cc="show-preferencesModal">Cookie settings</a>`,
  },
  {
    id: 'osano',
    name: 'Osano cookieconsent',
    version: version('cookieconsent'),
    dir: join(ROOT, 'node_modules/cookieconsent/build'),
    head: `<link rel="stylesheet" href="/sdk/osano/cookieconsent.min.css">
<script src="/sdk/osano/cookieconsent.min.js"></script>`,
    // No categories and no declarative blocking: the site loads the tag itself.
    gated: `<script>
function loadAnalytics() { var s = document.createElement('script'); s.async = true; s.src = '${GA}'; document.head.appendChild(s); }
window.cookieconsent.initialise({
  type: 'opt-in',
  content: { message: 'We use cookies to make the site work and, with your permission, to measure how it is used and to show relevant ads.', allow: 'Accept all', deny: 'Reject all', link: 'Privacy policy', href: '/privacy' },
  onInitialise: function () { if (this.hasConsented()) loadAnalytics(); },
  onStatusChange: function () { if (this.hasConsented()) loadAnalytics(); },
});
</script>`,
    banner: `(() => { const s = document.querySelector('.cc-window'); return !!s && s.getBoundingClientRect().height > 0 && !s.classList.contains('cc-invisible') && getComputedStyle(s).display != 'none'; })()`,
    accept: '.cc-window .cc-allow',
    // Its only way back to the choice is its own floating revoke tab.
    links: null,
  },
  {
    id: 'klaro',
    name: 'Klaro',
    version: version('klaro'),
    dir: join(ROOT, 'node_modules/klaro/dist'),
    head: `<script>
var klaroConfig = {
  storageMethod: 'cookie', cookieName: 'klaro', default: false, mustConsent: false, acceptAll: true, hideDeclineAll: false, lang: 'en',
  translations: { en: { privacyPolicyUrl: '/privacy', consentNotice: { description: 'We use cookies to make the site work and, with your permission, to measure how it is used and to show relevant ads.' }, purposes: { analytics: 'Analytics', marketing: 'Marketing' } } },
  services: [
    { name: 'google-analytics', title: 'Google Analytics', purposes: ['analytics'], cookies: [/^_ga/] },
    { name: 'ads', title: 'Ads', purposes: ['marketing'] },
  ],
};
</script>
<script defer src="/sdk/klaro/klaro.js"></script>`,
    gated: `<script type="text/plain" data-type="text/javascript" data-name="google-analytics" data-src="${GA}"></script>`,
    banner: `(() => { const s = document.querySelector('.klaro .cookie-notice'); return !!s && s.getBoundingClientRect().height > 0; })()`,
    accept: '.klaro .cookie-notice .cm-btn-success',
    links: `<a href="#" onclick="klaro.show(); return false">Cookie settings</a>`,
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitron',
    version: version('tarteaucitronjs'),
    dir: join(ROOT, 'node_modules/tarteaucitronjs'),
    head: `<script src="/sdk/tarteaucitron/tarteaucitron.min.js"></script>`,
    // Its own services file holds the GA loader; the tag is named, not marked up.
    // googleConsentMode off: its default loads gtag.js before consent (Consent
    // Mode advanced), which the other four are not set up to do.
    gated: `<script>
tarteaucitron.init({ privacyUrl: '/privacy', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron', orientation: 'bottom', showAlertSmall: false, cookieslist: false, AcceptAllCta: true, DenyAllCta: true, highPrivacy: true, handleBrowserDNTRequest: false, removeCredit: true, moreInfoLink: false, useExternalCss: false, mandatory: true, googleConsentMode: false });
tarteaucitron.user.gtagUa = 'G-BENCH';
(tarteaucitron.job = tarteaucitron.job || []).push('gtag');
</script>`,
    banner: `(() => { const s = document.querySelector('#tarteaucitronAlertBig'); return !!s && s.getBoundingClientRect().height > 0 && getComputedStyle(s).display != 'none'; })()`,
    accept: '#tarteaucitronPersonalize2',
    links: `<a href="#" onclick="tarteaucitron.userInterface.openPanel(); return false">Cookie settings</a>`,
  },
];
