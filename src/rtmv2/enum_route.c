/*
 * enum_route.c - enumerations of routes: RtmCreateRouteEnum and
 * RtmGetEnumRoutes (spec/rras/enumerate-all-routes.md).
 *
 * Routes come in the address order of their destinations and, within a
 * destination, in order of creation (route->seq, which increases along the
 * destination's route list). The position is (destination prefix, seq of
 * the last route returned there): a call resumes at that prefix with the
 * routes created after that one, so routes deleted or added between calls
 * never make it return a route twice or miss one that existed throughout.
 * The order within a destination is not the Preference and Metric order
 * that spec/rras/enumerate-all-routes.md mentions, because a route's
 * preference can change between two calls, and then a position in that
 * order would no longer be one.
 */
#include <string.h>

#include "enum.h"
#include "debug_objects.h"
#include "dest.h"
#include "route_match.h"

struct route_enum {
    struct rtm_enum base;           /* first */
    struct rtm_enum_cursor cursor;  /* enum lock */
    uint64_t last_seq;              /* routes of the destination at the cursor
                                       up to this seq were examined (enum lock) */
    struct rtm_dest *dest;          /* the one destination, or NULL; internal
                                       reference; constant */
    RTM_VIEW_SET views;             /* the criteria; constant */
    int own;
    RTM_MATCH_FLAGS flags;
    ULONG ifindex;
    union {
        RTM_ROUTE_INFO info;
        uint8_t bytes[RTM_ROUTE_INFO_BYTES];
    } criteria;
};

static void route_enum_cleanup(struct rtm_enum *base)
{
    struct route_enum *e = (struct route_enum *)base;

    if (e->dest)
        rtm_object_unref(&e->dest->obj);
}

/* Checks the matching arguments of RtmCreateRouteEnum. */
static DWORD check_criteria(RTM_MATCH_FLAGS flags, const RTM_ROUTE_INFO *criteria)
{
    if (flags & ~RTM_MATCH_FULL)
        return ERROR_INVALID_PARAMETER;
    if ((flags & RTM_MATCH_NEEDS_ROUTE) &&
        (!criteria || ((flags & RTM_MATCH_NEXTHOP) &&
                       criteria->NextHopsList.NumNextHops > RTM_MAX_NEXTHOPS_IN_ROUTE)))
        return ERROR_INVALID_PARAMETER;
    return NO_ERROR;
}

/* The bytes of a (checked) criteria route that matching reads: its next
 * hops only for RTM_MATCH_NEXTHOP. */
static size_t criteria_bytes(RTM_MATCH_FLAGS flags, const RTM_ROUTE_INFO *criteria)
{
    UINT hops = (flags & RTM_MATCH_NEXTHOP) ? criteria->NextHopsList.NumNextHops : 0;

    return offsetof(RTM_ROUTE_INFO, NextHopsList.NextHops) + hops * sizeof(HANDLE);
}

/**
 * RtmCreateRouteEnum - starts an enumeration of the routes of one
 * destination or of a range of destinations
 * (spec/rtmv2/nf-rtmv2-rtmcreaterouteenum.md).
 *
 * @RtmRegHandle [in]      the caller's registration handle.
 * @DestHandle [in]        a destination of the caller's table: only its
 *                         routes (EnumFlags' position and StartDest are then
 *                         ignored); or NULL: the routes of the destinations
 *                         EnumFlags and StartDest select.
 * @TargetViews [in]       only routes in one of these views
 *                         (RTM_VIEW_MASK_UCAST, RTM_VIEW_MASK_MCAST);
 *                         RTM_VIEW_MASK_ANY (0): every route.
 * @EnumFlags [in]         RTM_ENUM_ALL_ROUTES, or RTM_ENUM_OWN_ROUTES: only
 *                         the caller's routes; plus RTM_ENUM_START (from
 *                         0/0), RTM_ENUM_NEXT (from StartDest to the end) or
 *                         RTM_ENUM_RANGE (StartDest and the prefixes it
 *                         covers).
 * @StartDest [in]         the start or range; ignored for RTM_ENUM_START.
 * @MatchingFlags [in]     RTM_MATCH_* criteria, as for
 *                         RtmGetExactMatchRoute: OWNER, NEIGHBOUR, PREF and
 *                         NEXTHOP compare with CriteriaRoute, INTERFACE with
 *                         CriteriaInterface; RTM_MATCH_FULL all of them,
 *                         RTM_MATCH_NONE none.
 * @CriteriaRoute [in]     the route to compare with (copied); may be NULL
 *                         when MatchingFlags is RTM_MATCH_NONE or
 *                         RTM_MATCH_INTERFACE.
 * @CriteriaInterface [in] the interface index for RTM_MATCH_INTERFACE.
 * @RtmEnumHandle [out]    receives the enumeration's handle: the caller's
 *                         only, until it deletes it with RtmDeleteEnumHandle
 *                         (or deregisters).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or
 * destination handle; ERROR_INVALID_PARAMETER when RtmEnumHandle is NULL,
 * EnumFlags has an unknown flag or both RTM_ENUM_NEXT and RTM_ENUM_RANGE,
 * StartDest is needed and is NULL, not of the table's family or too long,
 * MatchingFlags has a bit outside RTM_MATCH_FULL or needs CriteriaRoute
 * and it is NULL, or CriteriaRoute has more than MaxNextHopsInRoute next
 * hops for RTM_MATCH_NEXTHOP; ERROR_NOT_SUPPORTED when TargetViews names a
 * view other than unicast and multicast; ERROR_NOT_ENOUGH_MEMORY. Takes the
 * caller's entity lock.
 */
