/*
 * test_enum_concurrency.c - enumerations racing with changes, through the
 * public API.
 *
 * One IPv4 table with a pool of nested prefixes: a stable entity owns a
 * route to every "stable" prefix for the whole run; writer threads add and
 * delete their routes to any prefix of the pool (so destinations appear and
 * disappear, and the stable destinations gain and lose routes around the
 * stable one); a churn thread registers short-lived entities that add
 * routes, start enumerations and route lists of every kind, use them a
 * little and deregister without deleting them; a list writer adds routes
 * into its list and deletes them or takes them out, while a list reader of
 * the same entity enumerates that list. Enumerator threads enumerate
 * destinations and routes, whole or by range, in batches of 1, 3, 7 or 100
 * and check, for every enumeration: every call's status (NO_ERROR for a
 * full batch, ERROR_NO_MORE_ITEMS for the short one that ends it), strictly
 * increasing destinations, no route twice, and every stable destination
 * and stable route returned exactly once. A second test shares one
 * enumeration handle between threads and deletes enumerations (and
 * deregisters their owners) while other threads are calling them.
 *
 * Worker threads never assert: they count anomalies (with the line of the
 * first one), which the main thread checks after joining them. Runs are
 * bounded by step counts and a time limit. Built with ThreadSanitizer (the
 * tsan variant) it is also a race detector run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_test.h"

#ifndef _WIN32
#include <time.h>
#endif

#define INSTANCE 4300
#define PROTO_STABLE 1
#define PROTO_WRITER 2 /* instances 1 and 2 */
#define PROTO_ENUM 3   /* instances 1 and 2 */
#define PROTO_LIST 4
#define PROTO_CHURN 5  /* instance: the round */

#define POOL 128       /* prefixes; see pool_prefix */
#define WRITERS 2
#define ENUMERATORS 2
#define LIST_STABLE 20 /* routes in the list for the whole run */
#define MAX_SAME 16    /* routes of one destination tracked for duplicates */
#define MIN_STEPS 2000
#define MAX_STEPS 1000000
#define MIN_ROUNDS 6
#define MIN_TIME_MS 300
#define TIME_LIMIT_MS 3000

/* Room for any route's information (MaxNextHopsInRoute is 4; the SDK macro
 * counts one handle short). */
#define ROUTE_INFO_SIZE RTM_SIZE_OF_ROUTE_INFO(8)

static unsigned long long now_ms(void)
{
#ifdef _WIN32
    return GetTickCount();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000 + (unsigned long long)ts.tv_nsec / 1000000;
#endif
}

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

/*
 * The pool, in increasing enumeration order: for a in 0..31,
 * 10.a.0.0/16 (stable), 10.a.64.0/18, 10.a.128.0/18 (stable),
 * 10.a.192.0/18.
 */
static RTM_NET_ADDRESS pool_prefix(unsigned i)
{
    unsigned q = i & 3;
    return test_ipv4(10, i >> 2, q << 6, 0, q ? 18 : 16);
}

static int stable_prefix(unsigned i)
{
    return (i & 1) == 0;
}

/* The pool index of a prefix, or -1. */
static int pool_index(const RTM_NET_ADDRESS *a)
{
    for (unsigned i = 0; i < POOL; i++) {
        RTM_NET_ADDRESS p = pool_prefix(i);
        if (test_prefix_compare(a, &p) == 0)
            return (int)i;
    }
    return -1;
}

struct shared {
    RTM_ENTITY_HANDLE stable, list_owner;
    RTM_ROUTE_LIST_HANDLE list;
    RTM_ROUTE_HANDLE list_stable[LIST_STABLE];
    unsigned long long deadline, min_end;
    int writers_done, list_done;
    int anomalies, first_anomaly_line;
    int enumerations, churns, list_rounds;
};

