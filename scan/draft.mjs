// `samtykke scan`'s draft: a samtykke config built from what a scan found,
// for a person to read over before the site uses it. The config it returns
// passes samtykke's validate() as it stands; what it cannot say (unknown
// items, storage keys, guesses at necessary, cookie names a config cannot
// name) goes into a review list beside it, not into the config: the schema's
// objects are strict, and JSON has no comments. Pure: no I/O, no clock.

/** @typedef {import('./types').ScanResult} ScanResult */
/** @typedef {import('./types').Item} Item */
/** @typedef {import('./types').Kind} Kind */
/** @typedef {import('./types').Party} Party */
/** @typedef {import('./types').Classification} Classification */
/** @typedef {{ item: string, kind: Kind, name: string, reason: string }} ReviewEntry */
/** @typedef {{ name: string, lifetime?: string, party: Party, domain?: string, description?: string }} CookieEntry */
/** @typedef {{ base?: object }} DraftOptions */

// Copies of src/config/defaults.ts (the scan modules do not import the
// TypeScript sources); test/unit/scan-draft.test.ts keeps them in step.
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const DEFAULT_CATEGORIES = ['preferences', 'analytics', 'marketing'];
const NECESSARY = 'necessary';
const UNKNOWN = 'unknown';
export const SCHEMA_PATH = 'node_modules/samtykke/dist/samtykke.schema.json';

const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
const isObject = (value) => typeof value == 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
const text = (value) => (typeof value == 'string' && value.trim() ? value.trim() : undefined);

// ---------------------------------------------------------------- lifetimes

const plural = (n, unit) => `${n} ${unit}${n == 1 ? '' : 's'}`;

/** A cookie's lifetime in the words a cookie table uses: `session` (null),
 * `30 minutes`, `12 hours`, `1 day`, `6 months`, `13 months`, `2 years`.
 * Months are average months, and 13 to 23 stay months: "13 months" is the
 * figure regulators (CNIL) and browsers' 400-day cap put cookies at. */
export function lifetimeWords(days) {
  if (days == null || !Number.isFinite(days)) return 'session';
  const minutes = Math.round(days * 1440);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(days * 24);
  if (hours < 24) return plural(hours, 'hour');
  const whole = Math.round(days);
  if (whole < 32) return plural(whole, 'day');
  const months = Math.round(days / 30.4375);
  if (months == 12) return '1 year';
  if (months < 24) return plural(months, 'month');
  return plural(Math.round(days / 365.25), 'year');
}

/** The longest life an item was seen with: a number of days, null for a
 * session cookie, undefined when no sighting said. A zero or negative
 * life is a deletion (a cookie written already expired), not a lifetime. */
function longestLife(items) {
  let longest;
  for (const item of items) {
    for (const sighting of item.sightings ?? []) {
      const days = sighting.lifetimeDays;
      if (days === null) longest ??= null;
      else if (typeof days == 'number' && Number.isFinite(days) && days > 0) longest = Math.max(longest ?? 0, days);
    }
  }
  return longest;
}

// ---------------------------------------------------------------- cookie names

// The schema takes any string as a cookie name (COOKIE_NAME_PATTERN is for
// samtykke's own record cookie only), so "refused" here means what samtykke
// would read wrongly or could never match against document.cookie when it
// deletes cookies on withdrawal (core/cookie-patterns.ts, gate/cookies.ts).

/** Why a cookie name cannot stand in a config as a whole name, or undefined. */
export function cookieNameProblem(name) {
  if (typeof name != 'string' || name === '') return 'a cookie without a name: a config cannot name it';
  if (name.endsWith('*')) return 'its name ends in "*", which a samtykke config reads as a prefix of other names';
  if (/[;=\x00-\x1f\x7f]/.test(name)) return 'its name holds ";", "=" or a control character, which document.cookie cannot show as a name';
  if (name.trim() != name) return 'its name starts or ends with a space, which document.cookie drops';
  return undefined;
}

/** A prefix (`_ga_` of `_ga_*`) that is safe to write with a `*`: clean,
 * and at least two characters, so it cannot reach most of a site's cookies. */
const goodPrefix = (prefix) => prefix.length >= 2 && !cookieNameProblem(prefix) && !prefix.includes('*');

/** The prefix a classification matched by (`_ga_*`, or a config RegExp
 * written `/^_ga_/`), when it is one the name starts with. */
