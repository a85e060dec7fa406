// SPDX-License-Identifier: LGPL-2.1-or-later
// See connection-limits.h.
#include "connection-limits.h"

namespace webdesk {

bool
AddressCounter::Admit (const std::string &address)
{
  size_t &n = counts_[address];
  if (n >= max_) {
    if (n == 0)
      counts_.erase (address);
    return false;
  }
  n++;
  return true;
}

void
AddressCounter::Release (const std::string &address)
{
  auto it = counts_.find (address);
  if (it == counts_.end ())
    return;
  if (--it->second == 0)
    counts_.erase (it);
}

size_t
AddressCounter::count (const std::string &address) const
{
  auto it = counts_.find (address);
  return it == counts_.end () ? 0 : it->second;
}

}  // namespace webdesk
