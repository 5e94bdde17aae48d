/*
 * test_handles.c - handles and their references through the public API
 * (spec/rras/managing-handles.md and the handle rules of DESIGN.md):
 * RtmReferenceHandles, RtmDereferenceHandles, RtmReleaseDests,
 * RtmReleaseRoutes, RtmReleaseNextHops; every handle given out holds a
 * reference; stale, double-released, forged, wrong-type and other-table
 * handles are refused with ERROR_INVALID_HANDLE and change nothing.
 *
 * Every test works in RTM instances of its own (HND_INSTANCE + n) and
 * deregisters every entity it registers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_IP_RIP 8
#define PROTO_IP_OSPF 13
#define PROTO_IP_BGP 14

#define HND_INSTANCE 2000

/* Next hops per route in the registration profile. */
#define MAX_NEXTHOPS_IN_ROUTE 4

/* A value no API call may write. */
#define SENTINEL ((HANDLE)(uintptr_t)0x5a5a5a5a)

/* Values that are no handle the library ever gave out. */
static int forged_local;
#define FORGED_COUNT 5
static HANDLE forged(int i)
{
    switch (i) {
    case 0:
        return (HANDLE)1;
    case 1:
        return (HANDLE)(uintptr_t)0xdeadbeef;
    case 2:
        return (HANDLE)&forged_local;
    case 3:
        return (HANDLE)(intptr_t)-1;
    default:
        return (HANDLE)(uintptr_t)0x10000;
    }
}

/* ---- helpers ---------------------------------------------------------- */

/* A buffer for an RTM_ROUTE_INFO with room for the profile's next hops. */
static RTM_ROUTE_INFO *route_info_buffer(void)
{
    RTM_ROUTE_INFO *info = test_malloc(RTM_SIZE_OF_ROUTE_INFO(MAX_NEXTHOPS_IN_ROUTE + 1));
    memset(info, 0, RTM_SIZE_OF_ROUTE_INFO(MAX_NEXTHOPS_IN_ROUTE + 1));
    return info;
}

/* RtmGetRouteInfo status of a route handle (no reference is kept). */
static DWORD route_status(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route)
{
    return RtmGetRouteInfo(reg, route, NULL, NULL);
}

/* The State of a route (the handle must be valid). */
static UCHAR route_state(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route)
{
    RTM_ROUTE_INFO *info = route_info_buffer();
    UCHAR state;

    assert_int_equal(RtmGetRouteInfo(reg, route, info, NULL), NO_ERROR);
    state = info->State;
    assert_int_equal(RtmReleaseRouteInfo(reg, info), NO_ERROR);
    test_free(info);
    return state;
}

/* RtmGetDestInfo status of a destination handle (no reference kept). */
static DWORD dest_status(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest)
{
    RTM_DEST_INFO *info = test_dest_info();
    DWORD status = RtmGetDestInfo(reg, dest, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info);
    if (status == NO_ERROR)
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
    test_free(info);
    return status;
}

/* RtmGetNextHopInfo status of a next-hop handle (no reference kept);
 * *state (may be NULL) receives its State. */
static DWORD nexthop_status(RTM_ENTITY_HANDLE reg, RTM_NEXTHOP_HANDLE nh, UCHAR *state)
{
    RTM_NEXTHOP_INFO info;
    DWORD status = RtmGetNextHopInfo(reg, nh, &info);
    if (status == NO_ERROR) {
        if (state)
            *state = (UCHAR)info.State;
        assert_int_equal(RtmReleaseNextHopInfo(reg, &info), NO_ERROR);
    }
    return status;
}

/* RtmGetEntityInfo status of an entity handle. */
static DWORD entity_status(RTM_ENTITY_HANDLE reg, RTM_ENTITY_HANDLE entity)
{
    RTM_ENTITY_INFO info;
    return RtmGetEntityInfo(reg, entity, &info);
}

/* A route of reg's, found again with RtmGetExactMatchRoute: a second handle
 * (its own reference) of the route of owner to prefix. */
static RTM_ROUTE_HANDLE route_handle_again(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS prefix,
                                           RTM_ENTITY_HANDLE owner)
{
    RTM_ROUTE_INFO *info = route_info_buffer();
    RTM_ROUTE_HANDLE handle = NULL;

    info->RouteOwner = owner;
    assert_int_equal(RtmGetExactMatchRoute(reg, &prefix, RTM_MATCH_OWNER, info, 0,
                                           RTM_VIEW_MASK_ANY, &handle),
                     NO_ERROR);
    assert_int_equal(RtmReleaseRouteInfo(reg, info), NO_ERROR);
    test_free(info);
    return handle;
}

/* ---- every handle given out holds a reference ------------------------- */

