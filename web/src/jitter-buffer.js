// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// A small jitter buffer for decoded sound, played by the AudioWorklet (audio-worklet.js) one
// render quantum at a time. Packets arrive every 10 ms give or take the network's jitter, so
// playback starts only once TARGET_MS are buffered; when the buffer runs dry (a late packet, or
// the end of a sound: silence is not sent) it plays silence and waits for TARGET_MS again.
// When more than MAX_MS pile up (the tab was busy), the oldest sound is dropped down to TARGET_MS
// rather than played late. And a buffer that never ran low for a while (packets came in a burst
// once, and the level stayed up) is trimmed back towards TARGET_MS, a little at a time, so the
// delay does not stay longer than the jitter needs. Pure: no Web Audio here, so node tests can
// drive it.

export const TARGET_MS = 40;
export const MAX_MS = 200;
// The lowest level over each window of this length is what the jitter needed.
export const TRIM_WINDOW_MS = 1000;
// At most this much is trimmed after one window (a short skip rather than a long one).
export const TRIM_STEP_MS = 10;

/**
 * @typedef {object} Chunk
 * @property {Float32Array[]} planes  one per channel, equally long
 * @property {number} offset  frames of it already played
 * @property {number} captureTimeUs  when its first frame was captured (sender's clock)
 */

/**
 * @typedef {object} Pulled
 * @property {number} frames  frames of sound written (the rest of the request is silence)
 * @property {number} captureTimeUs  capture time of the first frame written (NaN: none)
 */

export class JitterBuffer {
  /**
   * @param {number} channels
   * @param {number} sampleRate
   * @param {{targetMs?: number, maxMs?: number}} [options]
   */
  constructor(channels, sampleRate, options = {}) {
    this.channels = channels;
    this.sampleRate = sampleRate;
    this.targetFrames = Math.round(((options.targetMs ?? TARGET_MS) * sampleRate) / 1000);
    this.maxFrames = Math.round(((options.maxMs ?? MAX_MS) * sampleRate) / 1000);
    /** @type {Chunk[]} */
    this.chunks = [];
    this.buffered = 0;  // frames
    this.playing = false;
    this.underruns = 0;
    this.droppedFrames = 0;
    this.windowFrames = Math.round((TRIM_WINDOW_MS * sampleRate) / 1000);
    this.trimStep = Math.round((TRIM_STEP_MS * sampleRate) / 1000);
    this.windowPlayed = 0;
    this.windowLowest = Infinity;
  }

  get bufferedMs() {
    return (this.buffered * 1000) / this.sampleRate;
  }

  /**
   * @param {Float32Array[]} planes
   * @param {number} captureTimeUs
   */
  push(planes, captureTimeUs) {
    if (planes.length === 0 || planes[0].length === 0) return;
    this.chunks.push({ planes, offset: 0, captureTimeUs });
    this.buffered += planes[0].length;
    if (this.buffered > this.maxFrames) this.drop(this.buffered - this.targetFrames);
    if (!this.playing && this.buffered >= this.targetFrames) this.playing = true;
  }

  /** Drops `frames` of the oldest sound. @param {number} frames */
  drop(frames) {
    while (frames > 0 && this.chunks.length > 0) {
      const c = this.chunks[0];
      const n = Math.min(frames, c.planes[0].length - c.offset);
      c.offset += n;
      frames -= n;
      this.buffered -= n;
      this.droppedFrames += n;
      if (c.offset >= c.planes[0].length) this.chunks.shift();
    }
  }

  /**
   * Fills `outputs` (one array per output channel, all of one length) with what is due, and
   * silence for the rest. Missing channels repeat the last one (mono on stereo speakers).
   * @param {Float32Array[]} outputs
   * @returns {Pulled}
   */
  pull(outputs) {
    const want = outputs.length ? outputs[0].length : 0;
    for (const o of outputs) o.fill(0);
    /** @type {Pulled} */
    const result = { frames: 0, captureTimeUs: NaN };
    if (!this.playing) return result;
    let written = 0;
    while (written < want && this.chunks.length > 0) {
      const c = this.chunks[0];
      const n = Math.min(want - written, c.planes[0].length - c.offset);
      if (written === 0) {
        result.captureTimeUs = c.captureTimeUs + (c.offset * 1e6) / this.sampleRate;
      }
      outputs.forEach((o, channel) => {
        const plane = c.planes[Math.min(channel, c.planes.length - 1)];
        o.set(plane.subarray(c.offset, c.offset + n), written);
      });
      c.offset += n;
      written += n;
      this.buffered -= n;
      if (c.offset >= c.planes[0].length) this.chunks.shift();
    }
    result.frames = written;
    if (written < want) {
      // Ran dry: wait for TARGET_MS again before playing on.
      this.playing = false;
      this.underruns++;
      this.windowPlayed = 0;
      this.windowLowest = Infinity;
      return result;
    }
    this.windowLowest = Math.min(this.windowLowest, this.buffered);
    this.windowPlayed += written;
    if (this.windowPlayed >= this.windowFrames) {
      const excess = this.windowLowest - this.targetFrames;
      if (excess > this.trimStep / 2) this.drop(Math.min(excess, this.trimStep));
      this.windowPlayed = 0;
      this.windowLowest = Infinity;
    }
    return result;
  }
}
