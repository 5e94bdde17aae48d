/*
 * mgm_test.h - shared helpers of the MGM's CMocka tests (public API only):
 * addresses, clients that record every callback they get, a forwarder
 * that records its MFEs, waiting for the MGM's queued callbacks, and the
 * checks that nothing is left. Include after <cmocka.h>.
 *
 * The MGM's callbacks carry no context, so each client slot has its own
 * set of callback functions (MGM_TEST_CALLBACKS below), all logging into
 * the slot's struct test_client. Callbacks run on the library's worker
 * thread (queued ones) or in the thread reporting a packet (RPF and
 * creation alerts); the log is guarded by a spin lock.
 */
#ifndef MGM_TEST_H
#define MGM_TEST_H

#include "rtm_diag.h"
#include "rtm_mgm_forwarder.h"
#include "rtm_test.h"

#define TEST_CLIENTS 6
#define TEST_LOG 512
#define TEST_MAX_IFS 8
#define WAIT_MS 10000

#define PROTO_IGMP 10u
#define ALL_ONES 0xFFFFFFFFu

/* An IPv4 address in network order. */
static inline DWORD ip(unsigned a, unsigned b, unsigned c, unsigned d)
{
    BYTE bytes[4] = { (BYTE)a, (BYTE)b, (BYTE)c, (BYTE)d };
    DWORD v;
    memcpy(&v, bytes, sizeof v);
    return v;
}

/* ---- clients ------------------------------------------------------------- */

enum test_event_kind {
    EV_RPF,
    EV_CREATION,
    EV_PRUNE,
    EV_JOIN,
    EV_WRONG_IF,
    EV_LOCAL_JOIN,
    EV_LOCAL_LEAVE,
    EV_DISABLE,
    EV_ENABLE,
    EV_KINDS
};

struct test_event {
    enum test_event_kind kind;
    DWORD source, source_mask, group, group_mask;
    DWORD index, nexthop;        /* the interface (RPF: incoming, as given) */
    BOOL member;                 /* bMemberUpdate / bMemberDelete */
    DWORD timeout;               /* prune: *pdwTimeout as given */
    DWORD upstream;              /* RPF: *pdwUpStreamNbr as given */
    RTM_NET_ADDRESS route;       /* RPF: the destination in pbRoute */
    DWORD hdr_size;              /* RPF, wrong interface */
    BYTE hdr0;                   /* the header's first byte */
    DWORD count;                 /* creation: interfaces offered */
    MGM_IF_ENTRY ifs[TEST_MAX_IFS];
};

struct test_client {
    HANDLE h;
    DWORD protocol, component;
    int lock;                    /* spin lock over the log */
    int count;
    struct test_event log[TEST_LOG];
    /* answers (set with ANSWER: callbacks read them on other threads) */
    int rpf_answer;              /* nonzero: the RPF callback sets the three below */
    DWORD rpf_index, rpf_nexthop, rpf_upstream;
    int disable;                 /* the creation alert disables every interface */
    int prune_answer;            /* nonzero: the prune alert sets *pdwTimeout */
    DWORD prune_timeout;
};

__attribute__((unused)) static struct test_client clients[TEST_CLIENTS];

/* Sets one of a client's answers (callbacks read them on other threads). */
#define ANSWER(field, value) __atomic_store_n(&(field), (value), __ATOMIC_SEQ_CST)

static inline void client_lock(struct test_client *c)
{
    while (__atomic_exchange_n(&c->lock, 1, __ATOMIC_ACQUIRE))
        ;
}

static inline void client_unlock(struct test_client *c)
{
    __atomic_store_n(&c->lock, 0, __ATOMIC_RELEASE);
}

static inline void client_log(struct test_client *c, const struct test_event *e)
{
    client_lock(c);
    if (c->count < TEST_LOG)
        c->log[c->count++] = *e;
    client_unlock(c);
}

static inline struct test_event test_event_of(enum test_event_kind kind, DWORD source,
                                              DWORD source_mask, DWORD group, DWORD group_mask)
{
    struct test_event e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.source = source;
    e.source_mask = source_mask;
    e.group = group;
    e.group_mask = group_mask;
    return e;
}

