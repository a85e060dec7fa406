// SPDX-License-Identifier: LGPL-2.1-or-later
#include "plugin-path.h"

#include <glib.h>

namespace webdesk {

std::string
PluginSearchPath (const std::string &exe_dir, bool in_build_tree, const std::string &build_dirs,
    const std::string &install_dir, const std::string &current)
{
  std::string ours;
  if (in_build_tree) {
    g_auto (GStrv) dirs = g_strsplit (build_dirs.c_str (), ":", -1);
    for (gchar **d = dirs; *d; d++) {
      if (!**d)
        continue;
      g_autofree gchar *joined = g_build_filename (exe_dir.c_str (), *d, nullptr);
      g_autofree gchar *canonical = g_canonicalize_filename (joined, nullptr);
      ours += (ours.empty () ? "" : ":") + std::string (canonical);
    }
  } else {
    ours = install_dir;
  }
  if (ours.empty ())
    return current;
  return current.empty () ? ours : ours + ":" + current;
}

bool
InBuildTree (const std::string &exe_dir)
{
  g_autofree gchar *marker = g_build_filename (exe_dir.c_str (), "..", "meson-private", nullptr);
  return g_file_test (marker, G_FILE_TEST_IS_DIR);
}

}  // namespace webdesk
