// Hardening (issue 9, part 3): hostile input, in Chromium.
//
// 1. Text. Classic XSS payloads, `javascript:` URLs, template-injection
//    strings, right-to-left overrides, control characters and very long
//    strings in every string a visitor sees: every `texts` key (English and
//    Danish), category labels and descriptions, service names, providers,
//    purposes and privacy-policy URLs, cookie names and lifetimes, the
//    privacy policy URL, the opt-out link texts and the page's own
//    data-samtykke-link texts. The banner, the preferences (every <details>
//    open), the floating button and the opt-out dialog are opened, and each
//    string must be on screen verbatim, as text, with nothing run, no
//    element made from it and no link to a `javascript:`, `data:` or
//    `vbscript:` URL. Also the config block itself: a `</script>` inside it,
//    `__proto__` keys, and RegExp cookie names from Samtykke.init().
// 2. postMessage. Frames reach __gpp and __uspapi through the
//    __gppLocator/__uspapiLocator frames: a well-formed call is answered to
//    the frame that asked only, with its callId and in its form; malformed
//    calls get no answer, throw nothing and log nothing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Frame, type Locator, type Page } from '@playwright/test';
import { HTTPS, pageWith, serve, watchConsole, type Pages, type Site } from './site';

const ROOT = join(import.meta.dirname, '..', '..');
const ENGLISH: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'locales', 'en.json'), 'utf8'));
const KEYS = Object.keys(ENGLISH);

/** Each test's page: what ran and what was added, recorded from before the
 * first byte of the page is parsed (see AUDIT). */
const test = base.extend<{ log: ReturnType<typeof watchConsole> }>({
  log: [
    async ({ page }, use) => {
      await page.addInitScript(AUDIT);
      await use(watchConsole(page));
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------
// The payloads

/** Each sets window.__xss (a trap that records every write) or loads from
 * xss.example (which serve() records as unexpected) if it ever runs. */
const PAYLOADS = [
  '<img src=https://xss.example/img.png onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  `'><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  '<a href="javascript:window.__xss=1">click</a>',
  "{{constructor.constructor('window.__xss=1')()}}",
  '${window.__xss=1} #{window.__xss=1} <%= window.__xss=1 %>',
  '<style>*{display:none!important}</style><link rel=stylesheet href=https://xss.example/x.css>',
  // mutation XSS: harmless only if it never goes through an HTML parser.
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '&lt;img src=x onerror=window.__xss=1&gt; &amp;amp; &#x3C;b&#x3E;',
  'javascript:window.__xss=1',
  // Right-to-left override, isolates and marks: shown as they are.
  '\u202Egpj.exe\u202C \u2067RTL\u2069 \u200F\u061C mark',
  // NUL, backspace, BOM, line and paragraph separators.
  '\u0000\u0008\uFEFF\u2028\u2029 control',
];
/** 50,000 characters of words, then a 2,000-character word (a long unbroken
 * word is laid out in time that grows faster than its length: see the report). */
const LONG = 'lorem ipsum '.repeat(4_000) + 'W'.repeat(2_000) + ' <img src=https://xss.example/long.png onerror=window.__xss=1>';

/** A privacy policy URL that is valid (root-relative) but full of markup. */
const POLICY = '/privacy?next="><img src=https://xss.example/p.png onerror=window.__xss=1>&q=<script>window.__xss=1</script>#\u202E';

/** banner.text and optOut.text go through the `[text](url)` format: every
 * unsafe URL must come out as plain text, placeholders only fill
 * `{privacyPolicyUrl}`. */
function linked(marker: string) {
  const template =
    `${marker} Read [our policy]({privacyPolicyUrl}); [js](javascript:window.__xss=1) [JS](JaVaScRiPt:window.__xss=1) ` +
    `[data](data:text/html,<script>window.__xss=1</script>) [vb](vbscript:msgbox) [tab](java&#9;script:window.__xss=1) ` +
    `[attr](#"><img/src=https://xss.example/a.png/onerror=window.__xss=1>) [<img src=x onerror=window.__xss=1>](/ok) ` +
    `{constructor}{__proto__}{toString}{privacyPolicyUrl}.`;
  const text =
    `${marker} Read our policy; js JS data vb tab attr <img src=x onerror=window.__xss=1> {constructor}{__proto__}{toString}${POLICY}.`;
  const hrefs = [POLICY, '#"><img/src=https://xss.example/a.png/onerror=window.__xss=1>', '/ok'];
  return { template, text, hrefs };
}
const FORMATTED = ['banner.text', 'optOut.text'];

/** Every UI string of `locale`, each a marker and a payload. */
function hostileTexts(locale: string): Record<string, string> {
  const texts: Record<string, string> = {};
  KEYS.forEach((key, i) => {
    const marker = `«${locale}:${key}»`;
    texts[key] = FORMATTED.includes(key) ? linked(marker).template : `${marker} ${PAYLOADS[i % PAYLOADS.length]}`;
  });
  texts['preferences.text'] += LONG;
  return texts;
}

/** What a text key shows: the string itself, or the formatted text. */
const shownText = (texts: Record<string, string>, key: string, locale: string) =>
  FORMATTED.includes(key) ? linked(`«${locale}:${key}»`).text : texts[key];

const p = (i: number) => PAYLOADS[i % PAYLOADS.length];

/** Every service string and cookie table cell a payload; the URLs valid but hostile. */
function hostileCategories() {
  return {
    preferences: {
      services: {
        chat: {
          name: `Chat ${p(0)}`,
          provider: `Provider ${p(1)}`,
          purpose: `Purpose ${p(2)} ${LONG}`,
          privacyPolicyUrl: 'https://chatly.example/privacy?"><svg onload=window.__xss=1>',
          cookies: [
            { name: `<img src=https://xss.example/c.png onerror=window.__xss=1>`, lifetime: `1 year ${p(3)}`, party: 'third' },
            { name: `"><svg onload=window.__xss=1>*`, lifetime: `{{constructor.constructor('window.__xss=1')()}}`, party: 'first' },
            `<script>window.__xss=1</script>`,
          ],
        },
      },
    },
    analytics: {},
    marketing: {
      services: {
        ads: {
          name: `Ads ${p(4)}`,
          provider: `\u202EProvider ${p(5)}`,
          purpose: p(6),
          privacyPolicyUrl: '/ads-policy/<img src=x onerror=window.__xss=1>',
          cookies: [{ name: 'ad_id', lifetime: `${p(7)} ${p(8)}` }],
        },
        // No name: the id is shown.
        pixel: { provider: p(9), purpose: p(10), cookies: [] },
      },
    },
    extras: {
      label: `Extras ${p(11)}`,
      description: `Description ${p(12)} ${p(13)}`,
      services: { widget: { name: `Widget ${p(1)}`, purpose: LONG, cookies: [{ name: 'w', lifetime: LONG }] } },
    },
  };
}

/** The strings the preferences show from the config (not from `texts`). */
function configStrings(categories: ReturnType<typeof hostileCategories>): string[] {
  const { chat } = categories.preferences.services;
  const { ads, pixel } = categories.marketing.services;
  const { extras } = categories;
  return [
    chat.name, chat.provider, chat.purpose, chat.privacyPolicyUrl,
    '<img src=https://xss.example/c.png onerror=window.__xss=1>', '"><svg onload=window.__xss=1>*', '<script>window.__xss=1</script>',
    (chat.cookies[0] as { lifetime: string }).lifetime, (chat.cookies[1] as { lifetime: string }).lifetime,
    ads.name, ads.provider, ads.purpose, ads.privacyPolicyUrl, ads.cookies[0].lifetime,
    'pixel', pixel.provider, pixel.purpose,
    extras.label, extras.description, extras.services.widget.name, LONG,
  ];
}

// ---------------------------------------------------------------------------
// The audit, in every frame of every page

/**
 * Runs before the page: window.__xss becomes a trap that records every
 * write; every element added to the document or to any shadow root, and
 * every attribute set later, is checked as it happens (so an element made
 * and removed again is still caught); `__audit.scan()` checks the whole tree
 * at the end.
 */
const AUDIT = () => {
  const audit = { hits: [] as string[], added: [] as string[], scan: () => [] as string[] };
  Object.defineProperty(window, '__audit', { value: audit });
  Object.defineProperty(window, '__xss', { get: () => undefined, set: (v) => void audit.hits.push(String(v)) });

  const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping', 'codebase', 'cite'];
  const SAFE_SCHEMES = ['http:', 'https:', 'mailto:'];
  const NEVER = ['img', 'image', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'style', 'math', 'template', 'form',
    'video', 'audio', 'source', 'portal', 'foreignobject', 'animate', 'set', 'use', 'noscript', 'xmp', 'iframe'];
  const LOCATORS = ['__gppLocator', '__uspapiLocator'];

  /** What is wrong with one element, if anything. */
  function wrong(el: Element): string[] {
    const out: string[] = [];
    const tag = el.localName.toLowerCase();
    const short = (s: string) => (s.length > 80 ? s.slice(0, 80) + '…' : s);
    for (const attribute of Array.from(el.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) out.push(`<${tag} ${name}="${short(attribute.value)}">`);
      if (name == 'srcdoc' || name == 'srcset') out.push(`<${tag} ${name}>`);
      if (URL_ATTRIBUTES.includes(name)) {
        let scheme = 'unparsable:';
        try {
          scheme = new URL(attribute.value, document.baseURI).protocol;
        } catch {}
        if (!SAFE_SCHEMES.includes(scheme)) out.push(`<${tag} ${name}="${short(attribute.value)}"> (${scheme})`);
      }
    }
    const test = el.hasAttribute('data-test');
    if (tag == 'iframe' && (LOCATORS.includes((el as HTMLIFrameElement).name) || test)) return out;
    if (NEVER.includes(tag)) out.push(`<${tag}>`);
    if (tag == 'script') {
      const src = el.getAttribute('src');
      const block = el.id == 'samtykke-config' && el.getAttribute('type') == 'application/json';
      const bundle = src && new URL(src, document.baseURI).origin == location.origin && new URL(src, document.baseURI).pathname.startsWith('/dist/');
      if (!block && !bundle && !test) out.push(`<script>${short(el.textContent || src || '')}</script>`);
    }
    if (tag == 'svg') {
      const icon = el.getAttribute('role') == 'img' && el.parentElement?.getAttribute('data-samtykke-link') == 'privacy-choices';
      if (el.getAttribute('aria-hidden') != 'true' && !icon) out.push('<svg> that is not one of samtykke\'s icons');
    }
    return out;
  }

  const check = (el: Element) => {
    for (const found of wrong(el)) audit.added.push(found);
    for (const child of Array.from(el.querySelectorAll('*'))) for (const found of wrong(child)) audit.added.push(found);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type == 'attributes') check(record.target as Element);
      else for (const node of Array.from(record.addedNodes)) if (node.nodeType == 1) check(node as Element);
    }
  });
  const watch = (root: Node) => observer.observe(root, { childList: true, subtree: true, attributes: true });
  watch(document);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, init);
    watch(root);
    return root;
  };

  audit.scan = () => {
    const out: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        out.push(...wrong(el));
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return out;
  };
};

