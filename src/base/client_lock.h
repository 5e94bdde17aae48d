/*
 * client_lock.h - a reader/writer lock that clients may hold across API
 * calls (RtmLockDestination, RtmLockRoute, RtmLockNextHop).
 *
 * The library takes the inner rtm_rwlock directly for its own short
 * sections. What clients take through the API is also counted, so that an
 * unlock request that matches no lock held through the API is refused
 * instead of corrupting the lock, and so that RtmUpdateAndUnlockRoute can
 * tell that the caller holds the lock exclusively.
 */
#ifndef RTM_CLIENT_LOCK_H
#define RTM_CLIENT_LOCK_H

#include "platform.h"

struct rtm_client_lock {
    rtm_rwlock lock;            /* the lock itself */
    rtm_atomic32 shared;        /* shared holds taken through the API */
    rtm_atomic32 exclusive;     /* 1 while held exclusively through the API */
};

void rtm_client_lock_init(struct rtm_client_lock *l);
void rtm_client_lock_destroy(struct rtm_client_lock *l);

/* Takes the lock for a client, shared or exclusive. */
void rtm_client_lock_acquire(struct rtm_client_lock *l, int exclusive);

/*
 * Releases a hold a client took with rtm_client_lock_acquire in the same
 * mode. Returns 0, or -1 (nothing changes) when no such hold exists.
 */
int rtm_client_lock_release(struct rtm_client_lock *l, int exclusive);

/* Nonzero while a client holds the lock exclusively. */
int rtm_client_lock_held_exclusive(struct rtm_client_lock *l);

#endif /* RTM_CLIENT_LOCK_H */
