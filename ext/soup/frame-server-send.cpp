// SPDX-License-Identifier: LGPL-2.1-or-later
// FrameServer: what goes out to a viewer, and what its connection may hold that it has not
// taken (send-backlog.h). Every message to a client goes through here. Server thread only.
#include "frame-server.h"

#include "protocol.h"

namespace webdesk {

namespace {

// A server's WebSocket header is at most this long (no mask; 64-bit length).
constexpr size_t kWebSocketHeaderBytes = 10;

}  // namespace

bool
FrameServer::CanSend (Client *c)
{
  return !c->closing &&
         soup_websocket_connection_get_state (c->connection) == SOUP_WEBSOCKET_STATE_OPEN;
}

SendBacklog::PeerAcked
FrameServer::PeerAckedOf (Client *c)
{
  return [c] { return c->socket ? PeerAckedBytes (g_socket_get_fd (c->socket)) : -1; };
}

bool
FrameServer::ConnectionFull (Client *c, size_t bytes)
{
  return !c->backlog.HasRoomFor (bytes + kWebSocketHeaderBytes, config_.limits.max_bytes_unread,
      PeerAckedOf (c));
}

void
FrameServer::SendFrame (Client *c, const void *data, size_t size)
{
  c->backlog.Queued (size + kWebSocketHeaderBytes);
  soup_websocket_connection_send_binary (c->connection, data, size);
}

void
FrameServer::SendText (Client *c, const std::string &text)
{
  if (!CanSend (c))
    return;
  // Text is small and always sent (a viewer needs its role, pongs), but a client that reads
  // nothing while it makes the server answer (pings) would grow libsoup's queue for ever.
  if (!c->backlog.HasRoomFor (text.size () + kWebSocketHeaderBytes,
          config_.limits.close_bytes_unread, PeerAckedOf (c))) {
    const uint64_t id = c->id;
    const std::string reason = "not reading: over " +
        std::to_string (config_.limits.close_bytes_unread) + " bytes sent and not taken";
    // Not from inside whatever loop over the clients sent this.
    Invoke ([this, id, reason] {
      for (auto &client : clients_) {
        if (client->id == id)
          CloseClient (client.get (), protocol::kClosePolicyViolation, reason);
      }
    });
    return;
  }
  c->backlog.Queued (text.size () + kWebSocketHeaderBytes);
  soup_websocket_connection_send_text (c->connection, text.c_str ());
}

}  // namespace webdesk
