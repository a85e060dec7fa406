// SPDX-License-Identifier: LGPL-2.1-or-later
// Whether the stream is ahead of every viewer: websocketframesink's side of pacing.
//
// The sink is *behind* when it has viewers and every one of them is behind (ClientFlow::Behind):
// the fastest viewer sets the pace, and slower extra viewers keep skipping frames and restarting
// at a keyframe. Evaluate is called on every frame sent, every acknowledgement and every
// join/leave, and says when the answer changed (the sink then tells upstream: webdesk-pace).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "client-flow.h"

namespace webdesk {

class ViewerPace {
 public:
  // `viewers`: every viewer's flow now. The new value when it differs from the last one given.
  std::optional<bool> Evaluate (const std::vector<const ClientFlow *> &viewers, int64_t now_us);
  bool behind () const { return behind_; }

 private:
  bool behind_ = false;  // a new sink (start) is not behind
};

}  // namespace webdesk
