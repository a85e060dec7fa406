// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink in a real pipeline, with real WebSocket clients (libsoup) on loopback.
// Waits are event-driven with generous timeouts; nothing asserts on timing. Who may connect
// (password, TLS, Origin, hello, max-clients) is in websocketframesink_access_test.cpp.
#include <gtest/gtest.h>

#include "sink_pipeline.h"
#include "ws-test-client.h"

using webdesk::testing::Encoder;
using webdesk::testing::HttpGet;
using webdesk::testing::IsForceKeyUnit;
using webdesk::testing::IsNavigation;
using webdesk::testing::Pipeline;
using webdesk::testing::WsTestClient;

TEST (WebsocketFrameSink, ServesTheWebClient)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  std::string body, type;
  EXPECT_EQ (HttpGet (p.port, "/", &body, &type), 200);
  EXPECT_NE (body.find ("<canvas"), std::string::npos);
  EXPECT_EQ (type, "text/html");
  EXPECT_EQ (HttpGet (p.port, "/src/main.js", &body, &type), 200);
  EXPECT_EQ (type, "text/javascript");
  EXPECT_EQ (HttpGet (p.port, "/no-such-file.js", &body, &type), 404);
}

TEST (WebsocketFrameSink, AJoiningClientStartsAtAKeyframeAndGetsEveryFrameAfter)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient client (p.port, {});
  ASSERT_TRUE (client.WaitFor ([&] { return client.frames.size () >= 30; }));
  std::lock_guard<std::mutex> lock (client.mutex);
  // The server says hello first, with the protocol version.
  ASSERT_FALSE (client.texts.empty ());
  EXPECT_NE (client.texts[0].find ("\"type\":\"hello\""), std::string::npos);
  EXPECT_NE (client.texts[0].find ("\"protocol\":1"), std::string::npos);
  const auto &first = client.frames.front ();
  EXPECT_TRUE (first.header.flags & 1) << "the first frame must be a keyframe";
  EXPECT_FALSE (first.codec.empty ()) << "the keyframe carries its SPS";
  EXPECT_EQ (first.header.width, 160);
  EXPECT_EQ (first.header.height, 120);
  for (size_t i = 1; i < client.frames.size (); i++)
    EXPECT_EQ (client.frames[i].header.sequence, client.frames[i - 1].header.sequence + 1);
  // Joining asked upstream for the keyframe.
  std::lock_guard<std::mutex> plock (p.mutex);
  EXPECT_GE (p.CountEvents (IsForceKeyUnit), 1);
}

TEST (WebsocketFrameSink, ALateJoinerGetsAKeyframeOfItsOwn)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient first (p.port, {});
  ASSERT_TRUE (first.WaitFor ([&] { return first.frames.size () >= 45; }));
  WsTestClient late (p.port, {});
  ASSERT_TRUE (late.WaitFor ([&] { return late.frames.size () >= 5; }));
  uint32_t start;
  {
    std::lock_guard<std::mutex> lock (late.mutex);
    EXPECT_TRUE (late.frames.front ().header.flags & 1);
    start = late.frames.front ().header.sequence;
  }
  // The encoder's GOP is effectively infinite: that keyframe was made for the join.
  std::lock_guard<std::mutex> lock (first.mutex);
  EXPECT_GE (start, 45u);
  const auto made_for_join = std::find_if (first.frames.begin (), first.frames.end (),
      [start] (const webdesk::testing::ReceivedFrame &f) { return f.header.sequence == start; });
  ASSERT_NE (made_for_join, first.frames.end ());
  EXPECT_TRUE (made_for_join->header.flags & 1);
}

