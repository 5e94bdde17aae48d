/*
 * route.h - routes: a path to a destination offered by an entity.
 */
#ifndef RTM_ROUTE_H
#define RTM_ROUTE_H

#include "entity.h"
#include "base/timer.h"

struct rtm_dest;
struct rtm_route_list;

struct rtm_route {
    struct rtm_object obj;          /* first: handle and references */
    struct rtm_dest *dest;          /* constant; internal reference */
    struct rtm_entity *owner;       /* constant; internal reference */
    struct rtm_route *dest_next;    /* the destination's routes (dest lock) */
    struct rtm_route *owner_prev;   /* the owner's routes (owner lock) */
    struct rtm_route *owner_next;
    int in_dest;                    /* linked in dest (dest lock) */
    ULONG time_to_live;             /* milliseconds, or INFINITE */
    uint64_t seq;                   /* creation order, increasing along the
                                       destination's list (constant; set
                                       under the dest lock) */
    struct rtm_route_list *list;    /* the route list it is in, or NULL */
    struct rtm_route *list_prev;    /* that list's routes */
    struct rtm_route *list_next;
    uint64_t list_seq;              /* order of insertion into the list
                                       (list, list_* and list_seq: owner lock) */
    struct rtm_timer *expiry;       /* aging timer, created on the first
                                       finite TimeToLive (dest lock) */
    /*
     * The public information; RtmGetRoutePointer and RtmLockRoute point
     * here. NextHopsList has room for RTM_MAX_NEXTHOPS_IN_ROUTE handles.
     * The route holds a client reference on its Neighbour and on each next
     * hop in the list: the owner edits them in place, managing those
     * references itself (spec/rras/update-a-route-in-place-...). DestHandle
     * and RouteOwner are restored from dest and owner after in-place edits.
     * Must be the last member.
     */
    RTM_ROUTE_INFO info;
};

/* Bytes of an RTM_ROUTE_INFO holding RTM_MAX_NEXTHOPS_IN_ROUTE next hops
 * (not RTM_SIZE_OF_ROUTE_INFO(), which is one handle short: see rtmv2.h). */
#define RTM_ROUTE_INFO_BYTES \
    (offsetof(RTM_ROUTE_INFO, NextHopsList.NextHops) + RTM_MAX_NEXTHOPS_IN_ROUTE * sizeof(HANDLE))

/* The number of next hops of an info, bounded by the profile. */
static inline UINT rtm_route_nexthop_count(const RTM_ROUTE_INFO *info)
{
    return info->NextHopsList.NumNextHops < RTM_MAX_NEXTHOPS_IN_ROUTE
               ? info->NextHopsList.NumNextHops
               : RTM_MAX_NEXTHOPS_IN_ROUTE;
}

/* Nonzero until the route is deleted (owner lock held): it is in its
 * owner's route list. */
static inline int rtm_route_owned(const struct rtm_route *route)
{
    return route->owner_prev || route->owner->routes == route;
}

/* Nonzero if a is a better route than b (b may be NULL): lower Preference,
 * then lower Metric. */
static inline int rtm_route_better(const struct rtm_route *a, const struct rtm_route *b)
{
    if (!b)
        return 1;
    if (a->info.PrefInfo.Preference != b->info.PrefInfo.Preference)
        return a->info.PrefInfo.Preference < b->info.PrefInfo.Preference;
    return a->info.PrefInfo.Metric < b->info.PrefInfo.Metric;
}

/*
 * Copies a route's information into a client buffer (room for
 * RTM_MAX_NEXTHOPS_IN_ROUTE next hops), with a client reference for every
 * handle in it. Dest lock held (shared is enough).
 */
void rtm_route_copy_info(const struct rtm_route *route, RTM_ROUTE_INFO *out);

/* Frees a route's memory without dropping its references (unload). */
void rtm_route_destroy(struct rtm_object *obj);

/* Deletes every route the entity owns (RtmDeregisterEntity). */
void rtm_routes_delete_owned(struct rtm_entity *entity);

/* Deletes a route (no lock held), recomputing best routes and notifying
 * the change. Returns nonzero if it was deleted, 0 if it already was. */
int rtm_route_delete(struct rtm_route *route);

/* Aging (aging.c). Makes sure the route has an expiry timer when ttl is
 * finite (dest lock held exclusively; nothing else changes). Returns
 * NO_ERROR or ERROR_NOT_ENOUGH_MEMORY. */
DWORD rtm_route_expiry_prepare(struct rtm_route *route, ULONG ttl);

/* Starts the route's expiry for ttl milliseconds, or stops it for INFINITE
 * (dest lock held exclusively; rtm_route_expiry_prepare succeeded). */
void rtm_route_expiry_set(struct rtm_route *route, ULONG ttl);

/* Frees the expiry timer of a route being freed. */
void rtm_route_expiry_free(struct rtm_route *route);

#endif /* RTM_ROUTE_H */
