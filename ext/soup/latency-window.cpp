// SPDX-License-Identifier: LGPL-2.1-or-later
// See latency-window.h.
#include "latency-window.h"

#include <algorithm>
#include <cmath>

namespace webdesk {

void
LatencyWindow::Add (int64_t sample_us)
{
  if (samples_.size () < capacity_) {
    samples_.push_back (sample_us);
    return;
  }
  samples_[next_] = sample_us;
  next_ = (next_ + 1) % capacity_;
}

int64_t
LatencyWindow::Percentile (double p) const
{
  if (samples_.empty ())
    return 0;
  std::vector<int64_t> sorted (samples_);
  std::sort (sorted.begin (), sorted.end ());
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  size_t rank = size_t (std::ceil (p / 100.0 * double (sorted.size ())));
  rank = std::clamp<size_t> (rank, 1, sorted.size ());
  return sorted[rank - 1];
}

void
LatencyWindow::Clear ()
{
  samples_.clear ();
  next_ = 0;
}

}  // namespace webdesk
