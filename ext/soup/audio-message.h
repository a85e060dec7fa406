// SPDX-License-Identifier: LGPL-2.1-or-later
// Audio on the WebSocket (docs/protocol.md, "Audio packets"): one Opus packet per binary message
// behind a small header, the same both ways (the desktop's sound to the viewers, the
// controlling viewer's microphone back). Also the `audio` and `microphone` state messages that
// tell a page what the sink has.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace webdesk {

struct AudioHeader {
  uint8_t flags = 0;             // protocol::kAudioFlag*
  uint32_t sequence = 0;         // packet number, +1 per packet the sender produced (wraps)
  uint64_t capture_time_us = 0;  // when its first sample was captured (the sender's
                                 // CLOCK_MONOTONIC, microseconds)
};

// Appends the header's protocol::kAudioHeaderLength bytes to `out`.
void WriteAudioHeader (const AudioHeader &header, std::vector<uint8_t> *out);

// Reads a header from the start of a message of `size` bytes. False (and `header` untouched)
// when the message is too short, of another type or version, or carries no packet.
// `payload_offset` receives where the Opus packet starts (later revisions may append fields).
bool ReadAudioHeader (const uint8_t *data, size_t size, AudioHeader *header,
    size_t *payload_offset);

// Whether an Opus packet carries no sound worth sending: an empty packet or a DTX frame
// (libopus: "a packet of 2 bytes or less need not be transmitted").
inline bool
IsSilentOpusPacket (size_t bytes)
{
  return bytes <= 2;
}

// {"type":"audio","codec":"opus","sample_rate":48000,"channels":2}: the desktop has sound.
std::string AudioFormatJson (int sample_rate, int channels);
// {"type":"microphone","available":true}: the controlling viewer may send its microphone.
std::string MicrophoneJson (bool available);

}  // namespace webdesk
