/*
 * test_v1_route.c - RTMv1 routes (spec/rras/rtmaddroute.md,
 * rtmdeleteroute.md, rtmisroute.md, rtmgetnetworkcount.md,
 * rtmgetrouteage.md, and RtmLookupIPDestination): what a route is (its
 * identity, its canonical network), the best route of a network in each
 * family, the outputs of RtmAddRoute and RtmDeleteRoute, and the queries.
 * (Messages are in test_v1_message.c, expiry in test_v1_expiry.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtmv1_test.h"

#define PROTO_A 201
#define PROTO_B 202
#define NET10 V1_IP(10, 0, 0, 0)
#define HOP1 V1_IP(192, 0, 2, 1)
#define HOP2 V1_IP(192, 0, 2, 2)


/* The best route of an IP network (fails the test when it has none). */
static RTM_IP_ROUTE ip_best(DWORD net, unsigned len)
{
    IP_NETWORK n = { net, v1_mask(len) };
    RTM_IP_ROUTE best;

    memset(&best, 0, sizeof best);
    assert_true(RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &n, &best));
    return best;
}

static RTM_IPX_ROUTE ipx_best(DWORD net)
{
    IPX_NETWORK n = { net };
    RTM_IPX_ROUTE best;

    memset(&best, 0, sizeof best);
    assert_true(RtmIsRoute(RTM_PROTOCOL_FAMILY_IPX, &n, &best));
    return best;
}

/* RtmGetRouteAge of route, which must be the whole seconds since its time
 * stamp at some moment during the call. */
static void expect_age(const void *route)
{
    uint64_t stamp = v1_stamp(route), before = v1_now();
    ULONG age = RtmGetRouteAge((PVOID)route);
    uint64_t after = v1_now();

    assert_in_range(age, (before - stamp) / V1_SECOND, (after - stamp) / V1_SECOND);
}

/* The first route of a network: RTM_ROUTE_ADDED, CurBestRoute is the route
 * as stored (network canonical, the client's protocol, FSD_Priority 0, a
 * time stamp of now), PrevBestRoute is not written. */
static void first_route_is_added(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE route = v1_ip_route(V1_IP(10, 1, 2, 3), 8, 7, HOP1, 5), cur, prev, untouched;
    DWORD flags = 0xDEAD;
    uint64_t before, after;
    (void)state;

    route.RR_RoutingProtocol = 999; /* ignored: the client's protocol */
    route.RR_ProtocolSpecificData.PSD_Data[2] = 0xCAFE;
    memset(&prev, 0xAB, sizeof prev);
    untouched = prev;
    before = v1_now();
    assert_int_equal(RtmAddRoute(a, &route, INFINITE, &flags, &cur, &prev), NO_ERROR);
    after = v1_now();
    assert_int_equal(flags, RTM_ROUTE_ADDED);
    assert_memory_equal(&prev, &untouched, sizeof prev);
    assert_int_equal(cur.RR_Network.N_NetNumber, NET10);
    assert_int_equal(cur.RR_Network.N_NetMask, 0xFF000000u);
    assert_int_equal(cur.RR_RoutingProtocol, PROTO_A);
    assert_int_equal(cur.RR_InterfaceID, 7);
    assert_int_equal(cur.RR_NextHopAddress.N_NetNumber, HOP1);
    assert_int_equal(cur.RR_FamilySpecificData.FSD_Metric, 5);
    assert_int_equal(cur.RR_FamilySpecificData.FSD_Priority, 0);
    assert_int_equal(cur.RR_FamilySpecificData.FSD_Type, 4);
    assert_int_equal(cur.RR_ProtocolSpecificData.PSD_Data[2], 0xCAFE);
    assert_true(v1_stamp(&cur) >= before);
    assert_true(v1_stamp(&cur) <= after);
    expect_age(&cur);
    /* What RtmIsRoute returns is the same. */
    prev = ip_best(V1_IP(10, 200, 0, 0), 8);
    assert_memory_equal(&prev, &cur, sizeof cur);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

/* A route is (network, protocol, interface, next hop): adding it again is
 * an update (RTM_NO_CHANGE when nothing significant changed, but the time
 * stamp and protocol data are new); another metric is an update too; the
 * next hop's mask is no part of it; another interface or next hop is
 * another route. */
static void route_identity(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET10, 8, 1, HOP1, 5), cur, prev, stored;
    DWORD flags;
    IP_NETWORK net = { NET10, v1_mask(8) };
    HANDLE e;
    unsigned n = 0;
    (void)state;

    v1_add(a, &route, INFINITE);
    stored = ip_best(NET10, 8);
    v1_set_stamp(&stored, v1_stamp(&stored) - 3 * V1_SECOND); /* as if 3 s old */
    route.RR_ProtocolSpecificData.PSD_Data[0] = 42;
    route.RR_NextHopAddress.N_NetMask = 0xFFFFFF00u;
    assert_int_equal(RtmAddRoute(a, &route, INFINITE, &flags, &cur, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_NO_CHANGE);
    cur = ip_best(NET10, 8);
    assert_int_equal(cur.RR_ProtocolSpecificData.PSD_Data[0], 42);
    assert_int_equal(cur.RR_NextHopAddress.N_NetMask, 0xFFFFFF00u);
    assert_true(v1_stamp(&cur) > v1_stamp(&stored));
    expect_age(&stored);

    route.RR_FamilySpecificData.FSD_Metric = 6; /* an update of the best route */
    assert_int_equal(v1_add(a, &route, INFINITE), RTM_ROUTE_CHANGED);
    route.RR_InterfaceID = 2; /* another route */
    assert_int_equal(v1_add(a, &route, INFINITE), RTM_NO_CHANGE);
    route.RR_NextHopAddress.N_NetNumber = HOP2; /* another one */
    assert_int_equal(v1_add(a, &route, INFINITE), RTM_NO_CHANGE);
    e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK, &route);
    assert_non_null(e);
    while (RtmEnumerateGetNextRoute(e, &cur) == NO_ERROR)
        n++;
    assert_int_equal(n, 3);
    assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
    assert_true(RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &net, &cur));
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 1);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

