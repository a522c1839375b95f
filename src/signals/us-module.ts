// What the US chunk (samtykke.us.min.js) does once loaded: the full GPP API
// where a US law applies, and the statutory opt-out links' text and status.
import type { Consent } from '../consent';
import english from '../../locales/en.json';
import { startGpp } from './gpp/api';
import { drawOptOutLinks } from './opt-out-links';
import { pickLocale } from '../ui/locale';

type Page = Window & Record<string, any>;
type Texts = Record<string, Record<string, unknown>>;

/** The link texts in the visitor's language: the site's `texts` for it, else English. */
function linkTexts(input: unknown) {
  const config = (input && typeof input == 'object' ? input : {}) as { locale?: unknown; texts?: unknown };
  const texts = (config.texts && typeof config.texts == 'object' ? config.texts : {}) as Texts;
  const locale = pickLocale(
    [typeof config.locale == 'string' ? config.locale : null, document.documentElement.lang, ...(navigator.languages || [])],
    ['en', ...Object.keys(texts)],
  );
  const own = texts[locale] && typeof texts[locale] == 'object' ? texts[locale] : {};
  const text = (key: string, fallback: string) => (typeof own[key] == 'string' && own[key] ? (own[key] as string) : fallback);
  // Each English string by its literal key, so the bundler keeps only these four.
  return {
    link: text('optOut.link', english['optOut.link']),
    choices: text('optOut.choices', english['optOut.choices']),
    honored: text('optOut.honored', english['optOut.honored']),
    icon: text('optOut.icon', english['optOut.icon']),
  };
}

export function startUs(page: Page, consent: Consent, section: number, mspa: boolean, input: unknown) {
  if (section != -1) startGpp(page, consent, section, mspa);
  drawOptOutLinks(consent, linkTexts(input));
}
