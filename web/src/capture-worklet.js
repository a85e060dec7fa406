// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The AudioWorklet side of the microphone (loaded by microphone.js): gathers the input's first
// channel into 10 ms pieces and posts each to the page, which encodes it.

/** @type {any} */
const scope = globalThis;

class CaptureProcessor extends scope.AudioWorkletProcessor {
  constructor() {
    super();
    this.frames = Math.round(scope.sampleRate / 100);
    this.piece = new Float32Array(this.frames);
    this.filled = 0;
  }

  /** @param {Float32Array[][]} inputs */
  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length;) {
      const n = Math.min(input.length - i, this.frames - this.filled);
      this.piece.set(input.subarray(i, i + n), this.filled);
      this.filled += n;
      i += n;
      if (this.filled === this.frames) {
        /** @type {any} */ (this).port.postMessage(this.piece, [this.piece.buffer]);
        this.piece = new Float32Array(this.frames);
        this.filled = 0;
      }
    }
    return true;
  }
}

scope.registerProcessor('webdesk-capture', CaptureProcessor);
