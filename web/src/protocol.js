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
