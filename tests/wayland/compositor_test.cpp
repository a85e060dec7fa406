// SPDX-License-Identifier: LGPL-2.1-or-later
// The compositor core driven by real libwayland-client connections in the same process: what a
// client commits is what the frame shows, damage is exact, callbacks follow the frames, focus
// and input reach the right surface, and a misbehaving client is cut off alone.
#include <gtest/gtest.h>
#include <linux/input-event-codes.h>
#include <wayland-server-protocol.h>

#include <memory>

#include "compositor_fixture.h"

using namespace webdesk::wayland;
using webdesk::testing::ScopedRuntimeDir;
using webdesk::testing::ShmBuffer;
using webdesk::testing::TestClient;
using webdesk::testing::Window;

using webdesk::testing::CompositorTest;
using webdesk::testing::RegionText;
using webdesk::testing::Frame;
using webdesk::testing::kHeight;
using webdesk::testing::kWidth;

TEST_F (CompositorTest, SocketIsCreatedInTheRuntimeDir)
{
  EXPECT_FALSE (compositor_.SocketName ().empty ());
  EXPECT_TRUE (g_file_test ((runtime_dir_.path () + "/" + compositor_.SocketName ()).c_str (),
      G_FILE_TEST_EXISTS));
}

TEST_F (CompositorTest, ToplevelIsConfiguredMaximizedAtOutputSize)
{
  auto c = Connect ();
  Window *w = c->CreateToplevel ();
  EXPECT_TRUE (w->configured);
  EXPECT_EQ (w->configured_width, kWidth);
  EXPECT_EQ (w->configured_height, kHeight);
  // Maximized, not fullscreen: a browser keeps its tab strip and address bar.
  EXPECT_NE (std::find (w->states.begin (), w->states.end (), XDG_TOPLEVEL_STATE_MAXIMIZED),
      w->states.end ());
  EXPECT_EQ (std::find (w->states.begin (), w->states.end (), XDG_TOPLEVEL_STATE_FULLSCREEN),
      w->states.end ());
  EXPECT_EQ (c->output_width, kWidth);
  EXPECT_EQ (c->output_scale, 1);
}

TEST_F (CompositorTest, CommittedBufferIsWhatTheFrameShows)
{
  auto c = Connect ();
  Window *w = c->CreateToplevel ();
  ShmBuffer *b = c->CreateBuffer (kWidth, kHeight, 0xff3366);
  b->FillRect (5, 6, 3, 2, 0x00ff00);
  c->Show (w, b);
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (f.damage.Extents ().x2, kWidth);
  EXPECT_EQ (f.At (0, 0), 0xff3366u);
  EXPECT_EQ (f.At (5, 6), 0x00ff00u);
  EXPECT_EQ (f.At (7, 7), 0x00ff00u);
  EXPECT_EQ (f.At (8, 7), 0xff3366u);
}

TEST_F (CompositorTest, DamageIsExactlyWhatTheClientDamaged)
{
  auto c = Connect ();
  ShmBuffer *b;
  Window *w = ShowWindow (*c, 0x101010, &b);
  ShmBuffer *b2 = c->CreateBuffer (kWidth, kHeight, 0x101010);
  b2->FillRect (10, 12, 7, 5, 0xffffff);
  wl_surface_attach (w->surface, b2->buffer, 0, 0);
  wl_surface_damage_buffer (w->surface, 10, 12, 7, 5);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (RegionText (f.damage), RegionText (Region (10, 12, 7, 5)));
  EXPECT_EQ (f.At (10, 12), 0xffffffu);
  // The first buffer was released once the second replaced it.
  c->Roundtrip ();
  EXPECT_TRUE (b->released);
}

TEST_F (CompositorTest, CommitWithoutDamageProducesNoFrame)
{
  auto c = Connect ();
  Window *w = ShowWindow (*c, 0x202020);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  EXPECT_FALSE (Take ().taken);
}

