// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// What a WebSocket close from the server means for the page (docs/protocol.md, "Closing"):
// whether reconnecting can help, and what to tell the user. A close that will happen again at
// once (another protocol version, a full server, a message the server refuses) ends the
// retries: reconnecting every 5 s for ever only hides it.

/**
 * @typedef {object} CloseMeaning
 * @property {boolean} permanent  reconnecting would be closed the same way
 * @property {string} message     for the status line
 */

/**
 * @param {number} code
 * @param {string} reason  the server's words, if any
 * @returns {CloseMeaning}
 */
export function closeMeaning(code, reason) {
  const why = reason ? ` (${reason})` : '';
  switch (code) {
    case 4002:
      return { permanent: true, message: `this page and the server speak different protocol versions${why}: reload the page` };
    case 4003:
      return { permanent: true, message: `the server is full${why}: close another viewer, then reload this page` };
    case 1003:
    case 1007:
    case 1009:
    case 4000:
    case 4001:
      return { permanent: true, message: `the server refused a message from this page${why}: reload the page; if it happens again, this page and the server do not match` };
    default:
      return { permanent: false, message: `closed (${code}${reason ? ': ' + reason : ''})` };
  }
}
