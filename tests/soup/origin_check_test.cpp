// Which WebSocket handshakes the sink accepts by Origin.
#include <gtest/gtest.h>

#include "origin-check.h"

TEST (OriginCheck, ThePageTheServerServedMayConnect)
{
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://LOCALHOST:8080", "localhost:8080"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://[::1]:9000", "[::1]:9000"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("https://desk.example", "desk.example"));
  EXPECT_TRUE (webdesk::IsSameOrigin ("http://desk.example", "desk.example:80"));
}

TEST (OriginCheck, ClientsWithoutAnOriginAreNotBrowsersAndMayConnect)
{
  EXPECT_TRUE (webdesk::IsSameOrigin (nullptr, "127.0.0.1:8080"));
}

TEST (OriginCheck, OtherSitesMayNot)
{
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://evil.example", "127.0.0.1:8080"));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://127.0.0.1:8081", "127.0.0.1:8080"));
  EXPECT_FALSE (webdesk::IsSameOrigin ("null", "127.0.0.1:8080"));
  EXPECT_FALSE (webdesk::IsSameOrigin ("http://127.0.0.1:8080", nullptr));
}
