// SPDX-License-Identifier: LGPL-2.1-or-later
// The last N latency samples and their percentiles: how long the sink holds a frame between
// its arrival (render) and the socket write, reported by the `stats` property and the bench.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace webdesk {

class LatencyWindow {
 public:
  explicit LatencyWindow (size_t capacity = 4096) : capacity_ (capacity) {}

  void Add (int64_t sample_us);
  // The p-th percentile (0..100) of the samples in the window, nearest-rank; 0 when empty.
  int64_t Percentile (double p) const;
  size_t size () const { return samples_.size (); }
  void Clear ();

 private:
  size_t capacity_;
  size_t next_ = 0;
  std::vector<int64_t> samples_;
};

}  // namespace webdesk
