// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Files both ways (docs/protocol.md, "Files"): a panel lists the desktop's files folder with a
// download link each; files dropped on the page (or picked with the panel's button) upload into
// it with their progress shown (upload.js); and when an application writes a new file there, a
// notice offers it. Uploading needs full access (the server refuses view-only logins; the page
// does not offer it to them). Names are shown as text, never as HTML.
import { uploadFile } from './upload.js';

/**
 * @typedef {object} FileEntry
 * @property {string} name
 * @property {number} size
 * @property {number} modified  seconds since 1970
 *
 * @typedef {object} UploadState
 * @property {string} name
 * @property {number} sent
 * @property {number} total
 * @property {'uploading' | 'done' | 'failed'} state
 * @property {string} placed  the name it got in the folder
 * @property {string} error
 *
 * @typedef {object} FilesState
 * @property {boolean} available  the server has a files folder
 * @property {boolean} canUpload
 * @property {FileEntry[]} files
 * @property {UploadState[]} uploads
 * @property {FileEntry[]} notices  files written by an application while this page watched
 */

const NOTICE_MS = 15000;

/** @param {number} bytes */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/**
 * @param {string} tag
 * @param {string} [text]
 * @param {string} [className]
 */
function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

export class FilesPanel {
  /**
   * @param {HTMLButtonElement} button  shows and hides the panel
   * @param {HTMLElement} panel
   * @param {HTMLElement} notice  where a new file is announced
   */
  constructor(button, panel, notice) {
    this.button = button;
    this.panel = panel;
    this.notice = notice;
    this.base = new URL('./', location.href);
    /** @type {FilesState} */
    this.state = { available: false, canUpload: false, files: [], uploads: [], notices: [] };
    this.maxUploadBytes = 0;
    /** @type {Set<string>} names this page placed: their notices are not news here */
    this.ownUploads = new Set();
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.noticeTimer = null;

    this.list = el('ul', undefined, 'files-list');
    this.progress = el('ul', undefined, 'files-uploads');
    this.input = /** @type {HTMLInputElement} */ (el('input'));
    this.input.type = 'file';
    this.input.multiple = true;
    this.input.hidden = true;
    this.input.addEventListener('change', () => {
      if (this.input.files) this.upload(Array.from(this.input.files));
      this.input.value = '';
    });
    this.pick = /** @type {HTMLButtonElement} */ (el('button', 'Upload files…'));
    this.pick.addEventListener('click', () => this.input.click());
    const title = el('div', 'Files on the desktop', 'files-title');
    const hint = el('div', 'Drop files on the page to upload them.', 'files-hint');
    this.hint = hint;
    panel.append(title, this.pick, this.input, hint, this.progress, this.list);
    panel.hidden = true;
    button.hidden = true;
    button.addEventListener('click', () => this.toggle());

    // Files dragged over the page: drop anywhere to upload.
    const hasFiles = (/** @type {DragEvent} */ e) =>
      !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    document.addEventListener('dragover', (e) => {
      if (!hasFiles(e) || !this.state.available) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = this.state.canUpload ? 'copy' : 'none';
      document.body.classList.toggle('dropping', this.state.canUpload);
    });
    document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
    document.addEventListener('drop', (e) => {
      document.body.classList.remove('dropping');
      if (!hasFiles(e) || !this.state.available) return;
      e.preventDefault();
      if (this.state.canUpload && e.dataTransfer) this.upload(Array.from(e.dataTransfer.files));
    });
  }

  /** The server's `files` message. @param {any} message */
  setAvailable(message) {
    this.state.available = true;
    this.maxUploadBytes = Number(message.max_upload_bytes) || 0;
    this.button.hidden = false;
    this.show();
  }

  /** @param {boolean} canUpload  full access */
  setCanUpload(canUpload) {
    this.state.canUpload = canUpload;
    this.show();
  }

  toggle() {
    this.panel.hidden = !this.panel.hidden;
    if (!this.panel.hidden) this.refresh();
  }

  async refresh() {
    try {
      const r = await fetch(new URL('files', this.base));
      if (!r.ok) return;
      const body = await r.json();
      this.state.files = body.files;
      this.show();
    } catch {
      // offline: the next refresh shows it
    }
  }

  /** A file was written into the folder. @param {any} message */
  added(message) {
    /** @type {FileEntry} */
    const entry = { name: String(message.name), size: Number(message.size), modified: Number(message.modified) };
    if (this.ownUploads.delete(entry.name)) return;
    this.state.notices.push(entry);
    this.notice.replaceChildren(el('span', `New file on the desktop: ${entry.name} (${formatSize(entry.size)}) `),
      this.link(entry.name, 'Download'));
    this.notice.hidden = false;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.notice.hidden = true; }, NOTICE_MS);
    if (!this.panel.hidden) this.refresh();
  }

  /** @param {string} name @param {string} text */
  link(name, text) {
    const a = /** @type {HTMLAnchorElement} */ (el('a', text));
    const url = new URL('files', this.base);
    url.searchParams.set('name', name);
    a.href = url.href;
    a.download = name;
    return a;
  }

  /** @param {File[]} files */
  async upload(files) {
    this.panel.hidden = false;
    for (const file of files) {
      /** @type {UploadState} */
      const u = { name: file.name, sent: 0, total: file.size, state: 'uploading', placed: '', error: '' };
      this.state.uploads.push(u);
      this.show();
      try {
        u.placed = await uploadFile(this.base, file, {
          onProgress: (sent) => {
            u.sent = sent;
            this.show();
          },
        });
        this.ownUploads.add(u.placed);
        u.state = 'done';
      } catch (e) {
        u.state = 'failed';
        u.error = e instanceof Error ? e.message : String(e);
      }
      this.show();
    }
    this.refresh();
  }

  show() {
    this.pick.hidden = !this.state.canUpload;
    const limit = this.maxUploadBytes ? ` (up to ${formatSize(this.maxUploadBytes)} each)` : '';
    this.hint.textContent = this.state.canUpload ? `Drop files on the page to upload them${limit}.`
      : 'View only: uploading needs full access.';
    this.progress.replaceChildren(...this.state.uploads.map((u) => {
      const li = el('li');
      if (u.state === 'uploading') {
        const bar = /** @type {HTMLProgressElement} */ (el('progress'));
        bar.max = u.total;
        bar.value = u.sent;
        li.append(el('span', `${u.name} `), bar);
      } else if (u.state === 'done') {
        li.append(el('span', `${u.name}: uploaded${u.placed !== u.name ? ` as ${u.placed}` : ''}`));
      } else {
        li.append(el('span', `${u.name}: ${u.error}`, 'files-error'));
      }
      return li;
    }));
    this.list.replaceChildren(...this.state.files.map((f) => {
      const li = el('li');
      li.append(this.link(f.name, f.name), el('span', ` ${formatSize(f.size)}`, 'files-size'));
      return li;
    }));
    if (this.state.files.length === 0) this.list.replaceChildren(el('li', 'No files yet.', 'files-hint'));
  }
}
