/*
 * test_mgm_protocols.c - the MGM's clients and their interfaces:
 * MgmRegisterMProtocol, MgmDeRegisterMProtocol, MgmTakeInterfaceOwnership,
 * MgmReleaseInterfaceOwnership, MgmGetProtocolOnInterface, MgmInitialize
 * and MgmDeInitialize, every return code; the start-up and shut-down
 * scenarios (spec/rras/starting-up-a-multicast-routing-protocol.md,
 * shutting-down-a-multicast-routing-protocol.md) with IGMP's disable and
 * enable callbacks; what deregistration ends and waits for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mgm_test.h"

#define DVMRP 0x40000001u /* a multicast routing protocol's id */
#define PIM 0x40000002u

static const DWORD G1 = 0, G2 = 1; /* group numbers for group() */

static DWORD group(DWORD n)
{
    return ip(239, 1, 1, 1 + n);
}

static int teardown(void **state)
{
    (void)state;
    settle_end();
    expect_nothing_left();
    return 0;
}

/* Joins (*, g) for c on an interface (fails the test on error). */
static void join(struct test_client *c, DWORD g, DWORD index)
{
    assert_int_equal(MgmAddGroupMembershipEntry(c->h, 0, 0, g, ALL_ONES, index, 0,
                                                MGM_JOIN_STATE_FLAG),
                     NO_ERROR);
}

/* The number of pairs joined on the router (ALL_SOURCES). */
static DWORD joined(struct test_client *c)
{
    HANDLE e;
    SOURCE_GROUP_ENTRY entries[16];
    DWORD size = sizeof entries, n = 0;

    assert_int_equal(MgmGroupEnumerationStart(c->h, ALL_SOURCES, &e), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)entries, &n),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    return n;
}

