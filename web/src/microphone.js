// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The microphone, from the page that controls the desktop to the desktop's default input:
// getUserMedia, 10 ms pieces from an AudioWorklet (capture-worklet.js), WebCodecs AudioEncoder
// (Opus, 48 kHz mono), one binary audio message per packet (docs/protocol.md). The button shows
// only where it can work: the browser has AudioEncoder, the server has a microphone (its
// `microphone` message) and this page controls the desktop (the server drops anyone else's).
import { audioMessage } from './protocol.js';

export const MICROPHONE_BITRATE = 32000;

export class Microphone {
  /**
   * @param {HTMLButtonElement} button
   * @param {(bytes: Uint8Array) => void} sendBinary
   */
  constructor(button, sendBinary) {
    this.button = button;
    this.sendBinary = sendBinary;
    this.supported = typeof AudioEncoder !== 'undefined' && typeof AudioWorkletNode !== 'undefined' &&
      !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
    this.available = false;  // the server takes a microphone
    this.controlling = false;
    this.active = false;
    this.packets = 0;
    this.sequence = 0;
    /** @type {string} why the last start failed ('' when it did not) */
    this.error = '';
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {AudioContext | null} */
    this.context = null;
    /** @type {AudioEncoder | null} */
    this.encoder = null;
    button.hidden = true;
    button.addEventListener('click', () => (this.active ? this.stop() : this.start()));
    this.show();
  }

  /** @param {boolean} available  the server's `microphone` message */
  setAvailable(available) {
    this.available = available;
    if (!available) this.stop();
    this.show();
  }

  /** @param {boolean} controlling  this page controls the desktop */
  setControlling(controlling) {
    this.controlling = controlling;
    if (!controlling) this.stop();
    this.show();
  }

  async start() {
    if (this.active || !this.supported) return;
    this.active = true;
    this.error = '';
    this.show();
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
      });
      const context = new AudioContext({ sampleRate: 48000 });
      this.context = context;
      await context.audioWorklet.addModule(new URL('./capture-worklet.js', import.meta.url));
      const node = new AudioWorkletNode(context, 'webdesk-capture', { numberOfOutputs: 0 });
      context.createMediaStreamSource(this.stream).connect(node);
      this.encoder = new AudioEncoder({
        output: (chunk) => {
          const payload = new Uint8Array(chunk.byteLength);
          chunk.copyTo(payload);
          this.packets++;
          this.sendBinary(audioMessage(this.sequence++, chunk.timestamp, payload));
        },
        error: (e) => this.fail(String(e)),
      });
      this.encoder.configure({
        codec: 'opus', sampleRate: context.sampleRate, numberOfChannels: 1,
        bitrate: MICROPHONE_BITRATE, opus: { frameDuration: 10000 },
      });
      node.port.onmessage = (event) => {
        if (!this.encoder || this.encoder.state !== 'configured') return;
        /** @type {Float32Array<ArrayBuffer>} */
        const piece = event.data;
        const data = new AudioData({
          format: 'f32-planar', sampleRate: context.sampleRate, numberOfFrames: piece.length,
          numberOfChannels: 1, timestamp: Math.round(performance.now() * 1000), data: piece,
        });
        this.encoder.encode(data);
        data.close();
      };
      if (!this.active) this.stop();  // stopped while starting
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  /** @param {string} why */
  fail(why) {
    this.error = why;
    this.stop();
  }

  stop() {
    this.active = false;
    if (this.encoder && this.encoder.state !== 'closed') this.encoder.close();
    this.encoder = null;
    if (this.context) this.context.close();
    this.context = null;
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.show();
  }

  show() {
    this.button.hidden = !(this.supported && this.available && this.controlling);
    this.button.classList.toggle('off', !this.active);
    this.button.textContent = this.active ? 'microphone on' : 'microphone';
    this.button.title = this.error ? `Microphone: ${this.error}`
      : this.active ? 'Microphone on: the desktop hears you; click to stop'
        : 'Microphone off: click to let the desktop hear you';
  }
}
