/*
 * test_enum_internal.c - what the public API alone cannot show about
 * enumerations and route lists: ERROR_NOT_ENOUGH_MEMORY from every
 * function that allocates (the library's allocator is the failing one of
 * tests/support/failing_alloc.c)
 * and from the functions that give out handles (a route or next hop whose
 * client references are saturated), and that deleted enumerations and
 * route lists, and those an entity leaves behind when it deregisters, are
 * freed with nothing leaked.
 *
 * Linked with the library's objects (INTERNAL): it calls the exports
 * directly and counts live objects with rtm_live_objects().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtmv2/objects.h"
#include "failing_alloc.h"
#include "base/platform.h"
#include "rtm_test.h"

/* ---- helpers ---------------------------------------------------------------------- */

#define PROTO_A 8

static RTM_NET_ADDRESS net(unsigned i)
{
    return test_ipv4(10, 0, i & 255, 0, 24);
}

/* One of the functions that create an enumeration or a route list. */
enum creator { DEST_ENUM, ROUTE_ENUM, NEXTHOP_ENUM, ROUTE_LIST, LIST_ENUM, CREATORS };

static DWORD create(enum creator c, RTM_ENTITY_HANDLE r, RTM_ROUTE_LIST_HANDLE list, HANDLE *out)
{
    switch (c) {
    case DEST_ENUM:
        return RtmCreateDestEnum(r, 0, RTM_ENUM_START, NULL, RTM_BEST_PROTOCOL, out);
    case ROUTE_ENUM:
        return RtmCreateRouteEnum(r, NULL, 0, RTM_ENUM_START, NULL, RTM_MATCH_NONE, NULL, 0, out);
    case NEXTHOP_ENUM:
        return RtmCreateNextHopEnum(r, RTM_ENUM_START, NULL, out);
    case ROUTE_LIST:
        return RtmCreateRouteList(r, out);
    default:
        return RtmCreateRouteListEnum(r, list, out);
    }
}

/*
 * Every create function fails with ERROR_NOT_ENOUGH_MEMORY when any one of
 * its allocations fails (the first, the second, ... until the call needs
 * no more), leaving nothing behind: no object, no memory, no handle.
 */
