// SPDX-License-Identifier: GPL-2.0-or-later
// The web client's lossless trial (web/src/trial-lossless.js) is what its comment says: a lossy
// keyframe, then a lossless P-frame that libavcodec decodes to trialSample() in every sample, in
// full range.
#include <gtest/gtest.h>

#include <glib.h>
#include <gst/gst.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "h264_decode.h"
#include "lossless_trial_picture.h"

using webdesk::testing::kTrialSize;
using webdesk::testing::TrialSample;

TEST (LosslessTrial, TheWebClientsTrialDecodesExactlyToItsFormula)
{
  const char *root = g_getenv ("WEBDESK_SOURCE_ROOT");
  ASSERT_TRUE (root) << "run through meson test";
  std::ifstream file (std::string (root) + "/web/src/trial-lossless.js");
  std::stringstream text;
  text << file.rdbuf ();
  const std::string js = text.str ();
  std::vector<GstBuffer *> frames;
  const std::regex quoted ("'([A-Za-z0-9+/=]{16,})'");
  for (auto it = std::sregex_iterator (js.begin (), js.end (), quoted);
       it != std::sregex_iterator (); ++it) {
    gsize size = 0;
    guchar *bytes = g_base64_decode ((*it)[1].str ().c_str (), &size);
    frames.push_back (gst_buffer_new_wrapped (bytes, size));
  }
  ASSERT_EQ (frames.size (), 2u);
  const auto decoded = webdesk::testing::DecodeH264 (frames);
  for (GstBuffer *b : frames)
    gst_buffer_unref (b);
  ASSERT_EQ (decoded.size (), 2u);
  for (int i = 0; i < 2; i++) {
    EXPECT_TRUE (decoded[i].chroma444);
    EXPECT_TRUE (decoded[i].full_range);
  }
  int keyframe_off = 0;
  for (int p = 0; p < 3; p++) {
    ASSERT_EQ (decoded[1].planes[p].size (), size_t (kTrialSize * kTrialSize));
    for (int y = 0; y < kTrialSize; y++) {
      for (int x = 0; x < kTrialSize; x++) {
        const size_t at = size_t (y) * kTrialSize + x;
        ASSERT_EQ (decoded[1].planes[p][at], TrialSample (p, x, y))
            << "plane " << p << " at " << x << "," << y;
        keyframe_off += decoded[0].planes[p][at] != TrialSample (p, x, y);
      }
    }
  }
  // The keyframe is lossy: a decoder that showed only it would fail the trial.
  EXPECT_GT (keyframe_off, 100);
}
