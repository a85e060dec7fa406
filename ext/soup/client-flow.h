// SPDX-License-Identifier: LGPL-2.1-or-later
// One client's flow control: which frames it gets.
//
// The server cannot see how much a WebSocket has buffered (libsoup has no such API), so each
// client acknowledges the frames it has received, and the server keeps at most a bounded number
// of frames (and bytes) in flight to it. A client that falls behind stops getting frames; since
// a skipped delta frame breaks its decoding, it then waits for the next keyframe that it can
// decode, and asks for one only once it has caught up, so a stalled client never costs the
// others a keyframe a second. Nothing here blocks, and one client's state never affects another.
//
// Pacing: a client acknowledges a frame once it has decoded it (or discarded it), so the delay
// from sending a frame to its acknowledgement is RTT + decode time. The client is *behind* when
// its oldest frame in flight has waited longer than its usual delay (the smallest seen over the
// last ack_delay_window_us) plus pace_slack_us: its decoder is not keeping up with the stream.
// Times are the caller's (g_get_monotonic_time in the server, anything in tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

namespace webdesk {

struct FrameFacts {
  uint32_t sequence = 0;
  bool keyframe = false;  // a decoder can start here
  bool high444 = false;   // its SPS is High 4:4:4 (only 4:4:4-capable clients can start here)
  bool lossless = false;  // its SPS allows lossless frames (only clients that decode them can)
  size_t bytes = 0;       // size on the wire
};

struct FlowLimits {
  uint32_t max_frames_in_flight = 16;         // ~0.25 s at 60 fps; room for a ~100 ms RTT
  size_t max_bytes_in_flight = 4 * 1024 * 1024;  // a few 4:4:4 1080p keyframes
  // Behind: the oldest frame in flight is this much later than the client's usual ack delay.
  int64_t pace_slack_us = 50000;  // ~3 frames at 60 fps: jitter, not a backlog
  // The usual ack delay is the smallest over this long (RTT + one frame's decode).
  int64_t ack_delay_window_us = 2000000;
  // What the connection may hold that the client has not taken (send-backlog.h), whatever its
  // acks say: past this it gets no frames; past the second it is closed (it reads nothing, yet
  // makes the server answer: pings).
  size_t max_bytes_unread = 8 * 1024 * 1024;
  size_t close_bytes_unread = 16 * 1024 * 1024;
};

class ClientFlow {
 public:
  struct Decision {
    bool send = false;
    bool want_keyframe = false;  // ask upstream for one (the caller rate-limits)
  };

  ClientFlow (FlowLimits limits, bool decodes_444, bool decodes_lossless = false)
      : limits_ (limits), decodes_444_ (decodes_444), decodes_lossless_ (decodes_lossless)
  {
  }

  // `now_us`: when the frame is sent (if it is). Tests that do not look at pacing leave it out.
  // `connection_full`: the connection holds too much the client has not taken (send-backlog.h):
  // the frame is skipped as if the client were behind, whatever its acks say.
  Decision OnFrame (const FrameFacts &frame, int64_t now_us = 0, bool connection_full = false);
  // The client has decoded (or discarded) every frame up to and including `sequence`. False:
  // `sequence` is after the newest frame sent to it (a client that acknowledges what it was
  // never sent is lying, and is closed).
  bool OnAck (uint32_t sequence, int64_t now_us = 0);
  // The client lost its picture (decode error, gap): wait for a keyframe. True: ask for one.
  bool OnPictureLost ();

  // Frames in flight, the oldest sent more than usual ack delay + slack before `now_us`. A client
  // with nothing in flight (caught up), or waiting for a keyframe, is never behind.
  bool Behind (int64_t now_us) const;
  // The smallest ack delay over the window (0 before the first acknowledgement).
  int64_t usual_ack_delay_us () const { return delays_.empty () ? 0 : delays_.front ().delay_us; }

  bool waiting_for_keyframe () const { return waiting_for_keyframe_; }
  size_t frames_in_flight () const { return in_flight_.size (); }
  size_t bytes_in_flight () const { return bytes_in_flight_; }
  uint64_t frames_sent () const { return frames_sent_; }
  uint64_t frames_dropped () const { return frames_dropped_; }

 private:
  struct InFlight {
    uint32_t sequence;
    size_t bytes;
    int64_t sent_us;
  };
  struct Delay {
    int64_t at_us;  // when the acknowledgement came
    int64_t delay_us;
  };

  bool HasRoomFor (size_t bytes) const;

  FlowLimits limits_;
  bool decodes_444_;
  bool decodes_lossless_;
  bool waiting_for_keyframe_ = true;  // a new client starts at a keyframe
  std::deque<InFlight> in_flight_;
  size_t bytes_in_flight_ = 0;
  // Ack delays of the window, increasing in both fields (a later, smaller delay evicts the
  // larger ones before it): the front is the window's minimum.
  std::deque<Delay> delays_;
  bool sent_any_ = false;
  uint32_t newest_sent_ = 0;
  uint64_t frames_sent_ = 0;
  uint64_t frames_dropped_ = 0;
};

}  // namespace webdesk
