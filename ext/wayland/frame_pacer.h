// SPDX-License-Identifier: LGPL-2.1-or-later
// When applications get their frame callbacks, so that downstream paces them: a commit that
// changed pixels is answered when the frame showing it has been taken (Output::FrameDone, on
// the compositor's FramePresented); a commit that asked for a callback but changed nothing is
// answered after one frame interval, frame or no frame (an application waiting to draw must
// not wait for somebody else's frame). Wayland thread only.
#pragma once

#include <chrono>
#include <list>
#include <memory>

#include "listener.h"
#include "wlr.h"

namespace webdesk::wayland {

class FramePacer {
 public:
  FramePacer (wl_event_loop *loop, ::wlr_compositor *compositor);
  ~FramePacer ();
  FramePacer (const FramePacer &) = delete;
  FramePacer &operator= (const FramePacer &) = delete;

  void SetInterval (std::chrono::nanoseconds interval) { interval_ = interval; }

 private:
  struct Watched {
    wlr_surface *surface;
    bool waiting = false;  // committed a callback without damage; answered at the next tick
    Listener commit, destroy;
  };
  void Committed (Watched &w);
  static int OnTick (void *data);

  wl_event_source *timer_;
  std::chrono::nanoseconds interval_{16666667};
  bool armed_ = false;
  std::list<std::unique_ptr<Watched>> surfaces_;
  Listener new_surface_;
};

}  // namespace webdesk::wayland
