// SPDX-License-Identifier: LGPL-2.1-or-later
// wl_seat: one pointer and one keyboard, driven by the viewer's input (GstNavigation events
// turned into calls here). The pointer focus follows the surface under the pointer; the
// keyboard focus is the topmost window. Every event carries a fresh serial and a
// CLOCK_MONOTONIC millisecond timestamp.
#pragma once

#include <wayland-server-core.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cursor.h"
#include "keymap.h"

namespace webdesk::wayland {

class Compositor;
class Surface;

class Seat {
 public:
  explicit Seat (Compositor *compositor);
  ~Seat ();

  // Logical output coordinates.
  void PointerMotion (double x, double y);
  void PointerButton (int button, bool pressed);
  void PointerScroll (double dx, double dy);
  void Key (uint32_t evdev_code, const std::string &key_name, bool pressed);
  // A viewer's key with the text it typed in the viewer's layout. When this keymap would type
  // something else for that key (another layout, or a key sent without its Shift), the text is
  // typed instead, so what appears is what the viewer typed; shortcuts stay keys.
  void KeyWithText (uint32_t evdev_code, const std::string &key_name, const std::string &text,
      bool pressed);
  // Types UTF-8 text as key presses (with Shift where the keymap needs it); characters the
  // keymap cannot produce are skipped. Returns how many were typed.
  size_t TypeText (const std::string &text);
  // Touch points (logical coordinates): a point belongs to the surface it went down on.
  void TouchDown (int32_t id, double x, double y);
  void TouchMotion (int32_t id, double x, double y);
  void TouchUp (int32_t id);
  void TouchFrame ();
  void TouchCancel ();
  // Windows were mapped or unmapped: the keyboard focus moves to the topmost one.
  void FocusChanged ();
  // The client whose window has the keyboard focus (clipboard offers go there), or null.
  wl_client *KeyboardFocusClient () const;
  uint32_t last_serial () const { return last_serial_; }
  // The cursor the pointer-focused application set (wl_pointer.set_cursor).
  PointerCursor &cursor () { return *cursor_; }

 private:
  struct Focus {
    Surface *surface = nullptr;
    wl_listener destroyed;
  };
  static void Bind (wl_client *client, void *data, uint32_t version, uint32_t id);
  static void OnFocusDestroyed (wl_listener *listener, void *data);
  void SetPointerFocus (Surface *surface, double sx, double sy);
  void SetKeyboardFocus (Surface *surface);
  void SendModifiers (Surface *surface);
  void Watch (Focus &focus, Surface *surface);

  struct TouchPoint {
    Focus focus;
    int32_t id;
  };
  TouchPoint *FindTouch (int32_t id);
  void SendTouchFrames ();

  Compositor *compositor_;
  wl_global *global_;
  std::vector<std::unique_ptr<TouchPoint>> touch_points_;
  std::vector<wl_client *> touch_clients_in_frame_;  // got events since the last frame
  std::vector<uint32_t> text_keys_;  // pressed keys that were typed as their text
  Keymap keymap_;
  std::unique_ptr<PointerCursor> cursor_;
  Focus pointer_focus_;
  Focus keyboard_focus_;
  double pointer_x_ = 0, pointer_y_ = 0;
  std::vector<uint32_t> pressed_keys_;
  std::vector<int> pressed_buttons_;
  Modifiers modifiers_;
  uint32_t last_serial_ = 0;

 public:
  // Bound resources (public for the request handlers in seat.cpp).
  std::vector<wl_resource *> seats, pointers, keyboards, touches;
  const Keymap &keymap () const { return keymap_; }
  void SendKeyboardEnterTo (wl_resource *keyboard);
  // A character the keymap has no key for, typed on a spare key (keymap_extra.h).
  bool TypeWithSpareKey (xkb_keysym_t sym);
  void SendKeymapToFocus (const std::string &text);
};

}  // namespace webdesk::wayland
