// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: a fixed set of threads (GLib's GThreadPool) that run the stripes of one job
// at once: the colour conversion of a frame's damage, cut into bands of rows, on every core the
// encoder may use, so that a 4K frame is not converted on one thread while the others wait for
// x264. The calling thread works too; Run returns when every stripe is done.
#pragma once

#include <glib.h>

#include <atomic>
#include <functional>

namespace webdesk {

class StripePool {
 public:
  // `threads` in all, the caller's included (1 = everything on the caller's thread).
  explicit StripePool (int threads);
  ~StripePool ();
  StripePool (const StripePool &) = delete;
  StripePool &operator= (const StripePool &) = delete;

  int threads () const { return threads_; }
  // Calls stripe(i) for i in 0..count-1, spread over the pool's threads; returns when all are
  // done. Not reentrant: one Run at a time.
  void Run (int count, const std::function<void (int)> &stripe);

 private:
  static void Work (gpointer data, gpointer pool);
  void Drain ();

  int threads_;
  GThreadPool *pool_ = nullptr;
  const std::function<void (int)> *stripe_ = nullptr;
  std::atomic<int> next_{0};
  int count_ = 0;
  GMutex lock_;
  GCond done_;
  int workers_busy_ = 0;  // under lock_
};

}  // namespace webdesk
