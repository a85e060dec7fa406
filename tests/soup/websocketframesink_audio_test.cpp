// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink's sound in a real pipeline with real WebSocket clients: Opus on the
// `audio` pad reaches the viewers that asked for sound (and no other), silence does not go out
// at all, the controller's microphone comes out of the `microphone` pad (a viewer's does not),
// a bad binary message closes only its client, and the sound's pads stay apart from the video's.
#include <gst/app/gstappsink.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>

#include "audio-message.h"
#include "sink_pipeline.h"
#include "ws-test-client.h"

using webdesk::testing::Pipeline;
using webdesk::testing::WsTestClient;

namespace {

constexpr const char *kTone =
    "audiotestsrc is-live=true freq=440 ! audio/x-raw,rate=48000,channels=2 ! "
    "opusenc name=opus frame-size=10 ! sink.audio";
constexpr const char *kMicrophone = "sink.microphone ! opusdec ! fakesink name=mic async=false";

bool
HasText (WsTestClient &c, const std::string &piece)
{
  for (const auto &t : c.texts)
    if (t.find (piece) != std::string::npos)
      return true;
  return false;
}

// Counts the buffers (and remembers the caps) that reach an element's pad.
struct PadCounter {
  std::atomic<int> buffers {0};
  std::atomic<bool> first_discont {false};
  std::string caps;
  std::mutex mutex;

