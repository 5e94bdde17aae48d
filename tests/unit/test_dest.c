/*
 * test_dest.c - destinations through the public API: RtmGetDestInfo,
 * RtmReleaseDestInfo, RtmGetExactMatchDestination,
 * RtmGetMostSpecificDestination, RtmGetLessSpecificDestination and
 * RtmLockDestination (spec/rtmv2/nf-rtmv2-rtmgetdestinfo.md and the pages
 * of the other functions; spec/rras/search-for-*.md for the usage).
 *
 * Every test uses its own RtmInstanceId (3100 and up), so the tables it
 * fills are its own, and deregisters every entity it registers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_test.h"

/* Protocol ids of the test entities (any values do). */
#define PROTO_A 8
#define PROTO_B 13
#define PROTO_NONE 99

/* Next hops an RTM_ROUTE_INFO buffer has room for: more than the
 * registration profile's MaxNextHopsInRoute. */
#define ROUTE_NEXTHOPS 16

/* ---- helpers ------------------------------------------------------------ */

static uint64_t filetime64(FILETIME ft)
{
    return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

/* An RTM_DEST_INFO buffer of exactly RTM_SIZE_OF_DEST_INFO(views) bytes,
 * filled with a pattern so that members the library forgets show up. */
static RTM_DEST_INFO *dest_info(unsigned views)
{
    size_t size = RTM_SIZE_OF_DEST_INFO(views);
    RTM_DEST_INFO *info = test_malloc(size);
    memset(info, 0xCC, size);
    return info;
}

/* An IPv6 prefix from its 16 bytes. */
static RTM_NET_ADDRESS ipv6_bytes(const unsigned char bytes[16], unsigned len)
{
    RTM_NET_ADDRESS addr;
    memset(&addr, 0, sizeof addr);
    addr.AddressFamily = AF_INET6;
    addr.NumBits = (USHORT)len;
    memcpy(addr.AddrBits, bytes, 16);
    return addr;
}

/* Checks that got is exactly the (canonical) prefix want: same family,
 * length and address bytes of the family's width. */
static void assert_prefix(const RTM_NET_ADDRESS *got, RTM_NET_ADDRESS want)
{
    size_t width = want.AddressFamily == AF_INET ? 4 : 16;
    assert_int_equal(got->AddressFamily, want.AddressFamily);
    assert_int_equal(got->NumBits, want.NumBits);
    assert_memory_equal(got->AddrBits, want.AddrBits, width);
}

static void release_route(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route)
{
    assert_int_equal(RtmReleaseRoutes(reg, 1, &route), NO_ERROR);
}

static void release_nexthop(RTM_ENTITY_HANDLE reg, RTM_NEXTHOP_HANDLE nexthop)
{
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nexthop), NO_ERROR);
}

/* The handle of the destination of exactly prefix (held: release it with
 * test_release_dest_handle). */
static RTM_DEST_HANDLE dest_handle(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix)
{
    RTM_DEST_INFO *info = dest_info(0);
    RTM_DEST_HANDLE handle;

    assert_int_equal(RtmGetExactMatchDestination(reg, &prefix, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_ANY, info),
                     NO_ERROR);
    assert_int_equal(info->NumberOfViews, 0);
    handle = info->DestHandle;
    assert_non_null(handle);
    test_free(info);
    return handle;
}

/* The prefix length RtmGetMostSpecificDestination finds for addr in
 * target views, or -1 for ERROR_NOT_FOUND; checks the found prefix is
 * want (when found). */
static void expect_most_specific(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr,
                                 RTM_VIEW_SET target, const RTM_NET_ADDRESS *want)
{
    RTM_DEST_INFO *info = dest_info(RTM_MAX_VIEWS);
    DWORD status = RtmGetMostSpecificDestination(reg, &addr, RTM_BEST_PROTOCOL, target, info);

    if (!want) {
        assert_int_equal(status, ERROR_NOT_FOUND);
    } else {
        assert_int_equal(status, NO_ERROR);
        assert_prefix(&info->DestAddress, *want);
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    }
    test_free(info);
}

static void expect_exact(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr, RTM_VIEW_SET target,
                         const RTM_NET_ADDRESS *want)
{
    RTM_DEST_INFO *info = dest_info(RTM_MAX_VIEWS);
    DWORD status = RtmGetExactMatchDestination(reg, &addr, RTM_BEST_PROTOCOL, target, info);

    if (!want) {
        assert_int_equal(status, ERROR_NOT_FOUND);
    } else {
        assert_int_equal(status, NO_ERROR);
        assert_prefix(&info->DestAddress, *want);
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    }
    test_free(info);
}

/* RtmGetLessSpecificDestination from the destination of prefix from. */
static void expect_less_specific(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS from,
                                 RTM_VIEW_SET target, const RTM_NET_ADDRESS *want)
{
    RTM_DEST_HANDLE start = dest_handle(reg, from);
    RTM_DEST_INFO *info = dest_info(RTM_MAX_VIEWS);
    DWORD status = RtmGetLessSpecificDestination(reg, start, RTM_BEST_PROTOCOL, target, info);

    if (!want) {
        assert_int_equal(status, ERROR_NOT_FOUND);
    } else {
        assert_int_equal(status, NO_ERROR);
        assert_prefix(&info->DestAddress, *want);
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    }
    assert_int_equal(test_release_dest_handle(reg, start, FALSE), NO_ERROR);
    test_free(info);
}

/* ---- RtmGetDestInfo -------------------------------------------------------- */

/*
 * Three routes to 10.0.0.0/8: A's unicast route (preference 10), A's
 * multicast route (preference 1, another neighbour) and B's route in both
 * views (preference 5). Unicast: 2 routes, best B's; multicast: 2 routes,
 * best A's multicast one.
 */
