// SPDX-License-Identifier: LGPL-2.1-or-later
// Nested desktops in waylanddamagesrc: sway and KWin (their Wayland backends, as `webdesk -- sway`
// runs them) are the command, and wl-clipboard's wl-copy and wl-paste are applications inside
// them. The element finds the nested compositor's own display and joins its clipboard with ours:
// a copy inside reaches the element's clipboard message (the viewer), the viewer's clipboard
// reaches a paste inside, and neither comes back as a copy of its own.
//
// sway refuses to run as root: as root, both run as the user nobody (setpriv), with the runtime
// directory and our display socket opened to it.
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "element_fixture.h"

using webdesk::testing::ElementTest;
using webdesk::testing::kFrameTimeout;
using webdesk::testing::Pipeline;
using webdesk::testing::WaitForElementMessage;

namespace {

// Why `program` cannot run nested here, or empty.
std::string
WhyNot (const char *program, const char *package)
{
  for (const char *p : {program, "wl-copy", "wl-paste"})
    if (g_autofree gchar *path = g_find_program_in_path (p); !path)
      return std::string (p) + " is not installed (Debian: " + package + ", wl-clipboard)";
  if (getuid () == 0 && !getpwnam ("nobody"))
    return "as root the nested desktop runs as nobody (sway refuses root), and there is no "
        "user nobody";
  if (getuid () == 0)
    if (g_autofree gchar *path = g_find_program_in_path ("setpriv"); !path)
      return "as root the nested desktop runs as nobody (sway refuses root), and setpriv "
          "(util-linux) is missing";
  return "";
}

// `command` as the command of the element, with the runtime directory `dir`: as root, run as
// nobody, who must be let into our socket and be able to make its own.
std::string
AsUser (const std::string &dir, const std::string &command)
{
  if (getuid () != 0)
    return command;
  const passwd *nobody = getpwnam ("nobody");
  EXPECT_EQ (chown (dir.c_str (), nobody->pw_uid, nobody->pw_gid), 0);
  const std::string script = "chmod 0666 \"$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY\" && exec setpriv "
      "--reuid=" + std::to_string (nobody->pw_uid) + " --regid=" +
      std::to_string (nobody->pw_gid) + " --clear-groups env HOME=/nonexistent " + command;
  g_autofree gchar *quoted_script = g_shell_quote (script.c_str ());
  return std::string ("sh -c ") + quoted_script;
}

// sway with a configuration of its own in `dir` (no Xwayland: not needed here, and it would
// take seconds to start on a loaded machine).
std::string
SwayCommand (const std::string &dir)
{
  g_autofree gchar *config = g_build_filename (dir.c_str (), "sway.conf", nullptr);
  EXPECT_TRUE (g_file_set_contents (config, "xwayland disable\n", -1, nullptr));
  g_autofree gchar *quoted_config = g_shell_quote (config);
  return AsUser (dir, std::string ("sway -c ") + quoted_config);
}

// kwin_wayland carries a file capability (cap_sys_resource) that a container may refuse to grant
// at exec (EPERM, as on the machine these tests were written on); a copy without it, in `dir`,
// runs the same.
std::string
KWinCommand (const std::string &dir)
{
  g_autofree gchar *program = g_find_program_in_path ("kwin_wayland");
  const gchar *argv[] = {program, "--version", nullptr};
  g_autoptr (GError) error = nullptr;
  std::string path = program;
  if (!g_spawn_sync (nullptr, const_cast<gchar **> (argv), nullptr,
          GSpawnFlags (G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL), nullptr, nullptr,
          nullptr, nullptr, nullptr, &error) &&
      g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_PERM)) {
    g_autofree gchar *bytes = nullptr;
    gsize size = 0;
    path = dir + "/kwin_wayland";
    EXPECT_TRUE (g_file_get_contents (program, &bytes, &size, nullptr));
    EXPECT_TRUE (g_file_set_contents (path.c_str (), bytes, gssize (size), nullptr));
    EXPECT_EQ (chmod (path.c_str (), 0755), 0);
  }
  g_autofree gchar *quoted = g_shell_quote (path.c_str ());
  return AsUser (dir, std::string (quoted) + " --width 640 --height 480");
}

