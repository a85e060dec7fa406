// SPDX-License-Identifier: LGPL-2.1-or-later
#include "compositor.h"

#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wayland-server-protocol.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "data_device.h"
#include "output.h"
#include "seat.h"
#include "surface.h"
#include "xdg_shell.h"

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

}  // namespace

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

Compositor::Compositor ()
{
  wl_list_init (&callbacks_tick_);
}

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
Compositor::Start (const std::string &socket_name, OutputSize size, std::string *error)
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
  tick_timer_ = wl_event_loop_add_timer (loop_, &Compositor::OnTick, this);

  size_ = size;
  shared_size_ = size;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    closed_ = woken_ = false;
    // The first frame shows the empty (black) desktop, so a viewer sees something at once.
    damage_ = Region (0, 0, size.width, size.height);
    damage_time_ns_ = NowNs ();
  }

  client_created_.notify = &Compositor::OnClientCreated;
  wl_display_add_client_created_listener (display_, &client_created_);

  wl_display_init_shm (display_);
  compositor_global_ = CreateCompositorGlobal (this);
  subcompositor_global_ = CreateSubcompositorGlobal (this);
  viewporter_global_ = CreateViewporterGlobal (this);
  output_ = std::make_unique<Output> (this);
  seat_ = std::make_unique<Seat> (this);
  shell_ = std::make_unique<XdgShell> (this);
  data_device_ = std::make_unique<DataDevice> (this);

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
  // Clients first: their resources point into the objects below.
  wl_display_destroy_clients (display_);
  data_device_.reset ();
  shell_.reset ();
  seat_.reset ();
  output_.reset ();
  wl_resource *cb, *tmp;
  wl_resource_for_each_safe (cb, tmp, &callbacks_tick_)
    wl_resource_destroy (cb);
  callbacks_waiting_.clear ();
  wl_event_source_remove (wake_source_);
  wl_event_source_remove (tick_timer_);
  wl_display_destroy (display_);
  display_ = nullptr;
  close (wake_fd_);
  wake_fd_ = -1;
  std::lock_guard<std::mutex> lock (mutex_);
  quit_ = false;
  tasks_.clear ();  // input or frame hand-offs for clients that are gone
  damage_.Clear ();
  pending_damage_.Clear ();
  roots_.clear ();
  wl_list_init (&callbacks_tick_);
  tick_armed_ = false;
}

std::string
Compositor::SocketName () const
{
  return socket_name_;
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
    FlushDamage ();
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
  // Painting reads the surfaces, which belong to the Wayland thread: it is done there.
  InvokeSync ([&] {
    {
      std::lock_guard<std::mutex> lock (mutex_);
      if (damage_.Empty ())
        return;
      *damage = damage_;
      *capture_time_ns = damage_time_ns_;
      damage_.Clear ();
      taken_seq_ = damage_seq_;
    }
    Region region = to_paint (*damage);
    region.IntersectRect (0, 0, pixman_image_get_width (dst), pixman_image_get_height (dst));
    Paint (dst, region);
    taken = true;
  });
  return taken;
}

void
Compositor::FramePresented ()
{
  uint64_t seq;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    seq = taken_seq_;
  }
  Invoke ([this, seq] { FireWaitingCallbacks (seq); });
}

void
Compositor::SetFrameInterval (std::chrono::nanoseconds interval)
{
  std::lock_guard<std::mutex> lock (mutex_);
  frame_interval_ = interval;
}

OutputSize
Compositor::GetOutputSize () const
{
  std::lock_guard<std::mutex> lock (mutex_);
  return shared_size_;
}

void
Compositor::Damage (const Region &output_damage)
{
  // Handed over once the current batch of requests is handled (FlushDamage): one frame
  // callback batch per batch of requests, one wakeup of the streaming thread.
  pending_damage_.Add (output_damage);
  pending_damage_.IntersectRect (0, 0, size_.width, size_.height);
}

void
Compositor::FlushDamage ()
{
  if (pending_damage_.Empty ())
    return;
  std::lock_guard<std::mutex> lock (mutex_);
  if (damage_.Empty ())
    damage_time_ns_ = NowNs ();
  damage_.Add (pending_damage_);
  pending_damage_.Clear ();
  damage_seq_++;
  cond_.notify_all ();
}

void
Compositor::DamageAll ()
{
  Damage (Region (0, 0, size_.width, size_.height));
}

