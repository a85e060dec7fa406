// SPDX-License-Identifier: LGPL-2.1-or-later
// The web client in headless Chromium (Debian's), driven by playwright-core, against a real
// pipeline: the page decodes the stream and its canvas shows the source's pattern; a page that
// joins later gets a picture of its own; a viewer that stops acknowledging does not stall the
// others; a viewer that cannot decode 4:4:4 turns the stream to 4:2:0 for everyone.
// Skips (and says so) only when Chromium is not installed. Waits are event-driven, with
// generous timeouts; durations are printed, never asserted.
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

const WIDTH = 320;
const HEIGHT = 240;
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

/** Whether the build has h264qualityenc (chroma=auto follows the viewers), else x264enc. */
function haveQualityEncoder() {
  const r = spawnSync('gst-inspect-1.0', ['h264qualityenc'], { env: process.env, stdio: 'ignore' });
  return r.status === 0;
}

/** videotestsrc's SMPTE bars, rendered by GStreamer itself in RGB: the reference picture. */
function referencePicture() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-ref-'));
  const file = path.join(dir, 'smpte.rgb');
  const r = spawnSync('gst-launch-1.0', ['-q', 'videotestsrc', 'num-buffers=1', 'pattern=smpte',
    '!', `video/x-raw,format=RGB,width=${WIDTH},height=${HEIGHT}`, '!', 'filesink',
    `location=${file}`], { env: process.env });
  assert.equal(r.status, 0, String(r.stderr));
  const rgb = readFileSync(file);
  rmSync(dir, { recursive: true });
  return rgb;
}

/** The centres of the seven top colour bars. */
const SAMPLES = Array.from({ length: 7 }, (_, i) => ({
  x: Math.floor(((i + 0.5) * WIDTH) / 7), y: Math.floor(HEIGHT / 3),
}));

async function canvasSamples(page) {
  return page.evaluate((points) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    const ctx = canvas.getContext('2d');
    return {
      width: canvas.width,
      height: canvas.height,
      pixels: points.map((p) => Array.from(ctx.getImageData(p.x, p.y, 1, 1).data.slice(0, 3))),
    };
  }, SAMPLES);
}

function assertShowsBars(shown, reference, label) {
  assert.equal(shown.width, WIDTH, `${label}: canvas width`);
  assert.equal(shown.height, HEIGHT, `${label}: canvas height`);
  SAMPLES.forEach((p, i) => {
    const at = (p.y * WIDTH + p.x) * 3;
    const want = [reference[at], reference[at + 1], reference[at + 2]];
    const got = shown.pixels[i];
    const off = Math.max(...want.map((v, c) => Math.abs(v - got[c])));
    assert.ok(off <= 24, `${label}: bar ${i} shows ${got}, the source has ${want}`);
  });
}

async function framesDrawn(page) {
  return page.evaluate(() => (window.webdesk ? window.webdesk.framesDrawn : 0));
}

async function waitForFrames(page, count, timeout = 30000) {
  await page.waitForFunction((n) => window.webdesk && window.webdesk.framesDrawn >= n, count,
    { timeout, polling: 50 });
}

let context;
before(async () => {
  if (skip) return;
  assertServePipeline();
  context = await openPersistentChromium();
});

after(() => closePersistentChromium(context));

test('pages decode the stream, show the source pattern, and late joiners get a picture', { skip }, async () => {
  const reference = referencePicture();
  const encoder = haveQualityEncoder() ? 'h264qualityenc quality=18'
    : 'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! video/x-h264,profile=high';
  const format = haveQualityEncoder() ? 'BGRx' : 'I420';
  const server = await serve(`videotestsrc is-live=true pattern=smpte ! video/x-raw,format=${format},` +
    `width=${WIDTH},height=${HEIGHT},framerate=30/1 ! ${encoder} ! websocketframesink name=sink port=0`);
  try {
    const first = await context.newPage();
    await first.goto(server.url);
    await waitForFrames(first, 10);
    assertShowsBars(await canvasSamples(first), reference, 'first page');

    // A second page joins a stream that is already running (infinite GOP: its picture needs a
    // keyframe made for it).
    const second = await context.newPage();
    const joined = Date.now();
    await second.goto(server.url);
    await waitForFrames(second, 1);
    console.log(`# second page: first frame drawn ${Date.now() - joined} ms after navigation`);
    await waitForFrames(second, 5);
    assertShowsBars(await canvasSamples(second), reference, 'second page');

    // A viewer that never acknowledges (stalled, from the server's point of view) does not
    // slow the others.
    const third = await context.newPage();
    await third.goto(server.url + 'style.css');  // same origin, no viewer script
    const wsUrl = server.url.replace('http', 'ws') + 'ws';
    const extensions = await third.evaluate((url) => new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onerror = () => reject(new Error('the stalled viewer could not connect'));
      ws.onopen = () => {
        ws.send(JSON.stringify({ type: 'hello', protocol: 1, decodes_444: true }));
        resolve(ws.extensions);
      };
      /** @type {any} */ (window).stalled = ws;
    }), wsUrl);
    assert.equal(extensions, '', 'no permessage-deflate on H.264');
    // Pages draw once per display refresh, and a hidden tab does not refresh: bring it back.
    await first.bringToFront();
    const before = await framesDrawn(first);
    await waitForFrames(first, before + 90);  // three seconds of video
    const stats = await first.evaluate(() => window.webdesk.stats.text());
    console.log(`# first page while a viewer is stalled: ${stats}`);
    assert.ok(server.events.filter((e) => e.event === 'client-connected').length >= 3);

    // The overlay: hidden until toggled, then fps, bitrate and latency.
    assert.equal(await first.isVisible('#stats'), false);
    await first.click('#stats-toggle');
    await first.waitForFunction(() => /fps .* latency \d/.test(document.getElementById('stats').textContent),
      null, { timeout: 10000 });
    await Promise.all([first.close(), second.close(), third.close()]);
  } finally {
    await stopServing(server);
  }
});

