/*
 * route_match.c - route criteria (route_match.h), and the look-up of a
 * route by them: RtmGetExactMatchRoute.
 */
#include "route_match.h"
#include "debug_objects.h"
#include "dest.h"
#include "nexthop.h"

/* Nonzero if one of the route's next hops is on the interface. */
static int on_interface(const struct rtm_route *route, ULONG ifindex)
{
    int found = 0;

    for (UINT i = 0; !found && i < rtm_route_nexthop_count(&route->info); i++) {
        struct rtm_object *obj =
            rtm_handle_lookup(route->info.NextHopsList.NextHops[i], RTM_OBJ_NEXTHOP);
        if (obj) {
            found = ((struct rtm_nexthop *)obj)->info.InterfaceIndex == ifindex;
            rtm_object_unref(obj);
        }
    }
    return found;
}

/* Nonzero if every next hop of the criteria is one of the route's. */
static int has_nexthops(const struct rtm_route *route, const RTM_ROUTE_INFO *criteria)
{
    UINT n = rtm_route_nexthop_count(criteria);

    for (UINT i = 0; i < n; i++) {
        int found = 0;
        for (UINT j = 0; !found && j < rtm_route_nexthop_count(&route->info); j++)
            found = route->info.NextHopsList.NextHops[j] == criteria->NextHopsList.NextHops[i];
        if (!found)
            return 0;
    }
    return 1;
}

int rtm_route_matches(const struct rtm_route *route, RTM_MATCH_FLAGS flags,
                      const RTM_ROUTE_INFO *criteria, ULONG ifindex, RTM_VIEW_SET target)
{
    if (target != RTM_VIEW_MASK_ANY && !(route->info.BelongsToViews & target))
        return 0;
    if ((flags & RTM_MATCH_OWNER) && route->info.RouteOwner != criteria->RouteOwner)
        return 0;
    if ((flags & RTM_MATCH_NEIGHBOUR) && route->info.Neighbour != criteria->Neighbour)
        return 0;
    if ((flags & RTM_MATCH_PREF) &&
        (route->info.PrefInfo.Preference != criteria->PrefInfo.Preference ||
         route->info.PrefInfo.Metric != criteria->PrefInfo.Metric))
        return 0;
    if ((flags & RTM_MATCH_NEXTHOP) && !has_nexthops(route, criteria))
        return 0;
    if ((flags & RTM_MATCH_INTERFACE) && !on_interface(route, ifindex))
        return 0;
    return 1;
}

/**
 * RtmGetExactMatchRoute - finds a route to exactly the given prefix that
 * meets the given criteria (spec/rtmv2/nf-rtmv2-rtmgetexactmatchroute.md).
 *
 * @RtmRegHandle [in]   the caller's registration handle.
 * @DestAddress [in]    the destination prefix.
 * @MatchingFlags [in]  RTM_MATCH_* criteria: OWNER (RouteOwner), NEIGHBOUR
 *                      (Neighbour), PREF (PrefInfo, both members), NEXTHOP
 *                      (every next hop of the criteria is the route's),
 *                      INTERFACE (a next hop on InterfaceIndex); RTM_MATCH_FULL
 *                      all of them, RTM_MATCH_NONE none (the first route).
 * @RouteInfo [in, out] in: the criteria; out: the information of the first
 *                      matching route (in order of addition), with a client
 *                      reference per handle: release with RtmReleaseRouteInfo.
 *                      Room for RTM_MAX_NEXTHOPS_IN_ROUTE next hops.
 * @InterfaceIndex [in] the interface for RTM_MATCH_INTERFACE.
 * @TargetViews [in]    only routes in one of these views (RTM_VIEW_MASK_ANY:
 *                      any route).
 * @RouteHandle [out]   receives the route's handle (one client reference),
 *                      or NULL when not wanted.
 *
 * Returns NO_ERROR; ERROR_NOT_FOUND when no route matches (RouteInfo is
 * unchanged); ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when DestAddress or RouteInfo is NULL or the
 * address is not of the table's family. Takes the table lock shared, then
 * the destination's lock shared.
 */
DWORD WINAPI RtmGetExactMatchRoute(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_NET_ADDRESS DestAddress,
                                   RTM_MATCH_FLAGS MatchingFlags, PRTM_ROUTE_INFO RouteInfo,
                                   ULONG InterfaceIndex, RTM_VIEW_SET TargetViews,
                                   PRTM_ROUTE_HANDLE RouteHandle)
{
    RTM_DEBUG_API_ENTRY(RtmGetExactMatchRoute, RtmRegHandle,
                        (RtmRegHandle, DestAddress, MatchingFlags, RouteInfo, InterfaceIndex,
                        TargetViews, RouteHandle),
                        "%s, match %#x, interface %u, views %#x", rtm_debug_addr(DestAddress),
                        RTM_DEBUG_U(MatchingFlags), RTM_DEBUG_U(InterfaceIndex),
                        RTM_DEBUG_U(TargetViews));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    struct rtm_route *found = NULL;
    struct rtm_dest *dest;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!DestAddress || !RouteInfo || !rtm_table_address_ok(me->table, DestAddress)) {
        rtm_entity_put(me);
        return ERROR_INVALID_PARAMETER;
    }
    rtm_prefix_canonicalize(key, DestAddress->AddrBits, DestAddress->NumBits, sizeof key);
    rtm_striped_lock_shared(&me->table->lock);
    dest = rtm_prefix_table_find(me->table->dests, key, DestAddress->NumBits);
    if (dest)
        rtm_object_ref(&dest->obj);
    rtm_striped_unlock_shared(&me->table->lock);
    if (dest) {
        rtm_rwlock_lock_shared(&dest->lock.lock);
        for (struct rtm_route *r = dest->routes; r && !found; r = r->dest_next)
            if (rtm_route_matches(r, MatchingFlags, RouteInfo, InterfaceIndex, TargetViews))
                found = r;
        if (found) {
            rtm_route_copy_info(found, RouteInfo);
            if (RouteHandle)
                rtm_give_handle(&found->obj, RouteHandle);
        }
        rtm_rwlock_unlock_shared(&dest->lock.lock);
        rtm_object_unref(&dest->obj);
    }
    rtm_entity_put(me);
    return found ? NO_ERROR : ERROR_NOT_FOUND;
}
