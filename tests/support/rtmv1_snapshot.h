/*
 * rtmv1_snapshot.h - what clients can see of RTMv1's two tables, recorded
 * through rtm.h, so that a test can assert that a call changed nothing:
 * every route of each family in order (every member, time stamps
 * included), the number of networks of each, and the live RTMv1 objects
 * (RtmDiagGetObjectCounts, rtm's extension). Include after <cmocka.h>.
 */
#ifndef RTM_RTMV1_SNAPSHOT_H
#define RTM_RTMV1_SNAPSHOT_H

#include <string.h>

#include "rtm.h"
#include "rtm_diag.h"

#define V1SNAP_MAX_ROUTES 32

struct v1_snapshot {
    ULONG networks[2];                   /* [RTM_PROTOCOL_FAMILY_*] */
    unsigned routes[2];
    RTM_IPX_ROUTE ipx[V1SNAP_MAX_ROUTES];
    RTM_IP_ROUTE ip[V1SNAP_MAX_ROUTES];
    DWORD clients, v1_routes, enumerations;
};

/* The routes of a family, in order, into routes (room for
 * V1SNAP_MAX_ROUTES of size bytes); returns how many. */
static inline unsigned v1_snapshot_walk(DWORD family, void *routes, size_t size)
{
    char *p = routes;
    unsigned n = 0;
    DWORD status = RtmGetFirstRoute(family, 0, p);

    while (status == NO_ERROR && ++n < V1SNAP_MAX_ROUTES) {
        memcpy(p + n * size, p + (n - 1) * size, size);
        status = RtmGetNextRoute(family, 0, p + n * size);
    }
    return n;
}

static inline void v1_snapshot_take(struct v1_snapshot *s)
{
    RTM_DIAG_OBJECT_COUNTS c;

    memset(s, 0, sizeof *s);
    s->networks[RTM_PROTOCOL_FAMILY_IPX] = RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IPX);
    s->networks[RTM_PROTOCOL_FAMILY_IP] = RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP);
    s->routes[RTM_PROTOCOL_FAMILY_IPX] =
        v1_snapshot_walk(RTM_PROTOCOL_FAMILY_IPX, s->ipx, sizeof s->ipx[0]);
    s->routes[RTM_PROTOCOL_FAMILY_IP] =
        v1_snapshot_walk(RTM_PROTOCOL_FAMILY_IP, s->ip, sizeof s->ip[0]);
    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    assert_int_equal(RtmDiagGetObjectCounts(&c), NO_ERROR);
    s->clients = c.V1Clients;
    s->v1_routes = c.V1Routes;
    s->enumerations = c.V1Enumerations;
}

/* What differs between two snapshots, or NULL. */
static inline const char *v1_snapshot_diff(const struct v1_snapshot *a,
                                           const struct v1_snapshot *b)
{
    if (memcmp(a->networks, b->networks, sizeof a->networks))
        return "RTMv1 network counts";
    if (memcmp(a->routes, b->routes, sizeof a->routes))
        return "RTMv1 route counts";
    if (memcmp(a->ip, b->ip, a->routes[RTM_PROTOCOL_FAMILY_IP] * sizeof a->ip[0]))
        return "RTMv1 IP routes";
    if (memcmp(a->ipx, b->ipx, a->routes[RTM_PROTOCOL_FAMILY_IPX] * sizeof a->ipx[0]))
        return "RTMv1 IPX routes";
    if (a->clients != b->clients || a->v1_routes != b->v1_routes ||
        a->enumerations != b->enumerations)
        return "RTMv1 live objects";
    return NULL;
}

#endif /* RTM_RTMV1_SNAPSHOT_H */
