/*
 * bench_rtm_lookup.c - look-ups in rtm's tables: longest match
 * (RtmGetMostSpecificDestination + RtmReleaseDestInfo, unicast view) of the
 * workload's random addresses, exact match (RtmGetExactMatchDestination +
 * RtmReleaseDestInfo) of every loaded prefix in random order, and the
 * answers the DPDK cross-check compares with rte_lpm's.
 */
#include <stdio.h>
#include <string.h>

#include "bench_rtm.h"

int bench_rtm_lpm(RTM_ENTITY_HANDLE reg, const struct bench_table *t, const uint8_t *addr,
                  union bench_dest_info *out)
{
    RTM_NET_ADDRESS a;
    DWORD status;

    a.AddressFamily = t->family;
    a.NumBits = t->family == AF_INET ? 32 : 128;
    memcpy(a.AddrBits, addr, t->family == AF_INET ? 4 : 16);
    if (t->family == AF_INET)
        memset(a.AddrBits + 4, 0, sizeof a.AddrBits - 4);
    status = RtmGetMostSpecificDestination(reg, &a, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                           &out->info);
    if (status != NO_ERROR)
        return status == ERROR_NOT_FOUND ? 0 : -1;
    RtmReleaseDestInfo(reg, &out->info);
    return 1;
}

/* Longest match of n addresses (IPv4 from lookup4, else IPv6 from
 * lookup6), timed. */
static void longest_match(struct bench_rtm *r, const struct bench_table *t)
{
    const struct bench_workload *w = r->w;
    size_t n = t->family == AF_INET ? w->n_lookup4 : w->n_lookup6;
    size_t hits = 0, errors = 0;
    union bench_dest_info buf;
    char op[32];
    double start = bench_now_ns(), ns;

    for (size_t i = 0; i < n; i++) {
        uint8_t v4[4];
        const uint8_t *addr = v4;
        int found;

        if (t->family == AF_INET)
            bench_v4_bytes(w->lookup4[i], v4);
        else
            addr = w->lookup6[i];
        found = bench_rtm_lpm(t->reg[0], t, addr, &buf);
        hits += found > 0;
        errors += found < 0;
    }
    ns = bench_now_ns() - start;
    snprintf(op, sizeof op, "lpm.%s", t->name);
    bench_report_time("rtm", op, n, ns);
    snprintf(op, sizeof op, "lpm.%s.hits", t->name);
    bench_report("rtm", op, n ? 100.0 * (double)hits / (double)n : 0.0, "%", "hits=%zu",
                 hits);
    r->failures += (unsigned)errors;
}

/* Exact match of every loaded prefix, in the workload's random order. */
static void exact_match(struct bench_rtm *r, const struct bench_table *t, const uint32_t *order)
{
    union bench_dest_info buf;
    size_t missing = 0;
    char op[32];
    double start = bench_now_ns(), ns;

    for (size_t k = 0; k < t->n; k++) {
        RTM_NET_ADDRESS a = bench_rtm_address(t, &t->prefixes[order[k]]);
        if (RtmGetExactMatchDestination(t->reg[0], &a, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST,
                                        &buf.info) == NO_ERROR)
            RtmReleaseDestInfo(t->reg[0], &buf.info);
        else
            missing++;
    }
    ns = bench_now_ns() - start;
    snprintf(op, sizeof op, "exact.%s", t->name);
    bench_report_time("rtm", op, t->n, ns);
    if (missing) {
        fprintf(stderr, "rtm_bench: %zu loaded %s prefixes not found\n", missing, t->name);
        r->failures++;
    }
}

void bench_rtm_lookups(struct bench_rtm *r)
{
    longest_match(r, &r->t4);
    longest_match(r, &r->t6);
    exact_match(r, &r->t4, r->w->v4_order);
    exact_match(r, &r->t6, r->w->v6_order);
}

/* The cross-check's answer in table t. */
static int match_in(const struct bench_table *t, const uint8_t *addr, uint8_t *prefix,
                    uint8_t *len)
{
    union bench_dest_info buf;

    if (bench_rtm_lpm(t->reg[0], t, addr, &buf) <= 0)
        return 0;
    memcpy(prefix, buf.info.DestAddress.AddrBits, t->family == AF_INET ? 4 : 16);
    *len = (uint8_t)buf.info.DestAddress.NumBits;
    return 1;
}

int bench_rtm_match4(void *ctx, const uint8_t *addr, uint8_t *prefix, uint8_t *len)
{
    return match_in(&((struct bench_rtm *)ctx)->t4, addr, prefix, len);
}

int bench_rtm_match6(void *ctx, const uint8_t *addr, uint8_t *prefix, uint8_t *len)
{
    return match_in(&((struct bench_rtm *)ctx)->t6, addr, prefix, len);
}
