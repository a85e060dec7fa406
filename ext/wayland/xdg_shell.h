// SPDX-License-Identifier: LGPL-2.1-or-later
// xdg-shell (wlroots does the protocol): toplevels become views (view.h); popups and menus are
// placed by their positioner with constraint adjustment against the output, so a menu opened
// near an edge flips or slides to stay on screen. Wayland thread only.
#pragma once

#include "listener.h"
#include "wlr.h"

namespace webdesk::wayland {

class Windows;

class XdgShell {
 public:
  XdgShell (wl_display *display, Windows *windows);
  ~XdgShell ();
  XdgShell (const XdgShell &) = delete;
  XdgShell &operator= (const XdgShell &) = delete;

 private:
  void NewSurface (wlr_xdg_surface *surface);
  void NewPopup (wlr_xdg_surface *surface);

  Windows *windows_;
  wlr_xdg_shell *shell_;
  Listener new_surface_;
};

}  // namespace webdesk::wayland
