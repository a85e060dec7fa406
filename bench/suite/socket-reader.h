// SPDX-License-Identifier: LGPL-2.1-or-later
// A viewer for the benchmark: libsoup's WebSocket client on its own thread, reading
// websocketframesink's frames the way the web client does (hello saying it decodes 4:4:4, an
// ack per frame), and noting when each message came off the socket on CLOCK_MONOTONIC, the
// clock of the frame header's capture time.
#pragma once

#include <libsoup/soup.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "frame-header.h"

namespace webdesk::bench {

struct SocketFrame {
  int64_t received_ns = 0;  // CLOCK_MONOTONIC when the whole message had been read
  FrameHeader header;
  std::vector<uint8_t> payload;  // the access unit
  size_t message_bytes = 0;      // header + access unit, as sent
};

class SocketReader {
 public:
  explicit SocketReader (int port);
  ~SocketReader ();

  // Waits until the WebSocket is open and the server's hello arrived (false on failure).
  bool WaitOpen (double timeout_s, std::string *error);
  std::vector<SocketFrame> Take ();
  int64_t LastReceivedNs () const { return last_received_ns_; }
  // The frame header flags of the last frame received (protocol::kFlag*).
  uint8_t LastFlags () const { return last_flags_; }
  // CPU time the reader's thread has used so far (to subtract from the process's).
  double CpuSeconds () const { return cpu_ns_ / 1e9; }

 private:
  void Run ();
  static void OnConnected (GObject *session, GAsyncResult *result, gpointer self);
  static void OnMessage (SoupWebsocketConnection *c, gint type, GBytes *message, gpointer self);

  int port_;
  GMainContext *context_ = nullptr;
  SoupWebsocketConnection *connection_ = nullptr;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false, failed_ = false;
  std::string error_;
  std::vector<SocketFrame> frames_;
  std::atomic<bool> stop_ {false};
  std::atomic<int64_t> last_received_ns_ {0};
  std::atomic<uint8_t> last_flags_ {0};
  std::atomic<int64_t> cpu_ns_ {0};
  std::thread thread_;
};

}  // namespace webdesk::bench
