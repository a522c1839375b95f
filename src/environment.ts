// The page as the consent object sees it (see Environment in consent.ts).
// The only module that reads window, document and navigator for the core.
import type { CoreConfig } from './config/schema.js';
import type { Environment } from './consent.js';
import { error } from './errors.js';
import { AUTO } from './site.js';
import { cookieStore, memoryStore } from './storage/store.js';
import { tabs } from './storage/tabs.js';
import { readGpc } from './signals/gpc.js';
import { report } from './report.js';

function readTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The time zone, read once per page: the regime, the sensitive-data rule
 * and the GPP section each ask, and every read builds a DateTimeFormat. */
function onceTimeZone(): () => string | undefined {
  let read = false;
  let zone: string | undefined;
  return () => (read ? zone : ((read = true), (zone = readTimeZone())));
}

const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

/** The page's CSP nonce, for the scripts samtykke adds: from its own script
 * tag, else from any script that has one (the nonce is one per page). */
export function pageNonce(): string | undefined {
  const own = document.currentScript as HTMLScriptElement | null;
  return own?.nonce || document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
}

/** No document (server-side rendering, workers): nothing is allowed,
 * stored or shown. */
export function memoryEnvironment(): Environment {
  return { store: memoryStore(), now: Date.now, random, gpc: false, report, inert: true };
}

export function browserEnvironment(config: CoreConfig): Environment {
  if (typeof document == 'undefined' || typeof window == 'undefined') return memoryEnvironment();
  const blocked = navigator.cookieEnabled === false;
  if (blocked) report(error(5));
  return {
    store: blocked
      ? memoryStore()
      : cookieStore(config.cookie, {
          document,
          hostname: location.hostname,
          secure: location.protocol == 'https:',
        }),
    now: Date.now,
    random,
    gpc: readGpc(navigator),
    // A browser that blocks cookies keeps each tab's choice to itself.
    tabs: blocked ? undefined : tabs(config.cookie.name),
    timeZone: AUTO ? onceTimeZone() : undefined,
    report,
    announce(snapshot) {
      try {
        window.dispatchEvent(new CustomEvent('samtykke:change', { detail: snapshot }));
      } catch {
        // A page without CustomEvent still has on('change').
      }
    },
  };
}
