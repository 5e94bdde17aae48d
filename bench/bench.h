/*
 * bench.h - the shared vocabulary of rtm_bench (a benchmark, not a test):
 * the workload (prefixes and random addresses), the clock, memory probes,
 * threads, and the one output format every measurement uses.
 *
 * Output: one line per measurement, whitespace-separated,
 *     IMPL  OPERATION  VALUE  UNIT  key=value...
 * e.g. "rtm lpm.v4 152.3 ns/op n=10000000 ms=1523.0". bench/run.sh reads
 * the first four columns; the rest is for people.
 */
#ifndef RTM_BENCH_H
#define RTM_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* ---- Workload --------------------------------------------------------- */

/* One prefix: address bytes in network order (IPv4 uses the first 4). */
struct bench_prefix {
    uint8_t addr[16];
    uint8_t len;
};

/* What every implementation is measured on, identical for all of them. */
struct bench_workload {
    struct bench_prefix *v4, *v6; /* the prefix list, in file order */
    size_t n4, n6;
    uint32_t *v4_order, *v6_order; /* a fixed random permutation of each */
    uint32_t *lookup4;             /* random IPv4 addresses (host order) */
    size_t n_lookup4;
    uint8_t (*lookup6)[16];        /* IPv6 addresses: most inside loaded prefixes */
    size_t n_lookup6;
};

/* Reads a prefix list (one PREFIX/LEN per line, IPv4 or IPv6; blank lines
 * and lines starting with '#' skipped) and builds the random parts with a
 * fixed seed. Returns 0, or -1 with a message on stderr. */
int bench_workload_load(struct bench_workload *w, const char *path, size_t n_lookup4,
                        size_t n_lookup6);
void bench_workload_free(struct bench_workload *w);

/* An IPv4 prefix's address as a host-order integer. */
uint32_t bench_prefix_v4(const struct bench_prefix *p);

/* The 4 bytes (network order) of a host-order IPv4 address. */
void bench_v4_bytes(uint32_t a, uint8_t *out);

/* The deterministic generator (xorshift64*) all random choices use. */
uint64_t bench_random(uint64_t *state);

/* ---- Clock, threads ---------------------------------------------------- */

/* A monotonic clock in nanoseconds. */
double bench_now_ns(void);
void bench_sleep_ms(unsigned ms);

typedef void (*bench_thread_fn)(void *arg);
typedef struct bench_thread bench_thread;
/* Starts fn(arg) in a new thread; NULL on failure. */
bench_thread *bench_thread_start(bench_thread_fn fn, void *arg);
void bench_thread_join(bench_thread *t);

/* ---- Memory ------------------------------------------------------------ */

/* The process's memory: peak resident (VmHWM; Windows: PeakWorkingSetSize)
 * and current (VmRSS; Windows: PagefileUsage, the private commit), bytes. */
struct bench_memory {
    uint64_t peak, current;
};

/* Reads the process's memory now. */
void bench_memory_read(struct bench_memory *m);
/* Starts a measurement: resets the peak to the current size where the
 * system allows it (Linux), then reads. */
void bench_memory_begin(struct bench_memory *m);

/* ---- Output ------------------------------------------------------------ */

/* "IMPL OP ns ns/op n=COUNT ms=TOTAL" for count operations in ns. */
void bench_report_time(const char *impl, const char *op, size_t count, double ns);
/* "IMPL OP bytes/UNIT B/UNIT n=COUNT peak=... current=..." from the memory
 * before and after something that created count units. */
void bench_report_memory(const char *impl, const char *op, const char *unit, size_t count,
                         const struct bench_memory *before, const struct bench_memory *after);
/* Any other line: "IMPL OP VALUE UNIT" followed by free text. */
void bench_report(const char *impl, const char *op, double value, const char *unit,
                  const char *fmt, ...);

/* ---- Peers (bench_dpdk.c, native builds with DPDK only) ---------------- */

/* rtm's answer for the cross-check: the longest loaded prefix covering
 * an address (IPv4 host order, or 16 IPv6 bytes), as its address bytes and
 * length; returns 0 when none covers it. */
typedef int (*bench_match_fn)(void *ctx, const uint8_t *addr, uint8_t *prefix, uint8_t *len);

/* Runs DPDK's rte_lpm, rte_rib, rte_lpm6 and rte_rib6 on the workload and
 * cross-checks every looked-up address against match4 / match6 (ctx).
 * Returns the mismatches plus the structures that could not be built, or
 * -1 when DPDK could not start. Defined only
 * when RTM_BENCH_DPDK is. */
long long bench_dpdk_run(const struct bench_workload *w, const char *argv0, bench_match_fn match4,
                         bench_match_fn match6, void *ctx);

#endif
