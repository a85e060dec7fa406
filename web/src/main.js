// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The webdesk viewer: connects to the sink that served this page, decodes its H.264 stream
// with WebCodecs, draws it, and sends input back. While it controls the desktop, the desktop
// follows its window (size in device pixels, pixel ratio). `?decodes444=0` in the URL asks for
// 4:2:0 even where 4:4:4 would decode, `?lossless=0` for lossy final frames even where lossless
// ones would decode; `?resize=0` leaves the desktop's size alone.
import { Connection } from './connection.js';
import { StreamDecoder } from './decoder.js';
import { AckQueue } from './acks.js';
import { canDecode444, canDecodeLossless } from './capability.js';
import { losslessFromAnnexB } from './h264.js';
import { CanvasRenderer } from './renderer.js';
import { CursorView } from './cursor.js';
import { attachInput } from './input.js';
import { ClipboardBridge } from './clipboard.js';
import { SizeReporter } from './resize.js';
import { RoleBadge, roleFromMessage } from './roles.js';
import { Stats } from './stats.js';
import { SoundAndFiles } from './sound-and-files.js';
import { FullScreen } from './fullscreen.js';
import {
  ackMessage, clipboardMessage, controlMessage, helloMessage, keyframeRequestMessage,
  parseFrameMessage, pingMessage, resizeMessage, statsMessage,
} from './protocol.js';

/**
 * What the page knows, also read by the browser tests.
 * @typedef {object} ViewerState
 * @property {boolean} connected
 * @property {string} status
 * @property {boolean} retrying     a new connection will be tried (false after a close for good)
 * @property {string} problem       what the user is told to act on ('' while none)
 * @property {boolean} decodes444
 * @property {boolean} decodesLossless  lossless frames, exactly (the exact final picture)
 * @property {boolean} lossless  the stream's last keyframe allows lossless frames
 * @property {string} codec
 * @property {number} framesDrawn
 * @property {number} keyframeRequests
 * @property {number} unacknowledged  frames received and not yet decoded or discarded
 * @property {Stats} stats
 * @property {string} clipboard     the last clipboard text from the desktop
 * @property {'control' | 'view'} role  whether this page's input reaches the desktop
 * @property {boolean} canControl   may take control (not a view-only login)
 * @property {number} clientId
 * @property {import('./audio-player.js').AudioState} audio
 * @property {import('./audio-player.js').AudioPlayer} audioPlayer  (its analyser: what is played)
 * @property {import('./microphone.js').Microphone} microphone
 * @property {import('./files.js').FilesState} files
 * @property {import('./fullscreen.js').FullScreenState} fullScreen
 */

const statusLine = /** @type {HTMLElement} */ (document.getElementById('status'));

/**
 * Something went wrong: say so in the status line, rather than show "connecting" (or a silent
 * page) for ever. `fatal`: the page cannot go on (it did not start).
 * @param {unknown} error
 * @param {boolean} fatal
 */
function reportFailure(error, fatal) {
  const what = error instanceof Error ? error.message : String(error);
  const state = /** @type {any} */ (window).webdesk;
  const message = fatal
    ? `webdesk could not start: ${what}. Reload the page; if it happens again, try Chromium, ` +
      'Chrome or Edge, and report it.'
    : `webdesk: something failed (${what}); if the picture or the keyboard stop working, ` +
      'reload the page.';
  if (state && !state.problem) state.problem = message;
  statusLine.textContent = message;
  console.error(error);
}

