// SPDX-License-Identifier: LGPL-2.1-or-later
// The real `webdesk` program, end to end, in headless Debian Chromium (playwright-core).
// Its own desktop (waylanddamagesrc's desktop mode with waybar, fuzzel, swaybg and foot), one
// webdesk for the tests in order: the panel's launcher opens a terminal; windows move, raise,
// maximize, minimize and close from their title bars and the panel's window list, X11 ones too;
// the clipboard goes both ways with a GTK application; the desktop follows the page's size and
// pixel ratio; a pointer move over a still desktop costs no frame; typing, the wheel. Then with
// one application (`webdesk -- APP`): the clipboard with weston-terminal, and text beyond the
// keyboard layout with foot.
// What is asserted is what a user sees: the canvas's pixels (our title bars, the panel, text),
// files the typed commands make, the page's clipboard, the frames the page receives. Waits are
// for what the picture shows (webdesk-page.mjs); nothing is timed. A test skips, saying so,
// only when a program it needs is not installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CHROMIUM, DESKTOP, FLAGS, chromium, clickAt, openDesktop, settle, startWebdesk, stopWebdesk,
  toPage, typeCommand, until, waitForChange, waitForPicture, watchSocket,
} from './webdesk-page.mjs';

// The page is the desktop's size at first, so the first picture is already the right one.
const SIZE = { width: 1024, height: 768 };
// A share of pixels that changes when the text shown does (text is thin: the glyphs of a
// column of numbers are a few percent of its pixels).
const SHOWN = 0.005;
// The second terminal opens 32 pixels down and right of the first and is dragged by this.
const DRAG = { x: -150, y: 60 };

/** Why a test cannot run here (a program missing), or false. */
function missing(...programs) {
  for (const p of [CHROMIUM, ...programs]) if (!existsSync(p)) return `${p} is not installed`;
  return false;
}
const desktopSkip = missing('/usr/bin/waybar', '/usr/bin/fuzzel', '/usr/bin/foot',
  '/usr/bin/swaybg');

let browser;
before(async () => {
  if (missing()) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
});
after(async () => {
  if (browser) await browser.close();
});

/** A page of its own (context) at `deviceScaleFactor`, allowed to use the clipboard. */
async function newPage(deviceScaleFactor = 1) {
  const context = await browser.newContext({ viewport: SIZE, deviceScaleFactor });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return context.newPage();
}

// --- the desktop: one webdesk, one page, for the tests in order below ---

/** @type {{server: any, page: any, socket: any, first: any, content: number} | null} */
let desk = null;

/** Starts the desktop and its page once; resolves when its terminal window shows. */
async function theDesktop() {
  if (desk) return desk;
  const started = Date.now();
  const server = await startWebdesk(['--verbose'], 'desktop', SIZE);
  const page = await newPage();
  const socket = watchSocket(page);
  desk = { server, page, socket, first: null, content: 0 };
  await openDesktop(page, server.url);
  const [bar] = await waitForPicture(page, 'the terminal\'s title bar', () => {
    const bars = window.probe.titleBars();
    return bars.length === 1 && bars;
  }, undefined, 30000);
  desk.first = bar;
  desk.content = (await page.evaluate((b) => window.probe.contentBelow(b), bar)).height;
  console.log(`# terminal shown ${Date.now() - started} ms after start: title bar ${JSON.stringify(bar)}, ` +
    `content ${desk.content} px tall`);
  return desk;
}
after(async () => {
  if (desk) {
    await desk.page.context().close();
    await stopWebdesk(desk.server);
  }
});

const titleBars = (page) => page.evaluate(() => window.probe.titleBars());
const panelEntries = (page) => page.evaluate(() => window.probe.panelEntries());
/** The middle of a title bar's button: 0 close, 1 maximize, 2 minimize (frame pixels). */
const button = (bar, index) => ({
  x: bar.x + bar.width - (index + 0.5) * DESKTOP.buttonWidth, y: bar.y + bar.height / 2,
});
/** The second terminal's title bar, once dragged: left of the first one and lower. */
const dragged = (first) => ({ x: first.x + 32 + DRAG.x, y: first.y + 32 + DRAG.y, width: first.width });
/** Waits for the title bars to be `expected` (x, y, width, focused; ±1 pixel). */
function waitForBars(page, what, expected) {
  return waitForPicture(page, what, (want) => {
    const bars = window.probe.titleBars();
    const close = (a, b) => Math.abs(a - b) <= 1;
    return bars.length === want.length && want.every((w, i) => close(bars[i].x, w.x) &&
      close(bars[i].y, w.y) && close(bars[i].width, w.width) &&
      (w.focused === undefined || bars[i].focused === w.focused)) && bars;
  }, expected);
}
/** Drags with the left button from one frame pixel to another, in steps as a hand does. */
async function drag(page, from, to) {
  const a = await toPage(page, from.x, from.y);
  const b = await toPage(page, to.x, to.y);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 12 });
  await page.mouse.up();
}

