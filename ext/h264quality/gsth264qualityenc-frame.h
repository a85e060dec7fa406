// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: what an input buffer tells the encoder's pure core — its pixels as planes,
 * and its damage and quality metas as plain facts. */
#pragma once

#include <gst/video/video.h>

#include "macroblock-plan.h"

/* The planes of a mapped frame (BGRx/BGRA, I420 or Y444). */
webdesk::SourcePicture gst_h264_quality_enc_source_picture (GstVideoFrame *vframe);

/* The facts of a buffer: its quality (the meta's, else `default_quality`), refine flag, tile
 * map (pointing into the meta: valid while the buffer lives) and damage. */
webdesk::FrameFacts gst_h264_quality_enc_frame_facts (GstBuffer *buffer, int width, int height,
    int default_quality);
