// SPDX-License-Identifier: LGPL-2.1-or-later
// See send-backlog.h.
#include "send-backlog.h"

#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>

namespace webdesk {

void
SendBacklog::Read (const PeerAcked &peer_acked)
{
  const int64_t acked = peer_acked ();
  if (acked < 0 || last_acked_ < 0) {
    last_acked_ = -1;  // not TCP: unknown for good
    return;
  }
  const uint64_t newly_acked = uint64_t (acked - last_acked_);
  const uint64_t held = pending_ + queued_since_;
  pending_ = held > newly_acked ? held - newly_acked : 0;
  queued_since_ = 0;
  last_acked_ = acked;
}

bool
SendBacklog::HasRoomFor (size_t bytes, size_t max_bytes, const PeerAcked &peer_acked)
{
  if (upper_bound () + bytes <= max_bytes || last_acked_ < 0)
    return true;
  Read (peer_acked);
  if (last_acked_ < 0)
    return true;
  return upper_bound () == 0 || upper_bound () + bytes <= max_bytes;
}

int64_t
PeerAckedBytes (int fd)
{
  struct tcp_info info {};
  socklen_t length = sizeof info;
  if (getsockopt (fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0 ||
      length < offsetof (struct tcp_info, tcpi_bytes_acked) + sizeof info.tcpi_bytes_acked)
    return -1;
  return int64_t (info.tcpi_bytes_acked);
}

}  // namespace webdesk
