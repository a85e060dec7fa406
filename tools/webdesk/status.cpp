// SPDX-License-Identifier: LGPL-2.1-or-later
#include "status.h"

#include <cstdio>

namespace webdesk {

void
RateMeter::Expire (int64_t now_us)
{
  while (!samples_.empty () && samples_.front ().time_us <= now_us - window_us_) {
    bytes_in_window_ -= samples_.front ().bytes;
    samples_.pop_front ();
  }
}

void
RateMeter::Add (int64_t now_us, uint64_t bytes)
{
  samples_.push_back ({now_us, bytes});
  bytes_in_window_ += bytes;
  Expire (now_us);
}

double
RateMeter::FramesPerSecond (int64_t now_us)
{
  Expire (now_us);
  return double (samples_.size ()) * 1e6 / double (window_us_);
}

double
RateMeter::BitsPerSecond (int64_t now_us)
{
  Expire (now_us);
  return double (bytes_in_window_) * 8.0 * 1e6 / double (window_us_);
}

std::string
FormatStatus (const Status &s)
{
  char rate[32];
  if (s.bits_per_second >= 1e6)
    std::snprintf (rate, sizeof rate, "%.1f Mbit/s", s.bits_per_second / 1e6);
  else
    std::snprintf (rate, sizeof rate, "%.0f kbit/s", s.bits_per_second / 1e3);
  char latency[32] = "latency -";
  if (s.latency_ms >= 0)
    std::snprintf (latency, sizeof latency, "latency %.0f ms", s.latency_ms);
  char line[160];
  std::snprintf (line, sizeof line, "%d client%s | %.1f fps | %s | %s", s.clients,
      s.clients == 1 ? "" : "s", s.fps, rate, latency);
  return line;
}

}  // namespace webdesk
