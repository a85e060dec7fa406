// SPDX-License-Identifier: LGPL-2.1-or-later
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

TEST (ClientFlow, ALosslessKeyframeIsNoStartForClientsThatDoNotDecodeLosslessFrames)
{
  webdesk::ClientFlow lossy ({}, true, false);
  webdesk::ClientFlow exact ({}, true, true);
  webdesk::FrameFacts lossless = Frame (0, true, 1000, true);
  lossless.lossless = true;
  auto d = lossy.OnFrame (lossless);
  EXPECT_FALSE (d.send);
  EXPECT_TRUE (d.want_keyframe);
  EXPECT_TRUE (exact.OnFrame (lossless).send);
  EXPECT_TRUE (lossy.OnFrame (Frame (1, true, 1000, true)).send);
}

TEST (ClientFlow, LosingThePictureWaitsForAKeyframe)
{
  webdesk::ClientFlow flow ({}, false);
  flow.OnFrame (Frame (0, true));
  EXPECT_TRUE (flow.OnPictureLost ());
  EXPECT_FALSE (flow.OnFrame (Frame (1, false)).send);
  EXPECT_TRUE (flow.OnFrame (Frame (2, true)).send);
}

// Pacing: the client acknowledges after decoding, so an ack's delay is RTT + decode time; a
// client is behind once its oldest frame in flight is older than its usual delay + the slack.
namespace {

constexpr int64_t kMs = 1000;
constexpr int64_t kFrameUs = 16667;  // 60 fps

}  // namespace

TEST (ClientFlowPace, AClientThatAcksEachFrameAfterTheRttIsNeverBehind)
{
  webdesk::ClientFlow flow ({}, false);
  const int64_t rtt = 30 * kMs;  // ~2 frames in flight at any time
  for (uint32_t s = 0; s < 600; s++) {
    const int64_t sent = s * kFrameUs;
    ASSERT_TRUE (flow.OnFrame (Frame (s, s == 0), sent).send);
    // Acks of earlier frames that have come back by now (with a little jitter).
    for (uint32_t a = s >= 3 ? s - 3 : 0; a < s; a++) {
      const int64_t back = a * kFrameUs + rtt + (a % 3) * kMs;
      if (back <= sent && back > sent - kFrameUs)
        flow.OnAck (a, back);
    }
    EXPECT_FALSE (flow.Behind (sent)) << "frame " << s;
    EXPECT_FALSE (flow.Behind (sent + kFrameUs - 1)) << "frame " << s;
  }
  EXPECT_NEAR (double (flow.usual_ack_delay_us ()), double (rtt), double (2 * kMs));
}

TEST (ClientFlowPace, AClientWhoseAcksStopIsBehindAfterItsUsualDelayAndTheSlack)
{
  webdesk::ClientFlow flow ({}, false);
  for (uint32_t s = 0; s < 10; s++) {
    flow.OnFrame (Frame (s, s == 0), s * kFrameUs);
    flow.OnAck (s, s * kFrameUs + 20 * kMs);
  }
  EXPECT_EQ (flow.usual_ack_delay_us (), 20 * kMs);
  const int64_t sent = 10 * kFrameUs;
  flow.OnFrame (Frame (10, false), sent);
  // Usual delay 20 ms + slack 50 ms: not yet at 70 ms, behind after it.
  EXPECT_FALSE (flow.Behind (sent + 69 * kMs));
  EXPECT_TRUE (flow.Behind (sent + 71 * kMs));
  // Still behind much later: the usual delay does not grow while no ack comes.
  EXPECT_TRUE (flow.Behind (sent + 10000 * kMs));
  EXPECT_EQ (flow.usual_ack_delay_us (), 20 * kMs);
}

