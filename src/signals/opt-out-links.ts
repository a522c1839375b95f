// The statutory links (Cal. Civ. Code §1798.135, 11 CCR §7015), drawn by the
// US chunk: an empty `<a data-samtykke-link="do-not-sell">` gets the text
// "Do Not Sell or Share My Personal Information", an empty
// `data-samtykke-link="privacy-choices"` gets "Your Privacy Choices" and the
// opt-out icon; a link with its own text keeps it. Next to each, a status
// says "Opt-Out Request Honored" once a GPC signal has been applied
// (§7025(c)(6)). The privacy centre's links get theirs too: "Limit the Use
// of My Sensitive Personal Information" (§7027), the centre's name, "Notice
// at Collection" (§7012). Text only, never HTML.
import type { Consent } from '../consent.js';
import { drawnLinks, LINK_ATTRIBUTE } from '../links.js';

export interface LinkTexts {
  link: string;
  choices: string;
  honored: string;
  icon: string;
  limit: string;
  centre: string;
  notice: string;
}

const SVG = 'http://www.w3.org/2000/svg';
const STATUS = 'data-samtykke-status';

/** The CPPA's opt-out icon: a pill-shaped toggle, white with a blue tick on
 * the left, blue with a white cross on the right, 30×14 like the official
 * files, sized to the text beside it. */
function icon(label: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const set = (element: Element, attributes: Record<string, string>) => {
    for (const name of Object.keys(attributes)) element.setAttribute(name, attributes[name]);
    return element;
  };
  set(svg, { viewBox: '0 0 30 14', width: '2.15em', height: '1em', role: 'img', 'aria-label': label });
  const shapes: Record<string, string>[] = [
    { d: 'M7 .5h16a6.5 6.5 0 0 1 0 13H7A6.5 6.5 0 0 1 7 .5z', fill: '#fff', stroke: '#0066ff' },
    { d: 'M15.5 .5H23a6.5 6.5 0 0 1 0 13h-9.5z', fill: '#0066ff' },
    { d: 'M5.5 7.2l2.3 2.3 4.2-4.9', fill: 'none', stroke: '#0066ff', 'stroke-width': '1.6', 'stroke-linecap': 'round' },
    { d: 'M19.3 4.6l4.8 4.8m0-4.8l-4.8 4.8', fill: 'none', stroke: '#fff', 'stroke-width': '1.6', 'stroke-linecap': 'round' },
  ];
  for (const shape of shapes) svg.append(set(document.createElementNS(SVG, 'path'), shape));
  // Through the CSSOM, which a strict CSP allows (a style attribute it would not).
  svg.style.verticalAlign = '-0.15em';
  return svg;
}

export function drawOptOutLinks(consent: Consent, texts: LinkTexts) {
  const draw = () => {
    const { optedOut, gpc } = consent.getConsent();
    const links = document.querySelectorAll(drawnLinks());
    for (const link of Array.from(links)) {
      const kind = link.getAttribute(LINK_ATTRIBUTE);
      const choices = kind == 'privacy-choices';
      if (!link.textContent!.trim() && !link.children.length) {
        link.append(
          choices ? texts.choices
          : kind == 'limit-sensitive' ? texts.limit
          : kind == 'privacy-centre' ? texts.centre
          : kind == 'notice-at-collection' ? texts.notice
          : texts.link,
        );
        if (choices) link.append(' ', icon(texts.icon));
      }
      if (!choices && kind != 'do-not-sell') continue;
      let status = link.nextElementSibling;
      if (!status?.hasAttribute(STATUS)) {
        status = document.createElement('span');
        status.setAttribute(STATUS, '');
        link.after(' ', status);
      }
      status.textContent = optedOut && gpc ? texts.honored : '';
    }
  };
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
  consent.on('change', draw);
  // Footers drawn later (single-page apps) get their links drawn too.
  let pending = false;
  new MutationObserver((records) => {
    const added = records.some((record) => Array.from(record.addedNodes).some((node) => node.nodeType == 1 && !(node as Element).hasAttribute(STATUS)));
    if (added && !pending) {
      pending = true;
      queueMicrotask(() => ((pending = false), draw()));
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
