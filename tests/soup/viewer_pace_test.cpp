// SPDX-License-Identifier: LGPL-2.1-or-later
// The sink's pace over all viewers: behind only when every viewer is behind (the fastest sets
// the pace), and changes reported once.
#include <gtest/gtest.h>

#include "viewer-pace.h"

namespace {

constexpr int64_t kMs = 1000;

webdesk::FrameFacts
Frame (uint32_t seq)
{
  webdesk::FrameFacts f;
  f.sequence = seq;
  f.keyframe = seq == 0;
  f.bytes = 1000;
  return f;
}

// Sends frames 0..n-1, one every 10 ms from 0; a prompt client acks each 20 ms after it went.
void
Send (webdesk::ClientFlow *flow, uint32_t from, uint32_t to, bool acks)
{
  for (uint32_t s = from; s < to; s++) {
    flow->OnFrame (Frame (s), s * 10 * kMs);
    if (acks)
      flow->OnAck (s, s * 10 * kMs + 20 * kMs);
  }
}

}  // namespace

TEST (ViewerPace, NoViewersIsNotBehind)
{
  webdesk::ViewerPace pace;
  EXPECT_EQ (pace.Evaluate ({}, 0), std::nullopt);
  EXPECT_FALSE (pace.behind ());
}

TEST (ViewerPace, OnePromptViewerKeepsThePaceWhileAnotherIsSlow)
{
  webdesk::ClientFlow prompt ({}, false), slow ({}, false);
  webdesk::ViewerPace pace;
  Send (&prompt, 0, 10, true);
  Send (&slow, 0, 10, false);
  ASSERT_TRUE (slow.Behind (100 * kMs));
  ASSERT_FALSE (prompt.Behind (100 * kMs));
  EXPECT_EQ (pace.Evaluate ({&prompt, &slow}, 100 * kMs), std::nullopt);
  EXPECT_FALSE (pace.behind ());
}

TEST (ViewerPace, BehindWhenEveryViewerIsBehindAndReEvaluatedWhenOneLeaves)
{
  webdesk::ClientFlow a ({}, false), b ({}, false);
  webdesk::ViewerPace pace;
  Send (&a, 0, 10, true);
  Send (&b, 0, 10, true);
  EXPECT_EQ (pace.Evaluate ({&a, &b}, 100 * kMs), std::nullopt);
  // Both stop acknowledging: behind, said once.
  Send (&a, 10, 20, false);
  Send (&b, 10, 20, false);
  EXPECT_EQ (pace.Evaluate ({&a, &b}, 200 * kMs), std::optional<bool> (true));
  EXPECT_EQ (pace.Evaluate ({&a, &b}, 210 * kMs), std::nullopt);
  // b catches up: the pace follows it.
  b.OnAck (19, 220 * kMs);
  EXPECT_EQ (pace.Evaluate ({&a, &b}, 220 * kMs), std::optional<bool> (false));
  // b falls behind again, then leaves: a alone is still behind.
  b.OnFrame (Frame (20), 230 * kMs);
  EXPECT_EQ (pace.Evaluate ({&a, &b}, 400 * kMs), std::optional<bool> (true));
  EXPECT_EQ (pace.Evaluate ({&a}, 410 * kMs), std::nullopt);
  // The last viewer leaves: nobody to wait for.
  EXPECT_EQ (pace.Evaluate ({}, 420 * kMs), std::optional<bool> (false));
}

TEST (ViewerPace, TheSlowViewerLeavingLeavesThePromptOneInCharge)
{
  webdesk::ClientFlow prompt ({}, false), slow ({}, false);
  webdesk::ViewerPace pace;
  Send (&slow, 0, 10, false);
  EXPECT_EQ (pace.Evaluate ({&slow}, 200 * kMs), std::optional<bool> (true));
  // A prompt viewer joins (nothing in flight yet): not behind any more.
  EXPECT_EQ (pace.Evaluate ({&slow, &prompt}, 210 * kMs), std::optional<bool> (false));
  Send (&prompt, 0, 30, true);
  EXPECT_EQ (pace.Evaluate ({&slow, &prompt}, 300 * kMs), std::nullopt);
  EXPECT_EQ (pace.Evaluate ({&prompt}, 310 * kMs), std::nullopt);
  EXPECT_FALSE (pace.behind ());
}
