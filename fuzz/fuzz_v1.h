/*
 * fuzz_v1.h - RTMv1's part of the API fuzzer (docs/fuzzing.md): its
 * operations (fuzz_ops_v1.c) and the reference model of its two tables and
 * of the clients' message queues (fuzz_model_v1.c).
 *
 * The harness keeps RTMv1 clients (registered, or gone with their handle
 * kept), enumerations (open or closed), and a model of both tables: every
 * route as the library should store it (time stamps aside), in creation
 * order, and the messages each client with a change event should find in
 * its queue. After each call: the return code is the exact one the model
 * says (or, for a family where a route got a TimeToLive of 0, one the
 * function documents), the outputs (flags, current and previous best
 * routes) are the model's, and look-ups, walks and enumerations return the
 * model's routes in the model's order. At the end of an input every
 * enumeration is closed, every client deregisters and both tables must be
 * empty.
 */
#ifndef RTM_FUZZ_V1_H
#define RTM_FUZZ_V1_H

#include "fuzz.h"
#include "rtm.h"

#define FZ_V1_CLIENTS 6
#define FZ_V1_ROUTES 96
#define FZ_V1_QUEUE 32
#define FZ_V1_ENUMS 6

/* A route of either family, as clients see it. */
union fz_v1_data {
    RTM_IP_ROUTE ip;
    RTM_IPX_ROUTE ipx;
};

/* A route's place in the order of routes: network (number, length),
 * protocol, interface, next hop. */
struct fz_v1_pos {
    uint32_t net;
    unsigned len;
    DWORD protocol, iface;
    uint8_t hop[6];
};

struct fz_v1_route {
    int live;
    DWORD family;
    struct fz_v1_pos pos;
    uint32_t metric;        /* IP FSD_Metric; IPX ticks << 16 | hops */
    unsigned seq;           /* creation order */
    union fz_v1_data data;  /* as stored (RR_TimeStamp not modelled) */
};

struct fz_v1_msg {
    DWORD flags;
    union fz_v1_data cur, prev;
};

struct fz_v1_client {
    int state;              /* FZ_FREE, FZ_REGISTERED, FZ_GONE */
    HANDLE h;
    DWORD family, protocol, flags;
    HANDLE event;           /* the harness's, or NULL */
    struct fz_v1_msg queue[FZ_V1_QUEUE];
    int nqueue;
    int inexact;            /* the queue is not modelled (overflow, expiry) */
};

/* The RTM_ONLY_* criteria of a walk. */
struct fz_v1_criteria {
    DWORD flags;
    uint32_t net;
    unsigned len;
    DWORD iface, protocol;
};

struct fz_v1_enum {
    HANDLE h;               /* NULL: a free slot */
    int open;
    DWORD family;
    struct fz_v1_criteria criteria;
    int started;
    struct fz_v1_pos last;
};

struct fz_v1_state {
    struct fz_v1_client client[FZ_V1_CLIENTS];
    struct fz_v1_route route[FZ_V1_ROUTES];
    int nroutes;
    unsigned seq;
    struct fz_v1_enum e[FZ_V1_ENUMS];
    int fuzzy[2];           /* [family]: a route may expire at any moment */
};

extern struct fz_v1_state fz1;

/* ---- the model (fuzz_model_v1.c) ---------------------------------------- */

/* The network of a route's RR_Network (or of an IP_NETWORK/IPX_NETWORK);
 * 0 if it is none (an IP mask that is not contiguous). */
int fz_v1_network(DWORD family, const void *network, uint32_t *net, unsigned *len);

/* The place of a route structure whose network is net/len. */
struct fz_v1_pos fz_v1_pos_of(DWORD family, const union fz_v1_data *d, uint32_t net,
                              unsigned len);
int fz_v1_pos_cmp(const struct fz_v1_pos *a, const struct fz_v1_pos *b);

/* The best live route of a network, or -1. */
int fz_v1_best(DWORD family, uint32_t net, unsigned len);

/* The live route at pos, or -1. */
int fz_v1_find(DWORD family, const struct fz_v1_pos *pos);

/* The first live route of family after pos (NULL: the first) meeting c,
 * in order, or -1. */
int fz_v1_walk(DWORD family, const struct fz_v1_criteria *c, const struct fz_v1_pos *after);

/* Number of networks of a family with a live route. */
unsigned fz_v1_networks(DWORD family);

/* The best route of the longest IP network holding address, or -1. */
int fz_v1_longest(uint32_t address);

/* A change to network net/len of family: fz_v1_change_begin before it,
 * fz_v1_change_end after it; returns the flags of the change (RTM_NO_CHANGE,
 * RTM_ROUTE_ADDED, _DELETED, _CHANGED) and queues the message for every
 * registered client of the family with an event but skip (-1: none);
 * cur/prev (may be NULL) get the model's best routes as the flags say. */
struct fz_v1_before {
    int best;
    union fz_v1_data data;
};
void fz_v1_change_begin(DWORD family, uint32_t net, unsigned len, struct fz_v1_before *b);
DWORD fz_v1_change_end(DWORD family, uint32_t net, unsigned len, const struct fz_v1_before *b,
                       int skip, union fz_v1_data *cur, union fz_v1_data *prev);

/* Nonzero if two route structures are the same, time stamps aside. */
int fz_v1_same_data(DWORD family, const void *a, const void *b);

/* The size of a family's route structure. */
size_t fz_v1_size(DWORD family);

/* ---- operations (fuzz_ops_v1.c) -------------------------------------------- */

extern void (*const fz_v1_ops[])(struct fz_in *);
extern const unsigned fz_v1_op_count;

/* Resets the harness's RTMv1 state (start of an input). */
void fz_v1_begin(void);

/* Closes every enumeration, deregisters every client, checks that both
 * tables are empty (end of an input). */
void fz_v1_end(void);

#endif /* RTM_FUZZ_V1_H */
