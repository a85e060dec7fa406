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
  // Measured: 16% here, ~18% with x264enc; 4:4:4 gives R 35.4 dB and 0%.
  EXPECT_GT (q420.off_by_48_share, 0.05) << q420.ToString ();
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

// ---- Quality while playing, keyframes, damage ----------------------------------------------

TEST (H264QualityEnc, QualityChangeWhilePlayingAppliesToTheNextFrameWithoutAnIdr)
{
  const Picture tall = RenderText (kWidth, kHeight * 2, kBlack, kWhite);
  Encoder enc ("quality=40");
  std::vector<size_t> sizes;
  for (int i = 0; i < 6; i++) {
    if (i == 3)
      g_object_set (enc.element (), "quality", 12u, nullptr);
    ASSERT_EQ (enc.Push (Crop (tall, i * 4, kHeight)), GST_FLOW_OK);  // scrolling, 4 px/frame
    GstBuffer *out = enc.Pull ();
    ASSERT_TRUE (out);
    sizes.push_back (gst_buffer_get_size (out));
    if (i > 0) {
      EXPECT_FALSE (HasNalType (out, 5)) << "frame " << i << " is an IDR";
    }
  }
  // Frames 1-2 and 4-5 scroll alike; only the quality differs.
  EXPECT_GT (sizes[3], 2 * sizes[2]);
  EXPECT_GT (sizes[4], sizes[2] * 3 / 2);
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 6u);
  const double before = CompareRgb (Crop (tall, 8, kHeight), decoded[2].picture).MinPsnr ();
  const double after = CompareRgb (Crop (tall, 12, kHeight), decoded[3].picture).MinPsnr ();
  EXPECT_GT (after, before + 6.0) << before << " dB -> " << after << " dB";
}

TEST (H264QualityEnc, ForceKeyUnitFromEitherSideGivesAnIdrWithSpsAndPps)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  for (int i = 0; i < 2; i++) {
    ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
    GstBuffer *p = enc.Pull ();
    EXPECT_FALSE (HasNalType (p, 5));
    EXPECT_FALSE (HasNalType (p, 7));
    EXPECT_TRUE (GST_BUFFER_FLAG_IS_SET (p, GST_BUFFER_FLAG_DELTA_UNIT));
  }
  // Upstream, as websocketframesink asks when a viewer joins.
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (),
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 0)));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_FALSE (HasNalType (enc.Pull (), 5));
  // Downstream, from a source or an application.
  ASSERT_TRUE (gst_harness_push_event (enc.harness (),
      gst_video_event_new_downstream_force_key_unit (GST_CLOCK_TIME_NONE, GST_CLOCK_TIME_NONE,
          GST_CLOCK_TIME_NONE, TRUE, 0)));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_EQ (enc.Decode ().size (), 6u);
}

// On a still screen nothing new reaches the encoder; the request has to reach the element that
// can re-send the picture (paintoverscheduler), or a joining viewer sees nothing.
TEST (H264QualityEnc, UpstreamForceKeyUnitAlsoTravelsOnUpstream)
{
  Encoder enc ("");
  ASSERT_EQ (enc.Push (RenderText (kWidth, kHeight, kBlack, kWhite)), GST_FLOW_OK);
  gst_buffer_unref (enc.Pull ());
  while (GstEvent *old = gst_harness_try_pull_upstream_event (enc.harness ()))
    gst_event_unref (old);
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (),
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 0)));
  GstEvent *forwarded = gst_harness_try_pull_upstream_event (enc.harness ());
  ASSERT_NE (forwarded, nullptr);
  EXPECT_TRUE (gst_video_event_is_force_key_unit (forwarded));
  gst_event_unref (forwarded);
}

TEST (H264QualityEnc, NothingChangedEncodesATinyPFrameThatKeepsThePicture)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("quality=25");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  ASSERT_EQ (enc.Push (text, [] (GstBuffer *b) { AddDamage (b, {}); }), GST_FLOW_OK);
  GstBuffer *still = enc.Pull ();
  EXPECT_LT (gst_buffer_get_size (still), 64u);  // 920 macroblocks, all skipped
  EXPECT_FALSE (HasNalType (still, 5));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  EXPECT_EQ (decoded[1].picture.bgrx, decoded[0].picture.bgrx);
}

