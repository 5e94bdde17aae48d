/*
 * hold.c - the hold-down of destinations, and RtmHoldDestination
 * (spec/rras/marking-routes-for-the-hold-down-state.md,
 * spec/rtmv2/nf-rtmv2-rtmholddestination.md).
 *
 * RtmHoldDestination marks views of a destination and a hold time. When
 * later the last route of a marked view is deleted and it was that view's
 * best route, the route is held: it stays the view's HoldRoute in
 * RTM_DEST_INFO (a deleted route, State RTM_ROUTE_STATE_DELETED) and the
 * destination stays in the table, even if new routes arrive meanwhile,
 * until the hold time has passed since the last hold began. Then the held
 * routes are released, the marks cleared, and registrations for
 * RTM_CHANGE_TYPE_ALL or RTM_CHANGE_TYPE_BEST in those views notified. As
 * documented, one time applies to every view of the destination: the
 * longest HoldTime asked.
 *
 * The state itself (struct rtm_hold), what the rest of the destination
 * code reads of it, and where a hold begins (rtm_hold_deleted_route) are
 * part of the destination: dest.h, dest.c. Here: the marks
 * (RtmHoldDestination) and the end of a hold.
 */
#include "dest.h"
#include "notify.h"

/* The hold time has passed: release the held routes. */
static void hold_expired(struct rtm_timer *timer)
{
    struct rtm_dest *dest = (struct rtm_dest *)timer->owner;
    struct rtm_route *released[RTM_VIEW_COUNT] = { 0 };
    struct rtm_change change = { 0, 0, 0 };

    rtm_rwlock_lock_exclusive(&dest->lock.lock);
    if (!rtm_timer_armed(timer)) {
        struct rtm_hold *hold = dest->hold;
        for (int v = 0; v < RTM_VIEW_COUNT; v++) {
            released[v] = hold->route[v];
            hold->route[v] = NULL;
            if (released[v])
                change.all |= 1u << v;
        }
        change.best = change.all;
        hold->views = 0;
        hold->hold_time = 0;
        dest->last_changed = rtm_now_filetime();
        rtm_notify_changes(dest, &change);
        rtm_dest_remove_if_empty(dest);
    }
    rtm_rwlock_unlock_exclusive(&dest->lock.lock);
    for (int v = 0; v < RTM_VIEW_COUNT; v++)
        if (released[v])
            rtm_object_unref(&released[v]->obj);
}

/**
 * RtmHoldDestination - marks views of a destination for hold-down
 * (spec/rtmv2/nf-rtmv2-rtmholddestination.md,
 * spec/rras/use-the-route-hold-down-state.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @DestHandle [in]   a destination of the caller's table.
 * @TargetViews [in]  the views to hold (views other than unicast and
 *                    multicast are ignored).
 * @HoldTime [in]     milliseconds. The destination's hold time becomes the
 *                    longest asked since its last hold-down ended.
 *
 * When the last route of a marked view is later deleted, it is kept as the
 * view's HoldRoute for the hold time (see above); the marks end with that
 * hold-down. Marking a destination twice only widens the views and
 * lengthens the time.
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when HoldTime is 0;
 * ERROR_INVALID_HANDLE for a bad registration or destination handle;
 * ERROR_NOT_ENOUGH_MEMORY. Takes the destination's lock exclusively.
 */
DWORD WINAPI RtmHoldDestination(RTM_ENTITY_HANDLE RtmRegHandle, RTM_DEST_HANDLE DestHandle,
                                RTM_VIEW_SET TargetViews, ULONG HoldTime)
{
    RTM_DEBUG_API_ENTRY(RtmHoldDestination, RtmRegHandle,
                        (RtmRegHandle, DestHandle, TargetViews, HoldTime),
                        "dest %#llx, views %#x, %u ms", RTM_DEBUG_H(DestHandle),
                        RTM_DEBUG_U(TargetViews), RTM_DEBUG_U(HoldTime));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_dest *dest;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    dest = (struct rtm_dest *)rtm_lookup_in_table(me, DestHandle, RTM_OBJ_DEST);
    if (!dest) {
        rtm_entity_put(me);
        return ERROR_INVALID_HANDLE;
    }
    if (!HoldTime)
        status = ERROR_INVALID_PARAMETER;
    rtm_rwlock_lock_exclusive(&dest->lock.lock);
    if (status == NO_ERROR && !dest->hold) {
        struct rtm_hold *hold = rtm_calloc(1, sizeof *hold);
        if (hold && rtm_timer_init(&hold->timer, &dest->obj, hold_expired) != NO_ERROR) {
            rtm_free(hold);
            hold = NULL;
        }
        dest->hold = hold;
        if (!hold)
            status = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (status == NO_ERROR) {
        dest->hold->views |= TargetViews & RTM_SUPPORTED_VIEWS;
        if (HoldTime > dest->hold->hold_time)
            dest->hold->hold_time = HoldTime;
    }
    rtm_rwlock_unlock_exclusive(&dest->lock.lock);
    rtm_object_unref(&dest->obj);
    rtm_entity_put(me);
    return status;
}
