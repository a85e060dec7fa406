// SPDX-License-Identifier: LGPL-2.1-or-later
// The session's sound server: a PulseAudio daemon of the session's own (never the user's
// desktop one), started with the session and stopped with it. Its socket is in a private
// folder of the session's runtime folder; applications find it through PULSE_SERVER. What it
// offers (docs/webdesk.md, "Sound"):
// - a null sink, `webdesk_out`, the default output: what applications play goes nowhere but to
//   its monitor, which the pipeline captures for the viewers;
// - `webdesk_mic`, the default input: a source remapped from the monitor of a second null sink,
//   `webdesk_mic_sink`, into which the pipeline plays the controlling viewer's microphone.
// PulseAudio rather than PipeWire's pulse service: one daemon with one configuration script,
// no session manager (wireplumber) and no D-Bus session to bring along, and it runs the same as
// root (CI) and as an ordinary user.
#pragma once

#include <gio/gio.h>

#include <string>

namespace webdesk {

class SoundServer {
 public:
  static constexpr const char *kOutputSink = "webdesk_out";
  static constexpr const char *kMicrophoneSink = "webdesk_mic_sink";
  static constexpr const char *kMicrophoneSource = "webdesk_mic";

  SoundServer () = default;
  ~SoundServer () { Stop (); }
  SoundServer (const SoundServer &) = delete;
  SoundServer &operator= (const SoundServer &) = delete;

  // The configuration script: the sinks, the microphone source, the defaults, and last the
  // socket (so a connectable socket means everything is there).
  static std::string Script (const std::string &socket_path);

  // Starts `pulseaudio` (PATH) in a new folder inside `runtime_dir`; returns once it accepts
  // connections, or false with a reason (not installed, failed: its log's last lines).
  bool Start (const std::string &runtime_dir, std::string *error);
  // Stops it (SIGTERM, SIGKILL after 2 s) and removes its folder.
  void Stop ();
  bool running () const { return process_ != nullptr; }
  // For PULSE_SERVER and the server property of pulsesrc / pulsesink: "unix:/path/native".
  std::string address () const { return "unix:" + socket_; }

 private:
  GSubprocess *process_ = nullptr;
  std::string folder_;
  std::string socket_;
};

}  // namespace webdesk
