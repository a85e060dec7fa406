// SPDX-License-Identifier: GPL-2.0-or-later
// LosslessStream: lossy and lossless frames from two x264 sessions in one stream. libavcodec
// decodes it, and every decoded picture is the encoder's own reconstruction to the last sample
// (a session predicting from anything but the decoder's picture would drift), every lossless
// frame ends exactly on its input, and no keyframe is needed between the two kinds.
#include <gtest/gtest.h>

#include <gst/gst.h>

#include <cstring>
#include <vector>

#include "h264-nal.h"
#include "h264_decode.h"
#include "lossless-stream.h"
#include "picture.h"
#include "yuv-picture.h"

using namespace webdesk;
using webdesk::testing::Picture;

namespace {

struct Coded {
  std::vector<uint8_t> bytes;
  bool keyframe = false;
  bool lossless = false;
  // The encoder's reconstruction (width x height per plane) and what it was given.
  std::vector<uint8_t> recon[3], input[3];
  std::vector<uint8_t> mb_info;
};

class LosslessStreamTest : public ::testing::TestWithParam<int> {
 protected:
  void Open (int width, int height)
  {
    width_ = width;
    height_ = height;
    SessionConfig config;
    config.width = width;
    config.height = height;
    config.chroma = Chroma::k444;
    config.range = ColourRange::kFull;
    config.threads = GetParam ();
    std::string error;
    stream_ = LosslessStream::Open (config, &error);
    ASSERT_TRUE (stream_) << error;
    tall_ = webdesk::testing::RenderText (width, height * 3, colour_, background_);
    picture_.Reset (width, height, Chroma::k444, ColourRange::kFull);
  }

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

