// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Frames per second, bitrate and latency (capture on the server -> decoded here), shown in a
// small overlay that can be toggled, and reported to the server once a second.
//
// The capture time is the server's CLOCK_MONOTONIC; ping/pong gives the offset between it and
// performance.now() (the sample with the shortest round trip wins).

export class Stats {
  constructor() {
    this.framesDecoded = 0;
    this.keyframes = 0;
    this.bytes = 0;
    /** @type {number[]} */
    this.latenciesMs = [];
    this.fps = 0;
    this.bitsPerSecond = 0;
    this.latencyMs = NaN;
    this.clockOffsetUs = NaN;
    this.bestRttUs = Infinity;
    this.windowStart = performance.now();
    this.windowFrames = 0;
    this.windowBytes = 0;
  }

  /** @param {number} bytes */
  received(bytes) {
    this.bytes += bytes;
    this.windowBytes += bytes;
  }

  /** @param {number} captureTimeUs server clock */
  decoded(captureTimeUs) {
    this.framesDecoded++;
    this.windowFrames++;
    if (!Number.isNaN(this.clockOffsetUs) && captureTimeUs > 0) {
      const nowServerUs = performance.now() * 1000 + this.clockOffsetUs;
      this.latenciesMs.push((nowServerUs - captureTimeUs) / 1000);
    }
  }

  /**
   * @param {number} sentMs   performance.now() when the ping left
   * @param {number} serverTimeUs
   */
  pong(sentMs, serverTimeUs) {
    const nowMs = performance.now();
    const rttUs = (nowMs - sentMs) * 1000;
    if (rttUs <= this.bestRttUs) {
      this.bestRttUs = rttUs;
      this.clockOffsetUs = serverTimeUs - ((sentMs + nowMs) / 2) * 1000;
    }
  }

  /** Closes the current one-second window. */
  tick() {
    const now = performance.now();
    const seconds = Math.max(0.001, (now - this.windowStart) / 1000);
    this.fps = this.windowFrames / seconds;
    this.bitsPerSecond = (this.windowBytes * 8) / seconds;
    const sorted = this.latenciesMs.sort((a, b) => a - b);
    this.latencyMs = sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
    this.latenciesMs = [];
    this.windowStart = now;
    this.windowFrames = 0;
    this.windowBytes = 0;
  }

  text() {
    const rate = this.bitsPerSecond >= 1e6
      ? `${(this.bitsPerSecond / 1e6).toFixed(2)} Mbit/s`
      : `${(this.bitsPerSecond / 1e3).toFixed(0)} kbit/s`;
    const latency = Number.isNaN(this.latencyMs) ? '-' : `${this.latencyMs.toFixed(1)} ms`;
    return `${this.fps.toFixed(1)} fps | ${rate} | latency ${latency}`;
  }
}
