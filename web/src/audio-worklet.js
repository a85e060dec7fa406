// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The AudioWorklet side of sound playback (loaded by audio-player.js into the AudioContext):
// decoded sound comes in over the port, a JitterBuffer plays it out, and about ten times a
// second the port hears what is being played (capture time, and the context time it plays at)
// so the page can tell the sound's latency.
import { JitterBuffer } from './jitter-buffer.js';

/** @type {any} */
const scope = globalThis;
const REPORT_EVERY_QUANTA = 38;  // ~100 ms of 128-frame quanta at 48 kHz

class PlayerProcessor extends scope.AudioWorkletProcessor {
  constructor() {
    super();
    /** @type {JitterBuffer | null} */
    this.buffer = null;
    this.quanta = 0;
    /** @type {{captureTimeUs: number, contextTime: number} | null} */
    this.lastPlayed = null;
    /** @type {MessagePort} */
    const port = /** @type {any} */ (this).port;
    port.onmessage = (/** @type {MessageEvent} */ event) => {
      const m = event.data;
      if (m.type === 'format') {
        this.buffer = new JitterBuffer(m.channels, scope.sampleRate);
      } else if (m.type === 'sound' && this.buffer) {
        this.buffer.push(m.planes, m.captureTimeUs);
      }
    };
  }

  /**
   * @param {Float32Array[][]} _inputs
   * @param {Float32Array[][]} outputs
   */
  process(_inputs, outputs) {
    if (!this.buffer) return true;
    const pulled = this.buffer.pull(outputs[0]);
    if (pulled.frames > 0) {
      this.lastPlayed = { captureTimeUs: pulled.captureTimeUs, contextTime: scope.currentTime };
    }
    if (++this.quanta % REPORT_EVERY_QUANTA === 0) {
      /** @type {any} */ (this).port.postMessage({
        type: 'played',
        played: this.lastPlayed,
        bufferedMs: this.buffer.bufferedMs,
        underruns: this.buffer.underruns,
        droppedFrames: this.buffer.droppedFrames,
      });
      this.lastPlayed = null;
    }
    return true;
  }
}

scope.registerProcessor('webdesk-player', PlayerProcessor);
