// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: a stream of frames from several x264 sessions. See stitched-stream.h.
#include "stitched-stream.h"

#include "h264-nal.h"
#include "macroblock-plan.h"

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

// Whether `b`'s slices parse as `a`'s do under `a`'s SPS and PPS.
bool
CodesAlike (X264Session &a, X264Session &b)
{
  const std::vector<uint8_t> ha = a.Headers (), hb = b.Headers ();
  const std::vector<NalUnit> na = SplitAnnexB (ha.data (), ha.size ());
  const std::vector<NalUnit> nb = SplitAnnexB (hb.data (), hb.size ());
  const NalUnit *sps_a = FindNal (na, kNalSps), *sps_b = FindNal (nb, kNalSps);
  const NalUnit *pps_a = FindNal (na, kNalPps), *pps_b = FindNal (nb, kNalPps);
  if (!sps_a || !sps_b || !pps_a || !pps_b)
    return false;
  const SpsFacts fa = ParseSps (NalToRbsp (sps_a->data, sps_a->size));
  return SameSliceSyntax (fa, ParseSps (NalToRbsp (sps_b->data, sps_b->size))) &&
      SameSliceSyntax (ParsePps (NalToRbsp (pps_a->data, pps_a->size), fa.chroma_format_idc),
          ParsePps (NalToRbsp (pps_b->data, pps_b->size), fa.chroma_format_idc));
}

