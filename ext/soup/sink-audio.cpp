// SPDX-License-Identifier: LGPL-2.1-or-later
// See sink-audio.h.
#include "sink-audio.h"

#include <vector>

#include "frame-server.h"
#include "protocol.h"

GST_DEBUG_CATEGORY_EXTERN (gst_websocket_frame_sink_debug);
#define GST_CAT_DEFAULT gst_websocket_frame_sink_debug

namespace webdesk {

namespace {

// Microphone packets waiting for the pad's task; past this (the branch downstream is stuck)
// the oldest go: late sound is worse than a gap.
constexpr size_t kMaxQueuedMicrophonePackets = 50;

constexpr const char *kMicrophoneCaps =
    "audio/x-opus, rate=(int)48000, channels=(int)1, channel-mapping-family=(int)0";

GstStaticPadTemplate audio_template = GST_STATIC_PAD_TEMPLATE ("audio", GST_PAD_SINK,
    GST_PAD_REQUEST,
    GST_STATIC_CAPS ("audio/x-opus, channel-mapping-family=(int)0, channels=(int)[ 1, 2 ]"));

GstStaticPadTemplate microphone_template = GST_STATIC_PAD_TEMPLATE ("microphone", GST_PAD_SRC,
    GST_PAD_REQUEST, GST_STATIC_CAPS (kMicrophoneCaps));

SinkAudio *
Of (GstPad *pad)
{
  return static_cast<SinkAudio *> (gst_pad_get_element_private (pad));
}

GQuark
SinkAudioQuark ()
{
  return g_quark_from_static_string ("webdesk-sink-audio");
}

SinkAudio *
Of (GstElement *element)
{
  return static_cast<SinkAudio *> (g_object_get_qdata (G_OBJECT (element), SinkAudioQuark ()));
}

GstPad *
RequestNewPad (GstElement *element, GstPadTemplate *templ, const gchar *name, const GstCaps *)
{
  return Of (element)->RequestPad (templ, name);
}

void
ReleaseRequestPad (GstElement *element, GstPad *pad)
{
  Of (element)->ReleasePad (pad);
}

GstIterator *
NoInternalLinks (GstPad *, GstObject *)
{
  return nullptr;
}

}  // namespace

SinkAudio::SinkAudio (GstElement *element, std::function<FrameServer *()> server)
    : element_ (element), server_ (std::move (server))
{
  gst_segment_init (&segment_, GST_FORMAT_TIME);
  g_object_set_qdata (G_OBJECT (element), SinkAudioQuark (), this);
}

SinkAudio::~SinkAudio ()
{
  for (auto &p : queue_)
    g_bytes_unref (p.first);
}

void
SinkAudio::AddRequestPads (GstElementClass *klass)
{
  gst_element_class_add_static_pad_template (klass, &audio_template);
  gst_element_class_add_static_pad_template (klass, &microphone_template);
  klass->request_new_pad = RequestNewPad;
  klass->release_pad = ReleaseRequestPad;
}

void
SinkAudio::Isolate (GstPad *pad)
{
  gst_pad_set_iterate_internal_links_function (pad, NoInternalLinks);
}

GstPad *
SinkAudio::RequestPad (GstPadTemplate *templ, const gchar *)
{
  const bool audio = GST_PAD_TEMPLATE_DIRECTION (templ) == GST_PAD_SINK;
  {
    std::lock_guard<std::mutex> lock (mutex_);
    if ((audio && audio_pad_) || (!audio && microphone_pad_)) {
      GST_WARNING_OBJECT (element_, "websocketframesink has one %s pad, and it is taken",
          audio ? "audio" : "microphone");
      return nullptr;
    }
  }
  GstPad *pad = gst_pad_new_from_template (templ, audio ? "audio" : "microphone");
  gst_pad_set_element_private (pad, this);
  Isolate (pad);
  if (audio) {
    gst_pad_set_chain_function (pad, AudioChain);
    gst_pad_set_event_function (pad, AudioEvent);
    GST_PAD_SET_ACCEPT_TEMPLATE (pad);
  } else {
    gst_pad_set_activatemode_function (pad, MicrophoneActivate);
    gst_pad_set_event_function (pad, MicrophoneEvent);
    gst_pad_set_query_function (pad, MicrophoneQuery);
    gst_pad_use_fixed_caps (pad);
  }
  // A pad added while playing starts at once.
  if (GST_STATE (element_) >= GST_STATE_PAUSED || GST_STATE_PENDING (element_) >= GST_STATE_PAUSED)
    gst_pad_set_active (pad, TRUE);
  {
    std::lock_guard<std::mutex> lock (mutex_);
    (audio ? audio_pad_ : microphone_pad_) = pad;
    // Until the caps say otherwise (an encoder sets them with its first packet, which a silent
    // desktop may not send for a long time), Opus is 48 kHz stereo.
    if (audio)
      audio_format_json_ = AudioFormatJson (48000, 2);
  }
  gst_element_add_pad (element_, pad);
  if (FrameServer *server = server_ ()) {
    server->BroadcastState (audio ? "audio" : "microphone",
        audio ? AudioFormatJson (48000, 2) : MicrophoneJson (true));
  }
  return pad;
}

void
SinkAudio::ReleasePad (GstPad *pad)
{
  const bool audio = GST_PAD_DIRECTION (pad) == GST_PAD_SINK;
  gst_pad_set_active (pad, FALSE);
  {
    std::lock_guard<std::mutex> lock (mutex_);
    (audio ? audio_pad_ : microphone_pad_) = nullptr;
    if (audio)
      audio_format_json_.clear ();
  }
  if (!audio) {
    if (FrameServer *server = server_ ())
      server->BroadcastState ("microphone", MicrophoneJson (false));
  }
  gst_element_remove_pad (element_, pad);
}

void
SinkAudio::ServerStarted (FrameServer *server)
{
  std::lock_guard<std::mutex> lock (mutex_);
  audio_sequence_ = 0;
  audio_discont_ = true;
  if (!audio_format_json_.empty ())
    server->BroadcastState ("audio", audio_format_json_);
  if (microphone_pad_)
    server->BroadcastState ("microphone", MicrophoneJson (true));
}

// --- the desktop's sound: audio pad -> viewers ---

GstClockTime
SinkAudio::RunningTimeNow ()
{
  GstClock *clock = gst_element_get_clock (element_);
  if (!clock)
    return GST_CLOCK_TIME_NONE;
  const GstClockTime now = gst_clock_get_time (clock);
  gst_object_unref (clock);
  const GstClockTime base = gst_element_get_base_time (element_);
  return now >= base ? now - base : GST_CLOCK_TIME_NONE;
}

uint64_t
SinkAudio::CaptureTimeUs (GstBuffer *buffer)
{
  // The buffer's running time, moved onto CLOCK_MONOTONIC by how long ago it was: right
  // whatever clock the pipeline uses (a sound card's, or the system clock).
  const int64_t now_us = g_get_monotonic_time ();
  const GstClockTime running = gst_segment_to_running_time (&segment_, GST_FORMAT_TIME,
      GST_BUFFER_PTS (buffer));
  const GstClockTime running_now = RunningTimeNow ();
  if (!GST_CLOCK_TIME_IS_VALID (running) || !GST_CLOCK_TIME_IS_VALID (running_now) ||
      running > running_now)
    return uint64_t (now_us);
  return uint64_t (now_us - int64_t ((running_now - running) / 1000));
}

GstFlowReturn
SinkAudio::AudioChain (GstPad *pad, GstObject *, GstBuffer *buffer)
{
  SinkAudio *self = Of (pad);
  FrameServer *server = self->server_ ();
  GstMapInfo map;
  if (!server || !gst_buffer_map (buffer, &map, GST_MAP_READ)) {
    gst_buffer_unref (buffer);
    return GST_FLOW_OK;
  }
  AudioHeader header;
  bool send = false;
  {
    std::lock_guard<std::mutex> lock (self->mutex_);
    header.sequence = self->audio_sequence_++;
    if (IsSilentOpusPacket (map.size)) {
      self->audio_discont_ = true;  // the viewers' next packet follows a gap
    } else {
      send = true;
      if (self->audio_discont_ || GST_BUFFER_IS_DISCONT (buffer))
        header.flags |= protocol::kAudioFlagDiscont;
      self->audio_discont_ = false;
      header.capture_time_us = self->CaptureTimeUs (buffer);
    }
  }
  if (send) {
    std::vector<uint8_t> head;
    WriteAudioHeader (header, &head);
    const gsize total = head.size () + map.size;
    auto *message = static_cast<guint8 *> (g_malloc (total));
    memcpy (message, head.data (), head.size ());
    memcpy (message + head.size (), map.data, map.size);
    GBytes *bytes = g_bytes_new_take (message, total);
    server->SubmitAudio (bytes);
    g_bytes_unref (bytes);
    GST_LOG_OBJECT (pad, "audio packet %u, %" G_GSIZE_FORMAT " bytes", header.sequence, map.size);
  }
  gst_buffer_unmap (buffer, &map);
  gst_buffer_unref (buffer);
  return GST_FLOW_OK;
}

gboolean
SinkAudio::AudioEvent (GstPad *pad, GstObject *, GstEvent *event)
{
  SinkAudio *self = Of (pad);
  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_CAPS: {
      GstCaps *caps = nullptr;
      gst_event_parse_caps (event, &caps);
      const GstStructure *s = gst_caps_get_structure (caps, 0);
      int rate = 48000, channels = 2;
      gst_structure_get_int (s, "rate", &rate);
      gst_structure_get_int (s, "channels", &channels);
      const std::string json = AudioFormatJson (rate, channels);
      {
        std::lock_guard<std::mutex> lock (self->mutex_);
        self->audio_format_json_ = json;
      }
      if (FrameServer *server = self->server_ ())
        server->BroadcastState ("audio", json);
      GST_DEBUG_OBJECT (pad, "sound for the viewers: %" GST_PTR_FORMAT, caps);
      break;
    }
    case GST_EVENT_SEGMENT: {
      std::lock_guard<std::mutex> lock (self->mutex_);
      gst_event_copy_segment (event, &self->segment_);
      break;
    }
    case GST_EVENT_FLUSH_STOP: {
      std::lock_guard<std::mutex> lock (self->mutex_);
      gst_segment_init (&self->segment_, GST_FORMAT_TIME);
      self->audio_discont_ = true;
      break;
    }
    default:
      break;  // EOS of the sound ends nothing: the video goes on
  }
  gst_event_unref (event);
  return TRUE;
}

