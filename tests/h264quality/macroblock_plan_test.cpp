// SPDX-License-Identifier: GPL-2.0-or-later
// The per-macroblock plan: damage -> conversion and skips, tile map -> QP offsets.
#include <gtest/gtest.h>

#include "macroblock-plan.h"

using namespace webdesk;

namespace {

FrameFacts
Facts (int width, int height, int quality)
{
  FrameFacts f;
  f.width = width;
  f.height = height;
  f.quality = quality;
  return f;
}

int
CountConstant (const FramePlan &plan)
{
  int n = 0;
  for (uint8_t v : plan.mb_info)
    n += v == kMacroblockConstant;
  return n;
}

}  // namespace

TEST (MacroblockPlan, WithoutDamageMetaEverythingIsConvertedAndCoded)
{
  FramePlan plan = PlanFrame (Facts (64, 48, 25));
  ASSERT_EQ (plan.convert.size (), 1u);
  EXPECT_EQ (plan.convert[0].width, 64);
  EXPECT_EQ (plan.convert[0].height, 48);
  EXPECT_TRUE (plan.mb_info.empty ());
  EXPECT_TRUE (plan.quant_offsets.empty ());
  EXPECT_EQ (plan.coded_macroblocks, 12);
  EXPECT_EQ (plan.qp, 25);
}

TEST (MacroblockPlan, NothingChangedSkipsEveryMacroblockAtTheWorstQuantiser)
{
  FrameFacts f = Facts (64, 48, 20);
  f.damage_known = true;
  FramePlan plan = PlanFrame (f);
  EXPECT_TRUE (plan.convert.empty ());
  ASSERT_EQ (plan.mb_info.size (), 12u);
  EXPECT_EQ (CountConstant (plan), 12);
  ASSERT_EQ (plan.quant_offsets.size (), 12u);
  for (float o : plan.quant_offsets)
    EXPECT_FLOAT_EQ (o, 51 - 20);  // skipped whatever QP the reference had
  EXPECT_EQ (plan.coded_macroblocks, 0);
}

TEST (MacroblockPlan, DamageCodesOnlyTheMacroblocksItTouches)
{
  FrameFacts f = Facts (64, 64, 25);
  f.damage_known = true;
  f.damage = {Rect{17, 3, 5, 5}};  // inside macroblock (1, 0)
  FramePlan plan = PlanFrame (f);
  ASSERT_EQ (plan.mb_info.size (), 16u);
  for (int mb = 0; mb < 16; mb++)
    EXPECT_EQ (plan.mb_info[mb], mb == 1 ? 0 : kMacroblockConstant) << "macroblock " << mb;
  EXPECT_FLOAT_EQ (plan.quant_offsets[1], 0.0f);
  // Converted area grows to even pixels (4:2:0 chroma covers 2x2 pixels).
  ASSERT_EQ (plan.convert.size (), 1u);
  EXPECT_EQ (plan.convert[0].x, 16);
  EXPECT_EQ (plan.convert[0].y, 2);
  EXPECT_EQ (plan.convert[0].width, 6);
  EXPECT_EQ (plan.convert[0].height, 6);
}

TEST (MacroblockPlan, DamageStraddlingMacroblocksMarksAllOfThem)
{
  FrameFacts f = Facts (64, 64, 25);
  f.damage_known = true;
  f.damage = {Rect{14, 14, 4, 4}};  // corners of macroblocks 0, 1, 4, 5
  FramePlan plan = PlanFrame (f);
  EXPECT_EQ (plan.coded_macroblocks, 4);
  for (int mb : {0, 1, 4, 5})
    EXPECT_EQ (plan.mb_info[mb], 0);
}

TEST (MacroblockPlan, RectanglesOutsideThePictureAreClippedOrDropped)
{
  FrameFacts f = Facts (64, 64, 25);
  f.damage_known = true;
  f.damage = {Rect{-5, 60, 100, 10}, Rect{80, 80, 10, 10}};
  FramePlan plan = PlanFrame (f);
  ASSERT_EQ (plan.convert.size (), 1u);
  EXPECT_EQ (plan.convert[0].x, 0);
  EXPECT_EQ (plan.convert[0].y, 60);
  EXPECT_EQ (plan.convert[0].width, 64);
  EXPECT_EQ (plan.convert[0].height, 4);
  EXPECT_EQ (plan.coded_macroblocks, 4);  // the bottom row
}

TEST (MacroblockPlan, RefineWithoutTileMapReencodesEverythingWithoutConverting)
{
  FrameFacts f = Facts (64, 48, 18);
  f.refine = true;
  f.damage_known = true;  // 0 rectangles: the pixels did not change
  FramePlan plan = PlanFrame (f);
  EXPECT_TRUE (plan.convert.empty ());
  EXPECT_TRUE (plan.mb_info.empty ());
  EXPECT_TRUE (plan.quant_offsets.empty ());
  EXPECT_EQ (plan.coded_macroblocks, 12);
  EXPECT_EQ (plan.refined_macroblocks, 12);
  // Refinement goes below the named quality (a P-frame at it would end short of an IDR at it).
  EXPECT_EQ (plan.qp, 18 - kRefineQualityDrop);
}