function matchedPrefix(name, classification) {
  const { match, pattern } = classification;
  if (typeof pattern != 'string') return undefined;
  let prefix;
  if (match == 'prefix' && pattern.endsWith('*')) prefix = pattern.slice(0, -1);
  // Only a plain anchored literal: anything else a string cannot say.
  const literal = match == 'pattern' && /^\/\^((?:[A-Za-z0-9_-]|\\[.-])+)\/$/.exec(pattern);
  if (literal) prefix = literal[1].replace(/\\(.)/g, '$1');
  return prefix !== undefined && goodPrefix(prefix) && name.startsWith(prefix) ? prefix : undefined;
}

const UUID_TAIL = /^(.*[_.-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Digits, or hex with a digit in it (so a word like `_face` is not an id).
const ID_TAIL = /^(.*[_.-])(?:\d+|(?=[0-9a-f]*\d)[0-9a-f]{4,})$/i;

/** The part before a trailing id (`_hjSessionUser_` of `_hjSessionUser_123`),
 * or undefined. The stem must name something (a letter, three characters):
 * `a_*` would be a guess, not a family. */
export function idStem(name) {
  const stem = (UUID_TAIL.exec(name) ?? ID_TAIL.exec(name))?.[1];
  return stem && stem.length >= 3 && /[A-Za-z]/.test(stem) && goodPrefix(stem) ? stem : undefined;
}

/** Does a config's cookie pattern cover a name? As samtykke matches it
 * (core/cookie-patterns.ts): `x*` a prefix, a RegExp searched, else whole. */
function matchesCookie(name, pattern) {
  if (pattern instanceof RegExp) return name.search(pattern) >= 0;
  if (typeof pattern != 'string') return false;
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name == pattern;
}

/**
 * The cookie table of one service: one entry per name, with names the
 * classifier matched by prefix, or that differ only by a trailing id, written
 * once as `stem*`. A stem collapses only when every cookie the scan saw that
 * starts with it is among the names collapsed, so the pattern never reaches
 * a cookie of another service (samtykke deletes by it on withdrawal).
 * @param {Item[]} cookies cookie items with names a config can take
 * @param {string[]} seen every cookie name in the scan
 * @returns {CookieEntry[]}
 */
export function cookieEntries(cookies, seen) {
  const keyOf = new Map();
  for (const item of cookies) {
    const prefix = matchedPrefix(item.name, item.classification ?? {});
    if (prefix !== undefined) keyOf.set(item, prefix + '*');
  }
  const byStem = new Map();
  for (const item of cookies) {
    if (keyOf.has(item)) continue;
    const stem = idStem(item.name);
    if (stem === undefined) continue;
    if (!byStem.has(stem)) byStem.set(stem, new Set());
    byStem.get(stem).add(item.name);
  }
  for (const [stem, names] of byStem) {
    if (names.size < 2 || seen.some((name) => name.startsWith(stem) && !names.has(name))) continue;
    for (const item of cookies) if (names.has(item.name) && !keyOf.has(item)) keyOf.set(item, stem + '*');
  }
  const members = new Map();
  for (const item of cookies) {
    const key = keyOf.get(item) ?? item.name;
    if (!members.has(key)) members.set(key, []);
    members.get(key).push(item);
  }
  return [...members].map(([name, items]) => cookieEntry(name, items));
}

/** One row: the longest life, first party if any member was, and the
 * domains only of a third-party cookie (a first-party one is the site's). */
function cookieEntry(name, items) {
  /** @type {Party} */
  const party = items.every((item) => item.party == 'third') ? 'third' : 'first';
  const life = longestLife(items);
  const domains = [...new Set(items.map((item) => text(item.domain)?.replace(/^\./, '')).filter(Boolean))];
  return tidy({
    name,
    lifetime: life === undefined ? undefined : lifetimeWords(life),
    party,
    domain: party == 'third' && domains.length ? domains.join(', ') : undefined,
    description: items.map((item) => text(item.classification?.description)).find(Boolean),
  });
}

/** Drops undefined keys, so the JSON and validate() see only what is said.
 * @template T @param {T} object @returns {T} */
const tidy = (object) => /** @type {T} */ (Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)));

// ---------------------------------------------------------------- service ids

/** A service id from a platform name, by samtykke's id rule: lowercase,
 * runs of anything else as `-`, a letter first, at most 32 characters. */
export function slugId(platform) {
  let slug = String(platform).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!slug) slug = 'service';
  if (/^[0-9]/.test(slug)) slug = 's-' + slug;
  return slug.slice(0, 32).replace(/-+$/, '');
}

/** `id`, or `id-2`, `id-3`… (cut to stay within 32 characters): the first
 * not taken. Service ids are unique across categories (allowed('id')). */