TEST (H264QualityEnc, OnlyTheDamagedRectanglesAreTakenFromTheInput)
{
  const Picture page = RenderText (kWidth, kHeight, kBlack, kWhite);
  Picture typed = RenderText (kWidth, kHeight, kBlack, kWhite, 13, 7);  // other text everywhere
  Encoder enc ("quality=18");
  ASSERT_EQ (enc.Push (page), GST_FLOW_OK);
  enc.Pull ();
  // The damage meta names one 64x32 rectangle; everything outside it must stay as it was,
  // although the input differs there too.
  const GstVideoRectangle typing{96, 64, 64, 32};
  ASSERT_EQ (enc.Push (typed, [&] (GstBuffer *b) { AddDamage (b, {typing}); }), GST_FLOW_OK);
  GstBuffer *delta = enc.Pull ();
  EXPECT_FALSE (HasNalType (delta, 5));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  const Picture &result = decoded[1].picture;
  auto inside = CompareRgb (Window (typed, 96, 64, 64, 32), Window (result, 96, 64, 64, 32));
  EXPECT_GE (inside.MinPsnr (), 40.0) << inside.ToString ();
  // Outside: the first picture (the rows below the rectangle, for example).
  auto below = CompareRgb (Window (page, 0, 128, kWidth, 200),
      Window (result, 0, 128, kWidth, 200));
  EXPECT_GE (below.MinPsnr (), 40.0) << below.ToString ();
  auto below_typed = CompareRgb (Window (typed, 0, 128, kWidth, 200),
      Window (result, 0, 128, kWidth, 200));
  EXPECT_LT (below_typed.MinPsnr (), 20.0) << below_typed.ToString ();
}

TEST (H264QualityEnc, SmallDamagedChangesAreNeverSkipped)
{
  // A caret, an underscore, a dot: changes of a few pixels in a frame where everything else is
  // marked unchanged. x264 may skip a macroblock whose residual is small (its fast P-skip and
  // coefficient decimation); at the default motion quality a damaged one must still show its
  // change, or the viewer keeps the old pixels until refinement. (From quality 30 on, the
  // faintest mark here, one pixel of grey 200 on white, is quantised away.)
  Picture page = RenderText (kWidth, kHeight, kBlack, kWhite);
  for (int y = 200; y < kHeight; y++)
    for (int x = 0; x < kWidth; x++)
      std::memset (page.Row (y) + size_t (x) * 4, 0xff, 4);  // a blank area
  Encoder enc ("quality=25 chroma=420");
  ASSERT_EQ (enc.Push (page), GST_FLOW_OK);
  enc.Pull ();
  struct Mark {
    int x, y, w, h;
    uint8_t grey;
  };
  const Mark marks[] = {{40, 210, 1, 14, 0}, {104, 210, 1, 14, 128}, {168, 216, 6, 1, 0},
      {232, 216, 6, 1, 160}, {296, 220, 2, 2, 0}, {360, 220, 2, 2, 128}, {424, 220, 1, 1, 0},
      {488, 212, 8, 2, 200}, {552, 212, 1, 1, 200}, {600, 212, 1, 8, 220}, {40, 260, 3, 1, 180}};
  Picture marked = page;
  std::vector<GstVideoRectangle> damage;
  for (const Mark &m : marks) {
    for (int y = m.y; y < m.y + m.h; y++)
      for (int x = m.x; x < m.x + m.w; x++)
        std::memset (marked.Row (y) + size_t (x) * 4, m.grey, 3);
    damage.push_back (GstVideoRectangle{m.x, m.y, m.w, m.h});
  }
  ASSERT_EQ (enc.Push (marked, [&] (GstBuffer *b) { AddDamage (b, damage); }), GST_FLOW_OK);
  enc.Pull ();
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  for (const Mark &m : marks) {
    const Picture before = Window (decoded[0].picture, m.x & ~15, m.y & ~15, 16, 16);
    const Picture after = Window (decoded[1].picture, m.x & ~15, m.y & ~15, 16, 16);
    EXPECT_NE (before.bgrx, after.bgrx) << "the change at " << m.x << "," << m.y << " (" << m.w
                                        << "x" << m.h << ", grey " << int (m.grey)
                                        << ") was not sent";
  }
}

