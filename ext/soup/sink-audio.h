// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink's sound, in GStreamer terms (the element stays usable for video only):
// - the `audio` request sink pad takes Opus (audio/x-opus, one packet per buffer) and every
//   packet goes to the viewers that play sound; DTX frames (a packet of 2 bytes or less: silence
//   libopus says need not be sent) are left out, so silence costs no bytes;
// - the `microphone` request src pad gives out, as audio/x-opus, what the controlling viewer's
//   microphone sends: pushed by a task of the pad's own, so neither the server thread nor the
//   streaming thread ever waits on what is downstream (like rtpsession's send_rtcp_src pad, a
//   live source inside a bigger element).
// The pads are islands: no event or query crosses between them and the video pad.
#pragma once

#include <gst/gst.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

#include "audio-message.h"

namespace webdesk {

class FrameServer;

class SinkAudio {
 public:
  // `server`: the element's server while it runs (between start and stop), else nullptr.
  SinkAudio (GstElement *element, std::function<FrameServer *()> server);
  ~SinkAudio ();
  SinkAudio (const SinkAudio &) = delete;
  SinkAudio &operator= (const SinkAudio &) = delete;

  // The `audio` and `microphone` templates and the element's request/release functions, which
  // find the element's SinkAudio (it registers itself on the element).
  static void AddRequestPads (GstElementClass *klass);
  // Keeps a pad's events and queries to itself (the default forwards them to every pad of the
  // other direction: the microphone's branch would hear the video's).
  static void Isolate (GstPad *pad);

  GstPad *RequestPad (GstPadTemplate *templ, const gchar *name);
  void ReleasePad (GstPad *pad);
  // The server started: it hears what this has (audio format, microphone).
  void ServerStarted (FrameServer *server);
  // From the server thread: a packet of the controller's microphone.
  void OnMicrophone (GBytes *packet, const AudioHeader &header);

 private:
  static GstFlowReturn AudioChain (GstPad *pad, GstObject *parent, GstBuffer *buffer);
  static gboolean AudioEvent (GstPad *pad, GstObject *parent, GstEvent *event);
  static gboolean MicrophoneActivate (GstPad *pad, GstObject *parent, GstPadMode mode,
      gboolean active);
  static gboolean MicrophoneEvent (GstPad *pad, GstObject *parent, GstEvent *event);
  static gboolean MicrophoneQuery (GstPad *pad, GstObject *parent, GstQuery *query);
  static void MicrophoneLoop (gpointer self);
  // Buffer time -> when its first sample was captured, on CLOCK_MONOTONIC (microseconds).
  uint64_t CaptureTimeUs (GstBuffer *buffer);
  GstClockTime RunningTimeNow ();

  GstElement *element_;
  std::function<FrameServer *()> server_;

  // The audio pad (its streaming thread; the pad pointers and formats under mutex_).
  std::mutex mutex_;
  GstPad *audio_pad_ = nullptr;
  GstPad *microphone_pad_ = nullptr;
  std::string audio_format_json_;  // the last caps, as the `audio` state message
  GstSegment segment_;
  uint32_t audio_sequence_ = 0;
  bool audio_discont_ = true;

  // The microphone: packets from the server thread, pushed by the pad's task.
  std::mutex queue_mutex_;
  std::condition_variable queue_cond_;
  std::deque<std::pair<GBytes *, AudioHeader>> queue_;
  bool flushing_ = true;
  bool need_stream_start_ = true;
  uint32_t next_microphone_sequence_ = 0;
  bool microphone_discont_ = true;
};

}  // namespace webdesk
