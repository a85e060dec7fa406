// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: the enum types of its properties. See gsth264qualityenc-enums.h. */
#include "gsth264qualityenc-enums.h"

GType
gst_h264_quality_enc_preset_get_type (void)
{
  static GType type = 0;
  /* Nicks are x264's own preset names. */
  static const GEnumValue values[] = {
      {GST_H264_QUALITY_ENC_PRESET_ULTRAFAST, "ultrafast (fastest; about 2x the bits)",
          "ultrafast"},
      {GST_H264_QUALITY_ENC_PRESET_SUPERFAST, "superfast", "superfast"},
      {GST_H264_QUALITY_ENC_PRESET_VERYFAST, "veryfast (about 1.6x ultrafast's CPU, 35% fewer "
                                             "bits)",
          "veryfast"},
      {GST_H264_QUALITY_ENC_PRESET_FASTER, "faster", "faster"},
      {GST_H264_QUALITY_ENC_PRESET_FAST, "fast", "fast"},
      {GST_H264_QUALITY_ENC_PRESET_MEDIUM, "medium (x264's default; too slow for live 1080p "
                                           "on two cores)",
          "medium"},
      {0, nullptr, nullptr},
  };
  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstH264QualityEncPreset", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

GType
gst_h264_quality_enc_chroma_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
      {GST_H264_QUALITY_ENC_CHROMA_AUTO,
          "4:4:4 when the input has full chroma and downstream accepts high-4:4:4, else 4:2:0",
          "auto"},
      {GST_H264_QUALITY_ENC_CHROMA_420, "4:2:0 (every H.264 decoder)", "420"},
      {GST_H264_QUALITY_ENC_CHROMA_444, "4:4:4, High 4:4:4 Predictive (sharp coloured text)",
          "444"},
      {0, nullptr, nullptr},
  };
  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstH264QualityEncChroma", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

GType
gst_h264_quality_enc_lossless_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
      {GST_H264_QUALITY_ENC_LOSSLESS_AUTO,
          "lossless final frames when the stream is 4:4:4, the preset ultrafast and downstream "
          "accepts lossless=true",
          "auto"},
      {GST_H264_QUALITY_ENC_LOSSLESS_OFF, "final frames at the refinement quality (lossy)",
          "off"},
      {GST_H264_QUALITY_ENC_LOSSLESS_ON, "lossless final frames; an error when they cannot be had",
          "on"},
      {0, nullptr, nullptr},
  };
  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstH264QualityEncLossless", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

const char *
gst_h264_quality_enc_preset_name (GstH264QualityEncPreset preset)
{
  GEnumClass *klass = G_ENUM_CLASS (g_type_class_ref (GST_TYPE_H264_QUALITY_ENC_PRESET));
  GEnumValue *value = g_enum_get_value (klass, preset);
  const char *name = value ? value->value_nick : "ultrafast";
  g_type_class_unref (klass);
  return name;
}
