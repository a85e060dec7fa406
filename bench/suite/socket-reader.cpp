// SPDX-License-Identifier: LGPL-2.1-or-later
// See socket-reader.h.
#include "socket-reader.h"

#include <time.h>

#include <chrono>

namespace webdesk::bench {

namespace {

int64_t
ThreadCpuNs ()
{
  timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return int64_t (ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace

SocketReader::SocketReader (int port) : port_ (port)
{
  context_ = g_main_context_new ();
  thread_ = std::thread ([this] { Run (); });
}

SocketReader::~SocketReader ()
{
  stop_ = true;
  g_main_context_wakeup (context_);
  thread_.join ();
  g_main_context_unref (context_);
}

void
SocketReader::Run ()
{
  g_main_context_push_thread_default (context_);
  SoupSession *session = soup_session_new ();
  g_autofree gchar *url = g_strdup_printf ("ws://127.0.0.1:%d/ws", port_);
  SoupMessage *msg = soup_message_new ("GET", url);
  soup_session_websocket_connect_async (session, msg, nullptr, nullptr, G_PRIORITY_DEFAULT,
      nullptr, OnConnected, this);
  g_object_unref (msg);
  while (!stop_) {
    g_main_context_iteration (context_, TRUE);
    cpu_ns_ = ThreadCpuNs ();
  }
  if (connection_) {
    g_signal_handlers_disconnect_by_data (connection_, this);
    g_object_unref (connection_);
  }
  g_object_unref (session);
  while (g_main_context_iteration (context_, FALSE)) {
  }
  g_main_context_pop_thread_default (context_);
}

void
SocketReader::OnConnected (GObject *session, GAsyncResult *result, gpointer data)
{
  auto *self = static_cast<SocketReader *> (data);
  g_autoptr (GError) error = nullptr;
  SoupWebsocketConnection *c =
      soup_session_websocket_connect_finish (SOUP_SESSION (session), result, &error);
  if (!c) {
    std::lock_guard<std::mutex> lock (self->mutex_);
    self->failed_ = true;
    self->error_ = error ? error->message : "connect failed";
    self->changed_.notify_all ();
    return;
  }
  self->connection_ = c;
  soup_websocket_connection_set_max_incoming_payload_size (c, 0);  // frames can be large
  g_signal_connect (c, "message", G_CALLBACK (OnMessage), self);
  soup_websocket_connection_send_text (c,
      "{\"type\":\"hello\",\"protocol\":1,\"decodes_444\":true,\"decodes_lossless\":true,"
      "\"agent\":\"webdesk-bench-suite\"}");
}

void
SocketReader::OnMessage (SoupWebsocketConnection *c, gint type, GBytes *message, gpointer data)
{
  const int64_t now_ns = g_get_monotonic_time () * 1000;
  auto *self = static_cast<SocketReader *> (data);
  gsize size = 0;
  const auto *bytes = static_cast<const uint8_t *> (g_bytes_get_data (message, &size));
  if (type == SOUP_WEBSOCKET_DATA_TEXT) {
    std::lock_guard<std::mutex> lock (self->mutex_);
    if (!self->open_ && g_strstr_len (reinterpret_cast<const char *> (bytes), gssize (size),
                            "\"hello\"")) {
      self->open_ = true;
      self->changed_.notify_all ();
    }
    return;
  }
  SocketFrame f;
  size_t offset = 0;
  if (!ReadFrameHeader (bytes, size, &f.header, &offset))
    return;
  f.received_ns = now_ns;
  f.message_bytes = size;
  f.payload.assign (bytes + offset, bytes + size);
  g_autofree gchar *ack = g_strdup_printf ("{\"type\":\"ack\",\"sequence\":%u}", f.header.sequence);
  soup_websocket_connection_send_text (c, ack);
  self->last_flags_ = f.header.flags;
  self->last_received_ns_ = now_ns;
  std::lock_guard<std::mutex> lock (self->mutex_);
  self->frames_.push_back (std::move (f));
}

bool
SocketReader::WaitOpen (double timeout_s, std::string *error)
{
  std::unique_lock<std::mutex> lock (mutex_);
  const bool done = changed_.wait_for (lock, std::chrono::duration<double> (timeout_s),
      [this] { return open_ || failed_; });
  if (open_)
    return true;
  *error = done ? error_ : "no hello from the sink in time";
  return false;
}

std::vector<SocketFrame>
SocketReader::Take ()
{
  std::lock_guard<std::mutex> lock (mutex_);
  return std::move (frames_);
}

}  // namespace webdesk::bench
