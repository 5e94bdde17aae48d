/*
 * test_enum.c - enumerations through the public API: RtmCreateDestEnum /
 * RtmGetEnumDests, RtmCreateRouteEnum / RtmGetEnumRoutes,
 * RtmCreateNextHopEnum / RtmGetEnumNextHops and RtmDeleteEnumHandle
 * (spec/rtmv2/nf-rtmv2-rtmcreate*enum.md, nf-rtmv2-rtmgetenum*.md,
 * nf-rtmv2-rtmdeleteenumhandle.md, spec/rras/enumeration-flags.md and the
 * samples enumerate-all-destinations.md and enumerate-all-routes.md).
 *
 * Destinations and next hops come in address order (address bits, then
 * length), routes in the address order of their destinations and then in
 * order of creation. A call that fills the caller's array returns NO_ERROR;
 * a call that returns fewer items has reached the end and returns
 * ERROR_NO_MORE_ITEMS (with those items), as does every call after it.
 * Each test uses its own RtmInstanceId.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_A 8  /* RIP */
#define PROTO_B 13 /* OSPF */

#define FORGED_HANDLE ((HANDLE)(uintptr_t)0x1234)
#define BOTH_VIEWS (RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST)

/* MaxHandlesInEnum of the registration profile. */
static UINT max_handles;

static RTM_ENTITY_HANDLE reg(USHORT instance, ULONG protocol)
{
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE handle = test_register_profile(instance, AF_INET, protocol, 1, FALSE, &profile);

    max_handles = profile.MaxHandlesInEnum;
    assert_int_equal(max_handles, 100);
    return handle;
}

/* The i-th of a series of /24 prefixes in increasing order: 10.x.y.0/24. */
static RTM_NET_ADDRESS net(unsigned i)
{
    return test_ipv4(10, (i >> 8) & 255, i & 255, 0, 24);
}

/* A next hop 192.168.x.y/32 on interface ifindex. */
static RTM_NEXTHOP_HANDLE hop(RTM_ENTITY_HANDLE r, unsigned i, ULONG ifindex)
{
    return test_add_nexthop(r, test_ipv4(192, 168, (i >> 8) & 255, i & 255, 32), ifindex);
}

static void release_route(RTM_ENTITY_HANDLE r, RTM_ROUTE_HANDLE route)
{
    assert_int_equal(RtmReleaseRoutes(r, 1, &route), NO_ERROR);
}

static void release_hop(RTM_ENTITY_HANDLE r, RTM_NEXTHOP_HANDLE nh)
{
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
}

/* Adds a unicast route of r to each of net(0) .. net(n - 1). */
static void add_dests(RTM_ENTITY_HANDLE r, RTM_NEXTHOP_HANDLE nh, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        release_route(r, test_add_route(r, net(i), nh, 10, 1, NULL));
}

static UINT view_count(RTM_VIEW_SET views)
{
    return (views & 1) + ((views >> 1) & 1);
}

/*
 * Runs a destination enumeration to its end in calls of batch, checking
 * each call's status and each entry's NumberOfViews, storing up to max
 * addresses in out. Returns the count.
 */
