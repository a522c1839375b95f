// @vitest-environment jsdom
// The dashboard's HTML (log/dashboard.mjs): every value from the log is
// escaped (category ids, pages, locales, texts, regimes, the id typed into
// the lookup), the page has its landmarks, headings, labels and a table
// for every chart, and it holds no script, no inline style and nothing
// from elsewhere.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderDashboard, renderLogin } from '../../log/dashboard.mjs';
import { esc } from '../../bin/html.mjs';
import type { Row, Stats } from '../../log/types';
import { receipt } from './log-helpers';
import { runs } from './fc-runs';

const HOSTILE = `<img src=x onerror=alert(1)>"'&<script>alert(2)</script>`;

const stats = (category = 'analytics', regime = 'opt-in'): Stats => ({
  total: 10,
  days: [
    { day: '2026-01-09', regime, receipts: 4, optIns: 3, optOuts: 0, gpc: 1 },
    { day: '2026-01-10', regime, receipts: 6, optIns: 2, optOuts: 1, gpc: 0 },
    { day: '2026-01-10', regime: 'opt-out', receipts: 2, optIns: 2, optOuts: 1, gpc: 2 },
  ],
  categories: [{ category, allowed: 5, of: 10 }],
  gpcShare: 0.3,
});

function row(overrides: Partial<Row['receipt']> = {}): Row {
  const r = receipt(overrides);
  return {
    seq: 1, consentId: r.id, time: r.time, receivedAt: '2026-01-10T12:00:01.000Z', ip: '203.0.113.0', userAgent: HOSTILE,
    origin: HOSTILE, originAllowed: false, receipt: r, digest: 'd'.repeat(64), record: HOSTILE, prevHash: '0'.repeat(64), hash: 'a'.repeat(64),
  };
}

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('the dashboard page', () => {
  it('escapes hostile values from the log and from the query everywhere', () => {
    const hostileRow = row({ page: `https://shop.example/${HOSTILE}`, locale: HOSTILE.slice(0, 35), texts: HOSTILE, categories: { a: true } });
    hostileRow.receipt.categories = { [HOSTILE]: true };
    hostileRow.receipt.services = { [HOSTILE]: true };
    const html = renderDashboard({
      stats: stats(HOSTILE, HOSTILE),
      from: HOSTILE,
      to: HOSTILE,
      kind: HOSTILE,
      lookup: { id: HOSTILE, rows: [hostileRow], checkpoint: { id: 1, seq: 1, hash: HOSTILE, time: HOSTILE, signature: '', keyId: HOSTILE } },
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/onerror=(?!alert\(1\)&gt;)/);
    expect(html).toContain(esc(HOSTILE));
    const document = parse(html);
    expect(document.querySelectorAll('img, script, iframe, object, embed')).toHaveLength(0);
    // The text reads back exactly as it was.
    expect(document.querySelector('#categories-caption')!.closest('table')!.textContent).toContain(HOSTILE);
    expect(document.querySelector('#from')!.getAttribute('value')).toBe(HOSTILE);
  });

  it('escapes any string as a category id: a property', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const document = parse(renderDashboard({ stats: stats(name), from: '2026-01-01', to: '2026-01-31', kind: 'pglite', lookup: null }));
        expect(document.querySelectorAll('script, img')).toHaveLength(0);
        const cell = document.querySelector('#categories-caption')!.closest('table')!.querySelector('tbody th')!;
        // HTML parsing normalizes CR and NUL; everything else reads back as given.
        expect(cell.textContent).toBe(name.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD'));
      }),
      { numRuns: runs(100) },
    );
  });

  it('has landmarks, one h1, a heading per section, labelled forms, and a named chart with its table', () => {
    const one = row();
    const document = parse(renderDashboard({ stats: stats(), from: '2026-01-01', to: '2026-01-31', kind: 'pglite', lookup: { id: one.consentId, rows: [one], checkpoint: null } }));
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelectorAll('header, main')).toHaveLength(2);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect([...document.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Period',
      'Summary',
      'Opt-ins and opt-outs per day: opt-in regime',
      'Opt-ins and opt-outs per day: opt-out regime',
      'Acceptance per category',
      'Look up a consent id',
    ]);
    for (const input of document.querySelectorAll('input:not([type=hidden])')) {
      expect(document.querySelector(`label[for="${input.id}"]`), input.id).not.toBeNull();
    }
    const charts = [...document.querySelectorAll('svg[role=img]')];
    expect(charts).toHaveLength(3);
    for (const chart of charts) {
      for (const id of chart.getAttribute('aria-labelledby')!.split(' ')) expect(document.getElementById(id)?.textContent).toBeTruthy();
    }
    expect(document.querySelectorAll('table caption')).toHaveLength(4);
    expect(document.body.innerHTML).toContain('Not yet covered by a signed checkpoint');
    // The exports are links the session cookie opens.
    expect([...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/v1/export?format=csv', '/v1/export?format=ndjson']);
    // No script, no inline style, nothing fetched but the stylesheet.
    expect(document.querySelectorAll('script, [style], style')).toHaveLength(0);
    expect([...document.querySelectorAll('link')].map((link) => link.getAttribute('href'))).toEqual(['/dashboard.css']);
  });

  it('says when a period has no receipts, and when an id has none', () => {
    const empty: Stats = { total: 0, days: [], categories: [], gpcShare: 0 };
    const html = renderDashboard({ stats: empty, from: '2026-01-01', to: '2026-01-31', kind: 'postgres', lookup: { id: 'id00000000000000000042', rows: [], checkpoint: null } });
    expect(html).toContain('No receipts in this period.');
    expect(html).toContain('No receipts for id00000000000000000042.');
  });
});

describe('the login page', () => {
  it('posts the token in a labelled password field, and marks a wrong one', () => {
    const document = parse(renderLogin({ error: 'That is not the admin token.' }));
    const form = document.querySelector('form')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe('/login');
    const input = document.querySelector('input#token')!;
    expect(input.getAttribute('type')).toBe('password');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)!.textContent).toBe('That is not the admin token.');
    expect(document.querySelector('label[for=token]')).not.toBeNull();
    expect(parse(renderLogin()).querySelector('[aria-invalid]')).toBeNull();
  });
});
