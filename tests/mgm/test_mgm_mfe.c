/*
 * test_mgm_mfe.c - multicast forwarding entries: the forwarder extension
 * (include/rtm_mgm_forwarder.h: registration, packet and counter reports,
 * MFE installs, updates and removals), the MFEs' creation with the RPF
 * and creation-alert callbacks (spec/mgm/nc-mgm-pmgm_rpf_callback.md,
 * nc-mgm-pmgm_creation_alert_callback.md), wrong-interface alerts,
 * expiry, and MgmGetMfe, MgmGetFirstMfe, MgmGetNextMfe and their
 * statistics variants: every return code, the buffer semantics, and the
 * administrative application scenario
 * (spec/rras/administrative-application-scenario.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mgm_test.h"

#define ROUTES_PROTO 0x33u

#define G1 ip(239, 1, 1, 1)
#define G2 ip(239, 1, 1, 2)
#define S1 ip(10, 1, 0, 5)     /* routed through interface 1 (a's) */
#define S6 ip(10, 6, 0, 5)     /* through the point-to-multipoint link (6, 192.168.6.1) */
#define S9 ip(172, 16, 0, 9)   /* no route */
#define NEIGHBOUR1 ip(192, 168, 1, 1)
#define LINK6 ip(192, 168, 6, 1)

static const DWORD J = MGM_JOIN_STATE_FLAG;
static struct test_clients taken;
static struct test_client *a, *b, *c, *igmp; /* taken's */
static struct test_forwarder *f;
static RTM_ENTITY_HANDLE routes;

static DWORD report(DWORD s, DWORD g, DWORD index)
{
    return RtmMgmForwarderReportPacket(f->h, s, g, index, 0, 0, NULL);
}

/* a on 1 and 11, b on 2, c on the link (6, 192.168.6.1), IGMP on 1 and 4;
 * multicast routes: 10.1.0.0/16 via 192.168.1.1 on interface 1,
 * 10.6.0.0/16 via 192.168.6.1 on interface 6; a forwarder. */
static int setup(void **state)
{
    (void)state;
    taken = clients_take(6, LINK6);
    a = taken.a;
    b = taken.b;
    c = taken.c;
    igmp = taken.igmp;
    routes = test_register(0, AF_INET, ROUTES_PROTO, 0, FALSE);
    multicast_route(routes, test_ipv4(10, 1, 0, 0, 16), test_ipv4(192, 168, 1, 1, 32), 1);
    multicast_route(routes, test_ipv4(10, 6, 0, 0, 16), test_ipv4(192, 168, 6, 1, 32), 6);
    f = forwarder_register();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(RtmMgmForwarderDeregister(f->h), NO_ERROR);
    clients_release(&taken);
    assert_int_equal(RtmDeregisterEntity(routes), NO_ERROR);
    settle_end();
    expect_nothing_left();
    return 0;
}

