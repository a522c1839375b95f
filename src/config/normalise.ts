// The production reader of a site's config, for what the core acts on:
// categories and their services, the regime, the record cookie, Google
// Analytics. What only the UI shows (texts, layout, labels, cookie tables) is
// read by normalise-ui.ts in the UI chunk, so a returning visitor does not
// download it. It never throws and never lets a wrong value widen what is
// allowed: each bad key is reported once and falls back to its safe default.
// zod stays off this path; test/unit/config-agreement.test.ts keeps the two
// in step.
import type { CoreConfig } from './schema.js';
import type { Problem } from './problem.js';
import { duplicateServices } from './services.js';
import { isBoolean, isObject, isPattern, matches, oneOf, reader, type Bag } from './reader.js';
import {
  BASE_REGIMES, CONSENT_MODES, COOKIE_NAME_PATTERN, DATA_LAYER_PATTERN, WAIT_FOR_UPDATE, DEFAULT_CATEGORIES, DEFAULT_SALE_CATEGORIES, DEFAULTS,
  GA_ID_PATTERN, MAX_DAYS, NECESSARY, POLICY_PATTERN, REGIMES, REGION_PATTERN, SAME_SITE, URL_PATTERN,
} from './defaults.js';

const isDays = (v: unknown) => typeof v == 'number' && v > 0 && v <= MAX_DAYS;