static inline DWORD test_rpf(struct test_client *c, DWORD s, DWORD sm, DWORD g, DWORD gm,
                             PDWORD index, PDWORD nexthop, PDWORD upstream, DWORD hdr_size,
                             PBYTE hdr, PBYTE route)
{
    struct test_event e = test_event_of(EV_RPF, s, sm, g, gm);
    e.index = *index;
    e.nexthop = *nexthop;
    e.upstream = *upstream;
    e.hdr_size = hdr_size;
    e.hdr0 = hdr_size ? hdr[0] : 0;
    e.route = ((RTM_DEST_INFO *)route)->DestAddress;
    client_log(c, &e);
    if (__atomic_load_n(&c->rpf_answer, __ATOMIC_SEQ_CST)) {
        *index = __atomic_load_n(&c->rpf_index, __ATOMIC_SEQ_CST);
        *nexthop = __atomic_load_n(&c->rpf_nexthop, __ATOMIC_SEQ_CST);
        *upstream = __atomic_load_n(&c->rpf_upstream, __ATOMIC_SEQ_CST);
    }
    return NO_ERROR;
}

static inline DWORD test_creation(struct test_client *c, DWORD s, DWORD sm, DWORD g, DWORD gm,
                                  DWORD in_index, DWORD in_nexthop, DWORD count,
                                  PMGM_IF_ENTRY list)
{
    struct test_event e = test_event_of(EV_CREATION, s, sm, g, gm);
    e.index = in_index;
    e.nexthop = in_nexthop;
    e.count = count;
    for (DWORD i = 0; i < count && i < TEST_MAX_IFS; i++)
        e.ifs[i] = list[i];
    client_log(c, &e);
    for (DWORD i = 0; i < count && __atomic_load_n(&c->disable, __ATOMIC_SEQ_CST); i++)
        list[i].bIsEnabled = FALSE;
    return NO_ERROR;
}

static inline DWORD test_prune(struct test_client *c, DWORD s, DWORD sm, DWORD g, DWORD gm,
                               DWORD index, DWORD nexthop, BOOL member, PDWORD timeout)
{
    struct test_event e = test_event_of(EV_PRUNE, s, sm, g, gm);
    e.index = index;
    e.nexthop = nexthop;
    e.member = member;
    e.timeout = *timeout;
    client_log(c, &e);
    if (__atomic_load_n(&c->prune_answer, __ATOMIC_SEQ_CST))
        *timeout = __atomic_load_n(&c->prune_timeout, __ATOMIC_SEQ_CST);
    return NO_ERROR;
}

static inline DWORD test_join(struct test_client *c, DWORD s, DWORD sm, DWORD g, DWORD gm,
                              BOOL member)
{
    struct test_event e = test_event_of(EV_JOIN, s, sm, g, gm);
    e.member = member;
    client_log(c, &e);
    return NO_ERROR;
}

static inline DWORD test_wrong_if(struct test_client *c, DWORD s, DWORD g, DWORD index,
                                  DWORD nexthop, DWORD hdr_size, PBYTE hdr)
{
    struct test_event e = test_event_of(EV_WRONG_IF, s, 0, g, 0);
    e.index = index;
    e.nexthop = nexthop;
    e.hdr_size = hdr_size;
    e.hdr0 = hdr_size ? hdr[0] : 0;
    client_log(c, &e);
    return NO_ERROR;
}

static inline DWORD test_local(struct test_client *c, enum test_event_kind kind, DWORD s,
                               DWORD sm, DWORD g, DWORD gm, DWORD index, DWORD nexthop)
{
    struct test_event e = test_event_of(kind, s, sm, g, gm);
    e.index = index;
    e.nexthop = nexthop;
    client_log(c, &e);
    return NO_ERROR;
}

static inline DWORD test_igmp(struct test_client *c, enum test_event_kind kind, DWORD index,
                              DWORD nexthop)
{
    struct test_event e = test_event_of(kind, 0, 0, 0, 0);
    e.index = index;
    e.nexthop = nexthop;
    client_log(c, &e);
    return NO_ERROR;
}

