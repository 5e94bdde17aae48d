/*
 * test_route_list.c - client-specific route lists through the public API:
 * RtmCreateRouteList, RtmInsertInRouteList, RtmCreateRouteListEnum,
 * RtmGetListEnumRoutes, RtmDeleteRouteList and the RouteListHandle of
 * RtmAddRouteToDest and RtmUpdateAndUnlockRoute
 * (spec/rtmv2/nf-rtmv2-rtm*routelist*.md, nf-rtmv2-rtmgetlistenumroutes.md,
 * spec/rras/maintaining-client-specific-lists.md and the sample
 * use-a-client-specific-route-list.md).
 *
 * A list belongs to the entity that created it and holds some of its
 * routes, in order of insertion; a route is in at most one list. A deleted
 * route leaves its list; a deleted list leaves its routes in the table. A
 * route-list enumeration returns NO_ERROR also at its end, which is a call
 * that returns fewer routes than asked for. Each test uses its own
 * RtmInstanceId.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_A 8  /* RIP */
#define PROTO_B 13 /* OSPF */

#define FORGED_HANDLE ((HANDLE)(uintptr_t)0x1234)

static RTM_ENTITY_HANDLE reg(USHORT instance, ULONG protocol)
{
    return test_register(instance, AF_INET, protocol, 1, FALSE);
}

/* 10.x.y.0/24, increasing with i. */
static RTM_NET_ADDRESS net(unsigned i)
{
    return test_ipv4(10, (i >> 8) & 255, i & 255, 0, 24);
}

static void release_route(RTM_ENTITY_HANDLE r, RTM_ROUTE_HANDLE route)
{
    assert_int_equal(RtmReleaseRoutes(r, 1, &route), NO_ERROR);
}

