// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: the per-macroblock plan of a frame. See macroblock-plan.h.
#include "macroblock-plan.h"

#include <algorithm>

namespace webdesk {

namespace {

constexpr int kMacroblock = 16;

// Clips to the picture and grows outwards to even coordinates; returns false when empty.
bool
ClipAndAlign (const Rect &r, int width, int height, Rect *out)
{
  int x0 = std::max (r.x, 0);
  int y0 = std::max (r.y, 0);
  int x1 = std::min (r.x + r.width, width);
  int y1 = std::min (r.y + r.height, height);
  if (x1 <= x0 || y1 <= y0)
    return false;
  x0 &= ~1;
  y0 &= ~1;
  x1 = std::min ((x1 + 1) & ~1, width);
  y1 = std::min ((y1 + 1) & ~1, height);
  *out = Rect{x0, y0, x1 - x0, y1 - y0};
  return true;
}

}  // namespace

int
ClampQuality (int quality)
{
  return std::clamp (quality, 0, kMaxQuality);
}

FramePlan
PlanFrame (const FrameFacts &facts)
{
  FramePlan plan;
  plan.keyframe = facts.keyframe;
  // A REFINE frame's macroblocks are all refinement: its own quantiser drops with them, so that
  // without a tile map no offsets are needed.
  const bool refine_frame = facts.refine && !facts.keyframe;
  plan.qp = ClampQuality (refine_frame ? facts.quality - kRefineQualityDrop : facts.quality);
  const int mbs_x = (facts.width + kMacroblock - 1) / kMacroblock;
  const int mbs_y = (facts.height + kMacroblock - 1) / kMacroblock;
  const size_t n_mbs = size_t (mbs_x) * mbs_y;

  // Which macroblocks hold changed pixels, and what to convert.
  const bool everything_changed = !facts.damage_known || facts.picture_stale;
  std::vector<uint8_t> damaged (n_mbs, everything_changed ? 1 : 0);
  if (everything_changed) {
    plan.convert.push_back (Rect{0, 0, facts.width, facts.height});
  } else {
    for (const Rect &r : facts.damage) {
      Rect c;
      if (!ClipAndAlign (r, facts.width, facts.height, &c))
        continue;
      plan.convert.push_back (c);
      for (int my = c.y / kMacroblock; my <= (c.y + c.height - 1) / kMacroblock; my++)
        for (int mx = c.x / kMacroblock; mx <= (c.x + c.width - 1) / kMacroblock; mx++)
          damaged[size_t (my) * mbs_x + mx] = 1;
    }
  }

  const TileMap &tiles = facts.tiles;
  const bool have_tiles = tiles.tile_size > 0 && tiles.quality && tiles.tiles_x > 0 &&
      tiles.tiles_y > 0;
  std::vector<uint8_t> mb_info (n_mbs, 0);
  std::vector<float> offsets (n_mbs, 0.0f);
  std::vector<uint8_t> finals (n_mbs, 0);
  bool any_constant = false, any_offset = false;

  for (int my = 0; my < mbs_y; my++) {
    for (int mx = 0; mx < mbs_x; mx++) {
      const size_t mb = size_t (my) * mbs_x + mx;
      int tile = -1;  // -1: no map here
      if (have_tiles) {
        const int tx = std::min (mx * kMacroblock / tiles.tile_size, tiles.tiles_x - 1);
        const int ty = std::min (my * kMacroblock / tiles.tile_size, tiles.tiles_y - 1);
        tile = tiles.quality[size_t (ty) * tiles.tiles_x + tx];
      }
      bool skip;
      bool refinement = false;
      int quality = plan.qp;
      if (facts.keyframe) {
        skip = false;
        if (tile >= 0 && tile != kTileUnchanged)
          quality = ClampQuality (tile);
      } else if (tile >= 0) {
        // The map decides; damage the map missed is coded at the frame's quality.
        skip = tile == kTileUnchanged && !damaged[mb];
        if (tile != kTileUnchanged) {
          refinement = facts.refine || tile < facts.quality;
          quality = ClampQuality (refinement ? tile - kRefineQualityDrop : tile);
        }
      } else {
        skip = !facts.refine && !damaged[mb];
        refinement = facts.refine;
      }
      if (skip) {
        mb_info[mb] = kMacroblockConstant;
        offsets[mb] = float (kMaxQuality - plan.qp);
        any_constant = true;
        plan.skipped_macroblocks++;
      } else {
        offsets[mb] = float (quality - plan.qp);
        plan.coded_macroblocks++;
        plan.refined_macroblocks += refinement;
        finals[mb] = refinement;
      }
      if (offsets[mb] != 0.0f)
        any_offset = true;
    }
  }
  if (any_constant)
    plan.mb_info = std::move (mb_info);
  if (any_offset)
    plan.quant_offsets = std::move (offsets);
  if (plan.MixesFinal ())
    plan.final_macroblocks = std::move (finals);
  return plan;
}

SplitPlan
SplitFinal (const FramePlan &plan)
{
  SplitPlan split;
  const size_t n_mbs = plan.final_macroblocks.size ();
  split.motion = plan;
  split.motion.final_macroblocks.clear ();
  split.motion.refined_macroblocks = 0;
  split.motion.mb_info.resize (n_mbs, 0);
  split.motion.quant_offsets.resize (n_mbs, 0.0f);
  split.final.qp = plan.qp;
  split.final.mb_info.assign (n_mbs, kMacroblockConstant);
  for (size_t mb = 0; mb < n_mbs; mb++) {
    if (!plan.final_macroblocks[mb])
      continue;
    split.motion.mb_info[mb] = kMacroblockConstant;
    split.motion.quant_offsets[mb] = float (kMaxQuality - plan.qp);
    split.motion.coded_macroblocks--;
    split.motion.skipped_macroblocks++;
    split.final.mb_info[mb] = 0;
    split.final.coded_macroblocks++;
  }
  split.final.refined_macroblocks = split.final.coded_macroblocks;
  split.final.skipped_macroblocks = int (n_mbs) - split.final.coded_macroblocks;
  return split;
}

}  // namespace webdesk
