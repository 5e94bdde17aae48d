/*
 * bench_dpdk.c - starts DPDK's EAL without huge pages or devices and
 * measures each peer (bench_dpdk.h) the way rtm is measured: insert every
 * prefix, longest match of the workload's addresses, exact match in random
 * order, delete every prefix; memory as DPDK's heap reports it (the
 * structure as configured) and as the process's peak. The longest matches
 * of rte_lpm and rte_lpm6 are cross-checked against rtm's.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "bench_dpdk.h"

static const struct bench_prefix *sort_list;

static int compare_addr(const void *a, const void *b)
{
    return memcmp(sort_list[*(const uint32_t *)a].addr, sort_list[*(const uint32_t *)b].addr, 16);
}

/* Nonzero when a and b differ in their first bits bits. */
static int differ(const uint8_t *a, const uint8_t *b, int bits)
{
    return memcmp(a, b, (size_t)bits / 8) != 0;
}

uint32_t bench_tbl8_groups(const struct bench_prefix *list, size_t n, int v6)
{
    uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);
    uint32_t groups = 0;

    if (!idx)
        return 1u << 16;
    for (size_t i = 0; i < n; i++)
        idx[i] = (uint32_t)i;
    sort_list = list;
    qsort(idx, n, sizeof *idx, compare_addr);
    for (int level = 24; level < (v6 ? 128 : 32); level += 8) {
        const uint8_t *last = NULL;
        for (size_t k = 0; k < n; k++) {
            const struct bench_prefix *p = &list[idx[k]];
            if (p->len <= level)
                continue;
            if (!last || differ(last, p->addr, level))
                groups++;
            last = p->addr;
        }
    }
    free(idx);
    return groups;
}

/* Starts the EAL: no huge pages, no PCI, no telemetry, one lcore. The EAL
 * pins the calling thread to its lcore's CPU; the thread's CPU set is put
 * back so that rtm's threads, started later from it, may use every CPU. */
static int start_eal(const char *argv0)
{
    char *args[] = {(char *)argv0, "--no-huge", "--no-pci", "--no-telemetry", "-l", "0",
                    "-m", "1536", "--log-level", "lib.eal:error", "--no-shconf", NULL};
    cpu_set_t cpus;
    int have_cpus = pthread_getaffinity_np(pthread_self(), sizeof cpus, &cpus) == 0;
    int started = rte_eal_init((int)(sizeof args / sizeof args[0]) - 1, args) >= 0;

    if (have_cpus)
        pthread_setaffinity_np(pthread_self(), sizeof cpus, &cpus);
    return started ? 0 : -1;
}

/* Bytes allocated on DPDK's heap. */
static double heap_bytes(void)
{
    struct rte_malloc_socket_stats s;
    double total = 0;

    for (unsigned i = 0; i < rte_socket_count(); i++)
        if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &s) == 0)
            total += (double)s.heap_allocsz_bytes;
    return total;
}

/* Runs op(p, i) on every prefix index in order (NULL: 0, 1, ...), timed;
 * returns how many failed. */
static size_t timed(struct bench_peer *p, int (*op)(struct bench_peer *, uint32_t), int want,
                    const uint32_t *order, size_t n, const char *name)
{
    char full[32];
    size_t failed = 0;
    double start = bench_now_ns();

    for (size_t k = 0; k < n; k++)
        failed += (op(p, order ? order[k] : (uint32_t)k) == want) == 0;
    snprintf(full, sizeof full, "%s.%s", name, p->ops->v6 ? "v6" : "v4");
    bench_report_time(p->ops->impl, full, n, bench_now_ns() - start);
    return failed;
}

/* Compares rtm's answer (match) with the peer's for every look-up
 * address (a default route is no answer: an LPM cannot hold one); returns
 * the mismatches. */
