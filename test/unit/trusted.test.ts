// The Trusted Types policy samtykke makes for the scripts it starts
// (src/gate/trusted.ts): created once, on first use, under the configured
// name; it lets only web URLs through as script URLs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Rules = { createScript(s: string): unknown; createScriptURL(s: string): unknown };
let created: { name: string; rules: Rules }[];

async function fresh() {
  vi.resetModules();
  return import('../../src/gate/trusted');
}

beforeEach(() => {
  created = [];
  (window as any).trustedTypes = {
    createPolicy(name: string, rules: Rules) {
      if (name == 'refused') throw new TypeError(`Policy "${name}" disallowed.`);
      created.push({ name, rules });
      return { createScript: (s: string) => ({ script: rules.createScript(s) }), createScriptURL: (s: string) => ({ url: rules.createScriptURL(s) }) };
    },
  };
});
afterEach(() => {
  delete (window as any).trustedTypes;
  vi.restoreAllMocks();
});

describe('the Trusted Types policy', () => {
  it('is created once, on first use, with the configured name', async () => {
    const { usePolicy, scriptText, scriptUrl } = await fresh();
    usePolicy('consent-sdk');
    expect(created).toEqual([]);
    expect(scriptText('go()')).toEqual({ script: 'go()' });
    expect(scriptUrl('https://ads.example/tag.js')).toEqual({ url: 'https://ads.example/tag.js' });
    expect(created.map((p) => p.name)).toEqual(['consent-sdk']);
  });

  it('passes web URLs, relative or absolute, and refuses javascript: and data: URLs', async () => {
    const { scriptUrl } = await fresh();
    expect(scriptUrl('/dist/samtykke.ui.min.js')).toEqual({ url: '/dist/samtykke.ui.min.js' });
    expect(scriptUrl('http://cdn.example/x.js')).toEqual({ url: 'http://cdn.example/x.js' });
    expect(scriptUrl('javascript:alert(1)')).toEqual({ url: '' });
    expect(scriptUrl('data:text/javascript,alert(1)')).toEqual({ url: '' });
  });

  it('falls back to plain strings, saying so once, when the page refuses the name', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { usePolicy, scriptText, scriptUrl } = await fresh();
    usePolicy('refused');
    expect(scriptText('go()')).toBe('go()');
    expect(scriptUrl('/a.js')).toBe('/a.js');
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatch(/policy 'refused' was refused.*trustedTypesPolicy/);
  });

  it('uses plain strings where the browser has no Trusted Types', async () => {
    delete (window as any).trustedTypes;
    const { scriptText } = await fresh();
    expect(scriptText('go()')).toBe('go()');
  });
});