TEST (WebsocketFrameSink, BadMessagesCloseOnlyTheirClientWithAReason)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient good (p.port, {});
  ASSERT_TRUE (good.WaitFor ([&] { return !good.frames.empty (); }));

  WsTestClient malformed (p.port, {});
  WsTestClient unknown (p.port, {});
  WsTestClient oversized (p.port, {});
  WsTestClient binary (p.port, {});
  WsTestClient bad_field (p.port, {});
  WsTestClient no_hello (p.port, {.send_hello = false});
  for (WsTestClient *c : {&malformed, &unknown, &oversized, &binary, &bad_field, &no_hello})
    ASSERT_TRUE (c->WaitFor ([c] { return c->open; }));
  malformed.SendText ("{\"type\": \"ack\", ");
  unknown.SendText ("{\"type\":\"launch-missiles\"}");
  oversized.SendText ("{\"type\":\"clipboard\",\"text\":\"" + std::string (300 * 1024, 'x') + "\"}");
  binary.SendBinary ({1, 2, 3});
  bad_field.SendText ("{\"type\":\"pointer-move\",\"x\":\"left\",\"y\":1}");
  no_hello.SendText ("{\"type\":\"ack\",\"sequence\":1}");

  const struct {
    WsTestClient *client;
    uint16_t code;
    const char *reason_part;
  } expected[] = {
      {&malformed, 1007, "JSON"},
      {&unknown, 4000, "launch-missiles"},
      {&oversized, 1009, "limit"},
      {&binary, 1003, "binary"},
      {&bad_field, 4001, "\"x\""},
      {&no_hello, 1008, "hello"},
  };
  for (const auto &e : expected) {
    ASSERT_TRUE (e.client->WaitFor ([&] { return e.client->closed; })) << e.code;
    std::lock_guard<std::mutex> lock (e.client->mutex);
    EXPECT_EQ (e.client->close_code, e.code);
    EXPECT_NE (e.client->close_reason.find (e.reason_part), std::string::npos)
        << e.client->close_reason;
  }

  // The good client still receives, and the server still takes new viewers.
  size_t before;
  {
    std::lock_guard<std::mutex> lock (good.mutex);
    before = good.frames.size ();
    EXPECT_FALSE (good.closed);
  }
  EXPECT_TRUE (good.WaitFor ([&] { return good.frames.size () >= before + 15; }));
  WsTestClient newcomer (p.port, {});
  EXPECT_TRUE (newcomer.WaitFor ([&] { return !newcomer.frames.empty (); }));
}

TEST (WebsocketFrameSink, AStalledClientDoesNotStallTheOthers)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient fast (p.port, {});
  WsTestClient stalled (p.port, {});
  ASSERT_TRUE (stalled.WaitFor ([&] { return !stalled.frames.empty (); }));
  stalled.Freeze ();  // stops reading its socket and acknowledging

  size_t before;
  {
    std::lock_guard<std::mutex> lock (fast.mutex);
    before = fast.frames.size ();
  }
  // Two seconds of video reach the fast client while the other one is stalled.
  ASSERT_TRUE (fast.WaitFor ([&] { return fast.frames.size () >= before + 60; }));
  GstStructure *stats = p.Stats ();
  const GValue *list = gst_structure_get_value (stats, "client-stats");
  ASSERT_EQ (gst_value_list_get_size (list), 2u);
  guint64 dropped_total = 0;
  guint max_in_flight = 0;
  for (guint i = 0; i < 2; i++) {
    const GstStructure *c = gst_value_get_structure (gst_value_list_get_value (list, i));
    guint64 dropped = 0;
    guint in_flight = 0;
    gst_structure_get_uint64 (c, "frames-dropped", &dropped);
    gst_structure_get_uint (c, "frames-in-flight", &in_flight);
    dropped_total += dropped;
    max_in_flight = std::max (max_in_flight, in_flight);
  }
  gst_structure_free (stats);
  EXPECT_GT (dropped_total, 0u) << "the stalled client's frames are skipped, not queued";
  EXPECT_LE (max_in_flight, 16u);

  // Thawed, it catches up and restarts at a keyframe.
  size_t stalled_before;
  {
    std::lock_guard<std::mutex> lock (stalled.mutex);
    stalled_before = stalled.frames.size ();
  }
  stalled.Thaw ();
  ASSERT_TRUE (stalled.WaitFor ([&] {
    for (size_t i = stalled_before; i < stalled.frames.size (); i++) {
      if (stalled.frames[i].header.flags & 1)
        return true;
    }
    return false;
  }));
}

