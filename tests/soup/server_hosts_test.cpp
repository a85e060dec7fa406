// SPDX-License-Identifier: LGPL-2.1-or-later
// Who reaches the server by which name (docs/protocol.md, "Transport"): a request for a Host
// that is not one of the server's names gets nothing (DNS rebinding); the WebSocket's Origin is
// compared by scheme, host and port, and given twice it is refused. Hand-made requests on raw
// sockets, against the server without GStreamer.
#include <gtest/gtest.h>

#include <atomic>

#include "frame-server.h"
#include "raw-http.h"

using webdesk::testing::RawGet;
using webdesk::testing::UpgradeHeaders;

namespace {

class CountingListener : public webdesk::FrameServer::Listener {
 public:
  void OnClientConnected (uint64_t, const std::string &, int) override { connected++; }
  void OnClientDisconnected (uint64_t, uint16_t, const std::string &, int) override {}
  void OnKeyframeNeeded () override {}
  void OnAll444Changed (bool) override {}
  void OnClientMessage (uint64_t, const webdesk::ClientMessage &) override {}
  void OnLoginFailed (const std::string &, bool) override { failed_logins++; }
  std::atomic<int> connected {0};
  std::atomic<int> failed_logins {0};
};

class ServerHosts : public ::testing::Test {
 protected:
  void Start (webdesk::ServerConfig config = {})
  {
    config.port = 0;
    server_ = std::make_unique<webdesk::FrameServer> (config, &listener_);
    std::string error;
    ASSERT_TRUE (server_->Start (&error)) << error;
    port_ = server_->port ();
  }
  void TearDown () override
  {
    if (server_)
      server_->Stop ();
  }
  std::string Port () const { return std::to_string (port_); }

  CountingListener listener_;
  std::unique_ptr<webdesk::FrameServer> server_;
  int port_ = 0;
};

}  // namespace

TEST_F (ServerHosts, APageOfAnotherSiteRebindingItsNameToThisMachineGetsNothing)
{
  // The attacker's page at http://evil.example:PORT, its name then pointed at 127.0.0.1: to
  // the browser its WebSocket is same-origin, and it got a session (a terminal, no password).
  Start ();
  const std::string evil = "Host: evil.example:" + Port () + "\r\n";
  EXPECT_EQ (RawGet (port_, "/", evil).status, 403);
  EXPECT_EQ (RawGet (port_, "/src/main.js", evil).status, 403);
  const auto upgrade = RawGet (port_, "/ws",
      evil + "Origin: http://evil.example:" + Port () + "\r\n" + UpgradeHeaders ());
  EXPECT_EQ (upgrade.status, 403);
  EXPECT_NE (upgrade.body.find ("evil.example"), std::string::npos) << upgrade.body;
  EXPECT_EQ (listener_.connected.load (), 0);
  // Its own names still work.
  EXPECT_EQ (RawGet (port_, "/", "Host: localhost:" + Port () + "\r\n").status, 200);
  EXPECT_EQ (RawGet (port_, "/ws", "Host: 127.0.0.1:" + Port () + "\r\nOrigin: http://127.0.0.1:" +
      Port () + "\r\n" + UpgradeHeaders ()).status, 101);
}

TEST_F (ServerHosts, WithAPasswordAnotherHostIsRefusedBeforeTheLogin)
{
  // No login prompt for the attacker's page, and no failed login counted against the address
  // (that would lock its owner out).
  webdesk::ServerConfig config;
  config.password = "s3cret";
  Start (config);
  const auto wrong = RawGet (port_, "/",
      "Host: evil.example\r\nAuthorization: Basic dmlld2VyOndyb25n\r\n");  // viewer:wrong
  EXPECT_EQ (wrong.status, 403);
  EXPECT_EQ (wrong.head.find ("WWW-Authenticate"), std::string::npos) << wrong.head;
  EXPECT_EQ (listener_.failed_logins.load (), 0);
  EXPECT_EQ (RawGet (port_, "/").status, 401) << "its own name still asks for the password";
}

TEST_F (ServerHosts, NamesGivenToTheServerAreItsOwn)
{
  webdesk::ServerConfig config;
  config.server_names = {"desk.example"};
  Start (config);
  EXPECT_EQ (RawGet (port_, "/", "Host: desk.example:" + Port () + "\r\n").status, 200);
  EXPECT_EQ (RawGet (port_, "/ws", "Host: desk.example:" + Port () +
      "\r\nOrigin: http://desk.example:" + Port () + "\r\n" + UpgradeHeaders ()).status, 101);
  EXPECT_EQ (RawGet (port_, "/", "Host: other.example\r\n").status, 403);
}

TEST_F (ServerHosts, AnOriginIsComparedBySchemeHostAndPort)
{
  Start ();
  const std::string host = "Host: 127.0.0.1:" + Port () + "\r\n";
  auto upgrade = [&] (const std::string &origin_lines) {
    return RawGet (port_, "/ws", host + origin_lines + UpgradeHeaders ()).status;
  };
  // https://… is another origin than this http server, though host and port are the same.
  EXPECT_EQ (upgrade ("Origin: https://127.0.0.1:" + Port () + "\r\n"), 403);
  EXPECT_EQ (upgrade ("Origin: http://127.0.0.1:1\r\n"), 403);
  EXPECT_EQ (upgrade ("Origin: http://127.0.0.1:" + Port () + "\r\n"), 101);
  // Two Origins (another site's, then ours): the last one won; now neither does.
  EXPECT_EQ (upgrade ("Origin: http://evil.example\r\nOrigin: http://127.0.0.1:" + Port () +
      "\r\n"), 403);
  EXPECT_EQ (RawGet (port_, "/", host + "Host: 127.0.0.1:" + Port () + "\r\n").status, 400)
      << "two Host headers";
}
