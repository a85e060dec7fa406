// SPDX-License-Identifier: LGPL-2.1-or-later
// See audio-message.h and docs/protocol.md.
#include "audio-message.h"

#include <json-glib/json-glib.h>

#include "byte-order.h"
#include "control-message.h"
#include "protocol.h"

namespace webdesk {

void
WriteAudioHeader (const AudioHeader &header, std::vector<uint8_t> *out)
{
  out->push_back (protocol::kMessageAudio);
  out->push_back (uint8_t (protocol::kVersion));
  out->push_back (header.flags);
  out->push_back (uint8_t (protocol::kAudioHeaderLength));
  PutBigEndian (header.sequence, 4, out);
  PutBigEndian (header.capture_time_us, 8, out);
}

bool
ReadAudioHeader (const uint8_t *data, size_t size, AudioHeader *header, size_t *payload_offset)
{
  if (size < size_t (protocol::kAudioHeaderLength) || data[0] != protocol::kMessageAudio ||
      data[1] != protocol::kVersion)
    return false;
  const size_t header_length = data[3];
  if (header_length < size_t (protocol::kAudioHeaderLength) || header_length >= size)
    return false;
  AudioHeader h;
  h.flags = data[2];
  h.sequence = uint32_t (GetBigEndian (data + 4, 4));
  h.capture_time_us = GetBigEndian (data + 8, 8);
  *header = h;
  if (payload_offset)
    *payload_offset = header_length;
  return true;
}

std::string
AudioFormatJson (int sample_rate, int channels)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "audio");
  json_builder_set_member_name (b, "codec");
  json_builder_add_string_value (b, "opus");
  json_builder_set_member_name (b, "sample_rate");
  json_builder_add_int_value (b, sample_rate);
  json_builder_set_member_name (b, "channels");
  json_builder_add_int_value (b, channels);
  json_builder_end_object (b);
  return JsonText (b);
}

std::string
MicrophoneJson (bool available)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "microphone");
  json_builder_set_member_name (b, "available");
  json_builder_add_boolean_value (b, available);
  json_builder_end_object (b);
  return JsonText (b);
}

}  // namespace webdesk
