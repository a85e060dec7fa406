// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc against `videoconvert ! x264enc speed-preset=ultrafast tune=zerolatency
// pass=quant`, side by side in one run: BGRx input at 1080p and 4K, scrolling text and typing
// (5% of the frame changes), 4:2:0 and 4:4:4. Prints a table of ms and bytes per frame (IDR
// excluded; time is the median, bytes the mean) and the RGB quality of the last decoded frame.
//
//   meson devenv -C build bench/h264quality/h264quality-bench [--frames 60] [--quality 25]
//   meson devenv -C build bench/h264quality/h264quality-bench --cores 1,2,0 [--frames 240]
//
// --cores: the time per frame of full motion (text scrolling 4 px per frame: every row changes,
// the damage is the whole frame) by number of cores, each count in a process of its own pinned
// with taskset to the first cores (0: all of them), both encoders with threads=0 (as many as the
// cores they see), and videoconvert at its default (one thread) and with n-threads=0.
//
// Each frame is pushed through a GstHarness and pulled out again on the same thread, so the
// time is what the elements themselves take (conversion plus encoding), nothing else.
#include <gst/check/gstharness.h>
#include <gst/gst.h>
#include <gst/webdesk/webdesk.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "h264_decode.h"
#include "picture.h"

using webdesk::testing::CompareRgb;
using webdesk::testing::Crop;
using webdesk::testing::Picture;
using webdesk::testing::RenderText;

namespace {

constexpr uint32_t kBlack = 0xff000000, kWhite = 0xffffffff;

struct Scenario {
  const char *size_name;
  int width, height;
  bool typing;  // else scrolling
  bool chroma444;
};

struct Frame {
  Picture picture;
  GstVideoRectangle damage;
};

struct Result {
  double ms_per_frame = 0;
  double bytes_per_frame = 0;
  double idr_bytes = 0;
  double final_psnr = 0;
};

// The frames of a scenario: a page scrolling 4 px per frame, or a page on which a
// rectangle of 5% of the area (a quarter of the width) is redrawn with other text every
// frame, as a terminal or an editor redraws the lines being typed (three blocks of text take
// turns, so no frame can be predicted from the one before by motion).
std::vector<Frame>
MakeFrames (const Scenario &s, int n_frames)
{
  std::vector<Frame> frames;
  if (!s.typing) {
    const Picture tall = RenderText (s.width, s.height + 4 * n_frames, kBlack, kWhite);
    for (int i = 0; i < n_frames; i++)
      frames.push_back ({Crop (tall, 4 * i, s.height), {0, 0, s.width, s.height}});
    return frames;
  }
  const Picture page = RenderText (s.width, s.height, kBlack, kWhite);
  const int rect_w = (s.width / 4) & ~15;
  const int rect_h = int (0.05 * s.width * s.height / rect_w) & ~1;
  const int rect_x = s.width / 8, rect_y = s.height / 3;
  const Picture typed = RenderText (rect_w, rect_h * 3, kBlack, kWhite, 13, 40);
  for (int i = 0; i < n_frames; i++) {
    Frame f{page, {rect_x, rect_y, rect_w, rect_h}};
    if (i > 0) {
      for (int row = 0; row < rect_h; row++)
        std::memcpy (f.picture.Row (rect_y + row) + size_t (rect_x) * 4,
            typed.Row ((i % 3) * rect_h + row), size_t (rect_w) * 4);
    }
    frames.push_back (std::move (f));
  }
  return frames;
}

// One encoder in a harness, fed and timed frame by frame.
class Contender {
 public:
  Contender (const std::string &launch, const Scenario &s, bool with_damage)
      : launch_ (launch), with_damage_ (with_damage)
  {
    h_ = gst_harness_new_parse (launch.c_str ());
    gchar *caps = g_strdup_printf ("video/x-raw,format=BGRx,width=%d,height=%d,framerate=60/1",
        s.width, s.height);
    gst_harness_set_src_caps_str (h_, caps);
    g_free (caps);
  }
  ~Contender ()
  {
    for (GstBuffer *b : out_)
      gst_buffer_unref (b);
    gst_harness_teardown (h_);
  }
  bool Encode (const Frame &frame, size_t index)
  {
    GstBuffer *in = gst_buffer_new_memdup (frame.picture.bgrx.data (), frame.picture.bgrx.size ());
    GST_BUFFER_PTS (in) = index * GST_SECOND / 60;
    GST_BUFFER_DURATION (in) = GST_SECOND / 60;
    if (with_damage_)
      gst_buffer_add_webdesk_damage_meta (in, &frame.damage, 1, GST_CLOCK_TIME_NONE);
    const auto start = std::chrono::steady_clock::now ();
    gst_harness_push (h_, in);
    GstBuffer *encoded = gst_harness_pull (h_);
    const auto end = std::chrono::steady_clock::now ();
    if (!encoded) {
      fprintf (stderr, "no output from %s\n", launch_.c_str ());
      return false;
    }
    if (index > 0)  // the first frame is an IDR
      ms_.push_back (std::chrono::duration<double, std::milli> (end - start).count ());
    out_.push_back (encoded);
    return true;
  }
  // `frames` empty: no decoding, no PSNR (a long 4K run would hold every decoded picture).
  Result Finish (const std::vector<Frame> &frames)
  {
    Result r;
    if (out_.size () < 2)
      return r;
    std::sort (ms_.begin (), ms_.end ());
    r.ms_per_frame = ms_[ms_.size () / 2];
    size_t bytes = 0;
    for (size_t i = 1; i < out_.size (); i++)
      bytes += gst_buffer_get_size (out_[i]);
    r.bytes_per_frame = double (bytes) / double (out_.size () - 1);
    r.idr_bytes = double (gst_buffer_get_size (out_[0]));
    if (frames.empty ())
      return r;
    auto decoded = webdesk::testing::DecodeH264 (out_);
    if (!decoded.empty ())
      r.final_psnr = CompareRgb (frames[decoded.size () - 1].picture, decoded.back ().picture)
                         .MinPsnr ();
    return r;
  }