TEST_F (CompositorTest, BufferScaleDamageIsInSurfaceCoordinates)
{
  compositor_.Resize (OutputSize{kWidth, kHeight, 1});
  auto c = Connect ();
  Window *w = c->CreateToplevel ();
  // A HiDPI client: a 2x buffer for a 32x24 surface.
  ShmBuffer *b = c->CreateBuffer (64, 48, 0x000080);
  wl_surface_set_buffer_scale (w->surface, 2);
  c->Show (w, b);
  Take ();
  b->FillRect (20, 20, 10, 10, 0xffff00);
  ShmBuffer *b2 = c->CreateBuffer (64, 48, 0x000080);
  b2->FillRect (20, 20, 10, 10, 0xffff00);
  wl_surface_attach (w->surface, b2->buffer, 0, 0);
  wl_surface_damage_buffer (w->surface, 20, 20, 10, 10);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  // Buffer (20,20) 10x10 at scale 2 is surface (10,10) 5x5 (shown at output scale 1 with
  // nearest-pixel sampling, so nothing around it changes).
  EXPECT_EQ (RegionText (f.damage), RegionText (Region (10, 10, 5, 5)));
  EXPECT_EQ (f.At (12, 12), 0xffff00u);
  EXPECT_EQ (f.At (40, 40), 0x000000u);  // outside the 32x24 surface: desktop background
}

TEST_F (CompositorTest, RotatedBufferIsComposedRotated)
{
  auto c = Connect ();
  Window *w = c->CreateToplevel ();
  // 48x64 buffer shown with transform 90 -> a 64x48 surface.
  ShmBuffer *b = c->CreateBuffer (48, 64, 0x0000ff);
  b->FillRect (0, 0, 4, 4, 0xff0000);  // buffer top-left
  wl_surface_set_buffer_transform (w->surface, WL_OUTPUT_TRANSFORM_90);
  c->Show (w, b);
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  // Rotated 90 degrees: the buffer's top-left corner is at the surface's top-right corner.
  EXPECT_EQ (f.At (kWidth - 1, 0), 0xff0000u);
  EXPECT_EQ (f.At (0, 0), 0x0000ffu);
}

TEST_F (CompositorTest, ViewportScalesTheBufferToItsDestination)
{
  auto c = Connect ();
  Window *w = c->CreateToplevel ();
  ShmBuffer *b = c->CreateBuffer (16, 12, 0x00ff00);
  wp_viewport *vp = c->Viewport (w->surface);
  wp_viewport_set_destination (vp, kWidth, kHeight);
  c->Show (w, b);
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (f.At (kWidth - 1, kHeight - 1), 0x00ff00u);
  EXPECT_EQ (f.At (kWidth / 2, kHeight / 2), 0x00ff00u);
}

TEST_F (CompositorTest, SynchronizedSubsurfaceAppearsWithItsParentsCommit)
{
  auto c = Connect ();
  Window *w = ShowWindow (*c, 0x000000);
  wl_surface *child = c->CreateSurface ();
  wl_subsurface *sub = c->CreateSubsurface (child, w->surface);
  wl_subsurface_set_position (sub, 8, 4);
  ShmBuffer *cb = c->CreateBuffer (10, 10, 0xff00ff);
  wl_surface_attach (child, cb->buffer, 0, 0);
  wl_surface_damage_buffer (child, 0, 0, 10, 10);
  wl_surface_commit (child);
  c->Roundtrip ();
  // Synchronized (the default): cached until the parent commits.
  EXPECT_FALSE (Take ().taken);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  // Where it appears is damaged; so may be where it was created (at 0,0, before its position
  // took effect with the parent's commit), and nothing else.
  Region appeared (8, 4, 10, 10), at_most (0, 0, 10, 10);
  at_most.Add (appeared);
  Region outside = f.damage;
  outside.Subtract (at_most);
  Region missing = appeared;
  missing.Subtract (f.damage);
  EXPECT_TRUE (missing.Empty ()) << RegionText (f.damage);
  EXPECT_TRUE (outside.Empty ()) << RegionText (f.damage);
  EXPECT_EQ (f.At (8, 4), 0xff00ffu);
  EXPECT_EQ (f.At (7, 4), 0x000000u);

  // Moving it damages where it was and where it is.
  wl_subsurface_set_position (sub, 20, 4);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  f = Take ();
  Region expected (8, 4, 10, 10);
  expected.Add (20, 4, 10, 10);
  EXPECT_EQ (RegionText (f.damage), RegionText (expected));
  EXPECT_EQ (f.At (8, 4), 0x000000u);
  EXPECT_EQ (f.At (20, 4), 0xff00ffu);

  // Placed below its parent (which is opaque) it is hidden.
  wl_subsurface_place_below (sub, w->surface);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  wl_subsurface_set_position (sub, 21, 4);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  f = Take ();
  EXPECT_EQ (f.At (22, 5), 0x000000u);
}

