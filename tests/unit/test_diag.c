/*
 * test_diag.c - RtmDiagGetObjectCounts (include/rtm_diag.h), the rtm
 * extension that counts live objects by type: every return code, the
 * versioned Size, and the count of each type as objects are created,
 * deleted while still referenced, released and freed, the MGM's too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_diag.h"
#include "rtm_mgm_forwarder.h"
#include "rtm_test.h"

#define INSTANCE 4701

static RTM_DIAG_OBJECT_COUNTS counts_now(void)
{
    RTM_DIAG_OBJECT_COUNTS c;

    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
    assert_int_equal(c.Size, sizeof c);
    assert_int_equal(c.Total, c.Entities + c.Destinations + c.Routes + c.NextHops +
                                  c.Enumerations + c.Notifications + c.RouteLists +
                                  c.MgmProtocols + c.MgmEnumerations + c.MgmForwarders +
                                  c.MgmInterfaces + c.MgmMemberships + c.MgmMfes);
    return c;
}

/* Asserts the counts now are base plus the given differences. */
static void assert_counts(const RTM_DIAG_OBJECT_COUNTS *base, int entities, int dests, int routes,
                          int nexthops, int enums, int notifications, int lists)
{
    RTM_DIAG_OBJECT_COUNTS c = counts_now();

    assert_int_equal(c.Entities, base->Entities + entities);
    assert_int_equal(c.Destinations, base->Destinations + dests);
    assert_int_equal(c.Routes, base->Routes + routes);
    assert_int_equal(c.NextHops, base->NextHops + nexthops);
    assert_int_equal(c.Enumerations, base->Enumerations + enums);
    assert_int_equal(c.Notifications, base->Notifications + notifications);
    assert_int_equal(c.RouteLists, base->RouteLists + lists);
    assert_int_equal(c.Total, base->Total + entities + dests + routes + nexthops + enums +
                                  notifications + lists);
}

/* NULL, or a Size below the first version: ERROR_INVALID_PARAMETER, and
 * nothing is written. */
static void test_invalid_parameter(void **state)
{
    RTM_DIAG_OBJECT_COUNTS c, copy;

    (void)state;
    assert_int_equal(RtmDiagGetObjectCounts(NULL), ERROR_INVALID_PARAMETER);
    memset(&c, 0xA5, sizeof c);
    c.Size = RTM_DIAG_OBJECT_COUNTS_SIZE_V1 - 1;
    copy = c;
    assert_int_equal(RtmDiagGetObjectCounts(&c), ERROR_INVALID_PARAMETER);
    assert_memory_equal(&c, &copy, sizeof c);
    c.Size = 0;
    copy = c;
    assert_int_equal(RtmDiagGetObjectCounts(&c), ERROR_INVALID_PARAMETER);
    assert_memory_equal(&c, &copy, sizeof c);
}

/* A structure of a later version (larger): the members this version knows
 * are filled, Size says how many bytes, the rest is untouched. */
static void test_larger_structure(void **state)
{
    struct {
        RTM_DIAG_OBJECT_COUNTS known;
        DWORD later[4];
    } c;

    (void)state;
    memset(&c, 0xA5, sizeof c);
    c.known.Size = sizeof c;
    assert_int_equal(RtmDiagGetObjectCounts(&c.known), NO_ERROR);
    assert_int_equal(c.known.Size, sizeof c.known);
    assert_int_equal(c.known.Size, RTM_DIAG_OBJECT_COUNTS_SIZE_V2);
    for (int i = 0; i < 4; i++)
        assert_int_equal(c.later[i], 0xA5A5A5A5u);
    assert_int_equal(c.known.Total, counts_now().Total);
}

/* A structure of the first version (a caller built before the MGM's
 * and RTMv1's members): only its members are written, Total counts every
 * object. */
static void test_first_version(void **state)
{
    RTM_DIAG_OBJECT_COUNTS c;
    HANDLE protocol;
    ROUTING_PROTOCOL_CONFIG config;

    (void)state;
    memset(&config, 0, sizeof config);
    assert_int_equal(MgmRegisterMProtocol(&config, 8, 1, &protocol), NO_ERROR);
    memset(&c, 0xA5, sizeof c);
    c.Size = RTM_DIAG_OBJECT_COUNTS_SIZE_V1;
    assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
    assert_int_equal(c.Size, RTM_DIAG_OBJECT_COUNTS_SIZE_V1);
    assert_int_equal(c.MgmProtocols, 0xA5A5A5A5u);
    assert_int_equal(c.MgmMfes, 0xA5A5A5A5u);
    assert_int_equal(c.V1Clients, 0xA5A5A5A5u);
    assert_int_equal(c.V1Enumerations, 0xA5A5A5A5u);
    assert_int_equal(c.Total, counts_now().Total);
    assert_int_equal(c.Total, c.Entities + c.Destinations + c.Routes + c.NextHops +
                                  c.Enumerations + c.Notifications + c.RouteLists + 1);
    assert_int_equal(MgmDeRegisterMProtocol(protocol), NO_ERROR);
}

/* The MGM's counts: its clients, group enumerations, forwarder,
 * interfaces, memberships and MFEs, each until it goes. */
