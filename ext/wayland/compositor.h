// SPDX-License-Identifier: LGPL-2.1-or-later
// The compositor: a Wayland display that applications draw into, composed into output frames.
//
// It owns the wl_display and runs its event loop on its own thread; every Wayland object lives
// on that thread. Other threads talk to it in two ways only: tasks handed over with Invoke()
// (input, resize, clipboard, "the frame was taken", "paint this buffer"), and the damage
// hand-off (WaitForDamage), where the accumulated damage is shared under one mutex.
#pragma once

#include <pixman.h>
#include <wayland-server-core.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "region.h"

namespace webdesk::wayland {

class Surface;
class Output;
class Seat;
class XdgShell;
class DataDevice;
struct CursorImage;

struct OutputSize {
  int width = 0;   // device pixels
  int height = 0;
  int scale = 1;   // integer wl_output scale; logical size = width / scale
  bool operator== (const OutputSize &o) const
  {
    return width == o.width && height == o.height && scale == o.scale;
  }
};

class Compositor {
 public:
  Compositor ();
  ~Compositor ();
  Compositor (const Compositor &) = delete;
  Compositor &operator= (const Compositor &) = delete;

  // Opens the display socket (`socket_name`, or the first free wayland-N when empty) in
  // XDG_RUNTIME_DIR and starts the event loop thread.
  bool Start (const std::string &socket_name, OutputSize size, std::string *error);
  void Stop ();
  std::string SocketName () const;

  // Runs `task` on the Wayland thread (soon, not now). Safe from any thread.
  void Invoke (std::function<void ()> task);
  // Runs `task` on the Wayland thread and waits for it (not from the Wayland thread).
  void InvokeSync (std::function<void ()> task);

  // --- frame hand-off (any thread; meant for the streaming thread) ---
  enum class WaitResult { kDamage, kInterrupted, kClosed, kWoken };
  // Returns when there is damage and the time is at least `not_before`, when interrupted, or
  // when Close() was called and all damage was taken.
  WaitResult WaitForDamage (std::chrono::steady_clock::time_point not_before);
  // While set, WaitForDamage returns kInterrupted at once (GstBaseSrc unlock).
  void SetInterrupted (bool interrupted);
  // No more frames will be wanted (the application exited): WaitForDamage returns kClosed.
  void Close ();
  // The waiting thread has something else to do (a resize): WaitForDamage returns kWoken once.
  void Wake ();
  // Takes the damage accumulated since the last frame (output pixels, and when it was first
  // seen, CLOCK_MONOTONIC ns) and paints into `dst` (an output-sized x8r8g8b8 or a8r8g8b8
  // image, e.g. a mapped output buffer) the region `to_paint (damage)` returns: the damage
  // plus whatever else `dst` lacks. Painting is done on the Wayland thread, which owns the
  // surfaces; the caller waits. Commits that contributed wait for FramePresented() for their
  // frame callbacks. Returns false when there was no damage. Not from the Wayland thread.
  bool TakeFrame (pixman_image_t *dst, const std::function<Region (const Region &damage)> &to_paint,
      Region *damage, uint64_t *capture_time_ns);
  // Downstream has taken the last frame: clients waiting for it get their frame callbacks.
  void FramePresented ();
  // Frame callbacks for commits that changed nothing visible are released after this long.
  void SetFrameInterval (std::chrono::nanoseconds interval);
  OutputSize GetOutputSize () const;
  // Changes the output size and scale: clients are reconfigured, everything is repainted.
  void Resize (OutputSize size);

  // --- input (any thread): coordinates in output pixels ---
  void PointerMotion (double x, double y);
  void PointerButton (int button, bool pressed);   // 1 left, 2 middle, 3 right
  void PointerScroll (double dx, double dy);       // in steps; positive = right / down
  // evdev key code (0 = unknown: then `key_name` is looked up in the keymap).
  void Key (uint32_t evdev_code, const std::string &key_name, bool pressed,
      const std::string &text = "");
  // Touch points, output pixels; Frame ends a group of touch events (wl_touch.frame).
  void TouchDown (int32_t id, double x, double y);
  void TouchMotion (int32_t id, double x, double y);
  void TouchUp (int32_t id);
  void TouchFrame ();
  void TouchCancel ();
  // Text typed as keys of the seat's keymap (webdesk-text); what it lacks is skipped.
  void TypeText (const std::string &text);

