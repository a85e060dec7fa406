// SPDX-License-Identifier: GPL-2.0-or-later
// What libx264 itself costs per 1080p P-frame, without GStreamer or conversion, frame by frame
// in turn, in 4:2:0 and 4:4:4:
// - the element's encoder (StitchedStream: a constant-QP session for frames at one quantiser, a
//   CRF session with AQ for frames with per-macroblock quantisers);
// - one CRF session with AQ for every frame, as the element had before;
// - x264 in constant-QP mode as x264enc pass=quant runs it.
// Shows the per-frame floor that a damage meta cannot remove, and what the CRF mode's per-frame
// analysis costs (docs/elements/h264qualityenc.md).
//
//   build/bench/h264quality/h264quality-x264-floor [--frames 60] [--quality 25] [--threads 1]
#include <glib.h>
#include <gst/gst.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <x264.h>
}

#include "macroblock-plan.h"
#include "picture.h"
#include "stitched-stream.h"
#include "x264-session.h"
#include "yuv-picture.h"

using namespace webdesk;

namespace {

constexpr int kWidth = 1920, kHeight = 1080;

struct Times {
  std::vector<double> ms;
  size_t bytes = 0;
  double Min () const { return *std::min_element (ms.begin (), ms.end ()); }
  double Median () const
  {
    std::vector<double> s = ms;
    std::sort (s.begin (), s.end ());
    return s[s.size () / 2];
  }
};

template <typename F>
double
TimeMs (F f)
{
  const auto start = std::chrono::steady_clock::now ();
  f ();
  return std::chrono::duration<double, std::milli> (std::chrono::steady_clock::now () - start)
      .count ();
}

// x264 as x264enc speed-preset=ultrafast tune=zerolatency pass=quant opens it.
x264_t *
OpenConstantQp (int quality, int threads, Chroma chroma)
{
  x264_param_t p;
  x264_param_default_preset (&p, "ultrafast", "zerolatency");
  p.i_width = kWidth;
  p.i_height = kHeight;
  p.i_csp = chroma == Chroma::k444 ? X264_CSP_I444 : X264_CSP_I420;
  p.i_threads = threads;
  p.i_fps_num = 60;
  p.i_fps_den = 1;
  p.i_keyint_max = X264_KEYINT_MAX_INFINITE;
  p.rc.i_rc_method = X264_RC_CQP;
  p.rc.i_qp_constant = quality;
  p.i_log_level = X264_LOG_NONE;
  return x264_encoder_open (&p);
}

}  // namespace

