// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// One file up to the desktop's files folder over HTTP (docs/protocol.md, "Files"), never over
// the WebSocket, so an upload does not hold up frames: POST /uploads begins it, PUT sends 1 MiB
// chunks at the offset the server expects, and the last chunk places the file (under a new
// name when the name is taken). After a lost connection or a server hiccup it asks the server
// where the upload stands and goes on from there, with backoff, for up to RESUME_FOR_MS without
// progress. The page's credentials go along as for any request of the page.

export const CHUNK_BYTES = 1 << 20;
export const RESUME_FOR_MS = 60000;

/**
 * @typedef {object} UploadOptions
 * @property {typeof fetch} [fetch]
 * @property {number} [chunkBytes]
 * @property {(sent: number, total: number) => void} [onProgress]
 * @property {(ms: number) => Promise<void>} [sleep]
 */

/** A refusal with the server's words, or a connection lost for good. */
export class UploadError extends Error {
  /** @param {string} message @param {number} [status] */
  constructor(message, status = 0) {
    super(message);
    this.status = status;
  }
}

/** @param {Response} r */
async function errorOf(r) {
  try {
    const body = await r.json();
    if (body && typeof body.error === 'string') return new UploadError(body.error, r.status);
  } catch {
    // not JSON
  }
  return new UploadError(`the server answered ${r.status} ${r.statusText}`, r.status);
}

/**
 * Uploads `file`; resolves with the name it got in the folder.
 * @param {URL | string} base  the page's URL (uploads go to base + "uploads")
 * @param {Blob & {name: string}} file
 * @param {UploadOptions} [options]
 * @returns {Promise<string>}
 */
export async function uploadFile(base, file, options = {}) {
  const fetchFn = options.fetch || globalThis.fetch.bind(globalThis);
  const chunkBytes = options.chunkBytes || CHUNK_BYTES;
  const sleep = options.sleep || ((ms) => new Promise((r) => setTimeout(r, ms)));
  const progress = options.onProgress || (() => {});
  const size = file.size;

  const begin = new URL('uploads', base);
  begin.searchParams.set('name', file.name);
  begin.searchParams.set('size', String(size));
  const started = await fetchFn(begin, { method: 'POST' });
  if (!started.ok) throw await errorOf(started);
  const { id } = await started.json();
  const at = new URL(`uploads/${encodeURIComponent(id)}`, base);

  let offset = 0;
  let lastProgress = Date.now();
  let backoffMs = 250;
  /** Waits, then asks the server where the upload stands. @param {string} why */
  const resume = async (why) => {
    if (Date.now() - lastProgress > RESUME_FOR_MS) {
      throw new UploadError(`the upload stopped: ${why}`);
    }
    await sleep(backoffMs);
    backoffMs = Math.min(backoffMs * 2, 8000);
    try {
      const r = await fetchFn(at, { method: 'GET' });
      if (r.ok) offset = (await r.json()).offset;
      else if (r.status < 500) throw await errorOf(r);  // gone: nothing to resume
    } catch (e) {
      if (e instanceof UploadError) throw e;  // asked and refused
      // The connection is still down: try again later.
    }
  };

  progress(0, size);
  for (;;) {
    const put = new URL(at);
    put.searchParams.set('offset', String(offset));
    /** @type {Response} */
    let r;
    try {
      r = await fetchFn(put, { method: 'PUT', body: file.slice(offset, offset + chunkBytes) });
    } catch (e) {
      await resume(e instanceof Error ? e.message : String(e));
      continue;
    }
    if (r.status >= 500 || r.status === 409) {
      // A failed write, or the chunk went in but its answer was lost: where are we?
      await resume(`${r.status}`);
      continue;
    }
    if (!r.ok) throw await errorOf(r);
    const answer = await r.json();
    offset = answer.offset;
    lastProgress = Date.now();
    backoffMs = 250;
    progress(offset, size);
    if (answer.done) return answer.name;
  }
}
