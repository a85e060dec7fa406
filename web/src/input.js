// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Pointer, wheel, touch and keys on the canvas -> control messages (frame pixel coordinates,
// evdev key codes plus the text a key typed).
// - Keys and buttons held down are released when the page loses focus (window blur, tab
//   hidden): their key-up would go elsewhere, and the desktop would see them stuck down.
// - Wheel: whole steps, trackpads slowed down (wheel.js).
// - Touch is the pointer: a tap clicks, a drag drags with the left button, a long press
//   (LONG_PRESS_MS without moving) right-clicks.
// - The paste key waits for the browser's clipboard to reach the desktop first (clipboard.js).
// - Keys arrive through a hidden text field that holds the keyboard focus whenever the canvas
//   would: an IME composes into it (a canvas cannot host one), and text that comes without key
//   events (an IME's composition, a virtual keyboard, dictation) is sent as `text`.
import { keyMessage, pointerMessage, preeditMessage, textMessage, wheelMessage } from './protocol.js';
import { evdevCode, keysymName } from './keymap.js';
import { WheelAccumulator } from './wheel.js';
import { isPasteKey } from './clipboard.js';

/** DOM button (0 left, 1 middle, 2 right, 3 back, 4 forward) -> 1-based button number */
const BUTTONS = [1, 2, 3, 8, 9];

export const LONG_PRESS_MS = 500;
const TOUCH_SLOP_PX = 10;  // CSS pixels a finger may wander and still be a tap / long press

/**
 * A finger on the canvas: where it went down, and what it turned out to be.
 * @typedef {object} Finger
 * @property {number} id  pointerId
 * @property {number} x0
 * @property {number} y0
 * @property {ReturnType<typeof setTimeout>} timer  the long press
 * @property {'pending' | 'drag' | 'done'} state
 */

/**
 * @typedef {object} InputOptions
 * @property {import('./clipboard.js').ClipboardBridge} [clipboard]
 */

/**
 * @param {HTMLCanvasElement} canvas
 * @param {import('./renderer.js').CanvasRenderer} renderer
 * @param {(text: string) => void} send
 * @param {InputOptions} [options]
 */
