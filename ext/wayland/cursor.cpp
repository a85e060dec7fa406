// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cursor.h"

#include <wayland-server-protocol.h>

#include <algorithm>
#include <cstring>

#include "compositor.h"

namespace webdesk::wayland {

bool
CursorImage::operator== (const CursorImage &o) const
{
  return type == o.type && width == o.width && height == o.height && hotspot_x == o.hotspot_x &&
      hotspot_y == o.hotspot_y && scale == o.scale && pixels == o.pixels;
}

// --- CursorTracker ---

void
CursorTracker::FocusChanged (const void *client, uint32_t enter_serial)
{
  enter_serial_ = enter_serial;
  if (client == focus_client_)
    return;
  focus_client_ = client;
  // Until the new client says otherwise (it usually does right after the enter).
  Show (CursorImage ());
}

bool
CursorTracker::Accepts (const void *client, uint32_t serial) const
{
  // Serials wrap: "not older" is a difference of less than half the range.
  return client && client == focus_client_ && uint32_t (serial - enter_serial_) < 0x80000000u;
}

void
CursorTracker::Show (const CursorImage &image)
{
  if (image == current_)
    return;
  current_ = image;
  if (listener_)
    listener_ (current_);
}

// --- the cursor role ---

namespace {

class CursorRole : public SurfaceRole {
 public:
  CursorRole (PointerCursor *owner, int hotspot_x, int hotspot_y)
      : owner_ (owner), hotspot_x (hotspot_x), hotspot_y (hotspot_y)
  {
  }
  const char *Name () const override { return "wl_pointer cursor"; }
  bool PreCommit (Surface *surface) override
  {
    // wl_surface.attach's offset moves the image, so the hotspot moves the other way.
    if (surface->pending.buffer_attached) {
      hotspot_x -= surface->pending.dx;
      hotspot_y -= surface->pending.dy;
    }
    return true;
  }
  void Committed (Surface *surface) override { owner_->RoleCommitted (surface); }
  // Never composed into the frames: the viewer draws it.
  bool Mapped (const Surface *) const override { return false; }
  void Position (const Surface *, int *x, int *y) const override { *x = *y = 0; }
  void SurfaceGone (Surface *surface) override
  {
    owner_->RoleGone (surface);
    delete this;
  }

  PointerCursor *owner_;
  int hotspot_x, hotspot_y;  // surface coordinates
};

CursorRole *
CursorRoleOf (Surface *surface)
{
  return surface ? dynamic_cast<CursorRole *> (surface->role ()) : nullptr;
}

}  // namespace

// --- PointerCursor ---

PointerCursor::PointerCursor (Compositor *compositor, CursorTracker::Listener listener)
    : compositor_ (compositor), tracker_ (std::move (listener))
{
}

PointerCursor::~PointerCursor ()
{
  if (idle_)
    wl_event_source_remove (idle_);
}

void
PointerCursor::ShowSurfaceSoon ()
{
  // After the requests being handled: a client that moves the hotspot (set_cursor) and then
  // attaches the new image gives one cursor, not a mix of the old image and the new hotspot.
  if (idle_)
    return;
  idle_ = wl_event_loop_add_idle (wl_display_get_event_loop (compositor_->display ()),
      [] (void *data) {
        auto *self = static_cast<PointerCursor *> (data);
        self->idle_ = nullptr;
        if (self->surface_)
          self->tracker_.Show (self->ImageOf (self->surface_));
      },
      this);
}

void
PointerCursor::FocusChanged (wl_client *client, uint32_t serial)
{
  if (surface_ && surface_->client () != client)
    surface_ = nullptr;
  tracker_.FocusChanged (client, serial);
}

void
PointerCursor::SetCursor (wl_resource *pointer, uint32_t serial, wl_resource *surface_resource,
    int32_t hotspot_x, int32_t hotspot_y)
{
  wl_client *client = wl_resource_get_client (pointer);
  Surface *surface = surface_resource ? Surface::FromResource (surface_resource) : nullptr;
  if (surface) {
    // The role is given even when the request is ignored for its serial (as weston does).
    CursorRole *role = CursorRoleOf (surface);
    if (!role) {
      role = new CursorRole (this, hotspot_x, hotspot_y);
      if (!surface->SetRole (role, pointer, WL_POINTER_ERROR_ROLE)) {
        delete role;
        return;
      }
    }
    role->hotspot_x = hotspot_x;
    role->hotspot_y = hotspot_y;
  }
  if (!tracker_.Accepts (client, serial))
    return;
  surface_ = surface;
  if (!surface) {
    CursorImage hidden;
    hidden.type = CursorImage::Type::kHidden;
    tracker_.Show (hidden);
    return;
  }
  ShowSurfaceSoon ();
}

void
PointerCursor::RoleCommitted (Surface *surface)
{
  if (surface == surface_)
    ShowSurfaceSoon ();
}

void
PointerCursor::OutputScaleChanged ()
{
  if (surface_)
    ShowSurfaceSoon ();
}

void
PointerCursor::RoleGone (Surface *surface)
{
  if (surface != surface_)
    return;
  // The cursor surface went away: nothing is shown until the client sets another.
  surface_ = nullptr;
  CursorImage hidden;
  hidden.type = CursorImage::Type::kHidden;
  tracker_.Show (hidden);
}

CursorImage
PointerCursor::ImageOf (Surface *surface) const
{
  CursorImage image;
  wl_resource *buffer = surface->buffer ();
  if (!buffer) {
    image.type = CursorImage::Type::kHidden;  // a cursor surface without content shows nothing
    return image;
  }
  wl_shm_buffer *shm = wl_shm_buffer_get (buffer);
  if (!shm)
    return image;  // not shm (dmabuf): the default cursor
  const uint32_t format = wl_shm_buffer_get_format (shm);
  const int width = wl_shm_buffer_get_width (shm);
  const int height = wl_shm_buffer_get_height (shm);
  const int stride = wl_shm_buffer_get_stride (shm);
  if ((format != WL_SHM_FORMAT_ARGB8888 && format != WL_SHM_FORMAT_XRGB8888) || width <= 0 ||
      height <= 0 || width > kMaxCursorSize || height > kMaxCursorSize || stride < width * 4)
    return image;
  image.type = CursorImage::Type::kImage;
  image.width = width;
  image.height = height;
  image.pixels.resize (size_t (width) * height * 4);
  wl_shm_buffer_begin_access (shm);
  const auto *src = static_cast<const uint8_t *> (wl_shm_buffer_get_data (shm));
  for (int y = 0; y < height; y++)
    std::memcpy (&image.pixels[size_t (y) * width * 4], src + size_t (y) * stride,
        size_t (width) * 4);
  wl_shm_buffer_end_access (shm);
  if (format == WL_SHM_FORMAT_XRGB8888)
    for (size_t i = 3; i < image.pixels.size (); i += 4)
      image.pixels[i] = 0xff;
  const int buffer_scale = std::max (1, surface->geometry ().scale);
  const CursorRole *role = CursorRoleOf (surface);
  image.hotspot_x = std::clamp (role ? role->hotspot_x * buffer_scale : 0, 0, width - 1);
  image.hotspot_y = std::clamp (role ? role->hotspot_y * buffer_scale : 0, 0, height - 1);
  image.scale = double (buffer_scale) / compositor_->output_size ().scale;
  return image;
}

}  // namespace webdesk::wayland
