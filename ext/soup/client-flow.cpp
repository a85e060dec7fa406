// SPDX-License-Identifier: LGPL-2.1-or-later
// See client-flow.h.
#include "client-flow.h"

namespace webdesk {

bool
ClientFlow::HasRoomFor (size_t bytes) const
{
  if (in_flight_.size () >= limits_.max_frames_in_flight)
    return false;
  // A single frame larger than the byte budget still goes to a client that has caught up.
  return in_flight_.empty () || bytes_in_flight_ + bytes <= limits_.max_bytes_in_flight;
}

ClientFlow::Decision
ClientFlow::OnFrame (const FrameFacts &frame, int64_t now_us, bool connection_full)
{
  Decision d;
  if (connection_full || !HasRoomFor (frame.bytes)) {
    // Behind: skip, and restart at a keyframe once the acknowledgements have caught up.
    waiting_for_keyframe_ = true;
    frames_dropped_++;
    return d;
  }
  if (waiting_for_keyframe_) {
    const bool usable = frame.keyframe && (decodes_444_ || !frame.high444) &&
        (decodes_lossless_ || !frame.lossless);
    if (!usable) {
      frames_dropped_++;
      d.want_keyframe = true;
      return d;
    }
    waiting_for_keyframe_ = false;
  }
  in_flight_.push_back ({frame.sequence, frame.bytes, now_us});
  sent_any_ = true;
  newest_sent_ = frame.sequence;
  bytes_in_flight_ += frame.bytes;
  frames_sent_++;
  d.send = true;
  return d;
}

bool
ClientFlow::OnAck (uint32_t sequence, int64_t now_us)
{
  if (!sent_any_ || int32_t (sequence - newest_sent_) > 0)
    return false;
  // Sequence numbers wrap; "at or before the acknowledged one" is a signed difference <= 0.
  bool acked = false;
  int64_t newest_sent_us = 0;
  while (!in_flight_.empty () && int32_t (in_flight_.front ().sequence - sequence) <= 0) {
    bytes_in_flight_ -= in_flight_.front ().bytes;
    newest_sent_us = in_flight_.front ().sent_us;
    acked = true;
    in_flight_.pop_front ();
  }
  if (!acked)
    return true;  // again, or for a frame acknowledged already
  // The newest frame acknowledged has the smallest delay of those this ack covers.
  const int64_t delay = now_us - newest_sent_us;
  while (!delays_.empty () && delays_.back ().delay_us >= delay)
    delays_.pop_back ();
  delays_.push_back ({now_us, delay});
  // The window ends at the newest acknowledgement: a client that stops acknowledging keeps the
  // usual delay it had.
  while (now_us - delays_.front ().at_us > limits_.ack_delay_window_us)
    delays_.pop_front ();
  return true;
}

bool
ClientFlow::Behind (int64_t now_us) const
{
  // A client waiting for a keyframe gets no frames: nothing to pace for (what it still has in
  // flight it discards, acknowledging at once).
  if (in_flight_.empty () || waiting_for_keyframe_)
    return false;
  return now_us - in_flight_.front ().sent_us > usual_ack_delay_us () + limits_.pace_slack_us;
}

bool
ClientFlow::OnPictureLost ()
{
  waiting_for_keyframe_ = true;
  return true;
}

}  // namespace webdesk