/* MgmRegisterMProtocol and MgmDeRegisterMProtocol: every return code. */
static void test_registration(void **state)
{
    ROUTING_PROTOCOL_CONFIG config;
    HANDLE h = (HANDLE)0x1234, twin;
    struct test_client *a;
    RTM_ENTITY_HANDLE entity;

    (void)state;
    memset(&config, 0, sizeof config);
    assert_int_equal(MgmRegisterMProtocol(NULL, DVMRP, 1, &h), ERROR_INVALID_PARAMETER);
    assert_ptr_equal(h, (HANDLE)0x1234);
    assert_int_equal(MgmRegisterMProtocol(&config, DVMRP, 1, NULL), ERROR_INVALID_PARAMETER);

    a = client_register(0, DVMRP, 1);
    assert_int_equal(MgmRegisterMProtocol(&config, DVMRP, 1, &twin), ERROR_ALREADY_EXISTS);
    /* another component of the same protocol is another client */
    assert_int_equal(MgmRegisterMProtocol(&config, DVMRP, 2, &twin), NO_ERROR);
    assert_true(twin != a->h);

    /* still on an interface: refused, and it stays registered */
    assert_int_equal(MgmTakeInterfaceOwnership(a->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(a->h), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(MgmTakeInterfaceOwnership(a->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(a->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(a->h), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(MgmReleaseInterfaceOwnership(a->h, 2, 0), NO_ERROR);

    /* bad handles: NULL, forged, another API's, another type's */
    entity = test_register(0, AF_INET, 77, 0, FALSE);
    assert_int_equal(MgmDeRegisterMProtocol(NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmDeRegisterMProtocol((HANDLE)0x1234), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmDeRegisterMProtocol(entity), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeregisterEntity(entity), NO_ERROR);

    client_deregister(a);
    /* a second time, and every later use of the handle */
    assert_int_equal(MgmDeRegisterMProtocol(a->h), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmTakeInterfaceOwnership(a->h, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmRegisterMProtocol(&config, DVMRP, 1, &h), NO_ERROR); /* free again */
    assert_true(h != a->h);
    assert_int_equal(MgmDeRegisterMProtocol(h), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(twin), NO_ERROR);
}

/* MgmTakeInterfaceOwnership and MgmReleaseInterfaceOwnership: one routing
 * protocol per interface, IGMP beside it, each link of a
 * point-to-multipoint interface on its own. */
static void test_ownership(void **state)
{
    struct test_client *dvmrp = client_register(0, DVMRP, 1);
    struct test_client *pim = client_register(1, PIM, 1);
    struct test_client *igmp = client_register(2, PROTO_IGMP, 1);
    ROUTING_PROTOCOL_CONFIG config;
    HANDLE igmp2;
    DWORD id = 0, component = 0;

    (void)state;
    memset(&config, 0, sizeof config);
    assert_int_equal(MgmRegisterMProtocol(&config, PROTO_IGMP, 2, &igmp2), NO_ERROR);

    assert_int_equal(MgmTakeInterfaceOwnership(dvmrp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(dvmrp->h, 1, 0), ERROR_ALREADY_EXISTS);
    assert_int_equal(MgmTakeInterfaceOwnership(pim->h, 1, 0), ERROR_ALREADY_EXISTS);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp->h, 1, 0), ERROR_ALREADY_EXISTS);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp2, 1, 0), ERROR_ALREADY_EXISTS);
    assert_int_equal(MgmGetProtocolOnInterface(1, 0, &id, &component), NO_ERROR);
    assert_int_equal(id, DVMRP);
    assert_int_equal(component, 1);

    /* links of a point-to-multipoint interface */
    assert_int_equal(MgmTakeInterfaceOwnership(pim->h, 5, ip(10, 5, 0, 1)), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(dvmrp->h, 5, ip(10, 5, 0, 2)), NO_ERROR);
    assert_int_equal(MgmGetProtocolOnInterface(5, ip(10, 5, 0, 1), &id, &component), NO_ERROR);
    assert_int_equal(id, PIM);
    assert_int_equal(MgmGetProtocolOnInterface(5, ip(10, 5, 0, 2), &id, &component), NO_ERROR);
    assert_int_equal(id, DVMRP);
    assert_int_equal(MgmGetProtocolOnInterface(5, 0, &id, &component), ERROR_NOT_FOUND);

    /* release: only what the caller is on */
    assert_int_equal(MgmReleaseInterfaceOwnership(pim->h, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmReleaseInterfaceOwnership(pim->h, 9, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmReleaseInterfaceOwnership(NULL, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmReleaseInterfaceOwnership((HANDLE)0x55, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmTakeInterfaceOwnership(NULL, 3, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetProtocolOnInterface(3, 0, &id, &component), ERROR_NOT_FOUND);
    assert_int_equal(MgmReleaseInterfaceOwnership(dvmrp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(dvmrp->h, 1, 0), ERROR_INVALID_PARAMETER);
    /* IGMP alone on it now: its ids (docs/behaviour.md) */
    assert_int_equal(MgmGetProtocolOnInterface(1, 0, &id, &component), NO_ERROR);
    assert_int_equal(id, PROTO_IGMP);
    assert_int_equal(component, 1);
    assert_int_equal(MgmTakeInterfaceOwnership(pim->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmGetProtocolOnInterface(1, 0, &id, &component), NO_ERROR);
    assert_int_equal(id, PIM);
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp->h, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmReleaseInterfaceOwnership(pim->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmGetProtocolOnInterface(1, 0, &id, &component), ERROR_NOT_FOUND);

    assert_int_equal(MgmReleaseInterfaceOwnership(pim->h, 5, ip(10, 5, 0, 1)), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(dvmrp->h, 5, ip(10, 5, 0, 2)), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(igmp2), NO_ERROR);
    client_deregister(igmp);
    client_deregister(pim);
    client_deregister(dvmrp);
}

/* MgmGetProtocolOnInterface: NULL outputs are refused, nothing written. */
static void test_protocol_on_interface_pointers(void **state)
{
    struct test_client *a = client_register(0, DVMRP, 7);
    DWORD id = 99, component = 99;

    (void)state;
    assert_int_equal(MgmTakeInterfaceOwnership(a->h, 4, 0), NO_ERROR);
    assert_int_equal(MgmGetProtocolOnInterface(4, 0, NULL, &component), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetProtocolOnInterface(4, 0, &id, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(id, 99);
    assert_int_equal(component, 99);
    assert_int_equal(MgmGetProtocolOnInterface(4, 0, &id, &component), NO_ERROR);
    assert_int_equal(component, 7);
    assert_int_equal(MgmReleaseInterfaceOwnership(a->h, 4, 0), NO_ERROR);
    client_deregister(a);
}

/*
 * The start-up scenario: a routing protocol registers, finds IGMP alone on
 * an interface, takes it: IGMP is disabled there, its memberships end
 * (with the alerts of their ending), IGMP is enabled again, adds them back
 * - now the routing protocol's receivers, with a local join to it - and
 * the protocol reads the groups joined on the router.
 */
static void test_startup(void **state)
{
    struct test_client *igmp = client_register(0, PROTO_IGMP, 1);
    struct test_client *other = client_register(1, PIM, 1);
    struct test_client *dvmrp;
    struct test_event e;
    DWORD id, component;

    (void)state;
    assert_int_equal(MgmTakeInterfaceOwnership(igmp->h, 3, 0), NO_ERROR);
    join(igmp, group(G1), 3);
    settle();
    /* IGMP alone had the first receivers: the other client is told */
    assert_int_equal(events(other, EV_JOIN), 1);

    dvmrp = client_register(2, DVMRP, 1);
    assert_int_equal(MgmGetProtocolOnInterface(3, 0, &id, &component), NO_ERROR);
    assert_int_equal(id, PROTO_IGMP);
    clear_log(other);
    assert_int_equal(MgmTakeInterfaceOwnership(dvmrp->h, 3, 0), NO_ERROR);
    wait_events(igmp, EV_ENABLE, 1);
    /* disable, then enable, about the interface; nothing else to IGMP */
    e = event_at(igmp, EV_KINDS, 0);
    assert_int_equal(e.kind, EV_DISABLE);
    assert_int_equal(e.index, 3);
    assert_int_equal(e.nexthop, 0);
    e = event_at(igmp, EV_KINDS, 1);
    assert_int_equal(e.kind, EV_ENABLE);
    assert_int_equal(e.index, 3);
    assert_int_equal(events(igmp, EV_KINDS), 2);
    /* IGMP's membership ended: the last client's receivers went */
    assert_int_equal(events(other, EV_PRUNE), 1);
    assert_int_equal(event_at(other, EV_PRUNE, 0).member, TRUE);
    assert_int_equal(event_at(other, EV_PRUNE, 0).group, group(G1));
    assert_int_equal(joined(dvmrp), 0);

    /* IGMP adds it again (as its enable callback asks): now DVMRP's
     * receivers, and DVMRP hears of them through a local join */
    join(igmp, group(G1), 3);
    wait_events(dvmrp, EV_LOCAL_JOIN, 1);
    e = event_at(dvmrp, EV_LOCAL_JOIN, 0);
    assert_int_equal(e.group, group(G1));
    assert_int_equal(e.group_mask, ALL_ONES);
    assert_int_equal(e.source, 0);
    assert_int_equal(e.source_mask, 0);
    assert_int_equal(e.index, 3);
    wait_events(other, EV_JOIN, 1);
    assert_int_equal(joined(dvmrp), 1);
    settle();
    assert_int_equal(events(dvmrp, EV_JOIN), 0); /* its own receivers */

    assert_int_equal(MgmReleaseInterfaceOwnership(dvmrp->h, 3, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp->h, 3, 0), NO_ERROR);
    client_deregister(dvmrp);
    client_deregister(other);
    client_deregister(igmp);
}

/*
 * The shut-down scenario: a routing protocol releases its interfaces: IGMP
 * on one of them is disabled and enabled again around the change, the
 * MFEs whose incoming interface it was are deleted (the forwarder is told)
 * and it leaves the others' outgoing interfaces; then it deregisters and
 * its handle is refused.
 */
static void test_shutdown(void **state)
{
    struct test_client *dvmrp = client_register(0, DVMRP, 1);
    struct test_client *igmp = client_register(1, PROTO_IGMP, 1);
    struct test_forwarder *f = forwarder_register();
    struct test_mfe m;
    struct test_event e;
    const DWORD source = ip(10, 9, 9, 9);

    (void)state;
    assert_int_equal(MgmTakeInterfaceOwnership(dvmrp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(dvmrp->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(igmp->h, 2, 0), NO_ERROR);
    join(igmp, group(G2), 2);
    join(dvmrp, group(G2), 1);
    /* from interface 1 (no route: the arrival interface) to 2; and from
     * interface 2 to 1 */
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, source, group(G2), 1, 0, 0, NULL),
                     NO_ERROR);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, ip(10, 8, 8, 8), group(G2), 2, 0, 0, NULL),
                     NO_ERROR);
    assert_int_equal(get_mfe(source, group(G2), &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulNumOutIf, 1);
    assert_true(has_oif(&m.mfe, 2, 0));
    settle();
    clear_log(igmp);

    assert_int_equal(MgmReleaseInterfaceOwnership(dvmrp->h, 1, 0), NO_ERROR);
    assert_int_equal(get_mfe(source, group(G2), &m.mfe), ERROR_NOT_FOUND);
    assert_int_equal(get_mfe(ip(10, 8, 8, 8), group(G2), &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulNumOutIf, 0);
    assert_int_equal(MgmReleaseInterfaceOwnership(dvmrp->h, 2, 0), NO_ERROR);
    assert_int_equal(get_mfe(ip(10, 8, 8, 8), group(G2), &m.mfe), ERROR_NOT_FOUND);
    wait_events(igmp, EV_ENABLE, 1);
    e = event_at(igmp, EV_KINDS, 0);
    assert_int_equal(e.kind, EV_DISABLE);
    assert_int_equal(e.index, 2);
    e = event_at(igmp, EV_KINDS, events(igmp, EV_KINDS) - 1);
    assert_int_equal(e.kind, EV_ENABLE);
    assert_int_equal(e.index, 2);
    settle();
    assert_int_equal(fwd_events(FWD_REMOVE), 2);
    assert_int_equal(fwd_events(FWD_INSTALL), 2);

    client_deregister(dvmrp);
    assert_int_equal(MgmTakeInterfaceOwnership(dvmrp->h, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmAddGroupMembershipEntry(dvmrp->h, 0, 0, group(G1), ALL_ONES, 1, 0,
                                                MGM_JOIN_STATE_FLAG),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmReleaseInterfaceOwnership(igmp->h, 2, 0), NO_ERROR);
    client_deregister(igmp);
    assert_int_equal(RtmMgmForwarderDeregister(f->h), NO_ERROR);
}

/* Deregistration ends the client's group enumerations. */
static void test_deregistration_ends_enumerations(void **state)
{
    struct test_client *a = client_register(0, DVMRP, 1);
    HANDLE e;
    SOURCE_GROUP_ENTRY entry;
    DWORD size = sizeof entry, n = 5;

    (void)state;
    assert_int_equal(MgmGroupEnumerationStart(a->h, ANY_SOURCE, &e), NO_ERROR);
    client_deregister(a);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)&entry, &n),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    assert_int_equal(MgmGroupEnumerationEnd(e), ERROR_INVALID_PARAMETER);
}

/* A client deregistering while the MGM is in one of its callbacks: the
 * deregistration waits for it; and a client may deregister from its own
 * callback. */
static int in_callback, release_callback;
static HANDLE self_handle;
static DWORD self_status = 0xFFFF;

static DWORD slow_join(DWORD s, DWORD sm, DWORD g, DWORD gm, WINBOOL member)
{
    (void)s; (void)sm; (void)g; (void)gm; (void)member;
    test_counter_set(&in_callback, 1);
    test_wait_flag(&release_callback, 1, WAIT_MS);
    test_counter_set(&in_callback, 2);
    return NO_ERROR;
}

static DWORD self_join(DWORD s, DWORD sm, DWORD g, DWORD gm, WINBOOL member)
{
    (void)s; (void)sm; (void)g; (void)gm; (void)member;
    self_status = MgmDeRegisterMProtocol(self_handle);
    test_counter_set(&in_callback, 3);
    return NO_ERROR;
}

static void release_later(void *arg)
{
    (void)arg;
    test_sleep_ms(50);
    test_counter_set(&release_callback, 1);
}

static void test_deregistration_waits(void **state)
{
    ROUTING_PROTOCOL_CONFIG config;
    HANDLE slow;
    struct test_client *joiner = client_register(0, DVMRP, 1);
    test_thread t;

    (void)state;
    memset(&config, 0, sizeof config);
    config.pfnJoinAlertCallback = slow_join;
    assert_int_equal(MgmRegisterMProtocol(&config, PIM, 1, &slow), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(joiner->h, 1, 0), NO_ERROR);
    join(joiner, group(G1), 1);
    assert_true(test_wait_flag(&in_callback, 1, WAIT_MS));
    test_thread_start(&t, release_later, NULL);
    assert_int_equal(MgmDeRegisterMProtocol(slow), NO_ERROR);
    assert_int_equal(test_counter_get(&in_callback), 2); /* it waited */
    test_thread_join(t);

    config.pfnJoinAlertCallback = self_join;
    assert_int_equal(MgmRegisterMProtocol(&config, PIM, 2, &self_handle), NO_ERROR);
    join(joiner, group(G2), 1);
    assert_true(test_wait_flag(&in_callback, 3, WAIT_MS));
    assert_int_equal(self_status, NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(self_handle), ERROR_INVALID_PARAMETER);

    assert_int_equal(MgmReleaseInterfaceOwnership(joiner->h, 1, 0), NO_ERROR);
    client_deregister(joiner);
}

/* MgmInitialize and MgmDeInitialize (rtm's meaning, rtm_mgm_forwarder.h). */
static void test_initialize(void **state)
{
    struct test_client *a;
    HANDLE f;
    RTM_MGM_FORWARDER_CONFIG config;
    int dummy;

    (void)state;
    assert_int_equal(MgmInitialize(NULL, NULL), NO_ERROR);
    assert_int_equal(MgmInitialize(&dummy, NULL), ERROR_NOT_SUPPORTED);
    assert_int_equal(MgmInitialize(NULL, &dummy), ERROR_NOT_SUPPORTED);
    assert_int_equal(MgmDeInitialize(), NO_ERROR);
    assert_int_equal(MgmDeInitialize(), NO_ERROR);

    a = client_register(0, DVMRP, 1);
    assert_int_equal(MgmDeInitialize(), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(MgmTakeInterfaceOwnership(a->h, 1, 0), NO_ERROR); /* still working */
    assert_int_equal(MgmReleaseInterfaceOwnership(a->h, 1, 0), NO_ERROR);
    client_deregister(a);
    memset(&config, 0, sizeof config);
    assert_int_equal(RtmMgmForwarderRegister(&config, &f), NO_ERROR);
    assert_int_equal(MgmDeInitialize(), ERROR_CAN_NOT_COMPLETE);
    assert_int_equal(RtmMgmForwarderDeregister(f), NO_ERROR);
    assert_int_equal(MgmDeInitialize(), NO_ERROR);
    /* and it starts again on use */
    a = client_register(0, DVMRP, 1);
    assert_int_equal(MgmTakeInterfaceOwnership(a->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(a->h, 1, 0), NO_ERROR);
    client_deregister(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_registration, teardown),
        cmocka_unit_test_teardown(test_ownership, teardown),
        cmocka_unit_test_teardown(test_protocol_on_interface_pointers, teardown),
        cmocka_unit_test_teardown(test_startup, teardown),
        cmocka_unit_test_teardown(test_shutdown, teardown),
        cmocka_unit_test_teardown(test_deregistration_ends_enumerations, teardown),
        cmocka_unit_test_teardown(test_deregistration_waits, teardown),
        cmocka_unit_test_teardown(test_initialize, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
