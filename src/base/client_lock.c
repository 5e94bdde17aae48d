/*
 * client_lock.c - locks clients hold across API calls (client_lock.h).
 */
#include "client_lock.h"

void rtm_client_lock_init(struct rtm_client_lock *l)
{
    rtm_rwlock_init(&l->lock);
    rtm_atomic32_store(&l->shared, 0);
    rtm_atomic32_store(&l->exclusive, 0);
}

void rtm_client_lock_destroy(struct rtm_client_lock *l)
{
    rtm_rwlock_destroy(&l->lock);
}

void rtm_client_lock_acquire(struct rtm_client_lock *l, int exclusive)
{
    if (exclusive) {
        rtm_rwlock_lock_exclusive(&l->lock);
        rtm_atomic32_store(&l->exclusive, 1);
    } else {
        rtm_rwlock_lock_shared(&l->lock);
        rtm_atomic32_add(&l->shared, 1);
    }
}

int rtm_client_lock_release(struct rtm_client_lock *l, int exclusive)
{
    if (exclusive) {
        if (!rtm_atomic32_cas(&l->exclusive, 1, 0))
            return -1;
        rtm_rwlock_unlock_exclusive(&l->lock);
        return 0;
    }
    for (;;) {
        int32_t n = rtm_atomic32_load(&l->shared);
        if (n <= 0)
            return -1;
        if (rtm_atomic32_cas(&l->shared, n, n - 1))
            break;
    }
    rtm_rwlock_unlock_shared(&l->lock);
    return 0;
}

int rtm_client_lock_held_exclusive(struct rtm_client_lock *l)
{
    return rtm_atomic32_load(&l->exclusive) != 0;
}
