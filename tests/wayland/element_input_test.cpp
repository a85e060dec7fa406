// SPDX-License-Identifier: LGPL-2.1-or-later
// waylanddamagesrc's input and clipboard with real clients: keys, buttons and touch from
// GstNavigation events, text typed into a terminal, clipboard text both ways.
#include <gst/video/navigation.h>
#include <linux/input-event-codes.h>

#include <fstream>
#include <sstream>

#include "element_fixture.h"
#include "test_client.h"

using webdesk::testing::ElementTest;
using webdesk::testing::kFrameTimeout;
using webdesk::testing::NotBlack;
using webdesk::testing::CapturedFrame;
using webdesk::testing::Pipeline;
using webdesk::testing::ShmBuffer;
using webdesk::testing::TestClient;
using webdesk::testing::Window;

TEST_F (ElementTest, InputReachesARealClient)
{
  const std::string log = runtime_dir_.path () + "/eventdemo.log";
  Pipeline p ("width=320 height=240 command=\"sh -c 'exec stdbuf -oL weston-eventdemo "
              "--log-key --log-button > " + log + "'\"");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 160, 120); }));

  GstEvent *press = gst_navigation_event_new_key_press ("a", GST_NAVIGATION_MODIFIER_NONE);
  gst_webdesk_navigation_add_key_fields (press, KEY_A, "a");
  ASSERT_TRUE (p.SendUpstream (press));
  GstEvent *release = gst_navigation_event_new_key_release ("a", GST_NAVIGATION_MODIFIER_NONE);
  gst_webdesk_navigation_add_key_fields (release, KEY_A, "a");
  ASSERT_TRUE (p.SendUpstream (release));
  // Without an evdev code the key name is looked up in the keymap.
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_key_press ("b", GST_NAVIGATION_MODIFIER_NONE)));
  // Text (webdesk-text) is typed with the keymap's keys, Shift included.
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_text ("Z")));
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_mouse_move (160, 120, GST_NAVIGATION_MODIFIER_NONE)));
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_mouse_button_press (3, 160, 120, GST_NAVIGATION_MODIFIER_NONE)));

  std::string text;
  for (int i = 0; i < 200; i++) {  // up to 10 s, polling the client's log
    std::ifstream in (log);
    std::stringstream ss;
    ss << in.rdbuf ();
    text = ss.str ();
    if (text.find ("key: 48") != std::string::npos && text.find ("button: 273") != std::string::npos)
      break;
    g_usleep (50000);
  }
  // weston-eventdemo logs "key: <evdev code>, unicode: <codepoint>, state: ..." and
  // "button: <evdev button>, state: ...".
  EXPECT_NE (text.find ("key: 30, unicode: 97, state: pressed"), std::string::npos) << text;
  EXPECT_NE (text.find ("key: 30, unicode: 97, state: released"), std::string::npos) << text;
  EXPECT_NE (text.find ("key: 48, unicode: 98, state: pressed"), std::string::npos) << text;
  EXPECT_NE (text.find ("button: 273, state: pressed"), std::string::npos) << text;
  EXPECT_NE (text.find ("key: 44, unicode: 90, state: pressed"), std::string::npos) << text;
}


TEST_F (ElementTest, TouchDrawsInWestonSimpleTouch)
{
  Pipeline p ("width=320 height=240 command=weston-simple-touch");
  ASSERT_TRUE (p.Play ());
  // simple-touch fills its window and paints where it is touched.
  auto before = p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 160, 120); });
  ASSERT_TRUE (before);
  // It may draw its whole window once more as it starts; touch only once it is still.
  if (auto settled = p.Settle ())
    before = std::move (settled);
  const uint32_t background = before->At (160, 120);
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_touch_down (0, 160, 120, 1.0,
      GST_NAVIGATION_MODIFIER_NONE)));
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_touch_frame (GST_NAVIGATION_MODIFIER_NONE)));
  auto after = p.PullUntil ([&] (const CapturedFrame &f) { return f.At (160, 120) != background; });
  ASSERT_TRUE (after);
  // The damage is around the touch point, not the whole window.
  ASSERT_FALSE (after->damage.empty ());
  for (const auto &r : after->damage)
    EXPECT_LT (r.w * r.h, 320 * 240 / 4);
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_touch_up (0, 160, 120,
      GST_NAVIGATION_MODIFIER_NONE)));
}


TEST_F (ElementTest, TextTypedIntoATerminalReachesItsShell)
{
  // foot runs a shell that reads one line and writes it to a file: keys -> foot -> pty -> sh.
  const std::string out = runtime_dir_.path () + "/typed.txt";
  Pipeline p ("width=320 height=240 command=\"foot sh -c 'read line; echo \\\"$line\\\" > " + out +
      "; sleep 1000'\"");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.PullUntil ([] (const CapturedFrame &f) { return f.At (2, 2) != 0; }));
  // Keys by evdev code (as a browser sends them), then text, then Return by name.
  for (guint code : {KEY_H, KEY_I}) {
    GstEvent *e = gst_navigation_event_new_key_press ("", GST_NAVIGATION_MODIFIER_NONE);
    gst_webdesk_navigation_add_key_fields (e, code, nullptr);
    ASSERT_TRUE (p.SendUpstream (e));
    e = gst_navigation_event_new_key_release ("", GST_NAVIGATION_MODIFIER_NONE);
    gst_webdesk_navigation_add_key_fields (e, code, nullptr);
    ASSERT_TRUE (p.SendUpstream (e));
  }
  // "é" and "→" are not on the seat's US layout: typed on a spare key of a passing keymap.
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_text (" There, café →")));
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_key_press ("Return", GST_NAVIGATION_MODIFIER_NONE)));
  ASSERT_TRUE (p.SendUpstream (gst_navigation_event_new_key_release ("Return", GST_NAVIGATION_MODIFIER_NONE)));
  std::string text;
  for (int i = 0; i < 200 && text.empty (); i++) {  // up to 10 s
    std::ifstream in (out);
    std::getline (in, text);
    if (text.empty ())
      p.Pull (50 * GST_MSECOND);
  }
  EXPECT_EQ (text, "hi There, café →");
}


TEST_F (ElementTest, ClipboardTextGoesBothWays)
{
  Pipeline p ("width=64 height=48");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.Pull ());
  TestClient c (p.SocketName ());
  Window *w = c.CreateToplevel ();
  c.Show (w, c.CreateBuffer (64, 48, 0x333333));
  ASSERT_TRUE (p.Pull ());

  // Viewer -> application.
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_clipboard_upstream ("from the viewer")));
  for (int i = 0; i < 100 && !c.HasSelectionOffer (); i++)
    wl_display_dispatch (c.display ());
  EXPECT_EQ (c.ReadSelection (), "from the viewer");

  // Application -> viewer: a bus message (and a downstream event).
  c.SetSelection ("from the app");
  GstMessage *m = nullptr;
  for (;;) {
    m = p.WaitForMessage (GST_MESSAGE_ELEMENT);
    if (!m || gst_message_has_name (m, GST_WEBDESK_CLIPBOARD_EVENT_NAME))
      break;
    gst_message_unref (m);
  }
  ASSERT_TRUE (m);
  EXPECT_STREQ (gst_structure_get_string (gst_message_get_structure (m), "text"), "from the app");
  gst_message_unref (m);
}

