/*
 * test_entity.c - entities through the public API: RtmRegisterEntity,
 * RtmDeregisterEntity, RtmGetRegisteredEntities, RtmReleaseEntities,
 * RtmGetEntityInfo, RtmReleaseEntityInfo, RtmGetOpaqueInformationPointer
 * and RtmLockDestination as the opaque-pointer sample uses it
 * (spec/rras/access-the-opaque-pointer-in-a-destination.md).
 *
 * Every test works in RTM instances of its own (ENT_INSTANCE + n), so that
 * the process-wide tables do not mix entities of different tests, and
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

/* The RTM instances of this program: ENT_INSTANCE + a number per test. */
#define ENT_INSTANCE 1000

/* What the implementation documents for RTM_REGN_PROFILE and opaque slots. */
#define MAX_NEXTHOPS_IN_ROUTE 4
#define MAX_HANDLES_IN_ENUM 100
#define MAX_OPAQUE_POINTERS 16

/* A value no API call may write: outputs are preset with it to see that a
 * failing call leaves them alone. */
#define SENTINEL ((HANDLE)(uintptr_t)0x5a5a5a5a)

/* An RTM_ENTITY_INFO. */
static RTM_ENTITY_INFO entity_info(USHORT instance, USHORT family, ULONG protocol,
                                   ULONG protocol_instance)
{
    RTM_ENTITY_INFO info;
    memset(&info, 0, sizeof info);
    info.RtmInstanceId = instance;
    info.AddressFamily = family;
    info.EntityId.EntityProtocolId = protocol;
    info.EntityId.EntityInstanceId = protocol_instance;
    return info;
}

/* Registers; returns the status, the handle in *out (untouched on error,
 * which the caller checks by presetting it). */
static DWORD try_register(USHORT instance, USHORT family, ULONG protocol, ULONG protocol_instance,
                          BOOL opaque, RTM_ENTITY_HANDLE *out)
{
    RTM_ENTITY_INFO info = entity_info(instance, family, protocol, protocol_instance);
    RTM_REGN_PROFILE profile;
    return RtmRegisterEntity(&info, NULL, NULL, opaque, &profile, out);
}

/* Whether (protocol, instance) is among the entities registered in reg's
 * table. */
static int entity_listed(RTM_ENTITY_HANDLE reg, ULONG protocol, ULONG protocol_instance)
{
    RTM_ENTITY_INFO infos[32];
    UINT count = 32;
    int found = 0;

    assert_int_equal(RtmGetRegisteredEntities(reg, &count, NULL, infos), NO_ERROR);
    for (UINT i = 0; i < count; i++)
        if (infos[i].EntityId.EntityProtocolId == protocol &&
            infos[i].EntityId.EntityInstanceId == protocol_instance)
            found++;
    return found;
}

/* An entity handle obtained through RtmGetRegisteredEntities (holding a
 * reference of its own), found by protocol id. */
static RTM_ENTITY_HANDLE listed_handle(RTM_ENTITY_HANDLE reg, ULONG protocol)
{
    RTM_ENTITY_HANDLE handles[32];
    RTM_ENTITY_INFO infos[32];
    RTM_ENTITY_HANDLE found = NULL;
    UINT count = 32, others = 0;
    RTM_ENTITY_HANDLE rest[32];

    assert_int_equal(RtmGetRegisteredEntities(reg, &count, handles, infos), NO_ERROR);
    for (UINT i = 0; i < count; i++) {
        if (!found && infos[i].EntityId.EntityProtocolId == protocol)
            found = handles[i];
        else
            rest[others++] = handles[i];
    }
    if (others)
        assert_int_equal(RtmReleaseEntities(reg, others, rest), NO_ERROR);
    assert_non_null(found);
    return found;
}

static VOID WINAPI test_method(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                               RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    (void)caller;
    (void)callee;
    (void)input;
    (void)output;
}

/* ---- RtmRegisterEntity ------------------------------------------------ */

