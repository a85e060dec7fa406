// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: stripes of a job on a pool of threads. See stripe-pool.h.
#include "stripe-pool.h"

#include <algorithm>

namespace webdesk {

StripePool::StripePool (int threads) : threads_ (std::max (threads, 1))
{
  g_mutex_init (&lock_);
  g_cond_init (&done_);
  if (threads_ > 1)
    pool_ = g_thread_pool_new (Work, this, threads_ - 1, TRUE, nullptr);
  if (!pool_)
    threads_ = 1;
}

StripePool::~StripePool ()
{
  if (pool_)
    g_thread_pool_free (pool_, FALSE, TRUE);
  g_cond_clear (&done_);
  g_mutex_clear (&lock_);
}

// Takes stripes until none is left (each worker and the caller alike).
void
StripePool::Drain ()
{
  for (int i = next_++; i < count_; i = next_++)
    (*stripe_) (i);
}

void
StripePool::Work (gpointer, gpointer data)
{
  auto *self = static_cast<StripePool *> (data);
  self->Drain ();
  g_mutex_lock (&self->lock_);
  if (--self->workers_busy_ == 0)
    g_cond_signal (&self->done_);
  g_mutex_unlock (&self->lock_);
}

void
StripePool::Run (int count, const std::function<void (int)> &stripe)
{
  stripe_ = &stripe;
  count_ = count;
  next_ = 0;
  // Wake no more workers than there are stripes besides the caller's first.
  const int helpers = pool_ ? std::min (threads_ - 1, count - 1) : 0;
  g_mutex_lock (&lock_);
  workers_busy_ = helpers;
  g_mutex_unlock (&lock_);
  // GThreadPool wants a non-NULL item; the pool itself stands in for one.
  for (int i = 0; i < helpers; i++)
    g_thread_pool_push (pool_, this, nullptr);
  Drain ();
  g_mutex_lock (&lock_);
  while (workers_busy_ > 0)
    g_cond_wait (&done_, &lock_);
  g_mutex_unlock (&lock_);
  stripe_ = nullptr;
}

}  // namespace webdesk