static UINT drain_dests(RTM_ENTITY_HANDLE r, RTM_ENUM_HANDLE e, UINT batch, RTM_VIEW_SET views,
                        RTM_NET_ADDRESS *out, UINT max)
{
    size_t stride = RTM_SIZE_OF_DEST_INFO(view_count(views));
    char *buf = test_malloc(stride * batch);
    UINT total = 0, n;

    do {
        n = batch;
        DWORD status = RtmGetEnumDests(r, e, &n, (PRTM_DEST_INFO)buf);
        assert_true(n <= batch);
        assert_int_equal(status, n == batch ? NO_ERROR : ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < n; i++) {
            RTM_DEST_INFO *info = (RTM_DEST_INFO *)(buf + i * stride);
            assert_int_equal(info->NumberOfViews, view_count(views));
            assert_non_null(info->DestHandle);
            assert_true(total < max);
            out[total++] = info->DestAddress;
        }
        assert_int_equal(RtmReleaseDests(r, n, (PRTM_DEST_INFO)buf), NO_ERROR);
    } while (n == batch);
    n = batch;
    assert_int_equal(RtmGetEnumDests(r, e, &n, (PRTM_DEST_INFO)buf), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    test_free(buf);
    return total;
}

/* Enumerates the destinations a new enumeration with these arguments
 * gives, in batches of 3, and checks they are exactly expect[0..n). */
static void expect_dests(RTM_ENTITY_HANDLE r, RTM_VIEW_SET views, RTM_ENUM_FLAGS flags,
                         RTM_NET_ADDRESS *addr, const RTM_NET_ADDRESS *expect, UINT n)
{
    RTM_NET_ADDRESS got[16];
    RTM_ENUM_HANDLE e = NULL;

    assert_int_equal(RtmCreateDestEnum(r, views, flags, addr, RTM_BEST_PROTOCOL, &e), NO_ERROR);
    assert_non_null(e);
    assert_int_equal(drain_dests(r, e, 3, views, got, 16), n);
    for (UINT i = 0; i < n; i++)
        assert_int_equal(test_prefix_compare(&got[i], &expect[i]), 0);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
}

static UINT drain_routes(RTM_ENTITY_HANDLE r, RTM_ENUM_HANDLE e, UINT batch, HANDLE *out, UINT max)
{
    return test_drain_handles(r, e, RtmGetEnumRoutes, RtmReleaseRoutes, FALSE, batch, out, max);
}

/* Enumerates the routes of a new route enumeration with these arguments
 * (in batches of 2) and checks they are exactly expect[0..n). */
static void expect_routes(RTM_ENTITY_HANDLE r, RTM_DEST_HANDLE dest, RTM_VIEW_SET views,
                          RTM_ENUM_FLAGS flags, RTM_NET_ADDRESS *start, RTM_MATCH_FLAGS match,
                          RTM_ROUTE_INFO *criteria, ULONG ifindex, const HANDLE *expect, UINT n)
{
    HANDLE got[16];
    RTM_ENUM_HANDLE e = NULL;

    assert_int_equal(RtmCreateRouteEnum(r, dest, views, flags, start, match, criteria, ifindex, &e),
                     NO_ERROR);
    assert_non_null(e);
    assert_int_equal(drain_routes(r, e, 2, got, 16), n);
    for (UINT i = 0; i < n; i++)
        assert_ptr_equal(got[i], expect[i]);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
}

/* ---- the samples ------------------------------------------------------------ */

/* spec/rras/enumerate-all-destinations.md, written as a test: 150
 * destinations in both views, enumerated over the range 0/0 in batches of
 * MaxHandlesInEnum. */
static void test_sample_enumerate_all_destinations(void **state)
{
    RTM_REGN_PROFILE RegnProfile;
    RTM_ENTITY_HANDLE RtmRegHandle =
        test_register_profile(4101, AF_INET, PROTO_A, 1, FALSE, &RegnProfile);
    RTM_NEXTHOP_HANDLE nh = hop(RtmRegHandle, 1, 1);
    RTM_ROUTE_HANDLE routes[150];
    RTM_NET_ADDRESS NetAddress;
    RTM_ENUM_HANDLE EnumHandle1 = NULL;
    UINT NumViews = RegnProfile.NumberOfViews, MaxHandles, NumInfos, seen = 0;
    size_t DestInfoSize;
    PRTM_DEST_INFO DestInfos;
    DWORD Status;

    (void)state;
    for (unsigned i = 0; i < 150; i++)
        routes[i] = test_add_route_views(RtmRegHandle, net(i), nh, 10, 1, BOTH_VIEWS, NULL);

    MaxHandles = RegnProfile.MaxHandlesInEnum;
    DestInfoSize = RTM_SIZE_OF_DEST_INFO(NumViews);
    DestInfos = test_malloc(DestInfoSize * MaxHandles);
    memset(&NetAddress, 0, sizeof NetAddress);
    NetAddress.AddressFamily = AF_INET; /* RTM_IPV4_MAKE_NET_ADDRESS(&NetAddress, 0, 0) */

    Status = RtmCreateDestEnum(RtmRegHandle, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                               RTM_ENUM_RANGE, &NetAddress, RTM_BEST_PROTOCOL, &EnumHandle1);
    assert_int_equal(Status, NO_ERROR);
    do {
        NumInfos = MaxHandles;
        Status = RtmGetEnumDests(RtmRegHandle, EnumHandle1, &NumInfos, DestInfos);
        for (UINT i = 0; i < NumInfos; i++) {
            PRTM_DEST_INFO DestInfo = (PRTM_DEST_INFO)((PUCHAR)DestInfos + (i * DestInfoSize));
            RTM_NET_ADDRESS expect = net(seen);
            assert_int_equal(DestInfo->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
            assert_int_equal(DestInfo->ViewInfo[1].ViewId, RTM_VIEW_ID_MCAST);
            assert_ptr_equal(DestInfo->ViewInfo[0].Route, routes[seen]);
            assert_ptr_equal(DestInfo->ViewInfo[0].Owner, RtmRegHandle);
            assert_int_equal(test_prefix_compare(&DestInfo->DestAddress, &expect), 0);
            seen++;
        }
        assert_int_equal(RtmReleaseDests(RtmRegHandle, NumInfos, DestInfos), NO_ERROR);
    } while (Status == NO_ERROR);
    assert_int_equal(Status, ERROR_NO_MORE_ITEMS);
    assert_int_equal(seen, 150);
    assert_int_equal(RtmDeleteEnumHandle(RtmRegHandle, EnumHandle1), NO_ERROR);

    assert_int_equal(RtmReleaseRoutes(RtmRegHandle, 150, routes), NO_ERROR);
    release_hop(RtmRegHandle, nh);
    test_free(DestInfos);
    assert_int_equal(RtmDeregisterEntity(RtmRegHandle), NO_ERROR);
}

/* spec/rras/enumerate-all-routes.md, written as a test: RIP enumerates its
 * own routes over the whole table (120 of them, next to OSPF's) and reads
 * each one's information. */
static void test_sample_enumerate_all_routes(void **state)
{
    RTM_REGN_PROFILE RegnProfile;
    RTM_ENTITY_HANDLE RtmRegHandle =
        test_register_profile(4102, AF_INET, PROTO_A, 1, FALSE, &RegnProfile);
    RTM_ENTITY_HANDLE ospf = reg(4102, PROTO_B);
    RTM_NEXTHOP_HANDLE nh = hop(RtmRegHandle, 1, 1), nh_b = hop(ospf, 2, 2);
    RTM_ROUTE_HANDLE mine[120];
    RTM_ROUTE_INFO *info = test_malloc(RTM_SIZE_OF_ROUTE_INFO(RegnProfile.MaxNextHopsInRoute + 1));
    RTM_ENUM_HANDLE EnumHandle2 = NULL;
    RTM_DEST_HANDLE DestHandle;
    HANDLE *RouteHandles;
    UINT MaxHandles, NumHandles, l = 0;
    DWORD Status;

    (void)state;
    for (unsigned i = 0; i < 120; i++) {
        mine[i] = test_add_route(RtmRegHandle, net(i), nh, 10, 1, NULL);
        if (i % 3 == 0)
            release_route(ospf, test_add_route(ospf, net(i), nh_b, 5, 1, NULL));
    }

    MaxHandles = RegnProfile.MaxHandlesInEnum;
    RouteHandles = test_malloc(MaxHandles * sizeof(HANDLE));
    DestHandle = NULL;
    Status = RtmCreateRouteEnum(RtmRegHandle, DestHandle, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                RTM_ENUM_OWN_ROUTES, NULL, 0, NULL, 0, &EnumHandle2);
    assert_int_equal(Status, NO_ERROR);
    do {
        NumHandles = MaxHandles;
        Status = RtmGetEnumRoutes(RtmRegHandle, EnumHandle2, &NumHandles, RouteHandles);
        for (UINT k = 0; k < NumHandles; k++) {
            RTM_NET_ADDRESS addr, expect = net(l);
            assert_ptr_equal(RouteHandles[k], mine[l]);
            assert_int_equal(RtmGetRouteInfo(RtmRegHandle, RouteHandles[k], info, &addr), NO_ERROR);
            assert_ptr_equal(info->RouteOwner, RtmRegHandle);
            assert_int_equal(test_prefix_compare(&addr, &expect), 0);
            assert_int_equal(RtmReleaseRouteInfo(RtmRegHandle, info), NO_ERROR);
            l++;
        }
        assert_int_equal(RtmReleaseRoutes(RtmRegHandle, NumHandles, RouteHandles), NO_ERROR);
    } while (Status == NO_ERROR);
    assert_int_equal(Status, ERROR_NO_MORE_ITEMS);
    assert_int_equal(l, 120);
    assert_int_equal(RtmDeleteEnumHandle(RtmRegHandle, EnumHandle2), NO_ERROR);

    assert_int_equal(RtmReleaseRoutes(RtmRegHandle, 120, mine), NO_ERROR);
    release_hop(RtmRegHandle, nh);
    release_hop(ospf, nh_b);
    test_free(RouteHandles);
    test_free(info);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(RtmRegHandle), NO_ERROR);
}

/* ---- batch boundaries ------------------------------------------------------- */

enum kind { DESTS, ROUTES, NEXTHOPS };

/* One call asking for ask items of the enumeration; the items are
 * released. Returns the status; *got gets the count. */
static DWORD get(enum kind kind, RTM_ENTITY_HANDLE r, RTM_ENUM_HANDLE e, UINT ask, UINT *got)
{
    char *buf = test_malloc(RTM_SIZE_OF_DEST_INFO(2) * 100 + 1);
    DWORD status;

    *got = ask;
    if (kind == DESTS) {
        status = RtmGetEnumDests(r, e, got, (PRTM_DEST_INFO)buf);
        assert_int_equal(RtmReleaseDests(r, *got, (PRTM_DEST_INFO)buf), NO_ERROR);
    } else if (kind == ROUTES) {
        status = RtmGetEnumRoutes(r, e, got, (HANDLE *)buf);
        assert_int_equal(RtmReleaseRoutes(r, *got, (HANDLE *)buf), NO_ERROR);
    } else {
        status = RtmGetEnumNextHops(r, e, got, (HANDLE *)buf);
        assert_int_equal(RtmReleaseNextHops(r, *got, (HANDLE *)buf), NO_ERROR);
    }
    test_free(buf);
    return status;
}

static void expect_get(enum kind kind, RTM_ENTITY_HANDLE r, RTM_ENUM_HANDLE e, UINT ask,
                       DWORD status, UINT count)
{
    UINT got;
    assert_int_equal(get(kind, r, e, ask, &got), status);
    assert_int_equal(got, count);
}

/* A table with n items of the kind; an enumeration of them (all of the
 * table) in *e. */
static RTM_ENTITY_HANDLE setup_items(enum kind kind, USHORT instance, unsigned n,
                                     RTM_ENUM_HANDLE *e)
{
    RTM_ENTITY_HANDLE r = reg(instance, PROTO_A);

    *e = NULL;
    if (kind == NEXTHOPS) {
        for (unsigned i = 0; i < n; i++)
            release_hop(r, hop(r, i, 1));
        assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_START, NULL, e), NO_ERROR);
    } else {
        RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1);
        add_dests(r, nh, n);
        release_hop(r, nh);
        if (kind == DESTS)
            assert_int_equal(RtmCreateDestEnum(r, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                               RTM_BEST_PROTOCOL, e),
                             NO_ERROR);
        else
            assert_int_equal(RtmCreateRouteEnum(r, NULL, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                                RTM_MATCH_NONE, NULL, 0, e),
                             NO_ERROR);
    }
    assert_non_null(*e);
    return r;
}

