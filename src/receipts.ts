// Consent receipts (GDPR Art. 7(1): the controller must be able to show that
// consent was given). Each decision is sent to the site's own endpoint as a
// small JSON record: no IP address, no personal data, nothing that
// identifies the visitor beyond the random consent id.
import type { ConsentSnapshot } from './consent.js';

export interface Receipt {
  /** The receipt format's version. */
  v: 1;
  /** The browser's random consent id. */
  id: string;
  /** When the choice was made, ISO 8601. */
  time: string;
  revision: number;
  regime: string;
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
  optedOut: boolean;
  gpc: boolean;
  /** The use of sensitive personal information is limited. */
  limited: boolean;
  locale: string | null;
  /** The version of the texts the choice was made on (ui/notice-version.ts),
   * when it was made in samtykke's UI; null through the API. */
  texts: string | null;
  /** The page the choice was made on (origin and path only). */
  page: string;
}

export function receiptOf(state: ConsentSnapshot, page: string, locale: string | null, texts: string | null): Receipt {
  return {
    v: 1,
    id: state.id!,
    time: new Date(state.timestamp!).toISOString(),
    revision: state.revision,
    regime: state.regime,
    categories: state.categories,
    services: state.services,
    optedOut: state.optedOut,
    gpc: state.gpc,
    limited: state.limited,
    locale,
    texts,
    page,
  };
}

/** Where a receipt that could not be sent waits for the next page view. */
const PENDING = 'samtykke-receipt';

function pending(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

/** Where the UI puts the version of its texts while it makes a choice
 * (ui.tsx), for the receipt of that choice: `Symbol.for(TEXTS)` on window. */
export const TEXTS = 'samtykke.texts';

/** Sends with sendBeacon (survives the page closing), else fetch keepalive.
 * Never throws and never waits on the page; a failure is kept for one retry.
 * The JSON goes as a string, so as text/plain;charset=UTF-8: a type a
 * request to another origin may have without a CORS preflight (a Blob of
 * application/json is refused by sendBeacon there, and fetch would ask
 * first). The log parses the body as JSON whatever its type. */
export function sendReceipt(url: string, body: string, retry = true): void {
  const keep = () => {
    if (retry) pending()?.setItem(PENDING, body);
  };
  try {
    if (navigator.sendBeacon?.(url, body)) return;
    fetch(url, { method: 'POST', body, keepalive: true }).then(
      (response) => response.ok || keep(),
      keep,
    );
  } catch {
    keep();
  }
}

/** Sends the receipt a previous page could not, once. */
export function retryReceipt(url: string): void {
  const store = pending();
  const body = store?.getItem(PENDING);
  if (!body) return;
  store!.removeItem(PENDING);
  sendReceipt(url, body, false);
}
