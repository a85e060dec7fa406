// SPDX-License-Identifier: LGPL-2.1-or-later
// wp_viewporter: a surface shows a crop of its buffer, scaled to a destination size (HiDPI
// clients, video players). The state lives in SurfaceState; this file maps the requests onto it.
#include <wayland-server-protocol.h>

#include "compositor.h"
#include "surface.h"
#include "viewporter-server-protocol.h"

namespace webdesk::wayland {

// --- wp_viewporter ---

namespace {

void
ViewportDestroy (wl_client *, wl_resource *resource)
{
  if (Surface *s = static_cast<Surface *> (wl_resource_get_user_data (resource))) {
    s->pending.viewport_changed = true;
    s->pending.src_width = s->pending.src_height = -1;
    s->pending.dst_width = s->pending.dst_height = -1;
  }
  wl_resource_destroy (resource);
}

void
ViewportSetSource (wl_client *, wl_resource *resource, wl_fixed_t x, wl_fixed_t y,
    wl_fixed_t w, wl_fixed_t h)
{
  Surface *s = static_cast<Surface *> (wl_resource_get_user_data (resource));
  if (!s) {
    wl_resource_post_error (resource, WP_VIEWPORT_ERROR_NO_SURFACE, "the surface is gone");
    return;
  }
  const bool unset = x == wl_fixed_from_int (-1) && y == wl_fixed_from_int (-1) &&
      w == wl_fixed_from_int (-1) && h == wl_fixed_from_int (-1);
  if (!unset && (x < 0 || y < 0 || w <= 0 || h <= 0)) {
    wl_resource_post_error (resource, WP_VIEWPORT_ERROR_BAD_VALUE, "invalid source rectangle");
    return;
  }
  SurfaceState &p = s->pending;
  p.viewport_changed = true;
  p.src_x = unset ? 0 : wl_fixed_to_double (x);
  p.src_y = unset ? 0 : wl_fixed_to_double (y);
  p.src_width = unset ? -1 : wl_fixed_to_double (w);
  p.src_height = unset ? -1 : wl_fixed_to_double (h);
}

void
ViewportSetDestination (wl_client *, wl_resource *resource, int32_t w, int32_t h)
{
  Surface *s = static_cast<Surface *> (wl_resource_get_user_data (resource));
  if (!s) {
    wl_resource_post_error (resource, WP_VIEWPORT_ERROR_NO_SURFACE, "the surface is gone");
    return;
  }
  const bool unset = w == -1 && h == -1;
  if (!unset && (w <= 0 || h <= 0)) {
    wl_resource_post_error (resource, WP_VIEWPORT_ERROR_BAD_VALUE, "invalid destination size");
    return;
  }
  s->pending.viewport_changed = true;
  s->pending.dst_width = w;
  s->pending.dst_height = h;
}

const struct wp_viewport_interface kViewportImpl = {ViewportDestroy, ViewportSetSource,
  ViewportSetDestination};

void
ViewportResourceDestroyed (wl_resource *resource)
{
  if (Surface *s = static_cast<Surface *> (wl_resource_get_user_data (resource)))
    s->viewport = nullptr;
}

void
ViewporterDestroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
ViewporterGetViewport (wl_client *client, wl_resource *resource, uint32_t id,
    wl_resource *surface_resource)
{
  Surface *surface = Surface::FromResource (surface_resource);
  if (surface->viewport) {
    wl_resource_post_error (resource, WP_VIEWPORTER_ERROR_VIEWPORT_EXISTS,
        "wl_surface@%u already has a viewport", wl_resource_get_id (surface_resource));
    return;
  }
  wl_resource *r = wl_resource_create (client, &wp_viewport_interface, 1, id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kViewportImpl, surface, ViewportResourceDestroyed);
  surface->viewport = r;
}

const struct wp_viewporter_interface kViewporterImpl = {ViewporterDestroy,
  ViewporterGetViewport};

void
BindViewporter (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wp_viewporter_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kViewporterImpl, data, nullptr);
}

}  // namespace

wl_global *
CreateViewporterGlobal (Compositor *compositor)
{
  return wl_global_create (compositor->display (), &wp_viewporter_interface, 1, compositor,
      BindViewporter);
}

}  // namespace webdesk::wayland
