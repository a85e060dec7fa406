// SPDX-License-Identifier: LGPL-2.1-or-later
// The paint-over state machine, driven by explicit running times (no clock, no pipeline).
#include <gtest/gtest.h>

#include <algorithm>

#include "paintover_scheduler.h"

namespace webdesk::paintover {
namespace {

constexpr uint64_t kMs = 1'000'000;
constexpr uint64_t kFrame = 16'666'667;  // 60 fps
constexpr uint64_t GstSecond () { return 1000 * kMs; }

// 256x128 in 64-px tiles: 4 x 2 tiles.
class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    settings_.motion_quality = 25;
    settings_.refine_quality = 18;
    settings_.refine_delay_ns = 150 * kMs;
    settings_.refine_frames = 3;
    settings_.burst_interval_ns = kFrame;
    // The settle delay and final-at-once have tests of their own (SettleTest below); these are
    // about the per-tile delay and bursts.
    settings_.settle_delay_ns = 0;
    settings_.final_at_once_tiles = 0;
    scheduler_.set_settings (settings_);
    scheduler_.Reset (TileGrid (256, 128, 64));
  }

  TileMask All () const { return TileMask (8, 1); }
  TileMask None () const { return TileMask (8, 0); }
  TileMask Only (std::initializer_list<int> tiles) const
  {
    TileMask m (8, 0);
    for (int t : tiles)
      m[size_t (t)] = 1;
    return m;
  }
  static std::vector<uint8_t> Map (std::initializer_list<uint8_t> q) { return q; }

  // Fires the timer whenever it is due until nothing is pending, collecting the frames.
  std::vector<Decision> RunTimerUntilIdle (uint64_t *now)
  {
    std::vector<Decision> out;
    for (int guard = 0; guard < 100; guard++) {
      const uint64_t next = scheduler_.NextRefineTime ();
      if (next == kNoTime)
        break;
      *now = next;
      Decision d = scheduler_.OnTimer (next);
      EXPECT_EQ (d.kind, FrameKind::kRefine) << "the timer fired at its own deadline";
      out.push_back (d);
    }
    return out;
  }

  SchedulerSettings settings_;
  PaintoverScheduler scheduler_;
};

constexpr uint8_t U = kTileUnchanged;

TEST_F (SchedulerTest, FirstFrameIsSentWholeAtMotionQuality)
{
  Decision d = scheduler_.OnFrame (0, None ());
  EXPECT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_EQ (d.quality, 25u);
  EXPECT_EQ (d.tile_quality, std::vector<uint8_t> (8, 25));
}

TEST_F (SchedulerTest, UnchangedFramesAreDropped)
{
  scheduler_.OnFrame (0, All ());
  for (int i = 1; i < 5; i++)
    EXPECT_EQ (scheduler_.OnFrame (i * kFrame, None ()).kind, FrameKind::kDrop);
}

TEST_F (SchedulerTest, OnlyChangedTilesAreMarkedForMotion)
{
  scheduler_.OnFrame (0, All ());
  Decision d = scheduler_.OnFrame (kFrame, Only ({1, 6}));
  EXPECT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_EQ (d.tile_quality, Map ({U, 25, U, U, U, U, 25, U}));
}

TEST_F (SchedulerTest, MotionThenStillThenBurstThenSilence)
{
  uint64_t now = 0;
  for (int i = 0; i < 10; i++, now += kFrame)
    ASSERT_EQ (scheduler_.OnFrame (now, All ()).kind, FrameKind::kMotion);
  const uint64_t last_motion = now - kFrame;

  // Still frames keep coming but are dropped; the refinement waits for the delay, in time.
  for (int i = 0; i < 5; i++, now += kFrame)
    EXPECT_EQ (scheduler_.OnFrame (now, None ()).kind, FrameKind::kDrop);
  EXPECT_EQ (scheduler_.NextRefineTime (), last_motion + 150 * kMs);
  EXPECT_EQ (scheduler_.OnTimer (last_motion + 149 * kMs).kind, FrameKind::kDrop);

  std::vector<Decision> burst = RunTimerUntilIdle (&now);
  ASSERT_EQ (burst.size (), 3u);
  for (size_t i = 0; i < burst.size (); i++) {
    EXPECT_EQ (burst[i].quality, 18u);
    EXPECT_EQ (burst[i].tile_quality, std::vector<uint8_t> (8, 18));
    EXPECT_EQ (burst[i].final, i == 2) << "only the last frame of the burst is final";
  }
  EXPECT_EQ (now, last_motion + 150 * kMs + 2 * kFrame) << "burst frames one frame apart";
  EXPECT_TRUE (scheduler_.IsFinal ());

  // Silence: a static picture costs nothing, whatever arrives and whenever the timer runs.
  EXPECT_EQ (scheduler_.NextRefineTime (), kNoTime);
  for (int i = 0; i < 120; i++, now += kFrame) {
    EXPECT_EQ (scheduler_.OnFrame (now, None ()).kind, FrameKind::kDrop);
    EXPECT_EQ (scheduler_.OnTimer (now).kind, FrameKind::kDrop);
  }
}

