// The exit codes CI reads that need a browser: 2 when the scan itself
// fails (the site does not answer, or samtykke's banner never offers its
// buttons), and a site without samtykke scanned in the one state it has.
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { examplesUrl, runScan } from './run-scan';

test.describe.configure({ mode: 'parallel' });

test('exit 2 when the site does not answer, and no scan.json', async () => {
  const run = await runScan('http://127.0.0.1:9/', ['--states', 'before', '--timeout', '5']);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(/^samtykke scan: the scan failed: http:\/\/127\.0\.0\.1:9\/ could not be loaded: /m);
  expect(run.result).toBeUndefined();
});

test('exit 2 when samtykke is on the page but its banner never offers Reject all', async () => {
  // samtykke, with its UI chunk at an address that answers 404.
  const page = `<!doctype html><html lang="en"><head><title>Broken banner</title>
<script type="application/json" id="samtykke-config">{"regime": "opt-in", "uiUrl": "/missing/samtykke.ui.min.js"}</script>
<script src="${new URL('/dist/samtykke.min.js', examplesUrl()).href}"></script></head><body><main><h1>Shop</h1></main></body></html>`;
  const server: Server = createServer((request, response) => {
    if (request.url == '/') response.setHeader('Content-Type', 'text/html').end(page);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const run = await runScan(`http://127.0.0.1:${port}/`, ['--states', 'before,reject', '--wait', '0.5', '--banner-timeout', '2']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("samtykke scan: the scan failed: samtykke's banner did not show its Reject all button within 2 s on http://127.0.0.1:");
  } finally {
    server.close();
  }
});

test('a site without samtykke: the before state only, said on stderr and in scan.json', async () => {
  const run = await runScan('/stand-in/player.videohost.example/player.html', ['--wait', '0.5']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.result.site.samtykke).toBe(false);
  expect(run.result.states.map((s: any) => [s.name, s.error ?? 'ran'])).toEqual([
    ['before', 'ran'],
    ['reject', 'samtykke was not found on the site, so there is no banner to click'],
    ['accept', 'samtykke was not found on the site, so there is no banner to click'],
    ['gpc', 'samtykke was not found on the site, so there is no banner to click'],
  ]);
  expect(run.stderr).toContain('samtykke scan: no samtykke on ');
  expect(run.stdout).toContain('(no samtykke found on the site)');
});
