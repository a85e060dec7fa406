// SPDX-License-Identifier: LGPL-2.1-or-later
// The desktop's cursor in the browser: the `cursor` message's golden vector decodes to the
// documented pixels, and in headless Chromium (Debian's, driven by playwright-core) the canvas
// takes the cursors a real application sets (weston-eventdemo inside waylanddamagesrc, Adwaita's
// 24-pixel hand and arrow) as CSS cursors as the pointer moves over it: a PNG data URL with the
// hotspot, at the resolution that keeps one frame pixel one canvas pixel (image-set() on a HiDPI
// screen), and a later page gets the current cursor without moving the pointer. Skips (and says so) when Chromium, waylanddamagesrc,
// h264qualityenc, weston-eventdemo or the Adwaita cursors are missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { assertServePipeline, serve, stopServing } from './serve-pipeline.mjs';
import { CHROMIUM, CHROMIUM_FLAGS } from './webdesk-program.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { cursorFromMessage, cssCursor } = await import(path.join(root, 'web/src/cursor.js'));

function missing() {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  if (!existsSync('/usr/bin/weston-eventdemo')) return 'weston-eventdemo is not installed';
  if (!existsSync('/usr/share/icons/Adwaita/cursors/left_ptr')) return 'no Adwaita cursor theme';
  for (const element of ['waylanddamagesrc', 'h264qualityenc']) {
    // h264qualityenc: a page joining a still desktop gets a picture (x264enc waits for damage).
    const r = spawnSync('gst-inspect-1.0', [element], { env: process.env, stdio: 'ignore' });
    if (r.status !== 0) return `${element} is not built`;
  }
  return false;
}
const skip = missing();

/** The ```golden-cursor blocks of docs/protocol.md. */
function goldenCursors() {
  const text = readFileSync(path.join(root, 'docs/protocol.md'), 'utf8');
  return [...text.matchAll(/^```golden-cursor ?(\S*)\n([\s\S]*?)^```/gm)]
    .map((m) => ({ name: m[1], lines: m[2].trimEnd().split('\n') }));
}

function fromHex(text) {
  const bytes = text.trim().split(/\s+/).join('').match(/../g) || [];
  return Array.from(bytes, (b) => parseInt(b, 16));
}

test('the golden cursor message decodes to the documented straight-alpha pixels', () => {
  const vectors = goldenCursors();
  assert.ok(vectors.length >= 1);
  for (const v of vectors) {
    const fields = JSON.parse(v.lines[0]);
    const cursor = cursorFromMessage(JSON.parse(v.lines[3]));
    assert.ok(cursor, v.name);
    assert.equal(cursor.kind, 'image');
    assert.equal(cursor.width, fields.width);
    assert.equal(cursor.height, fields.height);
    assert.equal(cursor.hotspotX, fields.hotspot_x);
    assert.equal(cursor.hotspotY, fields.hotspot_y);
    assert.equal(cursor.scale, fields.scale);
    assert.deepEqual(Array.from(cursor.rgba), fromHex(v.lines[2]));
  }
});

test('hidden, default and malformed cursor messages', () => {
  assert.equal(cursorFromMessage({ type: 'cursor', hidden: true }).kind, 'hidden');
  assert.equal(cursorFromMessage({ type: 'cursor', hidden: false }).kind, 'default');
  assert.equal(cursorFromMessage({ type: 'cursor', hidden: false, width: 2, height: 2, rgba: 'AAAA' }), null);
  assert.equal(cursorFromMessage({ type: 'cursor', hidden: false, width: 999, height: 1, rgba: '' }), null);
});

test('CSS cursor values: plain at 1x, image-set with the hotspot in CSS pixels otherwise', () => {
  assert.equal(cssCursor('data:x', 4, 5, 1), 'url("data:x") 4 5, auto');
  assert.equal(cssCursor('data:x', 8, 6, 2), 'image-set(url("data:x") 2x) 4 3, auto');
});

let browser;
let server;
before(async () => {
  if (skip) return;
  assertServePipeline();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  server = await serve('waylanddamagesrc width=320 height=240 ' +
    'command="env XCURSOR_THEME=Adwaita XCURSOR_SIZE=24 weston-eventdemo" ! ' +
    'h264qualityenc ! websocketframesink name=sink port=0');
});

after(async () => {
  if (browser) await browser.close();
  await stopServing(server);
});

/**
 * Opens the viewer at `deviceScaleFactor` and waits for a picture. The `cursor` messages the page
 * receives are collected in `messages`.
 */
async function open(deviceScaleFactor) {
  const context = await browser.newContext({ deviceScaleFactor, viewport: { width: 640, height: 480 } });
  const page = await context.newPage();
  const messages = [];
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    if (typeof payload === 'string' && payload.startsWith('{"type":"cursor"')) messages.push(JSON.parse(payload));
  }));
  await page.goto(server.url);
  await page.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn >= 1, null,
    { timeout: 60000, polling: 50 });
  return { context, page, messages };
}

