// SPDX-License-Identifier: LGPL-2.1-or-later
#include "frame_pacer.h"

#include <algorithm>
#include <ctime>

namespace webdesk::wayland {

FramePacer::FramePacer (wl_event_loop *loop, ::wlr_compositor *compositor)
{
  timer_ = wl_event_loop_add_timer (loop, &FramePacer::OnTick, this);
  new_surface_.Connect (&compositor->events.new_surface, [this] (void *data) {
    auto *surface = static_cast<wlr_surface *> (data);
    auto watched = std::make_unique<Watched> ();
    Watched *w = watched.get ();
    w->surface = surface;
    w->commit.Connect (&surface->events.commit, [this, w] (void *) { Committed (*w); });
    w->destroy.Connect (&surface->events.destroy, [this, w] (void *) {
      surfaces_.remove_if ([w] (const auto &s) { return s.get () == w; });
    });
    surfaces_.push_back (std::move (watched));
  });
}

FramePacer::~FramePacer ()
{
  new_surface_.Disconnect ();
  surfaces_.clear ();
  wl_event_source_remove (timer_);
}

void
FramePacer::Committed (Watched &w)
{
  wlr_surface *s = w.surface;
  if (wl_list_empty (&s->current.frame_callback_list) || pixman_region32_not_empty (&s->buffer_damage))
    return;
  w.waiting = true;
  if (!armed_) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds> (interval_).count ();
    wl_event_source_timer_update (timer_, std::max (1, int (ms)));
    armed_ = true;
  }
}

int
FramePacer::OnTick (void *data)
{
  auto *self = static_cast<FramePacer *> (data);
  self->armed_ = false;
  timespec now;
  clock_gettime (CLOCK_MONOTONIC, &now);
  for (const auto &w : self->surfaces_)
    if (w->waiting) {
      w->waiting = false;
      wlr_surface_send_frame_done (w->surface, &now);
    }
  return 0;
}

}  // namespace webdesk::wayland
