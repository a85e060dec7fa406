// SPDX-License-Identifier: LGPL-2.1-or-later
// Which clipboard types are text: what Wayland and X11 applications offer for it, in order of
// preference. The viewer's clipboard (clipboard.h) and the nested desktops' bridge
// (clipboard_bridge.h) carry these and nothing else.
#pragma once

#include <cstddef>
#include <cstring>

namespace webdesk::wayland {

inline constexpr const char *kTextMimeTypes[] = {"text/plain;charset=utf-8", "UTF8_STRING",
  "text/plain", "TEXT", "STRING"};

inline bool
IsTextMimeType (const char *type)
{
  for (const char *text : kTextMimeTypes)
    if (strcmp (type, text) == 0)
      return true;
  return false;
}

// The preferred text type among the `count` types `offered`, or nullptr when none is text.
inline const char *
PreferredTextType (const char *const *offered, size_t count)
{
  for (const char *want : kTextMimeTypes)
    for (size_t i = 0; i < count; i++)
      if (strcmp (offered[i], want) == 0)
        return want;
  return nullptr;
}

}  // namespace webdesk::wayland
