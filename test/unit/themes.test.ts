// @vitest-environment node
// The shipped themes must meet WCAG 2.x contrast: 4.5:1 for text (1.4.3)
// and 3:1 for the parts of controls a visitor has to see to use them
// (1.4.11): the switch track, the switch knob, button edges and the focus
// ring. Each theme sets `--_name: var(--samtykke-name, #hex)`: a site
// overrides the public name, and the fallback is what we ship and test here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Declaration {
  /** `--_bg` */
  name: string;
  /** `--samtykke-background` */
  public: string;
  fallback: string;
}

/** Every `--_x: …;` declaration in a theme, read against the contract
 * `--_x: var(--samtykke-…, fallback);`. A declaration that breaks it has
 * no `public`. */
function declarations(css: string): Declaration[] {
  const body = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/(--_[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => {
    const contract = /^var\(\s*(--samtykke-[\w-]+)\s*,\s*(.+)\)$/s.exec(value.trim());
    return { name, public: contract?.[1] ?? '', fallback: contract?.[2].trim() ?? value.trim() };
  });
}

const light = declarations(read('themes/light.css'));
const themes: Record<string, Declaration[]> = {
  light,
  dark: declarations(read('themes/dark.css')),
  'high-contrast': declarations(read('themes/high-contrast.css')),
};

/** A theme's colours: its own, over light's (the other themes only override). */
function colours(theme: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of [...light, ...themes[theme]]) out[d.name.slice(3)] = d.fallback;
  return out;
}

/** WCAG 2.x relative luminance of `#rrggbb` or `#rgb`. */
function luminance(hex: string): number {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) throw new Error(`not a hex colour: ${hex}`);
  const full = digits.length == 3 ? [...digits].map((d) => d + d).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe('contrast formula', () => {
  // Known values, so that a wrong formula cannot pass the themes below.
  it('gives 21 for black on white, 1 for a colour on itself, and the published ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#fff', '#000')).toBeCloseTo(21, 5);
    expect(contrast('#0b57d0', '#0b57d0')).toBe(1);
    // #767676 on white is the classic lightest grey that passes 4.5:1 (4.54).
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
    // Pure red on white: 4.0.
    expect(contrast('#ff0000', '#ffffff')).toBeCloseTo(4.0, 1);
  });
});

// [foreground, background, minimum, what the visitor sees]
const PAIRS: [string, string, number, string][] = [
  ['text', 'bg', 4.5, 'text'],
  ['link', 'bg', 4.5, 'links'],
  ['accent-text', 'accent', 4.5, 'button labels'],
  ['border', 'bg', 3, 'the switch track, off'],
  ['accent', 'bg', 3, 'the switch, on, and button edges'],
  ['focus', 'bg', 3, 'the focus ring'],
  ['accent-text', 'accent', 3, 'the switch knob, on'],
];

describe.each(Object.keys(themes))('theme %s', (theme) => {
  const c = colours(theme);

  it.each(PAIRS)('%s on %s ≥ %s:1 (%s)', (fg, bg, minimum, what) => {
    const ratio = contrast(c[fg], c[bg]);
    expect(ratio, `${theme}: ${what}, --_${fg} ${c[fg]} on --_${bg} ${c[bg]} is ${ratio.toFixed(2)}:1, needs ${minimum}:1`).toBeGreaterThanOrEqual(minimum);
  });
});

describe('the customisation contract', () => {
  // What only light sets; the other themes inherit it (light's :host
  // applies under every data-theme).
  const LIGHT_ONLY = ['--_radius', '--_font', '--_font-size', '--_space'];

  it('finds the declarations (guards the parser)', () => {
    expect(light.map((d) => d.name)).toEqual(expect.arrayContaining(['--_bg', '--_text', '--_accent', '--_radius']));
    expect(light.length).toBeGreaterThanOrEqual(10);
  });

  it.each(Object.keys(themes))('%s declares every --_ variable light does, but for the light-only ones', (theme) => {
    const expected = light.map((d) => d.name).filter((name) => theme == 'light' || !LIGHT_ONLY.includes(name));
    expect(themes[theme].map((d) => d.name).sort()).toEqual(expected.sort());
  });

  it.each(Object.keys(themes))('%s sets each --_x from a public --samtykke-x with a fallback, named as in light', (theme) => {
    const publicNames = Object.fromEntries(light.map((d) => [d.name, d.public]));
    for (const d of themes[theme]) {
      expect(d.public, `${theme}: ${d.name} must be var(--samtykke-…, fallback)`).toMatch(/^--samtykke-[\w-]+$/);
      expect(d.fallback, `${theme}: ${d.name}`).not.toBe('');
      // --_bg is --samtykke-background; every other one keeps its name.
      expect(d.public, `${theme}: ${d.name}`).toBe(d.name == '--_bg' ? '--samtykke-background' : d.name.replace('--_', '--samtykke-'));
      // One public name per variable, whatever the theme.
      expect(d.public, `${theme}: ${d.name}`).toBe(publicNames[d.name]);
    }
  });

  it('gives colours as hex, so they can be checked here', () => {
    for (const theme of Object.keys(themes)) {
      for (const [name, value] of Object.entries(colours(theme))) {
        if (['shadow', 'radius', 'font', 'font-size', 'space'].includes(name)) continue;
        expect(value, `${theme}: --_${name}`).toMatch(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
      }
    }
  });

  it('defines every --_ variable the UI stylesheet uses', () => {
    // An undefined var() makes its property invalid: a button with no background.
    const used = new Set([...read('src/ui/ui.css').matchAll(/var\((--_[\w-]+)/g)].map((m) => m[1]));
    const defined = light.map((d) => d.name);
    expect([...used].filter((name) => !defined.includes(name))).toEqual([]);
  });
});
