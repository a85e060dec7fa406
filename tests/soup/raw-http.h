// SPDX-License-Identifier: LGPL-2.1-or-later
// A hand-made HTTP/1.1 client on a plain TCP socket, for what a client library would not send:
// any Host, a header twice, half a request, a keep-alive connection closed after its answer.
// Blocking, with timeouts; for tests.
#pragma once

#include <gio/gio.h>

#include <string>

namespace webdesk::testing {

struct RawResponse {
  int status = 0;    // 0: no (complete) response
  std::string head;  // status line and headers
  std::string body;
};

class RawConnection {
 public:
  explicit RawConnection (int port, double timeout_s = 10);
  ~RawConnection ();
  RawConnection (const RawConnection &) = delete;
  RawConnection &operator= (const RawConnection &) = delete;

  bool connected () const { return socket_ != nullptr; }
  bool Send (const std::string &bytes);
  // Reads one response: its head, and a body of Content-Length bytes.
  RawResponse Read ();
  // Whether the server closed the connection (a read returns end of file) within the timeout.
  bool ClosedByServer ();
  void Close ();

 private:
  GSocketConnection *connection_ = nullptr;
  GSocket *socket_ = nullptr;
  std::string buffered_;
};

// A WebSocket client that sends and never reads (after the handshake): what a library client
// cannot be made to do, and what an attacker does. Its text frames are masked by hand (RFC 6455
// 5.3), the one piece of WebSocket framing a sender needs.
class RawWebSocket {
 public:
  // `headers`: extra request header lines ("Authorization: Basic ...\r\n").
  explicit RawWebSocket (int port, const std::string &headers = "");
  bool open () const { return open_; }
  bool SendText (const std::string &text);

 private:
  RawConnection connection_;
  bool open_ = false;
};

// One request on a new connection: "GET path" with these extra header lines ("Host: x\r\n"...;
// none given: Host is 127.0.0.1:port).
RawResponse RawGet (int port, const std::string &path, const std::string &headers = "");

// The header lines of a WebSocket upgrade (without Host or Origin).
std::string UpgradeHeaders ();

// An Authorization header line for HTTP Basic with this password (user "viewer").
std::string BasicAuthorization (const std::string &password);

}  // namespace webdesk::testing
