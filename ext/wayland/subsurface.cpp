// SPDX-License-Identifier: LGPL-2.1-or-later
// wl_subcompositor and wl_subsurface: surfaces drawn relative to a parent, synchronized
// (state applied with the parent's commit) or not.
#include <wayland-server-protocol.h>

#include "compositor.h"
#include "surface.h"

namespace webdesk::wayland {

// --- wl_subsurface ---

namespace {

Subsurface *
Sub (wl_resource *r)
{
  return static_cast<Subsurface *> (wl_resource_get_user_data (r));
}

void
SubsurfaceDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
SubsurfaceSetPosition (wl_client *, wl_resource *resource, int32_t x, int32_t y)
{
  if (Subsurface *s = Sub (resource))
    s->SetPendingPosition (x, y);
}

void
SubsurfacePlace (wl_resource *resource, wl_resource *sibling, bool above)
{
  Subsurface *s = Sub (resource);
  if (!s || !s->Parent ())
    return;
  if (!s->Parent ()->PlaceChild (s, Surface::FromResource (sibling), above))
    wl_resource_post_error (resource, WL_SUBSURFACE_ERROR_BAD_SURFACE,
        "wl_surface@%u is neither the parent nor a sibling", wl_resource_get_id (sibling));
}

void
SubsurfacePlaceAbove (wl_client *, wl_resource *resource, wl_resource *sibling)
{
  SubsurfacePlace (resource, sibling, true);
}

void
SubsurfacePlaceBelow (wl_client *, wl_resource *resource, wl_resource *sibling)
{
  SubsurfacePlace (resource, sibling, false);
}

void
SubsurfaceSetSync (wl_client *, wl_resource *resource)
{
  if (Subsurface *s = Sub (resource))
    s->SetSync (true);
}

void
SubsurfaceSetDesync (wl_client *, wl_resource *resource)
{
  Subsurface *s = Sub (resource);
  if (!s)
    return;
  s->SetSync (false);
  // A subsurface that becomes desynchronized applies what it had cached.
  if (!s->Synchronized ())
    s->surface ()->ApplyCached ();
}

const struct wl_subsurface_interface kSubsurfaceImpl = {SubsurfaceDestroy,
  SubsurfaceSetPosition, SubsurfacePlaceAbove, SubsurfacePlaceBelow, SubsurfaceSetSync,
  SubsurfaceSetDesync};

void
SubsurfaceResourceDestroyed (wl_resource *resource)
{
  delete Sub (resource);
}

}  // namespace

Subsurface::Subsurface (Surface *surface, Surface *parent, wl_resource *resource)
    : surface_ (surface), parent_ (parent), resource_ (resource)
{
  wl_resource_set_implementation (resource, &kSubsurfaceImpl, this, SubsurfaceResourceDestroyed);
  parent_->AddChild (this);
}

Subsurface::~Subsurface ()
{
  if (parent_)
    parent_->RemoveChild (this);
  if (surface_)
    surface_->ClearRole ();
}

bool
Subsurface::Mapped (const Surface *) const
{
  return parent_ && parent_->Mapped ();
}

void
Subsurface::Position (const Surface *, int *x, int *y) const
{
  *x = x_;
  *y = y_;
}

bool
Subsurface::Synchronized () const
{
  if (sync_)
    return true;
  return parent_ && parent_->role () && parent_->role ()->Synchronized ();
}

void
Subsurface::SurfaceGone (Surface *)
{
  if (parent_)
    parent_->RemoveChild (this);
  parent_ = nullptr;
  surface_ = nullptr;
  wl_resource_set_user_data (resource_, nullptr);
  // The wl_subsurface resource stays until the client destroys it; it is inert now.
  wl_resource_set_destructor (resource_, nullptr);
  delete this;
}

void
Subsurface::Committed (Surface *)
{
}

void
Subsurface::ApplyParentState ()
{
  if (!position_pending_)
    return;
  position_pending_ = false;
  if (pending_x_ == x_ && pending_y_ == y_)
    return;
  surface_->DamageTree ();
  x_ = pending_x_;
  y_ = pending_y_;
  surface_->DamageTree ();
}

void
Subsurface::ParentGone ()
{
  if (surface_)
    surface_->DamageTree ();
  parent_ = nullptr;
}

// --- wl_subcompositor ---

namespace {

bool
IsAncestor (Surface *maybe_ancestor, Surface *surface)
{
  for (Surface *s = surface; s; s = s->role () ? s->role ()->Parent () : nullptr)
    if (s == maybe_ancestor)
      return true;
  return false;
}

void
SubcompositorDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
SubcompositorGetSubsurface (wl_client *client, wl_resource *resource, uint32_t id,
    wl_resource *surface_resource, wl_resource *parent_resource)
{
  Surface *surface = Surface::FromResource (surface_resource);
  Surface *parent = Surface::FromResource (parent_resource);
  if (IsAncestor (surface, parent)) {
    wl_resource_post_error (resource, WL_SUBCOMPOSITOR_ERROR_BAD_SURFACE,
        "wl_surface@%u cannot be its own ancestor", wl_resource_get_id (surface_resource));
    return;
  }
  if (surface->role ()) {
    wl_resource_post_error (resource, WL_SUBCOMPOSITOR_ERROR_BAD_SURFACE,
        "wl_surface@%u already has a role", wl_resource_get_id (surface_resource));
    return;
  }
  wl_resource *r = wl_resource_create (client, &wl_subsurface_interface, 1, id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  auto *sub = new Subsurface (surface, parent, r);
  surface->SetRole (sub, resource, WL_SUBCOMPOSITOR_ERROR_BAD_SURFACE);
}

const struct wl_subcompositor_interface kSubcompositorImpl = {SubcompositorDestroy,
  SubcompositorGetSubsurface};

void
BindSubcompositor (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wl_subcompositor_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kSubcompositorImpl, data, nullptr);
}

}  // namespace

wl_global *
CreateSubcompositorGlobal (Compositor *compositor)
{
  return wl_global_create (compositor->display (), &wl_subcompositor_interface, 1, compositor,
      BindSubcompositor);
}

}  // namespace webdesk::wayland
