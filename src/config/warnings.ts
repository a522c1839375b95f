// What a valid config may still leave undone for the law: warnings, not
// problems. samtykke runs such a config as written (validate() stays ok);
// each warning names the key, what is missing and what to do. Pure: the
// page, when there is one, comes in as its HTML text.
import type { Config, Regime } from './schema.js';
import type { Problem } from './problem.js';
import { NECESSARY, RIGHTS } from './defaults.js';
import { resolveRegime } from '../core/regime.js';

type Right = (typeof RIGHTS)[number];
type Centre = NonNullable<Config['privacyCentre']>;

/** What validate() knows beyond the config. */
export interface ValidateOptions {
  /** The HTML of the page the config is on (the CLI passes it for a
   * page.html), to look for the links the law asks for. */
  html?: string;
}

export function warningsFor(config: Config, { html }: ValidateOptions = {}): Problem[] {
  const regimes = regimesOf(config);
  const centre = config.privacyCentre;
  const warnings: Problem[] = [];
  // No privacyCentre, no rights warnings: most sites list their request
  // methods in their privacy policy, which samtykke cannot read (the centre
  // then links to it), and every US site would be warned on upgrading about
  // a key it may not need.
  if (centre) warnings.push(...missingRights(centre, regimes));
  if (centre && regimes.has('opt-out')) warnings.push(...usRequests(centre));
  if (centre && regimes.has('opt-in')) warnings.push(...complaint(centre));
  // Only the page can show the link: a JSON file says nothing about it.
  if (html != null && regimes.has('opt-out')) warnings.push(...limitLink(config, html));
  return warnings;
}

// A time zone for each answer the time-zone hint gives: none, Europe
// (opt-in) and the Pacific (US-CA, opt-out).
const HINTS = [undefined, 'Europe/Berlin', 'America/Los_Angeles'];

/** Every regime a visitor can get, by the rules the page follows: for
 * `auto` without a region, both (the time-zone hint sends Pacific visitors
 * to the opt-out regime whatever `defaultRegime` says). */
function regimesOf(config: Config): Set<Regime> {
  return new Set(HINTS.map((zone) => resolveRegime(config, () => zone)));
}

const methodsOf = (centre: Centre, right: Right): string[] => {
  const given = centre.rights?.[right];
  return given === undefined ? [] : typeof given == 'string' ? [given] : given;
};

/** One key per way of asking: the same phone number or email written twice
 * (or as `tollFree` and a `tel:` method) is one way. */
const wayOf = (method: string) =>
  /^tel:/i.test(method) ? 'tel:' + method.replace(/\D/g, '') : /^mailto:/i.test(method) ? method.toLowerCase() : method;

/** CCPA §1798.100-106 and §1798.130(a)(1): requests to know, delete and
 * correct, each with its methods. */
const REQUESTS: readonly Right[] = ['access', 'delete', 'correct'];
/** GDPR Art. 13(2)(b): the rights a site names to every visitor (the
 * complaint, (d), is apart: its address is the authority's, not the site's). */
const GDPR_RIGHTS: readonly Right[] = ['access', 'correct', 'delete', 'restrict', 'object', 'portability'];

const list = (words: string[]) => words.slice(0, -1).join(', ') + (words.length > 1 ? ' and ' : '') + words[words.length - 1];

/** One warning for the rights the law gives visitors that have no method,
 * and so are left out of the privacy centre (ui/rights.ts). Under GDPR only
 * once the site lists rights at all: without any, the centre links to the
 * privacy policy. */
function missingRights(centre: Centre, regimes: Set<Regime>): Problem[] {
  const us = regimes.has('opt-out');
  const gdpr = regimes.has('opt-in') && RIGHTS.some((right) => methodsOf(centre, right).length);
  const asked = RIGHTS.filter((right) => (us && REQUESTS.includes(right)) || (gdpr && GDPR_RIGHTS.includes(right)));
  const missing = asked.filter((right) => !methodsOf(centre, right).length);
  if (!missing.length) return [];
  const laws = [us && 'US privacy laws (to know, delete and correct)', gdpr && 'GDPR Art. 13(2)(b)'].filter(Boolean) as string[];
  return [{
    path: 'privacyCentre.rights',
    message: `has no method for ${list(missing)}, ${missing.length == 1 ? 'a right' : 'rights'} visitors have under ${list(laws)}; give each a form, a mailto: or a tel: address (one may serve several), so the privacy centre lists it`,
  }];
}

/** CCPA §1798.130(a)(1)(A): two or more ways to ask, a toll-free number
 * among them; an email address alone for a business that is only online. */
function usRequests(centre: Centre): Problem[] {
  const methods = REQUESTS.flatMap((right) => methodsOf(centre, right));
  const ways = new Set([...methods, ...(centre.tollFree ? ['tel:' + centre.tollFree] : [])].map(wayOf)).size;
  const email = methods.some((method) => /^mailto:/i.test(method));
  if (ways >= 2 || (centre.onlineOnly && email)) return [];
  if (centre.onlineOnly) {
    return [{
      path: 'privacyCentre.onlineOnly',
      message: 'is true, but access, delete and correct give no mailto: address: a business that is only online may offer just an email address (CCPA §1798.130(a)(1)(A)); add one, or give two methods',
    }];
  }
  return [{
    path: 'privacyCentre',
    message: `gives ${ways} way${ways == 1 ? '' : 's'} to ask to know, delete or correct data (rights.access, rights.delete, rights.correct and tollFree): CCPA §1798.130(a)(1) asks for two or more, a toll-free number among them; add tollFree and a form or a mailto: address, or, for a business that is only online, set onlineOnly with a mailto: address`,
  }];
}

/** GDPR Art. 13(2)(d): a site that lists the visitor's rights names the
 * right to complain to a supervisory authority among them. */
function complaint(centre: Centre): Problem[] {
  const listed = RIGHTS.some((right) => methodsOf(centre, right).length);
  if (!listed || methodsOf(centre, 'complaint').length) return [];
  return [{
    path: 'privacyCentre.rights.complaint',
    message: 'is missing: GDPR Art. 13(2)(d) asks you to tell visitors they may complain to a data protection authority; give your authority\'s complaint page, such as "https://www.datatilsynet.dk/english"',
  }];
}

/** `data-samtykke-link` values on a page, outside HTML comments. */
const LINK = /\sdata-samtykke-link\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
const linksIn = (html: string) => [...html.replace(/<!--[\s\S]*?-->/g, '').matchAll(LINK)].map((m) => m[1] ?? m[2] ?? m[3]);

/** CPRA §7027: sensitive data used beyond what is necessary needs the
 * Limit link (or the alternative "Your Privacy Choices" link, §7015). The
 * necessary category's sensitive data is never limited, so it needs none. */
function limitLink(config: Config, html: string): Problem[] {
  const categories = config.categories ?? {};
  const id = Object.keys(categories).find((key) => key != NECESSARY && categories[key].sensitive?.length);
  if (id === undefined || linksIn(html).some((kind) => kind == 'limit-sensitive' || kind == 'privacy-choices')) return [];
  return [{
    path: `categories.${id}.sensitive`,
    message: 'is sensitive personal information, but the page has no link to limit its use, which CPRA §7027 asks for; add <a href="/privacy" data-samtykke-link="limit-sensitive"></a> (or data-samtykke-link="privacy-choices") to the page',
  }];
}
