// SPDX-License-Identifier: LGPL-2.1-or-later
// See element-listener.h.
#include "element-listener.h"

#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <algorithm>

#include "client-events.h"
#include "size-limits.h"

GST_DEBUG_CATEGORY_EXTERN (gst_websocket_frame_sink_debug);
#define GST_CAT_DEFAULT gst_websocket_frame_sink_debug

namespace webdesk {

void
ElementListener::Post (GstStructure *s)
{
  gst_element_post_message (GST_ELEMENT (sink_), gst_message_new_element (GST_OBJECT (sink_), s));
}

void
ElementListener::AnnounceViewersOnce ()
{
  std::lock_guard<std::mutex> lock (announce_lock_);
  if (announced_ == -1)
    AnnounceLocked (clients_ ());
}

void
ElementListener::AnnounceViewers (int count)
{
  // Under the lock, so that announcements reach upstream in the order the counts changed.
  std::lock_guard<std::mutex> lock (announce_lock_);
  if (count != announced_)
    AnnounceLocked (count);
}

void
ElementListener::AnnounceLocked (int count)
{
  announced_ = count;
  GST_DEBUG_OBJECT (sink_, "%d viewer(s): telling upstream", count);
  gst_pad_push_event (pad (), gst_webdesk_event_new_viewers (guint (count)));
}

void
ElementListener::OnClientConnected (uint64_t id, const std::string &remote, int clients)
{
  GST_INFO_OBJECT (sink_, "client %" G_GUINT64_FORMAT " connected from %s (%d now)", id,
      remote.c_str (), clients);
  Post (gst_structure_new ("client-connected", "client-id", G_TYPE_UINT64, guint64 (id),
      "remote", G_TYPE_STRING, remote.c_str (), "clients", G_TYPE_INT, clients, nullptr));
  AnnounceViewers (clients);
}

void
ElementListener::OnClientDisconnected (uint64_t id, uint16_t code, const std::string &reason,
    int clients)
{
  GST_INFO_OBJECT (sink_, "client %" G_GUINT64_FORMAT " gone (%u %s), %d left", id, code,
      reason.c_str (), clients);
  Post (gst_structure_new ("client-disconnected", "client-id", G_TYPE_UINT64, guint64 (id),
      "code", G_TYPE_UINT, guint (code), "reason", G_TYPE_STRING, reason.c_str (), "clients",
      G_TYPE_INT, clients, nullptr));
  AnnounceViewers (clients);
}

void
ElementListener::OnLoginFailed (const std::string &remote, bool locked_out)
{
  GST_WARNING_OBJECT (sink_, "wrong password from %s%s", remote.c_str (),
      locked_out ? "; it must wait before trying again" : "");
  Post (gst_structure_new ("login-failed", "remote", G_TYPE_STRING, remote.c_str (),
      "locked-out", G_TYPE_BOOLEAN, locked_out, nullptr));
}

void
ElementListener::OnKeyframeNeeded ()
{
  GST_DEBUG_OBJECT (sink_, "asking upstream for a keyframe");
  gst_pad_push_event (pad (),
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 0));
}

void
ElementListener::OnAll444Changed (bool all_decode_444)
{
  GST_INFO_OBJECT (sink_, "%s", all_decode_444 ? "every viewer decodes 4:4:4: allowing it again"
                                               : "a viewer cannot decode 4:4:4: renegotiating");
  allow_444 = all_decode_444;
  gst_pad_push_event (pad (), gst_event_new_reconfigure ());
}

void
ElementListener::OnAllLosslessChanged (bool all_decode_lossless)
{
  GST_INFO_OBJECT (sink_, "%s", all_decode_lossless
                                    ? "every viewer decodes lossless frames: allowing them again"
                                    : "a viewer cannot decode lossless frames: renegotiating");
  allow_lossless = all_decode_lossless;
  gst_pad_push_event (pad (), gst_event_new_reconfigure ());
}

