// SPDX-License-Identifier: LGPL-2.1-or-later
// The two ways waylanddamagesrc manages windows (its `shell` property).
#pragma once

namespace webdesk::wayland {

enum class Shell {
  kApplication,  // one application: its windows maximized, no title bars of ours
  kDesktop,      // many windows: placed, moved, resized, with title bars where asked for
};

}  // namespace webdesk::wayland
