// SPDX-License-Identifier: LGPL-2.1-or-later
#include "output.h"

#include <drm_fourcc.h>

#include <ctime>

namespace webdesk::wayland {

namespace {

// What applications are told (wl_output.mode): an ordinary 60 Hz screen. Toolkits read it to
// estimate their frame timing; the frames themselves are paced by the frame callbacks.
constexpr int32_t kAdvertisedRefreshMhz = 60000;
// What the headless backend is told. It emits a frame event every refresh period whether
// anything changed or not; at 1 mHz that is once in 1,000 s, so a still desktop does not wake
// the Wayland thread 60 times a second. The output is never scanned out: its refresh rate
// paces nothing else.
constexpr int32_t kBackendRefreshMhz = 1;

// A wlr_buffer over memory the caller owns (a mapped output buffer), for the renderer to draw
// into. It lives for one Render().
struct MemoryBuffer {
  wlr_buffer base;
  void *data;
  uint32_t format;
  size_t stride;
};

void
MemoryBufferDestroy (wlr_buffer *buffer)
{
  MemoryBuffer *self = wl_container_of (buffer, self, base);
  delete self;
}

bool
MemoryBufferBeginAccess (wlr_buffer *buffer, uint32_t, void **data, uint32_t *format,
    size_t *stride)
{
  MemoryBuffer *self = wl_container_of (buffer, self, base);
  *data = self->data;
  *format = self->format;
  *stride = self->stride;
  return true;
}

void
MemoryBufferEndAccess (wlr_buffer *)
{
}

const wlr_buffer_impl kMemoryBufferImpl = {
  MemoryBufferDestroy, nullptr, nullptr, MemoryBufferBeginAccess, MemoryBufferEndAccess,
};

wlr_buffer *
WrapImage (pixman_image_t *image)
{
  uint32_t format;
  switch (pixman_image_get_format (image)) {
    case PIXMAN_x8r8g8b8:
      format = DRM_FORMAT_XRGB8888;
      break;
    case PIXMAN_a8r8g8b8:
      format = DRM_FORMAT_ARGB8888;
      break;
    default:
      return nullptr;
  }
  auto *buffer = new MemoryBuffer{};
  buffer->data = pixman_image_get_data (image);
  buffer->format = format;
  buffer->stride = size_t (pixman_image_get_stride (image));
  wlr_buffer_init (&buffer->base, &kMemoryBufferImpl, pixman_image_get_width (image),
      pixman_image_get_height (image));
  return &buffer->base;
}

void
CommitMode (wlr_output *output, OutputSize size)
{
  wlr_output_set_custom_mode (output, size.width, size.height, kBackendRefreshMhz);
  wlr_output_set_scale (output, float (size.scale));
  wlr_output_enable (output, true);
  wlr_output_commit (output);
  wlr_output_update_custom_mode (output, size.width, size.height, kAdvertisedRefreshMhz);
}

}  // namespace

Output::Output (wl_display *, wlr_backend *backend, wlr_renderer *renderer,
    wlr_allocator *allocator, wlr_scene *scene, wlr_output_layout *layout,
    wlr_presentation *presentation, OutputSize size)
    : renderer_ (renderer), scene_ (scene), layout_ (layout), presentation_ (presentation),
      size_ (size)
{
  output_ = wlr_headless_add_output (backend, unsigned (size.width), unsigned (size.height));
  wlr_output_set_name (output_, "WEBDESK-1");
  wlr_output_set_description (output_, "webdesk viewer");
  wlr_output_init_render (output_, allocator, renderer);
  CommitMode (output_, size);
  wlr_output_layout_add (layout_, output_, 0, 0);
  wlr_output_create_global (output_);
  scene_output_ = wlr_scene_output_create (scene_, output_);
}

Output::~Output ()
{
  wlr_scene_output_destroy (scene_output_);
  wlr_output_layout_remove (layout_, output_);
  wlr_output_destroy (output_);
}

void
Output::SetSize (OutputSize size)
{
  if (size == size_)
    return;
  size_ = size;
  CommitMode (output_, size);
  wlr_output_damage_add_whole (scene_output_->damage);
}

bool
Output::TakeDamage (Region *damage)
{
  pixman_region32_t *current = &scene_output_->damage->current;
  if (!pixman_region32_not_empty (current))
    return false;
  Region taken;
  pixman_region32_copy (taken.get (), current);
  // The damage is taken here instead of by an output commit (the output never commits).
  pixman_region32_clear (current);
  taken.IntersectRect (0, 0, size_.width, size_.height);
  damage->Add (taken);
  return !taken.Empty ();
}

bool
Output::Render (pixman_image_t *target, const Region &region)
{
  if (region.Empty ())
    return true;
  wlr_buffer *buffer = WrapImage (target);
  if (!buffer)
    return false;
  if (!wlr_renderer_begin_with_buffer (renderer_, buffer)) {
    wlr_buffer_drop (buffer);
    return false;
  }
  static const float kBlack[4] = {0, 0, 0, 1};
  for (const pixman_box32_t &b : region.Boxes ()) {
    wlr_box box{b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1};
    wlr_renderer_scissor (renderer_, &box);
    wlr_renderer_clear (renderer_, kBlack);
  }
  Region paint = region;
  wlr_scene_render_output (scene_, output_, 0, 0, paint.get ());
  wlr_renderer_end (renderer_);
  wlr_buffer_drop (buffer);
  return true;
}

void
Output::FrameDone (std::chrono::nanoseconds refresh)
{
  timespec now;
  clock_gettime (CLOCK_MONOTONIC, &now);
  wlr_scene_output_send_frame_done (scene_output_, &now);
  if (!presentation_)
    return;
  struct Context {
    Output *self;
    wlr_presentation_event event;
  } context{this, {}};
  context.event.output = output_;
  context.event.tv_sec = uint64_t (now.tv_sec);
  context.event.tv_nsec = uint32_t (now.tv_nsec);
  context.event.refresh = uint32_t (refresh.count ());
  context.event.seq = ++presented_seq_;
  context.event.flags = 0;
  wlr_scene_output_for_each_surface (scene_output_,
      [] (wlr_surface *surface, int, int, void *data) {
        auto *c = static_cast<Context *> (data);
        if (wlr_presentation_feedback *feedback =
                wlr_presentation_surface_sampled (c->self->presentation_, surface)) {
          wlr_presentation_feedback_send_presented (feedback, &c->event);
          wlr_presentation_feedback_destroy (feedback);
        }
      },
      &context);
}

}  // namespace webdesk::wayland
