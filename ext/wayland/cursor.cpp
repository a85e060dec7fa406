// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cursor.h"

#include <wayland-server-protocol.h>

#include <algorithm>
#include <cstring>

#include <drm_fourcc.h>

#include "output.h"
#include "server.h"

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

// --- PointerCursor ---

PointerCursor::PointerCursor (Server *server, CursorTracker::Listener listener)
    : server_ (server), tracker_ (std::move (listener))
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
  idle_ = wl_event_loop_add_idle (wl_display_get_event_loop (server_->display),
      [] (void *data) {
        auto *self = static_cast<PointerCursor *> (data);
        self->idle_ = nullptr;
        if (self->surface_)
          self->tracker_.Show (self->ImageOf (self->surface_));
      },
      this);
}

void
PointerCursor::Watch (wlr_surface *surface)
{
  commit_.Disconnect ();
  destroy_.Disconnect ();
  surface_ = surface;
  if (!surface)
    return;
  commit_.Connect (&surface->events.commit, [this] (void *) {
    // wl_surface.attach's offset moves the image, so the hotspot moves the other way.
    if (surface_->current.committed & WLR_SURFACE_STATE_BUFFER) {
      hotspot_x_ -= surface_->current.dx;
      hotspot_y_ -= surface_->current.dy;
    }
    ShowSurfaceSoon ();
  });
  destroy_.Connect (&surface->events.destroy, [this] (void *) {
    // The cursor surface went away: nothing is shown until the client sets another.
    Watch (nullptr);
    CursorImage hidden;
    hidden.type = CursorImage::Type::kHidden;
    tracker_.Show (hidden);
  });
}

void
PointerCursor::FocusChanged (wl_client *client, uint32_t serial)
{
  if (surface_ && wl_resource_get_client (surface_->resource) != client)
    Watch (nullptr);
  tracker_.FocusChanged (client, serial);
}

void
PointerCursor::SetCursor (wl_client *client, uint32_t serial, wlr_surface *surface,
    int32_t hotspot_x, int32_t hotspot_y)
{
  if (!tracker_.Accepts (client, serial))
    return;
  if (!surface) {
    Watch (nullptr);
    CursorImage hidden;
    hidden.type = CursorImage::Type::kHidden;
    tracker_.Show (hidden);
    return;
  }
  if (surface != surface_)
    Watch (surface);
  hotspot_x_ = hotspot_x;
  hotspot_y_ = hotspot_y;
  ShowSurfaceSoon ();
}

void
PointerCursor::OutputScaleChanged ()
{
  if (surface_)
    ShowSurfaceSoon ();
}

CursorImage
PointerCursor::ImageOf (wlr_surface *surface) const
{
  CursorImage image;
  wlr_buffer *source = surface->buffer ? surface->buffer->source : nullptr;
  if (!surface->buffer) {
    image.type = CursorImage::Type::kHidden;  // a cursor surface without content shows nothing
    return image;
  }
  void *data = nullptr;
  uint32_t format = 0;
  size_t stride = 0;
  if (!source ||
      !wlr_buffer_begin_data_ptr_access (source, WLR_BUFFER_DATA_PTR_ACCESS_READ, &data, &format,
          &stride))
    return image;  // not readable (a dmabuf): the default cursor
  const int width = source->width, height = source->height;
  if ((format != DRM_FORMAT_ARGB8888 && format != DRM_FORMAT_XRGB8888) || width <= 0 ||
      height <= 0 || width > kMaxCursorSize || height > kMaxCursorSize ||
      stride < size_t (width) * 4) {
    wlr_buffer_end_data_ptr_access (source);
    return image;
  }
  image.type = CursorImage::Type::kImage;
  image.width = width;
  image.height = height;
  image.pixels.resize (size_t (width) * height * 4);
  const auto *src = static_cast<const uint8_t *> (data);
  for (int y = 0; y < height; y++)
    std::memcpy (&image.pixels[size_t (y) * width * 4], src + size_t (y) * stride,
        size_t (width) * 4);
  wlr_buffer_end_data_ptr_access (source);
  if (format == DRM_FORMAT_XRGB8888)
    for (size_t i = 3; i < image.pixels.size (); i += 4)
      image.pixels[i] = 0xff;
  const int buffer_scale = std::max (1, int (surface->current.scale));
  image.hotspot_x = std::clamp (hotspot_x_ * buffer_scale, 0, width - 1);
  image.hotspot_y = std::clamp (hotspot_y_ * buffer_scale, 0, height - 1);
  image.scale = double (buffer_scale) / server_->output->size ().scale;
  return image;
}

}  // namespace webdesk::wayland
