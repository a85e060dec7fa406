// SPDX-License-Identifier: GPL-2.0-or-later
// The final picture's coding, side by side: which codings headless Chromium (WebCodecs, Debian's
// /usr/bin/chromium) decodes correctly, and what each costs. The same sequence for each: a
// keyframe at quality 18, 60 frames of text scrolling 4 px per frame at QP 25, then one final
// frame (the refinement) of the still picture. Each stream is decoded in Chromium
// (bench/h264quality/final-coding.mjs: VideoDecoder, drawn to a canvas, read back) and compared
// with the source in RGB; libavcodec's reading (converted with libyuv) beside it.
//
//   meson devenv -C build bench/h264quality/h264quality-final-coding [--width 1280 --height 720]
//       [--colour]
//
// Codings: YCbCr BT.601 in limited range (before) or full range; the final frame lossy at QP 13
// (a refinement at quality 18), lossy at QP 0 (no transform bypass), or lossless (h264qualityenc's
// StitchedStream: a P-frame from the lossless session, no keyframe); RGB coded as GBR (identity
// matrix, full range), lossy, or lossless for the whole stream (libx264 cannot make one frame of a
// lossy GBR stream lossless either, and StitchedStream does YCbCr only). Times: the final frame's
// encode (one thread) and Chromium's decode of the whole stream per frame.
#include <glib.h>
#include <gst/gst.h>
#include <libyuv.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <x264.h>
}

#include "h264_decode.h"
#include "stitched-stream.h"
#include "picture.h"
#include "x264-session.h"
#include "yuv-picture.h"

#ifndef BENCH_H264QUALITY_DIR
#define BENCH_H264QUALITY_DIR "bench/h264quality"
#endif

using namespace webdesk;
using webdesk::testing::Picture;