/* The callbacks of client slot n. */
#define MGM_TEST_CALLBACKS(n)                                                                \
    __attribute__((unused)) static DWORD rpf_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, PDWORD i, PDWORD nh, PDWORD u,  \
                         DWORD hs, PBYTE h, PBYTE r)                                         \
    {                                                                                      \
        return test_rpf(&clients[n], s, sm, g, gm, i, nh, u, hs, h, r);                    \
    }                                                                                      \
    static DWORD creation_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD i, DWORD nh,       \
                              DWORD count, PMGM_IF_ENTRY list)                             \
    {                                                                                      \
        return test_creation(&clients[n], s, sm, g, gm, i, nh, count, list);               \
    }                                                                                      \
    static DWORD prune_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD i, DWORD nh,          \
                           WINBOOL member, PDWORD timeout)                                 \
    {                                                                                      \
        return test_prune(&clients[n], s, sm, g, gm, i, nh, member, timeout);              \
    }                                                                                      \
    static DWORD join_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, WINBOOL member)             \
    {                                                                                      \
        return test_join(&clients[n], s, sm, g, gm, member);                               \
    }                                                                                      \
    static DWORD wrong_if_##n(DWORD s, DWORD g, DWORD i, DWORD nh, DWORD hs, PBYTE h)        \
    {                                                                                      \
        return test_wrong_if(&clients[n], s, g, i, nh, hs, h);                             \
    }                                                                                      \
    static DWORD local_join_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD i, DWORD nh)     \
    {                                                                                      \
        return test_local(&clients[n], EV_LOCAL_JOIN, s, sm, g, gm, i, nh);                \
    }                                                                                      \
    static DWORD local_leave_##n(DWORD s, DWORD sm, DWORD g, DWORD gm, DWORD i, DWORD nh)    \
    {                                                                                      \
        return test_local(&clients[n], EV_LOCAL_LEAVE, s, sm, g, gm, i, nh);               \
    }                                                                                      \
    static DWORD disable_##n(DWORD i, DWORD nh)                                            \
    {                                                                                      \
        return test_igmp(&clients[n], EV_DISABLE, i, nh);                                  \
    }                                                                                      \
    static DWORD enable_##n(DWORD i, DWORD nh)                                             \
    {                                                                                      \
        return test_igmp(&clients[n], EV_ENABLE, i, nh);                                   \
    }                                                                                      \
    __attribute__((unused)) static const ROUTING_PROTOCOL_CONFIG config_##n = {                                    \
        0, rpf_##n, creation_##n, prune_##n, join_##n, wrong_if_##n, local_join_##n,       \
        local_leave_##n, disable_##n, enable_##n };

MGM_TEST_CALLBACKS(0)
MGM_TEST_CALLBACKS(1)
MGM_TEST_CALLBACKS(2)
MGM_TEST_CALLBACKS(3)
MGM_TEST_CALLBACKS(4)
MGM_TEST_CALLBACKS(5)

__attribute__((unused)) static const ROUTING_PROTOCOL_CONFIG *const client_configs[TEST_CLIENTS] = {
    &config_0, &config_1, &config_2, &config_3, &config_4, &config_5 };

/* Registers client slot n with every callback; fails the test on error. */
/* Joins the pair (s, g) on interface (index, 0) for a client with flags:
 * (s, g) with all-ones masks, (*, g) when s is 0, (*, *) when both are. */
static inline DWORD member_add(struct test_client *c, DWORD s, DWORD g, DWORD index, DWORD flags)
{
    return MgmAddGroupMembershipEntry(c->h, s, s ? ALL_ONES : 0, g, g ? ALL_ONES : 0, index, 0,
                                      flags);
}

/* Leaves the pair member_add joins. */
static inline DWORD member_delete(struct test_client *c, DWORD s, DWORD g, DWORD index,
                                  DWORD flags)
{
    return MgmDeleteGroupMembershipEntry(c->h, s, s ? ALL_ONES : 0, g, g ? ALL_ONES : 0, index,
                                         0, flags);
}

static inline struct test_client *client_register(int n, DWORD protocol, DWORD component)
{
    struct test_client *c = &clients[n];
    ROUTING_PROTOCOL_CONFIG config = *client_configs[n];

    memset(c, 0, sizeof *c);
    c->protocol = protocol;
    c->component = component;
    assert_int_equal(MgmRegisterMProtocol(&config, protocol, component, &c->h), NO_ERROR);
    assert_non_null(c->h);
    return c;
}

static inline void client_deregister(struct test_client *c)
{
    assert_int_equal(MgmDeRegisterMProtocol(c->h), NO_ERROR);
}

