/*
 * query.c - RtmIsRoute, RtmGetNetworkCount, RtmGetRouteAge and
 * RtmLookupIPDestination: questions about a table.
 */
#include <string.h>

#include "route.h"
#include "base/debug.h"

/* FILETIME units (100 ns) in a second. */
#define FILETIME_PER_SECOND 10000000ull

/**
 * RtmIsRoute - whether a network has routes, and its best route
 * (spec/rras/rtmisroute.md).
 *
 * @ProtocolFamily [in]  RTM_PROTOCOL_FAMILY_IP or RTM_PROTOCOL_FAMILY_IPX.
 * @Network        [in]  an IP_NETWORK (number and contiguous mask: the
 *                       network number & mask of that length, exactly) or an
 *                       IPX_NETWORK.
 * @BestRoute      [out] receives the network's best route (rtmv1/route.h),
 *                       an RTM_IP_ROUTE or RTM_IPX_ROUTE.
 *
 * Returns TRUE when the network has a route (BestRoute written); FALSE
 * otherwise, with the thread's last error NO_ERROR when it has none, or
 * ERROR_INVALID_PARAMETER for an unknown family, a NULL Network or
 * BestRoute, or an IP mask that is not contiguous.
 * ERROR_NO_SYSTEM_RESOURCES is never set: the look-up allocates nothing.
 * Takes the table lock shared.
 */
WINBOOL WINAPI RtmIsRoute(DWORD ProtocolFamily, PVOID Network, PVOID BestRoute)
{
    RTM_DEBUG_API_ENTRY_VALUE(WINBOOL, RtmIsRoute, (ProtocolFamily, Network, BestRoute),
                              "family %u, network %#llx", RTM_DEBUG_U(ProtocolFamily),
                              RTM_DEBUG_H(Network));
    struct rtmv1_table *table = rtmv1_table_of(ProtocolFamily);
    struct rtmv1_net *net;
    struct rtmv1_key key;

    if (!table || !Network || !BestRoute || !table->family->key(Network, &key)) {
        rtm_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    rtm_rwlock_lock_shared(&table->lock);
    net = rtmv1_net_find(table, &key);
    if (net)
        memcpy(BestRoute, &net->best->data, table->family->route_size);
    rtm_rwlock_unlock_shared(&table->lock);
    rtm_set_last_error(NO_ERROR);
    return net != NULL;
}

/**
 * RtmGetNetworkCount - the number of networks the table of a protocol
 * family has routes to (spec/rras/rtmgetnetworkcount.md).
 *
 * @ProtocolFamily [in] RTM_PROTOCOL_FAMILY_IP or RTM_PROTOCOL_FAMILY_IPX.
 *
 * Returns the count, with the thread's last error NO_ERROR (also when it
 * is 0); 0 with ERROR_INVALID_PARAMETER for an unknown family. Takes the
 * table lock shared.
 */
ULONG WINAPI RtmGetNetworkCount(DWORD ProtocolFamily)
{
    RTM_DEBUG_API_ENTRY_VALUE(ULONG, RtmGetNetworkCount, (ProtocolFamily), "family %u",
                              RTM_DEBUG_U(ProtocolFamily));
    struct rtmv1_table *table = rtmv1_table_of(ProtocolFamily);
    size_t count;

    if (!table) {
        rtm_set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    rtm_rwlock_lock_shared(&table->lock);
    count = rtmv1_net_count(table);
    rtm_rwlock_unlock_shared(&table->lock);
    rtm_set_last_error(NO_ERROR);
    return (ULONG)count;
}

/**
 * RtmGetRouteAge - the age of a route, in seconds: the time since its
 * RR_TimeStamp (spec/rras/rtmgetrouteage.md).
 *
 * @Route [in] a route structure of either family, as the routing table
 *             manager returned it; only RR_TimeStamp (a UTC FILETIME, set
 *             when the route was added or last updated) is read.
 *
 * Returns the whole seconds from RR_TimeStamp to now (the system time,
 * UTC). Returns INFINITE, with the thread's last error
 * ERROR_INVALID_PARAMETER, for a NULL Route, a time stamp later than now,
 * or one so old that its age does not fit below INFINITE. Takes no lock.
 */
ULONG WINAPI RtmGetRouteAge(PVOID Route)
{
    RTM_DEBUG_API_ENTRY_VALUE(ULONG, RtmGetRouteAge, (Route), "route %#llx", RTM_DEBUG_H(Route));
    uint64_t now = rtm_now_filetime(), stamp, age;
    FILETIME ft;

    if (!Route) {
        rtm_set_last_error(ERROR_INVALID_PARAMETER);
        return INFINITE;
    }
    memcpy(&ft, Route, sizeof ft);
    stamp = (uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime;
    age = (now - stamp) / FILETIME_PER_SECOND;
    if (stamp > now || age >= INFINITE) {
        rtm_set_last_error(ERROR_INVALID_PARAMETER);
        return INFINITE;
    }
    return (ULONG)age;
}

/**
 * RtmLookupIPDestination - the best route of the longest IP network that
 * holds an address: the route a packet to it takes (declared in rtm.h; no
 * spec page).
 *
 * @dwDestAddr [in]  the IP address, in machine byte order (as IP_NETWORK).
 * @prir       [out] receives the best route of that network.
 *
 * Returns TRUE when a network holds the address (prir written); FALSE
 * otherwise, with the thread's last error NO_ERROR when none does, or
 * ERROR_INVALID_PARAMETER for a NULL prir. Takes the IP table's lock
 * shared.
 */
WINBOOL WINAPI RtmLookupIPDestination(DWORD dwDestAddr, PRTM_IP_ROUTE prir)
{
    RTM_DEBUG_API_ENTRY_VALUE(WINBOOL, RtmLookupIPDestination, (dwDestAddr, prir),
                              "address %#x", RTM_DEBUG_U(dwDestAddr));
    struct rtmv1_table *table = rtmv1_table_of(RTM_PROTOCOL_FAMILY_IP);
    struct rtmv1_net *net;

    if (!prir) {
        rtm_set_last_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    rtm_rwlock_lock_shared(&table->lock);
    net = rtmv1_net_longest(table, dwDestAddr);
    if (net)
        *prir = net->best->data.ip;
    rtm_rwlock_unlock_shared(&table->lock);
    rtm_set_last_error(NO_ERROR);
    return net != NULL;
}
