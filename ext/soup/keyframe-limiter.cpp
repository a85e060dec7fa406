// SPDX-License-Identifier: LGPL-2.1-or-later
// See keyframe-limiter.h.
#include "keyframe-limiter.h"

namespace webdesk {

bool
KeyframeLimiter::Request (int64_t now_us)
{
  if (!sent_any_ || now_us - last_sent_us_ >= interval_us_) {
    sent_any_ = true;
    last_sent_us_ = now_us;
    pending_ = false;
    return true;
  }
  pending_ = true;
  return false;
}

void
KeyframeLimiter::KeyframeSeen ()
{
  pending_ = false;
}

int64_t
KeyframeLimiter::DueAt () const
{
  return pending_ ? last_sent_us_ + interval_us_ : -1;
}

bool
KeyframeLimiter::Poll (int64_t now_us)
{
  if (!pending_ || now_us < last_sent_us_ + interval_us_)
    return false;
  return Request (now_us);
}

}  // namespace webdesk
