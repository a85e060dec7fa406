// SPDX-License-Identifier: GPL-2.0-or-later
// StitchedStream: frames from several x264 sessions in one stream (uniform quantiser, per-
// macroblock quantisers, lossless). libavcodec decodes it, and every decoded picture is the
// encoder's own reconstruction to the last sample (a session predicting from anything but the
// decoder's picture would drift), in 4:2:0 and 4:4:4; every lossless frame ends exactly on its
// input, and no keyframe is needed between the kinds.
#include <gtest/gtest.h>

#include <gst/gst.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "h264-nal.h"
#include "h264_decode.h"
#include "picture.h"
#include "stitched-stream.h"
#include "yuv-picture.h"

using namespace webdesk;
using webdesk::testing::Picture;

namespace {

enum class Coder { kUniform, kVaried, kLossless };

struct Coded {
  std::vector<uint8_t> bytes;
  bool keyframe = false;
  bool lossless = false;
  Coder coder = Coder::kUniform;
  // The encoder's reconstruction (width x height per plane) and what it was given.
  std::vector<uint8_t> recon[3], input[3];
  std::vector<uint8_t> mb_info;
};

struct StreamKind {
  int threads;
  Chroma chroma;
  bool lossless_frames;
};

class StitchedStreamTest : public ::testing::TestWithParam<StreamKind> {
 protected:
  void Open (int width, int height)
  {
    width_ = width;
    height_ = height;
    chroma_ = GetParam ().chroma;
    range_ = GetParam ().lossless_frames ? ColourRange::kFull : ColourRange::kLimited;
    SessionConfig config;
    config.width = width;
    config.height = height;
    config.chroma = chroma_;
    config.range = range_;
    config.threads = GetParam ().threads;
    std::string error;
    stream_ = StitchedStream::Open (config, GetParam ().lossless_frames, &error);
    ASSERT_TRUE (stream_) << error;
    tall_ = webdesk::testing::RenderText (width, height * 3, colour_, background_);
    picture_.Reset (width, height, chroma_, range_);
  }
  int mbs_x () const { return (width_ + 15) / 16; }
  int mbs_y () const { return (height_ + 15) / 16; }
  // Width and height of plane p as the decoder gives it.
  int PlaneWidth (int p) const { return p && chroma_ == Chroma::k420 ? width_ / 2 : width_; }
  int PlaneHeight (int p) const { return p && chroma_ == Chroma::k420 ? height_ / 2 : height_; }

  // Frame `top` of the text scrolled to row `top`, with the rectangle `changed` of it taken from
  // `from_top` instead (a small change such as a typed character).
  void Show (int top)
  {
    shown_ = webdesk::testing::Crop (tall_, top, height_);
    Convert ();
  }
  void Change (Rect r, int from_top)
  {
    const Picture other = webdesk::testing::Crop (tall_, from_top, height_);
    for (int y = r.y; y < r.y + r.height; y++)
      std::memcpy (shown_.Row (y) + r.x * 4, other.Row (y) + r.x * 4, size_t (r.width) * 4);
    Convert ();
  }
  void Convert ()
  {
    SourcePicture s;
    s.width = width_;
    s.height = height_;
    s.plane[0] = shown_.bgrx.data ();
    s.stride[0] = width_ * 4;
    picture_.Update (s, {Rect{0, 0, width_, height_}});
  }

