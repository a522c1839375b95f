// The model behind churn.spec.ts: what one visitor chose, in one browser
// tab, and what everything samtykke shows the page must then say. Plain
// data and pure functions, written from the README's rules (API, How
// consent is decided, Gating tags, Consent Mode, US opt-out) and not
// imported from src/core, so that a mistake on either side shows up as a
// disagreement between the two.

export type Regime = 'opt-in' | 'opt-out';

/** The churn config's categories (necessary is added by samtykke), each
 * with one or two services. `marketing` is the sale/sharing category. */
export const CATEGORIES: Record<string, { sale: boolean; services: string[] }> = {
  preferences: { sale: false, services: ['chat'] },
  analytics: { sale: false, services: ['ga4', 'hotjar'] },
  marketing: { sale: true, services: ['adnet'] },
};
export const CATEGORY_IDS = Object.keys(CATEGORIES);
export const SERVICE_IDS = CATEGORY_IDS.flatMap((id) => CATEGORIES[id].services);
/** Names set() may be given: every category and service, plus two it must ignore. */
export const SET_NAMES = [...CATEGORY_IDS, ...SERVICE_IDS, 'necessary', 'nonsense'];

export type Action =
  | { do: 'acceptAll' }
  | { do: 'rejectAll' }
  | { do: 'set'; choices: Record<string, boolean> }
  | { do: 'optOut' }
  | { do: 'optIn' }
  | { do: 'reset' }
  /** page.reload(), with or without a Global Privacy Control signal from then on. */
  | { do: 'reload'; gpc: boolean };

export const describeAction = (action: Action) =>
  action.do == 'set' ? `set(${JSON.stringify(action.choices)})` : action.do == 'reload' ? `reload(gpc: ${action.gpc})` : `${action.do}()`;

/** What the browser remembers: the record in the cookie. `generation` stands
 * for the consent id: a new one each time a record is written with none before. */
export interface Stored {
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
  optedOut: boolean;
  gpc: boolean;
  generation: number;
}

/** What the page must show now: `getConsent()`'s decision fields. */
export interface View {
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
  optedOut: boolean;
  gpc: boolean;
  decided: boolean;
}

// ---------------------------------------------------------------------------
// Gated elements: the page's markup (churn.spec.ts renders it from this list).

export interface Gated {
  id: string;
  /** data-samtykke: a category, or `!category`. */
  rule?: string;
  /** data-samtykke-service. */
  service?: string;
  /**
   * - `inline`: an inline `<script type="text/plain">`, added by a script
   *   just before it as a whole element (see churn.spec.ts for why not as markup);
   * - `src`: an external `<script type="text/plain" src>` in the markup;
   * - `img`: an `<img data-src>` in the markup.
   */
  element: 'inline' | 'src' | 'img';
}

/** In document order. */
export const GATED: Gated[] = [
  { id: 'preferences', rule: 'preferences', element: 'inline' },
  { id: 'analytics', rule: 'analytics', element: 'src' },
  { id: 'marketing', rule: 'marketing', element: 'inline' },
  { id: 'hotjar', rule: 'analytics', service: 'hotjar', element: 'src' },
  { id: 'chat', service: 'chat', element: 'inline' },
  { id: 'adnet', rule: 'marketing', service: 'adnet', element: 'src' },
  { id: 'not-marketing', rule: '!marketing', element: 'inline' },
  { id: 'not-analytics', rule: '!analytics', element: 'src' },
  { id: 'not-hotjar', rule: '!analytics', service: 'hotjar', element: 'inline' },
  { id: 'pixel-marketing', rule: 'marketing', element: 'img' },
  { id: 'pixel-hotjar', service: 'hotjar', element: 'img' },
];

/** README, Gating tags: an element waits for its service if it names one,
 * else for its category; `!x` runs once x is refused (a choice made, x off). */
export function mayRun(gated: Gated, view: View): boolean {
  const rule = gated.rule ?? '';
  const negated = rule.startsWith('!');
  const name = gated.service ?? rule.slice(negated ? 1 : 0);
  const allowed = name in view.services ? view.services[name] : view.categories[name];
  return negated ? !allowed && view.decided : allowed;
}

// ---------------------------------------------------------------------------
// Google Consent Mode v2 (README: How categories map to types).

const CONSENT_TYPES: Record<string, string[]> = {
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  preferences: ['functionality_storage', 'personalization_storage'],
};

export function consentModeState(categories: Record<string, boolean>): Record<string, string> {
  const state: Record<string, string> = { security_storage: 'granted' };
  for (const [category, types] of Object.entries(CONSENT_TYPES)) {
    for (const type of types) state[type] = categories[category] ? 'granted' : 'denied';
  }
  return state;
}

/** The US Privacy string where the CCPA applies: notice given, opted out or not, no LSPA. */
export const uspString = (optedOut: boolean) => `1Y${optedOut ? 'Y' : 'N'}N`;

// ---------------------------------------------------------------------------

/** What happened during the current page load. */
export interface Load {
  /** The decision when the page started (the Consent Mode default). */
  initial: View;
  /** Gated elements that may have run by now, in the order they were let
   * run: each was allowed at some point of this load (a set keeps insertion
   * order, and each scan goes in document order). */
  ran: Set<string>;
  /** GA (the `ga4` service) was allowed at some point of this load, so gtag.js was added. */
  gaLoaded: boolean;
  /** `samtykke:change` events: what is allowed (categories, services, opt-out) changed. */
  changes: number;
  /** `consent` events: the visitor made a choice. */
  consents: number;
  /** The banner is up: the visitor was asked, and has not answered with a choice that decides. */
  banner: boolean;
}

