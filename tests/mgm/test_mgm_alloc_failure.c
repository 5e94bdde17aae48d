/*
 * test_mgm_alloc_failure.c - every MGM call that allocates, with each of
 * its allocations failing in turn: the 1st, then the 2nd, ... until the
 * call needs no more and succeeds. Each failed call must return its
 * documented error for it (ERROR_NOT_ENOUGH_MEMORY, or
 * ERROR_CAN_NOT_COMPLETE where the page lists no memory error) and leave
 * no trace: the MGM as clients see it (mgm_snapshot.h: interfaces, pairs
 * joined, MFEs and their statistics, live objects, queued callbacks) and
 * the library's allocation balance as before the call. Every iteration
 * starts from a fresh fixture and tears it down; the live objects and the
 * balance must then be back to their values at the start.
 *
 * INTERNAL: linked with the library's objects and the failing allocator
 * of tests/support/failing_alloc.c, which fails only the calling thread's
 * allocations. Besides that it uses the public API. (The RTMv2 calls have
 * their suite in tests/unit/test_alloc_failure.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "alloc_in_turn.h"
#include "failing_alloc.h"
#include "base/handle.h"
#include "mgm_test.h"
#include "mgm_snapshot.h"

#define PROTO_KEEPER 0x4000000Fu
#define G1 ip(239, 1, 1, 1)
#define G2 ip(239, 1, 1, 2)
#define S1 ip(10, 1, 0, 5)   /* routed through interface 1 */
#define S2 ip(10, 1, 0, 6)
#define J MGM_JOIN_STATE_FLAG
#define F MGM_FORWARD_STATE_FLAG

/* What every iteration starts from: a (PROTO_A) on 1 and 11, IGMP on 1
 * and 5, b (PROTO_B) registered on no interface; memberships (*, G1) by a
 * on 11, by IGMP on 1 and 5; a forwarder and the MFE (S1, G1) coming in on
 * 1, out on 5 and 11. */
struct fixture {
    struct test_client *a, *b, *igmp;
    HANDLE created;
};

struct op {
    const char *name;
    void (*prepare)(struct fixture *f);   /* before the snapshot; may be NULL */
    DWORD (*call)(struct fixture *f);
    DWORD error;                          /* what a failed allocation makes it return */
    int allocates;
};

static HANDLE keeper;                     /* keeps the MGM's RTMv2 registration */
static RTM_ENTITY_HANDLE routes;          /* the route towards S1 */
static RTM_DIAG_OBJECT_COUNTS base_counts;
static long base_blocks;