static void test_register_returns_profile_and_handle(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 1;
    RTM_ENTITY_INFO info = entity_info(inst, AF_INET, PROTO_IP_RIP, 7);
    RTM_ENTITY_INFO got;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE rip = SENTINEL, ospf = SENTINEL;

    memset(&profile, 0xa5, sizeof profile);
    assert_int_equal(RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &rip), NO_ERROR);
    assert_non_null(rip);
    assert_ptr_not_equal(rip, SENTINEL);
    assert_int_equal(profile.MaxNextHopsInRoute, MAX_NEXTHOPS_IN_ROUTE);
    assert_int_equal(profile.MaxHandlesInEnum, MAX_HANDLES_IN_ENUM);
    assert_int_equal(profile.ViewsSupported, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST);
    assert_int_equal(profile.NumberOfViews, 2);

    /* The registration is what was asked for. */
    memset(&got, 0xa5, sizeof got);
    assert_int_equal(RtmGetEntityInfo(rip, rip, &got), NO_ERROR);
    assert_int_equal(got.RtmInstanceId, inst);
    assert_int_equal(got.AddressFamily, AF_INET);
    assert_int_equal(got.EntityId.EntityProtocolId, PROTO_IP_RIP);
    assert_int_equal(got.EntityId.EntityInstanceId, 7);
    assert_int_equal(RtmReleaseEntityInfo(rip, &got), NO_ERROR);

    /* A second entity, with exported methods, an event callback of NULL
     * and an opaque pointer: another handle, the same profile. */
    struct {
        UINT NumMethods;
        RTM_ENTITY_EXPORT_METHOD Methods[2];
    } methods = { 2, { test_method, test_method } };
    info = entity_info(inst, AF_INET, PROTO_IP_OSPF, 7);
    memset(&profile, 0, sizeof profile);
    assert_int_equal(RtmRegisterEntity(&info, (PRTM_ENTITY_EXPORT_METHODS)&methods, NULL, TRUE,
                                       &profile, &ospf),
                     NO_ERROR);
    assert_non_null(ospf);
    assert_ptr_not_equal(ospf, rip);
    assert_int_equal(profile.MaxNextHopsInRoute, MAX_NEXTHOPS_IN_ROUTE);
    assert_int_equal(profile.MaxHandlesInEnum, MAX_HANDLES_IN_ENUM);
    assert_int_equal(profile.NumberOfViews, 2);
    assert_int_equal(test_entity_count(rip), 2);

    /* An IPv6 registration in the same instance is another table. */
    RTM_ENTITY_HANDLE rip6 = test_register(inst, AF_INET6, PROTO_IP_RIP, 7, FALSE);
    assert_ptr_not_equal(rip6, rip);
    assert_int_equal(RtmGetEntityInfo(rip6, rip6, &got), NO_ERROR);
    assert_int_equal(got.AddressFamily, AF_INET6);
    assert_int_equal(test_entity_count(rip6), 1);
    assert_int_equal(test_entity_count(rip), 2);

    assert_int_equal(RtmDeregisterEntity(rip6), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_register_invalid_parameter(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 2;
    RTM_ENTITY_INFO info = entity_info(inst, AF_INET, PROTO_IP_RIP, 1);
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE handle = SENTINEL;

    assert_int_equal(RtmRegisterEntity(NULL, NULL, NULL, FALSE, &profile, &handle),
                     ERROR_INVALID_PARAMETER);
    assert_ptr_equal(handle, SENTINEL);
    assert_int_equal(RtmRegisterEntity(&info, NULL, NULL, FALSE, NULL, &handle),
                     ERROR_INVALID_PARAMETER);
    assert_ptr_equal(handle, SENTINEL);
    assert_int_equal(RtmRegisterEntity(&info, NULL, NULL, TRUE, &profile, NULL),
                     ERROR_INVALID_PARAMETER);

    /* Address families other than AF_INET and AF_INET6. */
    static const USHORT bad_families[] = { 0, 1, 3, 0xffff };
    for (size_t i = 0; i < sizeof bad_families / sizeof bad_families[0]; i++) {
        info.AddressFamily = bad_families[i];
        assert_int_equal(RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &handle),
                         ERROR_INVALID_PARAMETER);
        assert_ptr_equal(handle, SENTINEL);
    }

    /* Nothing was registered: the id is free, and is the only entity. */
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_register_invalid_data(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 3;
    RTM_ENTITY_INFO info = entity_info(inst, AF_INET, PROTO_IP_BGP, 1);
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE handle = SENTINEL;
    struct {
        UINT NumMethods;
        RTM_ENTITY_EXPORT_METHOD Methods[3];
    } methods = { 3, { test_method, NULL, test_method } };

    /* A NULL method in the list. */
    assert_int_equal(RtmRegisterEntity(&info, (PRTM_ENTITY_EXPORT_METHODS)&methods, NULL, TRUE,
                                       &profile, &handle),
                     ERROR_INVALID_DATA);
    assert_ptr_equal(handle, SENTINEL);
    methods.Methods[1] = test_method;
    methods.Methods[0] = NULL;
    assert_int_equal(RtmRegisterEntity(&info, (PRTM_ENTITY_EXPORT_METHODS)&methods, NULL, FALSE,
                                       &profile, &handle),
                     ERROR_INVALID_DATA);
    assert_ptr_equal(handle, SENTINEL);

    /* Only the first NumMethods count: the NULL one is past them. */
    methods.Methods[0] = test_method;
    methods.Methods[2] = NULL;
    methods.NumMethods = 2;
    assert_int_equal(RtmRegisterEntity(&info, (PRTM_ENTITY_EXPORT_METHODS)&methods, NULL, FALSE,
                                       &profile, &handle),
                     NO_ERROR);
    assert_int_equal(test_entity_count(handle), 1);
    assert_int_equal(RtmDeregisterEntity(handle), NO_ERROR);

    /* An empty list is fine. */
    methods.NumMethods = 0;
    methods.Methods[0] = NULL;
    handle = NULL;
    assert_int_equal(RtmRegisterEntity(&info, (PRTM_ENTITY_EXPORT_METHODS)&methods, NULL, FALSE,
                                       &profile, &handle),
                     NO_ERROR);
    assert_int_equal(test_entity_count(handle), 1);
    assert_int_equal(RtmDeregisterEntity(handle), NO_ERROR);
}

static void test_register_already_exists(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 4;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE handle = SENTINEL;

    /* The same entity id (protocol and instance) in the same table, with or
     * without an opaque pointer. */
    for (int i = 0; i < 2 * MAX_OPAQUE_POINTERS; i++) {
        assert_int_equal(try_register(inst, AF_INET, PROTO_IP_RIP, 1, i & 1, &handle),
                         ERROR_ALREADY_EXISTS);
        assert_ptr_equal(handle, SENTINEL);
    }
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(entity_listed(rip, PROTO_IP_RIP, 1), 1);

    /* The failed attempts reserved no opaque pointer: all the slots are
     * still there. */
    RTM_ENTITY_HANDLE opaque[MAX_OPAQUE_POINTERS];
    for (int i = 0; i < MAX_OPAQUE_POINTERS; i++)
        opaque[i] = test_register(inst, AF_INET, PROTO_IP_OSPF, 100 + i, TRUE);
    for (int i = 0; i < MAX_OPAQUE_POINTERS; i++)
        assert_int_equal(RtmDeregisterEntity(opaque[i]), NO_ERROR);

    /* Another protocol instance, another RTM instance, another family: all
     * different entities. */
    RTM_ENTITY_HANDLE rip2 = test_register(inst, AF_INET, PROTO_IP_RIP, 2, FALSE);
    RTM_ENTITY_HANDLE other_inst = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE other_family = test_register(inst, AF_INET6, PROTO_IP_RIP, 1, FALSE);
    assert_int_equal(test_entity_count(rip), 2);
    assert_int_equal(test_entity_count(other_inst), 1);
    assert_int_equal(test_entity_count(other_family), 1);

    /* Once deregistered, the id can be registered again. */
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_int_equal(try_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE, &handle), NO_ERROR);
    assert_ptr_not_equal(handle, SENTINEL);
    assert_int_equal(test_entity_count(handle), 2);
    assert_int_equal(try_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE, &rip), ERROR_ALREADY_EXISTS);

    assert_int_equal(RtmDeregisterEntity(handle), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip2), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other_inst), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other_family), NO_ERROR);
}

