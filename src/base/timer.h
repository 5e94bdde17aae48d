/*
 * timer.h - one-shot timers for route aging and hold-down.
 *
 * All timers of the process sit in one pairing heap ordered by due time;
 * the platform's alarm (platform.h) is armed for the earliest. When timers
 * fall due, each one's fire function runs on a worker thread, through the
 * work item embedded in the timer, outside every lock of this module.
 *
 * A timer belongs to an object (owner). While the timer is busy - armed,
 * queued to fire, or firing - it holds an internal reference on the owner,
 * taken when it becomes busy and dropped when it becomes idle, so the owner
 * cannot be freed under a pending timer. Arming, re-arming and cancelling
 * are allowed at any time, also from the fire function; a fire function
 * checks its owner's state (a timer re-armed while its fire was queued
 * fires again later: rtm_timer_armed tells).
 *
 * The timer lock (timer_lock in timer.c) is the last lock of the order in
 * rtmv2/table.h: it is taken under any other and takes none.
 */
#ifndef RTM_TIMER_H
#define RTM_TIMER_H

#include "handle.h"

struct rtm_timer;
typedef void (*rtm_timer_fn)(struct rtm_timer *timer);

struct rtm_timer {
    uint64_t due;                 /* rtm_monotonic_ms() time */
    struct rtm_timer *child;      /* pairing heap links (timer lock) */
    struct rtm_timer *sibling;
    struct rtm_timer *prev;       /* previous sibling, or the parent */
    unsigned armed : 1;           /* in the heap */
    unsigned queued : 1;          /* fire submitted, not started */
    unsigned running : 1;         /* fire running */
    unsigned refire : 1;          /* fell due while running: fires again after */
    struct rtm_object *owner;     /* constant */
    rtm_timer_fn fire;            /* constant */
    struct rtm_work work;
};

/* Prepares an idle timer of owner. Returns NO_ERROR or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD rtm_timer_init(struct rtm_timer *timer, struct rtm_object *owner, rtm_timer_fn fire);

/* Frees an idle timer's resources (its owner is being freed). */
void rtm_timer_destroy(struct rtm_timer *timer);

/* Allocates and prepares (rtm_timer_init) an idle timer of owner, for an
 * object whose timer is not embedded. Returns it, or NULL when memory is
 * short (nothing allocated then). */
struct rtm_timer *rtm_timer_new(struct rtm_object *owner, rtm_timer_fn fire);

/* Destroys and frees an idle timer from rtm_timer_new (its owner is being
 * freed); NULL is ignored. */
void rtm_timer_free(struct rtm_timer *timer);

/* Arms the timer to fire after ms milliseconds, replacing any earlier
 * arming. The caller holds a reference on the owner. */
void rtm_timer_start(struct rtm_timer *timer, uint32_t ms);

/* Disarms the timer; a fire already queued or running still runs. */
void rtm_timer_cancel(struct rtm_timer *timer);

/* Nonzero while the timer is armed (waiting in the heap). */
int rtm_timer_armed(struct rtm_timer *timer);

/* Forgets every armed timer (library unload: their owners are freed with
 * everything else). */
void rtm_timers_shutdown(void);

#endif /* RTM_TIMER_H */
