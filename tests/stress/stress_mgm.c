/*
 * stress_mgm.c - the Multicast Group Manager under the stress test's
 * workers (stress_mgm.h): random ownership changes, joins and leaves of
 * (s, g), (*, g) and (*, *), packets and counters reported through one
 * shared forwarder (so MFEs come, change, expire and go), MFE and group
 * enumerations with buffers of every size, stale and forged handles,
 * short-lived extra clients. Callbacks call the MGM back, change RPF
 * answers, disable interfaces in creation alerts and give MFEs short
 * timeouts. Every status must be one that some interleaving explains.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_mgm_forwarder.h"
#include "stress.h"
#include "stress_mgm.h"

#define MAX_WORKERS 32
#define INTERFACES 6     /* the pool: 1..INTERFACES, shared */
#define GROUPS 4
#define SOURCES 4
#define PROTO_MGM_HOME 0x41000000u  /* + worker */
#define PROTO_MGM_EXTRA 0x42000000u /* + worker */
#define PROTO_IGMP 10u
#define ALL_ONES 0xFFFFFFFFu
#define BUFFER 4096

struct mgm_home {
    HANDLE router, igmp;
    int router_on[INTERFACES + 1], igmp_on[INTERFACES + 1]; /* what it took */
    HANDLE stale;               /* a deregistered extra client's handle */
    BYTE buffer[BUFFER];
    unsigned long long ops;
};

static struct mgm_home homes[MAX_WORKERS];
static unsigned workers;
static HANDLE forwarder;
static int callbacks, forwarder_calls; /* atomics */

static DWORD address(unsigned a, unsigned b, unsigned c, unsigned d)
{
    BYTE bytes[4] = { (BYTE)a, (BYTE)b, (BYTE)c, (BYTE)d };
    DWORD v;
    memcpy(&v, bytes, sizeof v);
    return v;
}

static DWORD group_of(unsigned k)
{
    return address(239, 7, 0, 1 + k);
}

static DWORD source_of(unsigned k)
{
    return address(10, 7, 0, 1 + k);
}

/* ---- callbacks: they count, call the MGM back, and vary their answers -- */

static DWORD cb_rpf(DWORD s, DWORD sm, DWORD g, DWORD gm, PDWORD index, PDWORD nexthop,
                    PDWORD upstream, DWORD hdr_size, PBYTE hdr, PBYTE route)
{
    DWORD id, component;

    (void)sm, (void)gm, (void)nexthop, (void)upstream, (void)hdr_size, (void)hdr, (void)route;
    test_counter_add(&callbacks, 1);
    CHECK(MgmGetProtocolOnInterface(*index, 0, &id, &component), NO_ERROR, ERROR_NOT_FOUND);
    if (((s ^ g) & 0x3000000) == 0)
        *index = 1 + (s >> 24) % INTERFACES; /* another incoming interface */
    return NO_ERROR;
}

static DWORD cb_creation(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD in_index, DWORD in_nexthop,
                         DWORD count, PMGM_IF_ENTRY list)
{
    (void)s, (void)sm, (void)gm, (void)in_index, (void)in_nexthop;
    test_counter_add(&callbacks, 1);
    for (DWORD i = 0; i < count; i++)
        if ((list[i].dwIfIndex ^ (g >> 24)) % 3 == 0)
            list[i].bIsEnabled = FALSE;
    return NO_ERROR;
}

static DWORD cb_prune(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD nexthop,
                      WINBOOL member, PDWORD timeout)
{
    (void)s, (void)sm, (void)g, (void)gm, (void)index, (void)nexthop;
    test_counter_add(&callbacks, 1);
    if (!member)
        *timeout = 1; /* the MFE expires soon: the expiry runs during the test */
    return NO_ERROR;
}

static DWORD cb_join(DWORD s, DWORD sm, DWORD g, DWORD gm, WINBOOL member)
{
    struct {
        MIB_IPMCAST_MFE mfe;
        MIB_IPMCAST_OIF more[INTERFACES];
    } m;
    DWORD size = sizeof m;

    (void)sm, (void)gm;
    test_counter_add(&callbacks, 1);
    if (!member) {
        memset(&m, 0, sizeof m);
        m.mfe.dwSource = s;
        m.mfe.dwGroup = g;
        CHECK(MgmGetMfe(&m.mfe, &size, (PBYTE)&m), NO_ERROR, ERROR_NOT_FOUND);
    }
    return NO_ERROR;
}