namespace {

constexpr int kMotionFrames = 60, kScrollPx = 4;

struct Coding {
  std::string name;
  enum Kind { kYuvLossy, kYuvLossless, kGbrLossy, kGbrLossless } kind;
  ColourRange range = ColourRange::kFull;
  int final_qp = 13;
};

struct Coded {
  std::vector<std::vector<uint8_t>> frames;  // access units
  double final_encode_ms = 0;
};

// Our sessions: X264Session (lossy) or StitchedStream, fed by YuvPicture.
Coded
CodeYuv (const Coding &c, const std::vector<Picture> &frames)
{
  const int w = frames[0].width, h = frames[0].height;
  SessionConfig config;
  config.width = w;
  config.height = h;
  config.chroma = Chroma::k444;
  config.range = c.range;
  config.threads = 1;
  std::string error;
  std::unique_ptr<StreamEncoder> encoder;
  if (c.kind == Coding::kYuvLossless)
    encoder = StitchedStream::Open (config, true, &error);
  else
    encoder = X264Session::Open (config, &error);
  if (!encoder) {
    std::fprintf (stderr, "%s: %s\n", c.name.c_str (), error.c_str ());
    std::exit (1);
  }
  YuvPicture picture;
  picture.Reset (w, h, Chroma::k444, c.range);
  Coded out;
  for (size_t i = 0; i < frames.size (); i++) {
    SourcePicture s;
    s.width = w;
    s.height = h;
    s.plane[0] = frames[i].bgrx.data ();
    s.stride[0] = w * 4;
    picture.Update (s, {Rect{0, 0, w, h}});
    const bool final = i + 1 == frames.size ();
    FrameRequest r;
    r.force_idr = i == 0;
    r.qp = i == 0 ? 18 : final ? c.final_qp : 25;
    r.lossless = final && c.kind == Coding::kYuvLossless;
    r.keep_small_coefficients = final;
    r.id = int64_t (i);
    const uint8_t *planes[3] = {picture.plane (0), picture.plane (1), picture.plane (2)};
    const int strides[3] = {picture.stride (0), picture.stride (1), picture.stride (2)};
    EncodedFrame e;
    const auto start = std::chrono::steady_clock::now ();
    encoder->Encode (planes, strides, r, &e);
    if (final)
      out.final_encode_ms =
          std::chrono::duration<double, std::milli> (std::chrono::steady_clock::now () - start)
              .count ();
    out.frames.emplace_back (e.data, e.data + e.size);
  }
  return out;
}

// RGB as GBR planes (identity matrix), libx264 directly: lossy with forced QPs, or opened at QP
// 0 (every frame lossless).
Coded
CodeGbr (const Coding &c, const std::vector<Picture> &frames)
{
  const int w = frames[0].width, h = frames[0].height, stride = (w + 63) & ~63;
  x264_param_t p;
  x264_param_default_preset (&p, "ultrafast", "zerolatency");
  p.i_width = w;
  p.i_height = h;
  p.i_csp = X264_CSP_I444;
  p.i_threads = 1;
  p.i_keyint_max = X264_KEYINT_MAX_INFINITE;
  p.i_scenecut_threshold = 0;
  p.b_annexb = 1;
  p.b_repeat_headers = 1;
  p.i_log_level = X264_LOG_NONE;
  if (c.kind == Coding::kGbrLossless) {
    p.rc.i_rc_method = X264_RC_CQP;
    p.rc.i_qp_constant = 0;
  } else {
    p.rc.i_rc_method = X264_RC_CRF;
    p.rc.f_rf_constant = 25;
    p.rc.i_qp_min = 0;
  }
  p.vui.i_colmatrix = 0;  // GBR
  p.vui.b_fullrange = 1;
  p.vui.i_colorprim = 1;
  p.vui.i_transfer = 13;  // sRGB
  x264_t *x = x264_encoder_open (&p);
  std::vector<uint8_t> planes[3];
  for (auto &plane : planes)
    plane.resize (size_t (stride) * h);
  Coded out;
  for (size_t i = 0; i < frames.size (); i++) {
    // G, B, R: the planes H.264 codes as Y, Cb, Cr when the matrix is the identity.
    libyuv::SplitARGBPlane (frames[i].bgrx.data (), w * 4, planes[2].data (), stride,
        planes[0].data (), stride, planes[1].data (), stride, nullptr, 0, w, h);
    const bool final = i + 1 == frames.size ();
    x264_picture_t pic, pic_out;
    x264_picture_init (&pic);
    pic.img.i_csp = X264_CSP_I444;
    pic.img.i_plane = 3;
    for (int k = 0; k < 3; k++) {
      pic.img.plane[k] = planes[k].data ();
      pic.img.i_stride[k] = stride;
    }
    pic.i_type = i == 0 ? X264_TYPE_IDR : X264_TYPE_P;
    pic.i_pts = int64_t (i);
    if (c.kind != Coding::kGbrLossless)
      pic.i_qpplus1 = (i == 0 ? 18 : final ? c.final_qp : 25) + 1;
    x264_nal_t *nals = nullptr;
    int n = 0;
    const auto start = std::chrono::steady_clock::now ();
    const int size = x264_encoder_encode (x, &nals, &n, &pic, &pic_out);
    if (final)
      out.final_encode_ms =
          std::chrono::duration<double, std::milli> (std::chrono::steady_clock::now () - start)
              .count ();
    out.frames.emplace_back (nals[0].p_payload, nals[0].p_payload + size);
  }
  x264_encoder_close (x);
  return out;
}

}  // namespace

