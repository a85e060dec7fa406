// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink against clients that misbehave on purpose (docs/protocol.md, "Closing"):
// whatever one client sends, that client is closed with a documented code and the session
// goes on for the others. Real WebSocket clients (libsoup) against a real pipeline.
#include <gtest/gtest.h>

#include "sink_pipeline.h"
#include "ws-test-client.h"

using webdesk::testing::Pipeline;
using webdesk::testing::WsTestClient;

namespace {

// The number of frames `client` has received so far.
size_t
FramesOf (WsTestClient &client)
{
  std::lock_guard<std::mutex> lock (client.mutex);
  return client.frames.size ();
}

// `watcher` keeps receiving: the session survived whatever the others did.
void
ExpectStillStreaming (WsTestClient &watcher)
{
  const size_t before = FramesOf (watcher);
  EXPECT_TRUE (watcher.WaitFor ([&] { return watcher.frames.size () >= before + 10; }))
      << "the well-behaved viewer stopped receiving";
  std::lock_guard<std::mutex> lock (watcher.mutex);
  EXPECT_FALSE (watcher.closed) << watcher.close_reason;
}

void
ExpectClosedWith (WsTestClient &client, uint16_t code, const char *reason_part)
{
  ASSERT_TRUE (client.WaitFor ([&] { return client.closed; })) << "not closed";
  std::lock_guard<std::mutex> lock (client.mutex);
  EXPECT_EQ (client.close_code, code) << client.close_reason;
  EXPECT_NE (client.close_reason.find (reason_part), std::string::npos) << client.close_reason;
}

}  // namespace

TEST (WebsocketFrameSinkHardening, DeeplyNestedJsonClosesOnlyItsClient)
{
  // 100,000 nested brackets (200 KB, under the size limit) crashed the whole session, sent
  // before a hello or by a view-only login alike.
  Pipeline p ("password=full view-password=view");
  ASSERT_TRUE (p.Play ());
  WsTestClient watcher (p.port, {.password = "full"});
  ASSERT_TRUE (watcher.WaitFor ([&] { return !watcher.frames.empty (); }));

  WsTestClient before_hello (p.port, {.send_hello = false, .password = "view"});
  WsTestClient view_only (p.port, {.password = "view"});
  ASSERT_TRUE (before_hello.WaitFor ([&] { return before_hello.open; }));
  ASSERT_TRUE (view_only.WaitFor ([&] { return !view_only.frames.empty (); }));
  const std::string brackets (100000, '[');
  before_hello.SendText (brackets);
  view_only.SendText (R"({"type":"ping","id":1,"x":)" + brackets);
  ExpectClosedWith (before_hello, 1007, "nested");
  ExpectClosedWith (view_only, 1007, "nested");
  ExpectStillStreaming (watcher);
}

TEST (WebsocketFrameSinkHardening, AResizeThePipelineCannotTakeIsFittedToWhatItCan)
{
  // 8194 pixels wide made webdesk exit (its encoder stops at 8192); 8192x8192 ran, at 1.28 GB.
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient client (p.port, {});
  ASSERT_TRUE (client.WaitFor ([&] { return !client.frames.empty (); }));
  // What the encoder can send: its src pad's caps (h264qualityenc: 16..8192).
  GstElement *enc = gst_bin_get_by_name (GST_BIN (p.pipeline), "enc");
  GstPad *src = gst_element_get_static_pad (enc, "src");
  GstCaps *caps = gst_pad_query_caps (src, nullptr);
  int max_width = G_MAXINT, min_height = 1;
  const GValue *w = gst_structure_get_value (gst_caps_get_structure (caps, 0), "width");
  const GValue *h = gst_structure_get_value (gst_caps_get_structure (caps, 0), "height");
  if (w && GST_VALUE_HOLDS_INT_RANGE (w))
    max_width = gst_value_get_int_range_max (w);
  if (h && GST_VALUE_HOLDS_INT_RANGE (h))
    min_height = gst_value_get_int_range_min (h);
  gst_caps_unref (caps);
  gst_object_unref (src);
  gst_object_unref (enc);

  client.SendText (R"({"type":"resize","width":8194,"height":2})");
  client.SendText (R"({"type":"resize","width":8192,"height":8192})");
  client.SendText (R"({"type":"resize","width":1280,"height":720})");
  auto is_resize = [] (GstEvent *e) {
    return gst_webdesk_event_parse_resize (e, nullptr, nullptr, nullptr);
  };
  ASSERT_TRUE (p.WaitFor ([&] { return p.CountEvents (is_resize) == 3; }));
  std::vector<std::pair<int, int>> sizes;
  {
    std::lock_guard<std::mutex> lock (p.mutex);
    for (GstEvent *e : p.events) {
      int width = 0, height = 0;
      if (gst_webdesk_event_parse_resize (e, &width, &height, nullptr))
        sizes.emplace_back (width, height);
    }
  }
  ASSERT_EQ (sizes.size (), 3u);
  EXPECT_LE (sizes[0].first, max_width);
  EXPECT_GE (sizes[0].second, min_height);
  // H.264's largest picture (level 6.2): 139,264 macroblocks; the shape is kept.
  EXPECT_LE (int64_t ((sizes[1].first + 15) / 16) * ((sizes[1].second + 15) / 16), 139264);
  EXPECT_EQ (sizes[1].first, sizes[1].second);
  EXPECT_EQ (sizes[2], std::make_pair (1280, 720)) << "a size the pipeline takes is left alone";
  ExpectStillStreaming (client);
}

TEST (WebsocketFrameSinkHardening, AProtocolNumberPastAnIntIsNotVersionOne)
{
  // 4294967297 is 2^32 + 1: it was cut to an int, read as 1 and accepted.
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient client (p.port, {.send_hello = false});
  ASSERT_TRUE (client.WaitFor ([&] { return client.open; }));
  client.SendText (R"({"type":"hello","protocol":4294967297})");
  ExpectClosedWith (client, 4002, "4294967297");
}
