// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: what downstream takes — the caps queries behind the chroma, lossless and
 * profile choice (see chroma-policy.h for the decisions themselves). */
#pragma once

#include <gst/video/video.h>

#include <string>

#include "chroma-policy.h"
#include "gsth264qualityenc-enums.h"

/* `video/x-h264, stream-format=byte-stream, alignment=au, profile=<profile>`. */
GstCaps *gst_h264_quality_enc_h264_caps (const char *profile);

/* Whether downstream would take our byte-stream with this profile. An unlinked pad takes
 * anything (gst_pad_peer_query_caps then returns the filter). */
bool gst_h264_quality_enc_downstream_accepts (GstVideoEncoder *encoder,
    const std::string &profile);

/* The chroma to encode: the `chroma` setting, the input format and downstream's answer. */
webdesk::ChromaDecision gst_h264_quality_enc_decide_chroma (GstVideoEncoder *encoder,
    GstH264QualityEncChroma setting, GstVideoCodecState *input);

/* Whether final frames are lossless: the `lossless` setting, the chroma, whether the preset is
 * ultrafast, and whether downstream takes `profile=high-4:4:4, lossless=true`. */
webdesk::LosslessDecision gst_h264_quality_enc_decide_lossless (GstVideoEncoder *encoder,
    GstH264QualityEncLossless setting, webdesk::Chroma chroma, bool ultrafast);

/* Sets the output state when the caps for this stream profile (and `lossless` field) differ
 * from `*current` (the stream's profile, or a wider one downstream accepts); `*current` then
 * holds the new caps. */
void gst_h264_quality_enc_update_output_caps (GstVideoEncoder *encoder,
    const std::string &stream_profile, bool lossless, GstVideoCodecState *input,
    GstCaps **current);
