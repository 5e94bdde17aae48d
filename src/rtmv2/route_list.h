/*
 * route_list.h - client-specific route lists
 * (spec/rras/maintaining-client-specific-lists.md).
 *
 * A route list is an RTM_OBJ_ROUTE_LIST object owned by the entity that
 * created it (owned.h), holding some of that entity's routes in order of
 * insertion. A route is in at most one list; the list holds no reference
 * on it: a deleted route leaves its list, and deleting a list (explicitly,
 * or when its owner deregisters) leaves its routes in the table. The
 * memberships - route->list, list_prev, list_next, list_seq and the list's
 * chain - are guarded by the owner's entity lock, which comes after the
 * destination lock (table.h).
 */
#ifndef RTM_ROUTE_LIST_H
#define RTM_ROUTE_LIST_H

#include "owned.h"
#include "route.h"

struct rtm_route_list {
    struct rtm_owned owned;         /* first: handle, owner */
    struct rtm_route *head, *tail;  /* routes in order of insertion (owner lock) */
    uint64_t next_seq;              /* list_seq of the next insertion (owner lock) */
};

/*
 * Validates a route-list handle of me's that has not been deleted: returns
 * the list with an internal reference (drop it with rtm_route_list_put), or
 * NULL.
 */
struct rtm_route_list *rtm_route_list_get(const struct rtm_entity *me, HANDLE handle);

/* Drops the reference rtm_route_list_get took; NULL is skipped. */
void rtm_route_list_put(struct rtm_route_list *list);

/*
 * Moves one of the list owner's routes into the list, out of any other
 * (RouteListHandle of RtmAddRouteToDest and RtmUpdateAndUnlockRoute).
 * Nothing happens if the route has been deleted, is in the list already,
 * or the list has been deleted meanwhile. Takes the owner's lock
 * exclusively: the caller may hold the route's destination lock.
 */
void rtm_route_list_insert(struct rtm_route_list *list, struct rtm_route *route);

/* Takes a route out of its list, if any (owner lock held exclusively;
 * the route is being deleted). */
void rtm_route_list_unlink(struct rtm_route *route);

/* Frees a route list's memory without dropping references (unload). */
void rtm_route_list_destroy(struct rtm_object *obj);

#endif /* RTM_ROUTE_LIST_H */
