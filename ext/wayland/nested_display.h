// SPDX-License-Identifier: LGPL-2.1-or-later
// A nested desktop's display, as the element reports it (the element message
// waylanddamagesrc-nested-display): its socket, whether it is there, whether its clipboard is
// joined with ours (nested_desktops.h).
#pragma once

#include <string>

namespace webdesk::wayland {

struct NestedDisplay {
  std::string socket_name;  // in XDG_RUNTIME_DIR, e.g. "wayland-1"
  bool present = true;      // false: it has gone (the nested compositor exited)
  bool clipboard = false;   // its clipboard is joined with ours (it offers data-control)
};

}  // namespace webdesk::wayland
