// SPDX-License-Identifier: LGPL-2.1-or-later
#include "compositor.h"

#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "clipboard.h"
#include "cursor.h"
#include "frame_pacer.h"
#include "nested_desktops.h"
#include "seat.h"
#include "server.h"
#include "view.h"
#include "xwayland.h"

namespace webdesk::wayland {

namespace {

// libwayland puts its socket in XDG_RUNTIME_DIR; make sure there is one.
bool
EnsureRuntimeDir (std::string *error)
{
  const char *dir = getenv ("XDG_RUNTIME_DIR");
  std::string path = dir && *dir ? dir : "/tmp/webdesk-runtime-" + std::to_string (getuid ());
  struct stat st;
  if (stat (path.c_str (), &st) != 0) {
    // Like mkdir -p, mode 0700 as the XDG spec asks.
    std::string partial;
    for (size_t pos = 1; pos != std::string::npos;) {
      pos = path.find ('/', pos + 1);
      partial = path.substr (0, pos);
      if (mkdir (partial.c_str (), 0700) != 0 && errno != EEXIST) {
        *error = "Could not create XDG_RUNTIME_DIR " + path + ": " + strerror (errno);
        return false;
      }
    }
  }
  if (!dir || !*dir)
    setenv ("XDG_RUNTIME_DIR", path.c_str (), 0);
  return true;
}

struct ClientWatch {
  wl_listener destroy;
  Compositor *compositor;
};

std::atomic<void (*) (int, const char *)> log_handler{nullptr};

void
LogToHandler (wlr_log_importance importance, const char *format, va_list args)
{
  auto handler = log_handler.load ();
  if (!handler)
    return;
  char line[1024];
  vsnprintf (line, sizeof line, format, args);
  handler (int (importance), line);
}

}  // namespace

void
Compositor::SetLogHandler (void (*handler) (int, const char *), int max_level)
{
  log_handler = handler;
  wlr_log_init (wlr_log_importance (std::clamp (max_level, int (WLR_SILENT), int (WLR_DEBUG))),
      handler ? &LogToHandler : nullptr);
}

void
Compositor::OnClientCreated (wl_listener *listener, void *data)
{
  Compositor *self = wl_container_of (listener, self, client_created_);
  auto *watch = new ClientWatch;
  watch->compositor = self;
  watch->destroy.notify = [] (wl_listener *l, void *) {
    ClientWatch *w = wl_container_of (l, w, destroy);
    {
      std::lock_guard<std::mutex> lock (w->compositor->mutex_);
      w->compositor->client_count_--;
    }
    delete w;
  };
  wl_client_add_destroy_listener (static_cast<wl_client *> (data), &watch->destroy);
  std::lock_guard<std::mutex> lock (self->mutex_);
  self->client_count_++;
}

Compositor::Compositor () = default;

Compositor::~Compositor ()
{
  Stop ();
}

uint32_t
Compositor::NowMs ()
{
  return uint32_t (NowNs () / 1000000);
}

uint64_t
Compositor::NowNs ()
{
  timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return uint64_t (ts.tv_sec) * 1000000000ull + uint64_t (ts.tv_nsec);
}

bool
Compositor::Start (const std::string &socket_name, OutputSize size, std::string *error,
    const CompositorOptions &options)
{
  if (!EnsureRuntimeDir (error))
    return false;
  display_ = wl_display_create ();
  if (!display_) {
    *error = "wl_display_create failed";
    return false;
  }
  if (socket_name.empty ()) {
    const char *name = wl_display_add_socket_auto (display_);
    if (!name) {
      *error = std::string ("no free wayland-N socket name in ") + getenv ("XDG_RUNTIME_DIR");
      wl_display_destroy (display_);
      display_ = nullptr;
      return false;
    }
    socket_name_ = name;
  } else {
    if (wl_display_add_socket (display_, socket_name.c_str ()) != 0) {
      *error = "the socket " + socket_name + " in " + getenv ("XDG_RUNTIME_DIR") +
          " is in use or cannot be created";
      wl_display_destroy (display_);
      display_ = nullptr;
      return false;
    }
    socket_name_ = socket_name;
  }
  loop_ = wl_display_get_event_loop (display_);
  wake_fd_ = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  wake_source_ = wl_event_loop_add_fd (loop_, wake_fd_, WL_EVENT_READABLE, &Compositor::OnWake, this);
  client_created_.notify = &Compositor::OnClientCreated;
  wl_display_add_client_created_listener (display_, &client_created_);

  server_ = std::make_unique<Server> (this, display_, size, options.xwayland, options.shell);
  if (!server_->Valid (error)) {
    server_.reset ();
    wl_event_source_remove (wake_source_);
    close (wake_fd_);
    wake_fd_ = -1;
    wl_display_destroy (display_);
    display_ = nullptr;
    return false;
  }
  {
    std::lock_guard<std::mutex> lock (mutex_);
    server_->frame_pacer->SetInterval (frame_interval_);
  }
  x_display_ = server_->xwayland ? server_->xwayland->DisplayName () : "";
  {
    std::lock_guard<std::mutex> lock (mutex_);
    shared_size_ = size;
    closed_ = woken_ = false;
    // The first frame shows the empty (black) desktop, so a viewer sees something at once.
    damage_ = Region (0, 0, size.width, size.height);
    damage_time_ns_ = NowNs ();
  }
  Region ignored;
  server_->output->TakeDamage (&ignored);  // already in damage_
  thread_ = std::thread (&Compositor::Run, this);
  return true;
}

void
Compositor::Stop ()
{
  if (!display_)
    return;
  if (thread_.joinable ()) {
    {
      std::lock_guard<std::mutex> lock (mutex_);
      quit_ = true;
    }
    uint64_t one = 1;
    (void) !write (wake_fd_, &one, sizeof one);
    thread_.join ();
  }
  // Xwayland first (it would restart when its client went), then the clients: their
  // resources point into the objects below.
  server_->xwayland.reset ();
  wl_display_destroy_clients (display_);
  server_.reset ();
  wl_event_source_remove (wake_source_);
  wl_display_destroy (display_);
  display_ = nullptr;
  close (wake_fd_);
  wake_fd_ = -1;
  x_display_.clear ();
  std::lock_guard<std::mutex> lock (mutex_);
  quit_ = false;
  tasks_.clear ();  // input or frame hand-offs for clients that are gone
  damage_.Clear ();
}

std::string
Compositor::SocketName () const
{
  return socket_name_;
}

std::string
Compositor::XDisplay () const
{
  return x_display_;
}

void
Compositor::Run ()
{
  for (;;) {
    {
      std::lock_guard<std::mutex> lock (mutex_);
      if (quit_)
        break;
    }
    wl_display_flush_clients (display_);
    wl_event_loop_dispatch (loop_, -1);
    // One frame's worth of damage per batch of requests, one wakeup of the streaming thread.
    HarvestDamage ();
  }
  wl_display_flush_clients (display_);
}

void
Compositor::Invoke (std::function<void ()> task)
{
  {
    std::lock_guard<std::mutex> lock (mutex_);
    tasks_.push_back (std::move (task));
  }
  uint64_t one = 1;
  (void) !write (wake_fd_, &one, sizeof one);
}

void
Compositor::InvokeSync (std::function<void ()> task)
{
  std::mutex done_mutex;
  std::condition_variable done_cond;
  bool done = false;
  Invoke ([&] {
    task ();
    std::lock_guard<std::mutex> lock (done_mutex);
    done = true;
    done_cond.notify_all ();
  });
  std::unique_lock<std::mutex> lock (done_mutex);
  done_cond.wait (lock, [&] { return done; });
}

int
Compositor::OnWake (int fd, uint32_t, void *data)
{
  uint64_t count;
  (void) !read (fd, &count, sizeof count);
  static_cast<Compositor *> (data)->RunTasks ();
  return 0;
}

void
Compositor::RunTasks ()
{
  std::vector<std::function<void ()>> tasks;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    tasks.swap (tasks_);
  }
  for (auto &task : tasks)
    task ();
}