static void test_returned_handles_hold_references(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 1;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 1, 0, 0, 16);
    RTM_NET_ADDRESS gw = test_ipv4(192, 168, 1, 1, 32);
    UCHAR st = 0xff;

    /* A next hop handle from RtmAddNextHop: deleted by address, the next
     * hop lives on, deleted, for the handle. */
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, gw, 1);
    RTM_NEXTHOP_INFO nhinfo;
    memset(&nhinfo, 0, sizeof nhinfo);
    nhinfo.NextHopAddress = gw;
    nhinfo.InterfaceIndex = 1;
    assert_int_equal(RtmDeleteNextHop(rip, NULL, &nhinfo), NO_ERROR);
    assert_int_equal(nexthop_status(rip, nh, &st), NO_ERROR);
    assert_int_equal(st, RTM_NEXTHOP_STATE_DELETED);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(nexthop_status(rip, nh, NULL), ERROR_INVALID_HANDLE);

    /* A route handle from RtmAddRouteToDest and another from
     * RtmGetExactMatchRoute: deleting through one (which releases it)
     * leaves the route readable, deleted, through the other. */
    nh = test_add_nexthop(rip, gw, 1);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE again = route_handle_again(ospf, net, rip);
    assert_ptr_equal(again, route);
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(test_route_count(ospf, net, NULL), 0);
    assert_int_equal(route_state(ospf, again), RTM_ROUTE_STATE_DELETED);
    assert_int_equal(RtmReleaseRoutes(ospf, 1, &again), NO_ERROR);
    assert_int_equal(route_status(ospf, again), ERROR_INVALID_HANDLE);

    /* The handles inside information structures: RTM_DEST_INFO (DestHandle,
     * Route, Owner), RTM_ROUTE_INFO (DestHandle, RouteOwner, Neighbour,
     * next hops), RTM_NEXTHOP_INFO (NextHopOwner). */
    route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_DEST_INFO *dinfo = test_dest_info();
    RTM_ROUTE_INFO *rinfo = route_info_buffer();
    assert_int_equal(RtmGetExactMatchDestination(ospf, &net, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, dinfo),
                     NO_ERROR);
    assert_ptr_equal(dinfo->ViewInfo[0].Route, route);
    assert_ptr_equal(dinfo->ViewInfo[0].Owner, rip);
    assert_int_equal(RtmGetRouteInfo(ospf, dinfo->ViewInfo[0].Route, rinfo, NULL), NO_ERROR);
    assert_ptr_equal(rinfo->DestHandle, dinfo->DestHandle);
    assert_ptr_equal(rinfo->RouteOwner, rip);
    assert_ptr_equal(rinfo->Neighbour, nh);
    assert_int_equal(rinfo->NextHopsList.NumNextHops, 1);
    assert_ptr_equal(rinfo->NextHopsList.NextHops[0], nh);
    assert_int_equal(RtmGetNextHopInfo(ospf, rinfo->NextHopsList.NextHops[0], &nhinfo), NO_ERROR);
    assert_ptr_equal(nhinfo.NextHopOwner, rip);

    /* RIP lets go of everything and leaves. */
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(rip, nh, NULL), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);

    /* What OSPF holds is all still there. */
    RTM_DEST_HANDLE dest = dinfo->DestHandle;
    assert_int_equal(dest_status(ospf, dest), NO_ERROR);
    assert_int_equal(route_state(ospf, route), RTM_ROUTE_STATE_DELETED);
    assert_int_equal(nexthop_status(ospf, nh, &st), NO_ERROR);
    assert_int_equal(st, RTM_NEXTHOP_STATE_DELETED);
    assert_int_equal(entity_status(ospf, rip), NO_ERROR);

    /* Released structure by structure; stale once the last one is. */
    assert_int_equal(RtmReleaseDestInfo(ospf, dinfo), NO_ERROR);
    assert_int_equal(RtmReleaseNextHopInfo(ospf, &nhinfo), NO_ERROR);
    assert_int_equal(entity_status(ospf, rip), NO_ERROR); /* rinfo->RouteOwner */
    assert_int_equal(RtmReleaseRouteInfo(ospf, rinfo), NO_ERROR);
    assert_int_equal(dest_status(ospf, dest), ERROR_INVALID_HANDLE);
    assert_int_equal(route_status(ospf, route), ERROR_INVALID_HANDLE);
    assert_int_equal(nexthop_status(ospf, nh, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(entity_status(ospf, rip), ERROR_INVALID_HANDLE);

    test_free(rinfo);
    test_free(dinfo);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
}

/* ---- spec/rras/managing-handles.md: keeping one handle of a structure -- */

static void test_keep_route_handle_of_dest_info(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 2;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 2, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 2, 1, 32), 2);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 30, 7, NULL);
    RTM_DEST_INFO *dinfo = test_dest_info();
    RTM_ROUTE_INFO *rinfo = route_info_buffer();
    RTM_NET_ADDRESS addr;

    /* OSPF looks the destination up and keeps its best route and the
     * destination, then releases the rest of the structure. */
    assert_int_equal(RtmGetExactMatchDestination(ospf, &net, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, dinfo),
                     NO_ERROR);
    HANDLE kept[2] = { dinfo->ViewInfo[0].Route, dinfo->DestHandle };
    assert_ptr_equal(kept[0], route);
    assert_int_equal(RtmReferenceHandles(ospf, 2, kept), NO_ERROR);
    assert_int_equal(RtmReleaseDestInfo(ospf, dinfo), NO_ERROR);

    /* RIP deletes its route: the destination goes out of the table... */
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(RtmGetExactMatchDestination(ospf, &net, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, dinfo),
                     ERROR_NOT_FOUND);

    /* ... but OSPF still reads the route, as deleted, and its destination. */
    memset(&addr, 0, sizeof addr);
    assert_int_equal(RtmGetRouteInfo(ospf, kept[0], rinfo, &addr), NO_ERROR);
    assert_int_equal(rinfo->State, RTM_ROUTE_STATE_DELETED);
    assert_int_equal(rinfo->PrefInfo.Preference, 30);
    assert_int_equal(rinfo->PrefInfo.Metric, 7);
    assert_ptr_equal(rinfo->RouteOwner, rip);
    assert_ptr_equal(rinfo->DestHandle, kept[1]);
    assert_int_equal(addr.AddressFamily, AF_INET);
    assert_int_equal(addr.NumBits, 16);
    assert_memory_equal(addr.AddrBits, net.AddrBits, 4);
    assert_int_equal(RtmReleaseRouteInfo(ospf, rinfo), NO_ERROR);
    assert_int_equal(RtmGetDestInfo(ospf, kept[1], RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, dinfo),
                     NO_ERROR);
    assert_int_equal(dinfo->ViewInfo[0].NumRoutes, 0);
    assert_null(dinfo->ViewInfo[0].Route);
    assert_int_equal(RtmReleaseDestInfo(ospf, dinfo), NO_ERROR);

    /* Released with the functions of their types, they are gone. */
    assert_int_equal(RtmReleaseRoutes(ospf, 1, &kept[0]), NO_ERROR);
    assert_int_equal(route_status(ospf, kept[0]), ERROR_INVALID_HANDLE);
    assert_int_equal(test_release_dest_handle(ospf, kept[1], TRUE), NO_ERROR);
    assert_int_equal(dest_status(ospf, kept[1]), ERROR_INVALID_HANDLE);
    /* Twice is once too many. */
    assert_int_equal(RtmReleaseRoutes(ospf, 1, &kept[0]), ERROR_INVALID_HANDLE);
    assert_int_equal(test_release_dest_handle(ospf, kept[1], TRUE), ERROR_INVALID_HANDLE);

    test_free(rinfo);
    test_free(dinfo);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
}

/* ---- RtmReferenceHandles ---------------------------------------------- */

