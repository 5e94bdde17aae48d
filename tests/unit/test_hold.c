/*
 * test_hold.c - hold-down through the public API: RtmHoldDestination and
 * HoldRoute in RTM_DEST_INFO (spec/rtmv2/nf-rtmv2-rtmholddestination.md,
 * spec/rras/marking-routes-for-the-hold-down-state.md,
 * spec/rras/use-the-route-hold-down-state.md).
 *
 * Hold times are tens of milliseconds (longer when the machine was too busy
 * for the calls that must fit in them: test_with_lifetime); waits are
 * bounded polls. Each test works in an RTM instance of its own
 * (HOLD_INSTANCE + n).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define HOLD_INSTANCE 2200
#define WAIT_MS 5000

struct table {
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nh;
};

/* Registers protocol 8, instance protocol_instance, with one next hop. */
static void table_open(struct table *t, USHORT instance, ULONG protocol_instance)
{
    t->reg = test_register(instance, AF_INET, 8, protocol_instance, FALSE);
    t->nh = test_add_nexthop(t->reg, test_ipv4(192, 168, 1, 1, 32), 3);
}

static void table_close(struct table *t)
{
    assert_int_equal(RtmReleaseNextHops(t->reg, 1, &t->nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(t->reg), NO_ERROR);
}

/* The unicast view of a destination: best route and hold route (handles
 * compared by value; the references are released). */
static void unicast_view(struct table *t, RTM_DEST_HANDLE dest, RTM_ROUTE_HANDLE *route,
                         RTM_ROUTE_HANDLE *hold)
{
    RTM_DEST_INFO *info = test_dest_info();

    assert_int_equal(RtmGetDestInfo(t->reg, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_int_equal(info->NumberOfViews, 1);
    *route = info->ViewInfo[0].Route;
    *hold = info->ViewInfo[0].HoldRoute;
    assert_int_equal(RtmReleaseDestInfo(t->reg, info), NO_ERROR);
    test_free(info);
}

/* Waits until the destination holds no route; returns the hold route then. */
static RTM_ROUTE_HANDLE wait_hold_ends(struct table *t, RTM_DEST_HANDLE dest)
{
    RTM_ROUTE_HANDLE route, hold;

    unicast_view(t, dest, &route, &hold);
    for (unsigned waited = 0; hold && waited < WAIT_MS; waited++) {
        test_sleep_ms(1);
        unicast_view(t, dest, &route, &hold);
    }
    return hold;
}

static void hold_destination_return_codes(void **state)
{
    struct table t;
    RTM_NET_ADDRESS prefix = test_ipv4(10, 1, 0, 0, 16);
    RTM_ROUTE_HANDLE route;
    RTM_DEST_HANDLE dest;
    (void)state;

    table_open(&t, HOLD_INSTANCE + 1, 1);
    route = test_add_route(t.reg, prefix, t.nh, 10, 1, NULL);
    dest = test_dest_of(t.reg, prefix);
    assert_int_equal(RtmHoldDestination(t.reg, dest, RTM_VIEW_MASK_UCAST, 1000), NO_ERROR);
    assert_int_equal(RtmHoldDestination(t.reg, dest, RTM_VIEW_MASK_UCAST, 0),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmHoldDestination(t.reg, NULL, RTM_VIEW_MASK_UCAST, 1000),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmHoldDestination(t.reg, route, RTM_VIEW_MASK_UCAST, 1000),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmHoldDestination(NULL, dest, RTM_VIEW_MASK_UCAST, 1000),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(t.reg, 1, &route), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.reg, dest, FALSE), NO_ERROR);
    table_close(&t);
}

/* The last route's deletion during a hold-down: the destination keeps the
 * route as its HoldRoute until the hold time ends, and a new route is used
 * at once beside it. The calls up to the second look must fit in the hold
 * time (test_with_lifetime). */
static int held_attempt(unsigned hold_ms, void *arg)
{
    struct table t;
    RTM_NET_ADDRESS prefix = test_ipv4(10, 2, 0, 0, 16);
    RTM_ROUTE_HANDLE first, second, route, hold, route2 = NULL, hold2 = NULL;
    RTM_ROUTE_INFO *info = test_malloc(RTM_SIZE_OF_ROUTE_INFO(5));
    RTM_DEST_INFO *dinfo = test_dest_info();
    RTM_DEST_HANDLE dest, found = NULL;
    DWORD in_any, in_ucast, looked;
    UCHAR first_state;
    unsigned long long start;
    int in_time;
    (void)arg;

    table_open(&t, HOLD_INSTANCE + 2, 1);
    first = test_add_route(t.reg, prefix, t.nh, 10, 1, NULL);
    dest = test_dest_of(t.reg, prefix);
    start = test_now_ms();
    assert_int_equal(RtmHoldDestination(t.reg, dest, RTM_VIEW_MASK_UCAST, hold_ms), NO_ERROR);
    assert_int_equal(RtmReferenceHandles(t.reg, 1, &first), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(t.reg, first, NULL), NO_ERROR);
    unicast_view(&t, dest, &route, &hold);
    assert_int_equal(RtmGetRouteInfo(t.reg, first, info, NULL), NO_ERROR);
    first_state = info->State;
    assert_int_equal(RtmReleaseRouteInfo(t.reg, info), NO_ERROR);
    in_any = RtmGetExactMatchDestination(t.reg, &prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                         dinfo);
    if (in_any == NO_ERROR) {
        found = dinfo->DestHandle;
        assert_int_equal(RtmReleaseDestInfo(t.reg, dinfo), NO_ERROR);
    }
    in_ucast = RtmGetExactMatchDestination(t.reg, &prefix, RTM_BEST_PROTOCOL,
                                           RTM_VIEW_MASK_UCAST, dinfo);
    if (in_ucast == NO_ERROR)
        assert_int_equal(RtmReleaseDestInfo(t.reg, dinfo), NO_ERROR);
    second = test_add_route(t.reg, prefix, t.nh, 10, 5, NULL);
    looked = RtmGetDestInfo(t.reg, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, dinfo);
    if (looked == NO_ERROR) {
        route2 = dinfo->ViewInfo[0].Route;
        hold2 = dinfo->ViewInfo[0].HoldRoute;
        assert_int_equal(RtmReleaseDestInfo(t.reg, dinfo), NO_ERROR);
    }
    in_time = test_now_ms() - start < hold_ms;
    if (in_time) {

        /* Held: no route, the deleted one as HoldRoute; the destination is
         * still found in any view, not in the unicast view. */
        assert_null(route);
        assert_ptr_equal(hold, first);
        assert_int_equal(first_state, RTM_ROUTE_STATE_DELETED);
        assert_int_equal(in_any, NO_ERROR);
        assert_ptr_equal(found, dest);
        assert_int_equal(in_ucast, ERROR_NOT_FOUND);
        /* A new route is used at once; the old one stays held. */
        assert_int_equal(looked, NO_ERROR);
        assert_ptr_equal(route2, second);
        assert_ptr_equal(hold2, first);

        assert_null(wait_hold_ends(&t, dest));
        unicast_view(&t, dest, &route, &hold);
        assert_ptr_equal(route, second);

        /* The marks ended with the hold-down: the next last route just goes. */
        assert_int_equal(RtmReferenceHandles(t.reg, 1, &second), NO_ERROR);
        assert_int_equal(RtmDeleteRouteToDest(t.reg, second, NULL), NO_ERROR);
        assert_int_equal(RtmGetExactMatchDestination(t.reg, &prefix, RTM_BEST_PROTOCOL,
                                                     RTM_VIEW_MASK_ANY, dinfo),
                         ERROR_NOT_FOUND);
    }
    assert_int_equal(RtmReleaseRoutes(t.reg, 1, &first), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(t.reg, 1, &second), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.reg, dest, FALSE), NO_ERROR);
    table_close(&t);
    test_free(info);
    test_free(dinfo);
    return in_time;
}

static void last_route_is_held_for_the_hold_time(void **state)
{
    (void)state;
    test_with_lifetime(held_attempt, NULL, 150);
}

/* No hold-down while another route of the view remains, nor in a view that
 * was not marked, nor without a mark at all. */
static void hold_only_for_the_last_route_of_a_marked_view(void **state)
{
    struct table t;
    RTM_NET_ADDRESS a = test_ipv4(10, 3, 0, 0, 16), b = test_ipv4(10, 4, 0, 0, 16);
    RTM_NET_ADDRESS c = test_ipv4(10, 5, 0, 0, 16);
    RTM_ROUTE_HANDLE good, worse, mcast, plain, route, hold;
    RTM_DEST_HANDLE dest_a, dest_b;
    RTM_DEST_INFO *dinfo = test_dest_info();
    RTM_ENTITY_HANDLE other;
    RTM_NEXTHOP_HANDLE other_nh;
    (void)state;

    table_open(&t, HOLD_INSTANCE + 3, 1);
    other = test_register(HOLD_INSTANCE + 3, AF_INET, 13, 1, FALSE);
    other_nh = test_add_nexthop(other, test_ipv4(192, 168, 2, 1, 32), 4);
    good = test_add_route(t.reg, a, t.nh, 10, 1, NULL);
    worse = test_add_route(other, a, other_nh, 20, 1, NULL);
    dest_a = test_dest_of(t.reg, a);
    assert_int_equal(RtmHoldDestination(t.reg, dest_a, RTM_VIEW_MASK_UCAST, 5000), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(t.reg, good, NULL), NO_ERROR);
    unicast_view(&t, dest_a, &route, &hold);
    assert_ptr_equal(route, worse);
    assert_null(hold);

    mcast = test_add_route_views(t.reg, b, t.nh, 10, 1, RTM_VIEW_MASK_MCAST, NULL);
    dest_b = test_dest_of_views(t.reg, b, RTM_VIEW_MASK_MCAST);
    assert_int_equal(RtmHoldDestination(t.reg, dest_b, RTM_VIEW_MASK_UCAST, 5000), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(t.reg, mcast, NULL), NO_ERROR);
    assert_int_equal(RtmGetExactMatchDestination(t.reg, &b, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                                 dinfo),
                     ERROR_NOT_FOUND);

    plain = test_add_route(t.reg, c, t.nh, 10, 1, NULL);
    assert_int_equal(RtmDeleteRouteToDest(t.reg, plain, NULL), NO_ERROR);
    assert_int_equal(RtmGetExactMatchDestination(t.reg, &c, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                                 dinfo),
                     ERROR_NOT_FOUND);

    assert_int_equal(RtmReleaseRoutes(other, 1, &worse), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.reg, dest_a, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(t.reg, dest_b, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(other, 1, &other_nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
    table_close(&t);
    test_free(dinfo);
}

/* Deregistering the owner during a hold-down: the route is still held; the
 * destination goes when the hold ends. */
static int survives_attempt(unsigned hold_ms, void *arg)
{
    struct table t, watcher;
    RTM_NET_ADDRESS prefix = test_ipv4(10, 6, 0, 0, 16);
    RTM_ROUTE_HANDLE route = NULL, hold = NULL;
    RTM_DEST_HANDLE dest;
    RTM_DEST_INFO *dinfo = test_dest_info();
    unsigned long long start;
    int in_time;
    (void)arg;

    table_open(&t, HOLD_INSTANCE + 4, 1);
    table_open(&watcher, HOLD_INSTANCE + 4, 2);
    (void)test_add_route(t.reg, prefix, t.nh, 10, 1, NULL);
    dest = test_dest_of(watcher.reg, prefix);
    start = test_now_ms();
    assert_int_equal(RtmHoldDestination(watcher.reg, dest, RTM_VIEW_MASK_UCAST, hold_ms),
                     NO_ERROR);
    table_close(&t);
    unicast_view(&watcher, dest, &route, &hold);
    in_time = test_now_ms() - start < hold_ms;
    if (in_time) {
        assert_null(route);
        assert_non_null(hold);
    }
    assert_null(wait_hold_ends(&watcher, dest));
    assert_int_equal(RtmGetExactMatchDestination(watcher.reg, &prefix, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_ANY, dinfo),
                     ERROR_NOT_FOUND);
    assert_int_equal(test_release_dest_handle(watcher.reg, dest, FALSE), NO_ERROR);
    table_close(&watcher);
    test_free(dinfo);
    return in_time;
}

static void hold_survives_the_owner(void **state)
{
    (void)state;
    test_with_lifetime(survives_attempt, NULL, 60);
}

/* spec/rras/use-the-route-hold-down-state.md: mark a destination, delete
 * its last route, then find it by enumerating every destination in
 * RTM_VIEW_MASK_ANY (the unicast view no longer has it) and read its
 * HoldRoute with RtmGetDestInfo. */
static void sample_use_the_route_hold_down_state(void **state)
{
    struct table t;
    RTM_NET_ADDRESS held = test_ipv4(10, 7, 0, 0, 16), live = test_ipv4(10, 8, 0, 0, 16);
    RTM_NET_ADDRESS all;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE reg;
    RTM_ROUTE_HANDLE gone, kept, route, hold;
    RTM_DEST_HANDLE dest;
    RTM_ENUM_HANDLE enum_handle;
    RTM_DEST_INFO *infos, *actual = test_dest_info();
    UINT n, found = 0, holding = 0;
    size_t size;
    DWORD status;
    (void)state;

    reg = test_register_profile(HOLD_INSTANCE + 5, AF_INET, 8, 1, FALSE, &profile);
    t.reg = reg;
    t.nh = test_add_nexthop(reg, test_ipv4(192, 168, 1, 1, 32), 3);
    gone = test_add_route(reg, held, t.nh, 10, 1, NULL);
    kept = test_add_route(reg, live, t.nh, 10, 1, NULL);
    dest = test_dest_of(reg, held);
    assert_int_equal(RtmHoldDestination(reg, dest, RTM_VIEW_MASK_UCAST, 30 * 1000), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(reg, gone, NULL), NO_ERROR);

    size = RTM_SIZE_OF_DEST_INFO(0);
    infos = test_malloc(size * profile.MaxHandlesInEnum);
    RTM_IPV4_MAKE_NET_ADDRESS(&all, 0, 0);
    assert_int_equal(RtmCreateDestEnum(reg, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &all,
                                       RTM_BEST_PROTOCOL, &enum_handle),
                     NO_ERROR);
    do {
        n = profile.MaxHandlesInEnum;
        status = RtmGetEnumDests(reg, enum_handle, &n, infos);
        for (UINT i = 0; i < n; i++) {
            RTM_DEST_INFO *info = (RTM_DEST_INFO *)((char *)infos + i * size);
            assert_int_equal(info->NumberOfViews, 0);
            assert_int_equal(RtmGetDestInfo(reg, info->DestHandle, RTM_BEST_PROTOCOL,
                                            RTM_VIEW_MASK_UCAST, actual),
                             NO_ERROR);
            found++;
            if (actual->ViewInfo[0].HoldRoute) {
                holding++;
                assert_ptr_equal(info->DestHandle, dest);
                assert_null(actual->ViewInfo[0].Route);
            } else {
                assert_ptr_equal(actual->ViewInfo[0].Route, kept);
            }
            assert_int_equal(RtmReleaseDestInfo(reg, actual), NO_ERROR);
        }
        assert_int_equal(RtmReleaseDests(reg, n, infos), NO_ERROR);
    } while (status == NO_ERROR);
    assert_int_equal(status, ERROR_NO_MORE_ITEMS);
    assert_int_equal(RtmDeleteEnumHandle(reg, enum_handle), NO_ERROR);
    assert_int_equal(found, 2);
    assert_int_equal(holding, 1);

    unicast_view(&t, dest, &route, &hold);
    assert_ptr_equal(hold, gone);
    assert_int_equal(RtmReleaseRoutes(reg, 1, &kept), NO_ERROR);
    assert_int_equal(test_release_dest_handle(reg, dest, FALSE), NO_ERROR);
    /* Deregistering during the hold-down frees everything at unload. */
    table_close(&t);
    test_free(infos);
    test_free(actual);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hold_destination_return_codes),
        cmocka_unit_test(last_route_is_held_for_the_hold_time),
        cmocka_unit_test(hold_only_for_the_last_route_of_a_marked_view),
        cmocka_unit_test(hold_survives_the_owner),
        cmocka_unit_test(sample_use_the_route_hold_down_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
