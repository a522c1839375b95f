// format(): the one markup locale strings may use, `[link text](url)` and
// `{name}` placeholders. Its output becomes text nodes and <a href>, never
// HTML, so a translation or a site's `texts` override cannot inject markup
// or a script URL into the banner.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { format, type Piece } from '../../src/ui/format';
import { runs } from './fc-runs';

const SAFE = /^(https?:\/\/|\/|#|mailto:)/i;
const links = (pieces: Piece[]) => pieces.filter((p): p is { text: string; href: string } => typeof p != 'string');
/** What the visitor reads, links included. */
const visible = (pieces: Piece[]) => pieces.map((p) => (typeof p == 'string' ? p : p.text)).join('');

describe('format: text and placeholders', () => {
  it('gives plain text back as one piece', () => {
    expect(format('We value your privacy')).toEqual(['We value your privacy']);
  });

  it('gives nothing for an empty string, not an empty text node', () => {
    expect(format('')).toEqual([]);
  });

  it('fills placeholders from the params', () => {
    expect(format('Hello {name}, see {place}.', { name: 'Kari', place: 'Oslo' })).toEqual(['Hello Kari, see Oslo.']);
  });

  it('leaves an unknown or missing placeholder as written, so a typo shows instead of vanishing', () => {
    expect(format('Hello {name} and {other}', { name: 'Kari', other: undefined })).toEqual(['Hello Kari and {other}']);
    expect(format('Hello {name}')).toEqual(['Hello {name}']);
  });

  it('fills a placeholder with an empty string when the param is empty', () => {
    // `??`, not `||`: an empty value is a value.
    expect(format('a{x}b', { x: '' })).toEqual(['ab']);
  });

  it('does not fill placeholders inside a filled value a second time', () => {
    // A site's value that happens to contain `{name}` is shown as given.
    expect(format('{a}', { a: '{b}', b: 'no' })).toEqual(['{b}']);
  });

  it('does not read placeholders from Object.prototype', () => {
    // Looked up on a plain object, `{constructor}` or `{toString}` in a
    // site's text would show the source of a built-in function ("function
    // Object() { [native code] }") in the banner; they are unknown names
    // like any other and stay as written.
    expect(format('Read the {constructor} and {toString}.', {})).toEqual(['Read the {constructor} and {toString}.']);
  });

  it('keeps HTML-looking text as literal text: format never interprets markup', () => {
    // Rendered as a text node, `<b>` shows as `<b>`: no element is created.
    expect(format('<b>x</b> & <img src=x onerror=alert(1)>')).toEqual(['<b>x</b> & <img src=x onerror=alert(1)>']);
    // Also from a param and inside a link.
    expect(format('{v} [<i>policy</i>](/privacy)', { v: '<script>alert(1)</script>' })).toEqual([
      '<script>alert(1)</script> ',
      { text: '<i>policy</i>', href: '/privacy' },
    ]);
  });
});

describe('format: links', () => {
  const banner = 'Read more in our [privacy policy]({privacyPolicyUrl}).';

  it('makes a link of `[text](url)` with the placeholder URL filled', () => {
    expect(format(banner, { privacyPolicyUrl: 'https://example.com/privacy' })).toEqual([
      'Read more in our ',
      { text: 'privacy policy', href: 'https://example.com/privacy' },
      '.',
    ]);
  });

  it('shows the link text as plain text when the URL is not given, merged with its neighbours', () => {
    // A site without privacyPolicyUrl: the sentence still reads well, and
    // no empty or split text pieces are left where the link was.
    const expected = ['Read more in our privacy policy.'];
    expect(format(banner)).toEqual(expected);
    expect(format(banner, { privacyPolicyUrl: undefined })).toEqual(expected);
    expect(format(banner, { privacyPolicyUrl: '' })).toEqual(expected);
  });

  it('keeps a link at the very start or end without empty text pieces around it', () => {
    expect(format('[a](/a)')).toEqual([{ text: 'a', href: '/a' }]);
    expect(format('[a](/a)[b](/b)')).toEqual([{ text: 'a', href: '/a' }, { text: 'b', href: '/b' }]);
  });

  it('fills placeholders in the link text too', () => {
    expect(format('[{site} policy](/p)', { site: 'Acme' })).toEqual([{ text: 'Acme policy', href: '/p' }]);
  });

  it.each([
    ['https://example.com/privacy'],
    ['http://example.com/privacy'],
    ['HTTPS://EXAMPLE.COM/'],
    ['/privacy'],
    ['#cookies'],
    ['mailto:privacy@example.com'],
  ])('keeps a link to %s', (url) => {
    expect(format(`[x](${url})`)).toEqual([{ text: 'x', href: url }]);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['JAVASCRIPT:alert(document.cookie)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['privacy.html'],
    ['ftp://example.com/'],
  ])('shows the text of a link to %s as plain text', (url) => {
    // Through a param, as a site's privacyPolicyUrl would come.
    expect(format('See [policy]({url}) now', { url })).toEqual(['See policy now']);
  });

  it('does not make a link of a script URL written straight into the string', () => {
    // The URL ends at the first `)`, so the stray `)` stays as text.
    expect(format('See [policy](javascript:alert(1)) now')).toEqual(['See policy) now']);
    expect(links(format('[x](JavaScript:void(0))'))).toEqual([]);
    expect(links(format('[x](data:text/html;base64,PHNjcmlwdD4=)'))).toEqual([]);
  });

  it('does not make a link of a script URL with spaces before it', () => {
    // `[x]( javascript:…)` is not link markup at all (no spaces in a URL):
    // the visitor sees it as written, and no <a> is made.
    for (const template of ['[x]( javascript:alert(1))', '[x](  javascript:alert(1))', '[x](\tjavascript:alert(1))']) {
      const pieces = format(template);
      expect(links(pieces), template).toEqual([]);
      expect(visible(pieces), template).toBe(template);
    }
    // And a param with leading spaces is no safe URL either.
    expect(format('[x]({u})', { u: ' javascript:alert(1)' })).toEqual(['x']);
  });

  it('handles several links, safe and unsafe, in order', () => {
    expect(
      format('See [terms](/terms), [policy]({p}) and [bad](javascript:x) or [mail](mailto:a@b.c).', { p: 'https://e.com/p' }),
    ).toEqual([
      'See ',
      { text: 'terms', href: '/terms' },
      ', ',
      { text: 'policy', href: 'https://e.com/p' },
      ' and bad or ',
      { text: 'mail', href: 'mailto:a@b.c' },
      '.',
    ]);
  });

  it('leaves brackets that are no link as text', () => {
    expect(format('[not a link] (either) [x]()')).toEqual(['[not a link] (either) [x]()']);
  });
});

describe('format: properties', () => {
  // The markup's own split, written independently of format(): for a string
  // split on links, parts come as [text, linkText, url, text, linkText, url, …, text].
  const LINK = /\[([^\]]+)\]\(([^)\s]+)\)/;
  const fill = (text: string, params: Record<string, string | undefined>) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined) ?? whole);

  // Templates built from markup fragments and arbitrary text, so that links,
  // half-links and placeholders are common rather than rare.
  const url = fc.constantFrom(
    'https://x.test/p', 'http://x', '/p', '#f', 'mailto:m@x', 'javascript:alert(1)', 'JavaScript:', 'data:x', 'vbscript:', 'p.html',
    '{url}', '{a}', '',
  );
  const bit = fc.oneof(
    fc.constantFrom('[', ']', '(', ')', '](', '{', '}', '{a}', '{url}', ' ', 'text', '<b>', '&amp;'),
    url,
    fc.string({ maxLength: 4 }),
  );
  // A link, well formed or not quite (an empty text or URL, a space in it).
  const link = fc.tuple(fc.array(bit, { maxLength: 2 }), url, fc.constantFrom('', ' ')).map(([text, href, space]) => `[${text.join('')}](${space}${href})`);
  const fragment = fc.oneof(bit, link);
  const template = fc.array(fragment, { maxLength: 20 }).map((parts) => parts.join(''));
  const params = fc.dictionary(
    fc.constantFrom('a', 'url', 'b'),
    fc.oneof(
      fc.constantFrom('https://x.test/p', '/p', '#top', 'mailto:m@x', 'javascript:alert(1)', ' javascript:x', 'data:text/html,x', ''),
      fc.string({ maxLength: 6 }),
      fc.constant(undefined),
    ),
  );
  // 500 cases keep the suite fast (the seed is the suite's fixed one, setup.ts).
  const cases = { numRuns: runs(500) };

  it('never throws, never gives an empty text piece or two text pieces in a row, and links only to safe URLs', () => {
    fc.assert(
      fc.property(template, params, (t, p) => {
        const pieces = format(t, p);
        pieces.forEach((piece, i) => {
          if (typeof piece == 'string') {
            expect(piece).not.toBe('');
            expect(typeof pieces[i + 1]).not.toBe('string');
          } else expect(piece.href).toMatch(SAFE);
        });
      }),
      cases,
    );
  });

  it('shows exactly the template with each link replaced by its filled text, and keeps every safe link', () => {
    fc.assert(
      fc.property(template, params, (t, p) => {
        const pieces = format(t, p);
        const parts = t.split(LINK);
        const expected = parts.map((part, i) => (i % 3 == 2 ? '' : fill(part, p))).join('');
        expect(visible(pieces)).toBe(expected);
        // Every link whose filled URL is safe is a link, in order, with its filled URL.
        const safe = parts
          .map((part, i) => (i % 3 == 1 ? { text: fill(part, p), href: fill(parts[i + 1], p) } : undefined))
          .filter((link): link is { text: string; href: string } => !!link && SAFE.test(link.href));
        expect(links(pieces)).toEqual(safe);
      }),
      cases,
    );
  });
});