static void test_get_dest_info_views(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3101, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(3101, AF_INET, PROTO_B, 1, FALSE);
    RTM_NEXTHOP_HANDLE nha1 = test_add_nexthop(a, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nha2 = test_add_nexthop(a, test_ipv4(192, 168, 0, 2, 32), 1);
    RTM_NEXTHOP_HANDLE nhb = test_add_nexthop(b, test_ipv4(192, 168, 0, 3, 32), 2);
    RTM_NET_ADDRESS prefix = test_ipv4(10, 0, 0, 0, 8);
    RTM_ROUTE_HANDLE ra1 = test_add_route_views(a, prefix, nha1, 10, 1, RTM_VIEW_MASK_UCAST, NULL);
    RTM_ROUTE_HANDLE ra2 = test_add_route_views(a, prefix, nha2, 1, 1, RTM_VIEW_MASK_MCAST, NULL);
    RTM_ROUTE_HANDLE rb = test_add_route_views(b, prefix, nhb, 5, 1,
                                               RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST, NULL);
    RTM_DEST_HANDLE dest;
    RTM_DEST_INFO *info;
    (void)state;

    /* RTM_VIEW_MASK_ANY: the destination, no view information. */
    info = dest_info(0);
    assert_int_equal(RtmGetExactMatchDestination(a, &prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                                 info),
                     NO_ERROR);
    dest = info->DestHandle;
    assert_non_null(dest);
    assert_prefix(&info->DestAddress, prefix);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    assert_int_equal(info->NumberOfViews, 0);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    test_free(info);

    /* Keep a handle of our own to call RtmGetDestInfo with. */
    dest = dest_handle(a, prefix);

    info = dest_info(0);
    assert_int_equal(RtmGetDestInfo(b, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY, info), NO_ERROR);
    assert_ptr_equal(info->DestHandle, dest);
    assert_int_equal(info->NumberOfViews, 0);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    assert_int_equal(RtmReleaseDestInfo(b, info), NO_ERROR);
    test_free(info);

    /* Both views, in view-id order. */
    info = dest_info(2);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL,
                                    RTM_VIEW_MASK_MCAST | RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_ptr_equal(info->DestHandle, dest);
    assert_prefix(&info->DestAddress, prefix);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    assert_int_equal(info->NumberOfViews, 2);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 2);
    assert_ptr_equal(info->ViewInfo[0].Route, rb);
    assert_ptr_equal(info->ViewInfo[0].Owner, b);
    assert_null(info->ViewInfo[0].HoldRoute);
    assert_int_equal(info->ViewInfo[1].ViewId, RTM_VIEW_ID_MCAST);
    assert_int_equal(info->ViewInfo[1].NumRoutes, 2);
    assert_ptr_equal(info->ViewInfo[1].Route, ra2);
    assert_ptr_equal(info->ViewInfo[1].Owner, a);
    assert_null(info->ViewInfo[1].HoldRoute);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    test_free(info);

    /* The multicast view alone: one entry, for view 1. */
    info = dest_info(1);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_MCAST, info),
                     NO_ERROR);
    assert_int_equal(info->NumberOfViews, 1);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_MCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 2);
    assert_ptr_equal(info->ViewInfo[0].Route, ra2);
    assert_ptr_equal(info->ViewInfo[0].Owner, a);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    test_free(info);

    /* The unicast view alone. */
    info = dest_info(1);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_int_equal(info->NumberOfViews, 1);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 2);
    assert_ptr_equal(info->ViewInfo[0].Route, rb);
    assert_ptr_equal(info->ViewInfo[0].Owner, b);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    test_free(info);

    /* RTM_VIEW_MASK_ALL: the supported views (the profile says 2). */
    info = dest_info(2);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info),
                     NO_ERROR);
    assert_int_equal(info->NumberOfViews, 2);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[1].ViewId, RTM_VIEW_ID_MCAST);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    test_free(info);

    /* A's unicast route becomes the best (preference 1 < 5). */
    {
        RTM_ROUTE_INFO ri = test_route(nha1, 1, 1, RTM_VIEW_MASK_UCAST);
        RTM_ROUTE_HANDLE h = ra1;
        assert_int_equal(RtmAddRouteToDest(a, &h, &prefix, &ri, INFINITE, NULL, 0, NULL, NULL),
                         NO_ERROR);
    }
    info = dest_info(1);
    assert_int_equal(RtmGetDestInfo(b, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 2);
    assert_ptr_equal(info->ViewInfo[0].Route, ra1);
    assert_ptr_equal(info->ViewInfo[0].Owner, a);
    assert_int_equal(RtmReleaseDestInfo(b, info), NO_ERROR);
    test_free(info);

    /* Deleting B's route: one route left per view. */
    assert_int_equal(RtmDeleteRouteToDest(b, rb, NULL), NO_ERROR);
    info = dest_info(2);
    assert_int_equal(RtmGetDestInfo(b, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info), NO_ERROR);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 1);
    assert_ptr_equal(info->ViewInfo[0].Route, ra1);
    assert_int_equal(info->ViewInfo[1].NumRoutes, 1);
    assert_ptr_equal(info->ViewInfo[1].Route, ra2);
    assert_int_equal(RtmReleaseDestInfo(b, info), NO_ERROR);
    test_free(info);

    /* Without the multicast route, the destination leaves the multicast
     * view: no best route, no routes there. */
    assert_int_equal(RtmDeleteRouteToDest(a, ra2, NULL), NO_ERROR);
    info = dest_info(2);
    assert_int_equal(RtmGetDestInfo(b, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ALL, info), NO_ERROR);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_UCAST);
    assert_int_equal(info->NumberOfViews, 2);
    assert_int_equal(info->ViewInfo[1].ViewId, RTM_VIEW_ID_MCAST);
    assert_int_equal(info->ViewInfo[1].NumRoutes, 0);
    assert_null(info->ViewInfo[1].Route);
    assert_null(info->ViewInfo[1].Owner);
    assert_int_equal(RtmReleaseDestInfo(b, info), NO_ERROR);
    test_free(info);

    assert_int_equal(test_release_dest_handle(a, dest, FALSE), NO_ERROR);
    release_route(a, ra1);
    release_nexthop(a, nha1);
    release_nexthop(a, nha2);
    release_nexthop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Fetches the unicast view of dest for protocol and checks its best route
 * and owner. */
static void expect_protocol_best(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest, ULONG protocol,
                                 RTM_ROUTE_HANDLE route, RTM_ENTITY_HANDLE owner)
{
    RTM_DEST_INFO *info = dest_info(1);

    assert_int_equal(RtmGetDestInfo(reg, dest, protocol, RTM_VIEW_MASK_UCAST, info), NO_ERROR);
    assert_int_equal(info->NumberOfViews, 1);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 3);
    assert_ptr_equal(info->ViewInfo[0].Route, route);
    assert_ptr_equal(info->ViewInfo[0].Owner, owner);
    assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    test_free(info);
}

/*
 * ProtocolId chooses whose best route is returned: A (protocol 8,
 * preference 10), C (protocol 8 too, another instance, preference 7) and B
 * (protocol 13, preference 5).
 */