TEST_F (SchedulerTest, RefineDelayIsTimeNotFrameCount)
{
  scheduler_.OnFrame (0, All ());
  // 100 still frames within 100 ms (a fast source): still too early to refine.
  for (int i = 1; i <= 100; i++)
    EXPECT_EQ (scheduler_.OnFrame (i * kMs, None ()).kind, FrameKind::kDrop);
  EXPECT_EQ (scheduler_.OnTimer (100 * kMs).kind, FrameKind::kDrop);
  EXPECT_EQ (scheduler_.NextRefineTime (), 150 * kMs);
  EXPECT_EQ (scheduler_.OnTimer (150 * kMs).kind, FrameKind::kRefine);
}

TEST_F (SchedulerTest, TilesThatSettledFramesApartShareOneBurst)
{
  // The top row stops moving two frames before the bottom row.
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  now += kFrame;
  scheduler_.OnFrame (now, All ());
  now += 2 * kFrame;
  scheduler_.OnFrame (now, Only ({4, 5, 6, 7}));
  std::vector<Decision> burst = RunTimerUntilIdle (&now);
  ASSERT_EQ (burst.size (), 3u) << "one burst for the whole picture";
  for (const Decision &d : burst)
    EXPECT_EQ (d.tile_quality, std::vector<uint8_t> (8, 18));
  EXPECT_TRUE (burst.back ().final);
}

TEST_F (SchedulerTest, MotionDuringBurstCancelsItAndRestartsTheDelay)
{
  scheduler_.OnFrame (0, All ());
  uint64_t now = 150 * kMs;
  ASSERT_EQ (scheduler_.OnTimer (now).kind, FrameKind::kRefine);

  now += 5 * kMs;
  Decision motion = scheduler_.OnFrame (now, All ());
  EXPECT_EQ (motion.kind, FrameKind::kMotion);
  EXPECT_EQ (motion.tile_quality, std::vector<uint8_t> (8, 25));
  EXPECT_FALSE (scheduler_.IsFinal ());
  EXPECT_EQ (scheduler_.NextRefineTime (), now + 150 * kMs);
  EXPECT_EQ (scheduler_.OnTimer (now + kFrame).kind, FrameKind::kDrop) << "the burst is gone";

  std::vector<Decision> burst = RunTimerUntilIdle (&now);
  EXPECT_EQ (burst.size (), 3u) << "a full burst after the new delay";
  EXPECT_TRUE (burst.back ().final);
}

TEST_F (SchedulerTest, MotionInOneRegionDuringBurstCancelsOnlyThatRegion)
{
  scheduler_.OnFrame (0, All ());
  uint64_t now = 150 * kMs;
  ASSERT_EQ (scheduler_.OnTimer (now).kind, FrameKind::kRefine);

  // Tile 0 moves; the other tiles carry on with their burst inside this very frame.
  now += kFrame;
  Decision d = scheduler_.OnFrame (now, Only ({0}));
  EXPECT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_EQ (d.tile_quality, Map ({25, 18, 18, 18, 18, 18, 18, 18}));

  now += kFrame;
  Decision last = scheduler_.OnTimer (now);
  EXPECT_EQ (last.kind, FrameKind::kRefine);
  EXPECT_EQ (last.tile_quality, Map ({U, 18, 18, 18, 18, 18, 18, 18}));
  EXPECT_FALSE (last.final) << "tile 0 still waits for its own refinement";

  std::vector<Decision> rest = RunTimerUntilIdle (&now);
  ASSERT_EQ (rest.size (), 3u);
  for (const Decision &r : rest)
    EXPECT_EQ (r.tile_quality, Map ({18, U, U, U, U, U, U, U}));
  EXPECT_TRUE (rest.back ().final);
}

