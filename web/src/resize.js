// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The desktop follows the window: the page's size in device pixels and its devicePixelRatio
// go to the server (`resize`) when this viewer starts controlling, and again, debounced, when
// the window is resized or moves to a screen with another pixel ratio. The desktop then sends
// frames of exactly that size, drawn one frame pixel per device pixel (no scaling).

export const DEBOUNCE_MS = 250;

/**
 * The window's size in device pixels (even numbers, as 4:2:0 video needs) and its pixel ratio.
 * @param {{innerWidth: number, innerHeight: number, devicePixelRatio: number}} win
 * @returns {{width: number, height: number, scale: number}}
 */
export function deviceSize(win) {
  const scale = win.devicePixelRatio || 1;
  const even = (/** @type {number} */ css) =>
    Math.max(2, Math.min(16384, Math.round(css * scale) & ~1));
  return { width: even(win.innerWidth), height: even(win.innerHeight), scale };
}

export class SizeReporter {
  /** @param {(width: number, height: number, scale: number) => void} send */
  constructor(send) {
    this.send = send;
    this.enabled = false;
    this.last = '';
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.timer = null;
    /** @type {MediaQueryList | null} */
    this.ratioQuery = null;
    window.addEventListener('resize', () => this.schedule());
    this.watchRatio();
  }

  /** Only the controlling viewer's size counts. @param {boolean} on */
  setEnabled(on) {
    if (on && !this.enabled) this.last = '';
    this.enabled = on;
    if (on) this.report();
  }

  schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.report();
    }, DEBOUNCE_MS);
  }

  report() {
    if (!this.enabled) return;
    const size = deviceSize(window);
    const key = `${size.width}x${size.height}@${size.scale}`;
    if (key === this.last) return;
    this.last = key;
    this.send(size.width, size.height, size.scale);
  }

  // A resize event does not come when only the pixel ratio changes (browser zoom does send
  // one; moving the window to another screen may not).
  watchRatio() {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query.addEventListener('change', () => {
      this.schedule();
      this.watchRatio();
    }, { once: true });
    this.ratioQuery = query;
  }
}