std::string
ClipboardText (const GstStructure *s)
{
  const gchar *text = gst_structure_get_string (s, "text");
  return text ? text : "";
}

// Runs `argv` as an application of the nested display `socket`; its standard output.
std::string
RunInside (const std::string &socket, std::vector<std::string> argv, bool capture = true)
{
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "WAYLAND_DISPLAY", socket.c_str (), TRUE);
  std::vector<gchar *> args;
  for (auto &a : argv)
    args.push_back (a.data ());
  args.push_back (nullptr);
  g_autofree gchar *out = nullptr;
  // wl-copy serves its text from a process of its own that stays: it must not hold our pipes.
  const auto flags = GSpawnFlags (G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL |
      (capture ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL));
  g_autoptr (GError) error = nullptr;
  EXPECT_TRUE (g_spawn_sync (nullptr, args.data (), env, flags, nullptr, nullptr,
      capture ? &out : nullptr, nullptr, nullptr, &error)) << (error ? error->message : "");
  return out ? out : "";
}

// What a paste inside the nested desktop gets, once it is `want` (or what it was at the end).
std::string
PasteInsideUntil (const std::string &socket, const std::string &want)
{
  std::string got;
  const gint64 deadline = g_get_monotonic_time () + gint64 (kFrameTimeout / GST_USECOND);
  while (g_get_monotonic_time () < deadline) {
    got = RunInside (socket, {"timeout", "5", "wl-paste", "--no-newline"});
    if (got == want)
      break;
    g_usleep (50000);
  }
  return got;
}

// The nested desktop that `command` starts is found, and its clipboard is joined with the
// viewer's both ways, with nothing mirrored back.
void
ExpectClipboardJoined (const std::string &command)
{
  Pipeline p ("width=640 height=480");
  g_object_set (p.src_, "command", command.c_str (), nullptr);
  ASSERT_TRUE (p.Play ());
  g_autoptr (GstStructure) found = WaitForElementMessage (p, "waylanddamagesrc-nested-display");
  ASSERT_TRUE (found) << "the nested compositor's own display was not found";
  const std::string socket = gst_structure_get_string (found, "socket-name");
  gboolean present = FALSE, clipboard = FALSE;
  gst_structure_get_boolean (found, "present", &present);
  gst_structure_get_boolean (found, "clipboard", &clipboard);
  EXPECT_NE (socket, p.SocketName ());
  EXPECT_TRUE (present);
  ASSERT_TRUE (clipboard) << "it offers wlr-data-control: its clipboard should be joined";

  // Copied inside: the viewer gets it.
  RunInside (socket, {"wl-copy", "copied inside"}, false);
  g_autoptr (GstStructure) copied = WaitForElementMessage (p, GST_WEBDESK_CLIPBOARD_EVENT_NAME);
  ASSERT_TRUE (copied) << "a copy inside did not reach the viewer";
  EXPECT_EQ (ClipboardText (copied), "copied inside");

  // The viewer's clipboard: pasted inside.
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_clipboard_upstream ("from the viewer")));
  EXPECT_EQ (PasteInsideUntil (socket, "from the viewer"), "from the viewer");

  // Nothing came back: the next clipboard message is the next copy inside, not the viewer's
  // own text (which the nested compositor announced to us as its selection before this copy).
  RunInside (socket, {"wl-copy", "copied again inside"}, false);
  g_autoptr (GstStructure) next = WaitForElementMessage (p, GST_WEBDESK_CLIPBOARD_EVENT_NAME);
  ASSERT_TRUE (next);
  EXPECT_EQ (ClipboardText (next), "copied again inside");
}

}  // namespace

TEST_F (ElementTest, NestedSwaysClipboardIsJoinedWithTheViewers)
{
  if (const std::string why = WhyNot ("sway", "sway"); !why.empty ())
    GTEST_SKIP () << why;
  ExpectClipboardJoined (SwayCommand (runtime_dir_.path ()));
}

TEST_F (ElementTest, NestedKWinsClipboardIsJoinedWithTheViewers)
{
  if (const std::string why = WhyNot ("kwin_wayland", "kwin-wayland"); !why.empty ())
    GTEST_SKIP () << why;
  ExpectClipboardJoined (KWinCommand (runtime_dir_.path ()));
}