// --- frames ---

void
Compositor::HarvestDamage ()
{
  Region damage;
  if (!server_->output->TakeDamage (&damage))
    return;
  std::lock_guard<std::mutex> lock (mutex_);
  if (damage_.Empty ())
    damage_time_ns_ = NowNs ();
  damage_.Add (damage);
  cond_.notify_all ();
}

Compositor::WaitResult
Compositor::WaitForDamage (std::chrono::steady_clock::time_point not_before)
{
  std::unique_lock<std::mutex> lock (mutex_);
  auto stop = [&] { return interrupted_ || closed_ || woken_; };
  cond_.wait (lock, [&] { return stop () || !damage_.Empty (); });
  // Rate limit: damage that arrives early waits (and accumulates) until not_before.
  if (!stop ())
    cond_.wait_until (lock, not_before, stop);
  if (interrupted_)
    return WaitResult::kInterrupted;
  // What was drawn before the end still goes out, then the end.
  if (closed_)
    return damage_.Empty () ? WaitResult::kClosed : WaitResult::kDamage;
  if (woken_) {
    woken_ = false;
    return WaitResult::kWoken;
  }
  return WaitResult::kDamage;
}

void
Compositor::Close ()
{
  std::lock_guard<std::mutex> lock (mutex_);
  closed_ = true;
  cond_.notify_all ();
}