int
main (int argc, char **argv)
{
  gint width = 1280, height = 720;
  gboolean colour = FALSE;
  GOptionEntry entries[] = {
      {"width", 0, 0, G_OPTION_ARG_INT, &width, "Picture width (1280)", "PX"},
      {"height", 0, 0, G_OPTION_ARG_INT, &height, "Picture height (720)", "PX"},
      {"colour", 0, 0, G_OPTION_ARG_NONE, &colour, "Red text on black (else black on white)",
          nullptr},
      {nullptr, 0, 0, G_OPTION_ARG_NONE, nullptr, nullptr, nullptr},
  };
  GOptionContext *ctx = g_option_context_new ("- the final picture's coding in Chromium");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  GError *err = nullptr;
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    std::fprintf (stderr, "%s\n", err->message);
    return 2;
  }
  g_option_context_free (ctx);

  const Picture tall = colour
      ? webdesk::testing::RenderText (width, height + kMotionFrames * kScrollPx, 0xffff3030,
            0xff000000)
      : webdesk::testing::RenderText (width, height + kMotionFrames * kScrollPx, 0xff000000,
            0xffffffff);
  std::vector<Picture> frames;
  for (int i = 0; i <= kMotionFrames; i++)
    frames.push_back (webdesk::testing::Crop (tall, i * kScrollPx, height));
  frames.push_back (frames.back ());  // the final frame: the still picture again
  const Picture &still = frames.back ();

  const std::vector<Coding> codings = {
      {"YCbCr limited range, final at QP 13 (before)", Coding::kYuvLossy, ColourRange::kLimited},
      {"YCbCr full range, final at QP 13", Coding::kYuvLossy},
      {"YCbCr full range, final at QP 0 (no bypass)", Coding::kYuvLossy, ColourRange::kFull, 0},
      {"YCbCr full range, final lossless (chosen)", Coding::kYuvLossless},
      {"RGB (GBR), final at QP 13", Coding::kGbrLossy},
      {"RGB (GBR), whole stream lossless", Coding::kGbrLossless},
  };
  g_autofree gchar *dir = g_dir_make_tmp ("webdesk-final-coding-XXXXXX", nullptr);
  const std::string root = dir;
  {
    std::ofstream ref (root + "/source.bgrx", std::ios::binary);
    ref.write (reinterpret_cast<const char *> (still.bgrx.data ()), std::streamsize (still.bgrx.size ()));
  }
  std::string manifest = "[";
  std::vector<std::string> rows;
  for (size_t k = 0; k < codings.size (); k++) {
    const Coding &c = codings[k];
    const bool yuv = c.kind == Coding::kYuvLossy || c.kind == Coding::kYuvLossless;
    const Coded coded = yuv ? CodeYuv (c, frames) : CodeGbr (c, frames);
    size_t motion = 0;
    for (size_t i = 1; i + 1 < coded.frames.size (); i++)
      motion += coded.frames[i].size ();
    const std::string file = root + "/" + std::to_string (k) + ".au";
    std::ofstream out (file, std::ios::binary);
    for (const auto &au : coded.frames) {
      const uint32_t size = uint32_t (au.size ());
      out.write (reinterpret_cast<const char *> (&size), 4);
      out.write (reinterpret_cast<const char *> (au.data ()), std::streamsize (au.size ()));
    }
    out.close ();
    // libavcodec's reading, beside Chromium's.
    std::vector<GstBuffer *> aus;
    for (const auto &au : coded.frames)
      aus.push_back (gst_buffer_new_memdup (au.data (), au.size ()));
    const auto decoded = webdesk::testing::DecodeH264 (aus);
    for (GstBuffer *b : aus)
      gst_buffer_unref (b);
    std::string libav = "–";
    if (decoded.size () == coded.frames.size ()) {
      const auto q = webdesk::testing::CompareRgb (still, decoded.back ().picture);
      char text[96];
      std::snprintf (text, sizeof text, "%.1f dB, %d, %.2f%%", q.MinPsnr (), q.max_error,
          q.exact_share * 100);
      libav = text;
    }
    char entry[1024];
    std::snprintf (entry, sizeof entry,
        "%s{\"name\":\"%s\",\"file\":\"%s\",\"keyframe\":%zu,\"motion\":%zu,\"final\":%zu,"
        "\"finalEncodeMs\":%.1f,\"libav\":\"%s\"}",
        k ? "," : "", c.name.c_str (), file.c_str (), coded.frames.front ().size (), motion,
        coded.frames.back ().size (), coded.final_encode_ms, libav.c_str ());
    manifest += entry;
  }
  manifest += "]";
  {
    std::ofstream m (root + "/manifest.json");
    m << manifest;
  }
  std::printf ("\n%dx%d %s, a keyframe at 18, %d frames scrolling %d px at QP 25, then the final "
               "frame of the still picture; libx264 ultrafast, 4:4:4, one thread. Decoded by "
               "headless Chromium's WebCodecs and drawn to a canvas (and by libavcodec, converted "
               "with libyuv), against the source in RGB.\n\n",
      width, height, colour ? "red text on black" : "black text on white", kMotionFrames,
      kScrollPx);
  std::fflush (stdout);
  const std::string command = std::string ("node ") + BENCH_H264QUALITY_DIR +
      "/final-coding.mjs " + root + " " + std::to_string (width) + " " + std::to_string (height);
  const int status = std::system (command.c_str ());
  std::system (("rm -rf " + root).c_str ());
  return status == 0 ? 0 : 1;
}