/* IP best route: the lowest FSD_Metric whatever the protocol (every
 * protocol has the same priority); of routes as good, the one added
 * first. RtmAddRoute's outputs follow it. */
static void ip_best_route(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, 0);
    RTM_IP_ROUTE a5 = v1_ip_route(NET10, 8, 1, HOP1, 5);
    RTM_IP_ROUTE b3 = v1_ip_route(NET10, 8, 2, HOP2, 3);
    RTM_IP_ROUTE a3 = v1_ip_route(NET10, 8, 3, HOP1, 3);
    RTM_IP_ROUTE cur, prev;
    DWORD flags;
    (void)state;

    assert_int_equal(v1_add(a, &a5, INFINITE), RTM_ROUTE_ADDED);
    assert_int_equal(RtmAddRoute(b, &b3, INFINITE, &flags, &cur, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGED);
    assert_int_equal(cur.RR_RoutingProtocol, PROTO_B);
    assert_int_equal(prev.RR_RoutingProtocol, PROTO_A);
    assert_int_equal(prev.RR_FamilySpecificData.FSD_Metric, 5);
    /* As good as the best, but younger: not the best. */
    assert_int_equal(v1_add(a, &a3, INFINITE), RTM_NO_CHANGE);
    assert_int_equal(ip_best(NET10, 8).RR_RoutingProtocol, PROTO_B);
    /* The best one worse: the older of the two 3s... is a3 now. */
    b3.RR_FamilySpecificData.FSD_Metric = 4;
    assert_int_equal(RtmAddRoute(b, &b3, INFINITE, &flags, &cur, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGED);
    assert_int_equal(cur.RR_InterfaceID, 3);
    assert_int_equal(prev.RR_InterfaceID, 2);
    assert_int_equal(prev.RR_FamilySpecificData.FSD_Metric, 3);
    /* Back to 3: as good as a3, and older (created before a3). */
    b3.RR_FamilySpecificData.FSD_Metric = 3;
    assert_int_equal(RtmAddRoute(b, &b3, INFINITE, &flags, &cur, NULL), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGED);
    assert_int_equal(cur.RR_RoutingProtocol, PROTO_B);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
}

/* IPX best route: the lowest tick count, then the lowest hop count; the
 * next hop is a MAC address. */
static void ipx_best_route(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, NULL, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_B, NULL, 0);
    RTM_IPX_ROUTE a_t3h2 = v1_ipx_route(0xAB12, 1, 1, 3, 2);
    RTM_IPX_ROUTE b_t3h1 = v1_ipx_route(0xAB12, 1, 2, 3, 1);
    RTM_IPX_ROUTE a_t2h9 = v1_ipx_route(0xAB12, 1, 3, 2, 9);
    RTM_IPX_ROUTE cur, prev;
    DWORD flags;
    (void)state;

    assert_int_equal(v1_add(a, &a_t3h2, INFINITE), RTM_ROUTE_ADDED);
    assert_int_equal(RtmAddRoute(b, &b_t3h1, INFINITE, &flags, &cur, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGED); /* fewer hops */
    assert_int_equal(cur.RR_RoutingProtocol, PROTO_B);
    assert_int_equal(cur.RR_NextHopAddress.NHA_Mac[5], 2);
    assert_int_equal(prev.RR_FamilySpecificData.FSD_HopCount, 2);
    assert_int_equal(v1_add(a, &a_t2h9, INFINITE), RTM_ROUTE_CHANGED); /* fewer ticks */
    cur = ipx_best(0xAB12);
    assert_int_equal(cur.RR_NextHopAddress.NHA_Mac[5], 3);
    assert_int_equal(cur.RR_FamilySpecificData.FSD_TickCount, 2);
    assert_int_equal(cur.RR_Network.N_NetNumber, 0xAB12);
    /* Three routes of one network; its number is exact: no other matches. */
    assert_false(RtmIsRoute(RTM_PROTOCOL_FAMILY_IPX, &(IPX_NETWORK){ 0xAB13 }, &cur));
    assert_int_equal(GetLastError(), NO_ERROR);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX), 1);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 0);
    assert_int_equal(v1_delete(a, &a_t2h9), RTM_ROUTE_CHANGED);
    assert_int_equal(ipx_best(0xAB12).RR_RoutingProtocol, PROTO_B);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
}

