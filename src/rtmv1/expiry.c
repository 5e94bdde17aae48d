/*
 * expiry.c - route expiry (expiry.h).
 */
#include "change.h"
#include "expiry.h"

/* When memory is too short to tell the clients of an expiry, the route
 * lives this much longer (milliseconds) and expires then. */
#define RETRY_MS 1000u

/* The timer of a route has fired: delete the route, unless it was deleted
 * or updated meanwhile. */
static void route_expired(struct rtm_timer *timer)
{
    struct rtmv1_route *r = (struct rtmv1_route *)timer->owner;
    struct rtmv1_table *table = r->table;
    struct rtmv1_reserve reserve;
    struct rtmv1_before before;
    struct rtmv1_net *net;

    rtm_rwlock_lock_exclusive(&table->lock);
    net = r->net;
    if (!net || rtm_timer_armed(timer)) {
        rtm_rwlock_unlock_exclusive(&table->lock);
        return;
    }
    if (rtmv1_reserve(&reserve, table, NULL, 1) != NO_ERROR) {
        rtm_timer_start(timer, RETRY_MS);
        rtm_rwlock_unlock_exclusive(&table->lock);
        rtmv1_reserve_release(&reserve);
        return;
    }
    rtmv1_before(&before, net);
    rtmv1_route_unlink(r);
    rtmv1_after(table, net, &before, &reserve, NULL, NULL);
    rtm_rwlock_unlock_exclusive(&table->lock);
    rtmv1_reserve_release(&reserve);
    rtmv1_route_drop(r);
}

DWORD rtmv1_expiry_prepare(struct rtmv1_route *r, DWORD ttl)
{
    if (ttl == INFINITE || r->expiry)
        return NO_ERROR;
    r->expiry = rtm_timer_new(&r->obj, route_expired);
    return r->expiry ? NO_ERROR : ERROR_NO_SYSTEM_RESOURCES;
}

void rtmv1_expiry_set(struct rtmv1_route *r, DWORD ttl)
{
    if (ttl != INFINITE)
        rtm_timer_start(r->expiry, ttl * 1000u);
    else if (r->expiry)
        rtm_timer_cancel(r->expiry);
}
