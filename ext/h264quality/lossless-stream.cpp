// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: a stream of lossy and lossless frames from two x264 sessions. See
// lossless-stream.h.
#include "lossless-stream.h"

#include "h264-nal.h"

namespace webdesk {

namespace {

const NalUnit *
FindNal (const std::vector<NalUnit> &nals, int type)
{
  for (const NalUnit &nal : nals)
    if (nal.type () == type)
      return &nal;
  return nullptr;
}

}  // namespace

std::unique_ptr<LosslessStream>
LosslessStream::Open (const SessionConfig &config, std::string *error)
{
  if (config.chroma != Chroma::k444) {
    *error = "lossless frames need 4:4:4 (H.264 High 4:4:4 Predictive)";
    return nullptr;
  }
  std::unique_ptr<LosslessStream> stream (new LosslessStream ());
  SessionConfig lossy = config;
  lossy.stitchable = true;
  lossy.lossless = false;
  SessionConfig lossless = lossy;
  lossless.lossless = true;
  stream->lossy_ = X264Session::Open (lossy, error);
  if (!stream->lossy_)
    return nullptr;
  if (!stream->lossy_->predicts_from_whole_pixels ()) {
    *error = "lossless frames need speed-preset=ultrafast (whole-pixel motion, no deblocking); "
             "preset " + config.preset + " has sub-pixel motion or deblocking";
    return nullptr;
  }
  stream->lossless_ = X264Session::Open (lossless, error);
  if (!stream->lossless_)
    return nullptr;

  const std::vector<uint8_t> lossy_headers = stream->lossy_->Headers ();
  const std::vector<uint8_t> lossless_headers = stream->lossless_->Headers ();
  const std::vector<NalUnit> a = SplitAnnexB (lossy_headers.data (), lossy_headers.size ());
  const std::vector<NalUnit> b = SplitAnnexB (lossless_headers.data (), lossless_headers.size ());
  const NalUnit *sps_a = FindNal (a, kNalSps), *sps_b = FindNal (b, kNalSps);
  const NalUnit *pps_a = FindNal (a, kNalPps), *pps_b = FindNal (b, kNalPps);
  if (!sps_a || !sps_b || !pps_a || !pps_b) {
    *error = "x264 gave no parameter sets";
    return nullptr;
  }
  // The stream carries the lossy session's SPS (its chroma scaling matrix, see X264Session)
  // with the bypass flag set; the lossless session's slices parse alike under it, and its
  // macroblocks (transform bypass) do not scale anything.
  // The same holds for its PPS (which x264 writes the scaling matrices into), and the chroma QP
  // offset must agree: libavcodec codes a 4:4:4 macroblock's chroma losslessly only at chroma
  // QP 0.
  stream->sps_ = WithTransformBypass (*sps_a);
  const SpsFacts facts = ParseSps (NalToRbsp (stream->sps_.data (), stream->sps_.size ()));
  if (!facts.transform_bypass ||
      !SameSliceSyntax (facts, ParseSps (NalToRbsp (sps_b->data, sps_b->size))) ||
      !SameSliceSyntax (ParsePps (NalToRbsp (pps_a->data, pps_a->size), facts.chroma_format_idc),
          ParsePps (NalToRbsp (pps_b->data, pps_b->size), facts.chroma_format_idc))) {
    *error = "the lossy and the lossless x264 sessions do not code one stream";
    return nullptr;
  }
  if (facts.pic_order_cnt_type != 2) {
    *error = "x264 counts pictures in the slice headers (B-frames?)";
    return nullptr;
  }
  stream->log2_max_frame_num_ = facts.log2_max_frame_num;

  // The lossless session needs a reference picture of its own before it can code a P-frame
  // (whose reference is then replaced): a grey keyframe, thrown away.
  const int stride = (config.width + 63) & ~63;
  std::vector<uint8_t> grey (size_t (stride) * config.height, 128);
  const uint8_t *planes[3] = {grey.data (), grey.data (), grey.data ()};
  const int strides[3] = {stride, stride, stride};
  FrameRequest prime;
  prime.force_idr = true;
  prime.id = -1;
  EncodedFrame ignored;
  if (!stream->lossless_->Encode (planes, strides, prime, &ignored) || ignored.size == 0) {
    *error = "the lossless x264 session did not code its first frame";
    return nullptr;
  }
  return stream;
}

bool
LosslessStream::Encode (const uint8_t *const planes[3], const int strides[3],
    FrameRequest request, EncodedFrame *out)
{
  *out = EncodedFrame{};
  if (request.force_idr || !started_) {
    request.force_idr = true;
    request.lossless = false;
  }
  X264Session *session = request.lossless ? lossless_.get () : lossy_.get ();
  X264Session *other = request.lossless ? lossy_.get () : lossless_.get ();
  // The decoder's picture is the one the other session coded last: predict from it.
  if (!request.force_idr && lossless_holds_ != request.lossless &&
      !session->CopyReferenceFrom (*other))
    return false;

  EncodedFrame coded;
  if (!session->Encode (planes, strides, std::move (request), &coded))
    return false;
  if (coded.size == 0)
    return true;

  out_.clear ();
  if (coded.keyframe) {
    // The keyframe's SPS is the lossless session's, so that later lossless frames are valid.
    for (const NalUnit &nal : SplitAnnexB (coded.data, coded.size)) {
      if (nal.type () == kNalSps)
        AppendNal (sps_.data (), sps_.size (), &out_);
      else
        AppendNal (nal.data, nal.size, &out_);
    }
    frame_num_ = 1;
  } else {
    // Parameter sets come with keyframes only (a lossless session's IDR never goes out).
    if (!RewriteFrameNum (coded.data, coded.size, log2_max_frame_num_, frame_num_,
            {kNalSps, kNalPps, kNalSei}, &out_))
      return false;
    frame_num_ = (frame_num_ + 1) & ((1u << log2_max_frame_num_) - 1);
  }
  started_ = true;
  lossless_holds_ = session == lossless_.get ();
  out->data = out_.data ();
  out->size = out_.size ();
  out->keyframe = coded.keyframe;
  out->id = coded.id;
  return true;
}

}  // namespace webdesk