static void anomaly(struct shared *s, int line)
{
    int none = 0;
    __atomic_compare_exchange_n(&s->first_anomaly_line, &none, line, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    bump(&s->anomalies);
}

#define CHECK(s, cond)              \
    do {                            \
        if (!(cond))                \
            anomaly((s), __LINE__); \
    } while (0)

static void check_results(struct shared *s)
{
    if (s->anomalies)
        print_error("%d anomalies, the first at line %d\n", s->anomalies, s->first_anomaly_line);
    assert_int_equal(s->anomalies, 0);
}

/* Adds a unicast route without asserting; returns its handle or NULL. */
static RTM_ROUTE_HANDLE add_route(RTM_ENTITY_HANDLE r, RTM_NET_ADDRESS dest, RTM_NEXTHOP_HANDLE nh,
                                  RTM_ROUTE_LIST_HANDLE list)
{
    RTM_ROUTE_INFO info = test_route(nh, 10, 1, RTM_VIEW_MASK_UCAST);
    RTM_ROUTE_HANDLE handle = NULL;

    if (RtmAddRouteToDest(r, &handle, &dest, &info, INFINITE, list, 0, NULL, NULL) != NO_ERROR)
        return NULL;
    return handle;
}

/* ---- writers ------------------------------------------------------------------ */

struct writer {
    struct shared *s;
    RTM_ENTITY_HANDLE me;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE routes[POOL];
    uint64_t seed;
};

static void writer_main(void *arg)
{
    struct writer *w = arg;
    struct shared *s = w->s;
    struct test_rng rng = { w->seed };

    for (int step = 0; step < MAX_STEPS; step++) {
        unsigned long long t = now_ms();
        unsigned k = test_rng_below(&rng, POOL);
        if (t >= s->deadline || (step >= MIN_STEPS && t >= s->min_end))
            break;
        if (w->routes[k]) {
            CHECK(s, RtmDeleteRouteToDest(w->me, w->routes[k], NULL) == NO_ERROR);
            w->routes[k] = NULL;
        } else {
            w->routes[k] = add_route(w->me, pool_prefix(k), w->nh, NULL);
            CHECK(s, w->routes[k] != NULL);
        }
    }
    for (unsigned k = 0; k < POOL; k++)
        if (w->routes[k])
            CHECK(s, RtmDeleteRouteToDest(w->me, w->routes[k], NULL) == NO_ERROR);
}

/* ---- enumerators ---------------------------------------------------------------- */

struct enumerator {
    struct shared *s;
    RTM_ENTITY_HANDLE me;
    uint64_t seed;
    union {
        RTM_ROUTE_INFO info;
        unsigned char bytes[ROUTE_INFO_SIZE];
    } route;
    RTM_DEST_INFO dests[100]; /* room for 100 infos without views */
};

/* The range of an enumeration: everything (len 0) or 10.a.0.0/16. */
static RTM_NET_ADDRESS pick_range(struct test_rng *rng, RTM_ENUM_FLAGS *flags)
{
    if (test_rng_below(rng, 2)) {
        *flags = RTM_ENUM_START;
        return test_ipv4(0, 0, 0, 0, 0);
    }
    *flags = RTM_ENUM_RANGE;
    return test_ipv4(10, test_rng_below(rng, 32), 0, 0, 16);
}

/* Nonzero if pool prefix k is in the range. */
static int in_range(unsigned k, const RTM_NET_ADDRESS *range)
{
    return range->NumBits == 0 || (k >> 2) == range->AddrBits[1];
}

/* One destination enumeration, checked. */
static void enumerate_dests(struct enumerator *en, UINT batch, struct test_rng *rng)
{
    struct shared *s = en->s;
    unsigned char seen[POOL] = { 0 };
    RTM_ENUM_FLAGS flags;
    RTM_NET_ADDRESS range = pick_range(rng, &flags), prev;
    RTM_ENUM_HANDLE e = NULL;
    int have_prev = 0;
    UINT n;

    CHECK(s, RtmCreateDestEnum(en->me, RTM_VIEW_MASK_ANY, flags, &range, RTM_BEST_PROTOCOL, &e) ==
                 NO_ERROR);
    do {
        DWORD status;
        n = batch;
        status = RtmGetEnumDests(en->me, e, &n, en->dests);
        CHECK(s, n <= batch && status == (n == batch ? NO_ERROR : ERROR_NO_MORE_ITEMS));
        for (UINT i = 0; i < n && i < batch; i++) {
            RTM_DEST_INFO *info = (RTM_DEST_INFO *)((char *)en->dests + i * RTM_SIZE_OF_DEST_INFO(0));
            int k = pool_index(&info->DestAddress);
            CHECK(s, info->NumberOfViews == 0);
            CHECK(s, !have_prev || test_prefix_compare(&prev, &info->DestAddress) < 0);
            CHECK(s, k >= 0 && in_range((unsigned)k, &range));
            if (k >= 0)
                seen[k]++;
            prev = info->DestAddress;
            have_prev = 1;
        }
        CHECK(s, RtmReleaseDests(en->me, n, en->dests) == NO_ERROR);
    } while (n == batch);
    for (unsigned k = 0; k < POOL; k++)
        if (stable_prefix(k) && in_range(k, &range))
            CHECK(s, seen[k] == 1);
    CHECK(s, RtmDeleteEnumHandle(en->me, e) == NO_ERROR);
}

/* Checks one route of a route enumeration against the previous ones. */
struct route_walk {
    RTM_NET_ADDRESS prev;
    int have_prev;
    HANDLE same[MAX_SAME]; /* routes returned for prev */
    UINT nsame;
    unsigned char stable_seen[POOL];
};

static void walk_route(struct enumerator *en, struct route_walk *w, HANDLE h,
                       const RTM_NET_ADDRESS *range)
{
    struct shared *s = en->s;
    RTM_NET_ADDRESS addr;
    int k, c;

    if (RtmGetRouteInfo(en->me, h, &en->route.info, &addr) != NO_ERROR) {
        anomaly(s, __LINE__);
        return;
    }
    k = pool_index(&addr);
    CHECK(s, k >= 0 && in_range((unsigned)k, range));
    c = w->have_prev ? test_prefix_compare(&w->prev, &addr) : -1;
    CHECK(s, c <= 0);
    if (c < 0)
        w->nsame = 0;
    for (UINT j = 0; j < w->nsame; j++)
        CHECK(s, w->same[j] != h);
    if (w->nsame < MAX_SAME)
        w->same[w->nsame++] = h;
    w->prev = addr;
    w->have_prev = 1;
    if (en->route.info.RouteOwner == s->stable && k >= 0)
        w->stable_seen[k]++;
    CHECK(s, RtmReleaseRouteInfo(en->me, &en->route.info) == NO_ERROR);
}

/* One route enumeration, checked. */
static void enumerate_routes(struct enumerator *en, UINT batch, struct test_rng *rng)
{
    struct shared *s = en->s;
    struct route_walk w;
    RTM_ENUM_FLAGS flags;
    RTM_NET_ADDRESS range = pick_range(rng, &flags);
    RTM_ENUM_HANDLE e = NULL;
    HANDLE buf[100];
    UINT n;

    memset(&w, 0, sizeof w);
    CHECK(s, RtmCreateRouteEnum(en->me, NULL, RTM_VIEW_MASK_ANY, flags, &range, RTM_MATCH_NONE,
                                NULL, 0, &e) == NO_ERROR);
    do {
        DWORD status;
        n = batch;
        status = RtmGetEnumRoutes(en->me, e, &n, buf);
        CHECK(s, n <= batch && status == (n == batch ? NO_ERROR : ERROR_NO_MORE_ITEMS));
        for (UINT i = 0; i < n && i < batch; i++)
            walk_route(en, &w, buf[i], &range);
        CHECK(s, RtmReleaseRoutes(en->me, n, buf) == NO_ERROR);
    } while (n == batch);
    for (unsigned k = 0; k < POOL; k++)
        CHECK(s, w.stable_seen[k] == (stable_prefix(k) && in_range(k, &range)));
    CHECK(s, RtmDeleteEnumHandle(en->me, e) == NO_ERROR);
}

static void enumerator_main(void *arg)
{
    static const UINT batches[4] = { 1, 3, 7, 100 };
    struct enumerator *en = arg;
    struct test_rng rng = { en->seed };

    for (int round = 0; round < MIN_ROUNDS || !load(&en->s->writers_done); round++) {
        UINT batch = batches[test_rng_below(&rng, 4)];
        if (round & 1)
            enumerate_routes(en, batch, &rng);
        else
            enumerate_dests(en, batch, &rng);
        bump(&en->s->enumerations);
        if (now_ms() >= en->s->deadline && round >= MIN_ROUNDS)
            break;
    }
}

/* ---- short-lived entities ----------------------------------------------------- */

/* Registers an entity that adds routes, starts one enumeration of each kind
 * and a route list, uses them once and deregisters, leaving them to
 * RtmDeregisterEntity. */
static void churn_main(void *arg)
{
    struct shared *s = arg;
    HANDLE buf[4];
    RTM_DEST_INFO dests[4];

    for (int round = 1; !load(&s->writers_done); round++) {
        RTM_ENTITY_INFO info;
        RTM_REGN_PROFILE profile;
        RTM_ENTITY_HANDLE me = NULL;
        RTM_NEXTHOP_HANDLE nh = NULL;
        RTM_ROUTE_LIST_HANDLE list = NULL;
        RTM_ENUM_HANDLE e[4] = { NULL, NULL, NULL, NULL };
        RTM_NEXTHOP_INFO nhi;
        UINT n;

        memset(&info, 0, sizeof info);
        info.RtmInstanceId = INSTANCE;
        info.AddressFamily = AF_INET;
        info.EntityId.EntityProtocolId = PROTO_CHURN;
        info.EntityId.EntityInstanceId = (ULONG)round;
        if (RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &me) != NO_ERROR) {
            anomaly(s, __LINE__);
            break;
        }
        memset(&nhi, 0, sizeof nhi);
        nhi.NextHopAddress = test_ipv4(192, 168, 9, 1, 32);
        nhi.InterfaceIndex = 9;
        CHECK(s, RtmAddNextHop(me, &nhi, &nh, NULL) == NO_ERROR);
        CHECK(s, RtmCreateRouteList(me, &list) == NO_ERROR);
        for (unsigned k = (unsigned)round % 4; k < POOL; k += 16) {
            RTM_ROUTE_HANDLE r = add_route(me, pool_prefix(k), nh, list);
            CHECK(s, r != NULL);
            CHECK(s, RtmReleaseRoutes(me, 1, &r) == NO_ERROR);
        }
        CHECK(s, RtmCreateDestEnum(me, 0, RTM_ENUM_OWN_DESTS, NULL, 0, &e[0]) == NO_ERROR);
        CHECK(s, RtmCreateRouteEnum(me, NULL, 0, 0, NULL, 0, NULL, 0, &e[1]) == NO_ERROR);
        CHECK(s, RtmCreateNextHopEnum(me, 0, NULL, &e[2]) == NO_ERROR);
        CHECK(s, RtmCreateRouteListEnum(me, list, &e[3]) == NO_ERROR);
        n = 4;
        CHECK(s, RtmGetEnumDests(me, e[0], &n, dests) != ERROR_INVALID_HANDLE);
        CHECK(s, RtmReleaseDests(me, n, dests) == NO_ERROR);
        n = 4;
        CHECK(s, RtmGetEnumRoutes(me, e[1], &n, buf) != ERROR_INVALID_HANDLE);
        CHECK(s, RtmReleaseRoutes(me, n, buf) == NO_ERROR);
        n = 4;
        CHECK(s, RtmGetEnumNextHops(me, e[2], &n, buf) == ERROR_NO_MORE_ITEMS && n == 1);
        CHECK(s, RtmReleaseNextHops(me, n, buf) == NO_ERROR);
        n = 4;
        CHECK(s, RtmGetListEnumRoutes(me, e[3], &n, buf) == NO_ERROR && n == 4);
        CHECK(s, RtmReleaseRoutes(me, n, buf) == NO_ERROR);
        CHECK(s, RtmReleaseNextHops(me, 1, &nh) == NO_ERROR);
        CHECK(s, RtmDeregisterEntity(me) == NO_ERROR);
        n = 4;
        CHECK(s, RtmGetEnumRoutes(me, e[1], &n, buf) == ERROR_INVALID_HANDLE && n == 0);
        bump(&s->churns);
    }
}

