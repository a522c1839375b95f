// @vitest-environment node
// The numbered errors: what the production bundles print, what the
// development bundle prints, and the README's table that explains them.
import { describe, expect, it } from 'vitest';
import { ERRORS, ERRORS_URL, longError, shortError } from '../../src/errors';
import { README } from '../shared/readme';

describe('numbered errors', () => {
  it('production prints the number, the detail and where to read more', () => {
    expect(shortError(7, 'https://a.example/samtykke.ui.min.js did not load')).toBe(
      `samtykke: error 7 (https://a.example/samtykke.ui.min.js did not load); see ${ERRORS_URL}`,
    );
    expect(shortError(4)).toBe(`samtykke: error 4; see ${ERRORS_URL}`);
  });

  it('development prints the whole sentence with the detail in its place', () => {
    expect(longError(9, 'da: 404')).toBe('samtykke: a language file could not be loaded (da: 404); English is shown.');
    expect(longError(5)).toMatch(/^samtykke: the browser refused the cookie/);
  });

  it("the README's Errors table lists every number with its sentence", () => {
    const section = README.slice(README.indexOf('### Errors'), README.indexOf('## Config reference'));
    const rows = [...section.matchAll(/^\| (\d+) \| (.*) \|$/gm)].map(([, code, text]) => [Number(code), text]);
    expect(rows).toEqual(Object.entries(ERRORS).map(([code, text]) => [Number(code), text.replace('$', '…').replace(/\|/g, '\\|') + '.']));
  });

  it('the README anchor the message points to exists', () => {
    expect(ERRORS_URL.endsWith('#errors')).toBe(true);
    expect(README).toMatch(/^### Errors$/m);
  });
});