// --- the controller's microphone: server thread -> queue -> microphone pad ---

void
SinkAudio::OnMicrophone (GBytes *packet, const AudioHeader &header)
{
  std::lock_guard<std::mutex> lock (queue_mutex_);
  if (flushing_)
    return;
  if (queue_.size () >= kMaxQueuedMicrophonePackets) {
    g_bytes_unref (queue_.front ().first);
    queue_.pop_front ();
    microphone_discont_ = true;
  }
  queue_.emplace_back (g_bytes_ref (packet), header);
  queue_cond_.notify_one ();
}

gboolean
SinkAudio::MicrophoneActivate (GstPad *pad, GstObject *, GstPadMode mode, gboolean active)
{
  SinkAudio *self = Of (pad);
  if (mode != GST_PAD_MODE_PUSH)
    return FALSE;
  {
    std::lock_guard<std::mutex> lock (self->queue_mutex_);
    self->flushing_ = !active;
    for (auto &p : self->queue_)
      g_bytes_unref (p.first);
    self->queue_.clear ();
    if (active) {
      self->need_stream_start_ = true;
      self->microphone_discont_ = true;
    }
    self->queue_cond_.notify_all ();
  }
  return active ? gst_pad_start_task (pad, MicrophoneLoop, self, nullptr)
                : gst_pad_stop_task (pad);
}

