/*
 * route.h - RTMv1's routes: one per (network, protocol, interface, next
 * hop) of a table, in their network's list, and the choice of the best
 * route of a network.
 *
 * Order. A network's routes, and the routes of RtmGetFirstRoute and
 * RtmGetNextRoute (spec/rras/rtmgetfirstroute.md), are in ascending order
 * of network (the prefix index's order: number, then mask length), routing
 * protocol, interface, next hop (family.h: IP by N_NetNumber, IPX by MAC
 * bytes): a struct rtmv1_position.
 *
 * Best route. Every protocol has the same priority, since no RTMv1 call
 * sets one (the routing table manager sets FSD_Priority to 0 in every IP
 * route it stores); so the best route of a network is the one with the
 * best metric (family.h: IP the lowest FSD_Metric, IPX the lowest
 * FSD_TickCount then FSD_HopCount), whatever its protocol, and of routes
 * as good the one created first. It is the route every function reports
 * as best: the outputs of RtmAddRoute and RtmDeleteRoute, the messages,
 * RtmIsRoute, RtmLookupIPDestination and RTM_ONLY_BEST_ROUTES.
 *
 * A route is an object of the handle table (RTMV1_OBJ_ROUTE) although no
 * handle of it is given out: its expiry timer (expiry.c) holds references
 * on it. The table holds one reference while the route is in a network.
 * Everything here is called with the table lock held (exclusively for
 * changes), unless said otherwise.
 */
#ifndef RTM_RTMV1_ROUTE_H
#define RTM_RTMV1_ROUTE_H

#include "objects.h"
#include "table.h"
#include "base/timer.h"

struct rtmv1_route {
    struct rtm_object obj;     /* RTMV1_OBJ_ROUTE */
    struct rtmv1_table *table; /* constant */
    struct rtmv1_net *net;     /* its network; NULL once deleted */
    struct rtmv1_route *next;  /* the next route of its network; once
                                  deleted, the next one to drop (route_drop) */
    uint64_t sequence;         /* table->sequence when it was created */
    struct rtm_timer *expiry;  /* its TimeToLive timer (expiry.c), or NULL */
    union rtmv1_data data;     /* as clients see it */
};

/* A place in the order of routes (above). */
struct rtmv1_position {
    struct rtmv1_key net;
    DWORD protocol;
    DWORD iface;
    uint8_t nexthop[RTMV1_NEXTHOP_BYTES];
};

/*
 * Allocates a route of table, with its data and the next sequence number,
 * not in any network, holding its creator's reference. Returns NO_ERROR
 * with *out set, or ERROR_NOT_ENOUGH_MEMORY. Table lock held exclusively.
 */
DWORD rtmv1_route_create(struct rtmv1_table *table, const union rtmv1_data *data,
                         struct rtmv1_route **out);

/* The object's free function (and its destruction at library unload). */
void rtmv1_route_destroy(struct rtm_object *obj);

/* The position of the route data of network key. */
void rtmv1_position_of(const struct rtmv1_family *family, const union rtmv1_data *data,
                       const struct rtmv1_key *key, struct rtmv1_position *pos);

/* <0, 0 or >0 as route r of a network sorts before, at or after pos
 * within that network (protocol, interface, next hop). */
int rtmv1_route_compare(const struct rtmv1_route *r, const struct rtmv1_position *pos);

/* The route of net at pos, or NULL. */
struct rtmv1_route *rtmv1_route_find(const struct rtmv1_net *net, const struct rtmv1_position *pos);

/* The first route of net of protocol, or NULL. */
struct rtmv1_route *rtmv1_route_of_protocol(const struct rtmv1_net *net, DWORD protocol);

/* Puts a route (not in a network) in its place among net's routes. */
void rtmv1_route_link(struct rtmv1_net *net, struct rtmv1_route *r);

/* Takes r out of its network (which may be left without routes; best is
 * not updated) and stops its expiry timer; r->net becomes NULL. The
 * table's reference is now the caller's to drop, after unlocking:
 * r->next is free to chain such routes (rtmv1_route_drop). */
void rtmv1_route_unlink(struct rtmv1_route *r);

/* The best route of a network with routes (above). */
struct rtmv1_route *rtmv1_route_best(const struct rtmv1_table *table,
                                     const struct rtmv1_net *net);

/* Nonzero if the significant parameters of two routes of one network are
 * the same (spec/rras/rtmaddroute.md: protocol, interface, next hop and
 * family-specific data). */
int rtmv1_route_same(const struct rtmv1_family *family, const union rtmv1_data *a,
                     const union rtmv1_data *b);

/* Drops the reference of each route of a chain (linked by next) taken out
 * with rtmv1_route_unlink. Call with no lock held. */
void rtmv1_route_drop(struct rtmv1_route *chain);

#endif /* RTM_RTMV1_ROUTE_H */
