// SPDX-License-Identifier: LGPL-2.1-or-later
// GoogleTest main for tests that use GStreamer: initialises it once, before any test.
#include <gst/gst.h>
#include <gtest/gtest.h>

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  ::testing::InitGoogleTest (&argc, argv);
  return RUN_ALL_TESTS ();
}
