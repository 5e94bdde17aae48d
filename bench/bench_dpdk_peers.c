/*
 * bench_dpdk_peers.c - rte_lpm, rte_rib, rte_lpm6 and rte_rib6 behind the
 * operations of bench_dpdk.h.
 *
 * Sizes: an LPM gets room for every prefix and exactly the tbl8 groups the
 * prefixes need (bench_tbl8_groups) plus an eighth; a RIB gets 2n nodes
 * (a trie of n prefixes has fewer than 2n nodes with its branch nodes).
 *
 * An LPM holds prefixes of length 1 and more: a default route (length 0)
 * is not added to it (and counts as present); a look-up that finds nothing
 * then stands for the default route, and the cross-check takes a length-0
 * answer of rtm as equal to an LPM miss.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_lpm.h>
#include <rte_lpm6.h>
#include <rte_memory.h>
#include <rte_rib.h>
#include <rte_rib6.h>

#include "bench_dpdk.h"

static const struct bench_prefix *prefix(const struct bench_peer *p, uint32_t i)
{
    return p->ops->v6 ? &p->w->v6[i] : &p->w->v4[i];
}

static uint32_t v4(const struct bench_peer *p, uint32_t i)
{
    return bench_prefix_v4(prefix(p, i));
}

static size_t count(const struct bench_peer *p)
{
    return p->ops->v6 ? p->w->n6 : p->w->n4;
}

static uint32_t tbl8s(const struct bench_peer *p)
{
    uint32_t need = bench_tbl8_groups(p->ops->v6 ? p->w->v6 : p->w->v4, count(p), p->ops->v6);
    return need + need / 8 + 64;
}

/* ---- rte_lpm ----------------------------------------------------------- */

static int lpm_create(struct bench_peer *p)
{
    struct rte_lpm_config c = {.max_rules = (uint32_t)count(p) + 1, .number_tbl8s = tbl8s(p)};
    p->table = rte_lpm_create("bench_lpm", SOCKET_ID_ANY, &c);
    return p->table ? 0 : -1;
}

static void lpm_destroy(struct bench_peer *p)
{
    rte_lpm_free(p->table);
}

static int lpm_add(struct bench_peer *p, uint32_t i)
{
    if (!prefix(p, i)->len)
        return 0;
    return rte_lpm_add(p->table, v4(p, i), prefix(p, i)->len, i);
}

static int lpm_exact(struct bench_peer *p, uint32_t i)
{
    uint32_t nh;
    if (!prefix(p, i)->len)
        return 1;
    return rte_lpm_is_rule_present(p->table, v4(p, i), prefix(p, i)->len, &nh) == 1;
}

static int lpm_del(struct bench_peer *p, uint32_t i)
{
    if (!prefix(p, i)->len)
        return 0;
    return rte_lpm_delete(p->table, v4(p, i), prefix(p, i)->len);
}

static int64_t lpm_lookup(struct bench_peer *p, size_t k)
{
    uint32_t nh;
    return rte_lpm_lookup(p->table, p->w->lookup4[k], &nh) == 0 ? (int64_t)nh : -1;
}

static size_t lpm_lookup_all(struct bench_peer *p)
{
    const struct rte_lpm *lpm = p->table;
    const uint32_t *addr = p->w->lookup4;
    size_t hits = 0;

    for (size_t k = 0; k < p->w->n_lookup4; k++) {
        uint32_t nh;
        hits += rte_lpm_lookup(lpm, addr[k], &nh) == 0;
    }
    return hits;
}

const struct bench_peer_ops bench_rte_lpm = {
    "rte_lpm", 0, lpm_create, lpm_destroy, lpm_add, lpm_exact, lpm_del, lpm_lookup, lpm_lookup_all,
};

/* ---- rte_rib ----------------------------------------------------------- */

static int rib_create(struct bench_peer *p)
{
    struct rte_rib_conf c = {.ext_sz = 0, .max_nodes = (int)(2 * count(p) + 16)};
    p->table = rte_rib_create("bench_rib", SOCKET_ID_ANY, &c);
    return p->table ? 0 : -1;
}

static void rib_destroy(struct bench_peer *p)
{
    rte_rib_free(p->table);
}

static int rib_add(struct bench_peer *p, uint32_t i)
{
    struct rte_rib_node *node = rte_rib_insert(p->table, v4(p, i), prefix(p, i)->len);
    return node ? rte_rib_set_nh(node, i) : -1;
}

static int rib_exact(struct bench_peer *p, uint32_t i)
{
    return rte_rib_lookup_exact(p->table, v4(p, i), prefix(p, i)->len) != NULL;
}

static int rib_del(struct bench_peer *p, uint32_t i)
{
    rte_rib_remove(p->table, v4(p, i), prefix(p, i)->len);
    return 0;
}

static int64_t rib_lookup(struct bench_peer *p, size_t k)
{
    struct rte_rib_node *node = rte_rib_lookup(p->table, p->w->lookup4[k]);
    uint64_t nh;
    return node && rte_rib_get_nh(node, &nh) == 0 ? (int64_t)nh : -1;
}

