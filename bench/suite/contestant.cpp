// SPDX-License-Identifier: LGPL-2.1-or-later
#include "contestant.h"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/webdesk/webdesk.h>
#include <turbojpeg.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <stdexcept>

#include "h264_decode.h"

namespace webdesk::bench {

std::vector<Output>
Contestant::TakeOutputs ()
{
  std::lock_guard<std::mutex> lock (mutex_);
  return std::move (outputs_);
}

void
Contestant::Record (Output output)
{
  std::lock_guard<std::mutex> lock (mutex_);
  outputs_.push_back (std::move (output));
}

namespace {

int64_t
NowNs ()
{
  return g_get_monotonic_time () * 1000;
}

// A GStreamer pipeline between an appsrc "in" (BGRx) and an appsink "out".
class GstContestant : public Contestant {
 public:
  GstContestant (std::string name, std::string launch, bool every_frame)
      : name_ (std::move (name)), launch_ (std::move (launch)), every_frame_ (every_frame) {}
  ~GstContestant () override { Teardown (); }

  std::string Name () const override { return name_; }

  void Start (const ScenarioSpec &spec) override
  {
    GError *err = nullptr;
    pipeline_ = gst_parse_launch (launch_.c_str (), &err);
    if (!pipeline_)
      throw std::runtime_error (name_ + ": " + (err ? err->message : "cannot build"));
    src_ = gst_bin_get_by_name (GST_BIN (pipeline_), "in");
    sink_ = gst_bin_get_by_name (GST_BIN (pipeline_), "out");
    gchar *caps = g_strdup_printf ("video/x-raw,format=BGRx,width=%d,height=%d,framerate=%s",
        spec.width, spec.height, every_frame_ ? "60/1" : "0/1");
    GstCaps *c = gst_caps_from_string (caps);
    g_free (caps);
    g_object_set (src_, "caps", c, "is-live", TRUE, "format", GST_FORMAT_TIME, "do-timestamp",
        FALSE, "max-bytes", guint64 (0), "block", FALSE, nullptr);
    gst_caps_unref (c);
    g_object_set (sink_, "sync", FALSE, "emit-signals", FALSE, nullptr);
    GstAppSinkCallbacks cbs = {};
    cbs.new_sample = [] (GstAppSink *sink, gpointer self) -> GstFlowReturn {
      static_cast<GstContestant *> (self)->OnSample (sink);
      return GST_FLOW_OK;
    };
    gst_app_sink_set_callbacks (GST_APP_SINK (sink_), &cbs, this, nullptr);
    if (gst_element_set_state (pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
      throw std::runtime_error (name_ + ": cannot start (are webdesk's plugins built?)");
    gst_element_get_state (pipeline_, nullptr, nullptr, GST_SECOND);
    base_time_ = gst_element_get_base_time (pipeline_);
    last_output_ns_ = NowNs ();
  }

  void Push (int index, const SharedPicture &picture,
      const std::vector<GstVideoRectangle> &damage, int64_t capture_ns) override
  {
    if (!every_frame_ && damage.empty ())
      return;  // a damage-driven source emits nothing when nothing changed
    auto *keep = new SharedPicture (picture);
    GstBuffer *buf = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY,
        const_cast<uint8_t *> (picture->bgrx.data ()), picture->bgrx.size (), 0,
        picture->bgrx.size (), keep, [] (gpointer p) { delete static_cast<SharedPicture *> (p); });
    const GstClockTime pts = GstClockTime (capture_ns) - base_time_;
    GST_BUFFER_PTS (buf) = pts;
    GST_BUFFER_DURATION (buf) = GST_CLOCK_TIME_NONE;
    if (!every_frame_)
      gst_buffer_add_webdesk_damage_meta (buf, damage.data (), guint (damage.size ()),
          GstClockTime (capture_ns));
    {
      std::lock_guard<std::mutex> lock (map_mutex_);
      by_capture_[capture_ns] = index;
      pushed_.push_back (capture_ns);
    }
    gst_app_src_push_buffer (GST_APP_SRC (src_), buf);
  }

  void Stop (int settle_ms) override
  {
    // Let refinement bursts and queued frames come out.
    while (NowNs () - last_output_ns_.load () < int64_t (settle_ms) * 1000000)
      g_usleep (20000);
    gst_app_src_end_of_stream (GST_APP_SRC (src_));
    GstBus *bus = gst_element_get_bus (pipeline_);
    GstMessage *msg = gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND,
        GstMessageType (GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
    if (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      GError *e = nullptr;
      gst_message_parse_error (msg, &e, nullptr);
      std::string what = e->message;
      g_error_free (e);
      gst_message_unref (msg);
      gst_object_unref (bus);
      throw std::runtime_error (name_ + ": " + what);
    }
    if (msg)
      gst_message_unref (msg);
    gst_object_unref (bus);
    Teardown ();
  }

  void Replay (const std::vector<Output> &outputs,
      const std::function<void (const Output &, const Picture &)> &cb) override
  {
    ReplayH264 (outputs, cb);
  }

 private:
  void OnSample (GstAppSink *sink)
  {
    GstSample *sample = gst_app_sink_pull_sample (sink);
    if (!sample)
      return;
    const int64_t now = NowNs ();
    GstBuffer *buf = gst_sample_get_buffer (sample);
    Output out;
    out.output_ns = now;
    out.bytes = gst_buffer_get_size (buf);
    out.data.resize (out.bytes);
    gst_buffer_extract (buf, 0, out.data.data (), out.bytes);
    {
      // Which capture is this? The damage meta's capture time says (encoders carry it over);
      // a constant-rate encoder gives one output per input, in order. Timestamps do not help:
      // encoders round them to their time base and offset them.
      std::lock_guard<std::mutex> lock (map_mutex_);
      auto *damage = gst_buffer_get_webdesk_damage_meta (buf);
      auto it = damage ? by_capture_.find (int64_t (damage->capture_time)) : by_capture_.end ();
      if (it == by_capture_.end () && every_frame_ && outputs_seen_ < pushed_.size ())
        it = by_capture_.find (pushed_[outputs_seen_]);
      if (it != by_capture_.end ()) {
        out.frame_index = it->second;
        out.capture_ns = it->first;
      } else {
        // Sent on the stream's own initiative (a refinement): shows the newest frame.
        out.capture = false;
        out.frame_index = by_capture_.empty () ? 0 : by_capture_.rbegin ()->second;
        out.capture_ns = now;
      }
      outputs_seen_++;
    }
    if (auto *q = gst_buffer_get_webdesk_quality_meta (buf))
      out.capture = out.capture && !(q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
    gst_sample_unref (sample);
    last_output_ns_ = now;
    Record (std::move (out));
  }

  void Teardown ()
  {
    if (!pipeline_)
      return;
    gst_element_set_state (pipeline_, GST_STATE_NULL);
    gst_object_unref (src_);
    gst_object_unref (sink_);
    gst_object_unref (pipeline_);
    pipeline_ = src_ = sink_ = nullptr;
  }

  std::string name_, launch_;
  bool every_frame_;
  GstElement *pipeline_ = nullptr, *src_ = nullptr, *sink_ = nullptr;
  GstClockTime base_time_ = 0;
  std::mutex map_mutex_;
  std::map<int64_t, int> by_capture_;  // capture time -> frame index
  std::vector<int64_t> pushed_;        // capture times in push order
  size_t outputs_seen_ = 0;
  std::atomic<int64_t> last_output_ns_ {0};
};

// Each damaged rectangle (grown to the 16-pixel grid) as a baseline JPEG, encoded inline.
class JpegRegions : public Contestant {
 public:
  explicit JpegRegions (int quality) : quality_ (quality) {}
  ~JpegRegions () override
  {
    if (tj_)
      tjDestroy (tj_);
  }
  std::string Name () const override
  {
    return "JPEG per region (q" + std::to_string (quality_) + ", 4:2:0)";
  }
  void Start (const ScenarioSpec &spec) override
  {
    width_ = spec.width;
    height_ = spec.height;
    tj_ = tjInitCompress ();
  }
  void Push (int index, const SharedPicture &pic, const std::vector<GstVideoRectangle> &damage,
      int64_t capture_ns) override
  {
    if (damage.empty ())
      return;
    Output out;
    out.frame_index = index;
    out.capture_ns = capture_ns;
    for (GstVideoRectangle r : damage) {
      const int x0 = r.x & ~15, y0 = r.y & ~15;
      const int x1 = std::min ((r.x + r.w + 15) & ~15, width_);
      const int y1 = std::min ((r.y + r.h + 15) & ~15, height_);
      unsigned char *jpeg = nullptr;
      unsigned long size = 0;
      if (tjCompress2 (tj_, pic->Row (y0) + size_t (x0) * 4, x1 - x0, width_ * 4, y1 - y0,
              TJPF_BGRX, &jpeg, &size, TJSAMP_420, quality_, TJFLAG_FASTDCT) != 0)
        throw std::runtime_error (std::string ("turbojpeg: ") + tjGetErrorStr2 (tj_));
      out.rects.push_back ({x0, y0, x1 - x0, y1 - y0});
      out.part_sizes.push_back (size);
      out.data.insert (out.data.end (), jpeg, jpeg + size);
      tjFree (jpeg);
    }
    out.bytes = out.data.size ();
    out.output_ns = NowNs ();
    Record (std::move (out));
  }
  void Stop (int) override {}
  void Replay (const std::vector<Output> &outputs,
      const std::function<void (const Output &, const Picture &)> &cb) override
  {
    tjhandle dec = tjInitDecompress ();
    Picture view;
    view.width = width_;
    view.height = height_;
    view.bgrx.assign (size_t (width_) * height_ * 4, 0);
    for (const Output &out : outputs) {
      size_t offset = 0;
      for (size_t i = 0; i < out.rects.size (); i++) {
        const GstVideoRectangle &r = out.rects[i];
        tjDecompress2 (dec, out.data.data () + offset, out.part_sizes[i],
            view.Row (r.y) + size_t (r.x) * 4, r.w, width_ * 4, r.h, TJPF_BGRX, 0);
        offset += out.part_sizes[i];
      }
      cb (out, view);
    }
    tjDestroy (dec);
  }

 private:
  int quality_;
  int width_ = 0, height_ = 0;
  tjhandle tj_ = nullptr;
};

}  // namespace

std::unique_ptr<Contestant>
MakeConstantRate (int kbps, bool chroma444, const std::string &note)
{
  return std::make_unique<GstContestant> ("x264enc CBR " + std::to_string (kbps) + " kbit/s" +
          (chroma444 ? " (4:4:4)" : "") + (note.empty () ? "" : " (" + note + ")"),
      std::string ("appsrc name=in ! videoconvert ! video/x-raw,format=") +
          (chroma444 ? "Y444" : "I420") +
          // BT.601, as the replay converts back (videoconvert would pick BT.709 for 1080p, and
          // a viewer that honours the stream's VUI would undo it; the replay does not read it).
          ",colorimetry=bt601 ! x264enc tune=zerolatency speed-preset=ultrafast bitrate=" +
          std::to_string (kbps) +
          " ! video/x-h264,stream-format=byte-stream,alignment=au ! appsink name=out",
      true);
}

std::unique_ptr<Contestant>
MakeJpegRegions (int quality)
{
  return std::make_unique<JpegRegions> (quality);
}

void
ReplayH264 (const std::vector<Output> &outputs,
    const std::function<void (const Output &, const Picture &)> &cb)
{
  GError *err = nullptr;
  GstElement *p = gst_parse_launch (
      "appsrc name=in format=time caps=video/x-h264,stream-format=byte-stream,alignment=au ! "
      "h264parse ! avdec_h264 max-threads=1 ! appsink name=out sync=false",
      &err);
  if (!p)
    throw std::runtime_error (std::string ("decoder: ") + err->message);
  GstElement *in = gst_bin_get_by_name (GST_BIN (p), "in");
  GstElement *out = gst_bin_get_by_name (GST_BIN (p), "out");
  gst_element_set_state (p, GST_STATE_PLAYING);
  size_t next = 0;  // the output the next decoded picture belongs to
  auto drain = [&] (GstClockTime timeout) {
    while (GstSample *s = gst_app_sink_try_pull_sample (GST_APP_SINK (out), timeout)) {
      Picture pic = webdesk::testing::YuvToBgrx (gst_sample_get_buffer (s),
          gst_sample_get_caps (s));
      gst_sample_unref (s);
      if (next < outputs.size ())
        cb (outputs[next++], pic);
      timeout = 0;
    }
  };
  GstClockTime pts = 0;
  for (const Output &o : outputs) {
    GstBuffer *b = gst_buffer_new_memdup (o.data.data (), o.data.size ());
    GST_BUFFER_PTS (b) = GST_BUFFER_DTS (b) = pts;
    pts += GST_SECOND / 60;
    gst_app_src_push_buffer (GST_APP_SRC (in), b);
    drain (GST_SECOND / 2);
  }
  gst_app_src_end_of_stream (GST_APP_SRC (in));
  drain (2 * GST_SECOND);
  gst_element_set_state (p, GST_STATE_NULL);
  gst_object_unref (in);
  gst_object_unref (out);
  gst_object_unref (p);
}

}  // namespace webdesk::bench
