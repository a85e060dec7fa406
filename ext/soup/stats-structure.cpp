// SPDX-License-Identifier: LGPL-2.1-or-later
// See stats-structure.h.
#include "stats-structure.h"

namespace webdesk {

GstStructure *
StatsStructure (const ServerStats &s)
{
  GValue list = G_VALUE_INIT;
  gst_value_list_init (&list, s.per_client.size ());
  for (const auto &c : s.per_client) {
    GValue v = G_VALUE_INIT;
    g_value_init (&v, GST_TYPE_STRUCTURE);
    g_value_take_boxed (&v, gst_structure_new ("client", "client-id", G_TYPE_UINT64,
        guint64 (c.id), "remote", G_TYPE_STRING, c.remote.c_str (), "decodes-444",
        G_TYPE_BOOLEAN, gboolean (c.decodes_444), "decodes-lossless", G_TYPE_BOOLEAN,
        gboolean (c.decodes_lossless), "frames-sent", G_TYPE_UINT64,
        guint64 (c.frames_sent), "frames-dropped", G_TYPE_UINT64, guint64 (c.frames_dropped),
        "frames-in-flight", G_TYPE_UINT, guint (c.frames_in_flight), "ack-delay-us",
        G_TYPE_INT64, gint64 (c.ack_delay_us), nullptr));
    gst_value_list_append_and_take_value (&list, &v);
  }
  GstStructure *st = gst_structure_new ("websocketframesink-stats", "clients", G_TYPE_INT,
      s.clients, "frames", G_TYPE_UINT64, guint64 (s.frames_in), "keyframe-requests",
      G_TYPE_UINT64, guint64 (s.keyframe_requests), "send-latency-p50-us", G_TYPE_INT64,
      gint64 (s.send_latency_p50_us), "send-latency-p99-us", G_TYPE_INT64,
      gint64 (s.send_latency_p99_us), "handoff-latency-p50-us", G_TYPE_INT64,
      gint64 (s.handoff_latency_p50_us), "handoff-latency-p99-us", G_TYPE_INT64,
      gint64 (s.handoff_latency_p99_us), "behind", G_TYPE_BOOLEAN, gboolean (s.behind), nullptr);
  gst_structure_take_value (st, "client-stats", &list);
  return st;
}

}  // namespace webdesk
