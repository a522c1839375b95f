// The button chunk: the floating button alone, for a returning visitor on a
// site with `floatingButton: true`. A few lines of DOM in the same shadow
// host and styles as the UI, instead of the UI chunk (preact, the banner)
// on every page view. A click opens the preferences through the core, which
// fetches the UI chunk then; the UI replaces this button with its own.
import type { UiModule } from '../loading/seam.js';
import type { Locale } from '../loading/locales.js';
import { direction } from '../loading/language.js';
import { THEMES } from '../config/defaults.js';
import { UI_INPUT } from '../site.js';
import english from 'samtykke:english/banner';
import { decode } from './locale-parts.js';
import { banner } from './locale-parts.json';
import { applyTheme, createHost, LONE } from './host.js';
import { SHIELD } from './shield.js';

const SVG = 'http://www.w3.org/2000/svg';

function icon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries(SHIELD.svg)) svg.setAttribute(name, value);
  for (const d of SHIELD.paths) svg.appendChild(document.createElementNS(SVG, 'path')).setAttribute('d', d);
  return svg;
}

/** The label in `locale`: the site's text for it, else the language's, else English. */
function label({ code, parts }: Locale, input: unknown): string {
  const texts = (input as { texts?: Record<string, Record<string, unknown>> } | null)?.texts?.[code];
  const own = texts && typeof texts == 'object' ? texts['button.settings'] : undefined;
  return (typeof own == 'string' && own) || (parts && decode(banner, parts.banner)['button.settings']) || english['button.settings'];
}

let button: HTMLButtonElement | undefined;
let given: unknown;

export const show: UiModule['show'] = (view, consent, _config, input, locale = { code: 'en' }) => {
  if (view != 'button' || button?.isConnected) return;
  const start = () => {
    given = UI_INPUT ?? input;
    const host = createHost(locale.code, direction(locale.code));
    host.element.setAttribute(LONE, '');
    const theme = (given as { theme?: unknown } | null)?.theme;
    applyTheme(host.element, THEMES.includes(theme as never) ? (theme as string) : 'auto');
    button = document.createElement('button');
    button.type = 'button';
    button.className = 'floating';
    button.append(icon());
    button.onclick = () => consent.showPreferences();
    host.root.append(button);
    setLocale(locale);
  };
  // The chunk can arrive before <body> is parsed.
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
};

export function setLocale(locale: Locale) {
  if (!button) return;
  const text = label(locale, given);
  button.setAttribute('aria-label', text);
  button.title = text;
  const host = (button.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
  if (host) {
    host.lang = locale.code;
    host.dir = direction(locale.code);
  }
}
