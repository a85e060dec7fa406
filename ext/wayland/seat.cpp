// SPDX-License-Identifier: LGPL-2.1-or-later
#include "seat.h"

#include <fcntl.h>
#include <linux/input-event-codes.h>
#include <unistd.h>
#include <glib.h>
#include <wayland-server-protocol.h>
#include <xkbcommon/xkbcommon-keysyms.h>

#include <algorithm>
#include <cstring>

#include "compositor.h"
#include "data_device.h"
#include "surface.h"
#include "xdg_shell.h"

namespace webdesk::wayland {

namespace {

constexpr uint32_t kSeatVersion = 7;

Seat *
SeatOf (wl_resource *r)
{
  return static_cast<Seat *> (wl_resource_get_user_data (r));
}

void
Forget (std::vector<wl_resource *> &list, wl_resource *r)
{
  list.erase (std::remove (list.begin (), list.end (), r), list.end ());
}

void
Release (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
PointerSetCursor (wl_client *, wl_resource *resource, uint32_t serial, wl_resource *surface,
    int32_t hotspot_x, int32_t hotspot_y)
{
  // Not composed into the frames: the viewer shows it (see cursor.h).
  if (Seat *seat = SeatOf (resource))
    seat->cursor ().SetCursor (resource, serial, surface, hotspot_x, hotspot_y);
}

const struct wl_pointer_interface kPointerImpl = {PointerSetCursor, Release};
const struct wl_keyboard_interface kKeyboardImpl = {Release};

void
TouchRelease (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

const struct wl_touch_interface kTouchImpl = {TouchRelease};

void
TouchDestroyed (wl_resource *r)
{
  if (Seat *s = SeatOf (r))
    Forget (s->touches, r);
}

void
PointerDestroyed (wl_resource *r)
{
  if (Seat *s = SeatOf (r))
    Forget (s->pointers, r);
}

void
KeyboardDestroyed (wl_resource *r)
{
  if (Seat *s = SeatOf (r))
    Forget (s->keyboards, r);
}

void
SeatDestroyed (wl_resource *r)
{
  if (Seat *s = SeatOf (r))
    Forget (s->seats, r);
}

void
SeatGetPointer (wl_client *client, wl_resource *resource, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wl_pointer_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  Seat *seat = SeatOf (resource);
  wl_resource_set_implementation (r, &kPointerImpl, seat, PointerDestroyed);
  if (seat)
    seat->pointers.push_back (r);
}

void
SeatGetKeyboard (wl_client *client, wl_resource *resource, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wl_keyboard_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  Seat *seat = SeatOf (resource);
  wl_resource_set_implementation (r, &kKeyboardImpl, seat, KeyboardDestroyed);
  if (!seat)
    return;
  seat->keyboards.push_back (r);
  uint32_t size = 0;
  int fd = seat->keymap ().CreateFd (&size);
  if (fd >= 0) {
    wl_keyboard_send_keymap (r, WL_KEYBOARD_KEYMAP_FORMAT_XKB_V1, fd, size);
    close (fd);
  } else {
    int null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
    wl_keyboard_send_keymap (r, WL_KEYBOARD_KEYMAP_FORMAT_NO_KEYMAP, null_fd, 0);
    close (null_fd);
  }
  if (wl_resource_get_version (r) >= WL_KEYBOARD_REPEAT_INFO_SINCE_VERSION)
    wl_keyboard_send_repeat_info (r, 25, 600);
  seat->SendKeyboardEnterTo (r);
}

void
SeatGetTouch (wl_client *client, wl_resource *resource, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &wl_touch_interface,
      wl_resource_get_version (resource), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  Seat *seat = SeatOf (resource);
  wl_resource_set_implementation (r, &kTouchImpl, seat, TouchDestroyed);
  if (seat)
    seat->touches.push_back (r);
}

const struct wl_seat_interface kSeatImpl = {SeatGetPointer, SeatGetKeyboard, SeatGetTouch,
  Release};

uint32_t
EvdevButton (int button)
{
  switch (button) {
    case 1: return BTN_LEFT;
    case 2: return BTN_MIDDLE;
    case 3: return BTN_RIGHT;
    case 8: return BTN_SIDE;
    case 9: return BTN_EXTRA;
    default: return 0;
  }
}

}  // namespace

Seat::Seat (Compositor *compositor)
    : compositor_ (compositor),
      cursor_ (std::make_unique<PointerCursor> (compositor,
          [compositor] (const CursorImage &image) { compositor->CursorChanged (image); }))
{
  pointer_focus_.destroyed.notify = &Seat::OnFocusDestroyed;
  keyboard_focus_.destroyed.notify = &Seat::OnFocusDestroyed;
  wl_list_init (&pointer_focus_.destroyed.link);
  wl_list_init (&keyboard_focus_.destroyed.link);
  global_ = wl_global_create (compositor->display (), &wl_seat_interface, kSeatVersion, this,
      &Seat::Bind);
}

Seat::~Seat ()
{
  wl_list_remove (&pointer_focus_.destroyed.link);
  wl_list_remove (&keyboard_focus_.destroyed.link);
  for (auto &point : touch_points_)
    wl_list_remove (&point->focus.destroyed.link);
  for (auto *list : {&seats, &pointers, &keyboards, &touches})
    for (wl_resource *r : *list)
      wl_resource_set_user_data (r, nullptr);
  wl_global_destroy (global_);
}

void
Seat::Bind (wl_client *client, void *data, uint32_t version, uint32_t id)
{
  auto *self = static_cast<Seat *> (data);
  wl_resource *r = wl_resource_create (client, &wl_seat_interface, int (version), id);
  if (!r) {
    wl_client_post_no_memory (client);
    return;
  }
  wl_resource_set_implementation (r, &kSeatImpl, self, SeatDestroyed);
  self->seats.push_back (r);
  wl_seat_send_capabilities (r,
      WL_SEAT_CAPABILITY_POINTER | WL_SEAT_CAPABILITY_KEYBOARD | WL_SEAT_CAPABILITY_TOUCH);
  if (version >= WL_SEAT_NAME_SINCE_VERSION)
    wl_seat_send_name (r, "seat0");
}

void
Seat::OnFocusDestroyed (wl_listener *listener, void *)
{
  Focus *focus = wl_container_of (listener, focus, destroyed);
  wl_list_remove (&focus->destroyed.link);
  wl_list_init (&focus->destroyed.link);
  focus->surface = nullptr;
}

void
Seat::Watch (Focus &focus, Surface *surface)
{
  wl_list_remove (&focus.destroyed.link);
  wl_list_init (&focus.destroyed.link);
  focus.surface = surface;
  if (surface)
    wl_resource_add_destroy_listener (surface->resource (), &focus.destroyed);
}

void
Seat::SetPointerFocus (Surface *surface, double sx, double sy)
{
  if (surface == pointer_focus_.surface) {
    if (!surface)
      cursor_->FocusChanged (nullptr, 0);  // the focused window was destroyed under the pointer
    return;
  }
  if (Surface *old = pointer_focus_.surface) {
    const uint32_t serial = last_serial_ = compositor_->NextSerial ();
    for (wl_resource *p : pointers)
      if (wl_resource_get_client (p) == old->client ()) {
        wl_pointer_send_leave (p, serial, old->resource ());
        if (wl_resource_get_version (p) >= WL_POINTER_FRAME_SINCE_VERSION)
          wl_pointer_send_frame (p);
      }
  }
  Watch (pointer_focus_, surface);
  if (surface) {
    const uint32_t serial = last_serial_ = compositor_->NextSerial ();
    for (wl_resource *p : pointers)
      if (wl_resource_get_client (p) == surface->client ())
        wl_pointer_send_enter (p, serial, surface->resource (), wl_fixed_from_double (sx),
            wl_fixed_from_double (sy));
    cursor_->FocusChanged (surface->client (), serial);
  } else {
    cursor_->FocusChanged (nullptr, 0);
  }
}

void
Seat::PointerMotion (double x, double y)
{
  pointer_x_ = x;
  pointer_y_ = y;
  double sx = 0, sy = 0;
  Surface *under = compositor_->SurfaceAt (x, y, &sx, &sy);
  // While a button is held the pointer stays with the surface it was pressed on (drags).
  if (!pressed_buttons_.empty () && pointer_focus_.surface) {
    under = pointer_focus_.surface;
    int ox, oy;
    under->Origin (&ox, &oy);
    sx = x - ox;
    sy = y - oy;
  }
  const bool entered = under != pointer_focus_.surface;
  SetPointerFocus (under, sx, sy);
  if (!under)
    return;
  const uint32_t time = Compositor::NowMs ();
  for (wl_resource *p : pointers)
    if (wl_resource_get_client (p) == under->client ()) {
      if (!entered)
        wl_pointer_send_motion (p, time, wl_fixed_from_double (sx), wl_fixed_from_double (sy));
      if (wl_resource_get_version (p) >= WL_POINTER_FRAME_SINCE_VERSION)
        wl_pointer_send_frame (p);
    }
}

void
Seat::PointerButton (int button, bool pressed)
{
  const uint32_t code = EvdevButton (button);
  if (!code)
    return;
  auto it = std::find (pressed_buttons_.begin (), pressed_buttons_.end (), button);
  if (pressed && it == pressed_buttons_.end ())
    pressed_buttons_.push_back (button);
  else if (!pressed && it != pressed_buttons_.end ())
    pressed_buttons_.erase (it);
  // A click outside an open menu closes it (the click still goes where it was made).
  if (pressed)
    compositor_->shell ().DismissGrabsUnlessOn (pointer_focus_.surface);
  Surface *focus = pointer_focus_.surface;
  if (!focus)
    return;
  const uint32_t serial = last_serial_ = compositor_->NextSerial ();
  const uint32_t time = Compositor::NowMs ();
  for (wl_resource *p : pointers)
    if (wl_resource_get_client (p) == focus->client ()) {
      wl_pointer_send_button (p, serial, time, code,
          pressed ? WL_POINTER_BUTTON_STATE_PRESSED : WL_POINTER_BUTTON_STATE_RELEASED);
      if (wl_resource_get_version (p) >= WL_POINTER_FRAME_SINCE_VERSION)
        wl_pointer_send_frame (p);
    }
  if (!pressed && pressed_buttons_.empty ())
    PointerMotion (pointer_x_, pointer_y_);  // the drag is over: focus what is under it
}

void
Seat::PointerScroll (double dx, double dy)
{
  Surface *focus = pointer_focus_.surface;
  if (!focus)
    return;
  // One wheel step is 15 units of motion, as libinput reports a mouse wheel click.
  const uint32_t time = Compositor::NowMs ();
  for (wl_resource *p : pointers) {
    if (wl_resource_get_client (p) != focus->client ())
      continue;
    const int version = wl_resource_get_version (p);
    if (version >= WL_POINTER_AXIS_SOURCE_SINCE_VERSION)
      wl_pointer_send_axis_source (p, WL_POINTER_AXIS_SOURCE_WHEEL);
    const struct {
      uint32_t axis;
      double steps;
    } axes[] = {{WL_POINTER_AXIS_VERTICAL_SCROLL, dy}, {WL_POINTER_AXIS_HORIZONTAL_SCROLL, dx}};
    for (const auto &a : axes) {
      if (a.steps == 0)
        continue;
      if (version >= WL_POINTER_AXIS_DISCRETE_SINCE_VERSION)
        wl_pointer_send_axis_discrete (p, a.axis, int32_t (a.steps));
      wl_pointer_send_axis (p, time, a.axis, wl_fixed_from_double (a.steps * 15));
    }
    if (version >= WL_POINTER_FRAME_SINCE_VERSION)
      wl_pointer_send_frame (p);
  }
}

void
Seat::SendModifiers (Surface *surface)
{
  if (!surface)
    return;
  const uint32_t serial = last_serial_ = compositor_->NextSerial ();
  for (wl_resource *k : keyboards)
    if (wl_resource_get_client (k) == surface->client ())
      wl_keyboard_send_modifiers (k, serial, modifiers_.depressed, modifiers_.latched,
          modifiers_.locked, modifiers_.group);
}

void
Seat::Key (uint32_t evdev_code, const std::string &key_name, bool pressed)
{
  if (evdev_code == 0)
    evdev_code = keymap_.EvdevCodeForKeyName (key_name);
  if (evdev_code == 0)
    return;  // a key this keymap does not have
  auto it = std::find (pressed_keys_.begin (), pressed_keys_.end (), evdev_code);
  if (pressed && it == pressed_keys_.end ())
    pressed_keys_.push_back (evdev_code);
  else if (!pressed && it != pressed_keys_.end ())
    pressed_keys_.erase (it);
  else if (!pressed)
    return;  // a release for a key that is not down
  const Modifiers modifiers = keymap_.UpdateKey (evdev_code, pressed);
  Surface *focus = keyboard_focus_.surface;
  if (!focus)
    return;
  const uint32_t serial = last_serial_ = compositor_->NextSerial ();
  const uint32_t time = Compositor::NowMs ();
  for (wl_resource *k : keyboards)
    if (wl_resource_get_client (k) == focus->client ())
      wl_keyboard_send_key (k, serial, time, evdev_code,
          pressed ? WL_KEYBOARD_KEY_STATE_PRESSED : WL_KEYBOARD_KEY_STATE_RELEASED);
  if (!(modifiers == modifiers_)) {
    modifiers_ = modifiers;
    SendModifiers (focus);
  }
}

Seat::TouchPoint *
Seat::FindTouch (int32_t id)
{
  for (auto &p : touch_points_)
    if (p->id == id)
      return p.get ();
  return nullptr;
}

void
Seat::TouchDown (int32_t id, double x, double y)
{
  if (FindTouch (id))
    TouchUp (id);  // a repeated id: the old point is gone
  double sx = 0, sy = 0;
  Surface *surface = compositor_->SurfaceAt (x, y, &sx, &sy);
  if (!surface)
    return;
  auto point = std::make_unique<TouchPoint> ();
  point->id = id;
  point->focus.destroyed.notify = &Seat::OnFocusDestroyed;
  wl_list_init (&point->focus.destroyed.link);
  Watch (point->focus, surface);
  const uint32_t serial = last_serial_ = compositor_->NextSerial ();
  const uint32_t time = Compositor::NowMs ();
  for (wl_resource *t : touches)
    if (wl_resource_get_client (t) == surface->client ())
      wl_touch_send_down (t, serial, time, surface->resource (), id, wl_fixed_from_double (sx),
          wl_fixed_from_double (sy));
  touch_clients_in_frame_.push_back (surface->client ());
  touch_points_.push_back (std::move (point));
}

void
Seat::TouchMotion (int32_t id, double x, double y)
{
  TouchPoint *point = FindTouch (id);
  if (!point || !point->focus.surface)
    return;
  Surface *surface = point->focus.surface;
  int ox, oy;
  surface->Origin (&ox, &oy);
  const uint32_t time = Compositor::NowMs ();
  for (wl_resource *t : touches)
    if (wl_resource_get_client (t) == surface->client ())
      wl_touch_send_motion (t, time, id, wl_fixed_from_double (x - ox), wl_fixed_from_double (y - oy));
  touch_clients_in_frame_.push_back (surface->client ());
}

void
Seat::TouchUp (int32_t id)
{
  auto it = std::find_if (touch_points_.begin (), touch_points_.end (),
      [id] (const auto &p) { return p->id == id; });
  if (it == touch_points_.end ())
    return;
  if (Surface *surface = (*it)->focus.surface) {
    const uint32_t serial = last_serial_ = compositor_->NextSerial ();
    const uint32_t time = Compositor::NowMs ();
    for (wl_resource *t : touches)
      if (wl_resource_get_client (t) == surface->client ())
        wl_touch_send_up (t, serial, time, id);
    touch_clients_in_frame_.push_back (surface->client ());
  }
  wl_list_remove (&(*it)->focus.destroyed.link);
  touch_points_.erase (it);
}

void
Seat::TouchFrame ()
{
  std::sort (touch_clients_in_frame_.begin (), touch_clients_in_frame_.end ());
  touch_clients_in_frame_.erase (
      std::unique (touch_clients_in_frame_.begin (), touch_clients_in_frame_.end ()),
      touch_clients_in_frame_.end ());
  for (wl_resource *t : touches)
    if (std::find (touch_clients_in_frame_.begin (), touch_clients_in_frame_.end (),
            wl_resource_get_client (t)) != touch_clients_in_frame_.end ())
      wl_touch_send_frame (t);
  touch_clients_in_frame_.clear ();
}

void
Seat::TouchCancel ()
{
  for (auto &p : touch_points_) {
    if (Surface *surface = p->focus.surface)
      for (wl_resource *t : touches)
        if (wl_resource_get_client (t) == surface->client ())
          wl_touch_send_cancel (t);
    wl_list_remove (&p->focus.destroyed.link);
  }
  touch_points_.clear ();
  touch_clients_in_frame_.clear ();
}

void
Seat::SendKeyboardEnterTo (wl_resource *keyboard)
{
  Surface *focus = keyboard_focus_.surface;
  if (!focus || wl_resource_get_client (keyboard) != focus->client ())
    return;
  wl_array keys;
  wl_array_init (&keys);
  for (uint32_t key : pressed_keys_)
    *static_cast<uint32_t *> (wl_array_add (&keys, sizeof key)) = key;
  const uint32_t serial = last_serial_ = compositor_->NextSerial ();
  wl_keyboard_send_enter (keyboard, serial, focus->resource (), &keys);
  wl_array_release (&keys);
  wl_keyboard_send_modifiers (keyboard, compositor_->NextSerial (), modifiers_.depressed,
      modifiers_.latched, modifiers_.locked, modifiers_.group);
}

void
Seat::SetKeyboardFocus (Surface *surface)
{
  if (surface == keyboard_focus_.surface)
    return;
  if (Surface *old = keyboard_focus_.surface) {
    const uint32_t serial = last_serial_ = compositor_->NextSerial ();
    for (wl_resource *k : keyboards)
      if (wl_resource_get_client (k) == old->client ())
        wl_keyboard_send_leave (k, serial, old->resource ());
  }
  Watch (keyboard_focus_, surface);
  if (surface) {
    for (wl_resource *k : keyboards)
      SendKeyboardEnterTo (k);
    // The client with the focus may paste: it learns the selection (wl_data_device rule).
    compositor_->data_device ().SendSelectionTo (surface->client ());
  }
}

void
Seat::FocusChanged ()
{
  // A grabbing popup (an open menu) has the keyboard; else the topmost window.
  XdgSurface *top = compositor_->shell ().TopmostGrab ();
  if (!top)
    top = compositor_->shell ().TopmostToplevel ();
  SetKeyboardFocus (top ? top->surface () : nullptr);
  // What is under the pointer may have changed too.
  if (pressed_buttons_.empty ()) {
    double sx = 0, sy = 0;
    Surface *under = compositor_->SurfaceAt (pointer_x_, pointer_y_, &sx, &sy);
    SetPointerFocus (under, sx, sy);
  }
}

wl_client *
Seat::KeyboardFocusClient () const
{
  return keyboard_focus_.surface ? keyboard_focus_.surface->client () : nullptr;
}

}  // namespace webdesk::wayland
