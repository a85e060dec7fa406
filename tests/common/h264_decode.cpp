// SPDX-License-Identifier: LGPL-2.1-or-later
#include "h264_decode.h"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>
#include <libyuv.h>

#include <stdexcept>
#include <string>

namespace webdesk::testing {

Picture
YuvToBgrx (GstBuffer *buffer, GstCaps *caps, bool *chroma444)
{
  GstVideoInfo info;
  if (!gst_video_info_from_caps (&info, caps))
    throw std::runtime_error ("YuvToBgrx: bad caps");
  GstVideoFrame f;
  if (!gst_video_frame_map (&f, &info, buffer, GST_MAP_READ))
    throw std::runtime_error ("YuvToBgrx: cannot map");
  Picture pic;
  pic.width = GST_VIDEO_INFO_WIDTH (&info);
  pic.height = GST_VIDEO_INFO_HEIGHT (&info);
  pic.bgrx.resize (size_t (pic.width) * pic.height * 4);
  auto plane = [&] (int i) { return static_cast<const uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (&f, i)); };
  auto stride = [&] (int i) { return GST_VIDEO_FRAME_PLANE_STRIDE (&f, i); };
  int rc;
  const bool is444 = GST_VIDEO_INFO_FORMAT (&info) == GST_VIDEO_FORMAT_Y444 ||
      GST_VIDEO_INFO_FORMAT (&info) == GST_VIDEO_FORMAT_GBR;
  const libyuv::YuvConstants *matrix =
      GST_VIDEO_INFO_COLORIMETRY (&info).range == GST_VIDEO_COLOR_RANGE_0_255
      ? &libyuv::kYuvJPEGConstants : &libyuv::kYuvI601Constants;
  if (GST_VIDEO_INFO_FORMAT (&info) == GST_VIDEO_FORMAT_GBR) {
    // RGB coded as GBR planes (identity matrix): no conversion, only interleaving.
    libyuv::MergeARGBPlane (plane (2), stride (2), plane (0), stride (0), plane (1), stride (1),
        nullptr, 0, pic.bgrx.data (), pic.width * 4, pic.width, pic.height);
    rc = 0;
  } else if (is444)
    rc = libyuv::I444ToARGBMatrix (plane (0), stride (0), plane (1), stride (1), plane (2),
        stride (2), pic.bgrx.data (), pic.width * 4, matrix, pic.width, pic.height);
  else if (GST_VIDEO_INFO_FORMAT (&info) == GST_VIDEO_FORMAT_I420)
    rc = libyuv::I420ToARGBMatrix (plane (0), stride (0), plane (1), stride (1), plane (2),
        stride (2), pic.bgrx.data (), pic.width * 4, matrix, pic.width, pic.height);
  else
    rc = -1;
  gst_video_frame_unmap (&f);
  if (rc != 0)
    throw std::runtime_error (std::string ("YuvToBgrx: unsupported format ") +
        gst_video_format_to_string (GST_VIDEO_INFO_FORMAT (&info)));
  if (chroma444)
    *chroma444 = is444;
  return pic;
}

std::vector<DecodedFrame>
DecodeH264 (const std::vector<GstBuffer *> &access_units)
{
  GError *err = nullptr;
  GstElement *pipeline = gst_parse_launch (
      "appsrc name=in format=time caps=video/x-h264,stream-format=byte-stream,alignment=au ! "
      "h264parse ! avdec_h264 max-threads=1 ! appsink name=out sync=false",
      &err);
  if (!pipeline) {
    std::string msg = err ? err->message : "unknown";
    g_clear_error (&err);
    throw std::runtime_error ("DecodeH264 (is gstreamer1.0-libav installed?): " + msg);
  }
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "in");
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  g_object_set (sink, "max-buffers", 0u, "drop", FALSE, nullptr);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  GstClockTime pts = 0;
  for (GstBuffer *au : access_units) {
    GstBuffer *copy = gst_buffer_copy (au);
    GST_BUFFER_PTS (copy) = pts;
    GST_BUFFER_DTS (copy) = pts;
    GST_BUFFER_DURATION (copy) = GST_SECOND / 60;
    pts += GST_SECOND / 60;
    gst_app_src_push_buffer (GST_APP_SRC (src), copy);
  }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  std::vector<DecodedFrame> frames;
  while (GstSample *sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) {
    DecodedFrame frame;
    frame.picture = YuvToBgrx (gst_sample_get_buffer (sample), gst_sample_get_caps (sample),
        &frame.chroma444);
    GstVideoInfo info;
    GstVideoFrame f;
    if (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) &&
        gst_video_frame_map (&f, &info, gst_sample_get_buffer (sample), GST_MAP_READ)) {
      frame.full_range = GST_VIDEO_INFO_COLORIMETRY (&info).range == GST_VIDEO_COLOR_RANGE_0_255;
      for (guint p = 0; p < 3 && p < GST_VIDEO_FRAME_N_PLANES (&f); p++) {
        const int w = GST_VIDEO_FRAME_COMP_WIDTH (&f, p), h = GST_VIDEO_FRAME_COMP_HEIGHT (&f, p);
        const uint8_t *data = static_cast<const uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (&f, p));
        for (int y = 0; y < h; y++)
          frame.planes[p].insert (frame.planes[p].end (),
              data + size_t (y) * GST_VIDEO_FRAME_PLANE_STRIDE (&f, p),
              data + size_t (y) * GST_VIDEO_FRAME_PLANE_STRIDE (&f, p) + w);
      }
      gst_video_frame_unmap (&f);
    }
    frames.push_back (std::move (frame));
    gst_sample_unref (sample);
  }
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  std::string error;
  if (msg) {
    GError *e = nullptr;
    gst_message_parse_error (msg, &e, nullptr);
    error = e->message;
    g_error_free (e);
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (src);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  if (!error.empty ())
    throw std::runtime_error ("DecodeH264: " + error);
  return frames;
}

bool
HasNalType (GstBuffer *access_unit, int nal_type)
{
  GstMapInfo map;
  if (!gst_buffer_map (access_unit, &map, GST_MAP_READ))
    return false;
  bool found = false;
  for (gsize i = 0; i + 3 < map.size && !found; i++) {
    if (map.data[i] == 0 && map.data[i + 1] == 0 && map.data[i + 2] == 1)
      found = (map.data[i + 3] & 0x1f) == nal_type;
  }
  gst_buffer_unmap (access_unit, &map);
  return found;
}

}  // namespace webdesk::testing
