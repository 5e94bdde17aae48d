/*
 * striped_lock.c - the striped reader/writer lock (see striped_lock.h).
 */
#include "striped_lock.h"

static rtm_atomic32 threads_numbered;
static _Thread_local unsigned thread_number; /* 0: not numbered yet */

unsigned rtm_thread_stripe(void)
{
    if (thread_number == 0)
        thread_number = (unsigned)rtm_atomic32_add(&threads_numbered, 1);
    return thread_number & (RTM_LOCK_STRIPES - 1);
}

void rtm_striped_lock_init(struct rtm_striped_lock *l)
{
    for (int i = 0; i < RTM_LOCK_STRIPES; i++)
        rtm_rwlock_init(&l->stripe[i].lock);
}

void rtm_striped_lock_destroy(struct rtm_striped_lock *l)
{
    for (int i = 0; i < RTM_LOCK_STRIPES; i++)
        rtm_rwlock_destroy(&l->stripe[i].lock);
}

void rtm_striped_lock_exclusive(struct rtm_striped_lock *l)
{
    for (int i = 0; i < RTM_LOCK_STRIPES; i++)
        rtm_rwlock_lock_exclusive(&l->stripe[i].lock);
}

void rtm_striped_unlock_exclusive(struct rtm_striped_lock *l)
{
    for (int i = RTM_LOCK_STRIPES - 1; i >= 0; i--)
        rtm_rwlock_unlock_exclusive(&l->stripe[i].lock);
}
