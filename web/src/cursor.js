// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The desktop's pointer cursor as the canvas's CSS cursor, from the server's `cursor` message
// (docs/protocol.md): the browser moves it, so pointer movement needs no round trip. The image
// becomes a PNG data URL (encoded once per distinct image), shown at its true size on HiDPI
// screens and on a canvas shrunk to fit the window.

/**
 * @typedef {object} CursorImage
 * @property {'default' | 'hidden' | 'image'} kind
 * @property {number} width       image pixels
 * @property {number} height
 * @property {number} hotspotX    image pixels
 * @property {number} hotspotY
 * @property {number} scale       image pixels per frame pixel
 * @property {Uint8ClampedArray<ArrayBuffer>} rgba  straight-alpha RGBA, width * height * 4 bytes
 * @property {string} key         identifies the picture (for the cache)
 */

const MAX_SIZE = 256;
const CACHE_ENTRIES = 32;

/**
 * A `cursor` message as a cursor, or null when it is malformed.
 * @param {any} message
 * @returns {CursorImage | null}
 */
export function cursorFromMessage(message) {
  if (!message || message.type !== 'cursor') return null;
  const empty = {
    width: 0, height: 0, hotspotX: 0, hotspotY: 0, scale: 1, rgba: new Uint8ClampedArray(0), key: '',
  };
  if (message.hidden === true) return { kind: 'hidden', ...empty };
  if (typeof message.rgba !== 'string') return { kind: 'default', ...empty };
  const { width, height } = message;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1
    || width > MAX_SIZE || height > MAX_SIZE) return null;
  let bytes;
  try {
    bytes = Uint8ClampedArray.from(atob(message.rgba), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  if (bytes.length !== width * height * 4) return null;
  const clamp = (/** @type {any} */ v, /** @type {number} */ max) => (
    Number.isFinite(v) ? Math.max(0, Math.min(max, Math.round(v))) : 0);
  const scale = Number.isFinite(message.scale) && message.scale > 0 ? message.scale : 1;
  return {
    kind: 'image', width, height, hotspotX: clamp(message.hotspot_x, width - 1),
    hotspotY: clamp(message.hotspot_y, height - 1), scale, rgba: bytes,
    key: `${width}x${height}:${message.rgba}`,
  };
}

/**
 * The CSS `cursor` value for an image URL. `ratio` is image pixels per CSS pixel: 1 gives a
 * plain url(); otherwise image-set() gives the image its resolution (the hotspot is then in CSS
 * pixels).
 * @param {string} url
 * @param {number} hotspotX  image pixels
 * @param {number} hotspotY
 * @param {number} ratio
 */
export function cssCursor(url, hotspotX, hotspotY, ratio) {
  if (Math.abs(ratio - 1) < 0.01) return `url("${url}") ${hotspotX} ${hotspotY}, auto`;
  const r = Number(ratio.toFixed(3));
  return `image-set(url("${url}") ${r}x) ${Math.round(hotspotX / r)} ${Math.round(hotspotY / r)}, auto`;
}

export class CursorView {
  /** @param {HTMLCanvasElement} canvas  the picture the cursor is shown over */
  constructor(canvas) {
    this.canvas = canvas;
    /** @type {CursorImage | null} */
    this.cursor = null;
    /** @type {Map<string, string>} picture (and drawn size) -> PNG data URL */
    this.cache = new Map();
    this.encoded = 0;  // PNG encodings made (for the tests)
  }

  /** @param {any} message  a `cursor` message */
  show(message) {
    const cursor = cursorFromMessage(message);
    if (!cursor) return;
    this.cursor = cursor;
    this.apply();
  }

  /** Sets the canvas's cursor again (the canvas was resized, or the device pixel ratio changed). */
  apply() {
    const cursor = this.cursor;
    const style = this.canvas.style;
    if (!cursor || cursor.kind === 'default') {
      style.cursor = '';
      return;
    }
    if (cursor.kind === 'hidden') {
      style.cursor = 'none';
      return;
    }
    const rect = this.canvas.getBoundingClientRect();
    const framePerCss = rect.width > 0 && this.canvas.width > 0
      ? this.canvas.width / rect.width : (window.devicePixelRatio || 1);
    const ratio = cursor.scale * framePerCss;
    const url = this.png(cursor, cursor.width, cursor.height);
    style.cursor = '';  // a value the browser refuses leaves the old one: clear it first
    style.cursor = cssCursor(url, cursor.hotspotX, cursor.hotspotY, ratio);
    if (!style.cursor.includes('url(')) {
      // No image-set() for cursors here: the image is drawn at its CSS size instead.
      const w = Math.max(1, Math.round(cursor.width / ratio));
      const h = Math.max(1, Math.round(cursor.height / ratio));
      const hx = Math.min(w - 1, Math.round(cursor.hotspotX / ratio));
      const hy = Math.min(h - 1, Math.round(cursor.hotspotY / ratio));
      style.cursor = cssCursor(this.png(cursor, w, h), hx, hy, 1);
    }
  }

  /**
   * The cursor's picture as a PNG data URL, drawn at `width` x `height`.
   * @param {CursorImage} cursor
   * @param {number} width
   * @param {number} height
   */
  png(cursor, width, height) {
    const key = `${width}x${height}/${cursor.key}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);  // most recently used last
      this.cache.set(key, cached);
      return cached;
    }
    const source = document.createElement('canvas');
    source.width = cursor.width;
    source.height = cursor.height;
    const context = /** @type {CanvasRenderingContext2D} */ (source.getContext('2d'));
    context.putImageData(new ImageData(cursor.rgba, cursor.width, cursor.height), 0, 0);
    let out = source;
    if (width !== cursor.width || height !== cursor.height) {
      out = document.createElement('canvas');
      out.width = width;
      out.height = height;
      const scaled = /** @type {CanvasRenderingContext2D} */ (out.getContext('2d'));
      scaled.imageSmoothingQuality = 'high';
      scaled.drawImage(source, 0, 0, width, height);
    }
    const url = out.toDataURL('image/png');
    this.encoded++;
    this.cache.set(key, url);
    if (this.cache.size > CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return url;
  }
}
