// SPDX-License-Identifier: LGPL-2.1-or-later
// The paint-over decision: for every frame, how it is to be encoded, and when the picture
// should be refined after it stopped moving. Plain C++ (no GStreamer), driven by explicit
// running times in nanoseconds, so it is tested without a pipeline or a clock.
//
// State is kept per tile. A tile that changes is sent at the motion quality and gets
// `refine_frames` refinement passes at the refine quality once it has been still for
// `refine_delay`, or sooner: once nothing at all has changed for the settle delay (the motion
// stopped), every tile waiting is refined at once. The settle delay is `settle_delay`, or three
// intervals of the motion that stopped if that is longer (a 30 fps video is not taken for stopped
// between two of its frames), never more than `refine_delay`.
// Small changes are final at once: a frame that changes at most `final_at_once_tiles` tiles, each
// of which had been still for `settle_delay` (a typed character, a caret, a clock, not an
// animation), carries them at the refine quality, and they need no refinement. Refinement rides on motion frames when other tiles keep moving (a playing
// video, a blinking caret) and otherwise comes as refinement frames that re-send the unchanged
// picture, at most one per `burst_interval`. Motion in a tile cancels its refinement and
// restarts its delay. Tiles whose delay ends within a quarter of refine_delay of a refinement
// frame join it, so a region that settled over a few frames gets one burst, not several.
// A motion frame carries at most an eighth of the picture's refinement (MotionRefineBudget),
// so that refining does not hold up the motion it rides on.
// Once every tile is refined nothing more is sent until something changes.
//
// Pacing (SetHeld): while the viewers are behind, frames are still decided (motion restarts a
// tile's delay) but none is sent: the tiles they changed are kept (their union) and refinement
// waits. Once released, the next frame sent (CatchUp, or the next changed input frame) is a
// motion frame that carries every kept tile, and refinement resumes where it stopped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tile_grid.h"

namespace webdesk::paintover {

constexpr uint64_t kNoTime = UINT64_MAX;
// In a decision's tile map: nothing to do for this tile (GST_WEBDESK_TILE_UNCHANGED).
constexpr uint8_t kTileUnchanged = 0xFF;

struct SchedulerSettings {
  unsigned motion_quality = 25;  // 0..51, CRF-like
  unsigned refine_quality = 18;  // 0..51; refinement happens only when better than motion
  uint64_t refine_delay_ns = 150'000'000;
  // Refinement passes per tile; 0 = never refine. One does nearly all the work (a lossless one
  // all of it).
  unsigned refine_frames = 1;
  uint64_t burst_interval_ns = 16'666'667;  // closest spacing of refinement frames
  // Nothing changed anywhere for this long: every tile waiting is refined now (stretched to three
  // intervals of the motion, at most refine_delay). 0 = off.
  uint64_t settle_delay_ns = 50'000'000;
  // A frame changing at most this many tiles, each still for settle_delay before, makes them
  // final at once. 0 = off.
  unsigned final_at_once_tiles = 4;
};

enum class FrameKind {
  kDrop,    // nothing to send: the picture did not change and nothing is due
  kMotion,  // the picture changed: send it at the motion quality (with refinement of still tiles)
  kRefine,  // re-send the unchanged picture to refine the tiles in the map
  kHeld,    // the picture changed, but frames are held back (SetHeld): send nothing now; the
            // changed tiles are kept for the frame that ends the hold
};

struct Decision {
  FrameKind kind = FrameKind::kDrop;
  unsigned quality = 0;  // frame quality: motion quality, or refine quality for kRefine
  // After this frame every tile is refined (kRefine, or kMotion whose changes were final at
  // once).
  bool final = false;
  bool final_at_once = false;  // kMotion: its changed tiles are at the refine quality, final
  uint64_t at = 0;       // the running time it was decided at (never earlier than any before)
  std::vector<uint8_t> tile_quality;  // per tile: a quality, or kTileUnchanged
  // Tiles changed by frames that were held back and that this frame carries to the receiver
  // too (their union): its damage must cover them. Empty when it carries none.
  TileMask kept;
};

class PaintoverScheduler {
 public:
  explicit PaintoverScheduler (const SchedulerSettings &settings = {});

