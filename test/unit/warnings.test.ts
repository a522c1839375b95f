// validate()'s warnings: a config that runs as written (ok stays true) but
// probably leaves something undone for the law. Each warning says what to do.
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/config/validate';
import type { Problem } from '../../src/config/problem';

const paths = (warnings: Problem[]) => warnings.map((w) => w.path);

/** A US privacy centre with two ways to ask: a form and a toll-free number. */
const US_CENTRE = { rights: { access: '/privacy/request', delete: '/privacy/request', correct: '/privacy/request' }, tollFree: '+1-800-555-0100' };
/** A GDPR privacy centre: every right of Art. 13(2)(b) by email, and the authority. */
const DPO = 'mailto:dpo@example.com';
const GDPR_CENTRE = { rights: { access: DPO, correct: DPO, delete: DPO, restrict: DPO, object: DPO, portability: DPO, complaint: 'https://www.datatilsynet.dk/english' } };
const US = { regime: 'opt-out', privacyCentre: US_CENTRE } as const;
const HEALTH = { categories: { health: { sensitive: ['health'] } } };

describe('validate: warnings do not fail a config', () => {
  it('keeps ok true and problems empty beside a warning', () => {
    const result = validate({ regime: 'opt-out', privacyCentre: { rights: { access: '/r', delete: '/r' } } });
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it('gives no warnings for an empty config', () => {
    expect(validate({})).toEqual({ ok: true, problems: [], warnings: [] });
  });

  it('gives no warnings while the config has problems (they come first)', () => {
    const result = validate({ regime: 'opt-out', layout: 'popup', privacyCentre: { rights: { access: '/r' } } });
    expect(result.ok).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  it('says what to do in every warning', () => {
    const { warnings } = validate(
      { regime: 'auto', privacyCentre: { rights: { correct: '/r' } }, ...HEALTH },
      { html: '<a href="/privacy" data-samtykke-link="privacy-centre"></a>' },
    );
    expect(paths(warnings)).toEqual(['privacyCentre.rights', 'privacyCentre', 'privacyCentre.rights.complaint', 'categories.health.sensitive']);
    for (const { message } of warnings) expect(message).toMatch(/; (add|give) /);
  });
});

describe('validate: US request methods (CCPA §1798.130(a)(1))', () => {
  it('is quiet with a form and a toll-free number', () => {
    expect(validate(US).warnings).toEqual([]);
  });

  it('is quiet with two methods and no toll-free number', () => {
    expect(validate({ regime: 'opt-out', privacyCentre: { rights: { access: ['/r', 'mailto:privacy@example.com'], delete: '/r', correct: '/r' } } }).warnings).toEqual([]);
  });

  it('warns about a single method, saying to add a toll-free number or set onlineOnly', () => {
    const { warnings } = validate({ regime: 'opt-out', privacyCentre: { rights: { access: '/r', delete: '/r', correct: '/r' } } });
    expect(warnings).toEqual([{ path: 'privacyCentre', message: expect.stringMatching(/^gives 1 way to ask .* asks for two or more, a toll-free number among them; add tollFree .* onlineOnly with a mailto: address$/) }]);
  });

  it('counts a toll-free number written again as a tel: method once', () => {
    const centre = { rights: { access: 'tel:+1 (800) 555-0100', delete: 'tel:+1-800-555-0100', correct: 'tel:18005550100' }, tollFree: '+1-800-555-0100' };
    expect(paths(validate({ regime: 'opt-out', privacyCentre: centre }).warnings)).toEqual(['privacyCentre']);
  });

  it('counts an email written in two cases once', () => {
    const centre = { rights: { access: 'mailto:Privacy@Example.com', delete: 'mailto:privacy@example.com', correct: 'mailto:privacy@example.COM' } };
    expect(paths(validate({ regime: 'opt-out', privacyCentre: centre }).warnings)).toEqual(['privacyCentre']);
  });

  it('counts only the methods for access, delete and correct, and tollFree', () => {
    const centre = { rights: { access: '/r', delete: '/r', correct: '/r', appeal: 'mailto:appeals@example.com', agent: '/agents' } };
    expect(paths(validate({ regime: 'opt-out', privacyCentre: centre }).warnings)).toEqual(['privacyCentre']);
  });

  it('is quiet for a business that is only online and gives an email', () => {
    const centre = { rights: { access: 'mailto:privacy@example.com', delete: 'mailto:privacy@example.com', correct: 'mailto:privacy@example.com' }, onlineOnly: true };
    expect(validate({ regime: 'opt-out', privacyCentre: centre }).warnings).toEqual([]);
  });

  it('warns a business that is only online but gives no email to give one', () => {
    const centre = { rights: { access: '/r', delete: '/r', correct: '/r' }, onlineOnly: true };
    const { warnings } = validate({ regime: 'opt-out', privacyCentre: centre });
    expect(warnings).toEqual([{ path: 'privacyCentre.onlineOnly', message: expect.stringContaining('give no mailto: address') }]);
    expect(warnings[0].message).toMatch(/; add one, or give two methods$/);
  });

  it('warns once about the rights to know, delete and correct that have no method', () => {
    const { warnings } = validate({ regime: 'opt-out', privacyCentre: { rights: { access: ['/r', 'mailto:p@example.com'] } } });
    expect(warnings).toEqual([{
      path: 'privacyCentre.rights',
      message: 'has no method for delete and correct, rights visitors have under US privacy laws (to know, delete and correct); give each a form, a mailto: or a tel: address (one may serve several), so the privacy centre lists it',
    }]);
  });

  it('names every missing right, and the count, for a centre with no rights', () => {
    const { warnings } = validate({ regime: 'opt-out', privacyCentre: { noticeAtCollection: '/notice' } });
    expect(warnings.map((w) => w.message.split(/[:,] /)[0])).toEqual(['has no method for access', 'gives 0 ways to ask to know']);
    expect(warnings[0].message).toMatch(/^has no method for access, delete and correct, rights /);
  });

  it('says nothing about rights without a privacyCentre (the privacy policy may list them)', () => {
    expect(validate({ regime: 'opt-out' }).warnings).toEqual([]);
  });

  it('says nothing about US methods under the opt-in regime', () => {
    expect(validate({ regime: 'opt-in', privacyCentre: GDPR_CENTRE }).warnings).toEqual([]);
  });

  it.each([
    [{ regime: 'auto', region: 'US-CA' }, true],
    [{ regime: 'auto', region: 'US-TX' }, true],
    [{ regime: 'auto', defaultRegime: 'opt-out', region: 'BR' }, true],
    [{ regime: 'auto' }, true],
    [{ regime: 'auto', region: 'DK', defaultRegime: 'opt-out' }, false],
    [{ regime: 'auto', region: 'US-NY' }, false],
    [{ regime: 'auto', region: 'EU' }, false],
  ])('treats %j as a US regime: %s (as the page resolves it)', (regime, us) => {
    // One email for every right: enough for GDPR, one way short for CCPA.
    expect(paths(validate({ ...regime, privacyCentre: GDPR_CENTRE }).warnings)).toEqual(us ? ['privacyCentre'] : []);
  });
});

describe('validate: a right without a method', () => {
  it.each([
    [{ access: '' }, 'privacyCentre.rights.access'],
    [{ access: '  ' }, 'privacyCentre.rights.access'],
    [{ access: [] }, 'privacyCentre.rights.access'],
    [{ access: ['/r', ''] }, 'privacyCentre.rights.access[1]'],
  ])('reports %j as empty, saying what to give or to leave it out', (rights, path) => {
    const result = validate({ privacyCentre: { rights } });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ path, message: 'is empty: give an https: address, a relative path, a mailto: or a tel: address, or leave the key out' }]);
  });

  it('still says what a method must be when it is not empty', () => {
    expect(validate({ privacyCentre: { rights: { access: 'javascript:alert(1)' } } }).problems).toEqual([
      { path: 'privacyCentre.rights.access', message: 'must be an https: address, a relative path, a mailto: or a tel: address (or a list of them)' },
    ]);
  });
});

describe('validate: GDPR rights (Art. 13(2)(b) and (d))', () => {
  const { complaint, ...rights } = GDPR_CENTRE.rights;

  it('warns an opt-in site that lists rights but no complaint', () => {
    const { ok, warnings } = validate({ privacyCentre: { rights } });
    expect(ok).toBe(true);
    expect(warnings).toEqual([{
      path: 'privacyCentre.rights.complaint',
      message: 'is missing: GDPR Art. 13(2)(d) asks you to tell visitors they may complain to a data protection authority; give your authority\'s complaint page, such as "https://www.datatilsynet.dk/english"',
    }]);
  });

  it('warns once about the rights of Art. 13(2)(b) that have no method', () => {
    const { warnings } = validate({ privacyCentre: { rights: { access: DPO, delete: DPO, complaint } } });
    expect(warnings).toEqual([{
      path: 'privacyCentre.rights',
      message: 'has no method for correct, portability, restrict and object, rights visitors have under GDPR Art. 13(2)(b); give each a form, a mailto: or a tel: address (one may serve several), so the privacy centre lists it',
    }]);
  });

  it('is quiet when the site lists no rights (the centre links to the privacy policy)', () => {
    expect(validate({ privacyCentre: { noticeAtCollection: '/notice' } }).warnings).toEqual([]);
    expect(validate({ privacyCentre: {} }).warnings).toEqual([]);
  });

  it('is quiet with every right and a complaint method', () => {
    expect(validate({ privacyCentre: GDPR_CENTRE }).warnings).toEqual([]);
  });

  it('is quiet where only the opt-out regime applies', () => {
    expect(validate(US).warnings).toEqual([]);
  });

  it('names both laws, once, for an auto site without a region, which European and Californian visitors reach', () => {
    const { warnings } = validate({ regime: 'auto', privacyCentre: { rights: { access: DPO } } });
    expect(paths(warnings)).toEqual(['privacyCentre.rights', 'privacyCentre', 'privacyCentre.rights.complaint']);
    expect(warnings[0].message).toMatch(/^has no method for delete, correct, portability, restrict and object, rights visitors have under US privacy laws \(to know, delete and correct\) and GDPR Art\. 13\(2\)\(b\); /);
  });
});

describe('validate: sensitive data without a link to limit it (CPRA §7027)', () => {
  const page = (links: string) => `<!doctype html><html><body><footer>${links}</footer></body></html>`;

  it('warns when the page has no limit-sensitive or privacy-choices link', () => {
    const result = validate({ ...US, ...HEALTH }, { html: page('<a href="/privacy" data-samtykke-link="do-not-sell"></a>') });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{
      path: 'categories.health.sensitive',
      message: 'is sensitive personal information, but the page has no link to limit its use, which CPRA §7027 asks for; add <a href="/privacy" data-samtykke-link="limit-sensitive"></a> (or data-samtykke-link="privacy-choices") to the page',
    }]);
  });

  it.each([
    '<a href="/privacy#limit" data-samtykke-link="limit-sensitive">Limit</a>',
    '<a href="/privacy" data-samtykke-link="privacy-choices"></a>',
    "<a href='/privacy' data-samtykke-link='limit-sensitive'></a>",
    '<a href=/privacy data-samtykke-link=limit-sensitive>Limit</a>',
    '<button DATA-SAMTYKKE-LINK = "privacy-choices">Your Privacy Choices</button>',
  ])('is quiet with %s', (link) => {
    expect(validate({ ...US, ...HEALTH }, { html: page(link) }).warnings).toEqual([]);
  });

  it('does not count a link inside an HTML comment, or another value', () => {
    for (const link of ['<!-- <a data-samtykke-link="limit-sensitive"></a> -->', '<a data-samtykke-link="limit-sensitive-data"></a>', '<a data-samtykke-link="Limit-Sensitive"></a>']) {
      expect(paths(validate({ ...US, ...HEALTH }, { html: page(link) }).warnings), link).toEqual(['categories.health.sensitive']);
    }
  });

  it('is quiet without the page (a JSON file cannot show the link)', () => {
    expect(validate({ ...US, ...HEALTH }).warnings).toEqual([]);
  });

  it('is quiet when no category declares sensitive data, or only necessary does', () => {
    expect(validate(US, { html: page('') }).warnings).toEqual([]);
    expect(validate({ ...US, categories: { necessary: { sensitive: ['government-id'] }, analytics: { sensitive: [] } } }, { html: page('') }).warnings).toEqual([]);
  });

  it('is quiet under the opt-in regime, where the preferences already ask', () => {
    expect(validate({ regime: 'opt-in', ...HEALTH }, { html: page('') }).warnings).toEqual([]);
  });

  it('warns once, at the first sensitive category, without a privacyCentre too', () => {
    const categories = { analytics: {}, health: { sensitive: ['health'] }, location: { sensitive: ['precise-geolocation'] } };
    expect(paths(validate({ regime: 'opt-out', categories }, { html: page('') }).warnings)).toEqual(['categories.health.sensitive']);
  });
});
