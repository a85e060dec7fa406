// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: which chroma subsampling to encode, whether final frames are lossless, and
// which profile name to put in the caps, from the `chroma` and `lossless` properties, the input
// format, the preset and what downstream accepts.
#pragma once

#include <functional>
#include <string>

#include "encoder-types.h"

namespace webdesk {

enum class ChromaSetting { kAuto, k420, k444 };

struct ChromaDecision {
  bool ok = true;  // false: `chroma=444` but downstream refuses High 4:4:4
  Chroma chroma = Chroma::k420;
};

// auto: 4:4:4 when the input has full chroma (BGRx, BGRA, Y444) and downstream accepts
// High 4:4:4, else 4:2:0. 420/444: as asked (444 fails when downstream refuses it).
ChromaDecision DecideChroma (ChromaSetting setting, bool input_full_chroma,
    bool downstream_accepts_444);

enum class LosslessSetting { kAuto, kOff, kOn };

struct LosslessDecision {
  bool ok = true;  // false: `lossless=on` but the stream cannot have it (why says which)
  bool lossless = false;
  const char *why = "";
};

// Lossless final frames (StitchedStream) need 4:4:4, the ultrafast preset (whole-pixel motion,
// no deblocking) and a downstream that accepts them (every viewer decodes them). auto: when all
// three hold; on: the same, failing otherwise; off: never.
LosslessDecision DecideLossless (LosslessSetting setting, Chroma chroma, bool ultrafast,
    bool downstream_accepts);

// The profile name for the caps: the stream's own profile when downstream accepts it, else
// the first wider profile it accepts that every decoder of it can also decode (a
// constrained-baseline stream is valid main and high). Returns `actual` when none is accepted.
std::string ChooseProfileName (const std::string &actual,
    const std::function<bool (const std::string &)> &downstream_accepts);

}  // namespace webdesk