/*
 * The exact sequence of statuses and counts for 0, 1, 100 (exactly one
 * full batch) and 101 items, asking MaxHandlesInEnum at a time; asking for
 * 0 items; and for n = 101, one at a time.
 */
static void check_batches(enum kind kind, USHORT instance)
{
    static const unsigned sizes[] = { 0, 1, 100, 101 };
    RTM_ENUM_HANDLE e;
    RTM_ENTITY_HANDLE r;

    for (unsigned s = 0; s < 4; s++) {
        unsigned n = sizes[s];
        r = setup_items(kind, (USHORT)(instance + s), n, &e);
        expect_get(kind, r, e, 0, NO_ERROR, 0); /* asks for nothing: no progress */
        if (n == 100) {
            expect_get(kind, r, e, max_handles, NO_ERROR, 100);
        } else if (n == 101) {
            expect_get(kind, r, e, max_handles, NO_ERROR, 100);
            expect_get(kind, r, e, max_handles, ERROR_NO_MORE_ITEMS, 1);
        } else {
            expect_get(kind, r, e, max_handles, ERROR_NO_MORE_ITEMS, n);
        }
        if (n >= 100)
            expect_get(kind, r, e, max_handles, ERROR_NO_MORE_ITEMS, 0);
        /* The end stays the end, whatever is asked for. */
        expect_get(kind, r, e, max_handles, ERROR_NO_MORE_ITEMS, 0);
        expect_get(kind, r, e, 0, ERROR_NO_MORE_ITEMS, 0);
        assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
        assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    }

    r = setup_items(kind, (USHORT)(instance + 4), 101, &e);
    for (unsigned i = 0; i < 101; i++)
        expect_get(kind, r, e, 1, NO_ERROR, 1);
    expect_get(kind, r, e, 1, ERROR_NO_MORE_ITEMS, 0);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

static void test_dest_batches(void **state)
{
    (void)state;
    check_batches(DESTS, 4110);
}

static void test_route_batches(void **state)
{
    (void)state;
    check_batches(ROUTES, 4120);
}

static void test_nexthop_batches(void **state)
{
    (void)state;
    check_batches(NEXTHOPS, 4130);
}

/* ---- destination enumerations ----------------------------------------------- */

/* RTM_ENUM_START, RTM_ENUM_NEXT and RTM_ENUM_RANGE over nested prefixes. */
static void test_dest_positions(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4140, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1);
    RTM_NET_ADDRESS p[6] = {
        test_ipv4(0, 0, 0, 0, 0),   test_ipv4(10, 0, 0, 0, 8), test_ipv4(10, 1, 0, 0, 16),
        test_ipv4(10, 1, 1, 0, 24), test_ipv4(10, 2, 0, 0, 16), test_ipv4(11, 0, 0, 0, 8),
    };
    RTM_NET_ADDRESS a;

    (void)state;
    for (int i = 5; i >= 0; i--) /* added out of order */
        release_route(r, test_add_route(r, p[i], nh, 10, 1, NULL));

    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL, p, 6);
    a = test_ipv4(10, 0, 0, 0, 8);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &a, p + 1, 4);
    a = test_ipv4(10, 9, 9, 9, 8); /* bits past the length are ignored */
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &a, p + 1, 4);
    a = test_ipv4(10, 1, 0, 0, 16);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &a, p + 2, 4);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &a, p + 2, 2);
    a = test_ipv4(10, 1, 0, 0, 20); /* not a destination itself */
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &a, p + 3, 1);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &a, p + 3, 3);
    a = test_ipv4(0, 0, 0, 0, 0);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &a, p, 6);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &a, p, 6);
    a = test_ipv4(12, 0, 0, 0, 8);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &a, NULL, 0);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_NEXT, &a, NULL, 0);
    a = test_ipv4(10, 1, 1, 0, 32);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_RANGE, &a, NULL, 0);
    /* RTM_ENUM_START ignores the address. */
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_START, &a, p, 6);

    release_hop(r, nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* TargetViews selects the destinations with a route in one of the views
 * and sizes each RTM_DEST_INFO; RTM_VIEW_MASK_ANY gives every destination,
 * with no ViewInfo entries. */
static void test_dest_views(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4141, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1);
    RTM_NET_ADDRESS p[4] = { net(1), net(2), net(3), net(4) };
    RTM_ROUTE_HANDLE route[4];
    RTM_NET_ADDRESS expect[4];
    RTM_ENUM_HANDLE e = NULL;
    RTM_DEST_INFO *infos;
    UINT n;

    (void)state;
    route[0] = test_add_route_views(r, p[0], nh, 10, 1, RTM_VIEW_MASK_UCAST, NULL);
    route[1] = test_add_route_views(r, p[1], nh, 10, 1, RTM_VIEW_MASK_MCAST, NULL);
    route[2] = test_add_route_views(r, p[2], nh, 10, 1, BOTH_VIEWS, NULL);
    route[3] = test_add_route_views(r, p[3], nh, 10, 1, 0, NULL); /* in no view */

    expect[0] = p[0];
    expect[1] = p[2];
    expect_dests(r, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL, expect, 2);
    expect[0] = p[1];
    expect_dests(r, RTM_VIEW_MASK_MCAST, RTM_ENUM_START, NULL, expect, 2);
    expect_dests(r, BOTH_VIEWS, RTM_ENUM_START, NULL, p, 3);
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL, p, 4);

    /* Both views: two entries each, unicast first. */
    infos = test_malloc(RTM_SIZE_OF_DEST_INFO(2) * 3);
    assert_int_equal(RtmCreateDestEnum(r, BOTH_VIEWS, RTM_ENUM_START, NULL, RTM_BEST_PROTOCOL, &e),
                     NO_ERROR);
    n = 3;
    assert_int_equal(RtmGetEnumDests(r, e, &n, infos), NO_ERROR);
    assert_int_equal(n, 3);
    for (UINT i = 0; i < 3; i++) {
        RTM_DEST_INFO *info = (RTM_DEST_INFO *)((char *)infos + i * RTM_SIZE_OF_DEST_INFO(2));
        assert_int_equal(info->NumberOfViews, 2);
        assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
        assert_int_equal(info->ViewInfo[1].ViewId, RTM_VIEW_ID_MCAST);
        assert_ptr_equal(info->ViewInfo[0].Route, i == 1 ? NULL : route[i]);
        assert_ptr_equal(info->ViewInfo[1].Route, i == 0 ? NULL : route[i]);
        assert_int_equal(info->ViewInfo[0].NumRoutes, i == 1 ? 0 : 1);
    }
    assert_int_equal(RtmReleaseDests(r, n, infos), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    test_free(infos);

    /* Any view: packed RTM_SIZE_OF_DEST_INFO(0) apart. */
    infos = test_malloc(RTM_SIZE_OF_DEST_INFO(0) * 4);
    assert_int_equal(RtmCreateDestEnum(r, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                       RTM_BEST_PROTOCOL, &e),
                     NO_ERROR);
    n = 4;
    assert_int_equal(RtmGetEnumDests(r, e, &n, infos), NO_ERROR);
    assert_int_equal(n, 4);
    for (UINT i = 0; i < 4; i++) {
        RTM_DEST_INFO *info = (RTM_DEST_INFO *)((char *)infos + i * RTM_SIZE_OF_DEST_INFO(0));
        assert_int_equal(info->NumberOfViews, 0);
        assert_int_equal(test_prefix_compare(&info->DestAddress, &p[i]), 0);
        assert_int_equal(info->BelongsToViews, i == 3 ? 0 : (i == 2 ? BOTH_VIEWS : 1u << i));
    }
    assert_int_equal(RtmReleaseDests(r, n, infos), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    test_free(infos);

    assert_int_equal(RtmReleaseRoutes(r, 4, route), NO_ERROR);
    release_hop(r, nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* RTM_ENUM_OWN_DESTS: the destinations where the caller owns the best
 * route of one of the views. */
static void test_dest_own(void **state)
{
    RTM_ENTITY_HANDLE a = reg(4142, PROTO_A), b = reg(4142, PROTO_B);
    RTM_NEXTHOP_HANDLE nha = hop(a, 1, 1), nhb = hop(b, 2, 2);
    RTM_NET_ADDRESS p[4] = { net(1), net(2), net(3), net(4) };
    RTM_NET_ADDRESS expect[4];

    (void)state;
    release_route(a, test_add_route(a, p[0], nha, 5, 1, NULL)); /* a best */
    release_route(b, test_add_route(b, p[0], nhb, 10, 1, NULL));
    release_route(a, test_add_route(a, p[1], nha, 10, 1, NULL));
    release_route(b, test_add_route(b, p[1], nhb, 5, 1, NULL)); /* b best */
    release_route(b, test_add_route(b, p[2], nhb, 5, 1, NULL)); /* b only */
    release_route(a, test_add_route_views(a, p[3], nha, 5, 1, RTM_VIEW_MASK_MCAST, NULL));
    release_route(b, test_add_route_views(b, p[3], nhb, 5, 1, RTM_VIEW_MASK_UCAST, NULL));

    expect[0] = p[0];
    expect_dests(a, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_DESTS, NULL, expect, 1);
    expect[0] = p[3];
    expect_dests(a, RTM_VIEW_MASK_MCAST, RTM_ENUM_OWN_DESTS, NULL, expect, 1);
    expect[0] = p[0];
    expect[1] = p[3];
    expect_dests(a, BOTH_VIEWS, RTM_ENUM_OWN_DESTS, NULL, expect, 2);
    expect_dests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_OWN_DESTS, NULL, expect, 2);
    expect_dests(b, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_DESTS | RTM_ENUM_START, NULL, p + 1, 3);
    expect_dests(b, RTM_VIEW_MASK_MCAST, RTM_ENUM_OWN_DESTS, NULL, NULL, 0);
    expect[0] = p[2];
    expect[1] = p[3];
    expect_dests(b, RTM_VIEW_MASK_ANY, RTM_ENUM_OWN_DESTS | RTM_ENUM_RANGE, &p[2], expect, 1);
    expect_dests(b, RTM_VIEW_MASK_ANY, RTM_ENUM_OWN_DESTS | RTM_ENUM_NEXT, &p[2], expect, 2);
    /* All destinations, for both. */
    expect_dests(a, RTM_VIEW_MASK_ANY, RTM_ENUM_ALL_DESTS, NULL, p, 4);

    release_hop(a, nha);
    release_hop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* ProtocolId chooses whose best route each RTM_DEST_INFO shows; it does not
 * select destinations. */
static void test_dest_protocol(void **state)
{
    RTM_ENTITY_HANDLE a = reg(4143, PROTO_A), b = reg(4143, PROTO_B);
    RTM_NEXTHOP_HANDLE nha = hop(a, 1, 1), nhb = hop(b, 2, 2);
    RTM_ROUTE_HANDLE ra = test_add_route(a, net(1), nha, 10, 1, NULL);
    RTM_ROUTE_HANDLE rb = test_add_route(b, net(1), nhb, 5, 1, NULL);
    RTM_ROUTE_HANDLE rb2 = test_add_route(b, net(2), nhb, 5, 1, NULL);
    static const ULONG protocols[4] = { RTM_BEST_PROTOCOL, RTM_THIS_PROTOCOL, PROTO_B, 99 };
    RTM_DEST_INFO *infos = test_malloc(RTM_SIZE_OF_DEST_INFO(1) * 2);

    (void)state;
    for (int k = 0; k < 4; k++) {
        RTM_ENUM_HANDLE e = NULL;
        UINT n = 2;
        RTM_DEST_INFO *second = (RTM_DEST_INFO *)((char *)infos + RTM_SIZE_OF_DEST_INFO(1));
        HANDLE first_best = k == 1 ? ra : k == 3 ? NULL : rb;
        HANDLE second_best = k == 0 || k == 2 ? rb2 : NULL;

        assert_int_equal(RtmCreateDestEnum(a, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL,
                                           protocols[k], &e),
                         NO_ERROR);
        assert_int_equal(RtmGetEnumDests(a, e, &n, infos), NO_ERROR);
        assert_int_equal(n, 2);
        assert_ptr_equal(infos->ViewInfo[0].Route, first_best);
        assert_ptr_equal(infos->ViewInfo[0].Owner, first_best == ra ? a : first_best ? b : NULL);
        assert_int_equal(infos->ViewInfo[0].NumRoutes, 2);
        assert_ptr_equal(second->ViewInfo[0].Route, second_best);
        assert_int_equal(RtmReleaseDests(a, n, infos), NO_ERROR);
        n = 2;
        assert_int_equal(RtmGetEnumDests(a, e, &n, infos), ERROR_NO_MORE_ITEMS);
        assert_int_equal(n, 0);
        assert_int_equal(RtmDeleteEnumHandle(a, e), NO_ERROR);
    }

    test_free(infos);
    release_route(a, ra);
    release_route(b, rb);
    release_route(b, rb2);
    release_hop(a, nha);
    release_hop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Changes between two calls: a destination deleted at the position, one
 * added behind it (not returned) and one added ahead (returned). */
static void test_dest_changes_between_calls(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4144, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1);
    RTM_ROUTE_HANDLE route[4];
    RTM_ENUM_HANDLE e = NULL;
    RTM_DEST_INFO *info = test_dest_info();
    RTM_NET_ADDRESS expect;
    UINT n;

    (void)state;
    for (unsigned i = 0; i < 4; i++)
        route[i] = test_add_route(r, net(10 * i + 10), nh, 10, 1, NULL);
    assert_int_equal(RtmCreateDestEnum(r, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL,
                                       RTM_BEST_PROTOCOL, &e),
                     NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, e, &n, info), NO_ERROR);
    expect = net(10);
    assert_int_equal(test_prefix_compare(&info->DestAddress, &expect), 0);
    assert_int_equal(RtmReleaseDests(r, n, info), NO_ERROR);

    /* net(10) is deleted, net(5) is added behind, net(25) ahead. */
    assert_int_equal(RtmDeleteRouteToDest(r, route[0], NULL), NO_ERROR);
    release_route(r, test_add_route(r, net(5), nh, 10, 1, NULL));
    release_route(r, test_add_route(r, net(25), nh, 10, 1, NULL));

    static const unsigned order[] = { 20, 25, 30, 40 };
    for (unsigned i = 0; i < 4; i++) {
        n = 1;
        assert_int_equal(RtmGetEnumDests(r, e, &n, info), NO_ERROR);
        expect = net(order[i]);
        assert_int_equal(test_prefix_compare(&info->DestAddress, &expect), 0);
        assert_int_equal(RtmReleaseDests(r, n, info), NO_ERROR);
    }
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, e, &n, info), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);

    test_free(info);
    assert_int_equal(RtmReleaseRoutes(r, 3, route + 1), NO_ERROR);
    release_hop(r, nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* Every documented return code of RtmCreateDestEnum and RtmGetEnumDests,
 * and bad handles. */
static void test_dest_errors(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4145, PROTO_A), other = reg(4145, PROTO_B);
    RTM_ENTITY_HANDLE v6 = test_register(4145, AF_INET6, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1);
    RTM_NET_ADDRESS a = net(1), wide = test_ipv4(10, 0, 0, 0, 33), six = test_ipv6(0x2001, 0xdb8, 0, 32);
    RTM_ENUM_HANDLE e = NULL, route_enum = NULL, e2 = NULL;
    RTM_DEST_INFO *infos = test_malloc(RTM_SIZE_OF_DEST_INFO(2) * 101);
    UINT n;

    (void)state;
    add_dests(r, nh, 3);
    /* RtmCreateDestEnum */
    assert_int_equal(RtmCreateDestEnum(NULL, 0, RTM_ENUM_START, NULL, 0, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateDestEnum(FORGED_HANDLE, 0, RTM_ENUM_START, NULL, 0, &e),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateDestEnum(nh, 0, RTM_ENUM_START, NULL, 0, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_START, NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_NEXT | RTM_ENUM_RANGE, &a, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_OWN_ROUTES, NULL, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 0, 0x80, NULL, 0, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_NEXT, NULL, 0, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_RANGE, NULL, 0, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_RANGE, &wide, 0, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_NEXT, &six, 0, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(v6, 0, RTM_ENUM_NEXT, &a, 0, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateDestEnum(r, 4, RTM_ENUM_START, NULL, 0, &e), ERROR_NOT_SUPPORTED);
    assert_int_equal(RtmCreateDestEnum(r, RTM_VIEW_MASK_ALL, RTM_ENUM_START, NULL, 0, &e),
                     ERROR_NOT_SUPPORTED);
    assert_null(e);

    /* RtmGetEnumDests */
    assert_int_equal(RtmCreateDestEnum(r, BOTH_VIEWS, RTM_ENUM_START, NULL, 0, &e), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, RTM_ENUM_START, NULL, 0, NULL, 0, &route_enum),
                     NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumDests(NULL, e, &n, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, NULL, &n, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, FORGED_HANDLE, &n, infos), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, route_enum, &n, infos), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, nh, &n, infos), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumDests(other, e, &n, infos), ERROR_INVALID_HANDLE); /* not its own */
    assert_int_equal(n, 0);
    assert_int_equal(RtmGetEnumDests(r, e, NULL, infos), ERROR_INVALID_PARAMETER);
    n = 101;
    assert_int_equal(RtmGetEnumDests(r, e, &n, infos), ERROR_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, e, &n, NULL), ERROR_INVALID_PARAMETER);
    n = 0;
    assert_int_equal(RtmGetEnumDests(r, e, &n, NULL), NO_ERROR);
    assert_int_equal(n, 0);
    /* None of that moved the enumeration. */
    n = 100;
    assert_int_equal(RtmGetEnumDests(r, e, &n, infos), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 3);
    assert_int_equal(RtmReleaseDests(r, n, infos), NO_ERROR);

    /* An enumeration of another entity of the same table is not the
     * caller's, nor can it move references on one. */
    assert_int_equal(RtmCreateDestEnum(other, 0, RTM_ENUM_START, NULL, 0, &e2), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, e2), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReferenceHandles(other, 1, &e2), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(other, e2), NO_ERROR);

    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, route_enum), NO_ERROR);
    test_free(infos);
    release_hop(r, nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(v6), NO_ERROR);
}