static DWORD cb_interface(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD nexthop)
{
    (void)s, (void)sm, (void)g, (void)gm, (void)index, (void)nexthop;
    test_counter_add(&callbacks, 1);
    return NO_ERROR;
}

static DWORD cb_wrong_if(DWORD s, DWORD g, DWORD index, DWORD nexthop, DWORD hdr_size, PBYTE hdr)
{
    (void)s, (void)g, (void)index, (void)nexthop;
    test_counter_add(&callbacks, 1);
    EXPECT(hdr_size == 0 || hdr[0] == 0x45);
    return NO_ERROR;
}

static DWORD cb_igmp(DWORD index, DWORD nexthop)
{
    (void)index, (void)nexthop;
    test_counter_add(&callbacks, 1);
    return NO_ERROR;
}

static const ROUTING_PROTOCOL_CONFIG config = {
    0, cb_rpf, cb_creation, cb_prune, cb_join, cb_wrong_if, cb_interface, cb_interface,
    cb_igmp, cb_igmp,
};

static DWORD WINAPI fwd_mfe(PVOID context, const MIB_IPMCAST_MFE *mfe)
{
    (void)context;
    test_counter_add(&forwarder_calls, 1);
    EXPECT(mfe->ulNumOutIf <= INTERFACES);
    return NO_ERROR;
}

static DWORD WINAPI fwd_remove(PVOID context, DWORD source, DWORD group)
{
    (void)context, (void)source, (void)group;
    test_counter_add(&forwarder_calls, 1);
    return NO_ERROR;
}

/* ---- operations ----------------------------------------------------------- */

static int chance(struct test_rng *rng, unsigned percent)
{
    return test_rng_below(rng, 100) < percent;
}

/* Takes or releases a random interface, as the router or as IGMP. */
static void op_ownership(struct mgm_home *h, struct test_rng *rng)
{
    DWORD i = 1 + test_rng_below(rng, INTERFACES);
    int as_igmp = chance(rng, 40);
    HANDLE who = as_igmp ? h->igmp : h->router;
    int *on = as_igmp ? &h->igmp_on[i] : &h->router_on[i];

    if (*on) {
        if (CHECK(MgmReleaseInterfaceOwnership(who, i, 0), NO_ERROR) == NO_ERROR)
            *on = 0;
    } else if (CHECK(MgmTakeInterfaceOwnership(who, i, 0), NO_ERROR, ERROR_ALREADY_EXISTS) ==
               NO_ERROR) {
        *on = 1;
    }
}

/* Joins or leaves a random pair on a random interface. */
static void op_membership(struct mgm_home *h, struct test_rng *rng)
{
    DWORD i = 1 + test_rng_below(rng, INTERFACES);
    unsigned kind = test_rng_below(rng, 10);
    DWORD g = kind == 0 ? 0 : group_of(test_rng_below(rng, GROUPS));
    DWORD s = kind >= 6 ? source_of(test_rng_below(rng, SOURCES)) : 0;
    DWORD flags = chance(rng, 85) ? MGM_JOIN_STATE_FLAG
                                  : chance(rng, 50) ? MGM_FORWARD_STATE_FLAG
                                                    : MGM_JOIN_STATE_FLAG | MGM_FORWARD_STATE_FLAG;
    int as_igmp = chance(rng, 50);
    HANDLE who = as_igmp ? h->igmp : h->router;
    int mine = as_igmp ? h->igmp_on[i] : h->router_on[i];

    if (chance(rng, 55))
        CHECK(MgmAddGroupMembershipEntry(who, s, s ? ALL_ONES : 0, g, g ? ALL_ONES : 0, i, 0, flags),
              mine ? NO_ERROR : ERROR_INVALID_PARAMETER);
    else if (mine)
        CHECK(MgmDeleteGroupMembershipEntry(who, s, s ? ALL_ONES : 0, g, g ? ALL_ONES : 0, i, 0,
                                            flags),
              NO_ERROR, ERROR_NOT_FOUND);
    else
        CHECK(MgmDeleteGroupMembershipEntry(who, s, s ? ALL_ONES : 0, g, g ? ALL_ONES : 0, i, 0,
                                            flags),
              ERROR_INVALID_PARAMETER, ERROR_NOT_FOUND);
}

