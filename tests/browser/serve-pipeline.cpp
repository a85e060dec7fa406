// SPDX-License-Identifier: LGPL-2.1-or-later
// Runs a pipeline whose websocketframesink is named "sink" for the browser tests, and reports
// on stdout, one JSON object per line: {"event":"listening","port":N,"url":...} once serving,
// the sink's element messages ({"event":"client-connected",...}), the events the sink sends
// upstream ({"event":"upstream","name":"navigation","structure":"..."}), and errors. Stops when stdin
// closes (the test process went away) or on SIGTERM/SIGINT.
//
//   serve-pipeline 'videotestsrc is-live=true ! ... ! websocketframesink name=sink port=0'
#include <glib-unix.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include <cstdio>
#include <mutex>

namespace {

GMainLoop *loop = nullptr;
int exit_code = 0;
std::mutex print_mutex;  // lines come from the main loop and from the server thread

void
Print (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree gchar *text = json_to_string (root, FALSE);
  std::lock_guard<std::mutex> lock (print_mutex);
  std::printf ("%s\n", text);
  std::fflush (stdout);
}

GstPadProbeReturn
OnUpstreamEvent (GstPad *, GstPadProbeInfo *info, gpointer)
{
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
  const GstStructure *s = gst_event_get_structure (event);
  g_autofree gchar *text = s ? gst_structure_to_string (s) : g_strdup ("");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, "upstream");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, GST_EVENT_TYPE_NAME (event));
  json_builder_set_member_name (b, "structure");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  Print (b);
  return GST_PAD_PROBE_OK;
}

gboolean
OnBus (GstBus *, GstMessage *msg, gpointer)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) err = nullptr;
    gst_message_parse_error (msg, &err, nullptr);
    json_builder_set_member_name (b, "event");
    json_builder_add_string_value (b, "error");
    json_builder_set_member_name (b, "message");
    json_builder_add_string_value (b, err->message);
    json_builder_end_object (b);
    Print (b);
    exit_code = 1;
    g_main_loop_quit (loop);
  } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT) {
    const GstStructure *s = gst_message_get_structure (msg);
    json_builder_set_member_name (b, "event");
    json_builder_add_string_value (b, gst_structure_get_name (s));
    for (int i = 0; i < gst_structure_n_fields (s); i++) {
      const gchar *name = gst_structure_nth_field_name (s, i);
      const GValue *v = gst_structure_get_value (s, name);
      json_builder_set_member_name (b, name);
      if (G_VALUE_HOLDS_STRING (v)) {
        json_builder_add_string_value (b, g_value_get_string (v));
      } else {
        GValue d = G_VALUE_INIT;
        g_value_init (&d, G_TYPE_DOUBLE);
        if (g_value_type_transformable (G_VALUE_TYPE (v), G_TYPE_DOUBLE) &&
            g_value_transform (v, &d))
          json_builder_add_double_value (b, g_value_get_double (&d));
        else
          json_builder_add_null_value (b);
        g_value_unset (&d);
      }
    }
    json_builder_end_object (b);
    Print (b);
  } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS) {
    g_main_loop_quit (loop);
  }
  return G_SOURCE_CONTINUE;
}

gboolean
Quit (gpointer)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

}  // namespace

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  if (argc != 2) {
    std::fprintf (stderr, "usage: serve-pipeline 'PIPELINE with websocketframesink name=sink'\n");
    return 2;
  }
  g_autoptr (GError) error = nullptr;
  GstElement *pipeline = gst_parse_launch (argv[1], &error);
  if (!pipeline) {
    std::fprintf (stderr, "serve-pipeline: %s\n", error->message);
    return 2;
  }
  loop = g_main_loop_new (nullptr, FALSE);
  if (GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink")) {
    GstPad *pad = gst_element_get_static_pad (sink, "sink");
    GstPad *peer = gst_pad_get_peer (pad);
    if (peer) {
      gst_pad_add_probe (peer, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM, OnUpstreamEvent, nullptr,
          nullptr);
      gst_object_unref (peer);
    }
    gst_object_unref (pad);
    gst_object_unref (sink);
  }
  GstBus *bus = gst_element_get_bus (pipeline);
  gst_bus_add_watch (bus, OnBus, nullptr);
  gst_object_unref (bus);
  GIOChannel *in = g_io_channel_unix_new (0);
  g_io_add_watch (in, GIOCondition (G_IO_HUP | G_IO_IN | G_IO_ERR),
      [] (GIOChannel *c, GIOCondition, gpointer) -> gboolean {
        gchar buf[256];
        gsize n = 0;
        GIOStatus s = g_io_channel_read_chars (c, buf, sizeof buf, &n, nullptr);
        if (s == G_IO_STATUS_EOF || s == G_IO_STATUS_ERROR) {
          g_main_loop_quit (loop);
          return G_SOURCE_REMOVE;
        }
        return G_SOURCE_CONTINUE;
      },
      nullptr);
  g_unix_signal_add (SIGTERM, Quit, nullptr);
  g_unix_signal_add (SIGINT, Quit, nullptr);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  g_main_loop_run (loop);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  g_io_channel_unref (in);
  g_main_loop_unref (loop);
  return exit_code;
}
