// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: caps queries. See gsth264qualityenc-caps.h. */
#include "gsth264qualityenc-caps.h"

GST_DEBUG_CATEGORY_EXTERN (gst_h264_quality_enc_debug);
#define GST_CAT_DEFAULT gst_h264_quality_enc_debug

GstCaps *
gst_h264_quality_enc_h264_caps (const char *profile)
{
  return gst_caps_new_simple ("video/x-h264", "stream-format", G_TYPE_STRING, "byte-stream",
      "alignment", G_TYPE_STRING, "au", "profile", G_TYPE_STRING, profile, nullptr);
}

bool
gst_h264_quality_enc_downstream_accepts (GstVideoEncoder *encoder, const std::string &profile)
{
  GstCaps *filter = gst_h264_quality_enc_h264_caps (profile.c_str ());
  GstCaps *peer = gst_pad_peer_query_caps (GST_VIDEO_ENCODER_SRC_PAD (encoder), filter);
  const bool accepted = peer && !gst_caps_is_empty (peer);
  gst_clear_caps (&peer);
  gst_caps_unref (filter);
  return accepted;
}

static webdesk::ChromaSetting
chroma_setting (GstH264QualityEncChroma chroma)
{
  switch (chroma) {
    case GST_H264_QUALITY_ENC_CHROMA_420:
      return webdesk::ChromaSetting::k420;
    case GST_H264_QUALITY_ENC_CHROMA_444:
      return webdesk::ChromaSetting::k444;
    default:
      return webdesk::ChromaSetting::kAuto;
  }
}

static webdesk::LosslessSetting
lossless_setting (GstH264QualityEncLossless lossless)
{
  switch (lossless) {
    case GST_H264_QUALITY_ENC_LOSSLESS_OFF:
      return webdesk::LosslessSetting::kOff;
    case GST_H264_QUALITY_ENC_LOSSLESS_ON:
      return webdesk::LosslessSetting::kOn;
    default:
      return webdesk::LosslessSetting::kAuto;
  }
}

webdesk::LosslessDecision
gst_h264_quality_enc_decide_lossless (GstVideoEncoder *encoder, GstH264QualityEncLossless setting,
    webdesk::Chroma chroma, bool ultrafast)
{
  bool accepted = false;
  if (setting != GST_H264_QUALITY_ENC_LOSSLESS_OFF && chroma == webdesk::Chroma::k444) {
    GstCaps *filter = gst_h264_quality_enc_h264_caps ("high-4:4:4");
    gst_caps_set_simple (filter, "lossless", G_TYPE_BOOLEAN, TRUE, nullptr);
    GstCaps *peer = gst_pad_peer_query_caps (GST_VIDEO_ENCODER_SRC_PAD (encoder), filter);
    accepted = peer && !gst_caps_is_empty (peer);
    gst_clear_caps (&peer);
    gst_caps_unref (filter);
  }
  return webdesk::DecideLossless (lossless_setting (setting), chroma, ultrafast, accepted);
}

webdesk::ChromaDecision
gst_h264_quality_enc_decide_chroma (GstVideoEncoder *encoder, GstH264QualityEncChroma setting,
    GstVideoCodecState *input)
{
  const bool full_chroma = GST_VIDEO_INFO_FORMAT (&input->info) != GST_VIDEO_FORMAT_I420;
  return webdesk::DecideChroma (chroma_setting (setting), full_chroma,
      gst_h264_quality_enc_downstream_accepts (encoder, "high-4:4:4"));
}

void
gst_h264_quality_enc_update_output_caps (GstVideoEncoder *encoder,
    const std::string &stream_profile, bool lossless, GstVideoCodecState *input,
    GstCaps **current)
{
  const std::string profile = webdesk::ChooseProfileName (stream_profile,
      [encoder] (const std::string &name) {
        return gst_h264_quality_enc_downstream_accepts (encoder, name);
      });
  GstCaps *caps = gst_h264_quality_enc_h264_caps (profile.c_str ());
  gst_caps_set_simple (caps, "lossless", G_TYPE_BOOLEAN, gboolean (lossless), nullptr);
  if (!*current || !gst_caps_is_equal (caps, *current)) {
    GST_INFO_OBJECT (encoder, "output profile %s%s", profile.c_str (),
        lossless ? ", lossless final frames" : "");
    gst_caps_replace (current, caps);
    GstVideoCodecState *out = gst_video_encoder_set_output_state (encoder, gst_caps_ref (caps),
        input);
    gst_video_codec_state_unref (out);
  }
  gst_caps_unref (caps);
}