TEST_F (CompositorTest, DesynchronizedSubsurfaceUpdatesOnItsOwn)
{
  auto c = Connect ();
  Window *w = ShowWindow (*c, 0x000000);
  wl_surface *child = c->CreateSurface ();
  wl_subsurface *sub = c->CreateSubsurface (child, w->surface);
  wl_subsurface_set_desync (sub);
  wl_surface_commit (w->surface);  // the subsurface joins the parent's state
  ShmBuffer *cb = c->CreateBuffer (6, 6, 0x00ffff);
  wl_surface_attach (child, cb->buffer, 0, 0);
  wl_surface_damage (child, 0, 0, 6, 6);
  wl_surface_commit (child);
  c->Roundtrip ();
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (f.At (0, 0), 0x00ffffu);
}

TEST_F (CompositorTest, PopupIsPlacedByItsPositionerAboveItsParent)
{
  auto c = Connect ();
  Window *w = ShowWindow (*c, 0x000000);
  Window *popup = c->CreatePopup (w, 20, 10, 8, 6);
  EXPECT_TRUE (popup->configured);
  EXPECT_EQ (popup->popup_x, 20);
  EXPECT_EQ (popup->popup_y, 10);
  ShmBuffer *pb = c->CreateBuffer (8, 6, 0xffffff);
  c->Show (popup, pb);
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (RegionText (f.damage), RegionText (Region (20, 10, 8, 6)));
  EXPECT_EQ (f.At (20, 10), 0xffffffu);
  // Closing it repaints what was under it.
  xdg_popup_destroy (popup->popup);
  c->Roundtrip ();
  f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (f.At (20, 10), 0x000000u);
}

TEST_F (CompositorTest, FrameCallbackWaitsUntilTheFrameWasTaken)
{
  auto c = Connect ();
  ShmBuffer *b;
  Window *w = ShowWindow (*c, 0x000000, &b);
  bool done = false;
  c->RequestFrame (w->surface, &done);
  wl_surface_damage (w->surface, 0, 0, 4, 4);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  EXPECT_FALSE (done);  // nobody took the frame yet: the client is held back
  ASSERT_TRUE (Take ().taken);
  c->Roundtrip ();
  EXPECT_FALSE (done);  // taken, but downstream has not finished with it
  compositor_.FramePresented ();
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_TRUE (done);
}

TEST_F (CompositorTest, FrameCallbackWithoutVisibleChangeIsReleasedByTheTick)
{
  compositor_.SetFrameInterval (std::chrono::milliseconds (5));
  auto c = Connect ();
  Window *w = ShowWindow (*c, 0x000000);
  bool done = false;
  c->RequestFrame (w->surface, &done);
  wl_surface_commit (w->surface);
  // Event-driven wait: the tick timer fires after one frame interval.
  for (int i = 0; i < 200 && !done; i++)
    wl_display_dispatch (c->display ());
  EXPECT_TRUE (done);
}

