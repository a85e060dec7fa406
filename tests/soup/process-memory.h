// SPDX-License-Identifier: LGPL-2.1-or-later
// This process's resident memory (VmRSS), for tests that show what a client can make the
// server hold (the server runs in the test's process).
#pragma once

#include <glib.h>

#include <cstddef>
#include <cstring>

namespace webdesk::testing {

inline size_t
ResidentBytes ()
{
  g_autofree gchar *status = nullptr;
  g_file_get_contents ("/proc/self/status", &status, nullptr, nullptr);
  const char *line = status ? strstr (status, "VmRSS:") : nullptr;
  return line ? size_t (g_ascii_strtoull (line + 6, nullptr, 10)) * 1024 : 0;
}

}  // namespace webdesk::testing
