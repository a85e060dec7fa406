// SPDX-License-Identifier: LGPL-2.1-or-later
// The compositor: a Wayland display that applications draw into, composed into output frames.
//
// Built on wlroots (server.h): the protocols, Xwayland and the scene graph are wlroots'; what
// this class adds is the hand-off to GStreamer. It owns the wl_display and runs its event loop
// on its own thread; every Wayland object lives on that thread. Other threads talk to it in
// two ways only: tasks handed over with Invoke() (input, resize, clipboard, "the frame was
// taken"), and the damage hand-off (WaitForDamage / TakeFrame), where the accumulated damage is
// shared under one mutex and the frame is rendered on the Wayland thread into the caller's
// memory.
#pragma once

#include <pixman.h>
#include <sys/types.h>
#include <wayland-server-core.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "active_window.h"
#include "nested_display.h"
#include "output_size.h"
#include "shell.h"
#include "region.h"

namespace webdesk::wayland {

class Server;
struct CursorImage;

struct CompositorOptions {
  // Offer X11 applications a DISPLAY (Xwayland starts when the first X client connects).
  bool xwayland = false;
  // One application, or a desktop of many windows with title bars and a panel's layers.
  Shell shell = Shell::kApplication;
};

class Compositor {
 public:
  Compositor ();
  ~Compositor ();
  Compositor (const Compositor &) = delete;
  Compositor &operator= (const Compositor &) = delete;

  // Opens the display socket (`socket_name`, or the first free wayland-N when empty) in
  // XDG_RUNTIME_DIR and starts the event loop thread.
  bool Start (const std::string &socket_name, OutputSize size, std::string *error,
      const CompositorOptions &options = {});
  void Stop ();
  std::string SocketName () const;
  // The X11 DISPLAY (":N") when Xwayland is offered, else empty.
  std::string XDisplay () const;

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
  // seen, CLOCK_MONOTONIC ns) and renders into `dst` (an output-sized x8r8g8b8 or a8r8g8b8
  // image, e.g. a mapped output buffer) the region `to_paint (damage)` returns: the damage
  // plus whatever else `dst` lacks. Rendering is done on the Wayland thread, which owns the
  // surfaces; the caller waits. Applications wait for FramePresented() for their frame
  // callbacks. Returns false when there was no damage. Not from the Wayland thread.
  bool TakeFrame (pixman_image_t *dst, const std::function<Region (const Region &damage)> &to_paint,
      Region *damage, uint64_t *capture_time_ns);
  // Downstream has taken the last frame: applications get their frame callbacks.
  void FramePresented ();
  // Applications whose commit asked for a frame callback but changed nothing get it after this
  // long (frame_pacer.h).
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
  // Text typed by the viewer (webdesk-text): an input method's commit for an application with
  // text-input, else keys of the seat's keymap.
  void TypeText (const std::string &text);
  // The viewer's input method is composing `text` (webdesk-preedit; empty: done).
  void Preedit (const std::string &text, int cursor);

  // --- clipboard (any thread) ---
  void SetClipboardText (const std::string &text);
  // Called on the Wayland thread when an application puts text on the clipboard.
  void SetClipboardListener (std::function<void (const std::string &)> listener);

  // --- cursor (any thread) ---
  // Called on the Wayland thread when the cursor a viewer should show changes (cursor.h).
  void SetCursorListener (std::function<void (const CursorImage &)> listener);

  // --- windows (any thread) ---
  // Called on the Wayland thread when the window with the keyboard changes, or its title or
  // fullscreen state (view.h).
  void SetActiveWindowListener (std::function<void (const ActiveWindow &)> listener);

  // --- nested desktops (any thread) ---
  // The command (`command_pid`) may be a compositor of its own (sway, kwin_wayland): display
  // sockets that its process tree opens in XDG_RUNTIME_DIR from now on are nested desktops, and
  // their clipboard is joined with ours (nested_desktops.h).
  void WatchNestedDesktops (pid_t command_pid);
  // Called on the Wayland thread when a nested desktop's display is found or has gone.
  void SetNestedDisplayListener (std::function<void (const NestedDisplay &)> listener);

  // Number of connected clients (for tests and diagnostics).
  int ClientCount () const;

  // wlroots' log lines (level: 1 error, 2 info, 3 debug) go here; set before Start.
  static void SetLogHandler (void (*handler) (int level, const char *message), int max_level);

  // --- from the Wayland side (Wayland thread only) ---
  void ClipboardChanged (const std::string &text);
  void CursorChanged (const CursorImage &image);
  void ActiveWindowChanged (const ActiveWindow &window);
  void NestedDisplayChanged (const NestedDisplay &display);
  // Time for input events: milliseconds of CLOCK_MONOTONIC.
  static uint32_t NowMs ();
  static uint64_t NowNs ();

 private:
  void Run ();
  void RunTasks ();
  // Moves the damage the scene gathered into the shared damage (Wayland thread).
  void HarvestDamage ();
  static int OnWake (int fd, uint32_t mask, void *data);
  static void OnClientCreated (wl_listener *listener, void *data);

  wl_display *display_ = nullptr;
  wl_event_loop *loop_ = nullptr;
  wl_event_source *wake_source_ = nullptr;
  int wake_fd_ = -1;
  std::thread thread_;
  std::string socket_name_;
  std::string x_display_;
  std::unique_ptr<Server> server_;

  // Shared with other threads.
  mutable std::mutex mutex_;
  std::condition_variable cond_;
  bool quit_ = false;
  bool interrupted_ = false;
  bool closed_ = false;
  bool woken_ = false;
  std::vector<std::function<void ()>> tasks_;
  Region damage_;                      // since the last TakeFrame
  uint64_t damage_time_ns_ = 0;        // when damage_ became non-empty
  OutputSize shared_size_;
  std::chrono::nanoseconds frame_interval_{16666667};
  int client_count_ = 0;
  wl_listener client_created_;
  std::function<void (const std::string &)> clipboard_listener_;
  std::function<void (const CursorImage &)> cursor_listener_;
  std::function<void (const ActiveWindow &)> window_listener_;
  std::function<void (const NestedDisplay &)> nested_listener_;
};

}  // namespace webdesk::wayland
