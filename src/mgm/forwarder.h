/*
 * forwarder.h - the forwarder's registration (rtm_mgm_forwarder.h,
 * forwarder.c): the router-manager program that reports packets and
 * counters and applies the MFEs. One at a time, in mgm.forwarder (which
 * holds the registration's internal reference). Its timer deletes the
 * expired MFEs (mfe_expiry.c).
 */
#ifndef RTM_MGM_FORWARDER_MODULE_H
#define RTM_MGM_FORWARDER_MODULE_H

#include "rtm_mgm_forwarder.h"
#include "base/timer.h"
#include "gate.h"
#include "objects.h"

struct mgm_forwarder {
    struct rtm_object obj;
    RTM_MGM_FORWARDER_CONFIG config; /* constant */
    struct mgm_gate gate;            /* open while registered */
    struct rtm_timer expiry;         /* armed for the next MFE to expire */
    uint64_t expiry_due;             /* when it is armed for (MGM lock); 0: not armed */
};

/* The registered forwarder of handle h, with an internal reference the
 * caller drops with rtm_object_unref; NULL for any other value. */
struct mgm_forwarder *mgm_forwarder_get(HANDLE h);

/* Arms f's expiry timer for due_ms (monotonic) unless it is armed for
 * earlier (MGM lock held). */
void mgm_expiry_arm(struct mgm_forwarder *f, uint64_t due_ms);

/* The expiry timer's fire function (mfe_expiry.c). */
void mgm_expiry_fire(struct rtm_timer *timer);

/* Frees a forwarder left alive at unload (no reference counting). */
void mgm_forwarder_destroy(struct rtm_object *obj);

#endif /* RTM_MGM_FORWARDER_MODULE_H */
