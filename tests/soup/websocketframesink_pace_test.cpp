// Pacing: websocketframesink tells upstream (webdesk-pace) when every viewer is behind, that is
// when its acknowledgements (sent once a frame is decoded) stop keeping up, and when one catches
// up. A real pipeline and a real libsoup WebSocket client that holds its acknowledgements.
#include <gtest/gtest.h>

#include "sink_pipeline.h"
#include "ws-test-client.h"

using webdesk::testing::Pipeline;
using webdesk::testing::WsTestClient;

namespace {

// The behind values of the webdesk-pace events that reached upstream, in order (under p.mutex).
std::vector<bool>
PaceEvents (Pipeline &p)
{
  std::vector<bool> out;
  for (GstEvent *e : p.events) {
    gboolean behind;
    if (gst_webdesk_event_parse_pace (e, &behind)) {
      EXPECT_EQ (GST_EVENT_TYPE (e), GST_EVENT_CUSTOM_UPSTREAM);
      out.push_back (behind);
    }
  }
  return out;
}

}  // namespace

TEST (WebsocketFrameSinkPace, AViewerThatHoldsItsAcksMakesUpstreamWaitUntilItAcks)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient::Options options;
  options.auto_ack = false;
  WsTestClient client (p.port, options);
  // Frames arrive, and are not acknowledged (a decoder that has not got through them).
  ASSERT_TRUE (client.WaitFor ([&] { return client.frames.size () >= 3; }));
  ASSERT_TRUE (p.WaitFor ([&] { return !PaceEvents (p).empty (); }))
      << "no webdesk-pace while the only viewer acknowledged nothing";
  {
    std::lock_guard<std::mutex> lock (p.mutex);
    EXPECT_EQ (PaceEvents (p), std::vector<bool> ({true}));
  }
  {
    GstStructure *stats = p.Stats ();
    gboolean behind = FALSE;
    EXPECT_TRUE (gst_structure_get_boolean (stats, "behind", &behind));
    EXPECT_TRUE (behind);
    gst_structure_free (stats);
  }
  // The sink stops sending at 16 frames in flight (FlowLimits); then the client acknowledges
  // everything it received: it has caught up, upstream may send again.
  ASSERT_TRUE (client.WaitFor ([&] { return client.frames.size () >= 16; }));
  uint32_t last;
  {
    std::lock_guard<std::mutex> lock (client.mutex);
    ASSERT_EQ (client.frames.size (), 16u);
    last = client.frames.back ().header.sequence;
  }
  client.SendText ("{\"type\":\"ack\",\"sequence\":" + std::to_string (last) + "}");
  ASSERT_TRUE (p.WaitFor ([&] { return PaceEvents (p).size () >= 2; }));
  {
    std::lock_guard<std::mutex> lock (p.mutex);
    const std::vector<bool> pace = PaceEvents (p);
    EXPECT_EQ (pace[0], true);
    EXPECT_EQ (pace[1], false);
  }
  // The stats say so too, with the delay of its ack (from the first frame's sending to now).
  GstStructure *stats = p.Stats ();
  gboolean behind = TRUE;
  EXPECT_TRUE (gst_structure_get_boolean (stats, "behind", &behind));
  EXPECT_FALSE (behind);
  const GValue *list = gst_structure_get_value (stats, "client-stats");
  ASSERT_EQ (gst_value_list_get_size (list), 1u);
  gint64 delay = 0;
  EXPECT_TRUE (gst_structure_get_int64 (
      gst_value_get_structure (gst_value_list_get_value (list, 0)), "ack-delay-us", &delay));
  EXPECT_GT (delay, 0);
  gst_structure_free (stats);
}

TEST (WebsocketFrameSinkPace, AViewerLeavingWhileBehindLetsUpstreamGoOn)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  {
    WsTestClient::Options options;
    options.auto_ack = false;
    WsTestClient client (p.port, options);
    ASSERT_TRUE (p.WaitFor ([&] { return !PaceEvents (p).empty (); }));
  }
  // Nobody left to wait for.
  ASSERT_TRUE (p.WaitFor ([&] { return PaceEvents (p).size () >= 2; }));
  std::lock_guard<std::mutex> lock (p.mutex);
  EXPECT_EQ (PaceEvents (p), std::vector<bool> ({true, false}));
}
