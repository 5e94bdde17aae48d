/*
 * test_sample_register.c - following spec/rras/register-with-the-routing-
 * table-manager.md and enumerate-the-registered-entities.md: register,
 * list the registered entities, deregister.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_IP_RIP 8
#define PROTO_IP_OSPF 13

static void test_register_list_deregister(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE rip = test_register(0, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(0, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    UINT count = 0;
    RTM_ENTITY_HANDLE first = NULL;

    /* A first call with no room tells how many entities there are. */
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, &first, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(count, 2);
    assert_null(first);

    RTM_ENTITY_HANDLE handles[2] = { NULL, NULL };
    RTM_ENTITY_INFO infos[2];
    assert_int_equal(RtmGetRegisteredEntities(rip, &count, handles, infos), NO_ERROR);
    assert_int_equal(count, 2);
    int seen_rip = 0, seen_ospf = 0;
    for (UINT i = 0; i < count; i++) {
        assert_int_equal(infos[i].AddressFamily, AF_INET);
        assert_int_equal(infos[i].RtmInstanceId, 0);
        if (infos[i].EntityId.EntityProtocolId == PROTO_IP_RIP) {
            seen_rip++;
            assert_ptr_equal(handles[i], rip);
        } else if (infos[i].EntityId.EntityProtocolId == PROTO_IP_OSPF) {
            seen_ospf++;
            assert_ptr_equal(handles[i], ospf);
        }
    }
    assert_int_equal(seen_rip, 1);
    assert_int_equal(seen_ospf, 1);
    assert_int_equal(RtmReleaseEntities(rip, count, handles), NO_ERROR);
    /* Released twice: the handles have no client reference left from us
     * beyond the registrations, which RtmReleaseEntities must not take. */
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), ERROR_INVALID_HANDLE);
}

static void test_route_add_lookup_delete(void **state)
{
    (void)state;
    RTM_ENTITY_HANDLE rip = test_register(0, AF_INET, PROTO_IP_RIP, 1, FALSE);
    RTM_ENTITY_HANDLE ospf = test_register(0, AF_INET, PROTO_IP_OSPF, 1, FALSE);
    RTM_NEXTHOP_HANDLE nh_rip = test_add_nexthop(rip, test_ipv4(192, 168, 1, 1, 32), 1);
    RTM_NEXTHOP_HANDLE nh_ospf = test_add_nexthop(ospf, test_ipv4(192, 168, 2, 1, 32), 2);
    RTM_ROUTE_CHANGE_FLAGS flags;
    RTM_ROUTE_HANDLE r_rip = test_add_route(rip, test_ipv4(10, 0, 0, 0, 8), nh_rip, 120, 2, &flags);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);
    RTM_ROUTE_HANDLE r_ospf = test_add_route(ospf, test_ipv4(10, 0, 0, 0, 8), nh_ospf, 110, 20, &flags);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_NEW | RTM_ROUTE_CHANGE_BEST);

    RTM_DEST_INFO *info = test_dest_info();
    RTM_NET_ADDRESS host = test_ipv4(10, 1, 2, 3, 32);
    assert_int_equal(RtmGetMostSpecificDestination(rip, &host, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_int_equal(info->DestAddress.NumBits, 8);
    assert_int_equal(info->NumberOfViews, 1);
    assert_int_equal(info->ViewInfo[0].ViewId, RTM_VIEW_ID_UCAST);
    assert_int_equal(info->ViewInfo[0].NumRoutes, 2);
    assert_ptr_equal(info->ViewInfo[0].Route, r_ospf);
    assert_ptr_equal(info->ViewInfo[0].Owner, ospf);
    assert_int_equal(RtmReleaseDestInfo(rip, info), NO_ERROR);

    assert_int_equal(RtmGetMostSpecificDestination(rip, &host, RTM_THIS_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    assert_ptr_equal(info->ViewInfo[0].Route, r_rip);
    assert_int_equal(RtmReleaseDestInfo(rip, info), NO_ERROR);

    assert_int_equal(RtmDeleteRouteToDest(ospf, r_ospf, &flags), NO_ERROR);
    assert_int_equal(flags, RTM_ROUTE_CHANGE_BEST);
    assert_int_equal(RtmDeleteRouteToDest(rip, r_rip, &flags), NO_ERROR);
    assert_int_equal(RtmGetMostSpecificDestination(rip, &host, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info),
                     ERROR_NOT_FOUND);
    assert_int_equal(RtmReleaseNextHops(rip, 1, &nh_rip), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(ospf, 1, &nh_ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(ospf), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(rip), NO_ERROR);
    test_free(info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_list_deregister),
        cmocka_unit_test(test_route_add_lookup_delete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
