// What the US chunk (samtykke.us.min.js) does once loaded: the full GPP API
// where a US law applies, and the statutory opt-out links' text and status,
// in the visitor's language (the `banner` part of its file, fetched like the
// banner's: the link texts are in it).
import type { Consent } from '../consent.js';
import type { CoreConfig } from '../config/schema.js';
import english from '../../locales/en.json';
import { startGpp } from './gpp/api.js';
import { drawOptOutLinks } from './opt-out-links.js';
import { visitorLocale } from '../loading/language.js';
import { LOCALES, shippedPart, type Strings } from '../loading/locales.js';
import { decode } from '../ui/locale-parts.js';
import { banner } from '../ui/locale-parts.json';
import type { Loaders } from '../loading/seam.js';

type Page = Window & Record<string, any>;
type Texts = Record<string, Record<string, unknown>>;

/** The link texts: the site's `texts` for the language, else the shipped
 * strings for it, else English. */
function linkTexts(input: unknown, code: string, shipped: Strings | undefined) {
  const config = (input && typeof input == 'object' ? input : {}) as { texts?: unknown };
  const texts = (config.texts && typeof config.texts == 'object' ? config.texts : {}) as Texts;
  const own = texts[code] && typeof texts[code] == 'object' ? texts[code] : {};
  const text = (key: string, fallback: string) =>
    typeof own[key] == 'string' && own[key] ? (own[key] as string) : shipped?.[key] || fallback;
  // Each English string by its literal key, so the bundler keeps only these.
  return {
    link: text('optOut.link', english['optOut.link']),
    choices: text('optOut.choices', english['optOut.choices']),
    honored: text('optOut.honored', english['optOut.honored']),
    icon: text('optOut.icon', english['optOut.icon']),
    limit: text('limit.link', english['limit.link']),
    centre: text('centre.link', english['centre.link']),
    notice: text('notice.link', english['notice.link']),
  };
}

export function startUs(
  page: Page,
  consent: Consent,
  config: CoreConfig,
  section: number,
  input: unknown,
  loadLocale: Loaders['locale'],
) {
  if (section != -1) startGpp(page, consent, config, section);
  const code = visitorLocale(input, LOCALES);
  shippedPart(code, 'banner', loadLocale)
    .catch(() => undefined)
    .then((values) => drawOptOutLinks(consent, linkTexts(input, code, values && decode(banner, values))));
}
