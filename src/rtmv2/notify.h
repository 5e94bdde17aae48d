/*
 * notify.h - change notification registrations
 * (spec/rras/receiving-notification-of-changes.md).
 *
 * A registration watches its table for changes of the types and views it
 * asked for. A destination that changes is put in the registration's queue
 * once (changes coalesce: the client reads the destination's latest state),
 * and the owner's event callback receives RTM_CHANGE_NOTIFICATION when the
 * queue stops being empty. The queue is a ring of destinations (each with
 * an internal reference) with room for every destination of the table plus
 * those it holds: room is made when a destination is created (which may
 * fail cleanly), so recording a change never allocates and never fails.
 */
#ifndef RTM_NOTIFY_H
#define RTM_NOTIFY_H

#include "dest.h"

/* What changed at a destination: for each change type, the views. */
struct rtm_change {
    RTM_VIEW_SET all;         /* any change of a route (RTM_CHANGE_TYPE_ALL) */
    RTM_VIEW_SET best;        /* the best route or its values (…_BEST) */
    RTM_VIEW_SET forwarding;  /* best-route changes that affect forwarding */
};

struct rtm_notify {
    struct rtm_object obj;          /* first: handle and references */
    struct rtm_entity *owner;       /* constant; internal reference */
    RTM_VIEW_SET views;             /* constant */
    RTM_NOTIFY_FLAGS flags;         /* constant */
    void *context;                  /* constant: Context2 of the event */
    uint32_t bit;                   /* constant: its bit in the dest masks */
    int active;                     /* in table->notifications (table lock) */
    rtm_atomic32 marked_any;        /* some destination was marked */
    struct rtm_notify *next;        /* table->notifications (table lock) */

    rtm_mutex lock;                 /* what follows */
    struct rtm_dest **queue;        /* ring: capacity entries, count from head */
    size_t capacity, head, count;
    int signalled;                  /* event sent, queue not drained since */
    int event_queued;               /* work submitted, not started */
    struct rtm_work work;           /* delivers RTM_CHANGE_NOTIFICATION */
};

/*
 * Records a change of dest for every registration of its table that asked
 * for that type of change in one of those views (and, with
 * RTM_NOTIFY_ONLY_MARKED_DESTS, marked dest). Dest lock held exclusively;
 * takes the table lock shared and registration locks.
 */
void rtm_notify_changes(struct rtm_dest *dest, const struct rtm_change *change);

/* Makes room for one more destination in every registration's queue
 * (table lock held exclusively, before a destination enters the index).
 * Returns NO_ERROR or ERROR_NOT_ENOUGH_MEMORY. */
DWORD rtm_notify_reserve(struct rtm_table *table);

/* Ends every registration of the entity (RtmDeregisterEntity). */
void rtm_notify_deregister_owned(struct rtm_entity *entity);

/* Frees a registration's memory without dropping references (unload). */
void rtm_notify_destroy(struct rtm_object *obj);

#endif /* RTM_NOTIFY_H */
