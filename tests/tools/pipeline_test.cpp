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

// An executable file `name` in `dir` (a stand-in for a program installed there).
static std::string
MakeProgram (const char *dir, const char *name)
{
  g_autofree gchar *path = g_build_filename (dir, name, nullptr);
  EXPECT_TRUE (g_file_set_contents (path, "#!/bin/sh\n", -1, nullptr));
  EXPECT_EQ (g_chmod (path, 0755), 0);
  return path;
}

// Distributions put the terminals in different folders: the desktop's is looked up on PATH,
// weston-terminal first, else foot; with neither the desktop starts without one.
TEST (WebdeskDesktop, TheTerminalIsFoundOnPath)
{
  const std::string saved = g_getenv ("PATH") ? g_getenv ("PATH") : "";
  g_autofree gchar *empty = g_dir_make_tmp ("webdesk-path-XXXXXX", nullptr);
  g_autofree gchar *dir = g_dir_make_tmp ("webdesk-path-XXXXXX", nullptr);
  g_setenv ("PATH", (std::string (empty) + ":" + dir).c_str (), TRUE);
  EXPECT_EQ (webdesk::FindDesktopTerminal (), "");
  const std::string foot = MakeProgram (dir, "foot");
  EXPECT_EQ (webdesk::FindDesktopTerminal (), foot);
  const std::string weston_terminal = MakeProgram (empty, "weston-terminal");
  EXPECT_EQ (webdesk::FindDesktopTerminal (), weston_terminal);
  g_setenv ("PATH", saved.c_str (), TRUE);
  g_unlink (foot.c_str ());
  g_unlink (weston_terminal.c_str ());
  g_rmdir (dir);
  g_rmdir (empty);
}

// The weston.ini (read with GKeyFile, as weston's own parser reads it) starts that terminal.
TEST (WebdeskDesktop, WestonStartsTheTerminalFound)
{
  g_autoptr (GKeyFile) ini = g_key_file_new ();
  const std::string with = webdesk::WestonIni ("/opt/bin/foot");
  ASSERT_TRUE (
      g_key_file_load_from_data (ini, with.c_str (), with.size (), G_KEY_FILE_NONE, nullptr));
  g_autofree gchar *path = g_key_file_get_string (ini, "autolaunch", "path", nullptr);
  EXPECT_STREQ (path, "/opt/bin/foot");
  EXPECT_FALSE (g_key_file_get_boolean (ini, "shell", "locking", nullptr));

  g_autoptr (GKeyFile) none = g_key_file_new ();
  const std::string without = webdesk::WestonIni ("");
  ASSERT_TRUE (g_key_file_load_from_data (
      none, without.c_str (), without.size (), G_KEY_FILE_NONE, nullptr));
  EXPECT_FALSE (g_key_file_has_group (none, "autolaunch"));
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