void
Compositor::QueueFrameCallbacks (wl_list *callbacks, bool visible_damage)
{
  if (wl_list_empty (callbacks))
    return;
  if (visible_damage) {
    auto batch = std::make_unique<CallbackBatch> ();
    {
      // The damage is flushed at the end of this dispatch, as damage_seq_ + 1.
      std::lock_guard<std::mutex> lock (mutex_);
      batch->damage_seq = damage_seq_ + 1;
    }
    wl_list_init (&batch->callbacks);
    wl_list_insert_list (&batch->callbacks, callbacks);
    callbacks_waiting_.push_back (std::move (batch));
  } else {
    wl_list_insert_list (callbacks_tick_.prev, callbacks);
    if (!tick_armed_) {
      std::chrono::nanoseconds interval;
      {
        std::lock_guard<std::mutex> lock (mutex_);
        interval = frame_interval_;
      }
      wl_event_source_timer_update (tick_timer_,
          std::max (1, int (std::chrono::duration_cast<std::chrono::milliseconds> (interval).count ())));
      tick_armed_ = true;
    }
  }
  wl_list_init (callbacks);
}

int
Compositor::OnTick (void *data)
{
  auto *self = static_cast<Compositor *> (data);
  self->tick_armed_ = false;
  self->FireCallbacks (&self->callbacks_tick_);
  return 0;
}

void
Compositor::FireWaitingCallbacks (uint64_t up_to_seq)
{
  while (!callbacks_waiting_.empty () && callbacks_waiting_.front ()->damage_seq <= up_to_seq) {
    std::unique_ptr<CallbackBatch> batch = std::move (callbacks_waiting_.front ());
    callbacks_waiting_.pop_front ();
    FireCallbacks (&batch->callbacks);
  }
}

void
Compositor::FireCallbacks (wl_list *list)
{
  const uint32_t now = NowMs ();
  wl_resource *cb, *tmp;
  wl_resource_for_each_safe (cb, tmp, list) {
    wl_callback_send_done (cb, now);
    wl_resource_destroy (cb);
  }
  wl_list_init (list);
}

void
Compositor::Resize (OutputSize size)
{
  Invoke ([this, size] {
    if (size == size_)
      return;
    {
      std::lock_guard<std::mutex> lock (mutex_);
      size_ = size;
      shared_size_ = size;
      damage_.Clear ();
      pending_damage_.Clear ();
    }
    output_->SizeChanged ();
    shell_->OutputChanged ();
    seat_->cursor ().OutputScaleChanged ();
    DamageAll ();
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
    seat_->PointerMotion (x / size_.scale, y / size_.scale);
  });
}

void
Compositor::PointerButton (int button, bool pressed)
{
  Invoke ([this, button, pressed] { seat_->PointerButton (button, pressed); });
}

void
Compositor::PointerScroll (double dx, double dy)
{
  Invoke ([this, dx, dy] { seat_->PointerScroll (dx, dy); });
}

void
Compositor::Key (uint32_t evdev_code, const std::string &key_name, bool pressed,
    const std::string &text)
{
  Invoke ([this, evdev_code, key_name, pressed, text] {
    seat_->KeyWithText (evdev_code, key_name, text, pressed);
  });
}

void
Compositor::TouchDown (int32_t id, double x, double y)
{
  Invoke ([this, id, x, y] { seat_->TouchDown (id, x / size_.scale, y / size_.scale); });
}

void
Compositor::TouchMotion (int32_t id, double x, double y)
{
  Invoke ([this, id, x, y] { seat_->TouchMotion (id, x / size_.scale, y / size_.scale); });
}

void
Compositor::TouchUp (int32_t id)
{
  Invoke ([this, id] { seat_->TouchUp (id); });
}

void
Compositor::TouchFrame ()
{
  Invoke ([this] { seat_->TouchFrame (); });
}

void
Compositor::TouchCancel ()
{
  Invoke ([this] { seat_->TouchCancel (); });
}

void
Compositor::TypeText (const std::string &text)
{
  Invoke ([this, text] { seat_->TypeText (text); });
}

void
Compositor::SetClipboardText (const std::string &text)
{
  Invoke ([this, text] { data_device_->SetSelectionText (text); });
}

void
Compositor::SetClipboardListener (std::function<void (const std::string &)> listener)
{
  std::lock_guard<std::mutex> lock (mutex_);
  clipboard_listener_ = std::move (listener);
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
