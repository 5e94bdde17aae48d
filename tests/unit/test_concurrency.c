/*
 * test_concurrency.c - look-ups racing with changes, through the public API.
 *
 * One IPv4 table: a stable entity owns 10.0.0.0/8 and 172.16.0.0/12 for the
 * whole run; a writer thread adds, updates (by RtmAddRouteToDest and in
 * place, by RtmLockRoute and RtmUpdateAndUnlockRoute) and deletes its routes
 * to a pool of prefixes inside them, and adds and deletes its next hops; a
 * churn thread registers short-lived entities that add routes to the same
 * pool and deregister (which deletes them); two more threads register
 * short-lived entities with an opaque-pointer slot, mark destinations in it
 * under RtmLockDestination and deregister, so that slots pass from one
 * entity to another; reader threads look destinations up
 * (RtmGetMostSpecificDestination, RtmGetLessSpecificDestination,
 * RtmGetRouteInfo) and a referencing thread takes references on what it
 * finds (RtmReferenceHandles), uses them after the routes may be gone, locks
 * the destinations and releases everything.
 *
 * Worker threads never assert: they count anomalies (an unexpected status or
 * an answer that cannot be right whatever the interleaving), and the main
 * thread checks the counts after joining them, then checks that the table
 * is consistent, deletes everything and checks that every look-up fails.
 * The run is bounded by iteration counts and a time limit. Built with
 * ThreadSanitizer (the tsan variant) it is also a race detector run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_test.h"

#define INSTANCE 3300
#define PROTO_STABLE 1
#define PROTO_WRITER 2
#define PROTO_CHURN 3
#define PROTO_READER 4
#define PROTO_OPAQUE 5

#define POOL 64                 /* prefixes the writer and churners use */
#define WRITER_NEXTHOPS 4
/* The writer runs at least WRITER_MIN_STEPS steps and MIN_TIME_MS (so that
 * the readers overlap it even where it is fast), at most
 * WRITER_MAX_STEPS steps and TIME_LIMIT_MS (where it is slow: under TSan,
 * or starved by readers). */
#define WRITER_MIN_STEPS 6000
#define WRITER_MAX_STEPS 1000000
#define MIN_TIME_MS 300
#define TIME_LIMIT_MS 3000
#define READERS 2
#define OPAQUE_THREADS 2
#define OPAQUE_DESTS 6          /* destinations each opaque-pointer user marks */

/* ---- shared state -------------------------------------------------------------- */

struct shared {
    RTM_ENTITY_HANDLE stable, writer, reader;
    int writer_done;            /* atomics */
    int churn_done;
    int anomalies;
    int first_anomaly_line;     /* the source line of the first one */
    int lookups, walks, references, churns, writer_steps, opaque_rounds;
    /* The writer's routes, read by the main thread after joining. */
    RTM_ROUTE_HANDLE routes[POOL];
    ULONG metrics[POOL];
};

