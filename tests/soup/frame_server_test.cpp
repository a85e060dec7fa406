// SPDX-License-Identifier: LGPL-2.1-or-later
// The server without GStreamer: a Listener records what the server asks of the pipeline, frames
// are submitted by hand, viewers are real libsoup WebSocket clients.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "frame-header.h"
#include "frame-server.h"
#include "protocol.h"
#include "ws-test-client.h"

using webdesk::testing::WsTestClient;

namespace {

class RecordingListener : public webdesk::FrameServer::Listener {
 public:
  void OnClientConnected (uint64_t, const std::string &, int) override {}
  void OnClientDisconnected (uint64_t, uint16_t, const std::string &, int) override {}
  void OnKeyframeNeeded () override { keyframe_requests++; }
  void OnAll444Changed (bool) override {}
  void OnClientMessage (uint64_t, const webdesk::ClientMessage &) override {}
  std::atomic<int> keyframe_requests {0};
};

// A frame message as the sink makes it; the access unit only needs to look like one.
GBytes *
FrameMessage (uint32_t sequence, bool keyframe, webdesk::FrameFacts *facts)
{
  const std::vector<uint8_t> au = keyframe
      ? std::vector<uint8_t> {0, 0, 0, 1, 0x67, 0x64, 0, 0x28, 0, 0, 0, 1, 0x65, 0x88}
      : std::vector<uint8_t> {0, 0, 0, 1, 0x41, 0x9a};
  webdesk::FrameHeader h;
  h.flags = keyframe ? webdesk::protocol::kFlagKeyframe : 0;
  h.sequence = sequence;
  h.width = 64;
  h.height = 48;
  h.payload_bytes = uint32_t (au.size ());
  std::vector<uint8_t> message;
  webdesk::WriteFrameHeader (h, &message);
  message.insert (message.end (), au.begin (), au.end ());
  facts->sequence = sequence;
  facts->keyframe = keyframe;
  facts->bytes = message.size ();
  return g_bytes_new (message.data (), message.size ());
}

void
Submit (webdesk::FrameServer &server, uint32_t sequence, bool keyframe)
{
  webdesk::FrameFacts facts;
  GBytes *message = FrameMessage (sequence, keyframe, &facts);
  server.SubmitFrame (message, facts, g_get_monotonic_time ());
  g_bytes_unref (message);
}

}  // namespace

TEST (FrameServer, ManyJoinsCostAtMostOneKeyframeRequestPerSecond)
{
  RecordingListener listener;
  webdesk::ServerConfig config;
  config.port = 0;
  webdesk::FrameServer server (config, &listener);
  std::string error;
  ASSERT_TRUE (server.Start (&error)) << error;
  const auto start = std::chrono::steady_clock::now ();
  std::vector<std::unique_ptr<WsTestClient>> viewers;
  for (int i = 0; i < 10; i++)
    viewers.push_back (std::make_unique<WsTestClient> (server.port (), WsTestClient::Options {}));
  // Every viewer has said hello once the server counts ten.
  for (int i = 0; i < 3000 && server.Stats ().clients < 10; i++)
    std::this_thread::sleep_for (std::chrono::milliseconds (10));
  ASSERT_EQ (server.Stats ().clients, 10);
  const double elapsed_s =
      std::chrono::duration<double> (std::chrono::steady_clock::now () - start).count ();
  // However slow the machine, ten joins never cost more than one request per second elapsed.
  EXPECT_GE (listener.keyframe_requests.load (), 1);
  EXPECT_LE (listener.keyframe_requests.load (), 1 + int (elapsed_s));
  server.Stop ();
}

