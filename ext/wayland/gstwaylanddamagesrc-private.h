// SPDX-License-Identifier: LGPL-2.1-or-later
// waylanddamagesrc's private state, shared by the element's files (the element, its frames,
// the command).
#pragma once

#include <gst/base/gstpushsrc.h>
#include <gst/video/video.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "child_process.h"
#include "compositor.h"
#include "damage_history.h"
#include "gstwaylanddamagesrc.h"

GST_DEBUG_CATEGORY_EXTERN (gst_wayland_damage_src_debug);

namespace webdesk::wayland {

constexpr int kDefaultMaxFramerate = 60;

// The element's C++ state (instance struct holds a pointer; created in init, deleted in
// finalize). Properties are guarded by the object lock.
struct State {
  // Properties.
  std::string socket_name;         // as set (empty: pick one)
  std::string active_socket_name;  // the one in use while started
  std::string active_x_display;    // Xwayland's DISPLAY while started
  int width = 0, height = 0;
  int max_framerate = kDefaultMaxFramerate;
  std::string command;
  bool size_from_first_viewer = false;
  bool xwayland = true;
  Shell shell = Shell::kApplication;

  // The output size wanted (properties, then resize events); scale from resize events.
  int want_width = 0, want_height = 0, want_scale = 1;

  Compositor compositor;
  ChildProcess child;
  DamageHistory history;
  GstVideoInfo info;
  bool have_info = false;
  bool frame_out = false;  // a frame was pushed and its callbacks are pending
  std::chrono::steady_clock::time_point last_frame{};
  std::atomic<bool> command_done{false};
  std::atomic<bool> resize_pending{false};
  std::atomic<bool> resized_by_viewer{false};  // size-from-first-viewer: the size is settled
  std::atomic<bool> command_waiting{false};    // start the command once that size is set
  // ... or once a viewer has watched for a while without saying a size (a view-only viewer):
  // the grace timer sets command_start_due and wakes the streaming thread.
  std::thread grace_timer;
  std::mutex grace_mutex;
  std::condition_variable grace_cv;
  bool grace_cancelled = false;  // under grace_mutex
  std::atomic<bool> command_start_due{false};
  ExitStatus command_status;
};

}  // namespace webdesk::wayland

struct _GstWaylandDamageSrc {
  GstPushSrc parent;
  webdesk::wayland::State *state;
};

/* The output takes the negotiated size and the scale asked for (gstwaylanddamagesrc.cpp). */
void gst_wayland_damage_src_apply_output (GstWaylandDamageSrc *self);

/* GstPushSrc::create and GstBaseSrc::decide_allocation (gstwaylanddamagesrc-frames.cpp). */
GstFlowReturn gst_wayland_damage_src_create (GstPushSrc *push, GstBuffer **out);
gboolean gst_wayland_damage_src_decide_allocation (GstBaseSrc *src, GstQuery *query);

/* Starts the `command` property's application in the display (gstwaylanddamagesrc-command.cpp):
 * at start(), or with size-from-first-viewer once the first viewer's size is set. On failure it
 * has posted the error and returns FALSE. */
gboolean gst_wayland_damage_src_start_command (GstWaylandDamageSrc *self);

/* A viewer's webdesk-resize (the output size it asks for) or webdesk-viewers (how many watch)
 * event: TRUE when `event` was one of them (handled). */
gboolean gst_wayland_damage_src_size_event (GstWaylandDamageSrc *self, GstEvent *event);

/* size-from-first-viewer: `count` viewers watch now (webdesk-viewers). With one or more and the
 * command still waiting for a size, it starts anyway after a grace period at the size there is:
 * a viewer that does not say its size (view-only, or a page told not to resize) still gets the
 * application. */
void gst_wayland_damage_src_command_viewers (GstWaylandDamageSrc *self, guint count);
/* Streaming thread: starts the waiting command if its grace period ran out. FALSE: it failed
 * (the error is posted). */
gboolean gst_wayland_damage_src_command_start_if_due (GstWaylandDamageSrc *self);
/* Stops the grace timer (stop()). */
void gst_wayland_damage_src_command_cancel (GstWaylandDamageSrc *self);
