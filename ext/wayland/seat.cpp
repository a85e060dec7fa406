// SPDX-License-Identifier: LGPL-2.1-or-later
#include "seat.h"

#include <linux/input-event-codes.h>

#include <algorithm>
#include <ctime>

#include "server.h"
#include "text_input.h"
#include "view.h"

namespace webdesk::wayland {

namespace {

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

uint64_t
NowUs ()
{
  timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return uint64_t (ts.tv_sec) * 1000000u + uint64_t (ts.tv_nsec) / 1000u;
}

bool
SameModifiers (const wlr_keyboard_modifiers &a, const wlr_keyboard_modifiers &b)
{
  return a.depressed == b.depressed && a.latched == b.latched && a.locked == b.locked &&
      a.group == b.group;
}

}  // namespace

Seat::Seat (Server *server) : server_ (server)
{
  seat_ = wlr_seat_create (server->display, "seat0");
  wlr_seat_set_capabilities (seat_,
      WL_SEAT_CAPABILITY_POINTER | WL_SEAT_CAPABILITY_KEYBOARD | WL_SEAT_CAPABILITY_TOUCH);
  keyboard_device_ = wlr_headless_add_input_device (server->backend, WLR_INPUT_DEVICE_KEYBOARD);
  keyboard_ = keyboard_device_->keyboard;
  if (keymap_.Valid ())
    wlr_keyboard_set_keymap (keyboard_, keymap_.xkb ());
  wlr_keyboard_set_repeat_info (keyboard_, 25, 600);
  wlr_seat_set_keyboard (seat_, keyboard_device_);

  cursor_ = std::make_unique<PointerCursor> (server,
      [server] (const CursorImage &image) { server->CursorChanged (image); });
  text_input_ = std::make_unique<TextInput> (server->display, seat_);

  request_cursor_.Connect (&seat_->events.request_set_cursor, [this] (void *data) {
    auto *event = static_cast<wlr_seat_pointer_request_set_cursor_event *> (data);
    cursor_->SetCursor (event->seat_client->client, event->serial, event->surface,
        event->hotspot_x, event->hotspot_y);
  });
  pointer_focus_change_.Connect (&seat_->pointer_state.events.focus_change, [this] (void *data) {
    auto *event = static_cast<wlr_seat_pointer_focus_change_event *> (data);
    wl_client *client =
        event->new_surface ? wl_resource_get_client (event->new_surface->resource) : nullptr;
    // The enter just sent carries the display's latest serial.
    cursor_->FocusChanged (client, wl_display_get_serial (server_->display));
  });
  request_drag_.Connect (&seat_->events.request_start_drag, [this] (void *data) {
    auto *event = static_cast<wlr_seat_request_start_drag_event *> (data);
    if (wlr_seat_validate_pointer_grab_serial (seat_, event->origin, event->serial))
      wlr_seat_start_pointer_drag (seat_, event->drag, event->serial);
    else
      wlr_data_source_destroy (event->drag->source);
  });
  start_drag_.Connect (&seat_->events.start_drag, [this] (void *data) {
    auto *drag = static_cast<wlr_drag *> (data);
    if (!drag->icon)
      return;
    drag_icon_ = wlr_scene_subsurface_tree_create (server_->drag_layer (), drag->icon->surface);
    wlr_scene_node_set_position (drag_icon_, int (pointer_x_), int (pointer_y_));
    drag_icon_destroy_.Connect (&drag->icon->events.destroy, [this] (void *) {
      drag_icon_destroy_.Disconnect ();
      if (drag_icon_)
        wlr_scene_node_destroy (drag_icon_);
      drag_icon_ = nullptr;
    });
  });
}

Seat::~Seat ()
{
  request_cursor_.Disconnect ();
  pointer_focus_change_.Disconnect ();
  request_drag_.Disconnect ();
  start_drag_.Disconnect ();
  drag_icon_destroy_.Disconnect ();
  text_input_.reset ();
  cursor_.reset ();
  // The seat listens to the keyboard, which outlives it (the backend owns it).
  wlr_seat_set_keyboard (seat_, nullptr);
  wlr_seat_destroy (seat_);
  // The keyboard device belongs to the backend (destroyed with it).
}

uint32_t
Seat::NowMs () const
{
  return uint32_t (NowUs () / 1000u);
}

// --- pointer ---

wlr_surface *
Seat::SurfaceAt (double x, double y, double *sx, double *sy) const
{
  for (wlr_scene_node *layer : {server_->unmanaged_layer (), server_->windows->layer ()}) {
    wlr_scene_node *node = wlr_scene_node_at (layer, x, y, sx, sy);
    if (node && node->type == WLR_SCENE_NODE_SURFACE)
      return wlr_scene_surface_from_node (node)->surface;
  }
  return nullptr;
}

void
Seat::PointerRefocus ()
{
  if (pressed_buttons_.empty ())
    PointerMotion (pointer_x_, pointer_y_);
}

void
Seat::PointerMotion (double x, double y)
{
  const double dx = x - pointer_x_, dy = y - pointer_y_;
  pointer_x_ = x;
  pointer_y_ = y;
  if (drag_icon_)
    wlr_scene_node_set_position (drag_icon_, int (x), int (y));
  if (dx != 0 || dy != 0)
    wlr_relative_pointer_manager_v1_send_relative_motion (server_->relative_pointer, seat_,
        NowUs (), dx, dy, dx, dy);
  const uint32_t time = NowMs ();
  wlr_surface *focus = seat_->pointer_state.focused_surface;
  // A button held on a surface keeps the pointer there (unless a grab, such as a menu or a
  // drag, decides where it goes).
  if (!pressed_buttons_.empty () && focus && !wlr_seat_pointer_has_grab (seat_)) {
    wlr_seat_pointer_notify_motion (seat_, time, x - grab_origin_x_, y - grab_origin_y_);
    wlr_seat_pointer_notify_frame (seat_);
    return;
  }
  double sx = 0, sy = 0;
  wlr_surface *under = SurfaceAt (x, y, &sx, &sy);
  if (under) {
    grab_origin_x_ = x - sx;
    grab_origin_y_ = y - sy;
    wlr_seat_pointer_notify_enter (seat_, under, sx, sy);
    // A pointer lock (a game, a 3D view) gets relative motion only.
    wlr_pointer_constraint_v1 *constraint = wlr_pointer_constraints_v1_constraint_for_surface (
        server_->pointer_constraints, under, seat_);
    if (!constraint || constraint->type != WLR_POINTER_CONSTRAINT_V1_LOCKED)
      wlr_seat_pointer_notify_motion (seat_, time, sx, sy);
  } else {
    wlr_seat_pointer_notify_clear_focus (seat_);
  }
  wlr_seat_pointer_notify_frame (seat_);
}

void
Seat::FocusWindowOf (wlr_surface *surface)
{
  if (!surface)
    return;
  if (View *view = server_->windows->ViewOf (surface)) {
    if (view != server_->windows->Focused ())
      server_->windows->Focus (view);
    return;
  }
  // An override-redirect X window (a menu) that takes input.
  if (wlr_surface_is_xwayland_surface (surface)) {
    wlr_xwayland_surface *x = wlr_xwayland_surface_from_wlr_surface (surface);
    if (x && x->override_redirect && wlr_xwayland_or_surface_wants_focus (x))
      KeyboardFocus (surface);
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
  else if (!pressed)
    return;  // a release for a button that is not down
  // Click to focus and raise. A click that ends a menu's grab (on another application) focuses
  // what it was made on once the grab is over.
  double sx, sy;
  wlr_surface *under = pressed ? SurfaceAt (pointer_x_, pointer_y_, &sx, &sy) : nullptr;
  const bool grabbed = wlr_seat_pointer_has_grab (seat_);
  if (pressed && !grabbed)
    FocusWindowOf (under);
  wlr_seat_pointer_notify_button (seat_, NowMs (), code,
      pressed ? WLR_BUTTON_PRESSED : WLR_BUTTON_RELEASED);
  wlr_seat_pointer_notify_frame (seat_);
  if (pressed && grabbed && !wlr_seat_pointer_has_grab (seat_))
    FocusWindowOf (under);
  if (!pressed && pressed_buttons_.empty ())
    PointerMotion (pointer_x_, pointer_y_);  // the press is over: focus what is under it
}

void
Seat::PointerScroll (double dx, double dy)
{
  // One wheel step is 15 units of motion, as libinput reports a mouse wheel click.
  const uint32_t time = NowMs ();
  const struct {
    wlr_axis_orientation orientation;
    double steps;
  } axes[] = {{WLR_AXIS_ORIENTATION_VERTICAL, dy}, {WLR_AXIS_ORIENTATION_HORIZONTAL, dx}};
  bool sent = false;
  for (const auto &a : axes) {
    if (a.steps == 0)
      continue;
    wlr_seat_pointer_notify_axis (seat_, time, a.orientation, a.steps * 15, int32_t (a.steps),
        WLR_AXIS_SOURCE_WHEEL);
    sent = true;
  }
  if (sent)
    wlr_seat_pointer_notify_frame (seat_);
}

// --- keyboard ---

void
Seat::SendModifiers ()
{
  if (SameModifiers (keyboard_->modifiers, sent_modifiers_))
    return;
  sent_modifiers_ = keyboard_->modifiers;
  wlr_seat_keyboard_notify_modifiers (seat_, &keyboard_->modifiers);
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
  keymap_.UpdateKey (evdev_code, pressed);
  const uint32_t time = NowMs ();
  const auto state = pressed ? WL_KEYBOARD_KEY_STATE_PRESSED : WL_KEYBOARD_KEY_STATE_RELEASED;
  // The wlr_keyboard keeps the pressed keys (sent on enter) and the modifiers.
  wlr_event_keyboard_key event{};
  event.time_msec = time;
  event.keycode = evdev_code;
  event.update_state = true;
  event.state = state;
  wlr_keyboard_notify_key (keyboard_, &event);
  wlr_seat_set_keyboard (seat_, keyboard_device_);
  wlr_seat_keyboard_notify_key (seat_, time, evdev_code, state);
  SendModifiers ();
}

void
Seat::KeyboardFocus (wlr_surface *surface)
{
  if (surface == seat_->keyboard_state.focused_surface)
    return;
  if (surface)
    wlr_seat_keyboard_notify_enter (seat_, surface, keyboard_->keycodes, keyboard_->num_keycodes,
        &keyboard_->modifiers);
  else
    wlr_seat_keyboard_notify_clear_focus (seat_);
  sent_modifiers_ = keyboard_->modifiers;
  text_input_->FocusChanged (surface);
}

void
Seat::PopupKeyboardFocus (wlr_surface *surface)
{
  // A grabbing popup (an open menu) takes the keyboard, past the grab's own rule of keeping
  // the focus where it was.
  wlr_seat_keyboard_enter (seat_, surface, keyboard_->keycodes, keyboard_->num_keycodes,
      &keyboard_->modifiers);
  sent_modifiers_ = keyboard_->modifiers;
  text_input_->FocusChanged (surface);
}

void
Seat::RestoreKeyboardFocusSoon ()
{
  // Once the popup and its grab are gone: the focused window, if the keyboard is nowhere.
  wl_event_loop_add_idle (wl_display_get_event_loop (server_->display),
      [] (void *data) {
        auto *self = static_cast<Seat *> (data);
        wlr_surface *focus = self->seat_->keyboard_state.focused_surface;
        View *view = self->server_->windows->Focused ();
        if (view && (!focus || wlr_surface_is_xdg_surface (focus)) &&
            focus != view->Surface ()) {
          wlr_xdg_surface *xdg = focus ? wlr_xdg_surface_from_wlr_surface (focus) : nullptr;
          if (!xdg || xdg->role == WLR_XDG_SURFACE_ROLE_POPUP)
            self->KeyboardFocus (view->Surface ());
        }
      },
      this);
}

// --- touch ---

void
Seat::TouchDown (int32_t id, double x, double y)
{
  if (touch_points_.count (id))
    TouchUp (id);  // a repeated id: the old point is gone
  double sx = 0, sy = 0;
  wlr_surface *surface = SurfaceAt (x, y, &sx, &sy);
  if (!surface)
    return;
  FocusWindowOf (surface);
  touch_points_[id] = TouchPoint{x - sx, y - sy};
  wlr_seat_touch_notify_down (seat_, surface, NowMs (), id, sx, sy);
}

void
Seat::TouchMotion (int32_t id, double x, double y)
{
  auto it = touch_points_.find (id);
  if (it == touch_points_.end ())
    return;
  wlr_seat_touch_notify_motion (seat_, NowMs (), id, x - it->second.origin_x,
      y - it->second.origin_y);
}

void
Seat::TouchUp (int32_t id)
{
  if (touch_points_.erase (id))
    wlr_seat_touch_notify_up (seat_, NowMs (), id);
}

void
Seat::TouchFrame ()
{
  wlr_seat_touch_notify_frame (seat_);
}

void
Seat::TouchCancel ()
{
  for (const auto &[id, point] : touch_points_)
    if (wlr_touch_point *p = wlr_seat_touch_get_point (seat_, id); p && p->surface)
      wlr_seat_touch_notify_cancel (seat_, p->surface);
  touch_points_.clear ();
}

}  // namespace webdesk::wayland