/* IPv6 destinations come in address order too. */
static void test_dest_ipv6(void **state)
{
    RTM_ENTITY_HANDLE r = test_register(4146, AF_INET6, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(r, test_ipv6(0xfe80, 0, 1, 128), 1);
    RTM_NET_ADDRESS p[4] = { test_ipv6(0x2001, 0xdb8, 0, 32), test_ipv6(0x2001, 0xdb8, 0, 48),
                             test_ipv6(0x2001, 0xdb8, 5, 128), test_ipv6(0x2002, 0, 0, 16) };
    RTM_NET_ADDRESS range = test_ipv6(0x2001, 0xdb8, 0, 32);

    (void)state;
    for (int i = 3; i >= 0; i--)
        release_route(r, test_add_route(r, p[i], nh, 10, 1, NULL));
    expect_dests(r, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL, p, 4);
    expect_dests(r, RTM_VIEW_MASK_UCAST, RTM_ENUM_RANGE, &range, p, 3);
    release_hop(r, nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* ---- route enumerations ----------------------------------------------------- */

/* Positions over nested prefixes; one destination by handle. */
static void test_route_positions(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4150, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1), nh2 = hop(r, 2, 2);
    RTM_NET_ADDRESS p[4] = { test_ipv4(0, 0, 0, 0, 0), test_ipv4(10, 0, 0, 0, 8),
                             test_ipv4(10, 1, 0, 0, 16), test_ipv4(11, 0, 0, 0, 8) };
    RTM_ROUTE_HANDLE route[5];
    RTM_DEST_HANDLE dest;
    RTM_NET_ADDRESS a;

    (void)state;
    route[0] = test_add_route(r, p[0], nh, 10, 1, NULL);
    route[1] = test_add_route(r, p[1], nh, 10, 1, NULL);
    route[2] = test_add_route(r, p[1], nh2, 10, 1, NULL); /* a second route to 10/8 */
    route[3] = test_add_route(r, p[2], nh, 10, 1, NULL);
    route[4] = test_add_route(r, p[3], nh, 10, 1, NULL);

    expect_routes(r, NULL, 0, RTM_ENUM_START, NULL, RTM_MATCH_NONE, NULL, 0, route, 5);
    a = p[1];
    expect_routes(r, NULL, 0, RTM_ENUM_RANGE, &a, RTM_MATCH_NONE, NULL, 0, route + 1, 3);
    expect_routes(r, NULL, 0, RTM_ENUM_NEXT, &a, RTM_MATCH_NONE, NULL, 0, route + 1, 4);
    a = test_ipv4(10, 1, 0, 0, 12);
    expect_routes(r, NULL, 0, RTM_ENUM_RANGE, &a, RTM_MATCH_NONE, NULL, 0, route + 3, 1);
    a = test_ipv4(12, 0, 0, 0, 8);
    expect_routes(r, NULL, 0, RTM_ENUM_NEXT, &a, RTM_MATCH_NONE, NULL, 0, NULL, 0);

    /* One destination: its routes only; the position is then ignored. */
    dest = test_dest_of(r, p[1]);
    expect_routes(r, dest, 0, RTM_ENUM_START, NULL, RTM_MATCH_NONE, NULL, 0, route + 1, 2);
    expect_routes(r, dest, 0, RTM_ENUM_RANGE, NULL, RTM_MATCH_NONE, NULL, 0, route + 1, 2);
    expect_routes(r, dest, RTM_VIEW_MASK_MCAST, RTM_ENUM_START, NULL, RTM_MATCH_NONE, NULL, 0,
                  NULL, 0);
    /* Once it is gone, nothing. */
    assert_int_equal(RtmDeleteRouteToDest(r, route[1], NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(r, route[2], NULL), NO_ERROR);
    expect_routes(r, dest, 0, RTM_ENUM_START, NULL, RTM_MATCH_NONE, NULL, 0, NULL, 0);
    assert_int_equal(test_release_dest_handle(r, dest, FALSE), NO_ERROR);

    release_route(r, route[0]);
    release_route(r, route[3]);
    release_route(r, route[4]);
    release_hop(r, nh);
    release_hop(r, nh2);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
}

/* Within a destination routes come in order of creation (not of
 * preference), and an enumeration resumes correctly when routes are
 * deleted or added between calls. */
static void test_route_order_and_changes(void **state)
{
    RTM_ENTITY_HANDLE a = reg(4151, PROTO_A), b = reg(4151, PROTO_B);
    RTM_NEXTHOP_HANDLE nha = hop(a, 1, 1), nhb = hop(b, 2, 2), nha2 = hop(a, 3, 3);
    RTM_ROUTE_HANDLE r1 = test_add_route(a, net(1), nha, 30, 1, NULL);
    RTM_ROUTE_HANDLE r2 = test_add_route(b, net(1), nhb, 20, 1, NULL);
    RTM_ROUTE_HANDLE r3 = test_add_route(a, net(1), nha2, 10, 1, NULL);
    RTM_ROUTE_HANDLE r4 = test_add_route(a, net(2), nha, 10, 1, NULL);
    RTM_ROUTE_HANDLE expect[4] = { r1, r2, r3, r4 };
    RTM_ROUTE_HANDLE got[2], r5;
    RTM_ENUM_HANDLE e = NULL;
    UINT n;

    (void)state;
    expect_routes(a, NULL, 0, RTM_ENUM_START, NULL, RTM_MATCH_NONE, NULL, 0, expect, 4);

    assert_int_equal(RtmCreateRouteEnum(a, NULL, 0, RTM_ENUM_START, NULL, 0, NULL, 0, &e), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(a, e, &n, got), NO_ERROR);
    assert_ptr_equal(got[0], r1);
    assert_int_equal(RtmReleaseRoutes(a, n, got), NO_ERROR);
    /* The route returned and the next one are deleted; a route is added to
     * the destination at the position (after the others) and one before
     * the position. */
    assert_int_equal(RtmDeleteRouteToDest(a, r1, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(b, r2, NULL), NO_ERROR);
    r5 = test_add_route(b, net(1), nhb, 1, 1, NULL);
    release_route(b, test_add_route(b, net(0), nhb, 1, 1, NULL));
    n = 2;
    assert_int_equal(RtmGetEnumRoutes(a, e, &n, got), NO_ERROR);
    assert_ptr_equal(got[0], r3);
    assert_ptr_equal(got[1], r5);
    assert_int_equal(RtmReleaseRoutes(a, n, got), NO_ERROR);
    n = 2;
    assert_int_equal(RtmGetEnumRoutes(a, e, &n, got), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 1);
    assert_ptr_equal(got[0], r4);
    assert_int_equal(RtmReleaseRoutes(a, n, got), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(a, e), NO_ERROR);

    release_route(a, r3);
    release_route(a, r4);
    release_route(b, r5);
    release_hop(a, nha);
    release_hop(a, nha2);
    release_hop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* TargetViews and RTM_ENUM_OWN_ROUTES. */
static void test_route_views_and_own(void **state)
{
    RTM_ENTITY_HANDLE a = reg(4152, PROTO_A), b = reg(4152, PROTO_B);
    RTM_NEXTHOP_HANDLE nha = hop(a, 1, 1), nhb = hop(b, 2, 2);
    RTM_ROUTE_HANDLE ru = test_add_route_views(a, net(1), nha, 10, 1, RTM_VIEW_MASK_UCAST, NULL);
    RTM_ROUTE_HANDLE rm = test_add_route_views(b, net(1), nhb, 10, 1, RTM_VIEW_MASK_MCAST, NULL);
    RTM_ROUTE_HANDLE rb = test_add_route_views(a, net(2), nha, 10, 1, BOTH_VIEWS, NULL);
    RTM_ROUTE_HANDLE r0 = test_add_route_views(b, net(3), nhb, 10, 1, 0, NULL);
    RTM_ROUTE_HANDLE x[4];

    (void)state;
    x[0] = ru, x[1] = rm, x[2] = rb, x[3] = r0;
    expect_routes(a, NULL, RTM_VIEW_MASK_ANY, RTM_ENUM_START, NULL, 0, NULL, 0, x, 4);
    expect_routes(a, NULL, BOTH_VIEWS, RTM_ENUM_START, NULL, 0, NULL, 0, x, 3);
    x[0] = ru, x[1] = rb;
    expect_routes(a, NULL, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL, 0, NULL, 0, x, 2);
    expect_routes(a, NULL, 0, RTM_ENUM_OWN_ROUTES, NULL, 0, NULL, 0, x, 2);
    x[0] = rm, x[1] = rb;
    expect_routes(a, NULL, RTM_VIEW_MASK_MCAST, RTM_ENUM_START, NULL, 0, NULL, 0, x, 2);
    x[0] = rm, x[1] = r0;
    expect_routes(b, NULL, 0, RTM_ENUM_OWN_ROUTES | RTM_ENUM_START, NULL, 0, NULL, 0, x, 2);
    expect_routes(b, NULL, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_ROUTES, NULL, 0, NULL, 0, NULL, 0);

    release_route(a, ru);
    release_route(b, rm);
    release_route(a, rb);
    release_route(b, r0);
    release_hop(a, nha);
    release_hop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* MatchingFlags with CriteriaRoute and CriteriaInterface, as
 * RtmGetExactMatchRoute matches. */
static void test_route_match(void **state)
{
    RTM_ENTITY_HANDLE a = reg(4153, PROTO_A), b = reg(4153, PROTO_B);
    RTM_NEXTHOP_HANDLE nh1 = hop(a, 1, 1), nh2 = hop(a, 2, 2), nhb = hop(b, 3, 1);
    RTM_ROUTE_HANDLE r1 = test_add_route(a, net(1), nh1, 10, 1, NULL);
    RTM_ROUTE_HANDLE r2 = test_add_route(a, net(1), nh2, 20, 1, NULL);
    RTM_ROUTE_HANDLE r3 = test_add_route(b, net(1), nhb, 10, 1, NULL);
    RTM_ROUTE_HANDLE r4 = test_add_route(b, net(2), nhb, 10, 2, NULL);
    RTM_ROUTE_INFO criteria;
    RTM_ROUTE_HANDLE x[4];

    (void)state;
    memset(&criteria, 0, sizeof criteria);
    x[0] = r1, x[1] = r2, x[2] = r3, x[3] = r4;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_NONE, NULL, 0, x, 4);
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_NONE, &criteria, 0, x, 4);

    criteria.RouteOwner = a;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_OWNER, &criteria, 0, x, 2);
    criteria.RouteOwner = b;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_OWNER, &criteria, 0, x + 2, 2);

    criteria.Neighbour = nh2;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_NEIGHBOUR, &criteria, 0, x + 1, 1);

    criteria.PrefInfo.Preference = 10;
    criteria.PrefInfo.Metric = 1;
    x[0] = r1, x[1] = r3;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_PREF, &criteria, 0, x, 2);

    criteria.NextHopsList.NumNextHops = 1;
    criteria.NextHopsList.NextHops[0] = nhb;
    x[0] = r3, x[1] = r4;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_NEXTHOP, &criteria, 0, x, 2);

    /* On interface 1: nh1 and nhb; CriteriaRoute may be NULL. */
    x[0] = r1, x[1] = r3, x[2] = r4;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_INTERFACE, NULL, 1, x, 3);
    x[0] = r2;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_INTERFACE, NULL, 2, x, 1);
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_INTERFACE, NULL, 7, NULL, 0);

    /* Everything: only r3 is b's, via nhb, with preference 10/1, on 1. */
    criteria.RouteOwner = b;
    criteria.Neighbour = nhb;
    x[0] = r3;
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_FULL, &criteria, 1, x, 1);
    expect_routes(a, NULL, 0, 0, NULL, RTM_MATCH_FULL, &criteria, 2, NULL, 0);
    /* Combined with the caller's own routes and a view. */
    expect_routes(a, NULL, 0, RTM_ENUM_OWN_ROUTES, NULL, RTM_MATCH_OWNER, &criteria, 0, NULL, 0);
    expect_routes(b, NULL, RTM_VIEW_MASK_UCAST, RTM_ENUM_OWN_ROUTES, NULL, RTM_MATCH_PREF,
                  &criteria, 0, x, 1);

    release_route(a, r1);
    release_route(a, r2);
    release_route(b, r3);
    release_route(b, r4);
    release_hop(a, nh1);
    release_hop(a, nh2);
    release_hop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Every documented return code of RtmCreateRouteEnum and RtmGetEnumRoutes,
 * and bad handles. */
