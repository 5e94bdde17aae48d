/*
 * stress_v1.c - RTMv1's part of the stress test (stress_v1.h): each worker
 * has an IP and an IPX client (every other worker's with a change event)
 * and, when stress.c picks an RTMv1 operation, does one of: add routes to
 * networks of small shared pools (some with a TimeToLive of 0 to 2
 * seconds, so that expiry deletes them), delete routes, read its change
 * messages, look networks up, walk the routes with RtmGetFirstRoute /
 * RtmGetNextRoute or an enumeration under random criteria (and pass open
 * enumerations to other threads through a mailbox), delete routes in
 * blocks, register a short-lived extra client, and call with stale and
 * forged handles.
 *
 * Besides the statuses, the walks check what holds whatever the
 * interleaving: each route returned comes strictly after the previous one
 * in the order of routes (network, protocol, interface, next hop), and
 * meets the criteria. At the end the workers deregister their clients and
 * both tables must be empty.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtmv1_test.h"
#include "stress.h"
#include "stress_v1.h"

#define PROTO_HOME 300   /* + worker index */
#define PROTO_EXTRA 400  /* + worker index */
#define MAX_WORKERS 32
#define POOL 40          /* networks of each family */
#define MAILBOX 4
#define WALK_LIMIT 24    /* routes read by one walk */

enum v1_op { V1_ADD, V1_DELETE, V1_DEQUEUE, V1_QUERY, V1_WALK, V1_ENUMERATE, V1_MAILBOX,
             V1_BLOCK, V1_EXTRA, V1_STALE, V1_OPS };
static const char *const v1_op_names[V1_OPS] = {
    "add", "delete", "dequeue", "query", "walk", "enumerate", "mailbox", "block", "extra",
    "stale",
};
static const unsigned v1_op_weights[V1_OPS] = { 12, 5, 6, 5, 3, 3, 2, 1, 1, 1 };

/* A route of either family. */
union any_route {
    RTM_IP_ROUTE ip;
    RTM_IPX_ROUTE ipx;
};

struct v1_worker {
    HANDLE client[2];   /* [RTM_PROTOCOL_FAMILY_*] */
    HANDLE event[2];    /* NULL for odd workers */
    unsigned long long ops[V1_OPS];
};

static struct {
    unsigned threads;
    struct v1_worker worker[MAX_WORKERS];
    HANDLE mailbox[MAILBOX]; /* open enumerations (atomic exchange) */
    int messages;            /* messages read (atomic) */
} v1;

static unsigned below(struct test_rng *rng, unsigned n)
{
    return test_rng_below(rng, n);
}

/* ---- routes and their order ---------------------------------------------- */

/* Pool network k of a family: IP 10.b.c.0/24 and 10.b.0.0/16, and 0/0;
 * IPX network number 0x100 + k. */
static void network_of(DWORD family, unsigned k, union any_route *r)
{
    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        r->ipx.RR_Network.N_NetNumber = 0x100 + k;
    } else if (k == POOL - 1) {
        r->ip.RR_Network.N_NetNumber = 0;
        r->ip.RR_Network.N_NetMask = 0;
    } else {
        r->ip.RR_Network.N_NetNumber = (10u << 24) | ((k & 3) << 16) | ((k >> 2) << 8);
        r->ip.RR_Network.N_NetMask = k & 4 ? 0xFFFF0000u : 0xFFFFFF00u;
        r->ip.RR_Network.N_NetNumber &= r->ip.RR_Network.N_NetMask;
    }
}

/* A random route of the pools (its protocol is the client's). */
static union any_route random_route(DWORD family, struct test_rng *rng)
{
    union any_route r;

