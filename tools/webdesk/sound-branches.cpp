// SPDX-License-Identifier: LGPL-2.1-or-later
// See sound-branches.h.
#include "sound-branches.h"

#include <cstring>

#include "sound-server.h"

namespace webdesk {

namespace {

// Opus in 10 ms frames (the low-delay mode: CELT only, the shortest look-ahead), 96 kbit/s for
// stereo music; DTX as well, for the quiet that is not quite zero (websocketframesink drops
// DTX frames).
constexpr const char *kSoundOut =
    "pulsesrc name=sound-source client-name=webdesk latency-time=10000 buffer-time=100000 "
    "  ! audio/x-raw,format=S16LE,rate=48000,channels=2 "
    "  ! audioconvert name=sound-gate ! opusenc name=sound-encoder frame-size=10 "
    "    audio-type=restricted-lowdelay bitrate=96000 dtx=true";
// The viewer's microphone: played into the microphone sink as it comes (no clock sync: the
// network's jitter is absorbed by the sound server's buffer, not turned into drops).
constexpr const char *kMicrophone =
    "opusdec name=microphone-decoder plc=true ! audioconvert ! audioresample "
    "  ! audio/x-raw,rate=48000,channels=1 "
    "  ! pulsesink name=microphone-sink client-name=webdesk-microphone sync=false async=false "
    "    buffer-time=100000 latency-time=10000";

GstPadProbeReturn
DropSilence (GstPad *, GstPadProbeInfo *info, gpointer)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstMapInfo map;
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  const bool silent = IsDigitalSilence (map.data, map.size);
  gst_buffer_unmap (buffer, &map);
  return silent ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
}

GstElement *
Branch (const char *description, std::string *error)
{
  GError *gerror = nullptr;
  GstElement *bin = gst_parse_bin_from_description (description, TRUE, &gerror);
  if (!bin) {
    *error = std::string ("sound: ") + (gerror ? gerror->message : "cannot build the branch") +
        " (tools/install-deps.sh installs gstreamer1.0-pulseaudio; or run with --no-sound)";
    g_clear_error (&gerror);
  }
  return bin;
}

GstElement *
ByName (GstElement *bin, const char *name)
{
  GstElement *e = gst_bin_get_by_name (GST_BIN (bin), name);
  gst_object_unref (e);  // the bin keeps it
  return e;
}

}  // namespace

bool
IsDigitalSilence (const uint8_t *data, size_t size)
{
  // Word by word where aligned; a sound rarely starts with many zero bytes, so this is quick.
  size_t i = 0;
  for (; i < size && (reinterpret_cast<uintptr_t> (data + i) % sizeof (uint64_t)) != 0; i++) {
    if (data[i])
      return false;
  }
  for (; i + sizeof (uint64_t) <= size; i += sizeof (uint64_t)) {
    uint64_t word;
    memcpy (&word, data + i, sizeof (word));
    if (word)
      return false;
  }
  for (; i < size; i++) {
    if (data[i])
      return false;
  }
  return true;
}

bool
AddSoundBranches (GstElement *pipeline, GstElement *sink, const std::string &server,
    std::string *error)
{
  GstElement *out = Branch (kSoundOut, error);
  if (!out)
    return false;
  GstElement *in = Branch (kMicrophone, error);
  if (!in) {
    gst_object_unref (out);
    return false;
  }
  const std::string monitor = std::string (SoundServer::kOutputSink) + ".monitor";
  g_object_set (ByName (out, "sound-source"), "server", server.c_str (), "device",
      monitor.c_str (), nullptr);
  g_object_set (ByName (in, "microphone-sink"), "server", server.c_str (), "device",
      SoundServer::kMicrophoneSink, nullptr);
  GstPad *gate = gst_element_get_static_pad (ByName (out, "sound-gate"), "sink");
  gst_pad_add_probe (gate, GST_PAD_PROBE_TYPE_BUFFER, DropSilence, nullptr, nullptr);
  gst_object_unref (gate);
  gst_bin_add_many (GST_BIN (pipeline), out, in, nullptr);
  if (!gst_element_link_pads (out, nullptr, sink, "audio") ||
      !gst_element_link_pads (sink, "microphone", in, nullptr)) {
    *error = "sound: could not link to websocketframesink's audio pads (an older build?)";
    return false;
  }
  // pulsesrc would offer its own clock; the video side times by the system clock (as the
  // capture times of its frames do), and so does everything else.
  GstClock *clock = gst_system_clock_obtain ();
  gst_pipeline_use_clock (GST_PIPELINE (pipeline), clock);
  gst_object_unref (clock);
  return true;
}

}  // namespace webdesk
