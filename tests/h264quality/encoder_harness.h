// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc in a GstHarness, for the element tests: an encoder that owns what it pulled,
// and small helpers (IDR check, damage meta, a window of a picture).
#pragma once

#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <cstring>
#include <string>
#include <vector>

#include "h264_decode.h"
#include "picture.h"

namespace webdesk::testing {

constexpr uint32_t kBlack = 0xff000000, kWhite = 0xffffffff, kRed = 0xffff0000;
constexpr int kWidth = 640, kHeight = 360;

// An encoder in a harness; owns what it pulled.
class Encoder {
 public:
  explicit Encoder (const std::string &properties, int width = kWidth, int height = kHeight,
      const char *format = "BGRx")
  {
    h_ = gst_harness_new_parse (("h264qualityenc threads=1 " + properties).c_str ());
    bus_ = gst_bus_new ();
    gst_element_set_bus (h_->element, bus_);
    SetCaps (width, height, format);
  }
  ~Encoder ()
  {
    for (GstBuffer *b : out_)
      gst_buffer_unref (b);
    gst_element_set_bus (h_->element, nullptr);
    gst_object_unref (bus_);
    gst_harness_teardown (h_);
  }
  void SetCaps (int width, int height, const char *format)
  {
    gchar *caps = g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,framerate=30/1",
        format, width, height);
    gst_harness_set_src_caps_str (h_, caps);
    g_free (caps);
  }

  // Pushes a BGRx picture (optionally with metas added by `decorate`); returns the flow.
  template <typename F>
  GstFlowReturn Push (const Picture &pic, F decorate)
  {
    GstBuffer *buf = gst_buffer_new_memdup (pic.bgrx.data (), pic.bgrx.size ());
    GST_BUFFER_PTS (buf) = n_pushed_ * GST_SECOND / 30;
    GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
    n_pushed_++;
    decorate (buf);
    return gst_harness_push (h_, buf);
  }
  GstFlowReturn Push (const Picture &pic)
  {
    return Push (pic, [] (GstBuffer *) {});
  }
  GstFlowReturn PushBuffer (GstBuffer *buf)
  {
    GST_BUFFER_PTS (buf) = n_pushed_++ * GST_SECOND / 30;
    return gst_harness_push (h_, buf);
  }
  // The access unit produced by the last push (the encoder has no delay).
  GstBuffer *Pull ()
  {
    GstBuffer *b = gst_harness_try_pull (h_);
    EXPECT_NE (b, nullptr) << "the encoder produced no buffer";
    if (b)
      out_.push_back (b);
    return b;
  }
  std::vector<webdesk::testing::DecodedFrame> Decode () { return DecodeH264 (out_); }
  const std::vector<GstBuffer *> &pulled () const { return out_; }
  std::string OutputProfile ()
  {
    GstCaps *caps = gst_pad_get_current_caps (h_->sinkpad);
    if (!caps)
      return "";
    const gchar *p = gst_structure_get_string (gst_caps_get_structure (caps, 0), "profile");
    std::string profile = p ? p : "";
    gst_caps_unref (caps);
    return profile;
  }
  // The `lossless` field of the output caps (false when absent).
  bool OutputLossless ()
  {
    GstCaps *caps = gst_pad_get_current_caps (h_->sinkpad);
    gboolean lossless = FALSE;
    if (caps)
      gst_structure_get_boolean (gst_caps_get_structure (caps, 0), "lossless", &lossless);
    gst_clear_caps (&caps);
    return lossless;
  }
  int OutputWidth ()
  {
    GstCaps *caps = gst_pad_get_current_caps (h_->sinkpad);
    int width = 0;
    gst_structure_get_int (gst_caps_get_structure (caps, 0), "width", &width);
    gst_caps_unref (caps);
    return width;
  }
  // The first error posted by the element, or "" when none.
  std::string ErrorMessage ()
  {
    GstMessage *msg = gst_bus_pop_filtered (bus_, GST_MESSAGE_ERROR);
    if (!msg)
      return "";
    GError *err = nullptr;
    gst_message_parse_error (msg, &err, nullptr);
    std::string text = err->message;
    g_error_free (err);
    gst_message_unref (msg);
    return text;
  }
  GstHarness *harness () { return h_; }
  // Borrowed: the harness keeps the element alive.
  GstElement *element ()
  {
    GstElement *e = gst_harness_find_element (h_, "h264qualityenc");
    gst_object_unref (e);
    return e;
  }

 private:
  GstHarness *h_;
  GstBus *bus_;
  guint64 n_pushed_ = 0;
  std::vector<GstBuffer *> out_;
};

inline bool
IsIdr (GstBuffer *b)
{
  return HasNalType (b, 5) && HasNalType (b, 7) && HasNalType (b, 8) &&
      !GST_BUFFER_FLAG_IS_SET (b, GST_BUFFER_FLAG_DELTA_UNIT);
}

inline void
AddDamage (GstBuffer *buf, std::vector<GstVideoRectangle> rects, GstClockTime capture = 0)
{
  gst_buffer_add_webdesk_damage_meta (buf, rects.data (), guint (rects.size ()), capture);
}

inline Picture
Window (const Picture &pic, int x, int y, int w, int h)
{
  Picture out;
  out.width = w;
  out.height = h;
  out.bgrx.resize (size_t (w) * h * 4);
  for (int row = 0; row < h; row++)
    std::memcpy (out.Row (row), pic.Row (y + row) + size_t (x) * 4, size_t (w) * 4);
  return out;
}


}  // namespace webdesk::testing
