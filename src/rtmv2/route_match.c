/*
 * route_match.c - route criteria (route_match.h).
 */
#include "route_match.h"
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
