// SPDX-License-Identifier: LGPL-2.1-or-later
// The element's output buffers: pooled (so a buffer downstream still holds is never written),
// recognised when they come back from the pool, and brought up to date by composing into them
// only the frame's damage plus whatever that buffer missed since it was last filled.
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>

#include "compositor.h"
#include "damage_history.h"

namespace webdesk::wayland {

// decide_allocation: downstream's pool if it offers one, else a GstVideoBufferPool.
bool ConfigureOutputPool (GstQuery *query);

struct FilledFrame {
  Region damage;               // what changed since the previous frame (output pixels)
  uint64_t capture_time_ns = 0;  // CLOCK_MONOTONIC, when the change was first seen
  uint64_t painted_pixels = 0;
};

enum class FillResult { kFilled, kNoDamage, kMapFailed };

// Takes the compositor's pending frame into `buffer`.
FillResult FillOutputBuffer (GstBuffer *buffer, const GstVideoInfo &info, Compositor &compositor,
    DamageHistory &history, FilledFrame *frame);

// The damage meta for `frame` (at most GST_WEBDESK_DAMAGE_META_MAX_RECTS rectangles).
void AddDamageMeta (GstBuffer *buffer, const GstVideoInfo &info, const FilledFrame &frame);

}  // namespace webdesk::wayland