test('the desktop fills the page: a panel with the launcher, the window list and the clock, and a terminal centred under it', { skip: desktopSkip }, async () => {
  const { page, first, content } = await theDesktop();
  assert.ok(await page.evaluate(() => window.webdesk.connected));
  assert.equal((await page.textContent('#status')).trim(), '', 'no status message once connected');
  assert.deepEqual(await page.evaluate(() => window.probe.size()), SIZE, 'the desktop has the page\'s size');
  const panel = await page.evaluate(() => window.probe.panel());
  console.log(`# panel: ${JSON.stringify(panel)}`);
  assert.ok(panel.spans > 0.98, `the panel spans the page (${panel.spans})`);
  assert.ok(panel.launcher > 50, '"Applications" at the left of the panel');
  assert.ok(panel.clock > 20, 'the clock at the right of the panel');
  const entries = await panelEntries(page);
  assert.equal(entries.length, 3, `launcher, one window, clock: ${JSON.stringify(entries)}`);
  assert.ok(entries[1].active, 'the terminal is the window list\'s active entry');
  // Our title bar (foot asks for one), focused, over the terminal centred below the panel.
  assert.ok(first.focused);
  assert.equal(first.height, DESKTOP.titleHeight);
  assert.ok(Math.abs(first.x + first.width / 2 - SIZE.width / 2) <= 1, 'centred across');
  const above = first.y - DESKTOP.panelHeight;
  const below = SIZE.height - (first.y + first.height + content);
  assert.ok(Math.abs(above - below) <= 1, `centred below the panel (${above} above, ${below} below)`);
});

test('a command typed into the terminal runs on the desktop', { skip: desktopSkip }, async () => {
  const { page, server, first } = await theDesktop();
  await clickAt(page, first.x + first.width / 2, first.y + 200);
  const file = path.join(server.dir, 'typed');
  await typeCommand(page, `touch ${file}`);
  await until(() => existsSync(file), `${file} made by the typed command`);
});

test('the mouse wheel scrolls the terminal back and forth', { skip: desktopSkip }, async () => {
  const { page, first, content } = await theDesktop();
  // The numbers' column: where scrolling changes the text.
  const numbers = { x: first.x, y: first.y + first.height, width: 100, height: content };
  await page.evaluate((r) => window.probe.save('before-seq', r), numbers);
  await typeCommand(page, 'seq 1 300');
  await waitForChange(page, 'before-seq', SHOWN);
  const middle = await toPage(page, first.x + first.width / 2, numbers.y + content / 2);
  await page.mouse.move(middle.x, middle.y);
  await page.evaluate((r) => window.probe.save('bottom', r), numbers);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -100);
  await waitForChange(page, 'bottom', SHOWN);
  const up = await page.evaluate(() => window.probe.changed('bottom'));
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 100);
  await waitForPicture(page, 'the end of the output again', (share) =>
    window.probe.changed('bottom') < share, up / 4);
  console.log(`# share of the numbers' column changed: ${(up * 100).toFixed(2)}% scrolled up`);
});

test('the panel\'s launcher opens a second terminal, cascaded, that takes the keyboard', { skip: desktopSkip }, async () => {
  const { page, server, first } = await theDesktop();
  const [launcher] = await panelEntries(page);
  await page.evaluate(() => window.probe.save('desktop', window.probe.full()));
  await clickAt(page, launcher.x + launcher.width / 2, DESKTOP.panelHeight / 2);
  await waitForChange(page, 'desktop', 0.05, 30000);  // fuzzel's list of applications
  await page.keyboard.type('foot', { delay: 20 });
  await page.keyboard.press('Enter');
  // Two windows: the new one on top, focused, 32 pixels down and right of the first.
  await waitForBars(page, 'a second terminal', [
    { x: first.x, y: first.y, width: first.width, focused: false },
    { x: first.x + 32, y: first.y + 32, width: first.width, focused: true }]);
  const entries = await waitForPicture(page, 'two windows in the window list', () => {
    const e = window.probe.panelEntries();
    return e.length === 4 && e;
  });
  assert.ok(entries[2].active && !entries[1].active, 'the new terminal is the active entry');
  const file = path.join(server.dir, 'second');
  await typeCommand(page, `touch ${file}`);
  await until(() => existsSync(file), `${file} made in the second terminal`);
});