static void test_get_dest_info_protocol(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3102, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE c = test_register(3102, AF_INET, PROTO_A, 2, FALSE);
    RTM_ENTITY_HANDLE b = test_register(3102, AF_INET, PROTO_B, 1, FALSE);
    RTM_NEXTHOP_HANDLE nha = test_add_nexthop(a, test_ipv4(192, 168, 1, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nhc = test_add_nexthop(c, test_ipv4(192, 168, 1, 2, 32), 1);
    RTM_NEXTHOP_HANDLE nhb = test_add_nexthop(b, test_ipv4(192, 168, 1, 3, 32), 1);
    RTM_NET_ADDRESS prefix = test_ipv4(172, 16, 0, 0, 12);
    RTM_ROUTE_HANDLE ra = test_add_route(a, prefix, nha, 10, 1, NULL);
    RTM_ROUTE_HANDLE rc = test_add_route(c, prefix, nhc, 7, 1, NULL);
    RTM_ROUTE_HANDLE rb = test_add_route(b, prefix, nhb, 5, 1, NULL);
    RTM_DEST_HANDLE dest = dest_handle(a, prefix);
    RTM_NET_ADDRESS host = test_ipv4(172, 20, 1, 1, 32);
    RTM_DEST_INFO *info;
    (void)state;

    expect_protocol_best(a, dest, RTM_BEST_PROTOCOL, rb, b);
    expect_protocol_best(a, dest, PROTO_A, rc, c);
    expect_protocol_best(a, dest, PROTO_B, rb, b);
    /* RTM_THIS_PROTOCOL: the caller's protocol, not just the caller. */
    expect_protocol_best(a, dest, RTM_THIS_PROTOCOL, rc, c);
    expect_protocol_best(c, dest, RTM_THIS_PROTOCOL, rc, c);
    expect_protocol_best(b, dest, RTM_THIS_PROTOCOL, rb, b);
    /* No route of that protocol: no route, but still the route count. */
    expect_protocol_best(a, dest, PROTO_NONE, NULL, NULL);

    /* The protocol is not a search criterion of the look-ups. */
    info = dest_info(1);
    assert_int_equal(RtmGetMostSpecificDestination(a, &host, PROTO_NONE, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_ptr_equal(info->DestHandle, dest);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 3);
    assert_null(info->ViewInfo[0].Route);
    assert_null(info->ViewInfo[0].Owner);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    assert_int_equal(RtmGetMostSpecificDestination(a, &host, PROTO_A, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_ptr_equal(info->ViewInfo[0].Route, rc);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    assert_int_equal(RtmGetExactMatchDestination(b, &prefix, RTM_THIS_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     NO_ERROR);
    assert_ptr_equal(info->ViewInfo[0].Route, rb);
    assert_ptr_equal(info->ViewInfo[0].Owner, b);
    assert_int_equal(RtmReleaseDestInfo(b, info), NO_ERROR);
    test_free(info);

    /* C's route made inactive: A's is protocol 8's best now. */
    {
        RTM_ROUTE_INFO ri = test_route(nhc, 7, 1, RTM_VIEW_MASK_UCAST);
        ri.Flags = RTM_ROUTE_FLAGS_INACTIVE;
        assert_int_equal(RtmAddRouteToDest(c, &rc, &prefix, &ri, INFINITE, NULL, 0, NULL, NULL),
                         NO_ERROR);
    }
    expect_protocol_best(b, dest, PROTO_A, ra, a);
    expect_protocol_best(b, dest, RTM_BEST_PROTOCOL, rb, b);

    assert_int_equal(test_release_dest_handle(a, dest, FALSE), NO_ERROR);
    release_route(a, ra);
    release_route(c, rc);
    release_route(b, rb);
    release_nexthop(a, nha);
    release_nexthop(c, nhc);
    release_nexthop(b, nhb);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(c), NO_ERROR);
}

static uint64_t last_changed(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest)
{
    RTM_DEST_INFO *info = dest_info(1);
    uint64_t t;

    assert_int_equal(RtmGetDestInfo(reg, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    t = filetime64(info->LastChanged);
    assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    test_free(info);
    return t;
}

/* LastChanged stays while nothing changes and moves forward on each change
 * of the destination's routes. */
static void test_get_dest_info_last_changed(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3103, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh1 = test_add_nexthop(a, test_ipv4(192, 168, 2, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh2 = test_add_nexthop(a, test_ipv4(192, 168, 2, 2, 32), 1);
    RTM_NET_ADDRESS prefix = test_ipv4(10, 3, 0, 0, 16);
    RTM_ROUTE_HANDLE r1 = test_add_route(a, prefix, nh1, 10, 1, NULL);
    RTM_ROUTE_HANDLE r2;
    RTM_DEST_HANDLE dest = dest_handle(a, prefix);
    uint64_t t1, t2, t3, t4, t5;
    (void)state;

    t1 = last_changed(a, dest);
    /* 2000-01-01 in FILETIME units: a real time stamp. */
    assert_true(t1 > 125911584000000000ull);
    test_sleep_ms(40);
    t2 = last_changed(a, dest);
    assert_true(t2 == t1);

    /* An update of the route (new metric). */
    {
        RTM_ROUTE_INFO ri = test_route(nh1, 10, 2, RTM_VIEW_MASK_UCAST);
        assert_int_equal(RtmAddRouteToDest(a, &r1, &prefix, &ri, INFINITE, NULL, 0, NULL, NULL),
                         NO_ERROR);
    }
    t3 = last_changed(a, dest);
    assert_true(t3 > t2);
    test_sleep_ms(40);
    /* A second route. */
    r2 = test_add_route(a, prefix, nh2, 20, 1, NULL);
    t4 = last_changed(a, dest);
    assert_true(t4 > t3);
    test_sleep_ms(40);
    /* Deleting it. */
    assert_int_equal(RtmDeleteRouteToDest(a, r2, NULL), NO_ERROR);
    t5 = last_changed(a, dest);
    assert_true(t5 > t4);

    assert_int_equal(test_release_dest_handle(a, dest, FALSE), NO_ERROR);
    release_route(a, r1);
    release_nexthop(a, nh1);
    release_nexthop(a, nh2);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* RtmGetDestInfo: ERROR_INVALID_HANDLE for every kind of bad handle,
 * ERROR_INVALID_PARAMETER for a NULL DestInfo. */
static void test_get_dest_info_errors(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3104, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(3104, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE other = test_register(3105, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 3, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nho = test_add_nexthop(other, test_ipv4(192, 168, 3, 1, 32), 1);
    RTM_NET_ADDRESS prefix = test_ipv4(10, 4, 0, 0, 16);
    RTM_ROUTE_HANDLE route = test_add_route(a, prefix, nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE route_other = test_add_route(other, prefix, nho, 1, 1, NULL);
    RTM_DEST_HANDLE dest = dest_handle(a, prefix);
    RTM_DEST_HANDLE dest_other = dest_handle(other, prefix);
    RTM_DEST_INFO *info = dest_info(2);
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetDestInfo(NULL, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(gone, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo((RTM_ENTITY_HANDLE)dest, dest, RTM_BEST_PROTOCOL,
                                    RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(a, NULL, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(a, (RTM_DEST_HANDLE)(uintptr_t)0x1234, RTM_BEST_PROTOCOL,
                                    RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    /* Handles of other types. */
    assert_int_equal(RtmGetDestInfo(a, (RTM_DEST_HANDLE)route, RTM_BEST_PROTOCOL,
                                    RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(a, (RTM_DEST_HANDLE)nh, RTM_BEST_PROTOCOL,
                                    RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(a, (RTM_DEST_HANDLE)a, RTM_BEST_PROTOCOL,
                                    RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    /* The same prefix in another instance's table. */
    assert_true(dest_other != dest);
    assert_int_equal(RtmGetDestInfo(a, dest_other, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(other, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    /* And the right pairs work. */
    assert_int_equal(RtmGetDestInfo(other, dest_other, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_ptr_equal(info->ViewInfo[0].Route, route_other);
    assert_int_equal(RtmReleaseDestInfo(other, info), NO_ERROR);

    /* A stale destination handle: its routes deleted, its last handle
     * released. */
    assert_int_equal(RtmDeleteRouteToDest(a, route, NULL), NO_ERROR);
    assert_int_equal(test_release_dest_handle(a, dest, FALSE), NO_ERROR);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);

    test_free(info);
    assert_int_equal(test_release_dest_handle(other, dest_other, FALSE), NO_ERROR);
    release_route(other, route_other);
    release_nexthop(a, nh);
    release_nexthop(other, nho);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* ---- RtmReleaseDestInfo ---------------------------------------------------- */

static void test_release_dest_info(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3106, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(3106, AF_INET, PROTO_B, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 4, 1, 32), 1);
    RTM_NET_ADDRESS prefix = test_ipv4(10, 6, 0, 0, 16);
    RTM_ROUTE_HANDLE route = test_add_route(a, prefix, nh, 1, 1, NULL);
    RTM_DEST_INFO *info = dest_info(0), *held = dest_info(1), *again = dest_info(1);
    RTM_ROUTE_INFO *ri = test_malloc(RTM_SIZE_OF_ROUTE_INFO(ROUTE_NEXTHOPS));
    RTM_DEST_HANDLE dest;
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(a, NULL), ERROR_INVALID_PARAMETER);

    /* A structure without views holds only DestHandle: its second release
     * finds no reference left. */
    assert_int_equal(RtmGetExactMatchDestination(a, &prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                                 info),
                     NO_ERROR);
    /* Refused calls release nothing. */
    assert_int_equal(RtmReleaseDestInfo(NULL, info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseDestInfo(gone, info), ERROR_INVALID_HANDLE);
    info->NumberOfViews = 3;
    assert_int_equal(RtmReleaseDestInfo(a, info), ERROR_INVALID_PARAMETER);
    info->NumberOfViews = 0;
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(a, info), ERROR_INVALID_HANDLE);

    /* Handles of another table are refused, and stay held. */
    {
        RTM_ENTITY_HANDLE other = test_register(3117, AF_INET, PROTO_A, 1, FALSE);
        assert_int_equal(RtmGetExactMatchDestination(a, &prefix, RTM_BEST_PROTOCOL,
                                                     RTM_VIEW_MASK_ANY, info),
                         NO_ERROR);
        assert_int_equal(RtmReleaseDestInfo(other, info), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
        assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
    }

    /* A bad handle in the structure: the good ones are released all the
     * same. */
    {
        RTM_ENTITY_HANDLE owner;
        assert_int_equal(RtmGetExactMatchDestination(a, &prefix, RTM_BEST_PROTOCOL,
                                                     RTM_VIEW_MASK_UCAST, held),
                         NO_ERROR);
        assert_ptr_equal(held->ViewInfo[0].Route, route);
        owner = held->ViewInfo[0].Owner;
        assert_ptr_equal(owner, a);
        held->ViewInfo[0].Owner = (RTM_ENTITY_HANDLE)(uintptr_t)0x5678;
        assert_int_equal(RtmReleaseDestInfo(a, held), ERROR_INVALID_HANDLE);
        /* DestHandle and Route were released: the destination has no client
         * reference left, the route only the one of our own handle (which
         * we drop and take again: the route lives on in its destination). */
        assert_int_equal(test_release_dest_handle(a, held->DestHandle, FALSE),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseRoutes(a, 1, &route), NO_ERROR);
        assert_int_equal(RtmReleaseRoutes(a, 1, &route), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReferenceHandles(a, 1, &route), NO_ERROR);
        /* The owner's reference is still to be released. */
        memset(again, 0, RTM_SIZE_OF_DEST_INFO(1));
        again->NumberOfViews = 1;
        again->ViewInfo[0].Owner = owner;
        assert_int_equal(RtmReleaseDestInfo(a, again), NO_ERROR);
    }

    /* The handles in a structure keep the destination and its best route
     * alive after the route is deleted. */
    assert_int_equal(RtmGetExactMatchDestination(a, &prefix, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 held),
                     NO_ERROR);
    dest = held->DestHandle;
    assert_ptr_equal(held->ViewInfo[0].Route, route);
    assert_int_equal(RtmDeleteRouteToDest(a, route, NULL), NO_ERROR); /* releases our handle */
    expect_exact(a, prefix, RTM_VIEW_MASK_ANY, NULL);

    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, again),
                     NO_ERROR);
    assert_ptr_equal(again->DestHandle, dest);
    assert_prefix(&again->DestAddress, prefix);
    assert_int_equal(again->BelongsToViews, 0);
    assert_int_equal(again->NumberOfViews, 1);
    assert_int_equal(again->ViewInfo[0].NumRoutes, 0);
    assert_null(again->ViewInfo[0].Route);
    assert_int_equal(RtmReleaseDestInfo(a, again), NO_ERROR);

    assert_int_equal(RtmGetRouteInfo(a, held->ViewInfo[0].Route, ri, NULL), NO_ERROR);
    assert_int_equal(ri->State, RTM_ROUTE_STATE_DELETED);
    assert_int_equal(RtmReleaseRouteInfo(a, ri), NO_ERROR);

    /* The last references: both handles become stale. */
    assert_int_equal(RtmReleaseDestInfo(a, held), NO_ERROR);
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, again),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRouteInfo(a, route, ri, NULL), ERROR_INVALID_HANDLE);
    /* Releasing them again: the other handles are still tried. */
    assert_int_equal(RtmReleaseDestInfo(a, held), ERROR_INVALID_HANDLE);

    test_free(ri);
    test_free(info);
    test_free(held);
    test_free(again);
    release_nexthop(a, nh);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* ---- the look-ups ------------------------------------------------------------ */

static void test_exact_match(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3107, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(3107, AF_INET, PROTO_B, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 5, 1, 32), 1);
    RTM_NET_ADDRESS p8 = test_ipv4(10, 0, 0, 0, 8), p16 = test_ipv4(10, 1, 0, 0, 16),
                    p24 = test_ipv4(10, 1, 2, 0, 24), p0 = test_ipv4(0, 0, 0, 0, 0);
    RTM_ROUTE_HANDLE r8 = test_add_route(a, p8, nh, 1, 8, NULL);
    RTM_ROUTE_HANDLE r16 = test_add_route(a, p16, nh, 1, 16, NULL);
    RTM_ROUTE_HANDLE r24 = test_add_route(a, p24, nh, 1, 24, NULL);
    RTM_ROUTE_HANDLE r0;
    RTM_DEST_INFO *info = dest_info(1);
    RTM_NET_ADDRESS bad;
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    assert_int_equal(RtmGetExactMatchDestination(a, &p16, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     NO_ERROR);
    assert_prefix(&info->DestAddress, p16);
    assert_int_equal(info->BelongsToViews, RTM_VIEW_MASK_UCAST);
    assert_int_equal(info->NumberOfViews, 1);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 1);
    assert_ptr_equal(info->ViewInfo[0].Route, r16);
    assert_ptr_equal(info->ViewInfo[0].Owner, a);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);

    expect_exact(a, p8, RTM_VIEW_MASK_UCAST, &p8);
    expect_exact(a, p24, RTM_VIEW_MASK_UCAST, &p24);
    /* Only the exact prefix counts: neither shorter nor longer ones. */
    expect_exact(a, test_ipv4(10, 1, 2, 0, 23), RTM_VIEW_MASK_UCAST, NULL);
    expect_exact(a, test_ipv4(10, 1, 2, 0, 25), RTM_VIEW_MASK_UCAST, NULL);
    expect_exact(a, test_ipv4(10, 1, 2, 1, 32), RTM_VIEW_MASK_UCAST, NULL);
    expect_exact(a, test_ipv4(11, 0, 0, 0, 8), RTM_VIEW_MASK_UCAST, NULL);
    expect_exact(a, p0, RTM_VIEW_MASK_UCAST, NULL);
    expect_exact(a, p0, RTM_VIEW_MASK_ANY, NULL);
    /* Bits past NumBits are ignored. */
    expect_exact(a, test_ipv4(10, 1, 99, 99, 16), RTM_VIEW_MASK_UCAST, &p16);
    expect_exact(a, test_ipv4(10, 255, 255, 255, 8), RTM_VIEW_MASK_ANY, &p8);

    /* The default route is a destination like any other. */
    r0 = test_add_route(a, p0, nh, 1, 0, NULL);
    expect_exact(a, p0, RTM_VIEW_MASK_UCAST, &p0);
    expect_exact(a, test_ipv4(1, 2, 3, 4, 0), RTM_VIEW_MASK_UCAST, &p0);

    /* Errors. */
    assert_int_equal(RtmGetExactMatchDestination(NULL, &p8, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetExactMatchDestination(gone, &p8, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetExactMatchDestination((RTM_ENTITY_HANDLE)r8, &p8, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetExactMatchDestination(a, NULL, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetExactMatchDestination(a, &p8, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 NULL),
                     ERROR_INVALID_PARAMETER);
    bad = p8;
    bad.NumBits = 33;
    assert_int_equal(RtmGetExactMatchDestination(a, &bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_PARAMETER);
    bad.NumBits = 0xFFFF;
    assert_int_equal(RtmGetExactMatchDestination(a, &bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_PARAMETER);
    bad = p8;
    bad.AddressFamily = AF_INET6;
    assert_int_equal(RtmGetExactMatchDestination(a, &bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_PARAMETER);
    bad.AddressFamily = 0;
    assert_int_equal(RtmGetExactMatchDestination(a, &bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_PARAMETER);
    bad.AddressFamily = 0x1234;
    assert_int_equal(RtmGetExactMatchDestination(a, &bad, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     ERROR_INVALID_PARAMETER);
    /* The full width is fine. */
    bad = test_ipv4(10, 1, 2, 3, 32);
    expect_exact(a, bad, RTM_VIEW_MASK_UCAST, NULL);

    test_free(info);
    release_route(a, r0);
    release_route(a, r8);
    release_route(a, r16);
    release_route(a, r24);
    release_nexthop(a, nh);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* The sample "Search For the Best Route": longest match, then the best
 * unicast route's information. */
static void search_best_route(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr,
                              RTM_ROUTE_HANDLE want_route, ULONG want_metric)
{
    RTM_DEST_INFO *info = dest_info(1);
    RTM_ROUTE_INFO *ri = test_malloc(RTM_SIZE_OF_ROUTE_INFO(ROUTE_NEXTHOPS));
    RTM_NET_ADDRESS where;

    assert_int_equal(RtmGetMostSpecificDestination(reg, &addr, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_ptr_equal(info->ViewInfo[0].Route, want_route);
    assert_int_equal(RtmGetRouteInfo(reg, info->ViewInfo[0].Route, ri, &where), NO_ERROR);
    assert_int_equal(ri->PrefInfo.Metric, want_metric);
    assert_ptr_equal(ri->DestHandle, info->DestHandle);
    assert_prefix(&where, info->DestAddress);
    assert_int_equal(RtmReleaseRouteInfo(reg, ri), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    test_free(ri);
    test_free(info);
}

static void test_most_specific(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3108, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(3108, AF_INET, PROTO_B, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 6, 1, 32), 1);
    RTM_NET_ADDRESS p8 = test_ipv4(10, 0, 0, 0, 8), p16 = test_ipv4(10, 1, 0, 0, 16),
                    p24 = test_ipv4(10, 1, 2, 0, 24), p25 = test_ipv4(10, 1, 2, 128, 25),
                    p32 = test_ipv4(10, 1, 2, 3, 32), p0 = test_ipv4(0, 0, 0, 0, 0);
    RTM_ROUTE_HANDLE r8 = test_add_route(a, p8, nh, 1, 8, NULL);
    RTM_ROUTE_HANDLE r16 = test_add_route(a, p16, nh, 1, 16, NULL);
    RTM_ROUTE_HANDLE r24 = test_add_route(a, p24, nh, 1, 24, NULL);
    RTM_ROUTE_HANDLE r25 = test_add_route(a, p25, nh, 1, 25, NULL);
    RTM_ROUTE_HANDLE r32 = test_add_route(a, p32, nh, 1, 32, NULL);
    RTM_ROUTE_HANDLE r0;
    RTM_DEST_INFO *info = dest_info(1);
    RTM_NET_ADDRESS bad;
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    expect_most_specific(a, test_ipv4(10, 1, 2, 3, 32), RTM_VIEW_MASK_UCAST, &p32);
    expect_most_specific(a, test_ipv4(10, 1, 2, 4, 32), RTM_VIEW_MASK_UCAST, &p24);
    expect_most_specific(a, test_ipv4(10, 1, 2, 127, 32), RTM_VIEW_MASK_UCAST, &p24);
    expect_most_specific(a, test_ipv4(10, 1, 2, 128, 32), RTM_VIEW_MASK_UCAST, &p25);
    expect_most_specific(a, test_ipv4(10, 1, 2, 255, 32), RTM_VIEW_MASK_UCAST, &p25);
    expect_most_specific(a, test_ipv4(10, 1, 3, 1, 32), RTM_VIEW_MASK_UCAST, &p16);
    expect_most_specific(a, test_ipv4(10, 2, 0, 1, 32), RTM_VIEW_MASK_UCAST, &p8);
    expect_most_specific(a, test_ipv4(10, 255, 255, 255, 32), RTM_VIEW_MASK_UCAST, &p8);
    /* A prefix that is stored is its own most specific destination... */
    expect_most_specific(a, p24, RTM_VIEW_MASK_UCAST, &p24);
    expect_most_specific(a, p8, RTM_VIEW_MASK_UCAST, &p8);
    /* ... and nothing longer than the given NumBits matches. */
    expect_most_specific(a, test_ipv4(10, 1, 2, 0, 23), RTM_VIEW_MASK_UCAST, &p16);
    expect_most_specific(a, test_ipv4(10, 1, 2, 200, 24), RTM_VIEW_MASK_UCAST, &p24);
    expect_most_specific(a, test_ipv4(10, 1, 0, 0, 12), RTM_VIEW_MASK_UCAST, &p8);
    expect_most_specific(a, test_ipv4(10, 1, 2, 3, 31), RTM_VIEW_MASK_UCAST, &p24);
    /* Nothing covers these. */
    expect_most_specific(a, test_ipv4(11, 0, 0, 1, 32), RTM_VIEW_MASK_UCAST, NULL);
    expect_most_specific(a, test_ipv4(9, 255, 255, 255, 32), RTM_VIEW_MASK_ANY, NULL);
    expect_most_specific(a, test_ipv4(10, 0, 0, 0, 7), RTM_VIEW_MASK_UCAST, NULL);
    expect_most_specific(a, p0, RTM_VIEW_MASK_UCAST, NULL);

    search_best_route(a, test_ipv4(10, 1, 2, 200, 32), r25, 25);
    search_best_route(a, test_ipv4(10, 9, 9, 9, 32), r8, 8);

    /* With a default route, everything has a match. */
    r0 = test_add_route(a, p0, nh, 1, 0, NULL);
    expect_most_specific(a, test_ipv4(11, 0, 0, 1, 32), RTM_VIEW_MASK_UCAST, &p0);
    expect_most_specific(a, test_ipv4(10, 0, 0, 0, 7), RTM_VIEW_MASK_UCAST, &p0);
    expect_most_specific(a, p0, RTM_VIEW_MASK_UCAST, &p0);
    expect_most_specific(a, test_ipv4(10, 1, 2, 3, 32), RTM_VIEW_MASK_UCAST, &p32);
    search_best_route(a, test_ipv4(255, 255, 255, 255, 32), r0, 0);

    /* Deleting the /24: its addresses fall back to the /16. */
    assert_int_equal(RtmDeleteRouteToDest(a, r24, NULL), NO_ERROR);
    expect_most_specific(a, test_ipv4(10, 1, 2, 4, 32), RTM_VIEW_MASK_UCAST, &p16);
    expect_most_specific(a, test_ipv4(10, 1, 2, 3, 32), RTM_VIEW_MASK_UCAST, &p32);
    expect_most_specific(a, test_ipv4(10, 1, 2, 129, 32), RTM_VIEW_MASK_UCAST, &p25);

    /* Errors. */
    assert_int_equal(RtmGetMostSpecificDestination(NULL, &p8, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetMostSpecificDestination(gone, &p8, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetMostSpecificDestination((RTM_ENTITY_HANDLE)nh, &p8, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetMostSpecificDestination(a, NULL, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetMostSpecificDestination(a, &p8, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, NULL),
                     ERROR_INVALID_PARAMETER);
    bad = test_ipv4(10, 1, 2, 3, 33);
    assert_int_equal(RtmGetMostSpecificDestination(a, &bad, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    bad = test_ipv4(10, 1, 2, 3, 128);
    assert_int_equal(RtmGetMostSpecificDestination(a, &bad, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    bad = test_ipv4(10, 1, 2, 3, 32);
    bad.AddressFamily = AF_INET6;
    assert_int_equal(RtmGetMostSpecificDestination(a, &bad, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    bad.AddressFamily = 7;
    assert_int_equal(RtmGetMostSpecificDestination(a, &bad, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);

    test_free(info);
    release_route(a, r0);
    release_route(a, r8);
    release_route(a, r16);
    release_route(a, r25);
    release_route(a, r32);
    release_nexthop(a, nh);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/*
 * Walks up the prefix tree from addr as the sample "Search for Routes
 * Using a Prefix Tree" does (two buffers used in turn). Records the prefix
 * lengths met in lens; returns how many, and the status that ended the
 * walk in *end.
 */
static unsigned walk_up(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr, RTM_VIEW_SET views,
                        USHORT *lens, unsigned max, DWORD *end, int *exact)
{
    RTM_DEST_INFO *info1 = dest_info(1), *info2 = dest_info(1);
    unsigned n = 0;
    DWORD status;

    *exact = 0;
    status = RtmGetMostSpecificDestination(reg, &addr, RTM_BEST_PROTOCOL, views, info1);
    if (status == NO_ERROR) {
        assert_true(n < max);
        lens[n++] = info1->DestAddress.NumBits;
        if (info1->DestAddress.NumBits == addr.NumBits)
            *exact = 1;
    }
    while (status == NO_ERROR) {
        status = RtmGetLessSpecificDestination(reg, info1->DestHandle, RTM_BEST_PROTOCOL, views,
                                               info2);
        assert_int_equal(RtmReleaseDestInfo(reg, info1), NO_ERROR);
        if (status != NO_ERROR)
            break;
        assert_true(n < max);
        lens[n++] = info2->DestAddress.NumBits;

        status = RtmGetLessSpecificDestination(reg, info2->DestHandle, RTM_BEST_PROTOCOL, views,
                                               info1);
        assert_int_equal(RtmReleaseDestInfo(reg, info2), NO_ERROR);
        if (status != NO_ERROR)
            break;
        assert_true(n < max);
        lens[n++] = info1->DestAddress.NumBits;
    }
    *end = status;
    test_free(info1);
    test_free(info2);
    return n;
}

static void test_less_specific(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3109, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(3109, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE other = test_register(3110, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 7, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nho = test_add_nexthop(other, test_ipv4(192, 168, 7, 1, 32), 1);
    RTM_NET_ADDRESS p8 = test_ipv4(10, 0, 0, 0, 8), p16 = test_ipv4(10, 1, 0, 0, 16),
                    p24 = test_ipv4(10, 1, 2, 0, 24), p32 = test_ipv4(10, 1, 2, 3, 32),
                    p0 = test_ipv4(0, 0, 0, 0, 0);
    RTM_ROUTE_HANDLE r8 = test_add_route(a, p8, nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE r16 = test_add_route(a, p16, nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE r24 = test_add_route(a, p24, nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE r32 = test_add_route(a, p32, nh, 1, 1, NULL);
    /* Not on the way up from 10.1.2.3. */
    RTM_ROUTE_HANDLE rs1 = test_add_route(a, test_ipv4(10, 1, 2, 128, 25), nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE rs2 = test_add_route(a, test_ipv4(10, 1, 3, 0, 24), nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE rs3 = test_add_route(a, test_ipv4(10, 128, 0, 0, 9), nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE ro = test_add_route(other, p8, nho, 1, 1, NULL);
    RTM_ROUTE_HANDLE r0;
    RTM_DEST_HANDLE d24, d8, dother;
    RTM_DEST_INFO *info = dest_info(1);
    USHORT lens[16];
    DWORD end;
    int exact;
    unsigned n;
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Without a default route the walk ends after 10.0.0.0/8. */
    n = walk_up(a, test_ipv4(10, 1, 2, 3, 32), RTM_VIEW_MASK_UCAST, lens, 16, &end, &exact);
    assert_int_equal(end, ERROR_NOT_FOUND);
    assert_true(exact);
    assert_int_equal(n, 4);
    assert_int_equal(lens[0], 32);
    assert_int_equal(lens[1], 24);
    assert_int_equal(lens[2], 16);
    assert_int_equal(lens[3], 8);

    /* With one, after the default route. */
    r0 = test_add_route(a, p0, nh, 1, 1, NULL);
    n = walk_up(a, test_ipv4(10, 1, 2, 3, 32), RTM_VIEW_MASK_UCAST, lens, 16, &end, &exact);
    assert_int_equal(end, ERROR_NOT_FOUND);
    assert_int_equal(n, 5);
    assert_int_equal(lens[0], 32);
    assert_int_equal(lens[1], 24);
    assert_int_equal(lens[2], 16);
    assert_int_equal(lens[3], 8);
    assert_int_equal(lens[4], 0);
    n = walk_up(a, test_ipv4(10, 1, 2, 200, 32), RTM_VIEW_MASK_UCAST, lens, 16, &end, &exact);
    assert_int_equal(end, ERROR_NOT_FOUND);
    assert_false(exact);
    assert_int_equal(n, 5);
    assert_int_equal(lens[0], 25);
    assert_int_equal(lens[1], 24);
    assert_int_equal(lens[4], 0);
    n = walk_up(a, test_ipv4(10, 200, 0, 1, 32), RTM_VIEW_MASK_UCAST, lens, 16, &end, &exact);
    assert_int_equal(end, ERROR_NOT_FOUND);
    assert_int_equal(n, 3);
    assert_int_equal(lens[0], 9);
    assert_int_equal(lens[1], 8);
    assert_int_equal(lens[2], 0);
    n = walk_up(a, test_ipv4(10, 64, 0, 1, 32), RTM_VIEW_MASK_UCAST, lens, 16, &end, &exact);
    assert_int_equal(end, ERROR_NOT_FOUND);
    assert_int_equal(n, 2);
    assert_int_equal(lens[0], 8);
    assert_int_equal(lens[1], 0);
    n = walk_up(a, test_ipv4(11, 0, 0, 1, 32), RTM_VIEW_MASK_UCAST, lens, 16, &end, &exact);
    assert_int_equal(end, ERROR_NOT_FOUND);
    assert_int_equal(n, 1);
    assert_int_equal(lens[0], 0);

    expect_less_specific(a, p32, RTM_VIEW_MASK_UCAST, &p24);
    expect_less_specific(a, p24, RTM_VIEW_MASK_ANY, &p16);
    expect_less_specific(a, p8, RTM_VIEW_MASK_UCAST, &p0);
    expect_less_specific(a, p0, RTM_VIEW_MASK_UCAST, NULL);
    expect_less_specific(a, p0, RTM_VIEW_MASK_ANY, NULL);

    /* The information returned is the less specific destination's. */
    d24 = dest_handle(a, p24);
    assert_int_equal(RtmGetLessSpecificDestination(a, d24, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                   info),
                     NO_ERROR);
    assert_prefix(&info->DestAddress, p16);
    assert_int_equal(info->NumberOfViews, 1);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 1);
    assert_ptr_equal(info->ViewInfo[0].Route, r16);
    assert_ptr_equal(info->ViewInfo[0].Owner, a);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);

    /* From a destination deleted since its handle was obtained. */
    assert_int_equal(RtmDeleteRouteToDest(a, r24, NULL), NO_ERROR);
    expect_exact(a, p24, RTM_VIEW_MASK_ANY, NULL);
    assert_int_equal(RtmGetLessSpecificDestination(a, d24, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                   info),
                     NO_ERROR);
    assert_prefix(&info->DestAddress, p16);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    /* And the walk from 10.1.2.3 now skips it. */
    expect_less_specific(a, p32, RTM_VIEW_MASK_UCAST, &p16);

    /* Errors. */
    d8 = dest_handle(a, p8);
    dother = dest_handle(other, p8);
    assert_int_equal(RtmGetLessSpecificDestination(a, d8, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                   NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetLessSpecificDestination(NULL, d8, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetLessSpecificDestination(gone, d8, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetLessSpecificDestination(a, NULL, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetLessSpecificDestination(a, (RTM_DEST_HANDLE)r8, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetLessSpecificDestination(a, (RTM_DEST_HANDLE)(uintptr_t)0x4321,
                                                   RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetLessSpecificDestination(a, dother, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    /* The other table has no default route. */
    assert_int_equal(RtmGetLessSpecificDestination(other, dother, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_NOT_FOUND);

    assert_int_equal(test_release_dest_handle(a, d24, FALSE), NO_ERROR);
    /* d24 was the last reference of the deleted destination. */
    assert_int_equal(RtmGetLessSpecificDestination(a, d24, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                   info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(test_release_dest_handle(a, d8, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(other, dother, FALSE), NO_ERROR);
    test_free(info);
    release_route(a, r0);
    release_route(a, r8);
    release_route(a, r16);
    release_route(a, r32);
    release_route(a, rs1);
    release_route(a, rs2);
    release_route(a, rs3);
    release_route(other, ro);
    release_nexthop(a, nh);
    release_nexthop(other, nho);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/*
 * Views: 10.0.0.0/8 unicast, 10.1.0.0/16 multicast only, 10.1.2.0/24 both,
 * 10.1.2.3/32 multicast only. A look-up passes over destinations outside
 * its target views.
 */
static void test_views_filtering(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3111, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 8, 1, 32), 1);
    RTM_NET_ADDRESS p8 = test_ipv4(10, 0, 0, 0, 8), p16 = test_ipv4(10, 1, 0, 0, 16),
                    p24 = test_ipv4(10, 1, 2, 0, 24), p32 = test_ipv4(10, 1, 2, 3, 32);
    const RTM_VIEW_SET U = RTM_VIEW_MASK_UCAST, M = RTM_VIEW_MASK_MCAST;
    RTM_ROUTE_HANDLE r8 = test_add_route_views(a, p8, nh, 1, 1, U, NULL);
    RTM_ROUTE_HANDLE r16 = test_add_route_views(a, p16, nh, 1, 1, M, NULL);
    RTM_ROUTE_HANDLE r24 = test_add_route_views(a, p24, nh, 1, 1, U | M, NULL);
    RTM_ROUTE_HANDLE r32 = test_add_route_views(a, p32, nh, 1, 1, M, NULL);
    RTM_DEST_INFO *info = dest_info(2);
    RTM_NET_ADDRESS host = test_ipv4(10, 1, 2, 3, 32), other_host = test_ipv4(10, 1, 9, 9, 32);
    (void)state;

    expect_most_specific(a, host, U, &p24);
    expect_most_specific(a, host, M, &p32);
    expect_most_specific(a, host, U | M, &p32);
    expect_most_specific(a, host, RTM_VIEW_MASK_ANY, &p32);
    expect_most_specific(a, host, RTM_VIEW_MASK_ALL, &p32);
    expect_most_specific(a, other_host, U, &p8);
    expect_most_specific(a, other_host, M, &p16);
    expect_most_specific(a, test_ipv4(10, 9, 9, 9, 32), M, NULL);
    expect_most_specific(a, test_ipv4(10, 9, 9, 9, 32), U, &p8);

    expect_exact(a, p16, U, NULL);
    expect_exact(a, p16, M, &p16);
    expect_exact(a, p16, RTM_VIEW_MASK_ANY, &p16);
    expect_exact(a, p32, U, NULL);
    expect_exact(a, p8, M, NULL);
    expect_exact(a, p24, U, &p24);
    expect_exact(a, p24, M, &p24);

    expect_less_specific(a, p32, U, &p24);
    expect_less_specific(a, p24, U, &p8);
    expect_less_specific(a, p24, M, &p16);
    expect_less_specific(a, p24, RTM_VIEW_MASK_ANY, &p16);
    expect_less_specific(a, p16, M, NULL);
    expect_less_specific(a, p16, U, &p8);
    expect_less_specific(a, p8, U, NULL);

    /* Both views of a multicast-only destination. */
    assert_int_equal(RtmGetExactMatchDestination(a, &p16, RTM_BEST_PROTOCOL, U | M, info), NO_ERROR);
    assert_int_equal(info->BelongsToViews, M);
    assert_int_equal(info->NumberOfViews, 2);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 0);
    assert_null(info->ViewInfo[0].Route);
    assert_null(info->ViewInfo[0].Owner);
    assert_int_equal(info->ViewInfo[1].ViewId, RTM_VIEW_ID_MCAST);
    assert_int_equal(info->ViewInfo[1].NumRoutes, 1);
    assert_ptr_equal(info->ViewInfo[1].Route, r16);
    assert_ptr_equal(info->ViewInfo[1].Owner, a);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);

    /* The /16 route joins the unicast view: unicast look-ups find it. */
    {
        RTM_ROUTE_INFO ri = test_route(nh, 1, 1, U | M);
        assert_int_equal(RtmAddRouteToDest(a, &r16, &p16, &ri, INFINITE, NULL, 0, NULL, NULL),
                         NO_ERROR);
    }
    expect_most_specific(a, other_host, U, &p16);
    expect_exact(a, p16, U, &p16);
    expect_less_specific(a, p24, U, &p16);
    /* And the /24 leaves it. */
    {
        RTM_ROUTE_INFO ri = test_route(nh, 1, 1, M);
        assert_int_equal(RtmAddRouteToDest(a, &r24, &p24, &ri, INFINITE, NULL, 0, NULL, NULL),
                         NO_ERROR);
    }
    expect_most_specific(a, host, U, &p16);
    expect_exact(a, p24, U, NULL);
    expect_less_specific(a, p32, U, &p16);
    expect_less_specific(a, p32, M, &p24);

    test_free(info);
    release_route(a, r8);
    release_route(a, r16);
    release_route(a, r24);
    release_route(a, r32);
    release_nexthop(a, nh);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

/* ---- RtmLockDestination -------------------------------------------------- */

struct lock_probe {
    RTM_ENTITY_HANDLE reg;
    RTM_DEST_HANDLE dest;
    RTM_NEXTHOP_HANDLE nexthop;  /* for a writer probe */
    RTM_NET_ADDRESS prefix;
    int write;                   /* 0: RtmGetDestInfo, 1: RtmAddRouteToDest */
    int done;                    /* set (atomically) when the call returned */
    DWORD status;
};

static void lock_probe_thread(void *arg)
{
    struct lock_probe *p = arg;
    DWORD status;

    if (p->write) {
        RTM_ROUTE_INFO ri = test_route(p->nexthop, 3, 3, RTM_VIEW_MASK_UCAST);
        status = RtmAddRouteToDest(p->reg, NULL, &p->prefix, &ri, INFINITE, NULL, 0, NULL, NULL);
    } else {
        RTM_DEST_INFO info[2]; /* room for one view */
        status = RtmGetDestInfo(p->reg, p->dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info);
        if (status == NO_ERROR)
            status = RtmReleaseDestInfo(p->reg, info);
    }
    p->status = status;
    __atomic_store_n(&p->done, 1, __ATOMIC_SEQ_CST);
}

/* Starts a probe while the caller holds the destination's lock; returns
 * whether it completed within wait_ms milliseconds. */
static int probe_completes(struct lock_probe *p, test_thread *thread, int wait_ms)
{
    __atomic_store_n(&p->done, 0, __ATOMIC_SEQ_CST);
    p->status = 0xFFFFFFFF;
    test_thread_start(thread, lock_probe_thread, p);
    for (int i = 0; i < wait_ms / 10; i++) {
        if (__atomic_load_n(&p->done, __ATOMIC_SEQ_CST))
            return 1;
        test_sleep_ms(10);
    }
    return __atomic_load_n(&p->done, __ATOMIC_SEQ_CST);
}

static void test_lock_destination(void **state)
{
    RTM_ENTITY_HANDLE a = test_register(3112, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE b = test_register(3112, AF_INET, PROTO_B, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(3112, AF_INET, PROTO_NONE, 1, FALSE);
    RTM_ENTITY_HANDLE other = test_register(3113, AF_INET, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 9, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nhb = test_add_nexthop(b, test_ipv4(192, 168, 9, 2, 32), 1);
    RTM_NEXTHOP_HANDLE nho = test_add_nexthop(other, test_ipv4(192, 168, 9, 1, 32), 1);
    RTM_NET_ADDRESS prefix = test_ipv4(10, 12, 0, 0, 16);
    RTM_ROUTE_HANDLE route = test_add_route(a, prefix, nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE ro = test_add_route(other, prefix, nho, 1, 1, NULL);
    RTM_DEST_HANDLE dest = dest_handle(a, prefix);
    RTM_DEST_HANDLE dother = dest_handle(other, prefix);
    struct lock_probe probe;
    test_thread thread;
    RTM_DEST_INFO *info = dest_info(1);
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Unlocking what is not locked. */
    assert_int_equal(RtmLockDestination(a, dest, TRUE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockDestination(a, dest, FALSE, FALSE), ERROR_INVALID_PARAMETER);

    /* Shared. */
    assert_int_equal(RtmLockDestination(a, dest, FALSE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(a, dest, TRUE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockDestination(a, dest, FALSE, FALSE), NO_ERROR);
    assert_int_equal(RtmLockDestination(a, dest, FALSE, FALSE), ERROR_INVALID_PARAMETER);

    /* Exclusive. */
    assert_int_equal(RtmLockDestination(a, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(a, dest, FALSE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockDestination(a, dest, TRUE, FALSE), NO_ERROR);
    assert_int_equal(RtmLockDestination(a, dest, TRUE, FALSE), ERROR_INVALID_PARAMETER);

    /* Any entity of the table may lock it (to guard its opaque pointer),
     * not only the owner of its routes. */
    assert_int_equal(RtmLockDestination(b, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(b, dest, TRUE, FALSE), NO_ERROR);

    /* Bad handles. */
    assert_int_equal(RtmLockDestination(NULL, dest, TRUE, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(gone, dest, TRUE, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(a, NULL, TRUE, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(a, (RTM_DEST_HANDLE)route, TRUE, TRUE),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(a, (RTM_DEST_HANDLE)(uintptr_t)0x777, FALSE, TRUE),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(a, dother, TRUE, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(other, dest, FALSE, TRUE), ERROR_INVALID_HANDLE);
    /* None of these locked anything. */
    assert_int_equal(RtmLockDestination(a, dest, TRUE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockDestination(a, dest, FALSE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockDestination(other, dother, TRUE, FALSE), ERROR_INVALID_PARAMETER);

    /* Held exclusively, the destination is out of reach of readers and
     * writers of other threads until it is unlocked. */
    memset(&probe, 0, sizeof probe);
    probe.reg = b;
    probe.dest = dest;
    probe.nexthop = nhb;
    probe.prefix = prefix;
    assert_int_equal(RtmLockDestination(a, dest, TRUE, TRUE), NO_ERROR);
    assert_false(probe_completes(&probe, &thread, 150));
    assert_int_equal(RtmLockDestination(a, dest, TRUE, FALSE), NO_ERROR);
    test_thread_join(thread);
    assert_true(__atomic_load_n(&probe.done, __ATOMIC_SEQ_CST));
    assert_int_equal(probe.status, NO_ERROR);

    probe.write = 1;
    assert_int_equal(RtmLockDestination(a, dest, TRUE, TRUE), NO_ERROR);
    assert_false(probe_completes(&probe, &thread, 150));
    assert_int_equal(RtmLockDestination(a, dest, TRUE, FALSE), NO_ERROR);
    test_thread_join(thread);
    assert_int_equal(probe.status, NO_ERROR);

    /* Held shared, readers go on but writers wait. */
    probe.write = 0;
    assert_int_equal(RtmLockDestination(a, dest, FALSE, TRUE), NO_ERROR);
    assert_true(probe_completes(&probe, &thread, 10000));
    test_thread_join(thread);
    assert_int_equal(probe.status, NO_ERROR);
    probe.write = 1;
    assert_false(probe_completes(&probe, &thread, 150));
    assert_int_equal(RtmLockDestination(a, dest, FALSE, FALSE), NO_ERROR);
    test_thread_join(thread);
    assert_int_equal(probe.status, NO_ERROR);

    /* B's route is there (added by the writer probes, once). */
    assert_int_equal(RtmGetDestInfo(a, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 2);
    assert_ptr_equal(info->ViewInfo[0].Route, route);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);

    test_free(info);
    assert_int_equal(test_release_dest_handle(a, dest, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(other, dother, FALSE), NO_ERROR);
    release_route(a, route);
    release_route(other, ro);
    release_nexthop(a, nh);
    release_nexthop(b, nhb);
    release_nexthop(other, nho);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* ---- several tables, both families ------------------------------------------ */

static void test_instances_and_families(void **state)
{
    static const unsigned char db8[16] = { 0x20, 0x01, 0x0d, 0xb8 };
    static const unsigned char db8_1[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01 };
    static const unsigned char db8_1_host[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0,
                                                  0,    0,    0,    0,    0,    0,    0, 5 };
    /* The same entity id in two instances and two families. */
    RTM_ENTITY_HANDLE v4a = test_register(3114, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE v4b = test_register(3115, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE v6a = test_register(3114, AF_INET6, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh4a = test_add_nexthop(v4a, test_ipv4(192, 168, 10, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh4b = test_add_nexthop(v4b, test_ipv4(192, 168, 10, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh6 = test_add_nexthop(v6a, test_ipv6(0xfe80, 0, 1, 128), 1);
    RTM_NET_ADDRESS p8 = test_ipv4(10, 0, 0, 0, 8), p16 = test_ipv4(10, 1, 0, 0, 16);
    RTM_NET_ADDRESS v6_32 = ipv6_bytes(db8, 32), v6_48 = ipv6_bytes(db8_1, 48);
    RTM_NET_ADDRESS v6_host = ipv6_bytes(db8_1_host, 128), v6_long = v6_host;
    RTM_ROUTE_HANDLE r4a8 = test_add_route(v4a, p8, nh4a, 1, 1, NULL);
    RTM_ROUTE_HANDLE r4a16 = test_add_route(v4a, p16, nh4a, 1, 1, NULL);
    RTM_ROUTE_HANDLE r4b8 = test_add_route(v4b, p8, nh4b, 1, 2, NULL);
    RTM_ROUTE_HANDLE r6_32 = test_add_route(v6a, v6_32, nh6, 1, 1, NULL);
    RTM_ROUTE_HANDLE r6_48 = test_add_route(v6a, v6_48, nh6, 1, 1, NULL);
    RTM_NET_ADDRESS host4 = test_ipv4(10, 1, 0, 1, 32);
    RTM_DEST_INFO *info = dest_info(1), *info2 = dest_info(1);
    RTM_DEST_HANDLE d4a, d4b, d6;
    (void)state;

    /* Each table answers with its own destinations. */
    assert_int_equal(RtmGetMostSpecificDestination(v4a, &host4, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_prefix(&info->DestAddress, p16);
    assert_ptr_equal(info->ViewInfo[0].Route, r4a16);
    d4a = info->DestHandle;
    assert_int_equal(RtmGetMostSpecificDestination(v4b, &host4, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info2),
                     NO_ERROR);
    assert_prefix(&info2->DestAddress, p8);
    assert_ptr_equal(info2->ViewInfo[0].Route, r4b8);
    assert_ptr_equal(info2->ViewInfo[0].Owner, v4b);
    d4b = info2->DestHandle;
    /* Destination handles do not cross tables. */
    assert_int_equal(RtmGetLessSpecificDestination(v4b, d4a, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(v6a, d4b, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(v6a, d4a, TRUE, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseDestInfo(v4b, info2), NO_ERROR);
    assert_int_equal(RtmGetLessSpecificDestination(v4a, d4a, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info2),
                     NO_ERROR);
    assert_prefix(&info2->DestAddress, p8);
    assert_ptr_equal(info2->ViewInfo[0].Route, r4a8);
    assert_ptr_equal(info2->ViewInfo[0].Owner, v4a);
    assert_int_equal(RtmReleaseDestInfo(v4a, info2), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(v4a, info), NO_ERROR);

    /* IPv6. */
    assert_int_equal(RtmGetMostSpecificDestination(v6a, &v6_host, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_prefix(&info->DestAddress, v6_48);
    assert_ptr_equal(info->ViewInfo[0].Route, r6_48);
    d6 = info->DestHandle;
    assert_int_equal(RtmGetLessSpecificDestination(v6a, d6, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info2),
                     NO_ERROR);
    assert_prefix(&info2->DestAddress, v6_32);
    assert_ptr_equal(info2->ViewInfo[0].Route, r6_32);
    assert_int_equal(RtmReleaseDestInfo(v6a, info), NO_ERROR);
    assert_int_equal(RtmGetLessSpecificDestination(v6a, info2->DestHandle, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_NOT_FOUND);
    assert_int_equal(RtmGetLessSpecificDestination(v4a, info2->DestHandle, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseDestInfo(v6a, info2), NO_ERROR);
    expect_exact(v6a, v6_48, RTM_VIEW_MASK_UCAST, &v6_48);
    expect_most_specific(v6a, ipv6_bytes(db8, 128), RTM_VIEW_MASK_UCAST, &v6_32);
    expect_most_specific(v6a, ipv6_bytes(db8_1, 47), RTM_VIEW_MASK_UCAST, &v6_32);
    expect_most_specific(v6a, test_ipv6(0x2001, 0x0db9, 0, 128), RTM_VIEW_MASK_UCAST, NULL);

    /* A family the table is not of; lengths beyond the family. */
    assert_int_equal(RtmGetMostSpecificDestination(v6a, &host4, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetExactMatchDestination(v4a, &v6_48, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetMostSpecificDestination(v4a, &v6_host, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    v6_long.NumBits = 129;
    assert_int_equal(RtmGetMostSpecificDestination(v6a, &v6_long, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmGetExactMatchDestination(v6a, &v6_long, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);
    /* An IPv4 length of 64 is valid in the IPv6 table only. */
    v6_long.NumBits = 64;
    expect_most_specific(v6a, v6_long, RTM_VIEW_MASK_UCAST, &v6_48);
    host4.NumBits = 64;
    assert_int_equal(RtmGetMostSpecificDestination(v4a, &host4, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info),
                     ERROR_INVALID_PARAMETER);

    /* Deleting in one table leaves the others alone. */
    assert_int_equal(RtmDeleteRouteToDest(v4a, r4a8, NULL), NO_ERROR);
    expect_exact(v4a, p8, RTM_VIEW_MASK_ANY, NULL);
    expect_exact(v4b, p8, RTM_VIEW_MASK_ANY, &p8);
    expect_most_specific(v4b, test_ipv4(10, 1, 0, 1, 32), RTM_VIEW_MASK_UCAST, &p8);
    expect_most_specific(v4a, test_ipv4(10, 2, 0, 1, 32), RTM_VIEW_MASK_UCAST, NULL);
    release_route(v4b, r4b8);
    release_nexthop(v4b, nh4b);
    assert_int_equal(RtmDeregisterEntity(v4b), NO_ERROR);
    /* v4b's deregistration took its routes out of its table only. */
    expect_most_specific(v4a, test_ipv4(10, 1, 0, 1, 32), RTM_VIEW_MASK_UCAST, &p16);
    expect_most_specific(v6a, v6_host, RTM_VIEW_MASK_UCAST, &v6_48);

    test_free(info);
    test_free(info2);
    release_route(v4a, r4a16);
    release_route(v6a, r6_32);
    release_route(v6a, r6_48);
    release_nexthop(v4a, nh4a);
    release_nexthop(v6a, nh6);
    assert_int_equal(RtmDeregisterEntity(v4a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(v6a), NO_ERROR);
}

/* ---- non-canonical addresses ------------------------------------------------ */

static void test_non_canonical(void **state)
{
    static const unsigned char v6_messy[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0x12, 0x34,
                                                0,    0,    0,    0,    0,    0,    0,    1 };
    static const unsigned char v6_clean[16] = { 0x20, 0x01, 0x0d, 0xb8 };
    static const unsigned char v6_other[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xab, 0xcd };
    RTM_ENTITY_HANDLE a = test_register(3116, AF_INET, PROTO_A, 1, FALSE);
    RTM_ENTITY_HANDLE a6 = test_register(3116, AF_INET6, PROTO_A, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(192, 168, 11, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh6 = test_add_nexthop(a6, test_ipv6(0xfe80, 0, 2, 128), 1);
    RTM_NET_ADDRESS p8 = test_ipv4(10, 0, 0, 0, 8), p20 = test_ipv4(172, 16, 0, 0, 12);
    RTM_NET_ADDRESS v6_32 = ipv6_bytes(v6_clean, 32);
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    RTM_ROUTE_HANDLE r8 = test_add_route(a, test_ipv4(10, 1, 2, 3, 8), nh, 1, 1, &flags);
    RTM_ROUTE_HANDLE r12 = test_add_route(a, test_ipv4(172, 31, 255, 255, 12), nh, 1, 1, NULL);
    RTM_ROUTE_HANDLE r6 = test_add_route(a6, ipv6_bytes(v6_messy, 32), nh6, 1, 1, NULL);
    RTM_ROUTE_HANDLE again;
    RTM_DEST_INFO *info = dest_info(1);
    (void)state;

    assert_true(flags & RTM_ROUTE_CHANGE_NEW);
    /* 10.1.2.3/8 is 10.0.0.0/8. */
    assert_int_equal(RtmGetExactMatchDestination(a, &p8, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     NO_ERROR);
    assert_prefix(&info->DestAddress, p8);
    assert_ptr_equal(info->ViewInfo[0].Route, r8);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    expect_exact(a, test_ipv4(10, 99, 0, 1, 8), RTM_VIEW_MASK_UCAST, &p8);
    expect_exact(a, test_ipv4(10, 0, 0, 0, 9), RTM_VIEW_MASK_UCAST, NULL);
    expect_exact(a, p20, RTM_VIEW_MASK_UCAST, &p20);
    expect_exact(a, test_ipv4(172, 17, 1, 1, 12), RTM_VIEW_MASK_UCAST, &p20);
    expect_exact(a, test_ipv4(172, 32, 0, 0, 12), RTM_VIEW_MASK_UCAST, NULL);
    expect_most_specific(a, test_ipv4(10, 255, 255, 255, 8), RTM_VIEW_MASK_UCAST, &p8);
    expect_most_specific(a, test_ipv4(172, 20, 0, 0, 16), RTM_VIEW_MASK_UCAST, &p20);

    /* Adding to 10.200.0.0/8 with the same neighbour is the same route. */
    again = test_add_route(a, test_ipv4(10, 200, 0, 0, 8), nh, 1, 5, &flags);
    assert_false(flags & RTM_ROUTE_CHANGE_NEW);
    assert_ptr_equal(again, r8);
    assert_int_equal(RtmGetExactMatchDestination(a, &p8, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                 info),
                     NO_ERROR);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 1);
    assert_int_equal(RtmReleaseDestInfo(a, info), NO_ERROR);
    release_route(a, again);

    /* IPv6 too. */
    assert_int_equal(RtmGetExactMatchDestination(a6, &v6_32, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_prefix(&info->DestAddress, v6_32);
    assert_ptr_equal(info->ViewInfo[0].Route, r6);
    assert_int_equal(RtmReleaseDestInfo(a6, info), NO_ERROR);
    expect_exact(a6, ipv6_bytes(v6_other, 32), RTM_VIEW_MASK_UCAST, &v6_32);
    expect_most_specific(a6, ipv6_bytes(v6_messy, 128), RTM_VIEW_MASK_UCAST, &v6_32);
    expect_most_specific(a6, ipv6_bytes(v6_other, 48), RTM_VIEW_MASK_UCAST, &v6_32);
    expect_exact(a6, ipv6_bytes(v6_clean, 31), RTM_VIEW_MASK_UCAST, NULL);

    test_free(info);
    release_route(a, r8);
    release_route(a, r12);
    release_route(a6, r6);
    release_nexthop(a, nh);
    release_nexthop(a6, nh6);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a6), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_dest_info_views),
        cmocka_unit_test(test_get_dest_info_protocol),
        cmocka_unit_test(test_get_dest_info_last_changed),
        cmocka_unit_test(test_get_dest_info_errors),
        cmocka_unit_test(test_release_dest_info),
        cmocka_unit_test(test_exact_match),
        cmocka_unit_test(test_most_specific),
        cmocka_unit_test(test_less_specific),
        cmocka_unit_test(test_views_filtering),
        cmocka_unit_test(test_lock_destination),
        cmocka_unit_test(test_instances_and_families),
        cmocka_unit_test(test_non_canonical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