static void test_route_errors(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4154, PROTO_A), other = reg(4154, PROTO_B);
    RTM_ENTITY_HANDLE distant = reg(4155, PROTO_A);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1), distant_nh = hop(distant, 1, 1);
    RTM_ROUTE_HANDLE route = test_add_route(r, net(1), nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE distant_route = test_add_route(distant, net(1), distant_nh, 10, 1, NULL);
    RTM_DEST_HANDLE distant_dest = test_dest_of(distant, net(1));
    RTM_NET_ADDRESS a = net(1), wide = test_ipv4(10, 0, 0, 0, 33);
    RTM_ENUM_HANDLE e = NULL, dest_enum = NULL;
    RTM_ROUTE_INFO *criteria = test_malloc(RTM_SIZE_OF_ROUTE_INFO(8));
    HANDLE handles[101];
    UINT n;

    (void)state;
    memset(criteria, 0, RTM_SIZE_OF_ROUTE_INFO(8));
    assert_int_equal(RtmCreateRouteEnum(NULL, NULL, 0, 0, NULL, 0, NULL, 0, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteEnum(FORGED_HANDLE, NULL, 0, 0, NULL, 0, NULL, 0, &e),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0, NULL, 0, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, RTM_ENUM_NEXT | RTM_ENUM_RANGE, &a, 0, NULL, 0,
                                        &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, RTM_ENUM_OWN_DESTS, NULL, 0, NULL, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, RTM_ENUM_NEXT, NULL, 0, NULL, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, RTM_ENUM_RANGE, &wide, 0, NULL, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, RTM_MATCH_OWNER, NULL, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, RTM_MATCH_FULL, NULL, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0x10000, criteria, 0, &e),
                     ERROR_INVALID_PARAMETER);
    criteria->NextHopsList.NumNextHops = 5; /* more than MaxNextHopsInRoute */
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, RTM_MATCH_NEXTHOP, criteria, 0, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 2 | 8, 0, NULL, 0, NULL, 0, &e), ERROR_NOT_SUPPORTED);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, RTM_VIEW_MASK_ALL, 0, NULL, 0, NULL, 0, &e),
                     ERROR_NOT_SUPPORTED);
    assert_int_equal(RtmCreateRouteEnum(r, FORGED_HANDLE, 0, 0, NULL, 0, NULL, 0, &e),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteEnum(r, route, 0, 0, NULL, 0, NULL, 0, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateRouteEnum(r, distant_dest, 0, 0, NULL, 0, NULL, 0, &e),
                     ERROR_INVALID_HANDLE);
    assert_null(e);
    /* Ignored: the criteria route for RTM_MATCH_NONE / INTERFACE, its next
     * hops without RTM_MATCH_NEXTHOP. */
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, RTM_MATCH_OWNER, criteria, 0, &e),
                     NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);

    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0, NULL, 0, &e), NO_ERROR);
    assert_int_equal(RtmCreateDestEnum(r, 0, 0, NULL, 0, &dest_enum), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(NULL, e, &n, handles), ERROR_INVALID_HANDLE);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(r, dest_enum, &n, handles), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(r, route, &n, handles), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(other, e, &n, handles), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(distant, e, &n, handles), ERROR_INVALID_HANDLE);
    assert_int_equal(n, 0);
    assert_int_equal(RtmGetEnumRoutes(r, e, NULL, handles), ERROR_INVALID_PARAMETER);
    n = 101;
    assert_int_equal(RtmGetEnumRoutes(r, e, &n, handles), ERROR_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    n = 2;
    assert_int_equal(RtmGetEnumRoutes(r, e, &n, NULL), ERROR_INVALID_PARAMETER);
    n = 2;
    assert_int_equal(RtmGetEnumRoutes(r, e, &n, handles), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 1);
    assert_ptr_equal(handles[0], route);
    assert_int_equal(RtmReleaseRoutes(r, n, handles), NO_ERROR);

    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, dest_enum), NO_ERROR);
    test_free(criteria);
    assert_int_equal(test_release_dest_handle(distant, distant_dest, FALSE), NO_ERROR);
    release_route(r, route);
    release_route(distant, distant_route);
    release_hop(r, nh);
    release_hop(distant, distant_nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(distant), NO_ERROR);
}