/* ---- a route list and its enumerations ---------------------------------------- */

/* Adds routes into the list and deletes them or takes them out of it (never
 * back in, so that no route may come twice in one enumeration). */
static void list_writer_main(void *arg)
{
    struct shared *s = arg;
    RTM_NEXTHOP_HANDLE nh = NULL;
    RTM_NEXTHOP_INFO nhi;
    RTM_ROUTE_HANDLE live[8] = { NULL };

    memset(&nhi, 0, sizeof nhi);
    nhi.NextHopAddress = test_ipv4(192, 168, 4, 2, 32);
    nhi.InterfaceIndex = 4;
    CHECK(s, RtmAddNextHop(s->list_owner, &nhi, &nh, NULL) == NO_ERROR);
    for (unsigned step = 0; !load(&s->writers_done); step++) {
        unsigned k = step % 8;
        if (live[k]) {
            if (step & 8)
                CHECK(s, RtmInsertInRouteList(s->list_owner, NULL, 1, &live[k]) == NO_ERROR);
            CHECK(s, RtmDeleteRouteToDest(s->list_owner, live[k], NULL) == NO_ERROR);
            live[k] = NULL;
        } else {
            live[k] = add_route(s->list_owner, pool_prefix(1 + 2 * (step % 64)), nh, s->list);
            CHECK(s, live[k] != NULL);
        }
    }
    for (unsigned k = 0; k < 8; k++)
        if (live[k])
            CHECK(s, RtmDeleteRouteToDest(s->list_owner, live[k], NULL) == NO_ERROR);
    CHECK(s, RtmReleaseNextHops(s->list_owner, 1, &nh) == NO_ERROR);
    store(&s->list_done, 1);
}

