// SPDX-License-Identifier: LGPL-2.1-or-later
// What the element tests share: a pipeline `waylanddamagesrc ! appsink` with helpers to pull
// frames (pixels and damage meta), wait for bus messages and send events upstream, and a fixture
// with a private XDG_RUNTIME_DIR.
#pragma once

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime_dir.h"

namespace webdesk::testing {

// Generous: the machine is shared; these bound a hang, they do not measure speed.
inline constexpr GstClockTime kFrameTimeout = 15 * GST_SECOND;

struct CapturedFrame {
  int width = 0, height = 0;
  std::vector<uint32_t> pixels;  // BGRx as little-endian 0xXXRRGGBB
  std::vector<GstVideoRectangle> damage;
  bool has_damage_meta = false;
  uint32_t At (int x, int y) const { return pixels[size_t (y) * width + x] & 0xffffff; }
};

class Pipeline {
 public:
  explicit Pipeline (const std::string &src_properties)
  {
    std::string desc = "waylanddamagesrc name=src " + src_properties +
        " ! appsink name=sink sync=false";
    GError *error = nullptr;
    pipeline_ = gst_parse_launch (desc.c_str (), &error);
    EXPECT_EQ (error, nullptr) << (error ? error->message : "");
    src_ = gst_bin_get_by_name (GST_BIN (pipeline_), "src");
    sink_ = gst_bin_get_by_name (GST_BIN (pipeline_), "sink");
  }
  ~Pipeline ()
  {
    gst_element_set_state (pipeline_, GST_STATE_NULL);
    gst_object_unref (src_);
    gst_object_unref (sink_);
    gst_object_unref (pipeline_);
  }
  bool Play ()
  {
    return gst_element_set_state (pipeline_, GST_STATE_PLAYING) != GST_STATE_CHANGE_FAILURE;
  }
  std::string SocketName ()
  {
    g_autofree gchar *name = nullptr;
    g_object_get (src_, "socket-name", &name, nullptr);
    return name ? name : "";
  }
  // The next frame, or nothing after `timeout`.
  std::unique_ptr<CapturedFrame> Pull (GstClockTime timeout = kFrameTimeout)
  {
    GstSample *sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink_), timeout);
    if (!sample)
      return nullptr;
    auto p = std::make_unique<CapturedFrame> ();
    GstVideoInfo info;
    gst_video_info_from_caps (&info, gst_sample_get_caps (sample));
    GstVideoFrame frame;
    GstBuffer *buffer = gst_sample_get_buffer (sample);
    gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ);
    p->width = GST_VIDEO_INFO_WIDTH (&info);
    p->height = GST_VIDEO_INFO_HEIGHT (&info);
    p->pixels.resize (size_t (p->width) * p->height);
    for (int y = 0; y < p->height; y++)
      memcpy (&p->pixels[size_t (y) * p->width],
          static_cast<uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0)) +
              y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
          size_t (p->width) * 4);
    gst_video_frame_unmap (&frame);
    if (auto *meta = gst_buffer_get_webdesk_damage_meta (buffer)) {
      p->has_damage_meta = true;
      p->damage.assign (meta->rects, meta->rects + meta->n_rects);
      EXPECT_NE (meta->capture_time, GST_CLOCK_TIME_NONE);
    }
    gst_sample_unref (sample);
    return p;
  }
  // Frames until `done` says yes (or none comes for kFrameTimeout).
  std::unique_ptr<CapturedFrame> PullUntil (const std::function<bool (const CapturedFrame &)> &done)
  {
    for (;;) {
      auto p = Pull ();
      if (!p || done (*p))
        return p;
    }
  }
  // The last frame once none has come for `quiet`: the client has finished drawing its
  // first pictures (a client may commit twice while it starts, each whole).
  std::unique_ptr<CapturedFrame> Settle (GstClockTime quiet = 300 * GST_MSECOND)
  {
    std::unique_ptr<CapturedFrame> last;
    while (auto p = Pull (quiet))
      last = std::move (p);
    return last;
  }
  // Waits for a bus message of one of `types`.
  GstMessage *WaitForMessage (GstMessageType types, GstClockTime timeout = kFrameTimeout)
  {
    GstBus *bus = gst_element_get_bus (pipeline_);
    GstMessage *m = gst_bus_timed_pop_filtered (bus, timeout, types);
    gst_object_unref (bus);
    return m;
  }
  // Sends an event upstream from the sink, as a viewer-side element would.
  bool SendUpstream (GstEvent *event)
  {
    GstPad *pad = gst_element_get_static_pad (sink_, "sink");
    bool ok = gst_pad_push_event (pad, event);
    gst_object_unref (pad);
    return ok;
  }

  GstElement *pipeline_, *src_, *sink_;
};

// The next element message called `name` (a copy of its structure), or null once `deadline_us`
// (g_get_monotonic_time; 0: kFrameTimeout from now) has passed; the stream ending first (an
// error or EOS) is a test failure.
inline GstStructure *
WaitForElementMessage (Pipeline &p, const char *name, gint64 deadline_us = 0)
{
  const gint64 deadline =
      deadline_us ? deadline_us : g_get_monotonic_time () + gint64 (kFrameTimeout / GST_USECOND);
  for (gint64 now = g_get_monotonic_time (); now < deadline; now = g_get_monotonic_time ()) {
    GstMessage *m = p.WaitForMessage (
        GstMessageType (GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR | GST_MESSAGE_EOS),
        GstClockTime (deadline - now) * GST_USECOND);
    if (!m)
      return nullptr;
    if (GST_MESSAGE_TYPE (m) != GST_MESSAGE_ELEMENT) {
      ADD_FAILURE () << "the stream ended: " << GST_MESSAGE_TYPE_NAME (m);
      gst_message_unref (m);
      return nullptr;
    }
    const GstStructure *s = gst_message_get_structure (m);
    GstStructure *found = gst_structure_has_name (s, name) ? gst_structure_copy (s) : nullptr;
    gst_message_unref (m);
    if (found)
      return found;
  }
  return nullptr;
}

inline bool
NotBlack (const CapturedFrame &p, int x, int y)
{
  return p.At (x, y) != 0;
}

class ElementTest : public ::testing::Test {
 protected:
  ScopedRuntimeDir runtime_dir_;
};

}  // namespace webdesk::testing
