// SPDX-License-Identifier: LGPL-2.1-or-later
// Keyframe requests: many joins cost at most one keyframe per second, none is forgotten.
#include <gtest/gtest.h>

#include "keyframe-limiter.h"

constexpr int64_t kSecond = 1000000;

TEST (KeyframeLimiter, TheFirstRequestGoesAtOnce)
{
  webdesk::KeyframeLimiter limiter (kSecond);
  EXPECT_TRUE (limiter.Request (5 * kSecond));
  EXPECT_EQ (limiter.DueAt (), -1);
}

TEST (KeyframeLimiter, ABurstOfRequestsCostsOneKeyframePerSecond)
{
  webdesk::KeyframeLimiter limiter (kSecond);
  int sent = 0;
  // 20 joins in 100 ms, then polls every 10 ms for 3 s.
  for (int i = 0; i < 20; i++)
    sent += limiter.Request (i * 5000);
  for (int64_t t = 100000; t <= 3 * kSecond; t += 10000)
    sent += limiter.Poll (t);
  EXPECT_EQ (sent, 2);  // one now, one (the remembered requests) a second later
}

TEST (KeyframeLimiter, ARememberedRequestGoesWhenDue)
{
  webdesk::KeyframeLimiter limiter (kSecond);
  ASSERT_TRUE (limiter.Request (0));
  EXPECT_FALSE (limiter.Request (200000));
  EXPECT_EQ (limiter.DueAt (), kSecond);
  EXPECT_FALSE (limiter.Poll (999999));
  EXPECT_TRUE (limiter.Poll (kSecond));
  EXPECT_EQ (limiter.DueAt (), -1);
}

TEST (KeyframeLimiter, AKeyframeThatCameAnywaySatisfiesWaitingRequests)
{
  webdesk::KeyframeLimiter limiter (kSecond);
  ASSERT_TRUE (limiter.Request (0));
  EXPECT_FALSE (limiter.Request (100000));
  limiter.KeyframeSeen ();
  EXPECT_FALSE (limiter.Poll (2 * kSecond));
}
