// SPDX-License-Identifier: LGPL-2.1-or-later
// The real `webdesk` program (build/tools/webdesk) for the browser tests: started in a private
// home and runtime folder, stopped as Ctrl-C does, and a poll for what it does on the desktop's
// side (files it makes).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';

const build = process.env.WEBDESK_BUILD_ROOT;
export const webdeskProgram = build && path.join(build, 'tools/webdesk');

/** A private folder (lower case only: tests type its path) with a runtime folder inside. */
export function privateDir(label) {
  const dir = path.join(os.tmpdir(), `webdesk-${label}-${Math.random().toString(36).slice(2, 10)}`);
  mkdirSync(dir, { mode: 0o700 });
  mkdirSync(path.join(dir, 'run'), { mode: 0o700 });
  return dir;
}

/**
 * Starts the real program on a free port, its home and runtime folder in a private folder;
 * resolves once it prints its URL.
 * @param {string[]} args
 * @param {string} label
 * @returns {Promise<{url: string, child: import('node:child_process').ChildProcess, dir: string,
 *   output: string[]}>}
 */
export function startWebdesk(args, label) {
  assert.ok(webdeskProgram && existsSync(webdeskProgram), 'run through meson test (tools/webdesk)');
  const dir = privateDir(label);
  const child = spawn(webdeskProgram, ['--listen', '127.0.0.1:0', ...args], {
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

/** Stops the program as Ctrl-C does and waits for it to end. */
export async function stopWebdesk(server) {
  if (!server) return;
  const ended = new Promise((resolve) => server.child.once('exit', resolve));
  if (server.child.exitCode === null) server.child.kill('SIGINT');
  await Promise.race([ended, new Promise((r) => setTimeout(r, 10000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(server.dir, { recursive: true, force: true });
}

/** Polls (the desktop's side: the file system) until `check` (may be async) holds; returns its value. */
export async function until(check, what, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
