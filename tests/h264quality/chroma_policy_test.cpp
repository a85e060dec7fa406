// SPDX-License-Identifier: GPL-2.0-or-later
// Which chroma to encode and which profile to announce.
#include <gtest/gtest.h>

#include <set>

#include "chroma-policy.h"

using namespace webdesk;

TEST (ChromaPolicy, AutoEncodes444ForFullChromaInputWhenDownstreamAcceptsIt)
{
  ChromaDecision d = DecideChroma (ChromaSetting::kAuto, true, true);
  EXPECT_TRUE (d.ok);
  EXPECT_EQ (d.chroma, Chroma::k444);
}

TEST (ChromaPolicy, AutoFallsBackTo420WhenDownstreamRefuses444)
{
  ChromaDecision d = DecideChroma (ChromaSetting::kAuto, true, false);
  EXPECT_TRUE (d.ok);
  EXPECT_EQ (d.chroma, Chroma::k420);
}

TEST (ChromaPolicy, AutoKeeps420ForSubsampledInput)
{
  EXPECT_EQ (DecideChroma (ChromaSetting::kAuto, false, true).chroma, Chroma::k420);
}

TEST (ChromaPolicy, ForcedChromaIsObeyedAnd444FailsWhenRefused)
{
  EXPECT_EQ (DecideChroma (ChromaSetting::k420, true, true).chroma, Chroma::k420);
  EXPECT_EQ (DecideChroma (ChromaSetting::k444, false, true).chroma, Chroma::k444);
  EXPECT_FALSE (DecideChroma (ChromaSetting::k444, true, false).ok);
}

TEST (ChromaPolicy, ProfileNameWidensToOneDownstreamAccepts)
{
  std::set<std::string> accepted = {"high", "high-4:4:4"};
  auto accepts = [&] (const std::string &p) { return accepted.count (p) > 0; };
  EXPECT_EQ (ChooseProfileName ("constrained-baseline", accepts), "high");
  EXPECT_EQ (ChooseProfileName ("main", accepts), "high");
  EXPECT_EQ (ChooseProfileName ("high-4:4:4", accepts), "high-4:4:4");
  accepted = {"constrained-baseline", "high"};
  EXPECT_EQ (ChooseProfileName ("constrained-baseline", accepts), "constrained-baseline");
  // Nothing fits: keep the truth, and let negotiation fail.
  EXPECT_EQ (ChooseProfileName ("high-4:4:4", accepts), "high-4:4:4");
}

TEST (ChromaPolicy, LosslessOnlyIn444WithUltrafastAndWhenDownstreamTakesIt)
{
  EXPECT_TRUE (DecideLossless (LosslessSetting::kAuto, Chroma::k444, true, true).lossless);
  for (auto d : {DecideLossless (LosslessSetting::kAuto, Chroma::k420, true, true),
           DecideLossless (LosslessSetting::kAuto, Chroma::k444, false, true),
           DecideLossless (LosslessSetting::kAuto, Chroma::k444, true, false)}) {
    EXPECT_FALSE (d.lossless);
    EXPECT_TRUE (d.ok);  // auto falls back to lossy finals
    EXPECT_STRNE (d.why, "");
  }
  EXPECT_FALSE (DecideLossless (LosslessSetting::kOff, Chroma::k444, true, true).lossless);
  EXPECT_TRUE (DecideLossless (LosslessSetting::kOn, Chroma::k444, true, true).lossless);
  const auto refused = DecideLossless (LosslessSetting::kOn, Chroma::k444, true, false);
  EXPECT_FALSE (refused.ok);
  EXPECT_NE (std::string (refused.why).find ("downstream"), std::string::npos);
}
