/*
 * test_notify_concurrency.c - change notification while routes change in
 * other threads, through the public API.
 *
 * One IPv4 table with a few prefixes: writer threads, one entity each, add,
 * update (by RtmAddRouteToDest, and in place by RtmLockRoute and
 * RtmUpdateAndUnlockRoute) and delete their routes to the prefixes; a
 * reader thread reads the changes of a RTM_CHANGE_TYPE_ALL registration
 * (RtmGetChangedDests, RtmReleaseChangedDests) and remembers the last state
 * it saw of each prefix, while its entity's event callback counts the
 * RTM_CHANGE_NOTIFICATION events; a marker thread keeps registering for
 * changes of marked destinations, marking, ignoring and reading them, and
 * deregistering, so that registrations end while changes are recorded.
 *
 * When the writers have stopped, one last read must return each
 * destination that changed since it was last read exactly once, and then
 * the reader's last state of every prefix must be the table's
 * (RtmGetExactMatchDestination). Threads never assert: they count
 * anomalies, which the main thread checks after joining them. The run is
 * bounded by step counts and a time limit; built with ThreadSanitizer (the
 * tsan variant) it is also a race detector run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_test.h"

#define INSTANCE 4500
#define PROTO_READER 8
#define PROTO_WRITER 13
#define PROTO_MARKER 14

#define PREFIXES 8
#define WRITERS 3
#define READ_BATCH 4
/* Most destinations the last reads may return (each destination of the
 * table, and deleted ones the reader has not read yet). */
#define FINAL_MAX 4096
/* Each writer runs at least MIN_STEPS steps and MIN_TIME_MS, at most
 * MAX_STEPS steps and TIME_LIMIT_MS. */
#define MIN_STEPS 500
#define MAX_STEPS 100000
#define MIN_TIME_MS 200
#define TIME_LIMIT_MS 1500
/* The marker's registration ends and a new one begins every so many
 * steps. */
#define MARKER_ROUND 20

struct shared {
    RTM_ENTITY_HANDLE reader;
    RTM_NOTIFY_HANDLE notify;   /* the reader's registration (ALL, unicast) */
    int writers_done;           /* atomics from here */
    int anomalies;
    int first_anomaly_line;
    int events, steps, reads, marker_rounds;
    /* The reader's last state of each prefix (the reader's own, then the
     * main thread's after joining it). */
    struct test_dest_state seen[PREFIXES];
};

struct writer {
    struct shared *s;
    RTM_ENTITY_HANDLE reg;
    RTM_NEXTHOP_HANDLE nexthops[2];
    RTM_ROUTE_HANDLE routes[PREFIXES]; /* its route to each prefix, or NULL */
    uint64_t seed;
};

