/*
 * test_route.c - routes through the public API: RtmAddRouteToDest,
 * RtmDeleteRouteToDest, RtmGetRouteInfo / RtmReleaseRouteInfo,
 * RtmGetRoutePointer, RtmLockRoute + RtmUpdateAndUnlockRoute,
 * RtmIsBestRoute and RtmGetExactMatchRoute (spec/rtmv2/nf-rtmv2-rtm*route*.md,
 * spec/rras/routes-and-the-best-route.md and the two sample pages
 * add-and-update-routes-using-rtmaddroutetodest.md and
 * update-a-route-in-place-using-rtmupdateandunlockroute.md).
 *
 * The best route of a view is the one with the lowest Preference, then the
 * lowest Metric, among the routes in the view that are not
 * RTM_ROUTE_FLAGS_INACTIVE. Each test uses its own RtmInstanceId. A handle
 * whose last reference is gone is refused with ERROR_INVALID_HANDLE (stale
 * handles are safe with this library), which is how reference counts are
 * observed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_A 8   /* RIP */
#define PROTO_B 13  /* OSPF */

#define FORGED_HANDLE ((HANDLE)(uintptr_t)0x1234)
#define BOTH_VIEWS (RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST)

/* From the registration profile (the same for every registration). */
static UINT max_hops;
static RTM_VIEW_SET views_supported;

/* Route information buffers have room for max_hops + 1 next hops, and then
 * one more handle, because RTM_SIZE_OF_ROUTE_INFO(n) is one handle short. */
#define INFO_SIZE RTM_SIZE_OF_ROUTE_INFO(max_hops + 2)

static RTM_ENTITY_HANDLE reg(USHORT instance, USHORT family, ULONG protocol)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE handle = NULL;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = instance;
    info.AddressFamily = family;
    info.EntityId.EntityProtocolId = protocol;
    info.EntityId.EntityInstanceId = 1;
    assert_int_equal(RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &handle), NO_ERROR);
    assert_non_null(handle);
    assert_true(profile.MaxNextHopsInRoute >= 2);
    assert_true(profile.ViewsSupported & RTM_VIEW_MASK_UCAST);
    assert_true(profile.ViewsSupported & RTM_VIEW_MASK_MCAST);
    max_hops = profile.MaxNextHopsInRoute;
    views_supported = profile.ViewsSupported;
    return handle;
}

/* A zeroed route information buffer (free with test_free). */
static RTM_ROUTE_INFO *info_new(void)
{
    RTM_ROUTE_INFO *info = test_malloc(INFO_SIZE);
    memset(info, 0, INFO_SIZE);
    return info;
}

/* A route value: Neighbour and only next hop nh. */
static RTM_ROUTE_INFO *route_new(RTM_NEXTHOP_HANDLE nh, ULONG preference, ULONG metric,
                                 RTM_VIEW_SET views)
{
    RTM_ROUTE_INFO *info = info_new();
    info->Neighbour = nh;
    info->PrefInfo.Preference = preference;
    info->PrefInfo.Metric = metric;
    info->BelongsToViews = views;
    info->NextHopsList.NumNextHops = 1;
    info->NextHopsList.NextHops[0] = nh;
    return info;
}

/* RtmAddRouteToDest with ChangeFlags in on input; *out (may be NULL) gets
 * ChangeFlags on output. */
static DWORD add_flags(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE *handle, RTM_NET_ADDRESS dest,
                       RTM_ROUTE_INFO *info, RTM_ROUTE_CHANGE_FLAGS in, RTM_ROUTE_CHANGE_FLAGS *out)
{
    RTM_ROUTE_CHANGE_FLAGS flags = in;
    DWORD status = RtmAddRouteToDest(reg, handle, &dest, info, INFINITE, NULL, 0, NULL, &flags);
    if (out)
        *out = flags;
    return status;
}

static DWORD add(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE *handle, RTM_NET_ADDRESS dest,
                 RTM_ROUTE_INFO *info, RTM_ROUTE_CHANGE_FLAGS *out)
{
    return add_flags(reg, handle, dest, info, 0, out);
}

/* Adds a new route (asserting NEW, and BEST as expected) and returns its
 * handle. */
static RTM_ROUTE_HANDLE add_new(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS dest, RTM_NEXTHOP_HANDLE nh,
                                ULONG preference, ULONG metric, RTM_VIEW_SET views,
                                RTM_ROUTE_CHANGE_FLAGS expected)
{
    RTM_ROUTE_INFO *info = route_new(nh, preference, metric, views);
    RTM_ROUTE_HANDLE handle = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    assert_int_equal(add(reg, &handle, dest, info, &flags), NO_ERROR);
    assert_non_null(handle);
    assert_int_equal(flags, expected);
    test_free(info);
    return handle;
}

/* What RtmGetExactMatchDestination tells of a destination, per view
 * (index 0 unicast, 1 multicast). */
struct dest_state {
    DWORD status;
    UINT routes[2];
    RTM_ROUTE_HANDLE best[2];
};

static struct dest_state dest_state(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr)
{
    struct dest_state s;
    RTM_DEST_INFO *info = test_dest_info();

    memset(&s, 0, sizeof s);
    s.status = RtmGetExactMatchDestination(reg, &addr, RTM_BEST_PROTOCOL, BOTH_VIEWS, info);
    if (s.status == NO_ERROR) {
        assert_int_equal(info->NumberOfViews, 2);
        for (int v = 0; v < 2; v++) {
            assert_int_equal(info->ViewInfo[v].ViewId, v);
            s.routes[v] = info->ViewInfo[v].NumRoutes;
            s.best[v] = info->ViewInfo[v].Route;
        }
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    } else {
        assert_int_equal(s.status, ERROR_NOT_FOUND);
    }
    test_free(info);
    return s;
}

static void assert_dest(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr, UINT ucast_routes,
                        RTM_ROUTE_HANDLE ucast_best, UINT mcast_routes, RTM_ROUTE_HANDLE mcast_best)
{
    struct dest_state s = dest_state(reg, addr);
    assert_int_equal(s.status, NO_ERROR);
    assert_int_equal(s.routes[0], ucast_routes);
    assert_ptr_equal(s.best[0], ucast_best);
    assert_int_equal(s.routes[1], mcast_routes);
    assert_ptr_equal(s.best[1], mcast_best);
}

static int dest_exists(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr)
{
    RTM_DEST_INFO *info = test_dest_info();
    DWORD status = RtmGetExactMatchDestination(reg, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info);
    if (status == NO_ERROR)
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    else
        assert_int_equal(status, ERROR_NOT_FOUND);
    test_free(info);
    return status == NO_ERROR;
}

static RTM_VIEW_SET best_in(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route)
{
    RTM_VIEW_SET views = 0xdeadbeef;
    assert_int_equal(RtmIsBestRoute(reg, route, &views), NO_ERROR);
    return views;
}

/* Nonzero while the handle names a live route. */
static int route_alive(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route)
{
    DWORD status = RtmGetRouteInfo(reg, route, NULL, NULL);
    assert_true(status == NO_ERROR || status == ERROR_INVALID_HANDLE);
    return status == NO_ERROR;
}

static int dest_handle_alive(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest)
{
    RTM_DEST_INFO *info = test_dest_info();
    DWORD status = RtmGetDestInfo(reg, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info);
    if (status == NO_ERROR)
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    else
        assert_int_equal(status, ERROR_INVALID_HANDLE);
    test_free(info);
    return status == NO_ERROR;
}

/* Checks what RtmGetRouteInfo returns for a route with a single next hop
 * (its Neighbour); releases the copy. */
static void check_route(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route, RTM_ENTITY_HANDLE owner,
                        RTM_NEXTHOP_HANDLE nh, ULONG preference, ULONG metric, RTM_VIEW_SET views,
                        UCHAR state)
{
    RTM_ROUTE_INFO *info = info_new();
    assert_int_equal(RtmGetRouteInfo(reg, route, info, NULL), NO_ERROR);
    assert_non_null(info->DestHandle);
    assert_ptr_equal(info->RouteOwner, owner);
    assert_ptr_equal(info->Neighbour, nh);
    assert_int_equal(info->State, state);
    assert_int_equal(info->PrefInfo.Preference, preference);
    assert_int_equal(info->PrefInfo.Metric, metric);
    assert_int_equal(info->BelongsToViews, views);
    assert_int_equal(info->NextHopsList.NumNextHops, 1);
    assert_ptr_equal(info->NextHopsList.NextHops[0], nh);
    assert_int_equal(RtmReleaseRouteInfo(reg, info), NO_ERROR);
    test_free(info);
}

/* ---- RtmAddRouteToDest -------------------------------------------------- */

