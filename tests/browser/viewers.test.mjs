// SPDX-License-Identifier: LGPL-2.1-or-later
// Viewers, logins and the desktop's size, in headless Chromium (Debian's, driven by
// playwright-core) against real pipelines:
// - a wrong password is refused with 401 before any WebSocket upgrade, and an address that
//   keeps guessing is throttled (429 with Retry-After, even for the right password);
// - a view-only login watches: its key presses never reach the application (weston-eventdemo
//   inside waylanddamagesrc, which logs every key it gets), the controller's do;
// - a second page views until it takes control with the page's button;
// - resizing the page resizes the desktop: frames of the page's size in device pixels.
// Skips (and says so) only what needs a missing program. Waits are event-driven.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { assertServePipeline, serve, stopServing } from './serve-pipeline.mjs';
import { CHROMIUM, CHROMIUM_FLAGS, until } from './webdesk-program.mjs';

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

function desktopMissing() {
  if (skip) return skip;
  for (const program of ['weston-eventdemo', 'weston-simple-shm', 'stdbuf']) {
    if (!existsSync(`/usr/bin/${program}`)) return `${program} is not installed`;
  }
  const r = spawnSync('gst-inspect-1.0', ['waylanddamagesrc'], { env: process.env, stdio: 'ignore' });
  return r.status === 0 ? false : 'waylanddamagesrc is not built';
}
const skipDesktop = desktopMissing();

const ENCODE = 'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! ' +
  'video/x-h264,profile=high';
const TEST_PATTERN = 'videotestsrc is-live=true ! video/x-raw,format=I420,width=320,height=240,' +
  `framerate=30/1 ! ${ENCODE}`;
/** weston-eventdemo in waylanddamagesrc, its key log line-buffered onto serve-pipeline's stdout. */
const EVENTDEMO = 'waylanddamagesrc width=640 height=480 ' +
  'command="stdbuf -oL weston-eventdemo --log-key" ! videoconvert ! video/x-raw,format=I420 ! ' +
  ENCODE;

/** A WebSocket handshake on /ws with HTTP Basic credentials; resolves with the status. */
function handshake(port, password) {
  return new Promise((resolve, reject) => {
    const headers = {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    if (password !== undefined) {
      headers.Authorization = 'Basic ' + Buffer.from(`user:${password}`).toString('base64');
    }
    const request = http.request({ host: '127.0.0.1', port, path: '/ws', headers });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode, headers: response.headers });
    });
    request.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode, headers: response.headers });
    });
    request.on('error', reject);
    request.end();
  });
}

async function role(page) {
  return page.evaluate(() => window.webdesk && { role: window.webdesk.role, canControl: window.webdesk.canControl });
}

async function waitForRole(page, wanted) {
  // The page starts as 'view' before the server has said anything; a role message for a
  // watching page shows its badge.
  await page.waitForFunction((r) => window.webdesk && window.webdesk.role === r &&
    (r !== 'view' || !document.getElementById('role').hidden), wanted,
    { timeout: 20000, polling: 50 });
}

let browser;
before(async () => {
  if (skip) return;
  assertServePipeline();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  if (browser) await browser.close();
});

test('a wrong password is refused before the upgrade, and repeated failures are throttled', { skip }, async () => {
  const server = await serve(`${TEST_PATTERN} ! websocketframesink name=sink port=0 ` +
    'password=right view-password=look');
  try {
    // The browser: the page itself is refused.
    const context = await browser.newContext({ httpCredentials: { username: 'me', password: 'wrong' } });
    const page = await context.newPage();
    const pageStatus = new Promise((resolve) => page.on('response', (r) => resolve(r.status())));
    await page.goto(server.url).catch(() => {});  // Chromium gives up on the 401 (an error here)
    assert.equal(await pageStatus, 401);
    await context.close();

    // The WebSocket handshake: 401 instead of 101 with a wrong password, 101 with either right one.
    assert.equal((await handshake(server.port, 'wrong')).status, 401);
    assert.equal((await handshake(server.port, undefined)).status, 401);
    assert.equal((await handshake(server.port, 'right')).status, 101);
    assert.equal((await handshake(server.port, 'look')).status, 101);

    // Guessing: a few failures are free, then the address waits, whatever it sends.
    const statuses = [];
    for (let i = 0; i < 8 && !statuses.includes(429); i++) statuses.push((await handshake(server.port, `guess${i}`)).status);
    console.log(`# wrong passwords in a row: ${statuses.join(' ')}`);
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    const locked = await handshake(server.port, 'right');
    assert.equal(locked.status, 429, 'locked out: even the right password waits');
    assert.ok(Number(locked.headers['retry-after']) >= 1, 'Retry-After says how long');
    const failures = server.events.filter((e) => e.event === 'login-failed');
    assert.ok(failures.length >= 8, `every wrong password is on the bus (${failures.length})`);
    await new Promise((r) => setTimeout(r, Number(locked.headers['retry-after']) * 1000 + 100));
    assert.equal((await handshake(server.port, 'right')).status, 101, 'the wait is over');
  } finally {
    await stopServing(server);
  }
});

