// SPDX-License-Identifier: LGPL-2.1-or-later
// The default desktop's picture for the docs (by hand, not part of `meson test`): starts
// `webdesk` with no application, opens it in headless Chromium at 1280x800 and
// devicePixelRatio 2, opens a GTK application (gtk3-widget-factory) from the terminal, brings
// the terminal back in front of it with the panel's window list and drags it down and right so
// that the two overlap, and saves the frame the page shows (2560x1600 device pixels, without
// the page's own buttons) as docs/img/desktop.png.
//   node tests/tools/desktop-screenshot.mjs BUILD_DIR [OUTPUT.png]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM, DESKTOP, FLAGS, chromium, clickAt, openDesktop, startWebdesk, stopWebdesk, toPage,
  waitForPicture,
} from '../browser/webdesk-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const build = path.resolve(process.argv[2] || 'build');
const output = process.argv[3] || path.join(here, '../../docs/img/desktop.png');
const SCALE = 2;

const server = await startWebdesk(['--verbose'], 'screenshot', undefined, undefined,
    path.join(build, 'tools/webdesk'));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: SCALE });
  const page = await context.newPage();
  await openDesktop(page, server.url);
  const [terminal] = await waitForPicture(page, 'the terminal', (size) => {
    const s = window.probe.size();
    const bars = window.probe.titleBars();
    return s.width === size.width && s.height === size.height && bars.length === 1 && bars;
  }, { width: 1280 * SCALE, height: 800 * SCALE }, 30000);
  await clickAt(page, terminal.x + terminal.width / 2, terminal.y + 200 * SCALE);
  const type = async (line) => {
    await page.keyboard.insertText(line);
    await page.keyboard.press('Enter');
  };
  await type('gtk3-widget-factory &');
  // Its window, over the terminal, in the window list: launcher, foot, the factory, clock.
  const entries = await page.waitForFunction(() => {
    const e = window.probe.panelEntries();
    return e.length === 4 && e;
  }, null, { timeout: 30000, polling: 200 }).then((h) => h.jsonValue());
  await page.waitForTimeout(2000);  // its first pictures (its spinners never settle)
  // The terminal in front again, from the window list, then down and right of the factory.
  await clickAt(page, entries[1].x + entries[1].width / 2, DESKTOP.panelHeight * SCALE / 2);
  await page.waitForFunction((t) => window.probe.titleBars().some((b) => b.focused &&
    Math.abs(b.x - t.x) <= 1 && Math.abs(b.y - t.y) <= 1), terminal, { timeout: 10000, polling: 100 });
  const from = await toPage(page, terminal.x + 150 * SCALE, terminal.y + 15 * SCALE);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 240, from.y + 110, { steps: 12 });
  await page.mouse.up();
  await type('clear; ls /usr/share/applications | column -c 90 | head -24');
  await page.waitForTimeout(2000);
  const png = await page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    return canvas.toDataURL('image/png').split(',')[1];
  });
  writeFileSync(output, Buffer.from(png, 'base64'));
  console.log(`saved ${output}: the canvas, ${await page.evaluate(() => JSON.stringify(window.probe.size()))}`);
} finally {
  await browser.close();
  await stopWebdesk(server);
}