TEST_F (CompositorTest, ProtocolErrorDisconnectsOnlyThatClient)
{
  auto good = Connect ();
  Window *gw = ShowWindow (*good, 0x123456);
  auto bad = Connect ();
  // A buffer on an xdg_surface before its first configure is acknowledged: a protocol error.
  wl_surface *s = bad->CreateSurface ();
  xdg_surface *x = xdg_wm_base_get_xdg_surface (bad->wm_base (), s);
  xdg_surface_get_toplevel (x);
  ShmBuffer *b = bad->CreateBuffer (4, 4, 0);
  wl_surface_attach (s, b->buffer, 0, 0);
  wl_surface_commit (s);
  EXPECT_FALSE (bad->Roundtrip ());
  EXPECT_EQ (bad->Error (), EPROTO);

  // The other client goes on.
  ShmBuffer *b2 = good->CreateBuffer (kWidth, kHeight, 0x654321);
  good->Show (gw, b2);
  EXPECT_TRUE (good->Roundtrip ());
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (f.At (1, 1), 0x654321u);
}

TEST_F (CompositorTest, PointerEntersTheSurfaceUnderItAndClicks)
{
  auto c = Connect ();
  Window *w = ShowWindow (*c, 0x000000);
  wl_surface *child = c->CreateSurface ();
  wl_subsurface *sub = c->CreateSubsurface (child, w->surface);
  wl_subsurface_set_position (sub, 30, 20);
  ShmBuffer *cb = c->CreateBuffer (10, 10, 0xffffff);
  wl_surface_attach (child, cb->buffer, 0, 0);
  wl_surface_commit (child);
  wl_surface_commit (w->surface);
  c->Roundtrip ();

  compositor_.PointerMotion (5, 6);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (c->input.pointer_focus, w->surface);
  EXPECT_DOUBLE_EQ (c->input.pointer_x, 5);

  compositor_.PointerMotion (33, 24);  // over the subsurface: local (3, 4)
  compositor_.PointerButton (1, true);
  compositor_.PointerButton (1, false);
  compositor_.PointerScroll (0, 2);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (c->input.pointer_focus, child);
  EXPECT_DOUBLE_EQ (c->input.pointer_x, 3);
  EXPECT_DOUBLE_EQ (c->input.pointer_y, 4);
  ASSERT_EQ (c->input.buttons_pressed.size (), 1u);
  EXPECT_EQ (c->input.buttons_pressed[0], uint32_t (BTN_LEFT));
  ASSERT_EQ (c->input.axis_values.size (), 1u);
  EXPECT_EQ (c->input.axis_values[0], wl_fixed_from_int (30));
}

TEST_F (CompositorTest, ClipboardTextFromAnApplicationReachesTheListener)
{
  std::mutex m;
  std::string received;
  compositor_.SetClipboardListener ([&] (const std::string &text) {
    std::lock_guard<std::mutex> lock (m);
    received = text;
  });
  auto c = Connect ();
  ShowWindow (*c, 0x000000);
  c->Roundtrip ();  // the keyboard's enter: a copy is made with the serial of an event
  c->SetSelection ("hello from the app");
  // The compositor reads the pipe asynchronously; wait for it, event-driven.
  for (int i = 0; i < 100; i++) {
    compositor_.InvokeSync ([] {});
    c->Roundtrip ();
    std::lock_guard<std::mutex> lock (m);
    if (!received.empty ())
      break;
  }
  std::lock_guard<std::mutex> lock (m);
  EXPECT_EQ (received, "hello from the app");
  EXPECT_EQ (c->selection_text_offered, "text/plain;charset=utf-8");
}

