// SPDX-License-Identifier: LGPL-2.1-or-later
// Real desktop applications in `webdesk -- APP`, driven from the page in headless Debian
// Chromium (one browser for the whole file) as a user would, each checked by what the user
// would notice: text copied through a GTK context menu reaching the page's clipboard, a browser
// inside loading a page this test serves with its own toolbars above it (a block of one colour
// that starts below the tab strip and the address bar and fills the rest), a document saved with
// Ctrl+S through LibreOffice's dialog, commands typed into Qt 5, Wayland and X11 terminals that
// write files, and terminals that fill the page and follow its size.
// Heavy applications get fresh profiles in the program's private folder. Each test skips, and
// says so, when its application is not installed (tools/install-deps.sh installs them all).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_FLAGS, clickAt, privateDir, startWebdesk, stopWebdesk, until,
} from './webdesk-program.mjs';

const SIZE = { width: 1280, height: 800 };
// Applications start slowly on a loaded 2-core machine (LibreOffice and the browsers most).
const STARTUP_MS = 90000;

/** Why a test cannot run (a program is missing), or false. */
function missing(...programs) {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  for (const program of programs) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) return `${program} is not installed`;
  }
  return false;
}

// --- the page and the pictures it shows ---

let context;
let userDataDir;
before(async () => {
  if (!existsSync(CHROMIUM)) return;
  userDataDir = privateDir('apps-viewer');
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: SIZE,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

after(async () => {
  if (context) await context.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/**
 * Runs `body` with `webdesk -- ...app` open in a page, once the application has drawn its
 * window and stopped drawing; stops the program afterwards.
 * @param {string} label
 * @param {(dir: string) => string[]} app  the command line, given the program's private folder
 * @param {(page: import('playwright-core').Page, dir: string) => Promise<void>} body
 */
async function withApplication(label, app, body) {
  const started = Date.now();
  const dir = privateDir(`apps-${label}`);
  const server = await startWebdesk(['--', ...app(dir)], label, SIZE, dir);
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn > 0, null,
      { timeout: STARTUP_MS, polling: 200 });
    await waitForPicture(page, (shown) => shown.mean > 5, 'the application to draw');
    await waitForStill(page, STARTUP_MS);
    console.log(`# ${label}: shown and still ${Date.now() - started} ms after the start`);
    await body(page, dir);
    console.log(`# ${label}: done ${Date.now() - started} ms after the start`);
  } catch (error) {
    // What the page showed and what the program and the application said, for the reader.
    const failed = path.join(process.env.WEBDESK_BUILD_ROOT || '.', `apps-${label}-failed`);
    await page.screenshot({ path: `${failed}.png` }).catch(() => {});
    writeFileSync(`${failed}.log`, server.output.join('\n'));
    console.log(`# ${label}: the page is in ${failed}.png, webdesk's output in ${failed}.log`);
    throw error;
  } finally {
    await page.close();
    await stopWebdesk(server);
  }
}

/**
 * Facts about the canvas, read in the page: its size, mean level, the bounds of the pixels of
 * `colour` (±40 per channel) along the middle column and row, and the share of pixels of a
 * rectangle that differ from a snapshot taken under `compare` (see snapshot()).
 */
async function picture(page, { colour = null, compare = null } = {}) {
  return page.evaluate(([colour, compare]) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const { width, height } = canvas;
    const data = ctx.getImageData(0, 0, width, height).data;
    const at = (x, y) => (y * width + x) * 4;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i] + data[i + 1] + data[i + 2];
    const shown = { width, height, mean: sum / (data.length / 4) / 3, block: null, changed: 0 };
    if (colour) {
      const is = (i) => Math.abs(data[i] - colour[0]) <= 40 && Math.abs(data[i + 1] - colour[1]) <= 40 &&
        Math.abs(data[i + 2] - colour[2]) <= 40;
      const cx = width >> 1, cy = height >> 1;
      let top = -1, bottom = -1, left = -1, right = -1;
      for (let y = 0; y < height; y++) if (is(at(cx, y))) { if (top < 0) top = y; bottom = y; }
      for (let x = 0; x < width; x++) if (is(at(x, cy))) { if (left < 0) left = x; right = x; }
      if (top >= 0 && left >= 0) shown.block = { top, bottom, left, right };
    }
    if (compare) {
      const w = /** @type {any} */ (window);
      const saved = w.snapshots[compare];
      const now = ctx.getImageData(saved.rect.x, saved.rect.y, saved.rect.width, saved.rect.height).data;
      let differ = 0;
      for (let i = 0; i < now.length; i += 4) {
        if (Math.abs(now[i] - saved.data[i]) > 40 || Math.abs(now[i + 1] - saved.data[i + 1]) > 40 ||
            Math.abs(now[i + 2] - saved.data[i + 2]) > 40) differ++;
      }
      shown.changed = differ / (now.length / 4);
    }
    return shown;
  }, [colour, compare]);
}