export class Model {
  stored: Stored | null = null;
  /** The browser sends GPC on this page load. */
  gpc = false;
  load!: Load;
  private generations = 0;

  constructor(readonly regime: Regime) {}

  /** README, How consent is decided. */
  view(): View {
    const stored = this.stored;
    const optedOut = this.gpc || !!stored?.optedOut;
    const categories: Record<string, boolean> = { necessary: true };
    const services: Record<string, boolean> = {};
    let everyCategoryChosen = true;
    for (const id of CATEGORY_IDS) {
      const known = !!stored && id in stored.categories;
      if (!known) everyCategoryChosen = false;
      // The visitor's choice, else the regime's default; the opt-out of sale wins over both.
      const chosen = known ? stored!.categories[id] : this.regime == 'opt-out';
      const blocked = CATEGORIES[id].sale && optedOut;
      categories[id] = chosen && !blocked;
      // A service follows its category unless the visitor chose it by itself.
      for (const service of CATEGORIES[id].services) {
        services[service] = (stored && service in stored.services ? stored.services[service] : chosen) && !blocked;
      }
    }
    return {
      categories,
      services,
      optedOut,
      gpc: this.gpc || !!stored?.gpc,
      // Opt-in: a current choice for every category. Opt-out: nothing to ask, once anything is stored.
      decided: !!stored && (this.regime == 'opt-out' || everyCategoryChosen),
    };
  }

  /** A page load: the initial one of a sequence (cookies cleared) or a reload. */
  start(gpc: boolean) {
    this.gpc = gpc;
    // GPC is written to the record at once, so that a later visit without it stays opted out.
    if (gpc && !(this.stored?.optedOut && this.stored.gpc)) this.write({});
    const initial = this.view();
    this.load = { initial, ran: new Set(), gaLoaded: false, changes: 0, consents: 0, banner: false };
    this.ask();
    this.scan();
  }

  apply(action: Action) {
    if (action.do == 'reload') return this.start(action.gpc);
    const before = allowedPart(this.view());
    switch (action.do) {
      case 'acceptAll':
      case 'rejectAll':
        this.write({ categories: Object.fromEntries(CATEGORY_IDS.map((id) => [id, action.do == 'acceptAll'])), all: true });
        break;
      case 'set': {
        const categories: Record<string, boolean> = {};
        const services: Record<string, boolean> = {};
        for (const [name, value] of Object.entries(action.choices)) {
          if (CATEGORY_IDS.includes(name)) categories[name] = value;
          else if (SERVICE_IDS.includes(name)) services[name] = value;
          // necessary is always on; an unknown name is ignored.
        }
        this.write({ categories, services });
        break;
      }
      case 'optOut':
      case 'optIn':
        this.write({ optedOut: action.do == 'optOut' });
        break;
      case 'reset':
        this.stored = null;
        this.ask();
        break;
    }
    if (action.do != 'reset') this.load.consents++;
    // A choice that leaves every category decided closes the banner (ui.tsx follows the consent object).
    if (action.do != 'reset' && this.view().decided) this.load.banner = false;
    if (allowedPart(this.view()) != before) this.load.changes++;
    this.scan();
  }

  /** Records a choice (src/core/choice.ts): only what the visitor chose is
   * kept. A category switched (to another value than stored, or chosen for
   * the first time), and every category on Accept all / Reject all, takes
   * its services with it unless the same change names them; a category
   * saved as it was keeps the services chosen on their own. The opt-out
   * stays as it was unless the change says. */
  private write(change: { categories?: Record<string, boolean>; services?: Record<string, boolean>; optedOut?: boolean; all?: boolean }) {
    const kept = this.stored;
    const categories: Record<string, boolean> = {};
    const services: Record<string, boolean> = {};
    for (const id of CATEGORY_IDS) {
      const given = !!change.categories && id in change.categories;
      if (given) categories[id] = change.categories![id];
      else if (kept && id in kept.categories) categories[id] = kept.categories[id];
      const anew = given && (!!change.all || !kept || !(id in kept.categories) || kept.categories[id] != categories[id]);
      for (const service of CATEGORIES[id].services) {
        if (change.services && service in change.services) services[service] = change.services[service];
        else if (!anew && kept && service in kept.services) services[service] = kept.services[service];
      }
    }
    this.stored = {
      categories,
      services,
      optedOut: change.optedOut ?? this.view().optedOut,
      gpc: this.gpc || !!kept?.gpc,
      generation: kept ? kept.generation : ++this.generations,
    };
  }

  /** The opt-in regime asks with the banner while a category has no current choice. */
  private ask() {
    if (this.regime == 'opt-in' && !this.view().decided) this.load.banner = true;
  }

  /** The gate and GA look again after every choice: what is allowed now may run. */
  private scan() {
    const view = this.view();
    for (const gated of GATED) if (mayRun(gated, view)) this.load.ran.add(gated.id);
    if (view.services.ga4) this.load.gaLoaded = true;
  }
}

const allowedPart = (view: View) => JSON.stringify([view.categories, view.services, view.optedOut]);
