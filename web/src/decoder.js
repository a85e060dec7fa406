// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Decodes the stream with WebCodecs: annex B (no description), optimizeForLatency, configured
// from the codec string in each keyframe's SPS (a new SPS, e.g. 4:4:4 -> 4:2:0, reconfigures).
// A decode error, a gap in the sequence or a decoder falling behind asks for a keyframe and
// waits for it. A stream this browser cannot decode (the decoder fails at keyframe after
// keyframe, nothing decoded in between) is given up after a few tries: keyframe requests would
// only make the server send every viewer a keyframe a second, for nothing. Every frame pushed is
// reported done exactly once: when the decoder outputs it, or when it is discarded undecoded
// (the viewer acknowledges it then: acks.js).
import { codecFromAnnexB } from './h264.js';

/**
 * @typedef {import('./protocol.js').FrameMessage} FrameMessage
 * @typedef {object} DecodedInfo
 * @property {number} sequence
 * @property {number} captureTimeUs
 * @property {boolean} refine
 */

// Frames waiting in the decoder beyond which it is "behind" and starts again at a keyframe.
// Generous: a 1080p keyframe alone takes a software decoder longer than the frames behind it,
// so asking for one early turns a short backlog into a long stall.
const MAX_DECODE_QUEUE = 60;

// Decoder failures in a row (an error, a configuration refused), no frame decoded in between,
// after which this browser is taken not to decode the stream's codec.
export const MAX_DECODE_FAILURES = 3;

export class StreamDecoder {
  /**
   * @param {(frame: VideoFrame, info: DecodedInfo) => void} onFrame  must close the frame
   * @param {(reason: string) => void} onNeedKeyframe
   * @param {(sequence: number) => void} [onDone]  the frame was decoded or discarded
   */
  constructor(onFrame, onNeedKeyframe, onDone = () => {}) {
    this.onFrame = onFrame;
    this.onNeedKeyframe = onNeedKeyframe;
    this.onDone = onDone;
    /** @type {VideoDecoder | null} */
    this.decoder = null;
    this.codec = '';
    this.waitingForKeyframe = true;
    this.lastSequence = -1;
    /** @type {Map<number, DecodedInfo>} */
    this.pending = new Map();
    this.errors = 0;
    this.failures = 0;
    /** The codec this browser failed to decode ('' while none): its keyframes are not tried. */
    this.undecodable = '';
    /** Told once, when a codec is given up. @type {(codec: string, reason: string) => void} */
    this.onUndecodable = () => {};
  }

  /** @param {string} codec */
  configure(codec) {
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.discardPending();
    this.decoder = new VideoDecoder({
      output: (frame) => {
        this.failures = 0;
        const info = this.pending.get(frame.timestamp);
        if (info) {
          // Output comes in decode order (no B-frames): a frame still pending before this one
          // will never come out; it is done too.
          for (const sequence of this.pending.keys()) {
            if (sequence === frame.timestamp) break;
            this.pending.delete(sequence);
            this.onDone(sequence);
          }
          this.pending.delete(frame.timestamp);
        }
        this.onFrame(frame, info || { sequence: frame.timestamp, captureTimeUs: 0, refine: false });
        if (info) this.onDone(info.sequence);
      },
      error: (error) => this.fail(`decode-error: ${error.message}`),
    });
    this.decoder.configure({ codec, optimizeForLatency: true });
    this.codec = codec;
  }

  /** Frames in the decoder that will not come out (it was closed): done, undecoded. */
  discardPending() {
    const sequences = [...this.pending.keys()];
    this.pending.clear();
    for (const sequence of sequences) this.onDone(sequence);
  }

  /** A new connection: frames still in the decoder belong to the old one (not reported). */
  forget() {
    this.pending.clear();
    this.waitingForKeyframe = true;
    this.lastSequence = -1;
  }

  /**
   * @param {string} reason
   * @param {boolean} [askForKeyframe]
   */
  lose(reason, askForKeyframe = true) {
    this.errors++;
    this.waitingForKeyframe = true;
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    this.discardPending();
    if (askForKeyframe) this.onNeedKeyframe(reason);
  }

  /** The decoder itself failed (not a gap or a backlog). @param {string} reason */
  fail(reason) {
    if (++this.failures < MAX_DECODE_FAILURES) {
      this.lose(reason);
      return;
    }
    this.undecodable = this.codec;
    this.lose(reason, false);
    this.onUndecodable(this.codec, reason);
  }

  /**
   * Decodes the frame, or discards it (then it is done at once).
   * @param {FrameMessage} frame
   */
  push(frame) {
    if (!this.decode(frame)) this.onDone(frame.sequence);
  }

  /**
   * @param {FrameMessage} frame
   * @returns {boolean} whether the frame went to the decoder (or was discarded with it, by lose)
   */
  decode(frame) {
    const gap = this.lastSequence >= 0 && frame.sequence !== ((this.lastSequence + 1) >>> 0);
    this.lastSequence = frame.sequence;
    if (frame.keyframe) {
      const codec = codecFromAnnexB(frame.payload);
      if (!codec || codec === this.undecodable) return false;
      if (this.undecodable) {
        this.undecodable = '';  // the stream changed (4:4:4 to 4:2:0, say): try it
        this.failures = 0;
      }
      if (!this.decoder || this.decoder.state === 'closed' || codec !== this.codec) {
        try {
          this.configure(codec);
        } catch (e) {
          this.codec = codec;
          this.fail(`configure failed for ${codec}`);
          return false;
        }
      }
      this.waitingForKeyframe = false;
    } else if (this.waitingForKeyframe || !this.decoder) {
      return false;
    } else if (gap) {
      this.lose('gap');
      return false;
    } else if (this.decoder.decodeQueueSize > MAX_DECODE_QUEUE) {
      this.lose('decoder behind');
      return false;
    }
    // The sequence number is the timestamp: it is unique (refinement frames share a capture time).
    this.pending.set(frame.sequence, {
      sequence: frame.sequence,
      captureTimeUs: frame.captureTimeUs,
      refine: frame.refine,
    });
    try {
      /** @type {VideoDecoder} */ (this.decoder).decode(
        new EncodedVideoChunk({
          type: frame.keyframe ? 'key' : 'delta',
          timestamp: frame.sequence,
          data: frame.payload,
        }),
      );
    } catch (e) {
      this.fail('decode threw');  // discards this frame with the others pending
    }
    return true;
  }
}