/** Keeps a rectangle of the canvas under `name`, for picture(page, {compare: name}). */
async function snapshot(page, name, rect) {
  await page.evaluate(([name, rect]) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const w = /** @type {any} */ (window);
    w.snapshots = w.snapshots || {};
    w.snapshots[name] = { rect, data: ctx.getImageData(rect.x, rect.y, rect.width, rect.height).data };
  }, [name, rect]);
}

/** Polls picture() until `done` accepts it; returns it. */
async function waitForPicture(page, done, what, options = {}, timeout = STARTUP_MS) {
  const end = Date.now() + timeout;
  for (;;) {
    const shown = await picture(page, options);
    if (done(shown)) return shown;
    assert.ok(Date.now() < end, `timed out waiting for ${what} (last: ${JSON.stringify(shown)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Waits until the picture has not changed for `quiet` ms, but for small animations (a blinking
 * caret, a spinner: under 0.5 % of the pixels). Frames alone cannot tell: a blinking caret and
 * the paint-over refinement after each change keep them coming.
 */
async function waitForStill(page, timeout = 20000, quiet = 1500) {
  const end = Date.now() + timeout;
  const keep = async ({ width, height }) => snapshot(page, 'still', { x: 0, y: 0, width, height });
  let since = Date.now();
  await keep(await picture(page));
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const shown = await picture(page, { compare: 'still' });
    if (shown.changed > 0.005) {
      since = Date.now();
      await keep(shown);
    } else if (Date.now() - since >= quiet) {
      return;
    }
    assert.ok(Date.now() < end, `timed out waiting for the picture to be still (${shown.changed} changed)`);
  }
}

/** Waits until the desktop's clipboard, as the page got it, is `text`. */
async function waitForClipboard(page, text) {
  await page.waitForFunction((t) => window.webdesk.clipboard === t, text, { timeout: 20000, polling: 100 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text,
    'the page wrote the desktop clipboard to the browser clipboard');
}

// --- GTK: an entry and its context menu ---

/**
 * Clicks into the entry at (x, y) (frame pixels), replaces its text by typing, selects it all,
 * opens the entry's context menu with the right button, and chooses Copy by its mnemonic: the
 * text arrives in the page's clipboard only if the menu opened and took the keyboard.
 */
async function copyThroughContextMenu(page, x, y, text) {
  await clickAt(page, x, y);
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text, { delay: 20 });
  await page.keyboard.press('Control+a');
  await waitForStill(page);
  // The menu opens at the pointer, towards the bottom right.
  const menu = { x, y, width: 120, height: 120 };
  await snapshot(page, 'before-menu', menu);
  await clickAt(page, x, y, { button: 'right' });
  // Light on light: its text and border change about 10-20 % of the pixels there.
  await waitForPicture(page, (shown) => shown.changed > 0.05, 'the context menu',
    { compare: 'before-menu' }, 20000);
  await page.keyboard.press('c');  // _Copy
  await waitForClipboard(page, text);
}

// gtk3-widget-factory's first entry (a combo box's) is at the top left, under the header bar.
test('gtk3-widget-factory: text typed into an entry is copied through its context menu',
  { skip: missing('gtk3-widget-factory') }, async () => {
    await withApplication('gtk3', () => ['gtk3-widget-factory'], async (page) => {
      await copyThroughContextMenu(page, 170, 73, 'Typed into GTK 3, copied by its menu!');
    });
  });

test('gtk4-widget-factory: text typed into an entry is copied through its context menu',
  { skip: missing('gtk4-widget-factory') }, async () => {
    await withApplication('gtk4', () => ['gtk4-widget-factory'], async (page) => {
      await copyThroughContextMenu(page, 200, 73, 'Typed into GTK 4, copied by its menu!');
    });
  });

// --- web browsers: a served page typed into the address bar ---

// A colour no browser's own interface uses.
const BLOCK = [230, 30, 140];
let site;
const requested = new Set();
before(async () => {
  site = http.createServer((req, res) => {
    requested.add(req.url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>webdesk block</title>' +
      `<body style="margin:0;background:rgb(${BLOCK.join(',')})"></body>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
});
after(() => site && site.close());

/**
 * Types the served page's address into the browser's address bar (Ctrl+L) and checks that it
 * loads with the browser's tab strip and toolbar above it (the page starts well below the
 * top), and fills the rest of the page (the window is maximized, not fullscreen).
 */
async function loadServedPage(page, label) {
  const address = `http://127.0.0.1:${site.address().port}/${label}`;
  // A browser that has just shown its window may still lose the first characters typed into
  // its address bar ("ttp://..." gets searched for): its own start-up, not the keys (typed a
  // few seconds later, or with WAYLAND_DEBUG slowing the browser, nothing is lost, and the
  // debug log shows every key delivered). The address is typed again until the browser asks
  // for it.
  for (let attempt = 1; !requested.has(`/${label}`); attempt++) {
    assert.ok(attempt <= 4, `the browser never asked for ${address}`);
    await clickAt(page, SIZE.width / 2, SIZE.height / 2);  // the content area
    await page.keyboard.press('Control+l');
    await page.keyboard.type(address, { delay: 20 });
    await page.keyboard.press('Enter');
    await until(() => requested.has(`/${label}`), `the browser to ask for ${address}`, 15000)
      .catch(() => console.log(`# ${label}: no request for ${address} after attempt ${attempt}`));
  }
  const shown = await waitForPicture(page, (s) => s.block !== null, 'the served page',
    { colour: BLOCK }, 60000);
  const { block } = shown;
  console.log(`# ${label}: the served page is shown at ${JSON.stringify(block)}`);
  // A tab strip and a toolbar with the address bar are each about 40 px high.
  assert.ok(block.top >= 70, `the browser's tab strip and address bar are above the page (it starts at y=${block.top})`);
  assert.ok(block.top < SIZE.height / 4, `the page is not pushed down (y=${block.top})`);
  assert.ok(block.bottom >= SIZE.height - 2, `the page reaches the bottom (to y=${block.bottom})`);
  assert.ok(block.left <= 1 && block.right >= SIZE.width - 2,
    `the page is as wide as the window (${block.left} to ${block.right})`);
}

test('firefox-esr: an address typed into its address bar loads, under its tab strip and toolbar',
  { skip: missing('firefox-esr') }, async () => {
    await withApplication('firefox', (dir) => {
      const profile = path.join(dir, 'firefox-profile');
      mkdirSync(profile);
      writeFileSync(path.join(profile, 'user.js'), [
        'user_pref("browser.shell.checkDefaultBrowser", false);',
        'user_pref("browser.aboutwelcome.enabled", false);',
        'user_pref("browser.startup.homepage_override.mstone", "ignore");',
        'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
        'user_pref("datareporting.policy.firstRunURL", "");',
        'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
      ].join('\n'));
      return ['firefox-esr', '--no-remote', '--profile', profile, 'about:blank'];
    }, async (page) => {
      await loadServedPage(page, 'firefox');
    });
  });

test('chromium (Wayland, its default GTK): an address typed into its address bar loads, under its tabs and toolbar',
  { skip: missing('chromium') }, async () => {
    await withApplication('chromium', (dir) => [
      'chromium', '--ozone-platform=wayland', `--user-data-dir=${path.join(dir, 'chromium-profile')}`,
      '--no-first-run', '--no-default-browser-check', '--password-store=basic', '--disable-sync',
      // A root user (as in CI containers) cannot use Chromium's sandbox.
      ...(process.getuid && process.getuid() === 0 ? ['--no-sandbox', '--test-type'] : []),
      'about:blank',
    ], async (page) => {
      await loadServedPage(page, 'chromium');
    });
  });

// --- LibreOffice Writer: a word typed and saved through its dialog ---

test('lowriter: a typed word is saved with Ctrl+S through its save dialog',
  { skip: missing('lowriter', 'unzip') }, async () => {
    await withApplication('writer', (dir) => {
      // A fresh profile with no first-start dialogs.
      const user = path.join(dir, 'libreoffice', 'user');
      mkdirSync(user, { recursive: true });
      const misc = (name) => '<item oor:path="/org.openoffice.Office.Common/Misc">' +
        `<prop oor:name="${name}" oor:op="fuse"><value>false</value></prop></item>`;
      writeFileSync(path.join(user, 'registrymodifications.xcu'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items ' +
        'xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        misc('ShowTipOfTheDay') + misc('FirstRun') + '</oor:items>\n');
      return ['lowriter', `-env:UserInstallation=file://${path.join(dir, 'libreoffice')}`, '--norestore',
        '--nologo'];
    }, async (page, dir) => {
      await clickAt(page, SIZE.width / 2, SIZE.height / 2);  // into the page
      await page.keyboard.type('webdesk42', { delay: 20 });
      await waitForStill(page);
      await snapshot(page, 'document', { x: 0, y: 0, width: SIZE.width, height: SIZE.height });
      await page.keyboard.press('Control+s');
      // The save dialog covers most of the window, light on light (about 5 % of the pixels
      // change); its name field has the keyboard.
      await waitForPicture(page, (shown) => shown.changed > 0.02, 'the save dialog',
        { compare: 'document' }, 30000);
      await waitForStill(page);
      const file = path.join(dir, 'saved.odt');
      await page.keyboard.press('Control+a');
      await page.keyboard.type(file, { delay: 20 });
      await page.keyboard.press('Enter');
      const content = await until(() => {
        if (!existsSync(file)) return null;
        const unzip = spawnSync('unzip', ['-p', file, 'content.xml'], { encoding: 'utf8' });
        return unzip.status === 0 && unzip.stdout;
      }, `${file} saved`, 60000);
      assert.match(content, /webdesk42/, 'the saved document holds the typed word');
    });
  });

// --- terminals: Qt 5, Wayland, X11 ---

/**
 * Types `stty size` into the terminal (a command that writes a file) and returns its rows and
 * columns: the terminal's size in characters, as its shell sees it.
 */
async function terminalSize(page, dir, name) {
  const text = await runInTerminal(page, dir, name, 'stty size');
  const [rows, columns] = text.split(/\s+/).map(Number);
  return { rows, columns };
}

/**
 * The terminal fills the page and follows its size: its columns and rows shrink with the page
 * (a window at its own size would keep them).
 */
async function checkTerminalFollowsThePage(page, dir) {
  await clickAt(page, SIZE.width / 2, SIZE.height / 2);
  const large = await terminalSize(page, dir, 'size-large');
  const smaller = { width: 960, height: 600 };
  await page.setViewportSize(smaller);
  await waitForPicture(page, (shown) => shown.width === smaller.width && shown.height === smaller.height,
    'the desktop to take the smaller page size', {}, 20000);
  await waitForStill(page);
  const small = await terminalSize(page, dir, 'size-small');
  console.log(`# terminal: ${large.columns}x${large.rows} characters at ${SIZE.width}x${SIZE.height}, ` +
    `${small.columns}x${small.rows} at ${smaller.width}x${smaller.height}`);
  assert.ok(Math.abs(small.columns / large.columns - smaller.width / SIZE.width) < 0.05,
    `columns follow the width: ${large.columns} -> ${small.columns}`);
  assert.ok(Math.abs(small.rows / large.rows - smaller.height / SIZE.height) < 0.08,
    `rows follow the height: ${large.rows} -> ${small.rows}`);
}

/** Types `command` into the terminal with its output going to a file; returns that output. */
async function runInTerminal(page, dir, name, command) {
  const file = path.join(dir, name);
  await page.keyboard.type(`${command} > ${file}.part && mv ${file}.part ${file}`, { delay: 10 });
  await page.keyboard.press('Enter');
  return until(() => existsSync(file) && readFileSync(file, 'utf8').trim(), file);
}

test('qterminal (Qt 5 on Wayland): typed commands write files, and it fills the page at any size',
  { skip: missing('qterminal') }, async () => {
    await withApplication('qterminal', () => ['qterminal'], async (page, dir) => {
      await checkTerminalFollowsThePage(page, dir);
      // Qt chose its Wayland platform (XDG_SESSION_TYPE=wayland), not X11 through Xwayland: the
      // shell's parent, qterminal, has Qt's Wayland client library loaded.
      assert.equal(await runInTerminal(page, dir, 'qt-platform',
        '{ grep -q libQt5WaylandClient /proc/$PPID/maps && echo wayland || echo not-wayland; }'), 'wayland');
    });
  });

test('foot: typed commands write files, and it fills the page at any size',
  { skip: missing('foot') }, async () => {
    await withApplication('foot', () => ['foot'], async (page, dir) => {
      await checkTerminalFollowsThePage(page, dir);
    });
  });

test('xterm (X11 through Xwayland): typed commands write files, and it fills the page at any size',
  { skip: missing('xterm', 'Xwayland') }, async () => {
    await withApplication('xterm', () => ['xterm'], async (page, dir) => {
      await checkTerminalFollowsThePage(page, dir);
      // "$" reaches X applications (it is typed as Shift+4), and X clients get Xwayland's display.
      assert.match(await runInTerminal(page, dir, 'display', 'echo "x11 on $DISPLAY"'), /^x11 on :\d+$/);
    });
  });
