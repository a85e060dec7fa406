// SPDX-License-Identifier: LGPL-2.1-or-later
// The HTTP + WebSocket server of websocketframesink: a libsoup 3 SoupServer on its own thread
// and GMainContext. It serves the web client, keeps one ClientFlow per viewer, fans every frame
// out to them, and reports what clients ask for to a Listener. It knows nothing of GStreamer.
//
// Threads: Start/Stop/SubmitFrame/Broadcast*/Stats may be called from any thread and never
// wait on a client. Everything about clients happens on the server thread; Listener callbacks
// are made from it.
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audio-message.h"
#include "client-flow.h"
#include "connection-limits.h"
#include "control-message.h"
#include "keyframe-limiter.h"
#include "latency-window.h"
#include "login-throttle.h"
#include "roles.h"
#include "send-backlog.h"
#include "viewer-pace.h"

namespace webdesk {

class ConnectionGuard;
class FileRoutes;
class ServerAccess;

struct ServerConfig {
  std::string address = "127.0.0.1";
  int port = 8080;        // 0: any free port (see FrameServer::port)
  std::string web_root;   // empty: the client embedded in the plugin
  int max_clients = 16;
  std::string password;   // empty: no authentication (loopback only)
  std::string view_password;  // logs in a viewer that never controls; needs `password`
  std::vector<std::string> allowed_origins;  // pages of other sites that may connect
  std::vector<std::string> server_names;     // names it is reached by (host-policy.h)
  ThrottlePolicy login_throttle;
  std::string tls_certificate;  // PEM files; with a certificate the server speaks https / wss
  std::string tls_key;
  FlowLimits limits;
  ConnectionLimits connections;  // HTTP connections before they are viewers
  int64_t keyframe_interval_us = 1000000;
  // A client that sent nothing for this long gets no sound until it does (a stalled tab reads
  // nothing: its sound would pile up in memory). The web client pings every second.
  int64_t audio_silent_client_us = 5000000;
  std::string files_folder;  // empty: no file transfer (see FileRoutes)
  uint64_t max_upload_bytes = uint64_t (1) << 30;
};

struct ClientStats {
  uint64_t id = 0;
  std::string remote;
  bool decodes_444 = false;
  bool decodes_lossless = false;
  uint64_t frames_sent = 0;
  uint64_t frames_dropped = 0;
  size_t frames_in_flight = 0;
  int64_t ack_delay_us = 0;  // its usual ack delay (ClientFlow::usual_ack_delay_us)
};

struct ServerStats {
  int clients = 0;             // viewers that said hello
  bool behind = false;         // every viewer is behind (the last webdesk-pace sent)
  uint64_t frames_in = 0;      // frames submitted
  uint64_t keyframe_requests = 0;  // force-key-unit requests made upstream
  int64_t send_latency_p50_us = 0;  // from SubmitFrame to the socket write, per client send
  int64_t send_latency_p99_us = 0;
  int64_t handoff_latency_p50_us = 0;  // of that, until the server thread picked the frame up
  int64_t handoff_latency_p99_us = 0;
  std::vector<ClientStats> per_client;
};

class FrameServer {
 public:
  class Listener {
   public:
    virtual ~Listener () = default;
    virtual void OnClientConnected (uint64_t id, const std::string &remote, int clients) = 0;
    virtual void OnClientDisconnected (uint64_t id, uint16_t code, const std::string &reason,
        int clients) = 0;
    // Ask upstream for a keyframe (already rate-limited).
    virtual void OnKeyframeNeeded () = 0;
    // Whether every viewer (or none) decodes High 4:4:4 changed.
    virtual void OnAll444Changed (bool all_decode_444) = 0;
    // Every viewer (or none) decodes lossless frames, or not any more.
    virtual void OnAllLosslessChanged (bool all_decode_lossless) {}
    // Input, resize, clipboard, text and stats messages from a viewer; input only from the
    // client in control (and the releases of what it held down when control moves on).
    virtual void OnClientMessage (uint64_t id, const ClientMessage &message) = 0;
    // Whether every viewer is behind (see ViewerPace) changed.
    virtual void OnPaceChanged (bool /*behind*/) {}
    // A wrong password from `remote`; `locked_out`: it must now wait before trying again.
    virtual void OnLoginFailed (const std::string & /*remote*/, bool /*locked_out*/) {}
    // An Opus packet of the controlling viewer's microphone (`packet`: the packet alone).
    virtual void OnMicrophone (GBytes * /*packet*/, const AudioHeader & /*header*/) {}
  };

  FrameServer (ServerConfig config, Listener *listener);
  ~FrameServer ();
  FrameServer (const FrameServer &) = delete;
  FrameServer &operator= (const FrameServer &) = delete;

  // Binds and starts serving; false with a reason when it cannot bind.
  bool Start (std::string *error);
  // Closes every connection (1001) and joins the thread.
  void Stop ();
  // The port actually bound (after Start).
  int port () const { return bound_port_; }

  // Hands a complete binary message (header + access unit) to the server thread. Never blocks;
  // `arrival_us` (g_get_monotonic_time) is when the sink received it.
  void SubmitFrame (GBytes *message, const FrameFacts &facts, int64_t arrival_us);
  // What a joining client is told in its hello.
  void SetStreamInfo (const std::string &codec, int width, int height);
  // A text message for every viewer (e.g. clipboard JSON).
  void BroadcastText (const std::string &text);
  // Like BroadcastText, and a viewer that joins later gets it after its hello: the latest text
  // given for each `key` (the current cursor).
  void BroadcastState (const std::string &key, const std::string &text);
  // A complete audio message (header + Opus packet) for every viewer that plays sound (it sent
  // {"type":"audio","play":true}). Never blocks.
  void SubmitAudio (GBytes *message);
  ServerStats Stats () const;

