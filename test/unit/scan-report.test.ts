// @vitest-environment node
// The HTML report of `samtykke scan` (scan/report.mjs), rendered from a
// hand-made scan.json (test/fixtures/scan-result.json: 3 pages, 4 states,
// 13 items of every kind, findings of every rule), and from hostile values
// a scanned site could put in its cookie names, URLs and descriptions.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error jsdom ships no types (and @types/jsdom is no dependency); its DOMParser is typed below.
import { JSDOM } from 'jsdom';
import fc from 'fast-check';
import { esc, renderReport, safeHref, verdict } from '../../scan/report.mjs';
import type { Finding, Item, ScanResult, Severity, StateName } from '../../scan/types';
import { runs, timeout } from './fc-runs';

const FIXTURE = new URL('../fixtures/scan-result.json', import.meta.url);
const fixture = (): ScanResult => JSON.parse(readFileSync(FIXTURE, 'utf8'));

// One window whose parser reads every page (a new JSDOM per page is slow);
// it runs no script either way.
const parser: DOMParser = new new JSDOM('').window.DOMParser();
function parse(html: string): Document {
  return parser.parseFromString(html, 'text/html');
}

const result = fixture();
const html = renderReport(result);
const doc = parse(html);

/** An element's text as one reads it: cells, terms and blocks apart, spaces collapsed. */
function text(el: Element | null): string {
  if (!el) return '';
  const copy = el.cloneNode(true) as Element;
  for (const block of copy.querySelectorAll('td, th, dt, dd, li, p, div, caption, .name, .sub')) block.append(' ');
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('the report of the fixture', () => {
  it('is one English document with a title, landmarks and headings in order', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.title).toContain('shop.example');
    expect(doc.querySelectorAll('header, main, footer')).toHaveLength(3);
    const levels = [...doc.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l == 1)).toHaveLength(1);
    // No heading skips a level on the way down.
    levels.forEach((level, i) => i && expect(level).toBeLessThanOrEqual(levels[i - 1] + 1));
  });

  it('says in its header what was scanned, when, how, and the verdict in words', () => {
    const header = text(doc.querySelector('header'));
    expect(header).toContain('https://shop.example/');
    expect(header).toContain('2 Dec 2026, 09:30:00 UTC, took 41.7 s');
    expect(header).toContain('3 pages \u00d7 4 states');
    expect(header).toMatch(/samtykke on the site Found/);
    expect(header).toContain('Opt-in');
    expect(header).toContain("The page's config block");
    expect(text(doc.querySelector('.verdict-headline'))).toBe(
      '6 violations: this site uses non-essential cookies, storage and trackers before consent, keeps using non-essential cookies and trackers after Reject all and ignores Global Privacy Control.',
    );
    expect(header).toContain('exited with 1');
    for (const severity of ['violation', 'warning', 'info'] as Severity[]) {
      expect(text(doc.querySelector(`[data-severity-count="${severity}"] .badge-n`))).toBe(String(result.summary.findings[severity]));
    }
  });

  it('shows the summary counts of every state', () => {
    const rows = doc.querySelectorAll('.summary-table tbody tr');
    expect(rows).toHaveLength(4);
    // Each column's header names the count under it.
    expect(text(doc.querySelector('.summary-table thead'))).toBe('State Cookies Storage keys Third-party hosts Non-essential');
    expect([...rows[0].querySelectorAll('td')].map((td) => td.getAttribute('data-metric'))).toEqual(['cookies', 'storage', 'requests', 'nonessential']);
    for (const [state, counts] of Object.entries(result.summary.states)) {
      const row = doc.querySelector(`.summary-table tr[data-state="${state}"]`)!;
      for (const [metric, n] of Object.entries(counts!)) expect(text(row.querySelector(`[data-metric="${metric}"]`)), `${state} ${metric}`).toBe(String(n));
    }
    // The bar charts carry the same numbers in their text alternative.
    expect(text(doc.querySelector('#mini-nonessential-d'))).toContain('Before any choice: 4; After Reject all: 6; After Accept all: 8; Under GPC: 7');
  });

  it('lists every finding once, violations first, then warnings, then info, each rule explained', () => {
    const rows = [...doc.querySelectorAll('tr[data-finding]')];
    expect(rows).toHaveLength(result.findings.length);
    const order: Severity[] = ['violation', 'warning', 'info'];
    const seen = rows.map((r) => order.indexOf(r.getAttribute('data-severity') as Severity));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(2);
    // Every rule of the schema is in the fixture, and each gets its explanation.
    const rules = new Set(result.findings.map((f) => f.rule));
    expect(rules.size).toBe(8);
    for (const rule of rules) {
      const block = doc.querySelector(`[data-rule="${rule}"]`)!;
      expect(block, rule).not.toBeNull();
      expect(text(block.querySelector('.explain')).length, rule).toBeGreaterThan(40);
      expect(block.querySelectorAll('tr[data-finding]')).toHaveLength(result.findings.filter((f) => f.rule == rule).length);
    }
  });

  it('shows for a finding its item, category, state, page and the script responsible', () => {
    const block = doc.querySelector('[data-rule="nonessential-after-reject"]')!;
    const row = text(block.querySelector('tr[data-finding]'));
    expect(row).toContain('_fbp');
    expect(row).toContain('marketing');
    expect(row).toContain('After Reject all');
    expect(row).toContain('/products');
    expect(row).toContain('https://connect.facebook.net/en_US/fbevents.js');
    const unseen = text(doc.querySelector('[data-rule="declared-unseen"]'));
    expect(unseen).toContain('_hjSessionUser_*');
    expect(unseen).toContain('service hotjar');
  });

  it('has a row per item, with a mark and a spoken label per state, and what the item is', () => {
    expect(doc.querySelectorAll('tr[data-item]')).toHaveLength(result.items.length);
    for (const item of result.items) {
      const row = [...doc.querySelectorAll('tr[data-item]')].find((r) => r.getAttribute('data-item') == item.id)!;
      const cells = [...row.querySelectorAll('td[data-seen]')];
      expect(cells.map((c) => c.getAttribute('data-seen'))).toEqual(
        (['before', 'reject', 'accept', 'gpc'] as StateName[]).map((s) => (item.sightings.some((x) => x.state == s) ? 'yes' : 'no')),
      );
      // Not colour alone: a text mark, and words for a screen reader.
      for (const cell of cells) expect(text(cell.querySelector('.vh'))).toMatch(/^(seen|not seen)$/);
      expect(text(row)).toContain(item.classification.category);
    }
    const ga = text(doc.querySelector('tr[data-item="cookie:_ga@shop.example/"]'));
    expect(ga).toContain('Open Cookie Database');
    expect(ga).toContain('high confidence');
    expect(ga).toContain('400 days');
    expect(ga).toContain('Google Analytics');
    expect(text(doc.querySelector('tr[data-item="cookie:session_id@shop.example/"]'))).toContain('session');
    // Grouped by kind.
    expect([...doc.querySelectorAll('table[data-kind]')].map((t) => t.getAttribute('data-kind'))).toEqual(['cookie', 'localStorage', 'sessionStorage', 'request']);
  });

  it('draws a timeline for each state with a click, with a text alternative holding the same data', () => {
    const charts = [...doc.querySelectorAll('svg.timeline')];
    expect(charts.map((c) => c.id || c.getAttribute('aria-labelledby'))).toEqual(['tl-reject-t tl-reject-d', 'tl-accept-t tl-accept-d', 'tl-gpc-t tl-gpc-d']);
    for (const chart of charts) {
      expect(chart.getAttribute('role')).toBe('img');
      expect(chart.querySelector('title')).not.toBeNull();
      expect(chart.querySelector('desc')).not.toBeNull();
      expect(chart.querySelectorAll('line.click')).toHaveLength(1);
    }
    // After Reject all: _ga, _fbp, ab_test_bucket, the GA and Facebook hosts, the unknown widget host
    // (necessary items are not drawn); one mark per sighting.
    const reject = doc.querySelector('#tl-reject-h')!.closest('section')!;
    expect(reject.querySelectorAll('svg g.row')).toHaveLength(6);
    const trackers = result.items.filter((i) => i.classification.category != 'necessary' && (i.classification.category != 'unknown' || i.party == 'third'));
    const marks = trackers.flatMap((i) => i.sightings.filter((s) => s.state == 'reject'));
    expect(reject.querySelectorAll('svg g.mark')).toHaveLength(marks.length);
    const table = reject.querySelector('details table')!;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(6);
    expect(text(table)).toContain('_fbp cookie marketing +1.34 s (/products)');
    expect(text(table)).toContain('\u22120.91 s (/)');
  });

  it('loads nothing: no script, no stylesheet link, no image, no @import or url(), only in-page and http(s) links', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=|xlink:href|srcset=/i);
    for (const el of doc.querySelectorAll('[href]')) {
      expect(el.tagName).toBe('A');
      const href = el.getAttribute('href')!;
      if (href.startsWith('#')) {
        expect(doc.getElementById(href.slice(1)), href).not.toBeNull();
      } else {
        expect(href).toMatch(/^https?:\/\//);
        expect(el.getAttribute('rel')).toContain('noreferrer');
      }
    }
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
  });

  it('makes every scroll box focusable and labelled, and every table header scoped', () => {
    const boxes = [...doc.querySelectorAll('.scroll')];
    expect(boxes.length).toBeGreaterThan(10);
    for (const box of boxes) {
      expect(box.getAttribute('tabindex')).toBe('0');
      expect(box.getAttribute('aria-label')).toBeTruthy();
    }
    for (const th of doc.querySelectorAll('th')) expect(['col', 'row']).toContain(th.getAttribute('scope'));
  });
});

