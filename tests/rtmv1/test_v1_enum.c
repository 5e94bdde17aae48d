/*
 * test_v1_enum.c - RTMv1 enumerations (spec/rras/rtmcreateenumerationhandle.md,
 * rtmenumerategetnextroute.md, rtmcloseenumerationhandle.md,
 * rtmgetfirstroute.md, rtmgetnextroute.md and the RtmGetSpecificRoute
 * macro): every RTM_ONLY_* criterion and their combinations, the order of
 * routes (network, protocol, interface, next hop), an enumeration's
 * position across changes, and the return codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtmv1_test.h"

#define PROTO_A 401
#define PROTO_B 402
#define HOP(n) V1_IP(192, 0, 2, n)
#define MAX_ROUTES 16

/* The table of the IP tests, in the order RtmGetFirstRoute walks it. */
struct fixture {
    HANDLE a, b;
    RTM_IP_ROUTE r1, r2, r3, r4, r5, r6;
};

static int setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);

    f->a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    f->b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, 0);
    f->r1 = v1_ip_route(V1_IP(10, 0, 0, 0), 8, 1, HOP(1), 5);
    f->r2 = v1_ip_route(V1_IP(10, 0, 0, 0), 8, 2, HOP(2), 3);       /* best of 10/8 */
    f->r3 = v1_ip_route(V1_IP(10, 0, 0, 0), 16, 2, HOP(1), 1);      /* best of 10.0/16 */
    f->r4 = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 1, HOP(3), 2);      /* best of 10.1/16 */
    f->r5 = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 1, HOP(1), 7);
    f->r6 = v1_ip_route(V1_IP(192, 168, 1, 0), 24, 1, HOP(9), 1);   /* best */
    /* Added out of order. */
    v1_add(f->b, &f->r6, INFINITE);
    v1_add(f->a, &f->r4, INFINITE);
    v1_add(f->a, &f->r3, INFINITE);
    v1_add(f->a, &f->r1, INFINITE);
    v1_add(f->a, &f->r5, INFINITE);
    v1_add(f->b, &f->r2, INFINITE);
    f->r1.RR_RoutingProtocol = f->r3.RR_RoutingProtocol = PROTO_A;
    f->r4.RR_RoutingProtocol = f->r5.RR_RoutingProtocol = PROTO_A;
    f->r2.RR_RoutingProtocol = f->r6.RR_RoutingProtocol = PROTO_B;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(RtmDeregisterClient(f->a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->b), NO_ERROR);
    test_free(f);
    return v1_teardown(state);
}

/* Nonzero if a and b are the same route (network, protocol, interface,
 * next hop). */
static int same_route(const RTM_IP_ROUTE *a, const RTM_IP_ROUTE *b)
{
    return a->RR_Network.N_NetNumber == b->RR_Network.N_NetNumber &&
           a->RR_Network.N_NetMask == b->RR_Network.N_NetMask &&
           a->RR_RoutingProtocol == b->RR_RoutingProtocol &&
           a->RR_InterfaceID == b->RR_InterfaceID &&
           a->RR_NextHopAddress.N_NetNumber == b->RR_NextHopAddress.N_NetNumber;
}

static void expect_routes(const char *how, const RTM_IP_ROUTE *got, unsigned n,
                          const RTM_IP_ROUTE *const *want, unsigned count)
{
    if (n != count)
        fail_msg("%s: %u routes, expected %u", how, n, count);
    for (unsigned i = 0; i < n; i++)
        if (!same_route(&got[i], want[i]))
            fail_msg("%s: route %u is not the one expected", how, i);
}

/* The routes meeting criteria, three ways: an enumeration handle,
 * RtmGetFirstRoute/RtmGetNextRoute, and each compared with want. */
static void expect_walks(DWORD flags, const RTM_IP_ROUTE *criteria,
                         const RTM_IP_ROUTE *const *want, unsigned count)
{
    RTM_IP_ROUTE got[MAX_ROUTES], route;
    unsigned n = 0;
    HANDLE e;
    DWORD status;

    SetLastError(NO_ERROR);
    e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, flags, (PVOID)criteria);
    if (!count) {
        assert_null(e);
        assert_int_equal(GetLastError(), ERROR_NO_ROUTES);
    } else {
        assert_non_null(e);
        while ((status = RtmEnumerateGetNextRoute(e, &route)) == NO_ERROR && n < MAX_ROUTES)
            got[n++] = route;
        assert_int_equal(status, ERROR_NO_MORE_ROUTES);
        assert_int_equal(RtmEnumerateGetNextRoute(e, &route), ERROR_NO_MORE_ROUTES);
        assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
        expect_routes("enumeration", got, n, want, count);
    }

    n = 0;
    route = criteria ? *criteria : v1_ip_route(0, 0, 0, 0, 0);
    for (status = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, flags, &route);
         status == NO_ERROR && n < MAX_ROUTES;
         status = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, flags, &route))
        got[n++] = route;
    assert_int_equal(status, ERROR_NO_ROUTES);
    expect_routes("RtmGetFirstRoute/RtmGetNextRoute", got, n, want, count);
}

