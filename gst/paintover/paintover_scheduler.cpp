// SPDX-License-Identifier: LGPL-2.1-or-later
#include "paintover_scheduler.h"

#include <algorithm>

namespace webdesk::paintover {

PaintoverScheduler::PaintoverScheduler (const SchedulerSettings &settings) : settings_ (settings)
{
}

void
PaintoverScheduler::Reset (const TileGrid &grid)
{
  grid_ = grid;
  tiles_.assign (size_t (grid.count ()), Tile {});
  has_picture_ = false;
  last_output_ = kNoTime;
  latest_ = 0;
  last_change_ = kNoTime;
  intervals_.clear ();
  kept_.clear ();
  refresh_ = false;
}

bool
PaintoverScheduler::RefineEnabled () const
{
  return settings_.refine_frames > 0 && settings_.refine_quality < settings_.motion_quality;
}

unsigned
PaintoverScheduler::RefineQuality () const
{
  return std::min (settings_.refine_quality, settings_.motion_quality);
}

bool
PaintoverScheduler::IsDue (const Tile &tile, uint64_t now, bool settled) const
{
  // Tiles that settled a few frames apart share one burst: a tile joins when its delay is
  // nearly over, rather than starting a burst of its own a frame or two later.
  const uint64_t window = settings_.refine_delay_ns / 4;
  return tile.refines_left > 0 && (tile.due <= now || tile.due - now <= window || settled);
}

uint64_t
PaintoverScheduler::SettleDelay () const
{
  if (settings_.settle_delay_ns == 0)
    return kNoTime;
  uint64_t delay = settings_.settle_delay_ns;
  if (!intervals_.empty ()) {
    std::vector<uint64_t> sorted = intervals_;
    std::nth_element (sorted.begin (), sorted.begin () + sorted.size () / 2, sorted.end ());
    delay = std::max (delay, 3 * sorted[sorted.size () / 2]);
  }
  return std::min (delay, settings_.refine_delay_ns);
}

bool
PaintoverScheduler::Settled (uint64_t now) const
{
  const uint64_t delay = SettleDelay ();
  return delay != kNoTime && last_change_ != kNoTime && now >= last_change_ &&
      now - last_change_ >= delay;
}

void
PaintoverScheduler::NoteChange (uint64_t now)
{
  // The motion's cadence: the median of the last intervals between frames that changed
  // something, leaving out pauses (as long as refine_delay, they are no cadence).
  constexpr size_t kIntervals = 8;
  if (last_change_ != kNoTime && now > last_change_ &&
      now - last_change_ < settings_.refine_delay_ns) {
    intervals_.push_back (now - last_change_);
    if (intervals_.size () > kIntervals)
      intervals_.erase (intervals_.begin ());
  }
  last_change_ = now;
}

bool
PaintoverScheduler::FinalAtOnce (uint64_t now, const TileMask &moving) const
{
  if (settings_.final_at_once_tiles == 0 || !RefineEnabled () || !has_picture_)
    return false;
  size_t count = 0;
  for (size_t i = 0; i < tiles_.size (); i++) {
    if (!moving[i])
      continue;
    // A tile that changed less than settle_delay ago is animating: final at once would cost
    // the final quality's bytes on every frame of it.
    const uint64_t changed = tiles_[i].changed;
    if (++count > settings_.final_at_once_tiles ||
        (changed != kNoTime && now - changed < settings_.settle_delay_ns))
      return false;
  }
  return count > 0;
}

size_t
PaintoverScheduler::MotionRefineBudget () const
{
  return std::max<size_t> (16, tiles_.size () / 8);
}

bool
PaintoverScheduler::RefineDueTiles (uint64_t now, std::vector<uint8_t> &map, size_t budget,
    const TileMask *moving)
{
  std::vector<size_t> due;
  const bool settled = Settled (now);
  for (size_t i = 0; i < tiles_.size (); i++)
    if (IsDue (tiles_[i], now, settled) && !(moving && i < moving->size () && (*moving)[i]))
      due.push_back (i);
  if (due.size () > budget) {
    std::stable_sort (due.begin (), due.end (),
        [this] (size_t a, size_t b) { return tiles_[a].due < tiles_[b].due; });
    due.resize (budget);
  }
  for (size_t i : due) {
    map[i] = uint8_t (RefineQuality ());
    tiles_[i].refines_left--;
  }
  return !due.empty ();
}

void
PaintoverScheduler::MarkMoving (uint64_t now, const TileMask &moving, std::vector<uint8_t> *map)
{
  const bool refine = RefineEnabled ();
  const uint64_t due = settings_.refine_delay_ns > kNoTime - now ? kNoTime
                                                                 : now + settings_.refine_delay_ns;
  for (size_t i = 0; i < tiles_.size (); i++) {
    if (!moving[i])
      continue;
    if (map)
      (*map)[i] = uint8_t (settings_.motion_quality);
    tiles_[i].refines_left = refine ? settings_.refine_frames : 0;
    tiles_[i].due = refine ? due : kNoTime;
    tiles_[i].changed = now;
  }
}

Decision
PaintoverScheduler::OnFrame (uint64_t now, const TileMask &changed)
{
  now = latest_ = std::max (now, latest_);
  Decision d;
  d.at = now;
  if (tiles_.empty ())
    return d;

  // The first frame after Reset is sent whole.
  TileMask moving (tiles_.size (), has_picture_ ? 0 : 1);
  bool any_changed = !has_picture_;
  for (size_t i = 0; i < tiles_.size () && i < changed.size (); i++) {
    if (changed[i]) {
      moving[i] = 1;
      any_changed = true;
    }
  }

  if (held_) {
    if (!any_changed)
      return d;
    // Nothing is sent, but the tiles moved: their delay restarts, and the frame that ends the
    // hold carries them. No refinement rides on a frame that is not sent.
    kept_.resize (tiles_.size (), 0);
    for (size_t i = 0; i < tiles_.size (); i++)
      kept_[i] |= moving[i];
    MarkMoving (now, moving, nullptr);
    NoteChange (now);
    has_picture_ = true;
    d.kind = FrameKind::kHeld;
    return d;
  }
  if (HasKept ()) {
    // The first frame after a hold: the receiver has not seen the kept tiles yet.
    for (size_t i = 0; i < tiles_.size (); i++)
      moving[i] |= kept_[i];
    d.kept.swap (kept_);
    kept_.clear ();
    any_changed = true;
  }
  if (!any_changed)
    return d;  // Unchanged pictures are never sent; refinement comes from the timer.

  d.kind = FrameKind::kMotion;
  d.quality = settings_.motion_quality;
  d.tile_quality.assign (tiles_.size (), kTileUnchanged);

  // A small change to a still picture is final at once (a typed character is never soft).
  const bool final_at_once = d.kept.empty () && FinalAtOnce (now, moving);
  // Still tiles whose delay ran out are refined in this frame, at no extra frame (a share of
  // them at a time: the motion must not wait for a whole page of refinement).
  RefineDueTiles (now, d.tile_quality, MotionRefineBudget (), &moving);
  MarkMoving (now, moving, &d.tile_quality);
  if (final_at_once) {
    for (size_t i = 0; i < tiles_.size (); i++) {
      if (moving[i]) {
        d.tile_quality[i] = uint8_t (RefineQuality ());
        tiles_[i].refines_left = 0;
        tiles_[i].due = kNoTime;
      }
    }
    d.final_at_once = true;
    d.final = IsFinal ();
  }
  NoteChange (now);
  has_picture_ = true;
  last_output_ = now;
  refresh_ = false;  // A requested keyframe can be made from this frame.
  return d;
}

bool
PaintoverScheduler::HasKept () const
{
  return std::any_of (kept_.begin (), kept_.end (), [] (uint8_t t) { return t != 0; });
}

Decision
PaintoverScheduler::CatchUp (uint64_t now)
{
  if (held_ || !HasKept ()) {
    Decision d;
    d.at = latest_ = std::max (now, latest_);
    return d;
  }
  return OnFrame (now, TileMask ());
}

uint64_t
PaintoverScheduler::NextRefineTime () const
{
  if (!has_picture_ || (held_ && !refresh_))
    return kNoTime;
  if (!held_ && HasKept ())
    return latest_;  // The catch-up frame: at once.
  uint64_t earliest = kNoTime;
  for (const Tile &tile : tiles_)
    if (tile.refines_left > 0)
      earliest = std::min (earliest, tile.due);
  if (earliest == kNoTime)
    return kNoTime;
  // Everything still: the waiting tiles need not wait for their own delay.
  const uint64_t settle = SettleDelay ();
  if (settle != kNoTime && last_change_ != kNoTime && last_change_ <= kNoTime - settle)
    earliest = std::min (earliest, last_change_ + settle);
  if (last_output_ != kNoTime)
    earliest = std::max (earliest, last_output_ + settings_.burst_interval_ns);
  return earliest;
}

Decision
PaintoverScheduler::OnTimer (uint64_t now)
{
  now = latest_ = std::max (now, latest_);
  Decision d;
  d.at = now;
  const uint64_t next = NextRefineTime ();
  if (next == kNoTime || now < next)
    return d;
  if (!held_ && HasKept ())
    return CatchUp (now);

  d.tile_quality.assign (tiles_.size (), kTileUnchanged);
  if (!RefineDueTiles (now, d.tile_quality)) {
    d.tile_quality.clear ();
    return d;
  }
  d.kind = FrameKind::kRefine;
  d.quality = RefineQuality ();
  d.final = IsFinal ();
  last_output_ = now;
  if (refresh_) {
    // The refreshed picture is the newest one: it carries what was kept back.
    refresh_ = false;
    d.kept.swap (kept_);
    kept_.clear ();
  }
  return d;
}

void
PaintoverScheduler::RequestRefresh (uint64_t now)
{
  now = latest_ = std::max (now, latest_);
  if (!has_picture_)
    return;  // The next frame is sent whole anyway.
  // The keyframe itself needs one frame even when refinement is off; with refinement, the
  // refinement passes follow it: a keyframe is coded as named (lossy, never lowered), so a
  // viewer that joins a still picture gets it refined after the keyframe like anyone else.
  const unsigned passes = RefineEnabled () ? settings_.refine_frames + 1 : 1;
  for (Tile &tile : tiles_) {
    // A moving tile keeps its own delay; everything still is refreshed at once.
    if (tile.refines_left == 0 || tile.due < now) {
      tile.due = now;
    }
    tile.refines_left = passes;
  }
  // The keyframe should not wait for the pacing of a burst, nor for a hold to end.
  last_output_ = kNoTime;
  refresh_ = true;
}

bool
PaintoverScheduler::IsFinal () const
{
  return std::none_of (
      tiles_.begin (), tiles_.end (), [] (const Tile &tile) { return tile.refines_left > 0; });
}

}  // namespace webdesk::paintover
