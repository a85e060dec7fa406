// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc's private state, shared by the element's files: the GObject glue
 * (gsth264qualityenc.cpp) and the stream's opening and reopening (gsth264qualityenc-stream.cpp). */
#pragma once

#include <gst/video/video.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "gsth264qualityenc-enums.h"
#include "gsth264qualityenc.h"
#include "stripe-pool.h"
#include "x264-session.h"
#include "yuv-picture.h"

GST_DEBUG_CATEGORY_EXTERN (gst_h264_quality_enc_debug);

#define DEFAULT_QUALITY 25
#define DEFAULT_SPEED_PRESET GST_H264_QUALITY_ENC_PRESET_ULTRAFAST
#define DEFAULT_THREADS 0
#define DEFAULT_CHROMA GST_H264_QUALITY_ENC_CHROMA_AUTO
#define DEFAULT_LOSSLESS GST_H264_QUALITY_ENC_LOSSLESS_AUTO

/* What the user set; copied under `lock` at the start of each frame. */
struct GstH264QualityEncSettings {
  guint quality = DEFAULT_QUALITY;
  GstH264QualityEncPreset preset = DEFAULT_SPEED_PRESET;
  guint threads = DEFAULT_THREADS;
  GstH264QualityEncChroma chroma = DEFAULT_CHROMA;
  GstH264QualityEncLossless lossless = DEFAULT_LOSSLESS;
};

/* Streaming-thread state, plus the settings under their own lock (never held while calling
 * into GStreamer or x264). */
struct GstH264QualityEncPriv {
  std::mutex lock;
  GstH264QualityEncSettings settings;
  /* chroma or lossless changed: decide the stream's format again at the next frame. */
  bool format_changed = false;
  /* GstVideoEncoder renegotiated (see gst_h264_quality_enc_negotiate): look downstream again. */
  std::atomic<bool> negotiated{false};

  GstVideoCodecState *input_state = nullptr;
  /* A StitchedStream (x264 sessions in turns; speed-preset ultrafast), or one x264 session. */
  std::unique_ptr<webdesk::StreamEncoder> session;
  std::unique_ptr<webdesk::StripePool> pool;
  webdesk::YuvPicture picture;
  bool picture_stale = true;
  bool force_idr = false;
  GstCaps *output_caps = nullptr;

  ~GstH264QualityEncPriv ()
  {
    g_clear_pointer (&input_state, gst_video_codec_state_unref);
    gst_clear_caps (&output_caps);
  }
};

struct _GstH264QualityEnc {
  GstVideoEncoder parent;
  GstH264QualityEncPriv *priv;
};

GstH264QualityEncSettings gst_h264_quality_enc_copy_settings (GstH264QualityEnc *self);

/* Decides chroma and lossless from the settings, the input and downstream, and opens x264
 * for them (the next frame is an IDR); posts the error when that cannot be done. */
gboolean gst_h264_quality_enc_open_stream (GstH264QualityEnc *self,
    const GstH264QualityEncSettings &settings);
/* The settings changed or downstream asked us to renegotiate: reopens x264 when the chroma or
 * lossless decision is no longer the stream's, else only revisits the caps' profile. */
gboolean gst_h264_quality_enc_recheck_stream (GstH264QualityEnc *self,
    const GstH264QualityEncSettings &settings);
/* Pushes whatever x264 still holds (nothing with zerolatency). */
GstFlowReturn gst_h264_quality_enc_drain (GstH264QualityEnc *self);
