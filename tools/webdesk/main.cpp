// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk: serve a Linux desktop, or one Wayland application, to web browsers.
 *
 *   webdesk                      a whole desktop (a panel, a launcher, a terminal)
 *   webdesk -- foot              one application
 *   webdesk --listen 0.0.0.0:8443 --password ... --tls-certificate c.pem --tls-key k.pem
 *
 * It assembles waylanddamagesrc ! paintoverscheduler ! h264qualityenc ! websocketframesink,
 * with the session's own sound server and the sound branches beside it, prints the URL to
 * open, keeps one status line, and stops cleanly on Ctrl-C. */
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <string>

#include "options.h"
#include "desktop-session.h"
#include "pipeline.h"
#include "plugin-path.h"
#include "sound-server.h"
#include "status.h"

namespace {

struct App {
  GMainLoop *loop = nullptr;
  GstElement *pipeline = nullptr;
  webdesk::Options options;
  webdesk::RateMeter meter;
  webdesk::Status status;
  bool tty = false;
  bool url_printed = false;
  int exit_code = 0;
  std::string desktop_log;  // where the desktop's output goes (empty: the terminal)
  size_t last_status_len = 0;
};

// The plugins built next to this program when it runs from the build tree, else the ones
// installed with it.
void
UseOurPlugins ()
{
  g_autofree gchar *exe = g_file_read_link ("/proc/self/exe", nullptr);
  g_autofree gchar *exe_dir = g_path_get_dirname (exe ? exe : ".");
  const char *current = g_getenv ("GST_PLUGIN_PATH_1_0");
  const std::string path = webdesk::PluginSearchPath (exe_dir, webdesk::InBuildTree (exe_dir),
      WEBDESK_UNINSTALLED_PLUGIN_DIRS, WEBDESK_PLUGIN_INSTALL_DIR, current ? current : "");
  g_setenv ("GST_PLUGIN_PATH_1_0", path.c_str (), TRUE);
}

// The desktop ended or failed: its own words say why (its output went to a file).
void SayDesktopLog (App *app);

void
ClearStatus (App *app)
{
  if (app->tty && app->last_status_len) {
    std::printf ("\r%*s\r", int (app->last_status_len), "");
    app->last_status_len = 0;
  }
}

void
Say (App *app, const std::string &line)
{
  ClearStatus (app);
  std::printf ("%s\n", line.c_str ());
  std::fflush (stdout);
}

std::string
Url (App *app)
{
  GstElement *sink = gst_bin_get_by_name (GST_BIN (app->pipeline), "websocketframesink");
  gint port = 0;
  g_object_get (sink, "port", &port, nullptr);
  gst_object_unref (sink);
  std::string host = app->options.host;  // the name given to --listen, if it was one
  if (host == "0.0.0.0" || host == "::")
    host = g_get_host_name ();
  else if (host.find (':') != std::string::npos)
    host = "[" + host + "]";
  const char *scheme = app->options.tls_certificate.empty () ? "http" : "https";
  const std::string here = std::string (scheme) + "://" + host + ":" + std::to_string (port) + "/";
  if (app->options.behind_proxy && !app->options.proxy_name.empty ())
    return "https://" + app->options.proxy_name + "/ (through the proxy, which passes "
        "requests on to " + here + ")";
  if (app->options.behind_proxy)
    return here + " (or where the proxy in front publishes it)";
  return here;
}

gboolean
OnStatusTick (gpointer data)
{
  auto *app = static_cast<App *> (data);
  const int64_t now = g_get_monotonic_time ();
  app->status.fps = app->meter.FramesPerSecond (now);
  app->status.bits_per_second = app->meter.BitsPerSecond (now);
  const std::string line = webdesk::FormatStatus (app->status);
  if (app->tty) {
    ClearStatus (app);
    std::printf ("%s", line.c_str ());
    app->last_status_len = line.size ();
    std::fflush (stdout);
  }
  return G_SOURCE_CONTINUE;
}

GstPadProbeReturn
OnEncodedFrame (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  auto *app = static_cast<App *> (data);
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  // The meter lives on the main thread; hand the figures over instead of sharing it.
  struct Sample {
    App *app;
    int64_t time;
    gsize bytes;
  };
  auto *s = new Sample {app, g_get_monotonic_time (), gst_buffer_get_size (buffer)};
  g_main_context_invoke_full (nullptr, G_PRIORITY_DEFAULT,
      [] (gpointer p) -> gboolean {
        auto *s = static_cast<Sample *> (p);
        s->app->meter.Add (s->time, s->bytes);
        return G_SOURCE_REMOVE;
      },
      s, [] (gpointer p) { delete static_cast<Sample *> (p); });
  return GST_PAD_PROBE_OK;
}

gboolean
OnBusMessage (GstBus *bus, GstMessage *msg, gpointer data)
{
  auto *app = static_cast<App *> (data);
  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR: {
      g_autoptr (GError) err = nullptr;
      g_autofree gchar *debug = nullptr;
      gst_message_parse_error (msg, &err, &debug);
      Say (app, std::string ("webdesk: ") + err->message);
      if (app->options.verbose && debug)
        Say (app, std::string ("  (") + debug + ")");
      if (g_error_matches (err, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ_WRITE) &&
          GST_IS_ELEMENT (GST_MESSAGE_SRC (msg)) &&
          g_str_equal (GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), "websocketframesink"))
        Say (app, "webdesk: give another port with --listen " + app->options.host +
            ":PORT, or --listen " + app->options.host + ":0 for any free one");
      SayDesktopLog (app);
      app->exit_code = 1;
      g_main_loop_quit (app->loop);
      break;
    }
    case GST_MESSAGE_EOS:
      Say (app, app->options.app.empty () ? "webdesk: the desktop has ended"
                                         : "webdesk: the application has exited");
      SayDesktopLog (app);
      g_main_loop_quit (app->loop);
      break;
    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (msg) == GST_OBJECT (app->pipeline) && !app->url_printed) {
        GstState state;
        gst_message_parse_state_changed (msg, nullptr, &state, nullptr);
        if (state == GST_STATE_PLAYING) {
          app->url_printed = true;
          Say (app, "webdesk: open " + Url (app));
        }
      }
      break;
    case GST_MESSAGE_ELEMENT: {
      const GstStructure *s = gst_message_get_structure (msg);
      const char *name = gst_structure_get_name (s);
      gint clients = 0;
      if (gst_structure_get_int (s, "clients", &clients))
        app->status.clients = clients;
      gdouble latency = 0;
      if (gst_structure_get_double (s, "latency-ms", &latency))
        app->status.latency_ms = latency;
      if (app->options.verbose && g_str_has_prefix (name, "client-")) {
        g_autofree gchar *text = gst_structure_to_string (s);
        Say (app, std::string ("webdesk: ") + text);
      }
      break;
    }
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

