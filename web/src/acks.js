// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Acknowledgements. The server keeps a bounded number of frames in flight per viewer and counts
// a frame in flight until the viewer acknowledges it; the viewer acknowledges a frame once it has
// decoded it (the decoder's output) or discarded it undecoded (waiting for a keyframe, a decode
// error, a gap). The server's count then includes the decoder's backlog, and the delay to each
// ack tells it when the decoder falls behind the stream (docs/protocol.md, flow control).
// Frames finish out of order (a discarded one at once, a decoded one later), but an ack means
// "every frame up to this one", so acks go out in the order the frames came, each exactly once.

export class AckQueue {
  /** @param {(sequence: number) => void} send  sends the ack of one frame */
  constructor(send) {
    this.send = send;
    /** @type {number[]} received, not yet acknowledged, in the order they came */
    this.waiting = [];
    /** @type {Set<number>} of those, the ones decoded or discarded */
    this.finishedSet = new Set();
  }

  /** A frame came in. @param {number} sequence */
  received(sequence) {
    this.waiting.push(sequence);
  }

  /**
   * The frame was decoded or discarded: acknowledge it, and the ones after it that finished
   * first, once every frame before it has been acknowledged.
   * @param {number} sequence
   */
  finished(sequence) {
    if (!this.waiting.includes(sequence)) return;  // not received on this connection
    this.finishedSet.add(sequence);
    while (this.waiting.length > 0 && this.finishedSet.has(this.waiting[0])) {
      const next = /** @type {number} */ (this.waiting.shift());
      this.finishedSet.delete(next);
      this.send(next);
    }
  }

  /** A new connection: nothing of the old one is acknowledged any more. */
  reset() {
    this.waiting = [];
    this.finishedSet.clear();
  }

  /** Frames received and not yet acknowledged. */
  get unacknowledged() {
    return this.waiting.length;
  }
}
