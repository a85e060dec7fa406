// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: which stream to encode (chroma, lossless final frames, colour range) and
 * opening x264 for it, at the caps and whenever the settings or downstream change. */
#include "gsth264qualityenc-caps.h"
#include "gsth264qualityenc-private.h"

#include <string>

#include "stitched-stream.h"

#define GST_CAT_DEFAULT gst_h264_quality_enc_debug

namespace {

struct StreamFormat {
  webdesk::Chroma chroma = webdesk::Chroma::k420;
  bool lossless = false;
};

/* Decides the format; posts the error and returns false when a forced setting cannot be had. */
bool
decide_format (GstH264QualityEnc *self, const GstH264QualityEncSettings &settings,
    StreamFormat *format)
{
  GstVideoEncoder *encoder = GST_VIDEO_ENCODER (self);
  const webdesk::ChromaDecision chroma =
      gst_h264_quality_enc_decide_chroma (encoder, settings.chroma, self->priv->input_state);
  if (!chroma.ok) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION,
        ("Downstream does not accept H.264 High 4:4:4, but chroma=444 is set. Use chroma=auto "
         "(4:4:4 only where it can be decoded) or chroma=420."),
        ("peer caps refuse profile=high-4:4:4"));
    return false;
  }
  const webdesk::LosslessDecision lossless = gst_h264_quality_enc_decide_lossless (encoder,
      settings.lossless, chroma.chroma,
      settings.preset == GST_H264_QUALITY_ENC_PRESET_ULTRAFAST);
  if (!lossless.ok) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION,
        ("lossless=on is set, but lossless final frames cannot be had: %s. Use lossless=auto "
         "(lossless where it can be) or lossless=off.",
            lossless.why),
        ("%s", lossless.why));
    return false;
  }
  if (!lossless.lossless && settings.lossless != GST_H264_QUALITY_ENC_LOSSLESS_OFF)
    GST_INFO_OBJECT (self, "final frames lossy: %s", lossless.why);
  format->chroma = chroma.chroma;
  format->lossless = lossless.lossless;
  return true;
}

bool
is_rgb (GstVideoCodecState *input)
{
  const GstVideoFormat f = GST_VIDEO_INFO_FORMAT (&input->info);
  return f == GST_VIDEO_FORMAT_BGRx || f == GST_VIDEO_FORMAT_BGRA;
}

void
update_output_caps (GstH264QualityEnc *self)
{
  GstH264QualityEncPriv *priv = self->priv;
  gst_h264_quality_enc_update_output_caps (GST_VIDEO_ENCODER (self), priv->session->profile (),
      priv->session->lossless (), priv->input_state, &priv->output_caps);
}

/* Opens x264 for the input and the format, and sets the output caps. The next frame is an IDR
 * from a freshly converted picture. */
gboolean
open_format (GstH264QualityEnc *self, const GstH264QualityEncSettings &settings,
    const StreamFormat &format)
{
  GstH264QualityEncPriv *priv = self->priv;
  GstVideoInfo *info = &priv->input_state->info;

  webdesk::SessionConfig config;
  config.width = GST_VIDEO_INFO_WIDTH (info);
  config.height = GST_VIDEO_INFO_HEIGHT (info);
  config.fps_num = GST_VIDEO_INFO_FPS_N (info);
  config.fps_den = GST_VIDEO_INFO_FPS_D (info);
  config.chroma = format.chroma;
  // RGB becomes full-range YCbCr where the final picture is to be exact: a grey level then
  // survives the round trip to the viewer's RGB unchanged (limited range has 220 levels for 256).
  config.range = format.lossless && is_rgb (priv->input_state) ? webdesk::ColourRange::kFull
                                                               : webdesk::ColourRange::kLimited;
  config.preset = gst_h264_quality_enc_preset_name (settings.preset);
  config.threads = int (settings.threads);
  config.log = [self] (int level, const std::string &message) {
    if (level <= 0)
      GST_ERROR_OBJECT (self, "x264: %s", message.c_str ());
    else if (level == 1)
      GST_WARNING_OBJECT (self, "x264: %s", message.c_str ());
    else
      GST_DEBUG_OBJECT (self, "x264: %s", message.c_str ());
  };

  priv->session.reset ();
  std::string error;
  // With the ultrafast preset, sessions take turns (StitchedStream): frames at one quantiser
  // skip x264's per-frame analysis, and final frames can be lossless. Other presets (sub-pixel
  // motion) get one session.
  if (settings.preset == GST_H264_QUALITY_ENC_PRESET_ULTRAFAST) {
    priv->session = webdesk::StitchedStream::Open (config, format.lossless, &error);
    if (!priv->session && format.lossless &&
        settings.lossless == GST_H264_QUALITY_ENC_LOSSLESS_AUTO) {
      GST_WARNING_OBJECT (self, "no lossless final frames: %s", error.c_str ());
      config.range = webdesk::ColourRange::kLimited;
      priv->session = webdesk::StitchedStream::Open (config, false, &error);
    }
    if (!priv->session)
      GST_WARNING_OBJECT (self, "one x264 session: %s", error.c_str ());
  }
  if (!priv->session && (!format.lossless || settings.lossless != GST_H264_QUALITY_ENC_LOSSLESS_ON))
    priv->session = webdesk::X264Session::Open (config, &error);
  if (!priv->session) {
    GST_ELEMENT_ERROR (self, LIBRARY, INIT,
        ("Could not start the x264 encoder for %dx%d. Check the input size and the "
         "speed-preset and threads properties.",
            config.width, config.height),
        ("%s", error.c_str ()));
    return FALSE;
  }
  // The conversion runs on as many threads as x264 (threads=0: every core).
  const int threads = settings.threads ? int (settings.threads) : int (g_get_num_processors ());
  if (!priv->pool || priv->pool->threads () != threads)
    priv->pool = std::make_unique<webdesk::StripePool> (threads);
  priv->picture.Reset (config.width, config.height, config.chroma, config.range);
  priv->picture_stale = true;
  priv->force_idr = true;
  update_output_caps (self);
  GST_INFO_OBJECT (self, "x264 open: %dx%d %s%s, preset %s, %d threads", config.width,
      config.height, config.chroma == webdesk::Chroma::k444 ? "4:4:4" : "4:2:0",
      priv->session->lossless () ? " with lossless final frames" : "", config.preset.c_str (),
      threads);
  return TRUE;
}

}  // namespace

gboolean
gst_h264_quality_enc_open_stream (GstH264QualityEnc *self,
    const GstH264QualityEncSettings &settings)
{
  StreamFormat format;
  return decide_format (self, settings, &format) && open_format (self, settings, format);
}

gboolean
gst_h264_quality_enc_recheck_stream (GstH264QualityEnc *self,
    const GstH264QualityEncSettings &settings)
{
  GstH264QualityEncPriv *priv = self->priv;
  StreamFormat format;
  if (!decide_format (self, settings, &format))
    return FALSE;
  if (format.chroma == priv->session->config ().chroma &&
      format.lossless == priv->session->lossless ()) {
    update_output_caps (self);
    return TRUE;
  }
  GST_INFO_OBJECT (self, "downstream or settings changed: reopening x264");
  gst_h264_quality_enc_drain (self);
  return open_format (self, settings, format);
}
