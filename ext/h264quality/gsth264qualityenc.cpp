// SPDX-License-Identifier: GPL-2.0-or-later
/**
 * SECTION:element-h264qualityenc
 * @title: h264qualityenc
 *
 * An H.264 encoder on libx264 built for screen content, whose quality can change from one
 * frame to the next without a keyframe.
 *
 * - Input BGRx, BGRA, I420 or Y444 in system memory, converted with libyuv (BT.601, limited
 *   range). Where a buffer carries a webdesk damage meta, only the damaged rectangles are
 *   converted and the unchanged macroblocks are skipped (x264 mb_info), so a frame in which
 *   nothing changed encodes to a P-frame of a few bytes.
 * - Output `video/x-h264, stream-format=byte-stream, alignment=au`: 4:2:0 (profile
 *   constrained-baseline with the ultrafast preset, high or main with slower ones) or
 *   High 4:4:4 Predictive. `chroma=auto` encodes 4:4:4 when the input has full chroma and
 *   downstream accepts `high-4:4:4`; when downstream changes its mind (a RECONFIGURE event)
 *   the encoder switches, starting again with an IDR that carries the new SPS/PPS.
 * - Every frame is encoded at a constant quantiser: `quality`, or the webdesk quality meta's
 *   quality when the buffer has one, with its tile map turned into per-macroblock QP
 *   offsets. A REFINE frame (paint-over) is a P-frame that re-encodes the tiles it names,
 *   five QP below its quality (so it ends above an IDR at that quality); so is a tile whose
 *   quality is better than its frame's (final at once).
 * - Lossless final frames where downstream takes them (`lossless=auto`, 4:4:4, ultrafast): a
 *   frame whose every coded macroblock is final (a REFINE frame, a small change made final at
 *   once) is coded losslessly, without a keyframe, and RGB is converted in full range, so the
 *   viewer's final picture is the source's pixels.
 * - The conversion runs on `threads` threads, in stripes of the damage.
 * - Infinite GOP, no B-frames, no lookahead: one buffer in, one access unit out (two, in a
 *   lossless stream, for a frame whose final macroblocks follow it losslessly). Keyframes only
 *   on force-key-unit events (from upstream or downstream), each with SPS and PPS.
 * - The damage and quality metas are copied onto the encoded buffers.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 videotestsrc pattern=ball ! video/x-raw,format=BGRx,width=1280,height=720 !
 *     h264qualityenc quality=20 ! h264parse ! avdec_h264 ! videoconvert ! autovideosink
 * ]|
 *
 * Since: 0.1
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gsth264qualityenc.h"
#include "gsth264qualityenc-frame.h"
#include "gsth264qualityenc-private.h"

#include <gst/webdesk/webdesk.h>

#include <string>

#include "macroblock-plan.h"

GST_DEBUG_CATEGORY (gst_h264_quality_enc_debug);
#define GST_CAT_DEFAULT gst_h264_quality_enc_debug

enum {
  PROP_0,
  PROP_QUALITY,
  PROP_SPEED_PRESET,
  PROP_THREADS,
  PROP_CHROMA,
  PROP_LOSSLESS,
  N_PROPS,
};
static GParamSpec *properties[N_PROPS];

#define gst_h264_quality_enc_parent_class parent_class
G_DEFINE_TYPE (GstH264QualityEnc, gst_h264_quality_enc, GST_TYPE_VIDEO_ENCODER);
GST_ELEMENT_REGISTER_DEFINE (h264qualityenc, "h264qualityenc", GST_RANK_NONE,
    GST_TYPE_H264_QUALITY_ENC);

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/x-raw, format = (string) { BGRx, BGRA, I420, Y444 }, "
                     "width = (int) [ 16, 8192 ], height = (int) [ 16, 8192 ], "
                     "framerate = (fraction) [ 0/1, MAX ]"));

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/x-h264, stream-format = (string) byte-stream, "
                     "alignment = (string) au, profile = (string) { high-4:4:4, high, main, "
                     "constrained-baseline, baseline }, lossless = (boolean) { true, false }, "
                     "width = (int) [ 16, 8192 ], height = (int) [ 16, 8192 ], "
                     "framerate = (fraction) [ 0/1, MAX ]"));

GstH264QualityEncSettings
gst_h264_quality_enc_copy_settings (GstH264QualityEnc *self)
{
  std::lock_guard<std::mutex> guard (self->priv->lock);
  return self->priv->settings;
}

static GstFlowReturn
push_encoded (GstH264QualityEnc *self, const webdesk::EncodedFrame &encoded,
    GstVideoCodecFrame *current)
{
  GstVideoEncoder *enc = GST_VIDEO_ENCODER (self);
  GstVideoCodecFrame *frame = current;
  if (!frame || frame->system_frame_number != guint32 (encoded.id)) {
    if (current)
      gst_video_codec_frame_unref (current);
    frame = gst_video_encoder_get_frame (enc, int (encoded.id));
    if (!frame) {
      GST_WARNING_OBJECT (self, "x264 returned frame %" G_GINT64_FORMAT " which is not pending",
          encoded.id);
      return GST_FLOW_OK;
    }
  }
  frame->output_buffer = gst_video_encoder_allocate_output_buffer (enc, encoded.size);
  gst_buffer_fill (frame->output_buffer, 0, encoded.data, encoded.size);
  if (encoded.keyframe)
    GST_VIDEO_CODEC_FRAME_SET_SYNC_POINT (frame);
  frame->dts = frame->pts;
  return gst_video_encoder_finish_frame (enc, frame);
}

GstFlowReturn
gst_h264_quality_enc_drain (GstH264QualityEnc *self)
{
  GstH264QualityEncPriv *priv = self->priv;
  GstFlowReturn ret = GST_FLOW_OK;
  while (priv->session && priv->session->DelayedFrames () > 0 && ret == GST_FLOW_OK) {
    webdesk::EncodedFrame encoded;
    if (!priv->session->Flush (&encoded))
      break;
    if (encoded.size > 0)
      ret = push_encoded (self, encoded, nullptr);
  }
  return ret;
}

static gboolean
gst_h264_quality_enc_set_format (GstVideoEncoder *encoder, GstVideoCodecState *state)
{
  GstH264QualityEnc *self = GST_H264_QUALITY_ENC (encoder);
  GstH264QualityEncPriv *priv = self->priv;
  const int width = GST_VIDEO_INFO_WIDTH (&state->info);
  const int height = GST_VIDEO_INFO_HEIGHT (&state->info);

  if (width % 2 || height % 2) {
    GST_ELEMENT_ERROR (self, STREAM, FORMAT,
        ("h264qualityenc needs an even width and height, got %dx%d. Crop or scale the video "
         "to an even size first (videocrop, videoscale).",
            width, height),
        ("H.264 4:2:0 cannot express odd sizes"));
    return FALSE;
  }
  /* A new size or format mid-stream: finish the old stream, then a new SPS and an IDR. */
  gst_h264_quality_enc_drain (self);
  g_clear_pointer (&priv->input_state, gst_video_codec_state_unref);
  priv->input_state = gst_video_codec_state_ref (state);
  gst_clear_caps (&priv->output_caps); /* new size or rate: new output caps */
  gst_video_encoder_set_latency (encoder, 0, 0);
  return gst_h264_quality_enc_open_stream (self, gst_h264_quality_enc_copy_settings (self));
}

