// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// webdesk's WebSocket protocol, client side: the constants and the frame header of
// docs/protocol.md (mirrors ext/soup/protocol.h and frame-header.cpp), and builders for the
// JSON control messages a client sends.

export const PROTOCOL_VERSION = 1;
export const MESSAGE_VIDEO_FRAME = 0x01;
export const FLAG_KEYFRAME = 1 << 0;
export const FLAG_REFINE = 1 << 1;
export const FLAG_FINAL = 1 << 2;
export const FLAG_CAPTURE_TIME_FROM_SOURCE = 1 << 3;
export const FRAME_HEADER_LENGTH = 24;
export const MESSAGE_AUDIO = 0x02;
export const AUDIO_FLAG_DISCONT = 1 << 0;
export const AUDIO_HEADER_LENGTH = 16;

/**
 * A video frame as received: the header's fields and the annex-B access unit.
 * @typedef {object} FrameMessage
 * @property {number} flags
 * @property {boolean} keyframe
 * @property {boolean} refine
 * @property {boolean} final
 * @property {number} sequence
 * @property {number} captureTimeUs  server CLOCK_MONOTONIC, microseconds
 * @property {number} width
 * @property {number} height
 * @property {Uint8Array} payload
 */

/**
 * Reads a binary message; null when it is not a video frame this client understands.
 * @param {ArrayBuffer} buffer
 * @returns {FrameMessage | null}
 */
export function parseFrameMessage(buffer) {
  if (buffer.byteLength < FRAME_HEADER_LENGTH) return null;
  const view = new DataView(buffer);
  if (view.getUint8(0) !== MESSAGE_VIDEO_FRAME || view.getUint8(1) !== PROTOCOL_VERSION) return null;
  const headerLength = view.getUint8(3);
  if (headerLength < FRAME_HEADER_LENGTH || headerLength > buffer.byteLength) return null;
  const flags = view.getUint8(2);
  const payloadBytes = view.getUint32(20, false);
  if (headerLength + payloadBytes !== buffer.byteLength) return null;
  return {
    flags,
    keyframe: (flags & FLAG_KEYFRAME) !== 0,
    refine: (flags & FLAG_REFINE) !== 0,
    final: (flags & FLAG_FINAL) !== 0,
    sequence: view.getUint32(4, false),
    captureTimeUs: Number(view.getBigUint64(8, false)),
    width: view.getUint16(16, false),
    height: view.getUint16(18, false),
    payload: new Uint8Array(buffer, headerLength, payloadBytes),
  };
}

/**
 * An audio packet, either way (docs/protocol.md, "Audio packets"): one Opus packet.
 * @typedef {object} AudioMessage
 * @property {number} flags
 * @property {boolean} discont  packets (silence) were left out before this one
 * @property {number} sequence
 * @property {number} captureTimeUs  the sender's CLOCK_MONOTONIC, microseconds
 * @property {Uint8Array} payload
 */

/**
 * Reads a binary message; null when it is not an audio packet this client understands.
 * @param {ArrayBuffer} buffer
 * @returns {AudioMessage | null}
 */
export function parseAudioMessage(buffer) {
  if (buffer.byteLength <= AUDIO_HEADER_LENGTH) return null;
  const view = new DataView(buffer);
  if (view.getUint8(0) !== MESSAGE_AUDIO || view.getUint8(1) !== PROTOCOL_VERSION) return null;
  const headerLength = view.getUint8(3);
  if (headerLength < AUDIO_HEADER_LENGTH || headerLength >= buffer.byteLength) return null;
  const flags = view.getUint8(2);
  return {
    flags,
    discont: (flags & AUDIO_FLAG_DISCONT) !== 0,
    sequence: view.getUint32(4, false),
    captureTimeUs: Number(view.getBigUint64(8, false)),
    payload: new Uint8Array(buffer, headerLength),
  };
}

/**
 * An audio packet to send (the microphone).
 * @param {number} sequence
 * @param {number} captureTimeUs
 * @param {Uint8Array} payload  one Opus packet
 * @param {number} [flags]
 * @returns {Uint8Array}
 */