void
SinkAudio::MicrophoneLoop (gpointer data)
{
  auto *self = static_cast<SinkAudio *> (data);
  GstPad *pad = nullptr;
  {
    std::lock_guard<std::mutex> lock (self->mutex_);
    pad = self->microphone_pad_ ? GST_PAD (gst_object_ref (self->microphone_pad_)) : nullptr;
  }
  if (!pad)
    return;
  GBytes *packet = nullptr;
  AudioHeader header;
  bool discont = false, stream_start = false;
  {
    std::unique_lock<std::mutex> lock (self->queue_mutex_);
    self->queue_cond_.wait (lock, [self] { return self->flushing_ || !self->queue_.empty (); });
    if (self->flushing_) {
      lock.unlock ();
      gst_pad_pause_task (pad);
      gst_object_unref (pad);
      return;
    }
    packet = self->queue_.front ().first;
    header = self->queue_.front ().second;
    self->queue_.pop_front ();
    discont = self->microphone_discont_ || header.sequence != self->next_microphone_sequence_;
    self->microphone_discont_ = false;
    self->next_microphone_sequence_ = header.sequence + 1;
    stream_start = self->need_stream_start_;
    self->need_stream_start_ = false;
  }
  if (stream_start) {
    g_autofree gchar *id = gst_pad_create_stream_id (pad, self->element_, "microphone");
    gst_pad_push_event (pad, gst_event_new_stream_start (id));
    GstCaps *caps = gst_caps_from_string (kMicrophoneCaps);
    gst_pad_push_event (pad, gst_event_new_caps (caps));
    gst_caps_unref (caps);
    GstSegment segment;
    gst_segment_init (&segment, GST_FORMAT_TIME);
    gst_pad_push_event (pad, gst_event_new_segment (&segment));
  }
  GstBuffer *buffer = gst_buffer_new_wrapped_bytes (packet);
  g_bytes_unref (packet);
  // Stamped when it reaches the pipeline: the viewer's clock means nothing here.
  GST_BUFFER_PTS (buffer) = self->RunningTimeNow ();
  if (discont)
    GST_BUFFER_FLAG_SET (buffer, GST_BUFFER_FLAG_DISCONT);
  const GstFlowReturn ret = gst_pad_push (pad, buffer);
  if (ret == GST_FLOW_FLUSHING || ret == GST_FLOW_EOS) {
    GST_DEBUG_OBJECT (pad, "pausing: %s", gst_flow_get_name (ret));
    gst_pad_pause_task (pad);
  } else if (ret != GST_FLOW_OK && ret != GST_FLOW_NOT_LINKED) {
    GST_WARNING_OBJECT (pad, "downstream of the microphone refused a packet: %s",
        gst_flow_get_name (ret));
  }
  gst_object_unref (pad);
}

gboolean
SinkAudio::MicrophoneEvent (GstPad *pad, GstObject *, GstEvent *event)
{
  // Upstream events from the microphone's branch (reconfigure, QoS, latency) concern nobody
  // here, and must not reach the video branch.
  GST_LOG_OBJECT (pad, "%" GST_PTR_FORMAT, event);
  gst_event_unref (event);
  return TRUE;
}

gboolean
SinkAudio::MicrophoneQuery (GstPad *pad, GstObject *parent, GstQuery *query)
{
  if (GST_QUERY_TYPE (query) == GST_QUERY_LATENCY) {
    // A live source: packets come when the viewer sends them.
    gst_query_set_latency (query, TRUE, 0, GST_CLOCK_TIME_NONE);
    return TRUE;
  }
  if (GST_QUERY_TYPE (query) == GST_QUERY_CAPS || GST_QUERY_TYPE (query) == GST_QUERY_ACCEPT_CAPS)
    return gst_pad_query_default (pad, parent, query);
  return FALSE;
}

}  // namespace webdesk