test('dragging a title bar moves the window: its pixels move by the dragged distance', { skip: desktopSkip }, async () => {
  const { page, first, content } = await theDesktop();
  const top = { x: first.x + 32, y: first.y + 32, width: first.width, height: first.height };
  const box = { x: top.x, y: top.y, width: top.width, height: top.height + content };
  await settle(page);
  await page.evaluate((r) => window.probe.save('window', r), box);
  await drag(page, { x: top.x + 100, y: top.y + 15 }, { x: top.x + 100 + DRAG.x, y: top.y + 15 + DRAG.y });
  await waitForBars(page, 'the title bar dragged', [
    { x: first.x, y: first.y, width: first.width, focused: false }, { ...dragged(first), focused: true }]);
  const moved = await page.evaluate(([x, y]) => window.probe.difference('window', x, y),
    [box.x + DRAG.x, box.y + DRAG.y]);
  const stayed = await page.evaluate(([x, y]) => window.probe.difference('window', x, y),
    [box.x, box.y]);
  console.log(`# mean difference from the window before: ${moved.toFixed(2)} where it was dragged to, ` +
    `${stayed.toFixed(2)} where it was`);
  assert.ok(moved < 2, `the window's pixels are where it was dragged (mean difference ${moved})`);
  assert.ok(stayed > 3 * moved + 2, 'and no longer where they were');
});

test('a click on the lower window raises it over the other', { skip: desktopSkip }, async () => {
  const { page, first, content } = await theDesktop();
  const other = dragged(first);
  // A part of the first window that the other does not cover: right of it.
  await clickAt(page, (other.x + other.width + first.x + first.width) / 2, first.y + first.height + content / 2);
  // The first window's content now covers the other's title bar but its left end.
  await waitForBars(page, 'the first window on top', [
    { x: first.x, y: first.y, width: first.width, focused: true },
    { x: other.x, y: other.y, width: first.x - other.x, focused: false }]);
});

test('maximize and restore, with the title bar\'s button and with a double click on the title', { skip: desktopSkip }, async () => {
  const { page, first } = await theDesktop();
  const other = { ...dragged(first), width: first.x - dragged(first).x };  // what shows of it
  const maximized = [{ x: 0, y: DESKTOP.panelHeight, width: SIZE.width, focused: true }];
  const restored = [{ x: first.x, y: first.y, width: first.width, focused: true },
    { ...other, focused: false }];
  let bar = first;
  await clickAt(page, button(bar, 1).x, button(bar, 1).y);
  [bar] = await waitForBars(page, 'maximized by the button', maximized);
  await clickAt(page, button(bar, 1).x, button(bar, 1).y);
  [bar] = await waitForBars(page, 'restored by the button', restored);
  for (const [what, expected] of [['maximized by a double click', maximized],
    ['restored by a double click', restored]]) {
    const p = await toPage(page, bar.x + 120, bar.y + bar.height / 2);
    await page.mouse.dblclick(p.x, p.y);
    [bar] = await waitForBars(page, what, expected);
  }
});

test('a window minimized from the panel\'s window list comes back from it', { skip: desktopSkip }, async () => {
  const { page, first } = await theDesktop();
  const other = dragged(first);
  const entries = await panelEntries(page);
  const active = entries.findIndex((e) => e.active);
  assert.equal(active, 1, 'the first terminal is the active entry');
  const entry = entries[active];
  await clickAt(page, entry.x + entry.width / 2, DESKTOP.panelHeight / 2, { button: 'right' });
  // Gone from the desktop; the other terminal, now whole, has the keyboard.
  await waitForBars(page, 'the first terminal minimized', [{ ...other, focused: true }]);
  // Its entry greyed out; the panel keeps its colours under the pointer.
  await waitForPicture(page, 'its entry greyed out', (i) => window.probe.panelEntries()[i].minimized, active);
  const panel = await page.evaluate(() => window.probe.panel());
  assert.ok(panel.spans > 0.98, `the hovered entry in the panel's colours (${panel.spans})`);
  await clickAt(page, entry.x + entry.width / 2, DESKTOP.panelHeight / 2);
  await waitForBars(page, 'the first terminal back on top', [
    { x: first.x, y: first.y, width: first.width, focused: true },
    { ...other, width: first.x - other.x, focused: false }]);
});

