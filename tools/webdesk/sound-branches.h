// SPDX-License-Identifier: LGPL-2.1-or-later
// The sound branches of webdesk's pipeline, around websocketframesink's audio pads:
//   pulsesrc (the session's output monitor) ! audioconvert ! opusenc ! websocketframesink.audio
//   websocketframesink.microphone ! opusdec ! audioconvert ! audioresample ! pulsesink (the
//     session's microphone sink)
// Digital silence (buffers of zeros: nothing plays) never reaches the encoder, so a quiet
// desktop costs no CPU for encoding and sends no bytes.
#pragma once

#include <gst/gst.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace webdesk {

// Whether the bytes are all zero: PCM of digital silence.
bool IsDigitalSilence (const uint8_t *data, size_t size);

// Adds both branches to `pipeline`, linked to `sink` (websocketframesink), talking to the sound
// server at `server` (SoundServer::address). False with a reason when an element is missing.
bool AddSoundBranches (GstElement *pipeline, GstElement *sink, const std::string &server,
    std::string *error);

}  // namespace webdesk
