// SPDX-License-Identifier: LGPL-2.1-or-later
// Keeps what HTTP connections cost bounded, installed on the server's SoupServer (server thread):
// - one request per connection (every answer but a WebSocket's 101 says `Connection: close`).
//   libsoup 3.2 (Debian 12) never closes a keep-alive connection that the client closes while
//   idle: the next request's reading ends without a completion callback, so the server never
//   disconnects it, and the socket stays in CLOSE-WAIT, one file descriptor each, for ever
//   (fixed upstream in 3.3.0, libsoup commit d20c6601). Without keep-alive there is no idle
//   state to leak from; a page load costs a few more connections (its ~20 files);
// - a deadline to send the request and one to take the answer (ConnectionLimits): a connection
//   that idles or dribbles is shut down, and libsoup then closes it as it does any other;
// - a cap on the HTTP connections one address holds at once; one more is shut down at once;
// - request bodies are never kept (nothing here reads one), so a large one costs no memory;
// - libsoup 3.2's listener leaks a reference to every socket it accepts (fixed in 3.4.0,
//   libsoup commit b545d5f0): dropped here, at the connection's first request.
#pragma once

#include <libsoup/soup.h>

#include <memory>
#include <string>

#include "connection-limits.h"

namespace webdesk {

class ConnectionGuard {
 public:
  explicit ConnectionGuard (ConnectionLimits limits)
      : state_ (std::make_shared<State> (limits))
  {
  }
  ConnectionGuard (const ConnectionGuard &) = delete;
  ConnectionGuard &operator= (const ConnectionGuard &) = delete;

  // Before the server listens, after anything else that answers at request-started (the
  // login throttle's 429), so such answers close their connection too.
  void Install (SoupServer *server);

 private:
  // Shared with every tracked connection: a message can outlive the guard (libsoup drops its
  // connections after the server object).
  struct State {
    explicit State (ConnectionLimits l) : limits (l), counter (l.max_per_address) {}
    ConnectionLimits limits;
    AddressCounter counter;
  };
  struct Tracked;
  static void OnRequestStarted (SoupServer *server, SoupServerMessage *msg, gpointer self);
  static void OnGotHeaders (SoupServerMessage *msg, gpointer tracked);
  static void OnGotBody (SoupServerMessage *msg, gpointer tracked);
  static void OnGotChunk (SoupServerMessage *msg, GBytes *chunk, gpointer tracked);
  static void OnWroteChunk (SoupServerMessage *msg, guint size, gpointer tracked);
  static void OnDone (SoupServerMessage *msg, gpointer tracked);
  static void Release (Tracked *t);
  static void Arm (Tracked *t, int64_t timeout_ms);

  std::shared_ptr<State> state_;
};

}  // namespace webdesk