static void test_register_opaque_pointers_exhausted(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 6;
    RTM_ENTITY_HANDLE opaque[MAX_OPAQUE_POINTERS];
    RTM_ENTITY_HANDLE handle = SENTINEL;

    for (int i = 0; i < MAX_OPAQUE_POINTERS; i++)
        opaque[i] = test_register(inst, AF_INET, PROTO_IP_OSPF, i + 1, TRUE);

    /* Every slot is taken. */
    assert_int_equal(try_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE, &handle),
                     ERROR_NO_SYSTEM_RESOURCES);
    assert_ptr_equal(handle, SENTINEL);
    assert_int_equal(test_entity_count(opaque[0]), MAX_OPAQUE_POINTERS);
    assert_int_equal(entity_listed(opaque[0], PROTO_IP_RIP, 1), 0);

    /* Without an opaque pointer the same entity registers. */
    RTM_ENTITY_HANDLE plain = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    assert_int_equal(test_entity_count(plain), MAX_OPAQUE_POINTERS + 1);

    /* The slots are per table: another instance still has all of its own. */
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, TRUE);

    /* A deregistration gives its slot back, once. */
    assert_int_equal(RtmDeregisterEntity(opaque[3]), NO_ERROR);
    opaque[3] = test_register(inst, AF_INET, PROTO_IP_RIP, 2, TRUE);
    assert_int_equal(try_register(inst, AF_INET, PROTO_IP_RIP, 3, TRUE, &handle),
                     ERROR_NO_SYSTEM_RESOURCES);
    assert_ptr_equal(handle, SENTINEL);

    for (int i = 0; i < MAX_OPAQUE_POINTERS; i++)
        assert_int_equal(RtmDeregisterEntity(opaque[i]), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(plain), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
}

/* ---- RtmDeregisterEntity ---------------------------------------------- */

static void test_deregister_invalid_handle(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 8;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ROUTE_HANDLE route = test_add_route(rip, test_ipv4(10, 1, 0, 0, 16), nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, test_ipv4(10, 1, 0, 0, 16));
    int local = 0;

    assert_int_equal(RtmDeregisterEntity(NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity((HANDLE)1), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity((HANDLE)(uintptr_t)0xdeadbeef), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity((HANDLE)&local), ERROR_INVALID_HANDLE);
    /* Handles of other types. */
    assert_int_equal(RtmDeregisterEntity(route), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity(nh), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity(dest), ERROR_INVALID_HANDLE);

    /* Nothing changed. */
    assert_int_equal(test_entity_count(rip), 2);
    assert_int_equal(test_route_count(ospf, test_ipv4(10, 1, 0, 0, 16), NULL), 1);

    assert_int_equal(test_release_dest_handle(rip, dest, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);

    /* A deregistered entity's handle is refused, also by a second
     * deregistration. */
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), ERROR_INVALID_HANDLE);
    assert_int_equal(test_entity_count(ospf), 1);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), ERROR_INVALID_HANDLE);
}