DWORD WINAPI RtmCreateRouteEnum(RTM_ENTITY_HANDLE RtmRegHandle, RTM_DEST_HANDLE DestHandle,
                                RTM_VIEW_SET TargetViews, RTM_ENUM_FLAGS EnumFlags,
                                PRTM_NET_ADDRESS StartDest, RTM_MATCH_FLAGS MatchingFlags,
                                PRTM_ROUTE_INFO CriteriaRoute, ULONG CriteriaInterface,
                                PRTM_ENUM_HANDLE RtmEnumHandle)
{
    RTM_DEBUG_API_ENTRY(RtmCreateRouteEnum, RtmRegHandle,
                        (RtmRegHandle, DestHandle, TargetViews, EnumFlags, StartDest, MatchingFlags,
                        CriteriaRoute, CriteriaInterface, RtmEnumHandle),
                        "dest %#llx, views %#x, flags %#x, %s, match %#x, interface %u",
                        RTM_DEBUG_H(DestHandle), RTM_DEBUG_U(TargetViews), RTM_DEBUG_U(EnumFlags),
                        rtm_debug_addr(StartDest), RTM_DEBUG_U(MatchingFlags),
                        RTM_DEBUG_U(CriteriaInterface));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_enum_cursor cursor;
    struct rtm_object *dest = NULL;
    struct route_enum *e;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = RtmEnumHandle ? rtm_enum_check_flags(EnumFlags, RTM_ENUM_OWN_ROUTES)
                           : ERROR_INVALID_PARAMETER;
    if (status == NO_ERROR)
        status = rtm_enum_cursor_init(&cursor, me->table,
                                      DestHandle ? RTM_ENUM_START : EnumFlags, StartDest);
    if (status == NO_ERROR)
        status = check_criteria(MatchingFlags, CriteriaRoute);
    if (status == NO_ERROR)
        status = rtm_enum_check_views(TargetViews);
    if (status == NO_ERROR && DestHandle) {
        dest = rtm_lookup_in_table(me, DestHandle, RTM_OBJ_DEST);
        if (!dest)
            status = ERROR_INVALID_HANDLE;
    }
    if (status == NO_ERROR) {
        e = rtm_calloc(1, sizeof *e);
        if (!e) {
            status = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            e->cursor = cursor;
            e->dest = (struct rtm_dest *)dest;
            dest = NULL; /* the enumeration's reference now */
            e->views = TargetViews;
            e->own = (EnumFlags & RTM_ENUM_OWN_ROUTES) != 0;
            e->flags = MatchingFlags;
            e->ifindex = CriteriaInterface;
            if (CriteriaRoute && (MatchingFlags & RTM_MATCH_NEEDS_ROUTE))
                memcpy(&e->criteria.info, CriteriaRoute, criteria_bytes(MatchingFlags, CriteriaRoute));
            status = rtm_enum_publish(&e->base, me, RTM_ENUM_KIND_ROUTE, route_enum_cleanup,
                                      RtmEnumHandle);
        }
    }
    if (dest)
        rtm_object_unref(dest);
    rtm_entity_put(me);
    return status;
}

/*
 * Puts handles of the matching routes of dest created after after_seq into
 * out, up to max of them (takes the dest lock shared). *last_seq gets the
 * seq of the last one examined. Returns how many; sets *status to
 * ERROR_NOT_ENOUGH_MEMORY when a route's references are saturated (it is
 * not counted as examined).
 */
