// SPDX-License-Identifier: LGPL-2.1-or-later
// Where the sink may listen without a password, and which WebSocket handshakes it accepts by
// Origin.
#include <gtest/gtest.h>

#include "access-policy.h"

TEST (AccessPolicy, OnlyLoopbackAddressesAreLoopback)
{
  bool loopback = false;
  std::string error;
  ASSERT_TRUE (webdesk::IsLoopbackAddress ("127.0.0.1", &loopback, &error));
  EXPECT_TRUE (loopback);
  ASSERT_TRUE (webdesk::IsLoopbackAddress ("::1", &loopback, &error));
  EXPECT_TRUE (loopback);
  ASSERT_TRUE (webdesk::IsLoopbackAddress ("0.0.0.0", &loopback, &error));
  EXPECT_FALSE (loopback);
  ASSERT_TRUE (webdesk::IsLoopbackAddress ("192.168.1.2", &loopback, &error));
  EXPECT_FALSE (loopback);
  EXPECT_FALSE (webdesk::IsLoopbackAddress ("localhost", &loopback, &error));
  EXPECT_NE (error.find ("not an IP address"), std::string::npos);
}

TEST (AccessPolicy, ThePageTheServerServedMayConnect)
{
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://LOCALHOST:8080", "localhost:8080"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://[::1]:9000", "[::1]:9000"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("https://desk.example", "desk.example"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://desk.example", "desk.example:80"));
}

TEST (AccessPolicy, ClientsWithoutAnOriginAreNotBrowsersAndMayConnect)
{
  EXPECT_TRUE (webdesk::IsSameOrigin (nullptr, "127.0.0.1:8080"));
}

TEST (AccessPolicy, OtherSitesMayNot)
{
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://evil.example", "127.0.0.1:8080"));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://127.0.0.1:8081", "127.0.0.1:8080"));
  EXPECT_FALSE (webdesk::IsSameOrigin ("null", "127.0.0.1:8080"));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://127.0.0.1:8080", nullptr));
}

TEST (AccessPolicy, SitesOnTheAllowListMayConnectAndNoOthers)
{
  std::vector<std::string> allowed;
  std::string error;
  ASSERT_TRUE (webdesk::ParseOriginList ("https://Portal.example, http://10.0.0.5:8000",
      &allowed, &error)) << error;
  const char *host = "desk.example:8443";
  EXPECT_TRUE (webdesk::IsAllowedOrigin ("https://portal.example", host, allowed));
  EXPECT_TRUE (webdesk::IsAllowedOrigin ("https://portal.example:443", host, allowed));
  EXPECT_TRUE (webdesk::IsAllowedOrigin ("http://10.0.0.5:8000", host, allowed));
  EXPECT_TRUE (webdesk::IsAllowedOrigin ("https://desk.example:8443", host, allowed));
  EXPECT_FALSE (webdesk::IsAllowedOrigin ("http://portal.example", host, allowed));
  EXPECT_FALSE (webdesk::IsAllowedOrigin ("https://portal.example.evil", host, allowed));
  EXPECT_FALSE (webdesk::IsAllowedOrigin ("http://10.0.0.5:8001", host, allowed));
  EXPECT_FALSE (webdesk::IsAllowedOrigin ("null", host, allowed));
}

TEST (AccessPolicy, AnAllowListEntryThatIsNotAnOriginIsRefusedWithAReason)
{
  std::vector<std::string> allowed;
  std::string error;
  EXPECT_FALSE (webdesk::ParseOriginList ("https://ok.example portal.example", &allowed, &error));
  EXPECT_NE (error.find ("portal.example"), std::string::npos) << error;
  EXPECT_FALSE (webdesk::ParseOriginList ("https://a.example/page", &allowed, &error));
  EXPECT_FALSE (webdesk::ParseOriginList ("ftp://a.example", &allowed, &error));
  EXPECT_TRUE (webdesk::ParseOriginList ("", &allowed, &error));
  EXPECT_TRUE (allowed.empty ());
}

TEST (AccessPolicy, SettingsThatWouldExposeTheDesktopAreRefused)
{
  std::vector<std::string> origins;
  std::string problem;
  EXPECT_TRUE (webdesk::CheckAccessSettings ("127.0.0.1", "", "", "", &origins, &problem));
  EXPECT_TRUE (webdesk::CheckAccessSettings ("0.0.0.0", "secret", "look", "", &origins, &problem));
  EXPECT_FALSE (webdesk::CheckAccessSettings ("0.0.0.0", "", "", "", &origins, &problem));
  EXPECT_NE (problem.find ("without a password"), std::string::npos) << problem;
  EXPECT_FALSE (webdesk::CheckAccessSettings ("127.0.0.1", "", "look", "", &origins, &problem));
  EXPECT_NE (problem.find ("set password too"), std::string::npos) << problem;
  EXPECT_FALSE (webdesk::CheckAccessSettings ("::", "same", "same", "", &origins, &problem));
  EXPECT_FALSE (webdesk::CheckAccessSettings ("localhost", "", "", "", &origins, &problem));
  EXPECT_FALSE (webdesk::CheckAccessSettings ("127.0.0.1", "", "", "nope", &origins, &problem));
  EXPECT_NE (problem.find ("allowed-origins"), std::string::npos) << problem;
}
