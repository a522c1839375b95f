// The config's single source of truth for its shape and types. zod (the mini
// build) is used by the development bundle, validate(), the CLI and the JSON
// Schema in dist/ — never on a returning visitor's path, where the
// hand-written normalise() reads the same defaults and messages.
import * as z from 'zod/mini';
import {
  BASE_REGIMES, CONSENT_MODES, COOKIE_NAME_PATTERN, DATA_LAYER_PATTERN, DEFAULTS, GA_ID_PATTERN, ID_PATTERN, LAYOUTS, POLICY_PATTERN,
  MAX_DAYS, METHOD_PATTERN, PARTIES, REGIMES, REGION_PATTERN, RIGHTS, SAME_SITE, THEMES, URL_PATTERN,
} from './defaults.js';
import { SENSITIVE_IDS } from '../core/sensitive.js';
import { MESSAGES as M } from './messages.js';

const text = () => z.string({ error: M.string });
const flag = () => z.boolean({ error: M.boolean });
const id = () => z.string({ error: M.id }).check(z.regex(ID_PATTERN, { error: M.id }));
const days = () =>
  z.number({ error: M.days }).check(z.gt(0, { error: M.days }), z.lte(MAX_DAYS, { error: M.days }));
const object = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, { error: M.object });

const url = () => z.string({ error: M.url }).check(z.regex(URL_PATTERN, { error: M.url }));

const cookiePattern = z.union([text(), z.instanceof(RegExp)], { error: M.cookiePattern });

/** A cookie a service sets: its name (or a RegExp for families such as
 * `_ga_<id>`), how long it lives and whose it is, for the preferences table
 * and for deleting it when consent is withdrawn. */
export const cookieSchema = z.union(
  [
    cookiePattern,
    object({
      name: cookiePattern,
      lifetime: z.optional(text()),
      party: z.optional(z.enum(PARTIES, { error: M.party })),
      domain: z.optional(text()),
      description: z.optional(text()),
    }),
  ],
  { error: M.cookiePattern },
);

export const serviceSchema = object({
  name: z.optional(text()),
  provider: z.optional(text()),
  purpose: z.optional(text()),
  privacyPolicyUrl: z.optional(url()),
  cookies: z._default(z.array(cookieSchema, { error: M.cookies }), []),
});

export const categorySchema = object({
  label: z.optional(text()),
  description: z.optional(text()),
  /** A sale or sharing of personal information under CCPA/CPRA: the Do Not
   * Sell opt-out and Global Privacy Control switch it off. */
  sale: z.optional(flag()),
  /** Sensitive personal information this category uses, by id (README):
   * the Limit (CPRA §7027) switches it off; outside California it is off
   * until the visitor allows it. */
  sensitive: z.optional(z.array(z.enum(SENSITIVE_IDS as [string, ...string[]], { error: M.sensitive }), { error: M.sensitive })),
  /** How long its data is kept, in the site's words ("13 months"), for the
   * Notice at Collection. */
  retention: z.optional(text()),
  services: z._default(z.record(id(), serviceSchema, { error: M.object }), {}),
});