test('a pointer moving over a still desktop sends no frame', { skip: desktopSkip }, async () => {
  const { page, socket, first, content } = await theDesktop();
  // From the wallpaper (away from the panel's entries, which light up under the pointer), and
  // away from the clock's minute (its one frame a minute).
  const start = await toPage(page, 20, SIZE.height - 60);
  await page.mouse.move(start.x, start.y);
  await settle(page);
  for (;;) {
    const second = new Date().getSeconds();
    if (second >= 2 && second < 50) break;
    await page.waitForTimeout(500);
    await settle(page);
  }
  const frames = socket.frames;
  const cursors = socket.cursors;
  // Over the wallpaper, onto the title bar, its resize border, into the terminal and out.
  const route = [{ x: first.x + 200, y: first.y + 15 }, { x: first.x + 200, y: first.y - 3 },
    { x: first.x + first.width - 60, y: first.y + first.height + content / 2 }, { x: SIZE.width - 20, y: SIZE.height - 60 }];
  for (const point of route) {
    const p = await toPage(page, point.x, point.y);
    await page.mouse.move(p.x, p.y, { steps: 10 });
  }
  // The desktop saw the pointer (its cursor changed with what is under it), then a second more.
  await until(() => socket.cursors >= cursors + 2, 'cursor messages for the pointer moves', 10000);
  await page.waitForTimeout(1000);
  console.log(`# ${socket.cursors - cursors} cursor messages, ${socket.frames - frames} frames`);
  assert.equal(socket.frames, frames, 'no frame was sent for the pointer moves');
});

test('the close button of the title bar closes a Wayland window (foot) and an X11 window (xterm)', { skip: desktopSkip || missing('/usr/bin/xterm', '/usr/bin/Xwayland') }, async () => {
  const { page, server, first } = await theDesktop();
  const other = dragged(first);
  // The second terminal, raised by its title bar's uncovered end, then closed.
  await clickAt(page, other.x + 40, other.y + 15);
  let bars = await waitForBars(page, 'the second terminal raised', [
    { x: first.x, y: first.y, width: first.width, focused: false }, { ...other, focused: true }]);
  await clickAt(page, button(bars[1], 0).x, button(bars[1], 0).y);
  await waitForBars(page, 'the second terminal closed', [{ x: first.x, y: first.y, width: first.width, focused: true }]);
  await waitForPicture(page, 'one window in the window list', () => window.probe.panelEntries().length === 3);

  // xterm through Xwayland, started from the terminal; the shell notes when it has ended.
  const ended = path.join(server.dir, 'xterm-ended');
  await clickAt(page, first.x + first.width / 2, first.y + 200);
  await typeCommand(page, `xterm; touch ${ended}`);
  bars = await waitForPicture(page, 'xterm with our title bar', () => {
    const b = window.probe.titleBars();
    return b.length === 2 && b.some((x) => x.focused && x.width > 200) && b;
  }, undefined, 30000);
  const xterm = bars.find((b) => b.focused);
  console.log(`# xterm's title bar: ${JSON.stringify(xterm)}`);
  assert.ok(!existsSync(ended));
  await clickAt(page, button(xterm, 0).x, button(xterm, 0).y);
  await waitForBars(page, 'xterm closed', [{ x: first.x, y: first.y, width: first.width, focused: true }]);
  await until(() => existsSync(ended), 'xterm to have exited');
});

