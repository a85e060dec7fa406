// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: one H.264 stream whose frames several x264 sessions code in turns, each the
// frames it codes best, with no keyframe between them:
// - uniform: frames whose every coded macroblock is at the frame's quantiser (full motion, a
//   refinement of the whole picture, damage at the motion quality with the rest unchanged).
//   x264 in constant-QP mode, which leaves out the per-frame work its other modes do (a
//   half-resolution motion search, the adaptive quantiser's energies): about 40% of a P-frame.
// - varied: frames with macroblocks at other quantisers (tiles at their own quality, unchanged
//   macroblocks kept at the worst quantiser so that x264 skips them): x264 in CRF mode with
//   adaptive quantisation, the only mode that takes per-macroblock offsets.
// - lossless (optional): the frames that make the picture final, coded losslessly. libx264
//   decides at open whether a whole session is lossless (opened at QP 0); H.264 allows it per
//   macroblock where the SPS has qpprime_y_zero_transform_bypass_flag (a macroblock at QP 0 is
//   coded losslessly, every other one as usual).
//
// The sessions are stitchable (the same PPS) and otherwise alike; the stream carries the lossy
// sessions' SPS, with the bypass flag set where there are lossless frames (its scaling
// matrices, which the lossless session has not, do not touch lossless macroblocks). Each
// session's next frame must predict from the picture the decoder has, which another session
// may have coded: before a session codes a frame after another, that one's reconstructed
// picture becomes its reference (X264Session::CopyReferenceFrom). frame_num, which each session
// counts for itself, is rewritten to the stream's count. The picture order count needs no care:
// without B-frames x264 derives it from frame_num (type 2).
//
// Needs zerolatency (no frame held back) and whole-pixel prediction without deblocking (the
// ultrafast preset), and 4:4:4 for lossless frames; Open says why when it cannot.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "x264-session.h"

namespace webdesk {

class StitchedStream : public StreamEncoder {
 public:
  // `lossless_frames`: frames asking for `lossless` get it (4:4:4 only).
  static std::unique_ptr<StitchedStream> Open (const SessionConfig &config, bool lossless_frames,
      std::string *error);

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
  const SessionConfig &config () const override { return uniform_->config (); }
  const std::string &profile () const override { return uniform_->profile (); }
  bool lossless () const override { return lossless_ != nullptr; }

  // The decoder's picture as the encoder has it (the last frame's reconstruction, coded
  // macroblock rows and columns included; 4:2:0 chroma as NV12, see X264Session), until the next
  // Encode.
  const uint8_t *reconstructed_plane (int i) const { return holder_->reconstructed_plane (i); }
  int reconstructed_stride (int i) const { return holder_->reconstructed_stride (i); }

  // Frames each session coded, for the tests and benchmarks.
  struct Counts {
    int uniform = 0, varied = 0, lossless = 0;
  };
  const Counts &counts () const { return counts_; }

 private:
  StitchedStream () = default;
  // Which session codes `request`.
  X264Session *Choose (const FrameRequest &request) const;

  std::unique_ptr<X264Session> uniform_;
  std::unique_ptr<X264Session> varied_;
  std::unique_ptr<X264Session> lossless_;
  const X264Session *holder_ = nullptr;  // coded the decoder's current picture
  std::vector<uint8_t> sps_;  // the lossy sessions', with the bypass flag set for lossless
  int log2_max_frame_num_ = 4;
  uint32_t frame_num_ = 0;    // the next frame's, in the stream
  Counts counts_;
  std::vector<uint8_t> out_;
};

}  // namespace webdesk