gboolean
OnSignal (gpointer data)
{
  auto *app = static_cast<App *> (data);
  Say (app, "webdesk: stopping");
  g_main_loop_quit (app->loop);
  return G_SOURCE_CONTINUE;
}

void
SayDesktopLog (App *app)
{
  if (app->desktop_log.empty ())
    return;
  const std::string tail = webdesk::TailOfFile (app->desktop_log, 15);
  if (!tail.empty ())
    Say (app, "webdesk: the desktop's last messages:\n" + tail);
}

// The private folder and the files in it (the session's, the desktop's log).
void
RemoveFolder (const char *dir)
{
  if (GDir *d = g_dir_open (dir, 0, nullptr)) {
    while (const char *name = g_dir_read_name (d)) {
      g_autofree gchar *path = g_build_filename (dir, name, nullptr);
      g_unlink (path);
    }
    g_dir_close (d);
  }
  g_rmdir (dir);
}

}  // namespace

int
main (int argc, char **argv)
{
  std::setlocale (LC_ALL, "");
  UseOurPlugins ();
  webdesk::ParsedCommandLine cmd = webdesk::ParseCommandLine (argc, argv, true);
  if (!cmd.ok) {
    std::fprintf (stderr, "webdesk: %s\nTry 'webdesk --help'.\n", cmd.error.c_str ());
    return 2;
  }
  gst_init (nullptr, nullptr);

  App app;
  app.options = cmd.options;
  app.tty = isatty (STDOUT_FILENO);

  // The desktop's session files live in a private folder removed at exit.
  g_autofree gchar *tmpdir = g_dir_make_tmp ("webdesk-XXXXXX", nullptr);
  const bool desktop = app.options.app.empty ();
  if (!tmpdir) {
    std::fprintf (stderr, "webdesk: cannot make a temporary folder\n");
    return 1;
  }
  const webdesk::DesktopParts parts = desktop ? webdesk::FindDesktopParts () : webdesk::DesktopParts ();
  if (desktop) {
    if (parts.panel.empty ())
      std::fprintf (stderr, "webdesk: waybar is not installed: the desktop has no panel\n");
    if (parts.terminal.empty ())
      std::fprintf (stderr, "webdesk: neither foot nor weston-terminal is on PATH: the desktop "
                            "starts without a terminal\n");
    if (!webdesk::WriteSession (parts, tmpdir)) {
      std::fprintf (stderr, "webdesk: cannot write the desktop's session files\n");
      return 1;
    }
  }
  g_autofree gchar *session = g_build_filename (tmpdir, "session.sh", nullptr);

  // The desktop talks a lot (its parts' and applications' messages): into a file, shown when
  // the desktop fails; on the terminal with --verbose.
  g_autofree gchar *log = g_build_filename (tmpdir, "desktop.log", nullptr);
  if (app.options.app.empty () && !app.options.verbose)
    app.desktop_log = log;
  const std::string command = webdesk::ClientCommand (app.options, session, app.desktop_log);

  // The session's sound server, its socket in the session's runtime folder; the application
  // (which inherits this environment) plays into it and records from it.
  std::string error;
  webdesk::SoundServer sound;
  if (app.options.sound) {
    const char *runtime = g_getenv ("XDG_RUNTIME_DIR");
    if (sound.Start (runtime && *runtime ? runtime : tmpdir, &error))
      g_setenv ("PULSE_SERVER", sound.address ().c_str (), TRUE);
    else
      std::printf ("webdesk: no sound: %s\n", error.c_str ());
  }

  app.pipeline = webdesk::BuildPipeline (app.options, command, &error,
      sound.running () ? sound.address () : "");
  if (!app.pipeline) {
    std::fprintf (stderr, "webdesk: %s\n", error.c_str ());
    sound.Stop ();
    RemoveFolder (tmpdir);
    return 1;
  }
  if (app.options.verbose)
    std::printf ("webdesk: running %s\n", command.c_str ());

  app.loop = g_main_loop_new (nullptr, FALSE);
  GstBus *bus = gst_element_get_bus (app.pipeline);
  gst_bus_add_watch (bus, OnBusMessage, &app);
  gst_object_unref (bus);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (app.pipeline), "websocketframesink");
  GstPad *sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, OnEncodedFrame, &app, nullptr);
  gst_object_unref (sinkpad);
  gst_object_unref (sink);
  g_unix_signal_add (SIGINT, OnSignal, &app);
  g_unix_signal_add (SIGTERM, OnSignal, &app);
  g_timeout_add (1000, OnStatusTick, &app);

  if (gst_element_set_state (app.pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    // The element posted the reason on the bus; show it.
    GstBus *errbus = gst_element_get_bus (app.pipeline);
    GstMessage *msg = gst_bus_pop_filtered (errbus, GST_MESSAGE_ERROR);
    gst_object_unref (errbus);
    if (msg) {
      OnBusMessage (nullptr, msg, &app);
      gst_message_unref (msg);
    } else {
      std::fprintf (stderr, "webdesk: the pipeline could not start\n");
    }
    app.exit_code = 1;
  } else {
    g_main_loop_run (app.loop);
  }

  // NULL stops the application and removes the display socket (waylanddamagesrc's stop).
  gst_element_set_state (app.pipeline, GST_STATE_NULL);
  ClearStatus (&app);
  gst_object_unref (app.pipeline);
  g_main_loop_unref (app.loop);
  sound.Stop ();
  RemoveFolder (tmpdir);
  return app.exit_code;
}
