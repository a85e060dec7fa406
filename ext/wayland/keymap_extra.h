// SPDX-License-Identifier: LGPL-2.1-or-later
// Typing a character that the seat's keyboard layout has no key for (é on a US layout, a
// character from another script): as wtype does, a keymap with one spare key bound to that
// character is sent to the focused application, the key is pressed and released, and the
// original keymap is sent back.
#pragma once

#include <xkbcommon/xkbcommon.h>

#include <cstdint>
#include <string>

namespace webdesk::wayland {

// `keymap` with one key that has a name but no symbols (there are many in the evdev keycodes)
// bound to `keysym`; *evdev_code receives that key. Empty when the keymap has no spare key or
// the result does not compile.
std::string KeymapWithExtraKey (xkb_context *context, xkb_keymap *keymap, xkb_keysym_t keysym,
    uint32_t *evdev_code);

// A sealed memfd holding `text` and its NUL, as wl_keyboard.keymap wants it; -1 on failure.
int CreateKeymapFd (const std::string &text, uint32_t *size);

}  // namespace webdesk::wayland
