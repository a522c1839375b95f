// What one browser context (one state of a scan) saw: the cookies in its jar
// and who wrote them, the storage keys of every frame, and every request to
// another site. It turns the browser's events into observations, one per
// item and page (an item written again on a later page is seen again there),
// which collect.mjs turns into the scan's items.
import { scriptInStack } from './hooks.mjs';
import { parseSetCookie } from './set-cookie.mjs';
import { hostOf, partyOf } from './site.mjs';

/** @typedef {import('./types').StateName} StateName */

const DAY = 86_400_000;

/** The key of a cookie in the jar, and of a stored key. */
const cookieKey = (name, domain, path) => `cookie:${name}@${domain.replace(/^\./, '')}${path}`;
const storageKey = (area, origin, key) => `${area}:${origin}:${key}`;

/** Whether a write for `domain` can be the jar's cookie on `cookieDomain`. */
function sameCookieDomain(writeDomain, cookieDomain) {
  const a = writeDomain.replace(/^\./, '');
  const b = cookieDomain.replace(/^\./, '');
  return a == b || a.endsWith('.' + b) || b.endsWith('.' + a);
}

/** A URL without its query and fragment: what a report needs, not the
 * identifiers a tracker puts in its query. */
export function bareUrl(url) {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return String(url).split(/[?#]/)[0];
  }
}

export function createRecorder({ state, site, keepValues = false }) {
  /** @type {object[]} */
  const observations = [];
  let page = '';
  let reference = 0;
  /** Writes since the last look at the jar, by cookie name. */
  let cookieWrites = [];
  let storageWrites = new Map();
  /** The jar and the storage as last seen: key → value. */
  let jar = new Map();
  let stored = new Map();
  /** key|page: one observation of an item per page. */
  const noted = new Set();
  const requests = new Set();
  const initiators = new Map();

  function note(key, observation) {
    const once = `${key}|${page}`;
    if (noted.has(once)) return;
    noted.add(once);
    observations.push({ key, state, page, ...observation });
  }

  return {
    observations,
    /** The page now on screen (the crawl's address for it). */
    setPage(address) {
      page = address;
    },
    /** What `at` counts from: the choice's click, or the state's first navigation. */
    setReference(time) {
      reference = time;
    },

    /** An event from hooks.mjs in some frame. */
    onHook(event) {
      if (!event || typeof event != 'object') return;
      const script = scriptInStack(event.stack);
      const setBy = script ? { via: 'script', url: bareUrl(script) } : { via: 'unknown' };
      const time = typeof event.time == 'number' ? event.time : Date.now();
      if (event.type == 'cookie') {
        const parsed = parseSetCookie(event.text, time);
        if (!parsed || parsed.deletes) return;
        cookieWrites.push({ name: parsed.name, domain: parsed.domain || hostOf(event.origin), time, setBy });
      } else if (event.type == 'storage' && (event.area == 'localStorage' || event.area == 'sessionStorage')) {
        const key = storageKey(event.area, event.origin, event.key);
        if (!storageWrites.has(key)) storageWrites.set(key, { time, setBy });
      }
    },

    /** A response's Set-Cookie lines (a redirect's too). */
    async onResponse(response) {
      let lines;
      try {
        lines = (await response.headersArray()).filter((h) => h.name.toLowerCase() == 'set-cookie').flatMap((h) => h.value.split('\n'));
      } catch {
        return;
      }
      const url = response.url();
      const time = Date.now();
      for (const line of lines) {
        const parsed = parseSetCookie(line, time);
        if (parsed && !parsed.deletes) cookieWrites.push({ name: parsed.name, domain: parsed.domain || hostOf(url), time, setBy: { via: 'header', url: bareUrl(url), status: response.status() } });
      }
    },

    /** Which script asked for a URL, as Chromium's network domain tells. */
    onInitiator(url, script) {
      if (script) initiators.set(`${page}|${url}`, bareUrl(script));
    },

    /** A request; only those to another site become observations. */
    onRequest(request) {
      const url = request.url();
      const host = hostOf(url);
      if (!host || partyOf(host, site) == 'first') return;
      const type = request.resourceType();
      const beacon = type == 'ping' || type == 'beacon';
      let serviceWorker = false;
      let worker;
      try {
        worker = request.serviceWorker()?.url();
        serviceWorker = !!worker;
      } catch {}
      const once = `${host}|${page}|${type}|${serviceWorker}`;
      if (requests.has(once)) return;
      requests.add(once);
      observations.push({
        key: `request:${host}`,
        kind: 'request',
        name: host,
        domain: host,
        party: 'third',
        state,
        page,
        time: Date.now(),
        url: bareUrl(url),
        resourceType: type,
        beacon,
        serviceWorker,
        // Who asked is filled in by finish(): Chromium's network domain may
        // tell after this event. A service worker's own request names the worker.
        request: `${page}|${url}`,
        ...(worker ? { setBy: { via: 'script', url: bareUrl(worker) } } : {}),
      });
    },

    /** Once the state's pages are done: each observation's time counts
     * from the click (known only once it is made), and each request gets
     * the script that asked for it, where Chromium told. */
    finish() {
      for (const observation of observations) {
        observation.at = Math.round(observation.time - reference);
        delete observation.time;
        if (observation.kind != 'request') continue;
        const script = initiators.get(observation.request);
        if (script && !observation.setBy) observation.setBy = { via: 'script', url: script };
        delete observation.request;
      }
    },

    /** A look at the jar: new cookies, and cookies written again since the
     * last look, are observed on the current page. */
    seeCookies(cookies, now = Date.now()) {
      const next = new Map();
      for (const cookie of cookies) {
        const key = cookieKey(cookie.name, cookie.domain, cookie.path);
        next.set(key, cookie.value);
        const writes = cookieWrites.filter((w) => w.name == cookie.name && sameCookieDomain(w.domain, cookie.domain));
        const known = jar.has(key);
        if (known && !writes.length && jar.get(key) == cookie.value) continue;
        const write = writes[0];
        const expires = cookie.expires > 0 ? Math.round(cookie.expires) : -1;
        note(key, {
          kind: 'cookie',
          name: cookie.name,
          domain: cookie.domain.replace(/^\./, ''),
          path: cookie.path,
          party: partyOf(cookie.domain, site),
          time: write ? write.time : now,
          expires,
          lifetimeDays: expires < 0 ? null : Math.round(((expires * 1000 - (write ? write.time : now)) / DAY) * 10) / 10,
          httpOnly: cookie.httpOnly,
          secure: cookie.secure,
          sameSite: cookie.sameSite,
          ...(cookie.partitionKey ? { partitioned: true } : {}),
          ...(keepValues ? { value: cookie.value } : {}),
          setBy: write ? write.setBy : { via: 'unknown' },
        });
      }
      jar = next;
      cookieWrites = [];
    },

    /** A look at every frame's storage: [{ origin, localStorage: {k: v}, sessionStorage: {k: v} }]. */
    seeStorage(frames, now = Date.now()) {
      const next = new Map();
      for (const frame of frames) {
        for (const area of ['localStorage', 'sessionStorage']) {
          for (const [name, value] of Object.entries(frame[area] || {})) {
            const key = storageKey(area, frame.origin, name);
            if (next.has(key)) continue;
            next.set(key, value);
            const write = storageWrites.get(key);
            if (stored.has(key) && !write && stored.get(key) == value) continue;
            const host = hostOf(frame.origin);
            note(key, {
              kind: area,
              name,
              domain: host,
              origin: frame.origin,
              party: partyOf(host, site),
              time: write ? write.time : now,
              frame: frame.origin,
              ...(keepValues ? { value: String(value).slice(0, 1024) } : {}),
              setBy: write ? write.setBy : { via: 'unknown' },
            });
          }
        }
      }
      // A frame that went away keeps its keys in the browser; keep them here too.
      for (const [key, value] of stored) if (!next.has(key)) next.set(key, value);
      stored = next;
      storageWrites = new Map();
    },

    /** The cookies and storage keys there now (for persists-after-reject). */
    present() {
      return [...jar.keys(), ...stored.keys()];
    },
  };
}
