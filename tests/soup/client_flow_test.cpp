// Per-client flow control: joins start at a keyframe, a client that stops acknowledging stops
// getting frames (and costs nobody a keyframe until it has caught up), 4:4:4 keyframes are no
// starting point for a client that cannot decode them.
#include <gtest/gtest.h>

#include "client-flow.h"

namespace {

webdesk::FrameFacts
Frame (uint32_t seq, bool key, size_t bytes = 1000, bool high444 = false)
{
  webdesk::FrameFacts f;
  f.sequence = seq;
  f.keyframe = key;
  f.bytes = bytes;
  f.high444 = high444;
  return f;
}

}  // namespace

TEST (ClientFlow, ANewClientGetsNothingBeforeAKeyframe)
{
  webdesk::ClientFlow flow ({}, false);
  auto d = flow.OnFrame (Frame (0, false));
  EXPECT_FALSE (d.send);
  EXPECT_TRUE (d.want_keyframe);
  EXPECT_TRUE (flow.OnFrame (Frame (1, true)).send);
  EXPECT_TRUE (flow.OnFrame (Frame (2, false)).send);
  EXPECT_FALSE (flow.waiting_for_keyframe ());
}

TEST (ClientFlow, AClientThatStopsAcknowledgingStopsReceiving)
{
  webdesk::FlowLimits limits;
  limits.max_frames_in_flight = 4;
  webdesk::ClientFlow flow (limits, false);
  ASSERT_TRUE (flow.OnFrame (Frame (0, true)).send);
  for (uint32_t s = 1; s < 4; s++)
    ASSERT_TRUE (flow.OnFrame (Frame (s, false)).send);
  // Four frames in flight: the fifth is skipped, and asking for a keyframe now would only
  // make one the stalled client cannot take either.
  auto d = flow.OnFrame (Frame (4, false));
  EXPECT_FALSE (d.send);
  EXPECT_FALSE (d.want_keyframe);
  EXPECT_TRUE (flow.waiting_for_keyframe ());
  EXPECT_EQ (flow.frames_dropped (), 1u);
}

TEST (ClientFlow, ACaughtUpClientResumesAtTheNextKeyframe)
{
  webdesk::FlowLimits limits;
  limits.max_frames_in_flight = 2;
  webdesk::ClientFlow flow (limits, false);
  flow.OnFrame (Frame (0, true));
  flow.OnFrame (Frame (1, false));
  EXPECT_FALSE (flow.OnFrame (Frame (2, false)).send);
  flow.OnAck (1);
  EXPECT_EQ (flow.frames_in_flight (), 0u);
  // Caught up but its decoder missed frame 2: deltas are no use, so it asks for a keyframe.
  auto d = flow.OnFrame (Frame (3, false));
  EXPECT_FALSE (d.send);
  EXPECT_TRUE (d.want_keyframe);
  EXPECT_TRUE (flow.OnFrame (Frame (4, true)).send);
  EXPECT_TRUE (flow.OnFrame (Frame (5, false)).send);
}

TEST (ClientFlow, BytesInFlightAreBoundedButOneBigKeyframeStillGoes)
{
  webdesk::FlowLimits limits;
  limits.max_bytes_in_flight = 10000;
  webdesk::ClientFlow flow (limits, false);
  EXPECT_TRUE (flow.OnFrame (Frame (0, true, 50000)).send);  // alone, larger than the budget
  EXPECT_FALSE (flow.OnFrame (Frame (1, false, 100)).send);
  flow.OnAck (0);
  EXPECT_EQ (flow.bytes_in_flight (), 0u);
}

TEST (ClientFlow, AcknowledgementsWrapAroundWithTheSequence)
{
  webdesk::ClientFlow flow ({}, false);
  flow.OnFrame (Frame (0xFFFFFFFE, true));
  flow.OnFrame (Frame (0xFFFFFFFF, false));
  flow.OnFrame (Frame (0, false));
  flow.OnFrame (Frame (1, false));
  flow.OnAck (0);
  EXPECT_EQ (flow.frames_in_flight (), 1u);  // only frame 1 left
}

TEST (ClientFlow, A444KeyframeIsNoStartFor420Clients)
{
  webdesk::ClientFlow only420 ({}, false);
  webdesk::ClientFlow full ({}, true);
  auto d = only420.OnFrame (Frame (0, true, 1000, true));
  EXPECT_FALSE (d.send);
  EXPECT_TRUE (d.want_keyframe);
  EXPECT_TRUE (full.OnFrame (Frame (0, true, 1000, true)).send);
  EXPECT_TRUE (only420.OnFrame (Frame (1, true, 1000, false)).send);
}

TEST (ClientFlow, LosingThePictureWaitsForAKeyframe)
{
  webdesk::ClientFlow flow ({}, false);
  flow.OnFrame (Frame (0, true));
  EXPECT_TRUE (flow.OnPictureLost ());
  EXPECT_FALSE (flow.OnFrame (Frame (1, false)).send);
  EXPECT_TRUE (flow.OnFrame (Frame (2, true)).send);
}
