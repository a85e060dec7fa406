// SPDX-License-Identifier: LGPL-2.1-or-later
#include "xdg_shell.h"

#include <algorithm>

#include "compositor.h"
#include "seat.h"
#include "xdg-shell-server-protocol.h"

namespace webdesk::wayland {

namespace {

void
Destroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

// --- xdg_toplevel: everything a window manager would do is accepted and ignored; the
// toplevel stays fullscreen. ---

XdgSurface *
X (wl_resource *r)
{
  return static_cast<XdgSurface *> (wl_resource_get_user_data (r));
}

void ToplevelSetParent (wl_client *, wl_resource *, wl_resource *) {}
void ToplevelSetTitle (wl_client *, wl_resource *, const char *) {}
void ToplevelSetAppId (wl_client *, wl_resource *, const char *) {}
void ToplevelShowWindowMenu (wl_client *, wl_resource *, wl_resource *, uint32_t, int32_t, int32_t) {}
void ToplevelMove (wl_client *, wl_resource *, wl_resource *, uint32_t) {}
void ToplevelResize (wl_client *, wl_resource *, wl_resource *, uint32_t, uint32_t) {}
void ToplevelSetSize (wl_client *, wl_resource *, int32_t, int32_t) {}

void
ToplevelReconfigure (wl_client *, wl_resource *r)
{
  // The client asked for a state change: tell it again that it is fullscreen.
  if (XdgSurface *x = X (r))
    x->SendConfigure ();
}

void
ToplevelSetFullscreen (wl_client *c, wl_resource *r, wl_resource *)
{
  ToplevelReconfigure (c, r);
}

const struct xdg_toplevel_interface kToplevelImpl = {Destroy, ToplevelSetParent, ToplevelSetTitle,
  ToplevelSetAppId, ToplevelShowWindowMenu, ToplevelMove, ToplevelResize, ToplevelSetSize,
  ToplevelSetSize, ToplevelReconfigure, ToplevelReconfigure, ToplevelSetFullscreen,
  ToplevelReconfigure, ToplevelReconfigure};

void
RoleResourceDestroyed (wl_resource *r)
{
  if (XdgSurface *x = X (r))
    x->RoleObjectGone ();
}

// --- xdg_popup ---

void
PopupGrab (wl_client *, wl_resource *r, wl_resource *, uint32_t)
{
  if (XdgSurface *x = X (r))
    x->Grab ();
}

void
PopupReposition (wl_client *, wl_resource *r, wl_resource *positioner, uint32_t token)
{
  if (XdgSurface *x = X (r))
    x->Reposition (*PositionerFromResource (positioner), token);
}

const struct xdg_popup_interface kPopupImpl = {Destroy, PopupGrab, PopupReposition};

// --- xdg_surface ---

void
XdgSurfaceDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
XdgSurfaceGetToplevel (wl_client *client, wl_resource *resource, uint32_t id)
{
  XdgSurface *x = X (resource);
  if (!x || !x->surface () || x->kind () != XdgSurface::Kind::kNone) {
    wl_resource_post_error (resource, XDG_SURFACE_ERROR_ALREADY_CONSTRUCTED,
        "xdg_surface already has a role object, or its wl_surface is gone");
    return;
  }
  wl_resource *r = wl_resource_create (client, &xdg_toplevel_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kToplevelImpl, x, RoleResourceDestroyed);
  x->MakeToplevel (r);
}

void
XdgSurfaceGetPopup (wl_client *client, wl_resource *resource, uint32_t id, wl_resource *parent,
    wl_resource *positioner)
{
  XdgSurface *x = X (resource);
  if (!x || !x->surface () || x->kind () != XdgSurface::Kind::kNone) {
    wl_resource_post_error (resource, XDG_SURFACE_ERROR_ALREADY_CONSTRUCTED,
        "xdg_surface already has a role object, or its wl_surface is gone");
    return;
  }
  const Positioner *p = PositionerFromResource (positioner);
  if (p->width <= 0 || p->height <= 0) {
    wl_resource_post_error (resource, XDG_WM_BASE_ERROR_INVALID_POSITIONER,
        "the positioner has no size");
    return;
  }
  wl_resource *r = wl_resource_create (client, &xdg_popup_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kPopupImpl, x, RoleResourceDestroyed);
  x->MakePopup (r, parent ? X (parent) : nullptr, *p);
}

void
XdgSurfaceSetWindowGeometry (wl_client *, wl_resource *resource, int32_t x, int32_t y,
    int32_t w, int32_t h)
{
  if (w <= 0 || h <= 0) {
    wl_resource_post_error (resource, XDG_SURFACE_ERROR_INVALID_SIZE,
        "window geometry must have a positive size");
    return;
  }
  if (XdgSurface *s = X (resource))
    s->SetWindowGeometry (x, y, w, h);
}

void
XdgSurfaceAckConfigure (wl_client *, wl_resource *resource, uint32_t serial)
{
  if (XdgSurface *s = X (resource))
    s->AckConfigure (serial);
}

const struct xdg_surface_interface kXdgSurfaceImpl = {XdgSurfaceDestroy, XdgSurfaceGetToplevel,
  XdgSurfaceGetPopup, XdgSurfaceSetWindowGeometry, XdgSurfaceAckConfigure};

void
XdgSurfaceResourceDestroyed (wl_resource *resource)
{
  delete X (resource);
}

// --- xdg_wm_base ---

void
WmBaseCreatePositioner (wl_client *client, wl_resource *resource, uint32_t id)
{
  if (!CreatePositioner (client, wl_resource_get_version (resource), id))
    wl_client_post_no_memory (client);
}

void
WmBaseGetXdgSurface (wl_client *client, wl_resource *resource, uint32_t id,
    wl_resource *surface_resource)
{
  Surface *surface = Surface::FromResource (surface_resource);
  if (surface->role ()) {
    wl_resource_post_error (resource, XDG_WM_BASE_ERROR_ROLE, "wl_surface@%u already has a role",
        wl_resource_get_id (surface_resource));
    return;
  }
  if (surface->HasContent () || surface->pending.buffer.get ()) {
    wl_resource_post_error (resource, XDG_SURFACE_ERROR_UNCONFIGURED_BUFFER,
        "wl_surface@%u already has a buffer", wl_resource_get_id (surface_resource));
    return;
  }
  wl_resource *r = wl_resource_create (client, &xdg_surface_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  auto *compositor = static_cast<Compositor *> (wl_resource_get_user_data (resource));
  auto *x = new XdgSurface (compositor, surface, r);
  wl_resource_set_implementation (r, &kXdgSurfaceImpl, x, XdgSurfaceResourceDestroyed);
  surface->SetRole (x, resource, XDG_WM_BASE_ERROR_ROLE);
}

void
WmBasePong (wl_client *, wl_resource *, uint32_t)
{
}

const struct xdg_wm_base_interface kWmBaseImpl = {Destroy, WmBaseCreatePositioner,
  WmBaseGetXdgSurface, WmBasePong};

}  // namespace

// --- XdgSurface ---

XdgSurface::XdgSurface (Compositor *compositor, Surface *surface, wl_resource *resource)
    : compositor_ (compositor), surface_ (surface), resource_ (resource)
{
  compositor_->shell ().Add (this);
}

XdgSurface::~XdgSurface ()
{
  if (role_resource_)
    wl_resource_set_user_data (role_resource_, nullptr);
  RoleObjectGone ();
  compositor_->shell ().Remove (this);
  if (surface_)
    surface_->ClearRole ();
}

void
XdgSurface::MakeToplevel (wl_resource *toplevel)
{
  role_resource_ = toplevel;
  kind_ = Kind::kToplevel;
  compositor_->AddRoot (surface_);
}

void
XdgSurface::MakePopup (wl_resource *popup, XdgSurface *parent, const Positioner &positioner)
{
  role_resource_ = popup;
  kind_ = Kind::kPopup;
  parent_ = parent;
  positioner_ = positioner;
  positioner_.Place (&popup_x_, &popup_y_);
  if (parent_)
    parent_->popups_.push_back (this);
  compositor_->AddRoot (surface_);
}

void
XdgSurface::RoleObjectGone ()
{
  if (kind_ == Kind::kNone)
    return;
  if (surface_) {
    surface_->DamageTree ();
    compositor_->RemoveRoot (surface_);
  }
  for (XdgSurface *popup : popups_)
    popup->ParentGone (this);
  popups_.clear ();
  if (parent_)
    parent_->popups_.erase (std::remove (parent_->popups_.begin (), parent_->popups_.end (), this),
        parent_->popups_.end ());
  parent_ = nullptr;
  kind_ = Kind::kNone;
  // The xdg_toplevel / xdg_popup resource may outlive this object: make it inert.
  if (role_resource_)
    wl_resource_set_user_data (role_resource_, nullptr);
  role_resource_ = nullptr;
  configured_ = initial_commit_done_ = false;
  grabbing_ = false;
  if (was_mapped_) {
    was_mapped_ = false;
    compositor_->seat ().FocusChanged ();
  }
}

void
XdgSurface::Grab ()
{
  grabbing_ = true;
  compositor_->seat ().FocusChanged ();
}

void
XdgSurface::Dismiss ()
{
  if (role_resource_ && kind_ == Kind::kPopup)
    xdg_popup_send_popup_done (role_resource_);
  grabbing_ = false;
}

void
XdgSurface::ParentGone (XdgSurface *parent)
{
  if (parent_ == parent)
    parent_ = nullptr;
  if (role_resource_ && kind_ == Kind::kPopup)
    xdg_popup_send_popup_done (role_resource_);
}

void
XdgSurface::SurfaceGone (Surface *)
{
  RoleObjectGone ();
  surface_ = nullptr;
}

void
XdgSurface::SetWindowGeometry (int x, int y, int w, int h)
{
  pending_geometry_set_ = true;
  pgx_ = x; pgy_ = y; pgw_ = w; pgh_ = h;
}

void
XdgSurface::AckConfigure (uint32_t serial)
{
  if (serial == last_serial_ || !configured_)
    configured_ = true;
}

bool
XdgSurface::PreCommit (Surface *surface)
{
  if (kind_ == Kind::kNone && (surface->pending.buffer.get () || surface->HasContent ())) {
    wl_resource_post_error (resource_, XDG_SURFACE_ERROR_NOT_CONSTRUCTED,
        "xdg_surface has no role object but a buffer was committed");
    return false;
  }
  if (kind_ != Kind::kNone && !configured_ && surface->pending.buffer.get ()) {
    wl_resource_post_error (resource_, XDG_SURFACE_ERROR_UNCONFIGURED_BUFFER,
        "a buffer was committed before the first configure was acknowledged");
    return false;
  }
  if (pending_geometry_set_) {
    geometry_set_ = true;
    gx_ = pgx_; gy_ = pgy_; gw_ = pgw_; gh_ = pgh_;
    pending_geometry_set_ = false;
  }
  return true;
}

void
XdgSurface::Committed (Surface *surface)
{
  if (kind_ == Kind::kNone)
    return;
  if (!initial_commit_done_) {
    initial_commit_done_ = true;
    SendConfigure ();
  }
  const bool mapped = surface->Mapped ();
  if (mapped != was_mapped_) {
    was_mapped_ = mapped;
    if (mapped && kind_ == Kind::kToplevel)
      compositor_->RaiseRoot (surface);
    compositor_->seat ().FocusChanged ();
  }
}

bool
XdgSurface::Mapped (const Surface *) const
{
  if (kind_ == Kind::kNone || !configured_)
    return false;
  if (kind_ == Kind::kPopup)
    return parent_ && parent_->surface_ && parent_->surface_->Mapped ();
  return true;
}

void
XdgSurface::WindowOrigin (int *x, int *y) const
{
  int sx = 0, sy = 0;
  if (surface_)
    surface_->Origin (&sx, &sy);
  *x = sx + (geometry_set_ ? gx_ : 0);
  *y = sy + (geometry_set_ ? gy_ : 0);
}

void
XdgSurface::Position (const Surface *, int *x, int *y) const
{
  const int gx = geometry_set_ ? gx_ : 0, gy = geometry_set_ ? gy_ : 0;
  if (kind_ == Kind::kPopup && parent_) {
    int px, py;
    parent_->WindowOrigin (&px, &py);
    *x = px + popup_x_ - gx;
    *y = py + popup_y_ - gy;
    return;
  }
  // Toplevels: the window geometry fills the output from its top-left corner.
  *x = -gx;
  *y = -gy;
}

void
XdgSurface::SendConfigure ()
{
  if (!role_resource_)
    return;
  if (kind_ == Kind::kToplevel) {
    const OutputSize size = compositor_->output_size ();
    wl_array states;
    wl_array_init (&states);
    for (uint32_t state : {uint32_t (XDG_TOPLEVEL_STATE_FULLSCREEN),
             uint32_t (XDG_TOPLEVEL_STATE_ACTIVATED)})
      *static_cast<uint32_t *> (wl_array_add (&states, sizeof (uint32_t))) = state;
    xdg_toplevel_send_configure (role_resource_, size.width / size.scale,
        size.height / size.scale, &states);
    wl_array_release (&states);
  } else if (kind_ == Kind::kPopup) {
    xdg_popup_send_configure (role_resource_, popup_x_, popup_y_, positioner_.width,
        positioner_.height);
  }
  last_serial_ = compositor_->NextSerial ();
  xdg_surface_send_configure (resource_, last_serial_);
}

void
XdgSurface::Reposition (const Positioner &positioner, uint32_t token)
{
  positioner_ = positioner;
  positioner_.Place (&popup_x_, &popup_y_);
  if (surface_)
    surface_->DamageTree ();
  xdg_popup_send_repositioned (role_resource_, token);
  SendConfigure ();
}

// --- XdgShell ---

XdgShell::XdgShell (Compositor *compositor) : compositor_ (compositor)
{
  global_ = wl_global_create (compositor->display (), &xdg_wm_base_interface, 3, compositor,
      &XdgShell::Bind);
}

XdgShell::~XdgShell ()
{
  wl_global_destroy (global_);
}

void
XdgShell::Bind (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &xdg_wm_base_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kWmBaseImpl, data, nullptr);
}

void
XdgShell::Remove (XdgSurface *s)
{
  surfaces_.erase (std::remove (surfaces_.begin (), surfaces_.end (), s), surfaces_.end ());
}

void
XdgShell::OutputChanged ()
{
  for (XdgSurface *s : surfaces_)
    if (s->kind () == XdgSurface::Kind::kToplevel)
      s->SendConfigure ();
}

XdgSurface *
XdgShell::TopmostGrab () const
{
  const auto &roots = compositor_->roots ();
  for (auto it = roots.rbegin (); it != roots.rend (); ++it) {
    auto *x = dynamic_cast<XdgSurface *> ((*it)->role ());
    if (x && x->kind () == XdgSurface::Kind::kPopup && x->grabbing () && (*it)->Mapped ())
      return x;
  }
  return nullptr;
}

void
XdgShell::DismissGrabsUnlessOn (Surface *surface)
{
  // The root (toplevel or popup) the surface belongs to.
  Surface *root = surface;
  while (root && root->role () && root->role ()->Parent ())
    root = root->role ()->Parent ();
  auto *on = root ? dynamic_cast<XdgSurface *> (root->role ()) : nullptr;
  const bool on_grabbing_popup = on && on->kind () == XdgSurface::Kind::kPopup && on->grabbing ();
  if (on_grabbing_popup)
    return;
  // Topmost first, as the protocol asks.
  std::vector<XdgSurface *> grabs;
  const auto &roots = compositor_->roots ();
  for (auto it = roots.rbegin (); it != roots.rend (); ++it) {
    auto *x = dynamic_cast<XdgSurface *> ((*it)->role ());
    if (x && x->kind () == XdgSurface::Kind::kPopup && x->grabbing ())
      grabs.push_back (x);
  }
  for (XdgSurface *x : grabs)
    x->Dismiss ();
  if (!grabs.empty ())
    compositor_->seat ().FocusChanged ();
}

XdgSurface *
XdgShell::TopmostToplevel () const
{
  const auto &roots = compositor_->roots ();
  for (auto it = roots.rbegin (); it != roots.rend (); ++it) {
    auto *x = dynamic_cast<XdgSurface *> ((*it)->role ());
    if (x && x->kind () == XdgSurface::Kind::kToplevel && (*it)->Mapped ())
      return x;
  }
  return nullptr;
}

}  // namespace webdesk::wayland
