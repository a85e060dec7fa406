// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The desktop's sound in the page: Opus packets decoded by WebCodecs' AudioDecoder and played
// through an AudioWorklet with a small jitter buffer (audio-worklet.js, jitter-buffer.js).
// - Browsers start sound only after a user gesture unless autoplay is allowed: the page tries at
//   once, and otherwise starts on the first click or key anywhere in the page. The sound button
//   (shown once the desktop has sound) mutes and unmutes; a muted page asks the server for no
//   sound at all, so it costs no bytes.
// - A browser without AudioDecoder (or AudioWorklet) shows no sound button and keeps the video.
// - Latency: the server stamps each packet with its capture time; the worklet says when what it
//   plays reaches the speakers (getOutputTimestamp), and the ping's clock offset (stats.js) puts
//   both on one clock.

/**
 * @typedef {import('./protocol.js').AudioMessage} AudioMessage
 * @typedef {object} AudioState
 * @property {boolean} available   the desktop has sound (and this browser can play it)
 * @property {boolean} playing     sound plays (unmuted, context running)
 * @property {number} packets      received
 * @property {number} bytes        received, headers included
 * @property {number} decoded      packets decoded
 * @property {number} latencyMs    capture on the server -> out of the speakers (NaN: not known)
 * @property {number} arrivalMs    of that, capture -> the packet reached the page
 * @property {number} bufferedMs   in the jitter buffer
 * @property {number} underruns
 */

// Packets waiting in the decoder beyond which new ones are dropped (the tab was asleep).
const MAX_DECODE_QUEUE = 20;

export class AudioPlayer {
  /**
   * @param {HTMLButtonElement} button  the sound (mute / unmute) button
   * @param {(text: string) => void} send  a control message to the server
   * @param {() => number} clockOffsetUs  server clock - performance.now(), µs (NaN: unknown)
   */
  constructor(button, send, clockOffsetUs) {
    this.button = button;
    this.send = send;
    this.clockOffsetUs = clockOffsetUs;
    this.supported = typeof AudioDecoder !== 'undefined' && typeof AudioWorkletNode !== 'undefined';
    /** @type {AudioState} */
    this.state = {
      available: false, playing: false, packets: 0, bytes: 0, decoded: 0, latencyMs: NaN,
      arrivalMs: NaN, bufferedMs: 0, underruns: 0,
    };
    this.muted = false;  // by the user
    this.sampleRate = 48000;
    this.channels = 2;
    /** @type {AudioContext | null} */
    this.context = null;
    /** @type {AudioWorkletNode | null} */
    this.node = null;
    /** @type {AudioDecoder | null} */
    this.decoder = null;
    /** @type {AnalyserNode | null} what is played, for whoever wants to look (tests) */
    this.analyser = null;
    // The capture times of the packets in the decoder, in order: one output per packet. (The
    // decoder's own output timestamps count on from the first packet, so they drift from the
    // capture times across a gap.)
    /** @type {number[]} */
    this.inDecoder = [];
    button.hidden = true;
    button.addEventListener('click', () => this.toggle());
    // The first gesture anywhere in the page may start sound that autoplay rules held back.
    const gesture = () => {
      if (this.context && this.context.state !== 'running' && !this.muted) this.resume();
    };
    document.addEventListener('pointerdown', gesture, true);
    document.addEventListener('keydown', gesture, true);
  }

  /**
   * The server's `audio` message: the desktop has sound in this format. Also after every
   * (re)connection: the server hears again whether this page plays.
   * @param {any} message
   */
  async format(message) {
    if (!this.supported || message.codec !== 'opus') return;
    this.sampleRate = Number(message.sample_rate) || 48000;
    this.channels = Number(message.channels) || 2;
    this.state.available = true;
    this.button.hidden = false;
    if (!this.context) await this.createContext();
    else this.configureDecoder();
    if (this.context && this.context.state === 'running' && !this.muted) this.play(true);
    this.showButton();
  }