/* Enumerates the list (same entity as the writer): no route twice, every
 * route that stays in the list returned. */
static void list_reader_main(void *arg)
{
    static const UINT batches[3] = { 1, 5, 100 };
    struct shared *s = arg;
    HANDLE seen[LIST_STABLE + 64], buf[100];

    for (unsigned round = 0; round < MIN_ROUNDS || !load(&s->list_done); round++) {
        RTM_ENUM_HANDLE e = NULL;
        UINT batch = batches[round % 3], n, total = 0;

        CHECK(s, RtmCreateRouteListEnum(s->list_owner, s->list, &e) == NO_ERROR);
        do {
            n = batch;
            CHECK(s, RtmGetListEnumRoutes(s->list_owner, e, &n, buf) == NO_ERROR && n <= batch);
            for (UINT i = 0; i < n && i < batch; i++) {
                for (UINT j = 0; j < total; j++)
                    CHECK(s, seen[j] != buf[i]);
                if (total < LIST_STABLE + 64)
                    seen[total++] = buf[i];
            }
            CHECK(s, RtmReleaseRoutes(s->list_owner, n, buf) == NO_ERROR);
        } while (n == batch);
        for (UINT k = 0; k < LIST_STABLE; k++) {
            int found = 0;
            for (UINT j = 0; j < total; j++)
                found += seen[j] == s->list_stable[k];
            CHECK(s, found == 1);
        }
        CHECK(s, RtmDeleteEnumHandle(s->list_owner, e) == NO_ERROR);
        bump(&s->list_rounds);
        if (now_ms() >= s->deadline && round >= MIN_ROUNDS)
            break;
    }
}

