// SPDX-License-Identifier: LGPL-2.1-or-later
// Which pixels a recycled output buffer is missing.
//
// Output buffers come from a pool and go back to it when downstream is done with them. A buffer
// that comes back holds the picture of the frame it was last filled for; to bring it up to date
// only the damage of the frames produced since then has to be repainted. This class remembers the
// damage of recent frames and answers "what must I copy into this buffer".
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>

#include "region.h"

namespace webdesk::wayland {

class DamageHistory {
 public:
  // `depth` frames of damage are remembered; older buffers are refilled completely.
  explicit DamageHistory (int width = 0, int height = 0, size_t depth = 16);

  // Forget everything (new size): every buffer is refilled completely.
  void Reset (int width, int height);

  // A frame with `damage` is being produced into `buffer` (any stable key, e.g. the
  // GstBuffer pointer). Returns the region to copy into it: the frame's damage plus everything
  // the buffer missed since it was last filled (the whole frame for an unknown buffer).
  Region BeginFrame (const void *buffer, const Region &damage);

  // The buffer is gone for good (pool freed it).
  void Forget (const void *buffer) { last_frame_.erase (buffer); }

 private:
  int width_, height_;
  size_t depth_;
  uint64_t frame_count_ = 0;          // frames produced so far
  std::deque<Region> recent_;         // damage of frames frame_count_-recent_.size() .. -1
  std::unordered_map<const void *, uint64_t> last_frame_;  // buffer -> frame number it holds
};

}  // namespace webdesk::wayland
