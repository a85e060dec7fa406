// SPDX-License-Identifier: LGPL-2.1-or-later
#include "surface.h"

#include <wayland-server-protocol.h>

#include <algorithm>
#include <mutex>

#include "compositor.h"

namespace webdesk::wayland {

// --- BufferRef ---

BufferRef::BufferRef ()
{
  destroy_.notify = &BufferRef::OnDestroy;
  wl_list_init (&destroy_.link);
}

void
BufferRef::Set (wl_resource *buffer)
{
  if (buffer == buffer_)
    return;
  if (buffer_) {
    wl_list_remove (&destroy_.link);
    wl_list_init (&destroy_.link);
  }
  buffer_ = buffer;
  if (buffer_)
    wl_resource_add_destroy_listener (buffer_, &destroy_);
}

void
BufferRef::OnDestroy (wl_listener *listener, void *data)
{
  BufferRef *self = wl_container_of (listener, self, destroy_);
  wl_list_remove (&self->destroy_.link);
  wl_list_init (&self->destroy_.link);
  self->buffer_ = nullptr;
}

// --- SurfaceState ---

SurfaceState::SurfaceState ()
{
  wl_list_init (&frame_callbacks);
}

SurfaceState::~SurfaceState ()
{
  wl_resource *cb, *tmp;
  wl_resource_for_each_safe (cb, tmp, &frame_callbacks)
    wl_resource_destroy (cb);
}

void
SurfaceState::MergeFrom (SurfaceState &from)
{
  if (from.buffer_attached) {
    buffer_attached = true;
    buffer.Set (from.buffer.get ());
    dx += from.dx;
    dy += from.dy;
    from.buffer.Set (nullptr);
    from.buffer_attached = false;
    from.dx = from.dy = 0;
  }
  surface_damage.Add (from.surface_damage);
  buffer_damage.Add (from.buffer_damage);
  from.surface_damage.Clear ();
  from.buffer_damage.Clear ();
  if (from.opaque_changed) {
    opaque_changed = true;
    opaque = from.opaque;
    from.opaque_changed = false;
  }
  if (from.input_changed) {
    input_changed = true;
    input = from.input;
    input_infinite = from.input_infinite;
    from.input_changed = false;
  }
  if (from.transform_changed) {
    transform_changed = true;
    transform = from.transform;
    from.transform_changed = false;
  }
  if (from.scale_changed) {
    scale_changed = true;
    scale = from.scale;
    from.scale_changed = false;
  }
  if (from.viewport_changed) {
    viewport_changed = true;
    src_x = from.src_x; src_y = from.src_y;
    src_width = from.src_width; src_height = from.src_height;
    dst_width = from.dst_width; dst_height = from.dst_height;
    from.viewport_changed = false;
  }
  wl_list_insert_list (frame_callbacks.prev, &from.frame_callbacks);
  wl_list_init (&from.frame_callbacks);
}

// --- wl_callback ---

namespace {

void
CallbackDestroyed (wl_resource *resource)
{
  wl_list_remove (wl_resource_get_link (resource));
}

}  // namespace

// --- wl_surface requests ---

namespace {

Surface *
S (wl_resource *r)
{
  return Surface::FromResource (r);
}

void
SurfaceDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
SurfaceAttach (wl_client *, wl_resource *resource, wl_resource *buffer, int32_t x, int32_t y)
{
  SurfaceState &p = S (resource)->pending;
  p.buffer_attached = true;
  p.buffer.Set (buffer);
  p.dx = x;
  p.dy = y;
}

void
SurfaceDamage (wl_client *, wl_resource *resource, int32_t x, int32_t y, int32_t w, int32_t h)
{
  // Clamp absurd sizes (INT32_MAX is common for "everything").
  S (resource)->pending.surface_damage.Add (x, y, std::min (w, 1 << 20), std::min (h, 1 << 20));
}

void
SurfaceDamageBuffer (wl_client *, wl_resource *resource, int32_t x, int32_t y, int32_t w,
    int32_t h)
{
  S (resource)->pending.buffer_damage.Add (x, y, std::min (w, 1 << 20), std::min (h, 1 << 20));
}

void
SurfaceFrame (wl_client *client, wl_resource *resource, uint32_t id)
{
  wl_resource *cb = wl_resource_create (client, &wl_callback_interface, 1, id);
  if (!cb) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (cb, nullptr, nullptr, CallbackDestroyed);
  wl_list_insert (S (resource)->pending.frame_callbacks.prev, wl_resource_get_link (cb));
}

Region *
RegionFrom (wl_resource *r)
{
  return static_cast<Region *> (wl_resource_get_user_data (r));
}

void
SurfaceSetOpaqueRegion (wl_client *, wl_resource *resource, wl_resource *region)
{
  SurfaceState &p = S (resource)->pending;
  p.opaque_changed = true;
  p.opaque = region ? *RegionFrom (region) : Region ();
}

void
SurfaceSetInputRegion (wl_client *, wl_resource *resource, wl_resource *region)
{
  SurfaceState &p = S (resource)->pending;
  p.input_changed = true;
  p.input_infinite = region == nullptr;
  p.input = region ? *RegionFrom (region) : Region ();
}

void
SurfaceCommit (wl_client *, wl_resource *resource)
{
  S (resource)->Commit ();
}

void
SurfaceSetBufferTransform (wl_client *, wl_resource *resource, int32_t transform)
{
  if (transform < 0 || transform > 7) {
    wl_resource_post_error (resource, WL_SURFACE_ERROR_INVALID_TRANSFORM,
        "buffer transform %d is not a wl_output.transform", transform);
    return;
  }
  SurfaceState &p = S (resource)->pending;
  p.transform_changed = true;
  p.transform = transform;
}

void
SurfaceSetBufferScale (wl_client *, wl_resource *resource, int32_t scale)
{
  if (scale < 1) {
    wl_resource_post_error (resource, WL_SURFACE_ERROR_INVALID_SCALE,
        "buffer scale %d is not positive", scale);
    return;
  }
  SurfaceState &p = S (resource)->pending;
  p.scale_changed = true;
  p.scale = scale;
}

const struct wl_surface_interface kSurfaceImpl = {
  SurfaceDestroy, SurfaceAttach, SurfaceDamage, SurfaceFrame, SurfaceSetOpaqueRegion,
  SurfaceSetInputRegion, SurfaceCommit, SurfaceSetBufferTransform, SurfaceSetBufferScale,
  SurfaceDamageBuffer, nullptr /* offset: version 5, not offered */,
};

void
SurfaceResourceDestroyed (wl_resource *resource)
{
  delete S (resource);
}

}  // namespace

// --- Surface ---

Surface::Surface (Compositor *compositor, wl_resource *resource)
    : compositor_ (compositor), resource_ (resource)
{
  wl_resource_set_implementation (resource, &kSurfaceImpl, this, SurfaceResourceDestroyed);
}

Surface::~Surface ()
{
  if (Mapped ())
    compositor_->Damage (TreeOutputBox ());
  for (Subsurface *child : order_)
    if (child)
      child->ParentGone ();
  for (Subsurface *child : pending_order_)
    if (child && std::find (order_.begin (), order_.end (), child) == order_.end ())
      child->ParentGone ();
  if (role_)
    role_->SurfaceGone (this);
  // The buffer is no longer read: the client may reuse it.
  if (wl_resource *buffer = current_.buffer.get ())
    wl_buffer_send_release (buffer);
  if (viewport)
    wl_resource_set_user_data (viewport, nullptr);
}

Surface *
Surface::FromResource (wl_resource *resource)
{
  return static_cast<Surface *> (wl_resource_get_user_data (resource));
}

bool
Surface::SetRole (SurfaceRole *role, wl_resource *error_resource, uint32_t error_code)
{
  if (role_) {
    wl_resource_post_error (error_resource, error_code, "wl_surface@%u already has the role %s",
        wl_resource_get_id (resource_), role_->Name ());
    return false;
  }
  role_ = role;
  return true;
}

bool
Surface::Mapped () const
{
  return role_ && HasContent () && role_->Mapped (this);
}

void
Surface::Origin (int *x, int *y) const
{
  *x = *y = 0;
  if (!role_)
    return;
  role_->Position (this, x, y);
  if (Surface *parent = role_->Parent ()) {
    int px, py;
    parent->Origin (&px, &py);
    *x += px;
    *y += py;
  }
}

Region
Surface::OutputBox () const
{
  int x, y, s = compositor_->output_size ().scale;
  Origin (&x, &y);
  return Region (x * s, y * s, Width () * s, Height () * s);
}

Region
Surface::TreeOutputBox () const
{
  Region box;
  if (!Mapped ())
    return box;
  box.Add (OutputBox ());
  for (Subsurface *child : order_)
    if (child)
      box.Add (child->surface ()->TreeOutputBox ());
  return box;
}

bool
Surface::AcceptsInputAt (double sx, double sy) const
{
  if (sx < 0 || sy < 0 || sx >= Width () || sy >= Height ())
    return false;
  return current_.input_infinite || current_.input.Contains (int (sx), int (sy));
}

void
Surface::AddChild (Subsurface *child)
{
  // New subsurfaces go on top of their siblings, once the parent commits.
  pending_order_.push_back (child);
  order_changed_ = true;
}

void
Surface::RemoveChild (Subsurface *child)
{
  bool was_shown = std::find (order_.begin (), order_.end (), child) != order_.end ();
  if (was_shown && child->surface ()->Mapped ())
    compositor_->Damage (child->surface ()->TreeOutputBox ());
  order_.erase (std::remove (order_.begin (), order_.end (), child), order_.end ());
  pending_order_.erase (std::remove (pending_order_.begin (), pending_order_.end (), child),
      pending_order_.end ());
}

bool
Surface::PlaceChild (Subsurface *child, Surface *sibling, bool above)
{
  auto it_child = std::find (pending_order_.begin (), pending_order_.end (), child);
  if (it_child == pending_order_.end ())
    return false;
  Subsurface *sibling_entry = nullptr;
  if (sibling != this) {
    auto *role = sibling->role ();
    if (!role || role->Parent () != this)
      return false;
    sibling_entry = static_cast<Subsurface *> (role);
  }
  pending_order_.erase (it_child);
  auto it_sibling = std::find (pending_order_.begin (), pending_order_.end (), sibling_entry);
  if (it_sibling == pending_order_.end ())
    return false;
  pending_order_.insert (above ? it_sibling + 1 : it_sibling, child);
  order_changed_ = true;
  return true;
}

void
Surface::Commit ()
{
  if (role_ && !role_->PreCommit (this))
    return;
  if (role_ && role_->Synchronized ()) {
    cached_.MergeFrom (pending);
    has_cached_ = true;
    return;
  }
  Apply (pending);
}

void
Surface::ApplyCached ()
{
  if (!has_cached_)
    return;
  has_cached_ = false;
  Apply (cached_);
}

void
Surface::DamageTree ()
{
  if (Mapped ())
    compositor_->Damage (TreeOutputBox ());
}

void
Surface::ApplyChildrenCached ()
{
  for (Subsurface *child : order_)
    if (child)
      child->surface ()->ApplyCached ();
}

void
Surface::Apply (SurfaceState &s)
{
  const Region before = TreeOutputBox ();
  int old_x, old_y;
  Origin (&old_x, &old_y);
  const BufferGeometry old_geometry = geometry_;
  bool geometry_changed = false;

  if (s.buffer_attached) {
    wl_resource *old_buffer = current_.buffer.get ();
    wl_resource *new_buffer = s.buffer.get ();
    // The client may reuse a buffer once it is released; we keep reading the current one
    // (for repaints) until it is replaced.
    if (old_buffer && old_buffer != new_buffer)
      wl_buffer_send_release (old_buffer);
    current_.buffer.Set (new_buffer);
    wl_shm_buffer *shm = new_buffer ? wl_shm_buffer_get (new_buffer) : nullptr;
    geometry_.buffer_width = shm ? wl_shm_buffer_get_width (shm) : 0;
    geometry_.buffer_height = shm ? wl_shm_buffer_get_height (shm) : 0;
    s.buffer.Set (nullptr);
    s.buffer_attached = false;
    geometry_changed = true;
  }
  if (s.transform_changed) {
    geometry_.transform = s.transform;
    s.transform_changed = false;
  }
  if (s.scale_changed) {
    geometry_.scale = s.scale;
    s.scale_changed = false;
  }
  if (s.viewport_changed) {
    geometry_.src_x = s.src_x;
    geometry_.src_y = s.src_y;
    geometry_.src_width = s.src_width;
    geometry_.src_height = s.src_height;
    geometry_.dst_width = s.dst_width;
    geometry_.dst_height = s.dst_height;
    s.viewport_changed = false;
  }
  if (s.opaque_changed) {
    current_.opaque = s.opaque;
    s.opaque_changed = false;
  }
  if (s.input_changed) {
    current_.input = s.input;
    current_.input_infinite = s.input_infinite;
    s.input_changed = false;
  }
  Region surface_damage = s.surface_damage;
  surface_damage.Add (geometry_.BufferDamageToSurface (s.buffer_damage));
  s.surface_damage.Clear ();
  s.buffer_damage.Clear ();
  s.dx = s.dy = 0;

  wl_list callbacks;
  wl_list_init (&callbacks);
  wl_list_insert_list (&callbacks, &s.frame_callbacks);
  wl_list_init (&s.frame_callbacks);

  // Subsurface order and positions are part of the parent's state.
  if (order_changed_) {
    order_ = pending_order_;
    order_changed_ = false;
  }
  for (Subsurface *child : order_)
    if (child)
      child->ApplyParentState ();
  ApplyChildrenCached ();

  if (role_)
    role_->Committed (this);

  int x, y;
  Origin (&x, &y);
  const Region after = TreeOutputBox ();
  Region damage;
  geometry_changed = geometry_changed && (old_geometry.SurfaceWidth () != geometry_.SurfaceWidth () ||
      old_geometry.SurfaceHeight () != geometry_.SurfaceHeight ());
  const bool transform_changed = old_geometry.transform != geometry_.transform ||
      old_geometry.scale != geometry_.scale || old_geometry.src_x != geometry_.src_x ||
      old_geometry.src_y != geometry_.src_y || old_geometry.src_width != geometry_.src_width ||
      old_geometry.src_height != geometry_.src_height ||
      old_geometry.dst_width != geometry_.dst_width || old_geometry.dst_height != geometry_.dst_height;
  if (!(before == after) || old_x != x || old_y != y || geometry_changed || transform_changed) {
    damage.Add (before);
    damage.Add (after);
  } else if (Mapped ()) {
    const int scale = compositor_->output_size ().scale;
    // A scaled surface is filtered (bilinear): a changed pixel also changes its neighbours.
    const int grow = geometry_.IsPixelExact (scale) ? 0 : 1;
    for (const auto &b : surface_damage.Boxes ())
      damage.Add ((b.x1 + x) * scale - grow, (b.y1 + y) * scale - grow,
          (b.x2 - b.x1) * scale + 2 * grow, (b.y2 - b.y1) * scale + 2 * grow);
    damage.Intersect (OutputBox ());
  }
  const bool visible = !damage.Empty ();
  compositor_->Damage (damage);
  compositor_->QueueFrameCallbacks (&callbacks, visible);
}

// --- wl_region ---

namespace {

void
RegionDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
RegionAdd (wl_client *, wl_resource *resource, int32_t x, int32_t y, int32_t w, int32_t h)
{
  RegionFrom (resource)->Add (x, y, std::min (w, 1 << 20), std::min (h, 1 << 20));
}

void
RegionSubtract (wl_client *, wl_resource *resource, int32_t x, int32_t y, int32_t w, int32_t h)
{
  RegionFrom (resource)->Subtract (Region (x, y, std::min (w, 1 << 20), std::min (h, 1 << 20)));
}

const struct wl_region_interface kRegionImpl = {RegionDestroy, RegionAdd, RegionSubtract};

void
RegionResourceDestroyed (wl_resource *resource)
{
  delete RegionFrom (resource);
}

// --- wl_compositor ---

Compositor *
C (wl_resource *r)
{
  return static_cast<Compositor *> (wl_resource_get_user_data (r));
}

void
CompositorCreateSurface (wl_client *client, wl_resource *resource, uint32_t id)
{
  wl_resource *surface = wl_resource_create (client, &wl_surface_interface,
      wl_resource_get_version (resource), id);
  if (!surface) {
    wl_client_post_no_memory (client);
    return;
  }
  new Surface (C (resource), surface);
}

void
CompositorCreateRegion (wl_client *client, wl_resource *resource, uint32_t id)
{
  wl_resource *region = wl_resource_create (client, &wl_region_interface, 1, id);
  if (!region) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (region, &kRegionImpl, new Region (), RegionResourceDestroyed);
}

const struct wl_compositor_interface kCompositorImpl = {CompositorCreateSurface,
  CompositorCreateRegion};

void
BindCompositor (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wl_compositor_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kCompositorImpl, data, nullptr);
}

}  // namespace

wl_global *
CreateCompositorGlobal (Compositor *compositor)
{
  return wl_global_create (compositor->display (), &wl_compositor_interface, 4, compositor,
      BindCompositor);
}

}  // namespace webdesk::wayland
