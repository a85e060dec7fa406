// SPDX-License-Identifier: GPL-2.0-or-later
// StripePool: every stripe runs once, on several threads at once, and Run returns only when all
// are done; a pool of one runs everything on the caller's thread.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "stripe-pool.h"

using webdesk::StripePool;

TEST (StripePool, RunsEveryStripeOnceAndWaitsForAll)
{
  StripePool pool (4);
  for (int round = 0; round < 50; round++) {
    std::vector<std::atomic<int>> runs (37);
    pool.Run (37, [&] (int i) {
      if (i % 5 == 0)
        std::this_thread::sleep_for (std::chrono::microseconds (200));
      runs[size_t (i)]++;
    });
    for (size_t i = 0; i < runs.size (); i++)
      ASSERT_EQ (runs[i].load (), 1) << "round " << round << ", stripe " << i;
  }
}

TEST (StripePool, UsesMoreThanOneThread)
{
  StripePool pool (3);
  std::mutex lock;
  std::set<std::thread::id> seen;
  std::atomic<int> inside{0}, most{0};
  pool.Run (12, [&] (int) {
    const int now = ++inside;
    int m = most.load ();
    while (now > m && !most.compare_exchange_weak (m, now)) {
    }
    // Long enough that the other threads pick up stripes meanwhile.
    std::this_thread::sleep_for (std::chrono::milliseconds (20));
    --inside;
    std::lock_guard<std::mutex> g (lock);
    seen.insert (std::this_thread::get_id ());
  });
  EXPECT_GE (seen.size (), 2u);
  EXPECT_GE (most.load (), 2);
}

TEST (StripePool, OneThreadIsTheCallers)
{
  StripePool pool (1);
  EXPECT_EQ (pool.threads (), 1);
  const auto caller = std::this_thread::get_id ();
  int runs = 0;
  pool.Run (5, [&] (int) {
    EXPECT_EQ (std::this_thread::get_id (), caller);
    runs++;
  });
  EXPECT_EQ (runs, 5);
}