/** Every text in the page and in samtykke's shadow root: text nodes,
 * element text and accessible names. Says which of `expected` are nowhere
 * (`missing`) or not rendered (`hidden`). */
function findTexts(page: Page, expected: string[]) {
  return page.evaluate((wanted) => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) for (const el of Array.from(roots[i].querySelectorAll('*'))) if (el.shadowRoot) roots.push(el.shadowRoot);
    /** Each text, and whether any place it is in is rendered. */
    const where = new Map<string, boolean>();
    const note = (text: string | null, el: Element | null) => text && el && where.set(text, !!where.get(text) || el.checkVisibility());
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) note(node.nodeValue, node.parentElement);
      for (const el of Array.from(root.querySelectorAll('*'))) {
        note(el.textContent, el);
        note(el.getAttribute('aria-label'), el);
        note(el.getAttribute('title'), el);
      }
    }
    const missing = wanted.filter((text) => !where.has(text));
    const hidden = wanted.filter((text) => where.has(text) && !where.get(text));
    return { missing: missing.map((m) => m.slice(0, 60)), hidden: hidden.map((h) => h.slice(0, 60)) };
  }, expected);
}

/** Expects every one of `texts` on screen verbatim. */
async function expectShown(page: Page, texts: string[], what: string) {
  const { missing, hidden } = await findTexts(page, texts);
  expect(missing, `${what}: strings not shown verbatim`).toEqual([]);
  expect(hidden, `${what}: strings not rendered`).toEqual([]);
}

/** Nothing ran, nothing was made from a payload, nothing was fetched from xss.example. */
async function expectInert(page: Page, site: Site, what: string) {
  const result = await page.evaluate(() => {
    const audit = (window as any).__audit;
    return { hits: audit.hits as string[], added: audit.added as string[], now: audit.scan() as string[] };
  });
  expect(result.hits, `${what}: window.__xss was set`).toEqual([]);
  expect(result.added, `${what}: elements or attributes added from a payload`).toEqual([]);
  expect(result.now, `${what}: elements or attributes in the page`).toEqual([]);
  expect(site.unexpected, `${what}: requests to hosts not served`).toEqual([]);
  // Frames the page has (the locator frames, nothing else) ran nothing either.
  for (const frame of page.frames()) {
    expect(await frame.evaluate(() => (window as any).__audit?.hits ?? []), `${what}: __xss in frame ${frame.name()}`).toEqual([]);
  }
}

/** The page's config block, with `<` escaped as JSON allows (`\u003c`), so
 * no string in it can end the block: the way a page should embed it. */
const block = (config: unknown) => JSON.stringify(config).replace(/</g, '\\u003c');

const shadow = (page: Page, selector: string) => page.locator(`samtykke-ui ${selector}`);
const preferencesDialog = (page: Page) => shadow(page, 'dialog[aria-labelledby="samtykke-preferences-title"]');
const optOutDialog = (page: Page) => shadow(page, 'dialog[aria-labelledby="samtykke-opt-out-title"]');

async function openAllDetails(dialog: Locator) {
  // The dialog comes with its chunk: wait for it, or there is nothing to open yet.
  await expect(dialog).toBeVisible();
  for (const summary of await dialog.locator('summary').all()) await summary.click();
  expect(await dialog.locator('details:not([open])').count(), 'every <details> is open').toBe(0);
}

/** The hrefs of every link in `container`. */
const hrefs = (container: Locator) => container.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

// ---------------------------------------------------------------------------

