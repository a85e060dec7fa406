// SPDX-License-Identifier: LGPL-2.1-or-later
// What the browser tests against a pipeline (build/tests/browser/serve-pipeline) share: starting
// it with a description and reading its JSON lines, stopping it, and a persistent headless
// Chromium context in a fresh profile (e2e, resilience, final-picture; viewers and cursor launch
// a browser of their own, firefox drives Firefox).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './webdesk-program.mjs';

const build = process.env.WEBDESK_BUILD_ROOT;
export const servePipeline = build && path.join(build, 'tests/browser/serve-pipeline');

/** Fails (in a test's `before`) when not run through meson test, which builds serve-pipeline. */
export function assertServePipeline() {
  assert.ok(servePipeline && existsSync(servePipeline), 'run through meson test (serve-pipeline)');
}

/**
 * @typedef {{url: string, port: number, child: import('node:child_process').ChildProcess,
 *   dir: string, events: any[], output: string[]}} Served
 */

/**
 * Starts serve-pipeline in its own XDG_RUNTIME_DIR (removed by stopServing); resolves once the
 * sink listens. Its JSON lines go to `events`, anything else (an application's output) to
 * `output`. Rejects on an `error` event or when it exits first.
 * @param {string} description  a gst-launch description with a websocketframesink named sink
 * @returns {Promise<Served>}
 */
export function serve(description) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-serve-'));
  const child = spawn(servePipeline, [description], {
    stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, XDG_RUNTIME_DIR: dir },
  });
  /** @type {Served} */
  const server = { url: '', port: 0, child, dir, events: [], output: [] };
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      let event;
      try {
        event = JSON.parse(line);
      } catch {
        server.output.push(line);
        return;
      }
      server.events.push(event);
      if (event.event === 'listening') {
        server.url = event.url;
        server.port = Number(new URL(event.url).port);
        resolve(server);
      }
      if (event.event === 'error') reject(new Error(event.message));
    });
    child.on('exit', (code) => reject(new Error(`serve-pipeline exited with ${code}`)));
  });
}

/**
 * Stops serve-pipeline (SIGTERM), waits up to 5 s for it to exit, and removes its runtime
 * folder. Does nothing more for one already stopped; `server` may be undefined.
 * @param {Served | undefined} server
 */
export async function stopServing(server) {
  if (!server) return;
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    let timer;
    const ended = new Promise((resolve) => {
      child.once('exit', resolve);
      timer = setTimeout(resolve, 5000);
    });
    child.kill('SIGTERM');
    await ended;
    clearTimeout(timer);
  }
  rmSync(server.dir, { recursive: true, force: true });
}

/** @type {WeakMap<import('playwright-core').BrowserContext, string>} */
const profiles = new WeakMap();

/**
 * Headless Debian Chromium with a fresh profile folder, as a persistent context; close it with
 * closePersistentChromium (which removes the folder).
 * @param {object} [options]  more launchPersistentContext options (deviceScaleFactor)
 */
export async function openPersistentChromium(options = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'webdesk-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, ...options,
    });
    profiles.set(context, profile);
    return context;
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

/** @param {import('playwright-core').BrowserContext | undefined} context */
export async function closePersistentChromium(context) {
  if (!context) return;
  await context.close();
  const profile = profiles.get(context);
  if (profile) rmSync(profile, { recursive: true, force: true });
}