/* Events of a kind in c's log (all kinds: EV_KINDS). */
static inline int events(struct test_client *c, enum test_event_kind kind)
{
    int n = 0;
    client_lock(c);
    for (int i = 0; i < c->count; i++)
        n += kind == EV_KINDS || c->log[i].kind == kind;
    client_unlock(c);
    return n;
}

/* The k-th (0: first) event of a kind in c's log; fails when missing. */
static inline struct test_event event_at(struct test_client *c, enum test_event_kind kind, int k)
{
    struct test_event e;
    int found = 0;

    memset(&e, 0, sizeof e);
    client_lock(c);
    for (int i = 0; i < c->count && !found; i++)
        if ((kind == EV_KINDS || c->log[i].kind == kind) && k-- == 0) {
            e = c->log[i];
            found = 1;
        }
    client_unlock(c);
    if (!found)
        fail_msg("client %#lx: no event %d of kind %d", (unsigned long)c->protocol, k, kind);
    return e;
}

static inline void clear_log(struct test_client *c)
{
    client_lock(c);
    c->count = 0;
    client_unlock(c);
}

/* Waits until c has n events of a kind (at most WAIT_MS). */
static inline void wait_events(struct test_client *c, enum test_event_kind kind, int n)
{
    unsigned long long start = test_now_ms();
    while (events(c, kind) < n) {
        if (test_now_ms() - start > WAIT_MS)
            fail_msg("client %#lx: %d events of kind %d, expected %d", (unsigned long)c->protocol,
                     events(c, kind), kind, n);
        test_sleep_ms(1);
    }
}

/* ---- the routing protocols and IGMP of the membership and MFE tests ---- */

#define PROTO_A 0x40000001u
#define PROTO_B 0x40000002u
#define PROTO_C 0x40000003u

struct test_clients {
    struct test_client *a, *b, *c, *igmp;
    DWORD c_index, c_nexthop;           /* c's interface */
};

/* Registers routing protocols a (PROTO_A, on interfaces 1 and 11), b
 * (PROTO_B, on 2) and c (PROTO_C, on (c_index, c_nexthop)), and IGMP (on
 * 1 and 4), in client slots 0 to 3. */
