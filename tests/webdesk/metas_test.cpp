// SPDX-License-Identifier: LGPL-2.1-or-later
// The damage and quality metas: what producers attach is what consumers read, through copies
// and scaling.
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>

TEST (DamageMeta, CarriesRectanglesAndCaptureTime)
{
  GstBuffer *buf = gst_buffer_new_allocate (nullptr, 64, nullptr);
  const GstVideoRectangle rects[] = {{0, 0, 16, 16}, {32, 8, 10, 4}};
  gst_buffer_add_webdesk_damage_meta (buf, rects, 2, 12345);

  auto *meta = gst_buffer_get_webdesk_damage_meta (buf);
  ASSERT_NE (meta, nullptr);
  EXPECT_EQ (meta->n_rects, 2u);
  EXPECT_EQ (meta->rects[1].x, 32);
  EXPECT_EQ (meta->rects[1].h, 4);
  EXPECT_EQ (meta->capture_time, 12345u);
  EXPECT_EQ (gst_webdesk_damage_meta_get_area (meta), 16u * 16 + 10 * 4);
  gst_buffer_unref (buf);
}

TEST (DamageMeta, NoRectanglesMeansNothingChanged)
{
  GstBuffer *buf = gst_buffer_new ();
  gst_buffer_add_webdesk_damage_meta (buf, nullptr, 0, GST_CLOCK_TIME_NONE);
  auto *meta = gst_buffer_get_webdesk_damage_meta (buf);
  ASSERT_NE (meta, nullptr);
  EXPECT_EQ (meta->n_rects, 0u);
  EXPECT_EQ (gst_webdesk_damage_meta_get_area (meta), 0u);
  gst_buffer_unref (buf);
}

TEST (DamageMeta, SurvivesBufferCopy)
{
  GstBuffer *buf = gst_buffer_new_allocate (nullptr, 64, nullptr);
  const GstVideoRectangle rect = {4, 4, 8, 8};
  gst_buffer_add_webdesk_damage_meta (buf, &rect, 1, 7);
  GstBuffer *copy = gst_buffer_copy (buf);
  gst_buffer_unref (buf);
  auto *meta = gst_buffer_get_webdesk_damage_meta (copy);
  ASSERT_NE (meta, nullptr);
  ASSERT_EQ (meta->n_rects, 1u);
  EXPECT_EQ (meta->rects[0].w, 8);
  EXPECT_EQ (meta->capture_time, 7u);
  gst_buffer_unref (copy);
}

TEST (DamageMeta, ScalingGrowsRectanglesToCoverEveryChangedPixel)
{
  GstBuffer *in = gst_buffer_new ();
  GstBuffer *out = gst_buffer_new ();
  const GstVideoRectangle rect = {3, 3, 3, 3};
  gst_buffer_add_webdesk_damage_meta (in, &rect, 1, 0);
  GstVideoInfo in_info, out_info;
  gst_video_info_set_format (&in_info, GST_VIDEO_FORMAT_BGRx, 100, 100);
  gst_video_info_set_format (&out_info, GST_VIDEO_FORMAT_BGRx, 50, 50);
  GstVideoMetaTransform trans = {&in_info, &out_info};
  GstMeta *meta = GST_META_CAST (gst_buffer_get_webdesk_damage_meta (in));
  ASSERT_TRUE (meta->info->transform_func (out, meta, in, gst_video_meta_transform_scale_get_quark (),
      &trans));
  auto *scaled = gst_buffer_get_webdesk_damage_meta (out);
  ASSERT_NE (scaled, nullptr);
  ASSERT_EQ (scaled->n_rects, 1u);
  // Pixels 3..5 map to 1.5..3 -> 1..3 (covering) after scaling by one half.
  EXPECT_EQ (scaled->rects[0].x, 1);
  EXPECT_EQ (scaled->rects[0].y, 1);
  EXPECT_EQ (scaled->rects[0].w, 2);
  EXPECT_EQ (scaled->rects[0].h, 2);
  gst_buffer_unref (in);
  gst_buffer_unref (out);
}

TEST (QualityMeta, CarriesQualityFlagsAndTileMapThroughCopies)
{
  GstBuffer *buf = gst_buffer_new ();
  auto *meta = gst_buffer_add_webdesk_quality_meta (buf, 18,
      GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE | GST_WEBDESK_QUALITY_FLAG_FINAL));
  ASSERT_NE (meta, nullptr);
  const guint8 tiles[] = {18, 25, GST_WEBDESK_TILE_UNCHANGED, 18};
  ASSERT_TRUE (gst_webdesk_quality_meta_set_tiles (meta, 64, 2, 2, tiles));

  GstBuffer *copy = gst_buffer_copy (buf);
  gst_buffer_unref (buf);
  auto *read = gst_buffer_get_webdesk_quality_meta (copy);
  ASSERT_NE (read, nullptr);
  EXPECT_EQ (read->quality, 18u);
  EXPECT_TRUE (read->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
  EXPECT_TRUE (read->flags & GST_WEBDESK_QUALITY_FLAG_FINAL);
  EXPECT_EQ (read->tile_size, 64u);
  EXPECT_EQ (read->tiles_x, 2u);
  EXPECT_EQ (read->tile_quality[1], 25);
  EXPECT_EQ (read->tile_quality[2], GST_WEBDESK_TILE_UNCHANGED);
  gst_buffer_unref (copy);
}

TEST (QualityMeta, WithoutTileMapTheWholeFrameIsAtItsQuality)
{
  GstBuffer *buf = gst_buffer_new ();
  auto *meta = gst_buffer_add_webdesk_quality_meta (buf, 25, GST_WEBDESK_QUALITY_FLAG_NONE);
  EXPECT_EQ (meta->tile_size, 0u);
  EXPECT_EQ (meta->tile_quality, nullptr);
  gst_buffer_unref (buf);
}
