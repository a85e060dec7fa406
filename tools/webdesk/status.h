// SPDX-License-Identifier: LGPL-2.1-or-later
// The one status line webdesk keeps up to date: clients, frame rate, bitrate, latency.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

namespace webdesk {

// Frames and bytes over a sliding window of time (microseconds, any monotonic origin).
class RateMeter {
 public:
  explicit RateMeter (int64_t window_us = 2'000'000) : window_us_ (window_us) {}
  void Add (int64_t now_us, uint64_t bytes);
  double FramesPerSecond (int64_t now_us);
  double BitsPerSecond (int64_t now_us);

 private:
  void Expire (int64_t now_us);
  struct Sample {
    int64_t time_us;
    uint64_t bytes;
  };
  int64_t window_us_;
  std::deque<Sample> samples_;
  uint64_t bytes_in_window_ = 0;
};

struct Status {
  int clients = 0;
  double fps = 0;
  double bits_per_second = 0;
  double latency_ms = -1;  // < 0: not known yet
};

// "2 clients | 60.0 fps | 3.4 Mbit/s | 7 ms latency"
std::string FormatStatus (const Status &status);

}  // namespace webdesk
