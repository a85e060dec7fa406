// SPDX-License-Identifier: LGPL-2.1-or-later
// The binary header in front of every video frame on the WebSocket (docs/protocol.md,
// "Video frames"). Written and read field by field, big-endian, never as a packed struct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace webdesk {

struct FrameHeader {
  uint8_t flags = 0;               // protocol::kFlag*
  uint32_t sequence = 0;           // frame number, +1 per frame the sink receives (wraps)
  uint64_t capture_time_us = 0;    // CLOCK_MONOTONIC of the server, microseconds
  uint16_t width = 0;              // picture size in pixels
  uint16_t height = 0;
  uint32_t payload_bytes = 0;      // length of the annex-B access unit that follows
};

// Appends the header's protocol::kFrameHeaderLength bytes to `out`.
void WriteFrameHeader (const FrameHeader &header, std::vector<uint8_t> *out);

// Reads a header from the start of a message of `size` bytes. False (and `header` untouched)
// when the message is too short, of another type or version, or its lengths disagree.
// `payload_offset` receives where the access unit starts (the header may grow in later minor
// revisions; readers skip what they do not know).
bool ReadFrameHeader (const uint8_t *data, size_t size, FrameHeader *header,
    size_t *payload_offset);

}  // namespace webdesk
