// SPDX-License-Identifier: LGPL-2.1-or-later
#include "keymap.h"

#include "keymap_extra.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>

namespace webdesk::wayland {

namespace {
// xkb keycodes are evdev codes + 8 (the X11 legacy offset).
constexpr uint32_t kXkbOffset = 8;

struct KeycodeRange {
  xkb_keycode_t first, last;
};

// The keymap's keycodes in the order a key is looked for: those an X application can receive
// (X11 keycodes end at 255; Xwayland drops higher ones), then the others. The US keymap has
// "dollar" on Shift+4 and also on the unshifted KEY_DOLLAR (keycode 442): "$" must be typed
// with Shift+4, or xterm never sees it.
std::array<KeycodeRange, 2>
KeycodesX11First (xkb_keymap *keymap)
{
  constexpr xkb_keycode_t kLastX11 = 255;
  const xkb_keycode_t min = std::max (xkb_keymap_min_keycode (keymap), xkb_keycode_t (kXkbOffset));
  const xkb_keycode_t max = xkb_keymap_max_keycode (keymap);
  return {KeycodeRange{min, std::min (max, kLastX11)},
    KeycodeRange{std::max (min, kLastX11 + 1), max}};
}
}  // namespace

Keymap::Keymap ()
{
  context_ = xkb_context_new (XKB_CONTEXT_NO_FLAGS);
  if (!context_)
    return;
  xkb_rule_names names = {};  // rules, model, layout ... from XKB_DEFAULT_* or "us"
  keymap_ = xkb_keymap_new_from_names (context_, &names, XKB_KEYMAP_COMPILE_NO_FLAGS);
  if (!keymap_)
    return;
  state_ = xkb_state_new (keymap_);
  char *text = xkb_keymap_get_as_string (keymap_, XKB_KEYMAP_FORMAT_TEXT_V1);
  if (text) {
    text_ = text;
    free (text);
  }
}

Keymap::~Keymap ()
{
  if (state_)
    xkb_state_unref (state_);
  if (keymap_)
    xkb_keymap_unref (keymap_);
  if (context_)
    xkb_context_unref (context_);
}

xkb_keymap *
Keymap::Compile (const std::string &text) const
{
  if (!context_)
    return nullptr;
  return xkb_keymap_new_from_string (context_, text.c_str (), XKB_KEYMAP_FORMAT_TEXT_V1,
      XKB_KEYMAP_COMPILE_NO_FLAGS);
}

int
Keymap::CreateFd (uint32_t *size) const
{
  return CreateKeymapFd (text_, size);
}

std::string
Keymap::TextWithExtraKey (xkb_keysym_t keysym, uint32_t *evdev_code) const
{
  return KeymapWithExtraKey (context_, keymap_, keysym, evdev_code);
}

uint32_t
Keymap::EvdevCodeForKeyName (const std::string &name) const
{
  if (!keymap_ || name.empty ())
    return 0;
  xkb_keysym_t sym = xkb_keysym_from_name (name.c_str (), XKB_KEYSYM_NO_FLAGS);
  if (sym == XKB_KEY_NoSymbol)
    sym = xkb_keysym_from_name (name.c_str (), XKB_KEYSYM_CASE_INSENSITIVE);
  if (sym == XKB_KEY_NoSymbol && name.size () == 1)
    sym = xkb_utf32_to_keysym (uint32_t (uint8_t (name[0])));
  if (sym == XKB_KEY_NoSymbol)
    return 0;
  // First the unshifted level, then any level (an upper-case letter still names its key).
  for (const KeycodeRange &range : KeycodesX11First (keymap_)) {
    for (int any_level = 0; any_level < 2; any_level++) {
      for (xkb_keycode_t kc = range.first; kc <= range.last; kc++) {
        const int levels = any_level ? int (xkb_keymap_num_levels_for_key (keymap_, kc, 0)) : 1;
        for (int level = 0; level < levels; level++) {
          const xkb_keysym_t *syms;
          const int n =
              xkb_keymap_key_get_syms_by_level (keymap_, kc, 0, xkb_level_index_t (level), &syms);
          for (int i = 0; i < n; i++)
            if (syms[i] == sym)
              return kc - kXkbOffset;
        }
      }
    }
  }
  return 0;
}

bool
Keymap::KeyForKeysym (xkb_keysym_t keysym, uint32_t *evdev_code, bool *shift) const
{
  if (!keymap_ || keysym == XKB_KEY_NoSymbol)
    return false;
  // Level 0 is the plain key, level 1 the shifted one (TWO_LEVEL and ALPHABETIC key types).
  for (const KeycodeRange &range : KeycodesX11First (keymap_)) {
    for (xkb_level_index_t level = 0; level < 2; level++) {
      for (xkb_keycode_t kc = range.first; kc <= range.last; kc++) {
        const xkb_keysym_t *syms;
        const int n = xkb_keymap_key_get_syms_by_level (keymap_, kc, 0, level, &syms);
        for (int i = 0; i < n; i++) {
          if (syms[i] == keysym) {
            *evdev_code = kc - kXkbOffset;
            *shift = level == 1;
            return true;
          }
        }
      }
    }
  }
  return false;
}

Modifiers
Keymap::UpdateKey (uint32_t evdev_code, bool pressed)
{
  if (state_)
    xkb_state_update_key (state_, evdev_code + kXkbOffset, pressed ? XKB_KEY_DOWN : XKB_KEY_UP);
  return CurrentModifiers ();
}

Modifiers
Keymap::CurrentModifiers () const
{
  Modifiers m;
  if (!state_)
    return m;
  m.depressed = xkb_state_serialize_mods (state_, XKB_STATE_MODS_DEPRESSED);
  m.latched = xkb_state_serialize_mods (state_, XKB_STATE_MODS_LATCHED);
  m.locked = xkb_state_serialize_mods (state_, XKB_STATE_MODS_LOCKED);
  m.group = xkb_state_serialize_layout (state_, XKB_STATE_LAYOUT_EFFECTIVE);
  return m;
}

bool
Keymap::Types (uint32_t evdev_code, const std::string &text) const
{
  if (!state_)
    return false;
  char produced[64];
  const int n = xkb_state_key_get_utf8 (state_, evdev_code + kXkbOffset, produced,
      sizeof produced);
  return n > 0 && text == produced;
}

bool
Keymap::ShortcutModifierHeld () const
{
  if (!state_)
    return false;
  for (const char *mod : {XKB_MOD_NAME_CTRL, XKB_MOD_NAME_ALT, XKB_MOD_NAME_LOGO})
    if (xkb_state_mod_name_is_active (state_, mod, XKB_STATE_MODS_EFFECTIVE) > 0)
      return true;
  return false;
}

xkb_keysym_t
Keymap::KeysymFor (uint32_t evdev_code) const
{
  return state_ ? xkb_state_key_get_one_sym (state_, evdev_code + kXkbOffset) : XKB_KEY_NoSymbol;
}

}  // namespace webdesk::wayland