test('the browser\'s clipboard pastes into a GTK application, and text copied there reaches the page\'s clipboard', { skip: desktopSkip || missing('/usr/bin/gtk3-widget-factory') }, async () => {
  const { page, first } = await theDesktop();
  await typeCommand(page, 'gtk3-widget-factory');
  // It takes the keyboard, its first field focused. (Its spinners never stop: no settling.)
  await page.waitForFunction(() => window.probe.panelEntries().length === 4, null,
    { timeout: 30000, polling: 200 });
  // Its top left, where the field is, drawn and still (its spinners are elsewhere).
  const field = { x: 0, y: 2 * DESKTOP.panelHeight, width: 400, height: 100 };
  for (let still = false; !still;) {
    await page.evaluate((r) => window.probe.save('field', r), field);
    await page.waitForTimeout(500);
    still = await page.evaluate(() => window.probe.changed('field') === 0);
  }
  await page.evaluate(() => navigator.clipboard.writeText('from the browser 42'));
  await page.keyboard.press('Control+V');
  // Typed once the paste has landed (GTK reads the clipboard asynchronously).
  await page.waitForFunction(() => window.probe.changed('field') > 0.005, null, { timeout: 20000, polling: 100 });
  await page.keyboard.type(' and gtk');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.waitForFunction(() => window.webdesk.clipboard === 'from the browser 42 and gtk', null,
    { timeout: 20000, polling: 100 });
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'from the browser 42 and gtk',
    null, { timeout: 10000, polling: 100 });
  // Closed from the window list (a middle click); the terminal is back on top.
  const entries = await panelEntries(page);
  const entry = entries[2];
  await clickAt(page, entry.x + entry.width / 2, DESKTOP.panelHeight / 2, { button: 'middle' });
  await waitForBars(page, 'the widget factory closed', [{ x: first.x, y: first.y, width: first.width, focused: true }]);
});

test('after the page is resized the desktop has its size, the panel spans it and the terminal is centred on it', { skip: desktopSkip }, async () => {
  const { page } = await theDesktop();
  const size = { width: 1280, height: 720 };
  await page.setViewportSize(size);
  await waitForPicture(page, 'the new size', (s) => {
    const now = window.probe.size();
    return now.width === s.width && now.height === s.height;
  }, size);
  const panel = await waitForPicture(page, 'the panel across the page', () => {
    const p = window.probe.panel();
    return p.spans > 0.98 && p.clock > 20 && p;
  });
  console.log(`# panel at 1280x720: ${JSON.stringify(panel)}`);
  // The terminal (clicked, maximized, restored, never dragged) is centred on the new size.
  const [bar] = await waitForPicture(page, 'the terminal centred again', (s) => {
    const bars = window.probe.titleBars();
    return bars.length === 1 && Math.abs(bars[0].x + bars[0].width / 2 - s.width / 2) <= 1 && bars;
  }, size);
  assert.ok(bar.y >= DESKTOP.panelHeight, 'below the panel');
});

test('at devicePixelRatio 2 the terminal\'s text is drawn at scale 2: glyphs twice as tall in frame pixels, and sharp', { skip: desktopSkip }, async () => {
  const d = await theDesktop();
  // The text at ratio 1: a line of l's (as tall as a glyph gets without Shift).
  let [bar] = await titleBars(d.page);
  await clickAt(d.page, bar.x + bar.width / 2, bar.y + 200);
  await typeCommand(d.page, 'clear; echo llllllllll webdesk');
  const [one] = await waitForPicture(d.page, 'the line at ratio 1', (b) => {
    const rows = window.probe.textRows({ x: b.x, y: b.y + b.height, width: 200, height: 40 });
    return rows.length === 2 && rows;
  }, bar);
  const sharpOne = await d.page.evaluate(([b, r]) => window.probe.edgeShare({ x: b.x, y: r.y, width: 150, height: r.height }), [bar, one]);

  // The same desktop from a HiDPI page: the desktop follows it (the first page gives way).
  await d.page.context().close();
  d.page = await newPage(2);
  await openDesktop(d.page, d.server.url);
  await waitForPicture(d.page, 'frames of device pixels', (s) => {
    const now = window.probe.size();
    return now.width === s.width && now.height === s.height;
  }, { width: SIZE.width * 2, height: SIZE.height * 2 }, 30000);
  [bar] = await waitForPicture(d.page, 'the terminal at scale 2', () => {
    const b = window.probe.titleBars();
    return b.length === 1 && b;
  });
  assert.equal(bar.height, 2 * DESKTOP.titleHeight, 'our title bar at scale 2');
  const [two] = await waitForPicture(d.page, 'the line at ratio 2', (b) => {
    const rows = window.probe.textRows({ x: b.x, y: b.y + b.height, width: 400, height: 80 });
    return rows.length === 2 && rows;
  }, bar);
  const sharpTwo = await d.page.evaluate(([b, r]) => window.probe.edgeShare({ x: b.x, y: r.y, width: 300, height: r.height }), [bar, two]);
  console.log(`# glyphs ${one.height} px tall at ratio 1, ${two.height} px at ratio 2; edge tones ` +
    `${(sharpOne * 100).toFixed(0)}% and ${(sharpTwo * 100).toFixed(0)}% of their pixels`);
  assert.ok(Math.abs(two.height - 2 * one.height) <= 1, `twice as tall (${one.height} -> ${two.height})`);
  // Enlarged from scale 1 the edge tones would keep their share (or grow, smoothed).
  assert.ok(sharpTwo < 0.85 * sharpOne, 'drawn at scale 2, not enlarged');
});

