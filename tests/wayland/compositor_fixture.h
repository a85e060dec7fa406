// SPDX-License-Identifier: LGPL-2.1-or-later
// The compositor core with real libwayland-client connections in the same process: the fixture
// shared by the compositor's unit tests (a 64x48 output, frames taken into a fresh picture).
#pragma once

#include <gtest/gtest.h>
#include <glib.h>
#include <pixman.h>

#include <cstdio>

#include <memory>
#include <string>
#include <vector>

#include "compositor.h"
#include "runtime_dir.h"
#include "test_client.h"

namespace webdesk::testing {

constexpr int kWidth = 64, kHeight = 48;

// "x,y wxh" per rectangle, for readable failures.
inline std::string
RegionText (const webdesk::wayland::Region &r)
{
  std::string text;
  for (const auto &b : r.Boxes ())
    text += std::to_string (b.x1) + "," + std::to_string (b.y1) + " " +
        std::to_string (b.x2 - b.x1) + "x" + std::to_string (b.y2 - b.y1) + "; ";
  return text;
}

struct Frame {
  bool taken = false;
  webdesk::wayland::Region damage;
  std::vector<uint32_t> pixels;  // x8r8g8b8, kWidth * kHeight (full copy of the picture)
  uint32_t At (int x, int y) const { return pixels[size_t (y) * kWidth + x] & 0xffffff; }
};

class CompositorTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    // WEBDESK_TEST_WLR_LOG=1: wlroots' own log on stderr, for when a test needs explaining.
    if (g_getenv ("WEBDESK_TEST_WLR_LOG"))
      webdesk::wayland::Compositor::SetLogHandler (
          [] (int, const char *line) { fprintf (stderr, "wlroots: %s\n", line); }, 3);
    std::string error;
    ASSERT_TRUE (compositor_.Start ("", webdesk::wayland::OutputSize{kWidth, kHeight, 1}, &error,
        Options ())) << error;
    // The first frame is the empty desktop.
    Frame first = Take ();
    ASSERT_TRUE (first.taken);
  }
  void TearDown () override { compositor_.Stop (); }
  // The one-application mode unless a fixture says otherwise.
  virtual webdesk::wayland::CompositorOptions Options () const { return {}; }

  std::unique_ptr<TestClient> Connect ()
  {
    auto c = std::make_unique<TestClient> (compositor_.SocketName ());
    EXPECT_TRUE (c->Connected ());
    return c;
  }

  Frame Take ()
  {
    compositor_.InvokeSync ([] {});  // everything already sent has been handled
    // The whole output is painted into a fresh picture, so the test sees all of it.
    Frame f;
    f.pixels.assign (size_t (kWidth) * kHeight, 0xdeadbeef);
    pixman_image_t *dst = pixman_image_create_bits (PIXMAN_x8r8g8b8, kWidth, kHeight,
        f.pixels.data (), kWidth * 4);
    uint64_t capture = 0;
    f.taken = compositor_.TakeFrame (dst,
        [] (const webdesk::wayland::Region &) { return webdesk::wayland::Region (0, 0, kWidth, kHeight); }, &f.damage, &capture);
    pixman_image_unref (dst);
    return f;
  }

  // Shows a full-output window of `colour` and takes its frame.
  Window *ShowWindow (TestClient &c, uint32_t colour, ShmBuffer **buffer = nullptr)
  {
    Window *w = c.CreateToplevel ();
    ShmBuffer *b = c.CreateBuffer (kWidth, kHeight, colour);
    c.Show (w, b);
    if (buffer)
      *buffer = b;
    Take ();
    return w;
  }

  ScopedRuntimeDir runtime_dir_;
  webdesk::wayland::Compositor compositor_;
};


}  // namespace webdesk::testing