TEST (MacroblockPlan, RefineKeyframeIsCodedAtTheNamedQuality)
{
  FrameFacts f = Facts (64, 48, 18);
  f.refine = true;
  f.keyframe = true;
  f.damage_known = true;
  FramePlan plan = PlanFrame (f);
  EXPECT_EQ (plan.qp, 18);
  EXPECT_EQ (plan.refined_macroblocks, 0);
  EXPECT_EQ (plan.coded_macroblocks, 12);
}

TEST (MacroblockPlan, RefineTileMapReencodesNamedTilesAndSkipsTheRest)
{
  // 64x64 picture, 32-pixel tiles (2x2 macroblocks each): refine tiles 0 and 3.
  const uint8_t tiles[4] = {18, kTileUnchanged, kTileUnchanged, 18};
  FrameFacts f = Facts (64, 64, 18);
  f.refine = true;
  f.damage_known = true;
  f.tiles = TileMap{32, 2, 2, tiles};
  FramePlan plan = PlanFrame (f);
  ASSERT_EQ (plan.mb_info.size (), 16u);
  for (int my = 0; my < 4; my++) {
    for (int mx = 0; mx < 4; mx++) {
      const int tile = (my / 2) * 2 + mx / 2;
      const bool refined = tile == 0 || tile == 3;
      EXPECT_EQ (plan.mb_info[my * 4 + mx], refined ? 0 : kMacroblockConstant);
    }
  }
  EXPECT_EQ (plan.coded_macroblocks, 8);
  EXPECT_EQ (plan.refined_macroblocks, 8);
  EXPECT_EQ (plan.qp, 18 - kRefineQualityDrop);
  ASSERT_EQ (plan.quant_offsets.size (), 16u);
  EXPECT_FLOAT_EQ (plan.quant_offsets[0], 0.0f);
}

TEST (MacroblockPlan, TileQualitiesBecomeOffsetsFromTheFrameQuality)
{
  // Motion at 30 in tile 0, tile 1 settled and refined at 18, tiles 2-3 untouched.
  const uint8_t tiles[4] = {30, 18, kTileUnchanged, kTileUnchanged};
  FrameFacts f = Facts (64, 64, 30);
  f.damage_known = true;
  f.damage = {Rect{0, 0, 32, 32}};
  f.tiles = TileMap{32, 2, 2, tiles};
  FramePlan plan = PlanFrame (f);
  ASSERT_EQ (plan.quant_offsets.size (), 16u);
  EXPECT_FLOAT_EQ (plan.quant_offsets[0], 0.0f);     // tile 0, motion quality
  // Tile 1, refined at 18 while tile 0 moves: coded as refinement, below 18.
  EXPECT_FLOAT_EQ (plan.quant_offsets[2], float (18 - kRefineQualityDrop - 30));
  EXPECT_EQ (plan.mb_info[2], 0);                    // refined although not damaged
  EXPECT_EQ (plan.mb_info[8], kMacroblockConstant);  // tile 2 untouched
  EXPECT_FLOAT_EQ (plan.quant_offsets[8], 51.0f - 30.0f);
  EXPECT_EQ (plan.refined_macroblocks, 4);           // tile 1's macroblocks
}

TEST (MacroblockPlan, ChangedPixelsInABetterTileAreCodedFinal)
{
  // Tile 0 asks for 18 in a frame at 30 and its pixels changed (a small change the scheduler
  // wants final at once): coded as a refined tile is, so it ends where a refinement would.
  const uint8_t tiles[1] = {18};
  FrameFacts f = Facts (32, 32, 30);
  f.damage_known = true;
  f.damage = {Rect{0, 0, 16, 16}};
  f.tiles = TileMap{32, 1, 1, tiles};
  FramePlan plan = PlanFrame (f);
  ASSERT_EQ (plan.quant_offsets.size (), 4u);
  EXPECT_FLOAT_EQ (plan.quant_offsets[0], float (18 - kRefineQualityDrop - 30));
  EXPECT_FLOAT_EQ (plan.quant_offsets[1], float (18 - kRefineQualityDrop - 30));
  EXPECT_EQ (plan.refined_macroblocks, 4);
  EXPECT_TRUE (plan.AllCodedFinal ());
}

TEST (MacroblockPlan, AFrameIsAllFinalOnlyWhenEveryCodedMacroblockIs)
{
  // Tile 0 moves at the frame's quality, tile 1 is refined: not all final.
  const uint8_t mixed[2] = {30, 18};
  FrameFacts f = Facts (64, 32, 30);
  f.damage_known = true;
  f.damage = {Rect{0, 0, 16, 16}};
  f.tiles = TileMap{32, 2, 1, mixed};
  EXPECT_FALSE (PlanFrame (f).AllCodedFinal ());
  // A REFINE frame is; a keyframe never; a frame that codes nothing is not.
  f.refine = true;
  f.damage.clear ();
  EXPECT_TRUE (PlanFrame (f).AllCodedFinal ());
  f.keyframe = true;
  EXPECT_FALSE (PlanFrame (f).AllCodedFinal ());
  const uint8_t none[2] = {kTileUnchanged, kTileUnchanged};
  f.keyframe = false;
  f.refine = false;
  f.tiles = TileMap{32, 2, 1, none};
  EXPECT_FALSE (PlanFrame (f).AllCodedFinal ());
}

