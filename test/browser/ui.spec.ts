// The consent banner and the preferences dialog as a visitor meets them in
// Chromium: on screen when a choice is needed and never again after it,
// operable by keyboard alone, equal buttons, nothing pre-ticked, the choice
// made is the choice stored, and unharmed by the page's CSS, a strict CSP,
// a small screen or hostile text.
import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { HTTPS, pageWith, serve, watchConsole, type Pages, type Site } from './site';

const TITLE = 'We value your privacy';
const LAYOUTS = ['bar', 'bar-top', 'box', 'modal'] as const;
type Layout = (typeof LAYOUTS)[number];
const UI_CHUNK = '/dist/samtykke.ui.min.js';
const BANNER_BUTTONS = ['Accept all', 'Reject all', 'Preferences'];
const DIALOG_BUTTONS = ['Accept all', 'Reject all', 'Save choices'];
const NOTHING = { necessary: true, preferences: false, analytics: false, marketing: false };
const EVERYTHING = { necessary: true, preferences: true, analytics: true, marketing: true };
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A shop's config: a privacy policy (so no warning) and a service with a cookie table. */
const SHOP = {
  privacyPolicyUrl: '/privacy',
  categories: {
    preferences: {
      services: {
        chat: {
          name: 'Support chat',
          provider: 'Chatly AS',
          purpose: 'Live support',
          privacyPolicyUrl: 'https://chatly.example/privacy',
          cookies: [{ name: 'chatly_id', lifetime: '1 year', party: 'third' }],
        },
      },
    },
    analytics: {},
    marketing: {},
  },
};

const CONTENT = '<main><p>Our products.</p><a href="#products">Page link</a></main>';
const OPENER = '<button type="button" data-samtykke-link="preferences">Cookie settings</button>';

// ---------------------------------------------------------------------------
// Helpers

interface Visit {
  config?: Record<string, unknown>;
  extra?: string;
  bundle?: string;
  /** Rewrites the generated page (e.g. its <html lang>). */
  edit?: (html: string) => string;
  headers?: Record<string, string>;
}

/** Serves a page with SHOP's config (plus `config`) and opens it. */
async function visit(page: Page, { config = {}, extra = CONTENT, bundle, edit = (h) => h, headers }: Visit = {}) {
  const body = edit(pageWith({ ...SHOP, ...config }, extra, bundle));
  const site = await serve(page, { '/': headers ? { body, headers } : body, '/privacy': '<p>Privacy</p>' });
  const log = watchConsole(page);
  await page.goto(HTTPS + '/');
  return { site, log };
}

/** Several variants of the shop, one per path, for tests that visit each in turn. */
async function variants(page: Page, configs: Record<string, Record<string, unknown>>, extra = CONTENT) {
  const pages: Pages = { '/privacy': '<p>Privacy</p>' };
  for (const [path, config] of Object.entries(configs)) pages[path] = pageWith({ ...SHOP, ...config }, extra);
  return { site: await serve(page, pages), log: watchConsole(page) };
}

const host = (page: Page) => page.locator('samtykke-ui');
const bannerOf = (page: Page, layout: Layout | string = 'bar') =>
  layout == 'modal' ? page.getByRole('dialog', { name: TITLE }) : page.getByRole('region', { name: TITLE });
const preferencesOf = (page: Page) => page.getByRole('dialog', { name: 'Privacy preferences' });
const buttons = (container: Locator, names: string[]) => names.map((name) => container.getByRole('button', { name, exact: true }));

/** Waits for the UI's entrance animation, so boxes are where they stay. */
async function settle(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      (document.querySelector('samtykke-ui')?.shadowRoot?.getAnimations() ?? []).map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

async function showBanner(page: Page, layout: Layout | string = 'bar') {
  const banner = bannerOf(page, layout);
  await expect(banner).toBeVisible();
  await settle(page);
  return banner;
}

/** Opens the preferences from the banner's Preferences button. */
async function openPreferences(page: Page, layout: Layout | string = 'bar') {
  await (await showBanner(page, layout)).getByRole('button', { name: 'Preferences', exact: true }).click();
  const dialog = preferencesOf(page);
  await expect(dialog).toBeVisible();
  await settle(page);
  return dialog;
}

const uiRequests = (site: Site) => site.requests.filter((url) => new URL(url).pathname == UI_CHUNK);
const recordCookie = async (page: Page) => (await page.context().cookies(HTTPS)).find((c) => c.name == 'samtykke');
const categories = (page: Page) => page.evaluate(() => (window as any).Samtykke.getConsent().categories);

/** The focused element, looked for inside shadow roots, as a visitor would
 * name it, and whether it is inside `container`. */
function focusedIn(page: Page, container?: Locator) {
  const describe = (element: Element | null) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const label = (active as HTMLInputElement | null)?.labels?.[0]?.textContent;
    const name = !active || active == document.body ? 'body' : (active.getAttribute('aria-label') || label || active.textContent || active.tagName).trim();
    return { name, inside: !!element && !!active && element.contains(active) };
  };
  return container ? container.evaluate(describe) : page.evaluate(describe, null);
}
const focused = async (page: Page) => (await focusedIn(page)).name;