    memset(&r, 0, sizeof r);
    network_of(family, below(rng, POOL), &r);
    r.ip.RR_InterfaceID = 1 + below(rng, 3);
    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        r.ipx.RR_NextHopAddress.NHA_Mac[5] = (BYTE)(1 + below(rng, 3));
        r.ipx.RR_FamilySpecificData.FSD_TickCount = (USHORT)(1 + below(rng, 4));
        r.ipx.RR_FamilySpecificData.FSD_HopCount = (USHORT)(1 + below(rng, 4));
    } else {
        r.ip.RR_NextHopAddress.N_NetNumber = (192u << 24) | (2u << 8) | (1 + below(rng, 3));
        r.ip.RR_FamilySpecificData.FSD_Metric = 1 + below(rng, 8);
    }
    return r;
}

/* A route's place in the order of routes, as comparable numbers. */
struct place {
    uint64_t key[4];
};

static struct place place_of(DWORD family, const union any_route *r)
{
    struct place p;

    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        const BYTE *mac = r->ipx.RR_NextHopAddress.NHA_Mac;
        p.key[0] = r->ipx.RR_Network.N_NetNumber;
        p.key[3] = (uint64_t)mac[0] << 40 | (uint64_t)mac[1] << 32 | (uint64_t)mac[2] << 24 |
                   (uint64_t)mac[3] << 16 | (uint64_t)mac[4] << 8 | mac[5];
    } else {
        DWORD mask = r->ip.RR_Network.N_NetMask;
        unsigned len = 0;
        while (len < 32 && (mask & (0x80000000u >> len)))
            len++;
        p.key[0] = (uint64_t)r->ip.RR_Network.N_NetNumber << 8 | len;
        p.key[3] = r->ip.RR_NextHopAddress.N_NetNumber;
    }
    p.key[1] = r->ip.RR_RoutingProtocol;
    p.key[2] = r->ip.RR_InterfaceID;
    return p;
}

/* <0, 0 or >0 as a comes before, at or after b. */
static int place_compare(const struct place *a, const struct place *b)
{
    for (int i = 0; i < 4; i++)
        if (a->key[i] != b->key[i])
            return a->key[i] < b->key[i] ? -1 : 1;
    return 0;
}

/* A route the table returned: of a worker's protocol, in the pools. */
static int plausible(DWORD family, const union any_route *r)
{
    DWORD p = r->ip.RR_RoutingProtocol;

    if (p < PROTO_HOME || p >= PROTO_EXTRA + MAX_WORKERS || (p >= PROTO_HOME + MAX_WORKERS &&
                                                             p < PROTO_EXTRA))
        return 0;
    if (family == RTM_PROTOCOL_FAMILY_IPX)
        return r->ipx.RR_Network.N_NetNumber - 0x100 < POOL;
    return r->ip.RR_Network.N_NetNumber == 0 || r->ip.RR_Network.N_NetNumber >> 24 == 10;
}

/* Random criteria and their route. */
static DWORD random_criteria(DWORD family, struct test_rng *rng, union any_route *c)
{
    static const DWORD choices[] = {
        0, RTM_ONLY_THIS_NETWORK, RTM_ONLY_THIS_INTERFACE, RTM_ONLY_THIS_PROTOCOL,
        RTM_ONLY_BEST_ROUTES, RTM_ONLY_BEST_ROUTES | RTM_ONLY_THIS_PROTOCOL,
        RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE,
    };

    *c = random_route(family, rng);
    c->ip.RR_RoutingProtocol = PROTO_HOME + below(rng, v1.threads);
    return choices[below(rng, sizeof choices / sizeof *choices)];
}

/* A route returned under criteria meets them (but RTM_ONLY_BEST_ROUTES,
 * which a concurrent change may have moved). */
static int meets(DWORD family, DWORD flags, const union any_route *c, const union any_route *r)
{
    struct place pc = place_of(family, c), pr = place_of(family, r);

    return (!(flags & RTM_ONLY_THIS_NETWORK) || pc.key[0] == pr.key[0]) &&
           (!(flags & RTM_ONLY_THIS_INTERFACE) || pc.key[2] == pr.key[2]) &&
           (!(flags & RTM_ONLY_THIS_PROTOCOL) || pc.key[1] == pr.key[1]);
}

