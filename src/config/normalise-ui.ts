// The UI chunk's reader of the config keys only the UI shows: texts, layout,
// theme, category labels, service descriptions, cookie tables. Same rules
// as normalise.ts (report once, fall back safely, never throw); it lives
// apart so that a returning visitor, who sees no UI, never downloads it.
import type { UiConfig } from './schema.js';
import type { Problem } from './problem.js';
import { isObject, isPattern, matches, oneOf, reader, safeKeys, type Bag } from './reader.js';
import { DEFAULTS, LAYOUTS, METHOD_PATTERN, PARTIES, RIGHTS, THEMES, URL_PATTERN } from './defaults.js';

// Links the UI renders: never `javascript:`.
const isUrl = matches(URL_PATTERN);
const isMethod = matches(METHOD_PATTERN);

export function normaliseUi(input: unknown): { config: UiConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const { read, bag, copy, fail } = reader(problems);
  const raw: Bag = isObject(input) ? input : {};

  const config: UiConfig = {
    layout: read(raw, 'layout', '', oneOf(LAYOUTS), DEFAULTS.layout),
    theme: read(raw, 'theme', '', oneOf(THEMES), DEFAULTS.theme),
    categories: {},
  };
  copy(raw, ['locale'], '', config);
  copy(raw, ['privacyPolicyUrl'], '', config, isUrl);

  if (raw.texts !== undefined) {
    const texts = bag(raw, 'texts', '');
    config.texts = {};
    for (const locale of safeKeys(texts)) {
      const entries = bag(texts, locale, 'texts.');
      copy(entries, safeKeys(entries), `texts.${locale}.`, (config.texts[locale] = {}));
    }
  }

  // Each right's methods: a refused one (a `javascript:` link, say) is
  // said and left out; the others still show.
  if (raw.privacyCentre !== undefined) {
    const given = bag(raw, 'privacyCentre', '');
    const rights = bag(given, 'rights', 'privacyCentre.');
    const centre: NonNullable<UiConfig['privacyCentre']> = { rights: {} };
    for (const right of RIGHTS) {
      const value = rights[right];
      if (value === undefined) continue;
      const path = `privacyCentre.rights.${right}`;
      const list = Array.isArray(value) ? value : [value];
      const ok = list.filter((method, i) => isMethod(method) || (fail(Array.isArray(value) ? `${path}[${i}]` : path, method), false));
      if (ok.length) centre.rights[right] = ok as string[];
    }
    copy(given, ['tollFree'], 'privacyCentre.', centre, matches(/^\+?[\d ().-]{3,}$/));
    copy(given, ['onlineOnly'], 'privacyCentre.', centre, (v) => typeof v == 'boolean');
    copy(given, ['noticeAtCollection'], 'privacyCentre.', centre, isMethod);
    config.privacyCentre = centre;
  }

  // Ids and services were checked by the core's normalise(); only what is
  // shown is read here.
  const categories = isObject(raw.categories) ? raw.categories : {};
  for (const id of safeKeys(categories)) {
    const category = categories[id];
    if (!isObject(category)) continue;
    const path = `categories.${id}.`;
    const out: UiConfig['categories'][string] = (config.categories[id] = { services: {} });
    copy(category, ['label', 'description', 'retention'], path, out);
    const services = isObject(category.services) ? category.services : {};
    for (const service of safeKeys(services)) {
      const spec = services[service];
      if (!isObject(spec)) continue;
      const at = `${path}services.${service}.`;
      const shown: UiConfig['categories'][string]['services'][string] = (out.services[service] = { cookies: [] });
      copy(spec, ['name', 'provider', 'purpose'], at, shown);
      copy(spec, ['privacyPolicyUrl'], at, shown, isUrl);
      const cookies = Array.isArray(spec.cookies) ? spec.cookies : [];
      cookies.forEach((cookie, i) => {
        if (isPattern(cookie)) return shown.cookies.push({ name: cookie as string | RegExp });
        if (!isObject(cookie) || !isPattern(cookie.name)) return;
        const row: Bag = { name: cookie.name };
        copy(cookie, ['lifetime', 'domain', 'description'], `${at}cookies[${i}].`, row);
        const party = read(cookie, 'party', `${at}cookies[${i}].`, oneOf(PARTIES), undefined);
        if (party) row.party = party;
        shown.cookies.push(row as UiConfig['categories'][string]['services'][string]['cookies'][number]);
      });
    }
  }
  return { config, problems };
}
