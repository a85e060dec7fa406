// SPDX-License-Identifier: LGPL-2.1-or-later
// See login-throttle.h.
#include "login-throttle.h"

#include <algorithm>

namespace webdesk {

void
LoginThrottle::Expire (int64_t now_us)
{
  for (auto it = entries_.begin (); it != entries_.end ();) {
    if (now_us - it->second.last_failure_us >= policy_.forget_after_us &&
        now_us >= it->second.locked_until_us)
      it = entries_.erase (it);
    else
      ++it;
  }
}

int64_t
LoginThrottle::LockedOutFor (const std::string &address, int64_t now_us)
{
  auto it = entries_.find (address);
  if (it == entries_.end ())
    return 0;
  return std::max<int64_t> (0, it->second.locked_until_us - now_us);
}

void
LoginThrottle::Failed (const std::string &address, int64_t now_us)
{
  auto it = entries_.find (address);
  if (it == entries_.end ()) {
    Expire (now_us);
    if (entries_.size () >= policy_.max_addresses) {
      // Many addresses at once: drop the one that failed longest ago.
      auto stalest = std::min_element (entries_.begin (), entries_.end (),
          [] (const auto &a, const auto &b) {
            return a.second.last_failure_us < b.second.last_failure_us;
          });
      entries_.erase (stalest);
    }
    it = entries_.emplace (address, Entry {}).first;
  } else if (now_us - it->second.last_failure_us >= policy_.forget_after_us) {
    it->second = Entry {};
  }
  Entry &e = it->second;
  e.failures++;
  e.last_failure_us = now_us;
  const int over = e.failures - policy_.free_failures;
  if (over <= 0)
    return;
  int64_t lockout = policy_.first_lockout_us;
  for (int i = 1; i < over && lockout < policy_.max_lockout_us; i++)
    lockout *= 2;
  e.locked_until_us = now_us + std::min (lockout, policy_.max_lockout_us);
}

void
LoginThrottle::Succeeded (const std::string &address)
{
  entries_.erase (address);
}

}  // namespace webdesk