/* ---- operations ---------------------------------------------------------- */

static void op_add(struct v1_worker *w, DWORD family, struct test_rng *rng)
{
    union any_route r = random_route(family, rng), cur, prev;
    DWORD ttl = below(rng, 10) ? INFINITE : below(rng, 3), flags = 0;

    CHECK(RtmAddRoute(w->client[family], &r, ttl, &flags, &cur, &prev), NO_ERROR);
    CHECK(flags, RTM_NO_CHANGE, RTM_ROUTE_ADDED, RTM_ROUTE_CHANGED);
    if (flags & RTM_CURRENT_BEST_ROUTE)
        EXPECT(plausible(family, &cur));
    if (flags & RTM_PREVIOUS_BEST_ROUTE)
        EXPECT(plausible(family, &prev));
}

static void op_delete(struct v1_worker *w, DWORD family, struct test_rng *rng)
{
    union any_route r = random_route(family, rng), cur;
    DWORD flags = 0;

    if (CHECK(RtmDeleteRoute(w->client[family], &r, &flags, &cur), NO_ERROR,
              ERROR_NO_SUCH_ROUTE) == NO_ERROR) {
        CHECK(flags, RTM_NO_CHANGE, RTM_ROUTE_DELETED, RTM_ROUTE_CHANGED);
        if (flags == RTM_ROUTE_CHANGED)
            EXPECT(plausible(family, &cur));
    }
}

static void op_dequeue(struct v1_worker *w, DWORD family)
{
    union any_route cur, prev;
    DWORD flags, status;

    if (!w->event[family]) {
        CHECK(RtmDequeueRouteChangeMessage(w->client[family], &flags, &cur, &prev),
              ERROR_INVALID_HANDLE);
        return;
    }
    for (int i = 0; i < 64; i++) {
        status = CHECK(RtmDequeueRouteChangeMessage(w->client[family], &flags, &cur, &prev),
                       NO_ERROR, ERROR_MORE_MESSAGES, ERROR_NO_MESSAGES);
        if (status == ERROR_NO_MESSAGES)
            break;
        test_counter_add(&v1.messages, 1);
        CHECK(flags, RTM_ROUTE_ADDED, RTM_ROUTE_DELETED, RTM_ROUTE_CHANGED);
        if (flags & RTM_CURRENT_BEST_ROUTE)
            EXPECT(plausible(family, &cur));
        if (flags & RTM_PREVIOUS_BEST_ROUTE)
            EXPECT(plausible(family, &prev));
        if (status == NO_ERROR)
            break;
    }
}

static void op_query(DWORD family, struct test_rng *rng)
{
    union any_route r = random_route(family, rng), best;
    ULONG networks;

    SetLastError(ERROR_INVALID_DATA);
    if (RtmIsRoute(family, &r.ip.RR_Network, &best)) {
        EXPECT(plausible(family, &best));
        EXPECT(RtmGetRouteAge(&best) != INFINITE);
    } else {
        CHECK(GetLastError(), NO_ERROR);
    }
    SetLastError(ERROR_INVALID_DATA);
    if (family == RTM_PROTOCOL_FAMILY_IP && RtmLookupIPDestination(r.ip.RR_Network.N_NetNumber | 1,
                                                                   &best.ip))
        EXPECT(plausible(family, &best));
    else if (family == RTM_PROTOCOL_FAMILY_IP)
        CHECK(GetLastError(), NO_ERROR);
    SetLastError(ERROR_INVALID_DATA);
    networks = RtmGetNetworkCount(family);
    EXPECT(networks <= POOL);
    CHECK(GetLastError(), NO_ERROR);
}

/* Checks one route of a walk: plausible, meeting the criteria, after the
 * previous one. */
static void walked(DWORD family, DWORD flags, const union any_route *c, const union any_route *r,
                   struct place *last, int first)
{
    struct place p = place_of(family, r);

    EXPECT(plausible(family, r));
    EXPECT(meets(family, flags, c, r));
    if (!first)
        EXPECT(place_compare(last, &p) < 0);
    *last = p;
}

