// SPDX-License-Identifier: LGPL-2.1-or-later
// waylanddamagesrc with real applications and what a user sees of its window management: mpv
// going fullscreen and back with its 'f' key, an X11 dialog centred over its X11 main window,
// and a client that breaks the protocol, disconnected while the application goes on streaming.
// What the element says about the window with the keyboard is watched on the bus
// (waylanddamagesrc-window).
#include <gst/video/navigation.h>

#include <cerrno>
#include <functional>
#include <string>

#include "element_fixture.h"
#include "test_client.h"
#include "x11_dialog_client.h"

using webdesk::testing::CapturedFrame;
using webdesk::testing::ElementTest;
using webdesk::testing::kFrameTimeout;
using webdesk::testing::NotBlack;
using webdesk::testing::Pipeline;
using webdesk::testing::ShmBuffer;
using webdesk::testing::TestClient;
using webdesk::testing::WaitForElementMessage;
namespace x11 = webdesk::testing::x11_dialog;

namespace {

struct WindowMessage {
  bool present = false;
  std::string title;
  bool fullscreen = false;
};

// The next waylanddamagesrc-window message that `wanted` accepts; false after kFrameTimeout, or
// when the stream ends first (an error or EOS is reported as a test failure).
bool
WaitForWindow (Pipeline &p, const std::function<bool (const WindowMessage &)> &wanted,
    WindowMessage *seen = nullptr)
{
  const gint64 deadline = g_get_monotonic_time () + gint64 (kFrameTimeout / GST_USECOND);
  for (;;) {
    g_autoptr (GstStructure) s = WaitForElementMessage (p, "waylanddamagesrc-window", deadline);
    if (!s)
      return false;
    WindowMessage w;
    gboolean present = FALSE, fullscreen = FALSE;
    gst_structure_get_boolean (s, "present", &present);
    gst_structure_get_boolean (s, "fullscreen", &fullscreen);
    w.present = present;
    w.fullscreen = fullscreen;
    const gchar *title = gst_structure_get_string (s, "title");
    w.title = title ? title : "";
    if (seen)
      *seen = w;
    if (wanted (w))
      return true;
  }
}

// Drops the frames already queued in the sink: what comes next was made after this call.
void
Drain (Pipeline &p)
{
  while (p.Pull (0)) {
  }
}

// `count` new frames arrive, each with damage (the picture keeps changing).
void
ExpectFramesFlow (Pipeline &p, int count, const char *when)
{
  Drain (p);
  for (int i = 0; i < count; i++) {
    auto f = p.Pull ();
    ASSERT_TRUE (f) << "no frame " << when << " (" << i << " of " << count << ")";
    EXPECT_FALSE (f->damage.empty ()) << when;
  }
}

void
PressKey (Pipeline &p, const char *name)
{
  const auto none = GST_NAVIGATION_MODIFIER_NONE;
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_key_press (name, none)));
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_key_release (name, none)));
}

}  // namespace

// A video player's fullscreen request is honoured and left again; the video plays on in both.
TEST_F (ElementTest, MpvGoesFullscreenWithItsKeyAndBack)
{
  Pipeline p ("width=320 height=240 command=\"mpv --no-config --loop --no-audio "
              "av://lavfi:testsrc=size=320x240\"");
  ASSERT_TRUE (p.Play ());
  WindowMessage seen;
  ASSERT_TRUE (WaitForWindow (p, [] (const WindowMessage &w) { return w.present; }, &seen))
      << "mpv's window never took the keyboard";
  EXPECT_FALSE (seen.fullscreen) << "a main window is maximized, not fullscreen";
  ExpectFramesFlow (p, 10, "while mpv plays maximized");

  PressKey (p, "f");
  ASSERT_TRUE (WaitForWindow (p, [] (const WindowMessage &w) { return w.fullscreen; }, &seen))
      << "mpv's 'f' did not make it fullscreen";
  EXPECT_TRUE (seen.present);
  ExpectFramesFlow (p, 10, "while mpv plays fullscreen");

  PressKey (p, "f");
  ASSERT_TRUE (WaitForWindow (p, [] (const WindowMessage &w) { return !w.fullscreen; }, &seen))
      << "mpv's second 'f' did not leave fullscreen";
  EXPECT_TRUE (seen.present);
  ExpectFramesFlow (p, 10, "after mpv left fullscreen");
}