/* Reports a packet, or counters, of a random pair. */
static void op_forwarder(struct test_rng *rng)
{
    DWORD s = source_of(test_rng_below(rng, SOURCES)), g = group_of(test_rng_below(rng, GROUPS));
    BYTE hdr[20] = { 0x45 };

    if (chance(rng, 70)) {
        CHECK(RtmMgmForwarderReportPacket(forwarder, s, g, 1 + test_rng_below(rng, INTERFACES), 0,
                                          chance(rng, 50) ? sizeof hdr : 0, hdr),
              NO_ERROR);
    } else {
        MIB_IPMCAST_MFE_STATS_EX c;
        memset(&c, 0, sizeof c);
        c.dwSource = s;
        c.dwGroup = g;
        c.ulInPkts = (ULONG)test_rng_below(rng, 1000);
        c.ulNumOutIf = 1;
        c.rgmiosOutStats[0].dwOutIfIndex = 1 + test_rng_below(rng, INTERFACES);
        CHECK(RtmMgmForwarderReportCounters(forwarder, &c, sizeof c), NO_ERROR, ERROR_NOT_FOUND);
    }
}

/* Reads every MFE (or statistics) with a random buffer, as the
 * administrative scenario does. */
static void op_read_mfes(struct mgm_home *h, struct test_rng *rng)
{
    DWORD room = test_rng_below(rng, 400), flags = test_rng_below(rng, 3), size, n, status;
    MIB_IPMCAST_MFE last;
    int first = 1, calls = 0;

    do {
        size = room;
        if (first)
            status = flags ? MgmGetFirstMfeStats(&size, h->buffer, &n, flags)
                           : MgmGetFirstMfe(&size, h->buffer, &n);
        else
            status = flags ? MgmGetNextMfeStats(&last, &size, h->buffer, &n, flags)
                           : MgmGetNextMfe(&last, &size, h->buffer, &n);
        CHECK(status, ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, ERROR_INSUFFICIENT_BUFFER);
        if (status == ERROR_INSUFFICIENT_BUFFER) {
            EXPECT(n == 0 && size > room && size <= BUFFER);
            room = size;
        } else if (n > 0) {
            /* the first's pair (all three structures start with it) */
            memcpy(&last, h->buffer, 2 * sizeof(DWORD));
            first = 0;
        }
    } while (status != ERROR_NO_MORE_ITEMS && ++calls < 64);
}

/* Enumerates the groups joined. */
static void op_groups(struct mgm_home *h, struct test_rng *rng)
{
    HANDLE e;
    DWORD size, n, status;

    if (CHECK(MgmGroupEnumerationStart(h->router, chance(rng, 50) ? ANY_SOURCE : ALL_SOURCES, &e),
              NO_ERROR) != NO_ERROR)
        return;
    do {
        size = test_rng_below(rng, 5) * sizeof(SOURCE_GROUP_ENTRY);
        status = CHECK(MgmGroupEnumerationGetNext(e, &size, h->buffer, &n), ERROR_MORE_DATA,
                       ERROR_NO_MORE_ITEMS, ERROR_INSUFFICIENT_BUFFER);
    } while (status != ERROR_NO_MORE_ITEMS);
    CHECK(MgmGroupEnumerationEnd(e), NO_ERROR);
    CHECK(MgmGroupEnumerationEnd(e), ERROR_INVALID_PARAMETER);
}

/* A short-lived extra client: it takes a free interface, joins, and goes;
 * its handle is kept, stale, and tried later. */
