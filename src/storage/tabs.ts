// Other open tabs of the site hear of a choice at once, without a reload:
// the tab that records it says so on a BroadcastChannel (or, in a browser
// without one, with a localStorage nudge), and each tab that hears it reads
// the cookie again. Only the cookie is trusted: a message carries nothing.
export interface Tabs {
  /** Tells the site's other tabs that the stored choice changed. */
  tell(): void;
  /** Calls `nudged` whenever the stored choice may have changed elsewhere. */
  listen(nudged: () => void): void;
}

export function tabs(name: string): Tabs {
  const key = 'samtykke:' + name;
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(key);
  } catch {
    // Safari before 15.4, or a sandboxed frame: the storage event instead.
  }
  return {
    tell() {
      if (channel) return channel.postMessage(0);
      try {
        // Set and removed at once: other tabs get the event, nothing is kept.
        localStorage.setItem(key, '' + Math.random());
        localStorage.removeItem(key);
      } catch {
        // Storage blocked: the other tabs catch up when they are shown.
      }
    },
    listen(nudged) {
      if (channel) channel.onmessage = nudged;
      else addEventListener('storage', (event) => event.key == key && event.newValue && nudged());
      // A tab on another subdomain sharing the cookie, or a page back from
      // the back/forward cache, hears nothing: it looks when it is shown.
      document.addEventListener('visibilitychange', () => document.visibilityState == 'visible' && nudged());
      addEventListener('pageshow', (event) => event.persisted && nudged());
    },
  };
}