/** Presses `key` `times` times; focus must stay inside `dialog` each time.
 * Returns what was focused, so the caller can check Tab went round. */
async function expectFocusKeptIn(page: Page, dialog: Locator, key: string, times = 15) {
  const seen = new Set<string>();
  for (let i = 1; i <= times; i++) {
    await page.keyboard.press(key);
    const { name, inside } = await focusedIn(page, dialog);
    expect(inside, `${key} #${i} moved focus out of the dialog, to "${name}"`).toBe(true);
    seen.add(name);
  }
  return seen;
}

/** Same width and height within 1px, and really on screen. */
async function expectEqualSize(controls: Locator[], where: string) {
  const boxes = await Promise.all(controls.map((c) => c.boundingBox()));
  expect(boxes.every((b) => b && b.width > 0 && b.height > 0), `${where}: every button is rendered`).toBe(true);
  const widths = boxes.map((b) => b!.width);
  const heights = boxes.map((b) => b!.height);
  expect(Math.max(...widths) - Math.min(...widths), `${where}: widths ${widths.join(', ')}`).toBeLessThanOrEqual(1);
  expect(Math.max(...heights) - Math.min(...heights), `${where}: heights ${heights.join(', ')}`).toBeLessThanOrEqual(1);
}

/** Each control can be scrolled into view, lies inside the viewport and takes a click there. */
async function expectReachable(page: Page, controls: Locator, where: string) {
  const { width, height } = page.viewportSize()!;
  const all = await controls.all();
  expect(all.length, `${where}: controls found`).toBeGreaterThan(0);
  for (const control of all) {
    const name = (await control.getAttribute('aria-label')) || (await control.textContent())?.trim() || '?';
    await control.scrollIntoViewIfNeeded();
    const box = (await control.boundingBox())!;
    expect(box, `${where}: "${name}" has a box`).not.toBeNull();
    const inside = box.x >= -0.5 && box.y >= -0.5 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
    expect(inside, `${where}: "${name}" at ${JSON.stringify(box)} lies outside the ${width}×${height} viewport`).toBe(true);
    // Actionability and hit-testing at its centre, without clicking.
    await control.click({ trial: true, timeout: 2000 });
  }
}

/** Boxes inside `container` that scroll sideways (WCAG 1.4.10 Reflow). The
 * cookie tables' own wrapper may (data tables are exempt), and visually
 * hidden text is clipped on purpose. */
