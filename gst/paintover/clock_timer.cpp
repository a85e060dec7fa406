// SPDX-License-Identifier: LGPL-2.1-or-later
#include "clock_timer.h"

namespace webdesk::paintover {

bool
ClockTimer::Begin (uint64_t *generation)
{
  std::lock_guard<std::mutex> lock (lock_);
  *generation = generation_;
  return !stopped_;
}

ClockTimer::Result
ClockTimer::Wait (uint64_t generation, GstClock *clock, GstClockTime when)
{
  GstClockID id;
  {
    std::unique_lock<std::mutex> lock (lock_);
    if (stopped_)
      return Result::kStopped;
    if (generation_ != generation)
      return Result::kChanged;
    if (!GST_CLOCK_TIME_IS_VALID (when) || !clock || !running_) {
      cond_.wait (lock, [&] { return stopped_ || generation_ != generation; });
      return stopped_ ? Result::kStopped : Result::kChanged;
    }
    id = clock_id_ = gst_clock_new_single_shot_id (clock, when);
  }
  // Outside the lock: Wake () unschedules the id, which ends this wait at once.
  const GstClockReturn ret = gst_clock_id_wait (id, nullptr);
  bool stopped;
  {
    std::lock_guard<std::mutex> lock (lock_);
    clock_id_ = nullptr;
    stopped = stopped_;
  }
  gst_clock_id_unref (id);
  if (stopped)
    return Result::kStopped;
  return ret == GST_CLOCK_UNSCHEDULED ? Result::kChanged : Result::kDue;
}

void
ClockTimer::Wake ()
{
  std::lock_guard<std::mutex> lock (lock_);
  generation_++;
  if (clock_id_)
    gst_clock_id_unschedule (clock_id_);
  cond_.notify_all ();
}

void
ClockTimer::SetStopped (bool stopped)
{
  {
    std::lock_guard<std::mutex> lock (lock_);
    stopped_ = stopped;
  }
  Wake ();
}

bool
ClockTimer::stopped ()
{
  std::lock_guard<std::mutex> lock (lock_);
  return stopped_;
}

void
ClockTimer::SetRunning (bool running)
{
  {
    std::lock_guard<std::mutex> lock (lock_);
    running_ = running;
  }
  Wake ();
}

bool
ClockTimer::running ()
{
  std::lock_guard<std::mutex> lock (lock_);
  return running_;
}

}  // namespace webdesk::paintover
