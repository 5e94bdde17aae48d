/*
 * hold.h - the hold-down state of destinations
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
 */
#ifndef RTM_HOLD_H
#define RTM_HOLD_H

#include "timer.h"
#include "dest.h"

struct rtm_hold {
    struct rtm_timer timer;                  /* owner: the destination */
    RTM_VIEW_SET views;                      /* views marked for hold-down */
    ULONG hold_time;                         /* milliseconds */
    struct rtm_route *route[RTM_VIEW_COUNT]; /* held routes (internal refs) */
};

/*
 * A route has just been deleted from dest (dest lock held exclusively);
 * was_best: the views it was the best route of. Holds it in each marked
 * view where it was best and that has no route left. Returns the views in
 * which a hold began.
 */
RTM_VIEW_SET rtm_hold_deleted_route(struct rtm_dest *dest, struct rtm_route *route,
                                    RTM_VIEW_SET was_best);

/* The route held in view v, or NULL (hold may be NULL). Dest lock held. */
struct rtm_object *rtm_hold_route_of(const struct rtm_hold *hold, int v);

/* Nonzero while some route is held (hold may be NULL). Dest lock held. */
int rtm_hold_active(const struct rtm_hold *hold);

/* Frees the state of a destination being freed (hold may be NULL). */
void rtm_hold_free(struct rtm_hold *hold);

#endif /* RTM_HOLD_H */
