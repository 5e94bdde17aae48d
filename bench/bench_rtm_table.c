/*
 * bench_rtm_table.c - rtm_bench's tables: registering the entities and
 * their next hops, loading every prefix, deleting every route.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_rtm.h"

/* Protocol ids of the two loading entities (OSPF and BGP's numbers). */
static const ULONG protocol_of[BENCH_ENTITIES] = {13, 14};

/* Counts and reports an unexpected status of an API call. */
static void check(struct bench_rtm *r, const char *what, DWORD status)
{
    if (status == NO_ERROR)
        return;
    if (r->failures++ < 10)
        fprintf(stderr, "rtm_bench: %s failed: %lu\n", what, (unsigned long)status);
}

RTM_NET_ADDRESS bench_rtm_address(const struct bench_table *t, const struct bench_prefix *p)
{
    RTM_NET_ADDRESS a;

    memset(&a, 0, sizeof a);
    a.AddressFamily = t->family;
    a.NumBits = p->len;
    memcpy(a.AddrBits, p->addr, t->family == AF_INET ? 4 : 16);
    return a;
}

RTM_ENTITY_HANDLE bench_rtm_register(struct bench_rtm *r, const struct bench_table *t,
                                     ULONG protocol)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE reg = NULL;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = 0;
    info.AddressFamily = t->family;
    info.EntityId.EntityProtocolId = protocol;
    info.EntityId.EntityInstanceId = 1;
    check(r, "RtmRegisterEntity", RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &reg));
    return reg;
}

/* Next hop k of entity e: 192.0.2.x / 198.51.100.x, 2001:db8:e::x. */
static DWORD add_nexthop(struct bench_table *t, int e, int k)
{
    RTM_NEXTHOP_INFO info;
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0;
    struct bench_prefix p;

    memset(&p, 0, sizeof p);
    if (t->family == AF_INET) {
        static const uint8_t net[BENCH_ENTITIES][3] = {{192, 0, 2}, {198, 51, 100}};
        memcpy(p.addr, net[e], 3);
        p.addr[3] = (uint8_t)(k + 1);
        p.len = 32;
    } else {
        p.addr[0] = 0x20;
        p.addr[1] = 0x01;
        p.addr[2] = 0x0d;
        p.addr[3] = 0xb8;
        p.addr[5] = (uint8_t)e;
        p.addr[15] = (uint8_t)(k + 1);
        p.len = 128;
    }
    memset(&info, 0, sizeof info);
    info.NextHopAddress = bench_rtm_address(t, &p);
    info.InterfaceIndex = (ULONG)(k + 1);
    return RtmAddNextHop(t->reg[e], &info, &t->nexthops[e][k], &flags);
}

static int open_table(struct bench_rtm *r, struct bench_table *t)
{
    for (int e = 0; e < BENCH_ENTITIES; e++) {
        t->reg[e] = bench_rtm_register(r, t, protocol_of[e]);
        t->routes[e] = calloc(t->n ? t->n : 1, sizeof *t->routes[e]);
        if (!t->reg[e] || !t->routes[e])
            return -1;
        for (int k = 0; k < BENCH_NEXTHOPS; k++)
            check(r, "RtmAddNextHop", add_nexthop(t, e, k));
    }
    return r->failures ? -1 : 0;
}

int bench_rtm_open(struct bench_rtm *r, const struct bench_workload *w)
{
    memset(r, 0, sizeof *r);
    r->w = w;
    r->t4.name = "v4";
    r->t4.family = AF_INET;
    r->t4.prefixes = w->v4;
    r->t4.n = w->n4;
    r->t6.name = "v6";
    r->t6.family = AF_INET6;
    r->t6.prefixes = w->v6;
    r->t6.n = w->n6;
    if (open_table(r, &r->t4) != 0 || open_table(r, &r->t6) != 0) {
        fprintf(stderr, "rtm_bench: cannot set up the tables\n");
        return -1;
    }
    return 0;
}

static void close_table(struct bench_rtm *r, struct bench_table *t)
{
    double ns;

    for (int e = BENCH_ENTITIES - 1; e >= 0; e--) {
        if (!t->reg[e])
            continue;
        bench_rtm_delete(r, t, e, &ns);
        check(r, "RtmReleaseNextHops", RtmReleaseNextHops(t->reg[e], BENCH_NEXTHOPS,
                                                          t->nexthops[e]));
        check(r, "RtmDeregisterEntity", RtmDeregisterEntity(t->reg[e]));
        free(t->routes[e]);
        t->reg[e] = NULL;
    }
}

void bench_rtm_close(struct bench_rtm *r)
{
    close_table(r, &r->t4);
    close_table(r, &r->t6);
}

DWORD bench_rtm_add(struct bench_rtm *r, struct bench_table *t, int e, size_t i, ULONG metric)
{
    RTM_ROUTE_INFO info;
    RTM_NET_ADDRESS addr = bench_rtm_address(t, &t->prefixes[i]);
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    RTM_NEXTHOP_HANDLE nh = t->nexthops[e][i % BENCH_NEXTHOPS];
    DWORD status;

    memset(&info, 0, sizeof info);
    info.Neighbour = nh;
    info.PrefInfo.Preference = e == 0 ? BENCH_PREF_BEST : BENCH_PREF_WORSE;
    info.PrefInfo.Metric = metric;
    info.BelongsToViews = RTM_VIEW_MASK_UCAST;
    info.NextHopsList.NumNextHops = 1;
    info.NextHopsList.NextHops[0] = nh;
    status = RtmAddRouteToDest(t->reg[e], &t->routes[e][i], &addr, &info, INFINITE, NULL, 0,
                               NULL, &flags);
    check(r, "RtmAddRouteToDest", status);
    return status;
}

void bench_rtm_load(struct bench_rtm *r, struct bench_table *t, int e, double *ns)
{
    double start = bench_now_ns();

    for (size_t i = 0; i < t->n; i++)
        bench_rtm_add(r, t, e, i, 1);
    *ns = bench_now_ns() - start;
}

void bench_rtm_delete(struct bench_rtm *r, struct bench_table *t, int e, double *ns)
{
    RTM_ROUTE_HANDLE *routes = t->routes[e];
    double start = bench_now_ns();

    for (size_t i = 0; i < t->n; i++) {
        if (!routes[i])
            continue;
        RTM_ROUTE_CHANGE_FLAGS flags = 0;
        check(r, "RtmDeleteRouteToDest", RtmDeleteRouteToDest(t->reg[e], routes[i], &flags));
        routes[i] = NULL;
    }
    *ns = bench_now_ns() - start;
}
