// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: what to do with every 16x16 macroblock of a frame, from the damage
// rectangles and the quality meta's tile map — which pixels to convert, which macroblocks x264
// may skip (mb_info CONSTANT), and the per-macroblock QP offsets (quant_offsets).
#pragma once

#include <cstdint>
#include <vector>

#include "encoder-types.h"

namespace webdesk {

// A per-tile quality map (the quality meta's), row-major, values 0..51 or kTileUnchanged.
struct TileMap {
  int tile_size = 0;  // pixels, a multiple of 16; 0 = no map
  int tiles_x = 0;
  int tiles_y = 0;
  const uint8_t *quality = nullptr;
};

struct FrameFacts {
  int width = 0;
  int height = 0;
  int quality = 25;              // the frame's target quality (meta or property), 0..51
  bool refine = false;           // paint-over frame: the picture did not change
  bool damage_known = false;     // a damage meta was present
  std::vector<Rect> damage;      // what changed (when damage_known); empty = nothing
  TileMap tiles;                 // optional
  bool keyframe = false;         // this frame will be an IDR: every macroblock is coded
  bool picture_stale = false;    // the persistent picture holds nothing valid yet
};

struct FramePlan {
  int qp = 25;
  // Regions to convert into the persistent picture, clipped and aligned to even pixels
  // (a 4:2:0 chroma sample covers 2x2 pixels).
  std::vector<Rect> convert;
  // One entry per macroblock, or empty when no macroblock is marked.
  std::vector<uint8_t> mb_info;
  // One entry per macroblock, or empty when every offset is zero.
  std::vector<float> quant_offsets;
  int skipped_macroblocks = 0;  // marked CONSTANT
  int coded_macroblocks = 0;
  // Coded macroblocks that are to be final (see kRefineQualityDrop): those of a REFINE frame,
  // and in other frames those of tiles whose quality is better than the frame's, changed or
  // not (the still tiles paintoverscheduler refines while others move, and a small change it
  // wants final at once). When there are any, the frame is coded without coefficient
  // decimation, moving macroblocks included.
  int refined_macroblocks = 0;

  // Every coded macroblock is final (and some are coded, and it is not a keyframe): the frame
  // can be coded losslessly as a whole (StitchedStream).
  bool AllCodedFinal () const
  {
    return coded_macroblocks > 0 && refined_macroblocks == coded_macroblocks && !keyframe;
  }
  // Some coded macroblocks are final and some not (a motion frame carrying refinement): the
  // final ones can be coded losslessly in a frame of their own (SplitFinal).
  bool MixesFinal () const
  {
    return refined_macroblocks > 0 && refined_macroblocks < coded_macroblocks && !keyframe;
  }
  bool keyframe = false;
  // Per macroblock, 1 where final; only when MixesFinal ().
  std::vector<uint8_t> final_macroblocks;
};

// x264's mb_info value for "this macroblock did not change" (X264_MBINFO_CONSTANT).
constexpr uint8_t kMacroblockConstant = 1;

// How many QP steps below its named quality a refinement macroblock is coded. x264 quantises
// inter residuals with a wider deadzone than intra blocks, so a P-frame that re-codes an
// unchanged picture at QP q stops short of an IDR at q (about 1 dB on text), and passes at the
// same QP add nothing once the first has been sent. Five steps lower (x264's CRF lowers the
// QP of still frames much the same way) ends a refinement about 4 dB above an IDR at q for
// roughly half its bytes.
constexpr int kRefineQualityDrop = 5;

// Plans one frame. Unchanged macroblocks are marked CONSTANT and given the worst quantiser:
// x264 only skips a CONSTANT macroblock when the reference's QP there is no lower than the
// current one, so the highest QP makes the skip unconditional, and a macroblock it still
// codes (a forced zero-vector block) adds nothing at QP 51.
// Final macroblocks (refined_macroblocks) are those of a REFINE frame, and in other frames
// those of tiles whose quality is better than the frame's; they are coded at their quality minus
// kRefineQualityDrop, so a tile ends at the same quality whether it was refined after it
// settled or made final the moment it changed. An IDR is coded as named (intra blocks reach the
// quality without help).
FramePlan PlanFrame (const FrameFacts &facts);

// A frame that MixesFinal as two: first the motion, its final macroblocks skipped (unchanged at
// the worst quantiser), then the final macroblocks alone, every other one skipped, for a lossless
// frame (no offsets: it has one quantiser). The second frame follows the first at once, so the
// final macroblocks the first leaves stale are never seen for long.
struct SplitPlan {
  FramePlan motion;
  FramePlan final;
};
SplitPlan SplitFinal (const FramePlan &plan);

// Clamps a quality to 0..51.
int ClampQuality (int quality);

}  // namespace webdesk
