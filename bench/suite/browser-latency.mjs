// SPDX-License-Identifier: LGPL-2.1-or-later
// The browser half of the suite's browser latency: headless Chromium (Debian's, driven by
// playwright-core from tests/browser/node_modules) opens the web client that the suite's
// websocketframesink serves at argv[2]. Once the page is connected and has a clock offset
// (ping/pong), this prints "ready"; from then on it notes, for every decoded frame, the frame's
// capture time and when it was decoded, both on the server's clock. It prints "first-picture"
// once the first frame is drawn. When stdin says "done" and the page has decoded what it was
// sent (nothing new for a second), it prints one JSON line
// {frames: [[capture_us, latency_ms], ...], codec, decodes444, ...} and exits. Errors are
// printed as {"error": "..."}.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tests/browser/package.json'));
const { chromium } = require('playwright-core');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main() {
  const url = process.argv[2];
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-bench-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: FLAGS,
    viewport: { width: 1920, height: 1080 },
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => {
      const w = /** @type {any} */ (window).webdesk;
      return w && w.connected && !Number.isNaN(w.stats.clockOffsetUs);
    }, null, { timeout: 30000, polling: 50 });
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      const stats = w.webdesk.stats;
      w.benchDecoded = [];
      const decoded = stats.decoded.bind(stats);
      // Capture time and decode time (page clock); the offset is applied at the end, with the
      // best ping/pong sample of the whole run.
      stats.decoded = (captureTimeUs) => {
        w.benchDecoded.push([captureTimeUs, performance.now() * 1000]);
        decoded(captureTimeUs);
      };
    });
    process.stdout.write('ready\n');
    // The first picture (a keyframe of the whole page; the decoder starts on it).
    await page.waitForFunction(() => /** @type {any} */ (window).webdesk.framesDrawn >= 1, null,
      { timeout: 60000, polling: 20 });
    process.stdout.write('first-picture\n');
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) if (line.trim() === 'done') break;
    // Until the page has decoded everything that was sent: nothing new for a second.
    let count = -1;
    for (let waited = 0; waited < 30000; waited += 1000) {
      const now = await page.evaluate(() => /** @type {any} */ (window).benchDecoded.length);
      if (now === count) break;
      count = now;
      await new Promise((resolve) => { setTimeout(resolve, 1000); });
    }
    const result = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      const offset = w.webdesk.stats.clockOffsetUs;
      return {
        frames: w.benchDecoded.map(([capture, at]) => [capture, (at + offset - capture) / 1000]),
        codec: w.webdesk.codec, decodes444: w.webdesk.decodes444,
        framesDrawn: w.webdesk.framesDrawn, keyframeRequests: w.webdesk.keyframeRequests,
        bestRttUs: w.webdesk.stats.bestRttUs, agent: navigator.userAgent,
      };
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  process.stdout.write(`${JSON.stringify({ error: String(e && e.message ? e.message : e) })}\n`);
  process.exit(1);
});