static void test_reference_handles_of_every_type(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 3;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 3, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(ospf, test_ipv4(192, 168, 3, 1, 32), 3);
    RTM_ROUTE_HANDLE route = test_add_route(ospf, net, nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);

    /* Two more references on each of an entity, a destination, a route and
     * a next hop, in one call. */
    HANDLE all[8] = { ospf, dest, route, nh, nh, route, dest, ospf };
    assert_int_equal(RtmReferenceHandles(rip, 8, all), NO_ERROR);
    /* Nothing to do. */
    assert_int_equal(RtmReferenceHandles(rip, 0, NULL), NO_ERROR);
    assert_int_equal(RtmReferenceHandles(rip, 0, all), NO_ERROR);

    /* OSPF lets go of all of its own and leaves. */
    assert_int_equal(RtmDeleteRouteToDest(ospf, route, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(ospf, nh, NULL), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);

    /* RIP's references keep them; each is released with its type's
     * function, as many times as referenced. */
    for (int round = 0; round < 2; round++) {
        assert_int_equal(entity_status(rip, ospf), NO_ERROR);
        assert_int_equal(RtmReleaseEntities(rip, 1, &all[0]), NO_ERROR);
        assert_int_equal(route_status(rip, route), NO_ERROR);
        assert_int_equal(RtmReleaseRoutes(rip, 1, &all[2]), NO_ERROR);
        assert_int_equal(nexthop_status(rip, nh, NULL), NO_ERROR);
        assert_int_equal(RtmReleaseNextHops(rip, 1, &all[3]), NO_ERROR);
        assert_int_equal(dest_status(rip, dest), NO_ERROR);
        assert_int_equal(test_release_dest_handle(rip, dest, TRUE), NO_ERROR);
    }
    /* The reference test_dest_of took. */
    assert_int_equal(dest_status(rip, dest), NO_ERROR);
    assert_int_equal(test_release_dest_handle(rip, dest, TRUE), NO_ERROR);

    assert_int_equal(entity_status(rip, ospf), ERROR_INVALID_HANDLE);
    assert_int_equal(route_status(rip, route), ERROR_INVALID_HANDLE);
    assert_int_equal(nexthop_status(rip, nh, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(dest_status(rip, dest), ERROR_INVALID_HANDLE);
    /* Stale handles cannot be referenced again. */
    for (int i = 0; i < 4; i++)
        assert_int_equal(RtmReferenceHandles(rip, 1, &all[i]), ERROR_INVALID_HANDLE);

    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_reference_handles_errors(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 4;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(inst, AF_INET, PROTO_IP_BGP, 1, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 4, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 4, 1, 32), 4);
    RTM_NEXTHOP_HANDLE nh_else = test_add_nexthop(elsewhere, test_ipv4(192, 168, 4, 1, 32), 4);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE route_else = test_add_route(elsewhere, net, nh_else, 10, 1, NULL);
    HANDLE h[3];

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);
    assert_int_equal(RtmReferenceHandles(rip, 1, NULL), ERROR_INVALID_PARAMETER);

    /* The route is deleted; the handle from RtmAddRouteToDest, duplicated,
     * is its only reference from now on (the delete releases the copy). */
    RTM_ROUTE_HANDLE copy = route;
    assert_int_equal(RtmReferenceHandles(rip, 1, &copy), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(rip, copy, NULL), NO_ERROR);
    assert_int_equal(route_state(rip, route), RTM_ROUTE_STATE_DELETED);

    /* Bad registration handles: no reference is taken. */
    h[0] = route;
    assert_int_equal(RtmReferenceHandles(NULL, 1, h), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReferenceHandles(gone, 1, h), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReferenceHandles(route, 1, h), ERROR_INVALID_HANDLE);
    for (int i = 0; i < FORGED_COUNT; i++)
        assert_int_equal(RtmReferenceHandles(forged(i), 1, h), ERROR_INVALID_HANDLE);

    /* All or nothing: one bad handle among good ones, at any place. */
    for (int i = 0; i < FORGED_COUNT; i++) {
        HANDLE bad = forged(i);
        h[0] = route;
        h[1] = bad;
        h[2] = nh;
        assert_int_equal(RtmReferenceHandles(rip, 3, h), ERROR_INVALID_HANDLE);
        h[0] = bad;
        h[1] = route;
        assert_int_equal(RtmReferenceHandles(rip, 2, h), ERROR_INVALID_HANDLE);
    }
    h[0] = route;
    h[1] = NULL;
    assert_int_equal(RtmReferenceHandles(rip, 2, h), ERROR_INVALID_HANDLE);
    /* A handle of another table (another instance). */
    h[1] = route_else;
    assert_int_equal(RtmReferenceHandles(rip, 2, h), ERROR_INVALID_HANDLE);
    h[1] = nh_else;
    assert_int_equal(RtmReferenceHandles(rip, 2, h), ERROR_INVALID_HANDLE);
    h[1] = elsewhere;
    assert_int_equal(RtmReferenceHandles(rip, 2, h), ERROR_INVALID_HANDLE);
    /* The handle of a deregistered entity nobody holds. */
    h[1] = gone;
    assert_int_equal(RtmReferenceHandles(rip, 2, h), ERROR_INVALID_HANDLE);

    /* None of this took a reference: one release and the route is gone. */
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), NO_ERROR);
    assert_int_equal(route_status(rip, route), ERROR_INVALID_HANDLE);
    /* A stale handle. */
    assert_int_equal(RtmReferenceHandles(rip, 1, &route), ERROR_INVALID_HANDLE);
    /* The next hop has its one reference too. */
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), ERROR_INVALID_HANDLE);

    /* The other table's handles are untouched and still work there: one
     * reference each (deleting the route releases its handle). */
    assert_int_equal(test_route_count(elsewhere, net, NULL), 1);
    assert_int_equal(RtmDeleteRouteToDest(elsewhere, route_else, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(elsewhere, 1, &route_else), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), ERROR_INVALID_HANDLE);

    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

/* ---- RtmDereferenceHandles -------------------------------------------- */