  void Watch (GstElement *bin, const char *element, const char *pad)
  {
    GstElement *e = gst_bin_get_by_name (GST_BIN (bin), element);
    GstPad *p = gst_element_get_static_pad (e, pad);
    gst_pad_add_probe (p, GstPadProbeType (GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
        [] (GstPad *, GstPadProbeInfo *info, gpointer data) -> GstPadProbeReturn {
          auto *self = static_cast<PadCounter *> (data);
          if (GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_BUFFER) {
            if (self->buffers++ == 0)
              self->first_discont = GST_BUFFER_IS_DISCONT (GST_PAD_PROBE_INFO_BUFFER (info));
          } else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_CAPS) {
            GstCaps *caps = nullptr;
            gst_event_parse_caps (GST_PAD_PROBE_INFO_EVENT (info), &caps);
            g_autofree gchar *text = gst_caps_to_string (caps);
            std::lock_guard<std::mutex> lock (self->mutex);
            self->caps = text;
          }
          return GST_PAD_PROBE_OK;
        },
        this, nullptr);
    gst_object_unref (p);
    gst_object_unref (e);
  }
};

// Real Opus packets, as a browser's AudioEncoder makes them: 48 kHz mono, 10 ms.
std::vector<std::vector<uint8_t>>
MicrophonePackets (int count)
{
  const std::string description = "audiotestsrc num-buffers=" + std::to_string (count) +
      " samplesperbuffer=480 freq=660 ! audio/x-raw,rate=48000,channels=1 ! "
      "opusenc frame-size=10 ! appsink name=out sync=false";
  GstElement *pipeline = gst_parse_launch (description.c_str (), nullptr);
  GstElement *out = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  std::vector<std::vector<uint8_t>> packets;
  while (GstSample *sample = gst_app_sink_pull_sample (GST_APP_SINK (out))) {
    GstMapInfo map;
    GstBuffer *buffer = gst_sample_get_buffer (sample);
    gst_buffer_map (buffer, &map, GST_MAP_READ);
    packets.emplace_back (map.data, map.data + map.size);
    gst_buffer_unmap (buffer, &map);
    gst_sample_unref (sample);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (out);
  gst_object_unref (pipeline);
  return packets;
}

// Everything the client sent before has been handled once the server answers this ping.
void
RoundTrip (WsTestClient &c, int id)
{
  c.SendText ("{\"type\":\"ping\",\"id\":" + std::to_string (id) + "}");
  ASSERT_TRUE (c.WaitFor ([&] { return HasText (c, "\"id\":" + std::to_string (id) + ","); }));
}

// The packets as a browser sends them: a few at a time (a browser sends one every 10 ms; the
// sink keeps at most 50 waiting), each few once `done (sent)` says the others went through.
void
SendMicrophone (WsTestClient &c, const std::vector<std::vector<uint8_t>> &packets, int *ping,
    const std::function<bool (int)> &done)
{
  uint32_t sequence = 0;
  for (const auto &p : packets) {
    webdesk::AudioHeader h;
    h.sequence = sequence++;
    std::vector<uint8_t> message;
    webdesk::WriteAudioHeader (h, &message);
    message.insert (message.end (), p.begin (), p.end ());
    c.SendBinary (message);
    if (sequence % 10 == 0 || sequence == packets.size ()) {
      RoundTrip (c, ++*ping);
      ASSERT_TRUE (c.WaitFor ([&] { return done (int (sequence)); }, 20)) << sequence << " sent";
    }
  }
}

}  // namespace

TEST (WebsocketFrameSinkAudio, SoundGoesToTheViewersThatAskForIt)
{
  Pipeline p (kTone);
  ASSERT_TRUE (p.Play ());
  const int64_t start_us = g_get_monotonic_time ();
  WsTestClient listener (p.port, {});
  WsTestClient deaf (p.port, {});
  ASSERT_TRUE (listener.WaitFor ([&] {
    return HasText (listener, "{\"type\":\"audio\",\"codec\":\"opus\",\"sample_rate\":48000,\"channels\":2}");
  }));
  listener.SendText ("{\"type\":\"audio\",\"play\":true}");
  ASSERT_TRUE (listener.WaitFor ([&] { return listener.audio.size () >= 100; }));
  // 10 ms Opus packets, numbered, stamped with when they were captured.
  {
    std::lock_guard<std::mutex> lock (listener.mutex);
    for (size_t i = 1; i < listener.audio.size (); i++) {
      EXPECT_EQ (listener.audio[i].header.sequence, listener.audio[i - 1].header.sequence + 1);
      EXPECT_GE (listener.audio[i].header.capture_time_us, listener.audio[i - 1].header.capture_time_us);
    }
    EXPECT_GE (int64_t (listener.audio.front ().header.capture_time_us), start_us - 1000000);
    EXPECT_LE (int64_t (listener.audio.back ().header.capture_time_us), g_get_monotonic_time ());
    EXPECT_GT (listener.audio.front ().packet.size (), 2u);
    // TOC byte: CELT-only (config 16..31) 10 ms frames, as opusenc frame-size=10 makes them.
    EXPECT_GE (listener.audio.front ().packet[0] >> 3, 16);
  }
  // The viewer that never asked got none; once the listener says stop, it gets no more.
  listener.SendText ("{\"type\":\"audio\",\"play\":false}");
  RoundTrip (listener, 1);
  size_t heard;
  {
    std::lock_guard<std::mutex> lock (listener.mutex);
    heard = listener.audio.size ();
  }
  ASSERT_TRUE (deaf.WaitFor ([&] { return deaf.frames.size () >= 30; }));  // it watches video
  RoundTrip (listener, 2);
  std::lock_guard<std::mutex> lock (deaf.mutex);
  EXPECT_EQ (deaf.audio.size (), 0u);
  std::lock_guard<std::mutex> lock2 (listener.mutex);
  EXPECT_LE (listener.audio.size (), heard + 5) << "packets already on their way may still come";
}

TEST (WebsocketFrameSinkAudio, DtxFramesOfSilenceAreNotSent)
{
  // libopus marks silence with frames of 2 bytes or less ("need not be transmitted"). (Digital
  // silence never even reaches the encoder in webdesk's pipeline: tools/webdesk drops it.)
  Pipeline p ("audiotestsrc is-live=true wave=silence num-buffers=300 samplesperbuffer=480 ! "
              "audio/x-raw,rate=48000,channels=2 ! opusenc name=opus frame-size=10 dtx=true ! "
              "sink.audio");
  // The size of every packet the encoder made, in order: the sink numbers them from 0.
  struct Counts {
    std::mutex mutex;
    std::vector<size_t> sizes;
    std::atomic<bool> ended {false};
  } counts;
  GstElement *opus = gst_bin_get_by_name (GST_BIN (p.pipeline), "opus");
  GstPad *out = gst_element_get_static_pad (opus, "src");
  gst_pad_add_probe (out, GstPadProbeType (GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
      [] (GstPad *, GstPadProbeInfo *info, gpointer data) -> GstPadProbeReturn {
        auto *c = static_cast<Counts *> (data);
        std::lock_guard<std::mutex> lock (c->mutex);
        if (GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_BUFFER)
          c->sizes.push_back (gst_buffer_get_size (GST_PAD_PROBE_INFO_BUFFER (info)));
        else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
          c->ended = true;
        return GST_PAD_PROBE_OK;
      },
      &counts, nullptr);
  gst_object_unref (out);
  gst_object_unref (opus);
  ASSERT_TRUE (p.Play ());
  WsTestClient listener (p.port, {});
  ASSERT_TRUE (listener.WaitFor ([&] { return HasText (listener, "\"role\""); }));
  listener.SendText ("{\"type\":\"audio\",\"play\":true}");
  RoundTrip (listener, 1);
  ASSERT_TRUE (listener.WaitFor ([&] { return counts.ended.load (); }, 30));
  RoundTrip (listener, 2);  // every packet submitted before has gone out by now
  std::lock_guard<std::mutex> lock (listener.mutex);
  std::lock_guard<std::mutex> lock2 (counts.mutex);
  ASSERT_FALSE (listener.audio.empty ());
  // From the first packet the listener got on, it got exactly the packets that were not DTX.
  std::vector<uint32_t> expected, got;
  for (size_t i = listener.audio.front ().header.sequence; i < counts.sizes.size (); i++)
    if (counts.sizes[i] > 2)
      expected.push_back (uint32_t (i));
  for (const auto &a : listener.audio)
    got.push_back (a.header.sequence);
  EXPECT_EQ (got, expected);
  const size_t dtx = size_t (std::count_if (counts.sizes.begin (), counts.sizes.end (),
      [] (size_t n) { return n <= 2; }));
  EXPECT_GT (dtx, counts.sizes.size () * 3 / 4) << "silence is mostly DTX frames";
  EXPECT_LT (got.size (), counts.sizes.size () / 4);
}

TEST (WebsocketFrameSinkAudio, TheControllersMicrophoneComesOutOfTheMicrophonePad)
{
  const auto packets = MicrophonePackets (60);
  ASSERT_GE (packets.size (), 60u);
  Pipeline p (kMicrophone);
  PadCounter decoded;
  decoded.Watch (p.pipeline, "mic", "sink");
  ASSERT_TRUE (p.Play ());
  WsTestClient controller (p.port, {});
  ASSERT_TRUE (controller.WaitFor ([&] { return HasText (controller, "\"role\":\"control\""); }));
  EXPECT_TRUE (HasText (controller, "{\"type\":\"microphone\",\"available\":true}"));
  WsTestClient viewer (p.port, {});
  ASSERT_TRUE (viewer.WaitFor ([&] { return HasText (viewer, "\"role\":\"view\""); }));

  // A viewer's microphone never reaches the desktop.
  int ping = 0;
  SendMicrophone (viewer, packets, &ping, [] (int) { return true; });
  EXPECT_EQ (decoded.buffers, 0);

  // The controller's does, every packet (one decoded buffer each).
  SendMicrophone (controller, packets, &ping, [&] (int sent) { return decoded.buffers >= sent; });
  EXPECT_EQ (decoded.buffers, int (packets.size ()));
  EXPECT_TRUE (decoded.first_discont);
  std::lock_guard<std::mutex> lock (decoded.mutex);
  EXPECT_NE (decoded.caps.find ("rate=(int)48000"), std::string::npos) << decoded.caps;
  EXPECT_NE (decoded.caps.find ("channels=(int)1"), std::string::npos) << decoded.caps;
}

TEST (WebsocketFrameSinkAudio, BadBinaryMessagesCloseOnlyTheirClient)
{
  Pipeline p (kMicrophone);
  ASSERT_TRUE (p.Play ());
  WsTestClient good (p.port, {});
  WsTestClient garbage (p.port, {});
  WsTestClient huge (p.port, {});
  for (WsTestClient *c : {&good, &garbage, &huge})
    ASSERT_TRUE (c->WaitFor ([&] { return HasText (*c, "\"type\":\"role\""); }));
  garbage.SendBinary ({0x02, 0x01, 0x00, 0x04, 1, 2, 3});  // header length below 16
  std::vector<uint8_t> big;
  webdesk::WriteAudioHeader ({}, &big);
  big.resize (9000, 0x55);
  huge.SendBinary (big);
  ASSERT_TRUE (garbage.WaitFor ([&] { return garbage.closed; }));
  ASSERT_TRUE (huge.WaitFor ([&] { return huge.closed; }));
  EXPECT_EQ (garbage.close_code, 1003);
  EXPECT_NE (garbage.close_reason.find ("audio packets"), std::string::npos) << garbage.close_reason;
  EXPECT_EQ (huge.close_code, 1009);
  EXPECT_NE (huge.close_reason.find ("8192-byte limit"), std::string::npos) << huge.close_reason;
  const size_t frames = good.frames.size ();
  EXPECT_TRUE (good.WaitFor ([&] { return good.frames.size () >= frames + 10; }));
  EXPECT_FALSE (good.closed);
}

TEST (WebsocketFrameSinkAudio, OneOfEachPadAndTheirEventsStayOffTheVideo)
{
  Pipeline p (kMicrophone);
  GstPadTemplate *audio_template =
      gst_element_class_get_pad_template (GST_ELEMENT_GET_CLASS (p.sink), "audio");
  GstPad *audio = gst_element_request_pad (p.sink, audio_template, nullptr, nullptr);
  ASSERT_TRUE (audio);
  EXPECT_EQ (gst_element_request_pad (p.sink, audio_template, nullptr, nullptr), nullptr);
  EXPECT_EQ (gst_element_request_pad_simple (p.sink, "microphone"), nullptr);
  ASSERT_TRUE (p.Play ());
  WsTestClient viewer (p.port, {});
  ASSERT_TRUE (viewer.WaitFor ([&] { return viewer.frames.size () >= 5; }));
  // What the microphone's branch sends upstream (a reconfigure, as a sink does when its
  // device changes) ends at the microphone pad: the video encoder never hears of it.
  auto reconfigures = [&] {
    std::lock_guard<std::mutex> lock (p.mutex);
    return p.CountEvents ([] (GstEvent *e) { return GST_EVENT_TYPE (e) == GST_EVENT_RECONFIGURE; });
  };
  const int before = reconfigures ();
  GstElement *mic = gst_bin_get_by_name (GST_BIN (p.pipeline), "mic");
  GstPad *mic_in = gst_element_get_static_pad (mic, "sink");
  for (int i = 0; i < 5; i++)
    gst_pad_push_event (mic_in, gst_event_new_reconfigure ());
  gst_object_unref (mic_in);
  gst_object_unref (mic);
  const size_t frames = viewer.frames.size ();
  ASSERT_TRUE (viewer.WaitFor ([&] { return viewer.frames.size () >= frames + 10; }));
  EXPECT_EQ (reconfigures (), before);
  gst_element_release_request_pad (p.sink, audio);
  gst_object_unref (audio);
}
