// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The viewer's role, from the server's `role` message (docs/protocol.md, "Roles"): a small
// badge says whether this page controls the desktop or only watches, with a "Take control"
// button for viewers that may control.

/**
 * @typedef {object} RoleState
 * @property {'control' | 'view'} role
 * @property {boolean} canControl
 * @property {number | null} controller
 * @property {number} clients
 */

/**
 * @param {any} message
 * @returns {RoleState | null}
 */
export function roleFromMessage(message) {
  if (!message || message.type !== 'role') return null;
  if (message.role !== 'control' && message.role !== 'view') return null;
  return {
    role: message.role,
    canControl: message.can_control === true,
    controller: typeof message.controller === 'number' ? message.controller : null,
    clients: typeof message.clients === 'number' ? message.clients : 1,
  };
}

export class RoleBadge {
  /**
   * @param {HTMLElement} element  holds a <span> and a <button>
   * @param {() => void} onTake
   */
  constructor(element, onTake) {
    this.element = element;
    this.label = /** @type {HTMLElement} */ (element.querySelector('span'));
    this.button = /** @type {HTMLButtonElement} */ (element.querySelector('button'));
    this.button.addEventListener('click', () => onTake());
  }

  /** @param {RoleState} state */
  show(state) {
    const others = state.clients - 1;
    if (state.role === 'control') {
      // Alone and in control is the usual case: nothing to say.
      this.element.hidden = others === 0;
      this.label.textContent = `You control the desktop · ${others} watching`;
      this.button.hidden = true;
    } else {
      this.element.hidden = false;
      this.label.textContent = state.canControl
        ? (state.controller === null ? 'Viewing' : 'Viewing · someone else controls')
        : 'View only';
      this.button.hidden = !state.canControl;
    }
  }
}