/* ---- setup shared by the tests ------------------------------------------------- */

struct table {
    RTM_ENTITY_HANDLE stable;
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE routes[POOL];
    struct writer writers[WRITERS];
};

/* The stable entity and its routes, and the writers' entities. */
static void table_setup(struct table *t, struct shared *s)
{
    memset(t, 0, sizeof *t);
    t->stable = test_register(INSTANCE, AF_INET, PROTO_STABLE, 1, FALSE);
    t->nh = test_add_nexthop(t->stable, test_ipv4(192, 168, 1, 1, 32), 1);
    for (unsigned k = 0; k < POOL; k++)
        if (stable_prefix(k))
            t->routes[k] = test_add_route(t->stable, pool_prefix(k), t->nh, 10, 1, NULL);
    for (int i = 0; i < WRITERS; i++) {
        struct writer *w = &t->writers[i];
        w->s = s;
        w->me = test_register(INSTANCE, AF_INET, PROTO_WRITER, (ULONG)i + 1, FALSE);
        w->nh = test_add_nexthop(w->me, test_ipv4(192, 168, 2, (unsigned)i + 1, 32), 2);
        w->seed = 0x5EED0000u + (uint64_t)i;
    }
    s->stable = t->stable;
}

/* Deregisters everything; afterwards the table must be empty. */
static void table_teardown(struct table *t)
{
    RTM_ENTITY_HANDLE probe;
    RTM_ENUM_HANDLE e = NULL;
    UINT n = 1;
    RTM_DEST_INFO info;

    for (int i = 0; i < WRITERS; i++) {
        assert_int_equal(RtmReleaseNextHops(t->writers[i].me, 1, &t->writers[i].nh), NO_ERROR);
        assert_int_equal(RtmDeregisterEntity(t->writers[i].me), NO_ERROR);
    }
    for (unsigned k = 0; k < POOL; k++)
        if (t->routes[k])
            assert_int_equal(RtmReleaseRoutes(t->stable, 1, &t->routes[k]), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(t->stable, 1, &t->nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(t->stable), NO_ERROR);

    probe = test_register(INSTANCE, AF_INET, PROTO_STABLE, 9, FALSE);
    assert_int_equal(test_entity_count(probe), 1);
    assert_int_equal(RtmCreateDestEnum(probe, 0, 0, NULL, 0, &e), NO_ERROR);
    assert_int_equal(RtmGetEnumDests(probe, e, &n, &info), ERROR_NO_MORE_ITEMS);
    assert_int_equal(n, 0);
    assert_int_equal(RtmDeleteEnumHandle(probe, e), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(probe), NO_ERROR);
}

static void test_enumerations_under_churn(void **state)
{
    struct shared *s = test_calloc(1, sizeof *s);
    struct table *t = test_malloc(sizeof *t);
    struct enumerator *en = test_calloc(ENUMERATORS, sizeof *en);
    RTM_NEXTHOP_HANDLE list_nh;
    test_thread wt[WRITERS], et[ENUMERATORS], ct, lw, lr;

    (void)state;
    table_setup(t, s);
    s->list_owner = test_register(INSTANCE, AF_INET, PROTO_LIST, 1, FALSE);
    assert_int_equal(RtmCreateRouteList(s->list_owner, &s->list), NO_ERROR);
    list_nh = test_add_nexthop(s->list_owner, test_ipv4(192, 168, 4, 1, 32), 4);
    for (unsigned k = 0; k < LIST_STABLE; k++) {
        s->list_stable[k] = add_route(s->list_owner, pool_prefix(k * 6), list_nh, s->list);
        assert_non_null(s->list_stable[k]);
    }
    for (int i = 0; i < ENUMERATORS; i++) {
        en[i].s = s;
        en[i].me = test_register(INSTANCE, AF_INET, PROTO_ENUM, (ULONG)i + 1, FALSE);
        en[i].seed = 0xE0000u + (uint64_t)i;
    }

    s->min_end = now_ms() + MIN_TIME_MS;
    s->deadline = now_ms() + TIME_LIMIT_MS;
    for (int i = 0; i < WRITERS; i++)
        test_thread_start(&wt[i], writer_main, &t->writers[i]);
    for (int i = 0; i < ENUMERATORS; i++)
        test_thread_start(&et[i], enumerator_main, &en[i]);
    test_thread_start(&ct, churn_main, s);
    test_thread_start(&lw, list_writer_main, s);
    test_thread_start(&lr, list_reader_main, s);
    for (int i = 0; i < WRITERS; i++)
        test_thread_join(wt[i]);
    store(&s->writers_done, 1);
    for (int i = 0; i < ENUMERATORS; i++)
        test_thread_join(et[i]);
    test_thread_join(ct);
    test_thread_join(lw);
    test_thread_join(lr);

    print_message("%d checked enumerations, %d churned entities, %d list enumerations\n",
                  s->enumerations, s->churns, s->list_rounds);
    check_results(s);
    assert_true(s->enumerations >= ENUMERATORS * MIN_ROUNDS);
    assert_true(s->list_rounds >= MIN_ROUNDS);
    assert_true(s->churns > 0);

    assert_int_equal(RtmDeleteRouteList(s->list_owner, s->list), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(s->list_owner, LIST_STABLE, s->list_stable), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(s->list_owner, 1, &list_nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(s->list_owner), NO_ERROR);
    for (int i = 0; i < ENUMERATORS; i++)
        assert_int_equal(RtmDeregisterEntity(en[i].me), NO_ERROR);
    table_teardown(t);
    test_free(en);
    test_free(t);
    test_free(s);
}

/* ---- one enumeration, several threads -------------------------------------- */

struct sharer {
    struct shared *s;
    RTM_ENTITY_HANDLE me;
    RTM_ENUM_HANDLE dests, routes;
    RTM_NET_ADDRESS got[2 * POOL];
    UINT ngot;
    HANDLE route_got[8 * POOL];
    UINT nroutes;
    RTM_DEST_INFO infos[3]; /* room for 3 infos without views */
};

/* Takes batches of 3 from the shared enumerations until their end; each
 * thread's own destinations must come in strictly increasing order. */
static void sharer_main(void *arg)
{
    struct sharer *sh = arg;
    struct shared *s = sh->s;
    DWORD status;
    UINT n;

    do {
        n = 3;
        status = RtmGetEnumDests(sh->me, sh->dests, &n, sh->infos);
        CHECK(s, status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < n && i < 3; i++) {
            RTM_DEST_INFO *info = (RTM_DEST_INFO *)((char *)sh->infos + i * RTM_SIZE_OF_DEST_INFO(0));
            CHECK(s, sh->ngot == 0 ||
                         test_prefix_compare(&sh->got[sh->ngot - 1], &info->DestAddress) < 0);
            if (sh->ngot < 2 * POOL)
                sh->got[sh->ngot++] = info->DestAddress;
        }
        CHECK(s, RtmReleaseDests(sh->me, n, sh->infos) == NO_ERROR);
    } while (status == NO_ERROR);
    do {
        HANDLE buf[3];
        n = 3;
        status = RtmGetEnumRoutes(sh->me, sh->routes, &n, buf);
        CHECK(s, status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < n && i < 3; i++)
            if (sh->nroutes < 8 * POOL)
                sh->route_got[sh->nroutes++] = buf[i];
        CHECK(s, RtmReleaseRoutes(sh->me, n, buf) == NO_ERROR);
    } while (status == NO_ERROR);
}

/* Calls an enumeration until it fails or ends; records the last status. */
struct caller {
    RTM_ENTITY_HANDLE me;
    RTM_ENUM_HANDLE e;
    DWORD last;
    int calls;
};

static void caller_main(void *arg)
{
    struct caller *c = arg;
    HANDLE buf[1];
    UINT n;

    do {
        n = 1;
        c->last = RtmGetEnumRoutes(c->me, c->e, &n, buf);
        if (n)
            RtmReleaseRoutes(c->me, n, buf);
        c->calls++;
    } while (c->last == NO_ERROR);
}

static void test_shared_and_deleted_enumerations(void **state)
{
    struct shared *s = test_calloc(1, sizeof *s);
    struct table *t = test_malloc(sizeof *t);
    struct sharer *sh = test_calloc(2, sizeof *sh);
    RTM_ENTITY_HANDLE me;
    test_thread wt[WRITERS], st[2];
    unsigned char seen[POOL] = { 0 };

    (void)state;
    table_setup(t, s);
    me = test_register(INSTANCE, AF_INET, PROTO_ENUM, 1, FALSE);
    s->min_end = now_ms() + MIN_TIME_MS / 3;
    s->deadline = now_ms() + TIME_LIMIT_MS;
    for (int i = 0; i < WRITERS; i++)
        test_thread_start(&wt[i], writer_main, &t->writers[i]);

    /* Two threads share a destination and a route enumeration. */
    for (int round = 0; round < 3; round++) {
        RTM_ENUM_HANDLE dests = NULL, routes = NULL;
        UINT stable_routes = 0;

        assert_int_equal(RtmCreateDestEnum(me, 0, 0, NULL, 0, &dests), NO_ERROR);
        assert_int_equal(RtmCreateRouteEnum(me, NULL, 0, 0, NULL, 0, NULL, 0, &routes), NO_ERROR);
        memset(seen, 0, sizeof seen);
        for (int i = 0; i < 2; i++) {
            memset(&sh[i], 0, sizeof sh[i]);
            sh[i].s = s;
            sh[i].me = me;
            sh[i].dests = dests;
            sh[i].routes = routes;
            test_thread_start(&st[i], sharer_main, &sh[i]);
        }
        for (int i = 0; i < 2; i++)
            test_thread_join(st[i]);
        check_results(s);
        for (int i = 0; i < 2; i++)
            for (UINT j = 0; j < sh[i].ngot; j++) {
                int k = pool_index(&sh[i].got[j]);
                assert_true(k >= 0);
                seen[k]++;
            }
        for (unsigned k = 0; k < POOL; k++)
            assert_true(seen[k] <= 1 && (!stable_prefix(k) || seen[k] == 1));
        /* No route twice over both threads; every stable route once. */
        for (int i = 0; i < 2; i++)
            for (UINT j = 0; j < sh[i].nroutes; j++) {
                for (int i2 = 0; i2 < 2; i2++)
                    for (UINT j2 = 0; j2 < sh[i2].nroutes; j2++)
                        if (i2 != i || j2 != j)
                            assert_ptr_not_equal(sh[i].route_got[j], sh[i2].route_got[j2]);
                for (unsigned k = 0; k < POOL; k++)
                    stable_routes += t->routes[k] && sh[i].route_got[j] == t->routes[k];
            }
        assert_int_equal(stable_routes, POOL / 2);
        assert_int_equal(RtmDeleteEnumHandle(me, dests), NO_ERROR);
        assert_int_equal(RtmDeleteEnumHandle(me, routes), NO_ERROR);
    }

    /* Enumerations deleted, or their owner deregistered, while another
     * thread is calling them. */
    for (int round = 0; round < 16; round++) {
        struct caller c;
        test_thread ctid;
        RTM_ENTITY_HANDLE owner = round & 1 ? test_register(INSTANCE, AF_INET, PROTO_CHURN,
                                                            (ULONG)round, FALSE)
                                            : me;
        memset(&c, 0, sizeof c);
        c.me = owner;
        assert_int_equal(RtmCreateRouteEnum(owner, NULL, 0, 0, NULL, 0, NULL, 0, &c.e), NO_ERROR);
        test_thread_start(&ctid, caller_main, &c);
        test_sleep_ms((unsigned)round % 3);
        if (round & 1)
            assert_int_equal(RtmDeregisterEntity(owner), NO_ERROR);
        else
            assert_int_equal(RtmDeleteEnumHandle(owner, c.e), NO_ERROR);
        test_thread_join(ctid);
        assert_true(c.last == ERROR_INVALID_HANDLE || c.last == ERROR_NO_MORE_ITEMS);
        assert_true(c.calls > 0);
        if (!(round & 1))
            assert_int_equal(RtmDeleteEnumHandle(owner, c.e), ERROR_INVALID_HANDLE);
    }

    for (int i = 0; i < WRITERS; i++)
        test_thread_join(wt[i]);
    check_results(s);
    assert_int_equal(RtmDeregisterEntity(me), NO_ERROR);
    table_teardown(t);
    test_free(sh);
    test_free(t);
    test_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enumerations_under_churn),
        cmocka_unit_test(test_shared_and_deleted_enumerations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
