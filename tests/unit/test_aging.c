/*
 * test_aging.c - route aging through the public API: a route added with a
 * finite TimeToLive (milliseconds) expires; the owner's callback gets
 * RTM_ROUTE_EXPIRED with the route's handle and information; returning
 * ERROR_NOT_SUPPORTED (or having no callback) lets the RTM delete the
 * route; handling it, as in spec/rras/use-the-event-notification-callback.md,
 * keeps it. Updates restart or stop the clock.
 *
 * Times are short (tens of milliseconds); waits are bounded polls. A check
 * that some calls finish before a lifetime runs out is retried with longer
 * lifetimes when the machine was too busy for them (test_with_lifetime).
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
static int no_callback_attempt(unsigned ttl, void *arg)
{
    RTM_NET_ADDRESS prefix = test_ipv4(10, 3, 0, 0, 16);
    RTM_ENTITY_HANDLE reg = test_register(AGE_INSTANCE + 3, AF_INET, 8, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    unsigned long long start = test_now_ms();
    ULONG count;
    int in_time;
    (void)arg;

    add_route_ttl(reg, prefix, nh, ttl, NULL);
    count = test_route_count(reg, prefix, NULL);
    in_time = test_now_ms() - start < ttl;
    if (in_time) {
        assert_int_equal(count, 1);
        assert_int_equal(wait_route_gone(reg, prefix), 0);
    }
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
    return in_time;
}

static void expired_route_of_an_owner_without_callback_is_deleted(void **state)
{
    (void)state;
    test_with_lifetime(no_callback_attempt, NULL, 20);
}

/* Updating with INFINITE stops the clock; deleting the route cancels it;
 * INFINITE routes never expire. */
static int stop_aging_attempt(unsigned ttl, void *arg)
{
    RTM_NET_ADDRESS kept = test_ipv4(10, 4, 0, 0, 16), deleted = test_ipv4(10, 5, 0, 0, 16);
    RTM_NET_ADDRESS forever = test_ipv4(10, 6, 0, 0, 16);
    RTM_ROUTE_INFO info;
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE route = NULL, gone = NULL;
    DWORD update, deletion;
    unsigned long long start;
    int in_time;
    (void)arg;

    reset(LET_RTM_DELETE);
    reg = test_register_with(AGE_INSTANCE + 4, AF_INET, 8, 1, NULL, on_event, FALSE, NULL);
    nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    info = test_route(nh, 10, 2, RTM_VIEW_MASK_UCAST);
    start = test_now_ms();
    add_route_ttl(reg, kept, nh, ttl, &route);
    update = RtmAddRouteToDest(reg, &route, &kept, &info, INFINITE, NULL, 0, NULL, NULL);
    add_route_ttl(reg, deleted, nh, ttl, &gone);
    deletion = RtmDeleteRouteToDest(reg, gone, NULL);
    in_time = test_now_ms() - start < ttl;
    if (in_time) {
        add_route_ttl(reg, forever, nh, INFINITE, NULL);
        assert_int_equal(update, NO_ERROR);
        assert_int_equal(deletion, NO_ERROR);
        test_sleep_ms(3 * ttl);
        assert_int_equal(test_counter_get(&seen.expired), 0);
        assert_int_equal(test_route_count(reg, kept, NULL), 1);
        assert_int_equal(test_route_count(reg, forever, NULL), 1);
        assert_int_equal(test_route_count(reg, deleted, NULL), 0);
    } else if (deletion != NO_ERROR) {
        RtmReleaseRoutes(reg, 1, &gone); /* it expired first */
    }
    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
    return in_time;
}

static void infinite_update_and_deletion_stop_aging(void **state)
{
    (void)state;
    test_with_lifetime(stop_aging_attempt, NULL, 40);
}

/* Refreshes the route, by adding it again or, when in_place, by an update
 * in place; returns the first error. */
static DWORD refresh(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix, RTM_NEXTHOP_HANDLE nh,
                     ULONG ttl, RTM_ROUTE_HANDLE *route, int in_place)
{
    RTM_ROUTE_INFO info = test_route(nh, 10, 2, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_CHANGE_FLAGS flags;
    DWORD status;

    if (!in_place)
        return RtmAddRouteToDest(reg, route, &prefix, &info, ttl, NULL, 0, NULL, &flags);
    status = RtmLockRoute(reg, *route, TRUE, TRUE, NULL);
    if (status != NO_ERROR)
        return status;
    return RtmUpdateAndUnlockRoute(reg, *route, ttl, NULL, 0, NULL, &flags);
}

/* Refreshing a route before its time restarts the clock: it lives as long
 * as it is refreshed, then expires. In-place updates refresh too. Ten
 * refreshes a sixth of the lifetime apart: the route outlives its first
 * lifetime; each gap between the start of a refresh and the end of the
 * next (or of the checks after the last) must be shorter than it. */
static int refresh_attempt(unsigned ttl, void *arg)
{
    RTM_NET_ADDRESS prefix = test_ipv4(10, 7, 0, 0, 16);
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE route = NULL;
    unsigned long long last, worst = 0;
    DWORD status = NO_ERROR;
    int expired;
    ULONG count;
    (void)arg;

    reset(LET_RTM_DELETE);
    reg = test_register_with(AGE_INSTANCE + 5, AF_INET, 8, 1, NULL, on_event, FALSE, NULL);
    nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    last = test_now_ms();
    add_route_ttl(reg, prefix, nh, ttl, &route);
    for (int i = 0; i < 10; i++) {
        unsigned long long before;
        DWORD s;

        test_sleep_ms(ttl / 6);
        before = test_now_ms();
        s = refresh(reg, prefix, nh, ttl, &route, i % 2 == 0);
        if (status == NO_ERROR)
            status = s;
        if (test_now_ms() - last > worst)
            worst = test_now_ms() - last;
        last = before;
    }
    expired = test_counter_get(&seen.expired);
    count = test_route_count(reg, prefix, NULL);
    if (test_now_ms() - last > worst)
        worst = test_now_ms() - last;
    if (worst < ttl) {
        assert_int_equal(status, NO_ERROR);
        assert_int_equal(expired, 0);
        assert_int_equal(count, 1);
        assert_int_equal(test_wait_count(&seen.expired, 1, WAIT_MS), 1);
        assert_int_equal(wait_route_gone(reg, prefix), 0);
    }
    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
    return worst < ttl;
}

static void refreshing_restarts_the_clock(void **state)
{
    (void)state;
    test_with_lifetime(refresh_attempt, NULL, 200);
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