static long long cross_check(struct bench_peer *p, bench_match_fn match, void *ctx)
{
    const struct bench_workload *w = p->w;
    size_t n = p->ops->v6 ? w->n_lookup6 : w->n_lookup4;
    size_t width = p->ops->v6 ? 16 : 4;
    long long mismatches = 0;

    for (size_t k = 0; k < n; k++) {
        uint8_t v4[4], got[16] = {0}, len = 0;
        const uint8_t *addr = v4;
        int64_t want = p->ops->lookup(p, k);
        int found;

        if (p->ops->v6)
            addr = w->lookup6[k];
        else
            bench_v4_bytes(w->lookup4[k], v4);
        found = match(ctx, addr, got, &len) && len > 0;
        if (want < 0 ? found
                     : !found || len != (p->ops->v6 ? w->v6 : w->v4)[want].len ||
                           memcmp(got, (p->ops->v6 ? w->v6 : w->v4)[want].addr, width) != 0)
            mismatches++;
    }
    bench_report("check", p->ops->v6 ? "lpm.v6" : "lpm.v4", (double)mismatches, "mismatches",
                 "rtm's longest match vs %s%s for %zu addresses (must be 0)", p->ops->impl,
                 p->ops->v6 ? "6" : "", n);
    return mismatches;
}

/* Measures peer p (its ops and workload set); returns the cross-check's
 * mismatches (match may be NULL: no cross-check), or 1 when the structure
 * could not be built. The structure stays (empty) until
 * destroyed by the caller, so that each peer's memory is fresh: DPDK keeps
 * the pages of a freed structure for the next, which would then cost
 * nothing in the process's peak. */
static long long run_peer(struct bench_peer *p, bench_match_fn match, void *ctx)
{
    const struct bench_peer_ops *ops = p->ops;
    const struct bench_workload *w = p->w;
    const char *family = ops->v6 ? "v6" : "v4";
    size_t n = ops->v6 ? w->n6 : w->n4, lookups = ops->v6 ? w->n_lookup6 : w->n_lookup4;
    struct bench_memory m0, m1;
    double heap0, start, ns;
    long long mismatches = 0;
    size_t failed, hits;
    char op[32];

    bench_memory_begin(&m0);
    heap0 = heap_bytes();
    if (ops->create(p) != 0) {
        fprintf(stderr, "rtm_bench: %s (%s) could not be created\n", ops->impl, family);
        p->table = NULL;
        return 1;
    }
    failed = timed(p, ops->add, 0, NULL, n, "add");
    bench_memory_read(&m1);
    snprintf(op, sizeof op, "mem.%s", family);
    bench_report_memory(ops->impl, op, "dest", n, &m0, &m1);
    snprintf(op, sizeof op, "heap.%s", family);
    bench_report(ops->impl, op, n ? (heap_bytes() - heap0) / (double)n : 0.0, "B/dest",
                 "DPDK heap as configured: %.1fMiB", (heap_bytes() - heap0) / 1048576.0);

    start = bench_now_ns();
    hits = ops->lookup_all(p);
    ns = bench_now_ns() - start;
    snprintf(op, sizeof op, "lpm.%s", family);
    bench_report_time(ops->impl, op, lookups, ns);
    snprintf(op, sizeof op, "lpm.%s.hits", family);
    bench_report(ops->impl, op, lookups ? 100.0 * (double)hits / (double)lookups : 0.0, "%",
                 "hits=%zu", hits);

    failed += timed(p, ops->exact, 1, ops->v6 ? w->v6_order : w->v4_order, n, "exact");
    if (match)
        mismatches = cross_check(p, match, ctx);
    failed += timed(p, ops->del, 0, NULL, n, "delete");
    if (failed)
        fprintf(stderr, "rtm_bench: %zu %s (%s) operations failed\n", failed, ops->impl, family);
    return mismatches;
}

long long bench_dpdk_run(const struct bench_workload *w, const char *argv0, bench_match_fn match4,
                         bench_match_fn match6, void *ctx)
{
    struct bench_peer peers[] = {
        {&bench_rte_lpm, w, NULL}, {&bench_rte_rib, w, NULL},
        {&bench_rte_lpm6, w, NULL}, {&bench_rte_rib6, w, NULL},
    };
    bench_match_fn match[] = {match4, NULL, match6, NULL};
    long long problems = 0;

    if (start_eal(argv0) != 0)
        return -1;
    for (size_t i = 0; i < sizeof peers / sizeof peers[0]; i++)
        problems += run_peer(&peers[i], match[i], ctx);
    for (size_t i = 0; i < sizeof peers / sizeof peers[0]; i++)
        if (peers[i].table)
            peers[i].ops->destroy(&peers[i]);
    rte_eal_cleanup();
    return problems;
}
