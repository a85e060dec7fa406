// SPDX-License-Identifier: GPL-2.0-or-later
// The browser half of h264quality-final-coding: decodes each stream the C++ half wrote (argv[2]:
// a folder with manifest.json, <n>.au files of length-prefixed access units and source.bgrx) in
// headless Chromium (Debian's /usr/bin/chromium, playwright-core from tests/browser/node_modules)
// with WebCodecs, draws the last frame to a canvas, reads it back, compares it with the source,
// and prints the markdown table.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tests/browser/package.json'));
const { chromium } = require('playwright-core');

const [dir, width, height] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
// A secure context (WebCodecs) without a server: the files are routed in.
await page.route('http://localhost/**', (route) => {
  const name = new URL(route.request().url()).pathname.slice(1);
  if (!name) return route.fulfill({ body: '<canvas id=c></canvas>', contentType: 'text/html' });
  return route.fulfill({ body: readFileSync(path.join(dir, name)), contentType: 'application/octet-stream' });
});
await page.goto('http://localhost/');
const agent = await page.evaluate(() => navigator.userAgent);

console.log('| final coding | keyframe bytes | 60 motion frames, bytes | final frame bytes | '
  + 'final frame encode | Chromium: decodes? (frame format) | Chromium decode per frame | '
  + 'Chromium canvas: worst-channel PSNR, worst error, exact pixels | libavcodec + libyuv |');
console.log('|---|---:|---:|---:|---:|---|---:|---|---|');
for (const entry of manifest) {
  const r = await page.evaluate(async ({ file, width, height }) => {
    const au = new Uint8Array(await (await fetch(`/${file}`)).arrayBuffer());
    const source = new Uint8Array(await (await fetch('/source.bgrx')).arrayBuffer());
    const frames = [];
    const view = new DataView(au.buffer);
    for (let o = 0; o < au.length;) {
      const n = view.getUint32(o, true);
      frames.push(au.subarray(o + 4, o + 4 + n));
      o += 4 + n;
    }
    const sps = frames[0];
    let i = 0;
    while (!(sps[i] === 0 && sps[i + 1] === 0 && sps[i + 2] === 1 && (sps[i + 3] & 31) === 7)) i++;
    const hex = (b) => b.toString(16).padStart(2, '0');
    const codec = `avc1.${hex(sps[i + 4])}${hex(sps[i + 5])}${hex(sps[i + 6])}`;
    let last = null;
    let count = 0;
    let error = null;
    const decoder = new VideoDecoder({
      output: (f) => { count++; if (last) last.close(); last = f; },
      error: (e) => { error = String(e); },
    });
    decoder.configure({ codec, optimizeForLatency: true });
    const start = performance.now();
    frames.forEach((data, k) => decoder.decode(new EncodedVideoChunk({
      type: k === 0 ? 'key' : 'delta', timestamp: k, data,
    })));
    try { await decoder.flush(); } catch (e) { error = error || String(e); }
    const decodeMs = (performance.now() - start) / frames.length;
    if (!last || count !== frames.length) return { error: error || `${count} of ${frames.length} frames` };
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('c'));
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: true });
    ctx.drawImage(last, 0, 0, width, height);
    const format = last.format;
    last.close();
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const squares = [0, 0, 0];
    let exact = 0;
    let worst = 0;
    for (let k = 0; k < width * height; k++) {
      let off = 0;
      for (let c = 0; c < 3; c++) {
        const d = rgba[k * 4 + c] - source[k * 4 + 2 - c];
        squares[c] += d * d;
        off = Math.max(off, Math.abs(d));
      }
      worst = Math.max(worst, off);
      if (off === 0) exact++;
    }
    const psnr = Math.min(...squares.map((s) => (s === 0 ? 99 : 10 * Math.log10((255 * 255 * width * height) / s))));
    return { format, decodeMs, psnr, worst, exact: exact / (width * height) };
  }, { file: path.basename(entry.file), width, height });
  const chromiumCells = r.error
    ? [`**no**: ${r.error}`, '–', '–']
    : [`yes (${r.format})`, `${r.decodeMs.toFixed(1)} ms`,
      `${r.psnr.toFixed(1)} dB, ${r.worst}, ${(r.exact * 100).toFixed(2)} %`];
  console.log(`| ${entry.name} | ${entry.keyframe} | ${entry.motion} | ${entry.final} | `
    + `${entry.finalEncodeMs.toFixed(1)} ms | ${chromiumCells.join(' | ')} | ${entry.libav} |`);
}
console.log(`\nBrowser: \`${agent}\`.`);
await browser.close();
