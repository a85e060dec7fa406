// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The page's sound, microphone and files, wired to the connection in one place: which binary
// and control messages are theirs, and what the viewer's role allows (the microphone only for
// the page in control, uploads only with full access).
import { AudioPlayer } from './audio-player.js';
import { Microphone } from './microphone.js';
import { FilesPanel } from './files.js';
import { MESSAGE_AUDIO, messageType, parseAudioMessage } from './protocol.js';

export class SoundAndFiles {
  /**
   * @param {(data: string | Uint8Array) => void} send
   * @param {() => number} clockOffsetUs  server clock - performance.now() (stats.js)
   */
  constructor(send, clockOffsetUs) {
    const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
    this.player = new AudioPlayer(/** @type {HTMLButtonElement} */ (byId('sound')), send, clockOffsetUs);
    this.microphone = new Microphone(/** @type {HTMLButtonElement} */ (byId('microphone')), send);
    this.files = new FilesPanel(/** @type {HTMLButtonElement} */ (byId('files-toggle')), byId('files'),
      byId('notice'));
  }

  /** @param {ArrayBuffer} data @returns {boolean} it was an audio packet */
  binary(data) {
    if (messageType(data) !== MESSAGE_AUDIO) return false;
    const packet = parseAudioMessage(data);
    if (packet) this.player.packet(packet, data.byteLength);
    return true;
  }

  /** @param {any} message @returns {boolean} it was one of ours */
  control(message) {
    switch (message.type) {
      case 'audio':
        this.player.format(message);
        return true;
      case 'microphone':
        this.microphone.setAvailable(message.available === true);
        return true;
      case 'files':
        this.files.setAvailable(message);
        return true;
      case 'file-added':
        this.files.added(message);
        return true;
      default:
        return false;
    }
  }

  /** @param {import('./roles.js').RoleState} role */
  role(role) {
    this.microphone.setControlling(role.role === 'control');
    this.files.setCanUpload(role.canControl);
  }

  /** @param {boolean} open */
  connection(open) {
    if (!open) this.player.disconnected();
  }
}
