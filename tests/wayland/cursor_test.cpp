// SPDX-License-Identifier: LGPL-2.1-or-later
// The application's pointer cursor: the rules of CursorTracker alone, then the compositor driven
// by a real libwayland-client connection that sets cursors the way toolkits do.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <vector>

#include "compositor.h"
#include "cursor.h"
#include "runtime_dir.h"
#include "test_client.h"

using namespace webdesk::wayland;
using webdesk::testing::ScopedRuntimeDir;
using webdesk::testing::ShmBuffer;
using webdesk::testing::TestClient;
using webdesk::testing::Window;

namespace {

CursorImage
Image (int width, int height, int hotspot_x, int hotspot_y, uint8_t fill = 0x80)
{
  CursorImage image;
  image.type = CursorImage::Type::kImage;
  image.width = width;
  image.height = height;
  image.hotspot_x = hotspot_x;
  image.hotspot_y = hotspot_y;
  image.pixels.assign (size_t (width) * height * 4, fill);
  return image;
}

struct Recorder {
  std::vector<CursorImage> shown;
  CursorTracker::Listener Listener ()
  {
    return [this] (const CursorImage &image) { shown.push_back (image); };
  }
};

int client_a, client_b;  // stand-ins for two wl_clients

TEST (CursorTracker, OnlyTheFocusedClientWithItsEnterSerialSetsTheCursor)
{
  Recorder r;
  CursorTracker tracker (r.Listener ());
  tracker.FocusChanged (&client_a, 100);
  EXPECT_TRUE (tracker.Accepts (&client_a, 100));
  EXPECT_TRUE (tracker.Accepts (&client_a, 105));
  EXPECT_FALSE (tracker.Accepts (&client_a, 99));  // from before this enter
  EXPECT_FALSE (tracker.Accepts (&client_b, 100));
  EXPECT_FALSE (tracker.Accepts (nullptr, 100));
  // Serials wrap around.
  tracker.FocusChanged (&client_a, 0xfffffffe);
  EXPECT_TRUE (tracker.Accepts (&client_a, 3));
}

TEST (CursorTracker, AnotherClientUnderThePointerShowsTheDefaultUntilItSetsOne)
{
  Recorder r;
  CursorTracker tracker (r.Listener ());
  tracker.FocusChanged (&client_a, 1);
  tracker.Show (Image (24, 24, 4, 4));
  ASSERT_EQ (r.shown.size (), 1u);
  // Another surface of the same client: its cursor stays until it sets another.
  tracker.FocusChanged (&client_a, 2);
  EXPECT_EQ (r.shown.size (), 1u);
  tracker.FocusChanged (&client_b, 3);
  ASSERT_EQ (r.shown.size (), 2u);
  EXPECT_EQ (r.shown.back ().type, CursorImage::Type::kDefault);
  tracker.FocusChanged (nullptr, 0);  // over the background: still the default, not reported
  EXPECT_EQ (r.shown.size (), 2u);
}

TEST (CursorTracker, TheSameImageIsReportedOnce)
{
  Recorder r;
  CursorTracker tracker (r.Listener ());
  tracker.FocusChanged (&client_a, 1);
  tracker.Show (Image (16, 16, 1, 1));
  tracker.Show (Image (16, 16, 1, 1));
  EXPECT_EQ (r.shown.size (), 1u);
  tracker.Show (Image (16, 16, 2, 1));  // the hotspot moved
  tracker.Show (Image (16, 16, 2, 1, 0x40));  // the picture changed
  EXPECT_EQ (r.shown.size (), 3u);
}

constexpr int kWidth = 64, kHeight = 48;

class CursorTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    std::string error;
    ASSERT_TRUE (compositor_.Start ("", OutputSize{kWidth, kHeight, 1}, &error)) << error;
    compositor_.SetCursorListener ([this] (const CursorImage &image) {
      std::lock_guard<std::mutex> lock (mutex_);
      shown_.push_back (image);
    });
    client_ = std::make_unique<TestClient> (compositor_.SocketName ());
    ASSERT_TRUE (client_->Connected ());
    window_ = client_->CreateToplevel ();
    client_->Show (window_, client_->CreateBuffer (kWidth, kHeight, 0x202020));
    Sync ();
    TakeFrame ();
  }
  void TearDown () override
  {
    client_.reset ();
    compositor_.SetCursorListener (nullptr);
    compositor_.Stop ();
  }
  void Sync ()
  {
    compositor_.InvokeSync ([] {});
    client_->Roundtrip ();
    compositor_.InvokeSync ([] {});
  }
  bool TakeFrame ()
  {
    std::vector<uint32_t> pixels (size_t (kWidth) * kHeight);
    pixman_image_t *dst = pixman_image_create_bits (PIXMAN_x8r8g8b8, kWidth, kHeight,
        pixels.data (), kWidth * 4);
    Region damage;
    uint64_t capture = 0;
    const bool taken = compositor_.TakeFrame (dst, [] (const Region &d) { return d; }, &damage,
        &capture);
    pixman_image_unref (dst);
    return taken;
  }
  std::vector<CursorImage> Shown ()
  {
    std::lock_guard<std::mutex> lock (mutex_);
    return shown_;
  }
  // Moves the pointer over the window (the client gets an enter).
  void Enter ()
  {
    compositor_.PointerMotion (10, 10);
    Sync ();
    ASSERT_EQ (client_->input.pointer_focus, window_->surface);
  }
  // A cursor surface with an ARGB buffer whose first pixel is `first`.
  wl_surface *CursorSurface (int width, int height, uint32_t first, int scale = 1)
  {
    wl_surface *s = client_->CreateSurface ();
    ShmBuffer *b = client_->CreateBuffer (width, height, 0x80402010, true);
    b->pixels[0] = first;
    wl_surface_set_buffer_scale (s, scale);
    wl_surface_attach (s, b->buffer, 0, 0);
    wl_surface_damage (s, 0, 0, width, height);
    return s;
  }

  ScopedRuntimeDir runtime_dir_;
  Compositor compositor_;
  std::unique_ptr<TestClient> client_;
  Window *window_ = nullptr;
  std::mutex mutex_;
  std::vector<CursorImage> shown_;
};