static void op_walk(DWORD family, struct test_rng *rng)
{
    union any_route c, r;
    DWORD flags = random_criteria(family, rng, &c), status;
    struct place last;

    r = c;
    status = CHECK(RtmGetFirstRoute(family, flags, &r), NO_ERROR, ERROR_NO_ROUTES);
    for (int n = 0; status == NO_ERROR && n < WALK_LIMIT; n++) {
        walked(family, flags, &c, &r, &last, n == 0);
        status = CHECK(RtmGetNextRoute(family, flags, &r), NO_ERROR, ERROR_NO_ROUTES);
    }
}

/* Reads up to limit routes of an open enumeration, checking their order. */
static void enum_read(HANDLE e, DWORD family, unsigned limit)
{
    union any_route r;
    struct place last;
    unsigned n = 0;

    while (n < limit &&
           CHECK(RtmEnumerateGetNextRoute(e, &r), NO_ERROR, ERROR_NO_MORE_ROUTES) == NO_ERROR) {
        struct place p = place_of(family, &r);
        EXPECT(plausible(family, &r));
        if (n++)
            EXPECT(place_compare(&last, &p) < 0);
        last = p;
    }
}

static void op_enumerate(DWORD family, struct test_rng *rng)
{
    union any_route c;
    DWORD flags = random_criteria(family, rng, &c);
    HANDLE e;

    SetLastError(ERROR_INVALID_DATA);
    e = RtmCreateEnumerationHandle(family, flags, &c);
    if (!e) {
        CHECK(GetLastError(), ERROR_NO_ROUTES);
        return;
    }
    enum_read(e, family, 1 + below(rng, WALK_LIMIT));
    e = __atomic_exchange_n(&v1.mailbox[below(rng, MAILBOX)], e, __ATOMIC_SEQ_CST);
    if (e)
        CHECK(RtmCloseEnumerationHandle(e), NO_ERROR);
}

/* Takes an enumeration another thread left, goes on with it, closes it. */
static void op_mailbox_take(struct test_rng *rng)
{
    HANDLE e = __atomic_exchange_n(&v1.mailbox[below(rng, MAILBOX)], NULL, __ATOMIC_SEQ_CST);
    union any_route r;

    if (!e)
        return;
    CHECK(RtmEnumerateGetNextRoute(e, &r), NO_ERROR, ERROR_NO_MORE_ROUTES);
    CHECK(RtmCloseEnumerationHandle(e), NO_ERROR);
    CHECK(RtmCloseEnumerationHandle(e), ERROR_INVALID_HANDLE);
}

static void op_block(struct v1_worker *w, DWORD family, struct test_rng *rng)
{
    union any_route c;
    DWORD flags = random_criteria(family, rng, &c) & ~(DWORD)RTM_ONLY_THIS_PROTOCOL;

    CHECK(RtmBlockDeleteRoutes(w->client[family], flags, &c), NO_ERROR, ERROR_NO_ROUTES);
}

/* A client that lives for a few routes, then its handle is stale. */
static void op_extra(unsigned index, DWORD family, struct test_rng *rng)
{
    HANDLE client = RtmRegisterClient(family, PROTO_EXTRA + index, NULL,
                                      below(rng, 2) ? RTM_PROTOCOL_SINGLE_ROUTE : 0);
    union any_route r;
    DWORD flags;

    EXPECT(client != NULL);
    if (!client)
        return;
    for (unsigned i = below(rng, 4); i > 0; i--) {
        r = random_route(family, rng);
        CHECK(RtmAddRoute(client, &r, INFINITE, &flags, NULL, NULL), NO_ERROR);
    }
    CHECK(RtmDeregisterClient(client), NO_ERROR);
    r = random_route(family, rng);
    CHECK(RtmAddRoute(client, &r, INFINITE, &flags, NULL, NULL), ERROR_INVALID_HANDLE);
    CHECK(RtmDequeueRouteChangeMessage(client, &flags, NULL, NULL), ERROR_INVALID_HANDLE);
    CHECK(RtmDeregisterClient(client), ERROR_INVALID_HANDLE);
}