/* RtmDeleteRoute: a route that is not the best is RTM_NO_CHANGE; the best
 * with others left is RTM_ROUTE_CHANGED with the new best route; the last
 * one is RTM_ROUTE_DELETED (CurBestRoute not written). A route the table
 * does not have, or has for another protocol, is ERROR_NO_SUCH_ROUTE. */
static void delete_route(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, 0);
    RTM_IP_ROUTE best = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 1, HOP1, 1);
    RTM_IP_ROUTE second = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 2, HOP2, 2);
    RTM_IP_ROUTE third = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 3, HOP2, 3);
    RTM_IP_ROUTE cur, untouched;
    DWORD flags = 0xDEAD;
    (void)state;

    v1_add(a, &best, INFINITE);
    v1_add(b, &second, INFINITE);
    v1_add(a, &third, INFINITE);
    assert_int_equal(RtmDeleteRoute(b, &best, &flags, &cur), ERROR_NO_SUCH_ROUTE);
    assert_int_equal(flags, 0xDEAD);
    assert_int_equal(RtmDeleteRoute(a, &second, &flags, &cur), ERROR_NO_SUCH_ROUTE);
    assert_int_equal(v1_delete(a, &third), RTM_NO_CHANGE);
    assert_int_equal(RtmDeleteRoute(a, &third, &flags, &cur), ERROR_NO_SUCH_ROUTE);
    assert_int_equal(RtmDeleteRoute(a, &best, &flags, &cur), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGED);
    assert_int_equal(cur.RR_RoutingProtocol, PROTO_B);
    assert_int_equal(cur.RR_FamilySpecificData.FSD_Metric, 2);
    memset(&cur, 0x5A, sizeof cur);
    untouched = cur;
    /* The network of the route, given as another number of the network. */
    second.RR_Network.N_NetNumber = V1_IP(10, 1, 77, 77);
    assert_int_equal(RtmDeleteRoute(b, &second, &flags, &cur), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_DELETED);
    assert_memory_equal(&cur, &untouched, sizeof cur);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 0);
    assert_int_equal(RtmDeleteRoute(b, &second, &flags, NULL), ERROR_NO_SUCH_ROUTE);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
}

/* Networks are number & mask, masks contiguous: 10.1.2.3/8 is 10.0.0.0/8,
 * 10.0.0.0/8 and 10.0.0.0/16 are two networks, a mask with a hole is
 * ERROR_INVALID_PARAMETER everywhere. */
