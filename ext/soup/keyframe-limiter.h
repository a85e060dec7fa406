// SPDX-License-Identifier: LGPL-2.1-or-later
// At most one keyframe request upstream per interval, however many clients join or ask.
// Keyframes are large (a 1080p IDR is 200-600 KB), so a burst of joins or decoder errors must
// not turn the stream into a slideshow of IDRs. A request that comes too soon is remembered and
// goes out when the interval has passed, unless a keyframe came by in the meantime.
// Time is passed in (microseconds, any monotonic origin); nothing here reads a clock.
#pragma once

#include <cstdint>

namespace webdesk {

class KeyframeLimiter {
 public:
  explicit KeyframeLimiter (int64_t min_interval_us = 1000000) : interval_us_ (min_interval_us) {}

  // Someone wants a keyframe. True: ask upstream now. False: it is remembered (see DueAt).
  bool Request (int64_t now_us);
  // A keyframe went through the sink: everything asked before it is satisfied.
  void KeyframeSeen ();
  // When the remembered request may go out, or -1 when nothing is waiting.
  int64_t DueAt () const;
  // True (and the request counts as sent) when a remembered request is due at now_us.
  bool Poll (int64_t now_us);

 private:
  int64_t interval_us_;
  bool sent_any_ = false;
  int64_t last_sent_us_ = 0;
  bool pending_ = false;
};

}  // namespace webdesk