/* The forwarder's registration and reports: their return codes. */
static void test_forwarder_codes(void **state)
{
    RTM_MGM_FORWARDER_CONFIG config;
    HANDLE other = (HANDLE)0x66;
    BYTE hdr[4] = { 0x45, 0, 0, 0 };
    struct {
        MIB_IPMCAST_MFE_STATS_EX stats;
        MIB_IPMCAST_OIF_STATS more[2];
    } counters;

    (void)state;
    memset(&config, 0, sizeof config);
    assert_int_equal(RtmMgmForwarderRegister(NULL, &other), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderRegister(&config, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderRegister(&config, &other), ERROR_ALREADY_EXISTS);
    assert_ptr_equal(other, (HANDLE)0x66);
    assert_int_equal(RtmMgmForwarderDeregister(NULL), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmMgmForwarderDeregister(a->h), ERROR_INVALID_HANDLE);

    /* packets: addresses, header */
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, ip(10, 0, 0, 1), 1, 0, 0, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, 0, G1, 1, 0, 0, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, G2, G1, 1, 0, 0, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, 4, NULL),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, 65536, hdr),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportPacket(NULL, S1, G1, 1, 0, 0, NULL),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmMgmForwarderReportPacket(a->h, S1, G1, 1, 0, 0, NULL),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(MgmGetFirstMfe(&(DWORD){ 0 }, NULL, &(DWORD){ 0 }), ERROR_NO_MORE_ITEMS);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, sizeof hdr, hdr), NO_ERROR);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, sizeof hdr, hdr), NO_ERROR);

    /* counters */
    memset(&counters, 0, sizeof counters);
    counters.stats.dwSource = S1;
    counters.stats.dwGroup = G1;
    counters.stats.ulNumOutIf = 3;
    assert_int_equal(RtmMgmForwarderReportCounters(f->h, NULL, sizeof counters),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportCounters(f->h, &counters.stats,
                                                   SIZEOF_MIB_MFE_STATS_EX(3) - 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportCounters(f->h, &counters.stats,
                                                   SIZEOF_BASIC_MIB_MFE_STATS_EX - 1),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmMgmForwarderReportCounters(NULL, &counters.stats, sizeof counters),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmMgmForwarderReportCounters(f->h, &counters.stats,
                                                   SIZEOF_MIB_MFE_STATS_EX(3)),
                     NO_ERROR);
    counters.stats.dwGroup = G2;
    assert_int_equal(RtmMgmForwarderReportCounters(f->h, &counters.stats,
                                                   SIZEOF_MIB_MFE_STATS_EX(3)),
                     ERROR_NOT_FOUND);
}

/*
 * A packet from a routed source: the protocol on the route's interface
 * gets the RPF callback (the interface, upstream neighbour, header and
 * route as given); the protocols with receivers get creation alerts
 * listing their interfaces (IGMP's too, flagged); one disables its
 * interface; the MFE says it all and the forwarder installs it.
 */
