// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: the libx264 session. See x264-session.h.
#include "x264-session.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cstring>

extern "C" {
#include <x264.h>
}

namespace webdesk {

namespace {

void
LogToCallback (void *priv, int level, const char *format, va_list args)
{
  auto *config = static_cast<SessionConfig *> (priv);
  if (!config->log)
    return;
  char buf[512];
  vsnprintf (buf, sizeof (buf), format, args);
  std::string message (buf);
  while (!message.empty () && message.back () == '\n')
    message.pop_back ();
  config->log (level, message);
}

std::string
ProfileName (const x264_param_t &p)
{
  if (p.i_csp == X264_CSP_I444)
    return "high-4:4:4";
  if (p.analyse.b_transform_8x8)
    return "high";
  if (p.b_cabac)
    return "main";
  return "constrained-baseline";
}

// x264 takes ownership of per-frame arrays through these callbacks, so a frame may outlive
// the call that submitted it (frame threads) without dangling pointers.
template <typename T>
T *
CopyForX264 (const std::vector<T> &v)
{
  if (v.empty ())
    return nullptr;
  auto *p = static_cast<T *> (std::malloc (v.size () * sizeof (T)));
  std::memcpy (p, v.data (), v.size () * sizeof (T));
  return p;
}

}  // namespace

std::unique_ptr<X264Session>
X264Session::Open (const SessionConfig &config, std::string *error)
{
  std::unique_ptr<X264Session> session (new X264Session (config));
  x264_param_t p;
  if (x264_param_default_preset (&p, config.preset.c_str (), "zerolatency") < 0) {
    *error = "unknown x264 preset \"" + config.preset + "\"";
    return nullptr;
  }
  p.i_width = config.width;
  p.i_height = config.height;
  p.i_csp = config.chroma == Chroma::k444 ? X264_CSP_I444 : X264_CSP_I420;
  p.i_fps_num = config.fps_num > 0 ? config.fps_num : 60;
  p.i_fps_den = config.fps_num > 0 && config.fps_den > 0 ? config.fps_den : 1;
  p.i_threads = config.threads > 0 ? config.threads : X264_THREADS_AUTO;
  p.b_vfr_input = 0;
  p.b_annexb = 1;
  p.b_repeat_headers = 1;  // SPS/PPS in front of every IDR, for joining viewers
  p.b_aud = 0;
  // Keyframes only when asked (force-key-unit): no GOP, no scene cuts.
  p.i_keyint_max = X264_KEYINT_MAX_INFINITE;
  p.i_keyint_min = 1;
  p.i_scenecut_threshold = 0;
  p.i_bframe = 0;
  p.rc.i_lookahead = 0;
  p.rc.b_mb_tree = 0;
  if (config.lossless) {
    // x264 codes every macroblock losslessly (transform bypass) when opened at QP 0, and only
    // then: the mode is chosen once, at open, for the whole session.
    p.rc.i_rc_method = X264_RC_CQP;
    p.rc.i_qp_constant = 0;
  } else if (config.uniform_quality) {
    // Constant QP. Every frame forces its own quantiser all the same (i_qpplus1), and x264 clamps
    // it to the range it derives from qp_constant and the I and B factors: these stretch that
    // range to the whole scale (no B-frames, and every I-frame's QP is forced too). QP 0 would
    // be lossless, so qp_constant is not.
    p.rc.i_rc_method = X264_RC_CQP;
    p.rc.i_qp_constant = 26;
    const int lowest = config.stitchable ? 1 : 0;
    // qp_min = (int) (26 - 6 log2 (ip)), qp_max = (int) (26 + 6 log2 (pb) + .999); the halves
    // keep float rounding from landing on the wrong side.
    p.rc.f_ip_factor = std::exp2f ((26 - lowest - 0.5f) / 6.0f);
    p.rc.f_pb_factor = std::exp2f ((kMaxQuality - 26 - 0.5f) / 6.0f);
    // The other modes' half-resolution motion search hands the full-resolution search its
    // vectors as starting points; without it ultrafast's diamond search (range 16) loses text
    // scrolling more than 16 px a frame (1080p at 32 px: 71 kB a frame instead of 13 kB).
    // x264's uneven multi-hexagon search over 24 px finds such motion from where it stands, and
    // costs little where the neighbours' vectors predict it: 12 kB at 32 px, 19 and 31 kB at 48
    // and 64 px where the CRF session needs 360 kB (bench/h264quality/x264_floor_bench.cpp).
    p.analyse.i_me_method = std::max (p.analyse.i_me_method, int (X264_ME_UMH));
    p.analyse.i_me_range = std::max (p.analyse.i_me_range, 24);
  } else {
    // Every frame forces its own quantiser (i_qpplus1), and macroblocks get offsets from it
    // (quant_offsets), which x264 applies through AQ only, and its CQP mode turns AQ off: CRF
    // it is. Its 25 never shows, and keeps x264 away from lossless mode, which 0 at open would
    // select.
    p.rc.i_rc_method = X264_RC_CRF;
    p.rc.f_rf_constant = 25;
    // Joined with a lossless session, QP 0 means lossless in the SPS both share.
    p.rc.i_qp_min = config.stitchable ? 1 : 0;
    p.rc.i_qp_max = kMaxQuality;
    // quant_offsets are ignored unless AQ is on, and x264 turns AQ off when its strength is 0
    // (validate_parameters), so presets without AQ get a strength too small to matter.
    if (p.rc.i_aq_mode == X264_AQ_NONE || p.rc.f_aq_strength <= 0.0f) {
      p.rc.i_aq_mode = X264_AQ_VARIANCE;
      p.rc.f_aq_strength = 0.001f;
    }
  }
  if (config.stitchable) {
    p.b_stitchable = 1;   // the PPS's initial QP is 26 whatever the rate control
    p.b_full_recon = 1;   // the reconstructed picture is complete after every frame
    // Without psy, x264 leaves the chroma QP offset at 0 in 4:4:4 (with it, +6), as a lossless
    // session does: the two then share one PPS. (libavcodec codes a 4:4:4 macroblock's chroma
    // losslessly only when its chroma QP is 0 too.) ultrafast's psy changes nothing else.
    p.analyse.b_psy = 0;
    if (config.chroma == Chroma::k444 && !config.lossless) {
      // The +6 x264 gives 4:4:4 chroma ("twice the resolution, half the quality") comes back as
      // a chroma scaling matrix of 32 (twice flat 16: one quantiser step doubling, 6 QP), which
      // lives in the SPS, not the PPS. Coloured text would otherwise cost ~20% more.
      p.i_cqm_preset = X264_CQM_CUSTOM;
      std::fill (std::begin (p.cqm_4iy), std::end (p.cqm_4iy), 16);
      std::fill (std::begin (p.cqm_4py), std::end (p.cqm_4py), 16);
      std::fill (std::begin (p.cqm_8iy), std::end (p.cqm_8iy), 16);
      std::fill (std::begin (p.cqm_8py), std::end (p.cqm_8py), 16);
      std::fill (std::begin (p.cqm_4ic), std::end (p.cqm_4ic), 32);
      std::fill (std::begin (p.cqm_4pc), std::end (p.cqm_4pc), 32);
      std::fill (std::begin (p.cqm_8ic), std::end (p.cqm_8ic), 32);
      std::fill (std::begin (p.cqm_8pc), std::end (p.cqm_8pc), 32);
    }
  }
  // mb_info skips need consecutive frames and no weighted prediction.
  p.analyse.b_mb_info = 1;
  p.analyse.b_mb_info_update = 0;
  p.analyse.i_weighted_pred = X264_WEIGHTP_NONE;
  // The colours libyuv converts with (BT.601, limited or full range), so decoders convert back
  // alike.
  p.vui.i_colorprim = 6;   // SMPTE 170M
  p.vui.i_transfer = 6;
  p.vui.i_colmatrix = 6;
  p.vui.b_fullrange = config.range == ColourRange::kFull;
  p.i_log_level = X264_LOG_WARNING;
  p.pf_log = LogToCallback;
  p.p_log_private = &session->config_;

  session->encoder_ = x264_encoder_open (&p);
  if (!session->encoder_) {
    *error = "x264_encoder_open failed (" + std::to_string (config.width) + "x" +
        std::to_string (config.height) + ", preset " + config.preset + ")";
    return nullptr;
  }
  x264_param_t actual;
  x264_encoder_parameters (session->encoder_, &actual);
  session->profile_ = ProfileName (actual);
  session->base_decimate_ = actual.analyse.b_dct_decimate;
  session->whole_pixel_prediction_ =
      actual.analyse.i_subpel_refine == 0 && !actual.b_deblocking_filter;
  return session;
}

X264Session::~X264Session ()
{
  if (encoder_)
    x264_encoder_close (encoder_);
}

int
X264Session::macroblock_count () const
{
  return ((config_.width + 15) / 16) * ((config_.height + 15) / 16);
}

// Switched with x264_encoder_reconfig, which applies to the next frame submitted (no
// lookahead, so the very frame that follows); b_dct_decimate is on x264's reconfigurable list.
bool
X264Session::SetKeepSmallCoefficients (bool keep)
{
  // A lossless session quantises nothing, so it has nothing to decimate; and
  // x264_encoder_reconfig would undo what opening at QP 0 set up.
  if (keep == keep_small_coefficients_ || config_.lossless)
    return true;
  x264_param_t p;
  x264_encoder_parameters (encoder_, &p);
  p.analyse.b_dct_decimate = keep ? 0 : base_decimate_;
  if (x264_encoder_reconfig (encoder_, &p) < 0)
    return false;
  keep_small_coefficients_ = keep;
  return true;
}

bool
X264Session::Encode (const uint8_t *const planes[3], const int strides[3], FrameRequest request,
    EncodedFrame *out)
{
  if (!SetKeepSmallCoefficients (request.keep_small_coefficients))
    return false;
  x264_picture_t pic;
  x264_picture_init (&pic);
  pic.img.i_csp = config_.chroma == Chroma::k444 ? X264_CSP_I444 : X264_CSP_I420;
  pic.img.i_plane = 3;
  for (int i = 0; i < 3; i++) {
    pic.img.plane[i] = const_cast<uint8_t *> (planes[i]);
    pic.img.i_stride[i] = strides[i];
  }
  pic.i_type = request.force_idr ? X264_TYPE_IDR : X264_TYPE_AUTO;
  // A lossless session codes at QP 0 only: a frame at any other QP would be coded losslessly
  // all the same, under a slice QP that tells the decoder otherwise.
  pic.i_qpplus1 = config_.lossless ? 1 : std::clamp (request.qp, 0, kMaxQuality) + 1;
  pic.i_pts = request.id;
  const size_t n_mbs = size_t (macroblock_count ());
  if (request.mb_info.size () == n_mbs) {
    pic.prop.mb_info = CopyForX264 (request.mb_info);
    pic.prop.mb_info_free = std::free;
  }
  if (request.quant_offsets.size () == n_mbs && !config_.lossless && !config_.uniform_quality) {
    pic.prop.quant_offsets = CopyForX264 (request.quant_offsets);
    pic.prop.quant_offsets_free = std::free;
  }
  x264_nal_t *nals = nullptr;
  int n_nals = 0;
  x264_picture_t pic_out;
  const int size = x264_encoder_encode (encoder_, &nals, &n_nals, &pic, &pic_out);
  if (size < 0)
    return false;
  last_qp_ = config_.lossless ? 0 : std::clamp (request.qp, 0, kMaxQuality);
  if (config_.stitchable && size > 0) {
    for (int i = 0; i < 3; i++) {
      recon_planes_[i] = i < pic_out.img.i_plane ? pic_out.img.plane[i] : nullptr;
      recon_strides_[i] = i < pic_out.img.i_plane ? pic_out.img.i_stride[i] : 0;
    }
  }
  return TakeOutput (size, nals, n_nals, &pic_out, out);
}

std::vector<uint8_t>
X264Session::Headers ()
{
  x264_nal_t *nals = nullptr;
  int n_nals = 0;
  const int size = x264_encoder_headers (encoder_, &nals, &n_nals);
  if (size <= 0 || n_nals == 0)
    return {};
  return std::vector<uint8_t> (nals[0].p_payload, nals[0].p_payload + size);
}

bool
X264Session::CopyReferenceFrom (const X264Session &other)
{
  // x264 keeps a border around each plane (PADH, PADV in x264's common/frame.h): 32 samples on
  // either side and 32 rows above and below (16 for NV12 chroma, half the rows), filled from
  // the edge samples (U,V pairs in NV12), for motion vectors that point outside the picture.
  // Its planes are coded in whole macroblocks, so the rows and columns up to the next multiple
  // of 16 are part of the picture the decoder has too.
  constexpr int kBorder = 32;
  if (!recon_planes_[0] || !other.recon_planes_[0] || other.config_.width != config_.width ||
      other.config_.height != config_.height || other.config_.chroma != config_.chroma)
    return false;
  const bool nv12 = config_.chroma == Chroma::k420;
  const int width = (config_.width + 15) & ~15;
  const int height = (config_.height + 15) & ~15;
  for (int p = 0; p < (nv12 ? 2 : 3); p++) {
    const bool pairs = nv12 && p == 1;
    const int rows = pairs ? height / 2 : height;
    const int border_rows = pairs ? kBorder / 2 : kBorder;
    const ptrdiff_t stride = recon_strides_[p];
    uint8_t *to = recon_planes_[p];
    for (int y = 0; y < rows; y++) {
      uint8_t *row = to + y * stride;
      std::memcpy (row, other.recon_planes_[p] + y * ptrdiff_t (other.recon_strides_[p]),
          size_t (width));
      if (pairs) {
        for (int x = 0; x < kBorder; x += 2) {
          std::memcpy (row - kBorder + x, row, 2);
          std::memcpy (row + width + x, row + width - 2, 2);
        }
      } else {
        std::memset (row - kBorder, row[0], kBorder);
        std::memset (row + width, row[width - 1], kBorder);
      }
    }
    const size_t padded = size_t (width + 2 * kBorder);
    for (int y = 1; y <= border_rows; y++) {
      std::memcpy (to - y * stride - kBorder, to - kBorder, padded);
      std::memcpy (to + (rows - 1 + y) * stride - kBorder, to + (rows - 1) * stride - kBorder,
          padded);
    }
  }
  return true;
}

int
X264Session::DelayedFrames () const
{
  return x264_encoder_delayed_frames (encoder_);
}

bool
X264Session::Flush (EncodedFrame *out)
{
  x264_nal_t *nals = nullptr;
  int n_nals = 0;
  x264_picture_t pic_out;
  const int size = x264_encoder_encode (encoder_, &nals, &n_nals, nullptr, &pic_out);
  if (size < 0)
    return false;
  return TakeOutput (size, nals, n_nals, &pic_out, out);
}

bool
X264Session::TakeOutput (int frame_size, void *nal_array, int n_nals, void *pic, EncodedFrame *out)
{
  auto *nals = static_cast<x264_nal_t *> (nal_array);
  auto *pic_out = static_cast<x264_picture_t *> (pic);
  *out = EncodedFrame{};
  if (frame_size == 0 || n_nals == 0)
    return true;
  // x264 lays a frame's NAL units out back to back in one buffer.
  out->data = nals[0].p_payload;
  out->size = size_t (frame_size);
  out->keyframe = pic_out->b_keyframe != 0;
  out->id = pic_out->i_pts;
  return true;
}

}  // namespace webdesk