static void test_deregister_deletes_routes_and_next_hops(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 9;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NET_ADDRESS shared = test_ipv4(10, 0, 0, 0, 8);
    RTM_NET_ADDRESS rip_only = test_ipv4(172, 16, 0, 0, 12);
    RTM_NEXTHOP_HANDLE rip_nh = test_add_nexthop(rip, test_ipv4(192, 168, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE ospf_nh = test_add_nexthop(ospf, test_ipv4(192, 168, 0, 2, 32), 2);
    RTM_ROUTE_HANDLE rip_route = test_add_route(rip, shared, rip_nh, 5, 1, NULL);
    RTM_ROUTE_HANDLE ospf_route = test_add_route(ospf, shared, ospf_nh, 20, 1, NULL);
    RTM_ROUTE_HANDLE rip_route2 = test_add_route(rip, rip_only, rip_nh, 5, 1, NULL);
    RTM_DEST_INFO *info = test_dest_info();

    /* RIP's route is the best (lower preference). OSPF keeps a handle of
     * it, and of RIP (RouteOwner), through the route's information. */
    assert_int_equal(RtmGetExactMatchDestination(ospf, &shared, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_ptr_equal(info->ViewInfo[0].Route, rip_route);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 2);
    assert_int_equal(RtmReleaseDestInfo(ospf, info), NO_ERROR);
    RTM_ROUTE_INFO *kept = test_malloc(RTM_SIZE_OF_ROUTE_INFO(MAX_NEXTHOPS_IN_ROUTE + 1));
    RTM_ROUTE_HANDLE kept_route = NULL;
    assert_int_equal(RtmGetExactMatchRoute(ospf, &shared, RTM_MATCH_NONE, kept, 0,
                                           RTM_VIEW_MASK_UCAST, &kept_route),
                     NO_ERROR);
    assert_ptr_equal(kept_route, rip_route);
    assert_ptr_equal(kept->RouteOwner, rip);

    /* RIP's own handles go with its registration: release them first. */
    assert_int_equal(RtmReleaseRoutes(rip, 1, &rip_route), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &rip_route2), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &rip_nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);

    /* Its routes are gone: OSPF's is the best and only one; the
     * destination only RIP had a route to is gone. */
    assert_int_equal(RtmGetExactMatchDestination(ospf, &shared, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_ptr_equal(info->ViewInfo[0].Route, ospf_route);
    assert_ptr_equal(info->ViewInfo[0].Owner, ospf);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 1);
    assert_int_equal(RtmReleaseDestInfo(ospf, info), NO_ERROR);
    assert_int_equal(RtmGetExactMatchDestination(ospf, &rip_only, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     ERROR_NOT_FOUND);
    assert_int_equal(test_entity_count(ospf), 1);

    /* The route OSPF kept is still readable, as deleted; its next hop too. */
    RTM_ROUTE_INFO *again = test_malloc(RTM_SIZE_OF_ROUTE_INFO(MAX_NEXTHOPS_IN_ROUTE + 1));
    assert_int_equal(RtmGetRouteInfo(ospf, kept_route, again, NULL), NO_ERROR);
    assert_int_equal(again->State, RTM_ROUTE_STATE_DELETED);
    assert_int_equal(again->PrefInfo.Preference, 5);
    RTM_NEXTHOP_INFO nhinfo;
    assert_int_equal(RtmGetNextHopInfo(ospf, kept->NextHopsList.NextHops[0], &nhinfo), NO_ERROR);
    assert_int_equal(nhinfo.State, RTM_NEXTHOP_STATE_DELETED);
    assert_int_equal(nhinfo.InterfaceIndex, 1);
    assert_ptr_equal(nhinfo.NextHopOwner, rip);
    assert_int_equal(RtmReleaseNextHopInfo(ospf, &nhinfo), NO_ERROR);
    assert_int_equal(RtmReleaseRouteInfo(ospf, again), NO_ERROR);

    /* The registration handle is refused, the copies OSPF holds are not. */
    RTM_ENTITY_INFO einfo;
    assert_int_equal(RtmGetEntityInfo(rip, rip, &einfo), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo(ospf, kept->RouteOwner, &einfo), NO_ERROR);
    assert_int_equal(einfo.EntityId.EntityProtocolId, PROTO_IP_RIP);
    assert_int_equal(RtmReleaseRouteInfo(ospf, kept), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(ospf, 1, &kept_route), NO_ERROR);
    /* Once the last of them is released, the route is gone for good. */
    assert_int_equal(RtmGetRouteInfo(ospf, kept_route, again, NULL), ERROR_INVALID_HANDLE);

    test_free(again);
    test_free(kept);
    test_free(info);
    assert_int_equal(RtmReleaseRoutes(ospf, 1, &ospf_route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(ospf, 1, &ospf_nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
}

/* ---- RtmGetRegisteredEntities ----------------------------------------- */

static void test_get_registered_entities(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 10;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 2, TRUE);
    RTM_ENTITY_HANDLE bgp = test_register(inst, AF_INET, PROTO_IP_BGP, 3, FALSE);
    /* Not in RIP's table. */
    RTM_ENTITY_HANDLE rip6 = test_register(inst, AF_INET6, PROTO_IP_RIP, 4, FALSE);
    RTM_ENTITY_HANDLE rip_other = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 5, FALSE);
    RTM_ENTITY_HANDLE handles[5];
    RTM_ENTITY_INFO infos[5];
    UINT count;

    for (int i = 0; i < 5; i++)
        handles[i] = SENTINEL;
    memset(infos, 0xa5, sizeof infos);
    count = 5;
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, handles, infos), NO_ERROR);
    assert_int_equal(count, 3);
    /* Each entity once, its handle the registration handle, its info the
     * registered one. */
    int seen = 0;
    for (UINT i = 0; i < count; i++) {
        assert_int_equal(infos[i].RtmInstanceId, inst);
        assert_int_equal(infos[i].AddressFamily, AF_INET);
        switch (infos[i].EntityId.EntityProtocolId) {
        case PROTO_IP_RIP:
            assert_ptr_equal(handles[i], rip);
            assert_int_equal(infos[i].EntityId.EntityInstanceId, 1);
            seen |= 1;
            break;
        case PROTO_IP_OSPF:
            assert_ptr_equal(handles[i], ospf);
            assert_int_equal(infos[i].EntityId.EntityInstanceId, 2);
            seen |= 2;
            break;
        case PROTO_IP_BGP:
            assert_ptr_equal(handles[i], bgp);
            assert_int_equal(infos[i].EntityId.EntityInstanceId, 3);
            seen |= 4;
            break;
        default:
            fail_msg("unexpected protocol %lu", (unsigned long)infos[i].EntityId.EntityProtocolId);
        }
    }
    assert_int_equal(seen, 7);
    /* The rest of the arrays is untouched. */
    assert_ptr_equal(handles[3], SENTINEL);
    assert_ptr_equal(handles[4], SENTINEL);
    assert_int_equal(infos[3].RtmInstanceId, 0xa5a5);
    assert_int_equal(RtmReleaseEntities(rip, count, handles), NO_ERROR);

    /* The same seen from another entity of the table; infos only. */
    count = 3;
    memset(infos, 0, sizeof infos);
    assert_int_equal(RtmGetRegisteredEntities(bgp, &count, NULL, infos), NO_ERROR);
    assert_int_equal(count, 3);
    /* Handles only. */
    count = 3;
    assert_int_equal(RtmGetRegisteredEntities(ospf, &count, handles, NULL), NO_ERROR);
    assert_int_equal(count, 3);
    assert_int_equal(RtmReleaseEntities(ospf, count, handles), NO_ERROR);

    /* The other tables. */
    count = 5;
    assert_int_equal(RtmGetRegisteredEntities(rip6, &count, handles, infos), NO_ERROR);
    assert_int_equal(count, 1);
    assert_ptr_equal(handles[0], rip6);
    assert_int_equal(infos[0].AddressFamily, AF_INET6);
    assert_int_equal(infos[0].EntityId.EntityInstanceId, 4);
    assert_int_equal(RtmReleaseEntities(rip6, 1, handles), NO_ERROR);
    count = 5;
    assert_int_equal(RtmGetRegisteredEntities(rip_other, &count, NULL, infos), NO_ERROR);
    assert_int_equal(count, 1);
    assert_int_equal(infos[0].RtmInstanceId, inst + 1);

    /* A deregistered entity is no longer listed. */
    assert_int_equal(RtmDeregisterEntity(bgp), NO_ERROR);
    count = 5;
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, NULL, infos), NO_ERROR);
    assert_int_equal(count, 2);
    for (UINT i = 0; i < count; i++)
        assert_int_not_equal(infos[i].EntityId.EntityProtocolId, PROTO_IP_BGP);

    assert_int_equal(RtmDeregisterEntity(rip6), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip_other), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_get_registered_entities_insufficient_buffer(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 12;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_ENTITY_HANDLE bgp = test_register(inst, AF_INET, PROTO_IP_BGP, 1, FALSE);
    RTM_ENTITY_HANDLE handles[3] = { SENTINEL, SENTINEL, SENTINEL };
    RTM_ENTITY_INFO infos[3];
    UINT count;

    /* As the sample does: ask with no room to learn the number. */
    count = 0;
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, handles, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(count, 3);
    assert_ptr_equal(handles[0], SENTINEL);

    /* Room for fewer than there are: the number, and nothing written. */
    memset(infos, 0xa5, sizeof infos);
    count = 2;
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, handles, infos), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(count, 3);
    for (int i = 0; i < 3; i++) {
        assert_ptr_equal(handles[i], SENTINEL);
        assert_int_equal(infos[i].AddressFamily, 0xa5a5);
    }

    /* ... and no reference taken: once OSPF and BGP are deregistered their
     * handles are stale. */
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(bgp), NO_ERROR);
    assert_int_equal(RtmGetEntityInfo(rip, ospf, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo(rip, bgp, infos), ERROR_INVALID_HANDLE);

    /* One left: room for one is enough. */
    count = 1;
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, handles, infos), NO_ERROR);
    assert_int_equal(count, 1);
    assert_ptr_equal(handles[0], rip);
    assert_int_equal(RtmReleaseEntities(rip, 1, handles), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_get_registered_entities_errors(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 13;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ENTITY_HANDLE handles[2] = { SENTINEL, SENTINEL };
    RTM_ENTITY_INFO infos[2];
    UINT count;
    int local = 0;

    assert_int_equal(RtmGetRegisteredEntities(rip, NULL, handles, infos), ERROR_INVALID_PARAMETER);
    assert_ptr_equal(handles[0], SENTINEL);

    const HANDLE bad[] = { NULL, (HANDLE)1, (HANDLE)(uintptr_t)0xdeadbeef, (HANDLE)&local, nh };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        count = 2;
        assert_int_equal(RtmGetRegisteredEntities(bad[i], &count, handles, infos),
                         ERROR_INVALID_HANDLE);
        assert_int_equal(count, 2);
        assert_ptr_equal(handles[0], SENTINEL);
    }

    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    count = 2;
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, handles, infos), ERROR_INVALID_HANDLE);
    assert_int_equal(count, 2);
    assert_ptr_equal(handles[0], SENTINEL);
}

