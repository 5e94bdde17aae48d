/*
 * route_match.h - whether a route meets RTM_MATCH_* criteria: the test
 * shared by RtmGetExactMatchRoute and route enumerations
 * (spec/rtmv2/nf-rtmv2-rtmgetexactmatchroute.md,
 * spec/rtmv2/nf-rtmv2-rtmcreaterouteenum.md).
 */
#ifndef RTM_ROUTE_MATCH_H
#define RTM_ROUTE_MATCH_H

#include "route.h"

/*
 * Nonzero if the route belongs to one of target's views (any route for
 * RTM_VIEW_MASK_ANY) and meets the criteria flags names: RTM_MATCH_OWNER
 * (criteria->RouteOwner), RTM_MATCH_NEIGHBOUR (criteria->Neighbour),
 * RTM_MATCH_PREF (both members of criteria->PrefInfo), RTM_MATCH_NEXTHOP
 * (every next hop of criteria is one of the route's), RTM_MATCH_INTERFACE
 * (one of the route's next hops is on ifindex). criteria may be NULL when
 * flags names none of the first four. Dest lock held (shared is enough);
 * takes no lock.
 */
int rtm_route_matches(const struct rtm_route *route, RTM_MATCH_FLAGS flags,
                      const RTM_ROUTE_INFO *criteria, ULONG ifindex, RTM_VIEW_SET target);

/* The RTM_MATCH_* flags that compare against a criteria route. */
#define RTM_MATCH_NEEDS_ROUTE (RTM_MATCH_OWNER | RTM_MATCH_NEIGHBOUR | RTM_MATCH_PREF | RTM_MATCH_NEXTHOP)

#endif /* RTM_ROUTE_MATCH_H */