export function uniqueId(id, taken) {
  for (let n = 1; ; n++) {
    const suffix = n == 1 ? '' : `-${n}`;
    const candidate = id.slice(0, 32 - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------- the draft

/** What the base config already declares: its services (with their
 * category), every service id, and every cookie pattern in it. */
function declared(config) {
  const services = [];
  const ids = [];
  const patterns = [];
  const categories = isObject(config.categories) ? config.categories : {};
  for (const category of Object.keys(categories)) {
    const given = isObject(categories[category]) && isObject(categories[category].services) ? categories[category].services : {};
    for (const id of Object.keys(given)) {
      const service = given[id];
      ids.push(id);
      // Only a service that is an object can take more cookies.
      if (isObject(service)) services.push({ category, id, service });
      for (const cookie of isObject(service) && Array.isArray(service.cookies) ? service.cookies : []) {
        patterns.push(isObject(cookie) ? cookie.name : cookie);
      }
    }
  }
  return { services, ids, patterns };
}

const reviewOf = (item, reason) => ({ item: item.id, kind: item.kind, name: item.name, reason });

/**
 * Where an item goes: a group (a service to make or extend), or a reason it
 * goes to review instead. Storage keys and requests name a service too (a
 * platform seen only through them is still used), but a config lists only
 * cookies, so a storage key is also put to review.
 * @param {Item} item
 */
function placeOf(item) {
  const c = item.classification ?? /** @type {Classification} */ ({ category: UNKNOWN });
  const category = typeof c.category == 'string' ? c.category : UNKNOWN;
  if (category == UNKNOWN) return { reason: 'unknown: nothing classified it; if it is not strictly necessary, add it to a service by hand' };
  if (category == NECESSARY) {
    return c.confidence == 'low' ? { reason: `necessary by a guess (${c.source}, low confidence): check that it is strictly necessary` } : { skip: true };
  }
  if (!ID_PATTERN.test(category)) return { reason: `its category "${category}" is not a samtykke category id` };
  const service = c.source == 'config' ? text(c.service) : undefined;
  // A third-party item with no platform is named by its host: the best
  // name there is, and one a person recognises.
  const platform = text(c.platform) ?? (item.party == 'third' ? text(item.domain)?.replace(/^\./, '') : undefined);
  if (!service && !platform) return { reason: `${category} (${c.source}), but nothing names a service for it: place it by hand` };
  return { category, service, platform };
}

/**
 * A samtykke config from a scan, and what a person must look at. With
 * `base` (the site's config), the draft is that config with what it lacks
 * added: new services, and new cookie names in the services it has; nothing
 * it says is changed or removed. The draft passes validate() whenever the
 * base does.
 * @param {ScanResult} result
 * @param {DraftOptions} [options]
 * @returns {{ config: Record<string, any>, review: ReviewEntry[] }}
 */
export function draftConfig(result, { base } = {}) {
  /** @type {Record<string, any>} */
  const config = base ? structuredClone(base) : {};
  /** @type {ReviewEntry[]} */
  const review = [];
  const known = declared(config);
  const items = Array.isArray(result?.items) ? result.items : [];
  const seen = [...new Set(items.filter((item) => item.kind == 'cookie').map((item) => item.name))];

  // Group the placeable items by category and service (or platform).
  const groups = new Map();
  for (const item of items) {
    if (item.kind == 'cookie' && known.patterns.some((pattern) => matchesCookie(item.name, pattern))) continue;
    const place = placeOf(item);
    if (place.skip) continue;
    if (place.reason) {
      review.push(reviewOf(item, place.reason));
      continue;
    }
    const key = `${place.category}\0${place.service ? 's:' + place.service : 'p:' + place.platform}`;
    if (!groups.has(key)) groups.set(key, { ...place, items: [] });
    groups.get(key).items.push(item);
    if (item.kind == 'localStorage' || item.kind == 'sessionStorage') {
      review.push(reviewOf(item, `${item.kind} key: a samtykke config lists cookies only, and samtykke does not clear storage on withdrawal; it belongs to ${place.platform ?? place.service}`));
    } else if (item.kind == 'cookie') {
      const problem = cookieNameProblem(item.name);
      if (problem) review.push(reviewOf(item, `${problem}; it belongs to ${place.platform ?? place.service}`));
    }
  }

  // Service ids: an existing service where the base has one; the site's own
  // ids next (a scan that read the site's config), then platform slugs.
  const taken = new Set(known.ids);
  const ordered = [...groups.values()];
  for (const group of ordered) {
    const existing = group.service
      ? known.services.find((s) => s.id == group.service)
      : known.services.find((s) => s.category == group.category && (s.id == slugId(group.platform) || text(s.service?.name)?.toLowerCase() == group.platform.toLowerCase()));
    if (existing) group.existing = existing;
    else if (group.service && ID_PATTERN.test(group.service) && !taken.has(group.service)) taken.add((group.id = group.service));
  }
  for (const group of ordered) {
    if (group.existing || group.id) continue;
    taken.add((group.id = uniqueId(slugId(group.platform ?? group.service), taken)));
  }

  for (const group of ordered) {
    const cookies = group.items.filter((item) => item.kind == 'cookie' && !cookieNameProblem(item.name));
    const entries = cookieEntries(cookies, seen);
    if (group.existing) {
      const service = group.existing.service;
      if (!entries.length) continue;
      service.cookies = Array.isArray(service.cookies) ? service.cookies : [];
      // Two groups may meet in one service (the site's id, and its name).
      const names = new Set(service.cookies.map((cookie) => (isObject(cookie) ? cookie.name : cookie)));
      service.cookies.push(...entries.filter((entry) => !names.has(entry.name)));
      continue;
    }
    const services = servicesOf(config, group.category, !!base);
    services[group.id] = serviceOf(group, entries);
  }

  if (!base && isObject(config.categories)) config.categories = inDefaultOrder(config.categories);
  return { config, review };
}

/** The services bag of a category, made where missing. A base without
 * `categories` runs on the default three, and writing `categories` replaces
 * them, so they are written out first; a new draft names only what it fills. */
function servicesOf(config, category, fromBase) {
  if (!isObject(config.categories)) {
    config.categories = fromBase ? Object.fromEntries(DEFAULT_CATEGORIES.map((id) => [id, {}])) : {};
  }
  // A new category gets no `sale`: marketing is a sale by default, and a
  // site's own category says what it is in the base, where it already stands.
  if (!hasOwn(config.categories, category)) config.categories[category] = {};
  const spec = config.categories[category];
  if (!isObject(spec.services)) spec.services = {};
  return spec.services;
}

function serviceOf(group, entries) {
  const pick = (key) => group.items.map((item) => text(item.classification?.[key])).find(Boolean);
  // The schema takes http: and root-relative too, but a database's link
  // should be https:, and a relative one would point into the scanned site.
  const url = group.items.map((item) => text(item.classification?.privacyUrl)).find((u) => u && /^https:\/\/\S+$/i.test(u));
  return tidy({
    name: group.platform ?? group.service,
    provider: pick('controller'),
    purpose: pick('description'),
    privacyPolicyUrl: url,
    cookies: entries,
  });
}

/** samtykke's own categories first, in its order (the banner's), then the rest as found. */
function inDefaultOrder(categories) {
  const ids = Object.keys(categories);
  const order = [...DEFAULT_CATEGORIES.filter((id) => ids.includes(id)), ...ids.filter((id) => !DEFAULT_CATEGORIES.includes(id))];
  return Object.fromEntries(order.map((id) => [id, categories[id]]));
}

// ---------------------------------------------------------------- output

/**
 * The draft as the text of a config file: pretty JSON, with `$schema` first
 * for editors (the schema allows it; a base's own `$schema` is kept). A
 * RegExp in the base cannot be written as JSON, so that throws rather than
 * silently becoming `{}`.
 * @param {ScanResult} result
 * @param {DraftOptions} [options]
 * @returns {string}
 */
export function draftFile(result, options = {}) {
  const { config } = draftConfig(result, options);
  const withSchema = hasOwn(config, '$schema') ? config : { $schema: SCHEMA_PATH, ...config };
  const json = JSON.stringify(withSchema, (key, value) => {
    if (value instanceof RegExp) throw new TypeError(`the base config's ${key || 'value'} is a RegExp (${value}), which JSON cannot hold`);
    return value;
  }, 2);
  return json + '\n';
}

/**
 * The review list as plain lines, one an item (`cookie:_x@example.com/ - why`),
 * for the CLI to print or write beside the draft; '' when there is nothing.
 * @param {ReviewEntry[]} review
 * @returns {string}
 */
export function reviewText(review) {
  return review.map((entry) => `${oneLine(entry.item)} - ${oneLine(entry.reason)}\n`).join('');
}

/** A storage key (and so an item id) may hold a line break or a control
 * character: written escaped, as JSON would, so each entry stays one line. */
const oneLine = (value) =>
  String(value).replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