// --- one application: the clipboard ---

let app;
let appPage;
async function theApplication() {
  if (appPage) return;
  app = await startWebdesk(['--verbose', '--', 'weston-terminal'], 'clipboard', SIZE);
  appPage = await newPage();
  await openDesktop(appPage, app.url);
  // The terminal fills the display; its prompt is lit at the top left.
  await appPage.waitForFunction(() => window.probe.lit({ x: 0, y: 0, width: 300, height: 30 }) > 0.01,
    null, { timeout: 30000, polling: 200 });
  await clickAt(appPage, 300, 300);
}
after(async () => {
  if (appPage) await appPage.context().close();
  await stopWebdesk(app);
});
const appSkip = missing('/usr/bin/weston-terminal');

test('Ctrl+Shift+V pastes the browser clipboard into the application', { skip: appSkip }, async () => {
  await theApplication();
  const page = appPage;
  const file = path.join(app.dir, 'pasted');
  await typeCommand(page, `tee ${file}`);
  await page.evaluate(() => navigator.clipboard.writeText('Pasted from the browser: 42 > 41'));
  await page.keyboard.press('Control+Shift+V');  // the browser's paste, and weston-terminal's
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+D');
  const text = await until(() => existsSync(file) && readFileSync(file, 'utf8').trim(), 'the pasted text');
  assert.equal(text, 'Pasted from the browser: 42 > 41');
});

test('text copied in the application reaches the page clipboard', { skip: appSkip }, async () => {
  await theApplication();
  const page = appPage;
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await settle(page);
  await page.evaluate(() => window.probe.save('before-clear', window.probe.full()));
  await typeCommand(page, 'clear; echo copyme42');
  await waitForChange(page, 'before-clear', 0.0005);
  // After `clear` the word is on the first line, under the title bar weston-terminal draws
  // for its maximized window: a double click selects it, Ctrl+Shift+C copies it.
  const p = await toPage(page, 40, 45);
  await page.mouse.dblclick(p.x, p.y);
  await page.keyboard.press('Control+Shift+C');
  await page.waitForFunction(() => window.webdesk.clipboard === 'copyme42', null,
    { timeout: 20000, polling: 100 });
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'copyme42',
    null, { timeout: 10000, polling: 100 });
});

// Shifted characters sent without their Shift, text that comes without keys (an IME's
// composition, a virtual keyboard: playwright's insertText), and characters the desktop's US
// layout has no key for all arrive as typed. In foot: weston-terminal writes a NUL after every
// non-ASCII character it is given by key (its own bug, whatever the layout).
test('text beyond the keyboard layout reaches the application as typed', { skip: missing('/usr/bin/foot') }, async () => {
  const file = 'typed-text';
  const server = await startWebdesk(['--verbose', '--', 'foot', 'sh', '-c',
    `read -r line; printf '%s' "$line" > ${file}.part && mv ${file}.part ${file}; sleep 600`],
  'text', SIZE);
  const page = await newPage();
  try {
    await openDesktop(page, server.url);
    await clickAt(page, 300, 300);
    await page.keyboard.type('A>b');  // playwright presses no Shift for 'A' and '>'
    await page.keyboard.insertText(' café → 日本');
    await page.keyboard.press('Enter');
    const typed = path.join(server.dir, file);
    const text = await until(() => existsSync(typed) && readFileSync(typed, 'utf8'), 'the typed text');
    assert.equal(text, 'A>b café → 日本');
  } finally {
    await page.context().close();
    await stopWebdesk(server);
  }
});
