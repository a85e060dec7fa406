// SPDX-License-Identifier: LGPL-2.1-or-later
// What a client that lies about what it read can cost the server: an ack for a frame never
// sent closes it, and however it acknowledges, the frames held for it (libsoup's queue and the
// kernel's) stay within a bounded number of bytes. The server without GStreamer, frames made by
// hand, this process's memory measured.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "frame-header.h"
#include "frame-server.h"
#include "protocol.h"
#include "process-memory.h"
#include "quiet-listener.h"
#include "raw-http.h"
#include "ws-test-client.h"

using webdesk::testing::RawWebSocket;
using webdesk::testing::ResidentBytes;
using webdesk::testing::WsTestClient;

namespace {

// Keeps the closes ("code reason").
class ClosesListener : public webdesk::testing::QuietListener {
 public:
  void OnClientDisconnected (uint64_t, uint16_t code, const std::string &reason, int) override
  {
    std::lock_guard<std::mutex> lock (mutex);
    closes.push_back (std::to_string (code) + " " + reason);
  }
  std::mutex mutex;
  std::vector<std::string> closes;
};

// A frame message of `bytes` (header + a fake access unit, as the sink makes them).
void
Submit (webdesk::FrameServer &server, uint32_t sequence, bool keyframe, size_t bytes)
{
  std::vector<uint8_t> au (bytes, 0x5a);
  const uint8_t start[] = {0, 0, 0, 1, uint8_t (keyframe ? 0x65 : 0x41)};
  std::copy (std::begin (start), std::end (start), au.begin ());
  webdesk::FrameHeader h;
  h.flags = keyframe ? webdesk::protocol::kFlagKeyframe : 0;
  h.sequence = sequence;
  h.width = 1920;
  h.height = 1080;
  h.payload_bytes = uint32_t (au.size ());
  std::vector<uint8_t> message;
  webdesk::WriteFrameHeader (h, &message);
  message.insert (message.end (), au.begin (), au.end ());
  webdesk::FrameFacts facts;
  facts.sequence = sequence;
  facts.keyframe = keyframe;
  facts.bytes = message.size ();
  GBytes *b = g_bytes_new (message.data (), message.size ());
  server.SubmitFrame (b, facts, g_get_monotonic_time ());
  g_bytes_unref (b);
}

}  // namespace

TEST (ServerBacklog, AnAckForAFrameNeverSentClosesTheClient)
{
  ClosesListener listener;
  webdesk::ServerConfig config;
  config.port = 0;
  webdesk::FrameServer server (config, &listener);
  std::string error;
  ASSERT_TRUE (server.Start (&error)) << error;
  WsTestClient liar (server.port (), {.auto_ack = false});
  for (int i = 0; i < 3000 && server.Stats ().clients < 1; i++)
    std::this_thread::sleep_for (std::chrono::milliseconds (10));
  Submit (server, 5, true, 100);
  ASSERT_TRUE (liar.WaitFor ([&] { return !liar.frames.empty (); }));
  liar.SendText (R"({"type":"ack","sequence":1073741829})");  // 5 + 2^30
  ASSERT_TRUE (liar.WaitFor ([&] { return liar.closed; }));
  std::lock_guard<std::mutex> lock (liar.mutex);
  EXPECT_EQ (liar.close_code, 4001);
  EXPECT_NE (liar.close_reason.find ("never sent"), std::string::npos) << liar.close_reason;
  server.Stop ();
}

TEST (ServerBacklog, AClientThatAcknowledgesWhatItNeverReadsCostsABoundedAmount)
{
  // It read one frame, then never read again while acknowledging: the server held the whole
  // stream for it (+4.7 MB/s), and kept the memory after it left.
  ClosesListener listener;
  webdesk::ServerConfig config;
  config.port = 0;
  webdesk::FrameServer server (config, &listener);
  std::string error;
  ASSERT_TRUE (server.Start (&error)) << error;
  WsTestClient honest (server.port (), {});
  RawWebSocket liar (server.port ());
  ASSERT_TRUE (liar.open ());
  ASSERT_TRUE (liar.SendText (R"({"type":"hello","protocol":1})"));
  for (int i = 0; i < 3000 && server.Stats ().clients < 2; i++)
    std::this_thread::sleep_for (std::chrono::milliseconds (10));
  ASSERT_EQ (server.Stats ().clients, 2);

  const size_t frame_bytes = 200 * 1024;
  const uint32_t frames = 400;  // 80 MB
  const size_t before = ResidentBytes ();
  size_t peak = before;
  for (uint32_t s = 0; s < frames; s++) {
    Submit (server, s, s % 50 == 0, frame_bytes);
    // Acknowledged a few frames late, as if decoded: the server cannot tell from the acks.
    if (s >= 4)
      liar.SendText ("{\"type\":\"ack\",\"sequence\":" + std::to_string (s - 4) + "}");
    // One frame at a time through the server thread (its queue drops frames past 64).
    for (int i = 0; i < 5000 && server.Stats ().frames_in <= s; i++)
      std::this_thread::sleep_for (std::chrono::milliseconds (1));
    peak = std::max (peak, ResidentBytes ());
  }
  // The honest viewer got the stream meanwhile (skipping some if it fell behind).
  EXPECT_TRUE (honest.WaitFor ([&] { return honest.frames.size () >= frames / 4; }));
  const double grown_mb = double (peak - before) / 1e6;
  std::string liar_closed;
  {
    std::lock_guard<std::mutex> lock (listener.mutex);
    for (const auto &c : listener.closes)
      liar_closed += c + "; ";
  }
  std::printf ("resident memory grew by %.1f MB at most while %u frames (%.0f MB) went to an "
      "honest viewer and a client that acknowledged without reading; closed: %s\n", grown_mb,
      frames, double (frames) * frame_bytes / 1e6, liar_closed.empty () ? "none" : liar_closed.c_str ());
  // FlowLimits::close_bytes_unread is 16 MiB; the honest viewer's receiving costs a little too.
  EXPECT_LT (grown_mb, 40.0);
  server.Stop ();
}
