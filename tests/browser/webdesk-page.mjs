// SPDX-License-Identifier: LGPL-2.1-or-later
// The real `webdesk` program and its page in headless Chromium, for the desktop's browser tests
// (desktop.test.mjs), the docs' screenshot (tests/tools/desktop-screenshot.mjs) and the idle
// measurement (bench/desktop-idle.mjs): count what the program's WebSocket sends, and read the
// canvas as a user looks at it — the panel, our title bars, text — waiting for it to settle.
// Coordinates are frame pixels (the canvas's own); `scale` is the page's devicePixelRatio, which
// the desktop follows while the page controls it.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS } from './webdesk-program.mjs';

// Starting and stopping the program, waiting, and mouse coordinates are webdesk-program.mjs's.
export {
  CHROMIUM, clickAt, privateDir, startWebdesk, stopWebdesk, toPage, until,
} from './webdesk-program.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Through this folder's package.json, so that scripts elsewhere (bench/, tests/tools/) find it.
export const { chromium } = createRequire(path.join(here, 'package.json'))('playwright-core');

export const FLAGS = CHROMIUM_FLAGS;

// What webdesk's desktop draws (tools/webdesk/desktop-session.cpp, ext/wayland/decoration.cpp),
// in logical pixels and RGB.
export const DESKTOP = {
  panelHeight: 30,
  titleHeight: 30,
  buttonWidth: 36,  // close, maximize, minimize, from the right
  wallpaper: [0x3b, 0x42, 0x52],
  panel: [0x2e, 0x34, 0x40],
  launcher: [0x43, 0x4c, 0x5e],
  activeTask: [0x4c, 0x56, 0x6a],
  focusedTitle: [46, 51, 64],    // cairo's 0.18, 0.20, 0.25
  otherTitle: [84, 94, 115],     // 0.33, 0.37, 0.45
};

/**
 * Counts what the page's WebSocket receives: binary messages (frames) and their bytes, the
 * bytes of the control (text) messages, and the cursor messages; `onFrame(bytes)` is told of
 * each frame. Call before the page opens the URL.
 * @param {import('playwright-core').Page} page
 * @param {(bytes: number) => void} [onFrame]
 */
export function watchSocket(page, onFrame) {
  const socket = { frames: 0, bytes: 0, cursors: 0, controlBytes: 0 };
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    if (typeof payload === 'string') {
      socket.controlBytes += Buffer.byteLength(payload);
      if (payload.startsWith('{"type":"cursor"')) socket.cursors++;
    } else {
      socket.frames++;
      socket.bytes += payload.length;
      if (onFrame) onFrame(payload.length);
    }
  }));
  return socket;
}

/**
 * Opens the program's page and installs the canvas probe; resolves once a frame is drawn.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
export async function openDesktop(page, url) {
  await page.addInitScript(canvasProbe, DESKTOP);
  await page.goto(url);
  await page.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn > 0, null,
    { timeout: 30000, polling: 100 });
}

/**
 * Runs in the page (addInitScript): `window.probe` reads the canvas. Everything it returns is
 * in frame pixels.
 * @param {typeof DESKTOP} look
 */
