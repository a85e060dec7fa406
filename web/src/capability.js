// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Does this browser decode H.264 High 4:4:4? isConfigSupported first, then a real decode of a
// tiny embedded 4:4:4 IDR, because some browsers answer isConfigSupported optimistically and
// then produce no frames (Safari), and some cannot at all (Firefox). The answer goes into the
// hello; the server keeps the stream 4:4:4 only while every viewer says yes.
import { codecFromAnnexB } from './h264.js';
import { TRIAL_444_IDR_BASE64 } from './trial-444.js';

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