// ---- The paint-over contract with paintoverscheduler ----------------------------------------

TEST (H264QualityEnc, RefineFrameImprovesTheTilesItNamesAndLeavesTheRestAlone)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("quality=25");
  // Motion quality 38: blurry text.
  ASSERT_EQ (enc.Push (text, [] (GstBuffer *b) { gst_buffer_add_webdesk_quality_meta (b, 38,
                                                       GST_WEBDESK_QUALITY_FLAG_NONE); }),
      GST_FLOW_OK);
  enc.Pull ();
  // Refinement at 16 of the left half (64-pixel tiles: 10 x 6, columns 0-4).
  const int tile = 64, tiles_x = 10, tiles_y = 6;
  std::vector<guint8> map (tiles_x * tiles_y, GST_WEBDESK_TILE_UNCHANGED);
  for (int ty = 0; ty < tiles_y; ty++)
    for (int tx = 0; tx < 5; tx++)
      map[ty * tiles_x + tx] = 16;
  ASSERT_EQ (enc.Push (text,
                 [&] (GstBuffer *b) {
                   AddDamage (b, {});
                   auto *q = gst_buffer_add_webdesk_quality_meta (b, 16,
                       GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE));
                   gst_webdesk_quality_meta_set_tiles (q, tile, tiles_x, tiles_y, map.data ());
                 }),
      GST_FLOW_OK);
  GstBuffer *refine = enc.Pull ();
  EXPECT_FALSE (HasNalType (refine, 5));
  EXPECT_FALSE (HasNalType (refine, 7));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  const int half = kWidth / 2;
  const double left_before =
      CompareRgb (Window (text, 0, 0, half, kHeight), Window (decoded[0].picture, 0, 0, half,
                                                            kHeight)).MinPsnr ();
  const double left_after =
      CompareRgb (Window (text, 0, 0, half, kHeight), Window (decoded[1].picture, 0, 0, half,
                                                            kHeight)).MinPsnr ();
  EXPECT_GT (left_after, left_before + 8.0) << left_before << " dB -> " << left_after << " dB";
  EXPECT_GE (left_after, 40.0);
  // The right half is bit for bit what it was.
  EXPECT_EQ (Window (decoded[1].picture, half, 0, half, kHeight).bgrx,
      Window (decoded[0].picture, half, 0, half, kHeight).bgrx);
}

TEST (H264QualityEnc, RefineWithoutTileMapImprovesTheWholePicture)
{
  const Picture text = RenderText (kWidth, kHeight, kRed, kBlack);
  Encoder enc ("quality=38 chroma=444");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  for (int i = 0; i < 3; i++) {
    ASSERT_EQ (enc.Push (text,
                   [&] (GstBuffer *b) {
                     AddDamage (b, {});
                     gst_buffer_add_webdesk_quality_meta (b, 18,
                         GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE |
                             (i == 2 ? GST_WEBDESK_QUALITY_FLAG_FINAL : 0)));
                   }),
        GST_FLOW_OK);
    EXPECT_FALSE (HasNalType (enc.Pull (), 5));
  }
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 4u);
  auto before = CompareRgb (text, decoded[0].picture);
  auto after = CompareRgb (text, decoded[3].picture);
  // What a keyframe at the refine quality gives: the refinement ends above it (from quality 38
  // it costs about as many bytes; from a motion quality of 25 about half, see the bench).
  Encoder idr ("quality=18 chroma=444");
  ASSERT_EQ (idr.Push (text), GST_FLOW_OK);
  const size_t idr_bytes = gst_buffer_get_size (idr.Pull ());
  auto keyframe = CompareRgb (text, idr.Decode ().at (0).picture);
  size_t refine_bytes = 0;
  for (size_t i = 1; i < enc.pulled ().size (); i++)
    refine_bytes += gst_buffer_get_size (enc.pulled ()[i]);
  std::printf ("refined: %s in %zu bytes; IDR at the same quality: %s in %zu bytes\n",
      after.ToString ().c_str (), refine_bytes, keyframe.ToString ().c_str (), idr_bytes);
  EXPECT_GT (after.psnr_r, before.psnr_r + 8.0) << before.ToString () << " -> "
                                                 << after.ToString ();
  EXPECT_GT (after.MinPsnr (), keyframe.MinPsnr () + 2.0) << after.ToString () << " vs IDR "
                                                           << keyframe.ToString ();
  EXPECT_EQ (after.off_by_48_share, 0.0) << after.ToString ();
}