/* ---- next-hop enumerations -------------------------------------------------- */

static UINT drain_hops(RTM_ENTITY_HANDLE r, RTM_ENUM_HANDLE e, UINT batch, HANDLE *out, UINT max)
{
    return test_drain_handles(r, e, RtmGetEnumNextHops, RtmReleaseNextHops, FALSE, batch, out, max);
}

static void expect_hops(RTM_ENTITY_HANDLE r, RTM_ENUM_FLAGS flags, RTM_NET_ADDRESS *addr,
                        const HANDLE *expect, UINT n)
{
    HANDLE got[16];
    RTM_ENUM_HANDLE e = NULL;

    assert_int_equal(RtmCreateNextHopEnum(r, flags, addr, &e), NO_ERROR);
    assert_int_equal(drain_hops(r, e, 2, got, 16), n);
    for (UINT i = 0; i < n; i++)
        assert_ptr_equal(got[i], expect[i]);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
}

/* The caller's next hops in order of address, then interface; positions;
 * changes between calls. */
static void test_nexthop_enum(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4160, PROTO_A), other = reg(4160, PROTO_B);
    RTM_NEXTHOP_HANDLE h[6], theirs, got[2], late;
    RTM_NET_ADDRESS a;
    RTM_ENUM_HANDLE e = NULL;
    UINT n;

    (void)state;
    /* Added out of order. */
    h[5] = test_add_nexthop(r, test_ipv4(192, 168, 1, 1, 32), 1);
    h[2] = test_add_nexthop(r, test_ipv4(10, 1, 0, 1, 32), 7);
    h[0] = test_add_nexthop(r, test_ipv4(10, 0, 0, 0, 8), 1);
    h[1] = test_add_nexthop(r, test_ipv4(10, 1, 0, 1, 32), 2);
    h[4] = test_add_nexthop(r, test_ipv4(10, 1, 0, 9, 32), 1);
    h[3] = test_add_nexthop(r, test_ipv4(10, 1, 0, 1, 32), 9);
    theirs = test_add_nexthop(other, test_ipv4(10, 1, 0, 2, 32), 1);

    expect_hops(r, RTM_ENUM_START, NULL, h, 6);
    a = test_ipv4(10, 1, 0, 0, 16);
    expect_hops(r, RTM_ENUM_RANGE, &a, h + 1, 4);
    expect_hops(r, RTM_ENUM_NEXT, &a, h + 1, 5);
    a = test_ipv4(10, 1, 0, 1, 32);
    expect_hops(r, RTM_ENUM_RANGE, &a, h + 1, 3);
    a = test_ipv4(172, 16, 0, 0, 12);
    expect_hops(r, RTM_ENUM_RANGE, &a, NULL, 0);
    expect_hops(other, RTM_ENUM_START, NULL, &theirs, 1);

    /* The one returned and the next one are deleted, one is added behind
     * and one ahead. */
    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_START, NULL, &e), NO_ERROR);
    n = 2;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, got), NO_ERROR);
    assert_ptr_equal(got[0], h[0]);
    assert_ptr_equal(got[1], h[1]);
    assert_int_equal(RtmReleaseNextHops(r, n, got), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(r, h[1], NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(r, h[2], NULL), NO_ERROR);
    release_hop(r, test_add_nexthop(r, test_ipv4(10, 1, 0, 1, 32), 1));
    late = test_add_nexthop(r, test_ipv4(10, 1, 0, 5, 32), 1);
    n = 2;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, got), NO_ERROR);
    assert_ptr_equal(got[0], h[3]);
    assert_ptr_equal(got[1], late);
    assert_int_equal(RtmReleaseNextHops(r, n, got), NO_ERROR);
    n = 2;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, got), NO_ERROR);
    assert_ptr_equal(got[0], h[4]);
    assert_ptr_equal(got[1], h[5]);
    assert_int_equal(RtmReleaseNextHops(r, n, got), NO_ERROR);
    n = 2;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, got), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);

    release_hop(r, h[0]);
    for (int i = 3; i < 6; i++)
        release_hop(r, h[i]);
    release_hop(r, late);
    release_hop(other, theirs);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* Every documented return code of RtmCreateNextHopEnum and
 * RtmGetEnumNextHops, and bad handles. */