  // Codes the picture shown; `unchanged` macroblocks (x, y in macroblocks) are marked so.
  void Encode (bool lossless, bool keyframe, const std::vector<std::pair<int, int>> &coded = {})
  {
    FrameRequest r;
    r.qp = qp_;
    r.force_idr = keyframe;
    r.lossless = lossless;
    r.id = int64_t (frames_.size ());
    const int mbs_x = (width_ + 15) / 16, mbs_y = (height_ + 15) / 16;
    if (!coded.empty ()) {
      r.mb_info.assign (size_t (mbs_x) * mbs_y, 1);
      for (auto [x, y] : coded)
        r.mb_info[size_t (y) * mbs_x + x] = 0;
    }
    Coded c;
    c.mb_info = r.mb_info;
    const uint8_t *planes[3] = {picture_.plane (0), picture_.plane (1), picture_.plane (2)};
    const int strides[3] = {picture_.stride (0), picture_.stride (1), picture_.stride (2)};
    EncodedFrame out;
    ASSERT_TRUE (stream_->Encode (planes, strides, r, &out));
    ASSERT_GT (out.size, 0u);
    c.bytes.assign (out.data, out.data + out.size);
    c.keyframe = out.keyframe;
    c.lossless = lossless && !keyframe;
    for (int p = 0; p < 3; p++) {
      for (int y = 0; y < height_; y++) {
        const uint8_t *rec = stream_->reconstructed_plane (p) +
            ptrdiff_t (y) * stream_->reconstructed_stride (p);
        c.recon[p].insert (c.recon[p].end (), rec, rec + width_);
        const uint8_t *in = picture_.plane (p) + size_t (y) * picture_.stride (p);
        c.input[p].insert (c.input[p].end (), in, in + width_);
      }
    }
    frames_.push_back (std::move (c));
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
  uint32_t colour_ = 0xff101010, background_ = 0xffffffff;
  std::unique_ptr<LosslessStream> stream_;
  Picture tall_, shown_;
  YuvPicture picture_;
  std::vector<Coded> frames_;
};

// Samples of macroblock (mx, my) that differ between two tightly packed planes.
int
DifferingSamples (const std::vector<uint8_t> &a, const std::vector<uint8_t> &b, int width,
    int height)
{
  int n = 0;
  for (size_t i = 0; i < size_t (width) * height; i++)
    n += a[i] != b[i];
  return n;
}

}  // namespace

TEST_P (LosslessStreamTest, DecodesToTheEncodersPictureAndLosslessFramesToTheInput)
{
  // 200x120: neither side a multiple of 16, so the coded picture reaches past the shown one.
  Open (200, 120);
  Show (0);
  Encode (false, true);  // lossy keyframe
  for (int i = 1; i <= 4; i++) {
    Show (i * 4);        // scrolling: lossy
    Encode (false, false);
  }
  Encode (true, false);  // the picture stopped: made final, losslessly
  Change (Rect{40, 32, 24, 16}, 30);  // a small change, lossy, the rest skipped
  Encode (false, false, {{2, 2}, {3, 2}});
  Change (Rect{120, 80, 16, 16}, 50);  // another, lossless at once
  Encode (true, false, {{7, 5}});
  Show (24);  // scrolling again after lossless frames: lossy predicts from them
  Encode (false, false);
  Encode (true, false, {{0, 0}, {1, 0}, {12, 7}});  // part of the picture made final
  Encode (true, false);  // and the rest; two lossless frames in a row
  Show (28);
  Encode (false, false);
  Encode (false, true);  // a keyframe after all that

  const auto decoded = Decode ();
  ASSERT_EQ (decoded.size (), frames_.size ());
  for (size_t i = 0; i < frames_.size (); i++) {
    ASSERT_TRUE (decoded[i].chroma444);
    EXPECT_TRUE (decoded[i].full_range) << "frame " << i;
    for (int p = 0; p < 3; p++) {
      EXPECT_EQ (DifferingSamples (decoded[i].planes[p], frames_[i].recon[p], width_, height_), 0)
          << "frame " << i << " plane " << p << ": the decoder's picture is not the encoder's";
    }
  }
  // Whole-picture lossless frames end exactly on their input.
  for (size_t i : {5u, 10u}) {
    ASSERT_TRUE (frames_[i].lossless && frames_[i].mb_info.empty ());
    for (int p = 0; p < 3; p++)
      EXPECT_EQ (DifferingSamples (decoded[i].planes[p], frames_[i].input[p], width_, height_), 0)
          << "lossless frame " << i << " plane " << p;
  }
  // A lossless change: its macroblock is exact.
  for (int p = 0; p < 3; p++)
    for (int y = 80; y < 96; y++)
      for (int x = 112; x < 128; x++)
        EXPECT_EQ (decoded[7].planes[p][size_t (y) * width_ + x],
            frames_[7].input[p][size_t (y) * width_ + x]);
  // Only the first and the last frames are keyframes.
  for (size_t i = 0; i < frames_.size (); i++)
    EXPECT_EQ (frames_[i].keyframe, i == 0 || i == frames_.size () - 1) << "frame " << i;
}

TEST_P (LosslessStreamTest, ColouredTextIsLosslessInChromaToo)
{
  // Red text on black: chroma far from 128. The lossy session's PPS serves the lossless frames,
  // and libavcodec codes a macroblock's chroma losslessly only at chroma QP 0, so the two
  // sessions must agree on a chroma QP offset of 0 (they did not at first).
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
      EXPECT_EQ (DifferingSamples (decoded[i].planes[p], frames_[i].recon[p], width_, height_), 0)
          << "frame " << i << " plane " << p;
  for (int p = 0; p < 3; p++)
    EXPECT_EQ (DifferingSamples (decoded[1].planes[p], frames_[1].input[p], width_, height_), 0)
        << "plane " << p;
}

TEST_P (LosslessStreamTest, TheKeyframeCarriesTheBypassFlagAndLosslessFramesNoParameterSets)
{
  Open (64, 48);
  Show (0);
  Encode (false, true);
  Encode (true, false);
  Show (8);
  Encode (false, false);
  bool bypass = false;
  for (const NalUnit &n : SplitAnnexB (frames_[0].bytes.data (), frames_[0].bytes.size ()))
    if (n.type () == kNalSps)
      bypass = ParseSps (NalToRbsp (n.data, n.size)).transform_bypass;
  EXPECT_TRUE (bypass);
  for (size_t i : {1u, 2u})
    for (const NalUnit &n : SplitAnnexB (frames_[i].bytes.data (), frames_[i].bytes.size ()))
      EXPECT_EQ (n.type (), kNalSlice) << "frame " << i;
}

INSTANTIATE_TEST_SUITE_P (Threads, LosslessStreamTest, ::testing::Values (1, 2));

TEST (LosslessStreamOpen, RefusesWhatItCannotDo)
{
  SessionConfig config;
  config.width = 64;
  config.height = 48;
  std::string error;
  config.chroma = Chroma::k420;
  EXPECT_FALSE (LosslessStream::Open (config, &error));
  EXPECT_NE (error.find ("4:4:4"), std::string::npos) << error;
  config.chroma = Chroma::k444;
  config.preset = "veryfast";
  EXPECT_FALSE (LosslessStream::Open (config, &error));
  EXPECT_NE (error.find ("ultrafast"), std::string::npos) << error;
  config.preset = "ultrafast";
  EXPECT_TRUE (LosslessStream::Open (config, &error)) << error;
}