/* No criteria: every route, by network (number, then mask length),
 * protocol, interface, next hop. */
static void all_routes_in_order(void **state)
{
    struct fixture *f = *state;
    const RTM_IP_ROUTE *want[] = { &f->r1, &f->r2, &f->r3, &f->r5, &f->r4, &f->r6 };

    expect_walks(0, NULL, want, 6);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 4);
}

/* Each criterion alone. */
static void each_criterion(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE c = v1_ip_route(V1_IP(10, 1, 77, 77), 16, 1, 0, 0); /* 10.1/16 */
    const RTM_IP_ROUTE *network[] = { &f->r5, &f->r4 };
    const RTM_IP_ROUTE *by_interface[] = { &f->r1, &f->r5, &f->r4, &f->r6 };
    const RTM_IP_ROUTE *protocol[] = { &f->r2, &f->r6 };
    const RTM_IP_ROUTE *best[] = { &f->r2, &f->r3, &f->r4, &f->r6 };

    expect_walks(RTM_ONLY_THIS_NETWORK, &c, network, 2);
    expect_walks(RTM_ONLY_THIS_INTERFACE, &c, by_interface, 4);
    c.RR_RoutingProtocol = PROTO_B;
    expect_walks(RTM_ONLY_THIS_PROTOCOL, &c, protocol, 2);
    expect_walks(RTM_ONLY_BEST_ROUTES, NULL, best, 4);
    /* A network of the same number but another length is another one. */
    c.RR_Network.N_NetMask = v1_mask(17);
    expect_walks(RTM_ONLY_THIS_NETWORK, &c, NULL, 0);
}

/* Criteria combined; RtmGetSpecificRoute. */
static void criteria_combined(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE c = v1_ip_route(V1_IP(10, 0, 0, 0), 8, 2, 0, 0);
    const RTM_IP_ROUTE *best_a[] = { &f->r3, &f->r4 };
    const RTM_IP_ROUTE *net_if[] = { &f->r2 };
    const RTM_IP_ROUTE *if1_a[] = { &f->r1, &f->r5, &f->r4 };
    RTM_IP_ROUTE route;

    c.RR_RoutingProtocol = PROTO_A;
    expect_walks(RTM_ONLY_BEST_ROUTES | RTM_ONLY_THIS_PROTOCOL, &c, best_a, 2);
    expect_walks(RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE, &c, net_if, 1);
    expect_walks(RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE | RTM_ONLY_THIS_PROTOCOL, &c,
                 NULL, 0);
    c.RR_InterfaceID = 1;
    expect_walks(RTM_ONLY_THIS_INTERFACE | RTM_ONLY_THIS_PROTOCOL, &c, if1_a, 3);
    expect_walks(RTM_ONLY_THIS_NETWORK | RTM_ONLY_BEST_ROUTES | RTM_ONLY_THIS_INTERFACE, &c,
                 NULL, 0); /* the best of 10/8 is on interface 2 */

    route = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 1, 0, 0);
    route.RR_RoutingProtocol = PROTO_A;
    assert_int_equal(RtmGetSpecificRoute(RTM_PROTOCOL_FAMILY_IP, &route), NO_ERROR);
    assert_true(same_route(&route, &f->r5)); /* the lower next hop first */
    route = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 2, 0, 0);
    route.RR_RoutingProtocol = PROTO_A;
    assert_int_equal(RtmGetSpecificRoute(RTM_PROTOCOL_FAMILY_IP, &route), ERROR_NO_ROUTES);
}

/* RtmGetNextRoute goes on from any position, a route the table does not
 * have included. */
static void next_from_any_position(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE route = f->r3;

    route.RR_NextHopAddress.N_NetNumber = HOP(200); /* after r3, not in the table */
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route), NO_ERROR);
    assert_true(same_route(&route, &f->r5));
    route = v1_ip_route(V1_IP(10, 0, 128, 0), 17, 0, 0, 0); /* between 10.0/16 and 10.1/16 */
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route), NO_ERROR);
    assert_true(same_route(&route, &f->r5));
    route = f->r6;
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route), ERROR_NO_ROUTES);
    assert_true(same_route(&route, &f->r6)); /* not written */
    route = f->r1;
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK, &route),
                     NO_ERROR);
    assert_true(same_route(&route, &f->r2));
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK, &route),
                     ERROR_NO_ROUTES);
}

/* An enumeration keeps a position: a route added after it is returned,
 * one added before it is not, one deleted before its turn is not; none
 * twice. It outlives its routes' clients. */
