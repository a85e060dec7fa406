// SPDX-License-Identifier: LGPL-2.1-or-later
// The web client in Debian's Firefox ESR, headless, driven over WebDriver BiDi (the W3C
// protocol Firefox speaks itself; playwright-core only drives its own patched Firefox). Firefox
// decodes H.264 4:2:0 only: not 4:4:4, not High 10. A stream it cannot decode (here a real
// High 10 stream from x264, labelled High so the sink takes it) used to give a black page with
// no word, and keyframe requests that cost every viewer an IDR a second, for ever; now the page
// says so and stops asking. Skips (and says so) only when firefox-esr is not installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { assertServePipeline, serve, stopServing } from './serve-pipeline.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { MAX_DECODE_FAILURES } = await import(path.join(root, 'web/src/decoder.js'));

const FIREFOX = '/usr/bin/firefox-esr';
const skip = !existsSync(FIREFOX) ? `${FIREFOX} is not installed`
  : typeof WebSocket === 'undefined' ? 'this node has no WebSocket client (node 22, or --experimental-websocket)'
  : false;

/** Headless Firefox with a fresh profile and a WebDriver BiDi session: navigate, evaluate. */
class Firefox {
  static async start() {
    const firefox = new Firefox();
    firefox.profile = mkdtempSync(path.join(os.tmpdir(), 'webdesk-firefox-'));
    firefox.child = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', firefox.profile,
      '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const endpoint = await new Promise((resolve, reject) => {
      createInterface({ input: firefox.child.stderr }).on('line', (line) => {
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
        if (m) resolve(m[1]);
      });
      firefox.child.on('exit', (code) => reject(new Error(`firefox-esr exited with ${code}`)));
    });
    firefox.socket = new WebSocket(`${endpoint}/session`);
    firefox.replies = new Map();
    firefox.nextId = 0;
    firefox.socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      const done = firefox.replies.get(m.id);
      if (!done) return;
      firefox.replies.delete(m.id);
      done(m);
    };
    await new Promise((resolve, reject) => {
      firefox.socket.onopen = resolve;
      firefox.socket.onerror = () => reject(new Error('no BiDi connection'));
    });
    await firefox.send('session.new', { capabilities: {} });
    firefox.context = (await firefox.send('browsingContext.getTree', {})).contexts[0].context;
    return firefox;
  }

  send(method, params) {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.replies.set(id, (m) => (m.type === 'success' ? resolve(m.result) : reject(new Error(`${method}: ${m.error} ${m.message}`))));
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  navigate(url) {
    return this.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  /** The value of a JavaScript expression in the page (JSON-able). */
  async evaluate(expression) {
    const r = await this.send('script.evaluate', {
      expression: `JSON.stringify(${expression})`, target: { context: this.context }, awaitPromise: true,
    });
    return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
  }

  /** Polls `expression` in the page until it is truthy; returns its value. */
  async waitFor(expression, what, timeout = 30000) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(expression);
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop() {
    try {
      await this.send('browser.close', {});
    } catch {
      // already going
    }
    await new Promise((r) => { this.child.once('exit', r); setTimeout(r, 5000); });
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    rmSync(this.profile, { recursive: true, force: true });
  }
}

function keyframeRequestsUpstream(server) {
  return server.events.filter((e) => e.event === 'upstream' && /GstForceKeyUnit/.test(e.structure)).length;
}

let firefox;
before(async () => {
  if (skip) return;
  assertServePipeline();
  firefox = await Firefox.start();
});

after(async () => {
  if (firefox) await firefox.stop();
});

test('a stream this browser cannot decode gives a message, and the page stops asking for keyframes', { skip }, async () => {
  const server = await serve('videotestsrc is-live=true pattern=smpte ! ' +
    'video/x-raw,format=I420_10LE,width=320,height=240,framerate=30/1 ! ' +
    'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000 ! ' +
    'video/x-h264,stream-format=byte-stream,alignment=au,profile=high-10 ! ' +
    'capssetter caps="video/x-h264,profile=(string)high" ! websocketframesink name=sink port=0');
  try {
    await firefox.navigate(server.url);
    const status = await firefox.waitFor(
      'window.webdesk && window.webdesk.problem && document.getElementById("status").textContent',
      'the page to give up');
    console.log(`# ${status}`);
    assert.match(status, /cannot decode the stream \(avc1\.6E/i);
    assert.match(status, /Try Chromium/);
    const requests = await firefox.evaluate('window.webdesk.keyframeRequests');
    assert.ok(requests < MAX_DECODE_FAILURES, `${requests} keyframe requests`);
    // Two more seconds of stream, received and acknowledged undecoded: no more requests from
    // the page, and at most the one in flight when it gave up reaches the encoder.
    const upstream = keyframeRequestsUpstream(server);
    const bytes = await firefox.evaluate('window.webdesk.stats.bytes');
    await firefox.waitFor(`window.webdesk.stats.bytes > ${bytes}`, 'more frames');
    const since = await firefox.evaluate('performance.now()');
    await firefox.waitFor(`performance.now() - ${since} > 2000`, 'two seconds');
    assert.equal(await firefox.evaluate('window.webdesk.keyframeRequests'), requests);
    const later = keyframeRequestsUpstream(server);
    console.log(`# keyframe requests upstream: ${upstream} when the page gave up, ${later} two seconds later`);
    assert.ok(later <= upstream + 1, `${later - upstream} more keyframes asked for`);
    assert.ok(await firefox.evaluate('window.webdesk.connected'), 'still connected');
  } finally {
    await stopServing(server);
  }
});