TEST (H264QualityEnc, DamageAndQualityMetasTravelOnTheEncodedBuffer)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("");
  const GstVideoRectangle rect{0, 0, 32, 16};
  ASSERT_EQ (enc.Push (text,
                 [&] (GstBuffer *b) {
                   AddDamage (b, {rect}, 123456789);
                   gst_buffer_add_webdesk_quality_meta (b, 18,
                       GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE |
                           GST_WEBDESK_QUALITY_FLAG_FINAL));
                 }),
      GST_FLOW_OK);
  GstBuffer *out = enc.Pull ();
  GstWebdeskDamageMeta *d = gst_buffer_get_webdesk_damage_meta (out);
  ASSERT_NE (d, nullptr);
  EXPECT_EQ (d->capture_time, 123456789u);
  ASSERT_EQ (d->n_rects, 1u);
  EXPECT_EQ (d->rects[0].w, 32);
  GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (out);
  ASSERT_NE (q, nullptr);
  EXPECT_EQ (q->quality, 18u);
  EXPECT_EQ (q->flags, GST_WEBDESK_QUALITY_FLAG_REFINE | GST_WEBDESK_QUALITY_FLAG_FINAL);
}

// ---- Caps: formats, sizes, 4:4:4 negotiation ------------------------------------------------

TEST (H264QualityEnc, UnsupportedFormatIsRefused)
{
  Encoder enc ("", 64, 64, "RGB16");
  GstBuffer *buf = gst_buffer_new_allocate (nullptr, 64 * 64 * 2, nullptr);
  EXPECT_EQ (enc.PushBuffer (buf), GST_FLOW_NOT_NEGOTIATED);
}

TEST (H264QualityEnc, OddSizeIsAnErrorThatSaysWhatToDo)
{
  Encoder enc ("", 101, 100);
  GstBuffer *buf = gst_buffer_new_allocate (nullptr, 101 * 100 * 4, nullptr);
  EXPECT_EQ (enc.PushBuffer (buf), GST_FLOW_NOT_NEGOTIATED);
  const std::string error = enc.ErrorMessage ();
  EXPECT_NE (error.find ("even"), std::string::npos) << error;
  EXPECT_NE (error.find ("101x100"), std::string::npos) << error;
}

TEST (H264QualityEnc, SizeChangeMidStreamStartsANewStreamWithAnIdr)
{
  Encoder enc ("", 320, 240);
  ASSERT_EQ (enc.Push (RenderText (320, 240, kBlack, kWhite)), GST_FLOW_OK);
  enc.Pull ();
  ASSERT_EQ (enc.Push (RenderText (320, 240, kBlack, kWhite)), GST_FLOW_OK);
  enc.Pull ();
  enc.SetCaps (kWidth, kHeight, "BGRx");
  const Picture big = RenderText (kWidth, kHeight, kBlack, kWhite);
  ASSERT_EQ (enc.Push (big), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_EQ (enc.OutputWidth (), kWidth);
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 3u);
  EXPECT_EQ (decoded[2].picture.width, kWidth);
  EXPECT_GE (CompareRgb (big, decoded[2].picture).MinPsnr (), 35.0);
}

TEST (H264QualityEnc, AutoChromaEncodes420WhenDownstreamRefuses444)
{
  Encoder enc ("");
  gst_harness_set_sink_caps_str (enc.harness (),
      "video/x-h264,stream-format=byte-stream,alignment=au,"
      "profile=(string){high,main,constrained-baseline}");
  ASSERT_EQ (enc.Push (RenderText (kWidth, kHeight, kBlack, kWhite)), GST_FLOW_OK);
  enc.Pull ();
  EXPECT_EQ (enc.OutputProfile (), "constrained-baseline");
  EXPECT_FALSE (enc.Decode ().at (0).chroma444);
}