static int load(int *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store(int *p, int v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static void bump(int *p)
{
    __atomic_add_fetch(p, 1, __ATOMIC_RELAXED);
}

static void anomaly(struct shared *s, int line)
{
    int none = 0;
    __atomic_compare_exchange_n(&s->first_anomaly_line, &none, line, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    bump(&s->anomalies);
}

/* A worker's check: counts an anomaly instead of asserting. */
#define CHECK(s, cond)                 \
    do {                               \
        if (!(cond))                   \
            anomaly((s), __LINE__);    \
    } while (0)

/* The pool: 10.1-4.0.0/16, 10.1-4.0-7.0/24 and 10.1-4.0-7.128/25, and
 * 172.16-19.0.0/16 (a few nested chains under the stable prefixes). */
static RTM_NET_ADDRESS pool_prefix(unsigned k)
{
    unsigned a = 1 + (k % 4);

    if (k < 4)
        return test_ipv4(10, a, 0, 0, 16);
    if (k < 36)
        return test_ipv4(10, a, (k - 4) / 4, 0, 24);
    if (k < 60)
        return test_ipv4(10, a, (k - 36) / 4, 128, 25);
    return test_ipv4(172, 16 + (k - 60), 0, 0, 16);
}

/* A host address somewhere in the stable prefixes, in the pool's area most
 * of the time. */
static RTM_NET_ADDRESS random_host(struct test_rng *r)
{
    switch (test_rng_below(r, 4)) {
    case 0:
        return test_ipv4(10, test_rng_below(r, 256), test_rng_below(r, 256),
                         test_rng_below(r, 256), 32);
    case 1:
        return test_ipv4(172, 16 + test_rng_below(r, 16), test_rng_below(r, 256),
                         test_rng_below(r, 256), 32);
    default:
        return test_ipv4(10, 1 + test_rng_below(r, 4), test_rng_below(r, 8),
                         test_rng_below(r, 256), 32);
    }
}

/* Nonzero if prefix covers host. */
static int covers(const RTM_NET_ADDRESS *prefix, const RTM_NET_ADDRESS *host)
{
    uint32_t p, h, mask;

    if (prefix->AddressFamily != AF_INET || prefix->NumBits > 32)
        return 0;
    p = ((uint32_t)prefix->AddrBits[0] << 24) | ((uint32_t)prefix->AddrBits[1] << 16) |
        ((uint32_t)prefix->AddrBits[2] << 8) | prefix->AddrBits[3];
    h = ((uint32_t)host->AddrBits[0] << 24) | ((uint32_t)host->AddrBits[1] << 16) |
        ((uint32_t)host->AddrBits[2] << 8) | host->AddrBits[3];
    mask = prefix->NumBits ? 0xFFFFFFFFu << (32 - prefix->NumBits) : 0;
    return (p & ~mask) == 0 && (p & mask) == (h & mask);
}

/* The lengths a destination can have here: the stable /8 and /12 and the
 * pool's /16, /24 and /25. */
static int plausible_length(unsigned len)
{
    return len == 8 || len == 12 || len == 16 || len == 24 || len == 25;
}

/* Checks one unicast view entry that a look-up returned. */
static void check_view(struct shared *s, const RTM_DEST_INFO *info)
{
    CHECK(s, info->NumberOfViews == 1);
    CHECK(s, info->ViewInfo[0].ViewId == RTM_VIEW_ID_UCAST);
    /* A destination may be found just before its last route goes, so an
     * empty one is possible; a best route always comes with its owner. */
    if (info->ViewInfo[0].Route) {
        CHECK(s, info->ViewInfo[0].Owner != NULL);
        CHECK(s, info->ViewInfo[0].NumRoutes >= 1);
    } else {
        CHECK(s, info->ViewInfo[0].Owner == NULL);
    }
}

static int workers_running(struct shared *s)
{
    return !load(&s->writer_done) || !load(&s->churn_done);
}

/* ---- the writer ------------------------------------------------------------------- */

static RTM_NEXTHOP_HANDLE writer_nexthop(struct shared *s, unsigned serial)
{
    RTM_NEXTHOP_INFO info;
    RTM_NEXTHOP_HANDLE handle = NULL;
    DWORD status;

    memset(&info, 0, sizeof info);
    info.NextHopAddress = test_ipv4(192, 168, (serial >> 8) & 0xFF, serial & 0xFF, 32);
    info.InterfaceIndex = 1 + serial % 3;
    status = RtmAddNextHop(s->writer, &info, &handle, NULL);
    CHECK(s, status == NO_ERROR && handle != NULL);
    return status == NO_ERROR ? handle : NULL;
}

static void writer_thread(void *arg)
{
    struct shared *s = arg;
    struct test_rng rng = { 0x5EED0001 };
    RTM_NEXTHOP_HANDLE nexthops[WRITER_NEXTHOPS];
    unsigned serial = 0;
    unsigned long long start = test_now_ms();

    for (unsigned j = 0; j < WRITER_NEXTHOPS; j++)
        nexthops[j] = writer_nexthop(s, serial++);

    for (unsigned i = 0; i < WRITER_MAX_STEPS; i++) {
        unsigned k = test_rng_below(&rng, POOL);
        RTM_NET_ADDRESS prefix = pool_prefix(k);
        RTM_ROUTE_CHANGE_FLAGS flags = 0;
        DWORD status;

        if ((i & 63) == 0) {
            unsigned long long elapsed = test_now_ms() - start;
            if (elapsed >= TIME_LIMIT_MS || (i >= WRITER_MIN_STEPS && elapsed >= MIN_TIME_MS))
                break;
        }
        if ((i % 32) == 31) {
            /* Replace a next hop; the routes that use it keep it. */
            unsigned j = test_rng_below(&rng, WRITER_NEXTHOPS);
            if (nexthops[j])
                CHECK(s, RtmDeleteNextHop(s->writer, nexthops[j], NULL) == NO_ERROR);
            nexthops[j] = writer_nexthop(s, serial++);
        }
        if (!s->routes[k]) {
            RTM_NEXTHOP_HANDLE nh = nexthops[test_rng_below(&rng, WRITER_NEXTHOPS)];
            RTM_ROUTE_INFO info = test_route(nh, 10, 1 + test_rng_below(&rng, 100),
                                             RTM_VIEW_MASK_UCAST);
            status = RtmAddRouteToDest(s->writer, &s->routes[k], &prefix, &info, INFINITE, NULL, 0,
                                       NULL, &flags);
            CHECK(s, status == NO_ERROR && s->routes[k] != NULL);
            CHECK(s, flags & RTM_ROUTE_CHANGE_NEW);
            s->metrics[k] = info.PrefInfo.Metric;
        } else if (test_rng_below(&rng, 4) == 0) {
            /* Update in place: lock the route, edit it, update and unlock. */
            PRTM_ROUTE_INFO pointer = NULL;
            ULONG metric = 1 + test_rng_below(&rng, 100);
            status = RtmLockRoute(s->writer, s->routes[k], TRUE, TRUE, &pointer);
            CHECK(s, status == NO_ERROR && pointer != NULL);
            if (status == NO_ERROR && pointer) {
                pointer->PrefInfo.Metric = metric;
                status = RtmUpdateAndUnlockRoute(s->writer, s->routes[k], INFINITE, NULL, 0, NULL,
                                                 &flags);
                CHECK(s, status == NO_ERROR);
                if (status == NO_ERROR)
                    s->metrics[k] = metric;
                else
                    RtmLockRoute(s->writer, s->routes[k], TRUE, FALSE, NULL);
            }
        } else if (test_rng_below(&rng, 2)) {
            /* Update: other metric, maybe another next hop. */
            RTM_ROUTE_HANDLE h = s->routes[k];
            RTM_NEXTHOP_HANDLE nh = nexthops[test_rng_below(&rng, WRITER_NEXTHOPS)];
            RTM_ROUTE_INFO info = test_route(nh, 10, 1 + test_rng_below(&rng, 100),
                                             RTM_VIEW_MASK_UCAST);
            status = RtmAddRouteToDest(s->writer, &h, &prefix, &info, INFINITE, NULL, 0, NULL, &flags);
            CHECK(s, status == NO_ERROR && h == s->routes[k]);
            CHECK(s, !(flags & RTM_ROUTE_CHANGE_NEW));
            s->metrics[k] = info.PrefInfo.Metric;
        } else {
            status = RtmDeleteRouteToDest(s->writer, s->routes[k], NULL);
            CHECK(s, status == NO_ERROR);
            s->routes[k] = NULL;
        }
        bump(&s->writer_steps);
    }
    for (unsigned j = 0; j < WRITER_NEXTHOPS; j++)
        if (nexthops[j])
            CHECK(s, RtmReleaseNextHops(s->writer, 1, &nexthops[j]) == NO_ERROR);
    store(&s->writer_done, 1);
}

/* ---- the churn: short-lived entities ------------------------------------------------ */

static void churn_thread(void *arg)
{
    struct shared *s = arg;
    struct test_rng rng = { 0x5EED0002 };
    unsigned round = 0;

    while (!load(&s->writer_done)) {
        RTM_ENTITY_INFO einfo;
        RTM_REGN_PROFILE profile;
        RTM_ENTITY_HANDLE me = NULL;
        RTM_NEXTHOP_INFO ninfo;
        RTM_NEXTHOP_HANDLE nh = NULL;
        RTM_ENTITY_HANDLE entities[16];
        UINT count = 16;

        memset(&einfo, 0, sizeof einfo);
        einfo.RtmInstanceId = INSTANCE;
        einfo.AddressFamily = AF_INET;
        einfo.EntityId.EntityProtocolId = PROTO_CHURN;
        einfo.EntityId.EntityInstanceId = round++ % 3;
        if (RtmRegisterEntity(&einfo, NULL, NULL, FALSE, &profile, &me) != NO_ERROR) {
            anomaly(s, __LINE__);
            break;
        }
        memset(&ninfo, 0, sizeof ninfo);
        ninfo.NextHopAddress = test_ipv4(192, 168, 200, 1, 32);
        ninfo.InterfaceIndex = 7;
        CHECK(s, RtmAddNextHop(me, &ninfo, &nh, NULL) == NO_ERROR);
        for (unsigned i = 0; nh && i < 4; i++) {
            RTM_NET_ADDRESS prefix = pool_prefix(test_rng_below(&rng, POOL));
            /* Preference 5: better than the writer's routes. */
            RTM_ROUTE_INFO info = test_route(nh, 5, 1, RTM_VIEW_MASK_UCAST);
            CHECK(s, RtmAddRouteToDest(me, NULL, &prefix, &info, INFINITE, NULL, 0, NULL, NULL) ==
                         NO_ERROR);
        }
        /* Stable, writer, reader and this one at least. */
        if (RtmGetRegisteredEntities(me, &count, entities, NULL) == NO_ERROR) {
            CHECK(s, count >= 4);
            CHECK(s, RtmReleaseEntities(me, count, entities) == NO_ERROR);
        } else {
            anomaly(s, __LINE__);
        }
        if (nh)
            CHECK(s, RtmReleaseNextHops(me, 1, &nh) == NO_ERROR);
        CHECK(s, RtmDeregisterEntity(me) == NO_ERROR);
        bump(&s->churns);
    }
    store(&s->churn_done, 1);
}

/* ---- opaque pointers: short-lived entities that reserve one -------------------------- */

struct opaque_arg {
    struct shared *s;
    unsigned index;
};

/*
 * Each round registers an entity with an opaque-pointer slot, marks some
 * destinations in its slot (under the destination's exclusive lock, as
 * spec/rras/access-the-opaque-pointer-in-a-destination.md does), checks
 * that the marks stay, and deregisters. A slot it gets must be empty: the
 * previous holder's values were cleared before the slot was given out again,
 * and nobody else writes in it meanwhile.
 */
static void opaque_thread(void *arg)
{
    struct opaque_arg *oa = arg;
    struct shared *s = oa->s;
    struct test_rng rng = { 0x5EED2000u + oa->index };
    unsigned round = 0;
    RTM_DEST_INFO *infos[OPAQUE_DESTS];

    for (unsigned i = 0; i < OPAQUE_DESTS; i++) {
        infos[i] = malloc(RTM_SIZE_OF_DEST_INFO(1));
        if (!infos[i])
            anomaly(s, __LINE__);
    }
    while (workers_running(s)) {
        RTM_ENTITY_INFO einfo;
        RTM_REGN_PROFILE profile;
        RTM_ENTITY_HANDLE me = NULL;
        /* A value of our own, never dereferenced. */
        PVOID mark = (PVOID)(uintptr_t)(0x1000u * (oa->index + 1) + (++round % 0x1000u) * 8u + 8u);
        unsigned held = 0;
        DWORD status;

        memset(&einfo, 0, sizeof einfo);
        einfo.RtmInstanceId = INSTANCE;
        einfo.AddressFamily = AF_INET;
        einfo.EntityId.EntityProtocolId = PROTO_OPAQUE;
        einfo.EntityId.EntityInstanceId = oa->index;
        if (RtmRegisterEntity(&einfo, NULL, NULL, TRUE, &profile, &me) != NO_ERROR) {
            anomaly(s, __LINE__);
            break;
        }
        for (unsigned i = 0; i < OPAQUE_DESTS && infos[i]; i++) {
            RTM_NET_ADDRESS host = random_host(&rng);
            PVOID *slot = NULL;
            status = RtmGetMostSpecificDestination(me, &host, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, infos[i]);
            CHECK(s, status == NO_ERROR);
            if (status != NO_ERROR)
                break;
            held++;
            CHECK(s, RtmLockDestination(me, infos[i]->DestHandle, TRUE, TRUE) == NO_ERROR);
            status = RtmGetOpaqueInformationPointer(me, infos[i]->DestHandle, (PVOID *)&slot);
            CHECK(s, status == NO_ERROR && slot != NULL);
            if (status == NO_ERROR && slot) {
                /* Empty, or marked by us already (the same destination
                 * found twice). */
                CHECK(s, *slot == NULL || *slot == mark);
                *slot = mark;
            }
            CHECK(s, RtmLockDestination(me, infos[i]->DestHandle, TRUE, FALSE) == NO_ERROR);
        }
        /* Our marks stay while we are registered. */
        for (unsigned i = 0; i < held; i++) {
            PVOID *slot = NULL;
            CHECK(s, RtmLockDestination(me, infos[i]->DestHandle, FALSE, TRUE) == NO_ERROR);
            status = RtmGetOpaqueInformationPointer(me, infos[i]->DestHandle, (PVOID *)&slot);
            CHECK(s, status == NO_ERROR && slot != NULL);
            /* Also in a destination that has left the table since: only
             * the slot's holder writes it. */
            if (status == NO_ERROR && slot)
                CHECK(s, *slot == mark);
            CHECK(s, RtmLockDestination(me, infos[i]->DestHandle, FALSE, FALSE) == NO_ERROR);
            CHECK(s, RtmReleaseDestInfo(me, infos[i]) == NO_ERROR);
        }
        CHECK(s, RtmDeregisterEntity(me) == NO_ERROR);
        bump(&s->opaque_rounds);
    }
    for (unsigned i = 0; i < OPAQUE_DESTS; i++)
        free(infos[i]);
}

/* ---- the readers --------------------------------------------------------------------- */

struct reader_arg {
    struct shared *s;
    uint64_t seed;
};

static void reader_thread(void *arg)
{
    struct reader_arg *ra = arg;
    struct shared *s = ra->s;
    struct test_rng rng = { ra->seed };
    RTM_DEST_INFO *info = malloc(RTM_SIZE_OF_DEST_INFO(1));
    RTM_DEST_INFO *up = malloc(RTM_SIZE_OF_DEST_INFO(1));
    RTM_ROUTE_INFO *route = malloc(RTM_SIZE_OF_ROUTE_INFO(16));

    if (!info || !up || !route)
        anomaly(s, __LINE__);
    while (info && up && route && workers_running(s)) {
        RTM_NET_ADDRESS host = random_host(&rng);
        RTM_NET_ADDRESS outside = test_ipv4(192, 0, 2, test_rng_below(&rng, 256), 32);
        DWORD status;

        status = RtmGetMostSpecificDestination(s->reader, &host, RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST, info);
        bump(&s->lookups);
        /* The stable prefixes cover every host drawn. */
        CHECK(s, status == NO_ERROR);
        if (status != NO_ERROR)
            continue;
        CHECK(s, covers(&info->DestAddress, &host));
        CHECK(s, plausible_length(info->DestAddress.NumBits));
        check_view(s, info);

        if (info->ViewInfo[0].Route && test_rng_below(&rng, 2)) {
            status = RtmGetRouteInfo(s->reader, info->ViewInfo[0].Route, route, NULL);
            CHECK(s, status == NO_ERROR);
            if (status == NO_ERROR) {
                CHECK(s, route->DestHandle == info->DestHandle);
                CHECK(s, route->RouteOwner == info->ViewInfo[0].Owner);
                CHECK(s, RtmReleaseRouteInfo(s->reader, route) == NO_ERROR);
            }
        }

        /* Up one level: there is one unless this is a stable prefix. */
        status = RtmGetLessSpecificDestination(s->reader, info->DestHandle, RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST, up);
        if (info->DestAddress.NumBits <= 12) {
            CHECK(s, status == ERROR_NOT_FOUND);
        } else {
            CHECK(s, status == NO_ERROR);
            if (status == NO_ERROR) {
                CHECK(s, up->DestAddress.NumBits < info->DestAddress.NumBits);
                CHECK(s, covers(&up->DestAddress, &host));
                check_view(s, up);
                CHECK(s, RtmReleaseDestInfo(s->reader, up) == NO_ERROR);
                bump(&s->walks);
            }
        }
        CHECK(s, RtmReleaseDestInfo(s->reader, info) == NO_ERROR);

        /* Nothing covers 192.0.2.0/24. */
        status = RtmGetMostSpecificDestination(s->reader, &outside, RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_ANY, info);
        CHECK(s, status == ERROR_NOT_FOUND);
        if (status == NO_ERROR)
            RtmReleaseDestInfo(s->reader, info);
    }
    free(info);
    free(up);
    free(route);
}

/* Takes references on what it finds and uses them after releasing the
 * structure they came in, while the routes may go away. */
static void referencer_thread(void *arg)
{
    struct shared *s = arg;
    struct test_rng rng = { 0x5EED0003 };
    RTM_DEST_INFO *info = malloc(RTM_SIZE_OF_DEST_INFO(1));
    RTM_DEST_INFO *again = malloc(RTM_SIZE_OF_DEST_INFO(1));
    RTM_ROUTE_INFO *route = malloc(RTM_SIZE_OF_ROUTE_INFO(16));

    if (!info || !again || !route)
        anomaly(s, __LINE__);
    while (info && again && route && workers_running(s)) {
        RTM_NET_ADDRESS host = random_host(&rng);
        HANDLE handles[2];
        UINT n = 1;
        DWORD status;
        BOOL exclusive = (BOOL)test_rng_below(&rng, 2);

        status = RtmGetMostSpecificDestination(s->reader, &host, RTM_BEST_PROTOCOL,
                                               RTM_VIEW_MASK_UCAST, info);
        CHECK(s, status == NO_ERROR);
        if (status != NO_ERROR)
            continue;
        handles[0] = info->DestHandle;
        if (info->ViewInfo[0].Route)
            handles[n++] = info->ViewInfo[0].Route;
        status = RtmReferenceHandles(s->reader, n, handles);
        CHECK(s, status == NO_ERROR);
        CHECK(s, RtmReleaseDestInfo(s->reader, info) == NO_ERROR);
        if (status != NO_ERROR)
            continue;
        bump(&s->references);

        /* Our own references keep both valid, whatever happened since. */
        status = RtmGetDestInfo(s->reader, handles[0], RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, again);
        CHECK(s, status == NO_ERROR);
        if (status == NO_ERROR) {
            CHECK(s, again->DestHandle == handles[0]);
            CHECK(s, covers(&again->DestAddress, &host));
            check_view(s, again);
            CHECK(s, RtmReleaseDestInfo(s->reader, again) == NO_ERROR);
        }
        if (n == 2) {
            status = RtmGetRouteInfo(s->reader, handles[1], route, NULL);
            CHECK(s, status == NO_ERROR);
            if (status == NO_ERROR) {
                CHECK(s, route->DestHandle == handles[0]);
                CHECK(s, route->State == RTM_ROUTE_STATE_CREATED ||
                             route->State == RTM_ROUTE_STATE_DELETED);
                CHECK(s, RtmReleaseRouteInfo(s->reader, route) == NO_ERROR);
            }
            CHECK(s, RtmReleaseRoutes(s->reader, 1, &handles[1]) == NO_ERROR);
        }
        /* Lock and unlock it (briefly: the writer waits meanwhile). */
        CHECK(s, RtmLockDestination(s->reader, handles[0], exclusive, TRUE) == NO_ERROR);
        CHECK(s, RtmLockDestination(s->reader, handles[0], exclusive, FALSE) == NO_ERROR);
        CHECK(s, test_release_dest_handle(s->reader, handles[0], FALSE) == NO_ERROR);
    }
    free(info);
    free(again);
    free(route);
}

/* ---- the test ---------------------------------------------------------------------------- */

static void expect_not_found(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS addr)
{
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(2));
    assert_int_equal(RtmGetMostSpecificDestination(reg, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                                   info),
                     ERROR_NOT_FOUND);
    assert_int_equal(RtmGetExactMatchDestination(reg, &addr, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_ANY,
                                                 info),
                     ERROR_NOT_FOUND);
    test_free(info);
}

static void test_lookups_race_changes(void **state)
{
    struct shared *s = test_calloc(1, sizeof *s);
    struct reader_arg ra[READERS];
    struct opaque_arg oa[OPAQUE_THREADS];
    test_thread readers[READERS], opaque[OPAQUE_THREADS], writer, churn, referencer;
    RTM_NEXTHOP_HANDLE stable_nh;
    RTM_ROUTE_HANDLE stable8, stable12;
    RTM_NET_ADDRESS p8 = test_ipv4(10, 0, 0, 0, 8), p12 = test_ipv4(172, 16, 0, 0, 12);
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(1));
    RTM_ENTITY_HANDLE entities[8];
    UINT count;
    unsigned long long started = test_now_ms();
    (void)state;

    s->stable = test_register(INSTANCE, AF_INET, PROTO_STABLE, 1, FALSE);
    s->writer = test_register(INSTANCE, AF_INET, PROTO_WRITER, 1, FALSE);
    s->reader = test_register(INSTANCE, AF_INET, PROTO_READER, 1, FALSE);
    stable_nh = test_add_nexthop(s->stable, test_ipv4(192, 168, 100, 1, 32), 1);
    stable8 = test_add_route(s->stable, p8, stable_nh, 20, 1, NULL);
    stable12 = test_add_route(s->stable, p12, stable_nh, 20, 1, NULL);

    for (int i = 0; i < READERS; i++) {
        ra[i].s = s;
        ra[i].seed = 0x5EED1000u + (uint64_t)i;
        test_thread_start(&readers[i], reader_thread, &ra[i]);
    }
    for (unsigned i = 0; i < OPAQUE_THREADS; i++) {
        oa[i].s = s;
        oa[i].index = i;
        test_thread_start(&opaque[i], opaque_thread, &oa[i]);
    }
    test_thread_start(&referencer, referencer_thread, s);
    test_thread_start(&churn, churn_thread, s);
    test_thread_start(&writer, writer_thread, s);
    test_thread_join(writer);
    test_thread_join(churn);
    test_thread_join(referencer);
    for (int i = 0; i < READERS; i++)
        test_thread_join(readers[i]);
    for (unsigned i = 0; i < OPAQUE_THREADS; i++)
        test_thread_join(opaque[i]);

    print_message("%d writer steps, %d churned entities, %d opaque-pointer rounds, %d look-ups, "
                  "%d walks, %d references, %llu ms\n",
                  s->writer_steps, s->churns, s->opaque_rounds, s->lookups, s->walks,
                  s->references, test_now_ms() - started);
    if (s->anomalies)
        print_error("%d anomalies, the first at line %d\n", s->anomalies, s->first_anomaly_line);
    assert_int_equal(s->anomalies, 0);
    assert_true(s->writer_steps > 100);
    assert_true(s->lookups > 0);
    assert_true(s->churns > 0);
    assert_true(s->opaque_rounds > 0);

    /* The churners are gone; the table holds exactly the writer's routes
     * (and the stable ones). */
    count = 8;
    assert_int_equal(RtmGetRegisteredEntities(s->reader, &count, entities, NULL), NO_ERROR);
    assert_int_equal(count, 3);
    assert_int_equal(RtmReleaseEntities(s->reader, count, entities), NO_ERROR);
    for (unsigned k = 0; k < POOL; k++) {
        RTM_NET_ADDRESS prefix = pool_prefix(k);
        DWORD status = RtmGetExactMatchDestination(s->reader, &prefix, RTM_BEST_PROTOCOL,
                                                   RTM_VIEW_MASK_UCAST, info);
        if (!s->routes[k]) {
            assert_int_equal(status, ERROR_NOT_FOUND);
            continue;
        }
        assert_int_equal(status, NO_ERROR);
        assert_int_equal(info->ViewInfo[0].NumRoutes, 1);
        assert_ptr_equal(info->ViewInfo[0].Route, s->routes[k]);
        assert_ptr_equal(info->ViewInfo[0].Owner, s->writer);
        assert_int_equal(RtmReleaseDestInfo(s->reader, info), NO_ERROR);
        {
            RTM_ROUTE_INFO *ri = test_malloc(RTM_SIZE_OF_ROUTE_INFO(16));
            assert_int_equal(RtmGetRouteInfo(s->reader, s->routes[k], ri, NULL), NO_ERROR);
            assert_int_equal(ri->PrefInfo.Metric, s->metrics[k]);
            assert_int_equal(ri->State, RTM_ROUTE_STATE_CREATED);
            assert_int_equal(RtmReleaseRouteInfo(s->reader, ri), NO_ERROR);
            test_free(ri);
        }
    }

    /* Delete everything: no look-up finds anything any more. */
    for (unsigned k = 0; k < POOL; k++)
        if (s->routes[k])
            assert_int_equal(RtmDeleteRouteToDest(s->writer, s->routes[k], NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(s->stable, stable8, NULL), NO_ERROR);
    assert_int_equal(RtmDeleteRouteToDest(s->stable, stable12, NULL), NO_ERROR);
    for (unsigned k = 0; k < POOL; k++)
        expect_not_found(s->reader, pool_prefix(k));
    {
        struct test_rng rng = { 99 };
        for (int i = 0; i < 200; i++)
            expect_not_found(s->reader, random_host(&rng));
    }
    expect_not_found(s->reader, p8);
    expect_not_found(s->reader, p12);
    expect_not_found(s->reader, test_ipv4(0, 0, 0, 0, 0));

    assert_int_equal(RtmReleaseNextHops(s->stable, 1, &stable_nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(s->writer), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(s->stable), NO_ERROR);
    count = 8;
    assert_int_equal(RtmGetRegisteredEntities(s->reader, &count, entities, NULL), NO_ERROR);
    assert_int_equal(count, 1);
    assert_ptr_equal(entities[0], s->reader);
    assert_int_equal(RtmReleaseEntities(s->reader, count, entities), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(s->reader), NO_ERROR);
    test_free(info);
    test_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookups_race_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
