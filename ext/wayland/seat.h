// SPDX-License-Identifier: LGPL-2.1-or-later
// The seat: the viewer's pointer, keyboard and touch, driven by GstNavigation events turned into
// calls here, delivered through wlroots' wlr_seat (which also runs the grabs: menus, drag and
// drop). The pointer focus follows what is under the pointer, and stays with the surface a
// button was pressed on until it is released; a click or a touch focuses and raises its window.
// The keyboard is a wlr_keyboard with webdesk's keymap (keymap.h), so keys travel as the
// viewer's physical codes, and text the keymap cannot type goes through a spare key or the
// application's text-input. Wayland thread only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cursor.h"
#include "keymap.h"
#include "listener.h"
#include "wlr.h"

namespace webdesk::wayland {

class Server;
class TextInput;

class Seat {
 public:
  explicit Seat (Server *server);
  ~Seat ();
  Seat (const Seat &) = delete;
  Seat &operator= (const Seat &) = delete;

  wlr_seat *wlr () { return seat_; }

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
  // Types UTF-8 text: the commit of the composition shown with Preedit() through the
  // application's text-input, else key presses (with Shift where the keymap needs it;
  // characters the keymap lacks on a spare key). Returns how many characters were typed.
  size_t TypeText (const std::string &text);
  // Text being composed in the viewer's input method (shown by an application with an enabled
  // text-input; empty ends it). `cursor` is a byte offset into `text`, or -1 for none.
  void Preedit (const std::string &text, int cursor);
  // Touch points (logical coordinates): a point belongs to the surface it went down on.
  void TouchDown (int32_t id, double x, double y);
  void TouchMotion (int32_t id, double x, double y);
  void TouchUp (int32_t id);
  void TouchFrame ();
  void TouchCancel ();

  // The keyboard goes to `surface` (null: nowhere).
  void KeyboardFocus (wlr_surface *surface);
  // A menu with a grab was mapped: it gets the keyboard while it is open.
  void PopupKeyboardFocus (wlr_surface *surface);
  // A menu closed: the keyboard goes back to the focused window (soon, after the grab ended).
  void RestoreKeyboardFocusSoon ();
  wlr_surface *keyboard_focus () const { return seat_->keyboard_state.focused_surface; }
  // Windows appeared, went or moved: the pointer focus is what is under the pointer now.
  void PointerRefocus ();
  PointerCursor &cursor () { return *cursor_; }
  const Keymap &keymap () const { return keymap_; }
  // Keys the seat holds down (evdev codes).
  const std::vector<uint32_t> &pressed_keys () const { return pressed_keys_; }

 private:
  // The surface under the logical point (override-redirect X windows above the windows), with
  // surface-local coordinates.
  wlr_surface *SurfaceAt (double x, double y, double *sx, double *sy) const;
  void FocusWindowOf (wlr_surface *surface);
  void SendModifiers ();
  // A character the keymap has no key for, typed on a spare key (keymap_extra.h).
  bool TypeWithSpareKey (xkb_keysym_t sym);
  uint32_t NowMs () const;

  Server *server_;
  wlr_seat *seat_;
  wlr_input_device *keyboard_device_;
  wlr_keyboard *keyboard_;
  Keymap keymap_;
  std::unique_ptr<PointerCursor> cursor_;
  std::unique_ptr<TextInput> text_input_;
  double pointer_x_ = 0, pointer_y_ = 0;
  // While a button is held, the surface it was pressed on keeps the pointer (dragging a
  // scroll bar past the window's edge); its origin in logical coordinates.
  double grab_origin_x_ = 0, grab_origin_y_ = 0;
  std::vector<int> pressed_buttons_;
  std::vector<uint32_t> pressed_keys_;
  std::vector<uint32_t> text_keys_;  // pressed keys that were typed as their text
  wlr_keyboard_modifiers sent_modifiers_{};
  struct TouchPoint {
    double origin_x, origin_y;  // of its surface, logical
  };
  std::map<int32_t, TouchPoint> touch_points_;
  // Drag and drop inside the desktop (a tab dragged out of a browser, a file to a folder); the
  // dragged icon follows the pointer.
  wlr_scene_node *drag_icon_ = nullptr;
  Listener request_cursor_, pointer_focus_change_, request_drag_, start_drag_, drag_icon_destroy_;
};

}  // namespace webdesk::wayland
