// @ts-check
// The webdesk viewer: connects to the sink that served this page, decodes its H.264 stream
// with WebCodecs, draws it, and sends input back. `?decodes444=0` in the URL asks for 4:2:0
// even where 4:4:4 would decode.
import { Connection } from './connection.js';
import { StreamDecoder } from './decoder.js';
import { canDecode444 } from './capability.js';
import { CanvasRenderer } from './renderer.js';
import { CursorView } from './cursor.js';
import { attachInput } from './input.js';
import { Stats } from './stats.js';
import {
  ackMessage, clipboardMessage, helloMessage, keyframeRequestMessage, parseFrameMessage,
  pingMessage, statsMessage,
} from './protocol.js';

/**
 * What the page knows, also read by the browser tests.
 * @typedef {object} ViewerState
 * @property {boolean} connected
 * @property {string} status
 * @property {boolean} decodes444
 * @property {string} codec
 * @property {number} framesDrawn
 * @property {number} keyframeRequests
 * @property {Stats} stats
 * @property {string} clipboard     the last clipboard text from the desktop
 */

async function start() {
  const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
  const statusLine = /** @type {HTMLElement} */ (document.getElementById('status'));
  const overlay = /** @type {HTMLElement} */ (document.getElementById('stats'));
  const toggle = /** @type {HTMLButtonElement} */ (document.getElementById('stats-toggle'));

  const params = new URLSearchParams(location.search);
  if (typeof VideoDecoder === 'undefined') {
    statusLine.textContent = window.isSecureContext
      ? 'This browser has no WebCodecs VideoDecoder.'
      : 'WebCodecs needs a secure context: open this page over https or on localhost.';
    return;
  }
  const decodes444 = params.get('decodes444') === '0' ? false : await canDecode444();

  const stats = new Stats();
  /** @type {ViewerState} */
  const state = {
    connected: false, status: 'connecting', decodes444, codec: '', framesDrawn: 0,
    keyframeRequests: 0, stats, clipboard: '',
  };
  /** @type {any} */ (window).webdesk = state;

  const renderer = new CanvasRenderer(canvas);
  const cursor = new CursorView(canvas);
  const wsUrl = new URL('ws', location.href);
  wsUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

  /** @type {Connection} */
  let connection;
  const decoder = new StreamDecoder(
    (frame, info) => {
      const width = renderer.width;
      renderer.draw(frame);
      if (renderer.width !== width) cursor.apply();  // the canvas's CSS size changed
      frame.close();
      state.framesDrawn++;
      stats.decoded(info.captureTimeUs);
    },
    (reason) => {
      state.keyframeRequests++;
      connection.send(keyframeRequestMessage(reason));
    },
  );

  /** @type {Map<number, number>} */
  const pings = new Map();
  let pingId = 0;

  connection = new Connection(wsUrl.href, {
    hello: () => helloMessage(decodes444, navigator.userAgent),
    onBinary: (data) => {
      const frame = parseFrameMessage(data);
      if (!frame) return;
      stats.received(data.byteLength);
      // Acknowledge on receipt: the server's flow control counts frames in flight on the wire.
      connection.send(ackMessage(frame.sequence));
      decoder.push(frame);
      state.codec = decoder.codec;
    },
    onControl: (message) => {
      if (message.type === 'pong' && pings.has(message.id)) {
        stats.pong(/** @type {number} */ (pings.get(message.id)), message.server_time_us);
        pings.delete(message.id);
      } else if (message.type === 'cursor') {
        cursor.show(message);
      } else if (message.type === 'clipboard' && typeof message.text === 'string') {
        state.clipboard = message.text;
        if (navigator.clipboard && document.hasFocus()) {
          navigator.clipboard.writeText(message.text).catch(() => {});
        }
      }
    },
    onState: (open, detail) => {
      state.connected = open;
      state.status = detail;
      statusLine.textContent = open ? '' : `webdesk: ${detail}, reconnecting`;
      if (open) {
        decoder.waitingForKeyframe = true;
        decoder.lastSequence = -1;
      }
    },
  });
  connection.connect();
  attachInput(canvas, renderer, (text) => connection.send(text));

  // Paste into the desktop: the browser's clipboard goes upstream on Ctrl+V / paste.
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (text) connection.send(clipboardMessage(text));
  });

  const ping = () => {
    pings.set(++pingId, performance.now());
    connection.send(pingMessage(pingId));
  };
  setInterval(() => {
    stats.tick();
    overlay.textContent = stats.text();
    if (state.connected) {
      ping();
      if (stats.fps > 0) connection.send(statsMessage(stats.fps, Number.isNaN(stats.latencyMs) ? -1 : stats.latencyMs));
    }
  }, 1000);
  setTimeout(ping, 100);

  toggle.addEventListener('click', () => {
    overlay.hidden = !overlay.hidden;
  });
  window.addEventListener('resize', () => {
    renderer.fit();
    cursor.apply();
  });
}

start();