static void networks_and_masks(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE r8 = v1_ip_route(V1_IP(10, 1, 2, 3), 8, 1, HOP1, 1);
    RTM_IP_ROUTE r16 = v1_ip_route(NET10, 16, 1, HOP1, 1);
    RTM_IP_ROUTE r0 = v1_ip_route(0, 0, 1, HOP1, 1);
    RTM_IP_ROUTE holes = v1_ip_route(NET10, 8, 1, HOP1, 1), out;
    IP_NETWORK bad = { NET10, 0xFF00FF00u };
    DWORD flags = 0xDEAD;
    (void)state;

    assert_int_equal(v1_add(a, &r8, INFINITE), RTM_ROUTE_ADDED);
    assert_int_equal(v1_add(a, &r16, INFINITE), RTM_ROUTE_ADDED);
    assert_int_equal(v1_add(a, &r0, INFINITE), RTM_ROUTE_ADDED);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 3);
    assert_int_equal(ip_best(NET10, 8).RR_Network.N_NetNumber, NET10);
    assert_int_equal(ip_best(0, 0).RR_Network.N_NetMask, 0);
    holes.RR_Network.N_NetMask = 0xFF00FF00u;
    assert_int_equal(RtmAddRoute(a, &holes, INFINITE, &flags, NULL, NULL), ERROR_INVALID_PARAMETER);
    holes.RR_Network.N_NetMask = 0x7FFFFFFFu;
    assert_int_equal(RtmDeleteRoute(a, &holes, &flags, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(flags, 0xDEAD);
    SetLastError(NO_ERROR);
    assert_false(RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &bad, &out));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 3);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

