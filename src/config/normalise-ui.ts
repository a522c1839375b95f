// The UI chunk's reader of the config keys only the UI shows: texts, layout,
// theme, category labels, service descriptions, cookie tables. Same rules
// as normalise.ts (report once, fall back safely, never throw); it lives
// apart so that a returning visitor, who sees no UI, never downloads it.
import type { UiConfig } from './schema.js';
import type { Problem } from './problem.js';
import { isObject, isPattern, matches, oneOf, reader, safeKeys, type Bag } from './reader.js';
import { DEFAULTS, LAYOUTS, PARTIES, THEMES, URL_PATTERN } from './defaults.js';

// Links the UI renders: never `javascript:`.
const isUrl = matches(URL_PATTERN);

export function normaliseUi(input: unknown): { config: UiConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const { read, bag, copy } = reader(problems);
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
