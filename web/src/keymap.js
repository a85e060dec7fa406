// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// Keys as the desktop needs them: the physical key (KeyboardEvent.code -> Linux evdev code, so
// the desktop's own keymap applies and any browser layout works) and a key name for elements
// that only read GstNavigation's standard "key" field (X keysym names).

/** @type {Record<string, number>} KeyboardEvent.code -> evdev code (linux/input-event-codes.h) */
const EVDEV = {
  Escape: 1, Digit1: 2, Digit2: 3, Digit3: 4, Digit4: 5, Digit5: 6, Digit6: 7, Digit7: 8,
  Digit8: 9, Digit9: 10, Digit0: 11, Minus: 12, Equal: 13, Backspace: 14, Tab: 15, KeyQ: 16,
  KeyW: 17, KeyE: 18, KeyR: 19, KeyT: 20, KeyY: 21, KeyU: 22, KeyI: 23, KeyO: 24, KeyP: 25,
  BracketLeft: 26, BracketRight: 27, Enter: 28, ControlLeft: 29, KeyA: 30, KeyS: 31, KeyD: 32,
  KeyF: 33, KeyG: 34, KeyH: 35, KeyJ: 36, KeyK: 37, KeyL: 38, Semicolon: 39, Quote: 40,
  Backquote: 41, ShiftLeft: 42, Backslash: 43, KeyZ: 44, KeyX: 45, KeyC: 46, KeyV: 47, KeyB: 48,
  KeyN: 49, KeyM: 50, Comma: 51, Period: 52, Slash: 53, ShiftRight: 54, NumpadMultiply: 55,
  AltLeft: 56, Space: 57, CapsLock: 58, F1: 59, F2: 60, F3: 61, F4: 62, F5: 63, F6: 64, F7: 65,
  F8: 66, F9: 67, F10: 68, NumLock: 69, ScrollLock: 70, Numpad7: 71, Numpad8: 72, Numpad9: 73,
  NumpadSubtract: 74, Numpad4: 75, Numpad5: 76, Numpad6: 77, NumpadAdd: 78, Numpad1: 79,
  Numpad2: 80, Numpad3: 81, Numpad0: 82, NumpadDecimal: 83, IntlBackslash: 86, F11: 87, F12: 88,
  IntlRo: 89, NumpadEnter: 96, ControlRight: 97, NumpadDivide: 98, PrintScreen: 99, AltRight: 100,
  Home: 102, ArrowUp: 103, PageUp: 104, ArrowLeft: 105, ArrowRight: 106, End: 107, ArrowDown: 108,
  PageDown: 109, Insert: 110, Delete: 111, NumpadEqual: 117, Pause: 119, IntlYen: 124,
  MetaLeft: 125, MetaRight: 126, ContextMenu: 127,
};

/** @type {Record<string, string>} KeyboardEvent.key -> X keysym name, where they differ */
const KEYSYM = {
  Enter: 'Return', Backspace: 'BackSpace', Escape: 'Escape', Tab: 'Tab', ' ': 'space',
  ArrowLeft: 'Left', ArrowRight: 'Right', ArrowUp: 'Up', ArrowDown: 'Down', PageUp: 'Prior',
  PageDown: 'Next', Home: 'Home', End: 'End', Insert: 'Insert', Delete: 'Delete',
  Control: 'Control_L', Shift: 'Shift_L', Alt: 'Alt_L', AltGraph: 'ISO_Level3_Shift',
  Meta: 'Super_L', CapsLock: 'Caps_Lock', ContextMenu: 'Menu',
};

/**
 * @param {string} code  KeyboardEvent.code
 * @returns {number}  evdev code, 0 when unknown
 */
export function evdevCode(code) {
  return EVDEV[code] || 0;
}

/**
 * @param {string} key  KeyboardEvent.key
 * @returns {string}  an X keysym name
 */
export function keysymName(key) {
  return KEYSYM[key] || key;
}
