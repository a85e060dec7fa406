// SPDX-License-Identifier: LGPL-2.1-or-later
// Failed logins per address: a few are free, then the address waits, twice as long each time.
#include <gtest/gtest.h>

#include "login-throttle.h"

namespace {

constexpr int64_t kSecond = 1000000;

webdesk::ThrottlePolicy
Policy ()
{
  webdesk::ThrottlePolicy p;
  p.free_failures = 3;
  p.first_lockout_us = 1 * kSecond;
  p.max_lockout_us = 8 * kSecond;
  p.forget_after_us = 600 * kSecond;
  return p;
}

}  // namespace

TEST (LoginThrottle, AFewWrongPasswordsCostNothing)
{
  webdesk::LoginThrottle t (Policy ());
  for (int i = 0; i < 3; i++) {
    EXPECT_EQ (t.LockedOutFor ("10.0.0.1", i), 0);
    t.Failed ("10.0.0.1", i);
  }
  EXPECT_EQ (t.LockedOutFor ("10.0.0.1", 3), 0);
}

TEST (LoginThrottle, EachFurtherFailureDoublesTheWaitUpToTheCap)
{
  webdesk::LoginThrottle t (Policy ());
  int64_t now = 0;
  for (int i = 0; i < 3; i++)
    t.Failed ("10.0.0.1", now);
  const int64_t expected[] = {1, 2, 4, 8, 8, 8};
  for (int64_t seconds : expected) {
    t.Failed ("10.0.0.1", now);
    EXPECT_EQ (t.LockedOutFor ("10.0.0.1", now), seconds * kSecond);
    EXPECT_GT (t.LockedOutFor ("10.0.0.1", now + seconds * kSecond - 1), 0);
    now += seconds * kSecond;  // waits it out, then guesses again
    EXPECT_EQ (t.LockedOutFor ("10.0.0.1", now), 0);
  }
}

TEST (LoginThrottle, OtherAddressesAreNotLockedOut)
{
  webdesk::LoginThrottle t (Policy ());
  for (int i = 0; i < 10; i++)
    t.Failed ("10.0.0.1", 0);
  EXPECT_GT (t.LockedOutFor ("10.0.0.1", 0), 0);
  EXPECT_EQ (t.LockedOutFor ("10.0.0.2", 0), 0);
}

TEST (LoginThrottle, TheRightPasswordForgetsTheFailures)
{
  webdesk::LoginThrottle t (Policy ());
  for (int i = 0; i < 3; i++)
    t.Failed ("10.0.0.1", 0);
  t.Succeeded ("10.0.0.1");
  t.Failed ("10.0.0.1", 0);
  EXPECT_EQ (t.LockedOutFor ("10.0.0.1", 0), 0);
}

TEST (LoginThrottle, OldFailuresAreForgotten)
{
  webdesk::LoginThrottle t (Policy ());
  for (int i = 0; i < 3; i++)
    t.Failed ("10.0.0.1", 0);
  t.Failed ("10.0.0.1", 600 * kSecond);  // ten minutes later: the first of a new count
  EXPECT_EQ (t.LockedOutFor ("10.0.0.1", 600 * kSecond), 0);
}

TEST (LoginThrottle, ManyAddressesDoNotGrowWithoutBound)
{
  webdesk::ThrottlePolicy p = Policy ();
  p.max_addresses = 100;
  webdesk::LoginThrottle t (p);
  for (int i = 0; i < 1000; i++)
    t.Failed ("10.0." + std::to_string (i / 256) + "." + std::to_string (i % 256), i);
  EXPECT_LE (t.tracked (), 100u);
}