function canvasProbe(look) {
  /** @returns {HTMLCanvasElement} */
  const canvas = () => /** @type {any} */ (document.getElementById('screen'));
  const context = () => /** @type {CanvasRenderingContext2D} */ (canvas().getContext('2d'));
  const pixels = (r) => context().getImageData(r.x, r.y, r.width, r.height).data;
  const near = (d, i, c, tolerance) => Math.abs(d[i] - c[0]) <= tolerance &&
    Math.abs(d[i + 1] - c[1]) <= tolerance && Math.abs(d[i + 2] - c[2]) <= tolerance;
  // Text in the panel and the terminals: bright on dark (the minimized entries' grey too).
  const bright = (d, i) => d[i] + d[i + 1] + d[i + 2] > 400;
  const probe = {
    /** @type {Record<string, {rect: any, data: Uint8ClampedArray}>} */
    saved: {},
    scale() { return Math.round(window.devicePixelRatio || 1); },
    size() { return { width: canvas().width, height: canvas().height }; },
    full() { return { x: 0, y: 0, width: canvas().width, height: canvas().height }; },
    save(name, rect) { probe.saved[name] = { rect, data: pixels(rect) }; },
    // The share of pixels (0-1) of a saved region that now differ by more than 40 in a channel.
    changed(name) {
      const { rect, data } = probe.saved[name];
      const now = pixels(rect);
      let differ = 0;
      for (let i = 0; i < now.length; i += 4) {
        if (Math.abs(now[i] - data[i]) > 40 || Math.abs(now[i + 1] - data[i + 1]) > 40 ||
            Math.abs(now[i + 2] - data[i + 2]) > 40) differ++;
      }
      return differ / (now.length / 4);
    },
    // The mean difference per channel between a saved region and the region of the same size
    // now at (x, y): ~0 when what was saved is now shown there.
    difference(name, x, y) {
      const { rect, data } = probe.saved[name];
      const now = pixels({ x, y, width: rect.width, height: rect.height });
      let sum = 0;
      for (let i = 0; i < now.length; i += 4) {
        sum += Math.abs(now[i] - data[i]) + Math.abs(now[i + 1] - data[i + 1]) +
          Math.abs(now[i + 2] - data[i + 2]);
      }
      return sum / (now.length / 4) / 3;
    },
    // The share of a rectangle's pixels that are bright (text).
    lit(rect) {
      const d = pixels(rect);
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) if (bright(d, i)) lit++;
      return lit / (d.length / 4);
    },
    // The panel: the share of its second row in its colours (a panel that spans the page: 1),
    // and the bright (text) pixels in its left and right 100 logical pixels: the launcher's
    // "Applications" and the clock.
    panel() {
      const s = probe.scale();
      const { width } = canvas();
      const row = pixels({ x: 0, y: 2 * s, width, height: 1 });
      let inColour = 0;
      for (let i = 0; i < row.length; i += 4) {
        if ([look.panel, look.launcher, look.activeTask].some((c) => near(row, i, c, 10))) inColour++;
      }
      const textIn = (x) => {
        const d = pixels({ x, y: 0, width: 100 * s, height: look.panelHeight * s });
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (bright(d, i)) n++;
        return n;
      };
      return { spans: inColour / width, launcher: textIn(0), clock: textIn(width - 100 * s) };
    },
    // The panel's words, left to right: runs of columns with text, apart by at least 12 logical
    // pixels ("Applications", one entry per window of the window list, the clock). `active`:
    // the entry drawn as the focused window's.
    panelEntries() {
      const s = probe.scale();
      const { width } = canvas();
      const height = look.panelHeight * s;
      const d = pixels({ x: 0, y: 0, width, height });
      const entries = [];
      let start = -1, last = -2 * width;
      for (let x = 0; x < width; x++) {
        let text = false;
        for (let y = 0; y < height && !text; y++) text = bright(d, (y * width + x) * 4);
        if (!text) continue;
        if (x - last > 12 * s) {
          if (start >= 0) entries.push({ x: start, width: last - start + 1 });
          start = x;
        }
        last = x;
      }
      if (start >= 0) entries.push({ x: start, width: last - start + 1 });
      for (const e of entries) {
        e.active = near(d, (2 * s * width + e.x - 4 * s) * 4, look.activeTask, 8);
        e.minimized = false;
        let brightest = 0;
        for (let y = 0; y < height; y++) {
          for (let x = e.x; x < e.x + e.width; x++) {
            const i = (y * width + x) * 4;
            brightest = Math.max(brightest, d[i]);
          }
        }
        e.minimized = brightest < 180;  // greyed out (#8f9bb3) rather than #eceff4
      }
      return entries;
    },
    // Our title bars below the panel, top to bottom: bands about 30 logical pixels tall of the
    // focused or the other title colour. What another window covers is not part of a bar.
    titleBars() {
      const s = probe.scale();
      const { width, height } = canvas();
      const top = look.panelHeight * s;
      const d = pixels({ x: 0, y: top, width, height: height - top });
      const kinds = [{ focused: true, colour: look.focusedTitle },
        { focused: false, colour: look.otherTitle }];
      /** @type {any[]} */
      const open = [];
      const bars = [];
      for (let y = 0; y < height - top; y++) {
        const extended = [];
        for (const kind of kinds) {
          let x = 0;
          while (x < width) {
            if (!near(d, (y * width + x) * 4, kind.colour, 10)) { x++; continue; }
            const start = x;
            while (x < width && near(d, (y * width + x) * 4, kind.colour, 10)) x++;
            if (x - start < 40 * s) continue;
            const band = open.find((b) => b.focused === kind.focused && b.last === y - 1 &&
              start <= b.right && x - 1 >= b.left);
            if (band) {
              band.last = y;
              band.left = Math.min(band.left, start);
              band.right = Math.max(band.right, x - 1);
              extended.push(band);
            } else {
              extended.push({ focused: kind.focused, first: y, last: y, left: start, right: x - 1 });
            }
          }
        }
        for (const band of open) if (!extended.includes(band)) bars.push(band);
        open.length = 0;
        open.push(...new Set(extended));
      }
      bars.push(...open);
      return bars
        .filter((b) => b.last - b.first + 1 >= 24 * s && b.last - b.first + 1 <= 32 * s)
        .map((b) => ({ x: b.left, y: b.first + top, width: b.right - b.left + 1,
          height: b.last - b.first + 1, focused: b.focused }))
        .sort((a, b) => a.y - b.y || a.x - b.x);
    },
    // How far down a window's content goes below its title bar: the rows under the bar that
    // are not mostly wallpaper (for a window over the wallpaper only).
    contentBelow(bar) {
      const { height } = canvas();
      const below = bar.y + bar.height;
      const d = pixels({ x: bar.x, y: below, width: bar.width, height: height - below });
      let rows = 0;
      for (; rows < height - below; rows++) {
        let wallpaper = 0;
        for (let x = 0; x < bar.width; x++) if (near(d, (rows * bar.width + x) * 4, look.wallpaper, 6)) wallpaper++;
        if (wallpaper > bar.width / 2) break;
      }
      return { x: bar.x, y: below, width: bar.width, height: rows };
    },
    // How sharp the text of a rectangle is: the share of its glyph pixels that are edge tones
    // (between a fifth and four fifths of the way from the darkest to the brightest pixel).
    // Drawn natively at scale 2 that share halves (edges stay one pixel wide as the glyphs
    // double); a picture enlarged from scale 1 keeps it or (smoothed) raises it.
    edgeShare(rect) {
      const d = pixels(rect);
      const level = (i) => d[i] + d[i + 1] + d[i + 2];
      let low = Infinity, high = -Infinity;
      for (let i = 0; i < d.length; i += 4) { low = Math.min(low, level(i)); high = Math.max(high, level(i)); }
      let ink = 0, edge = 0;
      for (let i = 0; i < d.length; i += 4) {
        const v = (level(i) - low) / Math.max(1, high - low);
        if (v > 0.2) ink++;
        if (v > 0.2 && v < 0.8) edge++;
      }
      return edge / Math.max(1, ink);
    },
    // The rows of a rectangle with glyphs in them (pixels well above a dark background), as
    // runs [{y, height}]: a line of text.
    textRows(rect) {
      const d = pixels(rect);
      const runs = [];
      let start = -1;
      const ink = (i) => d[i] + d[i + 1] + d[i + 2] > 250;
      for (let y = 0; y <= rect.height; y++) {
        let text = false;
        for (let x = 0; x < rect.width && y < rect.height && !text; x++) text = ink((y * rect.width + x) * 4);
        if (text && start < 0) start = y;
        if (!text && start >= 0) {
          runs.push({ y: rect.y + start, height: y - start });
          start = -1;
        }
      }
      return runs;
    },
  };
  /** @type {any} */ (window).probe = probe;
}

