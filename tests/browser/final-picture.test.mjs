// SPDX-License-Identifier: LGPL-2.1-or-later
// The final picture in the browser: a still scene of text through paintoverscheduler !
// h264qualityenc ! websocketframesink, decoded by the web client in headless Chromium (Debian's),
// ends on the source's pixels: Chromium passes the lossless trial, the stream carries lossless
// frames, and once refined the canvas holds the scene exactly (grey text) or within the 8-bit
// YCbCr round trip (coloured text: 2 levels at most). A viewer that asks for lossy final frames turns them off
// for everyone. Skips (and says so) only when Chromium or an element is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  assertServePipeline, closePersistentChromium, openPersistentChromium, serve, stopServing,
} from './serve-pipeline.mjs';
import { CHROMIUM } from './webdesk-program.mjs';

const WIDTH = 480;
const HEIGHT = 272;

function have(element) {
  return spawnSync('gst-inspect-1.0', [element], { env: process.env, stdio: 'ignore' }).status === 0;
}
const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed`
  : !have('h264qualityenc') || !have('paintoverscheduler') ? 'needs h264qualityenc and paintoverscheduler'
    : false;

// Lines of text on white: black ones, then red ones (one textoverlay each: pango, DejaVu).
const LINES = Array.from({ length: 8 }, (_, i) =>
  `${String(i + 1).padStart(3)}  static void gst_buffer_map (GstBuffer *buf) { return x264_encoder_encode; }`);
function scene(live) {
  const line = (text, i) => `textoverlay text="${text}" font-desc="DejaVu Sans Mono 13px" ` +
    'valignment=top halignment=left line-alignment=left auto-resize=false draw-shadow=false ' +
    `draw-outline=false xpad=4 ypad=${6 + i * 32} wrap-mode=none ` +
    `color=${i < 4 ? 0xff000000 : 0xffd01010}`;
  return `videotestsrc ${live ? 'is-live=true' : 'num-buffers=1'} pattern=white ! ` +
    `video/x-raw,format=BGRx,width=${WIDTH},height=${HEIGHT},framerate=30/1 ! ` +
    LINES.map(line).join(' ! ');
}

/** The scene as GStreamer renders it, BGRx (gst-launch parses the same description). */
function referencePicture() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-ref-'));
  const file = path.join(dir, 'scene.bgrx');
  const r = spawnSync(`gst-launch-1.0 -q ${scene(false)} ! filesink location=${file}`,
    { env: process.env, shell: true });
  assert.equal(r.status, 0, String(r.stderr));
  const bgrx = readFileSync(file);
  rmSync(dir, { recursive: true });
  assert.equal(bgrx.length, WIDTH * HEIGHT * 4);
  return bgrx;
}

/**
 * The canvas against the reference, computed in the page (the reference goes there once): exact
 * share, worst channel error, PSNR, and the exact share of the pixels that are grey in the
 * source.
 */
async function compareCanvas(page, reference) {
  return page.evaluate(({ referenceBase64, width, height }) => {
    const w = /** @type {any} */ (window);
    if (!w.reference) w.reference = Uint8Array.from(atob(referenceBase64), (c) => c.charCodeAt(0));
    const reference = w.reference;
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width !== width || canvas.height !== height) return null;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    let exact = 0, greyPixels = 0, greyExact = 0, worst = 0, squares = 0;
    for (let i = 0; i < width * height; i++) {
      const b = reference[i * 4], g = reference[i * 4 + 1], r = reference[i * 4 + 2];
      const dr = rgba[i * 4] - r, dg = rgba[i * 4 + 1] - g, db = rgba[i * 4 + 2] - b;
      const off = Math.max(Math.abs(dr), Math.abs(dg), Math.abs(db));
      worst = Math.max(worst, off);
      squares += dr * dr + dg * dg + db * db;
      if (off === 0) exact++;
      if (r === g && g === b) {
        greyPixels++;
        if (off === 0) greyExact++;
      }
    }
    const psnr = squares === 0 ? 99 : 10 * Math.log10((255 * 255 * width * height * 3) / squares);
    return { exact: exact / (width * height), grey: greyExact / greyPixels, worst, psnr };
  }, { referenceBase64: reference.toString('base64'), width: WIDTH, height: HEIGHT });
}

/** Polls until the canvas stops changing (the final picture: 1 s the same), up to `ms`. */
async function settled(page, reference, ms = 30000) {
  const end = Date.now() + ms;
  let last = null;
  let same = 0;
  while (Date.now() < end) {
    const now = await compareCanvas(page, reference);
    same = now && last && JSON.stringify(now) === JSON.stringify(last) ? same + 1 : 0;
    last = now;
    if (same >= 5) return now;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

let context;
before(async () => {
  if (skip) return;
  assertServePipeline();
  context = await openPersistentChromium();
});

after(() => closePersistentChromium(context));

test('the final picture of a still text scene is the source\'s pixels', { skip }, async () => {
  const reference = referencePicture();
  const server = await serve(`${scene(true)} ! paintoverscheduler ! h264qualityenc ! ` +
    'websocketframesink name=sink port=0');
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn >= 1, null,
      { timeout: 30000 });
    const state = await page.evaluate(() => ({
      decodesLossless: window.webdesk.decodesLossless, lossless: window.webdesk.lossless,
      codec: window.webdesk.codec,
    }));
    assert.ok(state.decodesLossless, 'Debian chromium passes the lossless trial');
    assert.ok(state.lossless, `the stream carries lossless frames (${state.codec})`);
    const final = await settled(page, reference);
    assert.ok(final, 'the canvas shows the stream');
    console.log(`# final picture: ${(final.exact * 100).toFixed(2)} % of pixels exact, ` +
      `grey ones ${(final.grey * 100).toFixed(2)} %, worst channel off by ${final.worst}, ` +
      `PSNR ${final.psnr.toFixed(1)} dB`);
    assert.equal(final.grey, 1, 'every grey pixel of the source is exact');
    // Coloured pixels: full-range BT.601 YCbCr at 8 bits, converted there and back (Chromium's
    // conversion reaches 2, TigerVNC's worst on text).
    assert.ok(final.worst <= 2, `coloured pixels within the YCbCr round trip (off by ${final.worst})`);
    await page.close();
  } finally {
    await stopServing(server);
  }
});

