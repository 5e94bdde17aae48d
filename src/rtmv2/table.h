/*
 * table.h - route tables: one per (RTM instance, address family).
 *
 * A table holds the destinations of one instance and family in an ordered
 * prefix index (index/prefix_table.h), and the entities registered with it. Tables
 * are created by the first registration for their (instance, family) and
 * live until the library is unloaded.
 *
 * Locks, in the order they are taken (never the other way round):
 *   0. entity->methods.block         an entity's method lock (method.h):
 *                                    shared while its methods run (they may
 *                                    call anything), exclusive while they
 *                                    are blocked (RtmBlockMethods)
 *   0. enum->lock                    an enumeration's position (enum.h);
 *                                    serialises the calls on one enumeration
 *                                    (never held while a method runs)
 *   1. dest->lock                    a destination's routes and best routes
 *   2. entity->lock                  the entity's next hops and routes, its
 *                                    enumerations and route lists (owned.h)
 *                                    and its routes' list memberships
 *   3. table->lock                   the prefix index, the entity list,
 *                                    the opaque-pointer slot map and the
 *                                    change notification registrations
 *   4. notify->lock                  a registration's queue of changed
 *                                    destinations (notify.c)
 *   5. nexthop->lock                 a next hop's public information
 *   6. the timer lock                the heap of timers (base/timer.c)
 *   7. the debug locks               RTM_DEBUG only (base/debug.h): the
 *                                    output (base/debug.c) and the leak ledger
 *                                    (base/debug_leaks.c); taken under any other
 *                                    lock, never both at once, and they
 *                                    take none
 * The registry lock (table.c, the list of tables) and the lock of the
 * event module's idle wait (event.c) are only taken alone.
 * Lookups take the table lock, find a destination and reference it, and
 * release the table lock before they lock the destination; only removing an
 * empty destination takes the table lock inside its lock. Locks 0, 1 and
 * 5 may also be held by clients between API calls (RtmBlockMethods,
 * RtmLockDestination, RtmLockRoute, RtmLockNextHop). No internal lock is
 * held while a client callback runs (lock 0 is held shared while a method
 * runs: it is what arbitrates methods, not an internal lock; a method that
 * invokes another entity's methods nests that entity's lock 0 in its own),
 * and free functions of objects (base/handle.h) take no lock, so references may
 * be dropped anywhere.
 *
 * The registration profile every entity receives (RTM_REGN_PROFILE) is
 * fixed: RTM_MAX_NEXTHOPS_IN_ROUTE next hops per route,
 * RTM_MAX_HANDLES_IN_ENUM handles per enumeration call, and the unicast and
 * multicast views.
 */
#ifndef RTM_TABLE_H
#define RTM_TABLE_H

#include "rtmv2.h"
#include "base/platform.h"
#include "index/prefix_table.h"
#include "base/striped_lock.h"

/* RTM_REGN_PROFILE values. */
#define RTM_MAX_NEXTHOPS_IN_ROUTE 4
#define RTM_MAX_HANDLES_IN_ENUM 100
#define RTM_VIEW_COUNT 2
#define RTM_SUPPORTED_VIEWS (RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST)

/* Opaque-pointer slots per destination, reserved first come, first served. */
#define RTM_MAX_OPAQUE_POINTERS 16

/* Change notification registrations per table (bits of a 32-bit mask in
 * each destination). */
#define RTM_MAX_NOTIFICATIONS 32

struct rtm_entity;
struct rtm_notify;

struct rtm_table {
    struct rtm_table *next;       /* registry list (registry lock) */
    USHORT instance_id;
    USHORT family;
    unsigned address_bits;        /* 32 for AF_INET, 128 for AF_INET6 */
    uint32_t id;                  /* 1, 2, ...: the handle scope of its
                                     entities, destinations, routes and
                                     next hops (handle.h) */
    struct rtm_striped_lock lock; /* see the lock order above; striped so
                                     that look-ups on many threads scale */
    rtm_prefix_table *dests;      /* prefix -> struct rtm_dest * */
    struct rtm_entity *entities;  /* registered entities */
    uint32_t opaque_slots;        /* bit i set: slot i is reserved */
    size_t dest_count;            /* destinations in the index */
    struct rtm_notify *notifications; /* change notification registrations */
    uint32_t notify_slots;        /* bit i set: registration bit i in use */
    rtm_atomic32 notify_count;    /* registrations (read without the lock) */
};

/*
 * The address width of a family: 32 for AF_INET, 128 for AF_INET6 (the
 * platform's value), 0 for any other family.
 */
unsigned rtm_family_bits(unsigned family);

/*
 * Finds the table of (instance_id, family), creating it if needed.
 * Returns NO_ERROR with *table set, ERROR_INVALID_PARAMETER for an unknown
 * family, ERROR_NOT_ENOUGH_MEMORY. Takes the registry lock.
 */
DWORD rtm_table_get(USHORT instance_id, USHORT family, struct rtm_table **table);

/*
 * Nonzero if addr is a valid address of the table's family: the family
 * matches and NumBits is at most the family's width.
 */
int rtm_table_address_ok(const struct rtm_table *table, const RTM_NET_ADDRESS *addr);

/* Frees every table (library unload; no other thread may be inside). */
void rtm_tables_shutdown(void);

#endif /* RTM_TABLE_H */
