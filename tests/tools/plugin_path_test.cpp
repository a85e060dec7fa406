// The webdesk program finds its plugins whether it runs from the build tree or was installed
// into any prefix.
#include <gtest/gtest.h>

#include "plugin-path.h"

using webdesk::PluginSearchPath;

TEST (PluginPath, FromTheBuildTreeTheBuiltPluginsComeFirst)
{
  EXPECT_EQ (PluginSearchPath ("/src/build/tools/webdesk", "/src/build", "/src/build/ext/a:/src/build/ext/b",
                "/usr/local/lib/gstreamer-1.0", "/opt/other"),
      "/src/build/ext/a:/src/build/ext/b:/opt/other");
}

TEST (PluginPath, InstalledItUsesTheInstalledFolder)
{
  // A build tree at /src/build does not make /src/build-old/... count as inside it.
  EXPECT_EQ (PluginSearchPath ("/usr/local/bin/webdesk", "/src/build", "/src/build/ext/a",
                "/usr/local/lib/x86_64-linux-gnu/gstreamer-1.0", ""),
      "/usr/local/lib/x86_64-linux-gnu/gstreamer-1.0");
  EXPECT_EQ (PluginSearchPath ("/src/build-old/webdesk", "/src/build", "/src/build/ext/a",
                "/usr/lib/gstreamer-1.0", "/opt/mine"),
      "/usr/lib/gstreamer-1.0:/opt/mine");
}