const sidewaysScrollers = (container: Locator) =>
  container.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .filter((el) => !el.matches('.table, .hidden') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX != 'visible')
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ${el.scrollWidth}px content in ${el.clientWidth}px`),
  );

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

async function expectNoAxeViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).include('samtykke-ui').analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  expect(found, `axe violations in ${what}`).toEqual([]);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, animations: 'disabled' });

/** After a reload the stored choice holds: no banner, no UI chunk fetched. */
async function expectQuietReturn(page: Page, site: Site) {
  const before = uiRequests(site).length;
  // The core appends the chunk's <script> before the load event, so by then
  // it would have been requested.
  await page.reload({ waitUntil: 'load' });
  await page.waitForTimeout(100);
  await expect(host(page)).toHaveCount(0);
  expect(uiRequests(site).length, 'UI chunk requests on the return visit').toBe(before);
}

// ---------------------------------------------------------------------------

test.describe('first visit and return', () => {
  for (const layout of LAYOUTS) {
    test(`${layout}: the banner shows on the first visit and not after a choice`, async ({ page }) => {
      const { site, log } = await visit(page, { config: { layout, theme: 'light' } });
      const banner = await showBanner(page, layout);
      await expect(host(page)).toHaveAttribute('data-theme', 'light');
      expect(uiRequests(site)).toHaveLength(1);
      await banner.getByRole('button', { name: 'Accept all' }).click();
      await expect(banner).toBeHidden();
      expect(await recordCookie(page)).toBeDefined();
      await expectQuietReturn(page, site);
      expect(log.errors).toEqual([]);
      expect(log.warnings).toEqual([]);
    });
  }

  test('without privacyPolicyUrl: one console warning for the site owner, and the banner still shows', async ({ page }) => {
    const { log } = await visit(page, { config: { privacyPolicyUrl: undefined } });
    const banner = await showBanner(page);
    expect(log.warnings.filter((w) => w.includes('privacyPolicyUrl'))).toHaveLength(1);
    // No link to nowhere: the link text stays as plain text.
    expect(await banner.locator('a').count()).toBe(0);
    await expect(banner).toContainText('Read more in our privacy policy.');
    expect(log.errors).toEqual([]);
  });

  // Each theme's own background: the theme is applied, not only named.
  const themes = [
    { theme: 'light', expected: 'light', background: 'rgb(255, 255, 255)' },
    { theme: 'dark', expected: 'dark', background: 'rgb(27, 28, 31)' },
    { theme: 'high-contrast', expected: 'high-contrast', background: 'rgb(0, 0, 0)' },
    { theme: 'auto', expected: 'light', background: 'rgb(255, 255, 255)' },
    { theme: 'auto', expected: 'dark', background: 'rgb(27, 28, 31)', dark: true },
  ];
  test('each theme is applied (auto follows the system), and no banner after a choice', async ({ page }) => {
    const { site } = await variants(page, Object.fromEntries(themes.map(({ theme }) => [`/${theme}`, { theme }])));
    for (const { theme, expected, background, dark } of themes) {
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      await page.goto(`${HTTPS}/${theme}`);
      const banner = await showBanner(page);
      await expect(host(page), theme).toHaveAttribute('data-theme', expected);
      expect(await banner.evaluate((el) => getComputedStyle(el).backgroundColor), theme).toBe(background);
      await banner.getByRole('button', { name: 'Reject all' }).click();
      await expect(banner).toBeHidden();
      await expectQuietReturn(page, site);
      await page.context().clearCookies();
    }
  });
});

test.describe('equal buttons', () => {
  for (const layout of LAYOUTS) {
    test(`${layout}: Accept, Reject and Preferences are the same size at 1280px and 320px, and so are the dialog's`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await visit(page, { config: { layout } });
      const banner = await showBanner(page, layout);
      await expectEqualSize(buttons(banner, BANNER_BUTTONS), `${layout} banner at 1280px`);
      await page.setViewportSize({ width: 320, height: 568 });
      await expectEqualSize(buttons(banner, BANNER_BUTTONS), `${layout} banner at 320px`);
      const dialog = await openPreferences(page, layout);
      await expectEqualSize(buttons(dialog, DIALOG_BUTTONS), `preferences over ${layout} at 320px`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await expectEqualSize(buttons(dialog, DIALOG_BUTTONS), `preferences over ${layout} at 1280px`);
    });
  }
});

test.describe('keyboard only', () => {
  test('bar, bar-top, box: Tab reaches the policy link, Accept, Reject, Preferences, then the page (no trap)', async ({ page }) => {
    const layouts = ['bar', 'bar-top', 'box'];
    await variants(page, Object.fromEntries(layouts.map((layout) => [`/${layout}`, { layout }])));
    for (const layout of layouts) {
      await page.goto(`${HTTPS}/${layout}`);
      await showBanner(page, layout);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const order: string[] = [];
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        order.push(await focused(page));
      }
      expect(order, layout).toEqual(['privacy policy', 'Accept all', 'Reject all', 'Preferences', 'Page link']);
    }
  });

  test('modal banner: Tab and Shift+Tab stay inside; Escape closes it and records nothing', async ({ page }) => {
    // The page behind has a link and a button that focus could escape to.
    await visit(page, { config: { layout: 'modal' }, extra: CONTENT + OPENER });
    const banner = await showBanner(page, 'modal');
    const forward = await expectFocusKeptIn(page, banner, 'Tab');
    // Tab went round: the first and the last control were both reached.
    expect([...forward]).toEqual(expect.arrayContaining(['privacy policy', 'Accept all', 'Preferences']));
    await expectFocusKeptIn(page, banner, 'Shift+Tab');
    await page.keyboard.press('Escape');
    await expect(banner).toBeHidden();
    expect(await recordCookie(page)).toBeUndefined();
    expect(await categories(page)).toEqual(NOTHING);
  });

  test('modal banner → Preferences → Escape goes back to the banner\'s Preferences button', async ({ page }) => {
    await visit(page, { config: { layout: 'modal' } });
    const banner = await showBanner(page, 'modal');
    await banner.getByRole('button', { name: 'Preferences' }).focus();
    await page.keyboard.press('Enter');
    const dialog = preferencesOf(page);
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(banner).toBeVisible();
    expect(await focused(page)).toBe('Preferences');
    expect(await recordCookie(page)).toBeUndefined();
  });

  test('preferences dialog: focused on open, Tab and Shift+Tab stay inside, Escape returns focus to the opener and records nothing', async ({ page }) => {
    await visit(page, { extra: CONTENT + OPENER });
    await showBanner(page);
    const opener = page.getByRole('button', { name: 'Cookie settings' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = preferencesOf(page);
    await expect(dialog).toBeVisible();
    // The dialog itself, so no button is preselected.
    expect(await dialog.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement == el)).toBe(true);
    const forward = await expectFocusKeptIn(page, dialog, 'Tab');
    expect([...forward]).toEqual(expect.arrayContaining(['Close', 'Preferences', 'Analytics', 'Services and cookies', 'Save choices']));
    await expectFocusKeptIn(page, dialog, 'Shift+Tab');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    expect(await recordCookie(page)).toBeUndefined();
    expect(await categories(page)).toEqual(NOTHING);
  });
});

