// SPDX-License-Identifier: LGPL-2.1-or-later
#include "keymap_extra.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>

namespace webdesk::wayland {

namespace {
constexpr uint32_t kXkbOffset = 8;  // xkb keycodes are evdev codes + 8
}  // namespace

std::string
KeymapWithExtraKey (xkb_context *context, xkb_keymap *keymap, xkb_keysym_t keysym,
    uint32_t *evdev_code)
{
  if (!context || !keymap || keysym == XKB_KEY_NoSymbol)
    return {};
  char sym_name[64];
  if (xkb_keysym_get_name (keysym, sym_name, sizeof sym_name) <= 0)
    return {};
  // The highest named key without symbols: far from the keys people press.
  const char *name = nullptr;
  xkb_keycode_t spare = 0;
  for (xkb_keycode_t kc = xkb_keymap_max_keycode (keymap); kc > kXkbOffset; kc--) {
    if (xkb_keymap_num_layouts_for_key (keymap, kc) == 0 && xkb_keymap_key_get_name (keymap, kc)) {
      name = xkb_keymap_key_get_name (keymap, kc);
      spare = kc;
      break;
    }
  }
  if (!name)
    return {};
  char *text = xkb_keymap_get_as_string (keymap, XKB_KEYMAP_FORMAT_TEXT_V1);
  if (!text)
    return {};
  std::string out (text);
  free (text);
  // The symbols section ends with the keymap's last "};" before the closing "};" of
  // xkb_keymap; the new key goes just inside it.
  const size_t symbols = out.find ("xkb_symbols");
  const size_t keymap_end = out.rfind ("};");
  const size_t section_end = keymap_end == std::string::npos || keymap_end == 0
      ? std::string::npos
      : out.rfind ("};", keymap_end - 1);
  if (symbols == std::string::npos || section_end == std::string::npos || section_end < symbols)
    return {};
  out.insert (section_end, std::string ("\tkey <") + name + "> { [ " + sym_name + " ] };\n");
  // Only a keymap that compiles goes to applications.
  xkb_keymap *check = xkb_keymap_new_from_string (context, out.c_str (),
      XKB_KEYMAP_FORMAT_TEXT_V1, XKB_KEYMAP_COMPILE_NO_FLAGS);
  if (!check)
    return {};
  const xkb_keysym_t *syms = nullptr;
  const bool bound = xkb_keymap_key_get_syms_by_level (check, spare, 0, 0, &syms) == 1 &&
      syms[0] == keysym;
  xkb_keymap_unref (check);
  if (!bound)
    return {};
  *evdev_code = spare - kXkbOffset;
  return out;
}

int
CreateKeymapFd (const std::string &text, uint32_t *size)
{
  int fd = memfd_create ("webdesk-keymap", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0)
    return -1;
  const size_t n = text.size () + 1;
  if (write (fd, text.c_str (), n) != ssize_t (n)) {
    close (fd);
    return -1;
  }
  // Clients map it read-only and shared; sealing keeps one client from changing it.
  fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  *size = uint32_t (n);
  return fd;
}

}  // namespace webdesk::wayland
