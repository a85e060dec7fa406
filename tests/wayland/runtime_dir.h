// SPDX-License-Identifier: LGPL-2.1-or-later
// A private XDG_RUNTIME_DIR for a test (Wayland sockets go there), removed afterwards.
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include <string>

namespace webdesk::testing {

class ScopedRuntimeDir {
 public:
  ScopedRuntimeDir ()
  {
    g_autofree gchar *dir = g_dir_make_tmp ("webdesk-wayland-test-XXXXXX", nullptr);
    path_ = dir;
    g_setenv ("XDG_RUNTIME_DIR", path_.c_str (), TRUE);
  }
  ~ScopedRuntimeDir ()
  {
    // Sockets and lock files only; no subdirectories.
    if (GDir *d = g_dir_open (path_.c_str (), 0, nullptr)) {
      while (const gchar *name = g_dir_read_name (d)) {
        g_autofree gchar *file = g_build_filename (path_.c_str (), name, nullptr);
        g_remove (file);
      }
      g_dir_close (d);
    }
    g_rmdir (path_.c_str ());
  }
  const std::string &path () const { return path_; }

 private:
  std::string path_;
};

}  // namespace webdesk::testing
