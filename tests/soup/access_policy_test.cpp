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
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://127.0.0.1:8080", "127.0.0.1:8080", false));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://LOCALHOST:8080", "localhost:8080", false));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://[::1]:9000", "[::1]:9000", false));
  EXPECT_TRUE (webdesk::IsSameOrigin ("https://desk.example", "desk.example", true));
  EXPECT_TRUE (webdesk::IsSameOrigin ("https://desk.example:443", "desk.example", true));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://desk.example", "desk.example:80", false));
}

TEST (AccessPolicy, ClientsWithoutAnOriginAreNotBrowsersAndMayConnect)
{
  EXPECT_TRUE (webdesk::IsSameOrigin (nullptr, "127.0.0.1:8080", false));
}

TEST (AccessPolicy, OtherSitesMayNot)
{
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://evil.example", "127.0.0.1:8080", false));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://127.0.0.1:8081", "127.0.0.1:8080", false));
  EXPECT_FALSE (webdesk::IsSameOrigin ("null", "127.0.0.1:8080", false));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://127.0.0.1:8080", nullptr, false));
}

TEST (AccessPolicy, TheSchemeIsPartOfTheOrigin)
{
  // An https page is another origin than the http server of the same host and port.
  EXPECT_FALSE (webdesk::IsSameOrigin ("https://127.0.0.1:8080", "127.0.0.1:8080", false));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://desk.example:8443", "desk.example:8443", true));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://desk.example", "desk.example", true));
  EXPECT_FALSE (webdesk::IsSameOrigin ("ws://127.0.0.1:8080", "127.0.0.1:8080", false));
}

TEST (AccessPolicy, SitesOnTheAllowListMayConnectAndNoOthers)
{
  std::vector<std::string> allowed;
  std::string error;
  ASSERT_TRUE (webdesk::ParseOriginList ("https://Portal.example, http://10.0.0.5:8000",
      &allowed, &error)) << error;
  const char *host = "desk.example:8443";
  auto allowed_on_https = [&] (const char *origin) {
    return webdesk::IsAllowedOrigin (origin, host, true, allowed);
  };
  EXPECT_TRUE (allowed_on_https ("https://portal.example"));
  EXPECT_TRUE (allowed_on_https ("https://portal.example:443"));
  EXPECT_TRUE (allowed_on_https ("http://10.0.0.5:8000"));
  EXPECT_TRUE (allowed_on_https ("https://desk.example:8443"));
  EXPECT_FALSE (allowed_on_https ("http://portal.example"));
  EXPECT_FALSE (allowed_on_https ("https://portal.example.evil"));
  EXPECT_FALSE (allowed_on_https ("http://10.0.0.5:8001"));
  EXPECT_FALSE (allowed_on_https ("null"));
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
  std::vector<std::string> origins, names;
  std::string problem;
  auto check = [&] (const char *address, const char *password, const char *view,
                   const char *allowed, const char *server_names = "") {
    return webdesk::CheckAccessSettings (address, password, view, allowed, server_names,
        &origins, &names, &problem);
  };
  EXPECT_TRUE (check ("127.0.0.1", "", "", ""));
  EXPECT_TRUE (check ("0.0.0.0", "secret", "look", ""));
  EXPECT_FALSE (check ("0.0.0.0", "", "", ""));
  EXPECT_NE (problem.find ("without a password"), std::string::npos) << problem;
  EXPECT_FALSE (check ("127.0.0.1", "", "look", ""));
  EXPECT_NE (problem.find ("set password too"), std::string::npos) << problem;
  EXPECT_FALSE (check ("::", "same", "same", ""));
  EXPECT_FALSE (check ("localhost", "", "", ""));
  EXPECT_FALSE (check ("127.0.0.1", "", "", "nope"));
  EXPECT_NE (problem.find ("allowed-origins"), std::string::npos) << problem;
  EXPECT_TRUE (check ("127.0.0.1", "", "", "", "Desk.Example, desk"));
  EXPECT_EQ (names, (std::vector<std::string> {"desk.example", "desk"}));
  EXPECT_FALSE (check ("127.0.0.1", "", "", "", "https://desk.example"));
  EXPECT_NE (problem.find ("server-names"), std::string::npos) << problem;
}

TEST (AccessPolicy, APasswordOpensWhatItIsFor)
{
  using webdesk::Access;
  EXPECT_EQ (webdesk::AccessForPassword ("full", "look", "full"), Access::kFull);
  EXPECT_EQ (webdesk::AccessForPassword ("full", "look", "look"), Access::kView);
  EXPECT_EQ (webdesk::AccessForPassword ("full", "look", "ful"), Access::kNone);
  EXPECT_EQ (webdesk::AccessForPassword ("full", "look", "fullx"), Access::kNone);
  EXPECT_EQ (webdesk::AccessForPassword ("full", "", ""), Access::kNone);
  EXPECT_EQ (webdesk::AccessForPassword ("full", "look", nullptr), Access::kNone);
  EXPECT_EQ (webdesk::AccessForPassword ("", "", ""), Access::kNone) << "no password: no login";
}
