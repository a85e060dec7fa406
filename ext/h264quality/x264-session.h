// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: one open libx264 encoder, configured for screen content — constant
// quantiser chosen per frame, per-macroblock offsets and skips, infinite GOP, no B-frames, no
// lookahead, SPS/PPS on every IDR, annex-B. Knows nothing of GStreamer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "encoder-types.h"

typedef struct x264_t x264_t;

namespace webdesk {

struct SessionConfig {
  int width = 0;
  int height = 0;
  int fps_num = 60;  // only used for the VUI timing and x264's level choice
  int fps_den = 1;
  Chroma chroma = Chroma::k420;
  // The range the picture's YCbCr is in, written into the VUI so that decoders convert back
  // alike.
  ColourRange range = ColourRange::kLimited;
  std::string preset = "ultrafast";
  int threads = 0;  // 0 = x264 chooses
  // Every macroblock of every frame is coded losslessly (x264 opened at QP 0: its SPS has the
  // transform-bypass flag, and the quantiser of a frame is ignored).
  bool lossless = false;
  // For joining with other sessions into one stream (StitchedStream): the PPS's initial QP is
  // fixed (26) rather than taken from the rate control, no macroblock is coded at QP 0 (which
  // means lossless where the SPS has the bypass flag), and the reconstructed picture is kept for
  // CopyReferenceFrom.
  bool stitchable = false;
  // Every coded macroblock of a frame at the frame's quantiser: x264 runs in constant-QP mode,
  // which skips the per-frame work its other modes do whatever the quantiser (a half-resolution
  // copy of the picture, a motion search on it to estimate the frame's cost, and the adaptive
  // quantiser's energy of every macroblock): about 40% of a 1080p P-frame's encoding time. The
  // frame's `quant_offsets` are ignored then (x264 takes them in the other modes only).
  bool uniform_quality = false;
  // x264's warnings and errors; level is x264's (0 = error, 1 = warning, ...).
  std::function<void (int level, const std::string &message)> log;
};

struct FrameRequest {
  int qp = 25;                         // 0..51, forced for this frame
  bool force_idr = false;
  // Code every coded macroblock losslessly (StitchedStream; a lossy session codes at `qp`).
  bool lossless = false;
  // No coefficient decimation (x264 otherwise drops blocks with only a few small coefficients
  // from P-frames): for frames that refine an unchanged picture, whose residual is nothing but
  // such small coefficients. (Trellis would add ~1.5 dB there, but costs ~4x the encode time
  // of a refinement frame with CAVLC, and ~10x that of an IDR.)
  bool keep_small_coefficients = false;
  int64_t id = 0;                      // returned with the encoded frame
  std::vector<uint8_t> mb_info;        // empty or one per macroblock
  std::vector<float> quant_offsets;    // empty or one per macroblock
};

struct EncodedFrame {
  const uint8_t *data = nullptr;  // valid until the next Encode/Flush call
  size_t size = 0;
  bool keyframe = false;          // an IDR (with SPS and PPS in front)
  int64_t id = 0;
};

// What the element encodes with: one x264 session, or several joined (StitchedStream).
class StreamEncoder {
 public:
  virtual ~StreamEncoder () = default;
  // Encodes one picture (planes laid out for the stream's chroma). Returns false on an encoder
  // error; *out->size is 0 when a frame is held back (never with zerolatency).
  virtual bool Encode (const uint8_t *const planes[3], const int strides[3], FrameRequest request,
      EncodedFrame *out) = 0;
  // Frames still held; Flush returns them one by one.
  virtual int DelayedFrames () const = 0;
  virtual bool Flush (EncodedFrame *out) = 0;
  virtual const SessionConfig &config () const = 0;
  // H.264 profile as GStreamer names it: "high-4:4:4", "high", "main" or
  // "constrained-baseline" (ultrafast has neither CABAC nor 8x8 transforms).
  virtual const std::string &profile () const = 0;
  // Whether frames asking for `lossless` get it.
  virtual bool lossless () const { return false; }
};

class X264Session : public StreamEncoder {
 public:
  // Opens an encoder; on failure returns nullptr and says why in *error.
  static std::unique_ptr<X264Session> Open (const SessionConfig &config, std::string *error);
  ~X264Session ();
  X264Session (const X264Session &) = delete;
  X264Session &operator= (const X264Session &) = delete;

  bool Encode (const uint8_t *const planes[3], const int strides[3], FrameRequest request,
      EncodedFrame *out) override;
  int DelayedFrames () const override;
  bool Flush (EncodedFrame *out) override;

  // The session's SPS, PPS and SEI (annex B), as they precede an IDR.
  std::vector<uint8_t> Headers ();

  // Makes the picture `other` reconstructed last the reference of this session's next frame, as
  // if this session had coded it (both stitchable, same size, each having coded a frame). This
  // writes into x264's own reference picture, whose planes x264_encoder_encode hands out: libx264
  // has no call for it. Correct only where x264 predicts from those planes alone: whole-pixel
  // motion vectors (subme 0; 4:2:0 chroma, at half those, is interpolated from the chroma plane
  // as the decoder does) and no deblocking, which is the ultrafast preset (checked by
  // StitchedStream), and it fills the border x264 0.164 keeps around them.
  bool CopyReferenceFrom (const X264Session &other);
  // The last reconstructed picture (the decoder's), stitchable sessions only; null before the
  // first frame. Valid until the next Encode. x264 keeps 4:2:0 chroma as NV12: plane 1 holds U
  // and V interleaved (half the rows, the full width in bytes), and there is no plane 2.
  const uint8_t *reconstructed_plane (int i) const { return recon_planes_[i]; }
  int reconstructed_stride (int i) const { return recon_strides_[i]; }
  // Whether whole-pixel motion and no deblocking (CopyReferenceFrom is exact then).
  bool predicts_from_whole_pixels () const { return whole_pixel_prediction_; }
  // The quantiser of the last frame coded, or -1 before the first. x264 skips a macroblock marked
  // unchanged in mb_info without looking at it only where its quantiser is no finer than that
  // of the same macroblock in the session's last frame.
  int last_qp () const { return last_qp_; }

  const SessionConfig &config () const override { return config_; }
  const std::string &profile () const override { return profile_; }
  bool lossless () const override { return config_.lossless; }
  int macroblock_count () const;

 private:
  explicit X264Session (const SessionConfig &config) : config_ (config) {}
  bool TakeOutput (int frame_size, void *nals, int n_nals, void *pic_out, EncodedFrame *out);
  bool SetKeepSmallCoefficients (bool keep);

  SessionConfig config_;
  x264_t *encoder_ = nullptr;
  uint8_t *recon_planes_[3] = {nullptr, nullptr, nullptr};
  int recon_strides_[3] = {0, 0, 0};
  int last_qp_ = -1;
  bool whole_pixel_prediction_ = false;
  std::string profile_;
  bool keep_small_coefficients_ = false;
  int base_decimate_ = 1;
};

}  // namespace webdesk
