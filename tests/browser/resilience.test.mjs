// SPDX-License-Identifier: LGPL-2.1-or-later
// The web client when things go wrong, in headless Debian Chromium (playwright-core) against a
// real pipeline: a server that is full says so and the page stops retrying; an error nobody
// caught still shows. Closes that end the retries are checked against docs/protocol.md's table
// under node. (A stream the browser cannot decode: firefox.test.mjs, since Chromium decodes
// every H.264 profile.) Waits are event-driven; skips only without Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { closeMeaning } = await import(path.join(root, 'web/src/closes.js'));

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const build = process.env.WEBDESK_BUILD_ROOT;
const servePipeline = build && path.join(build, 'tests/browser/serve-pipeline');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

/** Starts serve-pipeline; resolves once the sink listens. Its JSON lines go to `events`. */
function serve(description) {
  const child = spawn(servePipeline, [description], { stdio: ['pipe', 'pipe', 'inherit'] });
  const server = { url: '', child, events: /** @type {any[]} */ ([]) };
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line);
      server.events.push(event);
      if (event.event === 'listening') {
        server.url = event.url;
        resolve(server);
      }
      if (event.event === 'error') reject(new Error(event.message));
    });
    child.on('exit', (code) => reject(new Error(`serve-pipeline exited with ${code}`)));
  });
}

test('closes that would happen again end the retries; the others do not', () => {
  // Every code of docs/protocol.md's closing table has a meaning for the page.
  const text = readFileSync(path.join(root, 'docs/protocol.md'), 'utf8');
  const table = text.slice(text.indexOf('### Closing'), text.indexOf('## Flow control'));
  const codes = [...table.matchAll(/^\| (\d{4}) \|/gm)].map((m) => Number(m[1]));
  assert.ok(codes.includes(4002) && codes.includes(4003), `codes read: ${codes}`);
  for (const code of codes) {
    const meaning = closeMeaning(code, 'why');
    assert.ok(meaning.message.length > 0, `${code} says something`);
    const permanent = [1003, 1007, 1009, 4000, 4001, 4002, 4003].includes(code);
    assert.equal(meaning.permanent, permanent, `${code}: ${meaning.message}`);
  }
  assert.match(closeMeaning(4003, 'server full').message, /full.*reload/);
  assert.match(closeMeaning(4002, '').message, /protocol versions.*reload/);
  // Lost connections, a stopping server, no hello in time: worth trying again.
  for (const code of [1001, 1006, 1008, 1011]) assert.equal(closeMeaning(code, '').permanent, false);
});

let context;
let userDataDir;
before(async () => {
  if (skip) return;
  assert.ok(servePipeline && existsSync(servePipeline), 'run through meson test (serve-pipeline)');
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: FLAGS,
  });
});

after(async () => {
  if (context) await context.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test('a full server says so, and the page stops retrying', { skip }, async () => {
  const server = await serve('videotestsrc is-live=true ! video/x-raw,width=160,height=120,' +
    'framerate=30/1 ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! ' +
    'video/x-h264,profile=high ! websocketframesink name=sink port=0 max-clients=1');
  try {
    const first = await context.newPage();
    await first.goto(server.url);
    await first.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn > 0, null, { timeout: 30000 });
    const second = await context.newPage();
    let sockets = 0;
    second.on('websocket', () => sockets++);
    await second.goto(server.url);
    await second.waitForFunction(() => window.webdesk && window.webdesk.retrying === false, null,
      { timeout: 30000, polling: 100 });
    const status = await second.textContent('#status');
    console.log(`# ${status}`);
    assert.match(status, /server is full.*reload/);
    assert.equal(sockets, 1, 'one attempt, no retries scheduled');
    assert.equal(await first.evaluate(() => window.webdesk.connected), true, 'the first viewer is unaffected');
    await Promise.all([first.close(), second.close()]);
  } finally {
    server.child.kill('SIGTERM');
  }
});

test('an error nobody caught shows in the status line', { skip }, async () => {
  const server = await serve('videotestsrc is-live=true ! video/x-raw,width=160,height=120,' +
    'framerate=30/1 ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! ' +
    'video/x-h264,profile=high ! websocketframesink name=sink port=0');
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.webdesk && window.webdesk.connected, null, { timeout: 30000 });
    assert.equal((await page.textContent('#status')).trim(), '');
    // A promise that rejects with nobody awaiting it: before, the page said nothing.
    await page.evaluate(() => { Promise.reject(new Error('lost in a callback')); });
    await page.waitForFunction(() => /something failed \(lost in a callback\)/.test(
      document.getElementById('status').textContent), null, { timeout: 10000 });
    await page.close();
  } finally {
    server.child.kill('SIGTERM');
  }
});