// An X11 dialog (WM_TRANSIENT_FOR) is shown at its own size, centred over its main window and
// above it, and takes the keyboard. The main window's minimum size is larger than the output,
// so it is shown from the top left at that size: centred over it is not centred on the output.
TEST_F (ElementTest, X11DialogIsCentredOverItsMainWindow)
{
  constexpr int kWidth = 480, kHeight = 360;
  const char *build_root = g_getenv ("WEBDESK_BUILD_ROOT");  // set by meson test
  ASSERT_NE (build_root, nullptr);
  g_autofree gchar *client =
      g_build_filename (build_root, "tests", "wayland", "x11-dialog-client", nullptr);
  g_autofree gchar *quoted = g_shell_quote (client);
  Pipeline p ("width=" + std::to_string (kWidth) + " height=" + std::to_string (kHeight) +
      " command=\"" + quoted + "\"");
  ASSERT_TRUE (p.Play ());
  const int x = (x11::kMainMinWidth - x11::kDialogWidth) / 2;
  const int y = (x11::kMainMinHeight - x11::kDialogHeight) / 2;
  auto f = p.PullUntil ([&] (const CapturedFrame &f) {
    return f.At (x + x11::kDialogWidth / 2, y + x11::kDialogHeight / 2) == x11::kDialogColour &&
        f.At (2, 2) == x11::kMainColour;
  });
  ASSERT_TRUE (f) << "the dialog never showed over its main window";
  // The dialog's edges, exactly (X windows have no decorations here).
  EXPECT_EQ (f->At (x, y), x11::kDialogColour);
  EXPECT_EQ (f->At (x + x11::kDialogWidth - 1, y + x11::kDialogHeight - 1), x11::kDialogColour);
  EXPECT_EQ (f->At (x - 1, y), x11::kMainColour);
  EXPECT_EQ (f->At (x, y - 1), x11::kMainColour);
  EXPECT_EQ (f->At (x + x11::kDialogWidth, y + x11::kDialogHeight - 1), x11::kMainColour);
  EXPECT_EQ (f->At (x + x11::kDialogWidth - 1, y + x11::kDialogHeight), x11::kMainColour);
  // The main window covers the output.
  EXPECT_EQ (f->At (kWidth - 1, kHeight - 1), x11::kMainColour);
  // The dialog has the keyboard.
  ASSERT_TRUE (WaitForWindow (p, [] (const WindowMessage &w) {
    return w.title == x11::kDialogTitle;
  })) << "the dialog did not take the keyboard";
}

// A client that breaks the protocol is disconnected; the application on the same display goes
// on being streamed, and the stream does not end.
TEST_F (ElementTest, AClientThatBreaksTheProtocolIsDisconnectedAndTheApplicationStreamsOn)
{
  Pipeline p ("width=320 height=240 command=weston-simple-shm");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 100, 100); }));

  TestClient bad (p.SocketName ());
  ASSERT_TRUE (bad.Connected ());
  // A buffer on an xdg_surface before its first configure is acknowledged: a protocol error.
  wl_surface *s = bad.CreateSurface ();
  xdg_surface *x = xdg_wm_base_get_xdg_surface (bad.wm_base (), s);
  xdg_surface_get_toplevel (x);
  ShmBuffer *b = bad.CreateBuffer (4, 4, 0);
  wl_surface_attach (s, b->buffer, 0, 0);
  wl_surface_commit (s);
  EXPECT_FALSE (bad.Roundtrip ());
  EXPECT_EQ (bad.Error (), EPROTO);

  ExpectFramesFlow (p, 20, "after another client was disconnected");
  GstMessage *ended = p.WaitForMessage (GstMessageType (GST_MESSAGE_ERROR | GST_MESSAGE_EOS), 0);
  EXPECT_FALSE (ended) << "the stream ended: " << GST_MESSAGE_TYPE_NAME (ended);
  if (ended)
    gst_message_unref (ended);
}