export function attachInput(canvas, renderer, send, options = {}) {
  const clipboard = options.clipboard;
  canvas.tabIndex = 0;
  /** @type {Map<string, {key: string, code: number}>} keys down, by KeyboardEvent.code */
  const keysDown = new Map();
  /** @type {Set<number>} buttons down */
  const buttonsDown = new Set();
  let last = { x: 0, y: 0 };

  /** @param {number} clientX @param {number} clientY */
  const at = (clientX, clientY) => {
    last = renderer.toFramePixels(clientX, clientY);
    return last;
  };
  /** @param {'pointer-down' | 'pointer-up'} type @param {number} button */
  const button = (type, button) => {
    if (type === 'pointer-down') buttonsDown.add(button);
    else buttonsDown.delete(button);
    send(pointerMessage(type, last.x, last.y, button));
  };

  // Touch: decided at the first move past the slop, the long-press timer, or the lift.
  /** @type {Finger | null} */
  let touch = null;
  /** @param {PointerEvent} e */
  const touchDown = (e) => {
    if (touch) return;  // a second finger: ignored
    at(e.clientX, e.clientY);
    send(pointerMessage('pointer-move', last.x, last.y));
    /** @type {Finger} */
    const t = {
      id: e.pointerId, x0: e.clientX, y0: e.clientY, state: 'pending',
      timer: setTimeout(() => {
        if (t.state !== 'pending') return;
        t.state = 'done';
        button('pointer-down', 3);
        button('pointer-up', 3);
      }, LONG_PRESS_MS),
    };
    touch = t;
  };
  /** @param {PointerEvent} e */
  const touchMove = (e) => {
    if (!touch || e.pointerId !== touch.id) return;
    if (touch.state === 'pending' &&
        Math.hypot(e.clientX - touch.x0, e.clientY - touch.y0) > TOUCH_SLOP_PX) {
      clearTimeout(touch.timer);
      touch.state = 'drag';
      button('pointer-down', 1);  // where the finger went down
    }
    if (touch.state === 'drag') {
      at(e.clientX, e.clientY);
      send(pointerMessage('pointer-move', last.x, last.y));
    }
  };
  /** @param {PointerEvent} e */
  const touchUp = (e) => {
    if (!touch || e.pointerId !== touch.id) return;
    clearTimeout(touch.timer);
    if (touch.state === 'pending' && e.type === 'pointerup') {
      button('pointer-down', 1);
      button('pointer-up', 1);
    } else if (touch.state === 'drag') {
      at(e.clientX, e.clientY);
      button('pointer-up', 1);
    }
    touch = null;
  };

  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerType === 'touch') return touchMove(e);
    at(e.clientX, e.clientY);
    send(pointerMessage('pointer-move', last.x, last.y));
  });
  canvas.addEventListener('pointerdown', (e) => {
    canvas.focus();
    try {
      canvas.setPointerCapture(e.pointerId);  // drags go on outside the canvas
    } catch {
      // not an active pointer (a synthetic event): nothing to capture
    }
    if (clipboard) clipboard.userGesture();
    e.preventDefault();
    if (e.pointerType === 'touch') return touchDown(e);
    at(e.clientX, e.clientY);
    button('pointer-down', BUTTONS[e.button] || 1);
  });
  canvas.addEventListener('pointerup', (e) => {
    e.preventDefault();
    if (e.pointerType === 'touch') return touchUp(e);
    at(e.clientX, e.clientY);
    button('pointer-up', BUTTONS[e.button] || 1);
  });
  canvas.addEventListener('pointercancel', (e) => {
    if (e.pointerType === 'touch') touchUp(e);
  });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  const wheel = new WheelAccumulator();
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const steps = wheel.add(e.deltaX, e.deltaY, e.deltaMode, e.timeStamp);
      if (steps.dx === 0 && steps.dy === 0) return;
      at(e.clientX, e.clientY);
      send(wheelMessage(last.x, last.y, steps.dx, steps.dy));
    },
    { passive: false },
  );

  const field = document.createElement('textarea');
  field.setAttribute('aria-label', 'keyboard input for the desktop');
  field.setAttribute('autocapitalize', 'off');
  field.setAttribute('autocomplete', 'off');
  field.spellcheck = false;
  field.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;' +
    'border:0;padding:0;margin:0;resize:none;pointer-events:none;';
  document.body.appendChild(field);
  const focusField = () => field.focus({ preventScroll: true });
  canvas.addEventListener('focus', focusField);
  canvas.addEventListener('pointerdown', focusField);
  // An input method's composition: shown inside the application while composing (where the
  // application supports it), then typed when it ends.
  field.addEventListener('compositionupdate', (e) => {
    send(preeditMessage(e.data, [...e.data].length));
  });
  field.addEventListener('compositionend', (e) => {
    send(e.data ? textMessage(e.data) : preeditMessage('', -1));
    field.value = '';
  });
  field.addEventListener('beforeinput', (e) => {
    if (e.isComposing || e.inputType === 'insertCompositionText') return;
    // Keys that typed something were sent as keys (and their default prevented); this is text
    // from elsewhere: a virtual keyboard, dictation, an automation tool.
    if (e.inputType === 'insertText' && e.data) send(textMessage(e.data));
    e.preventDefault();
  });

  /** @param {KeyboardEvent} e */
  const key = (e) => {
    if (e.isComposing || e.keyCode === 229) return;  // the IME has it
    const down = e.type === 'keydown';
    const name = keysymName(e.key);
    const code = evdevCode(e.code);
    const text = down && e.key.length === 1 ? e.key : undefined;
    const id = e.code || e.key;
    if (down) keysDown.set(id, { key: name, code });
    else keysDown.delete(id);
    const message = keyMessage(down ? 'key-down' : 'key-up', name, code, text);
    if (clipboard && down) clipboard.userGesture();
    if (clipboard && (clipboard.waiting || (down && isPasteKey(e)))) {
      // Let the browser fire `paste` (no preventDefault); the key follows the clipboard.
      clipboard.hold(() => send(message));
      if (!(down && isPasteKey(e))) e.preventDefault();
      return;
    }
    send(message);
    e.preventDefault();
  };
  field.addEventListener('keydown', key);
  field.addEventListener('keyup', key);

  // Whatever is still down when the page loses the keyboard is let go.
  const releaseAll = () => {
    if (clipboard) clipboard.release();
    for (const k of keysDown.values()) send(keyMessage('key-up', k.key, k.code));
    keysDown.clear();
    for (const b of [...buttonsDown]) button('pointer-up', b);
    if (touch) {
      clearTimeout(touch.timer);
      touch = null;
    }
  };
  window.addEventListener('blur', releaseAll);
  field.addEventListener('blur', releaseAll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') releaseAll();
  });
  return { releaseAll, keysDown };
}