TEST (MacroblockPlan, DamageInAnUnchangedTileIsStillCoded)
{
  const uint8_t tiles[1] = {kTileUnchanged};
  FrameFacts f = Facts (32, 32, 25);
  f.damage_known = true;
  f.damage = {Rect{0, 0, 4, 4}};
  f.tiles = TileMap{32, 1, 1, tiles};
  FramePlan plan = PlanFrame (f);
  EXPECT_EQ (plan.mb_info[0], 0);
  EXPECT_FLOAT_EQ (plan.quant_offsets[0], 0.0f);
  EXPECT_EQ (plan.mb_info[1], kMacroblockConstant);
}

TEST (MacroblockPlan, KeyframeCodesEveryMacroblockButConvertsOnlyDamage)
{
  const uint8_t tiles[1] = {kTileUnchanged};
  FrameFacts f = Facts (32, 32, 25);
  f.keyframe = true;
  f.damage_known = true;
  f.tiles = TileMap{32, 1, 1, tiles};
  FramePlan plan = PlanFrame (f);
  EXPECT_TRUE (plan.mb_info.empty ());
  EXPECT_TRUE (plan.quant_offsets.empty ());  // unchanged tiles at the frame quality
  EXPECT_TRUE (plan.convert.empty ());
  EXPECT_EQ (plan.coded_macroblocks, 4);
}

TEST (MacroblockPlan, StalePictureIsConvertedWhole)
{
  FrameFacts f = Facts (64, 48, 25);
  f.damage_known = true;
  f.picture_stale = true;
  FramePlan plan = PlanFrame (f);
  ASSERT_EQ (plan.convert.size (), 1u);
  EXPECT_EQ (plan.convert[0].width, 64);
  EXPECT_TRUE (plan.mb_info.empty ());
}

TEST (MacroblockPlan, PartialMacroblocksAtTheEdgesCount)
{
  FramePlan plan = PlanFrame (Facts (100, 50, 25));
  EXPECT_EQ (plan.coded_macroblocks, 7 * 4);
}

TEST (MacroblockPlan, QualityIsClampedToTheH264Range)
{
  EXPECT_EQ (PlanFrame (Facts (16, 16, 99)).qp, 51);
  EXPECT_EQ (PlanFrame (Facts (16, 16, -3)).qp, 0);
  const uint8_t tiles[1] = {60};
  FrameFacts f = Facts (16, 16, 40);
  f.tiles = TileMap{16, 1, 1, tiles};
  EXPECT_FLOAT_EQ (PlanFrame (f).quant_offsets[0], 11.0f);
}

TEST (MacroblockPlan, AMotionFrameWithFinalTilesSplitsIntoMotionThenTheFinalOnesAlone)
{
  // Tile 0 moves at 30, tile 1 is refined at 18, tiles 2-3 untouched (32-px tiles, 64x64).
  const uint8_t tiles[4] = {30, 18, kTileUnchanged, kTileUnchanged};
  FrameFacts f = Facts (64, 64, 30);
  f.damage_known = true;
  f.damage = {Rect{0, 0, 32, 32}};
  f.tiles = TileMap{32, 2, 2, tiles};
  const FramePlan plan = PlanFrame (f);
  ASSERT_TRUE (plan.MixesFinal ());
  ASSERT_EQ (plan.final_macroblocks.size (), 16u);
  const SplitPlan split = SplitFinal (plan);
  // The motion: tile 0's four macroblocks coded, everything else skipped.
  EXPECT_EQ (split.motion.coded_macroblocks, 4);
  EXPECT_EQ (split.motion.refined_macroblocks, 0);
  EXPECT_FALSE (split.motion.MixesFinal ());
  EXPECT_EQ (split.motion.mb_info[0], 0);
  EXPECT_EQ (split.motion.mb_info[2], kMacroblockConstant);  // tile 1, final: not here
  EXPECT_FLOAT_EQ (split.motion.quant_offsets[2], 51.0f - 30.0f);
  // The final part: tile 1's four macroblocks alone, every one final.
  EXPECT_EQ (split.final.coded_macroblocks, 4);
  EXPECT_TRUE (split.final.AllCodedFinal ());
  EXPECT_EQ (split.final.mb_info[2], 0);
  EXPECT_EQ (split.final.mb_info[0], kMacroblockConstant);
  EXPECT_EQ (split.final.mb_info[8], kMacroblockConstant);
  EXPECT_TRUE (split.final.quant_offsets.empty ());
  // Frames that are all motion or all final are not split.
  f.refine = true;
  f.damage.clear ();
  EXPECT_FALSE (PlanFrame (f).MixesFinal ());
}