/* Encodes the picture as `plan` says and pushes it: as a subframe (the frame stays ours), or as
 * the frame's last buffer (the frame is handed on). */
static GstFlowReturn
encode_and_push (GstH264QualityEnc *self, GstVideoCodecFrame *frame, webdesk::FramePlan plan,
    bool subframe)
{
  GstH264QualityEncPriv *priv = self->priv;
  webdesk::FrameRequest request;
  request.qp = plan.qp;
  request.force_idr = plan.keyframe;
  request.lossless = priv->session->lossless () && plan.AllCodedFinal ();
  request.keep_small_coefficients = plan.refined_macroblocks > 0;
  request.id = frame->system_frame_number;
  request.mb_info = std::move (plan.mb_info);
  request.quant_offsets = std::move (plan.quant_offsets);
  const uint8_t *planes[3] = {priv->picture.plane (0), priv->picture.plane (1),
      priv->picture.plane (2)};
  const int strides[3] = {priv->picture.stride (0), priv->picture.stride (1),
      priv->picture.stride (2)};
  webdesk::EncodedFrame encoded;
  if (!priv->session->Encode (planes, strides, std::move (request), &encoded)) {
    GST_ELEMENT_ERROR (self, STREAM, ENCODE, ("x264 failed to encode a frame."),
        ("x264_encoder_encode returned an error"));
    if (!subframe)
      gst_video_codec_frame_unref (frame);
    return GST_FLOW_ERROR;
  }
  GST_LOG_OBJECT (self, "frame %u: %zu bytes%s%s", frame->system_frame_number, encoded.size,
      encoded.keyframe ? " (IDR)" : "", request.lossless ? ", lossless" : "");
  if (subframe) {
    frame->output_buffer = gst_video_encoder_allocate_output_buffer (GST_VIDEO_ENCODER (self),
        encoded.size);
    gst_buffer_fill (frame->output_buffer, 0, encoded.data, encoded.size);
    /* A keyframe subframe is the frame's sync point; what follows it is not. */
    if (encoded.keyframe)
      GST_VIDEO_CODEC_FRAME_SET_SYNC_POINT (frame);
    const GstFlowReturn ret = gst_video_encoder_finish_subframe (GST_VIDEO_ENCODER (self), frame);
    GST_VIDEO_CODEC_FRAME_UNSET_SYNC_POINT (frame);
    return ret;
  }
  if (encoded.size == 0) {
    gst_video_codec_frame_unref (frame); /* x264 holds it; drain() pushes it later */
    return GST_FLOW_OK;
  }
  return push_encoded (self, encoded, frame);
}

