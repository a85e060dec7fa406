// SPDX-License-Identifier: LGPL-2.1-or-later
// See frame-server.h.
#include "frame-server.h"

#include <algorithm>

#include "connection-guard.h"
#include "file-routes.h"
#include "protocol.h"
#include "server-access.h"
#include "web-content.h"

namespace webdesk {

namespace {

// Frames waiting for the server thread. Past this the server thread is not keeping up at all
// (it normally drains the queue within a millisecond); frames are then dropped and every
// viewer restarts at the next keyframe, rather than the queue growing without bound.
constexpr size_t kMaxQueuedFrames = 64;

// How long a new connection has to send its hello.
constexpr guint kHelloTimeoutMs = 5000;

}  // namespace

FrameServer::FrameServer (ServerConfig config, Listener *listener)
    : config_ (std::move (config)), listener_ (listener), limiter_ (config_.keyframe_interval_us)
{
}

FrameServer::~FrameServer ()
{
  Stop ();
}

void
FrameServer::Invoke (std::function<void ()> fn, int priority)
{
  GSource *source = g_idle_source_new ();
  g_source_set_priority (source, priority);
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

bool
FrameServer::Start (std::string *error)
{
  context_ = g_main_context_new ();
  loop_ = g_main_loop_new (context_, FALSE);
  start_done_ = false;
  thread_ = std::thread ([this] { ThreadMain (); });
  std::unique_lock<std::mutex> lock (start_mutex_);
  start_cond_.wait (lock, [this] { return start_done_; });
  if (!start_error_.empty ()) {
    lock.unlock ();
    thread_.join ();
    g_main_loop_unref (loop_);
    g_main_context_unref (context_);
    loop_ = nullptr;
    context_ = nullptr;
    *error = start_error_;
    return false;
  }
  running_ = true;
  return true;
}

void
FrameServer::Stop ()
{
  if (!thread_.joinable ())
    return;
  running_ = false;
  Invoke ([this] {
    for (auto &c : clients_)
      CloseClient (c.get (), protocol::kCloseGoingAway, "server stopping");
    g_main_loop_quit (loop_);
  });
  thread_.join ();
  {
    std::lock_guard<std::mutex> lock (queue_mutex_);
    for (auto &p : queue_)
      g_bytes_unref (p.message);
    queue_.clear ();
    dispatch_scheduled_ = false;
  }
  g_main_loop_unref (loop_);
  g_main_context_unref (context_);  // drops sources still attached, with their closures
  loop_ = nullptr;
  context_ = nullptr;
}

void
FrameServer::ThreadMain ()
{
  g_main_context_push_thread_default (context_);
  std::string error;
  const bool ok = Bind (&error);
  {
    std::lock_guard<std::mutex> lock (start_mutex_);
    start_done_ = true;
    start_error_ = ok ? "" : error;
  }
  start_cond_.notify_all ();
  if (ok)
    g_main_loop_run (loop_);
  for (auto &c : clients_) {
    g_signal_handler_disconnect (c->connection, c->message_handler);
    g_signal_handler_disconnect (c->connection, c->closed_handler);
    g_object_unref (c->connection);
    g_clear_object (&c->socket);
    DropCloseTimer (c.get ());
  }
  clients_.clear ();
  files_.reset ();
  if (soup_server_) {
    soup_server_disconnect (soup_server_);
    g_object_unref (soup_server_);
    soup_server_ = nullptr;
  }
  g_main_context_pop_thread_default (context_);
}

bool
FrameServer::Bind (std::string *error)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (config_.address.c_str ());
  if (!inet) {
    *error = "\"" + config_.address + "\" is not an IP address";
    return false;
  }
  soup_server_ = soup_server_new ("server-header", "webdesk ", nullptr);
  // H.264 does not deflate; compressing it would only cost CPU on both ends.
  soup_server_remove_websocket_extension (soup_server_, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  access_ = std::make_unique<ServerAccess> (
      AccessSettings {config_.address, !config_.tls_certificate.empty (), config_.server_names,
          config_.password, config_.view_password, config_.allowed_origins,
          config_.login_throttle},
      [this] (const std::string &remote, bool locked_out) {
        listener_->OnLoginFailed (remote, locked_out);
      });
  access_->Install (soup_server_);
  guard_ = std::make_unique<ConnectionGuard> (config_.connections);
  guard_->Install (soup_server_);
  if (!config_.files_folder.empty ()) {
    files_ = std::make_unique<FileRoutes> (*access_, config_.max_upload_bytes,
        [this] (const std::string &notice) { BroadcastText (notice); });
    if (!files_->Install (soup_server_, config_.files_folder, error))
      return false;
    state_texts_["files"] = files_->StateJson ();
  }
  soup_server_add_early_handler (soup_server_, "/ws", OnWebSocketRequest, this, nullptr);
  soup_server_add_handler (soup_server_, nullptr, OnHttpRequest, this, nullptr);
  soup_server_add_websocket_handler (soup_server_, "/ws", nullptr, nullptr, OnWebSocket, this,
      nullptr);
  g_autoptr (GError) gerror = nullptr;
  auto options = SoupServerListenOptions (0);
  if (!config_.tls_certificate.empty ()) {
    const std::string key = config_.tls_key.empty () ? config_.tls_certificate : config_.tls_key;
    g_autoptr (GTlsCertificate) certificate =
        g_tls_certificate_new_from_files (config_.tls_certificate.c_str (), key.c_str (), &gerror);
    if (!certificate) {
      *error = std::string ("TLS certificate: ") + gerror->message;
      return false;
    }
    soup_server_set_tls_certificate (soup_server_, certificate);
    options = SOUP_SERVER_LISTEN_HTTPS;
  }
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (inet, guint16 (config_.port));
  if (!soup_server_listen (soup_server_, address, options, &gerror)) {
    *error = gerror->message;
    return false;
  }
  GSList *listeners = soup_server_get_listeners (soup_server_);
  if (listeners) {
    g_autoptr (GSocketAddress) local =
        g_socket_get_local_address (G_SOCKET (listeners->data), nullptr);
    if (local)
      bound_port_ = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  }
  g_slist_free (listeners);
  return true;
}

void
FrameServer::OnHttpRequest (SoupServer *, SoupServerMessage *msg, const char *path, GHashTable *,
    gpointer data)
{
  ServeWebFile (static_cast<FrameServer *> (data)->config_.web_root, msg, path);
}

void
FrameServer::OnWebSocketRequest (SoupServer *, SoupServerMessage *msg, const char *, GHashTable *,
    gpointer data)
{
  static_cast<FrameServer *> (data)->access_->CheckWebSocketRequest (msg);
}

int
FrameServer::ViewerCount () const
{
  return int (std::count_if (clients_.begin (), clients_.end (),
      [] (const std::unique_ptr<Client> &c) { return !c->closing && !c->refused; }));
}

void
FrameServer::OnWebSocket (SoupServer *, SoupServerMessage *msg, const char *,
    SoupWebsocketConnection *connection, gpointer data)
{
  auto *self = static_cast<FrameServer *> (data);
  const bool full = self->ViewerCount () >= self->config_.max_clients;
  auto client = std::make_unique<Client> ();
  Client *c = client.get ();
  c->server = self;
  c->id = self->next_client_id_++;
  c->connection = SOUP_WEBSOCKET_CONNECTION (g_object_ref (connection));
  if (GSocket *socket = soup_server_message_get_socket (msg)) {
    c->socket = G_SOCKET (g_object_ref (socket));
    c->backlog = SendBacklog (PeerAckedBytes (g_socket_get_fd (socket)));
  }
  const char *remote = soup_server_message_get_remote_host (msg);
  c->remote = remote ? remote : "";
  c->full_access = self->access_->FullAccess (msg);
  // libsoup drops the connection without a close frame past its limit, so its limit is a hard
  // cap well above ours, and ours (with a proper 1009 and reason) is checked per message.
  soup_websocket_connection_set_max_incoming_payload_size (connection,
      4 * protocol::kMaxClientMessageBytes);
  c->message_handler =
      g_signal_connect (connection, "message", G_CALLBACK (OnWebSocketMessage), c);
  c->closed_handler = g_signal_connect (connection, "closed", G_CALLBACK (OnWebSocketClosed), c);
  self->clients_.push_back (std::move (client));
  if (full) {
    // Closing in this callback races the handshake on the client side (seen as 1002 there), so
    // the refusal goes out with the client's first message, or after a second at the latest.
    c->refused = true;
    self->CloseLater (c, 1000, protocol::kCloseServerFull, "server full (max-clients reached)");
    return;
  }
  // A connection that never says hello would hold a max-clients slot for ever.
  self->CloseLater (c, kHelloTimeoutMs, protocol::kClosePolicyViolation, "no hello in time");
  std::string codec;
  int width, height;
  {
    std::lock_guard<std::mutex> lock (self->info_mutex_);
    codec = self->codec_;
    width = self->width_;
    height = self->height_;
  }
  self->SendText (c, ServerHelloJson (c->id, codec, width, height));
  self->listener_->OnClientConnected (c->id, c->remote, self->ViewerCount ());
  self->UpdateStats ();
}

void
FrameServer::OnWebSocketMessage (SoupWebsocketConnection *, gint type, GBytes *message,
    gpointer data)
{
  auto *c = static_cast<Client *> (data);
  if (c->closing)
    return;
  if (c->refused) {
    c->server->CloseClient (c, protocol::kCloseServerFull, "server full (max-clients reached)");
    return;
  }
  c->heard_us = g_get_monotonic_time ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT) {
    c->server->HandleBinary (c, message);
    return;
  }
  gsize size = 0;
  const char *text = static_cast<const char *> (g_bytes_get_data (message, &size));
  if (size > protocol::kMaxClientMessageBytes) {
    c->server->CloseClient (c, protocol::kCloseTooBig,
        "message of " + std::to_string (size) + " bytes is over the " +
            std::to_string (protocol::kMaxClientMessageBytes) + "-byte limit");
    return;
  }
  c->server->HandleText (c, text, size);
}

void
FrameServer::HandleText (Client *c, const char *text, size_t length)
{
  ParsedClientMessage parsed = ParseClientMessage (text, length);
  if (!parsed.ok) {
    CloseClient (c, parsed.close_code, parsed.reason);
    return;
  }
  const ClientMessage &m = parsed.message;
  if (m.type == ClientMessageType::kHello) {
    if (c->hello) {
      CloseClient (c, protocol::kClosePolicyViolation, "hello sent twice");
      return;
    }
    if (m.protocol != protocol::kVersion) {
      CloseClient (c, protocol::kCloseVersionMismatch,
          "protocol " + std::to_string (m.protocol) + " is not supported; the server speaks " +
              std::to_string (protocol::kVersion));
      return;
    }
    c->hello = true;
    DropCloseTimer (c);
    c->decodes_444 = m.decodes_444;
    // Lossless frames come in 4:4:4 streams only.
    c->decodes_lossless = m.decodes_444 && m.decodes_lossless;
    c->flow = std::make_unique<ClientFlow> (config_.limits, m.decodes_444, c->decodes_lossless);
    for (const auto &state : state_texts_)
      SendText (c, state.second);
    JoinRoles (c);
    RecomputeAll444 ();
    RecomputePace ();
    RequestKeyframe ();
    UpdateStats ();
    return;
  }
  if (!c->hello) {
    CloseClient (c, protocol::kClosePolicyViolation, "the first message must be a hello");
    return;
  }
  switch (m.type) {
    case ClientMessageType::kAck:
      if (!c->flow->OnAck (m.sequence, g_get_monotonic_time ())) {
        // Acknowledging what it was never sent keeps its frames coming while it reads none.
        CloseClient (c, protocol::kCloseBadField,
            "ack for frame " + std::to_string (m.sequence) + ", which was never sent");
        return;
      }
      RecomputePace ();
      break;
    case ClientMessageType::kKeyframeRequest:
      if (c->flow->OnPictureLost ())
        RequestKeyframe ();
      break;
    case ClientMessageType::kPing:
      SendText (c, PongJson (m.ping_id, g_get_monotonic_time ()));
      break;
    case ClientMessageType::kControl:
      HandleControl (c, m);
      break;
    case ClientMessageType::kAudio:
      c->plays_audio = m.play;
      break;
    default:
      if (IsInput (m.type)) {
        if (!roles_.InControl (c->id))
          break;  // a viewer's input never reaches the desktop
        held_.Track (m);
      }
      listener_->OnClientMessage (c->id, m);
      break;
  }
}

void
FrameServer::SubmitFrame (GBytes *message, const FrameFacts &facts, int64_t arrival_us)
{
  if (!running_)
    return;
  std::lock_guard<std::mutex> lock (queue_mutex_);
  if (queue_.size () >= kMaxQueuedFrames) {
    queue_overflowed_ = true;
    return;
  }
  queue_.push_back ({g_bytes_ref (message), facts, arrival_us});
  if (!dispatch_scheduled_) {
    dispatch_scheduled_ = true;
    // Frames go before acks and input waiting in the same iteration: they are what is late.
    Invoke ([this] { DispatchFrames (); }, G_PRIORITY_HIGH);
  }
}

void
FrameServer::DispatchFrames ()
{
  std::deque<Pending> frames;
  bool overflowed;
  {
    std::lock_guard<std::mutex> lock (queue_mutex_);
    frames.swap (queue_);
    dispatch_scheduled_ = false;
    overflowed = queue_overflowed_;
    queue_overflowed_ = false;
  }
  bool want_keyframe = false;
  if (overflowed) {
    for (auto &c : clients_) {
      if (c->flow)
        want_keyframe |= c->flow->OnPictureLost ();
    }
  }
  std::vector<int64_t> latencies, handoffs;
  const int64_t picked_up = g_get_monotonic_time ();
  for (Pending &p : frames) {
    handoffs.push_back (picked_up - p.arrival_us);
    frames_in_++;
    if (p.facts.keyframe)
      limiter_.KeyframeSeen ();
    gsize size = 0;
    const void *data = g_bytes_get_data (p.message, &size);
    for (auto &c : clients_) {
      if (!c->flow || !CanSend (c.get ()))
        continue;
      const ClientFlow::Decision d = c->flow->OnFrame (p.facts, g_get_monotonic_time (),
          ConnectionFull (c.get (), size));
      want_keyframe |= d.want_keyframe;
      if (d.send) {
        SendFrame (c.get (), data, size);
        latencies.push_back (g_get_monotonic_time () - p.arrival_us);
      }
    }
    g_bytes_unref (p.message);
  }
  {
    std::lock_guard<std::mutex> lock (info_mutex_);
    for (int64_t l : latencies)
      latency_.Add (l);
    for (int64_t h : handoffs)
      handoff_.Add (h);
  }
  if (want_keyframe)
    RequestKeyframe ();
  RecomputePace ();
  UpdateStats ();
}

void
FrameServer::RequestKeyframe ()
{
  const int64_t now = g_get_monotonic_time ();
  if (limiter_.Request (now)) {
    keyframe_requests_++;
    listener_->OnKeyframeNeeded ();
    return;
  }
  if (keyframe_timer_armed_ || limiter_.DueAt () < 0)
    return;
  keyframe_timer_armed_ = true;
  const guint delay_ms = guint ((limiter_.DueAt () - now) / 1000 + 1);
  GSource *timer = g_timeout_source_new (delay_ms);
  g_source_set_callback (timer,
      [] (gpointer p) -> gboolean {
        auto *self = static_cast<FrameServer *> (p);
        self->keyframe_timer_armed_ = false;
        if (self->limiter_.Poll (g_get_monotonic_time ())) {
          self->keyframe_requests_++;
          self->listener_->OnKeyframeNeeded ();
        } else if (self->limiter_.DueAt () >= 0) {
          self->RequestKeyframe ();  // woke a little early: arm again
        }
        return G_SOURCE_REMOVE;
      },
      this, nullptr);
  g_source_attach (timer, context_);
  g_source_unref (timer);
}

void
FrameServer::RecomputeAll444 ()
{
  bool all = true, all_lossless = true;
  for (auto &c : clients_) {
    if (c->hello && !c->closing) {
      all = all && c->decodes_444;
      all_lossless = all_lossless && c->decodes_lossless;
    }
  }
  if (all == all_444_ && all_lossless == all_lossless_)
    return;
  if (all_lossless != all_lossless_) {
    all_lossless_ = all_lossless;
    listener_->OnAllLosslessChanged (all_lossless);
  }
  if (all != all_444_) {
    all_444_ = all;
    listener_->OnAll444Changed (all);
  }
  // The encoder switches format at its next keyframe; make sure there is one.
  RequestKeyframe ();
}

void
FrameServer::SetStreamInfo (const std::string &codec, int width, int height)
{
  std::lock_guard<std::mutex> lock (info_mutex_);
  codec_ = codec;
  width_ = width;
  height_ = height;
}

void
FrameServer::BroadcastText (const std::string &text)
{
  if (!running_)
    return;
  Invoke ([this, text] {
    for (auto &c : clients_) {
      if (c->hello)
        SendText (c.get (), text);
    }
  });
}

void
FrameServer::BroadcastState (const std::string &key, const std::string &text)
{
  if (!running_)
    return;
  Invoke ([this, key, text] {
    state_texts_[key] = text;
    for (auto &c : clients_) {
      if (c->hello)
        SendText (c.get (), text);
    }
  });
}

}  // namespace webdesk
