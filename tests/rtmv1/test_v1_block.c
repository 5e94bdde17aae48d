/*
 * test_v1_block.c - RtmBlockDeleteRoutes (spec/rras/rtmblockdeleteroutes.md):
 * the client's routes that meet criteria are deleted, RTM_ONLY_BEST_ROUTES
 * being redundant; every client with an event, the caller included, is
 * sent one message per network whose best route changed; the return codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtmv1_test.h"

#define PROTO_A 501
#define PROTO_B 502
#define HOP V1_IP(192, 0, 2, 1)

struct fixture {
    HANDLE event_a, event_b, a, b;
};

static int setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);

    f->event_a = v1_event_create();
    f->event_b = v1_event_create();
    f->a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, f->event_a, 0);
    f->b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, f->event_b, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(RtmDeregisterClient(f->a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(f->b), NO_ERROR);
    v1_event_close(f->event_a);
    v1_event_close(f->event_b);
    test_free(f);
    return v1_teardown(state);
}

/* Routes of a on interfaces 1 and 2 to 10.n/16 (n = 1..3), each the best
 * of its network but 10.3/16's on interface 2; b has a route to 10.3/16
 * better than a's on interface 2. */
static void fill(struct fixture *f)
{
    for (unsigned n = 1; n <= 3; n++) {
        RTM_IP_ROUTE r1 = v1_ip_route(V1_IP(10, n, 0, 0), 16, 1, HOP, 1);
        RTM_IP_ROUTE r2 = v1_ip_route(V1_IP(10, n, 0, 0), 16, 2, HOP, 5);

        v1_add(f->a, &r1, INFINITE);
        v1_add(f->a, &r2, INFINITE);
    }
    RTM_IP_ROUTE rb = v1_ip_route(V1_IP(10, 3, 0, 0), 16, 9, HOP, 3);
    v1_add(f->b, &rb, INFINITE);
    v1_drain(f->a);
    v1_drain(f->b);
}

/* The number of routes of a protocol in the table. */
static unsigned routes_of(DWORD protocol)
{
    RTM_IP_ROUTE route = v1_ip_route(0, 0, 0, 0, 0);
    unsigned n = 0;

    route.RR_RoutingProtocol = protocol;
    for (DWORD s = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_PROTOCOL, &route);
         s == NO_ERROR; s = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_THIS_PROTOCOL, &route))
        n++;
    return n;
}

/* By interface: a's routes on interface 1 go; the best routes of 10.1 and
 * 10.2 change to a's interface-2 routes, 10.3's to b's: the caller is sent
 * the three changes, and so is b. */
static void by_interface(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE c = v1_ip_route(0, 0, 1, 0, 0), cur, prev;
    DWORD flags, status;
    unsigned messages = 0;

    fill(f);
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_INTERFACE, &c), NO_ERROR);
    assert_int_equal(routes_of(PROTO_A), 3);
    assert_int_equal(routes_of(PROTO_B), 1);
    assert_true(v1_event_set(f->event_a));
    do {
        status = RtmDequeueRouteChangeMessage(f->a, &flags, &cur, &prev);
        assert_int_equal(flags, RTM_ROUTE_CHANGED);
        assert_int_equal(prev.RR_InterfaceID, 1);
        if (cur.RR_Network.N_NetNumber == V1_IP(10, 3, 0, 0))
            assert_int_equal(cur.RR_RoutingProtocol, PROTO_B);
        else
            assert_int_equal(cur.RR_InterfaceID, 2);
        messages++;
    } while (status == ERROR_MORE_MESSAGES);
    assert_int_equal(status, NO_ERROR);
    assert_int_equal(messages, 3);
    assert_int_equal(v1_drain(f->b), 3);
    /* Nothing of a's is left on interface 1. */
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_INTERFACE, &c), ERROR_NO_ROUTES);
}

/* By network, with RTM_ONLY_BEST_ROUTES (redundant: both of a's routes of
 * the network go, though only one was the best), and by protocol. */
static void by_network_and_protocol(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE c = v1_ip_route(V1_IP(10, 2, 0, 0), 16, 0, 0, 0), cur, prev;
    DWORD flags;

    fill(f);
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_NETWORK | RTM_ONLY_BEST_ROUTES, &c),
                     NO_ERROR);
    assert_int_equal(routes_of(PROTO_A), 4);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 2);
    assert_int_equal(RtmDequeueRouteChangeMessage(f->a, &flags, &cur, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_DELETED); /* one message for the network */
    assert_int_equal(prev.RR_Network.N_NetNumber, V1_IP(10, 2, 0, 0));
    assert_int_equal(v1_drain(f->b), 1);
    /* RTM_ONLY_THIS_PROTOCOL naming another protocol selects nothing: a
     * client deletes only its own routes. */
    c.RR_RoutingProtocol = PROTO_B;
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_PROTOCOL, &c), ERROR_NO_ROUTES);
    c.RR_RoutingProtocol = PROTO_A;
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_PROTOCOL, &c), NO_ERROR);
    assert_int_equal(routes_of(PROTO_A), 0);
    assert_int_equal(routes_of(PROTO_B), 1);
    assert_int_equal(v1_drain(f->a), 2); /* 10.1 deleted, 10.3 to b's route */
    assert_int_equal(RtmBlockDeleteRoutes(f->a, 0, NULL), ERROR_NO_ROUTES);
}

/* Return codes: bad handles, unknown flags, criteria missing or bad. */
static void bad_arguments(void **state)
{
    struct fixture *f = *state;
    RTM_IP_ROUTE c = v1_ip_route(V1_IP(10, 1, 0, 0), 16, 1, 0, 0);
    HANDLE gone = v1_register(RTM_PROTOCOL_FAMILY_IP, 9999, NULL, 0);

    fill(f);
    assert_int_equal(RtmDeregisterClient(gone), NO_ERROR);
    assert_int_equal(RtmBlockDeleteRoutes(NULL, 0, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmBlockDeleteRoutes(gone, 0, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmBlockDeleteRoutes((HANDLE)(uintptr_t)0x42, 0, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmBlockDeleteRoutes(f->a, 0x20, &c), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_NETWORK, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_INTERFACE, NULL),
                     ERROR_INVALID_PARAMETER);
    c.RR_Network.N_NetMask = 0x00FFFFFFu;
    assert_int_equal(RtmBlockDeleteRoutes(f->a, RTM_ONLY_THIS_NETWORK, &c),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(routes_of(PROTO_A), 6);
    assert_false(v1_event_set(f->event_a));
    assert_false(v1_event_set(f->event_b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(by_interface, setup, teardown),
        cmocka_unit_test_setup_teardown(by_network_and_protocol, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
