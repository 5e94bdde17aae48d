/*
 * mfe_expiry.c - the deletion of expired MFEs by the forwarder's timer
 * (forwarder.h, mfe.h).
 */
#include <stddef.h>

#include "forwarder.h"
#include "mfe.h"
#include "state.h"

/* The longest a timer is armed for at once (it is armed again when it
 * fires early). */
#define MAX_ARM_MS 0x7FFFFFFFu

void mgm_expiry_arm(struct mgm_forwarder *f, uint64_t due_ms)
{
    uint64_t now = rtm_monotonic_ms();
    uint64_t wait = due_ms > now ? due_ms - now : 0;

    if (f->expiry_due && f->expiry_due <= due_ms)
        return;
    f->expiry_due = due_ms;
    rtm_timer_start(&f->expiry, wait > MAX_ARM_MS ? MAX_ARM_MS : (uint32_t)wait);
}

void mgm_expiry_fire(struct rtm_timer *timer)
{
    struct mgm_forwarder *f =
        (struct mgm_forwarder *)((char *)timer - offsetof(struct mgm_forwarder, expiry));
    struct mgm_calls calls;
    uint64_t now = rtm_monotonic_ms(), next = 0;
    struct mgm_mfe *m;

    mgm_calls_init(&calls);
    mgm_lock();
    if (mgm.forwarder == f && !rtm_timer_armed(timer)) {
        f->expiry_due = 0;
        for (m = mgm_mfe_next(0, 0, 1); m;) {
            struct mgm_mfe *following = mgm_mfe_next(m->source, m->group, 0);
            if (m->expires_ms <= now)
                mgm_mfe_delete(m, &calls);
            else if (!next || m->expires_ms < next)
                next = m->expires_ms;
            m = following;
        }
        if (next)
            mgm_expiry_arm(f, next);
        mgm_calls_post(&calls);
    }
    mgm_unlock();
}
