/*
 * test_v1_expiry.c - the TimeToLive of RTMv1 routes (spec/rras/rtmaddroute.md):
 * a route expires that many seconds after it was added or last updated;
 * its deletion is sent to every client with an event, the owner included;
 * an update restarts the time, one with INFINITE cancels it.
 *
 * TimeToLive is in whole seconds, so these tests take a few seconds. A
 * check that some calls finish before a TimeToLive runs out is retried
 * with longer ones when the machine was too busy (test_with_lifetime).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"
#include "rtmv1_test.h"

#define PROTO_A 601
#define PROTO_B 602
#define NET V1_IP(10, 60, 0, 0)
#define HOP V1_IP(192, 0, 2, 1)
#define WAIT_MS 10000

static int has_network(DWORD net)
{
    IP_NETWORK n = { net, v1_mask(16) };
    RTM_IP_ROUTE best;

    return RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &n, &best);
}

/* Waits until the network is gone; returns whether it went in time. */
static int wait_gone(DWORD net, unsigned limit_ms)
{
    unsigned long long start = test_now_ms();

    while (has_network(net)) {
        if (test_now_ms() - start > limit_ms)
            return 0;
        test_sleep_ms(5);
    }
    return 1;
}

/* A route of TimeToLive 1 s expires; the owner and the other client are
 * both sent RTM_ROUTE_DELETED; a TimeToLive of 0 expires at once. */
static void route_expires(void **state)
{
    HANDLE ea = v1_event_create(), eb = v1_event_create();
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, ea, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, eb, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET, 16, 1, HOP, 1), prev;
    unsigned long long start = test_now_ms();
    DWORD flags;
    (void)state;

    v1_add(a, &route, 1);
    assert_int_equal(v1_drain(b), 1);
    assert_true(wait_gone(NET, WAIT_MS));
    assert_true(test_now_ms() - start >= 990);
    assert_true(v1_event_wait(ea, WAIT_MS));
    assert_int_equal(RtmDequeueRouteChangeMessage(a, &flags, NULL, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_DELETED);
    assert_int_equal(prev.RR_RoutingProtocol, PROTO_A);
    assert_int_equal(prev.RR_Network.N_NetNumber, NET);
    assert_int_equal(RtmDequeueRouteChangeMessage(b, &flags, NULL, NULL), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_DELETED);

    v1_add(a, &route, 0);
    assert_true(wait_gone(NET, WAIT_MS));
    assert_int_equal(v1_drain(a), 1);
    assert_int_equal(v1_drain(b), 2);
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
    v1_event_close(ea);
    v1_event_close(eb);
}

/* When the best route expires, the next one is the best: RTM_ROUTE_CHANGED
 * to every client with an event. */
static void best_route_expires(void **state)
{
    HANDLE ea = v1_event_create();
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, ea, 0);
    HANDLE b = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_B, NULL, 0);
    RTM_IP_ROUTE best = v1_ip_route(NET, 16, 1, HOP, 1), worse = v1_ip_route(NET, 16, 2, HOP, 9);
    RTM_IP_ROUTE cur, prev;
    DWORD flags;
    (void)state;

    v1_add(b, &worse, INFINITE);
    v1_add(a, &best, 1);
    assert_int_equal(v1_drain(a), 1); /* b's route added */
    assert_true(v1_event_wait(ea, WAIT_MS));
    assert_int_equal(RtmDequeueRouteChangeMessage(a, &flags, &cur, &prev), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGED);
    assert_int_equal(prev.RR_InterfaceID, 1);
    assert_int_equal(cur.RR_InterfaceID, 2);
    assert_true(has_network(NET));
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    assert_int_equal(RtmDeregisterClient(b), NO_ERROR);
    v1_event_close(ea);
}

/* An update with INFINITE cancels an earlier finite TimeToLive. */
static int infinite_attempt(unsigned lifetime_ms, void *arg)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET, 16, 1, HOP, 1);
    unsigned long long start = test_now_ms();
    int in_time;
    (void)arg;

    v1_add(a, &route, lifetime_ms / 1000);
    v1_add(a, &route, INFINITE);
    in_time = test_now_ms() - start < lifetime_ms;
    if (in_time) {
        test_sleep_ms(lifetime_ms + 1000);
        assert_true(has_network(NET));
    }
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    return in_time;
}

static void infinite_cancels(void **state)
{
    (void)state;
    test_with_lifetime(infinite_attempt, NULL, 1000);
}

/* An update restarts the time: a route of TimeToLive T updated after T/2
 * lives until T after the update. */
static int restart_attempt(unsigned lifetime_ms, void *arg)
{
    HANDLE a = v1_register(RTM_PROTOCOL_FAMILY_IP, PROTO_A, NULL, 0);
    RTM_IP_ROUTE route = v1_ip_route(NET, 16, 1, HOP, 1);
    DWORD ttl = lifetime_ms / 1000;
    unsigned long long start = test_now_ms(), updated;
    int in_time, present;
    (void)arg;

    v1_add(a, &route, ttl);
    test_sleep_ms(lifetime_ms / 2);
    v1_add(a, &route, ttl);
    updated = test_now_ms();
    test_sleep_ms(lifetime_ms * 3 / 4); /* past the first expiry, before the second */
    present = has_network(NET);
    in_time = test_now_ms() - updated < lifetime_ms && updated - start < lifetime_ms;
    if (in_time) {
        assert_true(present);
        assert_true(wait_gone(NET, WAIT_MS));
    }
    assert_int_equal(RtmDeregisterClient(a), NO_ERROR);
    return in_time;
}

static void update_restarts(void **state)
{
    (void)state;
    test_with_lifetime(restart_attempt, NULL, 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(route_expires, v1_teardown),
        cmocka_unit_test_teardown(best_route_expires, v1_teardown),
        cmocka_unit_test_teardown(infinite_cancels, v1_teardown),
        cmocka_unit_test_teardown(update_restarts, v1_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
