// A full-page PNG of the HTML report of a scan.json, 1200 CSS px wide, for
// the README:
//
//   node scripts/report-screenshot.mjs [scan.json] [--out file.png] [--height 1700]
//
// The README's picture is the top of the report of a real scan of
// examples/scan-faults (--height cuts it there; without it, the whole page).
//
// (default: the test fixture, written to docs/scan-report.png).
//
// Chromium writes a truecolour PNG, about 1 MB for the fixture's report.
// The page is flat colours and anti-aliased text, so it is re-encoded with
// a palette of 64 colours, which looks the same and is under a third of the
// size (the README should not make every visitor fetch a megabyte). 256
// colours came out 10% bigger, for no difference one can see.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { renderReport } from '../scan/report.mjs';

/**
 * RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes).
 * @param {Buffer} png
 */
export function decodePng(png) {
  let at = 8;
  let width = 0, height = 0, type = 0;
  const data = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const name = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (name == 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      type = body[9];
      if (body[8] != 8 || (type != 2 && type != 6) || body[12] != 0) throw new Error('decodePng: only 8-bit RGB(A), non-interlaced');
    } else if (name == 'IDAT') data.push(body);
    at += 12 + length;
  }
  const bpp = type == 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * bpp;
  const out = Buffer.alloc(width * height * 3);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      line[i] = (line[i] + predictor) & 255;
    }
    for (let x = 0; x < width; x++) line.copy(out, (y * width + x) * 3, x * bpp, x * bpp + 3);
    prev = line;
  }
  return { width, height, rgb: out };
}

/**
 * At most `colours` colours (up to 256): pixels are bucketed at 5 bits a
 * channel, the most common buckets (averaged) become the palette, and any
 * other bucket takes its nearest palette colour.
 * @param {Buffer} rgb
 * @param {number} [colours]
 */
export function quantize(rgb, colours = 64) {
  const count = new Uint32Array(32768), sum = new Float64Array(32768 * 3);
  const keys = new Uint16Array(rgb.length / 3);
  for (let p = 0; p < keys.length; p++) {
    const r = rgb[p * 3], g = rgb[p * 3 + 1], b = rgb[p * 3 + 2];
    const k = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    keys[p] = k;
    count[k]++;
    sum[k * 3] += r, sum[k * 3 + 1] += g, sum[k * 3 + 2] += b;
  }
  const used = [...count.keys()].filter((k) => count[k]).sort((x, y) => count[y] - count[x]);
  const palette = used.slice(0, colours).map((k) => [0, 1, 2].map((c) => Math.round(sum[k * 3 + c] / count[k])));
  const index = new Uint8Array(32768);
  used.forEach((k, i) => {
    if (i < colours) return void (index[k] = i);
    const [r, g, b] = [0, 1, 2].map((c) => sum[k * 3 + c] / count[k]);
    let best = 0, bestDistance = Infinity;
    palette.forEach(([pr, pg, pb], j) => {
      const d = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
      if (d < bestDistance) (best = j), (bestDistance = d);
    });
    index[k] = best;
  });
  return { palette, pixels: Uint8Array.from(keys, (k) => index[k]) };
}

/**
 * An 8-bit indexed PNG.
 * @param {number} width
 * @param {number} height
 * @param {number[][]} palette
 * @param {Uint8Array} pixels
 */
export function encodeIndexedPng(width, height, palette, pixels) {
  const chunk = (/** @type {string} */ name, /** @type {Buffer} */ body) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(name, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  // Filter 0 on every row: an indexed image gains nothing from the others.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The report of a scan.json as a full-page PNG at 1200 CSS px.
 * @param {string} input
 * @returns {Promise<Buffer>}
 */
export async function screenshotReport(input, height = 0) {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    // Light scheme, whatever the machine prefers, so the README's picture
    // does not depend on who ran this.
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, colorScheme: 'light' });
    await page.setContent(renderReport(JSON.parse(readFileSync(input, 'utf8'))));
    return await page.screenshot(height ? { fullPage: true, clip: { x: 0, y: 0, width: 1200, height } } : { fullPage: true });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] == fileURLToPath(import.meta.url)) {
  const ROOT = fileURLToPath(new URL('..', import.meta.url));
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, height: { type: 'string' } } });
  const input = positionals[0] ?? `${ROOT}test/fixtures/scan-result.json`;
  const out = values.out ?? `${ROOT}docs/scan-report.png`;
  const { width, height, rgb } = decodePng(await screenshotReport(input, Number(values.height ?? 0)));
  const { palette, pixels } = quantize(rgb);
  const png = encodeIndexedPng(width, height, palette, pixels);
  writeFileSync(out, png);
  console.log(`${out}: the report of ${input}, ${width}\u00d7${height}, ${Math.round(png.length / 1024)} KB`);
}
