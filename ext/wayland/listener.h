// SPDX-License-Identifier: LGPL-2.1-or-later
// A wl_listener that removes itself: the most common wlroots bug is a listener left on a
// signal of an object that is gone (or of an owner that is gone). A Listener is disconnected
// when it is destroyed or connected again, so an object that holds its listeners as members
// cannot leave one behind.
#pragma once

#include <wayland-server-core.h>

#include <functional>
#include <utility>

namespace webdesk::wayland {

class Listener {
 public:
  using Callback = std::function<void (void *data)>;

  Listener () { wl_list_init (&wrapper_.listener.link); }
  explicit Listener (Callback callback) : Listener () { callback_ = std::move (callback); }
  ~Listener () { Disconnect (); }
  Listener (const Listener &) = delete;
  Listener &operator= (const Listener &) = delete;

  void SetCallback (Callback callback) { callback_ = std::move (callback); }
  // Listens to `signal` (after leaving the one it listened to, if any).
  void Connect (wl_signal *signal)
  {
    Disconnect ();
    wrapper_.listener.notify = &Listener::Notify;
    wrapper_.self = this;
    wl_signal_add (signal, &wrapper_.listener);
  }
  void Connect (wl_signal *signal, Callback callback)
  {
    callback_ = std::move (callback);
    Connect (signal);
  }
  void Disconnect ()
  {
    wl_list_remove (&wrapper_.listener.link);
    wl_list_init (&wrapper_.listener.link);
  }
  bool Connected () const { return !wl_list_empty (&wrapper_.listener.link); }

 private:
  struct Wrapper {
    wl_listener listener;
    Listener *self;
  };
  static void Notify (wl_listener *listener, void *data)
  {
    Wrapper *wrapper = wl_container_of (listener, wrapper, listener);
    // The callback may destroy this Listener (an object freeing itself on "destroy"): it runs
    // from a copy, and nothing of the Listener is touched after.
    const Callback callback = wrapper->self->callback_;
    callback (data);
  }

  Wrapper wrapper_{};
  Callback callback_;
};

}  // namespace webdesk::wayland
