// SPDX-License-Identifier: LGPL-2.1-or-later
// Nested desktops: a compositor that the command runs as our application (sway, kwin_wayland,
// labwc, weston) opens a display socket of its own for the applications inside it. Those
// sockets are found as they appear in XDG_RUNTIME_DIR (inotify, on the Wayland thread's event
// loop); each one whose listening process belongs to the command's process tree gets a
// clipboard bridge (clipboard_bridge.h), and is reported. Sockets of anyone else (another
// session's compositor in the same runtime directory) are left alone.
//
// Why found and not named: sway and labwc choose their socket's name themselves (the first free
// wayland-N) and cannot be told one; the kernel says which process listens on a socket
// (SO_PEERCRED), so the command's tree is what tells a nested desktop from a stranger.
// Wayland thread only.
#pragma once

#include <sys/types.h>

#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>

#include "nested_display.h"
#include "wlr.h"

namespace webdesk::wayland {

class ClipboardBridge;

// Whether the file `name` in XDG_RUNTIME_DIR is named as a Wayland display socket: libwayland
// names them wayland-N, and compositors that take a name keep the prefix; not the lock file.
bool IsDisplaySocketName (std::string_view name);

// Whether the process `pid` is `root`, a descendant of it, or in the process group it leads.
bool InProcessTree (pid_t pid, pid_t root);

class NestedDesktops {
 public:
  using Report = std::function<void (const NestedDisplay &display)>;
  // `own_socket`: our display's socket (never a nested one). `report`: a display was found (once
  // its globals are known) or has gone.
  NestedDesktops (wl_display *display, wlr_seat *seat, std::string own_socket, Report report);
  ~NestedDesktops ();
  NestedDesktops (const NestedDesktops &) = delete;
  NestedDesktops &operator= (const NestedDesktops &) = delete;

  // Displays opened by `command_pid`'s process tree, from now on (and any already there), are
  // nested desktops.
  void Watch (pid_t command_pid);

 private:
  struct Attempt;
  static int OnDirectoryChanged (int fd, uint32_t mask, void *data);
  static int OnRetry (void *data);
  void Consider (const std::string &name);
  // Connects to `name`; false when it should be tried again (bound but not listening yet).
  bool TryConnect (const std::string &name);
  void Bridge (int fd, const std::string &name);
  bool Known (const std::string &name) const;

  wl_event_loop *loop_;
  wlr_seat *seat_;
  std::string own_socket_;
  Report report_;
  std::string directory_;
  pid_t command_ = 0;
  int inotify_fd_ = -1;
  wl_event_source *inotify_source_ = nullptr;
  std::list<std::unique_ptr<Attempt>> attempts_;
  std::list<std::unique_ptr<ClipboardBridge>> bridges_;
};

}  // namespace webdesk::wayland