  // Codes the picture shown; unless `coded` is empty, only the macroblocks listed (x, y in
  // macroblocks) are coded and the others are marked unchanged, at the worst quantiser as
  // PlanFrame puts them. `offsets` gives coded macroblocks other quantisers (tiles).
  void Encode (bool lossless, bool keyframe, const std::vector<std::pair<int, int>> &coded = {},
      const std::vector<std::pair<int, int>> &finer = {})
  {
    FrameRequest r;
    r.qp = qp_;
    r.force_idr = keyframe;
    r.lossless = lossless;
    r.id = int64_t (frames_.size ());
    const size_t n_mbs = size_t (mbs_x ()) * mbs_y ();
    if (!coded.empty ()) {
      r.mb_info.assign (n_mbs, 1);
      r.quant_offsets.assign (n_mbs, float (kMaxQuality - qp_));
      for (auto [x, y] : coded) {
        r.mb_info[size_t (y) * mbs_x () + x] = 0;
        r.quant_offsets[size_t (y) * mbs_x () + x] = 0.0f;
      }
    }
    if (!finer.empty ()) {
      r.quant_offsets.resize (n_mbs, 0.0f);
      for (auto [x, y] : finer)
        r.quant_offsets[size_t (y) * mbs_x () + x] = -6.0f;
    }
    Coded c;
    c.mb_info = r.mb_info;
    const uint8_t *planes[3] = {picture_.plane (0), picture_.plane (1), picture_.plane (2)};
    const int strides[3] = {picture_.stride (0), picture_.stride (1), picture_.stride (2)};
    const StitchedStream::Counts before = stream_->counts ();
    EncodedFrame out;
    ASSERT_TRUE (stream_->Encode (planes, strides, r, &out));
    ASSERT_GT (out.size, 0u);
    const StitchedStream::Counts &after = stream_->counts ();
    c.coder = after.varied > before.varied ? Coder::kVaried
        : after.lossless > before.lossless ? Coder::kLossless
                                           : Coder::kUniform;
    c.bytes.assign (out.data, out.data + out.size);
    c.keyframe = out.keyframe;
    c.lossless = lossless && !keyframe;
    for (int p = 0; p < 3; p++) {
      for (int y = 0; y < PlaneHeight (p); y++) {
        const uint8_t *in = picture_.plane (p) + size_t (y) * picture_.stride (p);
        c.input[p].insert (c.input[p].end (), in, in + PlaneWidth (p));
        if (chroma_ == Chroma::k420 && p > 0) {
          // NV12: U and V interleaved in plane 1.
          const uint8_t *rec = stream_->reconstructed_plane (1) +
              ptrdiff_t (y) * stream_->reconstructed_stride (1);
          for (int x = 0; x < PlaneWidth (p); x++)
            c.recon[p].push_back (rec[2 * x + (p - 1)]);
        } else {
          const uint8_t *rec = stream_->reconstructed_plane (p) +
              ptrdiff_t (y) * stream_->reconstructed_stride (p);
          c.recon[p].insert (c.recon[p].end (), rec, rec + PlaneWidth (p));
        }
      }
    }
    frames_.push_back (std::move (c));
  }

  // Squared error against the input, over the macroblocks frame `i` marked unchanged.
  double UnchangedError (const std::vector<webdesk::testing::DecodedFrame> &decoded, size_t at,
      size_t i) const
  {
    double sse = 0;
    const std::vector<uint8_t> &info = frames_[i].mb_info;
    for (int y = 0; y < height_; y++)
      for (int x = 0; x < width_; x++)
        if (info[size_t (y / 16) * mbs_x () + x / 16]) {
          const double d = double (decoded[at].planes[0][size_t (y) * width_ + x]) -
              frames_[i].input[0][size_t (y) * width_ + x];
          sse += d * d;
        }
    return sse;
  }

  std::vector<webdesk::testing::DecodedFrame> Decode ()
  {
    std::vector<GstBuffer *> aus;
    for (const Coded &c : frames_)
      aus.push_back (gst_buffer_new_memdup (c.bytes.data (), c.bytes.size ()));
    auto decoded = webdesk::testing::DecodeH264 (aus);
    for (GstBuffer *b : aus)
      gst_buffer_unref (b);
    return decoded;
  }

  int width_ = 0, height_ = 0, qp_ = 25;
  Chroma chroma_ = Chroma::k444;
  ColourRange range_ = ColourRange::kFull;
  uint32_t colour_ = 0xff101010, background_ = 0xffffffff;
  std::unique_ptr<StitchedStream> stream_;
  Picture tall_, shown_;
  YuvPicture picture_;
  std::vector<Coded> frames_;
};

// Samples that differ between two tightly packed planes.
int
DifferingSamples (const std::vector<uint8_t> &a, const std::vector<uint8_t> &b)
{
  if (a.size () != b.size ())
    return int (std::max (a.size (), b.size ()));
  int n = 0;
  for (size_t i = 0; i < a.size (); i++)
    n += a[i] != b[i];
  return n;
}

}  // namespace

