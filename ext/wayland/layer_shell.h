// SPDX-License-Identifier: LGPL-2.1-or-later
// wlr-layer-shell: the desktop's own parts as Wayland clients (a panel such as waybar, a
// wallpaper such as swaybg, a launcher such as fuzzel), placed on the output's four layers
// (background, bottom, top, overlay) by layer_policy.h. Their exclusive zones make the usable
// area windows are placed in. A surface that asks for the keyboard exclusively (a launcher) gets
// it while it is shown; one that takes it on demand gets it when clicked. Wayland thread only.
#pragma once

#include <list>
#include <memory>

#include "listener.h"
#include "window_policy.h"
#include "wlr.h"

namespace webdesk::wayland {

class Server;

class LayerShell {
 public:
  // `layers`: the scene trees of the four layers, bottom to top.
  LayerShell (Server *server, wlr_scene_tree *const layers[4]);
  ~LayerShell ();
  LayerShell (const LayerShell &) = delete;
  LayerShell &operator= (const LayerShell &) = delete;

  // Places every layer surface again (the output or a surface changed); windows are told when
  // the usable area changes.
  void Arrange ();
  // The output less the exclusive zones (logical pixels).
  const Box &usable () const { return usable_; }
  // The layer surface under the logical point in the layers above the windows (`above`) or
  // below them, with surface coordinates.
  wlr_surface *SurfaceAt (bool above, double x, double y, double *sx, double *sy) const;
  // A click on a layer surface: it gets the keyboard if it takes it on demand.
  void Clicked (wlr_surface *surface);

 private:
  struct Surface;
  void Add (wlr_layer_surface_v1 *layer_surface);
  // Gives the keyboard to the topmost surface that wants it to itself, or back to the windows.
  // `leaving` is being unmapped (wlroots 0.15 still calls it mapped while it says so).
  void FocusChanged (const wlr_layer_surface_v1 *leaving = nullptr);

  Server *server_;
  wlr_scene_tree *layers_[4];
  wlr_layer_shell_v1 *shell_;
  std::list<std::unique_ptr<Surface>> surfaces_;
  Box usable_;
  wlr_surface *keyboard_owner_ = nullptr;  // a layer surface holding the keyboard
  Listener new_surface_;
};

}  // namespace webdesk::wayland