test('a second page views until it takes control, and only then do its keys go upstream', { skip }, async () => {
  const server = await serve(`${TEST_PATTERN} ! websocketframesink name=sink port=0`);
  const context = await browser.newContext();
  try {
    const first = await context.newPage();
    await first.goto(server.url);
    await waitForRole(first, 'control');
    const second = await context.newPage();
    await second.goto(server.url);
    await waitForRole(second, 'view');
    assert.deepEqual(await role(second), { role: 'view', canControl: true });
    assert.ok(await second.isVisible('#role button'), 'a viewer that may control sees "Take control"');

    const keyUpstream = (key) => server.events.find((e) => e.event === 'upstream' &&
      /key-press/.test(e.structure) && new RegExp(`key=\\(string\\)${key}[,;]`).test(e.structure));
    await second.focus('#screen');
    await second.keyboard.press('KeyB');
    await first.focus('#screen');
    await first.keyboard.press('KeyA');
    await until(() => keyUpstream('a'), "the controller's key upstream");
    assert.equal(keyUpstream('b'), undefined, "the viewer's key was dropped");

    await second.click('#role button');
    await waitForRole(second, 'control');
    await waitForRole(first, 'view');
    await second.focus('#screen');
    await second.keyboard.press('KeyC');
    await until(() => keyUpstream('c'), 'the new controller\'s key upstream');
  } finally {
    await context.close();
    await stopServing(server);
  }
});

test('a view-only login watches: its keys never reach the application', { skip: skipDesktop }, async () => {
  const server = await serve(`${EVENTDEMO} ! websocketframesink name=sink port=0 ` +
    'password=full view-password=look');
  const controlling = await browser.newContext({ httpCredentials: { username: 'me', password: 'full' } });
  const watching = await browser.newContext({ httpCredentials: { username: 'you', password: 'look' } });
  try {
    const viewer = await watching.newPage();
    await viewer.goto(server.url);
    await waitForRole(viewer, 'view');
    assert.deepEqual(await role(viewer), { role: 'view', canControl: false });
    assert.equal((await viewer.textContent('#role span')).trim(), 'View only');
    assert.equal(await viewer.isVisible('#role button'), false);

    const controller = await controlling.newPage();
    await controller.goto(server.url);
    await waitForRole(controller, 'control');

    // eventdemo's window has the keyboard (the topmost window does). The viewer types first,
    // then the controller.
    await viewer.focus('#screen');
    await viewer.keyboard.press('KeyB');
    await controller.focus('#screen');
    await controller.keyboard.press('KeyA');
    // eventdemo logs "key: 30, unicode: ..." (evdev code) for each key it gets.
    const logged = (code) => server.output.find((l) => new RegExp(`key\\D*\\b${code}\\b`).test(l));
    await until(() => logged(30), 'the controller\'s "a" at weston-eventdemo');
    console.log(`# eventdemo: ${server.output.filter((l) => /key/.test(l)).join(' | ')}`);
    assert.equal(logged(48), undefined, 'the view-only viewer\'s "b" never reached the application');
  } finally {
    await controlling.close();
    await watching.close();
    await stopServing(server);
  }
});