static void test_create_out_of_memory(void **state)
{
    RTM_ENTITY_HANDLE r = test_register(4401, AF_INET, PROTO_A, 1, FALSE);
    RTM_ROUTE_LIST_HANDLE list = NULL;

    (void)state;
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    for (int c = 0; c < CREATORS; c++) {
        rtm_object_type type = c == ROUTE_LIST ? RTM_OBJ_ROUTE_LIST : RTM_OBJ_ENUM;
        size_t live = rtm_live_objects(type);
        long blocks = test_alloc_outstanding();
        HANDLE h = NULL;
        DWORD status;
        long k;

        for (k = 0;; k++) {
            test_alloc_fail_nth(k + 1);
            status = create((enum creator)c, r, list, &h);
            if (status == NO_ERROR)
                break;
            assert_int_equal(status, ERROR_NOT_ENOUGH_MEMORY);
            assert_null(h);
            assert_int_equal(rtm_live_objects(type), live);
            assert_int_equal(test_alloc_outstanding(), blocks);
        }
        test_alloc_fail_nth(0);
        assert_true(k >= 1);
        assert_non_null(h);
        assert_int_equal(rtm_live_objects(type), live + 1);
        if (c == ROUTE_LIST)
            assert_int_equal(RtmDeleteRouteList(r, h), NO_ERROR);
        else
            assert_int_equal(RtmDeleteEnumHandle(r, h), NO_ERROR);
        assert_int_equal(rtm_live_objects(type), live);
        assert_int_equal(test_alloc_outstanding(), blocks);
    }
    assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* Gives obj client references until it can take no more; returns how many. */
static uint32_t saturate(HANDLE handle, rtm_object_type type)
{
    struct rtm_object *obj = rtm_handle_lookup(handle, type);
    uint32_t n = 0;

    assert_non_null(obj);
    while (rtm_object_ref_client(obj) == RTM_HANDLE_OK)
        n++;
    rtm_object_unref(obj);
    return n;
}

static void unsaturate(HANDLE handle, rtm_object_type type, uint32_t n)
{
    while (n--)
        assert_int_equal(rtm_handle_release(handle, type), RTM_HANDLE_OK);
}

/*
 * A route or next hop that cannot take one more client reference stops a
 * call with ERROR_NOT_ENOUGH_MEMORY: the handles before it are returned,
 * and the enumeration resumes at it once it can.
 */
static void test_saturated_references(void **state)
{
    RTM_ENTITY_HANDLE r = test_register(4402, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh[3];
    RTM_ROUTE_HANDLE route[3];
    RTM_ROUTE_LIST_HANDLE list = NULL;
    RTM_ENUM_HANDLE routes = NULL, listed = NULL, hops = NULL;
    HANDLE got[3];
    uint32_t extra;
    UINT n;

    (void)state;
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    for (unsigned i = 0; i < 3; i++) {
        nh[i] = test_add_nexthop(r, test_ipv4(192, 168, 0, i + 1, 32), 1);
        route[i] = test_add_route(r, net(i), nh[i], 10, 1, NULL);
    }
    assert_int_equal(RtmInsertInRouteList(r, list, 3, route), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0, NULL, 0, &routes), NO_ERROR);
    assert_int_equal(RtmCreateRouteListEnum(r, list, &listed), NO_ERROR);
    assert_int_equal(RtmCreateNextHopEnum(r, 0, NULL, &hops), NO_ERROR);

    extra = saturate(route[1], RTM_OBJ_ROUTE);
    assert_true(extra > 0);
    for (int pass = 0; pass < 2; pass++) {
        n = 3;
        assert_int_equal(RtmGetEnumRoutes(r, routes, &n, got), ERROR_NOT_ENOUGH_MEMORY);
        assert_int_equal(n, pass ? 0 : 1);
        assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);
        n = 3;
        assert_int_equal(RtmGetListEnumRoutes(r, listed, &n, got), ERROR_NOT_ENOUGH_MEMORY);
        assert_int_equal(n, pass ? 0 : 1);
        assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);
    }
    unsaturate(route[1], RTM_OBJ_ROUTE, extra);
    n = 3;
    assert_int_equal(RtmGetEnumRoutes(r, routes, &n, got), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 2);
    assert_ptr_equal(got[0], route[1]);
    assert_ptr_equal(got[1], route[2]);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);
    n = 3;
    assert_int_equal(RtmGetListEnumRoutes(r, listed, &n, got), NO_ERROR);
    assert_int_equal(n, 2);
    assert_ptr_equal(got[0], route[1]);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);

    extra = saturate(nh[0], RTM_OBJ_NEXTHOP);
    n = 3;
    assert_int_equal(RtmGetEnumNextHops(r, hops, &n, got), ERROR_NOT_ENOUGH_MEMORY);
    assert_int_equal(n, 0);
    unsaturate(nh[0], RTM_OBJ_NEXTHOP, extra);
    n = 3;
    assert_int_equal(RtmGetEnumNextHops(r, hops, &n, got), NO_ERROR);
    assert_int_equal(n, 3);
    assert_ptr_equal(got[0], nh[0]);
    assert_int_equal(RtmReleaseNextHops(r, n, got), NO_ERROR);

    assert_int_equal(RtmDeleteEnumHandle(r, routes), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, listed), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, hops), NO_ERROR);
    assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(r, 3, route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(r, 3, nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/*
 * Deleted enumerations and lists are freed, and so is everything an entity
 * leaves behind when it deregisters - enumerations half-way through (one
 * of them holding a destination, one a route list and its last route) and
 * route lists with routes in them - down to the last object and block.
 */
static void test_everything_freed(void **state)
{
    long blocks = test_alloc_outstanding();
    RTM_ENTITY_HANDLE r = test_register(4403, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(r, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_ROUTE_LIST_HANDLE list = NULL, empty = NULL;
    RTM_ENUM_HANDLE e[5];
    RTM_DEST_HANDLE dest;
    RTM_DEST_INFO infos[2];
    HANDLE got[2];
    UINT n;

    (void)state;
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 1 + 1);
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(r, &empty), NO_ERROR);
    for (unsigned i = 0; i < 4; i++) {
        RTM_ROUTE_HANDLE route = test_add_route(r, net(i), nh, 10, 1, NULL);
        assert_int_equal(RtmInsertInRouteList(r, list, 1, &route), NO_ERROR);
        assert_int_equal(RtmReleaseRoutes(r, 1, &route), NO_ERROR);
    }
    dest = test_dest_of(r, net(1));
    assert_int_equal(RtmCreateDestEnum(r, 0, 0, NULL, 0, &e[0]), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(r, dest, 0, 0, NULL, 0, NULL, 0, &e[1]), NO_ERROR);
    assert_int_equal(RtmCreateNextHopEnum(r, 0, NULL, &e[2]), NO_ERROR);
    assert_int_equal(RtmCreateRouteListEnum(r, list, &e[3]), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0, NULL, 0, &e[4]), NO_ERROR);
    assert_int_equal(test_release_dest_handle(r, dest, FALSE), NO_ERROR);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ENUM), 5);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ROUTE_LIST), 2);
    n = 2;
    assert_int_equal(RtmGetEnumDests(r, e[0], &n, infos), NO_ERROR);
    assert_int_equal(RtmReleaseDests(r, n, infos), NO_ERROR);
    n = 2;
    assert_int_equal(RtmGetListEnumRoutes(r, e[3], &n, got), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);
    n = 2;
    assert_int_equal(RtmGetEnumRoutes(r, e[4], &n, got), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);

    /* Deleted explicitly. */
    assert_int_equal(RtmDeleteEnumHandle(r, e[4]), NO_ERROR);
    assert_int_equal(RtmDeleteRouteList(r, empty), NO_ERROR);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ENUM), 4);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ROUTE_LIST), 1);

    /* Left to deregistration. */
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
    /* What stays: the table, created by the first registration. */
    assert_true(test_alloc_outstanding() >= blocks);
    {
        long table_blocks = test_alloc_outstanding();
        RTM_ENTITY_HANDLE again = test_register(4403, AF_INET, PROTO_A, 1, FALSE);
        assert_int_equal(RtmDeregisterEntity(again), NO_ERROR);
        assert_int_equal(test_alloc_outstanding(), table_blocks);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_out_of_memory),
        cmocka_unit_test(test_saturated_references),
        cmocka_unit_test(test_everything_freed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