static GstFlowReturn
gst_h264_quality_enc_handle_frame (GstVideoEncoder *encoder, GstVideoCodecFrame *frame)
{
  GstH264QualityEnc *self = GST_H264_QUALITY_ENC (encoder);
  GstH264QualityEncPriv *priv = self->priv;
  const GstH264QualityEncSettings settings = gst_h264_quality_enc_copy_settings (self);
  bool format_changed;
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    format_changed = priv->format_changed;
    priv->format_changed = false;
  }

  if (!priv->input_state) {
    gst_video_codec_frame_unref (frame);
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (!priv->session && !gst_h264_quality_enc_open_stream (self, settings)) {
    gst_video_codec_frame_unref (frame);
    return GST_FLOW_NOT_NEGOTIATED;
  }
  /* Both checks run: each clears its flag. */
  const bool reconfigure = gst_pad_check_reconfigure (GST_VIDEO_ENCODER_SRC_PAD (self)) |
      priv->negotiated.exchange (false);
  if ((reconfigure || format_changed) && !gst_h264_quality_enc_recheck_stream (self, settings)) {
    gst_video_codec_frame_unref (frame);
    return GST_FLOW_NOT_NEGOTIATED;
  }

  webdesk::FrameFacts facts = gst_h264_quality_enc_frame_facts (frame->input_buffer,
      priv->picture.width (), priv->picture.height (), int (settings.quality));
  facts.keyframe = priv->force_idr || GST_VIDEO_CODEC_FRAME_IS_FORCE_KEYFRAME (frame);
  facts.picture_stale = priv->picture_stale;
  webdesk::FramePlan plan = webdesk::PlanFrame (facts);

  if (!plan.convert.empty ()) {
    GstVideoFrame vframe;
    if (!gst_video_frame_map (&vframe, &priv->input_state->info, frame->input_buffer,
            GST_MAP_READ)) {
      GST_ELEMENT_ERROR (self, STREAM, ENCODE, ("Could not read an input frame."),
          ("gst_video_frame_map failed"));
      gst_video_codec_frame_unref (frame);
      return GST_FLOW_ERROR;
    }
    const bool converted = priv->picture.Update (gst_h264_quality_enc_source_picture (&vframe),
        plan.convert, priv->pool.get ());
    gst_video_frame_unmap (&vframe);
    if (!converted) {
      GST_ELEMENT_ERROR (self, STREAM, FORMAT,
          ("An input frame does not have the size its caps announce."), (nullptr));
      gst_video_codec_frame_unref (frame);
      return GST_FLOW_ERROR;
    }
    priv->picture_stale = false;
  }

  GST_LOG_OBJECT (self, "frame %u: qp %d, %d coded (%d final) / %d skipped macroblocks, "
      "%zu rects%s%s", frame->system_frame_number, plan.qp, plan.coded_macroblocks,
      plan.refined_macroblocks, plan.skipped_macroblocks, plan.convert.size (),
      facts.refine ? ", refine" : "", facts.keyframe ? ", IDR" : "");
  priv->force_idr = false;
  if (priv->session->lossless () && (plan.MixesFinal () || (plan.keyframe && facts.refine))) {
    /* Two access units for the frame, the first a subframe: motion carrying final macroblocks
     * (still tiles refined while others move) as the motion, then the final ones losslessly; a
     * refinement frame that had to be a keyframe (a viewer joined a still picture) as the
     * keyframe, which is lossy, then the same picture losslessly, so that the picture is final
     * whichever frame the keyframe fell on. */
    webdesk::SplitPlan split;
    if (plan.keyframe) {
      split.final = plan;
      split.final.keyframe = false;
      split.final.mb_info.clear ();
      split.final.quant_offsets.clear ();
      split.final.refined_macroblocks = split.final.coded_macroblocks;
      split.motion = std::move (plan);
    } else {
      split = webdesk::SplitFinal (plan);
    }
    const GstFlowReturn ret = encode_and_push (self, frame, std::move (split.motion), true);
    if (ret != GST_FLOW_OK) {
      gst_video_codec_frame_unref (frame);
      return ret;
    }
    return encode_and_push (self, frame, std::move (split.final), false);
  }
  return encode_and_push (self, frame, std::move (plan), false);
}

