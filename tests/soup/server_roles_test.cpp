// SPDX-License-Identifier: LGPL-2.1-or-later
// Roles and logins on the real server with real libsoup clients: only the controller's input
// reaches the pipeline, every client hears its role, control passes on and can be taken,
// view-only logins never control, wrong passwords are refused before the WebSocket opens and
// repeated ones are throttled.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "frame-server.h"
#include "ws-test-client.h"

using webdesk::testing::WsTestClient;

namespace {

// Records the input the server passes on to the pipeline.
class InputListener : public webdesk::FrameServer::Listener {
 public:
  void OnClientConnected (uint64_t, const std::string &, int) override {}
  void OnClientDisconnected (uint64_t, uint16_t, const std::string &, int) override {}
  void OnKeyframeNeeded () override {}
  void OnAll444Changed (bool) override {}
  void OnClientMessage (uint64_t id, const webdesk::ClientMessage &m) override
  {
    std::lock_guard<std::mutex> lock (mutex);
    inputs.push_back ({id, m});
  }
  void OnLoginFailed (const std::string &, bool locked_out) override
  {
    std::lock_guard<std::mutex> lock (mutex);
    failures++;
    lockouts += locked_out;
  }

  // Waits until `done` holds (under the lock).
  bool WaitFor (const std::function<bool ()> &done)
  {
    for (int i = 0; i < 1000; i++) {
      {
        std::lock_guard<std::mutex> lock (mutex);
        if (done ())
          return true;
      }
      std::this_thread::sleep_for (std::chrono::milliseconds (10));
    }
    return false;
  }
  std::vector<std::string> Keys (webdesk::ClientMessageType type)
  {
    std::lock_guard<std::mutex> lock (mutex);
    std::vector<std::string> keys;
    for (auto &[id, m] : inputs) {
      if (m.type == type)
        keys.push_back (m.key);
    }
    return keys;
  }

