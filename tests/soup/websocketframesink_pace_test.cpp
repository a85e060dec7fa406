// SPDX-License-Identifier: LGPL-2.1-or-later
// Pacing: websocketframesink tells upstream (webdesk-pace) when every viewer is behind, that is
// when its acknowledgements (sent once a frame is decoded) stop keeping up, and when one catches
// up. A real pipeline and a real libsoup WebSocket client that holds its acknowledgements.
#include <gtest/gtest.h>

#include <atomic>

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

TEST (WebsocketFrameSinkPace, WithPaceOffUpstreamIsNeverToldToWait)
{
  Pipeline p ("pace=false");
  ASSERT_TRUE (p.Play ());
  WsTestClient::Options options;
  options.auto_ack = false;
  WsTestClient client (p.port, options);
  // The sink stops at 16 frames in flight, as without pacing; upstream hears nothing.
  ASSERT_TRUE (client.WaitFor ([&] { return client.frames.size () >= 16; }));
  g_usleep (200000);
  std::lock_guard<std::mutex> lock (p.mutex);
  EXPECT_TRUE (PaceEvents (p).empty ());
}

TEST (WebsocketFrameSinkPace, TurningPaceOffWhileBehindLetsUpstreamGoOn)
{
  Pipeline p;
  ASSERT_TRUE (p.Play ());
  WsTestClient::Options options;
  options.auto_ack = false;
  WsTestClient client (p.port, options);
  ASSERT_TRUE (p.WaitFor ([&] { return !PaceEvents (p).empty (); }));
  g_object_set (p.sink, "pace", FALSE, nullptr);
  ASSERT_TRUE (p.WaitFor ([&] { return PaceEvents (p).size () >= 2; }));
  std::lock_guard<std::mutex> lock (p.mutex);
  EXPECT_EQ (PaceEvents (p), std::vector<bool> ({true, false}));
}

namespace {

bool
HaveElement (const char *name)
{
  GstElementFactory *f = gst_element_factory_find (name);
  if (f)
    gst_object_unref (f);
  return f != nullptr;
}

}  // namespace

// The whole loop: paintoverscheduler in front of the encoder follows the sink's webdesk-pace. A
// viewer whose acks stop gets no more frames (instead of 16 more, then skipped frames and a
// keyframe restart), and once it has acknowledged what it has, the next frame follows at once,
// in sequence: nothing was skipped.
TEST (WebsocketFrameSinkPace, PaintoverschedulerWaitsForTheViewerAndGoesOnInSequence)
{
  if (!HaveElement ("paintoverscheduler") || !HaveElement ("h264qualityenc"))
    GTEST_SKIP () << "needs paintoverscheduler and h264qualityenc";
  Pipeline p ("", "videotestsrc is-live=true pattern=ball ! "
                  "video/x-raw,format=BGRx,width=160,height=120,framerate=30/1 ! "
                  "paintoverscheduler name=po");
  // Counts the frames going into the scheduler.
  std::atomic<int> captured {0};
  GstElement *po = gst_bin_get_by_name (GST_BIN (p.pipeline), "po");
  GstPad *po_sink = gst_element_get_static_pad (po, "sink");
  gst_pad_add_probe (po_sink, GST_PAD_PROBE_TYPE_BUFFER,
      [] (GstPad *, GstPadProbeInfo *, gpointer n) {
        (*static_cast<std::atomic<int> *> (n))++;
        return GST_PAD_PROBE_OK;
      },
      &captured, nullptr);
  gst_object_unref (po_sink);
  gst_object_unref (po);
  ASSERT_TRUE (p.Play ());
  WsTestClient::Options options;
  options.auto_ack = false;
  WsTestClient client (p.port, options);
  ASSERT_TRUE (p.WaitFor ([&] { return PaceEvents (p).size () == 1; }));
  // Ten more frames captured (a third of a second): the scheduler sends none of them. At most
  // the few already past it when it heard reach the viewer.
  size_t received_when_behind;
  {
    std::lock_guard<std::mutex> lock (client.mutex);
    received_when_behind = client.frames.size ();
  }
  const int target = captured + 10;
  for (int i = 0; i < 1000 && captured < target; i++)
    g_usleep (10000);
  ASSERT_GE (captured, target);
  {
    std::lock_guard<std::mutex> lock (client.mutex);
    EXPECT_LE (client.frames.size (), received_when_behind + 3)
        << "frames went on while the only viewer was behind";
  }
  // Acknowledge what has come, until the sink says the viewer has caught up (frames sent before
  // the scheduler heard may still be on their way the first time).
  size_t acked = 0;
  for (int i = 0; i < 20 && acked == 0; i++) {
    uint32_t last;
    {
      std::lock_guard<std::mutex> lock (client.mutex);
      ASSERT_FALSE (client.frames.empty ());
      last = client.frames.back ().header.sequence;
    }
    client.SendText ("{\"type\":\"ack\",\"sequence\":" + std::to_string (last) + "}");
    if (p.WaitFor ([&] { return PaceEvents (p).size () >= 2; }, 1)) {
      std::lock_guard<std::mutex> lock (client.mutex);
      acked = client.frames.size ();
    }
  }
  ASSERT_GT (acked, 0u) << "the viewer never caught up";
  // While it was behind the scheduler held frames back: the sink never had 16 in flight to it.
  EXPECT_LT (acked, 16u);
  // Caught up: the scheduler's held picture follows at once, and the frames go on in sequence.
  ASSERT_TRUE (client.WaitFor ([&] { return client.frames.size () >= acked + 3; }));
  std::lock_guard<std::mutex> lock (client.mutex);
  for (size_t i = 1; i < client.frames.size (); i++)
    EXPECT_EQ (client.frames[i].header.sequence, client.frames[i - 1].header.sequence + 1);
  // (A keyframe may still come along: the one the join asked for is rate-limited to one a
  // second, so at the stream's start it can follow the first.)
  EXPECT_TRUE (client.frames.front ().header.flags & 1) << "it started at a keyframe";
}
