// SPDX-License-Identifier: LGPL-2.1-or-later
// See frame-header.h and docs/protocol.md.
#include "frame-header.h"

#include "byte-order.h"
#include "protocol.h"

namespace webdesk {

void
WriteFrameHeader (const FrameHeader &header, std::vector<uint8_t> *out)
{
  out->push_back (protocol::kMessageVideoFrame);
  out->push_back (uint8_t (protocol::kVersion));
  out->push_back (header.flags);
  out->push_back (uint8_t (protocol::kFrameHeaderLength));
  PutBigEndian (header.sequence, 4, out);
  PutBigEndian (header.capture_time_us, 8, out);
  PutBigEndian (header.width, 2, out);
  PutBigEndian (header.height, 2, out);
  PutBigEndian (header.payload_bytes, 4, out);
}

bool
ReadFrameHeader (const uint8_t *data, size_t size, FrameHeader *header, size_t *payload_offset)
{
  if (size < size_t (protocol::kFrameHeaderLength) || data[0] != protocol::kMessageVideoFrame ||
      data[1] != protocol::kVersion)
    return false;
  const size_t header_length = data[3];
  if (header_length < size_t (protocol::kFrameHeaderLength) || header_length > size)
    return false;
  FrameHeader h;
  h.flags = data[2];
  h.sequence = uint32_t (GetBigEndian (data + 4, 4));
  h.capture_time_us = GetBigEndian (data + 8, 8);
  h.width = uint16_t (GetBigEndian (data + 16, 2));
  h.height = uint16_t (GetBigEndian (data + 18, 2));
  h.payload_bytes = uint32_t (GetBigEndian (data + 20, 4));
  if (header_length + h.payload_bytes != size)
    return false;
  *header = h;
  if (payload_offset)
    *payload_offset = header_length;
  return true;
}

}  // namespace webdesk