static void fixture_setup(struct fixture *f)
{
    memset(f, 0, sizeof *f);
    f->a = client_register(0, PROTO_A, 1);
    f->b = client_register(1, PROTO_B, 1);
    f->igmp = client_register(2, PROTO_IGMP, 1);
    forwarder_register();
    assert_int_equal(MgmTakeInterfaceOwnership(f->a->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(f->a->h, 11, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(f->igmp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(f->igmp->h, 5, 0), NO_ERROR);
    assert_int_equal(member_add(f->a, 0, G1, 11, J), NO_ERROR);
    assert_int_equal(member_add(f->igmp, 0, G1, 1, J), NO_ERROR);
    assert_int_equal(member_add(f->igmp, 0, G1, 5, J), NO_ERROR);
    assert_int_equal(RtmMgmForwarderReportPacket(forwarder.h, S1, G1, 1, 0, 0, NULL), NO_ERROR);
}

/* Tears everything down, whatever the call did, and waits for the queued
 * callbacks. */
static void fixture_teardown(struct fixture *f)
{
    if (f->created)
        MgmGroupEnumerationEnd(f->created);
    RtmMgmForwarderDeregister(forwarder.h);
    RtmMgmForwarderDeregister(f->created);
    for (DWORD i = 0; i < SNAP_INTERFACES; i++) {
        MgmReleaseInterfaceOwnership(f->a->h, i, 0);
        MgmReleaseInterfaceOwnership(f->b->h, i, 0);
        MgmReleaseInterfaceOwnership(f->igmp->h, i, 0);
    }
    assert_int_equal(MgmDeRegisterMProtocol(f->igmp->h), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(f->b->h), NO_ERROR);
    MgmDeRegisterMProtocol(f->a->h); /* deregistered already by one op */
    MgmDeRegisterMProtocol(f->created);
    settle();
}

/* fixture_teardown, and back to the base. */
static void fixture_cleanup(struct fixture *f)
{
    RTM_DIAG_OBJECT_COUNTS c;

    fixture_teardown(f);
    c = live_counts();
    for (int waited = 0; c.Total != base_counts.Total && waited < WAIT_MS; waited++) {
        test_sleep_ms(1);
        c = live_counts();
    }
    assert_memory_equal(&c, &base_counts, sizeof c);
    assert_int_equal(test_alloc_outstanding(), base_blocks);
}

/* ---- the calls --------------------------------------------------------------- */

static DWORD call_register(struct fixture *f)
{
    ROUTING_PROTOCOL_CONFIG config = *client_configs[3];
    return MgmRegisterMProtocol(&config, PROTO_A + 5, 1, &f->created);
}

static DWORD call_take_new(struct fixture *f)
{
    return MgmTakeInterfaceOwnership(f->b->h, 7, 0);
}

static DWORD call_take_from_igmp(struct fixture *f)
{
    return MgmTakeInterfaceOwnership(f->b->h, 5, 0);
}

static DWORD call_take_igmp(struct fixture *f)
{
    return MgmTakeInterfaceOwnership(f->igmp->h, 11, 0);
}

static DWORD call_release_owner(struct fixture *f)
{
    return MgmReleaseInterfaceOwnership(f->a->h, 1, 0);
}

static DWORD call_release_igmp(struct fixture *f)
{
    return MgmReleaseInterfaceOwnership(f->igmp->h, 1, 0);
}

static DWORD call_release_igmp_alone(struct fixture *f)
{
    return MgmReleaseInterfaceOwnership(f->igmp->h, 5, 0);
}

static DWORD call_add_wildcard(struct fixture *f)
{
    return member_add(f->a, 0, G2, 11, J);
}

static DWORD call_add_to_mfe(struct fixture *f)
{
    /* (*, *) on the MFE's incoming interface: nothing out */
    return member_add(f->igmp, 0, 0, 1, J);
}

static void prepare_add_out(struct fixture *f)
{
    assert_int_equal(member_delete(f->a, 0, G1, 11, J), NO_ERROR);
}

static DWORD call_add_out(struct fixture *f)
{
    return member_add(f->a, 0, G1, 11, J); /* the MFE gets 11 back */
}

static DWORD call_add_source(struct fixture *f)
{
    return member_add(f->a, S2, G2, 11, J); /* a join alert upstream (a itself: none) */
}

static DWORD call_add_forward(struct fixture *f)
{
    return member_add(f->a, 0, G1, 11, F);
}

static DWORD call_delete(struct fixture *f)
{
    return member_delete(f->igmp, 0, G1, 5, J);
}

static DWORD call_delete_forward(struct fixture *f)
{
    return member_delete(f->a, 0, G1, 11, F);
}

static DWORD call_enum_start(struct fixture *f)
{
    return MgmGroupEnumerationStart(f->a->h, ANY_SOURCE, &f->created);
}

static void prepare_no_forwarder(struct fixture *f)
{
    (void)f;
    assert_int_equal(RtmMgmForwarderDeregister(forwarder.h), NO_ERROR);
}

static DWORD call_forwarder_register(struct fixture *f)
{
    RTM_MGM_FORWARDER_CONFIG config = { &forwarder, fwd_install, fwd_update, fwd_remove };
    return RtmMgmForwarderRegister(&config, &f->created);
}

static DWORD call_report_new(struct fixture *f)
{
    BYTE hdr[20] = { 0x45 };
    (void)f;
    return RtmMgmForwarderReportPacket(forwarder.h, S2, G1, 11, 0, sizeof hdr, hdr);
}

static DWORD call_report_wrong(struct fixture *f)
{
    BYTE hdr[20] = { 0x45 };
    (void)f;
    return RtmMgmForwarderReportPacket(forwarder.h, S1, G1, 11, 0, sizeof hdr, hdr);
}

static const struct op ops[] = {
    { "MgmRegisterMProtocol", NULL, call_register, ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmTakeInterfaceOwnership, a new interface", NULL, call_take_new,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmTakeInterfaceOwnership, IGMP's interface", NULL, call_take_from_igmp,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmTakeInterfaceOwnership by IGMP, an owned interface", NULL, call_take_igmp,
      ERROR_NOT_ENOUGH_MEMORY, 0 },
    { "MgmReleaseInterfaceOwnership by the owner", NULL, call_release_owner,
      ERROR_CAN_NOT_COMPLETE, 1 },
    { "MgmReleaseInterfaceOwnership by IGMP", NULL, call_release_igmp, ERROR_CAN_NOT_COMPLETE,
      1 },
    { "MgmReleaseInterfaceOwnership by IGMP alone", NULL, call_release_igmp_alone,
      ERROR_CAN_NOT_COMPLETE, 1 },
    { "MgmAddGroupMembershipEntry, a new group", NULL, call_add_wildcard,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmAddGroupMembershipEntry, (*, *) on an incoming interface", NULL, call_add_to_mfe,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmAddGroupMembershipEntry, an MFE's interface back", prepare_add_out, call_add_out,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmAddGroupMembershipEntry, (s, g)", NULL, call_add_source, ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmAddGroupMembershipEntry, forwarding state", prepare_add_out, call_add_forward,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "MgmDeleteGroupMembershipEntry", NULL, call_delete, ERROR_CAN_NOT_COMPLETE, 1 },
    { "MgmDeleteGroupMembershipEntry, forwarding state", NULL, call_delete_forward,
      ERROR_CAN_NOT_COMPLETE, 1 },
    { "MgmGroupEnumerationStart", NULL, call_enum_start, ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "RtmMgmForwarderRegister", prepare_no_forwarder, call_forwarder_register,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
    { "RtmMgmForwarderReportPacket, a new MFE", NULL, call_report_new, ERROR_NOT_ENOUGH_MEMORY,
      1 },
    { "RtmMgmForwarderReportPacket, the wrong interface", NULL, call_report_wrong,
      ERROR_NOT_ENOUGH_MEMORY, 1 },
};

/* ---- the test ----------------------------------------------------------------- */

/* One iteration: fails the n-th allocation of the call. Returns whether it
 * failed (else the call succeeded without reaching it). */
static int attempt(const void *arg, long n)
{
    const struct op *op = arg;
    struct fixture f;
    struct mgm_snapshot before, after;
    long blocks;
    DWORD status;
    int failed;

    fixture_setup(&f);
    if (op->prepare)
        op->prepare(&f);
    mgm_snapshot_take(keeper, &before);
    blocks = test_alloc_outstanding();
    test_alloc_fail_nth(n);
    status = op->call(&f);
    failed = test_alloc_failed();
    test_alloc_fail_nth(0);
    if (!failed) {
        if (status != NO_ERROR)
            fail_msg("%s: %lu without an allocation failing", op->name, (unsigned long)status);
    } else {
        if (status != op->error)
            fail_msg("%s: allocation %ld failed, the call returned %lu", op->name, n,
                     (unsigned long)status);
        if (test_alloc_outstanding() != blocks)
            fail_msg("%s: allocation %ld failed: %ld blocks leaked", op->name, n,
                     test_alloc_outstanding() - blocks);
        mgm_snapshot_take(keeper, &after);
        if (!mgm_snapshot_equal(&before, &after))
            fail_msg("%s: allocation %ld failed, and the MGM changed", op->name, n);
    }
    fixture_cleanup(&f);
    return failed;
}

static void test_op(void **state)
{
    const struct op *op = *state;

    test_alloc_fail_in_turn(op->name, op->allocates, attempt, op);
}

/*
 * Keeps a client registered (so the MGM's RTMv2 registration, made by the
 * first route look-up, stays), a route towards S1, the sentinels of
 * settle(), and creates and frees enough handles that every later object
 * reuses a freed slot (the handle table keeps the segments it allocates).
 */
static int group_setup(void **state)
{
    ROUTING_PROTOCOL_CONFIG config;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE r;
    HANDLE e;
    struct fixture f;

    (void)state;
    memset(&config, 0, sizeof config);
    assert_int_equal(MgmRegisterMProtocol(&config, PROTO_KEEPER, 1, &keeper), NO_ERROR);
    routes = test_register(0, AF_INET, 0x33, 0, FALSE);
    nh = test_add_nexthop(routes, test_ipv4(192, 168, 1, 1, 32), 1);
    r = test_add_route_views(routes, test_ipv4(10, 1, 0, 0, 16), nh, 10, 1, RTM_VIEW_MASK_MCAST,
                             NULL);
    assert_int_equal(RtmReleaseRoutes(routes, 1, &r), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(routes, 1, &nh), NO_ERROR);
    for (unsigned i = 0; i < 2 * RTM_HANDLE_REUSE_DELAY; i++) {
        assert_int_equal(MgmGroupEnumerationStart(keeper, ANY_SOURCE, &e), NO_ERROR);
        assert_int_equal(MgmGroupEnumerationEnd(e), NO_ERROR);
    }
    /* a whole fixture once, so that the MGM's indexes and RTMv2
     * registration exist */
    fixture_setup(&f);
    fixture_teardown(&f);
    base_counts = live_counts();
    base_blocks = test_alloc_outstanding();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    settle_end();
    assert_int_equal(MgmDeRegisterMProtocol(keeper), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(routes), NO_ERROR);
    expect_nothing_left();
    return 0;
}

int main(void)
{
    struct CMUnitTest tests[sizeof ops / sizeof ops[0]];

    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        struct CMUnitTest t = { ops[i].name, test_op, NULL, NULL, (void *)&ops[i] };
        tests[i] = t;
    }
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