  // --- clipboard (any thread) ---
  void SetClipboardText (const std::string &text);
  // Called on the Wayland thread when an application puts text on the clipboard.
  void SetClipboardListener (std::function<void (const std::string &)> listener);

  // --- cursor (any thread) ---
  // Called on the Wayland thread when the cursor a viewer should show changes (cursor.h).
  void SetCursorListener (std::function<void (const CursorImage &)> listener);
  // The seat's cursor changed (Wayland thread).
  void CursorChanged (const CursorImage &image);

  // Number of connected clients (for tests and diagnostics).
  int ClientCount () const;

  // --- for the protocol objects (Wayland thread only) ---
  wl_display *display () { return display_; }
  Output &output () { return *output_; }
  Seat &seat () { return *seat_; }
  XdgShell &shell () { return *shell_; }
  DataDevice &data_device () { return *data_device_; }
  OutputSize output_size () const { return size_; }
  uint32_t NextSerial () { return wl_display_next_serial (display_); }
  // Time for input events and frame callbacks: milliseconds of CLOCK_MONOTONIC.
  static uint32_t NowMs ();
  static uint64_t NowNs ();

  // Surfaces drawn directly on the output (toplevels, popups), bottom to top.
  void AddRoot (Surface *surface);
  void RemoveRoot (Surface *surface);
  void RaiseRoot (Surface *surface);
  const std::vector<Surface *> &roots () const { return roots_; }
  // The topmost surface (subsurfaces included) whose input region contains the logical point;
  // sets the surface-local coordinates.
  Surface *SurfaceAt (double x, double y, double *sx, double *sy);
  // Adds output-pixel damage, repainted when the current requests are handled; `callbacks` (wl_callback resources, may be empty)
  // are released with the frame that shows it, or after a frame interval if it was empty.
  void Damage (const Region &output_damage);
  void QueueFrameCallbacks (wl_list *callbacks, bool visible_damage);
  void DamageAll ();

 private:
  void Run ();
  void RunTasks ();
  // Composes `region` of the output into `dst`: background, then every window (Wayland thread).
  void Paint (pixman_image_t *dst, const Region &region);
  void FlushDamage ();
  void FireCallbacks (wl_list *list);
  void FireWaitingCallbacks (uint64_t up_to_seq);
  static int OnWake (int fd, uint32_t mask, void *data);
  static int OnTick (void *data);
  static void OnClientCreated (wl_listener *listener, void *data);

  wl_display *display_ = nullptr;
  wl_event_loop *loop_ = nullptr;
  wl_event_source *wake_source_ = nullptr;
  wl_event_source *tick_timer_ = nullptr;
  int wake_fd_ = -1;
  std::thread thread_;
  std::string socket_name_;
  OutputSize size_;
  std::unique_ptr<Output> output_;
  std::unique_ptr<Seat> seat_;
  std::unique_ptr<XdgShell> shell_;
  std::unique_ptr<DataDevice> data_device_;
  std::vector<Surface *> roots_;
  wl_global *compositor_global_ = nullptr;
  wl_global *subcompositor_global_ = nullptr;
  wl_global *viewporter_global_ = nullptr;
  // Frame callbacks (Wayland thread only): those whose commit damaged the output wait for the
  // frame that shows it (damage sequence number <= that of the presented frame); the others
  // are released by the tick timer.
  struct CallbackBatch {
    uint64_t damage_seq;
    wl_list callbacks;
  };
  std::deque<std::unique_ptr<CallbackBatch>> callbacks_waiting_;
  wl_list callbacks_tick_;
  bool tick_armed_ = false;
  Region pending_damage_;  // damaged by the requests being handled, not yet repainted
  std::chrono::nanoseconds frame_interval_{16666667};

  // Shared with other threads.
  mutable std::mutex mutex_;
  std::condition_variable cond_;
  bool quit_ = false;
  bool interrupted_ = false;
  bool closed_ = false;
  bool woken_ = false;
  uint64_t damage_seq_ = 0;        // counts Damage() calls that added something
  uint64_t taken_seq_ = 0;         // damage_seq_ when the last frame was taken
  std::vector<std::function<void ()>> tasks_;
  Region damage_;                      // since the last TakeFrame
  uint64_t damage_time_ns_ = 0;        // when damage_ became non-empty
  OutputSize shared_size_;
  int client_count_ = 0;
  wl_listener client_created_;
  std::function<void (const std::string &)> clipboard_listener_;
  std::function<void (const CursorImage &)> cursor_listener_;
  friend class DataDevice;
};

}  // namespace webdesk::wayland
