/*
 * table.h - RTMv1's route tables: one per protocol family (IP, IPX), for
 * the whole process, each with its networks in a prefix index
 * (index/prefix_table.h) and its registered clients.
 *
 * A network (struct rtmv1_net) exists while it has routes: its routes, in
 * the order of (protocol, interface, next hop), and its best route.
 *
 * Locks, in the order they are taken (never the other way round):
 *   1. enumeration->lock   an enumeration's position (walk.h); serialises
 *                          the calls on one enumeration
 *   2. table->lock         everything of the table: the prefix index, the
 *                          networks and their routes, the clients' list and
 *                          registration state, the route sequence;
 *                          exclusive for changes, shared for reads
 *   3. client->queue_lock  a client's queue of change messages (change.h);
 *                          its change event is signalled and reset under it
 *   4. the timer lock, the handle table's free-list lock, the debug locks
 *                          (base/): leaves, taken under any of the above
 * No client callback exists in RTMv1; signalling a client's event is a
 * system call, made under locks 2 and 3 so that it cannot race with the
 * client's deregistration (after which its event is never touched).
 * Objects are freed (rtm_object_unref of their last reference) outside
 * locks 1 to 3.
 */
#ifndef RTM_RTMV1_TABLE_H
#define RTM_RTMV1_TABLE_H

#include "family.h"
#include "base/platform.h"
#include "index/prefix_table.h"

struct rtmv1_route;
struct rtmv1_client;

struct rtmv1_net {
    struct rtmv1_key key;
    struct rtmv1_route *routes; /* in order (route.h); never empty */
    struct rtmv1_route *best;   /* one of them */
};

struct rtmv1_table {
    const struct rtmv1_family *family; /* constant */
    rtm_rwlock lock;                   /* see the lock order above */
    rtm_prefix_table *nets;            /* key -> struct rtmv1_net *; NULL
                                          until the first network */
    struct rtmv1_client *clients;      /* registered clients */
    uint64_t sequence;                 /* routes created so far */
};

/* The table of a protocol family, or NULL for an unknown family. */
struct rtmv1_table *rtmv1_table_of(DWORD family);

/* The network of key, or NULL. Table lock held (either way). */
struct rtmv1_net *rtmv1_net_find(const struct rtmv1_table *table, const struct rtmv1_key *key);

/* The first network in key order at or after key (inclusive) or strictly
 * after it; the first of all for a NULL key. Table lock held. */
struct rtmv1_net *rtmv1_net_next(const struct rtmv1_table *table, const struct rtmv1_key *key,
                                 int inclusive);

/* The longest network that holds the 32-bit address, or NULL. Table lock
 * held. */
struct rtmv1_net *rtmv1_net_longest(const struct rtmv1_table *table, DWORD address);

/* The number of networks. Table lock held. */
size_t rtmv1_net_count(const struct rtmv1_table *table);

/*
 * Makes an empty network of key and puts it in the index (the caller adds
 * its first route before it unlocks). Returns NO_ERROR with *out set, or
 * ERROR_NOT_ENOUGH_MEMORY (nothing changed). Table lock held exclusively;
 * the network must not exist.
 */
DWORD rtmv1_net_create(struct rtmv1_table *table, const struct rtmv1_key *key,
                       struct rtmv1_net **out);

/* Takes a network without routes out of the index and frees it. Table
 * lock held exclusively. */
void rtmv1_net_remove(struct rtmv1_table *table, struct rtmv1_net *net);

/* Frees both tables' indexes and networks (library unload: the routes and
 * clients are freed as live objects: rtmv1_destroy, shutdown.h). */
void rtmv1_tables_shutdown(void);

#endif /* RTM_RTMV1_TABLE_H */