 private:
  struct Client;
  struct Pending {
    GBytes *message;
    FrameFacts facts;
    int64_t arrival_us;
  };

  void ThreadMain ();
  bool Bind (std::string *error);
  void Invoke (std::function<void ()> fn, int priority = G_PRIORITY_DEFAULT);
  void DispatchFrames ();
  void RequestKeyframe ();
  void RecomputeAll444 ();
  // Re-evaluates pacing (on every frame sent, ack, join and leave); tells the listener of changes.
  void RecomputePace ();
  void UpdateStats ();
  int ViewerCount () const;

  static void OnHttpRequest (SoupServer *server, SoupServerMessage *msg, const char *path,
      GHashTable *query, gpointer self);
  static void OnWebSocketRequest (SoupServer *server, SoupServerMessage *msg, const char *path,
      GHashTable *query, gpointer self);
  static void OnWebSocket (SoupServer *server, SoupServerMessage *msg, const char *path,
      SoupWebsocketConnection *connection, gpointer self);
  static void OnWebSocketMessage (SoupWebsocketConnection *connection, gint type, GBytes *message,
      gpointer client);
  static void OnWebSocketClosed (SoupWebsocketConnection *connection, gpointer client);
  void HandleText (Client *client, const char *text, size_t length);
  // A binary message: the controller's microphone (frame-server-audio.cpp).
  void HandleBinary (Client *client, GBytes *message);
  // Roles: a client joins at its hello, leaves when it closes; every viewer hears of changes.
  void JoinRoles (Client *client);
  void LeaveRoles (Client *client);
  void HandleControl (Client *client, const ClientMessage &message);
  void ControllerChanged (uint64_t previous);
  void SendRoles ();
  void CloseClient (Client *client, uint16_t code, const std::string &reason);
  // Sending (frame-server-send.cpp): every message to a client goes through these, so its
  // backlog (what its connection holds that it has not taken) is known.
  static bool CanSend (Client *client);
  static SendBacklog::PeerAcked PeerAckedOf (Client *client);
  // The connection holds too much the client has not taken for a frame of `bytes` more.
  bool ConnectionFull (Client *client, size_t bytes);
  void SendFrame (Client *client, const void *data, size_t size);
  // Sent if the client can take it; a client that reads nothing is closed instead.
  void SendText (Client *client, const std::string &text);
  // Closes the client `delay_ms` from now unless it has said hello by then.
  void CloseLater (Client *client, guint delay_ms, uint16_t code, const char *reason);
  void DropCloseTimer (Client *client);

  ServerConfig config_;
  Listener *listener_;
  GMainContext *context_ = nullptr;
  GMainLoop *loop_ = nullptr;
  SoupServer *soup_server_ = nullptr;  // touched only on the server thread
  std::unique_ptr<ServerAccess> access_;
  std::unique_ptr<ConnectionGuard> guard_;
  std::unique_ptr<FileRoutes> files_;  // with a files_folder
  std::thread thread_;
  int bound_port_ = 0;
  std::atomic<bool> running_ {false};

  // Start's hand-shake with the thread.
  std::mutex start_mutex_;
  std::condition_variable start_cond_;
  bool start_done_ = false;
  std::string start_error_;

  // Frames handed over by the streaming thread.
  std::mutex queue_mutex_;
  std::deque<Pending> queue_;
  bool dispatch_scheduled_ = false;
  bool queue_overflowed_ = false;

  // Server-thread state.
  std::vector<std::unique_ptr<Client>> clients_;
  uint64_t next_client_id_ = 1;
  std::map<std::string, std::string> state_texts_;  // BroadcastState
  Roles roles_;
  HeldInput held_;  // by the controller
  KeyframeLimiter limiter_;
  bool keyframe_timer_armed_ = false;
  bool all_444_ = true;
  bool all_lossless_ = true;
  ViewerPace pace_;
  uint64_t frames_in_ = 0;
  uint64_t keyframe_requests_ = 0;

  // Shared with other threads.
  mutable std::mutex info_mutex_;
  std::string codec_;
  int width_ = 0, height_ = 0;
  LatencyWindow latency_;
  LatencyWindow handoff_;
  ServerStats stats_;
};

// A connection, from the WebSocket's opening to its "closed" signal; server thread only.
struct FrameServer::Client {
  FrameServer *server = nullptr;
  uint64_t id = 0;
  SoupWebsocketConnection *connection = nullptr;  // a reference of ours
  GSocket *socket = nullptr;                       // its socket, a reference of ours
  SendBacklog backlog {-1};
  std::string remote;
  bool hello = false;
  bool closing = false;
  uint16_t close_code = 0;  // ours, when we closed it
  std::string close_reason;
  bool decodes_444 = false;
  bool plays_audio = false;  // asked for the desktop's sound
  int64_t heard_us = 0;      // its last message (g_get_monotonic_time)
  bool decodes_lossless = false;
  bool full_access = true;  // may control (see Roles)
  bool joined = false;      // in roles_, from the hello until it closes
  bool refused = false;  // max-clients reached: closed at its first message (or soon anyway)
  std::unique_ptr<ClientFlow> flow;  // from the hello on
  GSource *close_timer = nullptr;    // CloseLater's, until the hello or the end
  gulong message_handler = 0;
  gulong closed_handler = 0;
};

}  // namespace webdesk