TEST (WebsocketFrameSink, InputBecomesUpstreamEvents)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient client (p.port, {});
  ASSERT_TRUE (client.WaitFor ([&] { return !client.frames.empty (); }));
  client.SendText (R"({"type":"pointer-move","x":10,"y":20})");
  client.SendText (R"({"type":"pointer-down","x":11,"y":21,"button":3})");
  client.SendText (R"({"type":"wheel","x":1,"y":2,"dx":0,"dy":-1})");
  client.SendText (R"({"type":"key-down","key":"a","code":30,"text":"a"})");
  client.SendText (R"({"type":"resize","width":800,"height":600,"scale":2})");
  client.SendText (R"({"type":"clipboard","text":"from the browser"})");
  auto is_clipboard = [] (GstEvent *e) {
    g_autofree gchar *text = gst_webdesk_event_parse_clipboard (e);
    return text && g_str_equal (text, "from the browser");
  };
  ASSERT_TRUE (p.WaitFor ([&] { return p.CountEvents (is_clipboard) == 1; }));

  std::lock_guard<std::mutex> lock (p.mutex);
  for (GstEvent *e : p.events) {
    if (IsNavigation (e, GST_NAVIGATION_EVENT_MOUSE_MOVE)) {
      gdouble x = 0, y = 0;
      ASSERT_TRUE (gst_navigation_event_parse_mouse_move_event (e, &x, &y));
      EXPECT_DOUBLE_EQ (x, 10);
      EXPECT_DOUBLE_EQ (y, 20);
    } else if (IsNavigation (e, GST_NAVIGATION_EVENT_MOUSE_BUTTON_PRESS)) {
      gint button = 0;
      gdouble x = 0, y = 0;
      ASSERT_TRUE (gst_navigation_event_parse_mouse_button_event (e, &button, &x, &y));
      EXPECT_EQ (button, 3);
      EXPECT_DOUBLE_EQ (x, 11);
    } else if (IsNavigation (e, GST_NAVIGATION_EVENT_MOUSE_SCROLL)) {
      gdouble x, y, dx = 5, dy = 0;
      ASSERT_TRUE (gst_navigation_event_parse_mouse_scroll_event (e, &x, &y, &dx, &dy));
      EXPECT_DOUBLE_EQ (dy, -1);
    } else if (IsNavigation (e, GST_NAVIGATION_EVENT_KEY_PRESS)) {
      const gchar *key = nullptr, *text = nullptr;
      guint code = 0;
      ASSERT_TRUE (gst_navigation_event_parse_key_event (e, &key));
      EXPECT_STREQ (key, "a");
      ASSERT_TRUE (gst_webdesk_navigation_parse_key_fields (e, &code, &text));
      EXPECT_EQ (code, 30u);
      EXPECT_STREQ (text, "a");
    }
  }
  EXPECT_EQ (p.CountEvents ([] (GstEvent *e) {
    return IsNavigation (e, GST_NAVIGATION_EVENT_MOUSE_MOVE);
  }), 1);
  EXPECT_EQ (p.CountEvents ([] (GstEvent *e) {
    return IsNavigation (e, GST_NAVIGATION_EVENT_KEY_PRESS);
  }), 1);
  EXPECT_EQ (p.CountEvents ([] (GstEvent *e) {
    gint w = 0, h = 0;
    gdouble scale = 0;
    return gst_webdesk_event_parse_resize (e, &w, &h, &scale) && w == 800 && h == 600 &&
           scale == 2.0;
  }), 1);
}

TEST (WebsocketFrameSink, TheDesktopClipboardReachesEveryViewer)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient a (p.port, {}), b (p.port, {});
  for (WsTestClient *c : {&a, &b})
    ASSERT_TRUE (c->WaitFor ([c] { return !c->frames.empty (); }));
  GstPad *pad = gst_element_get_static_pad (p.sink, "sink");
  gst_pad_send_event (pad, gst_webdesk_event_new_clipboard_downstream ("copied \"text\""));
  gst_object_unref (pad);
  for (WsTestClient *c : {&a, &b}) {
    EXPECT_TRUE (c->WaitFor ([c] {
      return std::any_of (c->texts.begin (), c->texts.end (), [] (const std::string &t) {
        return t == R"({"type":"clipboard","text":"copied \"text\""})";
      });
    }));
  }
}