static GstFlowReturn
gst_h264_quality_enc_finish (GstVideoEncoder *encoder)
{
  return gst_h264_quality_enc_drain (GST_H264_QUALITY_ENC (encoder));
}

static gboolean
gst_h264_quality_enc_flush (GstVideoEncoder *encoder)
{
  /* Pending frames are dropped by the base class; start again with an IDR. */
  GstH264QualityEnc *self = GST_H264_QUALITY_ENC (encoder);
  self->priv->session.reset ();
  return TRUE;
}

static gboolean
gst_h264_quality_enc_stop (GstVideoEncoder *encoder)
{
  GstH264QualityEnc *self = GST_H264_QUALITY_ENC (encoder);
  GstH264QualityEncPriv *priv = self->priv;
  priv->session.reset ();
  g_clear_pointer (&priv->input_state, gst_video_codec_state_unref);
  gst_clear_caps (&priv->output_caps);
  return TRUE;
}

static gboolean
gst_h264_quality_enc_propose_allocation (GstVideoEncoder *encoder, GstQuery *query)
{
  /* Strided and offset planes are fine: we map with GstVideoFrame. */
  gst_query_add_allocation_meta (query, GST_VIDEO_META_API_TYPE, nullptr);
  return GST_VIDEO_ENCODER_CLASS (parent_class)->propose_allocation (encoder, query);
}

static void
gst_h264_quality_enc_set_property (GObject *object, guint prop_id, const GValue *value,
    GParamSpec *pspec)
{
  GstH264QualityEnc *self = GST_H264_QUALITY_ENC (object);
  GstH264QualityEncPriv *priv = self->priv;
  GstState state = GST_STATE (self);
  if ((pspec->flags & GST_PARAM_MUTABLE_READY) && state > GST_STATE_READY) {
    GST_WARNING_OBJECT (self, "%s can only be changed in the NULL or READY state",
        pspec->name);
    return;
  }
  {
    std::lock_guard<std::mutex> guard (priv->lock);
    switch (prop_id) {
      case PROP_QUALITY:
        priv->settings.quality = g_value_get_uint (value);
        break;
      case PROP_SPEED_PRESET:
        priv->settings.preset = GstH264QualityEncPreset (g_value_get_enum (value));
        break;
      case PROP_THREADS:
        priv->settings.threads = g_value_get_uint (value);
        break;
      case PROP_CHROMA:
        priv->settings.chroma = GstH264QualityEncChroma (g_value_get_enum (value));
        priv->format_changed = true; /* re-decided on the next frame */
        break;
      case PROP_LOSSLESS:
        priv->settings.lossless = GstH264QualityEncLossless (g_value_get_enum (value));
        priv->format_changed = true;
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        break;
    }
  }
}

