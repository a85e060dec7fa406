// SPDX-License-Identifier: LGPL-2.1-or-later
// wl_surface and its double-buffered state, wl_region, wl_subsurface, wp_viewport.
//
// A surface's state is pending until commit; a synchronized subsurface caches it until its
// parent commits. Applying a state turns the client's damage (surface or buffer coordinates,
// through buffer transform, scale and viewport) into output damage.
#pragma once

#include <wayland-server-core.h>

#include <vector>

#include "region.h"
#include "surface_geometry.h"

namespace webdesk::wayland {

class Compositor;
class Surface;

// Keeps a wl_buffer reference that clears itself if the client destroys the buffer.
class BufferRef {
 public:
  BufferRef ();
  ~BufferRef () { Set (nullptr); }
  BufferRef (const BufferRef &) = delete;
  BufferRef &operator= (const BufferRef &) = delete;
  void Set (wl_resource *buffer);
  wl_resource *get () const { return buffer_; }

 private:
  static void OnDestroy (wl_listener *listener, void *data);
  wl_resource *buffer_ = nullptr;
  wl_listener destroy_;
};

struct SurfaceState {
  SurfaceState ();
  ~SurfaceState ();
  bool buffer_attached = false;
  BufferRef buffer;
  int dx = 0, dy = 0;
  Region surface_damage, buffer_damage;
  bool opaque_changed = false, input_changed = false;
  Region opaque, input;
  bool input_infinite = true;
  bool transform_changed = false, scale_changed = false, viewport_changed = false;
  int transform = 0, scale = 1;
  double src_x = 0, src_y = 0, src_width = -1, src_height = -1;
  int dst_width = -1, dst_height = -1;
  wl_list frame_callbacks;
  // Moves everything that was set in `from` into this state, leaving `from` empty.
  void MergeFrom (SurfaceState &from);
};

// What a surface is for; set once (wl_subsurface, xdg_surface, cursor).
class SurfaceRole {
 public:
  virtual ~SurfaceRole () = default;
  virtual const char *Name () const = 0;
  // Before the state is applied; false refuses the commit (the role posted an error).
  virtual bool PreCommit (Surface *surface) { return true; }
  // After it was applied.
  virtual void Committed (Surface *surface) {}
  virtual bool Mapped (const Surface *surface) const = 0;
  // Position of the surface's origin in logical output coordinates (roots), or relative to
  // the parent (subsurfaces).
  virtual void Position (const Surface *surface, int *x, int *y) const = 0;
  virtual Surface *Parent () const { return nullptr; }
  virtual bool Synchronized () const { return false; }
  virtual void SurfaceGone (Surface *surface) {}
};

class Subsurface;

class Surface {
 public:
  Surface (Compositor *compositor, wl_resource *resource);
  ~Surface ();

  static Surface *FromResource (wl_resource *resource);
  wl_resource *resource () const { return resource_; }
  wl_client *client () const { return wl_resource_get_client (resource_); }
  Compositor *compositor () const { return compositor_; }

  // Roles: returns false and posts `error_code` on `error_resource` if it already has one.
  bool SetRole (SurfaceRole *role, wl_resource *error_resource, uint32_t error_code);
  SurfaceRole *role () const { return role_; }
  void ClearRole () { role_ = nullptr; }

  // Geometry of what is shown.
  const BufferGeometry &geometry () const { return geometry_; }
  bool HasContent () const { return current_.buffer.get () != nullptr; }
  int Width () const { return geometry_.SurfaceWidth (); }
  int Height () const { return geometry_.SurfaceHeight (); }
  bool Mapped () const;
  // Origin in logical output coordinates (parents' positions summed up).
  void Origin (int *x, int *y) const;
  // The output-pixel box the surface covers.
  Region OutputBox () const;
  // Output boxes of this surface and all its mapped descendants.
  Region TreeOutputBox () const;
  bool AcceptsInputAt (double sx, double sy) const;
  wl_resource *buffer () const { return current_.buffer.get (); }

  // Draw order of this surface and its subsurfaces: nullptr stands for the surface itself.
  const std::vector<Subsurface *> &paint_order () const { return order_; }
  void AddChild (Subsurface *child);
  void RemoveChild (Subsurface *child);
  // place_above / place_below, applied at the next commit of this (parent) surface.
  bool PlaceChild (Subsurface *child, Surface *sibling, bool above);

  // wl_surface.commit, and "apply the cached state" for synchronized subsurfaces.
  void Commit ();
  void ApplyCached ();
  // Damages the whole tree (mapping changes, moves).
  void DamageTree ();

  wl_resource *viewport = nullptr;  // wp_viewport, if any
  SurfaceState pending;

 private:
  void Apply (SurfaceState &state);
  void ApplyChildrenCached ();

  Compositor *compositor_;
  wl_resource *resource_;
  SurfaceRole *role_ = nullptr;
  SurfaceState current_;
  SurfaceState cached_;
  bool has_cached_ = false;
  BufferGeometry geometry_;
  std::vector<Subsurface *> order_{nullptr};
  std::vector<Subsurface *> pending_order_{nullptr};
  bool order_changed_ = false;
};

// wl_subsurface: a surface drawn relative to its parent.
class Subsurface : public SurfaceRole {
 public:
  Subsurface (Surface *surface, Surface *parent, wl_resource *resource);
  ~Subsurface () override;
  const char *Name () const override { return "wl_subsurface"; }
  bool Mapped (const Surface *surface) const override;
  void Position (const Surface *surface, int *x, int *y) const override;
  Surface *Parent () const override { return parent_; }
  bool Synchronized () const override;
  void SurfaceGone (Surface *surface) override;
  void Committed (Surface *surface) override;

  Surface *surface () const { return surface_; }
  void SetPendingPosition (int x, int y) { pending_x_ = x; pending_y_ = y; position_pending_ = true; }
  // Called when the parent's state is applied.
  void ApplyParentState ();
  void ParentGone ();
  void SetSync (bool sync) { sync_ = sync; }

 private:
  Surface *surface_;
  Surface *parent_;
  wl_resource *resource_;
  int x_ = 0, y_ = 0, pending_x_ = 0, pending_y_ = 0;
  bool position_pending_ = false;
  bool sync_ = true;
};

// Globals: wl_compositor, wl_subcompositor, wp_viewporter.
wl_global *CreateCompositorGlobal (Compositor *compositor);
wl_global *CreateSubcompositorGlobal (Compositor *compositor);
wl_global *CreateViewporterGlobal (Compositor *compositor);

}  // namespace webdesk::wayland
