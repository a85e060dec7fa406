// SPDX-License-Identifier: LGPL-2.1-or-later
// webdesk's WebSocket protocol: the constants both ends agree on. docs/protocol.md is the
// specification; web/src/protocol.js mirrors these values.
#pragma once

#include <cstdint>

namespace webdesk::protocol {

// Bumped when a change would confuse an older peer (a field removed or reinterpreted). New
// optional JSON fields and a longer binary header (header_length) do not bump it.
constexpr int kVersion = 1;

// Binary messages: first byte. Video goes server -> client; audio both ways (the desktop's
// sound to the viewers, the controlling viewer's microphone to the desktop).
constexpr uint8_t kMessageVideoFrame = 0x01;
constexpr uint8_t kMessageAudio = 0x02;

// Flags of a video frame (byte 2).
constexpr uint8_t kFlagKeyframe = 1 << 0;  // an IDR access unit with SPS and PPS: a decoder may start here
constexpr uint8_t kFlagRefine = 1 << 1;    // a paint-over frame: same picture, better quality
constexpr uint8_t kFlagFinal = 1 << 2;     // the last frame of a refinement burst
constexpr uint8_t kFlagCaptureTimeFromSource = 1 << 3;  // capture time came from the source, not
                                                        // from the frame's arrival at the sink

constexpr int kFrameHeaderLength = 24;

// Flags of an audio packet (byte 2).
constexpr uint8_t kAudioFlagDiscont = 1 << 0;  // packets (silence) were left out before this one

constexpr int kAudioHeaderLength = 16;

// Largest microphone message a client may send (header + one Opus packet, which is at most
// 1275 bytes per frame, 6 frames per packet).
constexpr uint64_t kMaxMicrophoneMessageBytes = 8 * 1024;

// Largest text message a client may send; larger ones close the connection (1009 with a
// reason). Past four times this, libsoup drops the connection at once (no close frame).
constexpr uint64_t kMaxClientMessageBytes = 256 * 1024;

// WebSocket close codes used by the server (1000-1015 are RFC 6455's, 4000-4999 are ours).
constexpr uint16_t kCloseNormal = 1000;
constexpr uint16_t kCloseGoingAway = 1001;        // the server is stopping
constexpr uint16_t kCloseUnsupportedData = 1003;  // a binary message other than microphone audio
constexpr uint16_t kCloseInvalidPayload = 1007;   // not JSON, or not an object
constexpr uint16_t kClosePolicyViolation = 1008;  // something came before the hello
constexpr uint16_t kCloseTooBig = 1009;           // over kMaxClientMessageBytes
constexpr uint16_t kCloseServerFull = 4003;        // max-clients reached (1013 would be
                                                  // standard, but libsoup clients reject it)
constexpr uint16_t kCloseUnknownType = 4000;      // a JSON message with an unknown "type"
constexpr uint16_t kCloseBadField = 4001;         // a known message with a missing or bad field
constexpr uint16_t kCloseVersionMismatch = 4002;  // the client speaks another protocol version

}  // namespace webdesk::protocol