test.describe('the record holds what was chosen', () => {
  test('Analytics only → Save choices: stored, no banner after reload, the dialog reopens as saved', async ({ page }) => {
    const { site } = await visit(page, { extra: CONTENT + OPENER });
    const dialog = await openPreferences(page);
    await dialog.getByRole('switch', { name: 'Analytics' }).check();
    await dialog.getByRole('button', { name: 'Save choices' }).click();
    await expect(dialog).toBeHidden();
    await expect(bannerOf(page)).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Your choices have been saved.');
    expect(await categories(page)).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    expect(await recordCookie(page)).toBeDefined();

    await expectQuietReturn(page, site);
    expect(await categories(page)).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    await page.getByRole('button', { name: 'Cookie settings' }).click();
    const again = preferencesOf(page);
    await expect(again).toBeVisible();
    await expect(again.getByRole('switch', { name: 'Analytics' })).toBeChecked();
    await expect(again.getByRole('switch', { name: 'Preferences' })).not.toBeChecked();
    await expect(again.getByRole('switch', { name: 'Marketing' })).not.toBeChecked();
    await expect(again.getByRole('switch', { name: 'Necessary' })).toBeChecked();
  });

  for (const from of ['banner', 'dialog'] as const) {
    for (const [button, expected] of [['Accept all', EVERYTHING], ['Reject all', NOTHING]] as const) {
      test(`${button} from the ${from} is what is stored`, async ({ page }) => {
        await visit(page);
        let container = await showBanner(page);
        if (from == 'dialog') {
          container = await openPreferences(page);
          // A switch flipped before the button must not change what the button means.
          const flip = container.getByRole('switch', { name: button == 'Accept all' ? 'Marketing' : 'Analytics' });
          await (button == 'Accept all' ? flip.uncheck() : flip.check());
        }
        await container.getByRole('button', { name: button }).click();
        await expect(container).toBeHidden();
        await expect(bannerOf(page)).toBeHidden();
        expect(await categories(page)).toEqual(expected);
        expect(await page.evaluate(() => (window as any).Samtykke.getConsent().decided)).toBe(true);
        expect(await recordCookie(page)).toBeDefined();
        await page.reload();
        expect(await categories(page)).toEqual(expected);
      });
    }
  }
});

test.describe('nothing pre-ticked', () => {
  test('opt-in first visit: every switch but Necessary is off; Necessary is on and cannot be changed', async ({ page }) => {
    await visit(page);
    const dialog = await openPreferences(page);
    const necessary = dialog.getByRole('switch', { name: 'Necessary' });
    await expect(necessary).toBeChecked();
    await expect(necessary).toBeDisabled();
    for (const name of ['Preferences', 'Analytics', 'Marketing']) {
      await expect(dialog.getByRole('switch', { name })).not.toBeChecked();
      await expect(dialog.getByRole('switch', { name })).toBeEnabled();
    }
  });

  // The US model: on until the visitor opts out of sale or sharing; the
  // switches show that, and an opt-out (here GPC) turns off only the sale.
  for (const gpc of [false, true]) {
    test(`opt-out regime${gpc ? ' with GPC' : ''}: the switches show what is allowed${gpc ? '; Marketing (a sale) is off' : ''}`, async ({ page }) => {
      if (gpc) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
      await visit(page, { config: { regime: 'opt-out' } });
      await page.evaluate(() => (window as any).Samtykke.showPreferences());
      const dialog = preferencesOf(page);
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('switch', { name: 'Preferences' })).toBeChecked();
      await expect(dialog.getByRole('switch', { name: 'Analytics' })).toBeChecked();
      await expect(dialog.getByRole('switch', { name: 'Marketing' })).toBeChecked({ checked: !gpc });
    });
  }
});

