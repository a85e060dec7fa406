// SPDX-License-Identifier: LGPL-2.1-or-later
// The seat's text: keys that come with the text they typed in the viewer's layout, text typed
// through the keymap, characters the keymap has no key for, and an input method's text for
// applications with text-input. See seat.h.
#include <glib.h>
#include <linux/input-event-codes.h>
#include <xkbcommon/xkbcommon-keysyms.h>

#include <algorithm>

#include "seat.h"
#include "server.h"
#include "text_input.h"

namespace webdesk::wayland {

void
Seat::KeyWithText (uint32_t evdev_code, const std::string &key_name, const std::string &text,
    bool pressed)
{
  auto typed = std::find (text_keys_.begin (), text_keys_.end (), evdev_code);
  if (!pressed && typed != text_keys_.end ()) {
    text_keys_.erase (typed);  // its press was typed as text: nothing is down
    return;
  }
  const bool printable = !text.empty () && g_utf8_validate (text.c_str (), -1, nullptr) &&
      g_unichar_isprint (g_utf8_get_char (text.c_str ()));
  if (!pressed || evdev_code == 0 || !printable || keymap_.Types (evdev_code, text)) {
    Key (evdev_code, key_name, pressed);
    return;
  }
  auto held = [this] (uint32_t code) {
    return std::find (pressed_keys_.begin (), pressed_keys_.end (), code) != pressed_keys_.end ();
  };
  // Right Alt is AltGr on most layouts: a viewer's AltGr+Q that typed "@" is text, not Alt+Q.
  // Otherwise a held Ctrl, Alt or Super makes the key a shortcut.
  const bool altgr = held (KEY_RIGHTALT);
  const bool shortcut = altgr
      ? held (KEY_LEFTCTRL) || held (KEY_RIGHTCTRL) || held (KEY_LEFTALT) || held (KEY_LEFTMETA) ||
          held (KEY_RIGHTMETA)
      : keymap_.ShortcutModifierHeld ();
  if (shortcut) {
    Key (evdev_code, key_name, pressed);
    return;
  }
  if (typed == text_keys_.end ())
    text_keys_.push_back (evdev_code);
  if (altgr)
    Key (KEY_RIGHTALT, "", false);  // so that the application does not see Alt with the text
  TypeText (text);
  if (altgr)
    Key (KEY_RIGHTALT, "", true);
}

size_t
Seat::TypeText (const std::string &text)
{
  if (!g_utf8_validate (text.c_str (), gssize (text.size ()), nullptr))
    return 0;
  // The end of an input method's composition goes to the application's text-input.
  if (text_input_->Commit (text))
    return size_t (g_utf8_strlen (text.c_str (), -1));
  size_t typed = 0;
  for (const char *p = text.c_str (); *p; p = g_utf8_next_char (p)) {
    const gunichar c = g_utf8_get_char (p);
    xkb_keysym_t sym = c == '\n' ? XKB_KEY_Return : c == '\t' ? XKB_KEY_Tab : xkb_utf32_to_keysym (c);
    uint32_t code;
    bool shift;
    if (!keymap_.KeyForKeysym (sym, &code, &shift)) {
      typed += TypeWithSpareKey (sym) ? 1 : 0;
      continue;
    }
    const bool shift_held = std::find (pressed_keys_.begin (), pressed_keys_.end (),
        uint32_t (KEY_LEFTSHIFT)) != pressed_keys_.end ();
    if (shift && !shift_held)
      Key (KEY_LEFTSHIFT, "", true);
    Key (code, "", true);
    Key (code, "", false);
    if (shift && !shift_held)
      Key (KEY_LEFTSHIFT, "", false);
    typed++;
  }
  return typed;
}

void
Seat::Preedit (const std::string &text, int cursor)
{
  if (!g_utf8_validate (text.c_str (), gssize (text.size ()), nullptr))
    return;
  text_input_->Preedit (text, cursor);
}

bool
Seat::TypeWithSpareKey (xkb_keysym_t sym)
{
  if (!seat_->keyboard_state.focused_surface)
    return false;
  uint32_t code = 0;
  const std::string extended = keymap_.TextWithExtraKey (sym, &code);
  xkb_keymap *spare = extended.empty () ? nullptr : keymap_.Compile (extended);
  if (!spare)
    return false;
  // The applications get, in order: a keymap with the character on a spare key, that key
  // pressed and released, and the keymap back (as wtype does).
  wlr_keyboard_set_keymap (keyboard_, spare);
  xkb_keymap_unref (spare);
  const uint32_t time = NowMs ();
  wlr_seat_keyboard_notify_key (seat_, time, code, WL_KEYBOARD_KEY_STATE_PRESSED);
  wlr_seat_keyboard_notify_key (seat_, time, code, WL_KEYBOARD_KEY_STATE_RELEASED);
  wlr_keyboard_set_keymap (keyboard_, keymap_.xkb ());
  SendModifiers ();
  return true;
}

}  // namespace webdesk::wayland
