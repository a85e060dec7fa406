// SPDX-License-Identifier: LGPL-2.1-or-later
// What an HTTP connection may cost before it is a viewer (docs/protocol.md, "Transport"): the
// time it has to send its request and to take the answer, and how many one address may hold
// open at once. AddressCounter is the count, kept on the server thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace webdesk {

struct ConnectionLimits {
  // From the connection's opening until its request (headers and body) has been read: a
  // connection that sends nothing, or dribbles, is closed then. An upload's body (a file's
  // chunk) gets this long again each time some of it arrives.
  int64_t request_timeout_ms = 10000;
  // From then until the answer has been taken (a client that stops reading it); a download
  // gets this long again each time some of it was written.
  int64_t response_timeout_ms = 30000;
  // HTTP connections (not yet a WebSocket) from one address at once; more are closed at once.
  // A browser opens up to 6 per server; a WebSocket no longer counts once it is open.
  size_t max_per_address = 32;
};

class AddressCounter {
 public:
  explicit AddressCounter (size_t max_per_address) : max_ (max_per_address) {}

  // Counts a new connection from `address`; false (and not counted) when it already has the
  // most it may.
  bool Admit (const std::string &address);
  // That connection is done.
  void Release (const std::string &address);

  size_t count (const std::string &address) const;
  size_t addresses () const { return counts_.size (); }

 private:
  size_t max_;
  std::map<std::string, size_t> counts_;  // only addresses with connections open
};

}  // namespace webdesk