static void anomaly(struct shared *s, int line)
{
    int none = 0;
    __atomic_compare_exchange_n(&s->first_anomaly_line, &none, line, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    test_counter_add(&s->anomalies, 1);
}

/* A thread's check: counts an anomaly instead of asserting. */
#define CHECK(s, cond)              \
    do {                            \
        if (!(cond))                \
            anomaly((s), __LINE__); \
    } while (0)

static RTM_NET_ADDRESS prefix(unsigned k)
{
    return k < PREFIXES / 2 ? test_ipv4(10, k, 0, 0, 16) : test_ipv4(10, 0, k, 0, 24);
}

/* The index of a prefix, or -1. */
static int prefix_index(const RTM_NET_ADDRESS *addr)
{
    for (unsigned k = 0; k < PREFIXES; k++) {
        RTM_NET_ADDRESS p = prefix(k);
        if (test_same_prefix(addr, &p))
            return (int)k;
    }
    return -1;
}

/* ---- writers ---------------------------------------------------------------- */

/* Adds the writer's route to prefix k, or updates it, with random values. */
static void write_route(struct writer *w, RTM_ROUTE_INFO *info, unsigned k, struct test_rng *r)
{
    RTM_NET_ADDRESS p = prefix(k);
    RTM_ROUTE_HANDLE handle = w->routes[k];
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    DWORD status;

    *info = test_route(w->nexthops[0], 10 + 10 * test_rng_below(r, 2), 1 + test_rng_below(r, 50),
                       RTM_VIEW_MASK_UCAST);
    info->Flags = test_rng_below(r, 4) ? 0 : RTM_ROUTE_FLAGS_LOCAL;
    info->NextHopsList.NextHops[0] = w->nexthops[test_rng_below(r, 2)];
    if (test_rng_below(r, 2)) {
        info->NextHopsList.NumNextHops = 2;
        info->NextHopsList.NextHops[1] = w->nexthops[0] == info->NextHopsList.NextHops[0]
                                             ? w->nexthops[1]
                                             : w->nexthops[0];
    }
    status = RtmAddRouteToDest(w->reg, &handle, &p, info, INFINITE, NULL, 0, NULL, &flags);
    CHECK(w->s, status == NO_ERROR);
    CHECK(w->s, handle != NULL);
    CHECK(w->s, (w->routes[k] == NULL) == ((flags & RTM_ROUTE_CHANGE_NEW) != 0));
    if (status == NO_ERROR)
        w->routes[k] = handle;
}

/* Changes the metric of the writer's route to prefix k in place. */
static void edit_route(struct writer *w, unsigned k, struct test_rng *r)
{
    PRTM_ROUTE_INFO pointer = NULL;
    DWORD status = RtmLockRoute(w->reg, w->routes[k], TRUE, TRUE, &pointer);

    CHECK(w->s, status == NO_ERROR);
    if (status != NO_ERROR)
        return;
    pointer->PrefInfo.Metric = 1 + test_rng_below(r, 50);
    CHECK(w->s, RtmUpdateAndUnlockRoute(w->reg, w->routes[k], INFINITE, NULL, 0, NULL, NULL) ==
                    NO_ERROR);
}

static void writer_main(void *arg)
{
    struct writer *w = arg;
    struct shared *s = w->s;
    struct test_rng r = { w->seed };
    /* Room for two next hops (RTM_SIZE_OF_ROUTE_INFO(n) has room for n - 1). */
    RTM_ROUTE_INFO *info = malloc(RTM_SIZE_OF_ROUTE_INFO(3));
    unsigned long long start = test_now_ms();
    int steps = 0;

    CHECK(s, info != NULL);
    while (info && steps < MAX_STEPS) {
        unsigned long long elapsed = test_now_ms() - start;
        unsigned k = test_rng_below(&r, PREFIXES), op = test_rng_below(&r, 8);
        if (elapsed >= TIME_LIMIT_MS || (steps >= MIN_STEPS && elapsed >= MIN_TIME_MS))
            break;
        if (!w->routes[k] || op < 4) {
            write_route(w, info, k, &r);
        } else if (op < 6) {
            edit_route(w, k, &r);
        } else {
            CHECK(s, RtmDeleteRouteToDest(w->reg, w->routes[k], NULL) == NO_ERROR);
            w->routes[k] = NULL;
        }
        steps++;
    }
    free(info);
    test_counter_add(&s->steps, steps);
    test_counter_add(&s->writers_done, 1);
}

/* ---- the reader ------------------------------------------------------------- */

/* Remembers n states read, in order (a later one of a prefix is newer). */
static void remember(struct shared *s, const struct test_dest_state *states, UINT n)
{
    for (UINT i = 0; i < n; i++) {
        int k = prefix_index(&states[i].addr);
        CHECK(s, k >= 0);
        if (k >= 0)
            s->seen[k] = states[i];
    }
    test_counter_add(&s->reads, (int)n);
}

static void reader_main(void *arg)
{
    struct shared *s = arg;
    struct test_dest_state states[READ_BATCH];

    while (test_counter_get(&s->writers_done) < WRITERS) {
        UINT n = 0;
        DWORD status = test_read_changes(s->reader, s->notify, READ_BATCH, states, &n);
        CHECK(s, status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        remember(s, states, n);
        if (status != NO_ERROR)
            test_sleep_ms(1);
    }
}

static DWORD WINAPI reader_callback(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID context1,
                                    PVOID context2)
{
    struct shared *s = context2;

    if (type == RTM_CHANGE_NOTIFICATION) {
        CHECK(s, reg == s->reader);
        CHECK(s, context1 == s->notify);
        test_counter_add(&s->events, 1);
    }
    return NO_ERROR;
}

/* ---- the marker ------------------------------------------------------------- */

struct marker {
    struct shared *s;
    RTM_ENTITY_HANDLE reg;
    uint64_t seed;
};

/* One step on prefix k: marks or unmarks its destination (if it exists),
 * checks the mark, ignores or checks its pending change. */
static void marker_step(struct marker *m, RTM_NOTIFY_HANDLE n, unsigned k, struct test_rng *r)
{
    struct shared *s = m->s;
    RTM_DEST_INFO *info = malloc(RTM_SIZE_OF_DEST_INFO(TEST_NUM_VIEWS));
    RTM_NET_ADDRESS p = prefix(k);
    BOOL flag = 77;
    DWORD status;

    CHECK(s, info != NULL);
    if (!info)
        return;
    status = RtmGetExactMatchDestination(m->reg, &p, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, info);
    CHECK(s, status == NO_ERROR || status == ERROR_NOT_FOUND);
    if (status == NO_ERROR) {
        RTM_DEST_HANDLE d = info->DestHandle;
        BOOL mark = test_rng_below(r, 3) != 0;
        CHECK(s, RtmMarkDestForChangeNotification(m->reg, n, d, mark) == NO_ERROR);
        CHECK(s, RtmIsMarkedForChangeNotification(m->reg, n, d, &flag) == NO_ERROR);
        /* (Marked unless its last route went meanwhile.) */
        CHECK(s, mark ? flag == TRUE || flag == FALSE : flag == FALSE);
        if (test_rng_below(r, 2))
            CHECK(s, RtmIgnoreChangedDests(m->reg, n, 1, &d) == NO_ERROR);
        else
            CHECK(s, RtmGetChangeStatus(m->reg, n, d, &flag) == NO_ERROR);
        CHECK(s, RtmReleaseDestInfo(m->reg, info) == NO_ERROR);
    }
    free(info);
}

static void marker_main(void *arg)
{
    struct marker *m = arg;
    struct shared *s = m->s;
    struct test_rng r = { m->seed };

    while (test_counter_get(&s->writers_done) < WRITERS) {
        RTM_NOTIFY_HANDLE n = NULL;
        UINT count = 0;
        CHECK(s, RtmRegisterForChangeNotification(m->reg, RTM_VIEW_MASK_UCAST,
                                                  RTM_CHANGE_TYPE_BEST |
                                                      RTM_NOTIFY_ONLY_MARKED_DESTS,
                                                  NULL, &n) == NO_ERROR);
        for (int i = 0; n && i < MARKER_ROUND; i++) {
            marker_step(m, n, test_rng_below(&r, PREFIXES), &r);
            if (i % 4 == 3)
                CHECK(s, test_drain_changes(m->reg, n, 2, NULL, 0, &count) == NO_ERROR);
        }
        /* Ended with changes and marks left. */
        if (n)
            CHECK(s, RtmDeregisterFromChangeNotification(m->reg, n) == NO_ERROR);
        test_counter_add(&s->marker_rounds, 1);
    }
}

/* ---- the test --------------------------------------------------------------- */

/* The last read, once the writers have stopped: each destination with an
 * unread change comes exactly once. A prefix may come more than once: as
 * destinations that were deleted (with no routes), then as the one it has
 * now. Updates the reader's states. */
static void final_read(struct shared *s)
{
    static RTM_DEST_HANDLE dests[FINAL_MAX];
    struct test_dest_state states[READ_BATCH];
    int in_final[PREFIXES] = { 0 };
    UINT count = 0;
    DWORD status;

    do {
        UINT n = 0;
        status = test_read_changes(s->reader, s->notify, READ_BATCH, states, &n);
        assert_true(status == NO_ERROR || status == ERROR_NO_MORE_ITEMS);
        for (UINT i = 0; i < n; i++) {
            int k = prefix_index(&states[i].addr);
            assert_true(k >= 0);
            if (in_final[k])
                assert_int_equal(s->seen[k].routes, 0);
            for (UINT j = 0; j < count; j++)
                assert_ptr_not_equal(dests[j], states[i].dest);
            assert_true(count < FINAL_MAX);
            dests[count++] = states[i].dest;
            s->seen[k] = states[i];
            in_final[k] = 1;
        }
    } while (status == NO_ERROR);
}

static void test_notify_under_concurrent_changes(void **state)
{
    (void)state;
    static struct shared s;
    struct writer writers[WRITERS];
    struct marker marker;
    test_thread writer_threads[WRITERS], reader_thread, marker_thread;
    struct test_dest_state last[PREFIXES];
    UINT count = 0, existing = 0;

    memset(&s, 0, sizeof s);
    for (unsigned k = 0; k < PREFIXES; k++)
        s.seen[k].addr = prefix(k); /* no routes */
    s.reader = test_register_with(INSTANCE, AF_INET, PROTO_READER, 1, NULL, reader_callback, FALSE, NULL);
    assert_int_equal(RtmRegisterForChangeNotification(s.reader, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, &s, &s.notify),
                     NO_ERROR);
    for (int i = 0; i < WRITERS; i++) {
        memset(&writers[i], 0, sizeof writers[i]);
        writers[i].s = &s;
        writers[i].seed = 1000 + (uint64_t)i;
        writers[i].reg = test_register(INSTANCE, AF_INET, PROTO_WRITER, (ULONG)i, FALSE);
        for (int j = 0; j < 2; j++)
            writers[i].nexthops[j] =
                test_add_nexthop(writers[i].reg, test_ipv4(192, 168, i, j + 1, 32), (ULONG)j);
    }
    marker.s = &s;
    marker.seed = 77;
    marker.reg = test_register(INSTANCE, AF_INET, PROTO_MARKER, 1, FALSE);

    test_thread_start(&reader_thread, reader_main, &s);
    test_thread_start(&marker_thread, marker_main, &marker);
    for (int i = 0; i < WRITERS; i++)
        test_thread_start(&writer_threads[i], writer_main, &writers[i]);
    for (int i = 0; i < WRITERS; i++)
        test_thread_join(writer_threads[i]);
    test_thread_join(reader_thread);
    test_thread_join(marker_thread);
    if (test_counter_get(&s.anomalies))
        print_message("first anomaly at line %d\n", s.first_anomaly_line);
    assert_int_equal(test_counter_get(&s.anomalies), 0);
    assert_true(test_counter_get(&s.steps) >= WRITERS * 10);
    assert_true(test_counter_get(&s.events) >= 1);
    assert_true(test_counter_get(&s.marker_rounds) >= 1);

    final_read(&s);

    /* The reader now knows the table as it is. */
    for (unsigned k = 0; k < PREFIXES; k++) {
        struct test_dest_state now;
        assert_int_equal(test_exact_state(s.reader, prefix(k), &now), NO_ERROR);
        existing += now.routes > 0;
        if (!test_same_state(&s.seen[k], &now))
            print_message("prefix %u: seen %lu routes, best %p metric %lu; table %lu, %p, %lu\n",
                          k, (unsigned long)s.seen[k].routes, s.seen[k].best,
                          (unsigned long)s.seen[k].metric, (unsigned long)now.routes, now.best,
                          (unsigned long)now.metric);
        assert_true(test_same_state(&s.seen[k], &now));
    }
    assert_int_equal(test_drain_changes(s.reader, s.notify, READ_BATCH, NULL, 0, &count), NO_ERROR);
    assert_int_equal(count, 0);
    print_message("%d writer steps, %d destinations read, %d events, %d marker rounds\n",
                  test_counter_get(&s.steps), test_counter_get(&s.reads),
                  test_counter_get(&s.events), test_counter_get(&s.marker_rounds));

    for (int i = 0; i < WRITERS; i++) {
        for (unsigned k = 0; k < PREFIXES; k++)
            if (writers[i].routes[k])
                assert_int_equal(RtmReleaseRoutes(writers[i].reg, 1, &writers[i].routes[k]),
                                 NO_ERROR);
        assert_int_equal(RtmReleaseNextHops(writers[i].reg, 2, writers[i].nexthops), NO_ERROR);
        assert_int_equal(RtmDeregisterEntity(writers[i].reg), NO_ERROR);
    }
    assert_int_equal(RtmDeregisterEntity(marker.reg), NO_ERROR);
    /* Every destination went with the writers: the reader sees them go. */
    assert_int_equal(test_drain_changes(s.reader, s.notify, READ_BATCH, last, PREFIXES, &count),
                     NO_ERROR);
    assert_int_equal(count, existing);
    for (UINT i = 0; i < count; i++)
        assert_int_equal(last[i].routes, 0);
    assert_int_equal(RtmDeregisterEntity(s.reader), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notify_under_concurrent_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