TEST_F (SchedulerTest, SettledRegionIsRefinedWhileAnotherRegionMoves)
{
  // Tiles 0 and 4 (the left column) play a video at 60 fps; the rest changed once, at 0.
  scheduler_.OnFrame (0, All ());
  std::vector<int> refined_in (8, 0);
  int refine_frames = 0;
  for (uint64_t now = kFrame; now < 1000 * kMs; now += kFrame) {
    // The timer is honoured too, whenever it falls before the next video frame.
    for (uint64_t next = scheduler_.NextRefineTime (); next < now;
         next = scheduler_.NextRefineTime ()) {
      Decision r = scheduler_.OnTimer (next);
      if (r.kind == FrameKind::kRefine) {
        refine_frames++;
        for (size_t t = 0; t < 8; t++)
          refined_in[t] += r.tile_quality[t] == 18;
      }
    }
    Decision d = scheduler_.OnFrame (now, Only ({0, 4}));
    ASSERT_EQ (d.kind, FrameKind::kMotion);
    EXPECT_EQ (d.tile_quality[0], 25);
    EXPECT_EQ (d.tile_quality[4], 25);
    for (size_t t = 0; t < 8; t++)
      refined_in[t] += d.tile_quality[t] == 18;
  }
  for (int t : {1, 2, 3, 5, 6, 7})
    EXPECT_EQ (refined_in[size_t (t)], 3) << "settled tile " << t << " refined fully";
  EXPECT_EQ (refined_in[0], 0);
  EXPECT_EQ (refined_in[4], 0);
  EXPECT_EQ (refine_frames, 0) << "the video's own frames carried the refinement";
}

TEST_F (SchedulerTest, BlinkingCaretDoesNotHoldBackTheRest)
{
  scheduler_.OnFrame (0, All ());
  // The caret (tile 5) blinks every 500 ms, starting at 100 ms.
  uint64_t now = 100 * kMs;
  scheduler_.OnFrame (now, Only ({5}));

  // At 150 ms everything but the caret is refined, in refinement frames of its own.
  EXPECT_EQ (scheduler_.NextRefineTime (), 150 * kMs);
  for (int i = 0; i < 3; i++) {
    now = scheduler_.NextRefineTime ();
    Decision d = scheduler_.OnTimer (now);
    ASSERT_EQ (d.kind, FrameKind::kRefine);
    EXPECT_EQ (d.tile_quality, Map ({18, 18, 18, 18, 18, U, 18, 18}));
    EXPECT_FALSE (d.final);
  }
  // Then the caret's own short burst, and the picture is final.
  std::vector<Decision> caret = RunTimerUntilIdle (&now);
  ASSERT_EQ (caret.size (), 3u);
  EXPECT_EQ (caret[0].tile_quality, Map ({U, U, U, U, U, 18, U, U}));
  EXPECT_TRUE (caret.back ().final);

  // The next blink refines only the caret again.
  now = 600 * kMs;
  EXPECT_EQ (scheduler_.OnFrame (now, Only ({5})).tile_quality, Map ({U, U, U, U, U, 25, U, U}));
  std::vector<Decision> again = RunTimerUntilIdle (&now);
  ASSERT_EQ (again.size (), 3u);
  EXPECT_EQ (again[0].tile_quality, Map ({U, U, U, U, U, 18, U, U}));
}