TEST_F (CursorTest, TheClientsCursorImageAndHotspotReachTheViewerNotTheFrame)
{
  Enter ();
  wl_surface *cursor = CursorSurface (8, 6, 0xff0000ff);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 2, 3);
  Sync ();
  const auto shown = Shown ();
  ASSERT_FALSE (shown.empty ());
  const CursorImage &c = shown.back ();
  ASSERT_EQ (c.type, CursorImage::Type::kImage);
  EXPECT_EQ (c.width, 8);
  EXPECT_EQ (c.height, 6);
  EXPECT_EQ (c.hotspot_x, 2);
  EXPECT_EQ (c.hotspot_y, 3);
  EXPECT_DOUBLE_EQ (c.scale, 1.0);
  ASSERT_EQ (c.pixels.size (), 8u * 6 * 4);
  // Premultiplied BGRA in memory: 0xff0000ff is opaque blue.
  EXPECT_EQ (c.pixels[0], 0xff);
  EXPECT_EQ (c.pixels[1], 0x00);
  EXPECT_EQ (c.pixels[2], 0x00);
  EXPECT_EQ (c.pixels[3], 0xff);
  EXPECT_EQ (c.pixels[4], 0x10);  // 0x80402010: B G R A
  EXPECT_EQ (c.pixels[7], 0x80);
  // The cursor is not painted into the picture: no frame for it.
  EXPECT_FALSE (TakeFrame ());
}

TEST_F (CursorTest, AttachOffsetMovesTheHotspotAndANewImageIsSent)
{
  Enter ();
  wl_surface *cursor = CursorSurface (8, 8, 0xffffffff);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 4, 4);
  Sync ();
  ShmBuffer *next = client_->CreateBuffer (8, 8, 0xff00ff00, true);
  wl_surface_attach (cursor, next->buffer, 1, -2);  // the image moves right 1, up 2
  wl_surface_damage (cursor, 0, 0, 8, 8);
  wl_surface_commit (cursor);
  Sync ();
  const auto shown = Shown ();
  ASSERT_GE (shown.size (), 2u);
  EXPECT_EQ (shown.back ().hotspot_x, 3);
  EXPECT_EQ (shown.back ().hotspot_y, 6);
  EXPECT_EQ (shown.back ().pixels[1], 0xff);  // green
}

