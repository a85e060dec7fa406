// SPDX-License-Identifier: LGPL-2.1-or-later
#include "nested_desktops.h"

#include <dirent.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>

#include <algorithm>
#include <cerrno>

#include "clipboard_bridge.h"

namespace webdesk::wayland {

namespace {

// A socket appears at bind() and takes connections from listen(), a moment later.
constexpr int kRetryIntervalMs = 50;
constexpr int kMaxAttempts = 40;  // 2 s

// The parent of `pid` (from /proc), or 0.
pid_t
ParentOf (pid_t pid)
{
  g_autofree gchar *path = g_strdup_printf ("/proc/%d/status", int (pid));
  g_autofree gchar *status = nullptr;
  if (!g_file_get_contents (path, &status, nullptr, nullptr))
    return 0;
  const char *line = strstr (status, "\nPPid:");
  return line ? pid_t (g_ascii_strtoll (line + strlen ("\nPPid:"), nullptr, 10)) : 0;
}

}  // namespace

bool
IsDisplaySocketName (std::string_view name)
{
  constexpr std::string_view kPrefix = "wayland-", kLock = ".lock";
  return name.size () > kPrefix.size () && name.substr (0, kPrefix.size ()) == kPrefix &&
      !(name.size () >= kLock.size () && name.substr (name.size () - kLock.size ()) == kLock);
}

bool
InProcessTree (pid_t pid, pid_t root)
{
  if (pid <= 0 || root <= 0)
    return false;
  if (getpgid (pid) == root)
    return true;
  // A process that left the group (setsid) is still found by its ancestry.
  for (int depth = 0; pid > 1 && depth < 64; depth++, pid = ParentOf (pid))
    if (pid == root)
      return true;
  return false;
}

// A socket that is bound but not listening yet, tried again shortly.
struct NestedDesktops::Attempt {
  NestedDesktops *owner;
  std::string name;
  int count = 0;
  wl_event_source *timer = nullptr;
};

NestedDesktops::NestedDesktops (wl_display *display, wlr_seat *seat, std::string own_socket,
    Report report)
    : loop_ (wl_display_get_event_loop (display)), seat_ (seat),
      own_socket_ (std::move (own_socket)), report_ (std::move (report))
{
  const char *dir = getenv ("XDG_RUNTIME_DIR");
  directory_ = dir ? dir : "";
}

NestedDesktops::~NestedDesktops ()
{
  for (auto &attempt : attempts_)
    wl_event_source_remove (attempt->timer);
  bridges_.clear ();
  if (inotify_source_)
    wl_event_source_remove (inotify_source_);
  if (inotify_fd_ >= 0)
    close (inotify_fd_);
}

void
NestedDesktops::Watch (pid_t command_pid)
{
  command_ = command_pid;
  if (inotify_fd_ < 0) {
    inotify_fd_ = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_fd_ < 0 || inotify_add_watch (inotify_fd_, directory_.c_str (), IN_CREATE) < 0) {
      wlr_log (WLR_ERROR, "Cannot watch %s for nested desktops (%s): their clipboard stays "
          "apart from ours", directory_.c_str (), strerror (errno));
      return;
    }
    inotify_source_ = wl_event_loop_add_fd (loop_, inotify_fd_, WL_EVENT_READABLE,
        &NestedDesktops::OnDirectoryChanged, this);
  }
  // Those that were there before the watch began.
  if (DIR *d = opendir (directory_.c_str ())) {
    while (const dirent *entry = readdir (d))
      Consider (entry->d_name);
    closedir (d);
  }
}

int
NestedDesktops::OnDirectoryChanged (int fd, uint32_t, void *data)
{
  auto *self = static_cast<NestedDesktops *> (data);
  alignas (inotify_event) char buffer[4096];
  for (;;) {
    const ssize_t n = read (fd, buffer, sizeof buffer);
    if (n <= 0)
      break;
    for (ssize_t at = 0; at < n;) {
      const auto *event = reinterpret_cast<const inotify_event *> (buffer + at);
      if (event->len > 0)
        self->Consider (event->name);
      at += ssize_t (sizeof (inotify_event) + event->len);
    }
  }
  return 0;
}

void
NestedDesktops::Consider (const std::string &name)
{
  if (!IsDisplaySocketName (name) || name == own_socket_ || Known (name))
    return;
  if (TryConnect (name))
    return;
  auto attempt = std::make_unique<Attempt> ();
  attempt->owner = this;
  attempt->name = name;
  attempt->timer = wl_event_loop_add_timer (loop_, &NestedDesktops::OnRetry, attempt.get ());
  wl_event_source_timer_update (attempt->timer, kRetryIntervalMs);
  attempts_.push_back (std::move (attempt));
}

int
NestedDesktops::OnRetry (void *data)
{
  auto *attempt = static_cast<Attempt *> (data);
  NestedDesktops *self = attempt->owner;
  if (!self->TryConnect (attempt->name) && ++attempt->count < kMaxAttempts) {
    wl_event_source_timer_update (attempt->timer, kRetryIntervalMs);
    return 0;
  }
  wl_event_source_remove (attempt->timer);
  self->attempts_.remove_if ([attempt] (const auto &a) { return a.get () == attempt; });
  return 0;
}

bool
NestedDesktops::Known (const std::string &name) const
{
  return std::any_of (attempts_.begin (), attempts_.end (),
             [&] (const auto &a) { return a->name == name; }) ||
      std::any_of (bridges_.begin (), bridges_.end (),
          [&] (const auto &b) { return b->socket_name () == name; });
}

bool
NestedDesktops::TryConnect (const std::string &name)
{
  const std::string path = directory_ + "/" + name;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size () >= sizeof address.sun_path)
    return true;  // not a path libwayland could have bound either
  memcpy (address.sun_path, path.c_str (), path.size () + 1);
  // Non-blocking: a full backlog is tried again later, never waited for here.
  const int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return true;
  if (connect (fd, reinterpret_cast<const sockaddr *> (&address), sizeof address) != 0) {
    const int error = errno;
    close (fd);
    return !(error == ECONNREFUSED || error == EAGAIN);  // not listening yet: again
  }
  ucred peer{};
  socklen_t length = sizeof peer;
  if (getsockopt (fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0 ||
      !InProcessTree (peer.pid, command_)) {
    close (fd);  // someone else's display
    return true;
  }
  Bridge (fd, name);
  return true;
}

void
NestedDesktops::Bridge (int fd, const std::string &name)
{
  auto ready = [this] (ClipboardBridge *bridge, bool bridged) {
    report_ (NestedDisplay{bridge->socket_name (), true, bridged});
  };
  auto closed = [this] (ClipboardBridge *bridge) {
    const NestedDisplay gone{bridge->socket_name (), false, false};
    bridges_.remove_if ([bridge] (const auto &b) { return b.get () == bridge; });
    report_ (gone);
  };
  auto bridge = std::make_unique<ClipboardBridge> (loop_, seat_, fd, name, ready, closed);
  if (bridge->Connected ())
    bridges_.push_back (std::move (bridge));
}

}  // namespace webdesk::wayland