void
Compositor::Wake ()
{
  std::lock_guard<std::mutex> lock (mutex_);
  woken_ = true;
  cond_.notify_all ();
}

void
Compositor::SetInterrupted (bool interrupted)
{
  std::lock_guard<std::mutex> lock (mutex_);
  interrupted_ = interrupted;
  cond_.notify_all ();
}

bool
Compositor::TakeFrame (pixman_image_t *dst, const std::function<Region (const Region &)> &to_paint,
    Region *damage, uint64_t *capture_time_ns)
{
  {
    std::lock_guard<std::mutex> lock (mutex_);
    if (damage_.Empty ())
      return false;
  }
  bool taken = false;
  // Rendering reads the surfaces, which belong to the Wayland thread: it is done there.
  InvokeSync ([&] {
    HarvestDamage ();
    {
      std::lock_guard<std::mutex> lock (mutex_);
      if (damage_.Empty ())
        return;
      *damage = damage_;
      *capture_time_ns = damage_time_ns_;
      damage_.Clear ();
    }
    Region region = to_paint (*damage);
    region.IntersectRect (0, 0, pixman_image_get_width (dst), pixman_image_get_height (dst));
    server_->output->Render (dst, region);
    taken = true;
  });
  return taken;
}

void
Compositor::FramePresented ()
{
  Invoke ([this] {
    std::chrono::nanoseconds interval;
    {
      std::lock_guard<std::mutex> lock (mutex_);
      interval = frame_interval_;
    }
    server_->output->FrameDone (interval);
  });
}

void
Compositor::SetFrameInterval (std::chrono::nanoseconds interval)
{
  {
    std::lock_guard<std::mutex> lock (mutex_);
    frame_interval_ = interval;
  }
  if (display_)
    Invoke ([this, interval] { server_->frame_pacer->SetInterval (interval); });
}

OutputSize
Compositor::GetOutputSize () const
{
  std::lock_guard<std::mutex> lock (mutex_);
  return shared_size_;
}

void
Compositor::Resize (OutputSize size)
{
  Invoke ([this, size] {
    if (size == server_->output->size ())
      return;
    {
      std::lock_guard<std::mutex> lock (mutex_);
      shared_size_ = size;
      damage_.Clear ();  // of the old size; the new output is damaged whole
    }
    server_->output->SetSize (size);
    server_->windows->OutputChanged ();
    server_->seat->cursor ().OutputScaleChanged ();
    server_->seat->PointerRefocus ();
  });
}

int
Compositor::ClientCount () const
{
  std::lock_guard<std::mutex> lock (mutex_);
  return client_count_;
}

// --- input and clipboard: hand-offs to the Wayland thread ---

void
Compositor::PointerMotion (double x, double y)
{
  Invoke ([this, x, y] {
    const int scale = server_->output->size ().scale;
    server_->seat->PointerMotion (x / scale, y / scale);
  });
}

