/*
 * dest.h - destinations: the prefixes of a table, with their routes and
 * best routes per view.
 */
#ifndef RTM_DEST_H
#define RTM_DEST_H

#include "base/client_lock.h"
#include "base/timer.h"
#include "route.h"

/* A destination's hold-down state (hold.h says what hold-down does). */
struct rtm_hold {
    struct rtm_timer timer;                  /* owner: the destination */
    RTM_VIEW_SET views;                      /* views marked for hold-down */
    ULONG hold_time;                         /* milliseconds */
    struct rtm_route *route[RTM_VIEW_COUNT]; /* held routes (internal refs) */
};

struct rtm_dest {
    struct rtm_object obj;          /* first: handle and references */
    struct rtm_table *table;        /* constant */
    struct rtm_client_lock lock;    /* routes, best routes (RtmLockDestination) */
    RTM_NET_ADDRESS address;        /* constant, canonical */
    rtm_atomic32 views;             /* views of its routes (written under the
                                       dest lock, read under the table lock) */
    uint64_t last_changed;          /* FILETIME of the last change */
    struct rtm_route *routes;       /* in order of addition */
    struct rtm_route *best[RTM_VIEW_COUNT]; /* best route per view, or NULL */
    rtm_atomic_ptr opaque;          /* void *[RTM_MAX_OPAQUE_POINTERS], lazily */
    struct rtm_hold *hold;          /* hold-down state, or NULL (dest lock) */
    int in_table;                   /* in table->dests (dest and table lock) */
    /* Change notification, one bit per registration (notify.c): */
    rtm_atomic32 notify_queued;     /* in the registration's queue */
    rtm_atomic32 notify_pending;    /* a change to report */
    rtm_atomic32 notify_marked;     /* RtmMarkDestForChangeNotification */
};

/* Nonzero if the destination belongs to one of target's views (any
 * destination when target is RTM_VIEW_MASK_ANY). Takes no lock. */
static inline int rtm_dest_in_views(struct rtm_dest *dest, RTM_VIEW_SET target)
{
    return target == RTM_VIEW_MASK_ANY || ((RTM_VIEW_SET)rtm_atomic32_load(&dest->views) & target);
}

/* Frees a destination's memory; it holds no references (its free function). */
void rtm_dest_destroy(struct rtm_object *obj);

/*
 * Finds the destination of addr in the table, creating it if needed.
 * Returns NO_ERROR with an internal reference in *dest, or
 * ERROR_NOT_ENOUGH_MEMORY. The destination may leave the table as soon as
 * the table lock is released: check in_table under its lock.
 */
DWORD rtm_dest_get_or_create(struct rtm_table *table, const RTM_NET_ADDRESS *addr,
                             struct rtm_dest **dest);

/*
 * Recomputes the best route of every view (dest lock held exclusively).
 * Returns the set of views whose best route changed, and stamps
 * last_changed.
 */
RTM_VIEW_SET rtm_dest_update_best(struct rtm_dest *dest);

/*
 * Takes the destination out of its table if it has no route left (dest
 * lock held exclusively by the caller, who also holds a reference; takes the
 * table lock). Routes can no longer be added to it afterwards: adders find
 * in_table clear and look the prefix up again.
 */
void rtm_dest_remove_if_empty(struct rtm_dest *dest);

/*
 * Fills an RTM_DEST_INFO (RTM_SIZE_OF_DEST_INFO(views in target) bytes) for
 * the caller me: one ViewInfo entry per view of target in increasing view
 * id, best routes of protocol (RTM_BEST_PROTOCOL, RTM_THIS_PROTOCOL or a
 * protocol id), a client reference for each handle in it. Consumes the
 * caller's internal reference on dest: it becomes DestHandle's client
 * reference (one CAS instead of a reference and an unreference). Takes the
 * dest lock shared (do not hold it).
 */
void rtm_dest_fill_info(struct rtm_dest *dest, const struct rtm_entity *me, ULONG protocol,
                        RTM_VIEW_SET target, RTM_DEST_INFO *out);

/*
 * Drops the client references of one RTM_DEST_INFO filled for a caller of
 * me's table. Returns NO_ERROR, ERROR_INVALID_HANDLE when a handle in it is
 * bad (the others are released), ERROR_INVALID_PARAMETER when its
 * NumberOfViews is out of range (nothing is released).
 */
DWORD rtm_dest_release_info(const struct rtm_entity *me, const RTM_DEST_INFO *info);

/*
 * Drops the client references of an array of n RTM_DEST_INFO, each
 * RTM_SIZE_OF_DEST_INFO(its NumberOfViews) bytes (RtmReleaseDests,
 * RtmReleaseChangedDests). Returns NO_ERROR; ERROR_INVALID_HANDLE when a
 * handle is bad (the others are released); ERROR_INVALID_PARAMETER when
 * infos is NULL and n > 0 or a NumberOfViews is out of range (nothing from
 * that entry on is released).
 */
DWORD rtm_dest_release_infos(const struct rtm_entity *me, UINT n, RTM_DEST_INFO *infos);

/* Calls fn on every destination of the table, in address order, with the
 * table lock held shared (fn must not take it or a destination lock). */
void rtm_dests_walk(struct rtm_table *table, void (*fn)(struct rtm_dest *, void *),
                    void *context);

/* Clears one opaque-pointer slot in every destination of the table (the
 * slot's entity deregistered). Takes the table lock shared. */
void rtm_dests_clear_opaque_slot(struct rtm_table *table, int slot);

/*
 * A route has just been deleted from dest (dest lock held exclusively);
 * was_best: the views it was the best route of. Holds it in each marked
 * view where it was best and that has no route left. Returns the views in
 * which a hold began.
 */
RTM_VIEW_SET rtm_hold_deleted_route(struct rtm_dest *dest, struct rtm_route *route,
                                    RTM_VIEW_SET was_best);

#endif /* RTM_DEST_H */
