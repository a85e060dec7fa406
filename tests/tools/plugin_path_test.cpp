// SPDX-License-Identifier: LGPL-2.1-or-later
// The webdesk program finds its plugins whether it runs from the build tree or was installed
// into any prefix.
#include <glib.h>
#include <gtest/gtest.h>

#include "plugin-path.h"

using webdesk::InBuildTree;
using webdesk::PluginSearchPath;

TEST (PluginPath, FromTheBuildTreeTheBuiltPluginsComeFirst)
{
  EXPECT_EQ (PluginSearchPath ("/src/build/tools", true, "../ext/a:../gst/b",
                "/usr/local/lib/gstreamer-1.0", "/opt/other"),
      "/src/build/ext/a:/src/build/gst/b:/opt/other");
}

TEST (PluginPath, InstalledItUsesTheInstalledFolder)
{
  EXPECT_EQ (PluginSearchPath ("/usr/local/bin", false, "../ext/a",
                "/usr/local/lib/x86_64-linux-gnu/gstreamer-1.0", ""),
      "/usr/local/lib/x86_64-linux-gnu/gstreamer-1.0");
  EXPECT_EQ (PluginSearchPath ("/usr/bin", false, "../ext/a", "/usr/lib/gstreamer-1.0", "/opt/mine"),
      "/usr/lib/gstreamer-1.0:/opt/mine");
}

TEST (PluginPath, ThisBuildTreeIsOneAndABinFolderIsNot)
{
  // The tests run from the build tree: build/tests/tools, whose parent's parent is the build root.
  const char *build_root = g_getenv ("WEBDESK_BUILD_ROOT");
  ASSERT_NE (build_root, nullptr);
  g_autofree gchar *tools = g_build_filename (build_root, "tools", nullptr);
  EXPECT_TRUE (InBuildTree (tools));
  EXPECT_FALSE (InBuildTree ("/usr/bin"));
}
