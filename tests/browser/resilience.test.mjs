// SPDX-License-Identifier: LGPL-2.1-or-later
// The web client when things go wrong, in headless Debian Chromium (playwright-core) against a
// real pipeline: a server that is full says so and the page stops retrying; an error nobody
// caught still shows. Closes that end the retries are checked against docs/protocol.md's table
// under node. (A stream the browser cannot decode: firefox.test.mjs, since Chromium decodes
// every H.264 profile.) Waits are event-driven; skips only without Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  assertServePipeline, closePersistentChromium, openPersistentChromium, serve, stopServing,
} from './serve-pipeline.mjs';
import { CHROMIUM } from './webdesk-program.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { closeMeaning } = await import(path.join(root, 'web/src/closes.js'));

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

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
before(async () => {
  if (skip) return;
  assertServePipeline();
  context = await openPersistentChromium();
});

after(() => closePersistentChromium(context));

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
    await stopServing(server);
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
    await stopServing(server);
  }
});
