// SPDX-License-Identifier: LGPL-2.1-or-later
#include "xwayland.h"

#include <algorithm>

#include "seat.h"
#include "server.h"
#include "view.h"

namespace webdesk::wayland {

namespace {

// A managed X window.
class XwaylandView : public View {
 public:
  XwaylandView (Windows *windows, Xwayland *owner, wlr_xwayland_surface *x)
      : View (windows), owner_ (owner), x_ (x)
  {
    destroy_.Connect (&x->events.destroy, [this] (void *) { delete this; });
    map_.Connect (&x->events.map, [this] (void *) { OnMap (); });
    unmap_.Connect (&x->events.unmap, [this] (void *) { OnUnmap (); });
    configure_.Connect (&x->events.request_configure, [this] (void *data) {
      OnRequestConfigure (static_cast<wlr_xwayland_surface_configure_event *> (data));
    });
    fullscreen_.Connect (&x->events.request_fullscreen, [this] (void *) {
      if (!x_->override_redirect)
        FullscreenRequested ();
    });
    activate_.Connect (&x->events.request_activate, [this] (void *) { ActivationRequested (); });
    title_.Connect (&x->events.set_title, [this] (void *) { TitleChanged (); });
    geometry_.Connect (&x->events.set_geometry, [this] (void *) {
      if (unmanaged_node_)
        wlr_scene_node_set_position (unmanaged_node_, x_->x, x_->y);
    });
  }
  ~XwaylandView () override
  {
    DestroyNodes ();
    windows_->Remove (this);
  }

  wlr_surface *Surface () const override { return x_->surface; }
  View *Parent () const override
  {
    return x_->parent && x_->parent->surface ? windows_->ViewOf (x_->parent->surface) : nullptr;
  }
  SizeHints Hints () const override
  {
    SizeHints hints;
    if (const wlr_xwayland_surface_size_hints *h = x_->size_hints) {
      hints.min_width = std::max (0, h->min_width);
      hints.min_height = std::max (0, h->min_height);
      hints.max_width = std::max (0, h->max_width);
      hints.max_height = std::max (0, h->max_height);
    }
    return hints;
  }
  void DrawnSize (int *width, int *height) const override
  {
    *width = x_->width;
    *height = x_->height;
  }
  bool WantsFullscreen () const override { return x_->fullscreen; }
  bool IsDialogType () const override { return x_->modal || owner_->IsDialogType (x_); }
  void Configure (const Box &box, bool maximized, bool fullscreen) override
  {
    const int width = box.width > 0 ? box.width : x_->width;
    const int height = box.height > 0 ? box.height : x_->height;
    wlr_xwayland_surface_configure (x_, int16_t (box.x), int16_t (box.y), uint16_t (width),
        uint16_t (height));
    wlr_xwayland_surface_set_maximized (x_, maximized);
    wlr_xwayland_surface_set_fullscreen (x_, fullscreen);
  }
  void SetActivated (bool activated) override
  {
    wlr_xwayland_surface_activate (x_, activated);
    if (activated)
      wlr_xwayland_surface_restack (x_, nullptr, XCB_STACK_MODE_ABOVE);
  }
  void Close () override { wlr_xwayland_surface_close (x_); }
  std::string Title () const override { return x_->title ? x_->title : ""; }
  bool TakesFocus () const override
  {
    return wlr_xwayland_icccm_input_model (x_) != WLR_ICCCM_INPUT_MODEL_NONE;
  }

