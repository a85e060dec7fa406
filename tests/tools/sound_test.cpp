// SPDX-License-Identifier: LGPL-2.1-or-later
// webdesk's sound: the session's own sound server (a real PulseAudio, asked with pactl what it
// offers), the silence that never reaches the encoder, and the sound branches in the pipeline.
// Skips (saying so) only the parts that need a program that is not installed.
#include <glib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "options.h"
#include "pipeline.h"
#include "sound-branches.h"
#include "sound-server.h"

namespace {

// pactl's answer to the server at `address` ("" when it could not ask).
std::string
Pactl (const std::string &address, const std::vector<std::string> &args)
{
  std::vector<const char *> argv = {"pactl", "--server", address.c_str ()};
  for (const auto &a : args)
    argv.push_back (a.c_str ());
  argv.push_back (nullptr);
  gchar *out = nullptr;
  gint status = 0;
  if (!g_spawn_sync (nullptr, const_cast<gchar **> (argv.data ()), nullptr, G_SPAWN_SEARCH_PATH,
          nullptr, nullptr, &out, nullptr, &status, nullptr) || status != 0) {
    g_free (out);
    return "";
  }
  std::string text = out;
  g_free (out);
  return text;
}

bool
Have (const char *program)
{
  g_autofree gchar *path = g_find_program_in_path (program);
  return path != nullptr;
}

}  // namespace

TEST (WebdeskSound, SilenceIsAllZeroBytesAndNothingElse)
{
  std::vector<uint8_t> pcm (1920 + 3, 0);  // 10 ms of 48 kHz stereo S16, and an odd tail
  EXPECT_TRUE (webdesk::IsDigitalSilence (pcm.data (), pcm.size ()));
  EXPECT_TRUE (webdesk::IsDigitalSilence (pcm.data () + 1, pcm.size () - 1));  // unaligned
  EXPECT_TRUE (webdesk::IsDigitalSilence (pcm.data (), 0));
  for (size_t at : {size_t (0), size_t (1), size_t (9), size_t (1000), pcm.size () - 1}) {
    pcm[at] = 1;  // one least significant bit of one sample is sound
    EXPECT_FALSE (webdesk::IsDigitalSilence (pcm.data (), pcm.size ())) << at;
    pcm[at] = 0;
  }
}

TEST (WebdeskSound, TheSessionsSoundServerHasItsOutputAndMicrophoneAsDefaults)
{
  if (!Have ("pulseaudio") || !Have ("pactl"))
    GTEST_SKIP () << "pulseaudio or pactl is not installed";
  g_autofree gchar *runtime = g_dir_make_tmp ("webdesk-sound-test-XXXXXX", nullptr);
  std::string address;
  {
    webdesk::SoundServer sound;
    std::string error;
    ASSERT_TRUE (sound.Start (runtime, &error)) << error;
    address = sound.address ();
    // Its socket is in the runtime folder given.
    EXPECT_EQ (address.rfind (std::string ("unix:") + runtime + "/webdesk-sound-", 0), 0u) << address;
    const std::string info = Pactl (address, {"info"});
    EXPECT_NE (info.find ("Default Sink: webdesk_out"), std::string::npos) << info;
    EXPECT_NE (info.find ("Default Source: webdesk_mic"), std::string::npos) << info;
    const std::string sinks = Pactl (address, {"list", "short", "sinks"});
    EXPECT_NE (sinks.find ("webdesk_out\tmodule-null-sink.c\ts16le 2ch 48000Hz"), std::string::npos) << sinks;
    EXPECT_NE (sinks.find ("webdesk_mic_sink"), std::string::npos) << sinks;
  }
  // Stopped with the session: no server, nothing left in the runtime folder.
  EXPECT_EQ (Pactl (address, {"info"}), "");
  EXPECT_EQ (g_rmdir (runtime), 0) << "the runtime folder is empty again";
}

TEST (WebdeskSound, TwoSessionsHaveTwoSoundServers)
{
  if (!Have ("pulseaudio") || !Have ("pactl"))
    GTEST_SKIP () << "pulseaudio or pactl is not installed";
  g_autofree gchar *runtime = g_dir_make_tmp ("webdesk-sound-test-XXXXXX", nullptr);
  webdesk::SoundServer a, b;
  std::string error;
  ASSERT_TRUE (a.Start (runtime, &error)) << error;
  ASSERT_TRUE (b.Start (runtime, &error)) << error;
  EXPECT_NE (a.address (), b.address ());
  EXPECT_NE (Pactl (a.address (), {"info"}), "");
  EXPECT_NE (Pactl (b.address (), {"info"}), "");
  a.Stop ();
  b.Stop ();
  g_rmdir (runtime);
}

TEST (WebdeskSound, ThePipelineCapturesTheOutputAndPlaysTheMicrophone)
{
  webdesk::Options o;
  o.app = {"true"};
  std::string error;
  GstElement *pipeline = webdesk::BuildPipeline (o, webdesk::ClientCommand (o, "", ""), &error,
      "unix:/nonexistent/native");
  ASSERT_TRUE (pipeline) << error;
  GstElement *source = gst_bin_get_by_name (GST_BIN (pipeline), "sound-source");
  ASSERT_TRUE (source);
  gchar *server = nullptr, *device = nullptr;
  g_object_get (source, "server", &server, "device", &device, nullptr);
  EXPECT_STREQ (server, "unix:/nonexistent/native");
  EXPECT_STREQ (device, "webdesk_out.monitor");
  g_free (server);
  g_free (device);
  GstElement *mic = gst_bin_get_by_name (GST_BIN (pipeline), "microphone-sink");
  ASSERT_TRUE (mic);
  g_object_get (mic, "device", &device, nullptr);
  EXPECT_STREQ (device, "webdesk_mic_sink");
  g_free (device);
  // Linked to the sink's audio pads.
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "websocketframesink");
  GstPad *audio = gst_element_get_static_pad (sink, "audio");
  GstPad *microphone = gst_element_get_static_pad (sink, "microphone");
  ASSERT_TRUE (audio && microphone);
  EXPECT_TRUE (gst_pad_is_linked (audio));
  EXPECT_TRUE (gst_pad_is_linked (microphone));
  gst_object_unref (audio);
  gst_object_unref (microphone);
  gst_object_unref (sink);
  gst_object_unref (mic);
  gst_object_unref (source);
  gst_object_unref (pipeline);
}

TEST (WebdeskSound, WithoutASoundServerThereAreNoSoundBranches)
{
  webdesk::Options o;
  o.app = {"true"};
  std::string error;
  GstElement *pipeline = webdesk::BuildPipeline (o, webdesk::ClientCommand (o, "", ""), &error);
  ASSERT_TRUE (pipeline) << error;
  GstElement *source = gst_bin_get_by_name (GST_BIN (pipeline), "sound-source");
  EXPECT_EQ (source, nullptr);
  gst_object_unref (pipeline);
}