void
ElementListener::OnPaceChanged (bool behind)
{
  // Upstream (paintoverscheduler) keeps frames back while every viewer is behind.
  std::lock_guard<std::mutex> lock (pace_lock_);
  if (!pace_.load () || behind == told_behind_)
    return;
  GST_DEBUG_OBJECT (sink_, "%s", behind ? "every viewer is behind: asking upstream to wait"
                                        : "a viewer caught up: upstream may send again");
  told_behind_ = behind;
  gst_pad_push_event (pad (), gst_webdesk_event_new_pace (behind));
}

void
ElementListener::SetPace (bool pace)
{
  std::lock_guard<std::mutex> lock (pace_lock_);
  pace_.store (pace);
  if (!pace && told_behind_) {
    GST_DEBUG_OBJECT (sink_, "pacing turned off: upstream may send again");
    told_behind_ = false;
    gst_pad_push_event (pad (), gst_webdesk_event_new_pace (FALSE));
  }
}

namespace {

// Widens [*min, *max] by a caps field: an int, an int range, or (absent, or anything else) no
// limit at all.
void
WidenRange (const GstStructure *s, const char *field, int *min, int *max)
{
  const GValue *v = gst_structure_get_value (s, field);
  if (v && G_VALUE_HOLDS_INT (v)) {
    *min = std::min (*min, g_value_get_int (v));
    *max = std::max (*max, g_value_get_int (v));
  } else if (v && GST_VALUE_HOLDS_INT_RANGE (v)) {
    *min = std::min (*min, gst_value_get_int_range_min (v));
    *max = std::max (*max, gst_value_get_int_range_max (v));
  } else {
    *min = 1;
    *max = G_MAXINT;
  }
}

// The picture sizes upstream can send us: the union of what its caps allow.
SizeLimits
UpstreamSizeLimits (GstPad *pad)
{
  SizeLimits limits;
  GstCaps *caps = gst_pad_peer_query_caps (pad, nullptr);
  if (!caps || gst_caps_is_any (caps) || gst_caps_is_empty (caps)) {
    if (caps)
      gst_caps_unref (caps);
    return limits;
  }
  limits.min_width = limits.min_height = G_MAXINT;
  limits.max_width = limits.max_height = 0;
  for (guint i = 0; i < gst_caps_get_size (caps); i++) {
    const GstStructure *s = gst_caps_get_structure (caps, i);
    WidenRange (s, "width", &limits.min_width, &limits.max_width);
    WidenRange (s, "height", &limits.min_height, &limits.max_height);
  }
  gst_caps_unref (caps);
  return limits;
}

}  // namespace

void
ElementListener::OnClientMessage (uint64_t id, const ClientMessage &m)
{
  if (m.type == ClientMessageType::kStats) {
    const int clients = clients_ ();
    Post (gst_structure_new ("viewer-stats", "client-id", G_TYPE_UINT64, guint64 (id), "fps",
        G_TYPE_DOUBLE, m.fps, "latency-ms", G_TYPE_DOUBLE, m.latency_ms, "clients", G_TYPE_INT,
        clients, nullptr));
    return;
  }
  if (m.type == ClientMessageType::kResize) {
    // The pipeline stops with an error on a size its encoder cannot take: give the desktop the
    // nearest size it can (the client sees the size in the frames).
    const FittedSize fitted = FitSize (m.width, m.height, UpstreamSizeLimits (pad ()));
    if (fitted.width != m.width || fitted.height != m.height) {
      GST_INFO_OBJECT (sink_, "client %" G_GUINT64_FORMAT " asked for %dx%d: %dx%d is what "
          "upstream accepts", id, m.width, m.height, fitted.width, fitted.height);
      ClientMessage fitted_message = m;
      fitted_message.width = fitted.width;
      fitted_message.height = fitted.height;
      gst_pad_push_event (pad (), EventForClientMessage (fitted_message));
      return;
    }
  }
  GstEvent *event = EventForClientMessage (m);
  if (!event)
    return;
  GST_LOG_OBJECT (sink_, "client %" G_GUINT64_FORMAT ": %" GST_PTR_FORMAT, id, event);
  gst_pad_push_event (pad (), event);
}

}  // namespace webdesk
