// @ts-check
// Pointer, wheel and keys on the canvas -> control messages (frame pixel coordinates, evdev
// key codes plus the text a key typed).
import { keyMessage, pointerMessage, wheelMessage } from './protocol.js';
import { evdevCode, keysymName } from './keymap.js';

/** DOM button (0 left, 1 middle, 2 right, 3 back, 4 forward) -> 1-based button number */
const BUTTONS = [1, 2, 3, 8, 9];

/**
 * Notches from a wheel event: a mouse wheel click is ~100 px (Chromium) or 1-3 lines.
 * @param {WheelEvent} e
 * @param {number} delta
 */
function notches(e, delta) {
  if (e.deltaMode === WheelEvent.DOM_DELTA_LINE) return delta / 3;
  if (e.deltaMode === WheelEvent.DOM_DELTA_PAGE) return delta * 10;
  return delta / 100;
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {import('./renderer.js').CanvasRenderer} renderer
 * @param {(text: string) => void} send
 */
export function attachInput(canvas, renderer, send) {
  canvas.tabIndex = 0;
  canvas.addEventListener('pointermove', (e) => {
    const p = renderer.toFramePixels(e.clientX, e.clientY);
    send(pointerMessage('pointer-move', p.x, p.y));
  });
  canvas.addEventListener('pointerdown', (e) => {
    canvas.focus();
    canvas.setPointerCapture(e.pointerId);
    const p = renderer.toFramePixels(e.clientX, e.clientY);
    send(pointerMessage('pointer-down', p.x, p.y, BUTTONS[e.button] || 1));
    e.preventDefault();
  });
  canvas.addEventListener('pointerup', (e) => {
    const p = renderer.toFramePixels(e.clientX, e.clientY);
    send(pointerMessage('pointer-up', p.x, p.y, BUTTONS[e.button] || 1));
    e.preventDefault();
  });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener(
    'wheel',
    (e) => {
      const p = renderer.toFramePixels(e.clientX, e.clientY);
      send(wheelMessage(p.x, p.y, notches(e, e.deltaX), notches(e, e.deltaY)));
      e.preventDefault();
    },
    { passive: false },
  );
  /** @param {KeyboardEvent} e */
  const key = (e) => {
    if (e.isComposing) return;
    const down = e.type === 'keydown';
    const text = down && e.key.length === 1 ? e.key : undefined;
    send(keyMessage(down ? 'key-down' : 'key-up', keysymName(e.key), evdevCode(e.code), text));
    e.preventDefault();
  };
  canvas.addEventListener('keydown', key);
  canvas.addEventListener('keyup', key);
}
