/*
 * test_mgm_membership.c - MgmAddGroupMembershipEntry and
 * MgmDeleteGroupMembershipEntry: every return code; the join and prune
 * alert rules for wildcard and source-specific pairs
 * (spec/mgm/nc-mgm-pmgm_join_alert_callback.md, ..._prune_...,
 * spec/rras/join-alert-callbacks.md, prune-alert-callbacks.md); local
 * joins and leaves (local-join-callbacks.md); the (s, g), (*, g) and
 * (*, *) precedence in MFEs (-s-g-g-and-pairs.md, processing groups and
 * callbacks); MGM_FORWARD_STATE_FLAG; the alerts about MFEs whose
 * outgoing interfaces become empty or not (bMember... FALSE).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mgm_test.h"

static const DWORD J = MGM_JOIN_STATE_FLAG, F = MGM_FORWARD_STATE_FLAG;
static struct test_clients taken;
static struct test_client *a, *b, *c, *igmp; /* taken's */
static RTM_ENTITY_HANDLE routes; /* puts routes in RTMv2's multicast view */

#define G1 ip(239, 1, 1, 1)
#define G2 ip(239, 1, 1, 2)
#define S1 ip(10, 1, 0, 5)   /* routed through interface 1 (a's) */
#define S2 ip(10, 1, 0, 6)
#define S3 ip(10, 3, 0, 7)   /* routed through interface 3 (c's) */

/* Three routing protocols on interfaces 1 (a), 2 (b), 3 (c), and IGMP on
 * 1 and 4; multicast routes to 10.1.0.0/16 through interface 1 and to
 * 10.3.0.0/16 through interface 3. */
static int setup(void **state)
{
    (void)state;
    taken = clients_take(3, 0);
    a = taken.a;
    b = taken.b;
    c = taken.c;
    igmp = taken.igmp;
    routes = test_register(0, AF_INET, 0x33, 0, FALSE);
    multicast_route(routes, test_ipv4(10, 1, 0, 0, 16), test_ipv4(192, 168, 1, 1, 32), 1);
    multicast_route(routes, test_ipv4(10, 3, 0, 0, 16), test_ipv4(192, 168, 3, 1, 32), 3);
    settle();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    clients_release(&taken);
    assert_int_equal(RtmDeregisterEntity(routes), NO_ERROR);
    settle_end();
    expect_nothing_left();
    return 0;
}

static void clear_all(void)
{
    settle();
    clear_log(a);
    clear_log(b);
    clear_log(c);
    clear_log(igmp);
}

/* Checks an alert's pair, and its interface (prunes) and flag. */
static void expect_alert(struct test_client *who, enum test_event_kind kind, int k, DWORD s,
                         DWORD g, DWORD index, BOOL member)
{
    struct test_event e = event_at(who, kind, k);

    assert_int_equal(e.source, s);
    assert_int_equal(e.source_mask, s ? ALL_ONES : 0);
    assert_int_equal(e.group, g);
    assert_int_equal(e.group_mask, g ? ALL_ONES : 0);
    assert_int_equal(e.member, member);
    if (kind == EV_PRUNE)
        assert_int_equal(e.index, index);
}

/* The return codes of both functions (memory aside: the allocation
 * failure suite), and that a refused call changes nothing. */