/* ---- RtmReleaseEntities ----------------------------------------------- */

static void test_listed_handles_hold_a_reference(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 14;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 9, FALSE);
    RTM_ENTITY_HANDLE listed = listed_handle(rip, PROTO_IP_OSPF);
    RTM_ENTITY_INFO info;
    UINT count;

    assert_ptr_equal(listed, ospf);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);

    /* The handle RIP holds still describes the deregistered OSPF... */
    memset(&info, 0, sizeof info);
    assert_int_equal(RtmGetEntityInfo(rip, listed, &info), NO_ERROR);
    assert_int_equal(info.EntityId.EntityProtocolId, PROTO_IP_OSPF);
    assert_int_equal(info.EntityId.EntityInstanceId, 9);
    assert_int_equal(info.RtmInstanceId, inst);
    assert_int_equal(RtmReleaseEntityInfo(rip, &info), NO_ERROR);
    /* ... but is no registration handle any more. */
    count = 4;
    assert_int_equal(RtmGetRegisteredEntities(listed, &count, NULL, NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity(listed), ERROR_INVALID_HANDLE);
    assert_int_equal(test_entity_count(rip), 1);

    /* Released, it is stale; a second release is refused. */
    assert_int_equal(RtmReleaseEntities(rip, 1, &listed), NO_ERROR);
    assert_int_equal(RtmGetEntityInfo(rip, listed, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntities(rip, 1, &listed), ERROR_INVALID_HANDLE);

    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_release_entities_errors(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 15;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_ENTITY_HANDLE bgp = test_register(inst, AF_INET, PROTO_IP_BGP, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ENTITY_HANDLE h_ospf = listed_handle(rip, PROTO_IP_OSPF);
    RTM_ENTITY_HANDLE h_bgp = listed_handle(rip, PROTO_IP_BGP);
    RTM_ENTITY_INFO info;
    int local = 0;

    /* Nothing to release. */
    assert_int_equal(RtmReleaseEntities(rip, 0, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseEntities(rip, 1, NULL), ERROR_INVALID_PARAMETER);

    /* OSPF and BGP deregister: from now on only RIP's references keep
     * their handles valid. */
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(bgp), NO_ERROR);

    /* A bad registration handle: nothing is released. */
    assert_int_equal(RtmReleaseEntities(NULL, 1, &h_ospf), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntities((HANDLE)(uintptr_t)0xdeadbeef, 1, &h_ospf),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntities(ospf, 1, &h_ospf), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntities(nh, 1, &h_ospf), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo(rip, h_ospf, &info), NO_ERROR);

    /* A handle that is not an entity's, or forged: refused, and the next hop
     * keeps its reference. */
    assert_int_equal(RtmReleaseEntities(rip, 1, &nh), ERROR_INVALID_HANDLE);
    RTM_NEXTHOP_INFO nhinfo;
    assert_int_equal(RtmGetNextHopInfo(rip, nh, &nhinfo), NO_ERROR);
    assert_int_equal(RtmReleaseNextHopInfo(rip, &nhinfo), NO_ERROR);

    /* Bad ones among good ones: refused, the good ones released all the
     * same. */
    RTM_ENTITY_HANDLE mixed[] = { h_ospf, (HANDLE)1, (HANDLE)&local, NULL, h_bgp };
    assert_int_equal(RtmReleaseEntities(rip, 5, mixed), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo(rip, h_ospf, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo(rip, h_bgp, &info), ERROR_INVALID_HANDLE);
    /* Released twice. */
    assert_int_equal(RtmReleaseEntities(rip, 1, &h_ospf), ERROR_INVALID_HANDLE);

    /* RIP is untouched by all this. */
    assert_int_equal(test_entity_count(rip), 1);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

/* ---- RtmGetEntityInfo, RtmReleaseEntityInfo --------------------------- */

static void test_get_entity_info(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 16;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET6, PROTO_IP_RIP, 0x12345678, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET6, PROTO_IP_OSPF, 0xfedcba98, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET6, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE other_family = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv6(0xfe80, 0, 1, 128), 3);
    RTM_ENTITY_INFO info, before;
    int local = 0;

    /* Another entity of the table. */
    memset(&info, 0, sizeof info);
    assert_int_equal(RtmGetEntityInfo(rip, ospf, &info), NO_ERROR);
    assert_int_equal(info.RtmInstanceId, inst);
    assert_int_equal(info.AddressFamily, AF_INET6);
    assert_int_equal(info.EntityId.EntityProtocolId, PROTO_IP_OSPF);
    assert_int_equal(info.EntityId.EntityInstanceId, 0xfedcba98);
    assert_int_equal(RtmReleaseEntityInfo(rip, &info), NO_ERROR);

    memset(&before, 0xa5, sizeof before);
    info = before;
    /* Bad registration handles. */
    assert_int_equal(RtmGetEntityInfo(NULL, ospf, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo((HANDLE)1, ospf, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityInfo(nh, ospf, &info), ERROR_INVALID_HANDLE);
    /* Bad entity handles: forged, of another type, of another table. */
    const HANDLE bad[] = { NULL, (HANDLE)1, (HANDLE)(uintptr_t)0xdeadbeef, (HANDLE)&local, nh,
                           elsewhere, other_family };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(RtmGetEntityInfo(rip, bad[i], &info), ERROR_INVALID_HANDLE);
    assert_memory_equal(&info, &before, sizeof info);
    /* No room for the answer. */
    assert_int_equal(RtmGetEntityInfo(rip, ospf, NULL), ERROR_INVALID_PARAMETER);

    /* RtmReleaseEntityInfo: the structure holds no handle; it is left as
     * it is, and releasing it twice is harmless. */
    assert_int_equal(RtmGetEntityInfo(ospf, rip, &info), NO_ERROR);
    before = info;
    assert_int_equal(RtmReleaseEntityInfo(ospf, &info), NO_ERROR);
    assert_int_equal(RtmReleaseEntityInfo(ospf, &info), NO_ERROR);
    assert_memory_equal(&info, &before, sizeof info);
    assert_int_equal(RtmReleaseEntityInfo(ospf, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmReleaseEntityInfo(NULL, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntityInfo((HANDLE)(uintptr_t)0xdeadbeef, &info),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntityInfo(nh, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(test_entity_count(rip), 2);

    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    /* A deregistered caller. */
    assert_int_equal(RtmGetEntityInfo(ospf, rip, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmReleaseEntityInfo(ospf, &info), ERROR_INVALID_HANDLE);
    /* A deregistered entity nobody holds a handle of. */
    assert_int_equal(RtmGetEntityInfo(rip, ospf, &info), ERROR_INVALID_HANDLE);

    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other_family), NO_ERROR);
}

/* ---- Opaque pointers -------------------------------------------------- */

/* The private information the sample keeps in a destination. */
typedef struct {
    ULONG Info1;
    ULONG Info2;
} OPAQUE_INFO;

/*
 * One pass of spec/rras/access-the-opaque-pointer-in-a-destination.md:
 * lock the destination exclusively, get the opaque pointer slot, create
 * the information on the first pass (1, 2) or change it on later ones
 * (3, 4), unlock. Returns the status the sample would return.
 */
static DWORD sample_access_opaque(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest)
{
    PVOID slot = NULL;
    OPAQUE_INFO *opaque;
    DWORD status;

    status = RtmLockDestination(reg, dest, TRUE, TRUE);
    if (status != NO_ERROR)
        return status;

    status = RtmGetOpaqueInformationPointer(reg, dest, &slot);
    if (status == NO_ERROR) {
        opaque = *(PVOID *)slot;
        if (opaque == NULL) {
            /* Nothing there yet: create the information. */
            opaque = malloc(sizeof *opaque);
            if (opaque) {
                opaque->Info1 = 1;
                opaque->Info2 = 2;
                *(PVOID *)slot = opaque;
            }
        } else {
            /* Already there: change it. */
            opaque->Info1 = 3;
            opaque->Info2 = 4;
        }
    }

    assert_int_equal(RtmLockDestination(reg, dest, TRUE, FALSE), NO_ERROR);
    return status;
}

/* Reads reg's opaque information in dest under a shared lock. */
static OPAQUE_INFO *read_opaque(RTM_ENTITY_HANDLE reg, RTM_DEST_HANDLE dest, PVOID *slot_out)
{
    PVOID slot = NULL;
    OPAQUE_INFO *opaque;

    assert_int_equal(RtmLockDestination(reg, dest, FALSE, TRUE), NO_ERROR);
    assert_int_equal(RtmGetOpaqueInformationPointer(reg, dest, &slot), NO_ERROR);
    assert_non_null(slot);
    opaque = *(PVOID *)slot;
    assert_int_equal(RtmLockDestination(reg, dest, FALSE, FALSE), NO_ERROR);
    if (slot_out)
        *slot_out = slot;
    return opaque;
}

static void test_sample_access_opaque_pointer(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 18;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, TRUE);
    RTM_NET_ADDRESS net = test_ipv4(10, 20, 0, 0, 16);
    RTM_NET_ADDRESS net2 = test_ipv4(10, 21, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE route2 = test_add_route(rip, net2, nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);
    RTM_DEST_HANDLE dest2 = test_dest_of(rip, net2);
    PVOID slot, slot_again, ospf_slot, slot2;
    OPAQUE_INFO *opaque;

    /* First pass: the slot is empty; the information is created. */
    assert_null(read_opaque(rip, dest, &slot));
    assert_int_equal(sample_access_opaque(rip, dest), NO_ERROR);
    opaque = read_opaque(rip, dest, &slot_again);
    assert_non_null(opaque);
    assert_ptr_equal(slot_again, slot);
    assert_int_equal(opaque->Info1, 1);
    assert_int_equal(opaque->Info2, 2);

    /* Second pass: the information is found and changed in place. */
    assert_int_equal(sample_access_opaque(rip, dest), NO_ERROR);
    assert_ptr_equal(read_opaque(rip, dest, NULL), opaque);
    assert_int_equal(opaque->Info1, 3);
    assert_int_equal(opaque->Info2, 4);

    /* Each client has its own slot, each destination its own slots. */
    assert_null(read_opaque(ospf, dest, &ospf_slot));
    assert_ptr_not_equal(ospf_slot, slot);
    assert_null(read_opaque(rip, dest2, &slot2));
    assert_ptr_not_equal(slot2, slot);
    assert_int_equal(sample_access_opaque(ospf, dest), NO_ERROR);
    OPAQUE_INFO *ospf_opaque = read_opaque(ospf, dest, NULL);
    assert_non_null(ospf_opaque);
    assert_ptr_not_equal(ospf_opaque, opaque);
    assert_int_equal(ospf_opaque->Info1, 1);
    assert_ptr_equal(read_opaque(rip, dest, NULL), opaque);
    assert_int_equal(opaque->Info1, 3);

    /* The information lives with the destination, not with the handle:
     * another handle of it reaches the same slot. */
    RTM_DEST_HANDLE dest_again = test_dest_of(ospf, net);
    assert_ptr_equal(read_opaque(rip, dest_again, &slot_again), opaque);
    assert_ptr_equal(slot_again, slot);
    assert_int_equal(test_release_dest_handle(ospf, dest_again, FALSE), NO_ERROR);

    /* The clients free what they stored before the destination goes. */
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmGetOpaqueInformationPointer(rip, dest, &slot), NO_ERROR);
    *(PVOID *)slot = NULL;
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, FALSE), NO_ERROR);
    free(opaque);
    assert_int_equal(RtmLockDestination(ospf, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmGetOpaqueInformationPointer(ospf, dest, &slot), NO_ERROR);
    *(PVOID *)slot = NULL;
    assert_int_equal(RtmLockDestination(ospf, dest, TRUE, FALSE), NO_ERROR);
    free(ospf_opaque);

    assert_int_equal(test_release_dest_handle(rip, dest, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(rip, dest2, FALSE), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(rip, route2, NULL), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

static void test_opaque_pointer_errors(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 19;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE plain = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_NET_ADDRESS net = test_ipv4(10, 30, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh_else = test_add_nexthop(elsewhere, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE route_else = test_add_route(elsewhere, net, nh_else, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);
    RTM_DEST_HANDLE dest_else = test_dest_of(elsewhere, net);
    PVOID slot = SENTINEL;
    int local = 0;

    /* No opaque pointer reserved: ERROR_NOT_FOUND, the output unchanged. */
    assert_int_equal(RtmGetOpaqueInformationPointer(plain, dest, &slot), ERROR_NOT_FOUND);
    assert_ptr_equal(slot, SENTINEL);

    /* Bad registration handles. */
    assert_int_equal(RtmGetOpaqueInformationPointer(NULL, dest, &slot), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetOpaqueInformationPointer((HANDLE)1, dest, &slot), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetOpaqueInformationPointer(dest, dest, &slot), ERROR_INVALID_HANDLE);
    /* Bad destination handles: forged, other types, another table's. */
    const HANDLE bad[] = { NULL, (HANDLE)1, (HANDLE)(uintptr_t)0xdeadbeef, (HANDLE)&local,
                           route, nh, rip, dest_else };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(RtmGetOpaqueInformationPointer(rip, bad[i], &slot), ERROR_INVALID_HANDLE);
    assert_ptr_equal(slot, SENTINEL);
    /* Nowhere to put the answer. */
    assert_int_equal(RtmGetOpaqueInformationPointer(rip, dest, NULL), ERROR_INVALID_PARAMETER);

    /* The same destination reached from the other table's client: its own
     * slot there. */
    PVOID mine = NULL, theirs = NULL;
    assert_int_equal(RtmGetOpaqueInformationPointer(rip, dest, &mine), NO_ERROR);
    assert_int_equal(RtmGetOpaqueInformationPointer(elsewhere, dest_else, &theirs), NO_ERROR);
    assert_ptr_not_equal(mine, theirs);

    /* A stale destination handle: the destination's last route deleted and
     * every handle of it released. */
    assert_int_equal(test_release_dest_handle(rip, dest, FALSE), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(rip, route, NULL), NO_ERROR);
    assert_int_equal(RtmGetOpaqueInformationPointer(rip, dest, &slot), ERROR_INVALID_HANDLE);
    assert_ptr_equal(slot, SENTINEL);
    assert_int_equal(test_release_dest_handle(rip, dest, FALSE), ERROR_INVALID_HANDLE);

    assert_int_equal(test_release_dest_handle(elsewhere, dest_else, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(elsewhere, 1, &route_else), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(plain), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

/* A slot given back by a deregistration is empty for its next owner. */
static void test_opaque_slot_reuse_after_deregister(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 21;
    RTM_ENTITY_HANDLE holder = test_register(inst, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE opaque[MAX_OPAQUE_POINTERS];
    RTM_NET_ADDRESS net = test_ipv4(10, 40, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(holder, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ROUTE_HANDLE route = test_add_route(holder, net, nh, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(holder, net);
    static OPAQUE_INFO info[MAX_OPAQUE_POINTERS];
    PVOID slot;

    /* Every slot taken, and every one set in the destination. */
    for (int i = 0; i < MAX_OPAQUE_POINTERS; i++) {
        opaque[i] = test_register(inst, AF_INET, PROTO_IP_OSPF, i + 1, TRUE);
        assert_int_equal(RtmLockDestination(opaque[i], dest, TRUE, TRUE), NO_ERROR);
        assert_int_equal(RtmGetOpaqueInformationPointer(opaque[i], dest, &slot), NO_ERROR);
        assert_null(*(PVOID *)slot);
        *(PVOID *)slot = &info[i];
        assert_int_equal(RtmLockDestination(opaque[i], dest, TRUE, FALSE), NO_ERROR);
    }
    /* One leaves (without clearing its slot); a newcomer gets a slot, and
     * it is empty. */
    assert_int_equal(RtmDeregisterEntity(opaque[5]), NO_ERROR);
    opaque[5] = test_register(inst, AF_INET, PROTO_IP_BGP, 1, TRUE);
    assert_null(read_opaque(opaque[5], dest, NULL));
    /* The others still have theirs. */
    for (int i = 0; i < MAX_OPAQUE_POINTERS; i++)
        if (i != 5)
            assert_ptr_equal(read_opaque(opaque[i], dest, NULL), &info[i]);

    for (int i = 0; i < MAX_OPAQUE_POINTERS; i++)
        assert_int_equal(RtmDeregisterEntity(opaque[i]), NO_ERROR);
    assert_int_equal(test_release_dest_handle(holder, dest, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(holder, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(holder, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(holder), NO_ERROR);
}

/* RtmLockDestination, as the sample uses it. */
static void test_lock_destination(void **state)
{
    (void)state;
    const USHORT inst = ENT_INSTANCE + 22;
    RTM_ENTITY_HANDLE rip = test_register(inst, AF_INET, PROTO_IP_RIP, 1, TRUE);
    RTM_ENTITY_HANDLE ospf = test_register(inst, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_ENTITY_HANDLE elsewhere = test_register(inst + 1, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_NET_ADDRESS net = test_ipv4(10, 50, 0, 0, 16);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(rip, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh_else = test_add_nexthop(elsewhere, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ROUTE_HANDLE route = test_add_route(rip, net, nh, 10, 1, NULL);
    RTM_ROUTE_HANDLE route_else = test_add_route(elsewhere, net, nh_else, 10, 1, NULL);
    RTM_DEST_HANDLE dest = test_dest_of(rip, net);
    RTM_DEST_HANDLE dest_else = test_dest_of(elsewhere, net);
    int local = 0;

    /* Exclusive and shared, by the route's owner or another client (the
     * destination is not "owned": any client may guard its opaque
     * pointer). */
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, FALSE), NO_ERROR);
    assert_int_equal(RtmLockDestination(ospf, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(ospf, dest, TRUE, FALSE), NO_ERROR);
    assert_int_equal(RtmLockDestination(rip, dest, FALSE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(ospf, dest, FALSE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(ospf, dest, FALSE, FALSE), NO_ERROR);
    /* Unlocking a mode not held. */
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockDestination(rip, dest, FALSE, FALSE), NO_ERROR);
    assert_int_equal(RtmLockDestination(rip, dest, FALSE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, FALSE), ERROR_INVALID_PARAMETER);

    /* Bad handles: nothing is locked (the exclusive lock below would
     * otherwise never be granted). */
    assert_int_equal(RtmLockDestination(NULL, dest, TRUE, TRUE), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmLockDestination(dest, dest, TRUE, TRUE), ERROR_INVALID_HANDLE);
    const HANDLE bad[] = { NULL, (HANDLE)1, (HANDLE)(uintptr_t)0xdeadbeef, (HANDLE)&local,
                           route, nh, rip, dest_else };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(RtmLockDestination(rip, bad[i], FALSE, TRUE), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmLockDestination(rip, bad[i], TRUE, FALSE), ERROR_INVALID_HANDLE);
    }
    assert_int_equal(RtmLockDestination(elsewhere, dest_else, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(elsewhere, dest_else, TRUE, FALSE), NO_ERROR);
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(rip, dest, TRUE, FALSE), NO_ERROR);

    assert_int_equal(test_release_dest_handle(rip, dest, FALSE), NO_ERROR);
    assert_int_equal(test_release_dest_handle(elsewhere, dest_else, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(rip, 1, &route), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(elsewhere, 1, &route_else), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(elsewhere, 1, &nh_else), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(elsewhere), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_returns_profile_and_handle),
        cmocka_unit_test(test_register_invalid_parameter),
        cmocka_unit_test(test_register_invalid_data),
        cmocka_unit_test(test_register_already_exists),
        cmocka_unit_test(test_register_opaque_pointers_exhausted),
        cmocka_unit_test(test_deregister_invalid_handle),
        cmocka_unit_test(test_deregister_deletes_routes_and_next_hops),
        cmocka_unit_test(test_get_registered_entities),
        cmocka_unit_test(test_get_registered_entities_insufficient_buffer),
        cmocka_unit_test(test_get_registered_entities_errors),
        cmocka_unit_test(test_listed_handles_hold_a_reference),
        cmocka_unit_test(test_release_entities_errors),
        cmocka_unit_test(test_get_entity_info),
        cmocka_unit_test(test_sample_access_opaque_pointer),
        cmocka_unit_test(test_opaque_pointer_errors),
        cmocka_unit_test(test_opaque_slot_reuse_after_deregister),
        cmocka_unit_test(test_lock_destination),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
