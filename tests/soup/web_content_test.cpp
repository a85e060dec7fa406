// SPDX-License-Identifier: LGPL-2.1-or-later
// The web client's files: embedded, or from web-root; nothing outside the root is served.
#include <glib/gstdio.h>
#include <gtest/gtest.h>

#include <string>

#include "latency-window.h"
#include "web-content.h"

TEST (WebContent, TheEmbeddedClientIsServedAtTheRoot)
{
  webdesk::WebFile file;
  ASSERT_TRUE (webdesk::LoadWebFile ("", "/", &file));
  gsize size = 0;
  const char *data = static_cast<const char *> (g_bytes_get_data (file.bytes, &size));
  EXPECT_NE (std::string (data, size).find ("<canvas"), std::string::npos);
  EXPECT_STREQ (file.content_type, "text/html; charset=utf-8");
  g_bytes_unref (file.bytes);
  ASSERT_TRUE (webdesk::LoadWebFile ("", "/src/main.js", &file));
  // Module scripts are only run when served as JavaScript.
  EXPECT_STREQ (file.content_type, "text/javascript; charset=utf-8");
  g_bytes_unref (file.bytes);
}

TEST (WebContent, PathsOutsideTheRootAreRefused)
{
  const char *root = g_getenv ("WEBDESK_SOURCE_ROOT");
  ASSERT_NE (root, nullptr);
  const std::string web = std::string (root) + "/web";
  webdesk::WebFile file;
  for (const char *path : {"/../README.md", "/src/../../README.md", "/./index.html", "\\x",
           "relative", "/src/", "/missing.js"}) {
    SCOPED_TRACE (path);
    EXPECT_FALSE (webdesk::LoadWebFile (web, path, &file));
    EXPECT_FALSE (webdesk::LoadWebFile ("", path, &file));
  }
}

TEST (WebContent, WebRootServesAFolderInstead)
{
  g_autofree gchar *dir = g_dir_make_tmp ("webroot-XXXXXX", nullptr);
  g_autofree gchar *index = g_build_filename (dir, "index.html", nullptr);
  ASSERT_TRUE (g_file_set_contents (index, "from disk", -1, nullptr));
  webdesk::WebFile file;
  ASSERT_TRUE (webdesk::LoadWebFile (dir, "/", &file));
  gsize size = 0;
  const char *data = static_cast<const char *> (g_bytes_get_data (file.bytes, &size));
  EXPECT_EQ (std::string (data, size), "from disk");
  g_bytes_unref (file.bytes);
  g_unlink (index);
  g_rmdir (dir);
}

TEST (LatencyWindow, PercentilesAreNearestRankOverTheLastSamples)
{
  webdesk::LatencyWindow window (100);
  for (int i = 1; i <= 100; i++)
    window.Add (i);
  EXPECT_EQ (window.Percentile (50), 50);
  EXPECT_EQ (window.Percentile (99), 99);
  EXPECT_EQ (window.Percentile (100), 100);
  for (int i = 0; i < 100; i++)
    window.Add (1000);  // the window forgets the old samples
  EXPECT_EQ (window.Percentile (50), 1000);
}
