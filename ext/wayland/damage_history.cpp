// SPDX-License-Identifier: LGPL-2.1-or-later
#include "damage_history.h"

namespace webdesk::wayland {

DamageHistory::DamageHistory (int width, int height, size_t depth)
    : width_ (width), height_ (height), depth_ (depth)
{
}

void
DamageHistory::Reset (int width, int height)
{
  width_ = width;
  height_ = height;
  recent_.clear ();
  last_frame_.clear ();
}

Region
DamageHistory::BeginFrame (const void *buffer, const Region &damage)
{
  Region copy = damage;
  auto it = last_frame_.find (buffer);
  // Frames the buffer missed: (held + 1) .. frame_count_ - 1; recent_ holds the last ones.
  uint64_t oldest_known = frame_count_ - recent_.size ();
  if (it == last_frame_.end () || it->second + 1 < oldest_known) {
    copy = Region (0, 0, width_, height_);
  } else {
    for (uint64_t f = it->second + 1; f < frame_count_; f++)
      copy.Add (recent_[f - oldest_known]);
  }
  copy.IntersectRect (0, 0, width_, height_);

  recent_.push_back (damage);
  if (recent_.size () > depth_)
    recent_.pop_front ();
  last_frame_[buffer] = frame_count_;
  frame_count_++;
  return copy;
}

}  // namespace webdesk::wayland
