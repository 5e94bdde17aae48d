/*
 * aging.c - route aging: a route added or updated with a finite TimeToLive
 * (milliseconds) expires when that time passes without another update
 * (spec/rtmv2/nf-rtmv2-rtmaddroutetodest.md,
 * spec/rtmv2/nc-rtmv2-_event_callback.md).
 *
 * On expiry the owner's event callback receives RTM_ROUTE_EXPIRED with a
 * handle of the route (one client reference) as Context1 and a pointer to
 * the route's RTM_ROUTE_INFO as Context2. If the callback returns
 * ERROR_NOT_SUPPORTED, or the owner has no callback, the route is deleted
 * and that handle released by the library; otherwise the owner has handled
 * the expiry (updated the route, say) and releases the handle itself.
 */
#include "dest.h"
#include "event.h"

/* The expiry timer has fired: tell the owner, or delete the route. */
static void route_expired(struct rtm_timer *timer)
{
    struct rtm_route *route = (struct rtm_route *)timer->owner;
    HANDLE handle = NULL;
    DWORD result = ERROR_NOT_SUPPORTED;
    int alive, delivered = 0;

    rtm_rwlock_lock_shared(&route->dest->lock.lock);
    alive = route->in_dest && !rtm_timer_armed(timer);
    rtm_rwlock_unlock_shared(&route->dest->lock.lock);
    if (!alive || rtm_give_handle(&route->obj, &handle) != NO_ERROR)
        return;
    result = rtm_event_deliver(route->owner, RTM_ROUTE_EXPIRED, handle, &route->info, &delivered);
    if (!delivered || result == ERROR_NOT_SUPPORTED) {
        rtm_route_delete(route);
        rtm_take_back_handle(handle, RTM_OBJ_ROUTE);
    }
}

DWORD rtm_route_expiry_prepare(struct rtm_route *route, ULONG ttl)
{
    if (ttl == INFINITE || route->expiry)
        return NO_ERROR;
    route->expiry = rtm_timer_new(&route->obj, route_expired);
    return route->expiry ? NO_ERROR : ERROR_NOT_ENOUGH_MEMORY;
}

void rtm_route_expiry_set(struct rtm_route *route, ULONG ttl)
{
    if (!route->expiry)
        return;
    if (ttl == INFINITE)
        rtm_timer_cancel(route->expiry);
    else
        rtm_timer_start(route->expiry, ttl);
}

void rtm_route_expiry_free(struct rtm_route *route)
{
    rtm_timer_free(route->expiry);
}