test.describe('accessibility (axe, WCAG 2.2 A/AA) and screenshots', () => {
  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    test(`${theme}: every banner layout and the preferences dialog with its services open`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      const config = (layout: Layout) => ({ ...SHOP, layout, theme, googleAnalytics: { id: 'G-TEST123' } });
      const pages = Object.fromEntries(LAYOUTS.map((layout) => [`/${layout}`, pageWith(config(layout), CONTENT)]));
      await serve(page, pages);
      for (const layout of LAYOUTS) {
        await page.goto(`${HTTPS}/${layout}`);
        await showBanner(page, layout);
        await expectNoAxeViolations(page, `the ${layout} banner (${theme})`);
        await shot(page, `banner-${layout}-${theme}`);
      }
      await page.goto(`${HTTPS}/bar`);
      const dialog = await openPreferences(page);
      const summaries = dialog.locator('summary');
      // Necessary has no services; Preferences has the chat, Analytics Google Analytics.
      expect(await summaries.count()).toBe(2);
      for (const summary of await summaries.all()) await summary.click();
      await expect(dialog.getByRole('cell', { name: 'chatly_id' })).toBeVisible();
      await expect(dialog.getByRole('heading', { name: 'Google Analytics' })).toBeVisible();
      await expect(dialog.getByRole('columnheader', { name: 'Set by' }).first()).toBeVisible();
      await expectNoAxeViolations(page, `the preferences dialog (${theme})`);
      await shot(page, `preferences-${theme}`);
    });
  }
});

test.describe('the page cannot break it', () => {
  const HOSTILE = `<style>* { box-sizing: content-box !important; font-size: 40px !important; color: red !important; font-family: serif !important; line-height: 5 !important; } button { background: yellow !important; display: inline !important; padding: 50px !important; border: 10px dotted red !important } section, dialog, p, h2 { display: none !important; margin: 100px !important }</style>`;

  for (const layout of ['bar', 'modal'] as const) {
    test(`${layout}: hostile page CSS does not reach the banner or the dialog`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await visit(page, { config: { layout, theme: 'light' }, edit: (html) => html.replace('</head>', HOSTILE + '</head>') });
      const banner = await showBanner(page, layout);
      const controls = buttons(banner, BANNER_BUTTONS);
      for (const control of controls) await expect(control).toBeVisible();
      await expectEqualSize(controls, `${layout} banner under hostile CSS`);
      expect(await banner.evaluate((el) => getComputedStyle(el).fontSize)).not.toBe('40px');
      const accept = controls[0];
      expect(await accept.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(255, 255, 0)');
      expect(await accept.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 87, 208)');
      const box = (await banner.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1280.5);
      expect(box.y + box.height).toBeLessThanOrEqual(720.5);
      const dialog = await openPreferences(page, layout);
      await expectEqualSize(buttons(dialog, DIALOG_BUTTONS), `preferences under hostile CSS (${layout})`);
      expect(await dialog.evaluate((el) => getComputedStyle(el).fontSize)).not.toBe('40px');
    });
  }

  test('a strict CSP (no unsafe-inline) styles the banner and the dialog, with no violation', async ({ page }) => {
    const violations: string[] = [];
    await page.addInitScript(() => {
      (window as any).__violations = [];
      document.addEventListener(
        'securitypolicyviolation',
        (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        true,
      );
    });
    page.on('console', (m) => void (m.text().includes('Content Security Policy') && violations.push(m.text())));
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'";
    const { log } = await visit(page, { config: { theme: 'light' }, headers: { 'content-security-policy': csp } });
    const banner = await showBanner(page);
    const accept = banner.getByRole('button', { name: 'Accept all' });
    const style = await accept.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, radius: s.borderTopLeftRadius, minHeight: s.minHeight };
    });
    expect(style).toEqual({ background: 'rgb(11, 87, 208)', radius: '8px', minHeight: '44px' });
    const dialog = await openPreferences(page);
    expect(await dialog.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('8px');
    expect(violations).toEqual([]);
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    expect(log.errors).toEqual([]);
  });

  test('the bar causes no layout shift (CLS 0) when it appears and when it goes', async ({ page }) => {
    await page.addInitScript(() => {
      (window as any).__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) (window as any).__shifts.push({ value: entry.value, input: entry.hadRecentInput });
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await visit(page, { extra: '<main><h2>Shop</h2>' + '<p>Products and prices.</p>'.repeat(20) + '</main>' });
    const banner = await showBanner(page);
    await banner.getByRole('button', { name: 'Accept all' }).click();
    await expect(banner).toBeHidden();
    await page.waitForTimeout(500);
    const shifts: { value: number; input: boolean }[] = await page.evaluate(() => (window as any).__shifts);
    const cls = shifts.filter((s) => !s.input).reduce((sum, s) => sum + s.value, 0);
    expect(cls, `layout shifts: ${JSON.stringify(shifts)}`).toBe(0);
  });
});