 private:
  void OnMap ()
  {
    if (x_->override_redirect) {
      // A menu, tooltip or drop-down: where X put it, above the windows.
      unmanaged_node_ =
          wlr_scene_subsurface_tree_create (windows_->server ().unmanaged_layer (), x_->surface);
      wlr_scene_node_set_position (unmanaged_node_, x_->x, x_->y);
      if (wlr_xwayland_or_surface_wants_focus (x_))
        windows_->server ().seat->KeyboardFocus (x_->surface);
      return;
    }
    node = wlr_scene_subsurface_tree_create (windows_->layer (), x_->surface);
    windows_->Add (this);
    commit_.Connect (&x_->surface->events.commit, [this] (void *) { Committed (); });
    Mapped ();
  }
  void OnUnmap ()
  {
    commit_.Disconnect ();
    if (unmanaged_node_) {
      const bool had_keyboard = windows_->server ().seat->keyboard_focus () == x_->surface;
      DestroyNodes ();
      if (had_keyboard && windows_->Focused ())
        windows_->Focus (windows_->Focused ());
      windows_->server ().seat->PointerRefocus ();
      return;
    }
    if (mapped)
      Unmapped ();
    DestroyNodes ();
    windows_->Remove (this);
  }
  void OnRequestConfigure (wlr_xwayland_surface_configure_event *event)
  {
    // Unmapped and override-redirect windows go where they ask; a mapped dialog may choose
    // its size (it is centred again); a main window keeps the size it was given.
    if (!mapped || x_->override_redirect) {
      wlr_xwayland_surface_configure (x_, event->x, event->y, event->width, event->height);
      return;
    }
    if (windows_->IsDialog (this)) {
      wlr_xwayland_surface_configure (x_, int16_t (box.x), int16_t (box.y), event->width,
          event->height);
      return;  // its commit at the new size centres it
    }
    Configure (box, !fullscreen, fullscreen);
  }
  void DestroyNodes ()
  {
    if (node)
      wlr_scene_node_destroy (node);
    node = nullptr;
    if (unmanaged_node_)
      wlr_scene_node_destroy (unmanaged_node_);
    unmanaged_node_ = nullptr;
  }

  Xwayland *owner_;
  wlr_xwayland_surface *x_;
  wlr_scene_node *unmanaged_node_ = nullptr;
  Listener destroy_, map_, unmap_, configure_, fullscreen_, activate_, geometry_, commit_, title_;
};

}  // namespace

Xwayland::Xwayland (Server *server) : server_ (server)
{
  xwayland_ = wlr_xwayland_create (server->display, server->surfaces, true);
  if (!xwayland_)
    return;
  wlr_xwayland_set_seat (xwayland_, server->seat->wlr ());
  new_surface_.Connect (&xwayland_->events.new_surface, [this] (void *data) {
    new XwaylandView (server_->windows.get (), this,
        static_cast<wlr_xwayland_surface *> (data));  // deletes itself with its surface
  });
  ready_.Connect (&xwayland_->events.ready, [this] (void *) { Ready (); });
}

Xwayland::~Xwayland ()
{
  new_surface_.Disconnect ();
  ready_.Disconnect ();
  if (xwayland_)
    wlr_xwayland_destroy (xwayland_);
}

std::string
Xwayland::DisplayName () const
{
  return xwayland_ && xwayland_->display_name ? xwayland_->display_name : "";
}

void
Xwayland::Ready ()
{
  // The window-type atoms, interned on a connection of our own (the window manager's atoms
  // are private to wlroots).
  xcb_connection_t *connection = xcb_connect (xwayland_->display_name, nullptr);
  if (xcb_connection_has_error (connection)) {
    xcb_disconnect (connection);
    return;
  }
  const char *names[] = {"_NET_WM_WINDOW_TYPE_DIALOG", "_NET_WM_WINDOW_TYPE_UTILITY",
    "_NET_WM_WINDOW_TYPE_TOOLBAR", "_NET_WM_WINDOW_TYPE_SPLASH"};
  xcb_intern_atom_cookie_t cookies[4];
  for (int i = 0; i < 4; i++)
    cookies[i] = xcb_intern_atom (connection, 0, uint16_t (strlen (names[i])), names[i]);
  for (int i = 0; i < 4; i++)
    if (xcb_intern_atom_reply_t *reply = xcb_intern_atom_reply (connection, cookies[i], nullptr)) {
      dialog_types_[i] = reply->atom;
      free (reply);
    }
  xcb_disconnect (connection);
}

bool
Xwayland::IsDialogType (const wlr_xwayland_surface *surface) const
{
  for (size_t i = 0; i < surface->window_type_len; i++)
    for (xcb_atom_t type : dialog_types_)
      if (type != XCB_ATOM_NONE && surface->window_type[i] == type)
        return true;
  return false;
}

}  // namespace webdesk::wayland
