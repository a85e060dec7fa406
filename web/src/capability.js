// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Does this browser decode H.264 High 4:4:4? isConfigSupported first, then a real decode of a
// tiny embedded 4:4:4 IDR, because some browsers answer isConfigSupported optimistically and
// then produce no frames (Safari), and some cannot at all (Firefox). The answer goes into the
// hello; the server keeps the stream 4:4:4 only while every viewer says yes.
// Likewise lossless frames (the exact final picture): a tiny embedded stream of a lossy keyframe
// and a lossless P-frame must decode to its picture sample for sample, and draw its grey half
// in full range, pixel for pixel.
import { codecFromAnnexB } from './h264.js';
import { TRIAL_444_IDR_BASE64 } from './trial-444.js';
import { TRIAL_LOSSLESS_FRAMES_BASE64, TRIAL_LOSSLESS_SIZE, trialSample } from './trial-lossless.js';

/** @param {string} base64 */
function bytesFromBase64(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export async function canDecode444(timeoutMs = 3000) {
  if (typeof VideoDecoder === 'undefined') return false;
  const idr = bytesFromBase64(TRIAL_444_IDR_BASE64);
  const codec = codecFromAnnexB(idr);
  if (!codec) return false;
  try {
    const support = await VideoDecoder.isConfigSupported({ codec, optimizeForLatency: true });
    if (!support.supported) return false;
  } catch {
    return false;
  }
  return new Promise((resolve) => {
    let settled = false;
    /** @param {boolean} answer */
    const finish = (answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (decoder.state !== 'closed') decoder.close();
      resolve(answer);
    };
    const decoder = new VideoDecoder({
      output: (frame) => {
        frame.close();
        finish(true);
      },
      error: () => finish(false),
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    try {
      decoder.configure({ codec, optimizeForLatency: true });
      decoder.decode(new EncodedVideoChunk({ type: 'key', timestamp: 0, data: idr }));
      decoder.flush().catch(() => finish(false));
    } catch {
      finish(false);
    }
  });
}

/**
 * Whether the trial's lossless frame came out exactly: its planes (copyTo, I444) are the
 * picture's, and drawn to a canvas its grey half is R = G = B = Y (full range honoured).
 * @param {VideoFrame} frame
 * @returns {Promise<boolean>}
 */
async function isExactTrialPicture(frame) {
  const n = TRIAL_LOSSLESS_SIZE;
  if (frame.format !== 'I444' || frame.displayWidth !== n || frame.displayHeight !== n) return false;
  const rect = { x: 0, y: 0, width: n, height: n };
  const planes = new Uint8Array(frame.allocationSize({ rect }));
  const layout = await frame.copyTo(planes, { rect });
  for (let p = 0; p < 3; p++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (planes[layout[p].offset + y * layout[p].stride + x] !== trialSample(p, x, y)) return false;
      }
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  context.drawImage(frame, 0, 0);
  const rgba = context.getImageData(0, 0, n, n).data;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n / 2; x++) {
      const at = (y * n + x) * 4;
      const grey = trialSample(0, x, y);
      if (rgba[at] !== grey || rgba[at + 1] !== grey || rgba[at + 2] !== grey) return false;
    }
  }
  return true;
}

/**
 * Whether this browser decodes lossless frames exactly (ask only where canDecode444 said yes:
 * they are 4:4:4).
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export async function canDecodeLossless(timeoutMs = 3000) {
  if (typeof VideoDecoder === 'undefined') return false;
  const frames = TRIAL_LOSSLESS_FRAMES_BASE64.map(bytesFromBase64);
  const codec = codecFromAnnexB(frames[0]);
  if (!codec) return false;
  return new Promise((resolve) => {
    let settled = false;
    let outputs = 0;
    /** @param {boolean} answer */
    const finish = (answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (decoder.state !== 'closed') decoder.close();
      resolve(answer);
    };
    const decoder = new VideoDecoder({
      output: (frame) => {
        outputs++;
        if (outputs < frames.length) {
          frame.close();
          return;
        }
        isExactTrialPicture(frame).then(finish, () => finish(false)).finally(() => frame.close());
      },
      error: () => finish(false),
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    try {
      decoder.configure({ codec, optimizeForLatency: true });
      frames.forEach((data, i) => decoder.decode(new EncodedVideoChunk({
        type: i === 0 ? 'key' : 'delta', timestamp: i, data,
      })));
      decoder.flush().then(() => { if (outputs < frames.length) finish(false); },
        () => finish(false));
    } catch {
      finish(false);
    }
  });
}