test.describe('small screens (320 CSS px)', () => {
  test('every layout at 320×568: every banner control is reachable, no horizontal scroll', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 568 });
    await variants(page, Object.fromEntries(LAYOUTS.map((layout) => [`/${layout}`, { layout }])));
    for (const layout of LAYOUTS) {
      await page.goto(`${HTTPS}/${layout}`);
      const banner = await showBanner(page, layout);
      await expectReachable(page, banner.locator('button, a[href]'), `${layout} banner`);
      expect(await horizontalOverflow(page), `${layout}: page wider than the viewport`).toBeLessThanOrEqual(0);
      expect(await sidewaysScrollers(banner), `${layout}: sideways scrolling inside the banner`).toEqual([]);
      await shot(page, `banner-${layout}-320`);
    }
  });

  test('modal at 320×480: the banner, then the preferences with every <details> open, are reachable', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 480 });
    await visit(page, { config: { layout: 'modal', googleAnalytics: { id: 'G-TEST123' } } });
    const banner = await showBanner(page, 'modal');
    await expectReachable(page, banner.locator('button, a[href]'), 'modal banner');
    const dialog = await openPreferences(page, 'modal');
    await dialog.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await expect(dialog.getByRole('cell', { name: 'chatly_id' })).toBeVisible();
    await expectReachable(page, dialog.locator('button, a[href], summary, input:not([disabled])'), 'preferences');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'preferences-320x480');
  });

  test('the preferences at 320px, services open, need no sideways scrolling (WCAG 1.4.10)', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 568 });
    await visit(page, { config: { googleAnalytics: { id: 'G-TEST123' } } });
    const dialog = await openPreferences(page);
    await dialog.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await expect(dialog.getByRole('link', { name: 'https://policies.google.com/privacy' })).toBeVisible();
    expect(await sidewaysScrollers(dialog)).toEqual([]);
  });
});

test.describe('focus not obscured (WCAG 2.4.11) with the bar', () => {
  /** Tabs from the banner's last button to `link`, which must show clear of the bar. */
  async function tabToLinkAndCheck(page: Page, link: string, layout = 'bar') {
    const banner = await showBanner(page, layout);
    await banner.getByRole('button', { name: 'Preferences' }).focus();
    await page.keyboard.press('Tab');
    const target = page.getByRole('link', { name: link });
    await expect(target).toBeFocused();
    await page.waitForTimeout(100);
    const bar = (await banner.boundingBox())!;
    const box = (await target.boundingBox())!;
    const hidden = box.y >= bar.y && box.y + box.height <= bar.y + bar.height && box.x >= bar.x && box.x + box.width <= bar.x + bar.width;
    expect(hidden, `"${link}" at y ${box.y}–${box.y + box.height} is entirely behind the bar at y ${bar.y}–${bar.y + bar.height}`).toBe(false);
  }

  for (const [width, height] of [[1280, 720], [320, 568]]) {
    test(`${width}px: a link far down a long page is scrolled clear of the bar`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await visit(page, { extra: '<div style="height:3000px"></div><p><a href="#a">Deep link</a></p><div style="height:1200px"></div>' });
      await tabToLinkAndCheck(page, 'Deep link');
    });

    test(`${width}px: a footer link at the very end of the page is not hidden behind the bar`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await visit(page, { extra: '<div style="height:3000px"></div><footer><a href="/contact">Contact us</a></footer>' });
      await tabToLinkAndCheck(page, 'Contact us');
    });
  }

  // The mirror case: the page cannot scroll above its top.
  test('bar-top, 1280px: a header link at the very top of the page is not hidden behind the bar', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await visit(page, { config: { layout: 'bar-top' }, extra: '<header><a href="/">Home</a></header><div style="height:3000px"></div>' });
    await tabToLinkAndCheck(page, 'Home', 'bar-top');
  });
});