// A grey keyframe and a P-frame, thrown away: a session needs a reference picture of its own
// before it can code a P-frame (whose reference is then replaced), and x264 allocates the
// pictures a P-frame needs on the first one. Fresh memory, written for the first time (the kernel
// clearing pages), made the first lossless final frame of a 1080p 4:4:4 stream take 15-81 ms
// instead of 13 ms, after the motion had stopped; now it is paid at open.
bool
Prime (X264Session &session, int width, int height)
{
  const int stride = (width + 63) & ~63;
  std::vector<uint8_t> grey (size_t (stride) * height, 128);
  const uint8_t *planes[3] = {grey.data (), grey.data (), grey.data ()};
  const int strides[3] = {stride, stride, stride};
  for (int i = 0; i < 2; i++) {
    FrameRequest prime;
    prime.force_idr = i == 0;
    prime.id = -1;
    EncodedFrame ignored;
    if (!session.Encode (planes, strides, prime, &ignored) || ignored.size == 0)
      return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<StitchedStream>
StitchedStream::Open (const SessionConfig &config, bool lossless_frames, std::string *error)
{
  if (lossless_frames && config.chroma != Chroma::k444) {
    *error = "lossless frames need 4:4:4 (H.264 High 4:4:4 Predictive)";
    return nullptr;
  }
  std::unique_ptr<StitchedStream> stream (new StitchedStream ());
  SessionConfig uniform = config;
  uniform.stitchable = true;
  uniform.lossless = false;
  uniform.uniform_quality = true;
  SessionConfig varied = uniform;
  varied.uniform_quality = false;
  SessionConfig lossless = varied;
  lossless.lossless = true;
  stream->uniform_ = X264Session::Open (uniform, error);
  if (!stream->uniform_)
    return nullptr;
  if (!stream->uniform_->predicts_from_whole_pixels ()) {
    *error = "joining x264 sessions needs speed-preset=ultrafast (whole-pixel motion, no "
             "deblocking); preset " + config.preset + " has sub-pixel motion or deblocking";
    return nullptr;
  }
  stream->varied_ = X264Session::Open (varied, error);
  if (!stream->varied_)
    return nullptr;
  if (lossless_frames) {
    stream->lossless_ = X264Session::Open (lossless, error);
    if (!stream->lossless_)
      return nullptr;
  }
  if (!CodesAlike (*stream->uniform_, *stream->varied_) ||
      (stream->lossless_ && !CodesAlike (*stream->uniform_, *stream->lossless_))) {
    *error = "the x264 sessions do not code one stream";
    return nullptr;
  }

  // The stream's SPS: the lossy sessions' (its chroma scaling matrix, see X264Session), with
  // the bypass flag set where there are lossless frames; the lossless session's slices parse
  // alike under it, and its macroblocks (transform bypass) do not scale anything.
  const std::vector<uint8_t> headers = stream->uniform_->Headers ();
  const std::vector<NalUnit> nals = SplitAnnexB (headers.data (), headers.size ());
  const NalUnit *sps = FindNal (nals, kNalSps);
  stream->sps_ = lossless_frames ? WithTransformBypass (*sps)
                                 : std::vector<uint8_t> (sps->data, sps->data + sps->size);
  const SpsFacts facts = ParseSps (NalToRbsp (stream->sps_.data (), stream->sps_.size ()));
  if (facts.transform_bypass != lossless_frames) {
    *error = "could not set the SPS's transform-bypass flag";
    return nullptr;
  }
  if (facts.pic_order_cnt_type != 2) {
    *error = "x264 counts pictures in the slice headers (B-frames?)";
    return nullptr;
  }
  stream->log2_max_frame_num_ = facts.log2_max_frame_num;

  for (X264Session *session :
       {stream->uniform_.get (), stream->varied_.get (), stream->lossless_.get ()}) {
    if (session && !Prime (*session, config.width, config.height)) {
      *error = "an x264 session did not code its first frame";
      return nullptr;
    }
  }
  return stream;
}

X264Session *
StitchedStream::Choose (const FrameRequest &request) const
{
  if (request.lossless && lossless_ && !request.force_idr)
    return lossless_.get ();
  // Offsets on coded macroblocks: only the varied session takes them.
  const size_t n = request.quant_offsets.size ();
  const bool have_info = request.mb_info.size () == n;
  for (size_t mb = 0; mb < n; mb++)
    if (request.quant_offsets[mb] != 0.0f &&
        !(have_info && (request.mb_info[mb] & kMacroblockConstant)))
      return varied_.get ();
  // Macroblocks marked unchanged: x264 skips them unseen only where the frame's quantiser is no
  // finer than that of its own last frame (X264Session::last_qp); otherwise it would code them
  // again, finer. The varied session's offsets put them at the worst quantiser.
  bool any_unchanged = false;
  for (uint8_t info : request.mb_info)
    any_unchanged |= (info & kMacroblockConstant) != 0;
  if (any_unchanged && request.qp < uniform_->last_qp ())
    return varied_.get ();
  return uniform_.get ();
}

bool
StitchedStream::Encode (const uint8_t *const planes[3], const int strides[3],
    FrameRequest request, EncodedFrame *out)
{
  *out = EncodedFrame{};
  if (request.force_idr || !holder_) {
    request.force_idr = true;
    request.lossless = false;
  }
  X264Session *session = Choose (request);
  // The decoder's picture is the one another session may have coded last: predict from it.
  if (!request.force_idr && holder_ != session && !session->CopyReferenceFrom (*holder_))
    return false;

  EncodedFrame coded;
  if (!session->Encode (planes, strides, std::move (request), &coded))
    return false;
  if (coded.size == 0)
    return true;

  out_.clear ();
  if (coded.keyframe) {
    // The stream's SPS in front of every keyframe, so that lossless frames are valid later.
    for (const NalUnit &nal : SplitAnnexB (coded.data, coded.size)) {
      if (nal.type () == kNalSps)
        AppendNal (sps_.data (), sps_.size (), &out_);
      else
        AppendNal (nal.data, nal.size, &out_);
    }
    frame_num_ = 1;
  } else {
    // Parameter sets come with keyframes only (a primed session's IDR never goes out).
    if (!RewriteFrameNum (coded.data, coded.size, log2_max_frame_num_, frame_num_,
            {kNalSps, kNalPps, kNalSei}, &out_))
      return false;
    frame_num_ = (frame_num_ + 1) & ((1u << log2_max_frame_num_) - 1);
  }
  holder_ = session;
  if (session == uniform_.get ())
    counts_.uniform++;
  else if (session == varied_.get ())
    counts_.varied++;
  else
    counts_.lossless++;
  out->data = out_.data ();
  out->size = out_.size ();
  out->keyframe = coded.keyframe;
  out->id = coded.id;
  return true;
}

}  // namespace webdesk
