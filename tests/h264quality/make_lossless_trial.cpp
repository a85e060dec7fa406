// SPDX-License-Identifier: GPL-2.0-or-later
// Writes web/src/trial-lossless.js: a lossy keyframe and a lossless P-frame of the trial picture
// (lossless_trial_picture.h), coded by h264qualityenc's StitchedStream, for the web client to
// learn whether this browser decodes lossless frames exactly.
//
//   build/tests/h264quality/make-lossless-trial > web/src/trial-lossless.js
#include <glib.h>

#include <cstdio>
#include <string>
#include <vector>

#include "stitched-stream.h"
#include "lossless_trial_picture.h"

using namespace webdesk;

int
main ()
{
  const int n = testing::kTrialSize;
  SessionConfig config;
  config.width = n;
  config.height = n;
  config.chroma = Chroma::k444;
  config.range = ColourRange::kFull;
  config.threads = 1;
  std::string error;
  auto stream = StitchedStream::Open (config, true, &error);
  if (!stream) {
    std::fprintf (stderr, "%s\n", error.c_str ());
    return 1;
  }
  std::vector<uint8_t> planes[3];
  for (int p = 0; p < 3; p++)
    for (int y = 0; y < n; y++)
      for (int x = 0; x < n; x++)
        planes[p].push_back (testing::TrialSample (p, x, y));
  const uint8_t *data[3] = {planes[0].data (), planes[1].data (), planes[2].data ()};
  const int strides[3] = {n, n, n};
  std::vector<std::string> frames;
  for (int i = 0; i < 2; i++) {
    FrameRequest r;
    r.qp = 30;
    r.force_idr = i == 0;
    r.lossless = i == 1;
    r.id = i;
    EncodedFrame out;
    if (!stream->Encode (data, strides, r, &out) || out.size == 0)
      return 1;
    gchar *b64 = g_base64_encode (out.data, out.size);
    frames.push_back (b64);
    g_free (b64);
  }
  std::printf (
      "// SPDX-License-Identifier: LGPL-2.1-or-later\n"
      "// @ts-check\n"
      "// A 32x32 High 4:4:4 Predictive stream (annex B, full-range VUI): a lossy keyframe, then a\n"
      "// lossless P-frame of the picture trialSample() gives. Decoded once at start-up to learn\n"
      "// whether this browser decodes lossless frames exactly (capability.js). Written by\n"
      "// build/tests/h264quality/make-lossless-trial (h264qualityenc's StitchedStream);\n"
      "// tests/h264quality checks that it decodes to trialSample().\n"
      "export const TRIAL_LOSSLESS_FRAMES_BASE64 = [\n  '%s',\n  '%s',\n];\n\n"
      "export const TRIAL_LOSSLESS_SIZE = %d;\n\n"
      "/**\n"
      " * The picture's sample (full-range YCbCr 4:4:4); the left half is grey (Cb = Cr = 128).\n"
      " * tests/h264quality/lossless_trial_picture.h has the same formula.\n"
      " * @param {number} plane  0 Y, 1 Cb, 2 Cr\n"
      " * @param {number} x\n"
      " * @param {number} y\n"
      " */\n"
      "export function trialSample(plane, x, y) {\n"
      "  if (plane === 0) return (x * 37 + y * 11 + ((x * y) %% 7)) & 255;\n"
      "  if (x < TRIAL_LOSSLESS_SIZE / 2) return 128;\n"
      "  return plane === 1 ? (x * 5 + y * 9) & 255 : (255 - x * 7 - y * 3) & 255;\n"
      "}\n",
      frames[0].c_str (), frames[1].c_str (), n);
  return 0;
}
