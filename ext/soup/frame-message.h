// SPDX-License-Identifier: LGPL-2.1-or-later
// One encoded frame as the WebSocket message that carries it: the frame header
// (docs/protocol.md, "Video frames") filled from the buffer and its webdesk metas, then the
// annex-B access unit.
#pragma once

#include <gst/gst.h>

#include <cstdint>

#include "client-flow.h"
#include "h264-info.h"

namespace webdesk {

struct FrameMessage {
  GBytes *bytes = nullptr;  // the whole message (owned: g_bytes_unref it)
  FrameFacts facts;         // what flow control needs to know of it
  AccessUnitInfo info;      // what the access unit holds (SPS, IDR, profile)
};

// False when the buffer cannot be read. `arrival_us` (CLOCK_MONOTONIC) is the capture time
// unless the damage meta carries the source's own.
bool MakeFrameMessage (GstBuffer *buffer, uint32_t sequence, int width, int height,
    int64_t arrival_us, FrameMessage *out);

}  // namespace webdesk
