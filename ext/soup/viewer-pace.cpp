// SPDX-License-Identifier: LGPL-2.1-or-later
// See viewer-pace.h.
#include "viewer-pace.h"

#include <algorithm>

namespace webdesk {

std::optional<bool>
ViewerPace::Evaluate (const std::vector<const ClientFlow *> &viewers, int64_t now_us)
{
  const bool behind = !viewers.empty () &&
      std::all_of (viewers.begin (), viewers.end (),
          [now_us] (const ClientFlow *f) { return f->Behind (now_us); });
  if (behind == behind_)
    return std::nullopt;
  behind_ = behind;
  return behind;
}

}  // namespace webdesk
