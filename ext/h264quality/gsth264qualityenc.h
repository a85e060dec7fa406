// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: H.264 on libx264 for screen content, with per-frame quality. */
#pragma once

#include <gst/video/gstvideoencoder.h>

G_BEGIN_DECLS

#define GST_TYPE_H264_QUALITY_ENC (gst_h264_quality_enc_get_type ())
G_DECLARE_FINAL_TYPE (GstH264QualityEnc, gst_h264_quality_enc, GST, H264_QUALITY_ENC,
    GstVideoEncoder)

GST_ELEMENT_REGISTER_DECLARE (h264qualityenc);

G_END_DECLS
