/*
 * bench_dpdk.h - the DPDK peers of rtm_bench (native builds with libdpdk):
 * rte_lpm and rte_rib for IPv4, rte_lpm6 and rte_rib6 for IPv6, each
 * behind the same small set of operations so that one driver
 * (bench_dpdk.c) measures them all the same way.
 *
 * Every structure stores a prefix's index in the workload's list as its
 * next hop, so a look-up answers with the matched prefix.
 */
#ifndef RTM_BENCH_DPDK_H
#define RTM_BENCH_DPDK_H

#include "bench.h"

struct bench_peer {
    const struct bench_peer_ops *ops;
    const struct bench_workload *w;
    void *table; /* the DPDK structure */
};

struct bench_peer_ops {
    const char *impl;   /* "rte_lpm", "rte_rib" (IPv6: rte_lpm6, rte_rib6) */
    int v6;             /* which of the workload's lists and addresses */
    /* Creates the structure sized for the workload; 0 or -1. */
    int (*create)(struct bench_peer *p);
    void (*destroy)(struct bench_peer *p);
    /* Adds prefix index i; 0 or -1. */
    int (*add)(struct bench_peer *p, uint32_t i);
    /* Nonzero when prefix index i is present (exact match). */
    int (*exact)(struct bench_peer *p, uint32_t i);
    /* Deletes prefix index i; 0 or -1. */
    int (*del)(struct bench_peer *p, uint32_t i);
    /* Longest match of look-up address k: the prefix index, or -1. */
    int64_t (*lookup)(struct bench_peer *p, size_t k);
    /* Longest match of every look-up address, as tight as the structure
     * allows (the timed loop); returns the number of hits. */
    size_t (*lookup_all)(struct bench_peer *p);
};

extern const struct bench_peer_ops bench_rte_lpm, bench_rte_rib, bench_rte_lpm6, bench_rte_rib6;

/* The tbl8 groups an rte_lpm (IPv4, levels {24}) or rte_lpm6 (levels 24,
 * 32, ..., 120) needs for the prefixes: at each level, the distinct
 * leading bits of the prefixes longer than it. */
uint32_t bench_tbl8_groups(const struct bench_prefix *list, size_t n, int v6);

#endif
