// SPDX-License-Identifier: LGPL-2.1-or-later
// The status line: figures over the last two seconds, readable at a glance.
#include <gtest/gtest.h>

#include "status.h"

TEST (WebdeskStatus, RateMeterCountsOnlyTheLastWindow)
{
  webdesk::RateMeter meter (1'000'000);
  for (int i = 0; i < 30; i++)
    meter.Add (i * 33'333, 1000);  // 30 frames of 1000 bytes in one second
  EXPECT_NEAR (meter.FramesPerSecond (999'999), 30.0, 0.01);
  EXPECT_NEAR (meter.BitsPerSecond (999'999), 240'000.0, 1.0);
  // Two seconds later nothing moved: a still screen reads 0 fps, 0 bit/s.
  EXPECT_EQ (meter.FramesPerSecond (3'000'000), 0.0);
  EXPECT_EQ (meter.BitsPerSecond (3'000'000), 0.0);
}

TEST (WebdeskStatus, LineShowsClientsRateAndLatency)
{
  webdesk::Status s;
  s.clients = 2;
  s.fps = 59.94;
  s.bits_per_second = 3'400'000;
  s.latency_ms = 7.4;
  EXPECT_EQ (webdesk::FormatStatus (s), "2 clients | 59.9 fps | 3.4 Mbit/s | latency 7 ms");
  s.clients = 1;
  s.bits_per_second = 0;
  s.latency_ms = -1;
  EXPECT_EQ (webdesk::FormatStatus (s), "1 client | 59.9 fps | 0 kbit/s | latency -");
}