TEST (WebsocketFrameSink, ConnectsAndDisconnectsArePostedOnTheBus)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  {
    std::lock_guard<std::mutex> lock (p.mutex);
    EXPECT_EQ (p.CountMessages ("listening"), 1);
  }
  {
    WsTestClient client (p.port, {});
    ASSERT_TRUE (p.WaitFor ([&] { return p.CountMessages ("client-connected") == 1; }));
    client.Close ();
    ASSERT_TRUE (p.WaitFor ([&] { return p.CountMessages ("client-disconnected") == 1; }));
  }
  std::lock_guard<std::mutex> lock (p.mutex);
  for (GstStructure *s : p.messages) {
    if (gst_structure_has_name (s, "client-disconnected")) {
      gint clients = -1;
      guint code = 0;
      EXPECT_TRUE (gst_structure_get_int (s, "clients", &clients));
      EXPECT_EQ (clients, 0);
      EXPECT_TRUE (gst_structure_get_uint (s, "code", &code));
      EXPECT_EQ (code, 1000u);
    }
  }
}

// Upstream (paintoverscheduler) stops feeding the encoder while nobody watches.
TEST (WebsocketFrameSink, UpstreamLearnsHowManyViewersWatch)
{
  Pipeline p;
  auto counts = [&p] {
    std::vector<guint> out;
    for (GstEvent *e : p.events) {
      guint n;
      if (gst_webdesk_event_parse_viewers (e, &n))
        out.push_back (n);
    }
    return out;
  };
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.WaitFor ([&] { return counts ().size () == 1; })) << "told at the first frame";
  {
    WsTestClient client (p.port, {});
    ASSERT_TRUE (p.WaitFor ([&] { return counts ().size () == 2; }));
    client.Close ();
    ASSERT_TRUE (p.WaitFor ([&] { return counts ().size () == 3; }));
  }
  std::lock_guard<std::mutex> lock (p.mutex);
  EXPECT_EQ (counts (), (std::vector<guint> {0, 1, 0}));
}

TEST (WebsocketFrameSink, High444IsOfferedOnlyWhileEveryViewerDecodesIt)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  GstPad *pad = gst_element_get_static_pad (p.sink, "sink");
  auto offers_444 = [pad] {
    GstCaps *caps = gst_pad_query_caps (pad, nullptr);
    GstCaps *want = gst_caps_from_string ("video/x-h264,profile=high-4:4:4");
    const bool yes = gst_caps_can_intersect (caps, want);
    gst_caps_unref (want);
    gst_caps_unref (caps);
    return yes;
  };
  auto reconfigures = [&p] {
    return p.CountEvents ([] (GstEvent *e) { return GST_EVENT_TYPE (e) == GST_EVENT_RECONFIGURE; });
  };
  EXPECT_TRUE (offers_444 ());  // nobody connected
  WsTestClient full (p.port, {.decodes_444 = true});
  ASSERT_TRUE (full.WaitFor ([&] { return !full.frames.empty (); }));
  EXPECT_TRUE (offers_444 ());
  int before;
  {
    std::lock_guard<std::mutex> lock (p.mutex);
    before = reconfigures ();
  }
  {
    WsTestClient only420 (p.port, {.decodes_444 = false});
    ASSERT_TRUE (p.WaitFor ([&] { return reconfigures () > before; }));
    EXPECT_FALSE (offers_444 ());
    ASSERT_TRUE (only420.WaitFor ([&] { return !only420.frames.empty (); }));
    std::lock_guard<std::mutex> lock (only420.mutex);
    EXPECT_FALSE (only420.frames.front ().high444);
  }
  // Once it has gone, 4:4:4 is offered again.
  ASSERT_TRUE (p.WaitFor ([&] { return reconfigures () > before + 1; }));
  EXPECT_TRUE (offers_444 ());
  gst_object_unref (pad);
}