static UINT from_dest(const struct route_enum *e, const struct rtm_entity *me,
                      struct rtm_dest *dest, uint64_t after_seq, UINT max, HANDLE *out,
                      uint64_t *last_seq, DWORD *status)
{
    UINT n = 0;

    *last_seq = after_seq;
    rtm_rwlock_lock_shared(&dest->lock.lock);
    for (struct rtm_route *r = dest->routes; r && n < max; r = r->dest_next) {
        if (r->seq <= after_seq)
            continue;
        if ((!e->own || r->owner == me) &&
            rtm_route_matches(r, e->flags, &e->criteria.info, e->ifindex, e->views)) {
            if (rtm_give_handle(&r->obj, &out[n]) != NO_ERROR) {
                *status = ERROR_NOT_ENOUGH_MEMORY;
                break;
            }
            n++;
        }
        *last_seq = r->seq;
    }
    rtm_rwlock_unlock_shared(&dest->lock.lock);
    return n;
}

/* Fills up to max route handles at out; returns how many. */
static UINT fill(struct route_enum *e, struct rtm_entity *me, UINT max, HANDLE *out,
                 DWORD *status)
{
    uint8_t key[RTM_MAX_ADDRESS_SIZE] = { 0 };
    unsigned len;
    UINT got = 0;

    if (e->dest) {
        got = from_dest(e, me, e->dest, e->last_seq, max, out, &e->last_seq, status);
        return got;
    }
    while (got < max && *status == NO_ERROR) {
        struct rtm_dest *dest;
        uint64_t after, last;

        rtm_striped_lock_shared(&me->table->lock);
        dest = rtm_enum_cursor_dest(&e->cursor, me->table, key, &len);
        if (dest)
            rtm_object_ref(&dest->obj);
        rtm_striped_unlock_shared(&me->table->lock);
        if (!dest)
            break;
        after = rtm_enum_cursor_at(&e->cursor, key, len) ? e->last_seq : 0;
        got += from_dest(e, me, dest, after, max - got, out + got, &last, status);
        rtm_object_unref(&dest->obj);
        if (got < max && *status == NO_ERROR) {
            /* Every route of this destination was examined. */
            rtm_enum_cursor_move(&e->cursor, key, len, 0);
            e->last_seq = 0;
        } else {
            rtm_enum_cursor_move(&e->cursor, key, len, 1);
            e->last_seq = last;
        }
    }
    return got;
}

/**
 * RtmGetEnumRoutes - returns the next routes of a route enumeration
 * (spec/rtmv2/nf-rtmv2-rtmgetenumroutes.md).
 *
 * @RtmRegHandle [in]   the caller's registration handle.
 * @EnumHandle [in]     an enumeration the caller created with
 *                      RtmCreateRouteEnum.
 * @NumRoutes [in, out] in: how many handles RouteHandles has room for, at
 *                      most MaxHandlesInEnum (RTM_MAX_HANDLES_IN_ENUM, 100);
 *                      out: how many were returned (0 on error other than
 *                      ERROR_NOT_ENOUGH_MEMORY).
 * @RouteHandles [out]  receives the route handles, in the address order of
 *                      their destinations, then in order of creation; each
 *                      holds a client reference: release them with
 *                      RtmReleaseRoutes.
 *
 * Routes added or deleted by other threads between calls are returned or
 * not, but none is returned twice and none that existed all along is
 * missed.
 * Returns NO_ERROR when *NumRoutes routes were returned;
 * ERROR_NO_MORE_ITEMS when fewer were (the end: those were the last ones),
 * and on every call after that; ERROR_INVALID_HANDLE for a bad registration
 * handle or when EnumHandle is not a route enumeration of the caller's;
 * ERROR_INVALID_PARAMETER when NumRoutes is NULL, *NumRoutes is more than
 * RTM_MAX_HANDLES_IN_ENUM, or RouteHandles is NULL and *NumRoutes > 0;
 * ERROR_NOT_ENOUGH_MEMORY when a route has too many references to be given
 * one more (the handles before it are returned, and the next call resumes
 * at it). Takes the enumeration's lock, then the table lock shared and
 * each destination's lock shared, one at a time.
 */
DWORD WINAPI RtmGetEnumRoutes(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENUM_HANDLE EnumHandle,
                              PUINT NumRoutes, PRTM_ROUTE_HANDLE RouteHandles)
{
    RTM_DEBUG_API_ENTRY(RtmGetEnumRoutes, RtmRegHandle,
                        (RtmRegHandle, EnumHandle, NumRoutes, RouteHandles),
                        "enum %#llx, asked %u", RTM_DEBUG_H(EnumHandle),
                        NumRoutes ? RTM_DEBUG_U(*NumRoutes) : 0u);
    struct rtm_enum_call call;
    DWORD status = rtm_enum_begin(&call, RtmRegHandle, EnumHandle, RTM_ENUM_KIND_ROUTE,
                                  NumRoutes, RouteHandles);
    UINT got = 0;

    if (status != NO_ERROR)
        return status;
    if (!call.e->done)
        got = fill((struct route_enum *)call.e, call.me, call.asked, RouteHandles, &status);
    return rtm_enum_end(&call, status, got, NumRoutes);
}