test('a viewer that cannot decode 4:4:4 turns the stream to 4:2:0', {
  skip: skip || (haveQualityEncoder() ? false : 'needs h264qualityenc (chroma=auto)'),
}, async () => {
  const reference = referencePicture();
  const server = await serve(`videotestsrc is-live=true pattern=smpte ! video/x-raw,format=BGRx,` +
    `width=${WIDTH},height=${HEIGHT},framerate=30/1 ! h264qualityenc quality=18 chroma=auto ! ` +
    'websocketframesink name=sink port=0');
  try {
    const full = await context.newPage();
    await full.goto(server.url);
    await waitForFrames(full, 5);
    const state = await full.evaluate(() => ({ decodes444: window.webdesk.decodes444, codec: window.webdesk.codec }));
    assert.ok(state.decodes444, 'Debian chromium decodes H.264 4:4:4 (trial decode)');
    assert.match(state.codec, /^avc1\.F4/i, 'with only 4:4:4 viewers the stream is High 4:4:4');

    const limited = await context.newPage();
    await limited.goto(server.url + '?decodes444=0');
    await waitForFrames(limited, 5);
    const codec = await limited.evaluate(() => window.webdesk.codec);
    assert.doesNotMatch(codec, /^avc1\.F4/i, 'the 4:2:0 viewer decodes a 4:2:0 stream');
    await full.waitForFunction(() => !/^avc1\.F4/i.test(window.webdesk.codec), null, { timeout: 30000 });
    await full.bringToFront();  // a hidden tab draws nothing
    const before = await framesDrawn(full);
    await waitForFrames(full, before + 10);
    assertShowsBars(await canvasSamples(full), reference, '4:4:4 viewer after the switch');
    assertShowsBars(await canvasSamples(limited), reference, '4:2:0 viewer');
    await Promise.all([full.close(), limited.close()]);
  } finally {
    await stopServing(server);
  }
});

test('a page reconnects when the server comes back', { skip }, async () => {
  const description = (port) => 'videotestsrc is-live=true pattern=smpte ! ' +
    `video/x-raw,format=I420,width=${WIDTH},height=${HEIGHT},framerate=30/1 ! ` +
    'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! ' +
    `video/x-h264,profile=high ! websocketframesink name=sink port=${port}`;
  const first = await serve(description(0));
  const port = Number(new URL(first.url).port);
  const page = await context.newPage();
  let second;
  try {
    await page.goto(first.url);
    await waitForFrames(page, 5);
    await stopServing(first);
    await page.waitForFunction(() => !window.webdesk.connected, null, { timeout: 30000 });
    const drawn = await framesDrawn(page);
    second = await serve(description(port));
    await waitForFrames(page, drawn + 5);
    assert.ok(await page.evaluate(() => window.webdesk.connected));
  } finally {
    await page.close();
    await stopServing(first);
    await stopServing(second);
  }
});

test('pointer and keys on the canvas reach the pipeline in frame pixels', { skip }, async () => {
  const server = await serve('videotestsrc is-live=true pattern=smpte ! ' +
    `video/x-raw,format=I420,width=${WIDTH},height=${HEIGHT},framerate=30/1 ! ` +
    'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! ' +
    'video/x-h264,profile=high ! websocketframesink name=sink port=0');
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await waitForFrames(page, 3);
    const box = await page.locator('#screen').boundingBox();
    // A quarter of the way in, whatever the canvas's CSS size: frame pixel (80, 60).
    await page.mouse.click(box.x + box.width / 4, box.y + box.height / 4);
    await page.keyboard.press('KeyA');
    const upstream = (pattern) => server.events.find((e) => e.event === 'upstream' && pattern.test(e.structure));
    const until = async (pattern) => {
      for (let i = 0; i < 300 && !upstream(pattern); i++) await new Promise((r) => setTimeout(r, 100));
      return upstream(pattern);
    };
    const press = await until(/mouse-button-press/);
    assert.ok(press, 'a button press went upstream');
    assert.match(press.structure, /button=\(int\)1/);
    assert.match(press.structure, /pointer_x=\(double\)80/);
    assert.match(press.structure, /pointer_y=\(double\)60/);
    const key = await until(/key-press/);
    assert.ok(key, 'a key press went upstream');
    assert.match(key.structure, /key=\(string\)a/);
    assert.match(key.structure, /code=\(uint\)30/);
  } finally {
    await page.close();
    await stopServing(server);
  }
});

test('on a HiDPI screen one frame pixel is one device pixel', { skip }, async () => {
  const server = await serve('videotestsrc is-live=true pattern=smpte ! ' +
    `video/x-raw,format=I420,width=${WIDTH},height=${HEIGHT},framerate=30/1 ! ` +
    'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! ' +
    'video/x-h264,profile=high ! websocketframesink name=sink port=0');
  const hidpi = await openPersistentChromium({ deviceScaleFactor: 2 });
  try {
    const page = await hidpi.newPage();
    await page.goto(server.url);
    await waitForFrames(page, 3);
    const size = await page.evaluate(() => {
      const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
      return { dpr: window.devicePixelRatio, pixels: canvas.width, css: canvas.getBoundingClientRect().width };
    });
    assert.equal(size.dpr, 2);
    assert.equal(size.pixels, WIDTH);
    assert.equal(size.css, WIDTH / 2);
  } finally {
    await closePersistentChromium(hidpi);
    await stopServing(server);
  }
});