test.describe('the audit', () => {
  test('catches what it looks for: a run handler, an element made from markup, a javascript: link, a request to xss.example', async ({ page, log }) => {
    const site = await serve(page, { '/': pageWith({ privacyPolicyUrl: '/privacy' }) });
    await page.goto(HTTPS + '/');
    await expect(shadow(page, 'section.banner')).toBeVisible();
    // What a rendering bug would do: markup parsed into the shadow root.
    await page.evaluate(() => {
      const p = document.querySelector('samtykke-ui')!.shadowRoot!.querySelector('p')!;
      p.innerHTML = '<img src="https://xss.example/i.png" onerror="window.__xss=1"><a href="javascript:window.__xss=2">x</a>';
    });
    await expect.poll(() => page.evaluate(() => (window as any).__audit.hits)).toEqual(['1']);
    const result = await page.evaluate(() => ({ added: (window as any).__audit.added, now: (window as any).__audit.scan() }));
    for (const found of [result.added, result.now]) {
      expect(found).toEqual(
        expect.arrayContaining([
          '<img onerror="window.__xss=1">',
          '<img>',
          '<a href="javascript:window.__xss=2"> (javascript:)',
        ]),
      );
    }
    expect(site.unexpected).toEqual(['https://xss.example/i.png']);
    expect((await findTexts(page, ['We value your privacy', 'not on the page'])).missing).toEqual(['not on the page']);
    expect(log.exceptions).toEqual([]);
  });
});

