// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink with the `webdesk-cursor` event and real WebSocket clients: every viewer
// gets the `cursor` message, a viewer that joins later gets the current cursor after its hello,
// and a later cursor replaces the one joiners get.
#include <gst/gst.h>
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ws-test-client.h"

using webdesk::testing::WsTestClient;

namespace {

class CursorSink {
 public:
  CursorSink ()
  {
    sink_ = gst_element_factory_make ("websocketframesink", nullptr);
    EXPECT_NE (sink_, nullptr);
    g_object_set (sink_, "port", 0, nullptr);
  }
  ~CursorSink ()
  {
    gst_element_set_state (sink_, GST_STATE_NULL);
    gst_object_unref (sink_);
  }
  // The sink alone, with no stream: the cursor does not depend on frames. Its server runs from
  // PAUSED on.
  int Start ()
  {
    gst_element_set_state (sink_, GST_STATE_PAUSED);
    int port = 0;
    g_object_get (sink_, "port", &port, nullptr);
    return port;
  }
  void Send (GstEvent *event)
  {
    GstPad *pad = gst_element_get_static_pad (sink_, "sink");
    gst_pad_send_event (pad, event);
    gst_object_unref (pad);
  }

 private:
  GstElement *sink_ = nullptr;
};

GstEvent *
TwoByTwoCursor ()
{
  const guint8 bgra[16] = {0x80, 0, 0, 0x80, 0, 0xff, 0, 0xff, 0, 0, 0, 0, 0x20, 0x20, 0x20, 0x40};
  g_autoptr (GBytes) pixels = g_bytes_new (bgra, sizeof bgra);
  return gst_webdesk_event_new_cursor_image (2, 2, 0, 1, 2.0, pixels);
}

bool
Got (WsTestClient &c, const std::string &text)
{
  return c.WaitFor ([&c, &text] {
    return std::find (c.texts.begin (), c.texts.end (), text) != c.texts.end ();
  }, 15);
}

const char *kTwoByTwoJson = R"({"type":"cursor","hidden":false,"width":2,"height":2,)"
                            R"("hotspot_x":0,"hotspot_y":1,"scale":2.0,"rgba":"AAD/gAD/AP8AAAAAgICAQA=="})";

TEST (WebsocketFrameSinkCursor, ViewersGetTheCursorAndLateJoinersTheCurrentOne)
{
  CursorSink sink;
  const int port = sink.Start ();
  ASSERT_GT (port, 0);
  WsTestClient first (port, {});
  ASSERT_TRUE (first.WaitFor ([&first] { return !first.texts.empty (); }));  // its hello answer
  sink.Send (TwoByTwoCursor ());
  EXPECT_TRUE (Got (first, kTwoByTwoJson));

  WsTestClient late (port, {});
  EXPECT_TRUE (Got (late, kTwoByTwoJson));

  sink.Send (gst_webdesk_event_new_cursor_hidden ());
  EXPECT_TRUE (Got (first, R"({"type":"cursor","hidden":true})"));
  WsTestClient later (port, {});
  EXPECT_TRUE (Got (later, R"({"type":"cursor","hidden":true})"));
  std::lock_guard<std::mutex> lock (later.mutex);
  EXPECT_EQ (std::count (later.texts.begin (), later.texts.end (), std::string (kTwoByTwoJson)), 0)
      << "a joiner gets only the current cursor";
}

}  // namespace