async function start() {
  const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('screen'));
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
  const decodesLossless = decodes444 && params.get('lossless') !== '0' && await canDecodeLossless();

  const stats = new Stats();
  /** @type {Connection} */
  let connection;
  const extras = new SoundAndFiles((data) => connection.send(data), () => stats.clockOffsetUs);
  /** @type {ViewerState} */
  const state = {
    connected: false, status: 'connecting', retrying: true, problem: '', decodes444,
    decodesLossless, lossless: false, codec: '', framesDrawn: 0,
    keyframeRequests: 0, unacknowledged: 0, stats, clipboard: '', role: 'view', canControl: false,
    clientId: 0, audio: extras.player.state, audioPlayer: extras.player, microphone: extras.microphone,
    files: extras.files.state, fullScreen: { active: false, keysLocked: false, problem: '' },
  };
  /** @type {any} */ (window).webdesk = state;

  const renderer = new CanvasRenderer(canvas);
  const cursor = new CursorView(canvas);
  const wsUrl = new URL('ws', location.href);
  wsUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

  const clipboard = new ClipboardBridge((text) => connection.send(clipboardMessage(text)));
  const sizes = new SizeReporter((width, height, scale) =>
    connection.send(resizeMessage(width, height, scale)));
  const badge = new RoleBadge(/** @type {HTMLElement} */ (document.getElementById('role')),
    () => connection.send(controlMessage('take')));
  // Only the newest decoded frame is drawn, once per display refresh: a frame that another one
  // replaced before the screen showed it is closed undrawn, so a page that falls behind catches
  // up instead of drawing every frame late.
  /** @type {VideoFrame | null} */
  let newest = null;
  const drawNewest = () => {
    if (!newest) return;
    const width = renderer.width;
    renderer.draw(newest);
    if (renderer.width !== width) cursor.apply();  // the canvas's CSS size changed
    newest.close();
    newest = null;
    state.framesDrawn++;
  };
  // Frames are acknowledged once decoded (or discarded), so the server paces the stream to
  // what this page decodes rather than to what the network delivers.
  const acks = new AckQueue((sequence) => {
    connection.send(ackMessage(sequence));
    state.unacknowledged = acks.unacknowledged;
  });
  const decoder = new StreamDecoder(
    (frame, info) => {
      stats.decoded(info.captureTimeUs);
      if (newest) newest.close();
      else requestAnimationFrame(drawNewest);
      newest = frame;
    },
    (reason) => {
      state.keyframeRequests++;
      connection.send(keyframeRequestMessage(reason));
    },
    (sequence) => acks.finished(sequence),
  );
  decoder.onUndecodable = (codec, reason) => {
    state.problem = `webdesk: this browser cannot decode the stream (${codec}; ${reason}). Try ` +
      'Chromium, Chrome or Edge; if the stream is H.264 4:4:4 (avc1.F4…), open this page with ' +
      '?decodes444=0 to ask for 4:2:0.';
    statusLine.textContent = state.problem;
  };

  /** @type {Map<number, number>} */
  const pings = new Map();
  let pingId = 0;
  // Pings (the clock offset and round trip for the latency figures) go every second while
  // frames or sound arrive, or the figures are shown; a still desktop sends nothing else, so
  // then one every QUIET_PING_S keeps its cost to a few bytes a minute.
  const QUIET_PING_S = 20;
  let lastBinaryAt = 0;
  let quietSeconds = 0;

  connection = new Connection(wsUrl.href, {
    hello: () => helloMessage(decodes444, navigator.userAgent, decodesLossless),
    onBinary: (data) => {
      lastBinaryAt = performance.now();
      if (extras.binary(data)) return;
      const frame = parseFrameMessage(data);
      if (!frame) return;
      stats.received(data.byteLength);
      acks.received(frame.sequence);
      state.unacknowledged = acks.unacknowledged;
      decoder.push(frame);  // acknowledged when decoded or discarded
      state.codec = decoder.codec;
      if (frame.keyframe) state.lossless = losslessFromAnnexB(frame.payload) === true;
    },
    onControl: (message) => {
      if (extras.control(message)) return;
      if (message.type === 'pong' && pings.has(message.id)) {
        stats.pong(/** @type {number} */ (pings.get(message.id)), message.server_time_us);
        pings.delete(message.id);
      } else if (message.type === 'cursor') {
        cursor.show(message);
      } else if (message.type === 'clipboard' && typeof message.text === 'string') {
        state.clipboard = message.text;
        clipboard.desktopChanged(message.text);
      } else if (message.type === 'hello' && typeof message.client_id === 'number') {
        state.clientId = message.client_id;
      } else if (message.type === 'role') {
        const role = roleFromMessage(message);
        if (!role) return;
        state.role = role.role;
        state.canControl = role.canControl;
        badge.show(role);
        extras.role(role);
        // The desktop takes the size of the window of whoever controls it (not with ?resize=0).
        sizes.setEnabled(role.role === 'control' && params.get('resize') !== '0');
      }
    },
    onState: (open, detail, retrying) => {
      state.connected = open;
      state.status = detail;
      state.retrying = retrying;
      if (!open && !retrying) state.problem = `webdesk: ${detail}`;
      statusLine.textContent = state.problem ||
        (open ? '' : `webdesk: ${detail}${retrying ? ', reconnecting' : ''}`);
      if (!open) sizes.setEnabled(false);  // the next connection hears its role anew
      extras.connection(open);
      if (open) {
        decoder.forget();
        acks.reset();
        state.unacknowledged = 0;
      }
    },
  });
  connection.connect();
  attachInput(canvas, renderer, (text) => connection.send(text), { clipboard });
  state.fullScreen = new FullScreen(
    /** @type {HTMLButtonElement} */ (document.getElementById('fullscreen')), canvas).state;

  // Paste into the desktop: the browser's clipboard goes upstream on Ctrl+V (before the key).
  document.addEventListener('paste', (e) => {
    clipboard.pasted(e.clipboardData ? e.clipboardData.getData('text/plain') : '');
    e.preventDefault();
  });

  const ping = () => {
    pings.set(++pingId, performance.now());
    connection.send(pingMessage(pingId));
  };
  setInterval(() => {
    stats.tick();
    overlay.textContent = stats.text();
    if (state.connected) {
      const busy = performance.now() - lastBinaryAt < 5000 || !overlay.hidden;
      if (busy || ++quietSeconds >= QUIET_PING_S) {
        quietSeconds = 0;
        ping();
      }
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

// Whatever fails, the page says so: at start-up, in a callback, in a promise nobody awaits.
window.addEventListener('unhandledrejection', (event) => reportFailure(event.reason, false));
window.addEventListener('error', (event) => {
  // Exceptions only: the browser also reports harmless things here without an error object.
  if (event.error instanceof Error) reportFailure(event.error, false);
});
start().catch((error) => reportFailure(error, true));
