// SPDX-License-Identifier: LGPL-2.1-or-later
// X11 applications, through Xwayland (wlroots runs it and its window manager side). Xwayland
// starts lazily, when the first X client connects to the display it has reserved (DISPLAY);
// managed X windows become views (view.h) placed like Wayland ones, dialogs over their parent;
// override-redirect windows (menus, tooltips, drop-downs) go where X puts them, above every
// window. The clipboard is bridged by Xwayland's window manager through the seat. Wayland
// thread only.
#pragma once

#include <string>

#include "listener.h"
#include "wlr.h"

namespace webdesk::wayland {

class Server;

class Xwayland {
 public:
  Xwayland (Server *server);
  ~Xwayland ();
  Xwayland (const Xwayland &) = delete;
  Xwayland &operator= (const Xwayland &) = delete;

  // False when Xwayland could not be set up (it is not installed, no display number was free).
  bool Valid () const { return xwayland_ != nullptr; }
  // The DISPLAY for X clients (":1"), or empty.
  std::string DisplayName () const;
  // Whether the X window's _NET_WM_WINDOW_TYPE says it is a dialog, a utility or toolbar
  // window or a splash screen (placed at its own size).
  bool IsDialogType (const wlr_xwayland_surface *surface) const;

 private:
  void Ready ();

  Server *server_;
  wlr_xwayland *xwayland_ = nullptr;
  xcb_atom_t dialog_types_[4] = {};  // _NET_WM_WINDOW_TYPE_{DIALOG,UTILITY,TOOLBAR,SPLASH}
  Listener new_surface_, ready_;
};

}  // namespace webdesk::wayland