static void test_mfe_creation(void **state)
{
    BYTE hdr[20] = { 0x45 };
    struct test_event e;
    struct test_mfe m;
    struct test_fwd_event fe;

    (void)state;
    assert_int_equal(member_add(b, 0, G1, 2, J), NO_ERROR);
    assert_int_equal(member_add(igmp, 0, G1, 4, J), NO_ERROR);
    assert_int_equal(member_add(igmp, 0, G1, 1, J), NO_ERROR);  /* the incoming interface */
    assert_int_equal(member_add(a, S1, G1, 11, J), NO_ERROR);
    assert_int_equal(MgmAddGroupMembershipEntry(c->h, 0, 0, 0, 0, 6, LINK6, J),
                     NO_ERROR);                       /* (*, *) on its link */
    settle();
    clear_log(a);
    clear_log(b);
    clear_log(c);
    clear_log(igmp);
    ANSWER(c->disable, 1);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, sizeof hdr, hdr), NO_ERROR);
    /* RPF: to a, in this thread, before anything else */
    assert_int_equal(events(a, EV_RPF), 1);
    e = event_at(a, EV_RPF, 0);
    assert_int_equal(e.source, S1);
    assert_int_equal(e.source_mask, ALL_ONES);
    assert_int_equal(e.group, G1);
    assert_int_equal(e.group_mask, ALL_ONES);
    assert_int_equal(e.index, 1);
    assert_int_equal(e.nexthop, 0);
    assert_int_equal(e.upstream, NEIGHBOUR1);
    assert_int_equal(e.hdr_size, sizeof hdr);
    assert_int_equal(e.hdr0, 0x45);
    assert_true(test_same_prefix(&e.route, &(RTM_NET_ADDRESS){ 0 }) == 0);
    assert_int_equal(e.route.NumBits, 16);
    assert_int_equal(e.route.AddrBits[0], 10);
    assert_int_equal(e.route.AddrBits[1], 1);
    /* creation alerts, each listing the protocol's own interfaces: a (11),
     * b (2), IGMP (4, flagged), c (its link) */
    assert_int_equal(events(a, EV_CREATION), 1);
    e = event_at(a, EV_CREATION, 0);
    assert_int_equal(e.index, 1);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.ifs[0].dwIfIndex, 11);
    assert_false(e.ifs[0].bIGMP);
    assert_true(e.ifs[0].bIsEnabled);
    assert_int_equal(events(b, EV_CREATION), 1);
    assert_int_equal(event_at(b, EV_CREATION, 0).ifs[0].dwIfIndex, 2);
    assert_int_equal(events(igmp, EV_CREATION), 1);
    e = event_at(igmp, EV_CREATION, 0);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.ifs[0].dwIfIndex, 4);
    assert_true(e.ifs[0].bIGMP);
    assert_int_equal(events(c, EV_CREATION), 1);
    e = event_at(c, EV_CREATION, 0);
    assert_int_equal(e.ifs[0].dwIfIndex, 6);
    assert_int_equal(e.ifs[0].dwIfNextHopAddr, LINK6);
    ANSWER(c->disable, 0);

    /* the MFE: c's link disabled, the incoming interface not outgoing */
    assert_int_equal(get_mfe(S1, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.dwSource, S1);
    assert_int_equal(m.mfe.dwGroup, G1);
    assert_int_equal(m.mfe.dwSrcMask, ALL_ONES);
    assert_int_equal(m.mfe.dwUpStrmNgbr, NEIGHBOUR1);
    assert_int_equal(m.mfe.dwInIfIndex, 1);
    assert_int_equal(m.mfe.dwInIfProtocol, PROTO_A);
    assert_int_equal(m.mfe.dwRouteProtocol, ROUTES_PROTO);
    assert_int_equal(m.mfe.dwRouteNetwork, ip(10, 1, 0, 0));
    assert_int_equal(m.mfe.dwRouteMask, ip(255, 255, 0, 0));
    assert_true(m.mfe.ulUpTime <= 1);
    assert_int_equal(m.mfe.ulTimeOut, 900);
    assert_true(m.mfe.ulExpiryTime > 890 && m.mfe.ulExpiryTime <= 900);
    assert_int_equal(m.mfe.fFlags, 0);
    assert_int_equal(m.mfe.ulNumOutIf, 3);
    assert_true(has_oif(&m.mfe, 2, 0));
    assert_true(has_oif(&m.mfe, 4, 0));
    assert_true(has_oif(&m.mfe, 11, 0));
    assert_false(has_oif(&m.mfe, 6, LINK6));
    settle();
    assert_int_equal(fwd_events(FWD_INSTALL), 1);
    fe = fwd_last();
    assert_int_equal(fe.kind, FWD_INSTALL);
    assert_int_equal(fe.source, S1);
    assert_int_equal(fe.in_index, 1);
    assert_int_equal(fe.noif, 3);
    /* it came in on the right interface: no wrong-interface alert */
    assert_int_equal(events(a, EV_WRONG_IF) + events(igmp, EV_WRONG_IF), 0);

    /* the same pair again: nothing new */
    assert_int_equal(report(S1, G1, 1), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_RPF), 1);
    assert_int_equal(fwd_events(FWD_INSTALL), 1);
    assert_int_equal(member_delete(b, 0, G1, 2, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, 0, G1, 4, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_delete(a, S1, G1, 11, J), NO_ERROR);
    assert_int_equal(MgmDeleteGroupMembershipEntry(c->h, 0, 0, 0, 0, 6, LINK6, J), NO_ERROR);
}

/* The RPF callback moves the incoming interface and the upstream
 * neighbour; a packet on any other interface gets its protocol a
 * wrong-interface alert, with the header. Without a route, the arrival
 * interface is the incoming one; a route through a known
 * point-to-multipoint link makes that link the incoming interface. */
