// The desktop's cursor in the browser: the `cursor` message's golden vector decodes to the
// documented pixels, and in headless Chromium (Debian's, driven by playwright-core) the canvas
// takes the cursor a real application sets (weston-eventdemo inside waylanddamagesrc, Adwaita's
// 24-pixel left_ptr with its hotspot at (4, 4)) as a CSS cursor once the pointer enters it: a
// PNG data URL at 1x, the same image at 2x resolution on a HiDPI screen, and a later page gets
// the current cursor at its hello. Skips (and says so) when Chromium, waylanddamagesrc,
// h264qualityenc, weston-eventdemo or the Adwaita cursors are missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { cursorFromMessage, cssCursor } = await import(path.join(root, 'web/src/cursor.js'));

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const build = process.env.WEBDESK_BUILD_ROOT;
const servePipeline = build && path.join(build, 'tests/browser/serve-pipeline');

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

/**
 * Starts serve-pipeline in its own XDG_RUNTIME_DIR; resolves once the sink listens.
 * @returns {Promise<{url: string, child: import('node:child_process').ChildProcess, dir: string}>}
 */
function serve(description) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-cursor-'));
  const child = spawn(servePipeline, [description], {
    stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, XDG_RUNTIME_DIR: dir },
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const event = JSON.parse(line);
      if (event.event === 'listening') resolve({ url: event.url, child, dir });
      if (event.event === 'error') reject(new Error(event.message));
    });
    child.on('exit', (code) => reject(new Error(`serve-pipeline exited with ${code}`)));
  });
}

let browser;
let server;
before(async () => {
  if (skip) return;
  assert.ok(servePipeline && existsSync(servePipeline), 'run through meson test (serve-pipeline)');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  server = await serve('waylanddamagesrc width=320 height=240 ' +
    'command="env XCURSOR_THEME=Adwaita XCURSOR_SIZE=24 weston-eventdemo" ! ' +
    'h264qualityenc ! websocketframesink name=sink port=0');
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.child.kill('SIGTERM');
    await new Promise((r) => { server.child.once('exit', r); setTimeout(r, 5000); });
    rmSync(server.dir, { recursive: true, force: true });
  }
});

/** Opens the viewer at `deviceScaleFactor`, waits for a picture, moves the pointer in (`move`). */
async function openAndEnter(deviceScaleFactor, move = true) {
  const context = await browser.newContext({ deviceScaleFactor, viewport: { width: 640, height: 480 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn >= 1, null,
    { timeout: 30000, polling: 50 });
  if (move) {
    const box = await page.locator('#screen').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  }
  return { context, page };
}

async function canvasCursor(page, pattern) {
  const handle = await page.waitForFunction((source) => {
    const value = getComputedStyle(document.getElementById('screen')).cursor;
    return new RegExp(source).test(value) ? value : false;
  }, pattern.source, { timeout: 15000, polling: 50 });
  return handle.jsonValue();
}

// weston-eventdemo shows a hand over its demo rectangle, frame pixels (10, 10)-(310, 210), and an
// arrow elsewhere; Adwaita's 24-pixel hand1 has its hotspot at (11, 7), left_ptr at (4, 4).
test('the application\'s cursor becomes the canvas\'s CSS cursor as the pointer moves over it', { skip }, async () => {
  const { context, page } = await openAndEnter(1);
  try {
    const value = await canvasCursor(page, /^url\("data:image\/png/);
    assert.ok(value.endsWith('") 11 7, auto'), value.slice(-40));
    assert.match(value, /^url\("data:image\/png;base64,[A-Za-z0-9+/=]+"\) 11 7, auto$/);
    // The data URL is the 24x24 picture.
    const size = await page.evaluate(async (v) => {
      const img = new Image();
      img.src = /url\("([^"]+)"\)/.exec(v)[1];
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, value);
    assert.deepEqual(size, [24, 24]);
    // Outside the rectangle: the arrow, with no frame needed.
    const box = await page.locator('#screen').boundingBox();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2);
    const arrow = await canvasCursor(page, /"\) 4 4, auto$/);
    assert.match(arrow, /^url\("data:image\/png;base64,/);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await canvasCursor(page, /"\) 11 7, auto$/);
  } finally {
    await context.close();
  }
});

test('on a HiDPI screen the cursor image is given its resolution, and a late page gets it', { skip }, async () => {
  // This page does not move the pointer, which the previous test left over the hand: it gets the
  // current cursor at its hello. The desktop is at scale 1 here: 24 image pixels cover 24 frame pixels, which
  // are 12 CSS pixels; the hotspot (11, 7) is (5.5, 3.5) CSS pixels, rounded.
  const { context, page } = await openAndEnter(2, false);
  try {
    const value = await canvasCursor(page, /image-set/);
    assert.ok(/"\) (2x|2dppx)\) 6 4, auto$/.test(value), value.slice(-40));
    assert.match(value, /^image-set\(url\("data:image\/png;base64,[^"]+"\) (2x|2dppx)\) 6 4, auto$/);
  } finally {
    await context.close();
  }
});
