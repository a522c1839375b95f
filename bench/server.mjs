// Serves the benchmark's pages and each SDK's files on localhost, with no
// caching, so every visit loads what the SDK needs (the byte figures are
// gzip -9 sizes of those files, computed on disk).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { articlePage } from './page.mjs';
import { sdkFile } from './measure.mjs';

const TYPES = { js: 'text/javascript', css: 'text/css', json: 'application/json' };

export function startBenchServer(sdks, pages = {}) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    response.setHeader('Cache-Control', 'no-store');
    // /<id>.html, and /<id>.links.html with the SDK's footer links.
    const page = pathname.match(/^\/([\w-]+?)(\.links)?\.html$/);
    const sdk = page && sdks.find((s) => s.id == page[1] && (!page[2] || s.links));
    if (sdk) return void response.end(articlePage(sdk, { links: !!page[2] }));
    if (pages[pathname]) {
      response.setHeader('Content-Type', 'text/html');
      return void response.end(pages[pathname]());
    }
    for (const s of sdks) {
      const file = sdkFile(s, pathname);
      if (!file) continue;
      try {
        const body = readFileSync(file);
        response.setHeader('Content-Type', TYPES[file.split('.').pop()] ?? 'application/octet-stream');
        return void response.end(body);
      } catch {
        break;
      }
    }
    response.statusCode = 404;
    response.end(pathname == '/privacy' ? 'Privacy policy' : 'Not found');
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://localhost:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })));
}
