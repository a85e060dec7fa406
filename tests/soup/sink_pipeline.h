// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink in a real pipeline (a live source, an encoder, the sink on a free port),
// recording the upstream events that reach the encoder and the sink's bus messages: the fixture
// of the element tests.
#pragma once

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace webdesk::testing {

// h264qualityenc when it is built, else x264enc set up the same way (infinite GOP in practice,
// keyframes on request, no delay).
inline std::string
Encoder ()
{
  if (GstElementFactory *f = gst_element_factory_find ("h264qualityenc")) {
    gst_object_unref (f);
    return "h264qualityenc";
  }
  return "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=100000";
}

// Records what reaches the encoder's source pad from the sink (upstream events), and the
// sink's element messages.
class Pipeline {
 public:
  explicit Pipeline (const std::string &sink_properties = "", const std::string &source =
      "videotestsrc is-live=true pattern=ball ! video/x-raw,format=I420,width=160,height=120,"
      "framerate=30/1")
  {
    const std::string description = source + " ! " + Encoder () +
        " name=enc ! websocketframesink name=sink port=0 " + sink_properties;
    GError *error = nullptr;
    pipeline = gst_parse_launch (description.c_str (), &error);
    EXPECT_EQ (error, nullptr) << (error ? error->message : "");
    g_clear_error (&error);
    sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
    GstElement *enc = gst_bin_get_by_name (GST_BIN (pipeline), "enc");
    GstPad *src = gst_element_get_static_pad (enc, "src");
    gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM, OnUpstreamEvent, this, nullptr);
    gst_object_unref (src);
    gst_object_unref (enc);
    GstBus *bus = gst_element_get_bus (pipeline);
    gst_bus_set_sync_handler (bus, OnBusMessage, this, nullptr);
    gst_object_unref (bus);
  }

  ~Pipeline ()
  {
    gst_element_set_state (pipeline, GST_STATE_NULL);
    gst_object_unref (sink);
    gst_object_unref (pipeline);
    for (GstEvent *e : events)
      gst_event_unref (e);
    for (GstStructure *s : messages)
      gst_structure_free (s);
  }

  bool Play ()
  {
    if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
      return false;
    g_object_get (sink, "port", &port, nullptr);
    return port > 0;
  }

  bool WaitFor (const std::function<bool ()> &done, double timeout_s = 30)
  {
    std::unique_lock<std::mutex> lock (mutex);
    return changed.wait_for (lock, std::chrono::duration<double> (timeout_s), done);
  }

  // Under the lock.
  int CountEvents (const std::function<bool (GstEvent *)> &match)
  {
    return int (std::count_if (events.begin (), events.end (), match));
  }
  int CountMessages (const char *name)
  {
    return int (std::count_if (messages.begin (), messages.end (),
        [name] (GstStructure *s) { return gst_structure_has_name (s, name); }));
  }

  GstStructure *Stats ()
  {
    GstStructure *s = nullptr;
    g_object_get (sink, "stats", &s, nullptr);
    return s;
  }

  GstElement *pipeline = nullptr;
  GstElement *sink = nullptr;
  int port = 0;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<GstEvent *> events;
  std::vector<GstStructure *> messages;
  std::string error;

 private:
  static GstPadProbeReturn OnUpstreamEvent (GstPad *, GstPadProbeInfo *info, gpointer data)
  {
    auto *self = static_cast<Pipeline *> (data);
    std::lock_guard<std::mutex> lock (self->mutex);
    self->events.push_back (gst_event_ref (GST_PAD_PROBE_INFO_EVENT (info)));
    self->changed.notify_all ();
    return GST_PAD_PROBE_OK;
  }

  static GstBusSyncReply OnBusMessage (GstBus *, GstMessage *msg, gpointer data)
  {
    auto *self = static_cast<Pipeline *> (data);
    std::lock_guard<std::mutex> lock (self->mutex);
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT && GST_MESSAGE_SRC (msg) ==
        GST_OBJECT (self->sink))
      self->messages.push_back (gst_structure_copy (gst_message_get_structure (msg)));
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      g_autoptr (GError) err = nullptr;
      gst_message_parse_error (msg, &err, nullptr);
      if (self->error.empty ())  // the element's own message, not basesink's follow-up
        self->error = err->message;
    }
    self->changed.notify_all ();
    return GST_BUS_DROP;
  }
};

inline bool
IsForceKeyUnit (GstEvent *e)
{
  return gst_video_event_is_force_key_unit (e);
}

inline bool
IsNavigation (GstEvent *e, GstNavigationEventType type)
{
  return GST_EVENT_TYPE (e) == GST_EVENT_NAVIGATION && gst_navigation_event_get_type (e) == type;
}


}  // namespace webdesk::testing