  std::mutex mutex;
  std::vector<std::pair<uint64_t, webdesk::ClientMessage>> inputs;
  int failures = 0;
  int lockouts = 0;
};

std::string
KeyDown (const char *key, int code)
{
  return std::string (R"({"type":"key-down","key":")") + key + R"(","code":)" +
         std::to_string (code) + "}";
}

// The last role message a client got, or "".
std::string
LastRole (WsTestClient &c)
{
  std::lock_guard<std::mutex> lock (c.mutex);
  for (auto it = c.texts.rbegin (); it != c.texts.rend (); ++it) {
    if (it->find (R"("type":"role")") != std::string::npos)
      return *it;
  }
  return "";
}

bool
WaitForRole (WsTestClient &c, const std::string &part)
{
  return c.WaitFor ([&] {
    for (auto it = c.texts.rbegin (); it != c.texts.rend (); ++it) {
      if (it->find (R"("type":"role")") != std::string::npos)
        return it->find (part) != std::string::npos;
    }
    return false;
  });
}

struct Server {
  explicit Server (webdesk::ServerConfig config) : server (Config (config), &listener)
  {
    std::string error;
    started = server.Start (&error);
    EXPECT_TRUE (started) << error;
  }
  static webdesk::ServerConfig Config (webdesk::ServerConfig c)
  {
    c.port = 0;
    return c;
  }
  InputListener listener;
  webdesk::FrameServer server;
  bool started = false;
};

}  // namespace

TEST (ServerRoles, OnlyTheControllersKeysReachThePipeline)
{
  Server s ({});
  WsTestClient first (s.server.port (), {});
  ASSERT_TRUE (WaitForRole (first, R"("role":"control")"));
  WsTestClient second (s.server.port (), {});
  ASSERT_TRUE (WaitForRole (second, R"("role":"view","can_control":true)"));
  second.SendText (KeyDown ("b", 48));
  first.SendText (KeyDown ("a", 30));
  ASSERT_TRUE (s.listener.WaitFor ([&] { return !s.listener.inputs.empty (); }));
  // The viewer's key was sent first, on its own connection; give it every chance to arrive.
  std::this_thread::sleep_for (std::chrono::milliseconds (200));
  EXPECT_EQ (s.listener.Keys (webdesk::ClientMessageType::kKeyDown),
      std::vector<std::string> {"a"});
}

TEST (ServerRoles, ControlPassesOnWhenTheControllerLeavesAndItsKeysAreReleased)
{
  Server s ({});
  auto first = std::make_unique<WsTestClient> (s.server.port (), WsTestClient::Options {});
  ASSERT_TRUE (WaitForRole (*first, R"("role":"control")"));
  WsTestClient second (s.server.port (), {});
  ASSERT_TRUE (WaitForRole (second, R"("role":"view")"));
  first->SendText (KeyDown ("Shift_L", 42));
  ASSERT_TRUE (s.listener.WaitFor ([&] { return s.listener.inputs.size () == 1; }));
  first->Close ();
  ASSERT_TRUE (WaitForRole (second, R"("role":"control")")) << LastRole (second);
  EXPECT_EQ (s.listener.Keys (webdesk::ClientMessageType::kKeyUp),
      std::vector<std::string> {"Shift_L"});
  second.SendText (KeyDown ("c", 46));
  EXPECT_TRUE (s.listener.WaitFor ([&] { return s.listener.inputs.size () == 3; }));
}

TEST (ServerRoles, AViewerCanTakeControl)
{
  Server s ({});
  WsTestClient first (s.server.port (), {});
  ASSERT_TRUE (WaitForRole (first, R"("role":"control")"));
  WsTestClient second (s.server.port (), {});
  ASSERT_TRUE (WaitForRole (second, R"("role":"view")"));
  second.SendText (R"({"type":"control","action":"take"})");
  ASSERT_TRUE (WaitForRole (second, R"("role":"control")"));
  ASSERT_TRUE (WaitForRole (first, R"("role":"view")"));
  first.SendText (KeyDown ("a", 30));
  second.SendText (KeyDown ("b", 48));
  ASSERT_TRUE (s.listener.WaitFor ([&] { return !s.listener.inputs.empty (); }));
  std::this_thread::sleep_for (std::chrono::milliseconds (200));
  EXPECT_EQ (s.listener.Keys (webdesk::ClientMessageType::kKeyDown),
      std::vector<std::string> {"b"});
}

TEST (ServerRoles, AViewOnlyLoginNeverControls)
{
  webdesk::ServerConfig config;
  config.password = "full secret";
  config.view_password = "look only";
  Server s (config);
  WsTestClient::Options view_only;
  view_only.password = "look only";
  WsTestClient viewer (s.server.port (), view_only);
  // Alone, and still a viewer: nobody controls.
  ASSERT_TRUE (WaitForRole (viewer, R"("role":"view","can_control":false,"controller":null)"));
  viewer.SendText (R"({"type":"control","action":"take"})");
  viewer.SendText (KeyDown ("a", 30));
  viewer.SendText (R"({"type":"resize","width":800,"height":600})");
  viewer.SendText (R"({"type":"clipboard","text":"x"})");
  WsTestClient::Options full;
  full.password = "full secret";
  WsTestClient controller (s.server.port (), full);
  ASSERT_TRUE (WaitForRole (controller, R"("role":"control")"));
  controller.SendText (KeyDown ("b", 48));
  ASSERT_TRUE (s.listener.WaitFor ([&] { return !s.listener.inputs.empty (); }));
  EXPECT_EQ (s.listener.Keys (webdesk::ClientMessageType::kKeyDown),
      std::vector<std::string> {"b"});
  std::lock_guard<std::mutex> lock (s.listener.mutex);
  EXPECT_EQ (s.listener.inputs.size (), 1u) << "the viewer's resize and clipboard are dropped";
}

TEST (ServerLogin, AWrongPasswordIsRefusedBeforeTheWebSocketOpens)
{
  webdesk::ServerConfig config;
  config.password = "right";
  Server s (config);
  EXPECT_EQ (webdesk::testing::HttpGet (s.server.port (), "/ws", nullptr, nullptr, "wrong"), 401);
  WsTestClient::Options wrong;
  wrong.password = "wrong";
  WsTestClient client (s.server.port (), wrong);
  ASSERT_TRUE (client.WaitFor ([&] { return client.failed || client.open; }));
  EXPECT_TRUE (client.failed);
  EXPECT_FALSE (client.open);
  EXPECT_EQ (s.server.Stats ().clients, 0);
  std::lock_guard<std::mutex> lock (s.listener.mutex);
  EXPECT_EQ (s.listener.failures, 2);
}

TEST (ServerLogin, RepeatedFailuresAreThrottledEvenForTheRightPassword)
{
  webdesk::ServerConfig config;
  config.password = "right";
  config.login_throttle.free_failures = 3;
  config.login_throttle.first_lockout_us = 600 * 1000;
  Server s (config);
  const int port = s.server.port ();
  EXPECT_EQ (webdesk::testing::HttpGet (port, "/", nullptr, nullptr), 401) << "no password: asked";
  for (int i = 0; i < 3; i++)
    EXPECT_EQ (webdesk::testing::HttpGet (port, "/", nullptr, nullptr, "guess"), 401);
  EXPECT_EQ (webdesk::testing::HttpGet (port, "/", nullptr, nullptr, "guess"), 401);
  // Now locked out for 0.6 s: even the right password waits.
  std::string body;
  EXPECT_EQ (webdesk::testing::HttpGet (port, "/", &body, nullptr, "right"), 429);
  EXPECT_NE (body.find ("Too many failed logins"), std::string::npos) << body;
  std::this_thread::sleep_for (std::chrono::milliseconds (700));
  EXPECT_EQ (webdesk::testing::HttpGet (port, "/", nullptr, nullptr, "right"), 200);
  std::lock_guard<std::mutex> lock (s.listener.mutex);
  EXPECT_EQ (s.listener.failures, 4) << "asking without a password is not a failure";
  EXPECT_EQ (s.listener.lockouts, 1);
}

TEST (ServerLogin, PagesOfAllowedSitesMayConnect)
{
  webdesk::ServerConfig config;
  config.allowed_origins = {"https://portal.example:443"};
  Server s (config);
  WsTestClient::Options allowed;
  allowed.origin = "https://portal.example";
  WsTestClient portal (s.server.port (), allowed);
  WsTestClient::Options other;
  other.origin = "https://evil.example";
  WsTestClient evil (s.server.port (), other);
  EXPECT_TRUE (portal.WaitFor ([&] { return portal.open; }));
  EXPECT_TRUE (evil.WaitFor ([&] { return evil.failed; }));
}

// libsoup 3.2 runs no early handler for a request that passed authentication: with a password,
// another site's page that the browser gives the right credentials to must still be refused.
TEST (ServerLogin, AnotherSitesPageIsRefusedEvenWithTheRightPassword)
{
  webdesk::ServerConfig config;
  config.password = "right";
  Server s (config);
  WsTestClient::Options other;
  other.password = "right";
  other.origin = "http://evil.example";
  WsTestClient evil (s.server.port (), other);
  WsTestClient::Options own;
  own.password = "right";
  own.origin = "http://127.0.0.1:" + std::to_string (s.server.port ());
  WsTestClient page (s.server.port (), own);
  ASSERT_TRUE (evil.WaitFor ([&] { return evil.failed || evil.open; }));
  EXPECT_TRUE (evil.failed);
  EXPECT_FALSE (evil.open);
  EXPECT_TRUE (page.WaitFor ([&] { return page.open; }));
}
