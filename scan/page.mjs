// What the scanner asks of a page: whether samtykke is there and what it
// decided, the config block, the hosts of the page's gated elements, the
// page's links, and every frame's storage. Each function runs one small
// read in the page and never throws: a page that breaks a read just gives
// less.

/** Samtykke on the page: its global, its banner's host element, its config
 * block's text, and its snapshot (getConsent) where the global is there. */
export async function inspectSamtykke(page) {
  try {
    return await page.evaluate(() => {
      const api = /** @type {any} */ (window).Samtykke;
      let consent;
      try {
        consent = api && typeof api.getConsent == 'function' ? JSON.parse(JSON.stringify(api.getConsent())) : undefined;
      } catch {}
      const block = document.getElementById('samtykke-config');
      return {
        global: !!api,
        ui: !!document.querySelector('samtykke-ui'),
        block: block && block.getAttribute('type') == 'application/json' ? block.textContent : null,
        consent,
      };
    });
  } catch {
    return { global: false, ui: false, block: null, consent: undefined };
  }
}

/** Hosts of the page's gated elements: host → the category or service the
 * page gates it by (`data-samtykke`, `data-samtykke-service`). */
export async function gatedHosts(page) {
  try {
    return await page.evaluate(() => {
      const out = [];
      for (const element of document.querySelectorAll('[data-samtykke], [data-samtykke-service]')) {
        const url = element.getAttribute('src') || element.getAttribute('data-src') || element.getAttribute('data-href') || element.getAttribute('href');
        if (!url) continue;
        try {
          const host = new URL(url, location.href).hostname;
          const category = (element.getAttribute('data-samtykke') || '').replace(/^!/, '');
          if (element.getAttribute('data-samtykke')?.startsWith('!')) continue;
          out.push({ host, category: category || undefined, service: element.getAttribute('data-samtykke-service') || undefined });
        } catch {}
      }
      return out;
    });
  } catch {
    return [];
  }
}

/** The addresses the page links to (absolute). */
export async function linksOf(page) {
  try {
    return await page.$$eval('a[href]', (anchors) => anchors.map((a) => /** @type {HTMLAnchorElement} */ (a).href));
  } catch {
    return [];
  }
}

/** Every frame's origin and storage keys with their values. */
export async function frameStorage(page) {
  const out = [];
  for (const frame of page.frames()) {
    try {
      out.push(
        await frame.evaluate(() => {
          const read = (area) => {
            const bag = {};
            try {
              const store = window[area];
              for (let i = 0; i < store.length; i++) {
                const key = store.key(i);
                bag[key] = store.getItem(key);
              }
            } catch {}
            return bag;
          };
          return { origin: location.origin, localStorage: read('localStorage'), sessionStorage: read('sessionStorage') };
        }),
      );
    } catch {
      // A frame that navigated away or was removed while we asked.
    }
  }
  return out.filter((frame) => frame.origin && frame.origin != 'null');
}

/** Scrolls to the end in steps, so lazy tags and observers fire. */
export async function scrollThrough(page) {
  try {
    await page.evaluate(async () => {
      const step = Math.max(200, innerHeight * 0.8);
      for (let y = 0; y < document.documentElement.scrollHeight && y < 20_000; y += step) {
        scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  } catch {}
}