export function normalise(input: unknown): { config: CoreConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const { fail, read, bag, copy, ids } = reader(problems);

  function category(id: string, value: Bag, path: string): CoreConfig['categories'][string] {
    const services: CoreConfig['categories'][string]['services'] = {};
    const given = bag(value, 'services', path);
    for (const service of ids(given, path + 'services.')) {
      const spec = given[service];
      const at = `${path}services.${service}`;
      if (!isObject(spec)) {
        fail(at, spec);
        continue;
      }
      // Cookie names only: what the core needs to delete them on withdrawal.
      const cookies = read<unknown[]>(spec, 'cookies', at + '.', Array.isArray, []);
      services[service] = {
        cookies: cookies.flatMap((cookie, i) => {
          // A RegExp is an object too: test for a pattern first.
          if (isPattern(cookie)) return [cookie as string | RegExp];
          if (!isObject(cookie)) return fail(`${at}.cookies[${i}]`, cookie), [];
          return isPattern(cookie.name) ? [cookie.name as string | RegExp] : (fail(`${at}.cookies[${i}].name`, cookie.name), []);
        }),
      };
    }
    const sale =
      id == NECESSARY
        ? (value.sale !== undefined && value.sale !== false && fail(path + 'sale', value.sale), false)
        : value.sale === undefined
          ? DEFAULT_SALE_CATEGORIES.includes(id)
          // A wrong value falls back to `true`: a sale is what an opt-out switches off.
          : read(value, 'sale', path, isBoolean, true);
    // Any string counts here: which ids exist is the schema's to say
    // (validate(), the development bundle), and the id table stays out of the
    // core. An unknown id still marks the category sensitive: the safe side.
    const sensitive = read<unknown[]>(value, 'sensitive', path, Array.isArray, []).filter(
      (kind, i) => typeof kind == 'string' || (fail(`${path}sensitive[${i}]`, kind), false),
    ) as string[];
    return { sale, sensitive, services };
  }

  const raw: Bag = isObject(input) ? input : (input != null && fail('config', input), {});

  const given = raw.categories === undefined ? undefined : bag(raw, 'categories', '');
  const necessary = given?.[NECESSARY];
  if (necessary !== undefined && !isObject(necessary)) fail(`categories.${NECESSARY}`, necessary);
  const categories: CoreConfig['categories'] = {
    [NECESSARY]: category(NECESSARY, isObject(necessary) ? necessary : {}, `categories.${NECESSARY}.`),
  };
  for (const id of given ? ids(given, 'categories.') : DEFAULT_CATEGORIES) {
    const spec = given ? given[id] : {};
    if (id == NECESSARY) continue;
    if (isObject(spec)) categories[id] = category(id, spec, `categories.${id}.`);
    else fail(`categories.${id}`, spec);
  }
  problems.push(...duplicateServices(categories));

  const cookie = bag(raw, 'cookie', '');
  const config: CoreConfig = {
    categories,
    consentMode: false,
    regime: read(raw, 'regime', '', oneOf(REGIMES), DEFAULTS.regime),
    defaultRegime: read(raw, 'defaultRegime', '', oneOf(BASE_REGIMES), DEFAULTS.defaultRegime),
    trustedTypesPolicy: read(raw, 'trustedTypesPolicy', '', matches(POLICY_PATTERN), DEFAULTS.trustedTypesPolicy),
    revision: read(raw, 'revision', '', (v) => Number.isSafeInteger(v) && (v as number) >= 0, DEFAULTS.revision),
    cookie: {
      name: read(cookie, 'name', 'cookie.', matches(COOKIE_NAME_PATTERN), DEFAULTS.cookie.name),
      path: read(cookie, 'path', 'cookie.', matches(/^\//), DEFAULTS.cookie.path),
      days: read(cookie, 'days', 'cookie.', isDays, DEFAULTS.cookie.days),
      optOutDays: read(cookie, 'optOutDays', 'cookie.', isDays, DEFAULTS.cookie.optOutDays),
      sameSite: read(cookie, 'sameSite', 'cookie.', oneOf(SAME_SITE), DEFAULTS.cookie.sameSite),
    },
  };
  copy(cookie, ['domain'], 'cookie.', config.cookie);
  const region = read<string | undefined>(raw, 'region', '', matches(REGION_PATTERN), undefined);
  if (region) config.region = region.toUpperCase();
  copy(raw, ['reloadOnRevoke', 'floatingButton', 'mspa', 'gpcLimitsSensitive'], '', config, isBoolean);
  copy(raw, ['uiUrl'], '', config, matches(URL_PATTERN));

  const ga = raw.googleAnalytics;
  if (ga !== undefined) {
    if (!isObject(ga)) fail('googleAnalytics', ga);
    else if (!matches(GA_ID_PATTERN)(ga.id)) fail('googleAnalytics.id', ga.id);
    else {
      const out = { id: ga.id as string };
      copy(ga, ['anonymizeIp', 'allowGoogleSignals', 'allowAdPersonalizationSignals'], 'googleAnalytics.', out, isBoolean);
      config.googleAnalytics = out;
    }
  }

  // Consent Mode is on with the built-in Google Analytics unless turned off.
  // A wrong value counts as not given.
  const asked = raw.consentMode;
  const valid = isBoolean(asked) || isObject(asked);
  if (asked !== undefined && !valid) fail('consentMode', asked);
  const mode = valid ? (asked as boolean | Bag) : undefined;
  const on = mode === undefined ? !!config.googleAnalytics : mode !== false;
  if (on) {
    const options = isObject(mode) ? mode : {};
    config.consentMode = {
      mode: read(options, 'mode', 'consentMode.', oneOf(CONSENT_MODES), 'basic'),
      waitForUpdate: read(options, 'waitForUpdate', 'consentMode.', (v) => typeof v == 'number' && v >= 0 && v <= 1e4, WAIT_FOR_UPDATE),
      adsDataRedaction: read(options, 'adsDataRedaction', 'consentMode.', isBoolean, false),
      urlPassthrough: read(options, 'urlPassthrough', 'consentMode.', isBoolean, false),
      dataLayer: read(options, 'dataLayer', 'consentMode.', matches(DATA_LAYER_PATTERN), 'dataLayer'),
    };
  }

  if (raw.receipts !== undefined) {
    const receipts = bag(raw, 'receipts', '');
    const url = read<string | undefined>(receipts, 'url', 'receipts.', matches(URL_PATTERN), undefined);
    if (url) config.receipts = { url };
    else if (isObject(raw.receipts) && receipts.url === undefined) fail('receipts.url', undefined);
  }
  return { config, problems };
}
