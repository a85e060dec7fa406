// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: the enum types of its properties (speed-preset, chroma, lossless). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  GST_H264_QUALITY_ENC_PRESET_ULTRAFAST,
  GST_H264_QUALITY_ENC_PRESET_SUPERFAST,
  GST_H264_QUALITY_ENC_PRESET_VERYFAST,
  GST_H264_QUALITY_ENC_PRESET_FASTER,
  GST_H264_QUALITY_ENC_PRESET_FAST,
  GST_H264_QUALITY_ENC_PRESET_MEDIUM,
} GstH264QualityEncPreset;

typedef enum {
  GST_H264_QUALITY_ENC_CHROMA_AUTO,
  GST_H264_QUALITY_ENC_CHROMA_420,
  GST_H264_QUALITY_ENC_CHROMA_444,
} GstH264QualityEncChroma;

typedef enum {
  GST_H264_QUALITY_ENC_LOSSLESS_AUTO,
  GST_H264_QUALITY_ENC_LOSSLESS_OFF,
  GST_H264_QUALITY_ENC_LOSSLESS_ON,
} GstH264QualityEncLossless;

#define GST_TYPE_H264_QUALITY_ENC_PRESET (gst_h264_quality_enc_preset_get_type ())
GType gst_h264_quality_enc_preset_get_type (void);
/* x264's name of the preset ("ultrafast", ...). */
const char *gst_h264_quality_enc_preset_name (GstH264QualityEncPreset preset);

#define GST_TYPE_H264_QUALITY_ENC_CHROMA (gst_h264_quality_enc_chroma_get_type ())
GType gst_h264_quality_enc_chroma_get_type (void);

#define GST_TYPE_H264_QUALITY_ENC_LOSSLESS (gst_h264_quality_enc_lossless_get_type ())
GType gst_h264_quality_enc_lossless_get_type (void);

G_END_DECLS
