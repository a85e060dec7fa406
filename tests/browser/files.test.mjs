// SPDX-License-Identifier: LGPL-2.1-or-later
// Files both ways through the real `webdesk` program, in headless Debian Chromium
// (playwright-core):
// - a 20 MB file picked in the page's files panel lands in the session's folder intact (same
//   SHA-256), in chunks with progress shown, and resumes when a chunk's connection is cut;
// - the same name again lands beside it as "name (1)", the first one untouched;
// - a file an application writes into the folder while the page watches is announced in the
//   page, and its Download link gives it intact.
// (The refusals, traversal names, links, huge and empty files, are tested against the server
// itself in tests/soup/file_routes_test.cpp.) Skips (and says so) only without Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_FLAGS, privateDir, startWebdesk, stopWebdesk, until,
} from './webdesk-program.mjs';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let context;
let userDataDir;
let server;
let page;
let folder;
before(async () => {
  if (skip) return;
  userDataDir = privateDir('chromium');
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, acceptDownloads: true,
  });
  // The application writes `written.bin` into the folder when the test makes `write` (then
  // waits as itself: exec, so that stopping the application stops the wait too).
  server = await startWebdesk(['--files', 'shared', '--', 'sh', '-c',
    'while [ ! -e write ]; do sleep 0.1; done; head -c 3000000 /dev/urandom > shared/written.bin; ' +
    'exec sleep 600'], 'files');
  folder = path.join(server.dir, 'shared');
  page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.webdesk && window.webdesk.files.available &&
    window.webdesk.files.canUpload, null, { timeout: 30000 });
});

after(async () => {
  if (page) await page.close();
  await stopWebdesk(server);
  if (context) await context.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Picks files in the panel's file chooser; resolves with the upload states once all are done. */
async function uploadThroughThePage(files) {
  await page.click('#files-toggle');
  const before = await page.evaluate(() => window.webdesk.files.uploads.length);
  await page.setInputFiles('#files input[type=file]', files);
  await page.waitForFunction((n) => {
    const uploads = window.webdesk.files.uploads.slice(n);
    return uploads.length > 0 && uploads.every((u) => u.state !== 'uploading');
  }, before, { timeout: 120000, polling: 200 });
  await page.click('#files-toggle');
  return page.evaluate((n) => window.webdesk.files.uploads.slice(n), before);
}

test('a 20 MB upload lands intact, resuming after a chunk\'s connection is cut', { skip }, async () => {
  const source = path.join(userDataDir, 'big-upload.bin');
  const bytes = randomBytes(20 * 1000 * 1000);
  writeFileSync(source, bytes);
  // Cut the connection of the chunk at 5 MiB once, the way a network drop does.
  let cut = 0;
  let chunks = 0;
  await page.route(/\/uploads\/[^?]+\?offset=/, async (route) => {
    chunks++;
    if (!cut && new URL(route.request().url()).searchParams.get('offset') === String(5 << 20)) {
      cut++;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  const started = Date.now();
  const [upload] = await uploadThroughThePage([source]);
  await page.unroute(/\/uploads\//);
  console.log(`# 20 MB uploaded in ${Date.now() - started} ms, ${chunks} chunk requests, ${cut} cut`);
  assert.equal(upload.state, 'done', upload.error);
  assert.equal(upload.placed, 'big-upload.bin');
  assert.equal(upload.sent, bytes.length, 'the progress reached the whole file');
  assert.equal(cut, 1, 'one chunk was cut and sent again');
  assert.equal(sha256(readFileSync(path.join(folder, 'big-upload.bin'))), sha256(bytes));
});

test('the same name again lands beside the first, which stays as it was', { skip }, async () => {
  const source = path.join(userDataDir, 'notes.txt');
  writeFileSync(source, 'first');
  const [first] = await uploadThroughThePage([source]);
  writeFileSync(source, 'second');
  const [second] = await uploadThroughThePage([source]);
  assert.equal(first.placed, 'notes.txt');
  assert.equal(second.placed, 'notes (1).txt');
  assert.equal(readFileSync(path.join(folder, 'notes.txt'), 'utf8'), 'first');
  assert.equal(readFileSync(path.join(folder, 'notes (1).txt'), 'utf8'), 'second');
  // The panel lists both.
  await page.click('#files-toggle');
  await page.waitForFunction(() => window.webdesk.files.files.some((f) => f.name === 'notes (1).txt'),
    null, { timeout: 10000 });
  await page.click('#files-toggle');
});

test('a file dropped on the page uploads', { skip }, async () => {
  const before = await page.evaluate(() => window.webdesk.files.uploads.length);
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped on the canvas\n'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await page.dispatchEvent('#screen', 'dragover', { dataTransfer });
  await page.dispatchEvent('#screen', 'drop', { dataTransfer });
  await page.waitForFunction((n) => window.webdesk.files.uploads.length > n &&
    window.webdesk.files.uploads[n].state !== 'uploading', before, { timeout: 30000 });
  const upload = await page.evaluate((n) => window.webdesk.files.uploads[n], before);
  assert.equal(upload.state, 'done', upload.error);
  assert.equal(readFileSync(path.join(folder, 'dropped.txt'), 'utf8'), 'dropped on the canvas\n');
  await page.click('#files-toggle');  // the drop opened the panel
});

test('a file an application writes is announced, and downloads intact', { skip }, async () => {
  writeFileSync(path.join(server.dir, 'write'), '');
  const written = path.join(folder, 'written.bin');
  await until(() => existsSync(written) && readFileSync(written).length === 3000000, 'the application\'s file');
  await page.waitForFunction(() => window.webdesk.files.notices.some((n) => n.name === 'written.bin'),
    null, { timeout: 20000 });
  assert.match(await page.textContent('#notice'), /written\.bin/);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20000 }),
    page.click('#notice a'),
  ]);
  assert.equal(download.suggestedFilename(), 'written.bin');
  const saved = await download.path();
  assert.equal(sha256(readFileSync(saved)), sha256(readFileSync(written)));
});
