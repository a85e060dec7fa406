// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The WebSocket to the sink: connects to /ws beside the page, says hello, hands frames and
// control messages on, and reconnects with exponential backoff when the connection is lost,
// unless the server closed it for a reason a new connection would meet again (closes.js).
import { closeMeaning } from './closes.js';

/**
 * @typedef {object} ConnectionHandlers
 * @property {() => string} hello          the hello to send once open
 * @property {(data: ArrayBuffer) => void} onBinary
 * @property {(message: any) => void} onControl
 * @property {(open: boolean, detail: string, retrying: boolean) => void} onState  `detail`: what
 *   happened, for the user; `retrying`: a new connection will be tried (false: for good)
 */

export class Connection {
  /**
   * @param {string} url
   * @param {ConnectionHandlers} handlers
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    /** @type {WebSocket | null} */
    this.socket = null;
    this.backoffMs = 250;
    this.maxBackoffMs = 5000;
    this.stopped = false;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.retryTimer = null;
    this.retrying = false;
  }

  connect() {
    this.stopped = false;
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.backoffMs = 250;
      socket.send(this.handlers.hello());
      this.retrying = false;
      this.handlers.onState(true, 'connected', false);
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') {
        let message;
        try {
          message = JSON.parse(event.data);
        } catch {
          return;
        }
        this.handlers.onControl(message);
      } else {
        this.handlers.onBinary(event.data);
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const meaning = closeMeaning(event.code, event.reason);
      this.retrying = !this.stopped && !meaning.permanent;
      this.handlers.onState(false, meaning.message, this.retrying);
      if (!this.retrying) return;
      this.retryTimer = setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    };
  }

  /** @param {string | Uint8Array} data  text: JSON control; bytes: a binary message */
  send(data) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  close() {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000, 'page closed');
    this.socket = null;
  }
}
