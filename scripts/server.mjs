// The examples' server, used by `npm start` and by the browser tests (one
// server, so the tests prove the pages the demo shows). Static files come
// from examples/ and the build from dist/. Two things a real site's server
// or CDN would do are done here, so the examples can show them:
//
// - A page that contains `{{nonce}}` gets a fresh nonce per response and a
//   strict Content-Security-Policy that allows only scripts with it.
// - A page that contains `{{region}}` gets the visitor's region, read from a
//   CDN's geo headers (CloudFront's, or `?region=` to play a visitor).
// - A page that contains `{{app}}` gets its app rendered there on the
//   server, by render() from dist/examples/<folder>/server.js (the react
//   and vue examples; built by `npm run build:examples`).
// - An example folder may have a `redirects.json`, mapping a path under it
//   to a redirect, as a site's server or CDN rules would (scan-faults has a
//   newsletter link that sets a cookie on its 302).
//
// Third-party tags are fictional or offline here; /stand-in/<host>/<path>
// serves a local stand-in for each host listed in examples/stand-ins/hosts.json.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, resolve, sep } from 'node:path';
import sirv from 'sirv';

const ROOT = new URL('..', import.meta.url).pathname;
const EXAMPLES = join(ROOT, 'examples');
export const STAND_INS = JSON.parse(readFileSync(join(EXAMPLES, 'stand-ins', 'hosts.json'), 'utf8'));

const TYPES = { js: 'text/javascript', html: 'text/html', gif: 'image/gif', css: 'text/css' };
const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** The stand-in file for a third-party URL, or undefined if there is none. */
export function standIn(url) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  const file = Object.hasOwn(STAND_INS, host) ? STAND_INS[host] : undefined;
  if (!file) return undefined;
  return { path: join(EXAMPLES, 'stand-ins', file), type: TYPES[file.split('.').pop()] };
}

/** The region a CDN would pass: `?region=` wins (the demo's visitor switch). */
export function regionOf(request) {
  const asked = new URL(request.url, 'http://localhost').searchParams.get('region');
  const country = request.headers['cloudfront-viewer-country'];
  const subdivision = request.headers['cloudfront-viewer-country-region'];
  const region = (asked || (country && subdivision ? `${country}-${subdivision}` : country) || '').toUpperCase();
  return REGION.test(region) ? region : undefined;
}

/** The strict policy the strict-csp example is served with. */
export function strictPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' https: data:",
    "frame-src 'self' https:",
    "connect-src 'self' https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Fills the page's placeholders, setting the headers they call for. */
function fill(html, request, response) {
  if (html.includes('{{nonce}}')) {
    const nonce = randomBytes(16).toString('base64');
    html = html.replaceAll('{{nonce}}', nonce);
    response.setHeader('Content-Security-Policy', strictPolicy(nonce));
  }
  if (html.includes('{{region}}')) {
    const region = regionOf(request);
    // Unknown: the key goes, and `defaultRegime` decides, as on a real site.
    if (!region) html = html.replace(/"region":\s*"\{\{region\}\}",?\s*/, '');
    html = html.replaceAll('{{region}}', region || 'unknown');
    response.setHeader('Vary', 'CloudFront-Viewer-Country, CloudFront-Viewer-Country-Region');
  }
  return html;
}

/** The page with its `{{app}}` rendered by its example's server entry. */
async function rendered(html, pathname) {
  if (!html.includes('{{app}}')) return html;
  const entry = join(ROOT, 'dist', 'examples', pathname.split('/')[1], 'server.js');
  if (!existsSync(entry)) return html.replace('{{app}}', 'Not built yet: run npm run build:examples.');
  const { render } = await import(pathToFileURL(entry).href);
  const app = await render();
  return html.replace('{{app}}', () => app);
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * One rule of a `redirects.json` as the server answers it, or undefined if
 * it is not one it will answer: `{ "to": "/path", "status": 302,
 * "setCookie": "name=value; …" }` (status 302 by default; setCookie
 * optional, a string or a list of them).
 */
export function redirectRule(rule) {
  if (!rule || typeof rule.to != 'string') return undefined;
  // Only a path on this same server. "//host/…" is a scheme-relative URL to
  // another site, and browsers read "/\host/…" the same way: either would
  // make the demo server an open redirect. Printable ASCII only, so no
  // header can be split.
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(rule.to)) return undefined;
  const status = rule.status ?? 302;
  if (!REDIRECT_STATUSES.includes(status)) return undefined;
  const cookies = rule.setCookie == null ? [] : [rule.setCookie].flat();
  if (!cookies.every((cookie) => typeof cookie == 'string' && /^[\x20-\x7e]+$/.test(cookie))) return undefined;
  return { to: rule.to, status, cookies };
}