test('a viewer that asks for lossy final frames turns lossless frames off for everyone', { skip }, async () => {
  const reference = referencePicture();
  const server = await serve(`${scene(true)} ! paintoverscheduler ! h264qualityenc ! ` +
    'websocketframesink name=sink port=0');
  try {
    const exact = await context.newPage();
    await exact.goto(server.url);
    await exact.waitForFunction(() => window.webdesk && window.webdesk.lossless, null, { timeout: 30000 });
    const lossy = await context.newPage();
    await lossy.goto(`${server.url}?lossless=0`);
    await lossy.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn >= 1, null,
      { timeout: 30000 });
    assert.equal(await lossy.evaluate(() => window.webdesk.decodesLossless), false);
    assert.equal(await lossy.evaluate(() => window.webdesk.lossless), false);
    await exact.waitForFunction(() => !window.webdesk.lossless, null, { timeout: 30000 });
    await lossy.bringToFront();  // a hidden tab draws nothing
    const final = await settled(lossy, reference);
    console.log(`# lossy final picture: ${(final.exact * 100).toFixed(2)} % exact, ` +
      `worst ${final.worst}, PSNR ${final.psnr.toFixed(1)} dB`);
    assert.ok(final.exact < 1, 'lossy final frames are not exact');
    assert.ok(final.psnr >= 40, `but refined (${final.psnr.toFixed(1)} dB)`);
    await Promise.all([exact.close(), lossy.close()]);
  } finally {
    await stopServing(server);
  }
});
