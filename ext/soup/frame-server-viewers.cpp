// SPDX-License-Identifier: LGPL-2.1-or-later
// FrameServer: what it reports about its viewers, their stats and whether they keep up with
// the stream (pacing). See frame-server.h.
#include "frame-server.h"

namespace webdesk {

void
FrameServer::RecomputePace ()
{
  std::vector<const ClientFlow *> viewers;
  for (auto &c : clients_) {
    if (c->hello && !c->closing && c->flow)
      viewers.push_back (c->flow.get ());
  }
  if (std::optional<bool> changed = pace_.Evaluate (viewers, g_get_monotonic_time ())) {
    UpdateStats ();  // first: whoever hears of the change sees it in the stats
    listener_->OnPaceChanged (*changed);
  }
}

void
FrameServer::UpdateStats ()
{
  ServerStats s;
  s.frames_in = frames_in_;
  s.keyframe_requests = keyframe_requests_;
  s.behind = pace_.behind ();
  for (auto &c : clients_) {
    if (!c->hello || c->closing)
      continue;
    s.clients++;
    ClientStats cs;
    cs.id = c->id;
    cs.remote = c->remote;
    cs.decodes_444 = c->decodes_444;
    cs.decodes_lossless = c->decodes_lossless;
    cs.frames_sent = c->flow->frames_sent ();
    cs.frames_dropped = c->flow->frames_dropped ();
    cs.frames_in_flight = c->flow->frames_in_flight ();
    cs.ack_delay_us = c->flow->usual_ack_delay_us ();
    s.per_client.push_back (cs);
  }
  std::lock_guard<std::mutex> lock (info_mutex_);
  stats_ = std::move (s);
}

ServerStats
FrameServer::Stats () const
{
  std::lock_guard<std::mutex> lock (info_mutex_);
  ServerStats s = stats_;
  s.send_latency_p50_us = latency_.Percentile (50);
  s.send_latency_p99_us = latency_.Percentile (99);
  s.handoff_latency_p50_us = handoff_.Percentile (50);
  s.handoff_latency_p99_us = handoff_.Percentile (99);
  return s;
}

}  // namespace webdesk
