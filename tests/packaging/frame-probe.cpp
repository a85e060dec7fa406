// SPDX-License-Identifier: LGPL-2.1-or-later
// A probe viewer for a running webdesk (in a container, an installed package): the page is
// served, and a WebSocket viewer (libsoup, speaking docs/protocol.md) receives a keyframe and
// the frames after it, with the picture's size and the codec the browser would configure.
// Usage: webdesk-frame-probe PORT [FRAMES] [TIMEOUT_S]; the password from WEBDESK_PASSWORD.
// Exits 0 once FRAMES frames (default 3) arrived, 1 with the reason otherwise.
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
  const size_t frames = argc > 2 ? std::strtoul (argv[2], nullptr, 10) : 3;
  const double timeout_s = argc > 3 ? std::atof (argv[3]) : 60;
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
  const bool received = viewer.WaitFor ([&] { return viewer.frames.size () >= frames; }, timeout_s);
  std::lock_guard<std::mutex> lock (viewer.mutex);
  if (!received) {
    std::fprintf (stderr, "probe: %zu of %zu frames in %.0f s (open %d, closed %d %s)\n",
        viewer.frames.size (), frames, timeout_s, viewer.open, viewer.closed,
        viewer.close_reason.c_str ());
    return 1;
  }
  const auto &first = viewer.frames.front ();
  if (!(first.header.flags & webdesk::protocol::kFlagKeyframe) || first.codec.empty ()) {
    std::fprintf (stderr, "probe: the first frame is not a keyframe with an SPS\n");
    return 1;
  }
  std::printf ("probe: the page, and %zu frames: %ux%u, %s, %llu bytes\n",
      viewer.frames.size (), first.header.width, first.header.height, first.codec.c_str (),
      (unsigned long long) viewer.bytes_received);
  return 0;
}