TEST (ClientFlowPace, AClientWhoseAcksComeLaterAndLaterFallsBehind)
{
  // A decoder slower than the stream: each frame waits for the ones before it, so every ack
  // comes 5 ms later than the one before, relative to its frame.
  webdesk::ClientFlow flow ({}, false);
  bool behind = false;
  uint32_t acked = 0;
  uint32_t s = 0;
  for (; s < 60 && !behind; s++) {
    const int64_t now = s * kFrameUs;
    flow.OnFrame (Frame (s, s == 0), now);
    // Frame a is decoded (and acked) at a * (kFrameUs + 5 ms) + 20 ms.
    while (acked < s && acked * (kFrameUs + 5 * kMs) + 20 * kMs <= now) {
      flow.OnAck (acked, acked * (kFrameUs + 5 * kMs) + 20 * kMs);
      acked++;
    }
    behind = flow.Behind (now);
  }
  EXPECT_TRUE (behind);
  // The decoder is 23 % slower than the stream: the oldest frame's wait passes 20 ms + 50 ms
  // of slack after about 18 frames (0.3 s), not at the first late ack.
  EXPECT_GE (s, 12u);
  EXPECT_LE (s, 24u);
}

TEST (ClientFlowPace, ABehindClientStopsBeingBehindOnceItAcks)
{
  webdesk::ClientFlow flow ({}, false);
  flow.OnFrame (Frame (0, true), 0);
  flow.OnAck (0, 20 * kMs);
  for (uint32_t s = 1; s <= 6; s++)
    flow.OnFrame (Frame (s, false), s * kFrameUs);
  const int64_t now = 200 * kMs;
  EXPECT_TRUE (flow.Behind (now));
  flow.OnAck (3, now);  // part of the backlog: frame 4 was sent 133 ms ago, still behind
  EXPECT_TRUE (flow.Behind (now));
  flow.OnAck (6, now + kMs);
  EXPECT_FALSE (flow.Behind (now + kMs));
  EXPECT_FALSE (flow.Behind (now + 1000 * kMs));
}

TEST (ClientFlowPace, WaitingForAKeyframeIsNotBehind)
{
  webdesk::ClientFlow flow ({}, false);
  // A new client: nothing sent before a keyframe, so nothing in flight.
  EXPECT_FALSE (flow.OnFrame (Frame (0, false), 0).send);
  EXPECT_FALSE (flow.Behind (1000 * kMs));
  flow.OnFrame (Frame (1, true), 1000 * kMs);
  flow.OnAck (1, 1030 * kMs);
  // Frames in flight, then it lost its picture: it waits for a keyframe and gets no frames, so
  // it is not behind, even with old frames not yet acknowledged.
  flow.OnFrame (Frame (2, false), 1040 * kMs);
  flow.OnFrame (Frame (3, false), 1050 * kMs);
  flow.OnPictureLost ();
  for (uint32_t s = 4; s < 30; s++)
    EXPECT_FALSE (flow.OnFrame (Frame (s, false), 1050 * kMs + s * kFrameUs).send);
  EXPECT_EQ (flow.frames_in_flight (), 2u);
  EXPECT_FALSE (flow.Behind (5000 * kMs));
}

TEST (ClientFlow, AnAckForAFrameNeverSentIsALie)
{
  webdesk::ClientFlow flow ({}, false);
  EXPECT_FALSE (flow.OnAck (0)) << "nothing was sent yet";
  ASSERT_TRUE (flow.OnFrame (Frame (7, true)).send);
  ASSERT_TRUE (flow.OnFrame (Frame (8, false)).send);
  EXPECT_FALSE (flow.OnAck (9));
  EXPECT_FALSE (flow.OnAck (8 + (1u << 30)));
  EXPECT_EQ (flow.frames_in_flight (), 2u) << "a lie acknowledges nothing";
  EXPECT_TRUE (flow.OnAck (7));
  EXPECT_TRUE (flow.OnAck (7)) << "again: harmless";
  EXPECT_TRUE (flow.OnAck (8));
  EXPECT_EQ (flow.frames_in_flight (), 0u);
}

TEST (ClientFlow, AFullConnectionSkipsFramesWhateverTheAcksSay)
{
  webdesk::ClientFlow flow ({}, false);
  ASSERT_TRUE (flow.OnFrame (Frame (0, true)).send);
  flow.OnAck (0);
  // Acked, yet its connection still holds too much that it has not taken.
  EXPECT_FALSE (flow.OnFrame (Frame (1, false), 0, true).send);
  EXPECT_TRUE (flow.waiting_for_keyframe ());
  EXPECT_FALSE (flow.OnFrame (Frame (2, false)).send) << "resumes at a keyframe only";
  EXPECT_TRUE (flow.OnFrame (Frame (3, true)).send);
}