TEST (H264QualityEnc, ReconfigureSwitches444To420WithAnIdrAndBack)
{
  const Picture text = RenderText (kWidth, kHeight, kRed, kBlack);
  Encoder enc ("");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  EXPECT_EQ (enc.OutputProfile (), "high-4:4:4");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_FALSE (HasNalType (enc.Pull (), 5));
  // A viewer that cannot decode 4:4:4 joins: the sink narrows its caps and asks again.
  gst_harness_set_sink_caps_str (enc.harness (),
      "video/x-h264,stream-format=byte-stream,alignment=au,profile=(string){high,main}");
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (), gst_event_new_reconfigure ()));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_EQ (enc.OutputProfile (), "main");  // ultrafast's stream, valid for both
  // It leaves: 4:4:4 again.
  gst_harness_set_sink_caps_str (enc.harness (),
      "video/x-h264,stream-format=byte-stream,alignment=au,"
      "profile=(string){high-4:4:4,high,main}");
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (), gst_event_new_reconfigure ()));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_EQ (enc.OutputProfile (), "high-4:4:4");
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 4u);
  EXPECT_TRUE (decoded[1].chroma444);
  EXPECT_FALSE (decoded[2].chroma444);
  EXPECT_TRUE (decoded[3].chroma444);
}

TEST (H264QualityEnc, ReconfigureConsumedByTheBaseClassStillSwitchesTo420)
{
  // GstVideoEncoder checks the source pad's RECONFIGURE flag itself when it allocates and
  // pushes an output buffer, and renegotiates the unchanged caps there. A RECONFIGURE arriving
  // while a frame is being encoded is taken by it, not by the element: gst_video_encoder_negotiate
  // does exactly what the base class does then. The next frame must still switch.
  const Picture text = RenderText (kWidth, kHeight, kRed, kBlack);
  Encoder enc ("");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  EXPECT_EQ (enc.OutputProfile (), "high-4:4:4");
  gst_harness_set_sink_caps_str (enc.harness (),
      "video/x-h264,stream-format=byte-stream,alignment=au,profile=(string){high,main}");
  GstElement *element = gst_harness_find_element (enc.harness (), "h264qualityenc");
  GstPad *src = GST_VIDEO_ENCODER_SRC_PAD (element);
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (), gst_event_new_reconfigure ()));
  EXPECT_TRUE (gst_pad_needs_reconfigure (src));
  EXPECT_TRUE (gst_video_encoder_negotiate (GST_VIDEO_ENCODER (element)));
  EXPECT_FALSE (gst_pad_needs_reconfigure (src));  // the flag is gone
  gst_object_unref (element);
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_EQ (enc.OutputProfile (), "main");
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  EXPECT_FALSE (decoded[1].chroma444);
}

TEST (H264QualityEnc, Forced444WhenDownstreamRefusesItIsANegotiationError)
{
  Encoder enc ("chroma=444");
  gst_harness_set_sink_caps_str (enc.harness (),
      "video/x-h264,stream-format=byte-stream,alignment=au,profile=(string)high");
  EXPECT_EQ (enc.Push (RenderText (kWidth, kHeight, kBlack, kWhite)), GST_FLOW_NOT_NEGOTIATED);
  const std::string error = enc.ErrorMessage ();
  EXPECT_NE (error.find ("chroma=auto"), std::string::npos) << error;
}

TEST (H264QualityEnc, ChromaChangeWhilePlayingRestartsWithAnIdr)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("chroma=444");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  g_object_set (enc.element (), "chroma", 1 /* 420 */, nullptr);
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  EXPECT_TRUE (decoded[0].chroma444);
  EXPECT_FALSE (decoded[1].chroma444);
}

TEST (H264QualityEnc, ADownstreamThatOnlyNamesHighGetsTheStreamAsHigh)
{
  // ultrafast writes a constrained-baseline stream, which every High decoder decodes.
  Encoder enc ("chroma=420");
  gst_harness_set_sink_caps_str (enc.harness (),
      "video/x-h264,stream-format=byte-stream,alignment=au,profile=(string)high");
  ASSERT_EQ (enc.Push (RenderText (kWidth, kHeight, kBlack, kWhite)), GST_FLOW_OK);
  enc.Pull ();
  EXPECT_EQ (enc.OutputProfile (), "high");
  EXPECT_EQ (enc.Decode ().size (), 1u);
}
