// SPDX-License-Identifier: LGPL-2.1-or-later
// A newcomer's run, by hand (not part of `meson test`): starts the program the way the README
// says (no options, in a terminal), opens the URL it prints in headless Chromium at 1280x800,
// and saves a screenshot of the page (by default webdesk-newcomer.png in the temporary folder). Prints what a newcomer would see: the program's terminal
// output, how long until the page shows the desktop, whether a click on the terminal gives it
// the keyboard, and the page's status line.
//   node tests/tools/newcomer.mjs BUILD_DIR [OUTPUT.png]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../browser/package.json'));
const { chromium } = require('playwright-core');
const build = path.resolve(process.argv[2] || 'build');
const output = process.argv[3] || path.join(os.tmpdir(), 'webdesk-newcomer.png');

// `script` gives the program a terminal, as when a person runs it, so its status line shows.
const dir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-newcomer-'));
const started = Date.now();
const env = { ...process.env };
delete env.XDG_RUNTIME_DIR;
delete env.WAYLAND_DISPLAY;
const child = spawn('script', ['-q', '-e', '-c', path.join(build, 'tools/webdesk'), '/dev/null'],
  { env, cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
let text = '';
child.stdout.on('data', (d) => { text += String(d); });
child.stderr.on('data', (d) => { text += String(d); });
const url = await new Promise((resolve, reject) => {
  const poll = setInterval(() => {
    const m = /webdesk: open (http\S+)/.exec(text);
    if (m) { clearInterval(poll); resolve(m[1]); }
  }, 50);
  child.on('exit', () => reject(new Error(`webdesk exited:\n${text}`)));
});
const printed = Date.now() - started;

const profile = mkdtempSync(path.join(os.tmpdir(), 'webdesk-newcomer-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await context.newPage();
// Counts the frames that arrive, to compare with those drawn (a decoder that holds the last
// frame back leaves the screen one update behind).
await page.addInitScript(() => {
  const w = /** @type {any} */ (window);
  w.framesReceived = 0;
  const Native = WebSocket;
  w.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => { if (typeof e.data !== 'string') w.framesReceived++; });
    }
  };
});
const opened = Date.now();
await page.goto(url);
const lit = () => page.evaluate(() => {
  const c = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
  if (!window.webdesk || !window.webdesk.framesDrawn) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
  return sum / (d.length / 4) / 3;
});
let firstFrame = -1;
for (;;) {
  const drawn = await page.evaluate(() => (window.webdesk ? window.webdesk.framesDrawn : 0));
  if (drawn && firstFrame < 0) firstFrame = Date.now() - opened;
  if ((await lit()) > 10) {
    if (firstFrame < 0) firstFrame = Date.now() - opened;
    break;
  }
  if (Date.now() - opened > 60000) throw new Error('the page stayed black for a minute');
  await page.waitForTimeout(100);
}
const desktopShown = Date.now() - opened;
// Until the desktop has drawn it all (the shell's prompt too): no new frame for a second.
async function settled() {
  for (let last = -1, since = Date.now(); Date.now() - since < 1000; await page.waitForTimeout(100)) {
    const drawn = await page.evaluate(() => window.webdesk.framesDrawn);
    if (drawn !== last) { last = drawn; since = Date.now(); }
  }
}
await page.waitForTimeout(1000);
await settled();
const status = await page.textContent('#status');
const canvas = await page.evaluate(() => {
  const c = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
  return `${c.width}x${c.height}`;
});

// Click into the middle of the screen (the terminal) and type: the text shows up.
const before = await lit();
await page.mouse.click(640, 420);
await page.keyboard.type('echo hello from the browser', { delay: 20 });
await page.keyboard.press('Enter');
await settled();
const after = await lit();
const frames = await page.evaluate(() => `${window.framesReceived} received, ${window.webdesk.framesDrawn} drawn`);
await page.screenshot({ path: output });
const statusAfter = await page.textContent('#status');

await context.close();
child.stdin.write('\x03');  // Ctrl-C, as a person would
await new Promise((resolve) => {
  child.on('exit', resolve);
  setTimeout(() => { child.kill('SIGINT'); }, 3000);
});
rmSync(profile, { recursive: true, force: true });
rmSync(dir, { recursive: true, force: true });

console.log(`URL printed ${printed} ms after start: ${url}`);
console.log(`page: first frame ${firstFrame} ms, desktop (not black) ${desktopShown} ms after opening`);
console.log(`canvas ${canvas}; status line '${status}' then '${statusAfter}'`);
console.log(`mean level before typing ${before.toFixed(1)}, after ${after.toFixed(1)}; frames ${frames}`);
console.log(`screenshot: ${output}`);
console.log('--- the program\'s terminal output (status line rewrites shown as separate lines) ---');
console.log(text.replace(/\r(?!\n)/g, '\n').split('\n').filter((l) => l.trim()).join('\n'));
console.log(`socket folder left behind: ${existsSync(path.join('/tmp', `webdesk-runtime-${process.getuid()}`))}`);