static void op_extra(unsigned w, struct mgm_home *h, struct test_rng *rng)
{
    HANDLE x;
    DWORD i = 1 + test_rng_below(rng, INTERFACES);

    if (h->stale) {
        CHECK(MgmTakeInterfaceOwnership(h->stale, i, 0), ERROR_INVALID_PARAMETER);
        CHECK(MgmDeRegisterMProtocol(h->stale), ERROR_INVALID_PARAMETER);
    }
    if (CHECK(MgmRegisterMProtocol((PROUTING_PROTOCOL_CONFIG)&config, PROTO_MGM_EXTRA + w, 1, &x),
              NO_ERROR) != NO_ERROR)
        return;
    if (CHECK(MgmTakeInterfaceOwnership(x, i, 0), NO_ERROR, ERROR_ALREADY_EXISTS) == NO_ERROR) {
        CHECK(MgmAddGroupMembershipEntry(x, 0, 0, group_of(0), ALL_ONES, i, 0,
                                         MGM_JOIN_STATE_FLAG),
              NO_ERROR);
        CHECK(MgmDeRegisterMProtocol(x), ERROR_CAN_NOT_COMPLETE);
        CHECK(MgmReleaseInterfaceOwnership(x, i, 0), NO_ERROR);
    }
    CHECK(MgmDeRegisterMProtocol(x), NO_ERROR);
    h->stale = x;
}

void stress_mgm_op(unsigned w, struct test_rng *rng)
{
    struct mgm_home *h = &homes[w];
    unsigned pick = test_rng_below(rng, 100);
    DWORD id, component;

    h->ops++;
    if (pick < 15)
        op_ownership(h, rng);
    else if (pick < 50)
        op_membership(h, rng);
    else if (pick < 75)
        op_forwarder(rng);
    else if (pick < 85)
        op_read_mfes(h, rng);
    else if (pick < 92)
        op_groups(h, rng);
    else if (pick < 96)
        op_extra(w, h, rng);
    else
        CHECK(MgmGetProtocolOnInterface(1 + test_rng_below(rng, INTERFACES), 0, &id, &component),
              NO_ERROR, ERROR_NOT_FOUND);
}

void stress_mgm_start(unsigned threads)
{
    RTM_MGM_FORWARDER_CONFIG fwd = { NULL, fwd_mfe, fwd_mfe, fwd_remove };

    workers = threads;
    assert_int_equal(RtmMgmForwarderRegister(&fwd, &forwarder), NO_ERROR);
    for (unsigned w = 0; w < threads; w++) {
        memset(&homes[w], 0, sizeof homes[w]);
        assert_int_equal(MgmRegisterMProtocol((PROUTING_PROTOCOL_CONFIG)&config,
                                              PROTO_MGM_HOME + w, 1, &homes[w].router),
                         NO_ERROR);
        assert_int_equal(MgmRegisterMProtocol((PROUTING_PROTOCOL_CONFIG)&config, PROTO_IGMP,
                                              1 + w, &homes[w].igmp),
                         NO_ERROR);
    }
}

void stress_mgm_worker_end(unsigned w)
{
    struct mgm_home *h = &homes[w];

    for (DWORD i = 1; i <= INTERFACES; i++) {
        if (h->router_on[i])
            CHECK(MgmReleaseInterfaceOwnership(h->router, i, 0), NO_ERROR);
        if (h->igmp_on[i])
            CHECK(MgmReleaseInterfaceOwnership(h->igmp, i, 0), NO_ERROR);
    }
    CHECK(MgmDeRegisterMProtocol(h->router), NO_ERROR);
    CHECK(MgmDeRegisterMProtocol(h->igmp), NO_ERROR);
}

void stress_mgm_end(void)
{
    unsigned long long ops = 0;
    DWORD size = 0, n;

    assert_int_equal(RtmMgmForwarderDeregister(forwarder), NO_ERROR);
    assert_int_equal(MgmGetFirstMfe(&size, NULL, &n), ERROR_NO_MORE_ITEMS);
    for (unsigned w = 0; w < workers; w++)
        ops += homes[w].ops;
    printf("  mgm: %llu operations, %d callbacks, %d forwarder calls\n", ops,
           test_counter_get(&callbacks), test_counter_get(&forwarder_calls));
    fflush(stdout);
}
