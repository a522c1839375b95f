// Where the record lives: the first-party cookie, or
// memory when there is no document (SSR) or the browser blocks cookies.
import type { CoreConfig } from '../config/schema.js';
import { parentDomains } from './domains.js';
import { readCookies, removeCookie, writeCookie } from './cookie.js';

export interface RecordStore {
  /** Every value stored under the record's name (duplicates included). */
  read(): string[];
  /** Stores the value; false if the browser did not keep it. */
  write(value: string, days: number): boolean;
  /** Removes the record, including copies on the host's parent domains. */
  remove(): void;
  /** True while the record is kept in memory only. */
  readonly memory: boolean;
}

export function memoryStore(): RecordStore {
  let value: string | undefined;
  return {
    read: () => (value ? [value] : []),
    write: (next) => ((value = next), true),
    remove: () => void (value = undefined),
    memory: true,
  };
}

export interface CookieContext {
  /** `document`, for reading every copy of the cookie. */
  document: Pick<Document, 'cookie'>;
  hostname: string;
  /** The page is https: the cookie is marked Secure. */
  secure: boolean;
}

export function cookieStore(options: CoreConfig['cookie'], context: CookieContext): RecordStore {
  const { name, path, domain, sameSite } = options;
  const prefix = name + '=';
  const read = () =>
    readCookies(context.document)
      .split(/;\s*/)
      .filter((pair) => pair.startsWith(prefix))
      .map((pair) => pair.slice(prefix.length));
  // When cookies turn out to be blocked, the choice still holds for the page.
  let fallback: RecordStore | null = null;
  const store: RecordStore = {
    read: () => (fallback ? fallback.read() : read()),
    write(value, days) {
      if (fallback) return fallback.write(value, days);
      writeCookie(name, value, {
        days,
        path,
        domain,
        sameSite,
        // SameSite=None is only accepted with Secure.
        secure: context.secure || sameSite == 'None',
      });
      if (read().includes(value)) return true;
      // Refused (blocked, or too big): an older choice left in the cookie
      // must not come back on the next page.
      store.remove();
      fallback = memoryStore();
      fallback.write(value, days);
      return false;
    },
    remove() {
      fallback?.remove();
      removeCookie(name, path);
      for (const parent of parentDomains(context.hostname)) removeCookie(name, path, parent);
      if (domain) removeCookie(name, path, domain);
    },
    get memory() {
      return !!fallback;
    },
  };
  return store;
}
