/*
 * test_aging.c - route aging through the public API: a route added with a
 * finite TimeToLive (milliseconds) expires; the owner's callback gets
 * RTM_ROUTE_EXPIRED with the route's handle and information; returning
 * ERROR_NOT_SUPPORTED (or having no callback) lets the RTM delete the
 * route; handling it, as in spec/rras/use-the-event-notification-callback.md,
 * keeps it. Updates restart or stop the clock.
 *
 * Times are short (tens of milliseconds); waits are bounded polls.
 * Each test works in an RTM instance of its own (AGE_INSTANCE + n).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define AGE_INSTANCE 2100
#define WAIT_MS 5000
#define METRIC_UNREACHABLE 16

/* What the owner's callback does with an expired route. */
enum expiry_answer { LET_RTM_DELETE, KEEP_UNREACHABLE };

static struct {
    enum expiry_answer answer;
    int expired;
    RTM_ROUTE_HANDLE route;       /* Context1 of the last expiry */
    ULONG metric;                 /* Context2->PrefInfo.Metric then */
    UCHAR state;                  /* Context2->State then */
    DWORD lock_status, update_status, release_status;
} seen;

static DWORD WINAPI on_event(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID context1,
                             PVOID context2)
{
    RTM_ROUTE_HANDLE route = context1;
    RTM_ROUTE_INFO *info = context2;
    RTM_ROUTE_CHANGE_FLAGS flags;

    if (type != RTM_ROUTE_EXPIRED)
        return NO_ERROR;
    seen.route = route;
    seen.metric = info->PrefInfo.Metric;
    seen.state = info->State;
    if (seen.answer == LET_RTM_DELETE) {
        test_counter_add(&seen.expired, 1);
        return ERROR_NOT_SUPPORTED;
    }
    seen.lock_status = RtmLockRoute(reg, route, TRUE, TRUE, NULL);
    info->PrefInfo.Metric = METRIC_UNREACHABLE;
    seen.update_status = RtmUpdateAndUnlockRoute(reg, route, INFINITE, NULL, 0, NULL, &flags);
    seen.release_status = RtmReleaseRoutes(reg, 1, &route);
    test_counter_add(&seen.expired, 1);
    return NO_ERROR;
}

