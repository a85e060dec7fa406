// SPDX-License-Identifier: LGPL-2.1-or-later
// See sound-server.h.
#include "sound-server.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <sys/prctl.h>

#include <csignal>

#include "pipeline.h"

namespace webdesk {

namespace {

constexpr int kStartTimeoutMs = 10000;

// Removes what the daemon left in its folder (socket, log, state), then the folder.
void
RemoveTree (const std::string &path)
{
  GDir *dir = g_dir_open (path.c_str (), 0, nullptr);
  if (dir) {
    while (const char *name = g_dir_read_name (dir)) {
      const std::string child = path + "/" + name;
      if (g_file_test (child.c_str (), G_FILE_TEST_IS_DIR) &&
          !g_file_test (child.c_str (), G_FILE_TEST_IS_SYMLINK))
        RemoveTree (child);
      else
        g_unlink (child.c_str ());
    }
    g_dir_close (dir);
  }
  g_rmdir (path.c_str ());
}

bool
Accepts (const std::string &socket_path)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketAddress) address = g_unix_socket_address_new (socket_path.c_str ());
  g_autoptr (GSocketConnection) connection = g_socket_client_connect (client,
      G_SOCKET_CONNECTABLE (address), nullptr, nullptr);
  return connection != nullptr;
}

}  // namespace

std::string
SoundServer::Script (const std::string &socket_path)
{
  g_autofree gchar *quoted = g_shell_quote (socket_path.c_str ());
  return std::string ("# webdesk's sound server (tools/webdesk/sound-server.cpp)\n") +
      "load-module module-null-sink sink_name=" + kOutputSink +
      " rate=48000 channels=2 sink_properties=device.description=webdesk\n"
      "load-module module-null-sink sink_name=" + kMicrophoneSink +
      " rate=48000 channels=1 sink_properties=device.description=webdesk-microphone-input\n"
      "load-module module-remap-source source_name=" + kMicrophoneSource + " master=" +
      kMicrophoneSink + ".monitor channels=1 remix=no "
      "source_properties=device.description=webdesk-microphone\n"
      "set-default-sink " + kOutputSink + "\n"
      "set-default-source " + kMicrophoneSource + "\n"
      // Anonymous: the socket's folder is the session's own (0700), so only its user connects.
      "load-module module-native-protocol-unix auth-anonymous=1 auth-cookie-enabled=0 socket=" +
      quoted + "\n";
}

bool
SoundServer::Start (const std::string &runtime_dir, std::string *error)
{
  g_autofree gchar *program = g_find_program_in_path ("pulseaudio");
  if (!program) {
    *error = "pulseaudio is not installed (tools/install-deps.sh installs it)";
    return false;
  }
  const std::string pattern = runtime_dir + "/webdesk-sound-XXXXXX";
  g_autofree gchar *folder = g_strdup (pattern.c_str ());
  if (!g_mkdtemp_full (folder, 0700)) {
    *error = "cannot make a folder in " + runtime_dir + ": " + g_strerror (errno);
    return false;
  }
  folder_ = folder;
  socket_ = folder_ + "/native";
  const std::string script = folder_ + "/webdesk.pa";
  const std::string log = folder_ + "/pulseaudio.log";
  if (!g_file_set_contents (script.c_str (), Script (socket_).c_str (), -1, nullptr)) {
    *error = "cannot write " + script;
    RemoveTree (folder_);
    return false;
  }
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  // Its runtime and state files in its own folder: nothing of the user's sound setup is read
  // or touched.
  g_subprocess_launcher_setenv (launcher, "PULSE_RUNTIME_PATH", folder_.c_str (), TRUE);
  g_subprocess_launcher_setenv (launcher, "PULSE_STATE_PATH", (folder_ + "/state").c_str (), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PULSE_SERVER");
  // It goes with webdesk even when webdesk cannot stop it (killed, crashed): it never exits on
  // its own (--exit-idle-time=-1).
  g_subprocess_launcher_set_child_setup (launcher,
      [] (gpointer) { prctl (PR_SET_PDEATHSIG, SIGTERM); }, nullptr, nullptr);
  const std::string log_target = "--log-target=file:" + log;
  g_autoptr (GError) gerror = nullptr;
  process_ = g_subprocess_launcher_spawn (launcher, &gerror, program, "-n", "-F", script.c_str (),
      "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--realtime=no",
      "--high-priority=no", "--disallow-exit", log_target.c_str (), nullptr);
  if (!process_) {
    *error = std::string ("cannot start pulseaudio: ") + gerror->message;
    RemoveTree (folder_);
    return false;
  }
  for (int waited = 0; waited < kStartTimeoutMs; waited += 20) {
    if (Accepts (socket_))
      return true;
    if (g_subprocess_get_identifier (process_) == nullptr)  // it exited
      break;
    g_usleep (20000);
  }
  const std::string tail = TailOfFile (log, 5);
  *error = "pulseaudio did not start" + (tail.empty () ? std::string () : ":\n" + tail);
  Stop ();
  return false;
}

void
SoundServer::Stop ()
{
  if (process_) {
    g_subprocess_send_signal (process_, SIGTERM);
    for (int waited = 0; waited < 2000 && g_subprocess_get_identifier (process_); waited += 20) {
      // GLib's worker thread reaps the child; its identifier goes with it.
      g_usleep (20000);
    }
    if (g_subprocess_get_identifier (process_))
      g_subprocess_force_exit (process_);
    g_subprocess_wait (process_, nullptr, nullptr);
    g_clear_object (&process_);
  }
  if (!folder_.empty ())
    RemoveTree (folder_);
  folder_.clear ();
}

}  // namespace webdesk
