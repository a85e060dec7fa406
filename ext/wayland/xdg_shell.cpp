// SPDX-License-Identifier: LGPL-2.1-or-later
#include "xdg_shell.h"

#include "output.h"
#include "seat.h"
#include "server.h"
#include "view.h"

namespace webdesk::wayland {

namespace {

class XdgView : public View {
 public:
  XdgView (Windows *windows, wlr_xdg_surface *xdg) : View (windows), xdg_ (xdg)
  {
    node = wlr_scene_xdg_surface_create (windows->layer (), xdg);
    xdg->data = node;  // popups find their parent's tree here
    windows->Add (this);
    wlr_xdg_toplevel *toplevel = xdg->toplevel;
    map_.Connect (&xdg->events.map, [this] (void *) { Mapped (); });
    unmap_.Connect (&xdg->events.unmap, [this] (void *) { Unmapped (); });
    destroy_.Connect (&xdg->events.destroy, [this] (void *) { delete this; });
    commit_.Connect (&xdg->surface->events.commit, [this] (void *) { Committed (); });
    fullscreen_.Connect (&toplevel->events.request_fullscreen, [this] (void *) {
      FullscreenRequested ();
      wlr_xdg_surface_schedule_configure (xdg_);
    });
    // The window's size and state are ours in this mode, but every request gets its answer.
    maximize_.Connect (&toplevel->events.request_maximize,
        [this] (void *) { wlr_xdg_surface_schedule_configure (xdg_); });
    parent_.Connect (&toplevel->events.set_parent, [this] (void *) { Committed (); });
    title_.Connect (&toplevel->events.set_title, [this] (void *) { TitleChanged (); });
    // wlroots announces a toplevel at its first commit, before its first configure goes out:
    // it is told now where it will go.
    InitialCommit ();
  }
  ~XdgView () override { windows_->Remove (this); }

  wlr_surface *Surface () const override { return xdg_->surface; }
  View *Parent () const override
  {
    wlr_xdg_surface *parent = xdg_->toplevel->parent;
    return parent ? windows_->ViewOf (parent->surface) : nullptr;
  }
  SizeHints Hints () const override
  {
    // Before its first configure a toplevel's committed state is still in `pending`.
    const wlr_xdg_toplevel_state &s =
        xdg_->configured ? xdg_->toplevel->current : xdg_->toplevel->pending;
    return SizeHints{int (s.min_width), int (s.min_height), int (s.max_width), int (s.max_height)};
  }
  void DrawnSize (int *width, int *height) const override
  {
    wlr_box geometry;
    wlr_xdg_surface_get_geometry (xdg_, &geometry);
    *width = geometry.width;
    *height = geometry.height;
  }
  bool WantsFullscreen () const override { return xdg_->toplevel->requested.fullscreen; }
  void Configure (const Box &box, bool maximized, bool fullscreen) override
  {
    wlr_xdg_toplevel_set_size (xdg_, uint32_t (box.width), uint32_t (box.height));
    wlr_xdg_toplevel_set_maximized (xdg_, maximized);
    wlr_xdg_toplevel_set_fullscreen (xdg_, fullscreen);
    // Tiled on every edge: toolkits then draw no shadow or rounded corner around a window
    // that fills the output.
    wlr_xdg_toplevel_set_tiled (xdg_,
        maximized ? WLR_EDGE_TOP | WLR_EDGE_BOTTOM | WLR_EDGE_LEFT | WLR_EDGE_RIGHT : WLR_EDGE_NONE);
  }
  void SetActivated (bool activated) override { wlr_xdg_toplevel_set_activated (xdg_, activated); }
  void Close () override { wlr_xdg_toplevel_send_close (xdg_); }
  std::string Title () const override
  {
    return xdg_->toplevel->title ? xdg_->toplevel->title : "";
  }

 private:
  wlr_xdg_surface *xdg_;
  Listener map_, unmap_, destroy_, commit_, fullscreen_, maximize_, parent_, title_;
};

}  // namespace

XdgShell::XdgShell (wl_display *display, Windows *windows) : windows_ (windows)
{
  shell_ = wlr_xdg_shell_create (display);
  new_surface_.Connect (&shell_->events.new_surface,
      [this] (void *data) { NewSurface (static_cast<wlr_xdg_surface *> (data)); });
}

XdgShell::~XdgShell () = default;

void
XdgShell::NewSurface (wlr_xdg_surface *surface)
{
  if (surface->role == WLR_XDG_SURFACE_ROLE_TOPLEVEL)
    new XdgView (windows_, surface);  // deletes itself with its surface
  else if (surface->role == WLR_XDG_SURFACE_ROLE_POPUP)
    NewPopup (surface);
}

void
XdgShell::NewPopup (wlr_xdg_surface *surface)
{
  wlr_xdg_popup *popup = surface->popup;
  if (!popup->parent || !wlr_surface_is_xdg_surface (popup->parent))
    return;  // a popup of something that is not an xdg window (e.g. a layer surface)
  wlr_xdg_surface *parent = wlr_xdg_surface_from_wlr_surface (popup->parent);
  auto *parent_node = static_cast<wlr_scene_node *> (parent ? parent->data : nullptr);
  if (!parent_node)
    return;
  surface->data = wlr_scene_xdg_surface_create (parent_node, surface);
  // A menu opened with a grab takes the keyboard; the window gets it back when it closes.
  struct PopupFocus {
    Listener map, unmap, destroy;
  };
  auto *focus = new PopupFocus;
  Seat *seat = windows_->server ().seat.get ();
  focus->map.Connect (&surface->events.map, [seat, surface] (void *) {
    if (surface->popup->seat)
      seat->PopupKeyboardFocus (surface->surface);
  });
  focus->unmap.Connect (&surface->events.unmap, [seat] (void *) { seat->RestoreKeyboardFocusSoon (); });
  focus->destroy.Connect (&surface->events.destroy, [seat, focus] (void *) {
    seat->RestoreKeyboardFocusSoon ();
    delete focus;
  });
  // The output, in the coordinates of the popup's toplevel surface: menus stay on it.
  View *view = windows_->ViewOf (popup->parent);
  if (!view)
    return;
  wlr_box geometry{};
  if (wlr_xdg_surface *top = wlr_xdg_surface_from_wlr_surface (view->Surface ()))
    wlr_xdg_surface_get_geometry (top, &geometry);
  const Output &output = *windows_->server ().output;
  const wlr_box box{geometry.x - view->box.x, geometry.y - view->box.y, output.logical_width (),
    output.logical_height ()};
  wlr_xdg_popup_unconstrain_from_box (popup, &box);
}

}  // namespace webdesk::wayland
