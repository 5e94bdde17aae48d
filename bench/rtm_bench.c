/*
 * rtm_bench.c - measures rtm through its public API on a prefix list and,
 * in native builds with DPDK, DPDK's rte_lpm / rte_rib (and their IPv6
 * versions) on the same prefixes and the same random addresses, in the
 * same process. A benchmark, not a test: see docs/benchmarks.md.
 *
 *   rtm_bench [--lookups N] [--lookups6 N] [--ms N] [--no-peers] PREFIXES
 *
 * PREFIXES: one PREFIX/LEN per line, IPv4 and IPv6 (bench/run.sh makes
 * one from the ASN table). --lookups: random IPv4 addresses looked up
 * (default 10 000 000); --lookups6: IPv6 ones (default a quarter of that);
 * --ms: milliseconds per concurrency configuration (default 3000).
 * Prints one line per measurement (format in bench.h); the exit status is
 * nonzero when an API call failed or the cross-check found a mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_rtm.h"

struct options {
    size_t lookups, lookups6;
    unsigned ms;
    int peers;
    const char *path;
};

static int usage(void)
{
    fprintf(stderr, "usage: rtm_bench [--lookups N] [--lookups6 N] [--ms N] [--no-peers] "
                    "PREFIXES\n");
    return 2;
}

static int parse_options(int argc, char **argv, struct options *o)
{
    int lookups6_set = 0;

    o->lookups = 10000000;
    o->ms = 3000;
    o->peers = 1;
    o->path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--no-peers")) {
            o->peers = 0;
        } else if (i + 1 < argc && !strcmp(a, "--lookups")) {
            o->lookups = strtoull(argv[++i], NULL, 10);
        } else if (i + 1 < argc && !strcmp(a, "--lookups6")) {
            o->lookups6 = strtoull(argv[++i], NULL, 10);
            lookups6_set = 1;
        } else if (i + 1 < argc && !strcmp(a, "--ms")) {
            o->ms = (unsigned)strtoul(argv[++i], NULL, 10);
        } else if (a[0] != '-' && !o->path) {
            o->path = a;
        } else {
            return -1;
        }
    }
    if (!lookups6_set)
        o->lookups6 = o->lookups / 4;
    return o->path ? 0 : -1;
}

/* Loads entity e's routes into both tables, reporting the time of each and
 * the memory they took, per destination (e = 0) or per route (e = 1). */
static void load(struct bench_rtm *r, int e)
{
    static const char *const ops[BENCH_ENTITIES][2] = {{"add.v4", "add.v6"},
                                                       {"add.v4.second", "add.v6.second"}};
    static const char *const mem_ops[BENCH_ENTITIES][3] = {
        {"mem.v4", "mem.v6", "mem"}, {"mem.v4.second", "mem.v6.second", "mem.second"}};
    const char *unit = e == 0 ? "dest" : "route";
    struct bench_memory m0, m1, m2;
    double ns;

    bench_memory_begin(&m0);
    bench_rtm_load(r, &r->t4, e, &ns);
    bench_memory_read(&m1);
    bench_report_time("rtm", ops[e][0], r->t4.n, ns);
    bench_rtm_load(r, &r->t6, e, &ns);
    bench_memory_read(&m2);
    bench_report_time("rtm", ops[e][1], r->t6.n, ns);
    bench_report_memory("rtm", mem_ops[e][0], unit, r->t4.n, &m0, &m1);
    bench_report_memory("rtm", mem_ops[e][1], unit, r->t6.n, &m1, &m2);
    bench_report_memory("rtm", mem_ops[e][2], unit, r->t4.n + r->t6.n, &m0, &m2);
}

/* Deletes both entities' routes of table t (the second entity's first). */
static void delete_all(struct bench_rtm *r, struct bench_table *t)
{
    double ns1, ns0;
    char op[32];

    bench_rtm_delete(r, t, 1, &ns1);
    bench_rtm_delete(r, t, 0, &ns0);
    snprintf(op, sizeof op, "delete.%s", t->name);
    bench_report_time("rtm", op, 2 * t->n, ns1 + ns0);
}

/* The peers, when this build has them; returns the cross-check's
 * mismatches plus the peers that failed (0 without peers). */
static long long run_peers(struct bench_rtm *r, const struct options *o, const char *argv0)
{
#ifdef RTM_BENCH_DPDK
    if (o->peers) {
        long long problems = bench_dpdk_run(r->w, argv0, bench_rtm_match4, bench_rtm_match6, r);
        if (problems < 0)
            fprintf(stderr, "rtm_bench: DPDK did not start: no peers measured\n");
        return problems < 0 ? 1 : problems;
    }
#else
    (void)r;
    (void)o;
    (void)argv0;
#endif
    return 0;
}

int main(int argc, char **argv)
{
    struct options o;
    struct bench_workload w;
    struct bench_rtm r;
    long long problems;

    if (parse_options(argc, argv, &o) != 0)
        return usage();
    if (bench_workload_load(&w, o.path, o.lookups, o.lookups6) != 0)
        return 1;
    bench_report("bench", "prefixes.v4", (double)w.n4, "prefixes", "%s", o.path);
    bench_report("bench", "prefixes.v6", (double)w.n6, "prefixes", "%s", o.path);
    if (bench_rtm_open(&r, &w) != 0)
        return 1;

    load(&r, 0);
    load(&r, 1);
    bench_rtm_lookups(&r);
    problems = run_peers(&r, &o, argv[0]);
    bench_rtm_concurrency(&r, o.ms);
    delete_all(&r, &r.t4);
    delete_all(&r, &r.t6);
    bench_rtm_notify(&r);
    bench_rtm_close(&r);

    bench_report("bench", "failures", (double)r.failures, "calls",
                 "RTMv2 calls that failed unexpectedly");
    bench_workload_free(&w);
    return r.failures || problems ? 1 : 0;
}
