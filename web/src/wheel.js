// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Wheel events -> whole wheel steps ("notches") for the desktop, where one step scrolls as one
// click of a mouse wheel does (about three lines).
// - A mouse wheel click arrives as one event of a line or more (or >= 50 px in pixel mode):
//   it is one step (or as many as it holds, at most MAX_STEPS_PER_EVENT in pixels), at once.
// - A trackpad sends many small pixel deltas, with momentum: they are added up and become a
//   step per TRACKPAD_PX_PER_STEP, at most MAX_STEPS_PER_EVENT per event, so a fling does not
//   race through the document; what is left over is kept for the next event in the same
//   direction and dropped after a pause or a change of direction.

export const LINES_PER_STEP = 3;
export const PAGES_TO_STEPS = 10;
export const MOUSE_PX_PER_STEP = 100;   // Chromium's pixel delta for one wheel click
export const TRACKPAD_PX_PER_STEP = 50;
export const MAX_STEPS_PER_EVENT = 3;
export const IDLE_RESET_MS = 400;

const DOM_DELTA_PIXEL = 0;
const DOM_DELTA_LINE = 1;
const DOM_DELTA_PAGE = 2;

/** One axis. */
class Axis {
  constructor() {
    this.rest = 0;
  }

  /**
   * @param {number} delta  in the event's unit
   * @param {number} mode   WheelEvent.deltaMode
   * @returns {number} whole steps to send now
   */
  add(delta, mode) {
    if (delta === 0) return 0;
    if (mode === DOM_DELTA_LINE || mode === DOM_DELTA_PAGE || Math.abs(delta) >= 50) {
      // A mouse wheel: discrete clicks, sent whole.
      this.rest = 0;
      const steps = mode === DOM_DELTA_LINE ? delta / LINES_PER_STEP
        : mode === DOM_DELTA_PAGE ? delta * PAGES_TO_STEPS : delta / MOUSE_PX_PER_STEP;
      // Pixels may also be a big trackpad fling: capped like the small deltas are.
      const most = mode === DOM_DELTA_PIXEL ? MAX_STEPS_PER_EVENT : Infinity;
      return Math.sign(delta) * Math.min(most, Math.max(1, Math.round(Math.abs(steps))));
    }
    if (Math.sign(delta) !== Math.sign(this.rest)) this.rest = 0;
    this.rest += delta / TRACKPAD_PX_PER_STEP;
    const whole = Math.trunc(this.rest);
    this.rest -= whole;
    return Math.max(-MAX_STEPS_PER_EVENT, Math.min(MAX_STEPS_PER_EVENT, whole)) || 0;  // no -0
  }
}

export class WheelAccumulator {
  constructor() {
    this.x = new Axis();
    this.y = new Axis();
    this.lastMs = -Infinity;
  }

  /**
   * @param {number} deltaX
   * @param {number} deltaY
   * @param {number} deltaMode  WheelEvent.deltaMode (0 pixels, 1 lines, 2 pages)
   * @param {number} nowMs
   * @returns {{dx: number, dy: number}} steps, positive = right / down; both 0: send nothing
   */
  add(deltaX, deltaY, deltaMode, nowMs) {
    if (nowMs - this.lastMs > IDLE_RESET_MS) {
      this.x.rest = 0;
      this.y.rest = 0;
    }
    this.lastMs = nowMs;
    return { dx: this.x.add(deltaX, deltaMode), dy: this.y.add(deltaY, deltaMode) };
  }
}
