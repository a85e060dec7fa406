// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The page's full screen, with the keyboard locked where the browser allows it. In a tab, the
// browser keeps some keys for itself (Ctrl+W closes the tab, Ctrl+T, Ctrl+N, Ctrl+Tab) and the
// system others (Alt+Tab, the Windows key); no page can have them. In full screen, browsers
// with the Keyboard Lock API (Chromium, Chrome, Edge, Opera) give a page every key, so the
// desktop's Alt+Tab and an application's Ctrl+W work; holding Esc leaves full screen. Firefox
// and Safari have no keyboard lock: their full screen gives more room but the same keys.
// The desktop follows the page into full screen (resize.js): it takes the screen's size.

/**
 * What the page's full screen is doing, also read by the browser tests.
 * @typedef {object} FullScreenState
 * @property {boolean} active       the page fills the screen
 * @property {boolean} keysLocked   every key goes to the desktop (Keyboard Lock granted)
 * @property {string} problem       why the last request failed ('' when it did not)
 */

/** @param {FullScreenState} state @returns {string} */
export function fullScreenTitle(state) {
  if (state.active && state.keysLocked) {
    return 'Every key goes to the desktop (Ctrl+W, Alt+Tab, …). Hold Esc to leave full screen';
  }
  if (state.active) return 'Press Esc to leave full screen (this browser keeps Ctrl+W, Alt+Tab for itself)';
  return 'Full screen: in Chromium, Chrome or Edge every key then reaches the desktop, ' +
    'Ctrl+W and Alt+Tab too';
}

export class FullScreen {
  /**
   * @param {HTMLButtonElement} button
   * @param {HTMLElement} focusAfter  what holds the keyboard for the desktop
   */
  constructor(button, focusAfter) {
    /** @type {FullScreenState} */
    this.state = { active: false, keysLocked: false, problem: '' };
    this.button = button;
    this.focusAfter = focusAfter;
    if (!document.fullscreenEnabled) return;  // an iframe without allowfullscreen, an old browser
    button.hidden = false;
    this.show();
    button.addEventListener('click', () => {
      this.toggle().catch((error) => {
        this.state.problem = error instanceof Error ? error.message : String(error);
        this.show();
      });
    });
    document.addEventListener('fullscreenchange', () => this.changed());
  }

  async toggle() {
    this.state.problem = '';
    if (document.fullscreenElement) {
      await document.exitFullscreen();
      return;
    }
    await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
    const keyboard = /** @type {any} */ (navigator).keyboard;
    if (keyboard && typeof keyboard.lock === 'function') {
      try {
        await keyboard.lock();  // every key; only while the page is in full screen
        this.state.keysLocked = document.fullscreenElement !== null;
      } catch (error) {
        this.state.problem = `keyboard lock refused: ${error instanceof Error ? error.message : error}`;
      }
    }
    this.show();
    this.focusAfter.focus();  // the keys go to the desktop, not to this button
  }

  changed() {
    this.state.active = document.fullscreenElement !== null;
    if (!this.state.active) {
      const keyboard = /** @type {any} */ (navigator).keyboard;
      if (this.state.keysLocked && keyboard) keyboard.unlock();
      this.state.keysLocked = false;
    }
    this.show();
  }

  show() {
    this.button.textContent = this.state.active ? 'leave full screen' : 'full screen';
    this.button.title = this.state.problem
      ? `${fullScreenTitle(this.state)} (${this.state.problem})`
      : fullScreenTitle(this.state);
  }
}