static void test_mgm_counts(void **state)
{
    RTM_DIAG_OBJECT_COUNTS base = counts_now(), c;
    RTM_MGM_FORWARDER_CONFIG fwd;
    ROUTING_PROTOCOL_CONFIG config;
    HANDLE protocol, igmp, e, forwarder;
    const DWORD group = htonl(0xE0010203), source = htonl(0x0A000001);

    (void)state;
    memset(&config, 0, sizeof config);
    memset(&fwd, 0, sizeof fwd);
    assert_int_equal(MgmRegisterMProtocol(&config, 8, 1, &protocol), NO_ERROR);
    assert_int_equal(MgmRegisterMProtocol(&config, 10, 1, &igmp), NO_ERROR);
    assert_int_equal(RtmMgmForwarderRegister(&fwd, &forwarder), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(protocol, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp, 2, 0), NO_ERROR);
    assert_int_equal(MgmAddGroupMembershipEntry(igmp, 0, 0, group, 0xFFFFFFFF, 1, 0,
                                                MGM_JOIN_STATE_FLAG),
                     NO_ERROR);
    assert_int_equal(MgmAddGroupMembershipEntry(protocol, 0, 0, group, 0xFFFFFFFF, 1, 0,
                                                MGM_JOIN_STATE_FLAG),
                     NO_ERROR);
    assert_int_equal(MgmGroupEnumerationStart(protocol, ALL_SOURCES, &e), NO_ERROR);
    assert_int_equal(RtmMgmForwarderReportPacket(forwarder, source, group, 2, 0, 0, NULL),
                     NO_ERROR);
    c = counts_now();
    assert_int_equal(c.MgmProtocols, base.MgmProtocols + 2);
    assert_int_equal(c.MgmEnumerations, base.MgmEnumerations + 1);
    assert_int_equal(c.MgmForwarders, base.MgmForwarders + 1);
    assert_int_equal(c.MgmInterfaces, base.MgmInterfaces + 2);
    assert_int_equal(c.MgmMemberships, base.MgmMemberships + 2);
    assert_int_equal(c.MgmMfes, base.MgmMfes + 1);

    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    assert_int_equal(RtmMgmForwarderDeregister(forwarder), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp, 2, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp, 1, 0), NO_ERROR);
    c = counts_now();
    assert_int_equal(c.MgmEnumerations, base.MgmEnumerations);
    assert_int_equal(c.MgmInterfaces, base.MgmInterfaces + 1);
    assert_int_equal(c.MgmMemberships, base.MgmMemberships + 1);
    assert_int_equal(c.MgmMfes, base.MgmMfes);
    assert_int_equal(MgmReleaseInterfaceOwnership(protocol, 1, 0), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(igmp), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(protocol), NO_ERROR);
    /* Callbacks still queued hold their targets a little longer. */
    for (int waited = 0; counts_now().Total != base.Total && waited < 5000; waited++)
        test_sleep_ms(1);
    c = counts_now();
    assert_memory_equal(&c, &base, sizeof c);
}

/* Each type counts from creation until freed: a deleted route or next hop
 * counts while a handle still references it. */
static void test_counts_by_type(void **state)
{
    RTM_DIAG_OBJECT_COUNTS base = counts_now();
    RTM_ENTITY_HANDLE r;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE route;
    RTM_ENUM_HANDLE e = NULL;
    RTM_ROUTE_LIST_HANDLE list = NULL;
    RTM_NOTIFY_HANDLE notify = NULL;

    (void)state;
    r = test_register(INSTANCE, AF_INET, 8, 1, FALSE);
    assert_counts(&base, 1, 0, 0, 0, 0, 0, 0);
    nh = test_add_nexthop(r, test_ipv4(192, 168, 0, 1, 32), 1);
    assert_counts(&base, 1, 0, 0, 1, 0, 0, 0);
    route = test_add_route(r, test_ipv4(10, 0, 0, 0, 8), nh, 10, 1, NULL);
    assert_counts(&base, 1, 1, 1, 1, 0, 0, 0);

    /* Deleted, still referenced: the route by a handle of ours (and the
     * route references its destination, out of the table now); the next
     * hop by ours and by the route. */
    assert_int_equal(RtmReferenceHandles(r, 1, &route), NO_ERROR);
    assert_int_equal(RtmReferenceHandles(r, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(r, route, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteNextHop(r, nh, NULL), NO_ERROR);
    assert_counts(&base, 1, 1, 1, 1, 0, 0, 0);
    assert_int_equal(RtmReleaseRoutes(r, 1, &route), NO_ERROR);
    assert_counts(&base, 1, 0, 0, 1, 0, 0, 0);
    assert_int_equal(RtmReleaseNextHops(r, 1, &nh), NO_ERROR);
    assert_counts(&base, 1, 0, 0, 0, 0, 0, 0);

    /* No change happens while the registration exists: its events would
     * hold it a little longer. */
    assert_int_equal(RtmCreateDestEnum(r, 0, RTM_ENUM_START, NULL, RTM_BEST_PROTOCOL, &e),
                     NO_ERROR);
    assert_int_equal(RtmCreateRouteList(r, &list), NO_ERROR);
    assert_int_equal(RtmRegisterForChangeNotification(r, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_ALL,
                                                      NULL, &notify),
                     NO_ERROR);
    assert_counts(&base, 1, 0, 0, 0, 1, 1, 1);
    assert_int_equal(RtmDeleteEnumHandle(r, e), NO_ERROR);
    assert_int_equal(RtmDeleteRouteList(r, list), NO_ERROR);
    assert_int_equal(RtmDeregisterFromChangeNotification(r, notify), NO_ERROR);
    assert_counts(&base, 1, 0, 0, 0, 0, 0, 0);
    assert_int_equal(RtmDeregisterEntity(r), NO_ERROR);
    assert_counts(&base, 0, 0, 0, 0, 0, 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invalid_parameter),
        cmocka_unit_test(test_larger_structure),
        cmocka_unit_test(test_first_version),
        cmocka_unit_test(test_mgm_counts),
        cmocka_unit_test(test_counts_by_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