  // Settings may change at any time; they apply to the decisions that follow.
  void set_settings (const SchedulerSettings &settings) { settings_ = settings; }
  const SchedulerSettings &settings () const { return settings_; }

  // A new stream (or new size): forgets everything; the next frame is sent whole.
  void Reset (const TileGrid &grid);
  const TileGrid &grid () const { return grid_; }

  // A frame arrived at running time `now`; `changed` has one entry per tile (non-zero where the
  // tile differs from the previous frame). The first frame after Reset is sent whole.
  Decision OnFrame (uint64_t now, const TileMask &changed);
  // When a refinement frame (or a catch-up frame, see CatchUp) is due (running time), or
  // kNoTime when nothing is pending.
  uint64_t NextRefineTime () const;
  // The timer fired at `now`: a kRefine decision, the catch-up frame (kMotion) after a hold, or
  // kDrop when nothing is due yet.
  Decision OnTimer (uint64_t now);
  // Someone needs the whole picture again (a keyframe was requested for a viewer that joined):
  // every tile gets a new refinement, due now, so a refinement frame carries the keyframe, and
  // refine_frames more after it (the keyframe is not the final quality).
  void RequestRefresh (uint64_t now);

  // Pacing. While held, OnFrame returns kHeld for a changed frame (kDrop for an unchanged one)
  // and keeps its changed tiles; no refinement is spent or due (NextRefineTime is kNoTime),
  // except the one a RequestRefresh asks for, which carries the kept tiles. Reset keeps it.
  void SetHeld (bool held) { held_ = held; }
  bool held () const { return held_; }
  // Whether frames were held back and their changes not sent yet.
  bool HasKept () const;
  // Not held and something kept: the frame to send now (kMotion, the kept tiles at the motion
  // quality, in `kept`), as if they had just changed. Else kDrop.
  Decision CatchUp (uint64_t now);

  // Whether every tile has had its refinement (nothing is pending).
  bool IsFinal () const;
  bool has_picture () const { return has_picture_; }

 private:
  struct Tile {
    uint64_t due = kNoTime;     // when its refinement may start (still since due - delay)
    unsigned refines_left = 0;  // refinement passes still to send
    uint64_t changed = kNoTime; // when it last changed
  };

  bool RefineEnabled () const;
  unsigned RefineQuality () const;
  // `settled`: Settled (now), worked out once for all the tiles.
  bool IsDue (const Tile &tile, uint64_t now, bool settled) const;
  // The settle delay now (see the class comment), and whether the picture has been still that
  // long at `now`.
  uint64_t SettleDelay () const;
  bool Settled (uint64_t now) const;
  // Records a frame that changed something at `now` (for the motion's cadence).
  void NoteChange (uint64_t now);
  // Whether the changed tiles can be final at once (see final_at_once_tiles).
  bool FinalAtOnce (uint64_t now, const TileMask &moving) const;
  // Spends one refinement pass on due tiles (at most `budget`, those due longest first; none
  // that `moving` marks), writing refine quality into `map`.
  bool RefineDueTiles (uint64_t now, std::vector<uint8_t> &map, size_t budget = SIZE_MAX,
      const TileMask *moving = nullptr);
  // Tiles in `moving` start their delay again at `now` (and get the motion quality in `map`).
  void MarkMoving (uint64_t now, const TileMask &moving, std::vector<uint8_t> *map);
  // How many still tiles a motion frame may refine: an eighth of the picture (at least 16
  // tiles), so that a keystroke after a still spell is not held up by encoding the whole
  // page's refinement with it; the rest follows on later frames.
  size_t MotionRefineBudget () const;

  SchedulerSettings settings_;
  TileGrid grid_;
  std::vector<Tile> tiles_;
  bool has_picture_ = false;
  uint64_t last_output_ = kNoTime;  // running time of the last frame sent
  uint64_t latest_ = 0;             // latest time seen: time never goes backwards here
  bool held_ = false;
  uint64_t last_change_ = kNoTime;  // when a frame last changed anything
  std::vector<uint64_t> intervals_;  // between recent changes (shorter than refine_delay)
  TileMask kept_;          // tiles changed by frames held back, not sent yet
  bool refresh_ = false;   // RequestRefresh asked for a frame: it goes out even while held
};

}  // namespace webdesk::paintover
