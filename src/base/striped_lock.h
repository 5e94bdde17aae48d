/*
 * striped_lock.h - a reader/writer lock for data that many threads read at
 * once and few change: one platform reader/writer lock per stripe, each on
 * cache lines of its own.
 *
 * A reader takes the stripe of its thread, shared; a writer takes every
 * stripe, exclusive, in index order. Readers on different threads so touch
 * different cache lines and do not slow each other down (one shared
 * platform lock would bounce its line between their cores on every
 * acquire and release); a writer pays RTM_LOCK_STRIPES acquisitions.
 *
 * A thread's stripe is fixed for its life (threads are numbered in the
 * order they first take a striped lock), so unlocking needs no argument.
 * Like rtm_rwlock: not recursive; shared holds are released on the thread
 * that took them.
 */
#ifndef RTM_STRIPED_LOCK_H
#define RTM_STRIPED_LOCK_H

#include "platform.h"

/* Stripes per lock: a power of two, enough for the lookup threads of a
 * small router without making writers slow. */
#define RTM_LOCK_STRIPES 8

struct rtm_striped_lock {
    union {
        rtm_rwlock lock;
        char line[128]; /* keeps two stripes' locks off one cache line */
    } stripe[RTM_LOCK_STRIPES];
};

/* The calling thread's stripe, 0..RTM_LOCK_STRIPES-1. */
unsigned rtm_thread_stripe(void);

/* Frees what numbering the threads took (library unload; no other thread
 * may be inside the library). */
void rtm_thread_stripes_shutdown(void);

void rtm_striped_lock_init(struct rtm_striped_lock *l);
void rtm_striped_lock_destroy(struct rtm_striped_lock *l);

static inline void rtm_striped_lock_shared(struct rtm_striped_lock *l)
{
    rtm_rwlock_lock_shared(&l->stripe[rtm_thread_stripe()].lock);
}

static inline void rtm_striped_unlock_shared(struct rtm_striped_lock *l)
{
    rtm_rwlock_unlock_shared(&l->stripe[rtm_thread_stripe()].lock);
}

void rtm_striped_lock_exclusive(struct rtm_striped_lock *l);
void rtm_striped_unlock_exclusive(struct rtm_striped_lock *l);

#endif /* RTM_STRIPED_LOCK_H */
