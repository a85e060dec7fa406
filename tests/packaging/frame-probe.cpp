// SPDX-License-Identifier: LGPL-2.1-or-later
// A probe viewer for a running webdesk (in a container, an installed package): the page is
// served, and a WebSocket viewer (libsoup, speaking docs/protocol.md) receives a keyframe with
// the picture's size and the codec the browser would configure; then it asks for a keyframe,
// as a page does that lost its picture, and one comes: the pipeline is live, even when nothing
// on the screen moves (a still screen sends nothing, so counting frames would not tell).
// Usage: webdesk-frame-probe PORT [TIMEOUT_S]; the password from WEBDESK_PASSWORD.
// Exits 0 once both keyframes arrived, 1 with the reason otherwise.
#include <glib.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "protocol.h"
#include "ws-test-client.h"

int
main (int argc, char **argv)
{
  if (argc < 2) {
    std::fprintf (stderr, "usage: %s PORT [FRAMES] [TIMEOUT_S]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi (argv[1]);
  const double timeout_s = argc > 2 ? std::atof (argv[2]) : 60;
  const char *password = g_getenv ("WEBDESK_PASSWORD");

  std::string page, type;
  const int status =
      webdesk::testing::HttpGet (port, "/", &page, &type, password ? password : "");
  if (status != 200 || page.find ("<canvas") == std::string::npos) {
    std::fprintf (stderr, "probe: GET / answered %d (%zu bytes), not the page\n", status,
        page.size ());
    return 1;
  }

  webdesk::testing::WsTestClient::Options options;
  options.password = password ? password : "";
  webdesk::testing::WsTestClient viewer (port, options);
  auto keyframes = [&] {
    size_t n = 0;
    for (const auto &f : viewer.frames)
      n += (f.header.flags & webdesk::protocol::kFlagKeyframe) ? 1 : 0;
    return n;
  };
  auto fail = [&] (const char *waiting_for) {
    std::lock_guard<std::mutex> lock (viewer.mutex);
    std::fprintf (stderr, "probe: no %s in %.0f s (%zu frames, open %d, closed %d %s)\n",
        waiting_for, timeout_s, viewer.frames.size (), viewer.open, viewer.closed,
        viewer.close_reason.c_str ());
    return 1;
  };
  if (!viewer.WaitFor ([&] { return !viewer.frames.empty (); }, timeout_s))
    return fail ("first frame");
  viewer.SendText (R"({"type":"keyframe-request","reason":"probe"})");
  if (!viewer.WaitFor ([&] { return keyframes () >= 2; }, timeout_s))
    return fail ("keyframe after asking for one");
  std::lock_guard<std::mutex> lock (viewer.mutex);
  const auto &first = viewer.frames.front ();
  if (!(first.header.flags & webdesk::protocol::kFlagKeyframe) || first.codec.empty ()) {
    std::fprintf (stderr, "probe: the first frame is not a keyframe with an SPS\n");
    return 1;
  }
  std::printf ("probe: the page, and %zu frames (a keyframe asked for among them): %ux%u, %s, "
      "%llu bytes\n",
      viewer.frames.size (), first.header.width, first.header.height, first.codec.c_str (),
      (unsigned long long) viewer.bytes_received);
  return 0;
}