test.describe('loading', () => {
  test('first visit fetches the UI chunk once; a return visit never; a preferences link fetches it then', async ({ page }) => {
    const { site } = await visit(page, { extra: CONTENT + '<a href="#" data-samtykke-link="preferences">Cookie settings</a>' });
    const banner = await showBanner(page);
    await page.waitForTimeout(200);
    expect(uiRequests(site)).toHaveLength(1);
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await expectQuietReturn(page, site);
    const link = page.getByRole('link', { name: 'Cookie settings' });
    await link.focus();
    await page.keyboard.press('Enter');
    const dialog = preferencesOf(page);
    await expect(dialog).toBeVisible();
    expect(uiRequests(site)).toHaveLength(2);
    await expect(bannerOf(page)).toBeHidden();
    expect(page.url()).toBe(HTTPS + '/');
    await page.keyboard.press('Escape');
    await expect(link).toBeFocused();
  });

  test('a UI chunk that 404s: one clear console error, no exception, nothing non-essential runs', async ({ page }) => {
    const gated = '<script type="text/plain" data-samtykke="analytics">window.__analyticsRan = true</script>';
    const { site, log } = await visit(page, {
      config: { uiUrl: '/missing/samtykke.ui.min.js', googleAnalytics: { id: 'G-TEST123' } },
      extra: CONTENT + gated,
    });
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    expect(site.requests.filter((u) => u.endsWith('/missing/samtykke.ui.min.js'))).toHaveLength(1);
    expect(log.errors.filter((e) => e.startsWith('samtykke: error 7 ('))).toHaveLength(1);
    expect(log.exceptions).toEqual([]);
    expect(await categories(page)).toEqual(NOTHING);
    expect(await page.evaluate(() => (window as any).__analyticsRan)).toBeUndefined();
    expect(site.requests.filter((u) => u.includes('googletagmanager'))).toEqual([]);
    expect(await recordCookie(page)).toBeUndefined();
  });

  test('samtykke.full.min.js shows the banner with no second request', async ({ page }) => {
    const { site, log } = await visit(page, { bundle: '/dist/samtykke.full.min.js' });
    await showBanner(page);
    await page.waitForTimeout(200);
    expect(site.requests.filter((u) => new URL(u).pathname.startsWith('/dist/'))).toEqual([HTTPS + '/dist/samtykke.full.min.js']);
    expect(log.errors).toEqual([]);
  });
});

test.describe('floating button', () => {
  test('after a choice it stays on screen, opens the preferences, and Escape returns focus to it', async ({ page }) => {
    const { site } = await visit(page, { config: { floatingButton: true } });
    const banner = await showBanner(page);
    const floating = page.getByRole('button', { name: 'Privacy settings' });
    // Not beside the banner, which has its own Preferences button.
    await expect(floating).toBeHidden();
    await banner.getByRole('button', { name: 'Accept all' }).click();
    await expect(floating).toBeVisible();

    // A return visit still has it, from the small button chunk: no UI chunk
    // until the button is pressed.
    await page.reload();
    await expect(floating).toBeVisible();
    await expect(bannerOf(page)).toBeHidden();
    expect(uiRequests(site)).toHaveLength(1);
    expect(site.requests.filter((u) => new URL(u).pathname == '/dist/samtykke.button.min.js')).toHaveLength(1);
    await floating.focus();
    await page.keyboard.press('Enter');
    const dialog = preferencesOf(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('switch', { name: 'Marketing' })).toBeChecked();
    expect(uiRequests(site)).toHaveLength(2);
    // The UI's own button took the lone one's place: still one.
    await expect(page.getByRole('button', { name: 'Privacy settings' })).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(floating).toBeFocused();
  });
});