static void test_dereference_handles(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 6;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 6, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(ospf, test_ipv4(192, 168, 6, 1, 32), 6);
    RTM_NEXTHOP_HANDLE nh_else = test_add_nexthop(elsewhere, test_ipv4(192, 168, 6, 1, 32), 6);
    RTM_ROUTE_HANDLE route = test_add_route(ospf, net, nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);
    HANDLE all[4] = { ospf, dest, route, nh };
    HANDLE h[3];

    /* Reference and dereference balance. */
    assert_int_equal(RtmReferenceHandles(rip, 4, all), NO_ERROR);
    assert_int_equal(RtmReferenceHandles(rip, 4, all), NO_ERROR);
    assert_int_equal(RtmDereferenceHandles(rip, 4, all), NO_ERROR);
    assert_int_equal(RtmDereferenceHandles(rip, 0, NULL), NO_ERROR);
    assert_int_equal(RtmDereferenceHandles(rip, 1, NULL), ERROR_INVALID_PARAMETER);

    /* Bad registration handles: nothing is dropped. */
    for (int i = 0; i < FORGED_COUNT; i++)
        assert_int_equal(RtmDereferenceHandles(forged(i), 4, all), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDereferenceHandles(NULL, 4, all), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDereferenceHandles(dest, 4, all), ERROR_INVALID_HANDLE);

    /* Bad handles among good ones: refused, the good ones dropped all the
     * same. */
    h[0] = route;
    h[1] = forged(1);
    h[2] = nh_else; /* another table's */
    assert_int_equal(RtmDereferenceHandles(rip, 3, h), ERROR_INVALID_HANDLE);
    assert_int_equal(nexthop_status(elsewhere, nh_else, NULL), NO_ERROR);

    /* OSPF lets go of its own and leaves: RIP holds one reference on the
     * entity, destination and next hop, one too few on the route (dropped
     * just above) plus the one test_dest_of took on the destination. */
    assert_int_equal(RtmReferenceHandles(rip, 1, &route), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(ospf, route, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(ospf, nh, NULL), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDereferenceHandles(rip, 4, all), NO_ERROR);
    assert_int_equal(entity_status(rip, ospf), ERROR_INVALID_HANDLE);
    assert_int_equal(route_status(rip, route), ERROR_INVALID_HANDLE);
    assert_int_equal(nexthop_status(rip, nh, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(dest_status(rip, dest), NO_ERROR);
    assert_int_equal(RtmDereferenceHandles(rip, 1, &dest), NO_ERROR);
    assert_int_equal(dest_status(rip, dest), ERROR_INVALID_HANDLE);
    /* Stale now: dereferencing again is refused. */
    for (int i = 0; i < 4; i++)
        assert_int_equal(RtmDereferenceHandles(rip, 1, &all[i]), ERROR_INVALID_HANDLE);

    /* A live handle with no client reference left: the route a client
     * added and released still has its table's reference, not a client's. */
    RTM_NEXTHOP_HANDLE nh2 = test_add_nexthop(rip, test_ipv4(192, 168, 6, 2, 32), 6);
    RTM_ROUTE_HANDLE route2 = test_add_route(rip, net, nh2, 10, 1, NULL);
    assert_int_equal(RtmDereferenceHandles(rip, 1, &route2), NO_ERROR);
    assert_int_equal(RtmDereferenceHandles(rip, 1, &route2), ERROR_INVALID_HANDLE);
    assert_int_equal(test_route_count(rip, net, NULL), 1);

    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh2), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

/* ---- RtmReleaseRoutes, RtmReleaseNextHops ----------------------------- */

static void test_release_routes(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 8;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE gone = test_register(inst, AF_INET, PROTO_IP_BGP, 1, FALSE);
    RTM_ENTITY_HANDLE other_family = test_register(inst, AF_INET6, PROTO_IP_RIP, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 8, 0, 0, 16);
    RTM_NET_ADDRESS net6 = test_ipv6(0x2001, 0xdb8, 0, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 8, 1, 32), 8);
    RTM_NEXTHOP_HANDLE nh6 = test_add_nexthop(other_family, test_ipv6(0xfe80, 0, 1, 128), 8);
    RTM_ROUTE_HANDLE a = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE b = route_handle_again(rip, net, rip);
    RTM_ROUTE_HANDLE c = route_handle_again(rip, net, rip);
    RTM_ROUTE_HANDLE r6 = test_add_route(other_family, net6, nh6, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);
    RTM_ROUTE_HANDLE best;
    HANDLE h[4];

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);
    /* Three references on the route (a, b and c are one handle value). */
    assert_ptr_equal(b, a);
    assert_ptr_equal(c, a);

    assert_int_equal(RtmReleaseRoutes(rip, 0, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, NULL), ERROR_INVALID_PARAMETER);

    /* Bad registration handles: nothing is released. */
    assert_int_equal(RtmReleaseRoutes(NULL, 1, &a), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(gone, 1, &a), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(a, 1, &a), ERROR_INVALID_HANDLE);
    for (int i = 0; i < FORGED_COUNT; i++)
        assert_int_equal(RtmReleaseRoutes(forged(i), 1, &a), ERROR_INVALID_HANDLE);

    /* Handles that are no route's, or another table's: refused, and they
     * keep their references. */
    for (int i = 0; i < FORGED_COUNT; i++) {
        h[0] = forged(i);
        assert_int_equal(RtmReleaseRoutes(rip, 1, h), ERROR_INVALID_HANDLE);
    }
    h[0] = NULL;
    assert_int_equal(RtmReleaseRoutes(rip, 1, h), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &nh), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &dest), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &rip), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &r6), ERROR_INVALID_HANDLE);
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(test_route_count(other_family, net6, NULL), 1);

    /* A bad handle among good ones: refused, the good ones released. */
    h[0] = a;
    h[1] = forged(0);
    h[2] = b;
    assert_int_equal(RtmReleaseRoutes(rip, 3, h), ERROR_INVALID_HANDLE);

    /* One reference left (c). Released, the route stays in the table with
     * its own reference, but a client release more is refused. */
    assert_int_equal(RtmReleaseRoutes(rip, 1, &c), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &c), ERROR_INVALID_HANDLE);
    assert_int_equal(test_route_count(rip, net, &best), 1);
    assert_ptr_equal(best, a);
    assert_int_equal(route_state(rip, a), RTM_ROUTE_STATE_CREATED);

    /* The other table's route, the next hop and destination kept theirs:
     * exactly one each. */
    assert_int_equal(RtmReleaseRoutes(other_family, 1, &r6), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(other_family, 1, &r6), ERROR_INVALID_HANDLE);
    assert_int_equal(test_route_count(other_family, net6, NULL), 1);
    assert_int_equal(test_release_dest_handle(rip, dest, TRUE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(rip, dest, TRUE), ERROR_INVALID_HANDLE);

    /* A deleted route's last reference: then it is stale. */
    RTM_ROUTE_HANDLE d = route_handle_again(rip, net, rip);
    RTM_ROUTE_HANDLE del = d;
    assert_int_equal(RtmReferenceHandles(rip, 1, &del), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(rip, del, NULL), NO_ERROR);
    assert_int_equal(test_route_count(rip, net, NULL), 0);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &d), NO_ERROR);
    assert_int_equal(route_status(rip, d), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &d), ERROR_INVALID_HANDLE);
    /* The next hop's reference, from RtmAddNextHop, was not touched
     * either: once the route is gone it is the last client one. */
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), ERROR_INVALID_HANDLE);

    assert_int_equal(RtmDeregisterEntity(other_family), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_release_nexthops(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 10;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 10, 0, 0, 16);
    RTM_NET_ADDRESS gw = test_ipv4(192, 168, 10, 1, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, gw, 10);
    RTM_NEXTHOP_HANDLE again = test_add_nexthop(rip, gw, 10); /* the same one */
    RTM_NEXTHOP_HANDLE nh2 = test_add_nexthop(rip, test_ipv4(192, 168, 10, 2, 32), 10);
    RTM_NEXTHOP_HANDLE nh_else = test_add_nexthop(elsewhere, gw, 10);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);
    HANDLE h[3];
    UCHAR st;

    assert_ptr_equal(again, nh);
    assert_int_equal(RtmReleaseNextHops(rip, 0, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 2, NULL), ERROR_INVALID_PARAMETER);

    /* Bad registration handles: nothing released. */
    assert_int_equal(RtmReleaseNextHops(NULL, 1, &nh), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(nh, 1, &nh), ERROR_INVALID_HANDLE);
    for (int i = 0; i < FORGED_COUNT; i++)
        assert_int_equal(RtmReleaseNextHops(forged(i), 1, &nh), ERROR_INVALID_HANDLE);

    /* Not next hops, or another table's: refused, nothing changes. */
    for (int i = 0; i < FORGED_COUNT; i++) {
        h[0] = forged(i);
        assert_int_equal(RtmReleaseNextHops(rip, 1, h), ERROR_INVALID_HANDLE);
    }
    assert_int_equal(RtmReleaseNextHops(rip, 1, &rip), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &route), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &dest), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh_else), ERROR_INVALID_HANDLE);
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(test_route_count(rip, net, NULL), 1);
    assert_int_equal(route_state(rip, route), RTM_ROUTE_STATE_CREATED);

    /* Mixed: nh (twice referenced) and nh2 released once each. */
    h[0] = nh;
    h[1] = NULL;
    h[2] = nh2;
    assert_int_equal(RtmReleaseNextHops(rip, 3, h), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh2), ERROR_INVALID_HANDLE);
    /* nh2 stays a next hop of RIP's (its index holds it). */
    assert_int_equal(nexthop_status(rip, nh2, &st), NO_ERROR);
    assert_int_equal(st, RTM_NEXTHOP_STATE_CREATED);

    /* nh: one reference left (again). The next hop deleted through its
     * address, the route keeps it; released, the handle still works while
     * the route holds it... */
    RTM_NEXTHOP_INFO key;
    memset(&key, 0, sizeof key);
    key.NextHopAddress = gw;
    key.InterfaceIndex = 10;
    assert_int_equal(RtmDeleteNextHop(rip, NULL, &key), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &again), NO_ERROR);
    assert_int_equal(nexthop_status(rip, nh, &st), NO_ERROR);
    assert_int_equal(st, RTM_NEXTHOP_STATE_DELETED);
    /* ... and is stale once the route is gone. */
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(nexthop_status(rip, nh, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), ERROR_INVALID_HANDLE);

    /* The other table's next hop kept its reference. */
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), ERROR_INVALID_HANDLE);
    assert_int_equal(test_release_dest_handle(rip, dest, TRUE), NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

/* ---- RtmReleaseDests -------------------------------------------------- */

static void test_release_dests(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 12;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_NET_ADDRESS net1 = test_ipv4(10, 12, 1, 0, 24);
    RTM_NET_ADDRESS net2 = test_ipv4(10, 12, 2, 0, 24);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 12, 1, 32), 12);
    RTM_NEXTHOP_HANDLE nh_else = test_add_nexthop(elsewhere, test_ipv4(192, 168, 12, 1, 32), 12);
    RTM_ROUTE_HANDLE r1 = test_add_route(rip, net1, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE r2 = test_add_route(rip, net2, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE r_else = test_add_route(elsewhere, net1, nh_else, 10, 1, NULL);
    const size_t size2 = RTM_SIZE_OF_DEST_INFO(2), size1 = RTM_SIZE_OF_DEST_INFO(1);
    char *buf = test_malloc(size2 + size1);
    RTM_DEST_INFO *d1 = (RTM_DEST_INFO *)buf;
    RTM_DEST_INFO *d2 = (RTM_DEST_INFO *)(buf + size2);

    /* An array of two structures of different sizes (two views, one view),
     * as an enumeration fills them. */
    assert_int_equal(RtmGetExactMatchDestination(ospf, &net1, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST, d1),
                     NO_ERROR);
    assert_int_equal(d1->NumberOfViews, 2);
    assert_ptr_equal(d1->ViewInfo[0].Route, r1);
    assert_null(d1->ViewInfo[1].Route);
    assert_int_equal(RtmGetExactMatchDestination(ospf, &net2, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, d2),
                     NO_ERROR);
    assert_int_equal(d2->NumberOfViews, 1);
    assert_ptr_equal(d2->ViewInfo[0].Route, r2);
    RTM_DEST_HANDLE dest1 = d1->DestHandle, dest2 = d2->DestHandle;

    /* RIP deletes its routes and leaves: OSPF's structures hold all that
     * is left of them. */
    assert_int_equal(RtmDeleteRouteToDest(rip, r1, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(rip, r2, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_int_equal(route_state(ospf, r1), RTM_ROUTE_STATE_DELETED);
    assert_int_equal(dest_status(ospf, dest2), NO_ERROR);

    /* Errors that release nothing: no array, a bad registration handle, a
     * view count out of range (nothing from that structure on). */
    assert_int_equal(RtmReleaseDests(ospf, 0, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseDests(ospf, 1, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmReleaseDests(NULL, 2, d1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseDests(rip, 2, d1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseDests(dest1, 2, d1), ERROR_INVALID_HANDLE);
    for (int i = 0; i < FORGED_COUNT; i++)
        assert_int_equal(RtmReleaseDests(forged(i), 2, d1), ERROR_INVALID_HANDLE);
    d1->NumberOfViews = 3;
    assert_int_equal(RtmReleaseDests(ospf, 2, d1), ERROR_INVALID_PARAMETER);
    d1->NumberOfViews = 2;
    assert_int_equal(route_state(ospf, r1), RTM_ROUTE_STATE_DELETED);
    assert_int_equal(route_state(ospf, r2), RTM_ROUTE_STATE_DELETED);
    assert_int_equal(dest_status(ospf, dest1), NO_ERROR);
    assert_int_equal(dest_status(ospf, dest2), NO_ERROR);
    assert_int_equal(entity_status(ospf, rip), NO_ERROR);

    /* Released: every handle in both structures goes. */
    assert_int_equal(RtmReleaseDests(ospf, 2, d1), NO_ERROR);
    assert_int_equal(dest_status(ospf, dest1), ERROR_INVALID_HANDLE);
    assert_int_equal(dest_status(ospf, dest2), ERROR_INVALID_HANDLE);
    assert_int_equal(route_status(ospf, r1), ERROR_INVALID_HANDLE);
    assert_int_equal(route_status(ospf, r2), ERROR_INVALID_HANDLE);
    assert_int_equal(entity_status(ospf, rip), ERROR_INVALID_HANDLE);
    /* Twice: refused. */
    assert_int_equal(RtmReleaseDests(ospf, 2, d1), ERROR_INVALID_HANDLE);

    /* Bad handles inside: a forged one, a route handle as DestHandle,
     * another table's destination: refused, nothing of theirs changes, and
     * the good handles are released. */
    RTM_DEST_HANDLE dest_else = test_dest_of(elsewhere, net1);
    memset(buf, 0, size2 + size1);
    d1->DestHandle = dest_else;
    d1->NumberOfViews = 2;
    d1->ViewInfo[0].Route = forged(1);
    d1->ViewInfo[0].Owner = ospf; /* one of OSPF's references on itself */
    d2->DestHandle = r_else;
    d2->NumberOfViews = 1;
    assert_int_equal(RtmReferenceHandles(ospf, 1, &d1->ViewInfo[0].Owner), NO_ERROR);
    assert_int_equal(RtmReleaseDests(ospf, 2, d1), ERROR_INVALID_HANDLE);
    /* OSPF's extra reference on itself went; one release more is refused:
     * its registration is not a client reference it may release. */
    assert_int_equal(RtmReleaseEntities(ospf, 1, &ospf), ERROR_INVALID_HANDLE);
    assert_int_equal(test_entity_count(ospf), 1);
    /* The other table's destination and route kept their references. */
    assert_int_equal(test_release_dest_handle(elsewhere, dest_else, TRUE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(elsewhere, dest_else, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(elsewhere, 1, &r_else), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(elsewhere, 1, &r_else), ERROR_INVALID_HANDLE);
    assert_int_equal(test_route_count(elsewhere, net1, NULL), 1);

    test_free(buf);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
}

/* ---- forged, stale, wrong-type and other-table handles ---------------- */

/* What check_refused_everywhere tries h as, besides the handle of an
 * object: the registration handle, a route's next hop and neighbour. */
#define AS_REG 1
#define AS_NEXTHOP 2

/*
 * Every function refuses h, a handle that is not valid for the caller reg,
 * as the handle of an object of any type (and, per flags, as the
 * registration handle, or as a next hop in a new route to net, which must
 * not exist). good_nh is one of reg's next hops. Nothing is changed by any
 * of the calls.
 */
static void check_refused_everywhere(RTM_ENTITY_HANDLE reg, HANDLE h, RTM_NEXTHOP_HANDLE good_nh,
                                     RTM_NET_ADDRESS net, int flags)
{
    RTM_DEST_INFO *dinfo = test_dest_info();
    RTM_ROUTE_INFO *rinfo = route_info_buffer();
    RTM_NEXTHOP_INFO nhinfo;
    RTM_ENTITY_INFO einfo;
    RTM_VIEW_SET views = 0;
    PVOID slot = SENTINEL;
    UINT count = 4;
    HANDLE copy = h;

    if (flags & AS_REG) {
        assert_int_equal(RtmGetRegisteredEntities(h, &count, NULL, NULL), ERROR_INVALID_HANDLE);
        assert_int_equal(count, 4);
        assert_int_equal(RtmGetExactMatchDestination(h, &net, RTM_BEST_PROTOCOL,
                                                     RTM_VIEW_MASK_UCAST, dinfo),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetEntityInfo(h, reg, &einfo), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmDeregisterEntity(h), ERROR_INVALID_HANDLE);
        *rinfo = test_route(good_nh, 1, 1, RTM_VIEW_MASK_UCAST);
        assert_int_equal(RtmAddRouteToDest(h, NULL, &net, rinfo, INFINITE, NULL, 0, NULL, NULL),
                         ERROR_INVALID_HANDLE);
    }

    /* As the handle of an object. */
    assert_int_equal(RtmGetEntityInfo(reg, h, &einfo), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetDestInfo(reg, h, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, dinfo),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetLessSpecificDestination(reg, h, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                                   dinfo),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(reg, h, TRUE, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetOpaqueInformationPointer(reg, h, &slot), ERROR_INVALID_HANDLE);
    assert_ptr_equal(slot, SENTINEL);
    assert_int_equal(RtmGetRouteInfo(reg, h, rinfo, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmIsBestRoute(reg, h, &views), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(reg, h, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetNextHopInfo(reg, h, &nhinfo), ERROR_INVALID_HANDLE);
    if (h) /* (NULL with no NextHopInfo is ERROR_INVALID_PARAMETER) */
        assert_int_equal(RtmDeleteNextHop(reg, h, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReferenceHandles(reg, 1, &copy), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDereferenceHandles(reg, 1, &copy), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntities(reg, 1, &copy), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseRoutes(reg, 1, &copy), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &copy), ERROR_INVALID_HANDLE);
    if (h) /* (a NULL handle in a structure is nothing to release) */
        assert_int_equal(test_release_dest_handle(reg, h, TRUE), ERROR_INVALID_HANDLE);
    if (flags & AS_NEXTHOP) {
        /* As a route's next hop or neighbour. */
        *rinfo = test_route(h, 1, 1, RTM_VIEW_MASK_UCAST);
        assert_int_equal(RtmAddRouteToDest(reg, NULL, &net, rinfo, INFINITE, NULL, 0, NULL, NULL),
                         ERROR_INVALID_HANDLE);
        *rinfo = test_route(good_nh, 1, 1, RTM_VIEW_MASK_UCAST);
        rinfo->Neighbour = h;
        assert_int_equal(RtmAddRouteToDest(reg, NULL, &net, rinfo, INFINITE, NULL, 0, NULL, NULL),
                         ERROR_INVALID_HANDLE);
    }
    test_free(rinfo);
    test_free(dinfo);
}

static void test_forged_handles(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 14;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_NET_ADDRESS net = test_ipv4(10, 14, 0, 0, 16);
    RTM_NET_ADDRESS other = test_ipv4(10, 15, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 14, 1, 32), 14);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE best;
    int local = 0;
    HANDLE heap = test_malloc(64);

    for (int i = 0; i < FORGED_COUNT; i++)
        check_refused_everywhere(rip, forged(i), nh, other, AS_REG | AS_NEXTHOP);
    check_refused_everywhere(rip, (HANDLE)&local, nh, other, AS_REG | AS_NEXTHOP);
    check_refused_everywhere(rip, heap, nh, other, AS_REG | AS_NEXTHOP);
    check_refused_everywhere(rip, NULL, nh, other, AS_REG);

    /* Nothing changed. */
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(test_route_count(rip, net, &best), 1);
    assert_ptr_equal(best, route);
    assert_int_equal(test_route_count(rip, other, NULL), 0);
    assert_int_equal(route_state(rip, route), RTM_ROUTE_STATE_CREATED);

    test_free(heap);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_stale_handles(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 15;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE old = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 15, 0, 0, 16);
    RTM_NET_ADDRESS other = test_ipv4(10, 16, 0, 0, 16);
    RTM_NEXTHOP_HANDLE keep_nh = test_add_nexthop(rip, test_ipv4(192, 168, 15, 9, 32), 15);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 15, 1, 32), 15);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);

    /* Every object made stale: released to zero and deleted. */
    assert_int_equal(test_release_dest_handle(rip, dest, TRUE), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(rip, nh, NULL), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(old), NO_ERROR);

    /* Then new objects of each kind come along (they must not bring the old
     * handles back to life). */
    RTM_ENTITY_HANDLE fresh = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh2 = test_add_nexthop(rip, test_ipv4(192, 168, 15, 1, 32), 15);
    RTM_ROUTE_HANDLE route2 = test_add_route(rip, net, nh2, 10, 1, NULL);
    RTM_DEST_HANDLE dest2 = test_dest_of(rip, net);

    check_refused_everywhere(rip, old, keep_nh, other, AS_REG | AS_NEXTHOP);
    check_refused_everywhere(rip, dest, keep_nh, other, AS_REG | AS_NEXTHOP);
    check_refused_everywhere(rip, route, keep_nh, other, AS_REG | AS_NEXTHOP);
    check_refused_everywhere(rip, nh, keep_nh, other, AS_REG | AS_NEXTHOP);

    /* The new ones are fine and nothing changed. */
    assert_int_equal(test_entity_count(rip), 2);
    assert_int_equal(entity_status(rip, fresh), NO_ERROR);
    assert_int_equal(route_state(rip, route2), RTM_ROUTE_STATE_CREATED);
    assert_int_equal(dest_status(rip, dest2), NO_ERROR);
    assert_int_equal(test_route_count(rip, other, NULL), 0);
    assert_int_equal(test_route_count(rip, net, NULL), 1);

    assert_int_equal(test_release_dest_handle(rip, dest2, TRUE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route2), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh2), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &keep_nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(fresh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_wrong_type_handles(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 16;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 16, 0, 0, 16);
    RTM_NET_ADDRESS other = test_ipv4(10, 17, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 16, 1, 32), 16);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);
    RTM_DEST_INFO *dinfo = test_dest_info();
    RTM_ROUTE_INFO *rinfo = route_info_buffer();
    RTM_NEXTHOP_INFO nhinfo;
    RTM_ENTITY_INFO einfo;
    RTM_VIEW_SET views;
    PVOID slot = SENTINEL;
    HANDLE h;

    /* A route or a next hop where a destination is expected. */
    const HANDLE not_dests[] = { route, nh, ospf };
    for (size_t i = 0; i < 3; i++) {
        h = not_dests[i];
        assert_int_equal(RtmGetDestInfo(rip, h, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, dinfo),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetLessSpecificDestination(rip, h, RTM_BEST_PROTOCOL,
                                                       RTM_VIEW_MASK_UCAST, dinfo),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmLockDestination(rip, h, FALSE, TRUE), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetOpaqueInformationPointer(rip, h, &slot), ERROR_INVALID_HANDLE);
        assert_int_equal(test_release_dest_handle(rip, h, TRUE), ERROR_INVALID_HANDLE);
    }
    assert_ptr_equal(slot, SENTINEL);
    /* A destination or a next hop where a route is expected. */
    const HANDLE not_routes[] = { dest, nh, ospf };
    for (size_t i = 0; i < 3; i++) {
        h = not_routes[i];
        assert_int_equal(RtmGetRouteInfo(rip, h, rinfo, NULL), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmIsBestRoute(rip, h, &views), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmDeleteRouteToDest(rip, h, NULL), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseRoutes(rip, 1, &h), ERROR_INVALID_HANDLE);
    }
    /* An entity, a route or a destination as a next hop. */
    const HANDLE not_nexthops[] = { ospf, rip, route, dest };
    for (size_t i = 0; i < 4; i++) {
        h = not_nexthops[i];
        assert_int_equal(RtmGetNextHopInfo(rip, h, &nhinfo), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmDeleteNextHop(rip, h, NULL), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseNextHops(rip, 1, &h), ERROR_INVALID_HANDLE);
        *rinfo = test_route(h, 1, 1, RTM_VIEW_MASK_UCAST);
        assert_int_equal(RtmAddRouteToDest(rip, NULL, &other, rinfo, INFINITE, NULL, 0, NULL,
                                           NULL),
                         ERROR_INVALID_HANDLE);
        *rinfo = test_route(nh, 1, 1, RTM_VIEW_MASK_UCAST);
        rinfo->Neighbour = h;
        assert_int_equal(RtmAddRouteToDest(rip, NULL, &other, rinfo, INFINITE, NULL, 0, NULL,
                                           NULL),
                         ERROR_INVALID_HANDLE);
    }
    /* A next hop, a route or a destination as an entity, also as the
     * registration handle. */
    const HANDLE not_entities[] = { nh, route, dest };
    for (size_t i = 0; i < 3; i++) {
        UINT count = 4;
        h = not_entities[i];
        assert_int_equal(RtmGetEntityInfo(rip, h, &einfo), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseEntities(rip, 1, &h), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetRegisteredEntities(h, &count, NULL, NULL), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmDeregisterEntity(h), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseRoutes(h, 1, &route), ERROR_INVALID_HANDLE);
    }

    /* Nothing changed: the route, its next hop and destination are as they
     * were, and each handle has exactly the one reference it had. */
    assert_int_equal(test_entity_count(rip), 2);
    assert_int_equal(test_route_count(rip, other, NULL), 0);
    assert_int_equal(test_route_count(rip, net, NULL), 1);
    assert_int_equal(route_state(rip, route), RTM_ROUTE_STATE_CREATED);
    assert_int_equal(nexthop_status(rip, nh, NULL), NO_ERROR);
    assert_int_equal(RtmIsBestRoute(rip, route, &views), NO_ERROR);
    assert_int_equal(views, RTM_VIEW_MASK_UCAST);
    /* (The destination was not left locked.) */
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, FALSE), NO_ERROR);

    assert_int_equal(test_release_dest_handle(rip, dest, TRUE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(rip, dest, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), ERROR_INVALID_HANDLE);
    test_free(rinfo);
    test_free(dinfo);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

/* Handles of another table: another RTM instance, another family. */
static void test_other_table_handles(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 18;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE rip_inst = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE rip6 = test_register(inst, AF_INET6, PROTO_IP_RIP, 1, TRUE);
    RTM_NET_ADDRESS net = test_ipv4(10, 18, 0, 0, 16);
    RTM_NET_ADDRESS other = test_ipv4(10, 19, 0, 0, 16);
    RTM_NET_ADDRESS net6 = test_ipv6(0x2001, 0xdb8, 0, 32);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 18, 1, 32), 18);
    RTM_NEXTHOP_HANDLE nh_inst = test_add_nexthop(rip_inst, test_ipv4(192, 168, 18, 1, 32), 18);
    RTM_NEXTHOP_HANDLE nh6 = test_add_nexthop(rip6, test_ipv6(0xfe80, 0, 1, 128), 18);
    RTM_ROUTE_HANDLE route_inst = test_add_route(rip_inst, net, nh_inst, 10, 1, NULL);
    RTM_ROUTE_INFO r6 = test_route(nh6, 10, 1, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE route6 = NULL;
    assert_int_equal(RtmAddRouteToDest(rip6, &route6, &net6, &r6, INFINITE, NULL, 0, NULL, NULL),
                     NO_ERROR);
    RTM_DEST_HANDLE dest_inst = test_dest_of(rip_inst, net);
    RTM_DEST_HANDLE dest6 = test_dest_of(rip6, net6);

    /* Each of the other tables' handles, used by RIP (the registration
     * handles of the others are valid registration handles, of course). */
    const HANDLE theirs[] = { rip_inst, nh_inst, route_inst, dest_inst,
                              rip6, nh6, route6, dest6 };
    for (size_t i = 0; i < sizeof theirs / sizeof theirs[0]; i++)
        check_refused_everywhere(rip, theirs[i], nh, other,
                                 theirs[i] == rip_inst || theirs[i] == rip6 ? AS_NEXTHOP
                                                                            : AS_REG | AS_NEXTHOP);
    /* RIP's own, used by the others. */
    check_refused_everywhere(rip_inst, rip, nh_inst, other, AS_NEXTHOP);
    check_refused_everywhere(rip_inst, nh, nh_inst, other, AS_REG | AS_NEXTHOP);
    check_refused_everywhere(rip6, rip, nh6, test_ipv6(0x2001, 0xdb9, 0, 32), AS_NEXTHOP);
    check_refused_everywhere(rip6, nh, nh6, test_ipv6(0x2001, 0xdb9, 0, 32), AS_REG | AS_NEXTHOP);

    /* Nothing changed there: each handle has its one reference, each route
     * is there. */
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(test_entity_count(rip_inst), 1);
    assert_int_equal(test_entity_count(rip6), 1);
    assert_int_equal(test_route_count(rip, other, NULL), 0);
    assert_int_equal(test_route_count(rip, net, NULL), 0);
    assert_int_equal(test_route_count(rip_inst, net, NULL), 1);
    assert_int_equal(test_route_count(rip6, net6, NULL), 1);
    assert_int_equal(route_state(rip_inst, route_inst), RTM_ROUTE_STATE_CREATED);
    assert_int_equal(route_state(rip6, route6), RTM_ROUTE_STATE_CREATED);
    assert_int_equal(test_release_dest_handle(rip_inst, dest_inst, TRUE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(rip_inst, dest_inst, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(test_release_dest_handle(rip6, dest6, TRUE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(rip6, dest6, TRUE), ERROR_INVALID_HANDLE);
    /* (Deleting a route releases the handle: then it is stale.) */
    assert_int_equal(RtmDeleteRouteToDest(rip_inst, route_inst, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip_inst, 1, &route_inst), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeleteRouteToDest(rip6, route6, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip6, 1, &route6), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip_inst, 1, &nh_inst), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip_inst, 1, &nh_inst), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip6, 1, &nh6), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip6, 1, &nh6), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(rip6), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip_inst), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

/* ---- a deregistered entity's handle ----------------------------------- */

static void test_deregistered_entity_handle(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 20;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 20, 0, 0, 16);
    RTM_NET_ADDRESS other = test_ipv4(10, 21, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 20, 1, 32), 20);
    RTM_NEXTHOP_HANDLE ospf_nh = test_add_nexthop(ospf, test_ipv4(192, 168, 20, 2, 32), 20);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE ospf_route = test_add_route(ospf, net, ospf_nh, 20, 1, NULL);
    RTM_ROUTE_INFO *rinfo = route_info_buffer();
    RTM_ENTITY_HANDLE listed[2];
    RTM_ENTITY_INFO infos[2];
    UINT count = 2;

    /* OSPF holds copies of RIP's handle: from the entity list and inside
     * the information of RIP's route. */
    assert_int_equal(RtmGetRegisteredEntities(ospf, &count, listed, infos), NO_ERROR);
    assert_int_equal(count, 2);
    RTM_ENTITY_HANDLE rip_copy = listed[0] == rip ? listed[0] : listed[1];
    RTM_ENTITY_HANDLE ospf_copy = listed[0] == rip ? listed[1] : listed[0];
    assert_ptr_equal(rip_copy, rip);
    assert_int_equal(RtmReleaseEntities(ospf, 1, &ospf_copy), NO_ERROR);
    assert_int_equal(RtmGetRouteInfo(ospf, route, rinfo, NULL), NO_ERROR);
    assert_ptr_equal(rinfo->RouteOwner, rip);

    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);

    /* As a registration handle it is refused, by every function. */
    {
        RTM_DEST_INFO *dinfo = test_dest_info();
        RTM_ENTITY_INFO einfo;
        RTM_ROUTE_INFO r = test_route(ospf_nh, 1, 1, RTM_VIEW_MASK_UCAST);
        RTM_NEXTHOP_INFO nhi;
        RTM_NEXTHOP_HANDLE newnh = NULL;
        HANDLE copy = ospf_route;
        UINT n = 2;
        PVOID slot = SENTINEL;

        memset(&nhi, 0, sizeof nhi);
        nhi.NextHopAddress = test_ipv4(192, 168, 20, 3, 32);
        assert_int_equal(RtmGetRegisteredEntities(rip, &n, listed, infos), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetEntityInfo(rip, ospf, &einfo), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmAddNextHop(rip, &nhi, &newnh, NULL), ERROR_INVALID_HANDLE);
        assert_null(newnh);
        assert_int_equal(RtmAddRouteToDest(rip, NULL, &other, &r, INFINITE, NULL, 0, NULL, NULL),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetExactMatchDestination(rip, &net, RTM_BEST_PROTOCOL,
                                                     RTM_VIEW_MASK_UCAST, dinfo),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetRouteInfo(rip, ospf_route, NULL, NULL), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReferenceHandles(rip, 1, &copy), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseRoutes(rip, 1, &copy), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmReleaseEntities(rip, 1, &rip_copy), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmDeregisterEntity(rip), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetOpaqueInformationPointer(rip, NULL, &slot), ERROR_INVALID_HANDLE);
        test_free(dinfo);
    }
    /* Nothing of that happened: OSPF's route is the only one. */
    RTM_ROUTE_HANDLE best;
    assert_int_equal(test_route_count(ospf, net, &best), 1);
    assert_ptr_equal(best, ospf_route);
    assert_int_equal(test_route_count(ospf, other, NULL), 0);
    assert_int_equal(test_entity_count(ospf), 1);

    /* OSPF's copies still work and are released normally, once each. */
    assert_int_equal(entity_status(ospf, rip_copy), NO_ERROR);
    assert_int_equal(RtmReleaseEntities(ospf, 1, &rip_copy), NO_ERROR);
    assert_int_equal(entity_status(ospf, rip), NO_ERROR); /* rinfo->RouteOwner */
    assert_int_equal(RtmReleaseRouteInfo(ospf, rinfo), NO_ERROR);
    assert_int_equal(entity_status(ospf, rip), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntities(ospf, 1, &rip_copy), ERROR_INVALID_HANDLE);

    test_free(rinfo);
    assert_int_equal(RtmReleaseRoutes(ospf, 1, &ospf_route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(ospf, 1, &ospf_nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
}

/* ---- double releases of entity handles -------------------------------- */

/*
 * An entity handle released once more than it was obtained, or a client
 * releasing its own registration handle as if it were a listed one: the
 * registration is not a reference those releases may drop. Refused, and
 * the entity stays registered and usable.
 */
static void test_double_release_of_entity_handle(void **state)
{
    (void)state;
    const USHORT inst = HND_INSTANCE + 22;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_ENTITY_HANDLE listed[2];
    UINT count = 2;

    assert_int_equal(RtmReleaseEntities(rip, 1, &rip), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetRegisteredEntities(ospf, &count, listed, NULL), NO_ERROR);
    assert_int_equal(count, 2);
    assert_int_equal(RtmReleaseEntities(ospf, 2, listed), NO_ERROR);
    assert_int_equal(RtmReleaseEntities(ospf, 2, listed), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntities(ospf, 1, &ospf), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDereferenceHandles(ospf, 1, &rip), ERROR_INVALID_HANDLE);

    /* Both still registered and working. */
    assert_int_equal(test_entity_count(rip), 2);
    assert_int_equal(entity_status(ospf, rip), NO_ERROR);
    assert_int_equal(entity_status(rip, ospf), NO_ERROR);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(192, 168, 22, 1, 32), 22);
    RTM_ROUTE_HANDLE route = test_add_route(rip, test_ipv4(10, 22, 0, 0, 16), nh, 10, 1, NULL);
    assert_int_equal(test_route_count(ospf, test_ipv4(10, 22, 0, 0, 16), NULL), 1);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), ERROR_INVALID_HANDLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_returned_handles_hold_references),
        cmocka_unit_test(test_keep_route_handle_of_dest_info),
        cmocka_unit_test(test_reference_handles_of_every_type),
        cmocka_unit_test(test_reference_handles_errors),
        cmocka_unit_test(test_dereference_handles),
        cmocka_unit_test(test_release_routes),
        cmocka_unit_test(test_release_nexthops),
        cmocka_unit_test(test_release_dests),
        cmocka_unit_test(test_forged_handles),
        cmocka_unit_test(test_stale_handles),
        cmocka_unit_test(test_wrong_type_handles),
        cmocka_unit_test(test_other_table_handles),
        cmocka_unit_test(test_deregistered_entity_handle),
        cmocka_unit_test(test_double_release_of_entity_handle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
