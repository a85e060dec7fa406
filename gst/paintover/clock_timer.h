// SPDX-License-Identifier: LGPL-2.1-or-later
// A one-shot wake-up on a GstClock that other threads can interrupt: the refinement timer of
// paintoverscheduler. The waiting thread (the src pad's task) takes a snapshot, works out its
// deadline, then waits; Wake () from any thread (a new frame, a property, a state change) makes
// the wait return early so the deadline is worked out again. No lost wake-ups: a Wake () between
// the snapshot and the wait counts.
#pragma once

#include <gst/gst.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace webdesk::paintover {

class ClockTimer {
 public:
  enum class Result {
    kDue,      // the clock reached the deadline
    kChanged,  // woken: work the deadline out again
    kStopped,  // flushing or shutting down: stop waiting
  };

  ClockTimer () = default;
  ClockTimer (const ClockTimer &) = delete;
  ClockTimer &operator= (const ClockTimer &) = delete;

  // A snapshot to wait from; false when stopped.
  bool Begin (uint64_t *generation);
  // Waits until `when` (clock time) on `clock`, or for a Wake () when there is no deadline
  // (when == GST_CLOCK_TIME_NONE, clock == nullptr, or not running).
  Result Wait (uint64_t generation, GstClock *clock, GstClockTime when);

  void Wake ();
  // Stopped: every wait returns kStopped until started again.
  void SetStopped (bool stopped);
  bool stopped ();
  // Not running (PAUSED): waits ignore their deadline until running again.
  void SetRunning (bool running);
  bool running ();

 private:
  std::mutex lock_;
  std::condition_variable cond_;
  GstClockID clock_id_ = nullptr;
  bool stopped_ = true;
  bool running_ = false;
  uint64_t generation_ = 0;
};

}  // namespace webdesk::paintover
