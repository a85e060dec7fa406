// SPDX-License-Identifier: LGPL-2.1-or-later
// FrameServer: how a client's connection ends. The server closes it with a code and reason (a
// bad message, later when it said no hello, or at once), or the client goes; either way its
// "closed" signal removes it, and whatever it held goes with it. Server thread only.
#include "frame-server.h"

#include <algorithm>

namespace webdesk {

namespace {

// The peer may have started closing before we saw "closed": closing again then is a libsoup
// critical.
bool
IsOpen (SoupWebsocketConnection *c)
{
  return soup_websocket_connection_get_state (c) == SOUP_WEBSOCKET_STATE_OPEN;
}

}  // namespace

void
FrameServer::CloseLater (Client *client, guint delay_ms, uint16_t code, const char *reason)
{
  struct Pending {
    FrameServer *self;
    uint64_t id;
    uint16_t code;
    const char *reason;
  };
  GSource *timer = g_timeout_source_new (delay_ms);
  g_source_set_callback (timer,
      [] (gpointer p) -> gboolean {
        auto *w = static_cast<Pending *> (p);
        for (auto &c : w->self->clients_) {
          if (c->id == w->id && !c->hello)  // a refused client never gets to say hello
            w->self->CloseClient (c.get (), w->code, w->reason);
        }
        return G_SOURCE_REMOVE;
      },
      new Pending {this, client->id, code, reason},
      [] (gpointer p) { delete static_cast<Pending *> (p); });
  g_source_attach (timer, context_);
  // Kept to be dropped when the client says hello or goes (a flood of connections would
  // otherwise leave a timer each behind for the whole delay).
  client->close_timer = timer;
}

void
FrameServer::DropCloseTimer (Client *client)
{
  if (!client->close_timer)
    return;
  g_source_destroy (client->close_timer);
  g_source_unref (client->close_timer);
  client->close_timer = nullptr;
}

void
FrameServer::CloseClient (Client *c, uint16_t code, const std::string &reason)
{
  if (c->closing)
    return;
  c->closing = true;
  c->close_code = code;
  c->close_reason = reason;
  if (IsOpen (c->connection))
    soup_websocket_connection_close (c->connection, code, reason.c_str ());
  LeaveRoles (c);
  if (c->hello) {
    RecomputeAll444 ();
    RecomputePace ();
  }
}

void
FrameServer::OnWebSocketClosed (SoupWebsocketConnection *connection, gpointer data)
{
  auto *c = static_cast<Client *> (data);
  FrameServer *self = c->server;
  const bool was_viewer = c->hello && !c->closing;
  uint16_t code = c->close_code;
  std::string reason = c->close_reason;
  if (!c->closing) {
    code = soup_websocket_connection_get_close_code (connection);
    const char *data_text = soup_websocket_connection_get_close_data (connection);
    reason = data_text ? data_text : "";
  }
  const uint64_t id = c->id;
  g_signal_handler_disconnect (connection, c->message_handler);
  g_signal_handler_disconnect (connection, c->closed_handler);
  // Dropped after the signal emission has finished with it.
  self->Invoke ([connection] { g_object_unref (connection); });
  g_clear_object (&c->socket);
  self->DropCloseTimer (c);
  auto &list = self->clients_;
  const bool joined = c->joined;
  c->joined = false;
  list.erase (std::remove_if (list.begin (), list.end (),
                  [c] (const std::unique_ptr<Client> &p) { return p.get () == c; }),
      list.end ());
  if (joined && self->roles_.Leave (id))
    self->ControllerChanged (id);
  if (joined)
    self->SendRoles ();
  if (was_viewer) {
    self->RecomputeAll444 ();
    self->RecomputePace ();
  }
  self->listener_->OnClientDisconnected (id, code, reason, self->ViewerCount ());
  self->UpdateStats ();
}

}  // namespace webdesk