TEST_F (CompositorTest, ResizeReconfiguresWindowsAndRepaints)
{
  auto c = Connect ();
  Window *w = ShowWindow (*c, 0x000000);
  compositor_.Resize (OutputSize{32, 24, 1});
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (w->configured_width, 32);
  EXPECT_EQ (w->configured_height, 24);
  EXPECT_EQ (c->output_width, 32);
  EXPECT_EQ (compositor_.GetOutputSize ().width, 32);
  pixman_image_t *dst = pixman_image_create_bits (PIXMAN_x8r8g8b8, 32, 24, nullptr, 0);
  Region damage;
  uint64_t capture = 0;
  EXPECT_TRUE (compositor_.TakeFrame (dst, [] (const Region &d) { return d; }, &damage, &capture));
  EXPECT_TRUE (damage == Region (0, 0, 32, 24));
  pixman_image_unref (dst);
}

TEST_F (CompositorTest, HiDpiOutputShowsAScale2BufferPixelForPixel)
{
  compositor_.Resize (OutputSize{kWidth, kHeight, 2});
  auto c = Connect ();
  EXPECT_EQ (c->output_scale, 2);
  Window *w = c->CreateToplevel ();
  // Logical size is half the device pixels.
  EXPECT_EQ (w->configured_width, kWidth / 2);
  EXPECT_EQ (w->configured_height, kHeight / 2);
  ShmBuffer *b = c->CreateBuffer (kWidth, kHeight, 0x000000);
  for (int y = 0; y < kHeight; y++)
    for (int x = 0; x < kWidth; x++)
      b->pixels[y * kWidth + x] = uint32_t ((x * 4) << 16 | (y * 5) << 8);
  wl_surface_set_buffer_scale (w->surface, 2);
  c->Show (w, b);
  Frame f = Take ();
  ASSERT_TRUE (f.taken);
  for (int y = 0; y < kHeight; y++)
    for (int x = 0; x < kWidth; x++)
      ASSERT_EQ (f.At (x, y), uint32_t ((x * 4) << 16 | (y * 5) << 8)) << x << "," << y;
  // Pixel for pixel: damage in buffer pixels is exactly the output damage.
  wl_surface_damage_buffer (w->surface, 10, 6, 4, 2);
  wl_surface_commit (w->surface);
  c->Roundtrip ();
  f = Take ();
  ASSERT_TRUE (f.taken);
  EXPECT_EQ (RegionText (f.damage), RegionText (Region (10, 6, 4, 2)));
  // Pointer coordinates arrive in device pixels and reach the client in logical ones.
  compositor_.PointerMotion (20, 10);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_DOUBLE_EQ (c->input.pointer_x, 10);
  EXPECT_DOUBLE_EQ (c->input.pointer_y, 5);
}

TEST_F (CompositorTest, ClientThatNeverCommitsBlocksNothing)
{
  auto idle = Connect ();
  Window *stuck = idle->CreateToplevel ();
  bool never = false;
  idle->RequestFrame (stuck->surface, &never);
  wl_surface_attach (stuck->surface, idle->CreateBuffer (kWidth, kHeight, 0xffffff)->buffer, 0, 0);
  idle->Roundtrip ();  // attached, never committed

  auto c = Connect ();
  Window *w = c->CreateToplevel ();
  ShmBuffer *b = c->CreateBuffer (kWidth, kHeight, 0x445566);
  for (int i = 0; i < 3; i++) {
    b->FillRect (0, 0, 1, 1, uint32_t (i));
    c->Show (w, b);
    Frame f = Take ();
    ASSERT_TRUE (f.taken);
    EXPECT_EQ (f.At (5, 5), 0x445566u);
    compositor_.FramePresented ();
  }
  idle->Roundtrip ();
  EXPECT_FALSE (never);
}

