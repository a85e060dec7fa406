// One client's flow control: which frames it gets.
//
// The server cannot see how much a WebSocket has buffered (libsoup has no such API), so each
// client acknowledges the frames it has received, and the server keeps at most a bounded number
// of frames (and bytes) in flight to it. A client that falls behind stops getting frames; since
// a skipped delta frame breaks its decoding, it then waits for the next keyframe that it can
// decode, and asks for one only once it has caught up, so a stalled client never costs the
// others a keyframe a second. Nothing here blocks, and one client's state never affects another.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

namespace webdesk {

struct FrameFacts {
  uint32_t sequence = 0;
  bool keyframe = false;  // a decoder can start here
  bool high444 = false;   // its SPS is High 4:4:4 (only 4:4:4-capable clients can start here)
  size_t bytes = 0;       // size on the wire
};

struct FlowLimits {
  uint32_t max_frames_in_flight = 16;         // ~0.25 s at 60 fps; room for a ~100 ms RTT
  size_t max_bytes_in_flight = 4 * 1024 * 1024;  // a few 4:4:4 1080p keyframes
};

class ClientFlow {
 public:
  struct Decision {
    bool send = false;
    bool want_keyframe = false;  // ask upstream for one (the caller rate-limits)
  };

  ClientFlow (FlowLimits limits, bool decodes_444) : limits_ (limits), decodes_444_ (decodes_444) {}

  Decision OnFrame (const FrameFacts &frame);
  // The client has received every frame up to and including `sequence`.
  void OnAck (uint32_t sequence);
  // The client lost its picture (decode error, gap): wait for a keyframe. True: ask for one.
  bool OnPictureLost ();

  bool waiting_for_keyframe () const { return waiting_for_keyframe_; }
  size_t frames_in_flight () const { return in_flight_.size (); }
  size_t bytes_in_flight () const { return bytes_in_flight_; }
  uint64_t frames_sent () const { return frames_sent_; }
  uint64_t frames_dropped () const { return frames_dropped_; }

 private:
  struct InFlight {
    uint32_t sequence;
    size_t bytes;
  };

  bool HasRoomFor (size_t bytes) const;

  FlowLimits limits_;
  bool decodes_444_;
  bool waiting_for_keyframe_ = true;  // a new client starts at a keyframe
  std::deque<InFlight> in_flight_;
  size_t bytes_in_flight_ = 0;
  uint64_t frames_sent_ = 0;
  uint64_t frames_dropped_ = 0;
};

}  // namespace webdesk
