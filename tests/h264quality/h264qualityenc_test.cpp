// h264qualityenc as a user sees it: buffers in through GstHarness, H.264 out, decoded with
// avdec_h264 and compared with the input in RGB (tests/common).
#include <gtest/gtest.h>

#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <cstring>
#include <string>
#include <vector>

#include "h264_decode.h"
#include "picture.h"

using webdesk::testing::CompareRgb;
using webdesk::testing::Crop;
using webdesk::testing::DecodeH264;
using webdesk::testing::HasNalType;
using webdesk::testing::Picture;
using webdesk::testing::RenderText;

namespace {

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
  GstElement *element () { return gst_harness_find_element (h_, "h264qualityenc"); }

 private:
  GstHarness *h_;
  GstBus *bus_;
  guint64 n_pushed_ = 0;
  std::vector<GstBuffer *> out_;
};

bool
IsIdr (GstBuffer *b)
{
  return HasNalType (b, 5) && HasNalType (b, 7) && HasNalType (b, 8) &&
      !GST_BUFFER_FLAG_IS_SET (b, GST_BUFFER_FLAG_DELTA_UNIT);
}

void
AddDamage (GstBuffer *buf, std::vector<GstVideoRectangle> rects, GstClockTime capture = 0)
{
  gst_buffer_add_webdesk_damage_meta (buf, rects.data (), guint (rects.size ()), capture);
}

Picture
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

}  // namespace

// ---- Picture quality, measured in RGB ----------------------------------------------------

TEST (H264QualityEnc, BlackTextOnWhiteAtQuality18Reaches45DbInEveryChannel)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  for (const char *chroma : {"420", "444"}) {
    Encoder enc (std::string ("quality=18 chroma=") + chroma);
    ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
    enc.Pull ();
    auto decoded = enc.Decode ();
    ASSERT_EQ (decoded.size (), 1u);
    auto q = CompareRgb (text, decoded[0].picture);
    EXPECT_GE (q.MinPsnr (), 45.0) << chroma << ": " << q.ToString ();
  }
}

TEST (H264QualityEnc, RedTextOnBlackStaysExactIn444AndSmearsIn420)
{
  const Picture text = RenderText (kWidth, kHeight, kRed, kBlack);
  Encoder full ("quality=18 chroma=444");
  ASSERT_EQ (full.Push (text), GST_FLOW_OK);
  full.Pull ();
  EXPECT_EQ (full.OutputProfile (), "high-4:4:4");
  auto d444 = full.Decode ();
  ASSERT_EQ (d444.size (), 1u);
  EXPECT_TRUE (d444[0].chroma444);
  auto q444 = CompareRgb (text, d444[0].picture);
  EXPECT_EQ (q444.off_by_48_share, 0.0) << q444.ToString ();
  EXPECT_GE (q444.psnr_r, 35.0) << q444.ToString ();

  Encoder sub ("quality=18 chroma=420");
  ASSERT_EQ (sub.Push (text), GST_FLOW_OK);
  sub.Pull ();
  auto d420 = sub.Decode ();
  ASSERT_EQ (d420.size (), 1u);
  EXPECT_FALSE (d420[0].chroma444);
  auto q420 = CompareRgb (text, d420[0].picture);
  EXPECT_GT (q420.off_by_48_share, 0.01) << q420.ToString ();  // measured ~18% with x264enc
}

namespace {

// A raw YUV frame: a diagonal grey ramp with neutral chroma plus a coloured band, so that
// both luma and chroma matter.
GstBuffer *
RawFrame (GstVideoFormat format, GstCaps **caps)
{
  GstVideoInfo info;
  gst_video_info_set_format (&info, format, kWidth, kHeight);
  GstBuffer *buf = gst_buffer_new_allocate (nullptr, info.size, nullptr);
  GstVideoFrame frame;
  gst_video_frame_map (&frame, &info, buf, GST_MAP_WRITE);
  for (int p = 0; p < 3; p++) {
    for (int y = 0; y < GST_VIDEO_FRAME_COMP_HEIGHT (&frame, p); y++) {
      auto *row = static_cast<uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (&frame, p)) +
          y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, p);
      for (int x = 0; x < GST_VIDEO_FRAME_COMP_WIDTH (&frame, p); x++)
        row[x] = p == 0 ? uint8_t (16 + ((x + y) / 3) % 219)
                        : uint8_t (y < GST_VIDEO_FRAME_COMP_HEIGHT (&frame, p) / 4 ? 90 + 60 * p
                                                                                   : 128);
    }
  }
  gst_video_frame_unmap (&frame);
  *caps = gst_video_info_to_caps (&info);
  return buf;
}

}  // namespace

TEST (H264QualityEnc, I420AndY444InputAreEncodedFaithfully)
{
  for (GstVideoFormat format : {GST_VIDEO_FORMAT_I420, GST_VIDEO_FORMAT_Y444}) {
    const char *name = gst_video_format_to_string (format);
    Encoder enc ("quality=18", kWidth, kHeight, name);
    GstCaps *caps = nullptr;
    GstBuffer *buf = RawFrame (format, &caps);
    const Picture expected = webdesk::testing::YuvToBgrx (buf, caps);
    gst_caps_unref (caps);
    ASSERT_EQ (enc.PushBuffer (buf), GST_FLOW_OK);
    enc.Pull ();
    auto decoded = enc.Decode ();
    ASSERT_EQ (decoded.size (), 1u);
    // chroma=auto: full-chroma input becomes 4:4:4 (the harness accepts any profile).
    EXPECT_EQ (decoded[0].chroma444, format == GST_VIDEO_FORMAT_Y444) << name;
    auto q = CompareRgb (expected, decoded[0].picture);
    EXPECT_GE (q.MinPsnr (), 45.0) << name << ": " << q.ToString ();
  }
}
