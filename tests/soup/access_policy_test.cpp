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