/* Bad arguments of RtmAddRoute and RtmDeleteRoute. */
static void add_and_delete_bad_arguments(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET10, 8, 1, HOP1, 1);
    DWORD flags = 0xDEAD;
    (void)state;

    assert_int_equal(RtmAddRoute(a, NULL, INFINITE, &flags, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmAddRoute(a, &route, INFINITE, NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmAddRoute(a, &route, 2147484, &flags, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmAddRoute(a, &route, INFINITE - 1, &flags, NULL, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmAddRoute(NULL, &route, INFINITE, &flags, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(flags, 0xDEAD);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 0);
    assert_int_equal(RtmAddRoute(a, &route, 2147483, &flags, NULL, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRoute(a, NULL, &flags, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeleteRoute(a, &route, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeleteRoute((HANDLE)(uintptr_t)3, &route, &flags, NULL),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 1);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

/* RTM_PROTOCOL_SINGLE_ROUTE: one route per network for the protocol; an
 * add through another interface or next hop replaces it. */
static void single_route_client(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, RTM_PROTOCOL_SINGLE_ROUTE);
    RTM_IP_ROUTE first = v1_ip_route(NET10, 8, 1, HOP1, 4);
    RTM_IP_ROUTE other = v1_ip_route(NET10, 8, 9, HOP2, 4), cur, prev, walk;
    DWORD flags;
    unsigned n = 0;
    (void)state;

    assert_int_equal(v1_add(a, &first, INFINITE), RTM_ROUTE_ADDED);
    assert_int_equal(RtmAddRoute(a, &other, INFINITE, &flags, &cur, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGED);
    assert_int_equal(cur.RR_InterfaceID, 9);
    assert_int_equal(prev.RR_InterfaceID, 1);
    memset(&walk, 0, sizeof walk);
    for (DWORD s = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, 0, &walk); s == NO_ERROR;
         s = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &walk))
        n++;
    assert_int_equal(n, 1);
    /* Deleting takes the route as it is. */
    assert_int_equal(RtmDeleteRoute(a, &first, &flags, NULL), ERROR_NO_SUCH_ROUTE);
    assert_int_equal(v1_delete(a, &other), RTM_ROUTE_DELETED);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

/* RtmIsRoute and RtmGetNetworkCount: families, NULL arguments, the last
 * error. */
static void is_route_and_network_count(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET10, 8, 1, HOP1, 1), out;
    IP_NETWORK net = { NET10, v1_mask(8) }, other = { NET10, v1_mask(9) };
    (void)state;

    SetLastError(ERROR_INVALID_DATA);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 0);
    assert_int_equal(GetLastError(), NO_ERROR);
    SetLastError(NO_ERROR);
    assert_int_equal(RtmGetNetworkCount(2), 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    v1_add(a, &route, INFINITE);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 1);

    SetLastError(ERROR_INVALID_DATA);
    assert_true(RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &net, &out));
    assert_int_equal(out.RR_RoutingProtocol, PROTO_A);
    SetLastError(ERROR_INVALID_DATA);
    assert_false(RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &other, &out));
    assert_int_equal(GetLastError(), NO_ERROR);
    SetLastError(NO_ERROR);
    assert_false(RtmIsRoute(2, &net, &out));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    assert_false(RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, NULL, &out));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    assert_false(RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &net, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

/* RtmGetRouteAge: whole seconds since RR_TimeStamp; INFINITE and
 * ERROR_INVALID_PARAMETER for NULL, a time stamp in the future or one too
 * old for a ULONG. */
static void route_age(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, NULL, 0);
    RTM_IPX_ROUTE route = v1_ipx_route(0x77, 1, 1, 1, 1), cur;
    uint64_t now;
    DWORD flags;
    (void)state;

    assert_int_equal(RtmAddRoute(a, &route, INFINITE, &flags, &cur, NULL), NO_ERROR);
    now = v1_stamp(&cur);
    expect_age(&cur);
    v1_set_stamp(&cur, now - 90 * V1_SECOND - V1_SECOND / 2);
    expect_age(&cur);
    assert_true(RtmGetRouteAge(&cur) >= 90);
    v1_set_stamp(&cur, now - 4000000000ull * V1_SECOND);
    expect_age(&cur);
    SetLastError(NO_ERROR);
    v1_set_stamp(&cur, now + 3600 * V1_SECOND);
    assert_int_equal(RtmGetRouteAge(&cur), INFINITE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    v1_set_stamp(&cur, 0); /* 1601: more than 2^32 seconds ago */
    assert_int_equal(RtmGetRouteAge(&cur), INFINITE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    assert_int_equal(RtmGetRouteAge(NULL), INFINITE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

/* RtmLookupIPDestination: the best route of the longest network holding an
 * address (machine byte order). */
static void lookup_ip_destination(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, 0);
    RTM_IP_ROUTE r8 = v1_ip_route(NET10, 8, 8, HOP1, 1);
    RTM_IP_ROUTE r16 = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 16, HOP1, 5);
    RTM_IP_ROUTE r16b = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 17, HOP2, 2);
    RTM_IP_ROUTE r24 = v1_ip_route(V1_IP(10, 1, 2, 0), 24, 24, HOP1, 1);
    RTM_IP_ROUTE out;
    (void)state;

    SetLastError(ERROR_INVALID_DATA);
    assert_false(RtmLookupIPDestination(V1_IP(10, 1, 2, 3), &out));
    assert_int_equal(GetLastError(), NO_ERROR);
    v1_add(a, &r8, INFINITE);
    v1_add(a, &r16, INFINITE);
    v1_add(b, &r16b, INFINITE);
    v1_add(a, &r24, INFINITE);
    assert_true(RtmLookupIPDestination(V1_IP(10, 1, 2, 3), &out));
    assert_int_equal(out.RR_InterfaceID, 24);
    assert_true(RtmLookupIPDestination(V1_IP(10, 1, 3, 3), &out));
    assert_int_equal(out.RR_InterfaceID, 17); /* the best of 10.1.0.0/16 */
    assert_int_equal(out.RR_RoutingProtocol, PROTO_B);
    assert_true(RtmLookupIPDestination(V1_IP(10, 200, 0, 1), &out));
    assert_int_equal(out.RR_InterfaceID, 8);
    SetLastError(ERROR_INVALID_DATA);
    assert_false(RtmLookupIPDestination(V1_IP(11, 0, 0, 1), &out));
    assert_int_equal(GetLastError(), NO_ERROR);
    SetLastError(NO_ERROR);
    assert_false(RtmLookupIPDestination(V1_IP(10, 1, 2, 3), NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(first_route_is_added, v1_teardown),
        cmocka_unit_test_teardown(route_identity, v1_teardown),
        cmocka_unit_test_teardown(ip_best_route, v1_teardown),
        cmocka_unit_test_teardown(ipx_best_route, v1_teardown),
        cmocka_unit_test_teardown(delete_route, v1_teardown),
        cmocka_unit_test_teardown(networks_and_masks, v1_teardown),
        cmocka_unit_test_teardown(add_and_delete_bad_arguments, v1_teardown),
        cmocka_unit_test_teardown(single_route_client, v1_teardown),
        cmocka_unit_test_teardown(is_route_and_network_count, v1_teardown),
        cmocka_unit_test_teardown(route_age, v1_teardown),
        cmocka_unit_test_teardown(lookup_ip_destination, v1_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
