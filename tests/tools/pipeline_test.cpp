// SPDX-License-Identifier: LGPL-2.1-or-later
// The command webdesk starts inside its display, and the desktop log it shows on failure.
#include <glib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pipeline.h"

// waylanddamagesrc splits its command the shell's way (no expansion): what it would run.
static std::vector<std::string>
Argv (const std::string &command)
{
  gchar **argv = nullptr;
  EXPECT_TRUE (g_shell_parse_argv (command.c_str (), nullptr, &argv, nullptr)) << command;
  std::vector<std::string> out;
  for (gchar **a = argv; a && *a; a++)
    out.emplace_back (*a);
  g_strfreev (argv);
  return out;
}

TEST (WebdeskCommand, ApplicationRunsAsGivenWithItsOutputOnTheTerminal)
{
  webdesk::Options o;
  o.app = {"foot", "-e", "sh -c 'echo hi'"};
  EXPECT_EQ (Argv (webdesk::ClientCommand (o, "/tmp/w/weston.ini", "/tmp/w/desktop.log")),
      (std::vector<std::string> {"foot", "-e", "sh -c 'echo hi'"}));
}

TEST (WebdeskCommand, DesktopIsNestedWestonWithItsOutputInTheLog)
{
  webdesk::Options o;
  auto argv = Argv (webdesk::ClientCommand (o, "/tmp/a b/weston.ini", "/tmp/a b/desktop.log"));
  ASSERT_EQ (argv.size (), 3u);
  EXPECT_EQ (argv[0], "sh");
  EXPECT_EQ (argv[1], "-c");
  // The shell becomes weston (exec), so stopping the command stops weston.
  auto inner = Argv (argv[2]);
  ASSERT_GE (inner.size (), 4u);
  EXPECT_EQ (inner[0], "exec");
  EXPECT_EQ (inner[1], "weston");
  EXPECT_NE (std::find (inner.begin (), inner.end (), "--config=/tmp/a b/weston.ini"), inner.end ());
  EXPECT_NE (std::find (inner.begin (), inner.end (), "2>&1"), inner.end ());
  EXPECT_NE (argv[2].find (">'/tmp/a b/desktop.log'"), std::string::npos) << argv[2];

  // --verbose: no log file, weston talks on the terminal.
  auto verbose = Argv (webdesk::ClientCommand (o, "/tmp/w/weston.ini", ""));
  EXPECT_EQ (verbose[0], "weston");
}

TEST (WebdeskCommand, TailOfFileGivesTheLastLines)
{
  g_autofree gchar *dir = g_dir_make_tmp ("webdesk-tail-XXXXXX", nullptr);
  g_autofree gchar *path = g_build_filename (dir, "log", nullptr);
  ASSERT_TRUE (g_file_set_contents (path, "one\ntwo\nthree\nfour\n", -1, nullptr));
  EXPECT_EQ (webdesk::TailOfFile (path, 2), "three\nfour");
  EXPECT_EQ (webdesk::TailOfFile (path, 10), "one\ntwo\nthree\nfour");
  EXPECT_EQ (webdesk::TailOfFile (std::string (dir) + "/missing", 3), "");
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
SizeFromFirstViewer (const webdesk::Options &o)
{
  std::string error;
  GstElement *pipeline = webdesk::BuildPipeline (o, webdesk::ClientCommand (o, "/tmp/w.ini", ""),
      &error);
  EXPECT_TRUE (pipeline) << error;
  if (!pipeline)
    return FALSE;
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "waylanddamagesrc");
  gboolean value = FALSE;
  g_object_get (src, "size-from-first-viewer", &value, nullptr);
  gst_object_unref (src);
  gst_object_unref (pipeline);
  return value;
}

// weston 10 nested in waylanddamagesrc keeps its first size: the desktop starts at the first
// viewer's size and keeps it; a single application follows every resize.
TEST (WebdeskPipeline, TheDesktopTakesTheFirstViewersSizeAnApplicationFollowsResizes)
{
  webdesk::Options desktop;
  EXPECT_TRUE (SizeFromFirstViewer (desktop));
  webdesk::Options app;
  app.app = {"foot"};
  EXPECT_FALSE (SizeFromFirstViewer (app));
}

TEST (WebdeskPipeline, TheSinkGetsTheViewerLimitAndTheServerNames)
{
  webdesk::Options o;
  o.max_viewers = 64;
  o.server_names = "desk.example,localhost";
  std::string error;
  GstElement *pipeline = webdesk::BuildPipeline (o, webdesk::ClientCommand (o, "/tmp/w.ini", ""),
      &error);
  ASSERT_TRUE (pipeline) << error;
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "websocketframesink");
  gint max_clients = 0;
  g_autofree gchar *names = nullptr;
  g_object_get (sink, "max-clients", &max_clients, "server-names", &names, nullptr);
  EXPECT_EQ (max_clients, 64);
  EXPECT_STREQ (names, "desk.example,localhost");
  gst_object_unref (sink);
  gst_object_unref (pipeline);
}