  async createContext() {
    const context = new AudioContext({ sampleRate: this.sampleRate, latencyHint: 'interactive' });
    this.context = context;
    await context.audioWorklet.addModule(new URL('./audio-worklet.js', import.meta.url));
    const node = new AudioWorkletNode(context, 'webdesk-player', {
      numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [this.channels],
    });
    node.port.onmessage = (event) => this.played(event.data);
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = 8192;
    node.connect(this.analyser);
    node.connect(context.destination);
    this.node = node;
    this.configureDecoder();
    context.onstatechange = () => {
      if (context.state === 'running' && !this.muted) this.play(true);
      this.showButton();
    };
  }

  configureDecoder() {
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    /** @type {AudioWorkletNode} */ (this.node).port.postMessage({ type: 'format', channels: this.channels });
    this.inDecoder = [];
    this.decoder = new AudioDecoder({
      output: (data) => this.decoded(data),
      error: () => { this.decoder = null; },  // configured again at the next packet
    });
    this.decoder.configure({ codec: 'opus', sampleRate: this.sampleRate, numberOfChannels: this.channels });
  }

  /**
   * @param {AudioMessage} packet
   * @param {number} bytes  the whole message's size
   */
  packet(packet, bytes) {
    this.state.packets++;
    this.state.bytes += bytes;
    if (!this.state.playing || !this.node) return;
    const offset = this.clockOffsetUs();
    if (!Number.isNaN(offset)) {
      this.state.arrivalMs = (performance.now() * 1000 + offset - packet.captureTimeUs) / 1000;
    }
    if (!this.decoder || this.decoder.state === 'closed') this.configureDecoder();
    const decoder = /** @type {AudioDecoder} */ (this.decoder);
    if (decoder.decodeQueueSize > MAX_DECODE_QUEUE) return;
    try {
      decoder.decode(new EncodedAudioChunk({
        type: 'key', timestamp: packet.captureTimeUs, data: packet.payload,
      }));
      this.inDecoder.push(packet.captureTimeUs);
    } catch {
      this.decoder = null;
    }
  }

  /** @param {AudioData} data */
  decoded(data) {
    this.state.decoded++;
    const planes = [];
    for (let c = 0; c < data.numberOfChannels; c++) {
      const plane = new Float32Array(data.numberOfFrames);
      data.copyTo(plane, { planeIndex: c, format: 'f32-planar' });
      planes.push(plane);
    }
    const captureTimeUs = this.inDecoder.length ? /** @type {number} */ (this.inDecoder.shift()) : data.timestamp;
    data.close();
    if (this.node) {
      this.node.port.postMessage({ type: 'sound', planes, captureTimeUs },
        planes.map((p) => p.buffer));
    }
  }

  /** @param {any} report  from the worklet */
  played(report) {
    this.state.bufferedMs = report.bufferedMs;
    this.state.underruns = report.underruns;
    const offset = this.clockOffsetUs();
    if (!report.played || !this.context || Number.isNaN(offset)) return;
    // When the sample played at contextTime leaves the speakers, on performance.now()'s clock.
    const stamp = this.context.getOutputTimestamp();
    if (stamp.contextTime === undefined || stamp.performanceTime === undefined) return;
    const outMs = stamp.performanceTime + (report.played.contextTime - stamp.contextTime) * 1000;
    this.state.latencyMs = (outMs * 1000 + offset - report.played.captureTimeUs) / 1000;
  }

  /** @param {boolean} play */
  play(play) {
    this.state.playing = play;
    this.send(JSON.stringify({ type: 'audio', play }));
  }

  async resume() {
    if (!this.context) return;
    try {
      await this.context.resume();
    } catch {
      // Still not allowed: the next gesture tries again.
    }
  }

  toggle() {
    if (!this.context) return;
    if (this.state.playing) {
      this.muted = true;
      this.play(false);
    } else {
      this.muted = false;
      if (this.context.state === 'running') this.play(true);
      else this.resume();  // onstatechange starts it
    }
    this.showButton();
  }

  /** A connection was lost: the next one starts without sound until it says otherwise. */
  disconnected() {
    this.state.playing = false;
  }

  showButton() {
    const on = this.state.playing;
    // Words, like the toolbar's other buttons: an emoji shows as a box where no emoji font is.
    this.button.textContent = on ? 'sound on' : 'sound off';
    this.button.title = on ? 'Sound on: click to mute' : 'Sound off: click to hear the desktop';
    this.button.classList.toggle('off', !on);
  }
}