test('floating button, returning Danish visitor: the core, the button chunk and the banner part of Danish only; the label is Danish', async ({ page }) => {
  const { site, log } = await visit(page, { config: { floatingButton: true, locale: 'da' } });
  await page.evaluate(() => (window as any).Samtykke.rejectAll());
  site.requests.length = 0;
  await page.reload();
  const floating = page.getByRole('button', { name: 'Privatlivsindstillinger' });
  await expect(floating).toBeVisible();
  await page.waitForTimeout(200);
  expect(site.requests.filter((u) => new URL(u).pathname.startsWith('/dist/')).map((u) => new URL(u).pathname)).toEqual([
    '/dist/samtykke.min.js',
    '/dist/samtykke.button.min.js',
    '/dist/locales/da.banner.js',
  ]);
  await floating.click();
  await expect(page.getByRole('dialog', { name: 'Indstillinger for privatliv' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Privatlivsindstillinger' })).toHaveCount(1);
  expect(log.errors).toEqual([]);
});

test.describe('closing is not consent', () => {
  test('Escape on the modal banner: no cookie, nothing allowed, and the banner returns on the next page', async ({ page }) => {
    await visit(page, { config: { layout: 'modal' } });
    const banner = await showBanner(page, 'modal');
    await page.keyboard.press('Escape');
    await expect(banner).toBeHidden();
    expect(await recordCookie(page)).toBeUndefined();
    expect(await categories(page)).toEqual(NOTHING);
    expect(await page.evaluate(() => (window as any).Samtykke.getConsent().decided)).toBe(false);
    await page.reload();
    await expect(bannerOf(page, 'modal')).toBeVisible();
  });

  test('the preferences Close button records nothing, even with switches flipped, and the banner stays', async ({ page }) => {
    await visit(page);
    const dialog = await openPreferences(page);
    await dialog.getByRole('switch', { name: 'Analytics' }).check();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(bannerOf(page)).toBeVisible();
    expect(await recordCookie(page)).toBeUndefined();
    expect(await categories(page)).toEqual(NOTHING);
    // Reopened, the unsaved switch is forgotten.
    await bannerOf(page).getByRole('button', { name: 'Preferences' }).click();
    await expect(preferencesOf(page).getByRole('switch', { name: 'Analytics' })).not.toBeChecked();
  });
});

test.describe('language and direction', () => {
  test('lang="en" dir="ltr" by default; a language the site adds (Sorani Kurdish, right to left) gets lang and dir, the missing strings in English', async ({ page }) => {
    // samtykke ships no Sorani: the site gives one string, the rest is English.
    const title = 'ئێمە بایەخ بە تایبەتمەندیت دەدەین';
    const log = watchConsole(page);
    await serve(page, {
      '/': pageWith(SHOP, CONTENT),
      '/ckb': pageWith({ ...SHOP, texts: { ckb: { 'banner.title': title } } }, CONTENT).replace('<html lang="en">', '<html lang="ckb">'),
    });
    await page.goto(HTTPS + '/');
    await showBanner(page);
    await expect(host(page)).toHaveAttribute('lang', 'en');
    await expect(host(page)).toHaveAttribute('dir', 'ltr');

    await page.goto(HTTPS + '/ckb');
    const banner = page.getByRole('region', { name: title });
    await expect(banner).toBeVisible();
    await expect(host(page)).toHaveAttribute('lang', 'ckb');
    await expect(host(page)).toHaveAttribute('dir', 'rtl');
    await expect(banner.getByRole('heading')).toHaveText(title);
    await expect(banner.getByRole('button', { name: 'Accept all' })).toBeVisible();
    expect(await banner.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // One warning names the keys that fell back to English.
    const warnings = log.warnings.filter((w) => w.includes('ckb'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("'button.acceptAll'");
  });
});

test.describe('untrusted text', () => {
  test('HTML in a title and a service name is shown as text, never run', async ({ page }) => {
    const title = '<img src=x onerror="window.__xss=1">';
    const name = '<b>Chat</b><img src=x onerror="window.__xss=2">';
    await visit(page, {
      config: {
        texts: { en: { 'banner.title': title } },
        categories: { ...SHOP.categories, preferences: { services: { chat: { name, cookies: [] } } } },
      },
    });
    const banner = page.getByRole('region', { name: title });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('heading')).toHaveText(title);
    await banner.getByRole('button', { name: 'Preferences' }).click();
    const dialog = preferencesOf(page);
    await dialog.getByText('Services and cookies').click();
    await expect(dialog.getByRole('heading', { name })).toHaveText(name);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(await host(page).evaluate((el) => el.shadowRoot!.querySelectorAll('img, b').length)).toBe(0);
  });

  test('a javascript: link in a banner text is shown as plain text', async ({ page }) => {
    await visit(page, { config: { texts: { en: { 'banner.text': 'Read [click](javascript:window.__xss=1) or [this](JavaScript:void%200) now.' } } } });
    const banner = await showBanner(page);
    await expect(banner).toContainText('Read click or this now.');
    expect(await banner.locator('a').count()).toBe(0);
  });

  test('a javascript: privacy policy URL of a service is not rendered as a link', async ({ page }) => {
    const services = { chat: { name: 'Support chat', privacyPolicyUrl: 'javascript:window.__xss=1', cookies: [] } };
    await visit(page, { config: { categories: { ...SHOP.categories, preferences: { services } } } });
    const dialog = await openPreferences(page);
    await dialog.getByText('Services and cookies').click();
    await expect(dialog.getByRole('heading', { name: 'Support chat' })).toBeVisible();
    const hrefs = await dialog.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.filter((href) => /^\s*javascript:/i.test(href ?? ''))).toEqual([]);
  });
});