/** Moves the pointer to a frame pixel (the desktop may have been resized to fit the page). */
async function moveToFramePixel(page, fx, fy) {
  const { x, y } = await page.evaluate(([px, py]) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    const r = canvas.getBoundingClientRect();
    const fit = (v, size) => Math.min(size - 1, v < 0 ? size + v : v);
    return {
      x: r.left + ((fit(px, canvas.width) + 0.5) * r.width) / canvas.width,
      y: r.top + ((fit(py, canvas.height) + 0.5) * r.height) / canvas.height,
    };
  }, [fx, fy]);
  await page.mouse.move(x, y);
}

/**
 * Waits until the page received a cursor image with this hotspot (image pixels; null: any) and
 * its canvas shows it: a PNG
 * data URL at the resolution that makes one frame pixel of the cursor one frame pixel of the
 * canvas (image-set() unless that is 1x), hotspot in CSS pixels. Returns the message and value.
 */
async function shownCursor(page, messages, hotspotX, hotspotY) {
  const deadline = Date.now() + 15000;
  let message;
  while (Date.now() < deadline) {
    message = messages.findLast((m) => !m.hidden && m.rgba);
    if (message && (hotspotX === null
      || (message.hotspot_x === hotspotX && message.hotspot_y === hotspotY))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(message, 'no cursor image reached the page');
  if (hotspotX !== null) assert.deepEqual([message.hotspot_x, message.hotspot_y], [hotspotX, hotspotY]);
  const handle = await page.waitForFunction((m) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    const value = getComputedStyle(canvas).cursor;
    const ratio = Number((m.scale * (canvas.width / canvas.getBoundingClientRect().width)).toFixed(3));
    if (Math.abs(ratio - 1) < 0.01) {
      return value.startsWith('url("data:image/png;base64,')
        && value.endsWith(`") ${m.hotspot_x} ${m.hotspot_y}, auto`) ? { value, ratio } : false;
    }
    const tail = ` ${Math.round(m.hotspot_x / ratio)} ${Math.round(m.hotspot_y / ratio)}, auto`;
    return value.startsWith('image-set(url("data:image/png;base64,')
      && (value.endsWith(`") ${ratio}x)${tail}`) || value.endsWith(`") ${ratio}dppx)${tail}`))
      ? { value, ratio } : false;
  }, message, { timeout: 15000, polling: 50 });
  return { message, ...(await handle.jsonValue()) };
}

// weston-eventdemo shows a hand over its demo rectangle, frame pixels (10, 10)-(310, 210), and an
// arrow elsewhere; Adwaita's 24-pixel hand1 has its hotspot at (11, 7), left_ptr at (4, 4).
test('the application\'s cursor becomes the canvas\'s CSS cursor as the pointer moves over it', { skip }, async () => {
  const { context, page, messages } = await open(1);
  try {
    await moveToFramePixel(page, 160, 120);
    const hand = await shownCursor(page, messages, 11, 7);
    assert.deepEqual([hand.message.width, hand.message.height], [24, 24]);
    assert.equal(hand.message.scale, 1);
    // The data URL is the 24x24 picture.
    const size = await page.evaluate(async (v) => {
      const img = new Image();
      img.src = /url\("([^"]+)"\)/.exec(v)[1];
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, hand.value);
    assert.deepEqual(size, [24, 24]);
    // Outside the rectangle: the arrow, with no frame needed; then the hand again (cached).
    await moveToFramePixel(page, -2, -2);
    await shownCursor(page, messages, 4, 4);
    await moveToFramePixel(page, 160, 120);
    await shownCursor(page, messages, 11, 7);
  } finally {
    await context.close();
  }
});

test('on a HiDPI screen the cursor image is given its resolution, and a late page gets it', { skip }, async () => {
  // This page does not move the pointer, which the previous test left over the hand: it gets the
  // current cursor at its hello. At device pixel ratio 2 a desktop at scale 1 gives image-set()
  // at 2x (24 image pixels = 24 frame pixels = 12 CSS pixels); one that follows the page to
  // scale 2 gives the application's scale-2 cursor the same way, or its scale-1 cursor at 1x.
  const { context, page, messages } = await open(2);
  try {
    const shown = await shownCursor(page, messages, null, null);
    console.log(`# HiDPI cursor: ${shown.message.width}x${shown.message.height} scale ${shown.message.scale}, ratio ${shown.ratio}: ${shown.value.slice(-30)}`);
    if (shown.message.scale === 1) assert.ok(shown.ratio >= 1.9, `ratio ${shown.ratio}`);
  } finally {
    await context.close();
  }
});