static void
gst_h264_quality_enc_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  GstH264QualityEnc *self = GST_H264_QUALITY_ENC (object);
  const GstH264QualityEncSettings settings = gst_h264_quality_enc_copy_settings (self);
  switch (prop_id) {
    case PROP_QUALITY:
      g_value_set_uint (value, settings.quality);
      break;
    case PROP_SPEED_PRESET:
      g_value_set_enum (value, settings.preset);
      break;
    case PROP_THREADS:
      g_value_set_uint (value, settings.threads);
      break;
    case PROP_CHROMA:
      g_value_set_enum (value, settings.chroma);
      break;
    case PROP_LOSSLESS:
      g_value_set_enum (value, settings.lossless);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_h264_quality_enc_finalize (GObject *object)
{
  GstH264QualityEnc *self = GST_H264_QUALITY_ENC (object);
  delete self->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

/* GstVideoEncoder keeps an upstream force-key-unit to itself: it marks the next input frame.
 * On a still screen there is no next frame, so a viewer who joined would wait. Pass a copy on
 * upstream too: paintoverscheduler answers it by re-sending its last picture. */
static gboolean
gst_h264_quality_enc_src_event (GstVideoEncoder *encoder, GstEvent *event)
{
  if (!gst_video_event_is_force_key_unit (event))
    return GST_VIDEO_ENCODER_CLASS (parent_class)->src_event (encoder, event);
  /* The base class first: the frame paintoverscheduler sends in answer (from its own thread) must
   * find the request there, else a later frame becomes the keyframe. */
  GstEvent *copy = gst_event_ref (event);
  const gboolean ret = GST_VIDEO_ENCODER_CLASS (parent_class)->src_event (encoder, event);
  gst_pad_push_event (GST_VIDEO_ENCODER_SINK_PAD (encoder), copy);
  return ret;
}

/* GstVideoEncoder also checks the source pad for RECONFIGURE, whenever it allocates or pushes
 * an output buffer, and then renegotiates the caps it has and clears the mark. A RECONFIGURE
 * that arrives while a frame is encoded (a viewer that cannot decode 4:4:4 joined) would be
 * lost to handle_frame; this flag makes the next frame look downstream again. */
static gboolean
gst_h264_quality_enc_negotiate (GstVideoEncoder *encoder)
{
  GST_H264_QUALITY_ENC (encoder)->priv->negotiated = true;
  return GST_VIDEO_ENCODER_CLASS (parent_class)->negotiate (encoder);
}

static void
gst_h264_quality_enc_init (GstH264QualityEnc *self)
{
  self->priv = new GstH264QualityEncPriv ();
}

static void
gst_h264_quality_enc_class_init (GstH264QualityEncClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstVideoEncoderClass *encoder_class = GST_VIDEO_ENCODER_CLASS (klass);

  gobject_class->set_property = gst_h264_quality_enc_set_property;
  gobject_class->get_property = gst_h264_quality_enc_get_property;
  gobject_class->finalize = gst_h264_quality_enc_finalize;

  /**
   * GstH264QualityEnc:quality:
   *
   * Constant quantiser for frames without a webdesk quality meta; a change applies to the
   * next frame, without a keyframe.
   */
  properties[PROP_QUALITY] = g_param_spec_uint ("quality", "Quality",
      "Quantiser of frames without a quality meta, 0 (best, biggest) .. 51 (worst, smallest); "
      "18 keeps text crisp, 25 suits motion. Applies from the next frame on, without a "
      "keyframe",
      0, GST_WEBDESK_QUALITY_MAX, DEFAULT_QUALITY,
      GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstH264QualityEnc:speed-preset:
   *
   * x264's speed/size trade-off.
   */
  properties[PROP_SPEED_PRESET] = g_param_spec_enum ("speed-preset", "Speed preset",
      "x264 preset: faster presets use less CPU and more bits at the same quality. ultrafast "
      "is the one that keeps up with 1080p60 on two cores",
      GST_TYPE_H264_QUALITY_ENC_PRESET, DEFAULT_SPEED_PRESET,
      GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  /**
   * GstH264QualityEnc:threads:
   *
   * Threads: the colour conversion of a frame's damage runs on this many, in stripes, and
   * x264 encodes this many slices of every frame at once.
   */
  properties[PROP_THREADS] = g_param_spec_uint ("threads", "Threads",
      "Threads for the colour conversion and for x264 (each encoding a slice of every frame); "
      "0 uses every CPU. More threads cut latency per frame and cost a little compression",
      0, 64, DEFAULT_THREADS,
      GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  /**
   * GstH264QualityEnc:chroma:
   *
   * Chroma subsampling of the stream. A change while playing (or downstream refusing 4:4:4)
   * restarts the stream with an IDR in the new format.
   */
  properties[PROP_CHROMA] = g_param_spec_enum ("chroma", "Chroma",
      "auto: 4:4:4 when the input is BGRx/BGRA/Y444 and downstream accepts high-4:4:4, else "
      "4:2:0. 420: every decoder. 444: sharp coloured text, fails when downstream refuses it",
      GST_TYPE_H264_QUALITY_ENC_CHROMA, DEFAULT_CHROMA,
      GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstH264QualityEnc:lossless:
   *
   * Whether final frames (REFINE frames, and frames whose every coded macroblock is final)
   * are coded losslessly, in the same stream as the lossy motion, without a keyframe; RGB input
   * is then converted in full range, so the final picture is the source's pixels. Needs 4:4:4
   * and speed-preset=ultrafast. A change while playing restarts the stream with an IDR.
   */
  properties[PROP_LOSSLESS] = g_param_spec_enum ("lossless", "Lossless final frames",
      "auto: final frames lossless (and RGB converted in full range) when the stream is 4:4:4, "
      "the speed-preset ultrafast and downstream accepts lossless=true (websocketframesink: "
      "every viewer decodes them). off: final frames at their quality. on: as auto, an error "
      "when they cannot be had",
      GST_TYPE_H264_QUALITY_ENC_LOSSLESS, DEFAULT_LOSSLESS,
      GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING));
  g_object_class_install_properties (gobject_class, N_PROPS, properties);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "H.264 quality encoder (x264)",
      "Codec/Encoder/Video", "H.264 for screen content: per-frame quality, damage-driven "
      "skipping, 4:4:4 and lossless final frames where the receiver can decode them",
      "webdesk");

  encoder_class->set_format = GST_DEBUG_FUNCPTR (gst_h264_quality_enc_set_format);
  encoder_class->handle_frame = GST_DEBUG_FUNCPTR (gst_h264_quality_enc_handle_frame);
  encoder_class->finish = GST_DEBUG_FUNCPTR (gst_h264_quality_enc_finish);
  encoder_class->flush = GST_DEBUG_FUNCPTR (gst_h264_quality_enc_flush);
  encoder_class->stop = GST_DEBUG_FUNCPTR (gst_h264_quality_enc_stop);
  encoder_class->src_event = GST_DEBUG_FUNCPTR (gst_h264_quality_enc_src_event);
  encoder_class->negotiate = GST_DEBUG_FUNCPTR (gst_h264_quality_enc_negotiate);
  encoder_class->propose_allocation =
      GST_DEBUG_FUNCPTR (gst_h264_quality_enc_propose_allocation);

  gst_type_mark_as_plugin_api (GST_TYPE_H264_QUALITY_ENC_PRESET, GstPluginAPIFlags (0));
  gst_type_mark_as_plugin_api (GST_TYPE_H264_QUALITY_ENC_CHROMA, GstPluginAPIFlags (0));
  gst_type_mark_as_plugin_api (GST_TYPE_H264_QUALITY_ENC_LOSSLESS, GstPluginAPIFlags (0));
  GST_DEBUG_CATEGORY_INIT (gst_h264_quality_enc_debug, "h264qualityenc", 0,
      "H.264 encoder with per-frame quality (libx264)");
}
