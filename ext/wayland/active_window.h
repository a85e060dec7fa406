// SPDX-License-Identifier: LGPL-2.1-or-later
// The window that has the keyboard, as the element reports it (the element message
// waylanddamagesrc-window): whether there is one, its title, whether it is fullscreen.
#pragma once

#include <string>

namespace webdesk::wayland {

struct ActiveWindow {
  bool present = false;
  std::string title;
  bool fullscreen = false;
  bool operator== (const ActiveWindow &o) const
  {
    return present == o.present && title == o.title && fullscreen == o.fullscreen;
  }
};

}  // namespace webdesk::wayland
