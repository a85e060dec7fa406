// SPDX-License-Identifier: LGPL-2.1-or-later
// xdg_wm_base: application windows. Every toplevel is configured fullscreen at the output's
// logical size (there is no window management to do: one output, one visible app at a time,
// the newest on top); popups (menus, tooltips) are placed by their positioner and composed in
// place above their parent.
#pragma once

#include <wayland-server-core.h>

#include <vector>

#include "positioner.h"
#include "surface.h"

namespace webdesk::wayland {

class Compositor;

class XdgSurface : public SurfaceRole {
 public:
  enum class Kind { kNone, kToplevel, kPopup };
  XdgSurface (Compositor *compositor, Surface *surface, wl_resource *resource);
  ~XdgSurface () override;

  const char *Name () const override { return "xdg_surface"; }
  bool PreCommit (Surface *surface) override;
  void Committed (Surface *surface) override;
  bool Mapped (const Surface *surface) const override;
  void Position (const Surface *surface, int *x, int *y) const override;
  void SurfaceGone (Surface *surface) override;

  Kind kind () const { return kind_; }
  Surface *surface () const { return surface_; }
  wl_resource *resource () const { return resource_; }

  void MakeToplevel (wl_resource *toplevel);
  void MakePopup (wl_resource *popup, XdgSurface *parent, const Positioner &positioner);
  void RoleObjectGone ();
  void SetWindowGeometry (int x, int y, int w, int h);
  void AckConfigure (uint32_t serial);
  // Sends a configure for the current output size (toplevels) or position (popups).
  void SendConfigure ();
  void Reposition (const Positioner &positioner, uint32_t token);
  void ParentGone (XdgSurface *parent);
  // xdg_popup.grab: the popup takes the keyboard and is dismissed by a click elsewhere.
  void Grab ();
  bool grabbing () const { return grabbing_; }
  // Sends popup_done (the client then destroys the popup).
  void Dismiss ();
  // The window geometry origin in logical output coordinates.
  void WindowOrigin (int *x, int *y) const;

 private:
  Compositor *compositor_;
  Surface *surface_;
  wl_resource *resource_;
  wl_resource *role_resource_ = nullptr;
  Kind kind_ = Kind::kNone;
  bool initial_commit_done_ = false;
  bool configured_ = false;
  bool was_mapped_ = false;
  uint32_t last_serial_ = 0;
  bool geometry_set_ = false, pending_geometry_set_ = false;
  int gx_ = 0, gy_ = 0, gw_ = 0, gh_ = 0;
  int pgx_ = 0, pgy_ = 0, pgw_ = 0, pgh_ = 0;
  // Popups.
  XdgSurface *parent_ = nullptr;
  Positioner positioner_;
  int popup_x_ = 0, popup_y_ = 0;
  std::vector<XdgSurface *> popups_;
  bool grabbing_ = false;
};

class XdgShell {
 public:
  explicit XdgShell (Compositor *compositor);
  ~XdgShell ();
  // The output changed size: every toplevel gets a new configure.
  void OutputChanged ();
  void Add (XdgSurface *s) { surfaces_.push_back (s); }
  void Remove (XdgSurface *s);
  // The topmost mapped toplevel (keyboard focus goes there).
  XdgSurface *TopmostToplevel () const;
  // The topmost mapped popup holding a grab, if any (it has the keyboard focus then).
  XdgSurface *TopmostGrab () const;
  // A button was pressed on `surface` (may be null): grabbing popups of other windows, or
  // of the same client when the press is outside every popup, are dismissed.
  void DismissGrabsUnlessOn (Surface *surface);

 private:
  static void Bind (wl_client *client, void *data, uint32_t version, uint32_t id);
  Compositor *compositor_;
  wl_global *global_;
  std::vector<XdgSurface *> surfaces_;
};

}  // namespace webdesk::wayland
