// The examples' inspector: a panel, outside the consent UI, that shows live
// what samtykke stored and what it let run. It only reads public state: the
// Samtykke API, cookies, the page's elements, the dataLayer, __gpp/__uspapi
// and navigator.globalPrivacyControl. Each value sits in a
// <dd data-field="…"> so the browser tests read the same panel a visitor sees.
//
// Load it before samtykke: it can then play a GPC browser (?gpc=1).
//
// It also plays the network for the offline demo: a third-party script or
// image that fails to load (no internet, or a made-up .example host) is
// fetched again from the server's /stand-in/<host>/<path>, and a gated iframe
// on a made-up host is pointed there when it is switched on.
(function () {
  // ?gpc=1 plays a browser that sends Global Privacy Control. This script
  // runs before samtykke's, so samtykke sees the signal as it would a real one.
  const simulatedGpc = new URLSearchParams(location.search).get('gpc') == '1';
  if (simulatedGpc) Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });

  const FIELDS = [
    ['allowed', 'allowed categories'],
    ['regime', 'regime'],
    ['decided', 'decided / stored in cookie'],
    ['optedOut', 'sale/sharing opt-out'],
    ['gpc', 'Global Privacy Control'],
    ['gated', 'gated elements'],
    ['ran', 'third-party tags that ran'],
    ['requests', 'third-party requests'],
    ['cookies', 'cookies'],
    ['dataLayer', 'dataLayer'],
    ['gpp', 'GPP string (__gpp)'],
    ['usp', 'US Privacy string (__uspapi)'],
    ['csp', 'CSP violations'],
    ['record', 'consent record (getConsent())'],
  ];
  const panel = document.createElement('aside');
  panel.className = 'inspector';
  panel.setAttribute('aria-label', 'samtykke inspector');
  const title = document.createElement('h2');
  title.textContent = 'Inspector';
  const list = document.createElement('dl');
  const cells = {};
  for (const [key, label] of FIELDS) {
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = label;
    dd.dataset.field = key;
    cells[key] = dd;
    list.append(dt, dd);
  }
  panel.append(title, list);

  const violations = [];
  addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.effectiveDirective}: ${event.blockedURI || 'inline'}`);
  });

  const thirdParty = (url) => {
    try {
      const parsed = new URL(url, location.href);
      return /^https?:$/.test(parsed.protocol) && parsed.origin != location.origin ? parsed : null;
    } catch {
      return null;
    }
  };
  const standIn = (url) => `/stand-in/${url.hostname}${url.pathname}${url.search}`;

  // Offline: a third-party script or image that failed is loaded from the stand-in.
  addEventListener(
    'error',
    (event) => {
      const element = event.target;
      if (!(element instanceof HTMLScriptElement || element instanceof HTMLImageElement)) return;
      const url = thirdParty(element.src);
      if (!url || element.dataset.standIn != null) return;
      if (element instanceof HTMLImageElement) {
        element.dataset.standIn = '';
        element.src = standIn(url);
        return;
      }
      const copy = document.createElement('script');
      copy.dataset.standIn = url.href;
      copy.nonce = element.nonce;
      copy.src = standIn(url);
      element.after(copy);
    },
    true,
  );
  // Made-up hosts never resolve, and an iframe reports no error: point it at the stand-in.
  // (An app that renders the iframe, as React and Vue do, adds it with its src.)
  // An iframe marked data-no-stand-in keeps its own host: scan-faults needs a
  // frame that stays third-party, for a scanner (or a test) that answers
  // every host itself.
  new MutationObserver((mutations) => {
    for (const { target, addedNodes } of mutations) {
      for (const node of [target, ...addedNodes]) {
        const url = node instanceof HTMLIFrameElement && !node.hasAttribute('data-no-stand-in') && thirdParty(node.src);
        if (url && url.hostname.endsWith('.example')) node.src = standIn(url);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });

  const json = (value) => JSON.stringify(value, (key, v) => (Object.prototype.toString.call(v) == '[object Arguments]' ? Array.from(v) : v));

  function gated() {
    const elements = document.querySelectorAll('[data-samtykke], [data-samtykke-service]');
    if (!elements.length) return '(none on this page)';
    return Array.from(elements, (element) => {
      const needs = element.getAttribute('data-samtykke-service') || element.getAttribute('data-samtykke');
      const waiting = element.localName == 'script' ? element.type == 'text/plain' : ['src', 'srcset', 'href'].some((name) => element.hasAttribute('data-' + name));
      const url = element.getAttribute('src') || element.getAttribute('data-src');
      const what = url ? `${element.localName} ${url}` : `inline ${element.localName}`;
      return `${waiting ? 'waiting' : 'ran    '}  ${needs}  ${what}`;
    }).join('\n');
  }

  function requests() {
    const seen = performance.getEntriesByType('resource').map((entry) => thirdParty(entry.name)).filter(Boolean);
    return seen.length ? seen.map((url) => url.host + url.pathname).join('\n') : '(none)';
  }

  function gpp() {
    if (typeof window.__gpp != 'function') return '(no __gpp on this page)';
    let text = '';
    window.__gpp('ping', (data) => {
      text = `${data.gppString || '(empty)'}\nsections: ${json(data.applicableSections)}  status: ${data.signalStatus}`;
    });
    return text || '(waiting)';
  }

  function usp() {
    if (typeof window.__uspapi != 'function') return '(no __uspapi on this page)';
    let text = '';
    window.__uspapi('getUSPData', 1, (data, ok) => void (text = ok ? data.uspString : '(not available)'));
    return text || '(waiting)';
  }

  function render() {
    // The page's consent object: the global's, or the one an ES module
    // build registered under Symbol.for('samtykke') (no global there).
    const samtykke = window[Symbol.for('samtykke')] || window.Samtykke;
    const state = samtykke && samtykke.getConsent ? samtykke.getConsent() : null;
    const values = {
      allowed: state ? Object.keys(state.categories).filter((c) => state.categories[c]).join(', ') : '(not started)',
      regime: state ? state.regime : '-',
      decided: state ? `${state.decided} / ${state.persisted}` : '-',
      optedOut: state ? String(state.optedOut) : '-',
      gpc: String(navigator.globalPrivacyControl === true) + (simulatedGpc ? ' (played by ?gpc=1)' : ''),
      gated: gated(),
      ran: (window.__ran || []).join(', ') || '(none)',
      requests: requests(),
      cookies: document.cookie ? document.cookie.split('; ').join('\n') : '(none)',
      dataLayer: window.dataLayer ? window.dataLayer.map(json).join('\n') || '(empty)' : '(no dataLayer)',
      gpp: gpp(),
      usp: usp(),
      csp: violations.join('\n') || '(none)',
      record: JSON.stringify(state, null, 2),
    };
    for (const key of Object.keys(values)) if (cells[key].textContent != values[key]) cells[key].textContent = values[key];
  }

  addEventListener('samtykke:change', render);
  document.addEventListener('click', () => setTimeout(render, 50));
  addEventListener('DOMContentLoaded', () => {
    (document.querySelector('[data-inspector]') || document.body).append(panel);
    render();
    setInterval(render, 400);
  });
})();