static void test_incoming_interface(void **state)
{
    BYTE hdr[8] = { 0x46, 1, 2 };
    struct test_mfe m;
    struct test_event e;

    (void)state;
    ANSWER(a->rpf_answer, 1);
    ANSWER(a->rpf_index, 11);
    ANSWER(a->rpf_nexthop, 0);
    ANSWER(a->rpf_upstream, ip(192, 168, 11, 1));
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G2, 1, 0, sizeof hdr, hdr), NO_ERROR);
    ANSWER(a->rpf_answer, 0);
    assert_int_equal(get_mfe(S1, G2, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.dwInIfIndex, 11);
    assert_int_equal(m.mfe.dwUpStrmNgbr, ip(192, 168, 11, 1));
    wait_events(a, EV_WRONG_IF, 1); /* it came in on 1, a's */
    e = event_at(a, EV_WRONG_IF, 0);
    assert_int_equal(e.source, S1);
    assert_int_equal(e.group, G2);
    assert_int_equal(e.index, 1);
    assert_int_equal(e.hdr_size, sizeof hdr);
    assert_int_equal(e.hdr0, 0x46);
    /* later packets: on b's interface, then on nobody's */
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G2, 2, 0, sizeof hdr, hdr), NO_ERROR);
    assert_int_equal(report(S1, G2, 99), NO_ERROR);
    assert_int_equal(report(S1, G2, 11), NO_ERROR); /* the right one */
    settle();
    assert_int_equal(events(b, EV_WRONG_IF), 1);
    assert_int_equal(event_at(b, EV_WRONG_IF, 0).index, 2);
    assert_int_equal(events(a, EV_WRONG_IF), 1);

    /* no route: the arrival interface (IGMP's alone: it gets the RPF
     * callback); upstream and route unknown */
    assert_int_equal(report(S9, G1, 4), NO_ERROR);
    assert_int_equal(get_mfe(S9, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.dwInIfIndex, 4);
    assert_int_equal(m.mfe.dwInIfProtocol, PROTO_IGMP);
    assert_int_equal(m.mfe.dwUpStrmNgbr, 0);
    assert_int_equal(m.mfe.dwRouteProtocol, 0);
    assert_int_equal(m.mfe.dwRouteNetwork, 0);
    assert_int_equal(m.mfe.dwRouteMask, 0);
    assert_int_equal(events(igmp, EV_RPF), 1);
    assert_int_equal(event_at(igmp, EV_RPF, 0).route.NumBits, 0);

    /* through c's point-to-multipoint link, on which it arrives */
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S6, G1, 6, LINK6, 0, NULL), NO_ERROR);
    assert_int_equal(events(c, EV_RPF), 1);
    e = event_at(c, EV_RPF, 0);
    assert_int_equal(e.index, 6);
    assert_int_equal(e.nexthop, LINK6);
    assert_int_equal(get_mfe(S6, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.dwInIfIndex, 6);
    assert_int_equal(m.mfe.dwInIfProtocol, PROTO_C);
    settle();
    assert_int_equal(events(c, EV_WRONG_IF), 0);
}

/* An inactive route is no route for RPF: under a more specific
 * destination whose multicast routes are all inactive (here through c's
 * link), the MGM takes the best route of a less specific one. */
