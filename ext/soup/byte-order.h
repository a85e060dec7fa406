// SPDX-License-Identifier: LGPL-2.1-or-later
// Big-endian integers for the binary message headers (docs/protocol.md): written and read byte
// by byte, never through a packed struct.
#pragma once

#include <cstdint>
#include <vector>

namespace webdesk {

inline void
PutBigEndian (uint64_t value, int bytes, std::vector<uint8_t> *out)
{
  for (int i = bytes - 1; i >= 0; i--)
    out->push_back (uint8_t (value >> (8 * i)));
}

inline uint64_t
GetBigEndian (const uint8_t *p, int bytes)
{
  uint64_t value = 0;
  for (int i = 0; i < bytes; i++)
    value = (value << 8) | p[i];
  return value;
}

}  // namespace webdesk