// A keystroke just after the page went still must not wait for the whole page's refinement to
// be encoded with it: a motion frame refines an eighth of the picture at most (the tiles due
// longest first), the rest follows.
TEST_F (SchedulerTest, AMotionFrameCarriesOnlyAShareOfTheRefinement)
{
  scheduler_.Reset (TileGrid (1920, 1088, 64));  // 30 x 17 = 510 tiles
  const size_t n = scheduler_.grid ().count ();
  TileMask all (n, 1), caret (n, 0);
  caret[0] = 1;
  scheduler_.OnFrame (0, all);
  const uint64_t now = 200 * kMs;  // the page has been still for longer than the delay
  Decision d = scheduler_.OnFrame (now, caret);
  ASSERT_EQ (d.kind, FrameKind::kMotion);
  const auto refined = std::count (d.tile_quality.begin (), d.tile_quality.end (), 18);
  EXPECT_EQ (size_t (refined), n / 8);
  EXPECT_EQ (d.tile_quality[0], 25);
  // The timer refines what is left at once.
  EXPECT_EQ (scheduler_.NextRefineTime (), now + kFrame);
  Decision rest = scheduler_.OnTimer (now + kFrame);
  ASSERT_EQ (rest.kind, FrameKind::kRefine);
  EXPECT_EQ (size_t (std::count (rest.tile_quality.begin (), rest.tile_quality.end (), 18)),
      n - 1) << "every still tile, also those refined once already, has passes left";
}

TEST_F (SchedulerTest, NothingIsEmittedForAStaticPictureAfterItsBurst)
{
  scheduler_.OnFrame (0, All ());
  uint64_t now = 0;
  ASSERT_EQ (RunTimerUntilIdle (&now).size (), 3u);
  int sent = 0;
  for (uint64_t t = now; t < now + 10'000 * kMs; t += kFrame) {
    sent += scheduler_.OnFrame (t, None ()).kind != FrameKind::kDrop;
    sent += scheduler_.OnTimer (t).kind != FrameKind::kDrop;
  }
  EXPECT_EQ (sent, 0);
  EXPECT_EQ (scheduler_.NextRefineTime (), kNoTime);
}

TEST_F (SchedulerTest, NoRefinementWhenRefineQualityIsNotBetter)
{
  settings_.refine_quality = 25;
  scheduler_.set_settings (settings_);
  scheduler_.OnFrame (0, All ());
  EXPECT_EQ (scheduler_.NextRefineTime (), kNoTime);
  EXPECT_TRUE (scheduler_.IsFinal ());
}

TEST_F (SchedulerTest, ZeroRefineFramesMeansMotionOnly)
{
  settings_.refine_frames = 0;
  scheduler_.set_settings (settings_);
  scheduler_.OnFrame (0, All ());
  EXPECT_EQ (scheduler_.NextRefineTime (), kNoTime);
}

TEST_F (SchedulerTest, SettingsChangesApplyToLaterDecisions)
{
  scheduler_.OnFrame (0, All ());
  settings_.refine_delay_ns = 500 * kMs;
  settings_.refine_quality = 10;
  settings_.motion_quality = 30;
  scheduler_.set_settings (settings_);
  Decision d = scheduler_.OnFrame (10 * kMs, Only ({0}));
  EXPECT_EQ (d.quality, 30u);
  EXPECT_EQ (d.tile_quality[0], 30);
  uint64_t now = 0;
  std::vector<Decision> burst = RunTimerUntilIdle (&now);
  ASSERT_FALSE (burst.empty ());
  EXPECT_EQ (burst[0].quality, 10u);
  EXPECT_EQ (burst[0].tile_quality[1], 10) << "tile 1 kept the delay it had (150 ms)";
  EXPECT_EQ (burst[0].tile_quality[0], U);
}

TEST_F (SchedulerTest, RefreshRequestOnAStillPictureRefinesEverythingAtOnce)
{
  scheduler_.OnFrame (0, All ());
  uint64_t now = 0;
  RunTimerUntilIdle (&now);
  ASSERT_TRUE (scheduler_.IsFinal ());

  now += 5000 * kMs;
  scheduler_.RequestRefresh (now);
  EXPECT_EQ (scheduler_.NextRefineTime (), now) << "a joining viewer does not wait";
  std::vector<Decision> burst = RunTimerUntilIdle (&now);
  ASSERT_EQ (burst.size (), 4u) << "the keyframe, then the three passes of the burst";
  EXPECT_EQ (burst[0].tile_quality, std::vector<uint8_t> (8, 18));
  EXPECT_TRUE (burst.back ().final);
}

TEST_F (SchedulerTest, ResetSendsTheNextFrameWhole)
{
  scheduler_.OnFrame (0, All ());
  scheduler_.Reset (TileGrid (128, 64, 64));
  Decision d = scheduler_.OnFrame (kFrame, TileMask (2, 0));
  EXPECT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_EQ (d.tile_quality, Map ({25, 25}));
}