void
Compositor::PointerButton (int button, bool pressed)
{
  Invoke ([this, button, pressed] { server_->seat->PointerButton (button, pressed); });
}

void
Compositor::PointerScroll (double dx, double dy)
{
  Invoke ([this, dx, dy] { server_->seat->PointerScroll (dx, dy); });
}

void
Compositor::Key (uint32_t evdev_code, const std::string &key_name, bool pressed,
    const std::string &text)
{
  Invoke ([this, evdev_code, key_name, pressed, text] {
    server_->seat->KeyWithText (evdev_code, key_name, text, pressed);
  });
}

void
Compositor::TouchDown (int32_t id, double x, double y)
{
  Invoke ([this, id, x, y] {
    const int scale = server_->output->size ().scale;
    server_->seat->TouchDown (id, x / scale, y / scale);
  });
}

void
Compositor::TouchMotion (int32_t id, double x, double y)
{
  Invoke ([this, id, x, y] {
    const int scale = server_->output->size ().scale;
    server_->seat->TouchMotion (id, x / scale, y / scale);
  });
}

void
Compositor::TouchUp (int32_t id)
{
  Invoke ([this, id] { server_->seat->TouchUp (id); });
}

void
Compositor::TouchFrame ()
{
  Invoke ([this] { server_->seat->TouchFrame (); });
}

void
Compositor::TouchCancel ()
{
  Invoke ([this] { server_->seat->TouchCancel (); });
}

void
Compositor::TypeText (const std::string &text)
{
  Invoke ([this, text] { server_->seat->TypeText (text); });
}

void
Compositor::Preedit (const std::string &text, int cursor)
{
  Invoke ([this, text, cursor] { server_->seat->Preedit (text, cursor); });
}

void
Compositor::SetClipboardText (const std::string &text)
{
  Invoke ([this, text] { server_->clipboard->SetText (text); });
}

void
Compositor::SetClipboardListener (std::function<void (const std::string &)> listener)
{
  std::lock_guard<std::mutex> lock (mutex_);
  clipboard_listener_ = std::move (listener);
}

void
Compositor::ClipboardChanged (const std::string &text)
{
  std::function<void (const std::string &)> listener;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    listener = clipboard_listener_;
  }
  if (listener)
    listener (text);
}

void
Compositor::SetCursorListener (std::function<void (const CursorImage &)> listener)
{
  std::lock_guard<std::mutex> lock (mutex_);
  cursor_listener_ = std::move (listener);
}

void
Compositor::CursorChanged (const CursorImage &image)
{
  std::function<void (const CursorImage &)> listener;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    listener = cursor_listener_;
  }
  if (listener)
    listener (image);
}

}  // namespace webdesk::wayland

namespace webdesk::wayland {

void
Compositor::SetActiveWindowListener (std::function<void (const ActiveWindow &)> listener)
{
  std::lock_guard<std::mutex> lock (mutex_);
  window_listener_ = std::move (listener);
}

void
Compositor::ActiveWindowChanged (const ActiveWindow &window)
{
  std::function<void (const ActiveWindow &)> listener;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    listener = window_listener_;
  }
  if (listener)
    listener (window);
}

void
Compositor::WatchNestedDesktops (pid_t command_pid)
{
  Invoke ([this, command_pid] {
    if (!server_->nested_desktops)
      server_->nested_desktops = std::make_unique<NestedDesktops> (display_, server_->seat->wlr (),
          socket_name_, [this] (const NestedDisplay &display) { NestedDisplayChanged (display); });
    server_->nested_desktops->Watch (command_pid);
  });
}

void
Compositor::SetNestedDisplayListener (std::function<void (const NestedDisplay &)> listener)
{
  std::lock_guard<std::mutex> lock (mutex_);
  nested_listener_ = std::move (listener);
}

void
Compositor::NestedDisplayChanged (const NestedDisplay &display)
{
  std::function<void (const NestedDisplay &)> listener;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    listener = nested_listener_;
  }
  if (listener)
    listener (display);
}

}  // namespace webdesk::wayland
