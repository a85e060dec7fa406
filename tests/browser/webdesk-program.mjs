// SPDX-License-Identifier: LGPL-2.1-or-later
// What the browser tests of the real `webdesk` program share (desktop.test.mjs, apps.test.mjs,
// sound and files; webdesk-page.mjs builds on it): starting and stopping it in a private folder,
// waiting for what it does on disk, and frame pixels to mouse coordinates on its page.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
// Headless Chromium for the page (the viewer), not the application under test.
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];
const build = process.env.WEBDESK_BUILD_ROOT;
export const webdeskProgram = build && path.join(build, 'tools/webdesk');

/** A private folder with a run/ folder in it; lower case only (typed commands stay unshifted). */
export function privateDir(label) {
  const dir = path.join(os.tmpdir(), `webdesk-${label}-${Math.random().toString(36).slice(2, 10)}`);
  mkdirSync(dir, { mode: 0o700 });
  mkdirSync(path.join(dir, 'run'), { mode: 0o700 });
  return dir;
}

/**
 * Starts the real program in a private folder (its HOME and working directory); resolves once
 * it prints its URL.
 * @param {string[]} args
 * @param {string} label
 * @param {{width: number, height: number}} [size]  the desktop's size (--size; default its own)
 * @param {string} [dir]  the private folder (privateDir()), made here when not given
 * @param {string} [program]  the program (default: tools/webdesk in WEBDESK_BUILD_ROOT, as meson
 *   test runs it; scripts run by hand pass their build's)
 * @returns {Promise<{url: string, child: import('node:child_process').ChildProcess, dir: string,
 *   output: string[]}>}
 */
export function startWebdesk(args, label, size, dir = privateDir(label), program = webdeskProgram) {
  assert.ok(program && existsSync(program), `${program}: run through meson test (tools/webdesk)`);
  const sizeArgs = size ? ['--size', `${size.width}x${size.height}`] : [];
  const child = spawn(program, ['--listen', '127.0.0.1:0', ...sizeArgs, ...args], {
    env: {
      ...process.env, HOME: dir, XDG_RUNTIME_DIR: path.join(dir, 'run'), SHELL: '/bin/sh',
      PS1: '$ ', WAYLAND_DISPLAY: '', DISPLAY: '', PULSE_SERVER: '',
    },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  child.stderr.on('data', (d) => output.push(String(d)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const url = /^webdesk: open (http\S+)/.exec(line);
      if (url) resolve({ url: url[1], child, dir, output });
    });
    child.on('exit', (code) => reject(new Error(`webdesk exited with ${code}:\n${output.join('\n')}`)));
  });
}

/** Stops the program as Ctrl-C does, waits for it to end, and removes its folder. */
export async function stopWebdesk(server) {
  if (!server) return;
  const ended = new Promise((resolve) => server.child.once('exit', resolve));
  if (server.child.exitCode === null) server.child.kill('SIGINT');
  await Promise.race([ended, new Promise((r) => setTimeout(r, 10000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(server.dir, { recursive: true, force: true });
}

/** Polls (the desktop's side: files, a server's log) until `check` (may be async) holds; returns its value. */
export async function until(check, what, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Frame pixels -> page coordinates for the mouse. */
export async function toPage(page, x, y) {
  const box = await page.locator('#screen').boundingBox();
  const size = await page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    return { width: c.width, height: c.height };
  });
  // The middle of the frame pixel.
  return {
    x: box.x + ((x + 0.5) * box.width) / size.width, y: box.y + ((y + 0.5) * box.height) / size.height,
  };
}

export async function clickAt(page, x, y, options = {}) {
  const p = await toPage(page, x, y);
  await page.mouse.click(p.x, p.y, options);
}
