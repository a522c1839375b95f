// The defaults, written once: the zod schema (development, validate(), CLI,
// JSON Schema) and the production normaliser both read them from here.

export const REGIMES = ['opt-in', 'opt-out', 'auto'] as const;
export const BASE_REGIMES = ['opt-in', 'opt-out'] as const;
export const SAME_SITE = ['Lax', 'Strict', 'None'] as const;
export const LAYOUTS = ['bar', 'bar-top', 'box', 'modal'] as const;
export const THEMES = ['auto', 'light', 'dark', 'high-contrast'] as const;
export const PARTIES = ['first', 'third'] as const;

/** The category that is always on and cannot be switched off. */
export const NECESSARY = 'necessary';

/** Category and service ids: they are stored in the record cookie, so they
 * must stay short and free of the record's separators (`.`, `:`, `|`). */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const COOKIE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const REGION_PATTERN = /^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/;
/** Absolute http(s) or root-relative: never `javascript:`. */
export const URL_PATTERN = /^(https?:\/\/|\/)/;
/** How a visitor reaches the site for a privacy right: an https: address,
 * a relative one (no scheme, not protocol-relative), a mailto: or a tel:
 * address. Never `javascript:`, `data:` or plain `http:`. */
export const METHOD_PATTERN = /^(https:\/\/\S+|mailto:\S+@\S+|tel:\+?[\d ().-]{3,}|(?![a-z][a-z\d+.-]*:|\/\/)\S+)$/i;
/** The rights a privacy centre lists, in the order it lists them. GDPR Art.
 * 15-21, and the US state laws' know, delete, correct, appeal and agent. */
export const RIGHTS = ['access', 'delete', 'correct', 'portability', 'restrict', 'object', 'appeal', 'agent', 'complaint'] as const;
/** A Trusted Types policy name, as CSP's `trusted-types` directive allows it. */
export const POLICY_PATTERN = /^[\w\-#=/@.%]{1,64}$/;
export const GA_ID_PATTERN = /^G-[A-Z0-9]{4,16}$/;

/** Browsers cap a cookie's life at 400 days (Chrome, RFC 6265bis). */
export const MAX_DAYS = 400;

export const DEFAULTS = {
  regime: 'opt-in',
  defaultRegime: 'opt-in',
  revision: 0,
  layout: 'bar',
  trustedTypesPolicy: 'samtykke',
  theme: 'auto',
  cookie: {
    name: 'samtykke',
    path: '/',
    // CNIL's recommended 6 months for a consent or a refusal.
    days: 182,
    // CCPA: no new opt-in prompt for 12 months after an opt-out.
    optOutDays: 365,
    sameSite: 'Lax',
  },
} as const;

/** The categories a site gets when it names none. `sale: true` marks a sale
 * or sharing of personal information under CCPA/CPRA. */
export const DEFAULT_CATEGORIES = ['preferences', 'analytics', 'marketing'] as const;
export const DEFAULT_SALE_CATEGORIES: readonly string[] = ['marketing'];

export const CONSENT_MODES = ['basic', 'advanced'] as const;
export const DATA_LAYER_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
/** Google's suggestion for an asynchronously loaded CMP. */
export const WAIT_FOR_UPDATE = 500;