/* Adds (or updates, when *handle is set) a unicast route with a TTL. */
static void add_route_ttl(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix, RTM_NEXTHOP_HANDLE nh,
                          ULONG ttl, RTM_ROUTE_HANDLE *handle)
{
    RTM_ROUTE_INFO info = test_route(nh, 10, 2, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    assert_int_equal(RtmAddRouteToDest(reg, handle, &prefix, &info, ttl, NULL, 0, NULL, &flags),
                     NO_ERROR);
}

/* Waits until prefix has no route any more; returns the count left. */
static ULONG wait_route_gone(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix)
{
    ULONG n = test_route_count(reg, prefix, NULL);
    for (unsigned waited = 0; n && waited < WAIT_MS; waited++) {
        test_sleep_ms(1);
        n = test_route_count(reg, prefix, NULL);
    }
    return n;
}

static void reset(enum expiry_answer answer)
{
    memset(&seen, 0, sizeof seen);
    seen.answer = answer;
}

/* The callback gets the route's handle and information; returning
 * ERROR_NOT_SUPPORTED lets the RTM delete the route. */
static void expired_route_is_deleted_when_the_owner_declines(void **state)
{
    RTM_NET_ADDRESS prefix = test_ipv4(10, 1, 0, 0, 16);
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE route = NULL;
    RTM_ROUTE_INFO *info = test_malloc(RTM_SIZE_OF_ROUTE_INFO(5));
    (void)state;

    reset(LET_RTM_DELETE);
    reg = test_register_with(AGE_INSTANCE + 1, AF_INET, 8, 1, NULL, on_event, FALSE, NULL);
    nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    add_route_ttl(reg, prefix, nh, 30, &route);
    assert_int_equal(test_wait_count(&seen.expired, 1, WAIT_MS), 1);
    assert_ptr_equal(seen.route, route);
    assert_int_equal(seen.metric, 2);
    assert_int_equal(seen.state, RTM_ROUTE_STATE_CREATED);
    assert_int_equal(wait_route_gone(reg, prefix), 0);
    assert_int_equal(RtmGetRouteInfo(reg, route, info, NULL), NO_ERROR);
    assert_int_equal(info->State, RTM_ROUTE_STATE_DELETED);
    assert_int_equal(RtmReleaseRouteInfo(reg, info), NO_ERROR);
    /* Our handle is still ours to release, once. */
    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
    test_free(info);
}

/* The sample's handling: the owner marks the route unreachable and keeps
 * it forever; it expires once and stays. */
static void owner_keeps_the_expired_route(void **state)
{
    RTM_NET_ADDRESS prefix = test_ipv4(10, 2, 0, 0, 16);
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE best;
    RTM_ROUTE_INFO *info = test_malloc(RTM_SIZE_OF_ROUTE_INFO(5));
    (void)state;

    reset(KEEP_UNREACHABLE);
    reg = test_register_with(AGE_INSTANCE + 2, AF_INET, 8, 1, NULL, on_event, FALSE, NULL);
    nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    add_route_ttl(reg, prefix, nh, 20, NULL);
    assert_int_equal(test_wait_count(&seen.expired, 1, WAIT_MS), 1);
    assert_int_equal(seen.lock_status, NO_ERROR);
    assert_int_equal(seen.update_status, NO_ERROR);
    assert_int_equal(seen.release_status, NO_ERROR);
    test_sleep_ms(60);
    assert_int_equal(test_counter_get(&seen.expired), 1);
    assert_int_equal(test_route_count(reg, prefix, &best), 1);
    assert_int_equal(RtmGetRouteInfo(reg, best, info, NULL), NO_ERROR);
    assert_int_equal(info->PrefInfo.Metric, METRIC_UNREACHABLE);
    assert_int_equal(RtmReleaseRouteInfo(reg, info), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
    test_free(info);
}

/* An owner without a callback: the expired route is deleted. */
static void expired_route_of_an_owner_without_callback_is_deleted(void **state)
{
    RTM_NET_ADDRESS prefix = test_ipv4(10, 3, 0, 0, 16);
    RTM_ENTITY_HANDLE reg = test_register(AGE_INSTANCE + 3, AF_INET, 8, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    (void)state;

    add_route_ttl(reg, prefix, nh, 20, NULL);
    assert_int_equal(test_route_count(reg, prefix, NULL), 1);
    assert_int_equal(wait_route_gone(reg, prefix), 0);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
}

/* Updating with INFINITE stops the clock; deleting the route cancels it;
 * INFINITE routes never expire. */
static void infinite_update_and_deletion_stop_aging(void **state)
{
    RTM_NET_ADDRESS kept = test_ipv4(10, 4, 0, 0, 16), deleted = test_ipv4(10, 5, 0, 0, 16);
    RTM_NET_ADDRESS forever = test_ipv4(10, 6, 0, 0, 16);
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE route = NULL, gone = NULL;
    (void)state;

    reset(LET_RTM_DELETE);
    reg = test_register_with(AGE_INSTANCE + 4, AF_INET, 8, 1, NULL, on_event, FALSE, NULL);
    nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    add_route_ttl(reg, kept, nh, 40, &route);
    add_route_ttl(reg, kept, nh, INFINITE, &route);
    add_route_ttl(reg, deleted, nh, 40, &gone);
    assert_int_equal(RtmDeleteRouteToDest(reg, gone, NULL), NO_ERROR);
    add_route_ttl(reg, forever, nh, INFINITE, NULL);
    test_sleep_ms(120);
    assert_int_equal(test_counter_get(&seen.expired), 0);
    assert_int_equal(test_route_count(reg, kept, NULL), 1);
    assert_int_equal(test_route_count(reg, forever, NULL), 1);
    assert_int_equal(test_route_count(reg, deleted, NULL), 0);
    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
}

/* Refreshing a route before its time restarts the clock: it lives as long
 * as it is refreshed, then expires. In-place updates refresh too. */
static void refreshing_restarts_the_clock(void **state)
{
    RTM_NET_ADDRESS prefix = test_ipv4(10, 7, 0, 0, 16);
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE route = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags;
    (void)state;

    reset(LET_RTM_DELETE);
    reg = test_register_with(AGE_INSTANCE + 5, AF_INET, 8, 1, NULL, on_event, FALSE, NULL);
    nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    add_route_ttl(reg, prefix, nh, 200, &route);
    for (int i = 0; i < 10; i++) {
        test_sleep_ms(30);
        if (i % 2) {
            add_route_ttl(reg, prefix, nh, 200, &route);
        } else {
            assert_int_equal(RtmLockRoute(reg, route, TRUE, TRUE, NULL), NO_ERROR);
            assert_int_equal(RtmUpdateAndUnlockRoute(reg, route, 200, NULL, 0, NULL, &flags),
                             NO_ERROR);
        }
    }
    /* 300 ms after the first addition, with a 200 ms lifetime. */
    assert_int_equal(test_counter_get(&seen.expired), 0);
    assert_int_equal(test_route_count(reg, prefix, NULL), 1);
    assert_int_equal(test_wait_count(&seen.expired, 1, WAIT_MS), 1);
    assert_int_equal(wait_route_gone(reg, prefix), 0);
    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
}

/* Many routes with different lifetimes all expire. */
static void many_routes_expire(void **state)
{
    RTM_ENTITY_HANDLE reg = test_register(AGE_INSTANCE + 6, AF_INET, 8, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    ULONG left = 0;
    (void)state;

    for (unsigned i = 0; i < 200; i++)
        add_route_ttl(reg, test_ipv4(10, 8, i, 0, 24), nh, 5 + (i * 7) % 60, NULL);
    for (unsigned i = 0; i < 200; i++)
        left += wait_route_gone(reg, test_ipv4(10, 8, i, 0, 24));
    assert_int_equal(left, 0);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expired_route_is_deleted_when_the_owner_declines),
        cmocka_unit_test(owner_keeps_the_expired_route),
        cmocka_unit_test(expired_route_of_an_owner_without_callback_is_deleted),
        cmocka_unit_test(infinite_update_and_deletion_stop_aging),
        cmocka_unit_test(refreshing_restarts_the_clock),
        cmocka_unit_test(many_routes_expire),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