static void op_stale(struct v1_worker *w, DWORD family, struct test_rng *rng)
{
    HANDLE forged = (HANDLE)(uintptr_t)(test_rng_next(rng) | 1);
    union any_route r = random_route(family, rng);
    DWORD flags;

    CHECK(RtmAddRoute(forged, &r, INFINITE, &flags, NULL, NULL), ERROR_INVALID_HANDLE);
    CHECK(RtmEnumerateGetNextRoute(forged, &r), ERROR_INVALID_HANDLE);
    CHECK(RtmEnumerateGetNextRoute(w->client[family], &r), ERROR_INVALID_HANDLE);
    CHECK(RtmCloseEnumerationHandle(w->client[family]), ERROR_INVALID_HANDLE);
}

/* ---- the interface ------------------------------------------------------- */

void stress_v1_start(unsigned threads)
{
    v1.threads = threads;
    for (unsigned i = 0; i < threads; i++) {
        struct v1_worker *w = &v1.worker[i];
        for (DWORD family = 0; family < 2; family++) {
            if (i % 2 == 0)
                w->event[family] = v1_event_create();
            w->client[family] = RtmRegisterClient(family, PROTO_HOME + i, w->event[family],
                                                  i % 3 == 2 ? RTM_PROTOCOL_SINGLE_ROUTE : 0);
            assert_non_null(w->client[family]);
        }
    }
}

void stress_v1_op(unsigned worker, struct test_rng *rng)
{
    struct v1_worker *w = &v1.worker[worker];
    DWORD family = below(rng, 3) ? RTM_PROTOCOL_FAMILY_IP : RTM_PROTOCOL_FAMILY_IPX;
    unsigned total = 0, pick;
    enum v1_op op = V1_ADD;

    for (int i = 0; i < V1_OPS; i++)
        total += v1_op_weights[i];
    pick = below(rng, total);
    while (pick >= v1_op_weights[op])
        pick -= v1_op_weights[op++];
    switch (op) {
    case V1_ADD: op_add(w, family, rng); break;
    case V1_DELETE: op_delete(w, family, rng); break;
    case V1_DEQUEUE: op_dequeue(w, family); break;
    case V1_QUERY: op_query(family, rng); break;
    case V1_WALK: op_walk(family, rng); break;
    case V1_ENUMERATE: op_enumerate(family, rng); break;
    case V1_MAILBOX: op_mailbox_take(rng); break;
    case V1_BLOCK: op_block(w, family, rng); break;
    case V1_EXTRA: op_extra(worker, family, rng); break;
    default: op_stale(w, family, rng); break;
    }
    w->ops[op]++;
}

void stress_v1_stop(unsigned worker)
{
    struct v1_worker *w = &v1.worker[worker];

    for (DWORD family = 0; family < 2; family++) {
        CHECK(RtmDeregisterClient(w->client[family]), NO_ERROR);
        if (w->event[family])
            v1_event_close(w->event[family]);
    }
}

void stress_v1_finish(void)
{
    unsigned long long total[V1_OPS] = { 0 };

    for (int i = 0; i < MAILBOX; i++)
        if (v1.mailbox[i])
            assert_int_equal(RtmCloseEnumerationHandle(v1.mailbox[i]), NO_ERROR);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP), 0);
    assert_int_equal(RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX), 0);
    printf("  RTMv1:");
    for (unsigned i = 0; i < v1.threads; i++)
        for (int op = 0; op < V1_OPS; op++)
            total[op] += v1.worker[i].ops[op];
    for (int op = 0; op < V1_OPS; op++)
        printf(" %llu %s%s", total[op], v1_op_names[op], op + 1 < V1_OPS ? "," : "");
    printf("; %d messages read\n", test_counter_get(&v1.messages));
    fflush(stdout);
}