export function audioMessage(sequence, captureTimeUs, payload, flags = 0) {
  const bytes = new Uint8Array(AUDIO_HEADER_LENGTH + payload.byteLength);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, MESSAGE_AUDIO);
  view.setUint8(1, PROTOCOL_VERSION);
  view.setUint8(2, flags);
  view.setUint8(3, AUDIO_HEADER_LENGTH);
  view.setUint32(4, sequence >>> 0, false);
  view.setBigUint64(8, BigInt(Math.max(0, Math.round(captureTimeUs))), false);
  bytes.set(payload, AUDIO_HEADER_LENGTH);
  return bytes;
}

/** @param {ArrayBuffer} buffer  the first byte: MESSAGE_VIDEO_FRAME, MESSAGE_AUDIO, ... */
export function messageType(buffer) {
  return buffer.byteLength > 0 ? new DataView(buffer).getUint8(0) : -1;
}

/**
 * Send the desktop's sound to this page (true), or stop (false).
 * @param {boolean} play
 */
export function audioPlayMessage(play) {
  return JSON.stringify({ type: 'audio', play });
}

/**
 * @param {boolean} decodes444
 * @param {string} agent
 * @param {boolean} [decodesLossless]  lossless frames, exactly (since revision 1.1)
 */
export function helloMessage(decodes444, agent, decodesLossless = false) {
  return JSON.stringify({
    type: 'hello', protocol: PROTOCOL_VERSION, decodes_444: decodes444,
    decodes_lossless: decodesLossless, agent,
  });
}

/** @param {number} sequence */
export function ackMessage(sequence) {
  return JSON.stringify({ type: 'ack', sequence });
}

/** @param {string} reason */
export function keyframeRequestMessage(reason) {
  return JSON.stringify({ type: 'keyframe-request', reason });
}

/** @param {number} id */
export function pingMessage(id) {
  return JSON.stringify({ type: 'ping', id });
}

/**
 * @param {number} fps
 * @param {number} latencyMs
 */
export function statsMessage(fps, latencyMs) {
  return JSON.stringify({ type: 'stats', fps, latency_ms: latencyMs });
}

/**
 * Pointer messages: x, y in buffer pixels; button 1 = left, 2 = middle, 3 = right.
 * @param {'pointer-move' | 'pointer-down' | 'pointer-up'} type
 * @param {number} x
 * @param {number} y
 * @param {number} [button]
 */
export function pointerMessage(type, x, y, button) {
  return JSON.stringify(type === 'pointer-move' ? { type, x, y } : { type, x, y, button });
}

/**
 * Wheel: dx, dy in notches (1 = one wheel click), positive = right / down.
 * @param {number} x
 * @param {number} y
 * @param {number} dx
 * @param {number} dy
 */
export function wheelMessage(x, y, dx, dy) {
  return JSON.stringify({ type: 'wheel', x, y, dx, dy });
}

/**
 * @param {'key-down' | 'key-up'} type
 * @param {string} key   X keysym name ("a", "Return", "Left")
 * @param {number} code  Linux evdev key code (0 = unknown)
 * @param {string} [text] what the key typed
 */
export function keyMessage(type, key, code, text) {
  return JSON.stringify(text ? { type, key, code, text } : { type, key, code });
}

/**
 * @param {number} width   device pixels
 * @param {number} height
 * @param {number} scale   device pixel ratio
 */
export function resizeMessage(width, height, scale) {
  return JSON.stringify({ type: 'resize', width, height, scale });
}

/**
 * Text to type as it is: an IME's composition, a virtual keyboard's or dictation's text.
 * @param {string} text
 */
export function textMessage(text) {
  return JSON.stringify({ type: 'text', text });
}

/**
 * What an input method is composing (shown inside applications that support it); an empty
 * text ends a composition that was cancelled. `cursor` counts characters (code points).
 * @param {string} text
 * @param {number} cursor
 */
export function preeditMessage(text, cursor) {
  return JSON.stringify({ type: 'preedit', text, cursor });
}

/** @param {string} text */
export function clipboardMessage(text) {
  return JSON.stringify({ type: 'clipboard', text });
}

/**
 * Control of the desktop: take it (a full-access viewer), or give it to another client.
 * @param {'take' | 'give'} action
 * @param {number} [clientId]  for give
 */
export function controlMessage(action, clientId) {
  return JSON.stringify(action === 'give' ? { type: 'control', action, client_id: clientId } : { type: 'control', action });
}
