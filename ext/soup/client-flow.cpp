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
ClientFlow::OnFrame (const FrameFacts &frame)
{
  Decision d;
  if (!HasRoomFor (frame.bytes)) {
    // Behind: skip, and restart at a keyframe once the acknowledgements have caught up.
    waiting_for_keyframe_ = true;
    frames_dropped_++;
    return d;
  }
  if (waiting_for_keyframe_) {
    const bool usable = frame.keyframe && (decodes_444_ || !frame.high444);
    if (!usable) {
      frames_dropped_++;
      d.want_keyframe = true;
      return d;
    }
    waiting_for_keyframe_ = false;
  }
  in_flight_.push_back ({frame.sequence, frame.bytes});
  bytes_in_flight_ += frame.bytes;
  frames_sent_++;
  d.send = true;
  return d;
}

void
ClientFlow::OnAck (uint32_t sequence)
{
  // Sequence numbers wrap; "at or before the acknowledged one" is a signed difference <= 0.
  while (!in_flight_.empty () && int32_t (in_flight_.front ().sequence - sequence) <= 0) {
    bytes_in_flight_ -= in_flight_.front ().bytes;
    in_flight_.pop_front ();
  }
}

bool
ClientFlow::OnPictureLost ()
{
  waiting_for_keyframe_ = true;
  return true;
}

}  // namespace webdesk
