/*
 * bench_rtm.h - rtm's side of rtm_bench: the tables as a client sees them,
 * through the public RTMv2 API only.
 *
 * Per address family (one routing table each, instance 0) two protocol
 * entities add a route to every prefix of the list: entity 0 with
 * preference BENCH_PREF_BEST, entity 1 with a worse one, so entity 0's
 * routes are the best routes. Each entity has BENCH_NEXTHOPS next hops of
 * its own, used in turn. Route handles are kept (one client reference each)
 * so that routes can be updated and deleted by handle.
 */
#ifndef RTM_BENCH_RTM_H
#define RTM_BENCH_RTM_H

#include "rtmv2.h"
#include "bench.h"

#define BENCH_ENTITIES 2
#define BENCH_NEXTHOPS 8
#define BENCH_PREF_BEST 10
#define BENCH_PREF_WORSE 20

/* A destination information buffer with room for every view. */
union bench_dest_info {
    RTM_DEST_INFO info;
    unsigned char room[RTM_SIZE_OF_DEST_INFO(RTM_MAX_VIEWS)];
};

/* One routing table (an address family) and its two entities. */
struct bench_table {
    const char *name; /* "v4" or "v6" */
    USHORT family;
    const struct bench_prefix *prefixes;
    size_t n;
    RTM_ENTITY_HANDLE reg[BENCH_ENTITIES];
    RTM_NEXTHOP_HANDLE nexthops[BENCH_ENTITIES][BENCH_NEXTHOPS];
    RTM_ROUTE_HANDLE *routes[BENCH_ENTITIES]; /* by prefix index; NULL: none */
};

struct bench_rtm {
    const struct bench_workload *w;
    struct bench_table t4, t6;
    unsigned failures; /* API calls that failed unexpectedly */
};

/* bench_rtm_table.c: entities, next hops, load and delete. */
/* Registers the entities and their next hops, allocates the route handle
 * arrays. Returns 0 or -1. */
int bench_rtm_open(struct bench_rtm *r, const struct bench_workload *w);
/* Deletes what is left and deregisters everything. */
void bench_rtm_close(struct bench_rtm *r);
/* Registers an entity of protocol id in table t's family; NULL on error. */
RTM_ENTITY_HANDLE bench_rtm_register(struct bench_rtm *r, const struct bench_table *t,
                                     ULONG protocol);
/* The RTM_NET_ADDRESS of prefix p in table t. */
RTM_NET_ADDRESS bench_rtm_address(const struct bench_table *t, const struct bench_prefix *p);
/* Adds entity e's route to prefix i (or updates it, when it has one) with
 * the given metric; returns the API's status. */
DWORD bench_rtm_add(struct bench_rtm *r, struct bench_table *t, int e, size_t i, ULONG metric);
/* Adds entity e's routes to every prefix of t (metric 1); *ns: the time. */
void bench_rtm_load(struct bench_rtm *r, struct bench_table *t, int e, double *ns);
/* Deletes entity e's routes (those it has) by handle; *ns: the time. */
void bench_rtm_delete(struct bench_rtm *r, struct bench_table *t, int e, double *ns);

/* bench_rtm_lookup.c: longest and exact match, the cross-check hooks. */
/* Times longest match of the workload's IPv4 and IPv6 addresses, then
 * exact match of every loaded prefix in random order (entity 0). */
void bench_rtm_lookups(struct bench_rtm *r);
/* bench_match_fn for the cross-check (ctx: the struct bench_rtm): rtm's
 * longest match in the IPv4 / IPv6 table. */
int bench_rtm_match4(void *ctx, const uint8_t *addr, uint8_t *prefix, uint8_t *len);
int bench_rtm_match6(void *ctx, const uint8_t *addr, uint8_t *prefix, uint8_t *len);
/* One longest match + release in table t, through registration reg, of
 * the given address bytes; returns nonzero when a destination matched. */
int bench_rtm_lpm(RTM_ENTITY_HANDLE reg, const struct bench_table *t, const uint8_t *addr,
                  union bench_dest_info *out);

/* bench_rtm_concurrency.c: look-up threads beside a writer, ms
 * milliseconds per configuration (1, then 2 threads). */
void bench_rtm_concurrency(struct bench_rtm *r, unsigned ms);

/* bench_rtm_notify.c: draining change notifications after a load of
 * entity 0 into the empty tables (leaves them empty again). */
void bench_rtm_notify(struct bench_rtm *r);

#endif