static size_t rib_lookup_all(struct bench_peer *p)
{
    struct rte_rib *rib = p->table;
    const uint32_t *addr = p->w->lookup4;
    size_t hits = 0;

    for (size_t k = 0; k < p->w->n_lookup4; k++) {
        struct rte_rib_node *node = rte_rib_lookup(rib, addr[k]);
        uint64_t nh;
        hits += node && rte_rib_get_nh(node, &nh) == 0;
    }
    return hits;
}

const struct bench_peer_ops bench_rte_rib = {
    "rte_rib", 0, rib_create, rib_destroy, rib_add, rib_exact, rib_del, rib_lookup, rib_lookup_all,
};

/* ---- rte_lpm6 ---------------------------------------------------------- */

static int lpm6_create(struct bench_peer *p)
{
    struct rte_lpm6_config c = {.max_rules = (uint32_t)count(p) + 1, .number_tbl8s = tbl8s(p)};
    p->table = rte_lpm6_create("bench_lpm6", SOCKET_ID_ANY, &c);
    return p->table ? 0 : -1;
}

static void lpm6_destroy(struct bench_peer *p)
{
    rte_lpm6_free(p->table);
}

static int lpm6_add(struct bench_peer *p, uint32_t i)
{
    if (!prefix(p, i)->len)
        return 0;
    return rte_lpm6_add(p->table, prefix(p, i)->addr, prefix(p, i)->len, i);
}

static int lpm6_exact(struct bench_peer *p, uint32_t i)
{
    uint32_t nh;
    if (!prefix(p, i)->len)
        return 1;
    return rte_lpm6_is_rule_present(p->table, prefix(p, i)->addr, prefix(p, i)->len, &nh) == 1;
}

static int lpm6_del(struct bench_peer *p, uint32_t i)
{
    if (!prefix(p, i)->len)
        return 0;
    return rte_lpm6_delete(p->table, prefix(p, i)->addr, prefix(p, i)->len);
}

static int64_t lpm6_lookup(struct bench_peer *p, size_t k)
{
    uint32_t nh;
    return rte_lpm6_lookup(p->table, p->w->lookup6[k], &nh) == 0 ? (int64_t)nh : -1;
}

static size_t lpm6_lookup_all(struct bench_peer *p)
{
    const struct rte_lpm6 *lpm = p->table;
    size_t hits = 0;

    for (size_t k = 0; k < p->w->n_lookup6; k++) {
        uint32_t nh;
        hits += rte_lpm6_lookup(lpm, p->w->lookup6[k], &nh) == 0;
    }
    return hits;
}

const struct bench_peer_ops bench_rte_lpm6 = {
    "rte_lpm", 1, lpm6_create, lpm6_destroy, lpm6_add, lpm6_exact, lpm6_del, lpm6_lookup,
    lpm6_lookup_all,
};

/* ---- rte_rib6 ---------------------------------------------------------- */

static int rib6_create(struct bench_peer *p)
{
    struct rte_rib6_conf c = {.ext_sz = 0, .max_nodes = (int)(2 * count(p) + 16)};
    p->table = rte_rib6_create("bench_rib6", SOCKET_ID_ANY, &c);
    return p->table ? 0 : -1;
}

static void rib6_destroy(struct bench_peer *p)
{
    rte_rib6_free(p->table);
}

static int rib6_add(struct bench_peer *p, uint32_t i)
{
    struct rte_rib6_node *node = rte_rib6_insert(p->table, prefix(p, i)->addr, prefix(p, i)->len);
    return node ? rte_rib6_set_nh(node, i) : -1;
}

static int rib6_exact(struct bench_peer *p, uint32_t i)
{
    return rte_rib6_lookup_exact(p->table, prefix(p, i)->addr, prefix(p, i)->len) != NULL;
}

static int rib6_del(struct bench_peer *p, uint32_t i)
{
    rte_rib6_remove(p->table, prefix(p, i)->addr, prefix(p, i)->len);
    return 0;
}

static int64_t rib6_lookup(struct bench_peer *p, size_t k)
{
    struct rte_rib6_node *node = rte_rib6_lookup(p->table, p->w->lookup6[k]);
    uint64_t nh;
    return node && rte_rib6_get_nh(node, &nh) == 0 ? (int64_t)nh : -1;
}

static size_t rib6_lookup_all(struct bench_peer *p)
{
    struct rte_rib6 *rib = p->table;
    size_t hits = 0;

    for (size_t k = 0; k < p->w->n_lookup6; k++) {
        struct rte_rib6_node *node = rte_rib6_lookup(rib, p->w->lookup6[k]);
        uint64_t nh;
        hits += node && rte_rib6_get_nh(node, &nh) == 0;
    }
    return hits;
}

const struct bench_peer_ops bench_rte_rib6 = {
    "rte_rib", 1, rib6_create, rib6_destroy, rib6_add, rib6_exact, rib6_del, rib6_lookup,
    rib6_lookup_all,
};