TEST_F (CompositorTest, GrabbingPopupTakesTheKeyboardAndAClickOnAnotherApplicationClosesIt)
{
  // Another application's window fills the output; ours, a fixed-size one, is centred on it.
  auto other = Connect ();
  Window *behind = ShowWindow (*other, 0x0000ff);
  auto c = Connect ();
  Window *w = c->CreateToplevel (32, 24);
  c->Show (w, c->CreateBuffer (32, 24, 0x000000));
  Take ();
  c->Roundtrip ();
  other->Roundtrip ();
  EXPECT_EQ (c->input.keyboard_focus, w->surface);
  // A menu: a popup with a grab, opened after a click (the grab needs its serial).
  compositor_.PointerMotion (20, 15);
  compositor_.PointerButton (1, true);
  compositor_.PointerButton (1, false);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  Window *menu = c->CreatePopup (w, 8, 4, 16, 12, true);
  c->Show (menu, c->CreateBuffer (16, 12, 0xffffff));
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (c->input.keyboard_focus, menu->surface);

  // A click inside the menu keeps it open.
  compositor_.PointerMotion (30, 22);
  compositor_.PointerButton (1, true);
  compositor_.PointerButton (1, false);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (c->input.pointer_focus, menu->surface);
  EXPECT_FALSE (menu->popup_done);

  // A click on the other application closes it; that application gets the keyboard.
  compositor_.PointerMotion (60, 40);
  compositor_.PointerButton (1, true);
  compositor_.PointerButton (1, false);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  other->Roundtrip ();
  EXPECT_TRUE (menu->popup_done);
  EXPECT_EQ (other->input.keyboard_focus, behind->surface);
}

TEST_F (CompositorTest, TouchPointsGoToTheSurfaceTheyStartedOn)
{
  auto c = Connect ();
  ASSERT_TRUE (c->touch_);
  Window *w = ShowWindow (*c, 0x000000);
  wl_surface *child = c->CreateSurface ();
  wl_subsurface *sub = c->CreateSubsurface (child, w->surface);
  wl_subsurface_set_position (sub, 30, 20);
  wl_surface_attach (child, c->CreateBuffer (10, 10, 0xffffff)->buffer, 0, 0);
  wl_surface_commit (child);
  wl_surface_commit (w->surface);
  c->Roundtrip ();

  compositor_.TouchDown (0, 32, 23);  // on the subsurface: local (2, 3)
  compositor_.TouchDown (1, 5, 5);    // on the window
  compositor_.TouchFrame ();
  compositor_.TouchMotion (0, 50, 40);  // moves off the subsurface but stays its point
  compositor_.TouchFrame ();
  compositor_.TouchUp (0);
  compositor_.TouchUp (1);
  compositor_.TouchFrame ();
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  ASSERT_EQ (c->input.touch_downs.size (), 2u);
  EXPECT_EQ (c->input.touch_downs[0].id, 0);
  EXPECT_DOUBLE_EQ (c->input.touch_downs[0].x, 2);
  EXPECT_DOUBLE_EQ (c->input.touch_downs[0].y, 3);
  EXPECT_DOUBLE_EQ (c->input.touch_downs[1].x, 5);
  ASSERT_EQ (c->input.touch_motions.size (), 1u);
  EXPECT_DOUBLE_EQ (c->input.touch_motions[0].x, 20);
  EXPECT_DOUBLE_EQ (c->input.touch_motions[0].y, 20);
  EXPECT_EQ (c->input.touch_ups, (std::vector<int32_t>{0, 1}));
  EXPECT_EQ (c->input.touch_frames, 3);
}

// A dialog that draws itself larger than the output (LibreOffice's save dialog on an 800 px
// page) is asked to fit it, so its bottom row is not cut off.
TEST_F (CompositorTest, ADialogLargerThanTheOutputIsAskedToFitIt)
{
  auto c = Connect ();
  Window *main_window = ShowWindow (*c, 0x000000);
  Window *dialog = c->CreateToplevel ();
  xdg_toplevel_set_parent (dialog->toplevel, main_window->toplevel);
  c->Show (dialog, c->CreateBuffer (kWidth + 16, kHeight + 12, 0xffffff));
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  EXPECT_EQ (dialog->configured_width, kWidth);
  EXPECT_EQ (dialog->configured_height, kHeight);
}
