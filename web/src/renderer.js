// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Draws decoded frames to a canvas at device pixels: the canvas is as large as the frame, and
// its CSS size is the frame size divided by devicePixelRatio, so one video pixel is one screen
// pixel (it shrinks to fit a smaller window). Also maps pointer positions back to frame pixels.

export class CanvasRenderer {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) throw new Error('no 2D canvas context');
    this.context = context;
    this.width = 0;
    this.height = 0;
  }

  /** @param {VideoFrame} frame  displayWidth/displayHeight: coded sizes are padded */
  draw(frame) {
    const w = frame.displayWidth;
    const h = frame.displayHeight;
    if (w !== this.width || h !== this.height) {
      this.width = w;
      this.height = h;
      this.canvas.width = w;
      this.canvas.height = h;
      this.fit();
    }
    this.context.drawImage(frame, 0, 0, w, h);
  }

  fit() {
    const dpr = window.devicePixelRatio || 1;
    this.canvas.style.width = `${this.width / dpr}px`;
  }

  /**
   * A point in CSS pixels of the page -> frame pixels.
   * @param {number} clientX
   * @param {number} clientY
   * @returns {{x: number, y: number}}
   */
  toFramePixels(clientX, clientY) {
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return { x: 0, y: 0 };
    const x = ((clientX - rect.left) * this.canvas.width) / rect.width;
    const y = ((clientY - rect.top) * this.canvas.height) / rect.height;
    return {
      x: Math.max(0, Math.min(this.canvas.width - 1, Math.round(x))),
      y: Math.max(0, Math.min(this.canvas.height - 1, Math.round(y))),
    };
  }
}