/* Adds a unicast route to dest in list (may be NULL); returns its handle. */
static RTM_ROUTE_HANDLE add_in_list(RTM_ENTITY_HANDLE r, RTM_NET_ADDRESS dest,
                                    RTM_NEXTHOP_HANDLE nh, RTM_ROUTE_LIST_HANDLE list)
{
    RTM_ROUTE_INFO info = test_route(nh, 10, 1, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE handle = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    assert_int_equal(RtmAddRouteToDest(r, &handle, &dest, &info, INFINITE, list, 0, NULL, &flags),
                     NO_ERROR);
    assert_non_null(handle);
    return handle;
}

/* The routes of a list, through a new enumeration in batches of batch. */
static UINT list_routes(RTM_ENTITY_HANDLE r, RTM_ROUTE_LIST_HANDLE list, UINT batch, HANDLE *out,
                        UINT max)
{
    RTM_ENUM_HANDLE e = NULL;
    UINT n;

    assert_int_equal(RtmCreateRouteListEnum(r, list, &e), NO_ERROR);
    assert_non_null(e);
    n = test_drain_handles(r, e, RtmGetListEnumRoutes, RtmReleaseRoutes, TRUE, batch, out, max);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    return n;
}

/* Checks that the list holds exactly expect[0..n), in that order. */
static void expect_list(RTM_ENTITY_HANDLE r, RTM_ROUTE_LIST_HANDLE list, const HANDLE *expect,
                        UINT n)
{
    HANDLE got[16];

    assert_int_equal(list_routes(r, list, 2, got, 16), n);
    for (UINT i = 0; i < n; i++)
        assert_ptr_equal(got[i], expect[i]);
}

/* spec/rras/use-a-client-specific-route-list.md, written as a test: 250
 * routes added into list 1, then moved batch by batch into list 2 while
 * list 1 is being enumerated; both lists deleted, the routes stay. */
static void test_sample_route_list(void **state)
{
    RTM_REGN_PROFILE RegnProfile;
    RTM_ENTITY_HANDLE RtmRegHandle =
        test_register_profile(4201, AF_INET, PROTO_A, 1, FALSE, &RegnProfile);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(RtmRegHandle, test_ipv4(192, 168, 0, 1, 32), 1);
    HANDLE RouteListHandle1 = NULL, RouteListHandle2 = NULL;
    RTM_ENUM_HANDLE EnumHandle = NULL;
    RTM_ROUTE_HANDLE added[250];
    HANDLE *RouteHandles, *moved;
    UINT MaxHandles, NumHandles, seen = 0;
    DWORD Status;

    (void)state;
    Status = RtmCreateRouteList(RtmRegHandle, &RouteListHandle1);
    assert_int_equal(Status, NO_ERROR);
    Status = RtmCreateRouteList(RtmRegHandle, &RouteListHandle2);
    assert_int_equal(Status, NO_ERROR);
    assert_true(RouteListHandle1 != RouteListHandle2);

    /* Added in decreasing address order: the list keeps insertion order. */
    for (unsigned i = 0; i < 250; i++)
        added[i] = add_in_list(RtmRegHandle, net(249 - i), nh, RouteListHandle1);

    Status = RtmCreateRouteListEnum(RtmRegHandle, RouteListHandle1, &EnumHandle);
    assert_int_equal(Status, NO_ERROR);
    MaxHandles = RegnProfile.MaxHandlesInEnum;
    RouteHandles = test_malloc(MaxHandles * sizeof(HANDLE));
    do {
        NumHandles = MaxHandles;
        Status = RtmGetListEnumRoutes(RtmRegHandle, EnumHandle, &NumHandles, RouteHandles);
        assert_int_equal(Status, NO_ERROR);
        for (UINT i = 0; i < NumHandles; i++)
            assert_ptr_equal(RouteHandles[i], added[seen++]);
        Status = RtmInsertInRouteList(RtmRegHandle, RouteListHandle2, NumHandles, RouteHandles);
        assert_int_equal(Status, NO_ERROR);
        assert_int_equal(RtmReleaseRoutes(RtmRegHandle, NumHandles, RouteHandles), NO_ERROR);
    } while (NumHandles == MaxHandles);
    assert_int_equal(seen, 250);
    assert_int_equal(RtmDeleteEnumHandle(RtmRegHandle, EnumHandle), NO_ERROR);

    /* Everything moved, in the same order. */
    moved = test_malloc(250 * sizeof(HANDLE));
    assert_int_equal(list_routes(RtmRegHandle, RouteListHandle1, 100, moved, 250), 0);
    assert_int_equal(list_routes(RtmRegHandle, RouteListHandle2, 100, moved, 250), 250);
    for (UINT i = 0; i < 250; i++)
        assert_ptr_equal(moved[i], added[i]);

    Status = RtmDeleteRouteList(RtmRegHandle, RouteListHandle1);
    assert_int_equal(Status, NO_ERROR);
    Status = RtmDeleteRouteList(RtmRegHandle, RouteListHandle2);
    assert_int_equal(Status, NO_ERROR);
    for (unsigned i = 0; i < 250; i += 50)
        assert_int_equal(test_route_count(RtmRegHandle, net(i), NULL), 1);

    assert_int_equal(RtmReleaseRoutes(RtmRegHandle, 250, added), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(RtmRegHandle, 1, &nh), NO_ERROR);
    test_free(RouteHandles);
    test_free(moved);
    assert_int_equal(RtmDeregisterEntity(RtmRegHandle), NO_ERROR);
}

/* Lists of 0, 1, 100 and 101 routes, enumerated MaxHandlesInEnum at a
 * time: NO_ERROR every time; the end is the first short batch. */
static void test_list_batches(void **state)
{
    static const unsigned sizes[] = { 0, 1, 100, 101 };
    HANDLE *got = test_malloc(101 * sizeof(HANDLE)), buf[100];

    (void)state;
    for (unsigned s = 0; s < 4; s++) {
        RTM_ENTITY_HANDLE r = reg((USHORT)(4210 + s), PROTO_A);
        RTM_NEXTHOP_HANDLE nh = test_add_nexthop(r, test_ipv4(192, 168, 0, 1, 32), 1);
        RTM_ROUTE_LIST_HANDLE list = NULL;
        RTM_ENUM_HANDLE e = NULL;
        UINT n;

        assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
        for (unsigned i = 0; i < sizes[s]; i++)
            release_route(r, add_in_list(r, net(i), nh, list));
        assert_int_equal(list_routes(r, list, 100, got, 101), sizes[s]);

        /* Call by call. */
        assert_int_equal(RtmCreateRouteListEnum(r, list, &e), NO_ERROR);
        n = 0;
        assert_int_equal(RtmGetListEnumRoutes(r, e, &n, NULL), NO_ERROR);
        assert_int_equal(n, 0);
        n = 100;
        assert_int_equal(RtmGetListEnumRoutes(r, e, &n, buf), NO_ERROR);
        assert_int_equal(n, sizes[s] < 100 ? sizes[s] : 100);
        assert_int_equal(RtmReleaseRoutes(r, n, buf), NO_ERROR);
        n = 100;
        assert_int_equal(RtmGetListEnumRoutes(r, e, &n, buf), NO_ERROR);
        assert_int_equal(n, sizes[s] == 101 ? 1 : 0);
        assert_int_equal(RtmReleaseRoutes(r, n, buf), NO_ERROR);
        n = 100;
        assert_int_equal(RtmGetListEnumRoutes(r, e, &n, buf), NO_ERROR);
        assert_int_equal(n, 0);
        assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);

        assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
        assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
        assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    }
    test_free(got);
}