 private:
  std::string launch_;
  bool with_damage_;
  GstHarness *h_;
  std::vector<double> ms_;
  std::vector<GstBuffer *> out_;
};

std::string
X264encPipeline (bool chroma444, int quality, int threads, const char *videoconvert)
{
  // BT.601, as our side converts and the PSNR converts back: videoconvert would pick BT.709 for
  // HD and charge x264enc for the mismatch. ip-factor=1: its keyframe at the same quantiser as
  // ours (x264 codes I-frames 1.4x finer by default, QP 22 for 25, and the P-frames would
  // inherit the better picture).
  return std::string (videoconvert) + " ! capsfilter caps=video/x-raw,format=" +
      (chroma444 ? "Y444" : "I420") +
      ",colorimetry=bt601 ! x264enc speed-preset=ultrafast tune=zerolatency pass=quant "
      "ip-factor=1 quantizer=" + std::to_string (quality) + " threads=" + std::to_string (threads);
}

// One core count (the process is pinned already): a row per size and chroma.
int
RunCoreCount (int cores, int n_frames, int quality, bool only_1080p)
{
  for (const Scenario &s : std::vector<Scenario>{{"1080p", 1920, 1080, false, false},
           {"1080p", 1920, 1080, false, true}, {"4K", 3840, 2160, false, false},
           {"4K", 3840, 2160, false, true}}) {
    if (only_1080p && s.width > 1920)
      continue;
    // Each frame cut from the tall page when it is encoded: 240 4K frames would take 8 GB.
    const Picture tall = RenderText (s.width, s.height + 4 * n_frames, kBlack, kWhite);
    const std::string ours = std::string ("h264qualityenc threads=0 quality=") +
        std::to_string (quality) + " chroma=" + (s.chroma444 ? "444" : "420");
    Contender a_enc (ours, s, true);
    Contender b_enc (X264encPipeline (s.chroma444, quality, 0, "videoconvert"), s, false);
    Contender c_enc (X264encPipeline (s.chroma444, quality, 0, "videoconvert n-threads=0"), s,
        false);
    for (int i = 0; i < n_frames; i++) {
      const Frame frame{Crop (tall, 4 * i, s.height), {0, 0, s.width, s.height}};
      if (!a_enc.Encode (frame, size_t (i)) || !b_enc.Encode (frame, size_t (i)) ||
          !c_enc.Encode (frame, size_t (i)))
        return 1;
    }
    const Result a = a_enc.Finish ({}), b = b_enc.Finish ({}), c = c_enc.Finish ({});
    printf ("| %d | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n", cores, s.size_name,
        s.chroma444 ? "4:4:4" : "4:2:0", a.ms_per_frame, b.ms_per_frame,
        a.ms_per_frame / std::max (b.ms_per_frame, 1e-6), c.ms_per_frame,
        a.ms_per_frame / std::max (c.ms_per_frame, 1e-6));
    fflush (stdout);
  }
  return 0;
}

// --cores: runs this program again under taskset for each count and gathers the rows.
int
RunByCores (const char *self, const std::string &list, int n_frames, int quality,
    bool only_1080p)
{
  const int all = int (g_get_num_processors ());
  printf ("Full motion (text scrolling 4 px per frame: the whole frame is damaged and encoded), "
          "BGRx in, %d frames, quantiser %d; median ms per P-frame; both encoders threads=0 in "
          "a process pinned with taskset to that many cores (this machine has %d).\n\n",
      n_frames, quality, all);
  printf ("| cores | size | chroma | h264qualityenc ms | videoconvert ! x264enc ms | ratio | "
          "videoconvert n-threads=0 ! x264enc ms | ratio |\n");
  printf ("|---:|---|---|---:|---:|---:|---:|---:|\n");
  fflush (stdout);
  std::stringstream items (list);
  std::string item;
  while (std::getline (items, item, ',')) {
    int cores = std::atoi (item.c_str ());
    if (cores <= 0 || cores > all)
      cores = all;
    gchar *command = g_strdup_printf ("taskset -c 0-%d %s --in-cores %d --frames %d --quality %d%s",
        cores - 1, self, cores, n_frames, quality, only_1080p ? " --only-1080p" : "");
    const int status = system (command);
    g_free (command);
    if (status != 0)
      return 1;
  }
  return 0;
}

}  // namespace

