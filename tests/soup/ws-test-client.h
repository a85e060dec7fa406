// SPDX-License-Identifier: LGPL-2.1-or-later
// A real WebSocket viewer for tests and the bench: libsoup's client on its own thread and main
// context, speaking docs/protocol.md. It can be frozen (stops reading its socket and
// acknowledging, like a stalled browser tab) and thawed.
#pragma once

#include <libsoup/soup.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audio-message.h"
#include "frame-header.h"

namespace webdesk::testing {

struct ReceivedAudio {
  AudioHeader header;
  std::vector<uint8_t> packet;
};

struct ReceivedFrame {
  FrameHeader header;
  std::string codec;  // from the SPS, when the frame has one
  bool high444 = false;
  bool lossless = false;  // its SPS allows lossless frames
};

class WsTestClient {
 public:
  struct Options {
    bool send_hello = true;
    bool decodes_444 = false;
    bool decodes_lossless = false;
    bool auto_ack = true;
    bool keep_payloads = false;  // keep every frame's access unit (for decoding)
    std::string password;        // HTTP Basic, user "viewer"
    std::string origin;          // the Origin header a browser would send; empty: none
    bool tls = false;            // wss://, accepting the server's (self-signed) certificate
  };

  WsTestClient (int port, Options options);
  ~WsTestClient ();

  void SendText (const std::string &text);
  void SendBinary (const std::vector<uint8_t> &bytes);
  void Close ();
  void Freeze ();
  void Thaw ();

  // Waits (event-driven, up to timeout_s) until `done` is true; `done` runs under the lock.
  bool WaitFor (const std::function<bool ()> &done, double timeout_s = 30);

  // Under the lock, for WaitFor predicates and after it returned.
  std::mutex mutex;
  bool open = false;
  bool failed = false;
  bool closed = false;
  uint16_t close_code = 0;
  std::string close_reason;
  std::vector<std::string> texts;
  std::vector<ReceivedFrame> frames;
  std::vector<std::vector<uint8_t>> payloads;
  std::vector<ReceivedAudio> audio;
  uint64_t bytes_received = 0;

 private:
  void Run ();
  void Invoke (std::function<void ()> fn);
  static void OnConnected (GObject *session, GAsyncResult *result, gpointer self);
  static void OnMessage (SoupWebsocketConnection *c, gint type, GBytes *message, gpointer self);
  static void OnClosed (SoupWebsocketConnection *c, gpointer self);

  int port_;
  Options options_;
  GMainContext *context_ = nullptr;
  SoupSession *session_ = nullptr;
  SoupWebsocketConnection *connection_ = nullptr;
  std::condition_variable changed_;
  bool stop_ = false;
  bool frozen_ = false;
  std::thread thread_;
};

// A plain HTTP GET; returns the status, fills body and content type.
int HttpGet (int port, const std::string &path, std::string *body, std::string *content_type,
    const std::string &password = "");

struct HttpRequest {
  std::string method = "GET";
  std::string path;                 // with its query, already escaped
  std::string body;
  std::string password;             // HTTP Basic, user "viewer"
  std::string origin;               // the Origin header; empty: none
};
// Any request; returns the status (0: no answer), fills the response body.
int HttpSend (int port, const HttpRequest &request, std::string *response);

}  // namespace webdesk::testing