TEST (FrameServer, AKeyframeStartsEveryWaitingViewerAndDeltasFollow)
{
  RecordingListener listener;
  webdesk::ServerConfig config;
  config.port = 0;
  webdesk::FrameServer server (config, &listener);
  std::string error;
  ASSERT_TRUE (server.Start (&error)) << error;
  WsTestClient a (server.port (), {}), b (server.port (), {});
  for (int i = 0; i < 3000 && server.Stats ().clients < 2; i++)
    std::this_thread::sleep_for (std::chrono::milliseconds (10));
  ASSERT_EQ (server.Stats ().clients, 2);
  Submit (server, 0, false);  // nobody can start on a delta
  Submit (server, 1, true);
  Submit (server, 2, false);
  for (WsTestClient *c : {&a, &b}) {
    ASSERT_TRUE (c->WaitFor ([c] { return c->frames.size () >= 2; }));
    std::lock_guard<std::mutex> lock (c->mutex);
    EXPECT_EQ (c->frames[0].header.sequence, 1u);
    EXPECT_TRUE (c->frames[0].header.flags & webdesk::protocol::kFlagKeyframe);
    EXPECT_EQ (c->frames[1].header.sequence, 2u);
  }
  server.Stop ();
}

TEST (FrameServer, StoppingClosesViewersWithGoingAway)
{
  RecordingListener listener;
  webdesk::ServerConfig config;
  config.port = 0;
  webdesk::FrameServer server (config, &listener);
  std::string error;
  ASSERT_TRUE (server.Start (&error)) << error;
  WsTestClient viewer (server.port (), {});
  for (int i = 0; i < 3000 && server.Stats ().clients < 1; i++)
    std::this_thread::sleep_for (std::chrono::milliseconds (10));
  server.Stop ();
  ASSERT_TRUE (viewer.WaitFor ([&] { return viewer.closed || viewer.failed; }));
  std::lock_guard<std::mutex> lock (viewer.mutex);
  EXPECT_EQ (viewer.close_code, 1001);
}

// Sound is not acknowledged: a client that stops talking (a stalled tab reads nothing either)
// gets no sound until it speaks again, so nothing piles up for it.
TEST (FrameServer, SoundStopsForAClientThatWentQuietUntilItSpeaks)
{
  RecordingListener listener;
  webdesk::ServerConfig config;
  config.port = 0;
  config.audio_silent_client_us = 300000;
  webdesk::FrameServer server (config, &listener);
  std::string error;
  ASSERT_TRUE (server.Start (&error)) << error;
  WsTestClient::Options quiet;
  quiet.auto_ack = false;
  WsTestClient client (server.port (), quiet);
  ASSERT_TRUE (client.WaitFor ([&] { return client.texts.size () >= 2; }));  // hello, role
  client.SendText ("{\"type\":\"audio\",\"play\":true}");
  std::vector<uint8_t> packet;
  webdesk::WriteAudioHeader ({}, &packet);
  packet.push_back (0xfc);
  GBytes *message = g_bytes_new (packet.data (), packet.size ());
  auto heard = [&] {
    std::lock_guard<std::mutex> lock (client.mutex);
    return client.audio.size ();
  };
  // While it talks, it hears.
  for (int i = 0; i < 100 && heard () == 0; i++) {
    server.SubmitAudio (message);
    std::this_thread::sleep_for (std::chrono::milliseconds (10));
  }
  ASSERT_GT (heard (), 0u);
  // Quiet for longer than the limit: no more sound.
  std::this_thread::sleep_for (std::chrono::milliseconds (400));
  const size_t before = heard ();
  for (int i = 0; i < 20; i++)
    server.SubmitAudio (message);
  client.SendText ("{\"type\":\"ping\",\"id\":1}");
  ASSERT_TRUE (client.WaitFor ([&] {
    for (const auto &t : client.texts)
      if (t.find ("\"type\":\"pong\"") != std::string::npos)
        return true;
    return false;
  }));
  EXPECT_EQ (heard (), before) << "sound went to a client that had been quiet";
  // It spoke (the ping): sound again.
  server.SubmitAudio (message);
  EXPECT_TRUE (client.WaitFor ([&] { return client.audio.size () > before; }));
  g_bytes_unref (message);
}
