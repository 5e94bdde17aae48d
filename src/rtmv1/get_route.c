/*
 * get_route.c - RtmGetFirstRoute and RtmGetNextRoute: walking the routes
 * without an enumeration handle.
 */
#include <string.h>

#include "walk.h"
#include "base/debug.h"

/* RtmGetFirstRoute (next 0) and RtmGetNextRoute (next 1): the first route
 * (after route's position) that meets the criteria, written to route. */
static DWORD get_route(DWORD family, DWORD flags, PVOID route, int next)
{
    struct rtmv1_table *table = rtmv1_table_of(family);
    struct rtmv1_criteria criteria;
    struct rtmv1_position pos;
    struct rtmv1_route *r;

    if (!table || !route ||
        rtmv1_criteria_read(table->family, flags, route, &criteria) != NO_ERROR ||
        (next && rtmv1_position_read(table->family, route, &pos) != NO_ERROR))
        return ERROR_INVALID_PARAMETER;
    rtm_rwlock_lock_shared(&table->lock);
    r = rtmv1_walk(table, &criteria, next ? &pos : NULL);
    if (r)
        memcpy(route, &r->data, table->family->route_size);
    rtm_rwlock_unlock_shared(&table->lock);
    return r ? NO_ERROR : ERROR_NO_ROUTES;
}

/**
 * RtmGetFirstRoute - the first route, in order, that meets criteria
 * (spec/rras/rtmgetfirstroute.md). RtmGetSpecificRoute (rtm.h) is this
 * with RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_PROTOCOL |
 * RTM_ONLY_THIS_INTERFACE.
 *
 * @ProtocolFamily   [in]      RTM_PROTOCOL_FAMILY_IP or _IPX.
 * @EnumerationFlags [in]      the criteria, as for
 *                             RtmCreateEnumerationHandle (rtmv1/walk.h).
 * @Route            [in, out] in: an RTM_IP_ROUTE or RTM_IPX_ROUTE with the
 *                             members the flags name; out: the route.
 *
 * The order is the network (its number, then its mask's length), the
 * routing protocol, the interface, the next hop, ascending
 * (rtmv1/route.h).
 *
 * Returns NO_ERROR; ERROR_NO_ROUTES when no route meets the criteria
 * (Route is not written); ERROR_INVALID_PARAMETER for an unknown family or
 * flag, a NULL Route, or a network that is none.
 * ERROR_NO_SYSTEM_RESOURCES is never returned. Takes the table lock shared.
 */
DWORD WINAPI RtmGetFirstRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmGetFirstRoute, (ProtocolFamily, EnumerationFlags, Route),
                              "family %u, flags %#x", RTM_DEBUG_U(ProtocolFamily),
                              RTM_DEBUG_U(EnumerationFlags));
    return get_route(ProtocolFamily, EnumerationFlags, Route, 0);
}

/**
 * RtmGetNextRoute - the route after a given one, in the order of
 * RtmGetFirstRoute, that meets criteria (spec/rras/rtmgetnextroute.md).
 *
 * @ProtocolFamily   [in]      RTM_PROTOCOL_FAMILY_IP or _IPX.
 * @EnumerationFlags [in]      the criteria, as for
 *                             RtmCreateEnumerationHandle (rtmv1/walk.h).
 * @Route            [in, out] in: a route (its RR_Network,
 *                             RR_RoutingProtocol, RR_InterfaceID and
 *                             RR_NextHopAddress give the position; it need
 *                             not be in the table any more) with the members
 *                             the flags name; out: the next route.
 *
 * Returns NO_ERROR; ERROR_NO_ROUTES when no route after it meets the
 * criteria (Route is not written); ERROR_INVALID_PARAMETER for an unknown
 * family or flag, a NULL Route, or a network that is none.
 * ERROR_NO_SYSTEM_RESOURCES is never returned. Takes the table lock shared.
 */
DWORD WINAPI RtmGetNextRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmGetNextRoute, (ProtocolFamily, EnumerationFlags, Route),
                              "family %u, flags %#x", RTM_DEBUG_U(ProtocolFamily),
                              RTM_DEBUG_U(EnumerationFlags));
    return get_route(ProtocolFamily, EnumerationFlags, Route, 1);
}
