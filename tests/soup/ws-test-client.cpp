// SPDX-License-Identifier: LGPL-2.1-or-later
// See ws-test-client.h.
#include "ws-test-client.h"

#include <chrono>

#include "control-message.h"
#include "h264-info.h"

namespace webdesk::testing {

namespace {

void
AddBasicAuth (SoupMessage *msg, const std::string &password)
{
  if (password.empty ())
    return;
  const std::string credentials = "viewer:" + password;
  g_autofree gchar *b64 =
      g_base64_encode (reinterpret_cast<const guchar *> (credentials.data ()), credentials.size ());
  g_autofree gchar *value = g_strdup_printf ("Basic %s", b64);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
}

}  // namespace

WsTestClient::WsTestClient (int port, Options options) : port_ (port), options_ (options)
{
  context_ = g_main_context_new ();
  thread_ = std::thread ([this] { Run (); });
}

WsTestClient::~WsTestClient ()
{
  {
    std::lock_guard<std::mutex> lock (mutex);
    stop_ = true;
    frozen_ = false;
  }
  changed_.notify_all ();
  g_main_context_wakeup (context_);
  thread_.join ();
  g_main_context_unref (context_);
}

void
WsTestClient::Run ()
{
  g_main_context_push_thread_default (context_);
  session_ = soup_session_new ();
  g_autofree gchar *url =
      g_strdup_printf ("%s://127.0.0.1:%d/ws", options_.tls ? "wss" : "ws", port_);
  SoupMessage *msg = soup_message_new ("GET", url);
  if (options_.tls) {
    g_signal_connect (msg, "accept-certificate",
        G_CALLBACK (+[] (SoupMessage *, GTlsCertificate *, GTlsCertificateFlags) -> gboolean {
          return TRUE;
        }),
        nullptr);
  }
  AddBasicAuth (msg, options_.password);
  soup_session_websocket_connect_async (session_, msg,
      options_.origin.empty () ? nullptr : options_.origin.c_str (), nullptr, G_PRIORITY_DEFAULT,
      nullptr, OnConnected, this);
  g_object_unref (msg);
  for (;;) {
    {
      std::unique_lock<std::mutex> lock (mutex);
      changed_.wait (lock, [this] { return !frozen_ || stop_; });
      if (stop_)
        break;
    }
    g_main_context_iteration (context_, TRUE);
  }
  if (connection_) {
    g_signal_handlers_disconnect_by_data (connection_, this);
    g_object_unref (connection_);
  }
  g_object_unref (session_);
  while (g_main_context_iteration (context_, FALSE)) {
  }
  g_main_context_pop_thread_default (context_);
}

void
WsTestClient::OnConnected (GObject *session, GAsyncResult *result, gpointer data)
{
  auto *self = static_cast<WsTestClient *> (data);
  g_autoptr (GError) error = nullptr;
  SoupWebsocketConnection *c =
      soup_session_websocket_connect_finish (SOUP_SESSION (session), result, &error);
  if (!c) {
    std::lock_guard<std::mutex> lock (self->mutex);
    self->failed = true;
    self->close_reason = error ? error->message : "connect failed";
    self->changed_.notify_all ();
    return;
  }
  self->connection_ = c;
  soup_websocket_connection_set_max_incoming_payload_size (c, 0);  // frames can be large
  g_signal_connect (c, "message", G_CALLBACK (OnMessage), self);
  g_signal_connect (c, "closed", G_CALLBACK (OnClosed), self);
  if (self->options_.send_hello) {
    g_autofree gchar *hello = g_strdup_printf (
        "{\"type\":\"hello\",\"protocol\":1,\"decodes_444\":%s,\"decodes_lossless\":%s,"
        "\"agent\":\"ws-test-client\"}",
        self->options_.decodes_444 ? "true" : "false",
        self->options_.decodes_lossless ? "true" : "false");
    soup_websocket_connection_send_text (c, hello);
  }
  std::lock_guard<std::mutex> lock (self->mutex);
  self->open = true;
  self->changed_.notify_all ();
}

void
WsTestClient::OnMessage (SoupWebsocketConnection *c, gint type, GBytes *message, gpointer data)
{
  auto *self = static_cast<WsTestClient *> (data);
  gsize size = 0;
  const auto *bytes = static_cast<const uint8_t *> (g_bytes_get_data (message, &size));
  if (type == SOUP_WEBSOCKET_DATA_TEXT) {
    std::lock_guard<std::mutex> lock (self->mutex);
    self->texts.emplace_back (reinterpret_cast<const char *> (bytes), size);
    self->changed_.notify_all ();
    return;
  }
  ReceivedAudio a;
  size_t audio_offset = 0;
  if (ReadAudioHeader (bytes, size, &a.header, &audio_offset)) {
    a.packet.assign (bytes + audio_offset, bytes + size);
    std::lock_guard<std::mutex> lock (self->mutex);
    self->bytes_received += size;
    self->audio.push_back (std::move (a));
    self->changed_.notify_all ();
    return;
  }
  ReceivedFrame f;
  size_t offset = 0;
  if (!ReadFrameHeader (bytes, size, &f.header, &offset))
    return;
  const AccessUnitInfo info = InspectAccessUnit (bytes + offset, size - offset);
  f.codec = info.CodecString ();
  f.high444 = info.IsHigh444 ();
  f.lossless = info.IsLossless ();
  if (self->options_.auto_ack) {
    g_autofree gchar *ack =
        g_strdup_printf ("{\"type\":\"ack\",\"sequence\":%u}", f.header.sequence);
    soup_websocket_connection_send_text (c, ack);
  }
  std::lock_guard<std::mutex> lock (self->mutex);
  self->bytes_received += size;
  self->frames.push_back (f);
  if (self->options_.keep_payloads)
    self->payloads.emplace_back (bytes + offset, bytes + size);
  self->changed_.notify_all ();
}

void
WsTestClient::OnClosed (SoupWebsocketConnection *c, gpointer data)
{
  auto *self = static_cast<WsTestClient *> (data);
  std::lock_guard<std::mutex> lock (self->mutex);
  self->closed = true;
  self->close_code = soup_websocket_connection_get_close_code (c);
  const char *reason = soup_websocket_connection_get_close_data (c);
  self->close_reason = reason ? reason : "";
  self->changed_.notify_all ();
}

void
WsTestClient::Invoke (std::function<void ()> fn)
{
  GSource *source = g_idle_source_new ();
  g_source_set_callback (source,
      [] (gpointer p) -> gboolean {
        (*static_cast<std::function<void ()> *> (p)) ();
        return G_SOURCE_REMOVE;
      },
      new std::function<void ()> (std::move (fn)),
      [] (gpointer p) { delete static_cast<std::function<void ()> *> (p); });
  g_source_attach (source, context_);
  g_source_unref (source);
}

void
WsTestClient::SendText (const std::string &text)
{
  Invoke ([this, text] {
    if (connection_ && soup_websocket_connection_get_state (connection_) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_send_text (connection_, text.c_str ());
  });
}

void
WsTestClient::SendBinary (const std::vector<uint8_t> &bytes)
{
  Invoke ([this, bytes] {
    if (connection_ && soup_websocket_connection_get_state (connection_) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_send_binary (connection_, bytes.data (), bytes.size ());
  });
}

void
WsTestClient::Close ()
{
  Invoke ([this] {
    if (connection_ && soup_websocket_connection_get_state (connection_) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_close (connection_, 1000, "bye");
  });
}

void
WsTestClient::Freeze ()
{
  {
    std::lock_guard<std::mutex> lock (mutex);
    frozen_ = true;
  }
  g_main_context_wakeup (context_);
}

void
WsTestClient::Thaw ()
{
  {
    std::lock_guard<std::mutex> lock (mutex);
    frozen_ = false;
  }
  changed_.notify_all ();
}

bool
WsTestClient::WaitFor (const std::function<bool ()> &done, double timeout_s)
{
  std::unique_lock<std::mutex> lock (mutex);
  return changed_.wait_for (lock, std::chrono::duration<double> (timeout_s), done);
}

int
HttpGet (int port, const std::string &path, std::string *body, std::string *content_type,
    const std::string &password)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree gchar *url = g_strdup_printf ("http://127.0.0.1:%d%s", port, path.c_str ());
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  if (!msg)
    return 0;
  AddBasicAuth (msg, password);
  g_autoptr (GBytes) bytes = soup_session_send_and_read (session, msg, nullptr, nullptr);
  if (bytes && body) {
    gsize size = 0;
    const char *data = static_cast<const char *> (g_bytes_get_data (bytes, &size));
    body->assign (data ? data : "", size);
  }
  if (content_type) {
    const char *ct = soup_message_headers_get_content_type (
        soup_message_get_response_headers (msg), nullptr);
    *content_type = ct ? ct : "";
  }
  return int (soup_message_get_status (msg));
}

}  // namespace webdesk::testing

namespace webdesk::testing {

int
HttpSend (int port, const HttpRequest &request, std::string *response)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree gchar *url = g_strdup_printf ("http://127.0.0.1:%d%s", port, request.path.c_str ());
  g_autoptr (SoupMessage) msg = soup_message_new (request.method.c_str (), url);
  if (!msg)
    return 0;
  AddBasicAuth (msg, request.password);
  if (!request.origin.empty ())
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Origin",
        request.origin.c_str ());
  if (request.method == "PUT" || request.method == "POST") {
    g_autoptr (GBytes) body = g_bytes_new (request.body.data (), request.body.size ());
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  }
  g_autoptr (GBytes) bytes = soup_session_send_and_read (session, msg, nullptr, nullptr);
  if (response) {
    gsize size = 0;
    const char *data = bytes ? static_cast<const char *> (g_bytes_get_data (bytes, &size)) : nullptr;
    response->assign (data ? data : "", size);
  }
  return int (soup_message_get_status (msg));
}

}  // namespace webdesk::testing
