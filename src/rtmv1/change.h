/*
 * change.h - best-route changes: what RtmAddRoute and RtmDeleteRoute
 * report in their outputs, and the messages queued for the other clients
 * (spec/rras/rtmdequeueroutechangemessage.md).
 *
 * A change to a network's routes is made between rtmv1_before (the best
 * route then) and rtmv1_after, which picks the new best route and tells
 * what changed: RTM_ROUTE_ADDED (the network's first route: the current
 * best route), RTM_ROUTE_DELETED (its last route went: the previous one),
 * RTM_ROUTE_CHANGED (another best route, or the best route changed in a
 * significant parameter: both) or RTM_NO_CHANGE (none).
 *
 * A change is sent as one message to every registered client of the table
 * that has a change event, except the one whose direct call made it (the
 * caller of RtmAddRoute or RtmDeleteRoute, which has the outputs): it is
 * appended to each receiver's queue and its event signalled. Messages are
 * reserved before the change (rtmv1_reserve), so that sending never fails;
 * one message is shared by the queues of its receivers and freed when the
 * last one has dequeued it or deregistered.
 *
 * All but rtmv1_dequeue are called with the table lock held exclusively.
 */
#ifndef RTM_RTMV1_CHANGE_H
#define RTM_RTMV1_CHANGE_H

#include "client.h"
#include "route.h"

struct rtmv1_change;

/* Messages reserved for the changes of one call. */
struct rtmv1_reserve {
    const struct rtmv1_client *skip; /* receives none (NULL: all receive) */
    unsigned receivers;              /* clients each message is for */
    struct rtmv1_change *free;       /* reserved, not used yet */
};

/*
 * Reserves messages for count changes, for the clients with a change event
 * other than skip (none when there is no such client). Returns NO_ERROR, or
 * ERROR_NO_SYSTEM_RESOURCES when memory is short (nothing reserved; release
 * it all the same).
 */
DWORD rtmv1_reserve(struct rtmv1_reserve *reserve, const struct rtmv1_table *table,
                    const struct rtmv1_client *skip, unsigned count);

/* Frees the messages reserved and not used. */
void rtmv1_reserve_release(struct rtmv1_reserve *reserve);

/* A network's best route before a change. */
struct rtmv1_before {
    struct rtmv1_route *best;  /* NULL: no network (yet) */
    union rtmv1_data data;     /* its data then */
};

/* Records the best route of net (NULL: the network does not exist yet). */
void rtmv1_before(struct rtmv1_before *before, const struct rtmv1_net *net);

/*
 * After routes of net were linked or unlinked: sets its best route, or
 * removes it from the table when it has no route left, and reports the
 * change (above), which it returns (RTM_NO_CHANGE, RTM_ROUTE_ADDED,
 * RTM_ROUTE_DELETED, RTM_ROUTE_CHANGED). cur receives the current best
 * route when the result has RTM_CURRENT_BEST_ROUTE, prev the previous one
 * when it has RTM_PREVIOUS_BEST_ROUTE (either may be NULL: not wanted);
 * family->route_size bytes each. A change is sent to the receivers with a
 * message of reserve, which must have one left.
 */
DWORD rtmv1_after(struct rtmv1_table *table, struct rtmv1_net *net,
                  const struct rtmv1_before *before, struct rtmv1_reserve *reserve, void *cur,
                  void *prev);

/*
 * Takes the oldest message off the client's queue: its flags to *flags,
 * its current and previous best routes (as its flags say) to cur and prev
 * (either may be NULL). Returns NO_ERROR when it was the last one and
 * ERROR_MORE_MESSAGES when more are queued; ERROR_NO_MESSAGES when the
 * queue is empty; the event is reset unless more are queued.
 * ERROR_INVALID_HANDLE when the client has deregistered. Takes the queue
 * lock (no other).
 */
DWORD rtmv1_dequeue(struct rtmv1_client *client, DWORD *flags, void *cur, void *prev);

/* Closes a client's queue (deregistration): drops its messages, takes no
 * more. Table lock held exclusively. */
void rtmv1_queue_close(struct rtmv1_client *client);

#endif /* RTM_RTMV1_CHANGE_H */
