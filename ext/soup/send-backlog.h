// SPDX-License-Identifier: LGPL-2.1-or-later
// What a viewer's connection holds that the viewer has not taken, in bytes, whatever the viewer
// claims. libsoup queues every message handed to a WebSocket, without bound, once the socket
// is full; a client that acknowledges frames it never read (acks are the client's word) would
// make the server hold the whole stream for it (+4.7 MB/s seen). TCP's acknowledgements are
// not the client's word: the backlog is the bytes handed to the connection minus the bytes the
// peer's TCP acknowledged (TCP_INFO), i.e. libsoup's queue plus the kernel's send queue.
//
// The peer's count is read (a system call) only when the cheap upper bound (everything handed
// over since the last reading) says the budget is exceeded, so a viewer that keeps up costs
// nothing per frame. With TLS the peer acknowledges more bytes than were handed over (records
// and handshake), so the backlog never goes below zero at a reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace webdesk {

class SendBacklog {
 public:
  // Returns the bytes the peer's TCP has acknowledged so far on this connection, or -1 when
  // that cannot be known (not TCP): then the backlog is not bounded here.
  using PeerAcked = std::function<int64_t ()>;

  // `peer_acked_at_start`: the peer's count when the connection became a WebSocket.
  explicit SendBacklog (int64_t peer_acked_at_start) : last_acked_ (peer_acked_at_start) {}

  // `bytes` (a message and its WebSocket header) handed to the connection.
  void Queued (size_t bytes) { queued_since_ += bytes; }

  // Whether `bytes` more keep the backlog within `max_bytes`. A message larger than the budget
  // still fits an empty backlog.
  bool HasRoomFor (size_t bytes, size_t max_bytes, const PeerAcked &peer_acked);

  // The backlog at the last reading plus what was handed over since: never less than it is.
  uint64_t upper_bound () const { return pending_ + queued_since_; }

 private:
  void Read (const PeerAcked &peer_acked);

  uint64_t pending_ = 0;       // at the last reading
  uint64_t queued_since_ = 0;  // handed over since
  int64_t last_acked_;         // the peer's count at the last reading (-1: unknown)
};

// The bytes the peer's TCP has acknowledged on socket `fd` (TCP_INFO), or -1 when it is not a
// TCP socket.
int64_t PeerAckedBytes (int fd);

}  // namespace webdesk
