// SPDX-License-Identifier: LGPL-2.1-or-later
// What a still desktop costs: `webdesk` with no application (the panel's clock updated each
// minute, a terminal, nothing else moving) in headless Chromium, at devicePixelRatio 1 and 2
// side by side; for each, the frames and bytes the page's WebSocket receives over whole minutes
// once the desktop has settled. Not a test (it takes minutes); run it by hand:
//   node bench/desktop-idle.mjs [BUILD_DIR] [--minutes N] [--ratios 1,2] [--size 1280x800]
// Prints one markdown table row per ratio, and the machine's load while it ran.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CHROMIUM, FLAGS, chromium, openDesktop, settle, startWebdesk, stopWebdesk, waitForPicture,
  watchSocket,
} from '../tests/browser/webdesk-page.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    minutes: { type: 'string', default: '3' },
    ratios: { type: 'string', default: '1,2' },
    size: { type: 'string', default: '1280x800' },
  },
});
const build = path.resolve(positionals[0] || 'build');
const minutes = Number(values.minutes);
const [width, height] = values.size.split('x').map(Number);

/** One ratio: frames and bytes over `minutes` of a still desktop, grouped into bursts. */
async function measure(browser, ratio) {
  const server = await startWebdesk(['--verbose'], 'idle', undefined, undefined,
    path.join(build, 'tools/webdesk'));
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: ratio });
  try {
    const page = await context.newPage();
    /** @type {{at: number, bytes: number}[] | null} the frames that arrived, once measuring */
    let arrivals = null;
    const socket = watchSocket(page, (bytes) => { if (arrivals) arrivals.push({ at: Date.now(), bytes }); });
    await openDesktop(page, server.url);
    await waitForPicture(page, 'the terminal', (s) => {
      const now = window.probe.size();
      return now.width === s.width && now.height === s.height && window.probe.titleBars().length === 1;
    }, { width: width * ratio, height: height * ratio }, 60000);
    await settle(page);
    const start = { ...socket };
    arrivals = [];
    await page.waitForTimeout(minutes * 60000);
    // Bursts: frames less than a second apart (a change, then its refinement frames).
    const times = arrivals.map((f) => f.at);
    const bursts = times.filter((t, i) => i === 0 || t - times[i - 1] > 1000).length;
    return {
      frameList: arrivals.map((f) => `${new Date(f.at).toISOString().slice(11, 23)} ${f.bytes} B`),
      ratio, frames: socket.frames - start.frames, bytes: socket.bytes - start.bytes, bursts,
      control: socket.controlBytes - start.controlBytes,
      size: `${width * ratio}x${height * ratio}`,
    };
  } finally {
    await context.close();
    await stopWebdesk(server);
  }
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
const load = [];
const loadTimer = setInterval(() => load.push(os.loadavg()[0]), 10000);
try {
  const rows = [];
  for (const ratio of values.ratios.split(',').map(Number)) rows.push(await measure(browser, ratio));
  console.log(`\nA still desktop (clock, terminal), ${minutes} min per row, ${os.cpus().length} cores, ` +
    `load average ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)} while measuring\n`);
  console.log('| page (device pixels) | ratio | frames | bursts | frames/burst | frame bytes | ' +
    'frame bytes/minute | control bytes/minute |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.size} | ${r.ratio} | ${r.frames} | ${r.bursts} | ` +
      `${r.bursts ? (r.frames / r.bursts).toFixed(1) : '-'} | ${r.bytes} | ` +
      `${Math.round(r.bytes / minutes)} | ${Math.round(r.control / minutes)} |`);
  }
  for (const r of rows) console.log(`\nratio ${r.ratio}, each frame: ${r.frameList.join(', ')}`);
  console.log('\n(bursts: frames less than a second apart, a change and its refinement; control: ' +
    'the JSON messages, pongs to the page\'s pings among them; WebSocket headers not counted)');
} finally {
  clearInterval(loadTimer);
  await browser.close();
}
