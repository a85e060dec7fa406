// SPDX-License-Identifier: LGPL-2.1-or-later
// See connection-guard.h.
#include "connection-guard.h"

namespace webdesk {

namespace {

constexpr const char *kTrackedKey = "webdesk-connection-guard";

// One request per connection: libsoup closes the connection once this answer is written.
void
CloseAfterAnswer (SoupServerMessage *msg)
{
  if (soup_server_message_get_status (msg) == SOUP_STATUS_SWITCHING_PROTOCOLS)
    return;  // a WebSocket's handshake: the connection goes on as the WebSocket
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
      "close");
}

// Ends the connection under libsoup's feet: its pending read sees the end of the stream (or its
// write fails) and it tears the connection down on its own path. Closing the descriptor instead
// would leave libsoup polling a number the kernel may give to the next connection.
void
ShutDown (GSocket *socket)
{
  g_socket_shutdown (socket, TRUE, TRUE, nullptr);
}

// libsoup 3.1.2 to 3.3 (Debian 12 has 3.2.3) keep a reference to every socket they accept and
// never drop it (soup-listener.c's listen_watch; fixed in 3.4.0, libsoup commit b545d5f0): each
// connection leaked its GSocket (336 bytes, ~360 B a connection with what hangs on it). At the
// connection's first request-started the socket is held by its connection and, on those
// versions, by that leaked reference, and by nothing else yet: drop the leaked one. The count is
// checked too, so a libsoup with the fix backported is left alone.
void
DropLeakedAcceptReference (GSocket *socket)
{
  const guint minor = soup_get_minor_version ();
  if (soup_get_major_version () != 3 || minor < 1 || minor > 3)
    return;
  if (g_atomic_int_get (&G_OBJECT (socket)->ref_count) == 2)
    g_object_unref (socket);
}

}  // namespace

// A connection from its request-started until it finished, became a WebSocket or went away.
struct ConnectionGuard::Tracked {
  std::shared_ptr<State> state;
  std::string remote;
  GSocket *socket = nullptr;  // a reference of ours
  GSource *deadline = nullptr;
  bool released = false;

  ~Tracked ()
  {
    Release (this);
    if (socket)
      g_object_unref (socket);
  }
};

void
ConnectionGuard::Install (SoupServer *server)
{
  g_signal_connect (server, "request-started", G_CALLBACK (OnRequestStarted), this);
}

void
ConnectionGuard::OnRequestStarted (SoupServer *, SoupServerMessage *msg, gpointer data)
{
  const std::shared_ptr<State> &state = static_cast<ConnectionGuard *> (data)->state_;
  GSocket *socket = soup_server_message_get_socket (msg);
  const char *remote = soup_server_message_get_remote_host (msg);
  if (!socket || !remote)
    return;
  DropLeakedAcceptReference (socket);
  if (!state->counter.Admit (remote)) {
    // Not even its request is read: the cap is on what the address can hold open.
    ShutDown (socket);
    return;
  }
  auto *t = new Tracked;
  t->state = state;
  t->remote = remote;
  t->socket = G_SOCKET (g_object_ref (socket));
  // Freed with the message, whatever happens to the connection.
  g_object_set_data_full (G_OBJECT (msg), kTrackedKey, t,
      [] (gpointer p) { delete static_cast<Tracked *> (p); });
  g_signal_connect (msg, "got-headers", G_CALLBACK (OnGotHeaders), t);
  g_signal_connect (msg, "got-body", G_CALLBACK (OnGotBody), t);
  // Files (docs/protocol.md, "Files") take longer than a request: progress keeps them alive.
  g_signal_connect (msg, "got-chunk", G_CALLBACK (OnGotChunk), t);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (OnWroteChunk), t);
  g_signal_connect (msg, "finished", G_CALLBACK (OnDone), t);
  g_signal_connect (msg, "disconnected", G_CALLBACK (OnDone), t);
  Arm (t, state->limits.request_timeout_ms);
  if (soup_server_message_get_status (msg) != 0)
    CloseAfterAnswer (msg);  // already answered (a locked-out address's 429)
}

void
ConnectionGuard::OnGotHeaders (SoupServerMessage *msg, gpointer)
{
  // Only an upload's chunk is read, and its size was checked at its headers (file-routes.cpp);
  // no other request body is kept, whatever its length.
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const bool upload = g_strcmp0 (soup_server_message_get_method (msg), "PUT") == 0 && path &&
      g_str_has_prefix (path, "/uploads/") && soup_server_message_get_status (msg) == 0;
  if (!upload)
    soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  // Refused already (Host, password): that answer may go out before any body is read.
  if (soup_server_message_get_status (msg) != 0)
    CloseAfterAnswer (msg);
}

void
ConnectionGuard::OnGotBody (SoupServerMessage *msg, gpointer tracked)
{
  auto *t = static_cast<Tracked *> (tracked);
  // The handlers have run (and a 100-continue answer cleared the headers set before).
  CloseAfterAnswer (msg);
  Arm (t, t->state->limits.response_timeout_ms);
}

void
ConnectionGuard::OnGotChunk (SoupServerMessage *, GBytes *, gpointer tracked)
{
  auto *t = static_cast<Tracked *> (tracked);
  Arm (t, t->state->limits.request_timeout_ms);
}

void
ConnectionGuard::OnWroteChunk (SoupServerMessage *, guint, gpointer tracked)
{
  auto *t = static_cast<Tracked *> (tracked);
  Arm (t, t->state->limits.response_timeout_ms);
}

void
ConnectionGuard::OnDone (SoupServerMessage *, gpointer tracked)
{
  // Answered, or a WebSocket now (its connection was taken over), or gone.
  Release (static_cast<Tracked *> (tracked));
}

void
ConnectionGuard::Release (Tracked *t)
{
  if (t->deadline) {
    g_source_destroy (t->deadline);
    g_source_unref (t->deadline);
    t->deadline = nullptr;
  }
  if (!t->released) {
    t->released = true;
    t->state->counter.Release (t->remote);
  }
}

void
ConnectionGuard::Arm (Tracked *t, int64_t timeout_ms)
{
  if (t->released)
    return;
  if (t->deadline) {
    g_source_destroy (t->deadline);
    g_source_unref (t->deadline);
  }
  t->deadline = g_timeout_source_new (guint (timeout_ms));
  g_source_set_callback (t->deadline,
      [] (gpointer p) -> gboolean {
        auto *t = static_cast<Tracked *> (p);
        ShutDown (t->socket);
        return G_SOURCE_REMOVE;  // `deadline` is destroyed with the message
      },
      t, nullptr);
  g_source_attach (t->deadline, g_main_context_get_thread_default ());
}

}  // namespace webdesk