TEST_P (StitchedStreamTest, DecodesToTheEncodersPictureWhicheverSessionCodedIt)
{
  // 200x120: neither side a multiple of 16, so the coded picture reaches past the shown one.
  const bool lossless = GetParam ().lossless_frames;
  // Coloured: a session predicting chroma from a picture other than the decoder's drifts too.
  colour_ = 0xff2050c0;
  background_ = 0xfff8f0d0;
  Open (200, 120);
  std::vector<Coder> expected;
  Show (0);
  Encode (false, true);  // keyframe
  expected.push_back (Coder::kUniform);
  for (int i = 1; i <= 3; i++) {
    Show (i * 4);        // scrolling: every macroblock at the frame's quantiser
    Encode (false, false);
    expected.push_back (Coder::kUniform);
  }
  // Still: two tiles refined at a finer quantiser than the rest (per-macroblock quantisers).
  Encode (false, false, {}, {{0, 0}, {1, 0}, {4, 3}});
  expected.push_back (Coder::kVaried);
  Show (16);  // scrolling again, predicted from the varied session's picture
  Encode (false, false);
  expected.push_back (Coder::kUniform);
  // A small change, the rest unchanged, at the motion quantiser: x264 skips the rest unseen.
  Change (Rect{40, 32, 24, 16}, 30);
  Encode (false, false, {{2, 2}, {3, 2}});
  expected.push_back (Coder::kUniform);
  const size_t small_change = frames_.size () - 1;
  // Another, final at once at a finer quantiser: the unchanged rest needs the offsets.
  qp_ = 13;
  Change (Rect{120, 80, 16, 16}, 50);
  Encode (false, false, {{7, 5}});
  expected.push_back (Coder::kVaried);
  Encode (false, false);  // the whole picture refined at that quantiser
  expected.push_back (Coder::kUniform);
  qp_ = 25;
  if (lossless) {
    Encode (true, false);  // the picture made final, losslessly
    expected.push_back (Coder::kLossless);
    Change (Rect{120, 80, 16, 16}, 60);  // a change lossless at once, the rest unchanged
    Encode (true, false, {{7, 5}});
    expected.push_back (Coder::kLossless);
  }
  Show (24);  // scrolling after all that
  Encode (false, false);
  expected.push_back (Coder::kUniform);
  Encode (false, true);  // a keyframe
  expected.push_back (Coder::kUniform);

  const auto decoded = Decode ();
  ASSERT_EQ (decoded.size (), frames_.size ());
  for (size_t i = 0; i < frames_.size (); i++) {
    EXPECT_EQ (frames_[i].coder, expected[i]) << "frame " << i;
    EXPECT_EQ (decoded[i].chroma444, chroma_ == Chroma::k444);
    EXPECT_EQ (decoded[i].full_range, range_ == ColourRange::kFull) << "frame " << i;
    for (int p = 0; p < 3; p++) {
      EXPECT_EQ (DifferingSamples (decoded[i].planes[p], frames_[i].recon[p]), 0)
          << "frame " << i << " plane " << p << ": the decoder's picture is not the encoder's";
    }
    // Only the first and the last frames are keyframes.
    EXPECT_EQ (frames_[i].keyframe, i == 0 || i == frames_.size () - 1) << "frame " << i;
  }
  // Where x264 skipped the unchanged macroblocks unseen, they are no further from the picture
  // than before (at most coded again at the frame's quantiser, next to moved neighbours).
  EXPECT_LE (UnchangedError (decoded, small_change, small_change),
      UnchangedError (decoded, small_change - 1, small_change));
  if (lossless) {
    // A whole-picture lossless frame ends exactly on its input; a lossless change on its
    // macroblock.
    const size_t whole = 9, change = 10;
    ASSERT_TRUE (frames_[whole].lossless && frames_[whole].mb_info.empty ());
    for (int p = 0; p < 3; p++)
      EXPECT_EQ (DifferingSamples (decoded[whole].planes[p], frames_[whole].input[p]), 0)
          << "lossless frame, plane " << p;
    for (int p = 0; p < 3; p++)
      for (int y = 80; y < 96; y++)
        for (int x = 112; x < 128; x++)
          EXPECT_EQ (decoded[change].planes[p][size_t (y) * width_ + x],
              frames_[change].input[p][size_t (y) * width_ + x]);
  }
}