/* Which list a route is in, through the calls that move routes. */
static void test_list_membership(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4220, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(r, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh2 = test_add_nexthop(r, test_ipv4(192, 168, 0, 2, 32), 2);
    RTM_ROUTE_LIST_HANDLE l1 = NULL, l2 = NULL;
    RTM_ROUTE_HANDLE x, y, z, w, extra;
    RTM_ROUTE_INFO info = test_route(nh2, 10, 1, RTM_VIEW_MASK_UCAST), *pointer;
    RTM_NET_ADDRESS d;
    HANDLE v[4];

    (void)state;
    assert_int_equal(RtmCreateRouteList(r, &l1), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(r, &l2), NO_ERROR);
    x = add_in_list(r, net(1), nh, l1);
    y = add_in_list(r, net(2), nh, l1);
    z = add_in_list(r, net(3), nh, l1);
    w = add_in_list(r, net(4), nh, NULL);
    v[0] = x, v[1] = y, v[2] = z;
    expect_list(r, l1, v, 3);

    /* Re-inserting keeps the place; inserting nothing changes nothing. */
    assert_int_equal(RtmInsertInRouteList(r, l1, 1, &x), NO_ERROR);
    assert_int_equal(RtmInsertInRouteList(r, l1, 0, NULL), NO_ERROR);
    expect_list(r, l1, v, 3);

    /* An update by RtmAddRouteToDest with another list moves the route;
     * with no list, it stays where it is. */
    d = net(2);
    assert_int_equal(RtmAddRouteToDest(r, &y, &d, &info, INFINITE, l2, 0, NULL, NULL), NO_ERROR);
    v[0] = x, v[1] = z;
    expect_list(r, l1, v, 2);
    expect_list(r, l2, &y, 1);
    assert_int_equal(RtmAddRouteToDest(r, &y, &d, &info, INFINITE, NULL, 0, NULL, NULL), NO_ERROR);
    expect_list(r, l2, &y, 1);

    /* RtmInsertInRouteList moves between lists, or out of any (NULL). */
    v[0] = w, v[1] = x;
    assert_int_equal(RtmInsertInRouteList(r, l2, 2, v), NO_ERROR);
    v[0] = y, v[1] = w, v[2] = x;
    expect_list(r, l2, v, 3);
    expect_list(r, l1, &z, 1);
    assert_int_equal(RtmInsertInRouteList(r, NULL, 1, &w), NO_ERROR);
    v[0] = y, v[1] = x;
    expect_list(r, l2, v, 2);

    /* In place, through RtmUpdateAndUnlockRoute. */
    assert_int_equal(RtmLockRoute(r, z, TRUE, TRUE, &pointer), NO_ERROR);
    pointer->PrefInfo.Metric = 7;
    assert_int_equal(RtmUpdateAndUnlockRoute(r, z, INFINITE, l2, 0, NULL, NULL), NO_ERROR);
    v[0] = y, v[1] = x, v[2] = z;
    expect_list(r, l2, v, 3);
    expect_list(r, l1, NULL, 0);

    /* A deleted route leaves its list, and cannot be inserted again. */
    extra = x;
    assert_int_equal(RtmReferenceHandles(r, 1, &extra), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(r, x, NULL), NO_ERROR);
    v[0] = y, v[1] = z;
    expect_list(r, l2, v, 2);
    assert_int_equal(RtmInsertInRouteList(r, l1, 1, &extra), NO_ERROR);
    expect_list(r, l1, NULL, 0);
    release_route(r, extra);

    /* Deleting a list leaves its routes in the table, in no list. */
    assert_int_equal(RtmDeleteRouteList(r, l2), NO_ERROR);
    assert_int_equal(test_route_count(r, net(2), NULL), 1);
    assert_int_equal(test_route_count(r, net(3), NULL), 1);
    assert_int_equal(RtmInsertInRouteList(r, l1, 1, &y), NO_ERROR);
    expect_list(r, l1, &y, 1);

    assert_int_equal(RtmDeleteRouteList(r, l1), NO_ERROR);
    release_route(r, y);
    release_route(r, z);
    release_route(r, w);
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh2), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* A list enumeration resumes correctly when the list changes between
 * calls: routes taken out before their turn are not returned, routes
 * inserted (or re-inserted) come at the end. */
static void test_list_changes_between_calls(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4221, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(r, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_ROUTE_LIST_HANDLE list = NULL, other = NULL;
    RTM_ROUTE_HANDLE route[7];
    RTM_ENUM_HANDLE e = NULL;
    HANDLE got[8];
    UINT n;

    (void)state;
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(r, &other), NO_ERROR);
    for (unsigned i = 0; i < 6; i++)
        route[i] = add_in_list(r, net(i), nh, list);
    assert_int_equal(RtmCreateRouteListEnum(r, list, &e), NO_ERROR);
    n = 2;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, got), NO_ERROR);
    assert_int_equal(n, 2);
    assert_ptr_equal(got[0], route[0]);
    assert_ptr_equal(got[1], route[1]);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);

    /* The last one returned leaves, one ahead leaves, the first one goes
     * out and back in, a new one comes in. */
    assert_int_equal(RtmInsertInRouteList(r, other, 1, &route[1]), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(r, route[3], NULL), NO_ERROR);
    assert_int_equal(RtmInsertInRouteList(r, NULL, 1, &route[0]), NO_ERROR);
    assert_int_equal(RtmInsertInRouteList(r, list, 1, &route[0]), NO_ERROR);
    route[6] = add_in_list(r, net(6), nh, list);

    n = 8;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, got), NO_ERROR);
    assert_int_equal(n, 5);
    assert_ptr_equal(got[0], route[2]);
    assert_ptr_equal(got[1], route[4]);
    assert_ptr_equal(got[2], route[5]);
    assert_ptr_equal(got[3], route[0]);
    assert_ptr_equal(got[4], route[6]);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);
    n = 8;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, got), NO_ERROR);
    assert_int_equal(n, 0);

    /* Deleting the list ends its enumerations. */
    release_route(r, add_in_list(r, net(7), nh, list));
    assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
    n = 8;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, got), NO_ERROR);
    assert_int_equal(n, 0);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);

    assert_int_equal(RtmDeleteRouteList(r, other), NO_ERROR);
    for (unsigned i = 0; i < 7; i++)
        if (i != 3)
            release_route(r, route[i]);
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* The last route returned leaves the list and comes back (to its end):
 * the routes that were after it are still returned, then it again. */
