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
  std::string preset = "ultrafast";
  int threads = 0;  // 0 = x264 chooses
  // x264's warnings and errors; level is x264's (0 = error, 1 = warning, ...).
  std::function<void (int level, const std::string &message)> log;
};

struct FrameRequest {
  int qp = 25;                         // 0..51, forced for this frame
  bool force_idr = false;
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

class X264Session {
 public:
  // Opens an encoder; on failure returns nullptr and says why in *error.
  static std::unique_ptr<X264Session> Open (const SessionConfig &config, std::string *error);
  ~X264Session ();
  X264Session (const X264Session &) = delete;
  X264Session &operator= (const X264Session &) = delete;

  // Encodes one picture (planes laid out for the session's chroma). Returns false on an
  // encoder error; *out->size is 0 when x264 held the frame back (never with zerolatency).
  bool Encode (const uint8_t *const planes[3], const int strides[3], FrameRequest request,
      EncodedFrame *out);
  // Frames x264 still holds; Flush returns them one by one.
  int DelayedFrames () const;
  bool Flush (EncodedFrame *out);

  const SessionConfig &config () const { return config_; }
  // H.264 profile as GStreamer names it: "high-4:4:4", "high", "main" or
  // "constrained-baseline" (ultrafast has neither CABAC nor 8x8 transforms).
  const std::string &profile () const { return profile_; }
  int macroblock_count () const;

 private:
  explicit X264Session (const SessionConfig &config) : config_ (config) {}
  bool TakeOutput (int frame_size, void *nals, int n_nals, void *pic_out, EncodedFrame *out);
  bool SetKeepSmallCoefficients (bool keep);

  SessionConfig config_;
  x264_t *encoder_ = nullptr;
  std::string profile_;
  bool keep_small_coefficients_ = false;
  int base_decimate_ = 1;
};

}  // namespace webdesk