static void test_nexthop_errors(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4161, PROTO_A), other = reg(4161, PROTO_B);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1);
    RTM_NET_ADDRESS a = net(1), six = test_ipv6(0x2001, 0, 0, 16);
    RTM_ENUM_HANDLE e = NULL, route_enum = NULL;
    HANDLE handles[101];
    UINT n;

    (void)state;
    assert_int_equal(RtmCreateNextHopEnum(NULL, RTM_ENUM_START, NULL, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateNextHopEnum(nh, RTM_ENUM_START, NULL, &e), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_START, NULL, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_NEXT | RTM_ENUM_RANGE, &a, &e),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_OWN_ROUTES, NULL, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_OWN_DESTS, NULL, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_RANGE, NULL, &e), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_NEXT, &six, &e), ERROR_INVALID_PARAMETER);
    assert_null(e);

    assert_int_equal(RtmCreateNextHopEnum(r, RTM_ENUM_START, NULL, &e), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0, NULL, 0, &route_enum), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumNextHops(FORGED_HANDLE, e, &n, handles), ERROR_INVALID_HANDLE);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetEnumNextHops(r, route_enum, &n, handles), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumNextHops(other, e, &n, handles), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEnumNextHops(r, e, NULL, handles), ERROR_INVALID_PARAMETER);
    n = 101;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, handles), ERROR_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    n = 1;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, NULL), ERROR_INVALID_PARAMETER);
    n = 1;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, handles), NO_ERROR);
    assert_ptr_equal(handles[0], nh);
    assert_int_equal(RtmReleaseNextHops(r, n, handles), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumNextHops(r, e, &n, handles), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);

    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(r, route_enum), NO_ERROR);
    release_hop(r, nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* ---- RtmDeleteEnumHandle ------------------------------------------------------ */

static void test_delete_enum_handle(void **state)
{
    RTM_ENTITY_HANDLE r = reg(4170, PROTO_A), other = reg(4170, PROTO_B);
    RTM_NEXTHOP_HANDLE nh = hop(r, 1, 1);
    RTM_ENUM_HANDLE e[3] = { NULL, NULL, NULL };
    RTM_ROUTE_LIST_HANDLE list = NULL;
    RTM_DEST_INFO *info = test_dest_info();
    HANDLE handles[1];
    UINT n;

    (void)state;
    add_dests(r, nh, 2);
    assert_int_equal(RtmCreateDestEnum(r, 0, 0, NULL, 0, &e[0]), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(r, NULL, 0, 0, NULL, 0, NULL, 0, &e[1]), NO_ERROR);
    assert_int_equal(RtmCreateNextHopEnum(r, 0, NULL, &e[2]), NO_ERROR);
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    assert_true(e[0] != e[1] && e[1] != e[2] && e[0] != e[2]);

    assert_int_equal(RtmDeleteEnumHandle(NULL, e[0]), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(nh, e[0]), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(r, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(r, FORGED_HANDLE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(r, nh), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(r, list), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(other, e[0]), ERROR_INVALID_HANDLE);

    /* Half way through, then deleted: the handle is refused from then on,
     * and what it returned stays valid. */
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, e[0], &n, info), NO_ERROR);
    for (int i = 0; i < 3; i++)
        assert_int_equal(RtmDeleteEnumHandle(r, e[i]), NO_ERROR);
    for (int i = 0; i < 3; i++)
        assert_int_equal(RtmDeleteEnumHandle(r, e[i]), ERROR_INVALID_HANDLE);
    assert_int_equal(test_route_count(r, info->DestAddress, NULL), 1);
    assert_int_equal(RtmReleaseDests(r, 1, info), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumDests(r, e[0], &n, info), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(r, e[1], &n, handles), ERROR_INVALID_HANDLE);
    n = 1;
    assert_int_equal(RtmGetEnumNextHops(r, e[2], &n, handles), ERROR_INVALID_HANDLE);

    test_free(info);
    assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
    release_hop(r, nh);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* An entity's enumerations die with its registration; another entity's
 * enumeration goes on when the routes it passes over disappear. */
static void test_enum_and_deregistration(void **state)
{
    RTM_ENTITY_HANDLE a = reg(4171, PROTO_A), b = reg(4171, PROTO_B);
    RTM_NEXTHOP_HANDLE nha = hop(a, 1, 1), nhb = hop(b, 1, 1);
    RTM_ENUM_HANDLE ea = NULL, eb = NULL;
    RTM_ROUTE_HANDLE got[3];
    RTM_ROUTE_HANDLE rb[2];
    UINT n;

    (void)state;
    for (unsigned i = 0; i < 4; i++)
        release_route(a, test_add_route(a, net(i), nha, 10, 1, NULL));
    rb[0] = test_add_route(b, net(0), nhb, 10, 1, NULL);
    rb[1] = test_add_route(b, net(3), nhb, 10, 1, NULL);
    release_hop(a, nha);
    assert_int_equal(RtmCreateRouteEnum(a, NULL, 0, 0, NULL, 0, NULL, 0, &ea), NO_ERROR);
    assert_int_equal(RtmCreateRouteEnum(b, NULL, 0, 0, NULL, 0, NULL, 0, &eb), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(b, eb, &n, got), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(b, n, got), NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    n = 1;
    assert_int_equal(RtmGetEnumRoutes(a, ea, &n, got), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(a, ea), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteEnumHandle(b, ea), ERROR_INVALID_HANDLE);

    n = 3;
    assert_int_equal(RtmGetEnumRoutes(b, eb, &n, got), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 2);
    assert_ptr_equal(got[0], rb[0]);
    assert_ptr_equal(got[1], rb[1]);
    assert_int_equal(RtmReleaseRoutes(b, n, got), NO_ERROR);
    assert_int_equal(RtmDeleteEnumHandle(b, eb), NO_ERROR);

    assert_int_equal(RtmReleaseRoutes(b, 2, rb), NO_ERROR);
    release_hop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_enumerate_all_destinations),
        cmocka_unit_test(test_sample_enumerate_all_routes),
        cmocka_unit_test(test_dest_batches),
        cmocka_unit_test(test_route_batches),
        cmocka_unit_test(test_nexthop_batches),
        cmocka_unit_test(test_dest_positions),
        cmocka_unit_test(test_dest_views),
        cmocka_unit_test(test_dest_own),
        cmocka_unit_test(test_dest_protocol),
        cmocka_unit_test(test_dest_changes_between_calls),
        cmocka_unit_test(test_dest_errors),
        cmocka_unit_test(test_dest_ipv6),
        cmocka_unit_test(test_route_positions),
        cmocka_unit_test(test_route_order_and_changes),
        cmocka_unit_test(test_route_views_and_own),
        cmocka_unit_test(test_route_match),
        cmocka_unit_test(test_route_errors),
        cmocka_unit_test(test_nexthop_enum),
        cmocka_unit_test(test_nexthop_errors),
        cmocka_unit_test(test_delete_enum_handle),
        cmocka_unit_test(test_enum_and_deregistration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