static inline struct test_clients clients_take(DWORD c_index, DWORD c_nexthop)
{
    struct test_clients t;

    t.a = client_register(0, PROTO_A, 1);
    t.b = client_register(1, PROTO_B, 1);
    t.c = client_register(2, PROTO_C, 1);
    t.igmp = client_register(3, PROTO_IGMP, 1);
    t.c_index = c_index;
    t.c_nexthop = c_nexthop;
    assert_int_equal(MgmTakeInterfaceOwnership(t.a->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(t.a->h, 11, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(t.b->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(t.c->h, c_index, c_nexthop), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(t.igmp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmTakeInterfaceOwnership(t.igmp->h, 4, 0), NO_ERROR);
    return t;
}

/* Releases what clients_take took and deregisters the clients. */
static inline void clients_release(const struct test_clients *t)
{
    assert_int_equal(MgmReleaseInterfaceOwnership(t->igmp->h, 4, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(t->igmp->h, 1, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(t->c->h, t->c_index, t->c_nexthop), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(t->b->h, 2, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(t->a->h, 11, 0), NO_ERROR);
    assert_int_equal(MgmReleaseInterfaceOwnership(t->a->h, 1, 0), NO_ERROR);
    client_deregister(t->igmp);
    client_deregister(t->c);
    client_deregister(t->b);
    client_deregister(t->a);
}

/* Adds a route to dest in RTMv2's multicast view for reg, through the
 * next hop (nexthop, interface index); keeps no handle. */
static inline void multicast_route(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS dest,
                                   RTM_NET_ADDRESS nexthop, DWORD index)
{
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(reg, nexthop, index);
    RTM_ROUTE_HANDLE r = test_add_route_views(reg, dest, nh, 10, 1, RTM_VIEW_MASK_MCAST, NULL);

    assert_int_equal(RtmReleaseRoutes(reg, 1, &r), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(reg, 1, &nh), NO_ERROR);
}

/* ---- waiting for the queue ----------------------------------------------- */

/*
 * Waits until every callback the MGM has queued so far was delivered: the
 * MGM delivers its callbacks in order, so once a sentinel IGMP (registered
 * with only its enable callback) is enabled again on a spare interface,
 * every earlier callback has run. The sentinels are registered by the
 * first call and deregistered by settle_end.
 */
#define SENTINEL_INTERFACE 0x7FFFFFF0u
static int sentinel_enables;
static HANDLE sentinel_igmp, sentinel_router;

__attribute__((unused)) static DWORD sentinel_enable(DWORD index, DWORD nexthop)
{
    (void)index;
    (void)nexthop;
    test_counter_add(&sentinel_enables, 1);
    return NO_ERROR;
}

static inline void settle(void)
{
    ROUTING_PROTOCOL_CONFIG config;
    int target;

    if (!sentinel_igmp) {
        memset(&config, 0, sizeof config);
        config.pfnEnableIgmpCallback = sentinel_enable;
        assert_int_equal(MgmRegisterMProtocol(&config, PROTO_IGMP, 0x5E47, &sentinel_igmp),
                         NO_ERROR);
        memset(&config, 0, sizeof config);
        assert_int_equal(MgmRegisterMProtocol(&config, 0x5E47, 0x5E47, &sentinel_router),
                         NO_ERROR);
        assert_int_equal(MgmTakeInterfaceOwnership(sentinel_igmp, SENTINEL_INTERFACE, 0),
                         NO_ERROR);
    }
    target = test_counter_get(&sentinel_enables) + 1;
    assert_int_equal(MgmTakeInterfaceOwnership(sentinel_router, SENTINEL_INTERFACE, 0), NO_ERROR);
    assert_int_equal(test_wait_count(&sentinel_enables, target, WAIT_MS), target);
    assert_int_equal(MgmReleaseInterfaceOwnership(sentinel_router, SENTINEL_INTERFACE, 0),
                     NO_ERROR);
    target++;
    assert_int_equal(test_wait_count(&sentinel_enables, target, WAIT_MS), target);
}

/* Deregisters the sentinels (when settle registered them). */
static inline void settle_end(void)
{
    if (!sentinel_igmp)
        return;
    assert_int_equal(MgmReleaseInterfaceOwnership(sentinel_igmp, SENTINEL_INTERFACE, 0),
                     NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(sentinel_router), NO_ERROR);
    assert_int_equal(MgmDeRegisterMProtocol(sentinel_igmp), NO_ERROR);
    sentinel_igmp = sentinel_router = NULL;
}

/* ---- the forwarder --------------------------------------------------------- */

enum test_fwd_kind { FWD_INSTALL, FWD_UPDATE, FWD_REMOVE };

struct test_fwd_event {
    enum test_fwd_kind kind;
    DWORD source, group;
    DWORD in_index, upstream, timeout, noif;
    MIB_IPMCAST_OIF oif[TEST_MAX_IFS];
};

struct test_forwarder {
    HANDLE h;
    int lock;
    int count;
    struct test_fwd_event log[TEST_LOG];
};

__attribute__((unused)) static struct test_forwarder forwarder;

static inline void fwd_log(struct test_forwarder *f, enum test_fwd_kind kind, DWORD source,
                           DWORD group, const MIB_IPMCAST_MFE *mfe)
{
    struct test_fwd_event e;

    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.source = source;
    e.group = group;
    if (mfe) {
        e.in_index = mfe->dwInIfIndex;
        e.upstream = mfe->dwUpStrmNgbr;
        e.timeout = mfe->ulTimeOut;
        e.noif = mfe->ulNumOutIf;
        for (ULONG i = 0; i < mfe->ulNumOutIf && i < TEST_MAX_IFS; i++)
            e.oif[i] = mfe->rgmioOutInfo[i];
    }
    while (__atomic_exchange_n(&f->lock, 1, __ATOMIC_ACQUIRE))
        ;
    if (f->count < TEST_LOG)
        f->log[f->count++] = e;
    __atomic_store_n(&f->lock, 0, __ATOMIC_RELEASE);
}

__attribute__((unused)) static DWORD WINAPI fwd_install(PVOID context, const MIB_IPMCAST_MFE *mfe)
{
    fwd_log(context, FWD_INSTALL, mfe->dwSource, mfe->dwGroup, mfe);
    return NO_ERROR;
}

__attribute__((unused)) static DWORD WINAPI fwd_update(PVOID context, const MIB_IPMCAST_MFE *mfe)
{
    fwd_log(context, FWD_UPDATE, mfe->dwSource, mfe->dwGroup, mfe);
    return NO_ERROR;
}

__attribute__((unused)) static DWORD WINAPI fwd_remove(PVOID context, DWORD source, DWORD group)
{
    fwd_log(context, FWD_REMOVE, source, group, NULL);
    return NO_ERROR;
}

static inline struct test_forwarder *forwarder_register(void)
{
    RTM_MGM_FORWARDER_CONFIG config = { &forwarder, fwd_install, fwd_update, fwd_remove };

    memset(&forwarder, 0, sizeof forwarder);
    assert_int_equal(RtmMgmForwarderRegister(&config, &forwarder.h), NO_ERROR);
    return &forwarder;
}

static inline int fwd_events(enum test_fwd_kind kind)
{
    int n = 0;
    while (__atomic_exchange_n(&forwarder.lock, 1, __ATOMIC_ACQUIRE))
        ;
    for (int i = 0; i < forwarder.count; i++)
        n += forwarder.log[i].kind == kind;
    __atomic_store_n(&forwarder.lock, 0, __ATOMIC_RELEASE);
    return n;
}

/* The last forwarder event (fails when none). */
static inline struct test_fwd_event fwd_last(void)
{
    struct test_fwd_event e;
    while (__atomic_exchange_n(&forwarder.lock, 1, __ATOMIC_ACQUIRE))
        ;
    if (forwarder.count == 0) {
        __atomic_store_n(&forwarder.lock, 0, __ATOMIC_RELEASE);
        fail_msg("no forwarder event");
    }
    e = forwarder.log[forwarder.count - 1];
    __atomic_store_n(&forwarder.lock, 0, __ATOMIC_RELEASE);
    return e;
}

/* ---- reading the MGM ------------------------------------------------------- */

/* The MFE of (source, group) into buf (room for TEST_MAX_IFS outgoing
 * interfaces); returns MgmGetMfe's status. */
static inline DWORD get_mfe(DWORD source, DWORD group, MIB_IPMCAST_MFE *buf)
{
    MIB_IPMCAST_MFE which;
    DWORD size = SIZEOF_MIB_MFE(TEST_MAX_IFS);

    memset(&which, 0, sizeof which);
    which.dwSource = source;
    which.dwGroup = group;
    return MgmGetMfe(&which, &size, (PBYTE)buf);
}

/* An MFE buffer with room for TEST_MAX_IFS outgoing interfaces. */
struct test_mfe {
    MIB_IPMCAST_MFE mfe;
    MIB_IPMCAST_OIF more[TEST_MAX_IFS];
};

/* Nonzero when the MFE has the outgoing interface (index, nexthop). */
static inline int has_oif(const MIB_IPMCAST_MFE *m, DWORD index, DWORD nexthop)
{
    for (ULONG i = 0; i < m->ulNumOutIf; i++)
        if (m->rgmioOutInfo[i].dwOutIfIndex == index &&
            m->rgmioOutInfo[i].dwNextHopAddr == nexthop)
            return 1;
    return 0;
}

/* The live objects of the library (RtmDiagGetObjectCounts). */
static inline RTM_DIAG_OBJECT_COUNTS live_counts(void)
{
    RTM_DIAG_OBJECT_COUNTS c;
    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
    return c;
}

/* Waits until the library has no live object left (queued callbacks hold
 * their targets a little longer), then checks it and that the MGM can be
 * deinitialised. */
static inline void expect_nothing_left(void)
{
    RTM_DIAG_OBJECT_COUNTS c = live_counts();
    for (int waited = 0; c.Total != 0 && waited < WAIT_MS; waited++) {
        test_sleep_ms(1);
        c = live_counts();
    }
    assert_int_equal(c.MgmProtocols, 0);
    assert_int_equal(c.MgmEnumerations, 0);
    assert_int_equal(c.MgmForwarders, 0);
    assert_int_equal(c.MgmInterfaces, 0);
    assert_int_equal(c.MgmMemberships, 0);
    assert_int_equal(c.MgmMfes, 0);
    assert_int_equal(c.Total, 0);
    assert_int_equal(MgmDeInitialize(), NO_ERROR);
}

#endif /* MGM_TEST_H */
