// SPDX-License-Identifier: LGPL-2.1-or-later
// Which Host headers reach the server: its own names only (DNS rebinding).
#include <gtest/gtest.h>

#include "host-policy.h"

using webdesk::HostPolicy;

TEST (HostPolicy, TheHostHeaderIsReadAsAName)
{
  EXPECT_EQ (webdesk::HostOfHeader ("127.0.0.1:8080"), "127.0.0.1");
  EXPECT_EQ (webdesk::HostOfHeader ("LocalHost"), "localhost");
  EXPECT_EQ (webdesk::HostOfHeader ("localhost.:8080"), "localhost");
  EXPECT_EQ (webdesk::HostOfHeader ("[::1]:8080"), "::1");
  EXPECT_EQ (webdesk::HostOfHeader ("[0:0::1]"), "::1");
  for (const char *bad : {"", "a/b", "user@127.0.0.1", "127.0.0.1:80x", "[::1", "a b", "?"}) {
    SCOPED_TRACE (bad);
    EXPECT_EQ (webdesk::HostOfHeader (bad), "");
  }
  EXPECT_EQ (webdesk::HostOfHeader (nullptr), "");
}

TEST (HostPolicy, OnLoopbackLocalNamesAreOurs)
{
  const HostPolicy hosts ("127.0.0.1", "machine", {});
  for (const char *ours : {"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST"}) {
    SCOPED_TRACE (ours);
    EXPECT_TRUE (hosts.Allows (ours));
  }
}

TEST (HostPolicy, ANameRebindingToThisMachineIsNot)
{
  // evil.example's page, its name pointed at 127.0.0.1: same origin to the browser, and
  // before this it got a session (without a password: full control).
  const HostPolicy hosts ("127.0.0.1", "machine", {});
  for (const char *theirs : {"evil.example:8080", "127.0.0.1.evil.example", "machine:8080",
           "192.168.1.5:8080", "", "localhost.evil.example"}) {
    SCOPED_TRACE (theirs);
    EXPECT_FALSE (hosts.Allows (theirs));
  }
  EXPECT_FALSE (hosts.Allows (nullptr)) << "a request without a Host is not for us either";
}

TEST (HostPolicy, OnEveryInterfaceAnAddressOrThisMachinesNameIsOurs)
{
  const HostPolicy hosts ("0.0.0.0", "Machine", {});
  for (const char *ours : {"192.168.1.5:8080", "10.0.0.2", "[fe80::1]:8080", "localhost:8080",
           "machine:8080"}) {
    SCOPED_TRACE (ours);
    EXPECT_TRUE (hosts.Allows (ours));
  }
  EXPECT_FALSE (hosts.Allows ("evil.example:8080"));
}

TEST (HostPolicy, OnOneAddressThatAddressAndTheNamesGivenAreOurs)
{
  std::vector<std::string> names;
  std::string error;
  ASSERT_TRUE (webdesk::ParseServerNames ("Desk.Example, desk fe80::1", &names, &error)) << error;
  const HostPolicy hosts ("192.168.1.5", "machine", names);
  for (const char *ours : {"192.168.1.5:8443", "desk.example:8443", "desk", "[fe80::1]:8443"}) {
    SCOPED_TRACE (ours);
    EXPECT_TRUE (hosts.Allows (ours));
  }
  for (const char *theirs : {"10.0.0.2", "localhost", "127.0.0.1", "machine", "x.desk.example"}) {
    SCOPED_TRACE (theirs);
    EXPECT_FALSE (hosts.Allows (theirs));
  }
}

TEST (HostPolicy, AServerNameIsANameNotAUrl)
{
  std::vector<std::string> names;
  std::string error;
  for (const char *bad : {"https://desk.example", "desk.example:8443", "desk.example/x", "a b/c"}) {
    SCOPED_TRACE (bad);
    EXPECT_FALSE (webdesk::ParseServerNames (bad, &names, &error));
    EXPECT_NE (error.find ("not a host name"), std::string::npos) << error;
  }
  EXPECT_TRUE (webdesk::ParseServerNames ("", &names, &error));
  EXPECT_TRUE (names.empty ());
}
