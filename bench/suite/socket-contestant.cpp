// SPDX-License-Identifier: LGPL-2.1-or-later
// webdesk's stream as a viewer gets it: appsrc ! paintoverscheduler ! h264qualityenc !
// websocketframesink, with a real WebSocket viewer (SocketReader) reading in this process. An
// output is a frame message as it comes off the viewer's socket; its latency is from the damage
// meta's capture time (carried in the frame header) to that moment, on CLOCK_MONOTONIC.
#include <gst/app/gstappsrc.h>
#include <gst/webdesk/webdesk.h>

#include <map>
#include <memory>
#include <stdexcept>

#include "contestant.h"
#include "protocol.h"
#include "socket-reader.h"

namespace webdesk::bench {

namespace {

int64_t
NowNs ()
{
  return g_get_monotonic_time () * 1000;
}

class SocketContestant : public Contestant {
 public:
  ~SocketContestant () override { Teardown (); }
  std::string Name () const override { return "webdesk (to the socket)"; }

  void Start (const ScenarioSpec &spec) override
  {
    GError *err = nullptr;
    pipeline_ = gst_parse_launch ("appsrc name=in ! paintoverscheduler ! h264qualityenc ! "
                                  "websocketframesink name=out port=0",
        &err);
    if (!pipeline_)
      throw std::runtime_error (std::string ("webdesk: ") + (err ? err->message : "cannot build"));
    src_ = gst_bin_get_by_name (GST_BIN (pipeline_), "in");
    sink_ = gst_bin_get_by_name (GST_BIN (pipeline_), "out");
    g_autofree gchar *caps = g_strdup_printf (
        "video/x-raw,format=BGRx,width=%d,height=%d,framerate=0/1", spec.width, spec.height);
    GstCaps *c = gst_caps_from_string (caps);
    g_object_set (src_, "caps", c, "is-live", TRUE, "format", GST_FORMAT_TIME, "do-timestamp",
        FALSE, "max-bytes", guint64 (0), "block", FALSE, nullptr);
    gst_caps_unref (c);
    if (gst_element_set_state (pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
      throw std::runtime_error ("webdesk: cannot start (are webdesk's plugins built?)");
    gst_element_get_state (pipeline_, nullptr, nullptr, 5 * GST_SECOND);
    base_time_ = gst_element_get_base_time (pipeline_);
    int port = 0;
    g_object_get (sink_, "port", &port, nullptr);
    reader_ = std::make_unique<SocketReader> (port);
    std::string error;
    if (!reader_->WaitOpen (10, &error))
      throw std::runtime_error ("webdesk: the viewer could not connect: " + error);
    // The viewer's hello has been handled once the sink asked upstream for its keyframe: from
    // then on it gets every frame, starting with the first (an IDR).
    for (int i = 0; i < 1000 && KeyframeRequests () < 1; i++)
      g_usleep (5000);
  }

  void Push (int index, const SharedPicture &picture,
      const std::vector<GstVideoRectangle> &damage, int64_t capture_ns) override
  {
    if (damage.empty ())
      return;  // a damage-driven source (waylanddamagesrc) emits nothing when nothing changed
    auto *keep = new SharedPicture (picture);
    GstBuffer *buf = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY,
        const_cast<uint8_t *> (picture->bgrx.data ()), picture->bgrx.size (), 0,
        picture->bgrx.size (), keep, [] (gpointer p) { delete static_cast<SharedPicture *> (p); });
    GST_BUFFER_PTS (buf) = GstClockTime (capture_ns) - base_time_;
    gst_buffer_add_webdesk_damage_meta (buf, damage.data (), guint (damage.size ()),
        GstClockTime (capture_ns));
    by_capture_us_[capture_ns / 1000] = index;
    gst_app_src_push_buffer (GST_APP_SRC (src_), buf);
  }

  void Stop (int settle_ms) override
  {
    // Let queued frames and the refinement burst reach the viewer: `settle_ms` without a
    // frame, once the burst's final frame came (every scenario ends still); without it, 3 s.
    auto last = [this] { return std::max (reader_->LastReceivedNs (), last_push_ns_); };
    last_push_ns_ = NowNs ();
    for (;;) {
      const int64_t quiet_ns = NowNs () - last ();
      const bool final = reader_->LastFlags () & protocol::kFlagFinal;
      if (quiet_ns >= int64_t (final ? settle_ms : 3000) * 1000000)
        break;
      g_usleep (20000);
    }
    GstStructure *stats = nullptr;
    g_object_get (sink_, "stats", &stats, nullptr);
    const GValue *list = gst_structure_get_value (stats, "client-stats");
    for (guint i = 0; list && i < gst_value_list_get_size (list); i++) {
      const GstStructure *c = gst_value_get_structure (gst_value_list_get_value (list, i));
      guint64 dropped = 0;
      gst_structure_get_uint64 (c, "frames-dropped", &dropped);
      frames_dropped_ += dropped;
    }
    gst_structure_free (stats);
    if (frames_dropped_)
      g_printerr ("   webdesk: the sink skipped %" G_GUINT64_FORMAT " frames for the viewer\n",
          frames_dropped_);
    GstBus *bus = gst_element_get_bus (pipeline_);
    GstMessage *msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
    gst_object_unref (bus);
    if (msg) {
      GError *e = nullptr;
      gst_message_parse_error (msg, &e, nullptr);
      const std::string what = e->message;
      g_error_free (e);
      gst_message_unref (msg);
      throw std::runtime_error ("webdesk: " + what);
    }
    for (SocketFrame &f : reader_->Take ())
      Record (ToOutput (std::move (f)));
    Teardown ();
  }

  double ViewerCpuSeconds () override { return reader_ ? reader_->CpuSeconds () : 0; }

  void Replay (const std::vector<Output> &outputs,
      const std::function<void (const Output &, const Picture &)> &cb) override
  {
    ReplayH264 (outputs, cb);
  }

 private:
  int KeyframeRequests ()
  {
    GstStructure *stats = nullptr;
    g_object_get (sink_, "stats", &stats, nullptr);
    guint64 n = 0;
    if (stats) {
      gst_structure_get_uint64 (stats, "keyframe-requests", &n);
      gst_structure_free (stats);
    }
    return int (n);
  }

  Output ToOutput (SocketFrame f)
  {
    Output out;
    out.output_ns = f.received_ns;
    out.bytes = f.payload.size ();  // the access unit; the frame header adds 24 bytes
    out.data = std::move (f.payload);
    const uint8_t flags = f.header.flags;
    auto it = by_capture_us_.end ();
    if ((flags & protocol::kFlagCaptureTimeFromSource) && !(flags & protocol::kFlagRefine))
      it = by_capture_us_.find (int64_t (f.header.capture_time_us));
    if (it != by_capture_us_.end ()) {
      out.frame_index = it->second;
      out.capture_ns = it->first * 1000;
    } else {
      // A refinement the stream sent on its own: it shows the picture of the last captured
      // frame before it in the stream (not the newest pushed: the pipeline may lag behind).
      out.capture = false;
      out.frame_index = last_frame_index_;
      out.capture_ns = f.received_ns;
    }
    last_frame_index_ = out.frame_index;
    return out;
  }

  void Teardown ()
  {
    if (!pipeline_)
      return;
    gst_element_set_state (pipeline_, GST_STATE_NULL);
    reader_.reset ();
    gst_object_unref (src_);
    gst_object_unref (sink_);
    gst_object_unref (pipeline_);
    pipeline_ = src_ = sink_ = nullptr;
  }

  GstElement *pipeline_ = nullptr, *src_ = nullptr, *sink_ = nullptr;
  GstClockTime base_time_ = 0;
  std::unique_ptr<SocketReader> reader_;
  std::map<int64_t, int> by_capture_us_;  // capture time (µs) -> frame index; Push's thread only
  int64_t last_push_ns_ = 0;
  int last_frame_index_ = 0;  // ToOutput's, in stream order
  guint64 frames_dropped_ = 0;
};

}  // namespace

std::unique_ptr<Contestant>
MakeWebdesk ()
{
  return std::make_unique<SocketContestant> ();
}

}  // namespace webdesk::bench
