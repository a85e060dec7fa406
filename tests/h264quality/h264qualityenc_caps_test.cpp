// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc's caps: formats it refuses, sizes, a size change mid-stream, and 4:4:4 / 4:2:0
// negotiation with downstream (RECONFIGURE, forced chroma, a change while playing).
#include <gtest/gtest.h>

#include "encoder_harness.h"

using webdesk::testing::AddDamage;
using webdesk::testing::CompareRgb;
using webdesk::testing::Crop;
using webdesk::testing::DecodeH264;
using webdesk::testing::Encoder;
using webdesk::testing::HasNalType;
using webdesk::testing::IsIdr;
using webdesk::testing::kBlack;
using webdesk::testing::kHeight;
using webdesk::testing::kRed;
using webdesk::testing::kWhite;
using webdesk::testing::kWidth;
using webdesk::testing::Picture;
using webdesk::testing::RenderText;

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
