// SPDX-License-Identifier: LGPL-2.1-or-later
// The refinement timer on a GstTestClock: it fires at its deadline, and a wake-up, a stop or a
// wake-up that came just before the wait all end it — without sleeps.
#include <gst/check/gsttestclock.h>
#include <gtest/gtest.h>

#include <future>

#include "clock_timer.h"

namespace webdesk::paintover {
namespace {

class ClockTimerTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    clock_ = gst_test_clock_new ();
    timer_.SetStopped (false);
    timer_.SetRunning (true);
  }
  void TearDown () override { gst_object_unref (clock_); }

  // Starts a wait for `when` on another thread.
  std::future<ClockTimer::Result> WaitAsync (GstClockTime when)
  {
    uint64_t generation = 0;
    EXPECT_TRUE (timer_.Begin (&generation));
    return std::async (std::launch::async,
        [this, generation, when] { return timer_.Wait (generation, clock_, when); });
  }
  // Blocks until the waiting thread is on the clock; returns the time it waits for.
  GstClockTime PendingTime ()
  {
    GstClockID id = nullptr;
    gst_test_clock_wait_for_next_pending_id (GST_TEST_CLOCK (clock_), &id);
    const GstClockTime t = gst_clock_id_get_time (id);
    gst_clock_id_unref (id);
    return t;
  }

  GstClock *clock_ = nullptr;
  ClockTimer timer_;
};

TEST_F (ClockTimerTest, FiresWhenTheClockReachesTheDeadline)
{
  auto result = WaitAsync (150 * GST_MSECOND);
  EXPECT_EQ (PendingTime (), 150 * GST_MSECOND);
  EXPECT_TRUE (gst_test_clock_crank (GST_TEST_CLOCK (clock_)));
  EXPECT_EQ (result.get (), ClockTimer::Result::kDue);
}

TEST_F (ClockTimerTest, WakeEndsAWaitEarly)
{
  auto result = WaitAsync (10 * GST_SECOND);
  PendingTime ();
  timer_.Wake ();
  EXPECT_EQ (result.get (), ClockTimer::Result::kChanged);
}

TEST_F (ClockTimerTest, AWakeBeforeTheWaitIsNotLost)
{
  uint64_t generation = 0;
  ASSERT_TRUE (timer_.Begin (&generation));
  timer_.Wake ();  // say, a frame arrived while the deadline was being worked out
  EXPECT_EQ (timer_.Wait (generation, clock_, 10 * GST_SECOND), ClockTimer::Result::kChanged);
}

TEST_F (ClockTimerTest, WithoutADeadlineItWaitsForAWake)
{
  auto result = WaitAsync (GST_CLOCK_TIME_NONE);
  timer_.Wake ();
  EXPECT_EQ (result.get (), ClockTimer::Result::kChanged);
  EXPECT_EQ (gst_test_clock_peek_id_count (GST_TEST_CLOCK (clock_)), 0u);
}

TEST_F (ClockTimerTest, StoppingEndsTheWaitAndRefusesNewOnes)
{
  auto result = WaitAsync (10 * GST_SECOND);
  PendingTime ();
  timer_.SetStopped (true);
  EXPECT_EQ (result.get (), ClockTimer::Result::kStopped);
  uint64_t generation = 0;
  EXPECT_FALSE (timer_.Begin (&generation));
  EXPECT_EQ (timer_.Wait (generation, clock_, GST_SECOND), ClockTimer::Result::kStopped);
}

TEST_F (ClockTimerTest, PausedItIgnoresTheDeadlineUntilRunningAgain)
{
  timer_.SetRunning (false);
  auto result = WaitAsync (GST_SECOND);
  timer_.SetRunning (true);
  EXPECT_EQ (result.get (), ClockTimer::Result::kChanged) << "then it looks afresh";
}

}  // namespace
}  // namespace webdesk::paintover
