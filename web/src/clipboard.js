// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Clipboard text both ways, in every browser:
// - Browser -> desktop: on Ctrl+V (Shift+Insert, Cmd+V) the key is held back and the browser
//   left to fire its `paste` event, which carries the clipboard text in every browser without a
//   permission prompt (Firefox has no navigator.clipboard.readText for pages). The text goes to
//   the desktop first, then the held keys, so the application pastes what the user copied. With
//   no paste event within PASTE_WAIT_MS the keys go anyway (the desktop's own clipboard).
// - Desktop -> browser: navigator.clipboard.writeText, which some browsers (Firefox, Safari)
//   allow only during a user gesture; a refused write is retried at the next key or click.

export const PASTE_WAIT_MS = 150;

/**
 * @param {KeyboardEvent} e
 * @returns {boolean} the key that pastes
 */
export function isPasteKey(e) {
  return ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyV') ||
    (e.shiftKey && e.code === 'Insert');
}

export class ClipboardBridge {
  /** @param {(text: string) => void} sendText  sends the clipboard to the desktop */
  constructor(sendText) {
    this.sendText = sendText;
    /** @type {(() => void)[]} */
    this.held = [];
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.timer = null;
    /** @type {string | null} */
    this.pendingWrite = null;
    this.fromDesktop = '';
  }

  /** Whether keys are being held back for a paste. */
  get waiting() {
    return this.timer !== null;
  }

  /**
   * Holds `sendKey` until the paste event (or the timeout); starts waiting if not yet.
   * @param {() => void} sendKey
   */
  hold(sendKey) {
    this.held.push(sendKey);
    if (!this.timer) this.timer = setTimeout(() => this.release(), PASTE_WAIT_MS);
  }

  /** @param {string} text  from the browser's paste event */
  pasted(text) {
    if (text) this.sendText(text);
    this.release();
  }

  release() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const held = this.held;
    this.held = [];
    for (const send of held) send();
  }

  /** @param {string} text  the desktop's clipboard changed */
  desktopChanged(text) {
    this.fromDesktop = text;
    this.pendingWrite = text;
    this.tryWrite();
  }

  /** Call on user gestures (key, click): a write the browser refused before may pass now. */
  userGesture() {
    if (this.pendingWrite !== null) this.tryWrite();
  }

  tryWrite() {
    const text = this.pendingWrite;
    if (text === null || !navigator.clipboard || !navigator.clipboard.writeText) return;
    navigator.clipboard.writeText(text).then(() => {
      if (this.pendingWrite === text) this.pendingWrite = null;
    }, () => {});
  }
}
