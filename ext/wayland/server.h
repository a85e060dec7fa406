// SPDX-License-Identifier: LGPL-2.1-or-later
// The wlroots side of the compositor: the display's globals and the objects behind them. wlroots
// implements the protocols (the list is in Server::Server, and in
// docs/elements/waylanddamagesrc.md); webdesk adds the output that frames are taken from
// (output.h), the window management (view.h, xdg_shell.h, xwayland.h), the seat driven by the
// viewer (seat.h), the clipboard (clipboard.h), text input (text_input.h) and the nested
// desktops' clipboard bridges (nested_desktops.h, once a command runs). Created and
// destroyed by Compositor; every object here lives on the Wayland thread.
#pragma once

#include <memory>
#include <string>

#include "output.h"
#include "shell.h"
#include "wlr.h"

namespace webdesk::wayland {

class Compositor;
class Clipboard;
class FramePacer;
class LayerShell;
class NestedDesktops;
class Seat;
class Windows;
class XdgShell;
class Xwayland;
struct CursorImage;
class View;

class Server {
 public:
  // Everything on `display` for an output of `size`; `xwayland`: offer X11 (started lazily).
  Server (Compositor *compositor, wl_display *display, OutputSize size, bool xwayland,
      Shell shell);
  ~Server ();
  Server (const Server &) = delete;
  Server &operator= (const Server &) = delete;

  // False, with `error` set, when the compositor could not be set up.
  bool Valid (std::string *error) const;

  Compositor *compositor;
  wl_display *display;
  wlr_backend *backend = nullptr;
  wlr_renderer *renderer = nullptr;
  wlr_allocator *allocator = nullptr;
  ::wlr_compositor *surfaces = nullptr;  // wl_compositor, wl_subcompositor
  wlr_scene *scene = nullptr;
  wlr_output_layout *layout = nullptr;
  wlr_presentation *presentation = nullptr;
  wlr_relative_pointer_manager_v1 *relative_pointer = nullptr;
  wlr_pointer_constraints_v1 *pointer_constraints = nullptr;
  std::unique_ptr<Output> output;
  std::unique_ptr<FramePacer> frame_pacer;
  std::unique_ptr<Windows> windows;
  std::unique_ptr<Seat> seat;
  std::unique_ptr<XdgShell> xdg_shell;
  std::unique_ptr<Xwayland> xwayland;
  std::unique_ptr<Clipboard> clipboard;
  std::unique_ptr<LayerShell> layer_shell;
  std::unique_ptr<NestedDesktops> nested_desktops;  // made by Compositor::WatchNestedDesktops

  // Override-redirect X windows (menus, tooltips), above every window.
  wlr_scene_node *unmanaged_layer () { return &unmanaged_layer_->node; }
  // The icon of a drag in progress, above everything.
  wlr_scene_node *drag_layer () { return &drag_layer_->node; }
  // The cursor the viewer should show changed (from the seat).
  void CursorChanged (const CursorImage &image);
  // Whether the client of `xdg` asked for a title bar from us (xdg-decoration).
  bool ServerSideDecorated (const wlr_xdg_surface *xdg) const;
  // The surface under the logical point, topmost first: override-redirect X windows, the
  // overlay layer, fullscreen windows, the top layer (a panel), windows, the bottom and
  // background layers; with surface coordinates. In the desktop mode a title bar or resize
  // border of a window above is reported in `decoration` (its window) instead.
  wlr_surface *SurfaceAt (double x, double y, double *sx, double *sy, View **decoration,
      int *part, uint32_t *edges) const;

 private:
  std::string error_;
  // The scene's layers, bottom to top (wlr-layer-shell's four around the windows).
  wlr_scene_tree *background_ = nullptr, *bottom_ = nullptr, *windows_layer_ = nullptr,
                 *top_ = nullptr, *fullscreen_ = nullptr, *overlay_ = nullptr;
  wlr_scene_tree *unmanaged_layer_ = nullptr;
  wlr_scene_tree *drag_layer_ = nullptr;
  struct Extras;  // globals that need no code of ours after they are created
  std::unique_ptr<Extras> extras_;
};

}  // namespace webdesk::wayland