TEST_F (CursorTest, ANewHotspotAndItsImageInOneGoGiveOneCursor)
{
  Enter ();
  wl_surface *cursor = CursorSurface (8, 8, 0xffffffff);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 1, 1);
  Sync ();
  const size_t before = Shown ().size ();
  // As toolkits switch cursors on one surface: the hotspot first, then the image.
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 5, 6);
  ShmBuffer *next = client_->CreateBuffer (8, 8, 0xff00ff00, true);
  wl_surface_attach (cursor, next->buffer, 0, 0);
  wl_surface_damage (cursor, 0, 0, 8, 8);
  wl_surface_commit (cursor);
  Sync ();
  const auto shown = Shown ();
  ASSERT_EQ (shown.size (), before + 1) << "the old image with the new hotspot was sent too";
  EXPECT_EQ (shown.back ().hotspot_x, 5);
  EXPECT_EQ (shown.back ().pixels[1], 0xff);  // green
}

TEST_F (CursorTest, ANullSurfaceOrADestroyedOneHidesTheCursor)
{
  Enter ();
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, nullptr, 0, 0);
  Sync ();
  ASSERT_FALSE (Shown ().empty ());
  EXPECT_EQ (Shown ().back ().type, CursorImage::Type::kHidden);

  wl_surface *cursor = CursorSurface (4, 4, 0xffffffff);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 0, 0);
  Sync ();
  EXPECT_EQ (Shown ().back ().type, CursorImage::Type::kImage);
  wl_surface_destroy (cursor);
  Sync ();
  EXPECT_EQ (Shown ().back ().type, CursorImage::Type::kHidden);
}

TEST_F (CursorTest, AScale2CursorOnAScale1OutputIsTwiceTheFramePixels)
{
  Enter ();
  wl_surface *cursor = CursorSurface (48, 48, 0xffffffff, 2);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 5, 7);
  Sync ();
  ASSERT_FALSE (Shown ().empty ());
  const CursorImage c = Shown ().back ();
  EXPECT_EQ (c.width, 48);
  EXPECT_EQ (c.hotspot_x, 10);  // surface coordinates times the buffer scale
  EXPECT_EQ (c.hotspot_y, 14);
  EXPECT_DOUBLE_EQ (c.scale, 2.0);
}

TEST_F (CursorTest, AScale2OutputHalvesTheImagesScale)
{
  Enter ();
  wl_surface *cursor = CursorSurface (24, 24, 0xffffffff);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 1, 1);
  Sync ();
  ASSERT_FALSE (Shown ().empty ());
  EXPECT_DOUBLE_EQ (Shown ().back ().scale, 1.0);
  // The client has not redrawn its cursor for the new scale yet: its 24 pixels now cover 48
  // output pixels.
  compositor_.Resize (OutputSize{kWidth * 2, kHeight * 2, 2});
  Sync ();
  EXPECT_DOUBLE_EQ (Shown ().back ().scale, 0.5);
  EXPECT_EQ (Shown ().back ().width, 24);
}

TEST_F (CursorTest, AStaleSerialOrAClientWithoutThePointerIsIgnored)
{
  Enter ();
  wl_surface *cursor = CursorSurface (4, 4, 0xffffffff);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial - 1, cursor, 0, 0);
  Sync ();
  for (const CursorImage &c : Shown ())
    EXPECT_NE (c.type, CursorImage::Type::kImage);

  TestClient other (compositor_.SocketName ());
  ASSERT_TRUE (other.Connected ());
  wl_surface *theirs = other.CreateSurface ();
  ShmBuffer *b = other.CreateBuffer (4, 4, 0xffffffff, true);
  wl_surface_attach (theirs, b->buffer, 0, 0);
  wl_surface_commit (theirs);
  wl_pointer_set_cursor (other.pointer_, client_->input.enter_serial, theirs, 0, 0);
  other.Roundtrip ();
  compositor_.InvokeSync ([] {});
  for (const CursorImage &c : Shown ())
    EXPECT_NE (c.type, CursorImage::Type::kImage);
}

TEST_F (CursorTest, LeavingTheWindowForTheBackgroundShowsTheDefault)
{
  Enter ();
  wl_surface *cursor = CursorSurface (4, 4, 0xffffffff);
  wl_surface_commit (cursor);
  wl_pointer_set_cursor (client_->pointer_, client_->input.enter_serial, cursor, 0, 0);
  Sync ();
  ASSERT_EQ (Shown ().back ().type, CursorImage::Type::kImage);
  // The window goes away under the pointer.
  xdg_toplevel_destroy (window_->toplevel);
  xdg_surface_destroy (window_->xdg);
  wl_surface_destroy (window_->surface);
  window_ = nullptr;
  Sync ();
  EXPECT_EQ (Shown ().back ().type, CursorImage::Type::kDefault);
}

}  // namespace