TEST_F (SchedulerTest, TimeNeverGoesBackwards)
{
  scheduler_.OnFrame (500 * kMs, All ());
  // A frame stamped earlier than what was seen counts as "now", so the delay still holds.
  EXPECT_EQ (scheduler_.OnFrame (100 * kMs, Only ({0})).at, 500 * kMs);
  EXPECT_EQ (scheduler_.NextRefineTime (), 650 * kMs);
  EXPECT_EQ (scheduler_.OnTimer (700 * kMs).at, 700 * kMs);
}

// Pacing: while the viewers are behind (SetHeld), frames are decided but not sent; once they
// caught up, one frame carries everything that changed meanwhile.

TEST_F (SchedulerTest, HeldFramesAreKeptAndOneMotionFrameCarriesTheirUnion)
{
  scheduler_.OnFrame (0, All ());
  scheduler_.SetHeld (true);
  EXPECT_EQ (scheduler_.OnFrame (kFrame, Only ({1})).kind, FrameKind::kHeld);
  EXPECT_EQ (scheduler_.OnFrame (2 * kFrame, Only ({1, 6})).kind, FrameKind::kHeld);
  EXPECT_EQ (scheduler_.OnFrame (3 * kFrame, None ()).kind, FrameKind::kDrop);
  EXPECT_TRUE (scheduler_.HasKept ());
  EXPECT_EQ (scheduler_.CatchUp (4 * kFrame).kind, FrameKind::kDrop) << "still held";

  scheduler_.SetHeld (false);
  EXPECT_EQ (scheduler_.NextRefineTime (), 4 * kFrame) << "due at once (the latest time seen)";
  Decision d = scheduler_.CatchUp (4 * kFrame);
  EXPECT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_EQ (d.quality, 25u);
  EXPECT_EQ (d.kept, Only ({1, 6})) << "the union, not the whole picture";
  EXPECT_EQ (d.tile_quality, Map ({U, 25, U, U, U, U, 25, U}));
  EXPECT_FALSE (scheduler_.HasKept ());
  EXPECT_EQ (scheduler_.CatchUp (5 * kFrame).kind, FrameKind::kDrop) << "sent once";
}

TEST_F (SchedulerTest, RefinementDueWhileHeldIsPostponedNotLost)
{
  scheduler_.OnFrame (0, All ());
  scheduler_.SetHeld (true);
  EXPECT_EQ (scheduler_.NextRefineTime (), kNoTime);
  EXPECT_EQ (scheduler_.OnTimer (500 * kMs).kind, FrameKind::kDrop);

  scheduler_.SetHeld (false);
  EXPECT_EQ (scheduler_.CatchUp (600 * kMs).kind, FrameKind::kDrop) << "nothing changed";
  EXPECT_EQ (scheduler_.NextRefineTime (), 150 * kMs) << "due since 150 ms: at once";
  uint64_t now = 0;
  std::vector<Decision> burst = RunTimerUntilIdle (&now);
  ASSERT_EQ (burst.size (), 3u) << "every pass";
  EXPECT_EQ (burst[0].at, 600 * kMs);
  EXPECT_EQ (burst[0].tile_quality, std::vector<uint8_t> (8, 18));
  EXPECT_TRUE (burst.back ().final);
}

TEST_F (SchedulerTest, MotionWhileHeldRestartsTheDelayAndSpendsNoRefinement)
{
  scheduler_.OnFrame (0, All ());
  scheduler_.SetHeld (true);
  // At 160 ms the other tiles are due, but a frame that is not sent refines nothing.
  EXPECT_EQ (scheduler_.OnFrame (160 * kMs, Only ({0})).kind, FrameKind::kHeld);
  scheduler_.SetHeld (false);
  Decision d = scheduler_.CatchUp (200 * kMs);
  ASSERT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_EQ (d.tile_quality, Map ({25, 18, 18, 18, 18, 18, 18, 18}))
      << "the still tiles' first pass rides on it, as on any motion frame";
  uint64_t now = 200 * kMs;
  std::vector<Decision> burst = RunTimerUntilIdle (&now);
  ASSERT_EQ (burst.size (), 5u);
  EXPECT_EQ (burst[0].tile_quality, Map ({U, 18, 18, 18, 18, 18, 18, 18}));
  EXPECT_EQ (burst[2].tile_quality, Map ({18, U, U, U, U, U, U, U}));
  EXPECT_EQ (burst[2].at, 350 * kMs) << "the kept tile counts as moved when it was sent";
  EXPECT_TRUE (burst.back ().final);
}