/**
 * The redirect an example's `redirects.json` gives for `pathname`, or
 * undefined. The file maps whole paths under its own folder to rules (see
 * redirectRule); other keys (such as `$comment`) match no path. Read on each
 * request, like the pages.
 */
function redirectFor(pathname) {
  const folder = pathname.split('/')[1];
  // A plain folder name: no dots, no escapes, so never outside examples/.
  if (!folder || !/^[\w-]+$/.test(folder) || !pathname.startsWith(`/${folder}/`)) return undefined;
  let rules;
  try {
    rules = JSON.parse(readFileSync(join(EXAMPLES, folder, 'redirects.json'), 'utf8'));
  } catch {
    return undefined;
  }
  return rules && Object.hasOwn(rules, pathname) ? redirectRule(rules[pathname]) : undefined;
}

/** The HTML page at `pathname` under examples/, never outside it. */
function pageFile(pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(EXAMPLES, '.' + path);
  if (!file.startsWith(EXAMPLES + sep) || !file.endsWith('.html') || path.includes('\0')) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function handler() {
  const examples = sirv(EXAMPLES, { dev: true });
  const dist = sirv(join(ROOT, 'dist'), { dev: true });
  return (request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname.startsWith('/dist/')) {
      request.url = request.url.slice('/dist'.length);
      return dist(request, response, () => notFound(response));
    }
    if (pathname.startsWith('/stand-in/')) {
      const [host, ...rest] = pathname.slice('/stand-in/'.length).split('/');
      const found = standIn(`https://${host}/${rest.join('/')}`);
      if (!found) return notFound(response);
      response.setHeader('Content-Type', found.type);
      response.setHeader('Cache-Control', 'no-store');
      return response.end(readFileSync(found.path));
    }
    const redirect = redirectFor(pathname);
    if (redirect) {
      const headers = { Location: redirect.to, 'Cache-Control': 'no-store' };
      if (redirect.cookies.length) headers['Set-Cookie'] = redirect.cookies;
      response.writeHead(redirect.status, headers);
      return response.end();
    }
    const page = pageFile(pathname);
    if (page !== undefined) {
      return rendered(page, pathname).then(
        (html) => {
          response.setHeader('Content-Type', 'text/html; charset=utf-8');
          response.setHeader('Cache-Control', 'no-store');
          response.end(fill(html, request, response));
        },
        (error) => {
          response.statusCode = 500;
          response.end(`Server rendering failed: ${error}`);
        },
      );
    }
    // `/ccpa-ads` → `/ccpa-ads/`, as static hosts do.
    if (!pathname.includes('.') && pageFile(pathname + '/') !== undefined) {
      response.writeHead(301, { Location: pathname + '/' });
      return response.end();
    }
    examples(request, response, () => notFound(response));
  };
}

function notFound(response) {
  response.statusCode = 404;
  response.end('Not found');
}

/**
 * Listens on `port` (0: any free one; a taken one: the next free, up to 20
 * on), on the loopback interface. Resolves with the URL and a close().
 */
export function startServer({ port = 8080, tries = 20 } = {}) {
  const server = createServer(handler());
  return new Promise((resolve, reject) => {
    let current = port;
    server.on('error', (error) => {
      if (error.code == 'EADDRINUSE' && port != 0 && current < port + tries) server.listen(++current, '127.0.0.1');
      else reject(new Error(`cannot listen on port ${current} (${error.message}); set PORT to a free one.`));
    });
    server.on('listening', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://localhost:${actual}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.listen(current, '127.0.0.1');
  });
}
