// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// The little a client needs from an H.264 access unit (annex B): the codec string its SPS
// announces (avc1.PPCCLL, as WebCodecs wants it), whether it is High 4:4:4, and whether lossless
// frames may follow (the SPS's transform-bypass flag).

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

/**
 * Whether the first SPS of the access unit has qpprime_y_zero_transform_bypass_flag (lossless
 * macroblocks may follow: webdesk's exact final picture), or null without an SPS. Reads the
 * fields before it (ITU-T H.264 7.3.2.1.1): only the high profiles have it.
 * @param {Uint8Array} data
 * @returns {boolean | null}
 */
export function losslessFromAnnexB(data) {
  for (const at of nalUnitOffsets(data)) {
    if ((data[at] & 0x1f) !== 7) continue;
    // The SPS's bytes without emulation prevention (00 00 03 -> 00 00), up to 16: enough.
    /** @type {number[]} */
    const rbsp = [];
    let zeros = 0;
    for (let i = at + 1; i < data.length && rbsp.length < 16; i++) {
      if (zeros >= 2 && data[i] === 3) {
        zeros = 0;
        continue;
      }
      rbsp.push(data[i]);
      zeros = data[i] === 0 ? zeros + 1 : 0;
    }
    let bit = 24;  // after profile_idc, the constraint flags and level_idc
    const read = () => {
      const b = bit >> 3 < rbsp.length ? (rbsp[bit >> 3] >> (7 - (bit & 7))) & 1 : 0;
      bit++;
      return b;
    };
    const ue = () => {
      let leading = 0;
      while (read() === 0 && leading < 32) leading++;
      let value = 0;
      for (let i = 0; i < leading; i++) value = value * 2 + read();
      return 2 ** leading - 1 + value;
    };
    const profile = rbsp[0];
    ue();  // seq_parameter_set_id
    if (![100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profile)) return false;
    if (ue() === 3) read();  // chroma_format_idc; separate_colour_plane_flag
    ue();  // bit_depth_luma_minus8
    ue();  // bit_depth_chroma_minus8
    return read() === 1;
  }
  return null;
}