describe('verdict', () => {
  const base = fixture();
  const only = (findings: Finding[], exitCode: 0 | 1 | 2): ScanResult => ({
    ...base,
    findings,
    summary: {
      ...base.summary,
      exitCode,
      findings: { violation: findings.filter((f) => f.severity == 'violation').length, warning: findings.filter((f) => f.severity == 'warning').length, info: findings.filter((f) => f.severity == 'info').length },
    },
  });

  it('says when nothing was found, and what exit 0 means', () => {
    expect(verdict(only([], 0))).toEqual({ tone: 'pass', headline: 'No findings: nothing non-essential was seen where it should not be.', exit: 'samtykke scan exited with 0: nothing at or above --fail-on violation.' });
  });

  it('leads with the warnings when there is no violation', () => {
    const v = verdict(only(base.findings.filter((f) => f.rule == 'unknown-third-party' || f.rule == 'declared-unseen'), 0));
    expect(v.tone).toBe('warn');
    expect(v.headline).toBe('No violations; 1 warning: this site contacts third parties nobody has classified.');
  });

  it('says the scan could not finish on exit 2', () => {
    expect(verdict(only([], 2))).toMatchObject({ tone: 'error', exit: expect.stringContaining('could not finish') });
  });
});

describe('escaping', () => {
  const HOSTILE = `</script><img src=x onerror=alert(1)>`;
  const QUOTES = `x" onmouseover="alert(1)' onfocus='alert(2)`;
  const JS_URL = 'javascript:alert(1)';

  it('esc replaces the five characters, and safeHref keeps only http(s)', () => {
    expect(esc(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(esc(undefined)).toBe('');
    expect(esc(0)).toBe('0');
    expect(safeHref('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeHref('http://a.example')).toBe('http://a.example/');
    for (const bad of [JS_URL, ' JavaScript:alert(1)', 'data:text/html,<b>', 'vbscript:x', '//evil.example/x', '/relative', 'not a url', '']) expect(safeHref(bad), bad).toBeUndefined();
  });

  function hostile(): ScanResult {
    const r = fixture();
    r.url = `${JS_URL}"><script>alert(1)</script>`;
    r.site.site = HOSTILE;
    r.site.cookieName = QUOTES;
    r.tool.version = HOSTILE;
    r.startedAt = QUOTES;
    r.pages = [JS_URL, `https://shop.example/${HOSTILE}`];
    r.states[0].error = HOSTILE;
    r.states[1].choice!.page = QUOTES;
    r.states[1].pages = [{ url: JS_URL, error: HOSTILE, finalUrl: QUOTES }];
    for (const item of r.items) {
      item.id = `${item.id}${QUOTES}`;
      item.name = `${item.name}${HOSTILE}`;
      item.domain = QUOTES;
      item.path = HOSTILE;
      item.origin = QUOTES;
      Object.assign(item.classification, { description: HOSTILE, platform: QUOTES, pattern: HOSTILE, category: item.classification.category == 'unknown' ? `"><b>${HOSTILE}` : item.classification.category });
      for (const s of item.sightings) s.page = `${JS_URL}${QUOTES}`;
    }
    r.findings = r.findings.map((f, i): Finding => ({
      ...f,
      rule: i == 0 ? (`<i>${QUOTES}</i>` as Finding['rule']) : f.rule,
      message: HOSTILE,
      name: `${f.name ?? ''}${HOSTILE}`,
      category: QUOTES,
      page: i % 2 ? JS_URL : `https://shop.example/?q=${QUOTES}`,
      script: i % 2 ? `${JS_URL}//${HOSTILE}` : `https://evil.example/${QUOTES}`,
      service: HOSTILE,
      pattern: QUOTES,
    }));
    return r;
  }

  it('lets no hostile value out as markup, attribute or link', () => {
    const out = renderReport(hostile());
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('<i>');
    expect(out).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('x&quot; onmouseover=&quot;alert(1)&#39; onfocus=&#39;alert(2)');
    const d = parse(out);
    for (const el of d.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr, `<${el.tagName.toLowerCase()} ${attr}>`).not.toMatch(/^on/);
    }
    expect(d.querySelectorAll('script, img, iframe, object, embed, b, i')).toHaveLength(0);
    for (const a of d.querySelectorAll('a[href]')) expect(a.getAttribute('href')).toMatch(/^(#|https?:\/\/)/);
    // Shown as text, not dropped: the names and messages are there to read.
    const body = d.body.textContent!;
    expect(body).toContain(`_ga${HOSTILE}`);
    expect(body).toContain(JS_URL);
    expect(body).toContain(QUOTES);
    // An attribute built from a value keeps it whole, as one attribute.
    const ids = [...d.querySelectorAll('tr[data-item]')].map((r) => r.getAttribute('data-item'));
    expect(ids).toEqual([...ids].filter((id) => id!.endsWith(QUOTES)));
    expect(ids).toHaveLength(13);
  });

  it('puts any item name into the page as exactly that text', { timeout: timeout(100) }, () => {
    // A one-item scan, so each case parses a small page.
    const base = fixture();
    const item: Item = { ...base.items[2], sightings: base.items[2].sightings.slice(0, 1) };
    base.states = base.states.slice(0, 1);
    base.pages = base.pages.slice(0, 1);
    const unit = fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ' ', '`', 'a', 'script', 'img', ' onerror', '<!--', '-->', ']]>', '&amp;', '\u00e6', '\u{1F36A}');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (name) => {
        const r: ScanResult = { ...base, items: [{ ...item, id: name, name }], findings: [], summary: { ...base.summary, findings: { violation: 0, warning: 0, info: 0 }, exitCode: 0 } };
        // Without the style sheet (constant, and most of jsdom's time here).
        const d = parse(renderReport(r).replace(/<style>[^]*?<\/style>/, ''));
        const row = d.querySelector('tr[data-item]')!;
        expect(row.getAttribute('data-item')).toBe(name);
        expect(row.querySelector('.name')!.textContent).toBe(name);
        expect(d.querySelectorAll('script, img')).toHaveLength(0);
      }),
      { numRuns: runs(100) },
    );
  });
});
