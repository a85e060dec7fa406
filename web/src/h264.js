// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The little a client needs from an H.264 access unit (annex B): the codec string its SPS
// announces (avc1.PPCCLL, as WebCodecs wants it) and whether it is High 4:4:4.

/**
 * Offsets of the NAL unit headers (the byte after each 00 00 01 start code).
 * @param {Uint8Array} data
 * @returns {number[]}
 */
export function nalUnitOffsets(data) {
  /** @type {number[]} */
  const offsets = [];
  for (let i = 0; i + 3 <= data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (i + 3 < data.length) offsets.push(i + 3);
      i += 2;
    }
  }
  return offsets;
}

/** @param {number} n */
function hex2(n) {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * "avc1.PPCCLL" from the first SPS (NAL type 7) of the access unit, or null without one.
 * @param {Uint8Array} data
 * @returns {string | null}
 */
export function codecFromAnnexB(data) {
  for (const at of nalUnitOffsets(data)) {
    if ((data[at] & 0x1f) === 7 && at + 3 < data.length) {
      return `avc1.${hex2(data[at + 1])}${hex2(data[at + 2])}${hex2(data[at + 3])}`;
    }
  }
  return null;
}

/**
 * @param {string} codec
 * @returns {boolean}  High 4:4:4 Predictive (profile_idc 244)
 */
export function isHigh444(codec) {
  return codec.toUpperCase().startsWith('AVC1.F4');
}