TEST (WebsocketFrameSink, TheStreamTurns420WhileAViewerCannotDecode444)
{
  if (Encoder () != "h264qualityenc")
    GTEST_SKIP () << "needs h264qualityenc (chroma=auto follows downstream caps)";
  Pipeline p ("", "videotestsrc is-live=true pattern=smpte ! video/x-raw,format=BGRx,width=160,"
                  "height=120,framerate=30/1");
  ASSERT_TRUE (p.Play ());
  auto keyframe_after = [] (WsTestClient &c, size_t from, bool high444) {
    for (size_t i = from; i < c.frames.size (); i++) {
      if ((c.frames[i].header.flags & 1) && c.frames[i].high444 == high444)
        return true;
    }
    return false;
  };
  WsTestClient full (p.port, {.decodes_444 = true});
  ASSERT_TRUE (full.WaitFor ([&] { return !full.frames.empty (); }));
  {
    std::lock_guard<std::mutex> lock (full.mutex);
    EXPECT_TRUE (full.frames.front ().high444) << "full-chroma input, only 4:4:4 viewers";
  }
  size_t mark;
  {
    WsTestClient only420 (p.port, {.decodes_444 = false});
    ASSERT_TRUE (only420.WaitFor ([&] { return !only420.frames.empty (); }));
    {
      std::lock_guard<std::mutex> lock (only420.mutex);
      EXPECT_FALSE (only420.frames.front ().high444);
    }
    EXPECT_TRUE (full.WaitFor ([&] { return keyframe_after (full, 0, false); }));
    std::lock_guard<std::mutex> lock (full.mutex);
    mark = full.frames.size ();
  }
  // With the 4:2:0 viewer gone the stream goes back to 4:4:4.
  EXPECT_TRUE (full.WaitFor ([&] { return keyframe_after (full, mark, true); }));
}

TEST (WebsocketFrameSink, LosslessFramesOnlyWhileEveryViewerDecodesThem)
{
  if (Encoder () != "h264qualityenc")
    GTEST_SKIP () << "needs h264qualityenc (lossless=auto follows downstream caps)";
  Pipeline p ("", "videotestsrc is-live=true pattern=smpte ! video/x-raw,format=BGRx,width=160,"
                  "height=120,framerate=30/1");
  ASSERT_TRUE (p.Play ());
  auto keyframe_after = [] (WsTestClient &c, size_t from, bool lossless) {
    for (size_t i = from; i < c.frames.size (); i++) {
      if ((c.frames[i].header.flags & 1) && c.frames[i].lossless == lossless)
        return true;
    }
    return false;
  };
  WsTestClient exact (p.port, {.decodes_444 = true, .decodes_lossless = true});
  ASSERT_TRUE (exact.WaitFor ([&] { return !exact.frames.empty (); }));
  {
    std::lock_guard<std::mutex> lock (exact.mutex);
    EXPECT_TRUE (exact.frames.front ().lossless) << "every viewer decodes lossless frames";
    EXPECT_TRUE (exact.frames.front ().high444);
  }
  size_t mark;
  {
    // A viewer that decodes 4:4:4 but not lossless frames: it never starts on a lossless
    // keyframe, and the stream turns lossy (still 4:4:4) for both.
    WsTestClient lossy (p.port, {.decodes_444 = true, .decodes_lossless = false});
    ASSERT_TRUE (lossy.WaitFor ([&] { return !lossy.frames.empty (); }));
    {
      std::lock_guard<std::mutex> lock (lossy.mutex);
      EXPECT_FALSE (lossy.frames.front ().lossless);
      EXPECT_TRUE (lossy.frames.front ().high444);
    }
    EXPECT_TRUE (exact.WaitFor ([&] { return keyframe_after (exact, 0, false); }));
    std::lock_guard<std::mutex> lock (exact.mutex);
    mark = exact.frames.size ();
  }
  // With it gone the stream goes back to lossless frames.
  EXPECT_TRUE (exact.WaitFor ([&] { return keyframe_after (exact, mark, true); }));
}
