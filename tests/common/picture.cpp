// SPDX-License-Identifier: LGPL-2.1-or-later
#include "picture.h"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace webdesk::testing {

double
RgbQuality::MinPsnr () const
{
  return std::min ({psnr_b, psnr_g, psnr_r});
}

std::string
RgbQuality::ToString () const
{
  char buf[128];
  std::snprintf (buf, sizeof buf, "B %.1f dB, G %.1f dB, R %.1f dB, %.3f%% off by >48", psnr_b,
      psnr_g, psnr_r, off_by_48_share * 100.0);
  return buf;
}

static double
Psnr (double sum_sq, double n)
{
  if (sum_sq == 0)
    return 99.0;
  return 10.0 * std::log10 (255.0 * 255.0 * n / sum_sq);
}

RgbQuality
CompareRgb (const Picture &a, const Picture &b)
{
  if (a.width != b.width || a.height != b.height)
    throw std::invalid_argument ("CompareRgb: pictures differ in size");
  double sq[3] = {0, 0, 0};
  size_t bad = 0, exact = 0;
  int max_error = 0;
  const size_t n = size_t (a.width) * a.height;
  for (size_t i = 0; i < n; i++) {
    int worst = 0;
    for (int c = 0; c < 3; c++) {
      const int d = int (a.bgrx[i * 4 + c]) - int (b.bgrx[i * 4 + c]);
      sq[c] += double (d) * d;
      worst = std::max (worst, std::abs (d));
    }
    if (worst > 48)
      bad++;
    exact += worst == 0;
    max_error = std::max (max_error, worst);
  }
  RgbQuality q;
  q.max_error = max_error;
  q.exact_share = double (exact) / double (n);
  q.psnr_b = Psnr (sq[0], double (n));
  q.psnr_g = Psnr (sq[1], double (n));
  q.psnr_r = Psnr (sq[2], double (n));
  q.off_by_48_share = double (bad) / double (n);
  return q;
}

// Lines that look like source code and a file listing: dense, varied glyphs, deterministic.
static std::string
TextBlock (int n_lines, int first_line)
{
  static const char *words[] = {"static", "void", "gst_buffer_map", "(GstBuffer *buf)", "{",
      "return", "x264_encoder_encode", "-rw-r--r--", "root", "4096", "Nov", "24", "15:52",
      "webdesk.cpp", "if", "(frame->flags & KEY)", "}", "for (int i = 0; i < n; i++)",
      "#include <gst/gst.h>", "quality=18", "0xdeadbeef", "ABCDEFGHIJKLM", "nopqrstuvwxyz",
      "W@#$%&*", "~/src/webdesk$", "make -j2", "ninja: build stopped", "[ OK ]"};
  const int n_words = int (sizeof words / sizeof words[0]);
  std::string text;
  uint32_t state = 12345u + uint32_t (first_line) * 2654435761u;
  for (int line = 0; line < n_lines; line++) {
    char num[16];
    std::snprintf (num, sizeof num, "%5d  ", first_line + line + 1);
    text += num;
    int len = 0;
    const int target = 40 + int ((first_line + line) * 37 % 140);
    while (len < target) {
      state = state * 1664525u + 1013904223u;
      const char *w = words[(state >> 16) % n_words];
      text += w;
      text += ' ';
      len += int (std::strlen (w)) + 1;
    }
    text += '\n';
  }
  return text;
}

Picture
RenderText (int width, int height, uint32_t colour, uint32_t background, int font_px,
    int first_line)
{
  const int n_lines = height / std::max (font_px, 6) + 2;
  gchar *desc = g_strdup_printf (
      "videotestsrc num-buffers=1 pattern=solid-color foreground-color=%u ! "
      "video/x-raw,format=BGRx,width=%d,height=%d,framerate=1/1 ! "
      "textoverlay name=t font-desc=\"DejaVu Sans Mono %dpx\" valignment=top halignment=left "
      "line-alignment=left auto-resize=false draw-shadow=false draw-outline=false "
      "xpad=2 ypad=0 wrap-mode=none color=%u ! appsink name=out sync=false",
      background, width, height, font_px, colour);
  GError *err = nullptr;
  GstElement *pipeline = gst_parse_launch (desc, &err);
  g_free (desc);
  if (!pipeline) {
    std::string msg = err ? err->message : "unknown";
    g_clear_error (&err);
    throw std::runtime_error ("RenderText: " + msg);
  }
  GstElement *overlay = gst_bin_get_by_name (GST_BIN (pipeline), "t");
  // textoverlay reads its text as Pango markup: escape the '<' and '&' of the code lines.
  g_autofree gchar *escaped = g_markup_escape_text (TextBlock (n_lines, first_line).c_str (), -1);
  g_object_set (overlay, "text", escaped, nullptr);
  gst_object_unref (overlay);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  GstSample *sample = gst_app_sink_pull_sample (GST_APP_SINK (sink));
  if (!sample) {
    gst_element_set_state (pipeline, GST_STATE_NULL);
    gst_object_unref (sink);
    gst_object_unref (pipeline);
    throw std::runtime_error ("RenderText: no frame (is gstreamer1.0-x installed?)");
  }
  GstVideoInfo info;
  gst_video_info_from_caps (&info, gst_sample_get_caps (sample));
  GstVideoFrame frame;
  gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ);
  Picture pic;
  pic.width = width;
  pic.height = height;
  pic.bgrx.resize (size_t (width) * height * 4);
  for (int y = 0; y < height; y++)
    std::memcpy (pic.Row (y),
        static_cast<uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0)) +
            size_t (y) * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
        size_t (width) * 4);
  gst_video_frame_unmap (&frame);
  gst_sample_unref (sample);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return pic;
}

Picture
Crop (const Picture &tall, int top, int height)
{
  if (top < 0 || top + height > tall.height)
    throw std::out_of_range ("Crop: window outside the picture");
  Picture pic;
  pic.width = tall.width;
  pic.height = height;
  pic.bgrx.assign (tall.Row (top), tall.Row (top) + size_t (height) * tall.width * 4);
  return pic;
}

}  // namespace webdesk::testing