static void test_list_last_reinserted(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4222, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(r, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_ROUTE_LIST_HANDLE list = NULL;
    RTM_ROUTE_HANDLE route[3];
    RTM_ENUM_HANDLE e = NULL;
    HANDLE got[4];
    UINT n;

    (void)state;
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    for (unsigned i = 0; i < 3; i++)
        route[i] = add_in_list(r, net(i), nh, list);
    assert_int_equal(RtmCreateRouteListEnum(r, list, &e), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, got), NO_ERROR);
    assert_ptr_equal(got[0], route[0]);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);
    assert_int_equal(RtmInsertInRouteList(r, NULL, 1, &route[0]), NO_ERROR);
    assert_int_equal(RtmInsertInRouteList(r, list, 1, &route[0]), NO_ERROR);
    n = 4;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, got), NO_ERROR);
    assert_int_equal(n, 3);
    assert_ptr_equal(got[0], route[1]);
    assert_ptr_equal(got[1], route[2]);
    assert_ptr_equal(got[2], route[0]);
    assert_int_equal(RtmReleaseRoutes(r, n, got), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);

    assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(r, 3, route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* Every documented return code, and bad handles: other entities' lists
 * and routes, deleted lists, wrong handle types. Nothing changes on
 * error. */
static void test_list_errors(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4230, PROTO_A), other = reg(4230, PROTO_B);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(r, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE onh = test_add_nexthop(other, test_ipv4(192, 168, 0, 2, 32), 1);
    RTM_ROUTE_LIST_HANDLE list = NULL, theirs = NULL, gone = NULL, l2 = NULL;
    RTM_ROUTE_HANDLE mine = add_in_list(r, net(1), nh, NULL);
    RTM_ROUTE_HANDLE mine2 = add_in_list(r, net(2), nh, NULL);
    RTM_ROUTE_HANDLE their_route = test_add_route(other, net(1), onh, 10, 1, NULL);
    RTM_ENUM_HANDLE e = NULL, route_enum = NULL;
    RTM_ROUTE_INFO info = test_route(nh, 10, 1, RTM_VIEW_MASK_UCAST), *pointer;
    RTM_ROUTE_HANDLE added = NULL;
    RTM_NET_ADDRESS d = net(9);
    HANDLE v[3], buf[101];
    UINT n;

    (void)state;
    /* RtmCreateRouteList */
    assert_int_equal(RtmCreateRouteList(NULL, &list), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteList(FORGED_HANDLE, &list), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteList(r, NULL), ERROR_INVALID_PARAMETER);
    assert_null(list);
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(other, &theirs), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(r, &gone), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(r, &l2), NO_ERROR);
    assert_int_equal(RtmDeleteRouteList(r, gone), NO_ERROR);
    assert_int_equal(RtmInsertInRouteList(r, l2, 1, &mine), NO_ERROR);

    /* RtmInsertInRouteList */
    assert_int_equal(RtmInsertInRouteList(NULL, list, 1, &mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInsertInRouteList(r, list, 1, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmInsertInRouteList(r, FORGED_HANDLE, 1, &mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInsertInRouteList(r, theirs, 1, &mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInsertInRouteList(r, gone, 1, &mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInsertInRouteList(r, mine2, 1, &mine), ERROR_INVALID_HANDLE);
    v[0] = mine2, v[1] = their_route;
    assert_int_equal(RtmInsertInRouteList(r, list, 2, v), ERROR_INVALID_HANDLE);
    v[1] = NULL;
    assert_int_equal(RtmInsertInRouteList(r, list, 2, v), ERROR_INVALID_HANDLE);
    v[1] = FORGED_HANDLE;
    assert_int_equal(RtmInsertInRouteList(r, list, 2, v), ERROR_INVALID_HANDLE);
    v[1] = nh;
    assert_int_equal(RtmInsertInRouteList(r, list, 2, v), ERROR_INVALID_HANDLE);
    v[0] = mine;
    assert_int_equal(RtmInsertInRouteList(r, NULL, 2, v), ERROR_INVALID_HANDLE);
    expect_list(r, list, NULL, 0); /* none of that moved anything */
    expect_list(r, l2, &mine, 1);

    /* RtmAddRouteToDest and RtmUpdateAndUnlockRoute with a bad list. */
    assert_int_equal(RtmAddRouteToDest(r, &added, &d, &info, INFINITE, theirs, 0, NULL, NULL),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmAddRouteToDest(r, &added, &d, &info, INFINITE, gone, 0, NULL, NULL),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmAddRouteToDest(r, &added, &d, &info, INFINITE, FORGED_HANDLE, 0, NULL,
                                       NULL),
                     ERROR_INVALID_HANDLE);
    assert_null(added);
    assert_int_equal(test_route_count(r, d, NULL), 0);
    assert_int_equal(RtmLockRoute(r, mine, TRUE, TRUE, &pointer), NO_ERROR);
    assert_int_equal(RtmUpdateAndUnlockRoute(r, mine, INFINITE, theirs, 0, NULL, NULL),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmUpdateAndUnlockRoute(r, mine, INFINITE, gone, 0, NULL, NULL),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockRoute(r, mine, TRUE, FALSE, NULL), NO_ERROR); /* still locked */
    expect_list(r, l2, &mine, 1);

    /* RtmCreateRouteListEnum */
    assert_int_equal(RtmCreateRouteListEnum(NULL, list, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteListEnum(r, NULL, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteListEnum(r, theirs, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteListEnum(r, gone, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteListEnum(r, mine, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteListEnum(r, list, NULL), ERROR_INVALID_PARAMETER);
    assert_null(e);

    /* RtmGetListEnumRoutes */
    assert_int_equal(RtmCreateRouteListEnum(r, l2, &e), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0, NULL, 0, &route_enum), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetListEnumRoutes(NULL, e, &n, buf), ERROR_INVALID_HANDLE);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetListEnumRoutes(other, e, &n, buf), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetListEnumRoutes(r, route_enum, &n, buf), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetListEnumRoutes(r, l2, &n, buf), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(r, e, &n, buf), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetListEnumRoutes(r, e, NULL, buf), ERROR_INVALID_PARAMETER);
    n = 101;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, buf), ERROR_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, NULL), ERROR_INVALID_PARAMETER);
    n = 1;
    assert_int_equal(RtmGetListEnumRoutes(r, e, &n, buf), NO_ERROR);
    assert_int_equal(n, 1);
    assert_ptr_equal(buf[0], mine);
    assert_int_equal(RtmReleaseRoutes(r, n, buf), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, route_enum), NO_ERROR);

    /* RtmDeleteRouteList */
    assert_int_equal(RtmDeleteRouteList(NULL, list), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteList(r, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteList(r, FORGED_HANDLE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteList(r, gone), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteList(r, theirs), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteList(r, mine), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReferenceHandles(r, 1, &list), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
    assert_int_equal(RtmDeleteRouteList(r, list), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteList(r, l2), NO_ERROR);
    assert_int_equal(RtmDeleteRouteList(other, theirs), NO_ERROR);

    release_route(r, mine);
    release_route(r, mine2);
    release_route(other, their_route);
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(other, 1, &onh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* Deregistration deletes the entity's lists (its routes go too); another
 * entity's lists are not affected. */
static void test_list_deregistration(void **state)
{
    RTM_ENTITY_HANDLE a = reg(4240, PROTO_A), b = reg(4240, PROTO_B);
    RTM_NEXTHOP_HANDLE nha = test_add_nexthop(a, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nhb = test_add_nexthop(b, test_ipv4(192, 168, 0, 2, 32), 1);
    RTM_ROUTE_LIST_HANDLE la = NULL, lb = NULL;
    RTM_ENUM_HANDLE ea = NULL;
    RTM_ROUTE_HANDLE rb;

    (void)state;
    assert_int_equal(RtmCreateRouteList(a, &la), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(b, &lb), NO_ERROR);
    for (unsigned i = 0; i < 3; i++)
        release_route(a, add_in_list(a, net(i), nha, la));
    rb = add_in_list(b, net(1), nhb, lb);
    assert_int_equal(RtmCreateRouteListEnum(a, la, &ea), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nha), NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(test_route_count(b, net(0), NULL), 0);
    assert_int_equal(test_route_count(b, net(1), NULL), 1);
    assert_int_equal(RtmDeleteRouteList(b, la), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInsertInRouteList(b, la, 1, &rb), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(b, ea), ERROR_INVALID_HANDLE);
    expect_list(b, lb, &rb, 1);

    assert_int_equal(RtmDeleteRouteList(b, lb), NO_ERROR);
    release_route(b, rb);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nhb), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_route_list),
        cmocka_unit_test(test_list_batches),
        cmocka_unit_test(test_list_membership),
        cmocka_unit_test(test_list_changes_between_calls),
        cmocka_unit_test(test_list_last_reinserted),
        cmocka_unit_test(test_list_errors),
        cmocka_unit_test(test_list_deregistration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