int
main (int argc, char **argv)
{
  gint n_frames = 60, quality = 25, threads = 1, step = 4;
  GOptionEntry entries[] = {
      {"frames", 'n', 0, G_OPTION_ARG_INT, &n_frames, "Frames per scenario (60)", "N"},
      {"quality", 'q', 0, G_OPTION_ARG_INT, &quality, "Quantiser (25)", "QP"},
      {"threads", 't', 0, G_OPTION_ARG_INT, &threads, "x264 threads for all (1)", "N"},
      {"step", 's', 0, G_OPTION_ARG_INT, &step, "Pixels the text scrolls per frame (4)", "PX"},
      {nullptr, 0, 0, G_OPTION_ARG_NONE, nullptr, nullptr, nullptr},
  };
  GOptionContext *ctx = g_option_context_new ("- libx264's per-frame cost, ours against CQP");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  GError *err = nullptr;
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    std::fprintf (stderr, "%s\n", err->message);
    return 2;
  }
  g_option_context_free (ctx);
  n_frames = std::max (n_frames, 3);

  std::printf ("1080p, quantiser %d, %d frames, %d thread(s); x264_encoder_encode only (no "
               "conversion, no GStreamer), the three encoders frame by frame in turn; min / "
               "median ms per P-frame.\n\n",
      quality, n_frames, threads);
  std::printf ("| chroma | P-frame | h264qualityenc (stitched) | one CRF session (before) | "
               "x264 CQP (x264enc) | bytes: stitched / CRF / CQP |\n"
               "|---|---|---:|---:|---:|---:|\n");
  // Text scrolling `step` px per frame, converted once, outside the timing.
  const testing::Picture tall = testing::RenderText (kWidth, kHeight + step * n_frames, 0xff000000,
      0xffffffff);
  const std::string scrolling =
      "text scrolling " + std::to_string (step) + " px a frame (full motion)";
  for (Chroma chroma : {Chroma::k420, Chroma::k444}) {
    std::vector<YuvPicture> pictures (static_cast<size_t> (n_frames));
    for (int i = 0; i < n_frames; i++) {
      const testing::Picture frame = testing::Crop (tall, step * i, kHeight);
      SourcePicture source;
      source.width = kWidth;
      source.height = kHeight;
      source.plane[0] = frame.bgrx.data ();
      source.stride[0] = kWidth * 4;
      pictures[size_t (i)].Reset (kWidth, kHeight, chroma);
      pictures[size_t (i)].Update (source, {Rect{0, 0, kWidth, kHeight}});
    }
    for (int still = 0; still < 2; still++) {
      SessionConfig config;
      config.width = kWidth;
      config.height = kHeight;
      config.chroma = chroma;
      config.threads = threads;
      std::string error;
      std::unique_ptr<StitchedStream> stitched = StitchedStream::Open (config, false, &error);
      std::unique_ptr<X264Session> crf = X264Session::Open (config, &error);
      x264_t *cqp = OpenConstantQp (quality, threads, chroma);
      if (!stitched || !crf || !cqp) {
        std::fprintf (stderr, "x264 did not open: %s\n", error.c_str ());
        return 1;
      }
      Times a, b, c;
      for (int i = 0; i < n_frames; i++) {
        YuvPicture &pic = pictures[size_t (still ? 0 : i)];
        const uint8_t *planes[3] = {pic.plane (0), pic.plane (1), pic.plane (2)};
        const int strides[3] = {pic.stride (0), pic.stride (1), pic.stride (2)};
        // Ours: as the element plans it (a damage meta saying nothing changed, or no damage
        // meta).
        FrameFacts facts;
        facts.width = kWidth;
        facts.height = kHeight;
        facts.quality = quality;
        facts.keyframe = i == 0;
        facts.damage_known = still && i > 0;
        const FramePlan plan = PlanFrame (facts);
        auto request = [&] {
          FrameRequest r;
          r.qp = plan.qp;
          r.force_idr = facts.keyframe;
          r.id = i;
          r.mb_info = plan.mb_info;
          r.quant_offsets = plan.quant_offsets;
          return r;
        };
        EncodedFrame out_a, out_b;
        const double ms_a =
            TimeMs ([&] { stitched->Encode (planes, strides, request (), &out_a); });
        const double ms_b = TimeMs ([&] { crf->Encode (planes, strides, request (), &out_b); });
        // CQP: the whole picture, as x264enc gets it.
        x264_picture_t in, pic_out;
        x264_picture_init (&in);
        in.img.i_csp = chroma == Chroma::k444 ? X264_CSP_I444 : X264_CSP_I420;
        in.img.i_plane = 3;
        for (int k = 0; k < 3; k++) {
          in.img.plane[k] = const_cast<uint8_t *> (planes[k]);
          in.img.i_stride[k] = strides[k];
        }
        in.i_type = i == 0 ? X264_TYPE_IDR : X264_TYPE_AUTO;
        x264_nal_t *nals;
        int n_nals, size = 0;
        const double ms_c = TimeMs ([&] {
          size = x264_encoder_encode (cqp, &nals, &n_nals, &in, &pic_out);
        });
        if (i == 0)
          continue;  // the IDR
        a.ms.push_back (ms_a);
        a.bytes += out_a.size;
        b.ms.push_back (ms_b);
        b.bytes += out_b.size;
        c.ms.push_back (ms_c);
        c.bytes += size_t (std::max (size, 0));
      }
      x264_encoder_close (cqp);
      std::printf ("| %s | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %zu / %zu / %zu |\n",
          chroma == Chroma::k444 ? "4:4:4" : "4:2:0",
          still ? "nothing changed (ours: every macroblock marked unchanged)"
                : scrolling.c_str (),
          a.Min (), a.Median (), b.Min (), b.Median (), c.Min (), c.Median (),
          a.bytes / a.ms.size (), b.bytes / b.ms.size (), c.bytes / c.ms.size ());
      std::fflush (stdout);
    }
  }
  return 0;
}
