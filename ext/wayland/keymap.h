// SPDX-License-Identifier: LGPL-2.1-or-later
// The seat's keyboard layout: an xkb keymap (US layout unless XKB_DEFAULT_* says otherwise),
// its state (pressed modifiers), and the lookups that turn what a viewer sends into keys.
#pragma once

#include <xkbcommon/xkbcommon.h>

#include <cstdint>
#include <string>

namespace webdesk::wayland {

struct Modifiers {
  uint32_t depressed = 0, latched = 0, locked = 0, group = 0;
  bool operator== (const Modifiers &o) const
  {
    return depressed == o.depressed && latched == o.latched && locked == o.locked &&
        group == o.group;
  }
};

class Keymap {
 public:
  Keymap ();
  ~Keymap ();
  Keymap (const Keymap &) = delete;
  Keymap &operator= (const Keymap &) = delete;

  bool Valid () const { return keymap_ != nullptr; }
  // For the seat's keyboard (it sends the keymap to applications).
  xkb_keymap *xkb () const { return keymap_; }
  // `text` compiled in this keymap's context (the caller unrefs it), or null.
  xkb_keymap *Compile (const std::string &text) const;
  // The keymap in the text format wl_keyboard.keymap sends.
  const std::string &Text () const { return text_; }
  // A sealed memfd holding Text() and its NUL (wl_keyboard.keymap wants the size with it);
  // the caller closes it. -1 on failure.
  int CreateFd (uint32_t *size) const;
  // This keymap's text with one spare key bound to `keysym` (see keymap_extra.h), or empty.
  std::string TextWithExtraKey (xkb_keysym_t keysym, uint32_t *evdev_code) const;
  // The evdev code of the key that produces `name` (an xkb keysym name such as "a", "Return",
  // "Shift_L") without modifiers, or 0.
  uint32_t EvdevCodeForKeyName (const std::string &name) const;
  // The key that produces `keysym` in the first layout, and whether it needs Shift; false when
  // the keymap has no such key.
  bool KeyForKeysym (xkb_keysym_t keysym, uint32_t *evdev_code, bool *shift) const;
  // Records a key press or release; returns the modifiers after it.
  Modifiers UpdateKey (uint32_t evdev_code, bool pressed);
  Modifiers CurrentModifiers () const;
  // Whether pressing `evdev_code` now, with the modifiers held, types `text` (UTF-8).
  bool Types (uint32_t evdev_code, const std::string &text) const;
  // Whether Control, Alt or Super is held: a key is then a shortcut, never text.
  bool ShortcutModifierHeld () const;
  // The keysym that `evdev_code` produces in the current state (for tests and logs).
  xkb_keysym_t KeysymFor (uint32_t evdev_code) const;

 private:
  xkb_context *context_ = nullptr;
  xkb_keymap *keymap_ = nullptr;
  xkb_state *state_ = nullptr;
  std::string text_;
};

}  // namespace webdesk::wayland
