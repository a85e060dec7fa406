// SPDX-License-Identifier: LGPL-2.1-or-later
// The command webdesk starts inside its display, and the desktop log it shows on failure.
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <gst/gst.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "desktop-session.h"
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

TEST (WebdeskCommand, DesktopIsTheSessionScriptWithItsOutputInTheLog)
{
  webdesk::Options o;
  auto argv = Argv (webdesk::ClientCommand (o, "/tmp/a b/session.sh", "/tmp/a b/desktop.log"));
  ASSERT_EQ (argv.size (), 3u);
  EXPECT_EQ (argv[0], "sh");
  EXPECT_EQ (argv[1], "-c");
  // The shell becomes the session (exec), so stopping the command stops it.
  auto inner = Argv (argv[2]);
  ASSERT_GE (inner.size (), 4u);
  EXPECT_EQ (inner[0], "exec");
  EXPECT_EQ (inner[1], "sh");
  EXPECT_EQ (inner[2], "/tmp/a b/session.sh");
  EXPECT_NE (std::find (inner.begin (), inner.end (), "2>&1"), inner.end ());
  EXPECT_NE (argv[2].find (">'/tmp/a b/desktop.log'"), std::string::npos) << argv[2];

  // --verbose: no log file, the desktop talks on the terminal.
  auto verbose = Argv (webdesk::ClientCommand (o, "/tmp/w/session.sh", ""));
  EXPECT_EQ (verbose, (std::vector<std::string> {"sh", "/tmp/w/session.sh"}));
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

// Distributions put the desktop's parts in different folders: they are looked up on PATH (foot
// before weston-terminal); a missing one is left out of the session.
TEST (WebdeskDesktop, ThePartsAreFoundOnPathAndTheMissingOnesLeftOut)
{
  const std::string saved = g_getenv ("PATH") ? g_getenv ("PATH") : "";
  g_autofree gchar *empty = g_dir_make_tmp ("webdesk-path-XXXXXX", nullptr);
  g_autofree gchar *dir = g_dir_make_tmp ("webdesk-path-XXXXXX", nullptr);
  g_setenv ("PATH", (std::string (empty) + ":" + dir).c_str (), TRUE);
  webdesk::DesktopParts none = webdesk::FindDesktopParts ();
  EXPECT_EQ (none.terminal, "");
  EXPECT_EQ (none.panel, "");
  const std::string session = webdesk::SessionScript (none, "/tmp/s");
  EXPECT_NE (session.find ("exec sleep infinity"), std::string::npos) << session;

  std::vector<std::string> made;
  for (const char *name : {"weston-terminal", "waybar", "swaybg", "fuzzel"})
    made.push_back (MakeProgram (dir, name));
  EXPECT_EQ (webdesk::FindDesktopParts ().terminal, made[0]);
  made.push_back (MakeProgram (empty, "foot"));
  const webdesk::DesktopParts all = webdesk::FindDesktopParts ();
  EXPECT_EQ (all.terminal, made[4]);
  EXPECT_EQ (all.panel, made[1]);
  g_setenv ("PATH", saved.c_str (), TRUE);
  for (const auto &p : made)
    g_unlink (p.c_str ());
  g_rmdir (dir);
  g_rmdir (empty);
}

// The script starts the wallpaper and the terminal, then becomes the panel with its files.
TEST (WebdeskDesktop, TheSessionStartsTheWallpaperAndTerminalThenBecomesThePanel)
{
  webdesk::DesktopParts p{"/opt/bin/foot", "/opt/bin/waybar", "/opt/bin/swaybg", "/opt/bin/fuzzel"};
  const std::string s = webdesk::SessionScript (p, "/tmp/a b");
  EXPECT_NE (s.find ("'/opt/bin/swaybg' -c"), std::string::npos) << s;
  EXPECT_NE (s.find ("'/opt/bin/foot' &"), std::string::npos) << s;
  EXPECT_NE (s.find ("exec '/opt/bin/waybar' -c '/tmp/a b/panel.json' -s '/tmp/a b/panel.css'"),
      std::string::npos) << s;
}

// The panel's configuration is JSON with the launcher, the window list and a clock that changes
// once a minute.
TEST (WebdeskDesktop, ThePanelHasTheLauncherTheWindowListAndAMinuteClock)
{
  webdesk::DesktopParts p{"/opt/bin/foot", "/opt/bin/waybar", "", "/opt/bin/fuzzel"};
  g_autoptr (JsonParser) parser = json_parser_new ();
  const std::string config = webdesk::PanelConfig (p);
  ASSERT_TRUE (json_parser_load_from_data (parser, config.c_str (), -1, nullptr)) << config;
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  JsonArray *left = json_object_get_array_member (o, "modules-left");
  ASSERT_EQ (json_array_get_length (left), 2u);
  EXPECT_STREQ (json_array_get_string_element (left, 0), "custom/launcher");
  EXPECT_STREQ (json_array_get_string_element (left, 1), "wlr/taskbar");
  JsonObject *launcher = json_object_get_object_member (o, "custom/launcher");
  EXPECT_STREQ (json_object_get_string_member (launcher, "on-click"),
      "'/opt/bin/fuzzel' --terminal='/opt/bin/foot'");
  JsonObject *clock = json_object_get_object_member (o, "clock");
  EXPECT_EQ (json_object_get_int_member (clock, "interval"), 60);
  // Without a launcher installed there is no button for it.
  p.launcher.clear ();
  const std::string bare = webdesk::PanelConfig (p);
  EXPECT_EQ (bare.find ("custom/launcher"), std::string::npos);
}

static std::string
ShellOf (const webdesk::Options &o)
{
  std::string error;
  GstElement *pipeline = webdesk::BuildPipeline (o, webdesk::ClientCommand (o, "/tmp/s.sh", ""),
      &error);
  EXPECT_TRUE (pipeline) << error;
  if (!pipeline)
    return "";
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "waylanddamagesrc");
  gboolean from_first = TRUE;
  g_object_get (src, "size-from-first-viewer", &from_first, nullptr);
  EXPECT_FALSE (from_first);  // both follow the page at any time
  GValue value = G_VALUE_INIT;
  g_object_get_property (G_OBJECT (src), "shell", (g_value_init (&value,
      G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (G_OBJECT_GET_CLASS (src), "shell"))),
      &value));
  GEnumClass *klass = G_ENUM_CLASS (g_type_class_ref (G_VALUE_TYPE (&value)));
  const std::string nick = g_enum_get_value (klass, g_value_get_enum (&value))->value_nick;
  g_type_class_unref (klass);
  g_value_unset (&value);
  gst_object_unref (src);
  gst_object_unref (pipeline);
  return nick;
}

// Without an application webdesk serves its own desktop on the element's desktop mode; both
// follow every resize of the controlling page.
TEST (WebdeskPipeline, TheDesktopIsTheDesktopShellAnApplicationTheApplicationShell)
{
  webdesk::Options desktop;
  EXPECT_EQ (ShellOf (desktop), "desktop");
  webdesk::Options app;
  app.app = {"foot"};
  EXPECT_EQ (ShellOf (app), "app");
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