static void test_return_codes(void **state)
{
    (void)state;
    assert_int_equal(member_add(a, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_add(a, 0, G1, 1, J), NO_ERROR); /* again: nothing changes */
    /* the handle, the interface */
    assert_int_equal(MgmAddGroupMembershipEntry(NULL, 0, 0, G1, ALL_ONES, 1, 0, J),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmAddGroupMembershipEntry((HANDLE)0x99, 0, 0, G1, ALL_ONES, 1, 0, J),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(member_add(a, 0, G1, 2, J), ERROR_INVALID_PARAMETER); /* b's */
    assert_int_equal(member_add(a, 0, G1, 9, J), ERROR_INVALID_PARAMETER); /* nobody's */
    /* IGMP is not on it */
    assert_int_equal(member_add(igmp, 0, G1, 2, J), ERROR_INVALID_PARAMETER);
    /* the pair and the flags */
    assert_int_equal(MgmAddGroupMembershipEntry(a->h, 0, 0, G1, 0xFFFFFF00, 1, 0, J),
                     ERROR_INVALID_PARAMETER); /* a range of groups */
    assert_int_equal(MgmAddGroupMembershipEntry(a->h, S1, 0xFFFF0000, G1, ALL_ONES, 1, 0, J),
                     ERROR_INVALID_PARAMETER); /* a range of sources */
    assert_int_equal(MgmAddGroupMembershipEntry(a->h, S1, ALL_ONES, 0, 0, 1, 0, J),
                     ERROR_INVALID_PARAMETER); /* (s, *) */
    /* not class D */
    assert_int_equal(member_add(a, 0, ip(10, 0, 0, 1), 1, J), ERROR_INVALID_PARAMETER);
    assert_int_equal(member_add(a, G2, G1, 1, J), ERROR_INVALID_PARAMETER); /* a class D source */
    assert_int_equal(MgmAddGroupMembershipEntry(a->h, 0, ALL_ONES, G1, ALL_ONES, 1, 0, J),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(member_add(a, 0, G1, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(member_add(a, 0, G1, 1, 4), ERROR_INVALID_PARAMETER);

    assert_int_equal(member_delete(a, 0, G1, 9, J), ERROR_NOT_FOUND); /* no such interface */
    assert_int_equal(member_delete(a, 0, G2, 1, J), ERROR_NOT_FOUND); /* not joined */
    assert_int_equal(member_delete(igmp, 0, G1, 1, J), ERROR_NOT_FOUND); /* a's, not IGMP's */
    assert_int_equal(member_delete(a, 0, G1, 2, J), ERROR_INVALID_PARAMETER); /* b's interface */
    assert_int_equal(MgmDeleteGroupMembershipEntry(NULL, 0, 0, G1, ALL_ONES, 1, 0, J),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(member_delete(a, 0, G1, 1, 0), ERROR_INVALID_PARAMETER);
    assert_int_equal(MgmDeleteGroupMembershipEntry(a->h, 0, 0, G1, 0xFFFFFF00, 1, 0, J),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(member_delete(a, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_delete(a, 0, G1, 1, J), ERROR_NOT_FOUND);
    /* forwarding state alone, without MFEs: nothing to do */
    assert_int_equal(member_add(a, 0, G1, 1, F), NO_ERROR);
    assert_int_equal(member_delete(a, 0, G1, 1, F), NO_ERROR);
}

/*
 * Wildcard pairs: the first client with receivers alerts every other
 * registered client, the second alerts the first, later ones nobody; the
 * prunes mirror it: when one client is left it is told, when none is left
 * all the others are. A client's receivers on several interfaces count as
 * one client.
 */
static void test_wildcard_alerts(void **state)
{
    (void)state;
    clear_all();
    assert_int_equal(member_add(a, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_add(a, 0, G1, 11, J), NO_ERROR); /* the same client */
    settle();
    assert_int_equal(events(a, EV_JOIN), 0);
    assert_int_equal(events(b, EV_JOIN), 1);
    assert_int_equal(events(c, EV_JOIN), 1);
    assert_int_equal(events(igmp, EV_JOIN), 1);
    expect_alert(b, EV_JOIN, 0, 0, G1, 0, TRUE);

    clear_all();
    assert_int_equal(member_add(b, 0, G1, 2, J), NO_ERROR); /* the second client */
    settle();
    assert_int_equal(events(a, EV_JOIN), 1);
    expect_alert(a, EV_JOIN, 0, 0, G1, 0, TRUE);
    assert_int_equal(events(b, EV_JOIN) + events(c, EV_JOIN) + events(igmp, EV_JOIN), 0);

    clear_all();
    assert_int_equal(member_add(c, 0, G1, 3, J), NO_ERROR); /* the third: nobody */
    assert_int_equal(member_delete(c, 0, G1, 3, J), NO_ERROR); /* back to two: nobody */
    settle();
    assert_int_equal(events(a, EV_KINDS) + events(b, EV_KINDS) + events(c, EV_KINDS) +
                         events(igmp, EV_KINDS),
                     0);

    assert_int_equal(member_delete(b, 0, G1, 2, J), NO_ERROR); /* one left: a is told */
    settle();
    assert_int_equal(events(a, EV_PRUNE), 1);
    expect_alert(a, EV_PRUNE, 0, 0, G1, 2, TRUE);
    assert_int_equal(events(b, EV_PRUNE) + events(c, EV_PRUNE) + events(igmp, EV_PRUNE), 0);

    clear_all();
    assert_int_equal(member_delete(a, 0, G1, 11, J), NO_ERROR); /* a still has interface 1 */
    settle();
    assert_int_equal(events(b, EV_PRUNE) + events(c, EV_PRUNE), 0);
    assert_int_equal(member_delete(a, 0, G1, 1, J), NO_ERROR); /* none left: all others */
    settle();
    assert_int_equal(events(a, EV_PRUNE), 0);
    assert_int_equal(events(b, EV_PRUNE), 1);
    assert_int_equal(events(c, EV_PRUNE), 1);
    assert_int_equal(events(igmp, EV_PRUNE), 1);
    expect_alert(c, EV_PRUNE, 0, 0, G1, 1, TRUE);

    /* (*, *) follows the same rules */
    clear_all();
    assert_int_equal(member_add(b, 0, 0, 2, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_JOIN), 1);
    expect_alert(a, EV_JOIN, 0, 0, 0, 0, TRUE);
    assert_int_equal(member_delete(b, 0, 0, 2, J), NO_ERROR);
    settle();
    assert_int_equal(events(c, EV_PRUNE), 1);
    expect_alert(c, EV_PRUNE, 0, 0, 0, 2, TRUE);
}

/*
 * Source-specific pairs: only the protocol on the interface towards the
 * source (RTMv2's multicast view) is alerted: when a first client other
 * than it has receivers, and when the last one's are gone. Without a
 * route towards the source, nobody.
 */
static void test_source_alerts(void **state)
{
    (void)state;
    clear_all();
    assert_int_equal(member_add(b, S1, G1, 2, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_JOIN), 1);
    expect_alert(a, EV_JOIN, 0, S1, G1, 0, TRUE);
    assert_int_equal(events(b, EV_JOIN) + events(c, EV_JOIN) + events(igmp, EV_JOIN), 0);

    clear_all();
    assert_int_equal(member_add(c, S1, G1, 3, J), NO_ERROR); /* a second client */
    assert_int_equal(member_add(a, S1, G1, 1, J), NO_ERROR); /* the upstream protocol itself */
    assert_int_equal(member_delete(b, S1, G1, 2, J), NO_ERROR); /* c is left */
    settle();
    assert_int_equal(events(a, EV_KINDS) + events(b, EV_KINDS) + events(c, EV_KINDS), 0);
    assert_int_equal(member_delete(c, S1, G1, 3, J), NO_ERROR); /* only a itself is left */
    settle();
    assert_int_equal(events(a, EV_PRUNE), 1);
    expect_alert(a, EV_PRUNE, 0, S1, G1, 3, TRUE);
    assert_int_equal(member_delete(a, S1, G1, 1, J), NO_ERROR);

    /* its own receivers first, then another client's */
    clear_all();
    assert_int_equal(member_add(c, S3, G2, 3, J), NO_ERROR); /* c is upstream of S3 */
    settle();
    assert_int_equal(events(c, EV_JOIN), 0);
    assert_int_equal(member_add(b, S3, G2, 2, J), NO_ERROR);
    settle();
    assert_int_equal(events(c, EV_JOIN), 1);
    expect_alert(c, EV_JOIN, 0, S3, G2, 0, TRUE);
    assert_int_equal(member_delete(b, S3, G2, 2, J), NO_ERROR);
    assert_int_equal(member_delete(c, S3, G2, 3, J), NO_ERROR);
    settle();
    assert_int_equal(events(c, EV_PRUNE), 1);

    /* no route towards the source: nobody */
    clear_all();
    assert_int_equal(member_add(b, ip(172, 16, 0, 1), G1, 2, J), NO_ERROR);
    assert_int_equal(member_delete(b, ip(172, 16, 0, 1), G1, 2, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_KINDS) + events(c, EV_KINDS) + events(igmp, EV_KINDS), 0);
}

/*
 * IGMP's receivers on an interface a routing protocol owns: the protocol
 * gets local joins and leaves, and the receivers count as its own for the
 * alerts to the others. IGMP alone on an interface: no local join, and
 * IGMP is the client.
 */
static void test_local_joins(void **state)
{
    struct test_event e;

    (void)state;
    clear_all();
    assert_int_equal(member_add(igmp, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_add(igmp, S2, G2, 1, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_LOCAL_JOIN), 2);
    e = event_at(a, EV_LOCAL_JOIN, 0);
    assert_int_equal(e.group, G1);
    assert_int_equal(e.source, 0);
    assert_int_equal(e.index, 1);
    e = event_at(a, EV_LOCAL_JOIN, 1);
    assert_int_equal(e.source, S2);
    assert_int_equal(e.source_mask, ALL_ONES);
    assert_int_equal(e.group, G2);
    /* a's receivers: the others are told, not a, nor IGMP, whose call it
     * was (nor, for (s, g), a, which is upstream of S2) */
    assert_int_equal(events(b, EV_JOIN), 1);
    assert_int_equal(events(c, EV_JOIN), 1);
    assert_int_equal(events(igmp, EV_JOIN), 0);
    assert_int_equal(events(a, EV_JOIN), 0);

    /* a's own join of the pair adds nothing for the others */
    assert_int_equal(member_add(a, 0, G1, 11, J), NO_ERROR);
    settle();
    assert_int_equal(events(b, EV_JOIN), 1);

    clear_all();
    assert_int_equal(member_delete(igmp, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_delete(igmp, S2, G2, 1, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_LOCAL_LEAVE), 2);
    e = event_at(a, EV_LOCAL_LEAVE, 0);
    assert_int_equal(e.group, G1);
    assert_int_equal(e.index, 1);
    assert_int_equal(events(b, EV_PRUNE), 0); /* a still has interface 11 */
    assert_int_equal(member_delete(a, 0, G1, 11, J), NO_ERROR);
    settle();
    assert_int_equal(events(b, EV_PRUNE), 1);

    /* IGMP alone on interface 4: the client is IGMP */
    clear_all();
    assert_int_equal(member_add(igmp, 0, G1, 4, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_LOCAL_JOIN), 0);
    assert_int_equal(events(a, EV_JOIN), 1);
    assert_int_equal(events(igmp, EV_JOIN), 0);
    assert_int_equal(member_delete(igmp, 0, G1, 4, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_LOCAL_LEAVE), 0);
    assert_int_equal(events(a, EV_PRUNE), 1);
}

/* The outgoing interfaces of the MFE of (s, g). */
static void expect_oifs(DWORD s, DWORD g, unsigned n, const DWORD *ifs)
{
    struct test_mfe m;

    assert_int_equal(get_mfe(s, g, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulNumOutIf, n);
    for (unsigned i = 0; i < n; i++)
        if (!has_oif(&m.mfe, ifs[i], 0))
            fail_msg("MFE %#lx/%#lx has no outgoing interface %lu", (unsigned long)s,
                     (unsigned long)g, (unsigned long)ifs[i]);
}

/*
 * The (s, g), (*, g) and (*, *) precedence: each membership adds its
 * interface to every MFE its pair names - (*, *) to all, (*, g) to the
 * group's, (s, g) to that one - and an interface stays while any of them
 * still covers it there.
 */
static void test_precedence(void **state)
{
    struct test_forwarder *f = forwarder_register();
    const DWORD none[1] = { 0 };

    (void)state;
    assert_int_equal(member_add(igmp, 0, 0, 4, J), NO_ERROR);  /* (*, *) on 4 */
    assert_int_equal(member_add(b, 0, G1, 2, J), NO_ERROR);    /* (*, G1) on 2 */
    assert_int_equal(member_add(c, S1, G1, 3, J), NO_ERROR);   /* (S1, G1) on 3 */
    /* S1 and S2 come in on interface 1 (their route) */
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, 0, NULL), NO_ERROR);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S2, G1, 1, 0, 0, NULL), NO_ERROR);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G2, 1, 0, 0, NULL), NO_ERROR);
    expect_oifs(S1, G1, 3, (const DWORD[]){ 2, 3, 4 });
    expect_oifs(S2, G1, 2, (const DWORD[]){ 2, 4 });
    expect_oifs(S1, G2, 1, (const DWORD[]){ 4 });

    assert_int_equal(member_delete(b, 0, G1, 2, J), NO_ERROR);
    expect_oifs(S1, G1, 2, (const DWORD[]){ 3, 4 });
    expect_oifs(S2, G1, 1, (const DWORD[]){ 4 });
    assert_int_equal(member_add(c, 0, G1, 3, J), NO_ERROR);    /* (*, G1) on 3 too */
    expect_oifs(S1, G1, 2, (const DWORD[]){ 3, 4 });
    expect_oifs(S2, G1, 2, (const DWORD[]){ 3, 4 });
    assert_int_equal(member_delete(c, S1, G1, 3, J), NO_ERROR);   /* (*, G1) still covers 3 */
    expect_oifs(S1, G1, 2, (const DWORD[]){ 3, 4 });
    assert_int_equal(member_delete(igmp, 0, 0, 4, J), NO_ERROR);
    expect_oifs(S1, G1, 1, (const DWORD[]){ 3 });
    expect_oifs(S1, G2, 0, none);
    assert_int_equal(member_delete(c, 0, G1, 3, J), NO_ERROR);
    expect_oifs(S1, G1, 0, none);
    /* the incoming interface never goes out */
    assert_int_equal(member_add(a, 0, G1, 1, J), NO_ERROR);
    expect_oifs(S1, G1, 0, none);
    assert_int_equal(member_add(a, 0, G1, 11, J), NO_ERROR);
    expect_oifs(S1, G1, 1, (const DWORD[]){ 11 });
    assert_int_equal(member_delete(a, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_delete(a, 0, G1, 11, J), NO_ERROR);
    settle();
    /* every change reached the forwarder, the last state of each MFE last */
    assert_int_equal(fwd_events(FWD_INSTALL), 3);
    assert_int_equal(fwd_last().noif, 0);
    assert_int_equal(RtmMgmForwarderDeregister(f->h), NO_ERROR);
}

/* MGM_FORWARD_STATE_FLAG changes the MFEs' outgoing interfaces without
 * memberships (and without membership alerts). */
static void test_forward_state(void **state)
{
    struct test_forwarder *f = forwarder_register();
    const DWORD none[1] = { 0 };
    HANDLE e;
    SOURCE_GROUP_ENTRY entries[4];
    DWORD size = sizeof entries, n;

    (void)state;
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, 0, NULL), NO_ERROR);
    clear_all();
    assert_int_equal(member_add(b, 0, G1, 2, F), NO_ERROR);
    expect_oifs(S1, G1, 1, (const DWORD[]){ 2 });
    settle();
    assert_int_equal(events(a, EV_JOIN), 1); /* the MFE's list is no longer empty... */
    assert_false(event_at(a, EV_JOIN, 0).member); /* ... an MFE change, not a membership */
    assert_int_equal(events(c, EV_JOIN), 0);
    assert_int_equal(MgmGroupEnumerationStart(b->h, ALL_SOURCES, &e), NO_ERROR);
    assert_int_equal(MgmGroupEnumerationGetNext(e, &size, (PBYTE)entries, &n),
                     ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0); /* no membership */
    assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);

    /* a membership, then forwarding state removed: the interface goes, the
     * membership stays */
    assert_int_equal(member_add(c, 0, G1, 3, J), NO_ERROR);
    expect_oifs(S1, G1, 2, (const DWORD[]){ 2, 3 });
    assert_int_equal(member_delete(c, 0, G1, 3, F), NO_ERROR);
    expect_oifs(S1, G1, 1, (const DWORD[]){ 2 });
    assert_int_equal(member_delete(c, 0, G1, 3, J), NO_ERROR); /* the membership was still there */
    assert_int_equal(member_delete(b, 0, G1, 2, F), NO_ERROR);
    expect_oifs(S1, G1, 0, none);
    /* both flags: membership and interface */
    assert_int_equal(member_add(c, 0, G1, 3, J | F), NO_ERROR);
    expect_oifs(S1, G1, 1, (const DWORD[]){ 3 });
    assert_int_equal(member_delete(c, 0, G1, 3, J | F), NO_ERROR);
    expect_oifs(S1, G1, 0, none);
    assert_int_equal(member_delete(c, 0, G1, 3, J), ERROR_NOT_FOUND);
    assert_int_equal(RtmMgmForwarderDeregister(f->h), NO_ERROR);
}

/*
 * Alerts about an MFE (bMember... FALSE) to the protocol on its incoming
 * interface: a prune when it is made without outgoing interfaces or loses
 * its last one, whose answer is its timeout; a join when it gets one
 * again. The forwarder gets the new timeout.
 */
static void test_mfe_alerts(void **state)
{
    struct test_forwarder *f = forwarder_register();
    struct test_mfe m;
    struct test_event e;

    (void)state;
    clear_all();
    ANSWER(a->prune_answer, 1);
    ANSWER(a->prune_timeout, 120);
    assert_int_equal(RtmMgmForwarderReportPacket(f->h, S1, G1, 1, 0, 0, NULL), NO_ERROR);
    wait_events(a, EV_PRUNE, 1);
    e = event_at(a, EV_PRUNE, 0);
    assert_int_equal(e.member, FALSE);
    assert_int_equal(e.source, S1);
    assert_int_equal(e.source_mask, ALL_ONES);
    assert_int_equal(e.group, G1);
    assert_int_equal(e.group_mask, ALL_ONES);
    assert_int_equal(e.index, 1);     /* its incoming interface */
    assert_int_equal(e.timeout, 900); /* the default */
    settle();
    assert_int_equal(get_mfe(S1, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulTimeOut, 120);
    assert_true(m.mfe.ulExpiryTime <= 120 && m.mfe.ulExpiryTime >= 100);

    assert_int_equal(member_add(b, 0, G1, 2, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_JOIN), 2); /* the membership, and the MFE */
    assert_int_equal(event_at(a, EV_JOIN, 0).member, TRUE);
    assert_int_equal(event_at(a, EV_JOIN, 1).member, FALSE);
    assert_int_equal(event_at(a, EV_JOIN, 1).source, S1);
    ANSWER(a->prune_timeout, 60);
    assert_int_equal(member_delete(b, 0, G1, 2, J), NO_ERROR);
    settle();
    assert_int_equal(events(a, EV_PRUNE), 3); /* the membership, and the MFE */
    assert_int_equal(event_at(a, EV_PRUNE, 1).member, TRUE);
    e = event_at(a, EV_PRUNE, 2);
    assert_int_equal(e.member, FALSE);
    assert_int_equal(e.timeout, 120);
    assert_int_equal(get_mfe(S1, G1, &m.mfe), NO_ERROR);
    assert_int_equal(m.mfe.ulTimeOut, 60);
    ANSWER(a->prune_answer, 0);
    assert_int_equal(RtmMgmForwarderDeregister(f->h), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_return_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wildcard_alerts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_source_alerts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_local_joins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_precedence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forward_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mfe_alerts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
