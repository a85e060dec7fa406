// SPDX-License-Identifier: GPL-2.0-or-later
// The libx264 session: keyframes only when asked, forced quantiser, skips, profiles.
#include <gtest/gtest.h>

#include <gst/gst.h>

#include <vector>

#include "h264_decode.h"
#include "x264-session.h"
#include "yuv-picture.h"

using namespace webdesk;

namespace {

// A deterministic busy picture (pseudo-random 4x4 blocks: compressible, unlike pixel noise,
// which x264 would send as raw PCM at any quantiser), converted with the encoder's own
// picture class.
YuvPicture
Texture (int width, int height, Chroma chroma, uint32_t seed = 1)
{
  std::vector<uint8_t> bgrx (size_t (width) * height * 4);
  for (int y = 0; y < height; y++) {
    for (int x = 0; x < width; x++) {
      uint32_t state = seed * 2654435761u ^ uint32_t ((y / 4) * 1000003 + x / 4) * 2246822519u;
      for (int c = 0; c < 4; c++) {
        state = state * 1664525u + 1013904223u;
        bgrx[(size_t (y) * width + x) * 4 + c] = uint8_t (state >> 24);
      }
    }
  }
  SourcePicture s;
  s.width = width;
  s.height = height;
  s.plane[0] = bgrx.data ();
  s.stride[0] = width * 4;
  YuvPicture pic;
  pic.Reset (width, height, chroma);
  pic.Update (s, {Rect{0, 0, width, height}});
  return pic;
}

struct Encoded {
  std::vector<uint8_t> bytes;
  bool keyframe = false;
  bool HasNal (int type) const
  {
    GstBuffer *b = gst_buffer_new_memdup (bytes.data (), bytes.size ());
    const bool has = webdesk::testing::HasNalType (b, type);
    gst_buffer_unref (b);
    return has;
  }
};

Encoded
Encode (X264Session &session, YuvPicture &pic, FrameRequest request)
{
  const uint8_t *planes[3] = {pic.plane (0), pic.plane (1), pic.plane (2)};
  const int strides[3] = {pic.stride (0), pic.stride (1), pic.stride (2)};
  EncodedFrame out;
  EXPECT_TRUE (session.Encode (planes, strides, std::move (request), &out));
  Encoded e;
  e.bytes.assign (out.data, out.data + out.size);
  e.keyframe = out.keyframe;
  return e;
}

std::unique_ptr<X264Session>
OpenSession (int width, int height, Chroma chroma, const char *preset = "ultrafast",
    bool uniform_quality = false)
{
  SessionConfig config;
  config.uniform_quality = uniform_quality;
  config.width = width;
  config.height = height;
  config.chroma = chroma;
  config.preset = preset;
  config.threads = 1;
  std::string error;
  auto session = X264Session::Open (config, &error);
  EXPECT_TRUE (session) << error;
  return session;
}

}  // namespace

TEST (X264Session, OnlyTheFirstFrameAndForcedFramesAreIdrsWithSpsAndPps)
{
  auto session = OpenSession (128, 96, Chroma::k420);
  YuvPicture pic = Texture (128, 96, Chroma::k420);
  Encoded first = Encode (*session, pic, FrameRequest{});
  EXPECT_TRUE (first.keyframe);
  EXPECT_TRUE (first.HasNal (7));
  EXPECT_TRUE (first.HasNal (8));
  EXPECT_TRUE (first.HasNal (5));
  for (int i = 0; i < 3; i++) {
    YuvPicture next = Texture (128, 96, Chroma::k420, 10 + i);  // a scene cut every frame
    Encoded p = Encode (*session, next, FrameRequest{});
    EXPECT_FALSE (p.keyframe) << "frame " << i + 1;
    EXPECT_FALSE (p.HasNal (5));
    EXPECT_FALSE (p.HasNal (7));
  }
  FrameRequest idr;
  idr.force_idr = true;
  Encoded forced = Encode (*session, pic, idr);
  EXPECT_TRUE (forced.keyframe);
  EXPECT_TRUE (forced.HasNal (7));
  EXPECT_TRUE (forced.HasNal (5));
}

TEST (X264Session, ALowerQuantiserSpendsMoreBytes)
{
  auto session = OpenSession (128, 96, Chroma::k420);
  YuvPicture pic = Texture (128, 96, Chroma::k420);
  FrameRequest coarse;
  coarse.qp = 45;
  coarse.force_idr = true;
  FrameRequest fine = coarse;
  fine.qp = 10;
  const size_t coarse_size = Encode (*session, pic, coarse).bytes.size ();
  const size_t fine_size = Encode (*session, pic, fine).bytes.size ();
  EXPECT_GT (fine_size, coarse_size * 3);
}

TEST (X264Session, AConstantQpSessionCodesAtTheQuantiserAskedFromFinestToWorst)
{
  // x264's constant-QP mode clamps a frame's forced quantiser to a range around its own (26);
  // the session stretches that range to the whole scale, so every step shows in the bytes.
  auto session = OpenSession (128, 96, Chroma::k420, "ultrafast", true);
  YuvPicture pic = Texture (128, 96, Chroma::k420);
  auto size_at = [&] (int qp) {
    FrameRequest r;
    r.qp = qp;
    r.force_idr = true;
    const size_t size = Encode (*session, pic, r).bytes.size ();
    EXPECT_EQ (session->last_qp (), qp);
    return size;
  };
  EXPECT_LT (size_at (51) * 3 / 2, size_at (26));
  size_t last = 0;
  for (int qp : {40, 26, 13, 1}) {
    const size_t size = size_at (qp);
    EXPECT_GT (size, last + last / 10) << "QP " << qp;
    last = size;
  }
}

TEST (X264Session, ConstantMacroblocksAreSkippedIntoATinyFrame)
{
  auto session = OpenSession (320, 240, Chroma::k420);
  const int n = session->macroblock_count ();
  YuvPicture a = Texture (320, 240, Chroma::k420, 1);
  Encode (*session, a, FrameRequest{});
  // The same picture again, told unchanged: every macroblock skipped.
  FrameRequest unchanged;
  unchanged.mb_info.assign (n, 1);
  unchanged.quant_offsets.assign (n, 51.0f - 25.0f);
  Encoded skipped = Encode (*session, a, unchanged);
  EXPECT_FALSE (skipped.keyframe);
  EXPECT_LT (skipped.bytes.size (), 40u);
  // Told unchanged while the picture did change, x264 trusts mb_info and still skips: the
  // marking is what makes the frame cheap, not x264's own motion search.
  YuvPicture b = Texture (320, 240, Chroma::k420, 2);
  EXPECT_LT (Encode (*session, b, unchanged).bytes.size (), 40u);
  EXPECT_GT (Encode (*session, b, FrameRequest{}).bytes.size (), 10000u);
}

TEST (X264Session, ProfilesFollowChromaAndPreset)
{
  EXPECT_EQ (OpenSession (64, 64, Chroma::k420)->profile (), "constrained-baseline");
  EXPECT_EQ (OpenSession (64, 64, Chroma::k444)->profile (), "high-4:4:4");
  EXPECT_EQ (OpenSession (64, 64, Chroma::k420, "veryfast")->profile (), "high");
}

TEST (X264Session, UnknownPresetIsAnErrorThatSaysSo)
{
  SessionConfig config;
  config.width = config.height = 64;
  config.preset = "warpspeed";
  std::string error;
  EXPECT_FALSE (X264Session::Open (config, &error));
  EXPECT_NE (error.find ("warpspeed"), std::string::npos);
}
