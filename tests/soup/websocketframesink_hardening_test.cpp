// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink against clients that misbehave on purpose (docs/protocol.md, "Closing"):
// whatever one client sends, that client is closed with a documented code and the session
// goes on for the others. Real WebSocket clients (libsoup) against a real pipeline.
#include <gtest/gtest.h>

#include "sink_pipeline.h"
#include "ws-test-client.h"

using webdesk::testing::Pipeline;
using webdesk::testing::WsTestClient;

namespace {

// The number of frames `client` has received so far.
size_t
FramesOf (WsTestClient &client)
{
  std::lock_guard<std::mutex> lock (client.mutex);
  return client.frames.size ();
}

// `watcher` keeps receiving: the session survived whatever the others did.
void
ExpectStillStreaming (WsTestClient &watcher)
{
  const size_t before = FramesOf (watcher);
  EXPECT_TRUE (watcher.WaitFor ([&] { return watcher.frames.size () >= before + 10; }))
      << "the well-behaved viewer stopped receiving";
  std::lock_guard<std::mutex> lock (watcher.mutex);
  EXPECT_FALSE (watcher.closed) << watcher.close_reason;
}

void
ExpectClosedWith (WsTestClient &client, uint16_t code, const char *reason_part)
{
  ASSERT_TRUE (client.WaitFor ([&] { return client.closed; })) << "not closed";
  std::lock_guard<std::mutex> lock (client.mutex);
  EXPECT_EQ (client.close_code, code) << client.close_reason;
  EXPECT_NE (client.close_reason.find (reason_part), std::string::npos) << client.close_reason;
}

}  // namespace

TEST (WebsocketFrameSinkHardening, DeeplyNestedJsonClosesOnlyItsClient)
{
  // 100,000 nested brackets (200 KB, under the size limit) crashed the whole session, sent
  // before a hello or by a view-only login alike.
  Pipeline p ("password=full view-password=view");
  ASSERT_TRUE (p.Play ());
  WsTestClient watcher (p.port, {.password = "full"});
  ASSERT_TRUE (watcher.WaitFor ([&] { return !watcher.frames.empty (); }));

  WsTestClient before_hello (p.port, {.send_hello = false, .password = "view"});
  WsTestClient view_only (p.port, {.password = "view"});
  ASSERT_TRUE (before_hello.WaitFor ([&] { return before_hello.open; }));
  ASSERT_TRUE (view_only.WaitFor ([&] { return !view_only.frames.empty (); }));
  const std::string brackets (100000, '[');
  before_hello.SendText (brackets);
  view_only.SendText (R"({"type":"ping","id":1,"x":)" + brackets);
  ExpectClosedWith (before_hello, 1007, "nested");
  ExpectClosedWith (view_only, 1007, "nested");
  ExpectStillStreaming (watcher);
}