static void test_inactive_route(void **state)
{
    RTM_NEXTHOP_HANDLE nh6 = test_add_nexthop(routes, test_ipv4(192, 168, 6, 1, 32), 6);
    RTM_ROUTE_INFO info = test_route(nh6, 1, 1, RTM_VIEW_MASK_MCAST);
    RTM_NET_ADDRESS dest = test_ipv4(10, 1, 0, 0, 24);
    RTM_ROUTE_HANDLE r = NULL;
    RTM_ROUTE_CHANGE_FLAGS change = 0;
    struct test_mfe m;

    (void)state;
    info.Flags = RTM_ROUTE_FLAGS_INACTIVE;
    assert_int_equal(RtmAddRouteToDest(routes, &r, &dest, &info, INFINITE, NULL, 0, NULL, &change),
                     NO_ERROR);
    assert_int_equal(report(S1, G1, 1), NO_ERROR);
    assert_int_equal(get_mfe(S1, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.dwInIfIndex, 1);
    assert_int_equal(m.mfe.dwInIfProtocol, PROTO_A);
    assert_int_equal(m.mfe.dwUpStrmNgbr, NEIGHBOUR1);
    assert_int_equal(m.mfe.dwRouteProtocol, ROUTES_PROTO);
    assert_int_equal(m.mfe.dwRouteNetwork, ip(10, 1, 0, 0));
    assert_int_equal(m.mfe.dwRouteMask, ip(255, 255, 0, 0));
    assert_int_equal(events(a, EV_RPF), 1);
    assert_int_equal(events(c, EV_RPF), 0);
    assert_int_equal(RtmReleaseRoutes(routes, 1, &r), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(routes, 1, &nh6), NO_ERROR);
}

/* Empty table; the functions' pointers and flags. */
static void test_read_codes(void **state)
{
    BYTE buffer[512];
    DWORD size, n;
    MIB_IPMCAST_MFE which;

    (void)state;
    memset(&which, 0, sizeof which);
    which.dwSource = S1;
    which.dwGroup = G1;
    /* empty: NO_MORE_ITEMS and no entry, ERROR_NOT_FOUND */
    size = sizeof buffer;
    n = 7;
    assert_int_equal(MgmGetFirstMfe(&size, buffer, &n), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(size, sizeof buffer);
    assert_int_equal(MgmGetNextMfe(&which, &size, buffer, &n), ERROR_NO_MORE_ITEMS);
    assert_int_equal(MgmGetFirstMfeStats(&size, buffer, &n, MGM_MFE_STATS_0),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(MgmGetNextMfeStats(&which, &size, buffer, &n, MGM_MFE_STATS_1),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(MgmGetMfe(&which, &size, buffer), ERROR_NOT_FOUND);
    assert_int_equal(MgmGetMfeStats(&which, &size, buffer, MGM_MFE_STATS_0), ERROR_NOT_FOUND);

    /* pointers and flags */
    assert_int_equal(MgmGetMfe(NULL, &size, buffer), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetMfe(&which, NULL, buffer), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetFirstMfe(NULL, buffer, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetFirstMfe(&size, buffer, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetFirstMfe(&size, NULL, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetNextMfe(NULL, &size, buffer, &n), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetMfeStats(&which, &size, buffer, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetMfeStats(&which, &size, buffer, 3), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetFirstMfeStats(&size, buffer, &n, 4), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetNextMfeStats(&which, &size, buffer, &n, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetNextMfeStats(NULL, &size, buffer, &n, MGM_MFE_STATS_0),
                     ERROR_INVALID_PARAMETER);

    /* one MFE with two outgoing interfaces: sizes asked exactly */
    assert_int_equal(member_add(b, 0, G1, 2, J), NO_ERROR);
    assert_int_equal(member_add(igmp, 0, G1, 4, J), NO_ERROR);
    assert_int_equal(report(S1, G1, 1), NO_ERROR);
    size = SIZEOF_MIB_MFE(2) - 1;
    assert_int_equal(MgmGetMfe(&which, &size, buffer), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, SIZEOF_MIB_MFE(2));
    size = 0;
    assert_int_equal(MgmGetMfe(&which, &size, NULL), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, SIZEOF_MIB_MFE(2));
    assert_int_equal(MgmGetMfe(&which, &size, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmGetMfe(&which, &size, buffer), NO_ERROR);
    assert_int_equal(size, SIZEOF_MIB_MFE(2));
    size = 0;
    assert_int_equal(MgmGetMfeStats(&which, &size, NULL, MGM_MFE_STATS_0),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, SIZEOF_MIB_MFE_STATS(2));
    size = 0;
    assert_int_equal(MgmGetMfeStats(&which, &size, NULL, MGM_MFE_STATS_1),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, SIZEOF_MIB_MFE_STATS_EX(2));
    assert_int_equal(MgmGetMfeStats(&which, &size, buffer, MGM_MFE_STATS_1), NO_ERROR);
    size = SIZEOF_MIB_MFE(1);
    assert_int_equal(MgmGetFirstMfe(&size, buffer, &n), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, SIZEOF_MIB_MFE(2));
    assert_int_equal(n, 0);
    size = 0;
    assert_int_equal(MgmGetFirstMfeStats(&size, NULL, &n, MGM_MFE_STATS_0),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, SIZEOF_MIB_MFE_STATS(2));
    assert_int_equal(member_delete(b, 0, G1, 2, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, 0, G1, 4, J), NO_ERROR);
}

/* Reads every MFE (or its statistics) with a buffer of size bytes,
 * following the scenario: MgmGetFirst..., then MgmGetNext... from the last
 * one returned, retrying with the size asked for, until
 * ERROR_NO_MORE_ITEMS. The (source, group) pairs go to pairs (max 16). */
static unsigned read_all(DWORD size, DWORD flags, DWORD pairs[][2])
{
    static BYTE buffer[4096];
    MIB_IPMCAST_MFE last;
    DWORD n, status, room = size;
    unsigned total = 0;
    int first = 1;

    do {
        size = room;
        if (first)
            status = flags ? MgmGetFirstMfeStats(&size, buffer, &n, flags)
                           : MgmGetFirstMfe(&size, buffer, &n);
        else
            status = flags ? MgmGetNextMfeStats(&last, &size, buffer, &n, flags)
                           : MgmGetNextMfe(&last, &size, buffer, &n);
        if (status == ERROR_INSUFFICIENT_BUFFER) {
            assert_int_equal(n, 0);
            assert_true(size > room);
            room = size;
            continue;
        }
        assert_true(status == ERROR_MORE_DATA || status == ERROR_NO_MORE_ITEMS);
        assert_int_equal(size, room);
        for (DWORD i = 0, at = 0; i < n; i++) {
            MIB_IPMCAST_MFE mfe;
            MIB_IPMCAST_MFE_STATS_EX stats; /* MIB_IPMCAST_MFE_STATS is its start */
            memcpy(&mfe, buffer + at, SIZEOF_BASIC_MIB_MFE);
            memcpy(&stats, buffer + at, SIZEOF_BASIC_MIB_MFE_STATS);
            assert_true(total < 16);
            pairs[total][0] = mfe.dwSource;
            pairs[total][1] = mfe.dwGroup;
            total++;
            memset(&last, 0, sizeof last);
            last.dwSource = mfe.dwSource;
            last.dwGroup = mfe.dwGroup;
            at += flags == MGM_MFE_STATS_0   ? SIZEOF_MIB_MFE_STATS(stats.ulNumOutIf)
                  : flags == MGM_MFE_STATS_1 ? SIZEOF_MIB_MFE_STATS_EX(stats.ulNumOutIf)
                                             : SIZEOF_MIB_MFE(mfe.ulNumOutIf);
            assert_true(at <= room);
        }
        first = 0;
    } while (status != ERROR_NO_MORE_ITEMS);
    return total;
}

/*
 * The administrative application scenario: MFEs made by reported packets,
 * with counters reported by the forwarder, read in order by group then
 * source (numerically), with buffers of every size, as MFEs and as
 * statistics of both kinds; and one MFE's statistics in detail.
 */
static void test_administrative_scenario(void **state)
{
    const DWORD want[][2] = {
        { ip(10, 1, 0, 5), ip(224, 2, 0, 1) },
        { ip(10, 1, 0, 5), ip(239, 1, 1, 1) },
        { ip(10, 1, 2, 1), ip(239, 1, 1, 1) },
        { ip(10, 1, 10, 1), ip(239, 1, 1, 1) },
        { ip(10, 1, 0, 5), ip(239, 200, 0, 1) },
    };
    const unsigned count = sizeof want / sizeof want[0];
    struct {
        MIB_IPMCAST_MFE_STATS_EX stats;
        MIB_IPMCAST_OIF_STATS more[2];
    } counters;
    BYTE buffer[SIZEOF_MIB_MFE_STATS_EX(4)];
    MIB_IPMCAST_MFE_STATS_EX ex;
    MIB_IPMCAST_MFE_STATS s0;
    MIB_IPMCAST_OIF_STATS oif;
    DWORD pairs[16][2], size;
    MIB_IPMCAST_MFE which;

    (void)state;
    assert_int_equal(member_add(b, 0, ip(239, 1, 1, 1), 2, J), NO_ERROR);
    assert_int_equal(member_add(igmp, 0, 0, 4, J), NO_ERROR);
    for (unsigned i = count; i-- > 0;) /* reported in another order */
        assert_int_equal(report(want[i][0], want[i][1], 1), NO_ERROR);
    for (DWORD flags = 0; flags <= MGM_MFE_STATS_1; flags++) {
        for (DWORD room = 0; room <= 3 * SIZEOF_MIB_MFE_STATS_EX(2); room += 23) {
            unsigned n = read_all(room, flags, pairs);
            assert_int_equal(n, count);
            for (unsigned i = 0; i < count; i++) {
                assert_int_equal(pairs[i][0], want[i][0]);
                assert_int_equal(pairs[i][1], want[i][1]);
            }
        }
    }

    /* counters for (10.1.2.1, 239.1.1.1): out on 2 and 4 (and one it has not) */
    memset(&counters, 0, sizeof counters);
    counters.stats.dwSource = ip(10, 1, 2, 1);
    counters.stats.dwGroup = ip(239, 1, 1, 1);
    counters.stats.ulInPkts = 100;
    counters.stats.ulInOctets = 150000;
    counters.stats.ulPktsDifferentIf = 3;
    counters.stats.ulQueueOverflow = 4;
    counters.stats.ulUninitMfe = 5;
    counters.stats.ulNegativeMfe = 6;
    counters.stats.ulInDiscards = 7;
    counters.stats.ulInHdrErrors = 8;
    counters.stats.ulTotalOutPackets = 190;
    counters.stats.ulNumOutIf = 3;
    counters.stats.rgmiosOutStats[0].dwOutIfIndex = 4;
    counters.stats.rgmiosOutStats[0].ulOutPackets = 100;
    counters.stats.rgmiosOutStats[0].ulTtlTooLow = 1;
    counters.more[0].dwOutIfIndex = 2;
    counters.more[0].ulOutPackets = 90;
    counters.more[0].ulOutDiscards = 10;
    counters.more[0].ulFragNeeded = 2;
    counters.more[1].dwOutIfIndex = 77; /* not one of its interfaces */
    counters.more[1].ulOutPackets = 55;
    assert_int_equal(RtmMgmForwarderReportCounters(f->h, &counters.stats, sizeof counters),
                     NO_ERROR);
    memset(&which, 0, sizeof which);
    which.dwSource = ip(10, 1, 2, 1);
    which.dwGroup = ip(239, 1, 1, 1);
    size = sizeof buffer;
    assert_int_equal(MgmGetMfeStats(&which, &size, buffer, MGM_MFE_STATS_1), NO_ERROR);
    memcpy(&ex, buffer, SIZEOF_BASIC_MIB_MFE_STATS_EX);
    assert_int_equal(ex.dwSource, which.dwSource);
    assert_int_equal(ex.dwInIfIndex, 1);
    assert_int_equal(ex.ulInPkts, 100);
    assert_int_equal(ex.ulInOctets, 150000);
    assert_int_equal(ex.ulPktsDifferentIf, 3);
    assert_int_equal(ex.ulQueueOverflow, 4);
    assert_int_equal(ex.ulUninitMfe, 5);
    assert_int_equal(ex.ulNegativeMfe, 6);
    assert_int_equal(ex.ulInDiscards, 7);
    assert_int_equal(ex.ulInHdrErrors, 8);
    assert_int_equal(ex.ulTotalOutPackets, 190);
    assert_int_equal(ex.ulNumOutIf, 2);
    for (ULONG i = 0; i < 2; i++) {
        memcpy(&oif, buffer + SIZEOF_BASIC_MIB_MFE_STATS_EX + i * sizeof oif, sizeof oif);
        if (oif.dwOutIfIndex == 2) {
            assert_int_equal(oif.ulOutPackets, 90);
            assert_int_equal(oif.ulOutDiscards, 10);
            assert_int_equal(oif.ulFragNeeded, 2);
        } else {
            assert_int_equal(oif.dwOutIfIndex, 4);
            assert_int_equal(oif.ulOutPackets, 100);
            assert_int_equal(oif.ulTtlTooLow, 1);
        }
    }
    size = sizeof buffer;
    assert_int_equal(MgmGetMfeStats(&which, &size, buffer, MGM_MFE_STATS_0), NO_ERROR);
    memcpy(&s0, buffer, SIZEOF_BASIC_MIB_MFE_STATS);
    assert_int_equal(s0.ulInPkts, 100);
    assert_int_equal(s0.ulQueueOverflow, 4);
    assert_int_equal(s0.ulNumOutIf, 2);
    memcpy(&oif, buffer + SIZEOF_BASIC_MIB_MFE_STATS, sizeof oif);
    assert_true(oif.dwOutIfIndex == 2 || oif.dwOutIfIndex == 4);
    /* the next MFE has no counters yet */
    size = sizeof buffer;
    assert_int_equal(MgmGetNextMfeStats(&which, &size, buffer, &(DWORD){ 0 }, MGM_MFE_STATS_1),
                     ERROR_MORE_DATA);
    memcpy(&ex, buffer, SIZEOF_BASIC_MIB_MFE_STATS_EX);
    assert_int_equal(ex.dwSource, ip(10, 1, 10, 1));
    assert_int_equal(ex.ulInPkts, 0);
    assert_int_equal(member_delete(b, 0, ip(239, 1, 1, 1), 2, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, 0, 0, 4, J), NO_ERROR);
}

/* An MFE expires after its timeout (the prune alert's answer, seconds):
 * the forwarder is told; packets reported through the counters keep it. */
static void test_expiry(void **state)
{
    struct test_mfe m;
    MIB_IPMCAST_MFE_STATS_EX counters;
    unsigned long long start;

    (void)state;
    ANSWER(a->prune_answer, 1);
    ANSWER(a->prune_timeout, 2);
    assert_int_equal(report(S1, G1, 1), NO_ERROR); /* no receivers: a prune alert */
    wait_events(a, EV_PRUNE, 1);
    ANSWER(a->prune_answer, 0);
    settle();
    assert_int_equal(get_mfe(S1, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulTimeOut, 2);
    /* kept alive by rising counters for longer than its timeout */
    memset(&counters, 0, sizeof counters);
    counters.dwSource = S1;
    counters.dwGroup = G1;
    start = test_now_ms();
    while (test_now_ms() - start < 3000) {
        counters.ulInPkts++;
        assert_int_equal(RtmMgmForwarderReportCounters(f->h, &counters, sizeof counters),
                         NO_ERROR);
        test_sleep_ms(200);
    }
    assert_int_equal(get_mfe(S1, G1, &m.mfe), NO_ERROR);
    /* then it expires */
    start = test_now_ms();
    while (get_mfe(S1, G1, &m.mfe) == NO_ERROR && test_now_ms() - start < WAIT_MS)
        test_sleep_ms(10);
    assert_int_equal(get_mfe(S1, G1, &m.mfe), ERROR_NOT_FOUND);
    assert_true(test_now_ms() - start >= 1000);
    settle();
    assert_int_equal(fwd_events(FWD_REMOVE), 1);
    assert_int_equal(fwd_last().source, S1);
    /* the next packet makes it again */
    assert_int_equal(report(S1, G1, 1), NO_ERROR);
    assert_int_equal(get_mfe(S1, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulTimeOut, 900);
}

/* The forwarder's deregistration deletes every MFE; a new forwarder
 * starts from none. */
static void test_forwarder_deregistration(void **state)
{
    DWORD size = 0, n;
    struct test_mfe m;

    (void)state;
    assert_int_equal(report(S1, G1, 1), NO_ERROR);
    assert_int_equal(report(S9, G1, 2), NO_ERROR);
    assert_int_equal(RtmMgmForwarderDeregister(f->h), NO_ERROR);
    assert_int_equal(RtmMgmForwarderDeregister(f->h), ERROR_INVALID_HANDLE);
    assert_int_equal(report(S1, G1, 1), ERROR_INVALID_HANDLE);
    assert_int_equal(MgmGetFirstMfe(&size, NULL, &n), ERROR_NO_MORE_ITEMS);
    f = forwarder_register();
    assert_int_equal(get_mfe(S1, G1, &m.mfe), ERROR_NOT_FOUND);
    settle();
    assert_int_equal(fwd_events(FWD_REMOVE), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_forwarder_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mfe_creation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incoming_interface, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inactive_route, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_administrative_scenario, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forwarder_deregistration, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
