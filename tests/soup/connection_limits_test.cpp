// SPDX-License-Identifier: LGPL-2.1-or-later
// How many HTTP connections one address may hold open at once.
#include <gtest/gtest.h>

#include "connection-limits.h"

TEST (ConnectionLimits, AnAddressGetsAsManyConnectionsAsTheCapAndNoMore)
{
  webdesk::AddressCounter counter (3);
  for (int i = 0; i < 3; i++)
    EXPECT_TRUE (counter.Admit ("10.0.0.1"));
  EXPECT_FALSE (counter.Admit ("10.0.0.1"));
  EXPECT_EQ (counter.count ("10.0.0.1"), 3u) << "a refused connection is not counted";
  EXPECT_TRUE (counter.Admit ("10.0.0.2")) << "other addresses are not affected";
  counter.Release ("10.0.0.1");
  EXPECT_TRUE (counter.Admit ("10.0.0.1")) << "one closed, one more may open";
}

TEST (ConnectionLimits, AddressesWithNothingOpenAreForgotten)
{
  webdesk::AddressCounter counter (2);
  for (int i = 0; i < 1000; i++) {
    const std::string address = "10.0." + std::to_string (i / 256) + "." + std::to_string (i % 256);
    ASSERT_TRUE (counter.Admit (address));
    counter.Release (address);
  }
  EXPECT_EQ (counter.addresses (), 0u);
  counter.Release ("10.9.9.9");  // never admitted: nothing happens
  EXPECT_EQ (counter.addresses (), 0u);
}
