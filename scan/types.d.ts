// The shapes `samtykke scan` works with, and the schema of scan.json
// (schemaVersion 1). The modules in scan/ are plain ESM JavaScript and
// refer to these with JSDoc (`@typedef {import('./types').Item} Item`).

/** The browser states a scan visits, each in a fresh browser context:
 * no choice yet; Reject all clicked; Accept all clicked; a browser sending
 * Global Privacy Control (Accept all clicked too where a banner asks). */
export type StateName = 'before' | 'reject' | 'accept' | 'gpc';

export type Kind = 'cookie' | 'localStorage' | 'sessionStorage' | 'request';
export type Party = 'first' | 'third';

/** Where a classification came from, strongest first. */
export type Source = 'config' | 'override' | 'open-cookie-database' | 'third-party-web' | 'heuristic' | 'none';
export type Confidence = 'high' | 'medium' | 'low' | 'none';

export interface Classification {
  /** `necessary`, `preferences`, `analytics`, `marketing`, one of the site's
   * own category ids, or `unknown` when nothing matched. */
  category: string;
  source: Source;
  confidence: Confidence;
  /** How it matched: a whole name, the longest wildcard prefix, a config
   * RegExp, a request host (or a parent domain of it), or a cookie samtykke
   * knows itself (the record cookie, Google's `_ga`). */
  match?: 'exact' | 'prefix' | 'pattern' | 'host' | 'known';
  /** The name, prefix (`_ga_*`), pattern (`/^_ga_/`) or host that matched. */
  pattern?: string;
  /** The site config's service id, when the config says it. */
  service?: string;
  /** The product or company behind it (Open Cookie Database's Platform,
   * third-party-web's entity name). */
  platform?: string;
  /** Who controls the data, where the database says. */
  controller?: string;
  description?: string;
  /** The database's retention text (`2 years`). */
  retention?: string;
  /** The controller's privacy page, where the database gives one. */
  privacyUrl?: string;
}

/** What a classifier is asked about. */
export interface Subject {
  kind: Kind;
  /** Cookie name, storage key, or request host. */
  name: string;
  /** Cookie domain (without the leading dot), storage origin's host, or the request host. */
  domain: string;
  party: Party;
}

/** Who set a cookie or storage key, or sent a request. */
export interface Origin {
  /** `script`: a script wrote it (document.cookie, localStorage); `header`:
   * a Set-Cookie response header; `unknown`: seen, but nothing told. */
  via: 'script' | 'header' | 'unknown';
  /** The script's URL (for a script), or the response's URL (for a header). */
  url?: string;
  /** For a header: the status, e.g. 302 for a redirect's Set-Cookie. */
  status?: number;
}

/** One item seen once in one state. */
export interface Sighting {
  state: StateName;
  /** The page (the address the crawl visited) on screen when it was seen. */
  page: string;
  /** Milliseconds after the state's choice click (negative: before it);
   * in a state with no click, after the state's first navigation started. */
  at: number;
  /** Cookies: when it expires (seconds since the epoch; -1 for a session
   * cookie) and that as days from when it was seen (null: session). */
  expires?: number;
  lifetimeDays?: number | null;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  partitioned?: boolean;
  /** Only with --keep-values. */
  value?: string;
  /** Storage: the origin of the frame whose storage holds the key. */
  frame?: string;
  /** Requests: the URL without its query and fragment, the resource type
   * (Playwright's: script, image, fetch, ping, document, …), whether it was
   * a beacon (sendBeacon / ping), and whether a service worker sent it. */
  url?: string;
  resourceType?: string;
  beacon?: boolean;
  serviceWorker?: boolean;
  setBy?: Origin;
}

/** One cookie (name, domain, path), storage key (kind, origin, key) or
 * third-party request host, with every sighting across the states. */
export interface Item {
  /** Stable and unique in a scan: `cookie:_ga@example.com/`,
   * `localStorage:https://example.com:key`, `request:www.google-analytics.com`. */
  id: string;
  kind: Kind;
  name: string;
  domain: string;
  /** Cookies only. */
  path?: string;
  /** Storage only. */
  origin?: string;
  party: Party;
  classification: Classification;
  sightings: Sighting[];
}

export type Rule =
  | 'nonessential-before-consent'
  | 'nonessential-after-reject'
  | 'gpc-not-honoured'
  | 'undeclared'
  | 'persists-after-reject'
  | 'unknown-third-party'
  | 'lifetime-over-13-months'
  | 'declared-unseen';

export type Severity = 'violation' | 'warning' | 'info';

export interface Finding {
  rule: Rule;
  severity: Severity;
  /** One line a person reads. */
  message: string;
  /** The item (Item.id), absent for declared-unseen. */
  item?: string;
  kind?: Kind;
  name?: string;
  category?: string;
  state?: StateName;
  /** The first page it happened on. */
  page?: string;
  /** The script or response responsible, where known. */
  script?: string;
  /** declared-unseen: the config's service and pattern. */
  service?: string;
  pattern?: string;
}

export interface PageVisit {
  url: string;
  /** Where it ended after redirects, if elsewhere. */
  finalUrl?: string;
  status?: number;
  error?: string;
  /** The regime samtykke applied on this page, where its global tells. */
  regime?: 'opt-in' | 'opt-out';
}

export interface StateRun {
  name: StateName;
  pages: PageVisit[];
  /** The click that made the choice (reject, accept, and gpc where a banner asked). */
  choice?: { action: 'accept' | 'reject'; page: string; clickedAt: string; via: 'banner' | 'api' };
  /** Item ids of the cookies and storage keys still there when the state ended. */
  remaining?: string[];
  /** What samtykke said on the first page, after the choice where one was
   * made (`Samtykke.getConsent()`), where the page has the global. */
  consent?: Record<string, unknown>;
  /** Why the state could not run (banner or buttons not found, …). */
  error?: string;
}

export interface ScanResult {
  schemaVersion: 1;
  tool: { name: 'samtykke'; version: string };
  url: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  options: {
    pages: number;
    states: StateName[];
    waitMs: number;
    include: string[];
    exclude: string[];
    sitemap: boolean;
    keepValues: boolean;
    failOn: Severity | 'never';
  };
  site: {
    origin: string;
    /** The registrable domain (eTLD+1) that decides first or third party. */
    site: string;
    /** Whether samtykke was found on the site. */
    samtykke: boolean;
    /** The regime samtykke applied in the `before` state, if it could be told. */
    regime?: 'opt-in' | 'opt-out';
    /** Where the config came from: the page's config block, --config, or none. */
    config: 'page' | 'file' | 'none';
    /** The config's record cookie name (`samtykke` by default). */
    cookieName?: string;
  };
  /** The pages visited, in crawl order. */
  pages: string[];
  states: StateRun[];
  items: Item[];
  findings: Finding[];
  summary: {
    /** Per state run: the items seen there by kind, and how many of them
     * need consent (a category other than necessary and unknown). */
    states: Partial<Record<StateName, { cookies: number; storage: number; requests: number; nonessential: number }>>;
    findings: Record<Severity, number>;
    /** The exit code the command gives: 0 clean, 1 findings at or over
     * --fail-on. (A scan that fails exits 2 and writes no scan.json; the
     * report still reads 2 as "the scan could not finish".) */
    exitCode: 0 | 1 | 2;
  };
}