static void enumeration_position(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE route, before = v1_ip_route(V1_IP(9, 0, 0, 0), 8, 1, HOP(1), 1);
    RTM_IP_ROUTE after = v1_ip_route(V1_IP(10, 0, 0, 0), 12, 1, HOP(1), 1);
    HANDLE e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0, NULL);

    assert_non_null(e);
    assert_int_equal(RtmEnumerateGetNextRoute(e, &route), NO_ERROR);
    assert_true(same_route(&route, &f->r1));
    v1_add(f->a, &before, INFINITE);
    v1_add(f->a, &after, INFINITE);
    after.RR_RoutingProtocol = PROTO_A;
    v1_delete(f->b, &f->r2);
    assert_int_equal(RtmEnumerateGetNextRoute(e, &route), NO_ERROR);
    assert_true(same_route(&route, &after));
    assert_int_equal(RtmEnumerateGetNextRoute(e, &route), NO_ERROR);
    assert_true(same_route(&route, &f->r3));
    /* Its clients go: nothing is left to return. */
    assert_int_equal(RtmBlockDeleteRoutes(f->a, 0, NULL), NO_ERROR);
    assert_int_equal(RtmBlockDeleteRoutes(f->b, 0, NULL), NO_ERROR);
    assert_int_equal(RtmEnumerateGetNextRoute(e, &route), ERROR_NO_MORE_ROUTES);
    assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
    assert_int_equal(RtmEnumerateGetNextRoute(e, &route), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCloseEnumerationHandle(e), ERROR_INVALID_HANDLE);
}

/* Bad arguments: unknown families and flags, criteria missing or with a
 * mask that is not contiguous, NULL routes, handles that are no
 * enumeration's. */
static void bad_arguments(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE route = f->r1;
    HANDLE e;

    SetLastError(NO_ERROR);
    assert_null(RtmCreateEnumerationHandle(2, 0, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    assert_null(RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, 0x10, &route));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    for (DWORD flag = RTM_ONLY_THIS_NETWORK; flag <= RTM_ONLY_THIS_PROTOCOL; flag <<= 1) {
        SetLastError(NO_ERROR);
        assert_null(RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, flag, NULL));
        assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    route.RR_Network.N_NetMask = 0xFFFF00FFu;
    SetLastError(NO_ERROR);
    assert_null(RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK, &route));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_NETWORK, &route),
                     ERROR_INVALID_PARAMETER);
    /* RtmGetNextRoute reads the network of its position in any case. */
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &route), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, 0, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetFirstRoute(7, 0, &route), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0x100, &route),
                     ERROR_INVALID_PARAMETER);

    e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_BEST_ROUTES, NULL);
    assert_non_null(e);
    assert_int_equal(RtmEnumerateGetNextRoute(e, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmEnumerateGetNextRoute(e, &route), NO_ERROR); /* nothing was taken */
    assert_true(same_route(&route, &f->r2));
    assert_int_equal(RtmEnumerateGetNextRoute(NULL, &route), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmEnumerateGetNextRoute(f->a, &route), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCloseEnumerationHandle(f->a), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCloseEnumerationHandle(NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCloseEnumerationHandle((HANDLE)(uintptr_t)0x12345678),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCloseEnumerationHandle(e), NO_ERROR);
}

/* IPX: networks by number, next hops by MAC address; an empty family. */
static void ipx_order(void **state)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IPX, PROTO_A, NULL, 0);
    RTM_IPX_ROUTE r[] = {
        v1_ipx_route(0x10, 1, 0x02, 1, 1), v1_ipx_route(0x10, 1, 0x10, 1, 1),
        v1_ipx_route(0x20, 1, 0x01, 1, 1), v1_ipx_route(0xFFFFFFF0u, 1, 0x01, 1, 1),
    };
    RTM_IPX_ROUTE route;
    unsigned n = 0;
    DWORD status;
    (void)state;

    memset(&route, 0, sizeof route);
    assert_int_equal(RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IPX, 0, &route), ERROR_NO_ROUTES);
    for (int i = 3; i >= 0; i--)
        v1_add(a, &r[i], INFINITE);
    for (status = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IPX, 0, &route); status == NO_ERROR;
         status = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IPX, 0, &route), n++) {
        assert_true(n < 4);
        assert_int_equal(route.RR_Network.N_NetNumber, r[n].RR_Network.N_NetNumber);
        assert_memory_equal(route.RR_NextHopAddress.NHA_Mac, r[n].RR_NextHopAddress.NHA_Mac, 6);
    }
    assert_int_equal(n, 4);
    route = r[0];
    assert_int_equal(RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IPX, RTM_ONLY_THIS_NETWORK, &route),
                     NO_ERROR);
    assert_int_equal(route.RR_NextHopAddress.NHA_Mac[5], 0x02);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(all_routes_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(each_criterion, setup, teardown),
        cmocka_unit_test_setup_teardown(criteria_combined, setup, teardown),
        cmocka_unit_test_setup_teardown(next_from_any_position, setup, teardown),
        cmocka_unit_test_setup_teardown(enumeration_position, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_arguments, setup, teardown),
        cmocka_unit_test_teardown(ipx_order, v1_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