/**
 * Waits until no frame has been drawn for 500 ms from now on (the desktop finished drawing
 * what it was doing, or what was just asked of it: a frame for an input comes well within).
 */
export async function settle(page) {
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.settleFrames = w.webdesk.framesDrawn;
    w.settleSince = performance.now();
  });
  await page.waitForFunction(() => {
    const w = /** @type {any} */ (window);
    const now = performance.now();
    if (w.settleFrames !== w.webdesk.framesDrawn) {
      w.settleFrames = w.webdesk.framesDrawn;
      w.settleSince = now;
    }
    return now - w.settleSince >= 500;
  }, null, { timeout: 30000, polling: 100 });
}

/** Waits until a saved region has changed by at least `share`, and the picture has settled. */
export async function waitForChange(page, name, share, timeout = 20000) {
  await page.waitForFunction(([n, s]) => window.probe.changed(n) >= s, [name, share],
    { timeout, polling: 100 });
  await settle(page);
}

/**
 * Waits until `check` (run in the page with `arg`; it reads window.probe) returns a truthy value
 * on a settled picture, and returns that value. On a timeout the error says what it returned.
 * @template T, A
 * @param {import('playwright-core').Page} page
 * @param {string} what
 * @param {(arg: A) => T} check
 * @param {A} [arg]
 * @returns {Promise<T>}
 */
export async function waitForPicture(page, what, check, arg, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      await page.waitForFunction(check, arg, { timeout: Math.max(1, end - Date.now()), polling: 100 });
      await settle(page);
    } catch (e) {
      const value = await page.evaluate(check, arg).catch(() => undefined);
      // WEBDESK_TEST_SHOTS=DIR: what the page showed, for whoever reads the failure.
      const shots = process.env.WEBDESK_TEST_SHOTS;
      if (shots) await page.screenshot({ path: path.join(shots, `${what.replace(/\W+/g, '-')}.png`) }).catch(() => {});
      throw new Error(`timed out waiting for ${what}; now ${JSON.stringify(value)}`, { cause: e });
    }
    const value = await page.evaluate(check, arg);
    if (value) return value;
  }
}

/**
 * Types a command line. page.keyboard.type sends '>' or 'A' as the unshifted key (no Shift
 * press), which the desktop reads by key code; the commands here use unshifted characters only.
 */
export async function typeCommand(page, line) {
  assert.doesNotMatch(line, /[A-Z~!@#$%^&*()_+{}|:"<>?]/, 'only unshifted characters');
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}
