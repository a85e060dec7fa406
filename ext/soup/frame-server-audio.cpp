// SPDX-License-Identifier: LGPL-2.1-or-later
// FrameServer's sound: the desktop's audio packets out to the viewers that play it, and the
// controlling viewer's microphone in. Audio is never acknowledged or paced: a packet is a few
// hundred bytes every 10 ms, and a late one is worth less than the next.
#include "frame-server.h"

#include "protocol.h"

namespace webdesk {

void
FrameServer::SubmitAudio (GBytes *message)
{
  if (!running_)
    return;
  g_bytes_ref (message);
  // Like frames, before acks and input waiting in the same iteration.
  Invoke (
      [this, message] {
        gsize size = 0;
        const void *data = g_bytes_get_data (message, &size);
        const int64_t now = g_get_monotonic_time ();
        for (auto &c : clients_) {
          // Video is bounded by acks; sound is not acknowledged, so a client that went quiet
          // (a stalled tab reads nothing either) gets none until it speaks again.
          if (c->hello && c->plays_audio && !c->closing &&
              now - c->heard_us <= config_.audio_silent_client_us &&
              soup_websocket_connection_get_state (c->connection) == SOUP_WEBSOCKET_STATE_OPEN)
            soup_websocket_connection_send_binary (c->connection, data, size);
        }
        g_bytes_unref (message);
      },
      G_PRIORITY_HIGH);
}

void
FrameServer::HandleBinary (Client *c, GBytes *message)
{
  gsize size = 0;
  const auto *data = static_cast<const uint8_t *> (g_bytes_get_data (message, &size));
  if (size > protocol::kMaxMicrophoneMessageBytes) {
    CloseClient (c, protocol::kCloseTooBig,
        "binary message of " + std::to_string (size) + " bytes is over the " +
            std::to_string (protocol::kMaxMicrophoneMessageBytes) + "-byte limit");
    return;
  }
  AudioHeader header;
  size_t offset = 0;
  if (!ReadAudioHeader (data, size, &header, &offset)) {
    CloseClient (c, protocol::kCloseUnsupportedData,
        "binary messages from clients must be audio packets");
    return;
  }
  if (!c->hello) {
    CloseClient (c, protocol::kClosePolicyViolation, "the first message must be a hello");
    return;
  }
  // Like input: only the controller's microphone reaches the desktop; the others' is dropped.
  if (!roles_.InControl (c->id))
    return;
  GBytes *packet = g_bytes_new_from_bytes (message, offset, size - offset);
  listener_->OnMicrophone (packet, header);
  g_bytes_unref (packet);
}

}  // namespace webdesk