test.describe('hostile text is shown as text, never run', () => {
  const FOOTER = `<footer>
    <a href="#" data-samtykke-link="do-not-sell" id="dns"></a>
    <a href="#" data-samtykke-link="privacy-choices" id="choices"></a>
    <a href="#" data-samtykke-link="do-not-sell" id="own">&lt;img src=https://xss.example/own.png onerror=window.__xss=1&gt; &amp;lt;b&amp;gt;</a>
    <a href="#" data-samtykke-link="preferences" id="prefs">&lt;svg onload=window.__xss=1&gt;\u202E settings</a>
    <a href="#odd" data-samtykke-link="&quot;&gt;&lt;img src=https://xss.example/odd.png onerror=window.__xss=1&gt;" id="odd">odd</a>
  </footer>`;
  const OWN = '<img src=https://xss.example/own.png onerror=window.__xss=1> &lt;b&gt;';
  const PREFS = '<svg onload=window.__xss=1>\u202E settings';

  const runs = [
    { locale: 'en', bundle: '/dist/samtykke.min.js' },
    { locale: 'da', bundle: '/dist/samtykke.min.js' },
    { locale: 'en', bundle: '/dist/samtykke.full.min.js' },
    { locale: 'da', bundle: '/dist/samtykke.js' },
  ];
  for (const { locale, bundle } of runs) {
    test(`${locale}, ${bundle}: every texts key, category, service and cookie string in the banner, the preferences, the floating button, the opt-out dialog and the footer links`, async ({ page, log }) => {
      test.slow();
      const texts = hostileTexts(locale);
      // The other language's strings must not be what is shown.
      const other = hostileTexts(locale == 'en' ? 'da' : 'en');
      const categories = hostileCategories();
      const config = {
        locale,
        privacyPolicyUrl: POLICY,
        floatingButton: true,
        googleAnalytics: { id: 'G-TEST123' },
        categories,
        texts: { [locale]: texts, [locale == 'en' ? 'da' : 'en']: other },
      };
      const site = await serve(page, { '/': pageWith(block(config), FOOTER, bundle) });
      await page.goto(HTTPS + '/');
      const show = (keys: string[]) => keys.map((key) => shownText(texts, key, locale));

      // The banner.
      const banner = shadow(page, 'section.banner');
      await expect(banner).toBeVisible();
      await expect(shadow(page, '#samtykke-banner-title')).toHaveText(texts['banner.title']);
      await expectShown(page, show(['banner.title', 'banner.text', 'button.acceptAll', 'button.rejectAll', 'button.preferences']), 'banner');
      expect(await hrefs(banner), 'the banner text links: only the safe ones').toEqual(linked('').hrefs);
      expect(await page.locator('samtykke-ui').getAttribute('lang')).toBe(locale);

      // The preferences, every <details> open.
      await banner.locator('[data-action="preferences"]').click();
      const preferences = preferencesDialog(page);
      await expect(preferences).toBeVisible();
      await openAllDetails(preferences);
      const categoryKeys = KEYS.filter((key) => key.startsWith('category.'));
      const serviceKeys = KEYS.filter((key) => key.startsWith('service.') || key.startsWith('cookie.'));
      await expectShown(
        page,
        [
          ...show(['preferences.title', 'preferences.text', 'preferences.alwaysOn', 'preferences.services', 'button.save', 'button.close']),
          ...show(categoryKeys),
          ...show(serviceKeys),
          ...configStrings(categories),
        ],
        'preferences',
      );
      expect(await hrefs(preferences), 'the services\' privacy policy links').toEqual([
        categories.preferences.services.chat.privacyPolicyUrl,
        'https://policies.google.com/privacy',
        categories.marketing.services.ads.privacyPolicyUrl,
      ]);
      await expectInert(page, site, 'preferences');

      // Save (nothing on): the status and the floating button.
      await preferences.locator('[data-action="save"]').click();
      await expect(preferences).toBeHidden();
      await expect(shadow(page, 'p.status.hidden')).toHaveText(texts['status.saved']);
      await expect(shadow(page, 'button.floating')).toHaveAttribute('aria-label', texts['button.settings']);
      await expectShown(page, show(['status.saved', 'button.settings']), 'after saving');

      // The page's own preferences link, with markup as its text, opens the
      // preferences and keeps its text; then the floating button does.
      await expect(page.locator('#prefs')).toHaveText(PREFS);
      await page.locator('#prefs').click();
      await expect(preferences).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(preferences).toBeHidden();
      await shadow(page, 'button.floating').click();
      await expect(preferences).toBeVisible();
      await preferences.locator('button.close').click();
      await expect(preferences).toBeHidden();

      // The footer: empty links get the texts, a link with its own text keeps it.
      await expect(page.locator('#dns')).toHaveText(texts['optOut.link']);
      await expect(page.locator('#choices')).toHaveText(texts['optOut.choices'] + ' ');
      await expect(page.locator('#choices svg')).toHaveAttribute('aria-label', texts['optOut.icon']);
      await expect(page.locator('#own')).toHaveText(OWN);
      expect(await page.locator('#own').evaluate((a) => a.children.length), 'the own text stays one text node').toBe(0);

      // The opt-out dialog, before and after opting out.
      await page.locator('#dns').click();
      const optOut = optOutDialog(page);
      await expect(optOut).toBeVisible();
      await expectShown(page, show(['optOut.title', 'optOut.text', 'optOut.button', 'optOut.notDone', 'button.close']), 'opt-out dialog');
      expect(await hrefs(optOut), 'the opt-out text links: only the safe ones').toEqual(linked('').hrefs);
      await optOut.locator('[data-action="opt-out"]').click();
      await expect(optOut.locator('[role="status"]')).toHaveText(texts['optOut.done']);
      await expectShown(page, show(['optOut.optIn', 'optOut.done']), 'opt-out dialog after opting out');
      await optOut.locator('button.close').click();
      await expect(optOut).toBeHidden();

      // A data-samtykke-link value that is markup opens nothing.
      await page.locator('#odd').click();
      await page.waitForTimeout(100);
      await expect(preferences).toBeHidden();
      await expect(optOut).toBeHidden();

      // The other language's strings were never shown.
      const { missing } = await findTexts(page, [other['banner.title'], other['optOut.link'], other['button.acceptAll']]);
      expect(missing).toHaveLength(3);

      await expectInert(page, site, 'the end');
      expect(log.errors, 'console errors').toEqual([]);
      expect(log.warnings, 'console warnings').toEqual([]);
      expect(log.exceptions, 'uncaught exceptions').toEqual([]);
    });
  }

  test('with GPC: "Opt-Out Request Honored" and the GPC notice, from hostile texts, next to the link and in the dialog', async ({ page, log }) => {
    const texts = hostileTexts('en');
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const config = { regime: 'opt-out', privacyPolicyUrl: POLICY, texts: { en: texts } };
    const site = await serve(page, { '/': pageWith(block(config), FOOTER) });
    await page.goto(HTTPS + '/');
    await expect(page.locator('#dns + [data-samtykke-status]')).toHaveText(texts['optOut.honored']);
    await expect(page.locator('#own + [data-samtykke-status]')).toHaveText(texts['optOut.honored']);
    await page.locator('#own').click();
    const optOut = optOutDialog(page);
    await expect(optOut).toBeVisible();
    await expectShown(page, [texts['optOut.title'], linked('«en:optOut.text»').text, texts['optOut.gpc'], texts['optOut.honored']], 'opt-out dialog with GPC');
    expect(await hrefs(optOut)).toEqual(linked('').hrefs);
    await expectInert(page, site, 'GPC');
    expect(log.errors).toEqual([]);
    expect(log.warnings).toEqual([]);
    expect(log.exceptions).toEqual([]);
  });

  test('RegExp cookie names from Samtykke.init() are shown as text', async ({ page, log }) => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
      <script src="/dist/samtykke.min.js"></script>
      <script data-test>
        Samtykke.init({
          privacyPolicyUrl: '/privacy',
          categories: { analytics: { services: { x: { name: 'X', cookies: [
            /^<img src=https:\\/\\/xss.example\\/r.png onerror=window.__xss=1>/,
            new RegExp('^"><svg onload=window.__xss=1>$'),
            { name: /^<script>window.__xss=1<\\/script>_\\d+$/, lifetime: '<b>1</b>' },
          ] } } } },
        });
      </script></head><body><h1>Shop</h1></body></html>`;
    const site = await serve(page, { '/': html });
    await page.goto(HTTPS + '/');
    await shadow(page, 'section.banner [data-action="preferences"]').click();
    const preferences = preferencesDialog(page);
    await openAllDetails(preferences);
    await expectShown(
      page,
      ['<img src=https://xss.example/r.png onerror=window.__xss=1>*', '"><svg onload=window.__xss=1>', '<script>window.__xss=1</script>_*', '<b>1</b>'],
      'cookie table',
    );
    await expectInert(page, site, 'RegExp cookie names');
    expect(log.errors).toEqual([]);
    expect(log.exceptions).toEqual([]);
  });
});

test.describe('URLs: only http(s) and root-relative ones become links', () => {
  /** Refused by the config reader: shown without a link, one console error each. */
  const REFUSED = [
    'javascript:window.__xss=1',
    'JavaScript:window.__xss=1',
    'javascript://%0Awindow.__xss=1',
    ' javascript:window.__xss=1',
    '\tjavascript:window.__xss=1',
    '\njavascript:window.__xss=1',
    '\u0000javascript:window.__xss=1',
    'java\tscript:window.__xss=1',
    'jav&#x61;script:window.__xss=1',
    'data:text/html,<script>window.__xss=1</script>',
    'data:image/svg+xml,<svg onload=window.__xss=1>',
    'vbscript:msgbox',
    'https:javascript:window.__xss=1',
    'file:///etc/passwd',
    'blob:https://shop.example/x',
    'about:blank',
    'HTTPS://SHOP.EXAMPLE/PRIVACY',
  ];
  /** Accepted: http(s) or starting with `/`. None is a script URL; the last
   * two leave the site (protocol-relative), which the config allows. */
  const ACCEPTED = ['https://shop.example/privacy', 'http://shop.example/privacy', '/privacy', '/javascript:window.__xss=1', '/%0Ajavascript:window.__xss=1', '//other.example/privacy', '/\\other.example/privacy'];

  test('a service\'s privacyPolicyUrl', async ({ page, log }) => {
    const services: Record<string, unknown> = {};
    [...REFUSED, ...ACCEPTED].forEach((url, i) => (services[`s${i}`] = { name: `S${i}`, privacyPolicyUrl: url, cookies: [] }));
    const config = { privacyPolicyUrl: '/privacy', categories: { analytics: { services } } };
    const site = await serve(page, { '/': pageWith(block(config)) });
    await page.goto(HTTPS + '/');
    await shadow(page, 'section.banner [data-action="preferences"]').click();
    const preferences = preferencesDialog(page);
    await openAllDetails(preferences);
    expect(await hrefs(preferences)).toEqual(ACCEPTED);
    expect(log.errors).toHaveLength(REFUSED.length);
    // Error 1 (a config value is not valid) names the path.
    REFUSED.forEach((url, i) => expect(log.errors[i]).toContain(`error 1 (categories.analytics.services.s${i}.privacyPolicyUrl: got`));
    await expectInert(page, site, 'service URLs');
    expect(log.exceptions).toEqual([]);
  });

  test('the privacyPolicyUrl in the banner and the opt-out dialog; uiUrl and receipts.url', async ({ page, log }) => {
    const pages: Pages = {};
    const all = [...REFUSED, ...ACCEPTED];
    all.forEach((url, i) => {
      const config = { privacyPolicyUrl: url, ...(i == 0 ? { uiUrl: 'javascript:window.__xss=1', receipts: { url: 'javascript:window.__xss=1' } } : {}) };
      pages[`/${i}`] = pageWith(block(config), '<a href="#" data-samtykke-link="do-not-sell">Do not sell</a>');
    });
    const site = await serve(page, pages);
    for (const [i, url] of all.entries()) {
      const refused = i < REFUSED.length;
      log.errors.length = 0;
      log.warnings.length = 0;
      await page.goto(`${HTTPS}/${i}`);
      const banner = shadow(page, 'section.banner');
      await expect(banner).toBeVisible();
      expect(await hrefs(banner), JSON.stringify(url)).toEqual(refused ? [] : [url]);
      await page.locator('[data-samtykke-link]').click();
      await expect(optOutDialog(page)).toBeVisible();
      expect(await hrefs(optOutDialog(page)), JSON.stringify(url)).toEqual(refused ? [] : [url]);
      if (refused) {
        const expected = ['error 1 (privacyPolicyUrl: got', ...(i == 0 ? ['error 1 (uiUrl: got', 'error 1 (receipts.url: got'] : [])];
        expect(log.errors.map((e) => expected.find((x) => e.includes(x)) ?? e).sort(), JSON.stringify(url)).toEqual(expected.sort());
        expect(log.warnings, JSON.stringify(url)).toEqual(['samtykke: privacyPolicyUrl is not set, so the banner cannot link to the privacy policy.']);
      } else {
        expect(log.errors, JSON.stringify(url)).toEqual([]);
      }
      await expectInert(page, site, JSON.stringify(url));
    }
    expect(log.exceptions).toEqual([]);
  });
});

test.describe('the config block', () => {
  const GATED = '<script type="text/plain" data-samtykke="analytics" data-test>window.__gated = 1</script>';

  test('escaped as \\u003c, `</script>` and `<!--<script>` in a string stay in the block and are shown as text', async ({ page, log }) => {
    const title = '</script><script>window.__xss=1</script><!--<script>';
    const config = { privacyPolicyUrl: '/privacy', texts: { en: { 'banner.title': title } } };
    const site = await serve(page, { '/': pageWith(block(config), GATED) });
    await page.goto(HTTPS + '/');
    await expect(shadow(page, '#samtykke-banner-title')).toHaveText(title);
    await expectInert(page, site, 'escaped block');
    expect(log.errors).toEqual([]);
  });

  test('not escaped, `</script>` ends the block early: one console error, nothing allowed, nothing of it run by samtykke', async ({ page, log }) => {
    // The page's HTML, not samtykke, decides where the block ends: what
    // follows `</script>` is the page's own markup (here a harmless <p>).
    const raw = `{"privacyPolicyUrl":"/privacy","regime":"opt-out","texts":{"en":{"banner.title":"</script><p id=tail>tail"}}}`;
    const site = await serve(page, { '/': pageWith(raw, GATED) });
    await page.goto(HTTPS + '/');
    await expect(shadow(page, 'section.banner')).toBeVisible();
    await expect(shadow(page, '#samtykke-banner-title')).toHaveText('We value your privacy');
    await expect(page.locator('#tail'), 'the rest of the block became page markup').toHaveCount(1);
    expect(await page.evaluate(() => (window as any).Samtykke.getConsent().regime)).toBe('opt-in');
    expect(await page.evaluate(() => (window as any).Samtykke.allowed('analytics'))).toBe(false);
    expect(await page.evaluate(() => (window as any).__gated)).toBeUndefined();
    expect(log.errors).toHaveLength(1);
    // Error 2: the config block is not valid JSON (the README's "Errors" says what to do).
    expect(log.errors[0]).toMatch(/^samtykke: error 2 \(SyntaxError: .*\); see https:\/\/www\.npmjs\.com\/package\/samtykke#errors$/);
    expect(log.exceptions).toEqual([]);
    await expectInert(page, site, 'broken block');
  });

  test('not escaped, `<!--<script>` in a string swallows the bundle\'s own tag: samtykke never starts, so nothing is allowed (and nothing says why)', async ({ page, log }) => {
    // The HTML parser's "script data double escaped" state: the block runs
    // on past its own </script> and ends at the bundle's.
    const raw = `{"privacyPolicyUrl":"/privacy","texts":{"en":{"banner.title":"<!--<script>"}}}`;
    const site = await serve(page, { '/': pageWith(raw, GATED) });
    await page.goto(HTTPS + '/');
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => typeof (window as any).Samtykke)).toBe('undefined');
    expect(site.requests.filter((url) => url.includes('/dist/'))).toEqual([]);
    expect(await page.evaluate(() => (window as any).__gated)).toBeUndefined();
    expect(await page.locator('samtykke-ui').count()).toBe(0);
    expect(log.errors).toEqual([]);
    expect(log.exceptions).toEqual([]);
  });

  test('__proto__ and constructor keys pollute nothing and grant nothing', async ({ page, log }) => {
    const raw =
      `{"__proto__":{"regime":"opt-out","polluted":1},"constructor":{"prototype":{"polluted":1}},` +
      `"privacyPolicyUrl":"/privacy",` +
      `"categories":{"__proto__":{"sale":false,"polluted":1},"analytics":{"__proto__":{"sale":true},"services":{"__proto__":{"name":"p"}}}},` +
      `"cookie":{"__proto__":{"name":"evil"}},` +
      `"texts":{"__proto__":{"banner.title":"polluted"},"en":{"__proto__":{"banner.title":"polluted"},"banner.title":"Safe title"}}}`;
    const site = await serve(page, { '/': pageWith(raw, GATED) });
    await page.goto(HTTPS + '/');
    await expect(shadow(page, '#samtykke-banner-title')).toHaveText('Safe title');
    const state = await page.evaluate(() => {
      const S = (window as any).Samtykke;
      return {
        polluted: [({} as any).polluted, ([] as any).polluted, (Object.prototype as any).regime, (Object.prototype as any)['banner.title']],
        regime: S.getConsent().regime,
        categories: S.getConsent().categories,
        analytics: S.allowed('analytics'),
        gated: (window as any).__gated,
      };
    });
    expect(state).toEqual({
      polluted: [undefined, undefined, undefined, undefined],
      regime: 'opt-in',
      categories: { necessary: true, analytics: false },
      analytics: false,
      gated: undefined,
    });
    expect(log.exceptions).toEqual([]);
    // Each bad key said once; no `__proto__` path was taken as an id.
    expect(log.errors.every((e) => e.startsWith('samtykke: '))).toBe(true);
    await expectInert(page, site, '__proto__');
  });
});

// ---------------------------------------------------------------------------
// postMessage

test.describe('postMessage: __gppLocator and __uspapiLocator', () => {
  /** A frame that records every message it gets and posts what it is told to window.top. */
  const PROBE = `<!doctype html><html lang="en"><title>Probe</title><body><script>
    window.got = [];
    addEventListener('message', function (event) {
      got.push({ form: typeof event.data, data: event.data, fromTop: event.source === window.top });
    });
    /** Posts to window.top what the JS expression evaluates to. */
    window.send = function (expression) { window.top.postMessage((0, eval)('(' + expression + ')'), '*'); };
  </script></body></html>`;
  const OUTER = PROBE.replace('</body>', '<iframe data-test src="https://evil.shop.example/probe?c" title="C"></iframe></body>');
  const PAGES: Pages = { '/probe': PROBE, '/outer': OUTER };
  const CA = { regime: 'auto', region: 'US-CA', privacyPolicyUrl: '/privacy' };
  const FRAMES =
    '<iframe data-test name="a" src="https://shop.example/probe?a" title="A"></iframe>' +
    '<iframe data-test name="b" src="https://ads.shop.example/outer?b" title="B"></iframe>';

  /** The probe frames: A same-origin, B cross-origin, C cross-origin inside B. */
  async function open(page: Page) {
    const site = await serve(page, { '/': pageWith(CA, FRAMES), ...PAGES });
    await page.goto(HTTPS + '/');
    await page.waitForLoadState('load');
    // The full API has taken over from the stub.
    await expect
      .poll(() => page.evaluate(() => new Promise((resolve) => (window as any).__gpp('ping', (d: any) => resolve(d.cmpStatus)))))
      .toBe('loaded');
    const frame = (url: string) => page.frames().find((f) => f.url() == url)!;
    const frames = { a: frame(HTTPS + '/probe?a'), b: frame('https://ads.shop.example/outer?b'), c: frame('https://evil.shop.example/probe?c') };
    for (const [name, f] of Object.entries(frames)) expect(f, `frame ${name}`).toBeDefined();
    // The top page and the locator frames record what reaches them too.
    await page.evaluate(() => {
      const top = ((window as any).topGot = [] as unknown[]);
      for (const w of [window, window.frames['__gppLocator' as any], window.frames['__uspapiLocator' as any]] as Window[]) {
        w.addEventListener('message', (event) => {
          const text = typeof event.data == 'string' ? event.data : JSON.stringify(event.data ?? null) ?? '';
          // Only samtykke's own posts: a frame's fake reply to the top is no reply.
          if (event.source === window && /__(gpp|uspapi)Return/.test(text)) top.push(text.slice(0, 200));
        });
      }
    });
    return { site, frames };
  }

  type Got = { form: string; data: any; fromTop: boolean }[];
  const got = (frame: Frame) => frame.evaluate(() => (window as any).got as Got);
  const send = (frame: Frame, expression: string) => frame.evaluate((e) => (window as any).send(e), expression);
  const reset = (frames: Record<string, Frame>) => Promise.all(Object.values(frames).map((f) => f.evaluate(() => ((window as any).got.length = 0))));

  /** A ping whose answer comes after everything sent before it has been handled. */
  async function sentinel(frame: Frame, id: string) {
    await send(frame, `{ __gppCall: { command: 'ping', version: '1.1', callId: '${id}' } }`);
    await expect.poll(async () => (await got(frame)).some((m) => m.data?.__gppReturn?.callId === id), { message: `sentinel ${id}` }).toBe(true);
  }

  /** What a frame got besides its sentinels. */
  const received = async (frame: Frame) => (await got(frame)).filter((m) => !/^sentinel/.test(String(m.data?.__gppReturn?.callId)));

  async function expectQuiet(page: Page, log: ReturnType<typeof watchConsole>) {
    expect(await page.evaluate(() => (window as any).topGot), 'replies seen by the top page or the locator frames').toEqual([]);
    expect(await page.evaluate(() => (window as any).__audit.hits), '__xss in the top page').toEqual([]);
    expect(log.errors, 'console errors').toEqual([]);
    expect(log.warnings, 'console warnings').toEqual([]);
    expect(log.exceptions, 'uncaught exceptions').toEqual([]);
  }

  /** Well-formed calls, in object and in JSON-string form. */
  const CALLS = [
    { api: '__gpp', call: `{ __gppCall: { command: 'ping', version: '1.1', callId: 1 } }`, callId: 1, form: 'object' },
    { api: '__gpp', call: `JSON.stringify({ __gppCall: { command: 'ping', version: '1.1', callId: 'p' } })`, callId: 'p', form: 'string' },
    { api: '__gpp', call: `{ __gppCall: { command: 'getField', parameter: 'usca.SaleOptOut', version: '1.1', callId: 2 } }`, callId: 2, form: 'object' },
    { api: '__uspapi', call: `{ __uspapiCall: { command: 'getUSPData', version: 1, callId: 'a' } }`, callId: 'a', form: 'object' },
    { api: '__uspapi', call: `JSON.stringify({ __uspapiCall: { command: 'getUSPData', version: 1, callId: 'b' } })`, callId: 'b', form: 'string' },
  ];

  test('a well-formed call is answered to the frame that asked only, from the top, with its callId, in its form', async ({ page, log }) => {
    const { frames } = await open(page);
    for (const [name, frame] of Object.entries(frames)) {
      await reset(frames);
      for (const { call } of CALLS) await send(frame, call);
      await sentinel(frame, `sentinel-${name}`);
      const replies = await received(frame);
      expect(replies.map((r) => r.form), `frame ${name}: one reply per call, in its form`).toEqual(CALLS.map((c) => c.form));
      for (const [i, { api, callId }] of CALLS.entries()) {
        const reply = replies[i];
        expect(reply.fromTop, `frame ${name}: reply ${i} from the top`).toBe(true);
        const data = reply.form == 'string' ? JSON.parse(reply.data) : reply.data;
        expect(Object.keys(data)).toEqual([api + 'Return']);
        expect(data[api + 'Return'], `frame ${name}: reply ${i}`).toMatchObject({ callId, success: true });
      }
      const [ping, text, field, usp, uspText] = replies.map((r) => (r.form == 'string' ? JSON.parse(r.data) : r.data));
      expect(ping.__gppReturn.returnValue).toMatchObject({ gppVersion: '1.1', cmpStatus: 'loaded', applicableSections: [8] });
      expect(text.__gppReturn.returnValue.applicableSections).toEqual([8]);
      expect(field.__gppReturn.returnValue).toBe(2);
      expect(usp.__uspapiReturn.returnValue).toEqual({ version: 1, uspString: '1YNN' });
      expect(uspText.__uspapiReturn.returnValue).toEqual({ version: 1, uspString: '1YNN' });
      // The other frames got nothing (each checked after a sentinel of its own).
      for (const [otherName, other] of Object.entries(frames)) {
        if (other === frame) continue;
        await sentinel(other, `sentinel-${otherName}`);
        expect(await received(other), `frame ${otherName} while ${name} asked`).toEqual([]);
      }
    }
    await expectQuiet(page, log);
  });

  /** Malformed: no reply at all. */
  const MALFORMED: Record<string, string> = {
    'command missing': `{ __gppCall: { callId: 10 } }`,
    'command a number': `{ __gppCall: { command: 42, callId: 11 } }`,
    'command null': `{ __gppCall: { command: null, callId: 12 } }`,
    'command an array': `{ __gppCall: { command: ['ping'], callId: 13 } }`,
    'command an object': `{ __gppCall: { command: {}, callId: 14 } }`,
    'command a String object': `{ __gppCall: { command: new String('ping'), callId: 15 } }`,
    'command true': `{ __uspapiCall: { command: true, version: 1, callId: 16 } }`,
    'uspapi command missing': `{ __uspapiCall: { version: 1, callId: 17 } }`,
    'callId missing': `{ __gppCall: { command: 'ping' } }`,
    'callId an object': `{ __gppCall: { command: 'ping', callId: {} } }`,
    'callId an array': `{ __gppCall: { command: 'ping', callId: [1] } }`,
    'callId null': `{ __gppCall: { command: 'ping', callId: null } }`,
    'callId true': `{ __uspapiCall: { command: 'getUSPData', version: 1, callId: true } }`,
    'callId undefined': `{ __uspapiCall: { command: 'getUSPData', version: 1, callId: undefined } }`,
    'call a string': `{ __gppCall: 'ping' }`,
    'call a JSON string': `{ __gppCall: JSON.stringify({ command: 'ping', callId: 18 }) }`,
    'call null': `{ __gppCall: null }`,
    'call an array': `{ __gppCall: ['ping', 19] }`,
    'call a number': `{ __uspapiCall: 1 }`,
    'call in an array': `[{ __gppCall: { command: 'ping', callId: 20 } }]`,
    'call in the JSON of an array': `JSON.stringify([{ __gppCall: { command: 'ping', callId: 21 } }])`,
    'call under __proto__ (object)': `(() => { const m = {}; Object.defineProperty(m, '__proto__', { value: { __gppCall: { command: 'ping', callId: 22 } }, enumerable: true }); return m; })()`,
    'call under __proto__ (JSON)': `'{"__proto__":{"__gppCall":{"command":"ping","callId":23}}}'`,
    'command under __proto__ (JSON)': `'{"__gppCall":{"__proto__":{"command":"ping","callId":24}}}'`,
    'command under __proto__ (uspapi JSON)': `'{"__uspapiCall":{"__proto__":{"command":"getUSPData","version":1,"callId":25}}}'`,
    'a reply, not a call': `{ __gppReturn: { returnValue: true, success: true, callId: 26 } }`,
    'not JSON': `'ping'`,
    'JavaScript, not JSON': `"{__gppCall:{command:'ping',callId:27}}"`,
    'JSON cut short': `'{"__gppCall":{"command":"ping","callId":28}'`,
    'JSON with a trailing comma': `'{"__gppCall":{"command":"ping","callId":29},}'`,
    'empty string': `''`,
    'JSON null': `'null'`,
    'JSON number': `'1'`,
    'JSON string': `'"__gppCall"'`,
    'deeply nested JSON': `'['.repeat(100000) + ']'.repeat(100000)`,
    'huge non-JSON string (8 MB)': `'x'.repeat(8e6)`,
    'huge JSON that is no call (4 MB)': `JSON.stringify({ __gppCall: { command: 7, callId: 30, pad: 'x'.repeat(4e6) } })`,
    null: `null`,
    undefined: `undefined`,
    number: `42`,
    NaN: `NaN`,
    boolean: `true`,
    array: `[1, 2, 3]`,
    'empty object': `{}`,
    'typed array': `new Uint8Array(16)`,
    'Date': `new Date(0)`,
    'RegExp': `/__gppCall/`,
    'Map with a call': `new Map([['__gppCall', { command: 'ping', callId: 31 }]])`,
    'Error': `new Error('__gppCall')`,
  };

  test('malformed calls get no reply, and throw and log nothing', async ({ page, log }) => {
    test.slow();
    const { frames } = await open(page);
    for (const [name, frame] of Object.entries({ a: frames.a, b: frames.b })) {
      await reset(frames);
      for (const [label, expression] of Object.entries(MALFORMED)) {
        await send(frame, expression).catch((error) => {
          throw new Error(`frame ${name} could not post "${label}": ${error}`);
        });
      }
      await sentinel(frame, `sentinel-${name}`);
      const replies = await received(frame);
      expect(replies.map((r) => (r.form == 'string' ? r.data : JSON.stringify(r.data)).slice(0, 200)), `frame ${name}: replies to malformed calls`).toEqual([]);
    }
    expect(await page.evaluate(() => [({} as any).command, ({} as any).__gppCall, ({} as any).callId, ({} as any).polluted])).toEqual([undefined, undefined, undefined, undefined]);
    await expectQuiet(page, log);
  });

  /** Well-formed but odd: each gets exactly one reply, with its callId, and
   * nothing runs. Unknown commands are answered `success: false` (GPP CMP
   * API 1.1 and US Privacy); `events` is the stub hand-off (returns, never
   * calls back), so it gets none. */
  const ODD: { label: string; call: string; callId: unknown; reply?: { returnValue: unknown; success: boolean } | null }[] = [
    { label: 'unknown command', call: `{ __gppCall: { command: 'doesNotExist', callId: 40 } }`, callId: 40, reply: { returnValue: null, success: false } },
    { label: 'getGPPData (removed in 1.1)', call: `{ __gppCall: { command: 'getGPPData', callId: 41 } }`, callId: 41, reply: { returnValue: null, success: false } },
    { label: '__proto__ command', call: `'{"__gppCall":{"command":"__proto__","callId":42}}'`, callId: 42, reply: { returnValue: null, success: false } },
    { label: 'constructor command', call: `{ __gppCall: { command: 'constructor', callId: 43 } }`, callId: 43, reply: { returnValue: null, success: false } },
    { label: 'toString command', call: `{ __gppCall: { command: 'toString', callId: 44 } }`, callId: 44, reply: { returnValue: null, success: false } },
    { label: 'empty command', call: `{ __gppCall: { command: '', callId: 45 } }`, callId: 45, reply: { returnValue: null, success: false } },
    { label: 'huge command (1 MB)', call: `{ __gppCall: { command: 'x'.repeat(1e6), callId: 46 } }`, callId: 46, reply: { returnValue: null, success: false } },
    { label: 'events (the stub hand-off)', call: `{ __gppCall: { command: 'events', callId: 47 } }`, callId: 47, reply: null },
    { label: 'function-like parameter to ping', call: `{ __gppCall: { command: 'ping', parameter: 'function () { window.__xss = 1 }', callId: 48 } }`, callId: 48 },
    { label: 'function-like getField', call: `{ __gppCall: { command: 'getField', parameter: "usca.SaleOptOut'); window.__xss = 1; ('", callId: 49 } }`, callId: 49, reply: { returnValue: null, success: true } },
    { label: 'getField of a prototype key', call: `{ __gppCall: { command: 'getField', parameter: 'usca.__proto__', callId: 50 } }`, callId: 50, reply: { returnValue: null, success: true } },
    { label: 'getField of constructor', call: `{ __gppCall: { command: 'getField', parameter: 'usca.constructor', callId: 51 } }`, callId: 51, reply: { returnValue: null, success: true } },
    { label: 'getSection __proto__', call: `{ __gppCall: { command: 'getSection', parameter: '__proto__', callId: 52 } }`, callId: 52, reply: { returnValue: null, success: true } },
    { label: 'hasSection with an object', call: `{ __gppCall: { command: 'hasSection', parameter: { section: 'usca' }, callId: 53 } }`, callId: 53, reply: { returnValue: false, success: true } },
    { label: 'removeEventListener of an id never given', call: `{ __gppCall: { command: 'removeEventListener', parameter: 99999, callId: 54 } }`, callId: 54 },
    { label: 'uspapi unknown command', call: `{ __uspapiCall: { command: 'doesNotExist', version: 1, callId: 55 } }`, callId: 55, reply: { returnValue: null, success: false } },
    { label: 'uspapi version 2', call: `{ __uspapiCall: { command: 'getUSPData', version: 2, callId: 56 } }`, callId: 56, reply: { returnValue: null, success: false } },
    { label: 'uspapi version "1" (a string)', call: `{ __uspapiCall: { command: 'getUSPData', version: '1', callId: 57 } }`, callId: 57, reply: { returnValue: null, success: false } },
    { label: 'uspapi function-like parameter', call: `{ __uspapiCall: { command: 'getUSPData', version: 1, parameter: '() => { window.__xss = 1 }', callId: 58 } }`, callId: 58, reply: { returnValue: { version: 1, uspString: '1YNN' }, success: true } },
    { label: 'callId NaN', call: `{ __gppCall: { command: 'doesNotExist', callId: NaN } }`, callId: NaN, reply: { returnValue: null, success: false } },
    { label: 'callId an empty string', call: `{ __gppCall: { command: 'doesNotExist', callId: '' } }`, callId: '', reply: { returnValue: null, success: false } },
    { label: 'callId markup', call: `{ __gppCall: { command: 'doesNotExist', callId: '<img src=x onerror=window.__xss=1>' } }`, callId: '<img src=x onerror=window.__xss=1>', reply: { returnValue: null, success: false } },
  ];

  test('odd but well-formed calls: one reply each with the callId (unknown commands success: false, `events` none), nothing run', async ({ page, log }) => {
    const { frames } = await open(page);
    await reset(frames);
    for (const { call } of ODD) await send(frames.b, call);
    await sentinel(frames.b, 'sentinel-b');
    const replies = (await received(frames.b)).map((r) => (r.form == 'string' ? JSON.parse(r.data) : r.data));
    const answered = ODD.filter((o) => o.reply !== null);
    expect(replies.map((r) => (r.__gppReturn ?? r.__uspapiReturn).callId), 'one reply per call, in order').toEqual(answered.map((o) => o.callId));
    for (const [i, odd] of answered.entries()) {
      const reply = replies[i].__gppReturn ?? replies[i].__uspapiReturn;
      if (odd.reply) expect({ returnValue: reply.returnValue, success: reply.success }, odd.label).toEqual(odd.reply);
      else expect(reply.success, odd.label).toBe(true);
    }
    for (const other of [frames.a, frames.c]) {
      await sentinel(other, 'sentinel-other');
      expect(await received(other)).toEqual([]);
    }
    await expectQuiet(page, log);
  });

  test('event listeners added by a frame are told only to that frame', async ({ page, log }) => {
    const { frames } = await open(page);
    await reset(frames);
    await send(frames.c, `{ __gppCall: { command: 'addEventListener', version: '1.1', callId: 'listen' } }`);
    await expect.poll(async () => (await received(frames.c)).length).toBe(1);
    await page.evaluate(() => (window as any).Samtykke.optOut());
    await expect
      .poll(async () => (await received(frames.c)).map((r) => r.data.__gppReturn.returnValue.eventName))
      .toEqual(['listenerRegistered', 'signalStatus', 'sectionChange', 'signalStatus']);
    expect((await received(frames.c)).every((r) => r.data.__gppReturn.callId === 'listen' && r.fromTop)).toBe(true);
    for (const [name, other] of Object.entries({ a: frames.a, b: frames.b })) {
      await sentinel(other, 'sentinel-' + name);
      expect(await received(other), `frame ${name}`).toEqual([]);
    }
    await expectQuiet(page, log);
  });

  test('a frame that navigated elsewhere gets none of the events its old document asked for', async ({ page, log }) => {
    const { frames } = await open(page);
    await reset(frames);
    for (const name of ['a', 'b'] as const) {
      await send(frames[name], `{ __gppCall: { command: 'addEventListener', version: '1.1', callId: 'listen-${name}' } }`);
      await expect.poll(async () => (await received(frames[name])).length).toBe(1);
      // To another site's page, in the same window.
      const to = `https://evil.shop.example/probe?after-${name}`;
      await frames[name].evaluate((url) => (location.href = url), to);
      await frames[name].waitForURL(to);
    }
    await page.evaluate(() => (window as any).Samtykke.optOut());
    for (const name of ['a', 'b'] as const) {
      await sentinel(frames[name], `sentinel-${name}`);
      expect(await received(frames[name]), `what the new document in ${name} got`).toEqual([]);
    }
    await expectQuiet(page, log);
  });

  // An object parameter whose toString is not a function, which any frame
  // can post, must not throw in the top page (api.ts compares with ===).
  test('hasSection and getSection with an object parameter answer false / null, and throw nothing', async ({ page, log }) => {
    const { frames } = await open(page);
    await reset(frames);
    await send(frames.b, `{ __gppCall: { command: 'hasSection', parameter: { toString: 'usca' }, callId: 'has' } }`);
    await send(frames.b, `{ __gppCall: { command: 'getSection', parameter: { toString: 1, valueOf: 2 }, callId: 'get' } }`);
    await sentinel(frames.b, 'sentinel-b');
    const replies = (await received(frames.b)).map((r) => r.data.__gppReturn);
    expect(replies).toEqual([
      { returnValue: false, success: true, callId: 'has' },
      { returnValue: null, success: true, callId: 'get' },
    ]);
    await expectQuiet(page, log);
  });

  /** The page with the US chunk held back until `release()`, so that calls
   * reach the stub first. */
  async function openHeld(page: Page, edit = (html: string) => html) {
    const site = await serve(page, { '/': edit(pageWith(CA, FRAMES + '<footer><a href="#" data-samtykke-link="do-not-sell"></a></footer>')), ...PAGES });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/dist/samtykke.us.min.js', async (route) => {
      await held;
      await route.fallback();
    });
    // The held chunk holds the load event too.
    await page.goto(HTTPS + '/', { waitUntil: 'domcontentloaded' });
    const ping = () => page.evaluate(() => new Promise<any>((resolve) => (window as any).__gpp('ping', resolve)));
    expect((await ping()).cmpStatus).toBe('stub');
    // At DOMContentLoaded a child frame may still be about:blank: the tests
    // look frame `a` up by its URL, so wait until it has navigated there.
    await expect.poll(() => page.frames().some((f) => f.url() == HTTPS + '/probe?a')).toBe(true);
    return { site, release, ping };
  }

  /** After the full API has taken over: it follows an opt-out, the footer link is drawn, nothing was said. */
  async function expectFullApiWorks(page: Page, ping: () => Promise<any>, log: ReturnType<typeof watchConsole>, vendor = /^$/) {
    await expect.poll(async () => (await ping()).cmpStatus).toBe('loaded');
    await expect(page.locator('footer a'), 'the Do Not Sell link is drawn').toHaveText('Do Not Sell or Share My Personal Information');
    await page.evaluate(() => (window as any).Samtykke.optOut());
    await expect.poll(async () => (await ping()).parsedSections.usca.SaleOptOut, 'GPP follows the opt-out').toBe(1);
    // A vendor's own error may be reported as the vendor's; nothing else.
    expect(log.errors.filter((e) => e.startsWith('samtykke:') || !vendor.test(e)), 'console errors').toEqual([]);
    expect(log.exceptions.filter((e) => !vendor.test(e)), 'uncaught exceptions').toEqual([]);
  }

  test('a call the stub queued is answered to its frame once the full API takes over', async ({ page, log }) => {
    const { release, ping } = await openHeld(page);
    const a = page.frames().find((f) => f.url() == HTTPS + '/probe?a')!;
    await a.waitForFunction(() => typeof (window as any).send == 'function');
    await send(a, `{ __gppCall: { command: 'doesNotExist', callId: 'queued' } }`);
    await sentinel(a, 'sentinel-a');
    release();
    await expect.poll(async () => (await received(a)).map((r) => r.data.__gppReturn)).toEqual([{ returnValue: null, success: false, callId: 'queued' }]);
    await expectFullApiWorks(page, ping, log);
  });

  // A call the stub queues is answered when the full API takes over. If the
  // frame that asked has navigated by then, the browser's event.source is
  // null: frames.ts keeps the source from when the message came, posts to
  // the caller's origin only (the new document gets nothing), and a reply
  // that fails cannot stop the GPP API from following later changes.
  test('a queued call from a frame that navigated elsewhere before the full API takes over breaks nothing', async ({ page, log }) => {
    const { release, ping } = await openHeld(page);
    const a = page.frames().find((f) => f.url() == HTTPS + '/probe?a')!;
    await a.waitForFunction(() => typeof (window as any).send == 'function');
    await send(a, `{ __gppCall: { command: 'doesNotExist', callId: 'queued' } }`);
    await sentinel(a, 'sentinel-a');
    await a.evaluate(() => (location.href = 'https://evil.shop.example/probe?after'));
    await a.waitForURL('https://evil.shop.example/probe?after');
    release();
    await expectFullApiWorks(page, ping, log);
    expect(await received(a), 'what the new document got').toEqual([]);
  });

  // (A removed frame's event.source stays a closed window: posting to it is a no-op.)
  test('a queued call from a frame removed before the full API takes over breaks nothing', async ({ page, log }) => {
    const { release, ping } = await openHeld(page);
    const a = page.frames().find((f) => f.url() == HTTPS + '/probe?a')!;
    await a.waitForFunction(() => typeof (window as any).send == 'function');
    await send(a, `{ __gppCall: { command: 'doesNotExist', callId: 'queued' } }`);
    await sentinel(a, 'sentinel-a');
    await page.evaluate(() => document.querySelector('iframe[name="a"]')!.remove());
    release();
    await expectFullApiWorks(page, ping, log);
  });

  // A page script's queued callback that throws must not stop the API either.
  test('a queued vendor callback that throws breaks nothing', async ({ page, log }) => {
    const vendor = `<script data-test>__gpp('doesNotExist', function () { throw new Error('a vendor bug'); });</script>`;
    const { release, ping } = await openHeld(page, (html) => html.replace('</head>', vendor + '</head>'));
    release();
    await expectFullApiWorks(page, ping, log, /a vendor bug/);
  });
});
