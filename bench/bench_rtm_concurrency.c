/*
 * bench_rtm_concurrency.c - longest-match throughput of 1 and 2 look-up
 * threads, each with its own registration, while a writer thread updates
 * 1% of entity 0's IPv4 routes per second (RtmAddRouteToDest by handle,
 * the metric alternating, so every update changes a best route).
 *
 * The threads share only a stop flag; each reads the workload's IPv4
 * addresses from its own starting point and counts its look-ups.
 */
#include <stdatomic.h>
#include <stdio.h>

#include "bench_rtm.h"

#define WRITER_TICK_MS 10

struct reader {
    struct bench_rtm *r;
    RTM_ENTITY_HANDLE reg;
    size_t start;
    atomic_int *stop;
    uint64_t lookups, errors;
    double ns;
};

struct writer {
    struct bench_rtm *r;
    atomic_int *stop;
    size_t next;   /* the next route to update */
    ULONG metric;  /* metrics alternate between this and the next value */
    uint64_t updates;
    double ns;
};

static void reader_main(void *arg)
{
    struct reader *rd = arg;
    const struct bench_workload *w = rd->r->w;
    const struct bench_table *t = &rd->r->t4;
    union bench_dest_info buf;
    size_t i = rd->start;
    double begin = bench_now_ns();

    while (!atomic_load_explicit(rd->stop, memory_order_relaxed)) {
        for (int k = 0; k < 1024; k++) {
            uint8_t bytes[4];
            bench_v4_bytes(w->lookup4[i], bytes);
            rd->errors += bench_rtm_lpm(rd->reg, t, bytes, &buf) < 0;
            if (++i == w->n_lookup4)
                i = 0;
        }
        rd->lookups += 1024;
    }
    rd->ns = bench_now_ns() - begin;
}

static void writer_main(void *arg)
{
    struct writer *wr = arg;
    struct bench_table *t = &wr->r->t4;
    double rate = (double)t->n / 100.0 / 1e9; /* updates per ns */
    double begin = bench_now_ns();

    while (!atomic_load_explicit(wr->stop, memory_order_relaxed)) {
        double due = (bench_now_ns() - begin) * rate;
        while ((double)wr->updates < due) {
            bench_rtm_add(wr->r, t, 0, wr->next, wr->metric + (ULONG)(wr->updates / t->n % 2));
            wr->updates++;
            wr->next = (wr->next + 1) % t->n;
        }
        bench_sleep_ms(WRITER_TICK_MS);
    }
    wr->ns = bench_now_ns() - begin;
}

/* Runs threads readers beside the writer for ms milliseconds; returns the
 * look-ups per second of all readers together. */
static double run(struct bench_rtm *r, int threads, unsigned ms)
{
    struct reader rd[2] = {{0}};
    struct writer wr = {0};
    bench_thread *th[3] = {NULL};
    atomic_int stop;
    double total = 0;
    uint64_t lookups = 0, errors = 0;
    char op[32];

    atomic_init(&stop, 0);
    wr.r = r;
    wr.stop = &stop;
    wr.metric = 2 * (ULONG)threads;
    for (int k = 0; k < threads; k++) {
        rd[k].r = r;
        rd[k].stop = &stop;
        rd[k].start = (size_t)k * r->w->n_lookup4 / 2;
        rd[k].reg = bench_rtm_register(r, &r->t4, 100 + (ULONG)k);
        if (!rd[k].reg)
            return 0;
    }
    th[0] = bench_thread_start(writer_main, &wr);
    for (int k = 0; k < threads; k++)
        th[k + 1] = bench_thread_start(reader_main, &rd[k]);
    bench_sleep_ms(ms);
    atomic_store(&stop, 1);
    for (int k = 0; k <= threads; k++)
        if (th[k])
            bench_thread_join(th[k]);
    for (int k = 0; k < threads; k++) {
        if (!th[k + 1] || rd[k].ns <= 0)
            r->failures++;
        else
            total += (double)rd[k].lookups * 1e9 / rd[k].ns;
        lookups += rd[k].lookups;
        errors += rd[k].errors;
        RtmDeregisterEntity(rd[k].reg);
    }
    r->failures += (unsigned)errors + !th[0];
    snprintf(op, sizeof op, "conc.%dthread%s", threads, threads > 1 ? "s" : "");
    bench_report("rtm", op, total, "lookups/s",
                 "lookups=%llu ms=%u writer_updates=%llu (%.0f/s, 1%% of %zu routes/s)",
                 (unsigned long long)lookups, ms, (unsigned long long)wr.updates,
                 wr.ns > 0 ? (double)wr.updates * 1e9 / wr.ns : 0.0, r->t4.n);
    return total;
}

void bench_rtm_concurrency(struct bench_rtm *r, unsigned ms)
{
    double one, two;

    if (!r->t4.n || !r->w->n_lookup4)
        return;
    one = run(r, 1, ms);
    two = run(r, 2, ms);
    bench_report("rtm", "conc.2/1", one > 0 ? two / one : 0.0, "x",
                 "2 look-up threads' throughput over 1's");
}
