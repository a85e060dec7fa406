// SPDX-License-Identifier: LGPL-2.1-or-later
// Slows down password guessing: failed logins are counted per remote address; after a few, that
// address is locked out for a while, twice as long after each further failure (up to a cap).
// While locked out every request from it is refused (429 with Retry-After) without looking at
// the password, so guessing gets no faster by sending more. A success, or a long quiet spell,
// forgets the failures. Time is passed in (microseconds, any monotonic origin).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace webdesk {

struct ThrottlePolicy {
  int free_failures = 5;                         // failures allowed before any lock-out
  int64_t first_lockout_us = 1000000;            // after the first failure past those
  int64_t max_lockout_us = 300 * 1000000LL;      // doubling stops here
  int64_t forget_after_us = 15 * 60 * 1000000LL;  // failures this old no longer count
  size_t max_addresses = 4096;                   // tracked at once; the stalest goes first
};

class LoginThrottle {
 public:
  explicit LoginThrottle (ThrottlePolicy policy = {}) : policy_ (policy) {}

  // 0 when `address` may try to log in now, else how long it must still wait (us).
  int64_t LockedOutFor (const std::string &address, int64_t now_us);
  // A wrong password from `address`.
  void Failed (const std::string &address, int64_t now_us);
  // A right password from `address`: its failures are forgotten.
  void Succeeded (const std::string &address);

  size_t tracked () const { return entries_.size (); }

 private:
  struct Entry {
    int failures = 0;
    int64_t last_failure_us = 0;
    int64_t locked_until_us = 0;
  };
  void Expire (int64_t now_us);

  ThrottlePolicy policy_;
  std::map<std::string, Entry> entries_;
};

}  // namespace webdesk