TEST_F (SchedulerTest, AFrameAfterTheHoldCarriesTheKeptTilesToo)
{
  scheduler_.OnFrame (0, All ());
  scheduler_.SetHeld (true);
  scheduler_.OnFrame (kFrame, Only ({1}));
  scheduler_.SetHeld (false);
  Decision d = scheduler_.OnFrame (2 * kFrame, Only ({2}));
  EXPECT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_EQ (d.kept, Only ({1}));
  EXPECT_EQ (d.tile_quality, Map ({U, 25, 25, U, U, U, U, U}));
  EXPECT_FALSE (scheduler_.HasKept ());
}

TEST_F (SchedulerTest, ARefreshGoesOutWhileHeldAndCarriesTheKeptTiles)
{
  scheduler_.OnFrame (0, All ());
  uint64_t now = 0;
  RunTimerUntilIdle (&now);
  scheduler_.SetHeld (true);
  scheduler_.OnFrame (GstSecond (), Only ({3}));
  scheduler_.RequestRefresh (2 * GstSecond ());
  EXPECT_EQ (scheduler_.NextRefineTime (), 2 * GstSecond ()) << "a keyframe does not wait";
  Decision d = scheduler_.OnTimer (2 * GstSecond ());
  EXPECT_EQ (d.kind, FrameKind::kRefine);
  EXPECT_EQ (d.kept, Only ({3})) << "the newest picture goes out: its damage covers them";
  EXPECT_FALSE (scheduler_.HasKept ());
  EXPECT_EQ (scheduler_.NextRefineTime (), kNoTime) << "the other passes wait for the hold";
}

TEST_F (SchedulerTest, AHoldOutlivesANewStreamWhoseFirstFrameIsKeptWhole)
{
  scheduler_.SetHeld (true);
  scheduler_.Reset (TileGrid (256, 128, 64));
  EXPECT_EQ (scheduler_.OnFrame (0, None ()).kind, FrameKind::kHeld);
  scheduler_.SetHeld (false);
  Decision d = scheduler_.CatchUp (kFrame);
  EXPECT_EQ (d.tile_quality, std::vector<uint8_t> (8, 25));
}

}  // namespace

// The defaults: one refinement pass, the settle delay and final-at-once on.
class SettleTest : public SchedulerTest {
 protected:
  void SetUp () override
  {
    SchedulerTest::SetUp ();
    settings_ = SchedulerSettings{};
    settings_.burst_interval_ns = kFrame;
    scheduler_.set_settings (settings_);
  }
  // Frames at `interval` changing `tiles`, from `*now` on; leaves *now at the last one.
  void Move (uint64_t *now, uint64_t interval, int frames, const TileMask &tiles)
  {
    for (int i = 0; i < frames; i++) {
      *now += interval;
      ASSERT_EQ (scheduler_.OnFrame (*now, tiles).kind, FrameKind::kMotion);
    }
  }
};

TEST_F (SettleTest, OnceTheMotionStopsEverythingIsRefinedAfterTheSettleDelayInOneFrame)
{
  EXPECT_EQ (settings_.refine_frames, 1u);
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  Move (&now, kFrame, 30, All ());  // scrolling at 60 fps
  const uint64_t last_motion = now;
  // Three frame intervals (50 ms), not refine_delay (150 ms).
  EXPECT_EQ (scheduler_.NextRefineTime (), last_motion + 3 * kFrame);
  auto burst = RunTimerUntilIdle (&now);
  ASSERT_EQ (burst.size (), 1u);
  EXPECT_TRUE (burst[0].final);
  EXPECT_EQ (burst[0].tile_quality, std::vector<uint8_t> (8, 18));
}

TEST_F (SettleTest, TheSettleDelayFollowsTheCadenceOfTheMotionThatStopped)
{
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  Move (&now, 33 * kMs, 10, All ());  // a 30 fps animation
  EXPECT_EQ (scheduler_.NextRefineTime (), now + 99 * kMs);
  // A frame late by 60 ms is no stop: nothing is refined before it comes.
  EXPECT_EQ (scheduler_.OnTimer (now + 60 * kMs).kind, FrameKind::kDrop);
  Move (&now, 60 * kMs, 1, All ());
  EXPECT_GT (scheduler_.NextRefineTime (), now + 60 * kMs);
}

