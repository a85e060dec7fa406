// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: one H.264 High 4:4:4 Predictive stream whose frames are coded either lossy
// (motion, at the frame's quantiser) or losslessly (the frames that make the picture final),
// with no keyframe between them.
//
// H.264 allows it: where the SPS has qpprime_y_zero_transform_bypass_flag, a macroblock at QP 0
// is coded losslessly and every other one as usual. libx264 cannot: it decides at open whether
// the whole session is lossless (opened at QP 0) or not. So two sessions code the stream in
// turns: a lossy one (QP 1 at least) and a lossless one, both stitchable (the same PPS), with
// the same settings. The stream carries the lossy session's SPS with the bypass flag set (its
// scaling matrices, which the lossless session has not, do not touch lossless macroblocks). Each session's next frame must predict from the picture the decoder
// has, which the other session may have coded: before a session codes a frame after the other,
// the other's reconstructed picture becomes its reference (X264Session::CopyReferenceFrom).
// frame_num, which each session counts for itself, is rewritten to the stream's count. The
// picture order count needs no care: without B-frames x264 derives it from frame_num (type 2).
//
// Needs 4:4:4, zerolatency (no frame held back) and whole-pixel prediction without deblocking
// (the ultrafast preset); Open says why when it cannot.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "x264-session.h"

namespace webdesk {

class LosslessStream : public StreamEncoder {
 public:
  static std::unique_ptr<LosslessStream> Open (const SessionConfig &config, std::string *error);

  // A keyframe is always lossy (a lossless keyframe of moving content would be several times
  // larger); `request.lossless` codes a P-frame losslessly: its macroblocks not marked
  // unchanged in mb_info end exactly as the picture given.
  bool Encode (const uint8_t *const planes[3], const int strides[3], FrameRequest request,
      EncodedFrame *out) override;
  int DelayedFrames () const override { return 0; }
  bool Flush (EncodedFrame *out) override
  {
    *out = EncodedFrame{};
    return true;
  }
  const SessionConfig &config () const override { return lossy_->config (); }
  const std::string &profile () const override { return lossy_->profile (); }
  bool lossless () const override { return true; }

  // The decoder's picture as the encoder has it (the last frame's reconstruction, coded
  // macroblock rows and columns included), until the next Encode.
  const uint8_t *reconstructed_plane (int i) const { return holder ().reconstructed_plane (i); }
  int reconstructed_stride (int i) const { return holder ().reconstructed_stride (i); }

 private:
  const X264Session &holder () const { return lossless_holds_ ? *lossless_ : *lossy_; }

  LosslessStream () = default;

  std::unique_ptr<X264Session> lossy_;
  std::unique_ptr<X264Session> lossless_;
  std::vector<uint8_t> sps_;  // the lossy session's, with the bypass flag set
  int log2_max_frame_num_ = 4;
  bool started_ = false;
  uint32_t frame_num_ = 0;        // the next frame's, in the stream
  bool lossless_holds_ = false;   // the lossless session coded the decoder's current picture
  std::vector<uint8_t> out_;
};

}  // namespace webdesk