test('full screen locks the keyboard for the desktop, and the keys go on reaching it', { skip: skipDesktop }, async () => {
  // A tab cannot have Ctrl+W or Alt+Tab; in full screen Chromium's Keyboard Lock gives them to
  // the page. (Headless Chromium keeps its window size in full screen, and input sent through
  // the DevTools protocol never meets the browser's own shortcuts, so what is checked is what
  // the page asked for and got, and that the keyboard still reaches the application.)
  const server = await serve(`${EVENTDEMO} ! websocketframesink name=sink port=0`);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForRole(page, 'control');
    assert.match(await page.getAttribute('#fullscreen', 'title'), /Ctrl\+W and Alt\+Tab/);
    await page.click('#fullscreen');
    await page.waitForFunction(() => window.webdesk.fullScreen.active && document.fullscreenElement,
      null, { timeout: 10000, polling: 50 });
    assert.deepEqual(await page.evaluate(() => window.webdesk.fullScreen),
      { active: true, keysLocked: true, problem: '' });
    assert.match(await page.getAttribute('#fullscreen', 'title'), /Every key goes to the desktop.*Hold Esc/);
    // The click on the button did not keep the keyboard: the next key reaches eventdemo.
    await page.keyboard.press('KeyA');
    const logged = (code) => server.output.find((l) => new RegExp(`key\\D*\\b${code}\\b`).test(l));
    await until(() => logged(30), 'the "a" typed in full screen at weston-eventdemo');

    await page.click('#fullscreen');
    await page.waitForFunction(() => !document.fullscreenElement && !window.webdesk.fullScreen.active,
      null, { timeout: 10000, polling: 50 });
    assert.equal(await page.evaluate(() => window.webdesk.fullScreen.keysLocked), false);
    assert.equal(await page.textContent('#fullscreen'), 'full screen');
  } finally {
    await context.close();
    await stopServing(server);
  }
});

test('resizing the page resizes the desktop to its device-pixel size', { skip: skipDesktop }, async () => {
  // weston-simple-shm animates: frames keep coming whatever the size.
  const server = await serve('waylanddamagesrc width=640 height=480 command=weston-simple-shm ! ' +
    `videoconvert ! video/x-raw,format=I420 ! ${ENCODE} ! websocketframesink name=sink port=0`);
  const context = await browser.newContext({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    const frameSize = (w, h) => page.waitForFunction(([width, height]) => {
      const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
      return window.webdesk && window.webdesk.framesDrawn > 0 && canvas.width === width && canvas.height === height;
    }, [w, h], { timeout: 30000, polling: 50 });
    await frameSize(1800, 1200);
    const resize = server.events.find((e) => e.event === 'upstream' && /webdesk-resize/.test(e.structure));
    assert.match(resize.structure, /width=\(int\)1800/);
    assert.match(resize.structure, /scale=\(double\)2/);
    // One frame pixel per device pixel: the canvas fills the 900x600 CSS-pixel page exactly.
    const css = await page.evaluate(() => document.getElementById('screen').getBoundingClientRect().width);
    assert.equal(css, 900);

    const resized = Date.now();
    await page.setViewportSize({ width: 700, height: 500 });
    await frameSize(1400, 1000);
    console.log(`# frames of the new size ${Date.now() - resized} ms after the window changed (debounce 250 ms)`);
  } finally {
    await context.close();
    await stopServing(server);
  }
});

test('Ctrl+V sends the browser\'s clipboard before the key; a tap clicks, a long press right-clicks', { skip }, async () => {
  const server = await serve(`${TEST_PATTERN} ! websocketframesink name=sink port=0`);
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 640, height: 480 } });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForRole(page, 'control');
    await page.waitForFunction(() => window.webdesk.framesDrawn >= 1, null, { timeout: 30000 });
    await page.evaluate(() => navigator.clipboard.writeText('from the browser'));
    await page.focus('#screen');
    await page.keyboard.press('Control+KeyV');
    const index = (pattern) => server.events.findIndex((e) => e.event === 'upstream' && pattern.test(e.structure));
    await until(() => index(/key-press.*key=\(string\)v[,;]/) >= 0, 'the V key upstream');
    const clipboard = index(/webdesk-clipboard.*from\\? the\\? browser/);  // spaces escaped
    assert.ok(clipboard >= 0, 'the clipboard text went upstream');
    assert.ok(clipboard < index(/key-press.*key=\(string\)v[,;]/), 'before the key that pastes it');

    const box = await page.locator('#screen').boundingBox();
    await page.touchscreen.tap(box.x + box.width / 4, box.y + box.height / 4);
    await until(() => index(/mouse-button-release.*button=\(int\)1/) >= 0, 'a tap as a left click');
    // A long press: a touch held still for over 500 ms.
    await page.evaluate(([x, y]) => {
      const canvas = document.getElementById('screen');
      const touch = { pointerId: 7, pointerType: 'touch', clientX: x, clientY: y, bubbles: true, isPrimary: true };
      canvas.dispatchEvent(new PointerEvent('pointerdown', touch));
      return new Promise((r) => setTimeout(() => {
        canvas.dispatchEvent(new PointerEvent('pointerup', touch));
        r(undefined);
      }, 700));
    }, [box.x + box.width / 2, box.y + box.height / 2]);
    await until(() => index(/mouse-button-press.*button=\(int\)3/) >= 0, 'a long press as a right click');
  } finally {
    await context.close();
    await stopServing(server);
  }
});