static void test_add_new_route(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(200, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(10, 1, 0, 0, 16);
    RTM_ROUTE_INFO *info = route_new(nh, 20, 3, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_INFO *got = info_new();
    RTM_ROUTE_HANDLE route = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    RTM_NET_ADDRESS where;
    RTM_DEST_INFO *dinfo = test_dest_info();
    int cookie;

    assert_false(dest_exists(a, dest));
    info->Flags = RTM_ROUTE_FLAGS_LOCAL;
    info->Flags1 = 0x5a;
    info->EntitySpecificInfo = &cookie;
    /* Ignored members. */
    info->DestHandle = FORGED_HANDLE;
    info->RouteOwner = FORGED_HANDLE;
    info->State = RTM_ROUTE_STATE_DELETED;

    assert_int_equal(add(a, &route, dest, info, &flags), NO_ERROR);
    assert_non_null(route);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);

    /* The destination exists now, with this route as its best. */
    assert_int_equal(RtmGetExactMatchDestination(a, &dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, dinfo),
                     NO_ERROR);
    assert_int_equal(dinfo->NumberOfViews, 1);
    assert_int_equal(dinfo->ViewInfo[0].NumRoutes, 1);
    assert_ptr_equal(dinfo->ViewInfo[0].Route, route);
    assert_ptr_equal(dinfo->ViewInfo[0].Owner, a);

    memset(&where, 0xcc, sizeof where);
    assert_int_equal(RtmGetRouteInfo(a, route, got, &where), NO_ERROR);
    assert_ptr_equal(got->DestHandle, dinfo->DestHandle);
    assert_ptr_equal(got->RouteOwner, a);
    assert_ptr_equal(got->Neighbour, nh);
    assert_int_equal(got->State, RTM_ROUTE_STATE_CREATED);
    assert_int_equal(got->Flags, RTM_ROUTE_FLAGS_LOCAL);
    assert_int_equal(got->Flags1, 0x5a);
    assert_int_equal(got->PrefInfo.Preference, 20);
    assert_int_equal(got->PrefInfo.Metric, 3);
    assert_int_equal(got->BelongsToViews, RTM_VIEW_MASK_UCAST);
    assert_ptr_equal(got->EntitySpecificInfo, &cookie);
    assert_int_equal(got->NextHopsList.NumNextHops, 1);
    assert_ptr_equal(got->NextHopsList.NextHops[0], nh);
    assert_int_equal(where.AddressFamily, AF_INET);
    assert_int_equal(where.NumBits, 16);
    assert_memory_equal(where.AddrBits, dest.AddrBits, RTM_MAX_ADDRESS_SIZE);
    assert_int_equal(RtmReleaseRouteInfo(a, got), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(a, dinfo), NO_ERROR);
    assert_int_equal(best_in(a, route), RTM_VIEW_MASK_UCAST);

    /* No handle and no flags wanted: a new route to another destination. */
    RTM_NET_ADDRESS dest2 = test_ipv4(10, 2, 0, 0, 16);
    assert_int_equal(RtmAddRouteToDest(a, NULL, &dest2, info, INFINITE, NULL, 0, NULL, NULL), NO_ERROR);
    assert_true(dest_exists(a, dest2));

    assert_int_equal(RtmReleaseRoutes(a, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    /* The routes stay until deleted: the registration goes, they go. */
    assert_true(dest_exists(a, dest));
    test_free(info);
    test_free(got);
    test_free(dinfo);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/*
 * ChangeFlags reported truthfully: NEW for a new route, BEST when the route
 * added or updated is a best route or the best route changed.
 */
static void test_change_flags_and_best(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(201, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(201, AF_INET, PROTO_B);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE n2 = test_add_nexthop(a, test_ipv4(10, 0, 0, 2, 32), 1);
    RTM_NEXTHOP_HANDLE n3 = test_add_nexthop(a, test_ipv4(10, 0, 0, 3, 32), 1);
    RTM_NEXTHOP_HANDLE n4 = test_add_nexthop(a, test_ipv4(10, 0, 0, 4, 32), 1);
    RTM_NEXTHOP_HANDLE n5 = test_add_nexthop(a, test_ipv4(10, 0, 0, 5, 32), 1);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv4(10, 0, 0, 9, 32), 2);
    RTM_NET_ADDRESS dest = test_ipv4(192, 168, 0, 0, 24);
    RTM_ROUTE_INFO *info;
    RTM_ROUTE_HANDLE r1, r2, r3, r4, r5, h;
    RTM_ROUTE_CHANGE_FLAGS flags;

    /* First route: new and best. */
    r1 = add_new(a, dest, n1, 20, 5, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    /* A worse route (other neighbour, so another route): NEW only. */
    r2 = add_new(a, dest, n2, 30, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    assert_dest(a, dest, 2, r1, 0, NULL);
    assert_int_equal(best_in(a, r1), RTM_VIEW_MASK_UCAST);
    assert_int_equal(best_in(a, r2), 0);

    /* Updating the non-best route, still worse: no flag; same handle. */
    info = route_new(n2, 30, 2, RTM_VIEW_MASK_UCAST);
    h = NULL;
    flags = 0xdead;
    assert_int_equal(add(a, &h, dest, info, &flags), NO_ERROR);
    assert_ptr_equal(h, r2);
    assert_int_equal(flags, 0);
    assert_int_equal(RtmReleaseRoutes(a, 1, &h), NO_ERROR);
    check_route(a, r2, a, n2, 30, 2, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);
    assert_dest(a, dest, 2, r1, 0, NULL);

    /* Improving it so that it becomes best (same preference, lower metric). */
    info->PrefInfo.Preference = 20;
    info->PrefInfo.Metric = 4;
    assert_int_equal(add(a, NULL, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 2, r2, 0, NULL);
    assert_int_equal(best_in(a, r1), 0);
    assert_int_equal(best_in(a, r2), RTM_VIEW_MASK_UCAST);

    /* Updating the best route, which stays best: BEST. */
    info->EntitySpecificInfo = info;
    assert_int_equal(add(a, NULL, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 2, r2, 0, NULL);

    /* Making the best route worse: another one becomes best, BEST. */
    info->PrefInfo.Preference = 40;
    assert_int_equal(add(a, NULL, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 2, r1, 0, NULL);
    test_free(info);

    /* A tie (same preference and metric as the best): the earlier route
     * stays best; NEW only. */
    r3 = add_new(a, dest, n3, 20, 5, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    assert_dest(a, dest, 3, r1, 0, NULL);

    /* Preference before metric: another entity's route with a lower
     * preference but a much higher metric is best. */
    r4 = add_new(b, dest, nb, 10, 1000, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 4, r4, 0, NULL);
    assert_int_equal(best_in(a, r1), 0);
    assert_int_equal(best_in(b, r4), RTM_VIEW_MASK_UCAST);

    /* An inactive route is never best, whatever its preference. */
    info = route_new(n4, 1, 1, RTM_VIEW_MASK_UCAST);
    info->Flags = RTM_ROUTE_FLAGS_INACTIVE;
    r5 = NULL;
    assert_int_equal(add(a, &r5, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW);
    assert_dest(a, dest, 5, r4, 0, NULL);
    assert_int_equal(best_in(a, r5), 0);
    /* ... activated, it is. */
    info->Flags = 0;
    assert_int_equal(add(a, &r5, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 5, r5, 0, NULL);
    /* ... deactivated again, the best route changes back. */
    info->Flags = RTM_ROUTE_FLAGS_INACTIVE;
    assert_int_equal(add(a, &r5, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 5, r4, 0, NULL);
    test_free(info);

    /* A route in no view: counted nowhere, best nowhere; NEW only. */
    info = route_new(n5, 0, 0, 0);
    h = NULL;
    assert_int_equal(add(a, &h, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW);
    assert_int_equal(best_in(a, h), 0);
    assert_dest(a, dest, 5, r4, 0, NULL);
    /* ... moved into the multicast view, which had no route: BEST. */
    info->BelongsToViews = RTM_VIEW_MASK_MCAST;
    assert_int_equal(add(a, &h, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 5, r4, 1, h);
    assert_int_equal(best_in(a, h), RTM_VIEW_MASK_MCAST);
    test_free(info);

    RTM_ROUTE_HANDLE routes[] = { r1, r2, r3, r5, h };
    assert_int_equal(RtmReleaseRoutes(a, 5, routes), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(b, 1, &r4), NO_ERROR);
    RTM_NEXTHOP_HANDLE hops[] = { n1, n2, n3, n4, n5 };
    assert_int_equal(RtmReleaseNextHops(a, 5, hops), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_dest(b, dest, 1, r4, 0, NULL);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Routes are equal when destination, owner and Neighbour are. */
static void test_equal_routes(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(202, AF_INET6, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(202, AF_INET6, PROTO_B);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv6(0xfe80, 0, 1, 128), 1);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv6(0xfe80, 0, 2, 128), 1);
    RTM_NET_ADDRESS dest = test_ipv6(0x2001, 0xdb8, 0, 32);
    RTM_NET_ADDRESS other = test_ipv6(0x2001, 0xdb8, 0, 48);
    RTM_ROUTE_INFO *info = route_new(n1, 10, 1, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE ra = NULL, h = NULL, rb = NULL, rn = NULL, ro = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags;

    assert_int_equal(add(a, &ra, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    /* Same everything: the same route. */
    info->PrefInfo.Metric = 2;
    assert_int_equal(add(a, &h, dest, info, &flags), NO_ERROR);
    assert_ptr_equal(h, ra);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 1, ra, 0, NULL);
    /* Another owner, same Neighbour (any next hop of the table may be a
     * Neighbour; the next hops must be the owner's): another route. */
    info->NextHopsList.NextHops[0] = nb;
    assert_int_equal(add(b, &rb, dest, info, &flags), NO_ERROR);
    assert_ptr_not_equal(rb, ra);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW);
    assert_dest(a, dest, 2, ra, 0, NULL);
    /* Same owner, no Neighbour: another route. */
    info->Neighbour = NULL;
    info->NextHopsList.NextHops[0] = n1;
    assert_int_equal(add(a, &rn, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW);
    assert_dest(a, dest, 3, ra, 0, NULL);
    /* Another destination (a longer prefix of the same address). */
    info->Neighbour = n1;
    assert_int_equal(add(a, &ro, other, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 3, ra, 0, NULL);
    assert_dest(a, other, 1, ro, 0, NULL);

    RTM_ROUTE_INFO *got = info_new();
    assert_int_equal(RtmGetRouteInfo(a, rb, got, NULL), NO_ERROR);
    assert_ptr_equal(got->RouteOwner, b);
    assert_ptr_equal(got->Neighbour, n1);
    assert_ptr_equal(got->NextHopsList.NextHops[0], nb);
    assert_int_equal(RtmReleaseRouteInfo(a, got), NO_ERROR);
    test_free(got);

    RTM_ROUTE_HANDLE mine[] = { ra, h, rn, ro };
    assert_int_equal(RtmReleaseRoutes(a, 4, mine), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(b, 1, &rb), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &n1), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    test_free(info);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_false(dest_exists(b, other));
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* RTM_ROUTE_CHANGE_FIRST: the caller's first route to the destination is
 * updated, whatever its Neighbour. */
static void test_change_first(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(203, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(203, AF_INET, PROTO_B);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE n2 = test_add_nexthop(a, test_ipv4(10, 0, 0, 2, 32), 1);
    RTM_NEXTHOP_HANDLE n3 = test_add_nexthop(a, test_ipv4(10, 0, 0, 3, 32), 1);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv4(10, 0, 0, 9, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(172, 16, 0, 0, 16);
    RTM_NET_ADDRESS fresh = test_ipv4(172, 17, 0, 0, 16);
    RTM_ROUTE_HANDLE rb = add_new(b, dest, nb, 5, 5, RTM_VIEW_MASK_UCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE r1 = add_new(a, dest, n1, 10, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    RTM_ROUTE_HANDLE r2 = add_new(a, dest, n2, 10, 2, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    RTM_ROUTE_INFO *info = route_new(n3, 10, 7, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE h = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags;

    assert_int_equal(add_flags(a, &h, dest, info, RTM_ROUTE_CHANGE_FIRST, &flags), NO_ERROR);
    assert_ptr_equal(h, r1);
    assert_int_equal(flags, 0);
    assert_dest(a, dest, 3, rb, 0, NULL);
    check_route(a, r1, a, n3, 10, 7, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);
    check_route(a, r2, a, n2, 10, 2, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);
    assert_int_equal(RtmReleaseRoutes(a, 1, &h), NO_ERROR);

    /* Made best through RTM_ROUTE_CHANGE_FIRST. */
    info->PrefInfo.Preference = 1;
    assert_int_equal(add_flags(a, NULL, dest, info, RTM_ROUTE_CHANGE_FIRST, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 3, r1, 0, NULL);

    /* Without the flag the Neighbour counts again: n1 is nobody's now. */
    info->Neighbour = n1;
    info->NextHopsList.NextHops[0] = n1;
    h = NULL;
    assert_int_equal(add(a, &h, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW);
    assert_ptr_not_equal(h, r1);
    assert_dest(a, dest, 4, r1, 0, NULL);

    /* With the flag where the caller has no route: a new route. */
    RTM_ROUTE_HANDLE rf = NULL;
    assert_int_equal(add_flags(a, &rf, fresh, info, RTM_ROUTE_CHANGE_FIRST, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rbf = NULL;
    RTM_ROUTE_INFO *binfo = route_new(nb, 50, 50, RTM_VIEW_MASK_UCAST);
    assert_int_equal(add_flags(b, &rbf, fresh, binfo, RTM_ROUTE_CHANGE_FIRST, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW);
    assert_dest(a, fresh, 2, rf, 0, NULL);
    test_free(binfo);

    RTM_ROUTE_HANDLE mine[] = { r1, r2, h, rf };
    assert_int_equal(RtmReleaseRoutes(a, 4, mine), NO_ERROR);
    RTM_ROUTE_HANDLE theirs[] = { rb, rbf };
    assert_int_equal(RtmReleaseRoutes(b, 2, theirs), NO_ERROR);
    RTM_NEXTHOP_HANDLE hops[] = { n1, n2, n3 };
    assert_int_equal(RtmReleaseNextHops(a, 3, hops), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    test_free(info);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Updating by handle, and its errors. */
static void test_update_by_handle(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(204, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(204, AF_INET, PROTO_B);
    RTM_ENTITY_HANDLE away = reg(205, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE n2 = test_add_nexthop(a, test_ipv4(10, 0, 0, 2, 32), 1);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv4(10, 0, 0, 9, 32), 1);
    RTM_NEXTHOP_HANDLE nf = test_add_nexthop(away, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(10, 64, 0, 0, 10);
    RTM_ROUTE_HANDLE r = add_new(a, dest, n1, 10, 10, RTM_VIEW_MASK_UCAST,
                                 RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rb = add_new(b, dest, nb, 20, 20, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    RTM_ROUTE_HANDLE rf = add_new(away, dest, nf, 10, 10, RTM_VIEW_MASK_UCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_INFO *info = route_new(n2, 10, 30, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE h = r;
    RTM_ROUTE_CHANGE_FLAGS flags = 0xdead;

    /* By handle, even the Neighbour changes; no new route. The metric makes
     * it worse than b's route. */
    info->PrefInfo.Preference = 30;
    assert_int_equal(add(a, &h, dest, info, &flags), NO_ERROR);
    assert_ptr_equal(h, r);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 2, rb, 0, NULL);
    check_route(a, r, a, n2, 30, 30, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);

    /* Worse still: nothing of the best changes. */
    info->PrefInfo.Metric = 31;
    assert_int_equal(add(a, &h, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, 0);

    /* Errors: nothing changes. */
    h = rb; /* another entity's route */
    assert_int_equal(add(a, &h, dest, info, &flags), ERROR_ACCESS_DENIED);
    assert_ptr_equal(h, rb);
    h = r;  /* not the route's destination */
    assert_int_equal(add(a, &h, test_ipv4(10, 64, 0, 0, 11), info, &flags), ERROR_INVALID_PARAMETER);
    assert_int_equal(add(a, &h, test_ipv4(10, 128, 0, 0, 10), info, &flags), ERROR_INVALID_PARAMETER);
    RTM_ROUTE_HANDLE bad[] = { FORGED_HANDLE, n1, a, rf };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        h = bad[i];
        assert_int_equal(add(a, &h, dest, info, &flags), ERROR_INVALID_HANDLE);
        assert_ptr_equal(h, bad[i]);
    }
    assert_dest(a, dest, 2, rb, 0, NULL);
    check_route(a, r, a, n2, 30, 31, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);
    check_route(a, rb, b, nb, 20, 20, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);

    /* A deleted route cannot be updated (and is not re-created). */
    assert_int_equal(RtmReferenceHandles(a, 1, &r), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(a, r, NULL), NO_ERROR);
    h = r;
    assert_int_equal(add(a, &h, dest, info, &flags), ERROR_NOT_FOUND);
    assert_dest(a, dest, 1, rb, 0, NULL);
    check_route(a, r, a, n2, 30, 31, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_DELETED);

    assert_int_equal(RtmReleaseRoutes(a, 1, &r), NO_ERROR);
    assert_false(route_alive(a, r));
    assert_int_equal(RtmReleaseRoutes(b, 1, &rb), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(away, 1, &rf), NO_ERROR);
    RTM_NEXTHOP_HANDLE hops[] = { n1, n2 };
    assert_int_equal(RtmReleaseNextHops(a, 2, hops), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(away, 1, &nf), NO_ERROR);
    test_free(info);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(away), NO_ERROR);
}

/* Errors of RtmAddRouteToDest: nothing changes. */
static void test_add_errors(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(206, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(206, AF_INET, PROTO_B);
    RTM_ENTITY_HANDLE gone = reg(206, AF_INET, 99);
    RTM_ENTITY_HANDLE away = reg(207, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv4(10, 0, 0, 9, 32), 1);
    RTM_NEXTHOP_HANDLE nf = test_add_nexthop(away, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(10, 32, 0, 0, 12);
    RTM_NET_ADDRESS fresh = test_ipv4(10, 48, 0, 0, 12);
    RTM_ROUTE_HANDLE r = add_new(a, dest, n1, 10, 10, BOTH_VIEWS,
                                 RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_INFO *info = route_new(n1, 1, 1, BOTH_VIEWS);
    RTM_ROUTE_HANDLE h = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = 0xdead;
    RTM_NET_ADDRESS addr;
    RTM_NET_ADDRESS targets[] = { dest, fresh };

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    for (size_t t = 0; t < 2; t++) {
        RTM_NET_ADDRESS target = targets[t];

        /* Bad registration handles. */
        assert_int_equal(add(NULL, &h, target, info, &flags), ERROR_INVALID_HANDLE);
        assert_int_equal(add(gone, &h, target, info, &flags), ERROR_INVALID_HANDLE);
        assert_int_equal(add(n1, &h, target, info, &flags), ERROR_INVALID_HANDLE);
        assert_int_equal(add(FORGED_HANDLE, &h, target, info, &flags), ERROR_INVALID_HANDLE);

        /* Missing structures, addresses of the wrong family or too long. */
        assert_int_equal(add(a, &h, target, NULL, &flags), ERROR_INVALID_PARAMETER);
        assert_int_equal(RtmAddRouteToDest(a, &h, NULL, info, INFINITE, NULL, 0, NULL, &flags),
                         ERROR_INVALID_PARAMETER);
        addr = target;
        addr.NumBits = 33;
        assert_int_equal(add(a, &h, addr, info, &flags), ERROR_INVALID_PARAMETER);
        addr = target;
        addr.AddressFamily = AF_INET6;
        assert_int_equal(add(a, &h, addr, info, &flags), ERROR_INVALID_PARAMETER);

        /* A route list handle that is none. */
        assert_int_equal(RtmAddRouteToDest(a, &h, &target, info, INFINITE, n1, 0, NULL, &flags),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmAddRouteToDest(a, &h, &target, info, INFINITE, FORGED_HANDLE, 0, NULL,
                                           &flags),
                         ERROR_INVALID_HANDLE);

        /* Unsupported views. */
        RTM_VIEW_SET unsupported = ~views_supported;
        RTM_VIEW_SET lowest = unsupported & (~unsupported + 1);
        RTM_VIEW_SET bad_views[] = { lowest, lowest | RTM_VIEW_MASK_UCAST, 0x80000000u,
                                     RTM_VIEW_MASK_ALL };
        for (size_t i = 0; i < sizeof bad_views / sizeof bad_views[0]; i++) {
            info->BelongsToViews = bad_views[i];
            assert_int_equal(add(a, &h, target, info, &flags), ERROR_INVALID_PARAMETER);
        }
        info->BelongsToViews = BOTH_VIEWS;

        /* Another entity's next hop as a next hop. */
        info->NextHopsList.NextHops[0] = nb;
        assert_int_equal(add(a, &h, target, info, &flags), ERROR_INVALID_PARAMETER);
        /* Not next hops of this table. */
        RTM_NEXTHOP_HANDLE bad[] = { FORGED_HANDLE, nf, r, a };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            info->NextHopsList.NextHops[0] = bad[i];
            assert_int_equal(add(a, &h, target, info, &flags), ERROR_INVALID_HANDLE);
        }
        info->NextHopsList.NextHops[0] = n1;
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            info->Neighbour = bad[i];
            assert_int_equal(add(a, &h, target, info, &flags), ERROR_INVALID_HANDLE);
        }
        info->Neighbour = n1;

        /* Too many next hops. */
        RTM_NEXTHOP_HANDLE extra[16];
        assert_true(max_hops + 1 <= 16);
        for (UINT i = 0; i <= max_hops; i++) {
            extra[i] = test_add_nexthop(a, test_ipv4(10, 1, 0, i + 1, 32), 1);
            info->NextHopsList.NextHops[i] = extra[i];
        }
        info->NextHopsList.NumNextHops = (USHORT)(max_hops + 1);
        assert_int_equal(add(a, &h, target, info, &flags), ERROR_INVALID_PARAMETER);
        assert_int_equal(RtmReleaseNextHops(a, max_hops + 1, extra), NO_ERROR);
        info->NextHopsList.NumNextHops = 1;
        info->NextHopsList.NextHops[0] = n1;

        assert_null(h);
        }

    /* Nothing happened: the new destination does not exist, the old one
     * still has its one route, unchanged. */
    assert_false(dest_exists(a, fresh));
    assert_dest(a, dest, 1, r, 1, r);
    check_route(a, r, a, n1, 10, 10, BOTH_VIEWS, RTM_ROUTE_STATE_CREATED);
    assert_int_equal(best_in(a, r), BOTH_VIEWS);

    /* The same, with correct values, succeeds. */
    assert_int_equal(add(a, &h, fresh, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);

    RTM_ROUTE_HANDLE mine[] = { r, h };
    assert_int_equal(RtmReleaseRoutes(a, 2, mine), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &n1), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(away, 1, &nf), NO_ERROR);
    test_free(info);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(away), NO_ERROR);
}

/* Deletes, by information, the i-th next hop of test_max_nexthops. */
static DWORD delete_hop(RTM_ENTITY_HANDLE reg, UINT i)
{
    RTM_NEXTHOP_INFO info;
    memset(&info, 0, sizeof info);
    info.NextHopAddress = test_ipv4(10, 9, 0, i + 1, 32);
    info.InterfaceIndex = i + 1;
    return RtmDeleteNextHop(reg, NULL, &info);
}

/* A route with as many next hops as the profile allows; the route holds
 * its own references on them. */
static void test_max_nexthops(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(208, AF_INET, PROTO_A);
    RTM_NET_ADDRESS dest = test_ipv4(10, 200, 0, 0, 16);
    RTM_NEXTHOP_HANDLE hops[16];
    RTM_ROUTE_INFO *info = info_new();
    RTM_ROUTE_INFO *got = info_new();
    RTM_ROUTE_HANDLE r = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags;

    assert_true(max_hops <= 16);
    for (UINT i = 0; i < max_hops; i++) {
        hops[i] = test_add_nexthop(a, test_ipv4(10, 9, 0, i + 1, 32), i + 1);
        info->NextHopsList.NextHops[i] = hops[i];
    }
    info->NextHopsList.NumNextHops = (USHORT)max_hops;
    info->Neighbour = hops[0];
    info->BelongsToViews = RTM_VIEW_MASK_UCAST;
    assert_int_equal(add(a, &r, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);

    memset(got, 0xcc, INFO_SIZE);
    assert_int_equal(RtmGetRouteInfo(a, r, got, NULL), NO_ERROR);
    assert_int_equal(got->NextHopsList.NumNextHops, max_hops);
    for (UINT i = 0; i < max_hops; i++)
        assert_ptr_equal(got->NextHopsList.NextHops[i], hops[i]);
    assert_ptr_equal(got->Neighbour, hops[0]);
    assert_int_equal(RtmReleaseRouteInfo(a, got), NO_ERROR);

    /* The caller's handles can go: the route keeps the next hops, also
     * when they are deleted. */
    assert_int_equal(RtmReleaseNextHops(a, max_hops, hops), NO_ERROR);
    assert_int_equal(delete_hop(a, max_hops - 1), NO_ERROR);
    assert_true(test_nexthop_alive(a, hops[max_hops - 1]));

    /* Fewer next hops: the route lets go of the ones dropped. */
    info->NextHopsList.NumNextHops = 1;
    assert_int_equal(add(a, &r, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_false(test_nexthop_alive(a, hops[max_hops - 1]));
    for (UINT i = 1; i < max_hops - 1; i++) {
        assert_int_equal(delete_hop(a, i), NO_ERROR);
        assert_false(test_nexthop_alive(a, hops[i]));
    }
    assert_int_equal(delete_hop(a, 0), NO_ERROR);
    assert_true(test_nexthop_alive(a, hops[0]));
    /* Deleting the route lets go of the rest. */
    assert_int_equal(RtmDeleteRouteToDest(a, r, &flags), NO_ERROR);
    assert_false(test_nexthop_alive(a, hops[0]));

    test_free(info);
    test_free(got);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* ---- RtmDeleteRouteToDest ----------------------------------------------- */

static void test_delete(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(209, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(209, AF_INET, PROTO_B);
    RTM_ENTITY_HANDLE gone = reg(209, AF_INET, 99);
    RTM_ENTITY_HANDLE away = reg(210, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE n2 = test_add_nexthop(a, test_ipv4(10, 0, 0, 2, 32), 1);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv4(10, 0, 0, 9, 32), 1);
    RTM_NEXTHOP_HANDLE nf = test_add_nexthop(away, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(100, 64, 0, 0, 10);
    RTM_ROUTE_HANDLE r1 = add_new(a, dest, n1, 10, 1, RTM_VIEW_MASK_UCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE r2 = add_new(a, dest, n2, 20, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    RTM_ROUTE_HANDLE rb = add_new(b, dest, nb, 30, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    RTM_ROUTE_HANDLE rf = add_new(away, dest, nf, 30, 1, RTM_VIEW_MASK_UCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE kept;
    RTM_ROUTE_CHANGE_FLAGS flags = 0xdead;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Errors first: nothing changes. */
    assert_int_equal(RtmDeleteRouteToDest(b, r1, &flags), ERROR_ACCESS_DENIED);
    assert_int_equal(RtmDeleteRouteToDest(NULL, r1, &flags), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(gone, r1, &flags), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(a, NULL, &flags), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(a, FORGED_HANDLE, &flags), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(a, n1, &flags), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(a, rf, &flags), ERROR_INVALID_HANDLE);
    assert_dest(a, dest, 3, r1, 0, NULL);
    check_route(a, r1, a, n1, 10, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);

    /* A route that is not best: no BEST. The handle is released with it. */
    assert_int_equal(RtmDeleteRouteToDest(a, r2, &flags), NO_ERROR);
    assert_int_equal(flags, 0);
    assert_false(route_alive(a, r2));
    assert_dest(a, dest, 2, r1, 0, NULL);

    /* The best route, with another handle held: BEST, and the deleted
     * route stays readable through that handle. */
    kept = r1;
    assert_int_equal(RtmReferenceHandles(a, 1, &kept), NO_ERROR);
    flags = 0xdead;
    assert_int_equal(RtmDeleteRouteToDest(a, r1, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 1, rb, 0, NULL);
    check_route(a, kept, a, n1, 10, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_DELETED);
    assert_int_equal(best_in(a, kept), 0);
    /* Deleted already: ERROR_NOT_FOUND, the handle is not released. */
    assert_int_equal(RtmDeleteRouteToDest(a, kept, &flags), ERROR_NOT_FOUND);
    assert_true(route_alive(a, kept));
    assert_int_equal(RtmReleaseRoutes(a, 1, &kept), NO_ERROR);
    assert_false(route_alive(a, kept));

    /* The last route: BEST (the view has none left), and the destination
     * disappears. ChangeFlags may be NULL. */
    assert_int_equal(RtmDeleteRouteToDest(b, rb, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_false(dest_exists(a, dest));
    assert_int_equal(dest_state(a, dest).status, ERROR_NOT_FOUND);
    assert_int_equal(RtmDeleteRouteToDest(away, rf, NULL), NO_ERROR);
    assert_false(dest_exists(away, dest));

    /* The routes held references on their next hops, and let them go. */
    assert_int_equal(RtmDeleteNextHop(a, n1, NULL), NO_ERROR);
    assert_false(test_nexthop_alive(a, n1));

    /* A destination comes back with a new route. */
    RTM_ROUTE_HANDLE again = add_new(a, dest, n2, 10, 1, RTM_VIEW_MASK_UCAST,
                                     RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 1, again, 0, NULL);
    assert_int_equal(RtmDeleteRouteToDest(a, again, NULL), NO_ERROR);
    assert_false(dest_exists(a, dest));

    assert_int_equal(RtmReleaseNextHops(a, 1, &n2), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(away, 1, &nf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(away), NO_ERROR);
}

/* Per-view best: deleting a route changes the best of the views it was in. */
static void test_delete_per_view(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(211, AF_INET6, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv6(0xfe80, 0, 1, 128), 1);
    RTM_NEXTHOP_HANDLE n2 = test_add_nexthop(a, test_ipv6(0xfe80, 0, 2, 128), 1);
    RTM_NET_ADDRESS dest = test_ipv6(0x2001, 0xdb8, 0, 64);
    RTM_ROUTE_HANDLE rm = add_new(a, dest, n1, 10, 1, RTM_VIEW_MASK_MCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rb = add_new(a, dest, n2, 20, 1, BOTH_VIEWS,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_CHANGE_FLAGS flags;

    assert_dest(a, dest, 1, rb, 2, rm);
    assert_int_equal(best_in(a, rm), RTM_VIEW_MASK_MCAST);
    assert_int_equal(best_in(a, rb), RTM_VIEW_MASK_UCAST);
    assert_int_equal(RtmDeleteRouteToDest(a, rm, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 1, rb, 1, rb);
    assert_int_equal(best_in(a, rb), BOTH_VIEWS);
    assert_int_equal(RtmDeleteRouteToDest(a, rb, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_false(dest_exists(a, dest));

    RTM_NEXTHOP_HANDLE hops[] = { n1, n2 };
    assert_int_equal(RtmReleaseNextHops(a, 2, hops), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* ---- RtmGetRouteInfo / RtmReleaseRouteInfo / RtmGetRoutePointer ---------- */

static void test_route_info(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(212, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(212, AF_INET, PROTO_B);
    RTM_ENTITY_HANDLE gone = reg(212, AF_INET, 99);
    RTM_ENTITY_HANDLE away = reg(213, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nf = test_add_nexthop(away, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(192, 0, 2, 0, 24);
    RTM_ROUTE_HANDLE r = add_new(a, dest, n1, 7, 8, BOTH_VIEWS,
                                 RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rf = add_new(away, dest, nf, 7, 8, BOTH_VIEWS,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_INFO *info = info_new(), *saved = info_new();
    RTM_NET_ADDRESS where, where_saved;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Any entity of the table may read a route; either output is optional. */
    check_route(b, r, a, n1, 7, 8, BOTH_VIEWS, RTM_ROUTE_STATE_CREATED);
    memset(&where, 0, sizeof where);
    assert_int_equal(RtmGetRouteInfo(b, r, NULL, &where), NO_ERROR);
    assert_int_equal(where.AddressFamily, AF_INET);
    assert_int_equal(where.NumBits, 24);
    assert_memory_equal(where.AddrBits, dest.AddrBits, RTM_MAX_ADDRESS_SIZE);
    assert_int_equal(RtmGetRouteInfo(b, r, NULL, NULL), NO_ERROR);

    /* Bad handles: nothing is written. */
    memset(info, 0x5a, INFO_SIZE);
    memcpy(saved, info, INFO_SIZE);
    memset(&where, 0x5a, sizeof where);
    where_saved = where;
    assert_int_equal(RtmGetRouteInfo(NULL, r, info, &where), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRouteInfo(gone, r, info, &where), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRouteInfo(a, NULL, info, &where), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRouteInfo(a, FORGED_HANDLE, info, &where), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRouteInfo(a, n1, info, &where), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRouteInfo(a, rf, info, &where), ERROR_INVALID_HANDLE);
    assert_memory_equal(info, saved, INFO_SIZE);
    assert_memory_equal(&where, &where_saved, sizeof where);

    /* The handles in the information hold references: the destination,
     * Neighbour and next hop outlive the route until it is released. */
    memset(info, 0, INFO_SIZE);
    assert_int_equal(RtmGetRouteInfo(b, r, info, NULL), NO_ERROR);
    RTM_DEST_HANDLE dh = info->DestHandle;
    assert_int_equal(RtmDeleteRouteToDest(a, r, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(a, n1, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(away, rf, NULL), NO_ERROR);
    assert_false(dest_exists(a, dest));
    assert_true(dest_handle_alive(a, dh));
    assert_true(test_nexthop_alive(a, n1));
    assert_false(route_alive(a, r));

    /* RtmReleaseRouteInfo errors. */
    assert_int_equal(RtmReleaseRouteInfo(b, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmReleaseRouteInfo(NULL, info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRouteInfo(gone, info), ERROR_INVALID_HANDLE);
    info->NextHopsList.NumNextHops = (USHORT)(max_hops + 1);
    assert_int_equal(RtmReleaseRouteInfo(b, info), ERROR_INVALID_PARAMETER);
    info->NextHopsList.NumNextHops = 1;
    assert_true(dest_handle_alive(a, dh)); /* nothing was released */
    assert_true(test_nexthop_alive(a, n1));
    RTM_ROUTE_INFO *bogus = info_new();
    bogus->Neighbour = FORGED_HANDLE;
    assert_int_equal(RtmReleaseRouteInfo(b, bogus), ERROR_INVALID_HANDLE);
    bogus->Neighbour = dh; /* a destination where a next hop belongs */
    assert_int_equal(RtmReleaseRouteInfo(b, bogus), ERROR_INVALID_HANDLE);
    assert_true(dest_handle_alive(a, dh));
    test_free(bogus);

    assert_int_equal(RtmReleaseRouteInfo(b, info), NO_ERROR);
    assert_false(dest_handle_alive(a, dh));
    assert_false(test_nexthop_alive(a, n1));

    assert_int_equal(RtmReleaseNextHops(away, 1, &nf), NO_ERROR);
    test_free(info);
    test_free(saved);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(away), NO_ERROR);
}

static void test_route_pointer(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(214, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(214, AF_INET, PROTO_B);
    RTM_ENTITY_HANDLE gone = reg(214, AF_INET, 99);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(198, 18, 0, 0, 15);
    RTM_ROUTE_HANDLE r = add_new(a, dest, n1, 3, 4, RTM_VIEW_MASK_UCAST,
                                 RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_INFO *info = route_new(n1, 5, 6, BOTH_VIEWS);
    PRTM_ROUTE_INFO pointer = NULL, locked = NULL;
    int cookie;
    PRTM_ROUTE_INFO untouched = (PRTM_ROUTE_INFO)&cookie;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    assert_int_equal(RtmGetRoutePointer(a, r, &pointer), NO_ERROR);
    assert_non_null(pointer);
    assert_non_null(pointer->DestHandle);
    assert_ptr_equal(pointer->RouteOwner, a);
    assert_ptr_equal(pointer->Neighbour, n1);
    assert_int_equal(pointer->State, RTM_ROUTE_STATE_CREATED);
    assert_int_equal(pointer->PrefInfo.Preference, 3);
    assert_int_equal(pointer->PrefInfo.Metric, 4);
    assert_int_equal(pointer->BelongsToViews, RTM_VIEW_MASK_UCAST);
    assert_int_equal(pointer->NextHopsList.NumNextHops, 1);
    assert_ptr_equal(pointer->NextHopsList.NextHops[0], n1);

    /* The route's own information: it follows updates, and is what
     * RtmLockRoute points to. */
    assert_int_equal(add(a, &r, dest, info, NULL), NO_ERROR);
    assert_int_equal(pointer->PrefInfo.Preference, 5);
    assert_int_equal(pointer->PrefInfo.Metric, 6);
    assert_int_equal(pointer->BelongsToViews, BOTH_VIEWS);
    assert_int_equal(RtmLockRoute(a, r, FALSE, TRUE, &locked), NO_ERROR);
    assert_ptr_equal(locked, pointer);
    assert_int_equal(RtmLockRoute(a, r, FALSE, FALSE, NULL), NO_ERROR);

    /* Only for the owner. */
    assert_int_equal(RtmGetRoutePointer(b, r, &untouched), ERROR_ACCESS_DENIED);
    assert_int_equal(RtmGetRoutePointer(NULL, r, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRoutePointer(gone, r, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRoutePointer(a, NULL, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRoutePointer(a, FORGED_HANDLE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRoutePointer(a, n1, &untouched), ERROR_INVALID_HANDLE);
    assert_ptr_equal(untouched, &cookie);
    assert_int_equal(RtmGetRoutePointer(a, r, NULL), ERROR_INVALID_PARAMETER);

    /* Valid while a handle is held, after deletion too. */
    assert_int_equal(RtmReferenceHandles(a, 1, &r), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(a, r, NULL), NO_ERROR);
    assert_int_equal(RtmGetRoutePointer(a, r, &locked), NO_ERROR);
    assert_ptr_equal(locked, pointer);
    assert_int_equal(pointer->State, RTM_ROUTE_STATE_DELETED);
    assert_int_equal(RtmReleaseRoutes(a, 1, &r), NO_ERROR);
    assert_false(route_alive(a, r));

    assert_int_equal(RtmReleaseNextHops(a, 1, &n1), NO_ERROR);
    test_free(info);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* ---- RtmLockRoute + RtmUpdateAndUnlockRoute ----------------------------- */

/* Following spec/rras/update-a-route-in-place-using-rtmupdateandunlockroute.md. */
static void test_update_in_place_sample(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(215, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(215, AF_INET, PROTO_B);
    RTM_NEXTHOP_HANDLE next_hop1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE next_hop2 = test_add_nexthop(a, test_ipv4(10, 0, 0, 2, 32), 2);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv4(10, 0, 0, 9, 32), 3);
    RTM_NET_ADDRESS dest = test_ipv4(10, 100, 0, 0, 16);
    RTM_ROUTE_HANDLE route = add_new(a, dest, next_hop1, 10, 1, BOTH_VIEWS,
                                     RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE other = add_new(b, dest, nb, 20, 1, BOTH_VIEWS, RTM_ROUTE_CHANGE_NEW);
    PRTM_ROUTE_INFO route_pointer = NULL, direct = NULL;
    RTM_ROUTE_CHANGE_FLAGS change_flags = 0xdead;
    DWORD status;
    int x;

    assert_dest(a, dest, 2, route, 2, route);
    assert_int_equal(RtmGetRoutePointer(a, route, &direct), NO_ERROR);

    status = RtmLockRoute(a, route, TRUE, TRUE, &route_pointer);
    assert_int_equal(status, NO_ERROR);
    assert_ptr_equal(route_pointer, direct);

    /* Update the metric and views in place: multicast only. */
    route_pointer->PrefInfo.Metric = 16;
    route_pointer->BelongsToViews = RTM_VIEW_MASK_MCAST;
    route_pointer->EntitySpecificInfo = &x;

    /* Change the next hop from next_hop1 to next_hop2, moving the route's
     * references by hand. */
    RTM_NEXTHOP_HANDLE old = route_pointer->NextHopsList.NextHops[0];
    assert_ptr_equal(old, next_hop1);
    assert_int_equal(RtmReleaseNextHops(a, 1, &old), NO_ERROR);
    route_pointer->NextHopsList.NextHops[0] = next_hop2;
    assert_int_equal(RtmReferenceHandles(a, 1, &next_hop2), NO_ERROR);

    status = RtmUpdateAndUnlockRoute(a, route, INFINITE, NULL, 0, NULL, &change_flags);
    assert_int_equal(status, NO_ERROR);
    /* The unicast view's best route changed to b's. */
    assert_int_equal(change_flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 1, other, 2, route);
    assert_int_equal(best_in(a, route), RTM_VIEW_MASK_MCAST);
    assert_int_equal(best_in(a, other), RTM_VIEW_MASK_UCAST);

    RTM_ROUTE_INFO *info = info_new();
    assert_int_equal(RtmGetRouteInfo(a, route, info, NULL), NO_ERROR);
    assert_int_equal(info->PrefInfo.Metric, 16);
    assert_int_equal(info->PrefInfo.Preference, 10);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_MCAST);
    assert_ptr_equal(info->EntitySpecificInfo, &x);
    assert_int_equal(info->NextHopsList.NumNextHops, 1);
    assert_ptr_equal(info->NextHopsList.NextHops[0], next_hop2);
    assert_ptr_equal(info->Neighbour, next_hop1);
    assert_int_equal(info->State, RTM_ROUTE_STATE_CREATED);
    assert_int_equal(RtmReleaseRouteInfo(a, info), NO_ERROR);
    test_free(info);

    /* The route is unlocked. */
    assert_int_equal(RtmLockRoute(a, route, TRUE, FALSE, NULL), ERROR_INVALID_PARAMETER);

    /* The references: next_hop1 is still the Neighbour; once that changes
     * too, only our handle holds it. next_hop2 is held by the route. */
    assert_int_equal(RtmLockRoute(a, route, TRUE, TRUE, &route_pointer), NO_ERROR);
    old = route_pointer->Neighbour;
    assert_int_equal(RtmReleaseNextHops(a, 1, &old), NO_ERROR);
    route_pointer->Neighbour = next_hop2;
    assert_int_equal(RtmReferenceHandles(a, 1, &next_hop2), NO_ERROR);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, route, INFINITE, NULL, 0, NULL, &change_flags),
                     NO_ERROR);
    /* Still best in the multicast view. */
    assert_int_equal(change_flags, RTM_ROUTE_CHANGE_BEST);
    assert_int_equal(RtmDeleteNextHop(a, next_hop1, NULL), NO_ERROR);
    assert_false(test_nexthop_alive(a, next_hop1));
    assert_int_equal(RtmDeleteNextHop(a, next_hop2, NULL), NO_ERROR);
    assert_true(test_nexthop_alive(a, next_hop2));
    assert_int_equal(RtmDeleteRouteToDest(a, route, NULL), NO_ERROR);
    assert_false(test_nexthop_alive(a, next_hop2));

    assert_int_equal(RtmReleaseRoutes(b, 1, &other), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* In-place changes and the best route; read-only members restored. */
static void test_update_in_place_best(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(216, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE n2 = test_add_nexthop(a, test_ipv4(10, 0, 0, 2, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(10, 101, 0, 0, 16);
    RTM_ROUTE_HANDLE r1 = add_new(a, dest, n1, 10, 1, RTM_VIEW_MASK_UCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE r2 = add_new(a, dest, n2, 30, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_CHANGE_NEW);
    PRTM_ROUTE_INFO p = NULL;
    RTM_ROUTE_CHANGE_FLAGS flags = 0xdead;
    RTM_DEST_HANDLE dh;

    /* A non-best route changed, still not best: no flag. */
    assert_int_equal(RtmLockRoute(a, r2, TRUE, TRUE, &p), NO_ERROR);
    dh = p->DestHandle;
    p->PrefInfo.Preference = 20;
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r2, INFINITE, NULL, 0, NULL, &flags), NO_ERROR);
    assert_int_equal(flags, 0);
    assert_dest(a, dest, 2, r1, 0, NULL);

    /* Made better than the best: it becomes best, BEST. The read-only
     * members written over are restored. */
    assert_int_equal(RtmLockRoute(a, r2, TRUE, TRUE, &p), NO_ERROR);
    p->PrefInfo.Preference = 5;
    p->DestHandle = NULL;
    p->RouteOwner = FORGED_HANDLE;
    p->State = RTM_ROUTE_STATE_DELETED;
    flags = 0xdead;
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r2, INFINITE, NULL, 0, NULL, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_dest(a, dest, 2, r2, 0, NULL);
    assert_int_equal(best_in(a, r1), 0);
    assert_int_equal(best_in(a, r2), RTM_VIEW_MASK_UCAST);
    assert_ptr_equal(p->DestHandle, dh);
    assert_ptr_equal(p->RouteOwner, a);
    assert_int_equal(p->State, RTM_ROUTE_STATE_CREATED);
    check_route(a, r2, a, n2, 5, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);

    /* Made inactive in place: the other route is best again. */
    assert_int_equal(RtmLockRoute(a, r2, TRUE, TRUE, &p), NO_ERROR);
    p->Flags |= RTM_ROUTE_FLAGS_INACTIVE;
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r2, INFINITE, NULL, 0, NULL, NULL), NO_ERROR);
    assert_dest(a, dest, 2, r1, 0, NULL);

    RTM_ROUTE_HANDLE routes[] = { r1, r2 };
    assert_int_equal(RtmReleaseRoutes(a, 2, routes), NO_ERROR);
    RTM_NEXTHOP_HANDLE hops[] = { n1, n2 };
    assert_int_equal(RtmReleaseNextHops(a, 2, hops), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_lock_and_update_errors(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(217, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(217, AF_INET, PROTO_B);
    RTM_ENTITY_HANDLE gone = reg(217, AF_INET, 99);
    RTM_ENTITY_HANDLE away = reg(218, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nf = test_add_nexthop(away, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(10, 102, 0, 0, 16);
    RTM_ROUTE_HANDLE r = add_new(a, dest, n1, 10, 1, RTM_VIEW_MASK_UCAST,
                                 RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rf = add_new(away, dest, nf, 10, 1, RTM_VIEW_MASK_UCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    PRTM_ROUTE_INFO p = NULL;
    int cookie;
    PRTM_ROUTE_INFO untouched = (PRTM_ROUTE_INFO)&cookie;
    RTM_ROUTE_CHANGE_FLAGS flags = 0xdead;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Unlocking or updating what is not locked. */
    assert_int_equal(RtmLockRoute(a, r, TRUE, FALSE, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockRoute(a, r, FALSE, FALSE, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_PARAMETER);

    /* Updating under a shared lock: refused, still locked shared. */
    assert_int_equal(RtmLockRoute(a, r, FALSE, TRUE, &p), NO_ERROR);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockRoute(a, r, TRUE, FALSE, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockRoute(a, r, FALSE, FALSE, NULL), NO_ERROR);

    /* Not the owner. */
    assert_int_equal(RtmLockRoute(b, r, TRUE, TRUE, &untouched), ERROR_ACCESS_DENIED);
    assert_int_equal(RtmLockRoute(b, r, FALSE, TRUE, &untouched), ERROR_ACCESS_DENIED);
    assert_ptr_equal(untouched, &cookie);

    /* Bad handles. */
    assert_int_equal(RtmLockRoute(NULL, r, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockRoute(gone, r, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockRoute(a, FORGED_HANDLE, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockRoute(a, n1, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockRoute(a, rf, TRUE, TRUE, &untouched), ERROR_INVALID_HANDLE);
    assert_ptr_equal(untouched, &cookie);

    /* Locked exclusively: errors of RtmUpdateAndUnlockRoute leave it
     * locked. */
    assert_int_equal(RtmLockRoute(a, r, TRUE, TRUE, &p), NO_ERROR);
    assert_int_equal(RtmLockRoute(b, r, TRUE, FALSE, NULL), ERROR_ACCESS_DENIED);
    assert_int_equal(RtmUpdateAndUnlockRoute(b, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_ACCESS_DENIED);
    assert_int_equal(RtmUpdateAndUnlockRoute(NULL, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmUpdateAndUnlockRoute(gone, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, FORGED_HANDLE, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, n1, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, rf, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, FORGED_HANDLE, 0, NULL, &flags),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, n1, 0, NULL, &flags),
                     ERROR_INVALID_HANDLE);
    /* Edits that are not allowed: too many next hops, unsupported views. */
    p->NextHopsList.NumNextHops = (USHORT)(max_hops + 1);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_PARAMETER);
    p->NextHopsList.NumNextHops = 1;
    RTM_VIEW_SET unsupported = ~views_supported;
    p->BelongsToViews = unsupported & (~unsupported + 1);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_PARAMETER);
    p->BelongsToViews = RTM_VIEW_MASK_ALL;
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, NULL, 0, NULL, &flags),
                     ERROR_INVALID_PARAMETER);
    /* Still locked: unlocked by RtmLockRoute, without taking the edits in
     * (the views are put back first). */
    p->BelongsToViews = RTM_VIEW_MASK_UCAST;
    assert_int_equal(RtmLockRoute(a, r, TRUE, FALSE, NULL), NO_ERROR);
    assert_int_equal(RtmLockRoute(a, r, TRUE, FALSE, NULL), ERROR_INVALID_PARAMETER);
    assert_dest(a, dest, 1, r, 0, NULL);
    check_route(a, r, a, n1, 10, 1, RTM_VIEW_MASK_UCAST, RTM_ROUTE_STATE_CREATED);

    /* A successful update with ChangeFlags NULL. */
    assert_int_equal(RtmLockRoute(a, r, TRUE, TRUE, NULL), NO_ERROR);
    assert_int_equal(RtmUpdateAndUnlockRoute(a, r, INFINITE, NULL, 0, NULL, NULL), NO_ERROR);
    assert_int_equal(RtmLockRoute(a, r, TRUE, FALSE, NULL), ERROR_INVALID_PARAMETER);

    assert_int_equal(RtmReleaseRoutes(a, 1, &r), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(away, 1, &rf), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &n1), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(away, 1, &nf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(away), NO_ERROR);
}

/* ---- RtmIsBestRoute ----------------------------------------------------- */

static void test_is_best_route(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE a = reg(219, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE b = reg(219, AF_INET, PROTO_B);
    RTM_ENTITY_HANDLE gone = reg(219, AF_INET, 99);
    RTM_ENTITY_HANDLE away = reg(220, AF_INET, PROTO_A);
    RTM_NEXTHOP_HANDLE n1 = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE n2 = test_add_nexthop(a, test_ipv4(10, 0, 0, 2, 32), 1);
    RTM_NEXTHOP_HANDLE nb = test_add_nexthop(b, test_ipv4(10, 0, 0, 9, 32), 1);
    RTM_NEXTHOP_HANDLE nf = test_add_nexthop(away, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NET_ADDRESS dest = test_ipv4(224, 0, 0, 0, 4);
    RTM_ROUTE_HANDLE ru = add_new(a, dest, n1, 10, 1, RTM_VIEW_MASK_UCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rm = add_new(a, dest, n2, 20, 1, RTM_VIEW_MASK_MCAST,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rboth = add_new(b, dest, nb, 15, 1, BOTH_VIEWS,
                                     RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE rf = add_new(away, dest, nf, 15, 1, BOTH_VIEWS,
                                  RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_VIEW_SET views;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Unicast: ru (10) beats rboth (15); multicast: rboth (15) beats rm (20). */
    assert_int_equal(best_in(a, ru), RTM_VIEW_MASK_UCAST);
    assert_int_equal(best_in(a, rm), 0);
    assert_int_equal(best_in(a, rboth), RTM_VIEW_MASK_MCAST);
    /* Any entity may ask about any route of its table. */
    assert_int_equal(best_in(b, ru), RTM_VIEW_MASK_UCAST);
    assert_int_equal(best_in(away, rf), BOTH_VIEWS);
    assert_dest(a, dest, 2, ru, 2, rboth);

    /* Errors: BestInViews is not written. */
    views = 0xdeadbeef;
    assert_int_equal(RtmIsBestRoute(NULL, ru, &views), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIsBestRoute(gone, ru, &views), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIsBestRoute(a, NULL, &views), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIsBestRoute(a, FORGED_HANDLE, &views), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIsBestRoute(a, n1, &views), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIsBestRoute(a, rf, &views), ERROR_INVALID_HANDLE);
    assert_int_equal(views, 0xdeadbeef);
    assert_int_equal(RtmIsBestRoute(a, ru, NULL), ERROR_INVALID_PARAMETER);

    /* rboth deleted (handle still held): best nowhere; rm takes multicast. */
    assert_int_equal(RtmReferenceHandles(b, 1, &rboth), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(b, rboth, NULL), NO_ERROR);
    assert_int_equal(best_in(a, rboth), 0);
    assert_int_equal(best_in(a, rm), RTM_VIEW_MASK_MCAST);
    assert_int_equal(best_in(a, ru), RTM_VIEW_MASK_UCAST);
    assert_int_equal(RtmReleaseRoutes(b, 1, &rboth), NO_ERROR);

    /* One route best in both views. */
    RTM_ROUTE_INFO *info = route_new(n1, 1, 1, BOTH_VIEWS);
    RTM_ROUTE_CHANGE_FLAGS flags;
    assert_int_equal(add(a, &ru, dest, info, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_int_equal(best_in(a, ru), BOTH_VIEWS);
    assert_int_equal(best_in(a, rm), 0);
    test_free(info);

    RTM_ROUTE_HANDLE mine[] = { ru, rm };
    assert_int_equal(RtmReleaseRoutes(a, 2, mine), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(away, 1, &rf), NO_ERROR);
    RTM_NEXTHOP_HANDLE hops[] = { n1, n2 };
    assert_int_equal(RtmReleaseNextHops(a, 2, hops), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(b, 1, &nb), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(away, 1, &nf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(away), NO_ERROR);
}

/* ---- RtmGetExactMatchRoute ---------------------------------------------- */

struct exact_fixture {
    RTM_ENTITY_HANDLE a, b;
    RTM_NEXTHOP_HANDLE na1, na2, na3, nb;
    RTM_ROUTE_HANDLE ra1, ra2, rb;
    RTM_NET_ADDRESS dest;
};

/* Looks up with the criteria; returns the route found (its handle's
 * reference released) or NULL for ERROR_NOT_FOUND. */
static RTM_ROUTE_HANDLE exact(struct exact_fixture *f, RTM_MATCH_FLAGS match, RTM_ROUTE_INFO *criteria,
                              ULONG ifindex, RTM_VIEW_SET views)
{
    RTM_ROUTE_INFO *copy = info_new();
    RTM_ROUTE_HANDLE found = NULL;
    DWORD status;

    memcpy(copy, criteria, INFO_SIZE);
    status = RtmGetExactMatchRoute(f->a, &f->dest, match, copy, ifindex, views, &found);
    if (status == ERROR_NOT_FOUND) {
        assert_null(found);
        assert_memory_equal(copy, criteria, INFO_SIZE); /* unchanged */
        test_free(copy);
        return NULL;
    }
    assert_int_equal(status, NO_ERROR);
    assert_non_null(found);
    /* The information is the found route's. */
    RTM_ROUTE_INFO *expected = info_new();
    assert_int_equal(RtmGetRouteInfo(f->a, found, expected, NULL), NO_ERROR);
    assert_ptr_equal(copy->DestHandle, expected->DestHandle);
    assert_ptr_equal(copy->RouteOwner, expected->RouteOwner);
    assert_ptr_equal(copy->Neighbour, expected->Neighbour);
    assert_int_equal(copy->PrefInfo.Preference, expected->PrefInfo.Preference);
    assert_int_equal(copy->PrefInfo.Metric, expected->PrefInfo.Metric);
    assert_int_equal(copy->BelongsToViews, expected->BelongsToViews);
    assert_int_equal(copy->NextHopsList.NumNextHops, expected->NextHopsList.NumNextHops);
    for (UINT i = 0; i < copy->NextHopsList.NumNextHops; i++)
        assert_ptr_equal(copy->NextHopsList.NextHops[i], expected->NextHopsList.NextHops[i]);
    assert_int_equal(RtmReleaseRouteInfo(f->a, expected), NO_ERROR);
    assert_int_equal(RtmReleaseRouteInfo(f->a, copy), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(f->a, 1, &found), NO_ERROR);
    test_free(expected);
    test_free(copy);
    return found;
}

static void test_exact_match_route(void **state)
{
    (void)state;
    struct exact_fixture f;
    RTM_ROUTE_INFO *info, *c;

    f.a = reg(221, AF_INET, PROTO_A);
    f.b = reg(221, AF_INET, PROTO_B);
    f.na1 = test_add_nexthop(f.a, test_ipv4(10, 0, 0, 1, 32), 1);
    f.na2 = test_add_nexthop(f.a, test_ipv4(10, 0, 0, 2, 32), 2);
    f.na3 = test_add_nexthop(f.a, test_ipv4(10, 0, 0, 3, 32), 3);
    f.nb = test_add_nexthop(f.b, test_ipv4(10, 0, 0, 4, 32), 4);
    f.dest = test_ipv4(203, 0, 113, 0, 24);

    /* ra1: a, via na1 and na2 (interfaces 1, 2), 10/1, unicast.
     * ra2: a, via na3 (interface 3), 20/2, multicast.
     * rb:  b, via nb (interface 4), 10/1, both views. */
    info = route_new(f.na1, 10, 1, RTM_VIEW_MASK_UCAST);
    info->NextHopsList.NumNextHops = 2;
    info->NextHopsList.NextHops[1] = f.na2;
    f.ra1 = NULL;
    assert_int_equal(add(f.a, &f.ra1, f.dest, info, NULL), NO_ERROR);
    test_free(info);
    f.ra2 = add_new(f.a, f.dest, f.na3, 20, 2, RTM_VIEW_MASK_MCAST,
                    RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    f.rb = add_new(f.b, f.dest, f.nb, 10, 1, BOTH_VIEWS, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);

    c = info_new();
    /* No criteria: the first route, in any view. */
    assert_ptr_equal(exact(&f, RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_ANY), f.ra1);
    /* TargetViews. */
    assert_ptr_equal(exact(&f, RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_UCAST), f.ra1);
    assert_ptr_equal(exact(&f, RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_MCAST), f.ra2);
    assert_ptr_equal(exact(&f, RTM_MATCH_NONE, c, 0, BOTH_VIEWS), f.ra1);

    /* RTM_MATCH_OWNER. */
    c->RouteOwner = f.b;
    assert_ptr_equal(exact(&f, RTM_MATCH_OWNER, c, 0, RTM_VIEW_MASK_ANY), f.rb);
    c->RouteOwner = f.a;
    assert_ptr_equal(exact(&f, RTM_MATCH_OWNER, c, 0, RTM_VIEW_MASK_ANY), f.ra1);
    assert_ptr_equal(exact(&f, RTM_MATCH_OWNER, c, 0, RTM_VIEW_MASK_MCAST), f.ra2);
    c->RouteOwner = NULL;
    assert_null(exact(&f, RTM_MATCH_OWNER, c, 0, RTM_VIEW_MASK_ANY));
    c->RouteOwner = f.b;
    assert_ptr_equal(exact(&f, RTM_MATCH_OWNER, c, 0, RTM_VIEW_MASK_MCAST), f.rb);
    memset(c, 0, INFO_SIZE);

    /* RTM_MATCH_NEIGHBOUR. */
    c->Neighbour = f.na3;
    assert_ptr_equal(exact(&f, RTM_MATCH_NEIGHBOUR, c, 0, RTM_VIEW_MASK_ANY), f.ra2);
    assert_null(exact(&f, RTM_MATCH_NEIGHBOUR, c, 0, RTM_VIEW_MASK_UCAST));
    c->Neighbour = f.na2; /* a next hop of ra1, but not its Neighbour */
    assert_null(exact(&f, RTM_MATCH_NEIGHBOUR, c, 0, RTM_VIEW_MASK_ANY));
    memset(c, 0, INFO_SIZE);

    /* RTM_MATCH_PREF: preference and metric. */
    c->PrefInfo.Preference = 20;
    c->PrefInfo.Metric = 2;
    assert_ptr_equal(exact(&f, RTM_MATCH_PREF, c, 0, RTM_VIEW_MASK_ANY), f.ra2);
    c->PrefInfo.Preference = 10;
    c->PrefInfo.Metric = 1;
    assert_ptr_equal(exact(&f, RTM_MATCH_PREF, c, 0, RTM_VIEW_MASK_ANY), f.ra1);
    assert_ptr_equal(exact(&f, RTM_MATCH_PREF, c, 0, RTM_VIEW_MASK_MCAST), f.rb);
    c->PrefInfo.Metric = 2;
    assert_null(exact(&f, RTM_MATCH_PREF, c, 0, RTM_VIEW_MASK_ANY));
    /* Combined with the owner. */
    c->PrefInfo.Metric = 1;
    c->RouteOwner = f.b;
    assert_ptr_equal(exact(&f, RTM_MATCH_OWNER | RTM_MATCH_PREF, c, 0, RTM_VIEW_MASK_ANY), f.rb);
    memset(c, 0, INFO_SIZE);

    /* RTM_MATCH_NEXTHOP. */
    c->NextHopsList.NumNextHops = 1;
    c->NextHopsList.NextHops[0] = f.na2;
    assert_ptr_equal(exact(&f, RTM_MATCH_NEXTHOP, c, 0, RTM_VIEW_MASK_ANY), f.ra1);
    c->NextHopsList.NextHops[0] = f.nb;
    assert_ptr_equal(exact(&f, RTM_MATCH_NEXTHOP, c, 0, RTM_VIEW_MASK_ANY), f.rb);
    c->NextHopsList.NumNextHops = 2;
    c->NextHopsList.NextHops[0] = f.na3;
    c->NextHopsList.NextHops[1] = f.na1;
    assert_null(exact(&f, RTM_MATCH_NEXTHOP, c, 0, RTM_VIEW_MASK_ANY));
    memset(c, 0, INFO_SIZE);

    /* RTM_MATCH_INTERFACE: a next hop on that interface. */
    assert_ptr_equal(exact(&f, RTM_MATCH_INTERFACE, c, 2, RTM_VIEW_MASK_ANY), f.ra1);
    assert_ptr_equal(exact(&f, RTM_MATCH_INTERFACE, c, 3, RTM_VIEW_MASK_ANY), f.ra2);
    assert_ptr_equal(exact(&f, RTM_MATCH_INTERFACE, c, 4, RTM_VIEW_MASK_ANY), f.rb);
    assert_null(exact(&f, RTM_MATCH_INTERFACE, c, 9, RTM_VIEW_MASK_ANY));
    assert_null(exact(&f, RTM_MATCH_INTERFACE, c, 3, RTM_VIEW_MASK_UCAST));

    /* RTM_MATCH_FULL: everything at once. */
    c->RouteOwner = f.b;
    c->Neighbour = f.nb;
    c->PrefInfo.Preference = 10;
    c->PrefInfo.Metric = 1;
    c->NextHopsList.NumNextHops = 1;
    c->NextHopsList.NextHops[0] = f.nb;
    assert_ptr_equal(exact(&f, RTM_MATCH_FULL, c, 4, RTM_VIEW_MASK_ANY), f.rb);
    assert_null(exact(&f, RTM_MATCH_FULL, c, 9, RTM_VIEW_MASK_ANY));
    c->PrefInfo.Metric = 2;
    assert_null(exact(&f, RTM_MATCH_FULL, c, 4, RTM_VIEW_MASK_ANY));
    c->PrefInfo.Metric = 1;
    c->Neighbour = f.na1;
    assert_null(exact(&f, RTM_MATCH_FULL, c, 4, RTM_VIEW_MASK_ANY));
    memset(c, 0, INFO_SIZE);

    /* The handle is optional. */
    RTM_ROUTE_INFO *out = info_new();
    assert_int_equal(RtmGetExactMatchRoute(f.a, &f.dest, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, NULL),
                     NO_ERROR);
    assert_ptr_equal(out->Neighbour, f.na1);
    assert_int_equal(RtmReleaseRouteInfo(f.a, out), NO_ERROR);

    /* Exact prefixes only; and the destination must exist. */
    RTM_ROUTE_HANDLE found = NULL;
    RTM_NET_ADDRESS longer = test_ipv4(203, 0, 113, 0, 25);
    RTM_NET_ADDRESS shorter = test_ipv4(203, 0, 112, 0, 23);
    RTM_NET_ADDRESS absent = test_ipv4(203, 0, 114, 0, 24);
    memset(out, 0x5a, INFO_SIZE);
    memcpy(c, out, INFO_SIZE);
    assert_int_equal(RtmGetExactMatchRoute(f.a, &longer, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_NOT_FOUND);
    assert_int_equal(RtmGetExactMatchRoute(f.a, &shorter, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_NOT_FOUND);
    assert_int_equal(RtmGetExactMatchRoute(f.a, &absent, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_NOT_FOUND);
    assert_null(found);
    assert_memory_equal(out, c, INFO_SIZE);

    /* Bad arguments. */
    RTM_ENTITY_HANDLE gone = reg(221, AF_INET, 99);
    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);
    assert_int_equal(RtmGetExactMatchRoute(NULL, &f.dest, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetExactMatchRoute(gone, &f.dest, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetExactMatchRoute(f.a, NULL, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetExactMatchRoute(f.a, &f.dest, RTM_MATCH_NONE, NULL, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_INVALID_PARAMETER);
    RTM_NET_ADDRESS wrong = f.dest;
    wrong.AddressFamily = AF_INET6;
    assert_int_equal(RtmGetExactMatchRoute(f.a, &wrong, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_INVALID_PARAMETER);
    wrong = f.dest;
    wrong.NumBits = 33;
    assert_int_equal(RtmGetExactMatchRoute(f.a, &wrong, RTM_MATCH_NONE, out, 0, RTM_VIEW_MASK_ANY, &found),
                     ERROR_INVALID_PARAMETER);
    assert_null(found);
    assert_memory_equal(out, c, INFO_SIZE);

    /* A deleted route is no longer found. */
    assert_int_equal(RtmDeleteRouteToDest(f.a, f.ra1, NULL), NO_ERROR);
    memset(c, 0, INFO_SIZE);
    assert_ptr_equal(exact(&f, RTM_MATCH_NONE, c, 0, RTM_VIEW_MASK_ANY), f.ra2);
    memset(c, 0, INFO_SIZE);
    c->NextHopsList.NumNextHops = 1;
    c->NextHopsList.NextHops[0] = f.na2;
    assert_null(exact(&f, RTM_MATCH_NEXTHOP, c, 0, RTM_VIEW_MASK_ANY));

    test_free(out);
    test_free(c);
    assert_int_equal(RtmReleaseRoutes(f.a, 1, &f.ra2), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(f.b, 1, &f.rb), NO_ERROR);
    RTM_NEXTHOP_HANDLE hops[] = { f.na1, f.na2, f.na3 };
    assert_int_equal(RtmReleaseNextHops(f.a, 3, hops), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(f.b, 1, &f.nb), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f.a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(f.b), NO_ERROR);
}

/* ---- the sample ----------------------------------------------------------- */

/*
 * Following spec/rras/add-and-update-routes-using-rtmaddroutetodest.md:
 * add a next hop (or find the existing one), add a route through it to both
 * views, release the handles; then update the route from its information.
 * No route list (RouteListHandle NULL) and no aging (INFINITE) here.
 */
static DWORD sample_add_route(RTM_ENTITY_HANDLE rtm_reg_handle, ULONG addr, UINT masklen,
                              ULONG nexthop, ULONG interface_index, ULONG metric,
                              RTM_ROUTE_CHANGE_FLAGS *change_flags_out)
{
    RTM_NEXTHOP_INFO next_hop_info;
    RTM_NEXTHOP_HANDLE next_hop_handle;
    RTM_NEXTHOP_CHANGE_FLAGS nh_change_flags;
    RTM_ROUTE_INFO route_info;
    RTM_NET_ADDRESS net_address;
    RTM_ROUTE_HANDLE route_handle;
    RTM_ROUTE_CHANGE_FLAGS change_flags;
    DWORD status;

    memset(&next_hop_info, 0, sizeof next_hop_info);
    RTM_IPV4_MAKE_NET_ADDRESS(&next_hop_info.NextHopAddress, nexthop, 32);
    next_hop_info.InterfaceIndex = interface_index;
    next_hop_handle = NULL;
    status = RtmAddNextHop(rtm_reg_handle, &next_hop_info, &next_hop_handle, &nh_change_flags);
    if (status != NO_ERROR)
        return status;

    memset(&route_info, 0, sizeof route_info);
    memset(&net_address, 0xcc, sizeof net_address); /* as if uninitialised */
    RTM_IPV4_MAKE_NET_ADDRESS(&net_address, addr, masklen);
    route_info.Neighbour = next_hop_handle;
    route_info.PrefInfo.Metric = metric;
    route_info.BelongsToViews = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    route_info.NextHopsList.NumNextHops = 1;
    route_info.NextHopsList.NextHops[0] = next_hop_handle;

    change_flags = 0;
    route_handle = NULL;
    status = RtmAddRouteToDest(rtm_reg_handle, &route_handle, &net_address, &route_info, INFINITE,
                               NULL, 0, NULL, &change_flags);
    if (status == NO_ERROR) {
        *change_flags_out = change_flags;
        assert_int_equal(RtmReleaseRoutes(rtm_reg_handle, 1, &route_handle), NO_ERROR);
    }
    assert_int_equal(RtmReleaseNextHops(rtm_reg_handle, 1, &next_hop_handle), NO_ERROR);
    return status;
}

static void test_sample_add_and_update(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE rip = reg(222, AF_INET, PROTO_A);
    RTM_ENTITY_HANDLE ospf = reg(222, AF_INET, PROTO_B);
    RTM_ROUTE_CHANGE_FLAGS change_flags = 0;
    RTM_NET_ADDRESS dest;
    RTM_ROUTE_INFO *info = info_new();
    RTM_ROUTE_HANDLE route = NULL;

    memset(&dest, 0, sizeof dest);
    RTM_IPV4_MAKE_NET_ADDRESS(&dest, htonl(0x0a0a0000), 16);

    /* A new route, the best in both views. */
    assert_int_equal(sample_add_route(rip, htonl(0x0a0a0000), 16, htonl(0xc0a80101), 1, 5, &change_flags),
                     NO_ERROR);
    assert_int_equal(change_flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    /* The same again, with another metric: the existing route (same next
     * hop, found again by RtmAddNextHop, as its Neighbour) is updated. */
    assert_int_equal(sample_add_route(rip, htonl(0x0a0a0000), 16, htonl(0xc0a80101), 1, 3, &change_flags),
                     NO_ERROR);
    assert_int_equal(change_flags, RTM_ROUTE_CHANGE_BEST);
    /* Through another neighbour: another, worse route. */
    assert_int_equal(sample_add_route(rip, htonl(0x0a0a0000), 16, htonl(0xc0a80102), 2, 9, &change_flags),
                     NO_ERROR);
    assert_int_equal(change_flags, RTM_ROUTE_CHANGE_NEW);

    /* The handles were released, the routes stay: found by others. */
    assert_int_equal(RtmGetExactMatchRoute(ospf, &dest, RTM_MATCH_NONE, info, 0, RTM_VIEW_MASK_ANY, &route),
                     NO_ERROR);
    assert_int_equal(info->PrefInfo.Metric, 3);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    assert_int_equal(RtmReleaseRouteInfo(ospf, info), NO_ERROR);
    assert_dest(ospf, dest, 2, route, 2, route);
    assert_int_equal(RtmReleaseRoutes(ospf, 1, &route), NO_ERROR);

    /* To update a route: get its information, change it, add it with its
     * handle. */
    route = NULL;
    assert_int_equal(RtmGetExactMatchRoute(rip, &dest, RTM_MATCH_NONE, info, 0, RTM_VIEW_MASK_ANY, &route),
                     NO_ERROR);
    RTM_ROUTE_INFO *update = info_new();
    assert_int_equal(RtmGetRouteInfo(rip, route, update, NULL), NO_ERROR);
    update->PrefInfo.Metric = 12;
    change_flags = 0;
    assert_int_equal(RtmAddRouteToDest(rip, &route, &dest, update, INFINITE, NULL, 0, NULL, &change_flags),
                     NO_ERROR);
    /* No longer the best (metric 12 against 9): the best changed. */
    assert_int_equal(change_flags, RTM_ROUTE_CHANGE_BEST);
    assert_int_equal(best_in(rip, route), 0);
    assert_int_equal(RtmReleaseRouteInfo(rip, update), NO_ERROR);
    assert_int_equal(RtmReleaseRouteInfo(rip, info), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), NO_ERROR);

    /* Deregistering removes the entity's routes; the destination goes. */
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_false(dest_exists(ospf, dest));
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    test_free(update);
    test_free(info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_new_route),
        cmocka_unit_test(test_change_flags_and_best),
        cmocka_unit_test(test_equal_routes),
        cmocka_unit_test(test_change_first),
        cmocka_unit_test(test_update_by_handle),
        cmocka_unit_test(test_add_errors),
        cmocka_unit_test(test_max_nexthops),
        cmocka_unit_test(test_delete),
        cmocka_unit_test(test_delete_per_view),
        cmocka_unit_test(test_route_info),
        cmocka_unit_test(test_route_pointer),
        cmocka_unit_test(test_update_in_place_sample),
        cmocka_unit_test(test_update_in_place_best),
        cmocka_unit_test(test_lock_and_update_errors),
        cmocka_unit_test(test_is_best_route),
        cmocka_unit_test(test_exact_match_route),
        cmocka_unit_test(test_sample_add_and_update),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