// The tests that code lossless frames.
class LosslessFramesTest : public StitchedStreamTest {};

TEST_P (LosslessFramesTest, ColouredTextIsLosslessInChromaToo)
{
  // Red text on black: chroma far from 128. The lossy sessions' PPS serves the lossless frames,
  // and libavcodec codes a macroblock's chroma losslessly only at chroma QP 0, so the sessions
  // must agree on a chroma QP offset of 0 (they did not at first).
  colour_ = 0xffff0000;
  background_ = 0xff000000;
  Open (320, 180);
  Show (0);
  qp_ = 38;
  Encode (false, true);
  Encode (true, false);
  Encode (true, false);
  const auto decoded = Decode ();
  ASSERT_EQ (decoded.size (), frames_.size ());
  for (size_t i = 0; i < frames_.size (); i++)
    for (int p = 0; p < 3; p++)
      EXPECT_EQ (DifferingSamples (decoded[i].planes[p], frames_[i].recon[p]), 0)
          << "frame " << i << " plane " << p;
  for (int p = 0; p < 3; p++)
    EXPECT_EQ (DifferingSamples (decoded[1].planes[p], frames_[1].input[p]), 0)
        << "plane " << p;
}

TEST_P (StitchedStreamTest, TheKeyframeCarriesTheBypassFlagOnlyForLosslessFrames)
{
  const bool lossless = GetParam ().lossless_frames;
  Open (64, 48);
  Show (0);
  Encode (false, true);
  Encode (lossless, false, {}, {{1, 1}});  // lossless, or at varied quantisers
  Show (8);
  Encode (false, false);
  bool bypass = !lossless;
  for (const NalUnit &n : SplitAnnexB (frames_[0].bytes.data (), frames_[0].bytes.size ()))
    if (n.type () == kNalSps)
      bypass = ParseSps (NalToRbsp (n.data, n.size)).transform_bypass;
  EXPECT_EQ (bypass, lossless);
  // The other sessions' frames carry no parameter sets of their own.
  EXPECT_NE (frames_[1].coder, Coder::kUniform);
  for (size_t i : {1u, 2u})
    for (const NalUnit &n : SplitAnnexB (frames_[i].bytes.data (), frames_[i].bytes.size ()))
      EXPECT_EQ (n.type (), kNalSlice) << "frame " << i;
}

std::string
KindName (const ::testing::TestParamInfo<StreamKind> &info)
{
  return std::string (info.param.chroma == Chroma::k444 ? "Chroma444" : "Chroma420") +
      (info.param.lossless_frames ? "Lossless" : "") + "Threads" +
      std::to_string (info.param.threads);
}

INSTANTIATE_TEST_SUITE_P (Kinds, StitchedStreamTest,
    ::testing::Values (StreamKind{1, Chroma::k444, true}, StreamKind{2, Chroma::k444, true},
        StreamKind{1, Chroma::k420, false}, StreamKind{2, Chroma::k420, false},
        StreamKind{1, Chroma::k444, false}),
    KindName);
INSTANTIATE_TEST_SUITE_P (Kinds, LosslessFramesTest,
    ::testing::Values (StreamKind{1, Chroma::k444, true}, StreamKind{2, Chroma::k444, true}),
    KindName);

TEST (StitchedStreamOpen, RefusesWhatItCannotDo)
{
  SessionConfig config;
  config.width = 64;
  config.height = 48;
  std::string error;
  config.chroma = Chroma::k420;
  EXPECT_FALSE (StitchedStream::Open (config, true, &error));
  EXPECT_NE (error.find ("4:4:4"), std::string::npos) << error;
  EXPECT_TRUE (StitchedStream::Open (config, false, &error)) << error;
  config.chroma = Chroma::k444;
  config.preset = "veryfast";
  EXPECT_FALSE (StitchedStream::Open (config, false, &error));
  EXPECT_NE (error.find ("ultrafast"), std::string::npos) << error;
  config.preset = "ultrafast";
  EXPECT_TRUE (StitchedStream::Open (config, true, &error)) << error;
}
