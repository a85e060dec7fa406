// SPDX-License-Identifier: LGPL-2.1-or-later
// The one output applications see: a wlroots headless output whose pictures are never scanned
// out. Its scene output tracks damage (wlr_scene adds every surface commit, window move and
// restack to it, in output pixels); a frame is rendered by the scene straight into the caller's
// memory (a mapped GStreamer buffer), only over the region asked for, through the renderer
// (pixman; a GPU renderer would render into a DMABUF the same way). Frame callbacks and
// presentation feedback go out when the caller says the frame was taken, so downstream paces
// the applications. Wayland thread only.
#pragma once

#include <chrono>
#include <cstdint>

#include "listener.h"
#include "output_size.h"
#include "region.h"
#include "wlr.h"

namespace webdesk::wayland {

class Output {
 public:
  // Adds a headless output of `size` to `backend`, rendered by `renderer`, shown in `scene`,
  // and announced (wl_output, xdg-output through `layout`).
  Output (wl_display *display, wlr_backend *backend, wlr_renderer *renderer,
      wlr_allocator *allocator, wlr_scene *scene, wlr_output_layout *layout,
      wlr_presentation *presentation, OutputSize size);
  ~Output ();
  Output (const Output &) = delete;
  Output &operator= (const Output &) = delete;

  OutputSize size () const { return size_; }
  // The logical size windows are configured for.
  int logical_width () const { return size_.width / size_.scale; }
  int logical_height () const { return size_.height / size_.scale; }
  wlr_output *wlr () { return output_; }

  // New mode and scale: applications learn them (wl_output, xdg_output, surface scale).
  void SetSize (OutputSize size);

  // Moves the damage the scene accumulated (output pixels) into `damage`; true if any.
  bool TakeDamage (Region *damage);
  // Renders `region` of the output into `target` (an output-sized x8r8g8b8 or a8r8g8b8 image):
  // black where no window is.
  bool Render (pixman_image_t *target, const Region &region);
  // Every visible surface may draw its next frame: frame callbacks, and presentation feedback
  // for the content that was rendered (presented = taken by downstream).
  void FrameDone (std::chrono::nanoseconds refresh);

 private:
  wlr_output *output_ = nullptr;
  wlr_renderer *renderer_;
  wlr_scene *scene_;
  wlr_scene_output *scene_output_ = nullptr;
  wlr_output_layout *layout_;
  wlr_presentation *presentation_;
  OutputSize size_;
  uint32_t presented_seq_ = 0;
};

}  // namespace webdesk::wayland