int
main (int argc, char **argv)
{
  gint n_frames = 60;
  gint quality = 25;
  gint threads = 0;
  gboolean only_1080p = FALSE;
  gchar *cores = nullptr;
  gint in_cores = 0;
  GOptionEntry entries[] = {
      {"cores", 'c', 0, G_OPTION_ARG_STRING, &cores,
          "Full motion by core count, e.g. 1,2,0 (0: all cores)", "LIST"},
      {"in-cores", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &in_cores,
          "(internal) one core count's rows", "N"},
      {"frames", 'n', 0, G_OPTION_ARG_INT, &n_frames, "Frames per scenario (default 60)", "N"},
      {"quality", 'q', 0, G_OPTION_ARG_INT, &quality,
          "Quantiser for both encoders (default 25)", "QP"},
      {"threads", 't', 0, G_OPTION_ARG_INT, &threads,
          "Encoder threads for both (default 0: x264 chooses)", "N"},
      {"only-1080p", 0, 0, G_OPTION_ARG_NONE, &only_1080p, "Skip the 4K scenarios", nullptr},
      {nullptr, 0, 0, G_OPTION_ARG_NONE, nullptr, nullptr, nullptr},
  };
  GOptionContext *ctx = g_option_context_new ("- h264qualityenc against x264enc");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  GError *err = nullptr;
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    fprintf (stderr, "%s\n", err->message);
    return 2;
  }
  g_option_context_free (ctx);
  gst_init (&argc, &argv);
  GstElementFactory *factory = gst_element_factory_find ("h264qualityenc");
  if (!factory) {
    fprintf (stderr, "h264qualityenc not found: run through `meson devenv -C <build>`\n");
    return 1;
  }
  gst_object_unref (factory);
  if (in_cores > 0)
    return RunCoreCount (in_cores, n_frames, quality, only_1080p);
  if (cores)
    return RunByCores (argv[0], cores, n_frames, quality, only_1080p);

  const std::vector<Scenario> scenarios = {
      {"1080p", 1920, 1080, false, false},
      {"1080p", 1920, 1080, true, false},
      {"1080p", 1920, 1080, false, true},
      {"1080p", 1920, 1080, true, true},
      {"4K", 3840, 2160, false, false},
      {"4K", 3840, 2160, true, false},
      {"4K", 3840, 2160, false, true},
      {"4K", 3840, 2160, true, true},
  };
  printf ("Quantiser %d, %d frames per scenario, threads %d (0 = x264's choice); times (median) and "
          "bytes (mean) are per P-frame (the first frame, an IDR, is left out); PSNR is the lowest "
          "RGB channel of the last frame, decoded.\n\n",
      quality, n_frames, threads);
  printf ("| size | content | chroma | h264qualityenc ms | x264enc ms | speed-up | "
          "h264qualityenc bytes | x264enc bytes | PSNR ours / x264enc |\n");
  printf ("|---|---|---|---:|---:|---:|---:|---:|---|\n");
  for (const Scenario &s : scenarios) {
    if (only_1080p && s.width > 1920)
      continue;
    const std::vector<Frame> frames = MakeFrames (s, n_frames);
    const std::string chroma = s.chroma444 ? "444" : "420";
    const std::string ours = "h264qualityenc quality=" + std::to_string (quality) +
        " threads=" + std::to_string (threads) + " chroma=" + chroma;
    const std::string theirs = X264encPipeline (s.chroma444, quality, threads, "videoconvert");
    // Frame by frame in turn, so that whatever else runs on the machine slows both alike.
    Contender a_enc (ours, s, true), b_enc (theirs, s, false);
    for (size_t i = 0; i < frames.size (); i++)
      if (!a_enc.Encode (frames[i], i) || !b_enc.Encode (frames[i], i))
        return 1;
    const Result a = a_enc.Finish (frames);
    const Result b = b_enc.Finish (frames);
    printf ("| %s | %s | %s | %.2f | %.2f | %.1fx | %.0f | %.0f | %.1f / %.1f dB |\n",
        s.size_name, s.typing ? "typing, 5% damage" : "scrolling 4 px/frame",
        s.chroma444 ? "4:4:4" : "4:2:0", a.ms_per_frame, b.ms_per_frame,
        b.ms_per_frame / std::max (a.ms_per_frame, 1e-6), a.bytes_per_frame, b.bytes_per_frame,
        a.final_psnr, b.final_psnr);
    fflush (stdout);
  }
  return 0;
}