export const cookieOptionsSchema = object({
  name: z._default(
    z.string({ error: M.cookieName }).check(z.regex(COOKIE_NAME_PATTERN, { error: M.cookieName })),
    DEFAULTS.cookie.name,
  ),
  domain: z.optional(text()),
  path: z._default(z.string({ error: M.path }).check(z.regex(/^\//, { error: M.path })), DEFAULTS.cookie.path),
  days: z._default(days(), DEFAULTS.cookie.days),
  optOutDays: z._default(days(), DEFAULTS.cookie.optOutDays),
  sameSite: z._default(z.enum(SAME_SITE, { error: M.sameSite }), DEFAULTS.cookie.sameSite),
});

export const googleAnalyticsSchema = object({
  id: z.string({ error: M.gaId }).check(z.regex(GA_ID_PATTERN, { error: M.gaId })),
  anonymizeIp: z.optional(flag()),
  allowGoogleSignals: z.optional(flag()),
  allowAdPersonalizationSignals: z.optional(flag()),
});

/** Google Consent Mode v2: `true` for the defaults, or the details. */
export const consentModeSchema = z.union(
  [
    flag(),
    object({
      /** `basic`: Google's tag loads only after consent. `advanced`: it loads
       * at once, with everything denied, and sends cookieless pings. */
      mode: z.optional(z.enum(CONSENT_MODES, { error: M.mode })),
      /** How long Google's tags wait for the visitor's choice (ms). */
      waitForUpdate: z.optional(
        z.number({ error: M.waitForUpdate }).check(z.gte(0, { error: M.waitForUpdate }), z.lte(10_000, { error: M.waitForUpdate })),
      ),
      adsDataRedaction: z.optional(flag()),
      urlPassthrough: z.optional(flag()),
      /** The page's dataLayer variable, if GTM was set up with another name. */
      dataLayer: z.optional(z.string({ error: M.dataLayer }).check(z.regex(DATA_LAYER_PATTERN, { error: M.dataLayer }))),
    }),
  ],
  { error: M.consentMode },
);

/** One way to exercise a right: a form, an email or a phone number. An
 * empty one (`""`, `[]`) is said to be empty: a right left without a way to
 * use it is the likelier mistake than a malformed address. */
const methodError = (issue: { input?: unknown }) =>
  (typeof issue.input == 'string' ? !issue.input.trim() : Array.isArray(issue.input) && !issue.input.length) ? M.noMethod : M.method;
const method = () => z.string({ error: methodError }).check(z.regex(METHOD_PATTERN, { error: methodError }));
const methods = () => z.union([method(), z.array(method(), { error: M.method }).check(z.minLength(1, { error: methodError }))], { error: methodError });

/** The privacy centre: where each right is exercised, and the notices. */
export const privacyCentreSchema = object({
  rights: z.optional(object(Object.fromEntries(RIGHTS.map((right) => [right, z.optional(methods())])) as Record<(typeof RIGHTS)[number], z.ZodMiniOptional<ReturnType<typeof methods>>>)),
  /** A toll-free number for US requests (CCPA §1798.130(a)(1)). */
  tollFree: z.optional(z.string({ error: M.tollFree }).check(z.regex(/^\+?[\d ().-]{3,}$/, { error: M.tollFree }))),
  /** The business operates only online: an email address is enough. */
  onlineOnly: z.optional(flag()),
  /** The site's own Notice at Collection (11 CCR §7012), if it has one. */
  noticeAtCollection: z.optional(method()),
});

export const configSchema = object({
  /** Lets editors find dist/samtykke.schema.json; ignored by samtykke. */
  $schema: z.optional(text()),
  /** Category id → category. `necessary` is always added. Default:
   * preferences, analytics, marketing (marketing is a sale). */
  categories: z.optional(z.record(id(), categorySchema, { error: M.object })),
  regime: z._default(z.enum(REGIMES, { error: M.regime }), DEFAULTS.regime),
  /** The regime `auto` falls back to when the region names no law it knows. */
  defaultRegime: z._default(z.enum(BASE_REGIMES, { error: M.defaultRegime }), DEFAULTS.defaultRegime),
  region: z.optional(z.string({ error: M.region }).check(z.regex(REGION_PATTERN, { error: M.region }))),
  revision: z._default(
    z.number({ error: M.revision }).check(z.int({ error: M.revision }), z.gte(0, { error: M.revision })),
    DEFAULTS.revision,
  ),
  cookie: z._default(cookieOptionsSchema, { ...DEFAULTS.cookie }),
  locale: z.optional(text()),
  privacyPolicyUrl: z.optional(url()),
  texts: z.optional(z.record(text(), z.record(text(), text(), { error: M.object }), { error: M.object })),
  googleAnalytics: z.optional(googleAnalyticsSchema),
  consentMode: z.optional(consentModeSchema),
  /** The site has signed the IAB Multi-State Privacy Agreement: said in
   * the GPP and US Privacy strings. */
  mspa: z.optional(flag()),
  /** A GPC signal also limits the use of sensitive personal information
   * (by default it opts out of sale and sharing only). */
  gpcLimitsSensitive: z.optional(flag()),
  /** Rights requests, the Limit and the Notice at Collection. */
  privacyCentre: z.optional(privacyCentreSchema),
  /** Reload the page when consent is withdrawn: scripts that already ran
   * cannot be unloaded. */
  reloadOnRevoke: z.optional(flag()),
  /** Proof of consent (GDPR Art. 7(1)): where each decision is sent. */
  receipts: z.optional(object({ url: url() })),
  layout: z._default(z.enum(LAYOUTS, { error: M.layout }), DEFAULTS.layout),
  /** A small button, always on screen, that reopens the preferences (EDPB:
   * withdrawal as easy as consent). It loads the UI chunk on every page. */
  floatingButton: z.optional(flag()),
  /** Where the script-tag build finds samtykke.ui.min.js; default: beside
   * samtykke.min.js. */
  uiUrl: z.optional(url()),
  /** The Trusted Types policy samtykke creates for the scripts it starts,
   * on a page whose CSP says `require-trusted-types-for 'script'`. */
  trustedTypesPolicy: z._default(
    z.string({ error: M.policy }).check(z.regex(POLICY_PATTERN, { error: M.policy })),
    DEFAULTS.trustedTypesPolicy,
  ),
  theme: z._default(z.enum(THEMES, { error: M.theme }), DEFAULTS.theme),
});

/** What a site passes to init(): every key optional. */
export type SamtykkeConfig = z.input<typeof configSchema>;
export type CookieSpec = z.output<typeof cookieSchema>;
export type ServiceConfig = z.output<typeof serviceSchema>;
export type CategoryConfig = z.output<typeof categorySchema>;

/** The config after defaults: what validate() checks. The hand-written
 * normalisers split it in two (below), both derived from this one type. */
export type Config = z.output<typeof configSchema>;
export type Regime = (typeof BASE_REGIMES)[number];

type Named<T> = { [key: string]: T };

export type ConsentModeOptions = Required<Exclude<z.output<typeof consentModeSchema>, boolean>>;

/** What the core acts on (normalise.ts): on every page view. `categories`
 * always holds `necessary` first, then the site's (or the default) ones. */
export type CoreConfig = Pick<
  Config,
  | 'regime' | 'defaultRegime' | 'region' | 'revision' | 'cookie' | 'googleAnalytics' | 'reloadOnRevoke' | 'receipts'
  | 'floatingButton' | 'uiUrl' | 'mspa' | 'trustedTypesPolicy' | 'gpcLimitsSensitive'
> & {
  /** Resolved: off, or on with every detail filled in. */
  consentMode: false | ConsentModeOptions;
  categories: Named<{ sale: boolean; sensitive: string[]; services: Named<{ cookies: (string | RegExp)[] }> }>;
};

type CookieRow = Exclude<CookieSpec, string | RegExp>;

/** What only the UI shows (normalise-ui.ts): loaded with the UI chunk. */
export type UiConfig = Pick<Config, 'locale' | 'privacyPolicyUrl' | 'texts' | 'layout' | 'theme'> & {
  /** Each right's methods as a list (a single one is a list of one). */
  privacyCentre?: Omit<NonNullable<Config['privacyCentre']>, 'rights'> & { rights: Partial<Record<(typeof RIGHTS)[number], string[]>> };
  categories: Named<
    Pick<CategoryConfig, 'label' | 'description' | 'retention'> & {
      services: Named<Omit<ServiceConfig, 'cookies'> & { cookies: CookieRow[] }>;
    }
  >;
};