TEST_F (SettleTest, TheSettleDelayIsNeverLongerThanTheRefineDelay)
{
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  Move (&now, 120 * kMs, 5, All ());  // slow changes: 3 x 120 ms would be 360 ms
  EXPECT_EQ (scheduler_.NextRefineTime (), now + settings_.refine_delay_ns);
}

TEST_F (SettleTest, AStillRegionBesideOneThatMovesWaitsForItsRefineDelay)
{
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  // Tile 0 keeps moving; the others were still from the start: refined once, in the first
  // motion frame within a quarter of refine_delay of their delay's end, not at the settle
  // delay (the picture never stopped).
  std::vector<int> refining;
  for (int i = 1; i <= 12; i++) {
    now = uint64_t (i) * kFrame;
    Decision d = scheduler_.OnFrame (now, Only ({0}));
    if (std::count (d.tile_quality.begin (), d.tile_quality.end (), 18) == 7)
      refining.push_back (i);
  }
  EXPECT_EQ (refining, std::vector<int> ({7}));  // 117 ms: 150 ms less a quarter
}

TEST_F (SettleTest, ASmallChangeToAStillPictureIsFinalAtOnce)
{
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  RunTimerUntilIdle (&now);
  now += 500 * kMs;  // a typed character
  Decision d = scheduler_.OnFrame (now, Only ({5}));
  EXPECT_EQ (d.kind, FrameKind::kMotion);
  EXPECT_TRUE (d.final_at_once);
  EXPECT_TRUE (d.final);
  EXPECT_EQ (d.tile_quality, Map ({U, U, U, U, U, 18, U, U}));
  EXPECT_EQ (scheduler_.NextRefineTime (), kNoTime) << "nothing to refine after it";
  // The next character 120 ms later: final at once too (typing is no animation).
  now += 120 * kMs;
  EXPECT_TRUE (scheduler_.OnFrame (now, Only ({5, 6})).final_at_once);
}

TEST_F (SettleTest, AnAnimatedTileOrABigChangeIsMotion)
{
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  RunTimerUntilIdle (&now);
  now += 500 * kMs;
  EXPECT_TRUE (scheduler_.OnFrame (now, Only ({2})).final_at_once);
  // The same tile again a frame later: an animation (a spinner), not a keystroke.
  now += kFrame;
  Decision d = scheduler_.OnFrame (now, Only ({2}));
  EXPECT_FALSE (d.final_at_once);
  EXPECT_EQ (d.tile_quality[2], 25);
  // Five tiles at once, still before: more than final_at_once_tiles (4).
  now += 500 * kMs;
  RunTimerUntilIdle (&now);
  now += 500 * kMs;
  EXPECT_FALSE (scheduler_.OnFrame (now, Only ({0, 1, 3, 4, 7})).final_at_once);
}

TEST_F (SettleTest, FinalAtOnceNeedsRefinementAndAPicture)
{
  uint64_t now = 0;
  EXPECT_FALSE (scheduler_.OnFrame (now, Only ({1})).final_at_once);  // the first frame is whole
  settings_.refine_quality = 25;  // no better than motion: no refinement, nothing final
  scheduler_.set_settings (settings_);
  now += 500 * kMs;
  EXPECT_FALSE (scheduler_.OnFrame (now, Only ({1})).final_at_once);
}

TEST_F (SettleTest, AViewerJoiningAStillPictureGetsTheKeyframeThenTheOneRefinement)
{
  // The keyframe (coded as named, lossy) must not use up the one refinement pass: a joining
  // viewer's picture ends final too (it did not, once refine-frames was 1).
  uint64_t now = 0;
  scheduler_.OnFrame (now, All ());
  RunTimerUntilIdle (&now);
  now += 5000 * kMs;
  scheduler_.RequestRefresh (now);
  std::vector<Decision> frames = RunTimerUntilIdle (&now);
  ASSERT_EQ (frames.size (), 2u);
  EXPECT_FALSE (frames[0].final);
  EXPECT_TRUE (frames[1].final);
}

}  // namespace webdesk::paintover
