// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: chroma and profile choice. See chroma-policy.h.
#include "chroma-policy.h"

#include <vector>

namespace webdesk {

ChromaDecision
DecideChroma (ChromaSetting setting, bool input_full_chroma, bool downstream_accepts_444)
{
  switch (setting) {
    case ChromaSetting::k420:
      return {true, Chroma::k420};
    case ChromaSetting::k444:
      return {downstream_accepts_444, Chroma::k444};
    case ChromaSetting::kAuto:
    default:
      return {true, input_full_chroma && downstream_accepts_444 ? Chroma::k444 : Chroma::k420};
  }
}

LosslessDecision
DecideLossless (LosslessSetting setting, Chroma chroma, bool ultrafast, bool downstream_accepts)
{
  if (setting == LosslessSetting::kOff)
    return {};
  LosslessDecision d;
  if (chroma != Chroma::k444)
    d.why = "the stream is 4:2:0 (lossless frames need 4:4:4)";
  else if (!ultrafast)
    d.why = "the speed-preset is not ultrafast";
  else if (!downstream_accepts)
    d.why = "downstream does not accept lossless=true";
  else
    d.lossless = true;
  d.ok = d.lossless || setting == LosslessSetting::kAuto;
  return d;
}

std::string
ChooseProfileName (const std::string &actual,
    const std::function<bool (const std::string &)> &downstream_accepts)
{
  std::vector<std::string> candidates;
  if (actual == "constrained-baseline")
    candidates = {"constrained-baseline", "baseline", "main", "high"};
  else if (actual == "main")
    candidates = {"main", "high"};
  else
    candidates = {actual};
  for (const std::string &name : candidates)
    if (downstream_accepts (name))
      return name;
  return actual;
}

}  // namespace webdesk
