// The scale check: one page with 2,000 gated elements across 200 services.
// It reports the time samtykke takes to start on it, and the time from the
// click on Accept all until every element is switched on. Reported, never
// asserted.

export const SERVICES = 200;
export const ELEMENTS = 2000;

export function scalePage() {
  const services = {};
  for (let i = 0; i < SERVICES; i++) services[`service${i}`] = { name: `Service ${i}`, cookies: [`svc${i}_id`] };
  const half = SERVICES / 2;
  const config = {
    regime: 'opt-in',
    categories: {
      analytics: { services: Object.fromEntries(Object.entries(services).slice(0, half)) },
      marketing: { services: Object.fromEntries(Object.entries(services).slice(half)) },
    },
  };
  // Inline scripts, pixels and iframes, each gated by one service.
  const elements = [];
  for (let i = 0; i < ELEMENTS; i++) {
    const service = `service${i % SERVICES}`;
    if (i % 4 == 0) elements.push(`<img data-samtykke-service="${service}" data-src="/pixel.gif?${i}" alt="" width="1" height="1">`);
    else elements.push(`<script type="text/plain" data-samtykke-service="${service}">window.__ran = (window.__ran || 0) + 1;</script>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scale</title>
<script type="application/json" id="samtykke-config">${JSON.stringify(config)}</script>
<script>window.__beforeInit = performance.now();</script>
<script src="/sdk/samtykke/samtykke.min.js"></script>
<script>window.__afterInit = performance.now();</script>
</head><body><h1>2,000 gated elements</h1>
${elements.join('\n')}
<script>window.__parsed = performance.now();</script>
</body></html>`;
}

/** Starts a page, then accepts all; times on the page's clock. */
export async function measureScale(browser, url, throttle) {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.route((u) => u.hostname != 'localhost' && u.hostname != '127.0.0.1', (route) => route.abort());
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url, { waitUntil: 'load' });
    const init = await page.evaluate(() => window.__afterInit - window.__beforeInit);
    const accept = page.locator('samtykke-ui >> role=button[name="Accept all"]');
    await accept.waitFor();
    await page.evaluate(() => addEventListener('pointerdown', () => (window.__click = performance.now()), { capture: true, once: true }));
    await accept.click();
    const all = await page.waitForFunction(
      (scripts) => (window.__ran === scripts && !document.querySelector('[data-src]') ? performance.now() : 0),
      (ELEMENTS * 3) / 4,
      { timeout: 60_000, polling: 'raf' },
    );
    const done = await all.jsonValue();
    return { initMs: init, activateMs: done - (await page.evaluate(() => window.__click)) };
  } finally {
    await context.close();
  }
}
