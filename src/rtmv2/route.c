/*
 * route.c - adding, updating, deleting and reading routes
 * (spec/rras/routes-and-the-best-route.md, spec/rras/updating-routes*.md).
 *
 * A route is in its destination's route list and in its owner's route list
 * from creation to deletion; the destination list holds the route's
 * creation reference. Deleting unlinks it, sets its State to
 * RTM_ROUTE_STATE_DELETED and drops that reference: clients still holding
 * its handle see a deleted route until they release it. A route holds
 * internal references on its destination and owner and client references
 * on its Neighbour and next hops (see route.h).
 */
#include <string.h>

#include "dest.h"
#include "debug_objects.h"
#include "nexthop.h"
#include "notify.h"
#include "route_list.h"

void rtm_route_destroy(struct rtm_object *obj)
{
    rtm_route_expiry_free((struct rtm_route *)obj);
    rtm_free(obj);
}

static void route_free(struct rtm_object *obj)
{
    struct rtm_route *route = (struct rtm_route *)obj;

    rtm_take_back_handle(route->info.Neighbour, RTM_OBJ_NEXTHOP);
    for (UINT i = 0; i < rtm_route_nexthop_count(&route->info); i++)
        rtm_take_back_handle(route->info.NextHopsList.NextHops[i], RTM_OBJ_NEXTHOP);
    rtm_object_unref(&route->dest->obj);
    rtm_object_unref(&route->owner->obj);
    rtm_route_destroy(obj);
}

/* Bytes of a route object with room for the profile's next hops. */
static size_t route_size(void)
{
    size_t info = RTM_ROUTE_INFO_BYTES > sizeof(RTM_ROUTE_INFO) ? RTM_ROUTE_INFO_BYTES
                                                                : sizeof(RTM_ROUTE_INFO);
    return offsetof(struct rtm_route, info) + info;
}

/* Copies info with a client reference on each handle it holds; a handle
 * that is no longer valid becomes NULL in the copy. */
void rtm_route_copy_info(const struct rtm_route *route, RTM_ROUTE_INFO *out)
{
    UINT n = rtm_route_nexthop_count(&route->info);

    memcpy(out, &route->info, offsetof(RTM_ROUTE_INFO, NextHopsList.NextHops) + n * sizeof(HANDLE));
    out->NextHopsList.NumNextHops = (USHORT)n;
    rtm_give_handle(&route->dest->obj, &out->DestHandle);
    rtm_give_handle(&route->owner->obj, &out->RouteOwner);
    if (out->Neighbour && rtm_handle_reference(out->Neighbour, RTM_OBJ_NEXTHOP) != RTM_HANDLE_OK)
        out->Neighbour = NULL;
    for (UINT i = 0; i < n; i++) {
        HANDLE *h = &out->NextHopsList.NextHops[i];
        if (*h && rtm_handle_reference(*h, RTM_OBJ_NEXTHOP) != RTM_HANDLE_OK)
            *h = NULL;
    }
}

/* ---- the route's values ---------------------------------------------- */

/* Client references on the Neighbour and next hops of a new route value. */
struct route_refs {
    HANDLE neighbour;
    UINT count;
    HANDLE nexthops[RTM_MAX_NEXTHOPS_IN_ROUTE];
};

static void refs_release(const struct route_refs *refs)
{
    rtm_take_back_handle(refs->neighbour, RTM_OBJ_NEXTHOP);
    for (UINT i = 0; i < refs->count; i++)
        rtm_take_back_handle(refs->nexthops[i], RTM_OBJ_NEXTHOP);
}

/* A client reference on a next hop of the caller's table: NO_ERROR,
 * ERROR_INVALID_HANDLE, or ERROR_INVALID_PARAMETER when own is set and the
 * next hop is not the caller's. */
static DWORD nexthop_reference(struct rtm_entity *me, HANDLE handle, int own, HANDLE *out)
{
    struct rtm_nexthop *nh = (struct rtm_nexthop *)rtm_lookup_in_table(me, handle, RTM_OBJ_NEXTHOP);
    DWORD status;

    *out = NULL;
    if (!nh)
        return ERROR_INVALID_HANDLE;
    status = own && nh->owner != me ? ERROR_INVALID_PARAMETER : rtm_give_handle(&nh->obj, out);
    rtm_object_unref(&nh->obj);
    return status;
}

/*
 * Checks a route value given by a client and takes the references it needs:
 * the Neighbour (any next hop of the table, or NULL) and the next hops (the
 * caller's own, at most RTM_MAX_NEXTHOPS_IN_ROUTE). On error nothing is
 * held.
 */
static DWORD refs_take(struct rtm_entity *me, const RTM_ROUTE_INFO *info, struct route_refs *refs)
{
    DWORD status = NO_ERROR;

    memset(refs, 0, sizeof *refs);
    if (info->NextHopsList.NumNextHops > RTM_MAX_NEXTHOPS_IN_ROUTE ||
        (info->BelongsToViews & ~RTM_SUPPORTED_VIEWS))
        return ERROR_INVALID_PARAMETER;
    if (info->Neighbour)
        status = nexthop_reference(me, info->Neighbour, 0, &refs->neighbour);
    for (UINT i = 0; status == NO_ERROR && i < info->NextHopsList.NumNextHops; i++) {
        status = nexthop_reference(me, info->NextHopsList.NextHops[i], 1, &refs->nexthops[i]);
        if (status == NO_ERROR)
            refs->count++;
    }
    if (status != NO_ERROR) {
        refs_release(refs);
        memset(refs, 0, sizeof *refs);
    }
    return status;
}

/*
 * Gives the route the client's values (dest lock held exclusively). The
 * references in refs move into the route; the ones it held before move
 * into old, for the caller to release after unlocking.
 */
static void route_set(struct rtm_route *route, const RTM_ROUTE_INFO *info,
                      const struct route_refs *refs, ULONG time_to_live, struct route_refs *old)
{
    old->neighbour = route->info.Neighbour;
    old->count = rtm_route_nexthop_count(&route->info);
    memcpy(old->nexthops, route->info.NextHopsList.NextHops, old->count * sizeof(HANDLE));

    route->info.Neighbour = refs->neighbour;
    route->info.Flags1 = info->Flags1;
    route->info.Flags = info->Flags;
    route->info.PrefInfo = info->PrefInfo;
    route->info.BelongsToViews = info->BelongsToViews;
    route->info.EntitySpecificInfo = info->EntitySpecificInfo;
    route->info.NextHopsList.NumNextHops = (USHORT)refs->count;
    memcpy(route->info.NextHopsList.NextHops, refs->nexthops, refs->count * sizeof(HANDLE));
    route->time_to_live = time_to_live;
}

/* ---- what a change changed (for change notification) ---------------- */

/* The values of a route that notifications compare. */
struct route_values {
    RTM_VIEW_SET views;     /* BelongsToViews */
    RTM_VIEW_SET best;      /* the views it is the best route of */
    RTM_ROUTE_INFO info;    /* its public values, next hops excluded */
    UINT nexthop_count;
    HANDLE nexthops[RTM_MAX_NEXTHOPS_IN_ROUTE];
};

static RTM_VIEW_SET best_in_views(const struct rtm_route *route);

/* Records a route's values (dest lock held). */
static void values_of(const struct rtm_route *route, struct route_values *v)
{
    v->views = route->info.BelongsToViews;
    v->best = best_in_views(route);
    memcpy(&v->info, &route->info, offsetof(RTM_ROUTE_INFO, NextHopsList));
    v->nexthop_count = rtm_route_nexthop_count(&route->info);
    memcpy(v->nexthops, route->info.NextHopsList.NextHops, v->nexthop_count * sizeof(HANDLE));
}

/*
 * Describes the change of a route from before to after (either NULL when
 * the route was created or deleted); best_changed: the views whose best
 * route is now another one. A best route that stays best changes BEST when
 * its preference, flags or next hops change, and FORWARDING unless only
 * flags outside RTM_ROUTE_FLAGS_FORWARDING changed.
 */
static void describe_change(const struct route_values *before, const struct route_values *after,
                            RTM_VIEW_SET best_changed, struct rtm_change *change)
{
    int any = 1, best = 0, forwarding = 0;

    if (before && after) {
        const RTM_ROUTE_INFO *a = &before->info, *b = &after->info;
        int nexthops = before->nexthop_count != after->nexthop_count ||
                       memcmp(before->nexthops, after->nexthops,
                              before->nexthop_count * sizeof(HANDLE)) != 0;
        forwarding = nexthops || a->PrefInfo.Preference != b->PrefInfo.Preference ||
                     a->PrefInfo.Metric != b->PrefInfo.Metric ||
                     ((a->Flags ^ b->Flags) & RTM_ROUTE_FLAGS_FORWARDING);
        best = forwarding || a->Flags != b->Flags;
        any = best || a->Neighbour != b->Neighbour || a->Flags1 != b->Flags1 ||
              before->views != after->views || a->EntitySpecificInfo != b->EntitySpecificInfo;
    }
    change->all = any ? (before ? before->views : 0) | (after ? after->views : 0) : 0;
    change->best = best_changed;
    change->forwarding = best_changed;
    if (before && after) {
        RTM_VIEW_SET still_best = before->best & after->best;
        change->best |= best ? still_best : 0;
        change->forwarding |= forwarding ? still_best : 0;
    }
}

/* Source of the routes' creation sequence numbers (route->seq). */
static rtm_atomic64 route_seq;

/* Creates an empty route of me to dest, with its expiry timer when ttl is
 * finite, linked into both lists (dest lock held exclusively). Returns NULL,
 * with nothing changed, when out of memory. */
static struct rtm_route *route_create(struct rtm_entity *me, struct rtm_dest *dest, ULONG ttl)
{
    struct rtm_route *route = rtm_calloc(1, route_size());
    struct rtm_route **tail;

    if (!route)
        return NULL;
    route->dest = dest;
    route->owner = me;
    route->info.DestHandle = rtm_object_handle(&dest->obj);
    route->info.RouteOwner = rtm_object_handle(&me->obj);
    route->info.State = RTM_ROUTE_STATE_CREATED;
    rtm_object_ref(&dest->obj);
    rtm_object_ref(&me->obj);
    if (rtm_object_init(&route->obj, RTM_OBJ_ROUTE, route_free) != RTM_HANDLE_OK) {
        rtm_object_unref(&dest->obj);
        rtm_object_unref(&me->obj);
        rtm_free(route);
        return NULL;
    }
    rtm_object_set_scope(&route->obj, me->table->id);
    if (rtm_route_expiry_prepare(route, ttl) != NO_ERROR) {
        rtm_object_unref(&route->obj); /* route_free: not linked yet */
        return NULL;
    }

    route->seq = (uint64_t)rtm_atomic64_add(&route_seq, 1);
    for (tail = &dest->routes; *tail; tail = &(*tail)->dest_next)
        ;
    *tail = route;
    route->in_dest = 1;

    rtm_rwlock_lock_exclusive(&me->lock);
    route->owner_next = me->routes;
    if (me->routes)
        me->routes->owner_prev = route;
    me->routes = route;
    rtm_rwlock_unlock_exclusive(&me->lock);
    return route;
}

/*
 * Unlinks a route from its destination and owner, marks it deleted, stops
 * its aging, holds it down where asked and notifies the change (dest lock
 * held exclusively). Returns the views whose best route changed. The
 * caller drops the destination list's reference after unlocking, and calls
 * rtm_dest_remove_if_empty first.
 */
static RTM_VIEW_SET route_unlink(struct rtm_route *route)
{
    struct rtm_dest *dest = route->dest;
    struct rtm_entity *owner = route->owner;
    struct rtm_route **p;
    struct route_values before;
    struct rtm_change change;
    RTM_VIEW_SET best_changed;

    values_of(route, &before);
    if (route->expiry)
        rtm_timer_cancel(route->expiry);

    for (p = &dest->routes; *p != route; p = &(*p)->dest_next)
        ;
    *p = route->dest_next;
    route->dest_next = NULL;
    route->in_dest = 0;
    route->info.State = RTM_ROUTE_STATE_DELETED;

    rtm_rwlock_lock_exclusive(&owner->lock);
    if (route->owner_prev)
        route->owner_prev->owner_next = route->owner_next;
    else
        owner->routes = route->owner_next;
    if (route->owner_next)
        route->owner_next->owner_prev = route->owner_prev;
    route->owner_prev = route->owner_next = NULL;
    rtm_route_list_unlink(route);
    rtm_rwlock_unlock_exclusive(&owner->lock);

    best_changed = rtm_dest_update_best(dest);
    describe_change(&before, NULL, best_changed, &change);
    change.all |= rtm_hold_deleted_route(dest, route, before.best);
    rtm_notify_changes(dest, &change);
    return best_changed;
}

/* Nonzero if the route is the best route of some view (dest lock held). */
static RTM_VIEW_SET best_in_views(const struct rtm_route *route)
{
    RTM_VIEW_SET views = 0;

    for (int v = 0; v < RTM_VIEW_COUNT; v++)
        if (route->dest->best[v] == route)
            views |= 1u << v;
    return views;
}

/* Validates a route handle of the caller's table. */
static struct rtm_route *route_lookup(struct rtm_entity *me, HANDLE handle)
{
    return (struct rtm_route *)rtm_lookup_in_table(me, handle, RTM_OBJ_ROUTE);
}

/* Finds the route of me on dest that info identifies (dest lock held). */
static struct rtm_route *route_find(struct rtm_dest *dest, const struct rtm_entity *me,
                                    const RTM_ROUTE_INFO *info, RTM_ROUTE_CHANGE_FLAGS flags)
{
    for (struct rtm_route *r = dest->routes; r; r = r->dest_next)
        if (r->owner == me && ((flags & RTM_ROUTE_CHANGE_FIRST) || r->info.Neighbour == info->Neighbour))
            return r;
    return NULL;
}

/* Nonzero if addr names the prefix of dest. */
static int same_prefix(const struct rtm_dest *dest, const RTM_NET_ADDRESS *addr)
{
    uint8_t key[RTM_MAX_ADDRESS_SIZE];

    rtm_prefix_canonicalize(key, addr->AddrBits, addr->NumBits, sizeof key);
    return addr->NumBits == dest->address.NumBits &&
           memcmp(key, dest->address.AddrBits, sizeof key) == 0;
}

/**
 * RtmAddRouteToDest - adds a route, or updates one of the caller's routes
 * (spec/rtmv2/nf-rtmv2-rtmaddroutetodest.md).
 *
 * @RtmRegHandle [in]     the caller's registration handle.
 * @RouteHandle [in, out] NULL: no handle wanted; pointer to NULL: receives
 *                        the route's handle (one client reference, release
 *                        with RtmReleaseRoutes); pointer to a handle: that
 *                        route (the caller's) is updated.
 * @DestAddress [in]      the destination prefix, of the table's family.
 * @RouteInfo [in]        the route's values: Neighbour (a next hop of the
 *                        table, or NULL), Flags1, Flags, PrefInfo,
 *                        BelongsToViews (unicast and/or multicast),
 *                        EntitySpecificInfo, NextHopsList (at most
 *                        RTM_MAX_NEXTHOPS_IN_ROUTE of the caller's next
 *                        hops). DestHandle, RouteOwner and State are ignored.
 *                        The route takes its own references on the next
 *                        hops: the caller keeps and releases its handles.
 * @TimeToLive [in]       milliseconds until the route expires, or INFINITE;
 *                        restarts the route's clock (see aging.c).
 * @RouteListHandle [in]  one of the caller's route lists to move the route
 *                        into (out of the list it was in), or NULL to leave
 *                        its list membership as it is.
 * @NotifyType, @NotifyHandle [in] reserved; ignored.
 * @ChangeFlags [in, out] in: RTM_ROUTE_CHANGE_FIRST to match an existing
 *                        route by destination and owner only (not
 *                        Neighbour), RTM_ROUTE_CHANGE_NEW to add a new route
 *                        even when an equal one exists (as the sample
 *                        spec/rras/add-and-update-routes-using-
 *                        rtmaddroutetodest.md describes); out: RTM_ROUTE_CHANGE_NEW when a route
 *                        was created, plus RTM_ROUTE_CHANGE_BEST when the
 *                        route is now the best in some view or the best
 *                        route of some view changed. May be NULL.
 *
 * A route is identified by (destination, owner, Neighbour); adding an equal
 * route updates it, unless RTM_ROUTE_CHANGE_NEW is given. Best routes are recomputed; the destination is created
 * on its first route.
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the route handle given is of
 * another entity's route; ERROR_INVALID_HANDLE for a bad registration,
 * route, next-hop or route-list handle (a route list must be the caller's
 * and not deleted); ERROR_INVALID_PARAMETER when a
 * required pointer is NULL, the address is not of the table's family or
 * too long (or is not the route's destination, when updating by handle),
 * there are too many next hops, a next hop is not the caller's, or
 * BelongsToViews names unsupported views; ERROR_NOT_FOUND when the route
 * handle given is of a deleted route; ERROR_NOT_ENOUGH_MEMORY. Nothing
 * changes on error. The change is queued for the change notification
 * registrations that watch it. Takes the destination's lock exclusively
 * (and the owner's, and the table lock for a new destination).
 */
DWORD WINAPI RtmAddRouteToDest(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_ROUTE_HANDLE RouteHandle,
                               PRTM_NET_ADDRESS DestAddress, PRTM_ROUTE_INFO RouteInfo,
                               ULONG TimeToLive, RTM_ROUTE_LIST_HANDLE RouteListHandle,
                               RTM_NOTIFY_FLAGS NotifyType, RTM_NOTIFY_HANDLE NotifyHandle,
                               PRTM_ROUTE_CHANGE_FLAGS ChangeFlags)
{
    RTM_DEBUG_API_ENTRY(RtmAddRouteToDest, RtmRegHandle,
                        (RtmRegHandle, RouteHandle, DestAddress, RouteInfo, TimeToLive,
                        RouteListHandle, NotifyType, NotifyHandle, ChangeFlags),
                        "route %#llx, %s, ttl %u, list %#llx, flags %#x",
                        RouteHandle ? RTM_DEBUG_H(*RouteHandle) : 0ull, rtm_debug_addr(DestAddress),
                        RTM_DEBUG_U(TimeToLive), RTM_DEBUG_H(RouteListHandle),
                        ChangeFlags ? RTM_DEBUG_U(*ChangeFlags) : 0u);
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    RTM_ROUTE_CHANGE_FLAGS flags = ChangeFlags ? *ChangeFlags : 0, out = 0;
    struct rtm_route *route = NULL;
    struct rtm_dest *dest = NULL;
    struct rtm_route_list *list = NULL;
    struct route_refs refs, old = { 0 };
    DWORD status;

    (void)NotifyType;
    (void)NotifyHandle;
    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!RouteInfo || !DestAddress || !rtm_table_address_ok(me->table, DestAddress)) {
        rtm_entity_put(me);
        return ERROR_INVALID_PARAMETER;
    }
    if (RouteListHandle && !(list = rtm_route_list_get(me, RouteListHandle))) {
        rtm_entity_put(me);
        return ERROR_INVALID_HANDLE;
    }
    status = refs_take(me, RouteInfo, &refs);
    if (status != NO_ERROR) {
        rtm_route_list_put(list);
        rtm_entity_put(me);
        return status;
    }

    if (RouteHandle && *RouteHandle) {
        route = route_lookup(me, *RouteHandle);
        if (!route)
            status = ERROR_INVALID_HANDLE;
        else if (route->owner != me)
            status = ERROR_ACCESS_DENIED;
        else if (!same_prefix(route->dest, DestAddress))
            status = ERROR_INVALID_PARAMETER;
        if (status == NO_ERROR) {
            dest = route->dest;
            rtm_object_ref(&dest->obj);
            rtm_rwlock_lock_exclusive(&dest->lock.lock);
            if (!route->in_dest) {
                rtm_rwlock_unlock_exclusive(&dest->lock.lock);
                status = ERROR_NOT_FOUND;
            }
        }
    } else {
        for (;;) {
            status = rtm_dest_get_or_create(me->table, DestAddress, &dest);
            if (status != NO_ERROR)
                break;
            rtm_rwlock_lock_exclusive(&dest->lock.lock);
            if (dest->in_table)
                break;
            rtm_rwlock_unlock_exclusive(&dest->lock.lock);
            rtm_object_unref(&dest->obj);
            dest = NULL;
        }
        if (status == NO_ERROR) {
            route = (flags & RTM_ROUTE_CHANGE_NEW) ? NULL : route_find(dest, me, RouteInfo, flags);
            if (route) {
                rtm_object_ref(&route->obj);
            } else {
                route = route_create(me, dest, TimeToLive);
                if (route) {
                    rtm_object_ref(&route->obj);
                    out |= RTM_ROUTE_CHANGE_NEW;
                } else {
                    status = ERROR_NOT_ENOUGH_MEMORY;
                    rtm_dest_remove_if_empty(dest);
                    rtm_rwlock_unlock_exclusive(&dest->lock.lock);
                }
            }
        }
    }

    /* A new route has its timer already (route_create): only an existing
     * route can fail here, before anything changed. */
    if (status == NO_ERROR && rtm_route_expiry_prepare(route, TimeToLive) != NO_ERROR) {
        status = ERROR_NOT_ENOUGH_MEMORY;
        rtm_rwlock_unlock_exclusive(&dest->lock.lock);
    }
    if (status == NO_ERROR) {
        struct route_values before, after;
        struct rtm_change change;
        RTM_VIEW_SET best_changed;
        int created = (out & RTM_ROUTE_CHANGE_NEW) != 0;

        values_of(route, &before);
        route_set(route, RouteInfo, &refs, TimeToLive, &old);
        best_changed = rtm_dest_update_best(dest);
        values_of(route, &after);
        describe_change(created ? NULL : &before, &after, best_changed, &change);
        rtm_notify_changes(dest, &change);
        rtm_route_expiry_set(route, TimeToLive);
        if (best_changed || after.best)
            out |= RTM_ROUTE_CHANGE_BEST;
        if (list)
            rtm_route_list_insert(list, route);
        rtm_rwlock_unlock_exclusive(&dest->lock.lock);
        refs_release(&old);
        if (RouteHandle && !*RouteHandle)
            rtm_give_handle(&route->obj, RouteHandle);
        if (ChangeFlags)
            *ChangeFlags = out;
    } else {
        refs_release(&refs);
    }
    if (route)
        rtm_object_unref(&route->obj);
    if (dest)
        rtm_object_unref(&dest->obj);
    rtm_route_list_put(list);
    rtm_entity_put(me);
    return status;
}

/* Deletes a route (no lock held). Returns the views whose best route
 * changed, or -1 if the route was already deleted. */
static int64_t route_delete(struct rtm_route *route)
{
    struct rtm_dest *dest = route->dest;
    RTM_VIEW_SET changed;

    rtm_object_ref(&dest->obj);
    rtm_rwlock_lock_exclusive(&dest->lock.lock);
    if (!route->in_dest) {
        rtm_rwlock_unlock_exclusive(&dest->lock.lock);
        rtm_object_unref(&dest->obj);
        return -1;
    }
    changed = route_unlink(route);
    rtm_dest_remove_if_empty(dest);
    rtm_rwlock_unlock_exclusive(&dest->lock.lock);
    rtm_object_unref(&route->obj); /* the destination list's reference */
    rtm_object_unref(&dest->obj);
    return changed;
}

int rtm_route_delete(struct rtm_route *route)
{
    return route_delete(route) >= 0;
}

/**
 * RtmDeleteRouteToDest - deletes one of the caller's routes
 * (spec/rtmv2/nf-rtmv2-rtmdeleteroutetodest.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @RouteHandle [in]  the route; the call also releases this handle (the
 *                    caller must not release it again).
 * @ChangeFlags [out] receives RTM_ROUTE_CHANGE_BEST when the best route of
 *                    some view changed, else 0. May be NULL.
 *
 * The route leaves its destination (which disappears with its last route)
 * and its State becomes RTM_ROUTE_STATE_DELETED for those still holding
 * handles to it.
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the route is another entity's;
 * ERROR_INVALID_HANDLE for a bad registration or route handle;
 * ERROR_NOT_FOUND when the route was already deleted (its handle is then
 * not released). Takes the destination's lock exclusively.
 */
DWORD WINAPI RtmDeleteRouteToDest(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ROUTE_HANDLE RouteHandle,
                                  PRTM_ROUTE_CHANGE_FLAGS ChangeFlags)
{
    RTM_DEBUG_API_ENTRY(RtmDeleteRouteToDest, RtmRegHandle,
                        (RtmRegHandle, RouteHandle, ChangeFlags),
                        "route %#llx", RTM_DEBUG_H(RouteHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route *route;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    route = route_lookup(me, RouteHandle);
    if (!route) {
        status = ERROR_INVALID_HANDLE;
    } else if (route->owner != me) {
        status = ERROR_ACCESS_DENIED;
    } else {
        int64_t changed = route_delete(route);
        if (changed < 0) {
            status = ERROR_NOT_FOUND;
        } else {
            rtm_handle_release(RouteHandle, RTM_OBJ_ROUTE);
            if (ChangeFlags)
                *ChangeFlags = changed ? RTM_ROUTE_CHANGE_BEST : 0;
        }
    }
    if (route)
        rtm_object_unref(&route->obj);
    rtm_entity_put(me);
    return status;
}

void rtm_routes_delete_owned(struct rtm_entity *entity)
{
    for (;;) {
        struct rtm_route *route;

        rtm_rwlock_lock_shared(&entity->lock);
        route = entity->routes;
        if (route)
            rtm_object_ref(&route->obj);
        rtm_rwlock_unlock_shared(&entity->lock);
        if (!route)
            break;
        route_delete(route);
        rtm_object_unref(&route->obj);
    }
}

/**
 * RtmGetRouteInfo - returns a copy of a route's information and its
 * destination's address (spec/rtmv2/nf-rtmv2-rtmgetrouteinfo.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @RouteHandle [in]  a route of the caller's table (any owner).
 * @RouteInfo [out]   a buffer with room for MaxNextHopsInRoute next hops
 *                    (RTM_SIZE_OF_ROUTE_INFO(MaxNextHopsInRoute + 1) bytes:
 *                    the SDK macro counts one handle short) receiving the route's information, or NULL. Its
 *                    DestHandle, RouteOwner, Neighbour and next-hop handles
 *                    each hold a client reference: release them with
 *                    RtmReleaseRouteInfo.
 * @DestAddress [out] receives the destination's address, or NULL.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or route
 * handle. Takes the destination's lock shared.
 */
DWORD WINAPI RtmGetRouteInfo(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ROUTE_HANDLE RouteHandle,
                             PRTM_ROUTE_INFO RouteInfo, PRTM_NET_ADDRESS DestAddress)
{
    RTM_DEBUG_API_ENTRY(RtmGetRouteInfo, RtmRegHandle,
                        (RtmRegHandle, RouteHandle, RouteInfo, DestAddress),
                        "route %#llx", RTM_DEBUG_H(RouteHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route *route;

    if (!me)
        return ERROR_INVALID_HANDLE;
    route = route_lookup(me, RouteHandle);
    if (!route) {
        rtm_entity_put(me);
        return ERROR_INVALID_HANDLE;
    }
    rtm_rwlock_lock_shared(&route->dest->lock.lock);
    if (RouteInfo)
        rtm_route_copy_info(route, RouteInfo);
    if (DestAddress)
        *DestAddress = route->dest->address;
    rtm_rwlock_unlock_shared(&route->dest->lock.lock);
    rtm_object_unref(&route->obj);
    rtm_entity_put(me);
    return NO_ERROR;
}

/**
 * RtmReleaseRouteInfo - releases the handles in an RTM_ROUTE_INFO filled by
 * RtmGetRouteInfo or RtmGetExactMatchRoute
 * (spec/rtmv2/nf-rtmv2-rtmreleaserouteinfo.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @RouteInfo [in]    the structure: DestHandle, RouteOwner, Neighbour and
 *                    each next hop drop one client reference.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle in the structure is stale, already released or of another
 * table (the others are released all the same); ERROR_INVALID_PARAMETER
 * when RouteInfo is NULL or lists more than RTM_MAX_NEXTHOPS_IN_ROUTE next
 * hops (nothing is released).
 */
DWORD WINAPI RtmReleaseRouteInfo(RTM_ENTITY_HANDLE RtmRegHandle, PRTM_ROUTE_INFO RouteInfo)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseRouteInfo, RtmRegHandle, (RtmRegHandle, RouteInfo), "info %#llx",
                        RTM_DEBUG_H(RouteInfo));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!RouteInfo || RouteInfo->NextHopsList.NumNextHops > RTM_MAX_NEXTHOPS_IN_ROUTE) {
        rtm_entity_put(me);
        return ERROR_INVALID_PARAMETER;
    }
    if (rtm_release_in_table(me, RouteInfo->DestHandle, RTM_OBJ_DEST) != NO_ERROR)
        status = ERROR_INVALID_HANDLE;
    if (rtm_release_in_table(me, RouteInfo->RouteOwner, RTM_OBJ_ENTITY) != NO_ERROR)
        status = ERROR_INVALID_HANDLE;
    if (rtm_release_in_table(me, RouteInfo->Neighbour, RTM_OBJ_NEXTHOP) != NO_ERROR)
        status = ERROR_INVALID_HANDLE;
    for (UINT i = 0; i < RouteInfo->NextHopsList.NumNextHops; i++)
        if (rtm_release_in_table(me, RouteInfo->NextHopsList.NextHops[i], RTM_OBJ_NEXTHOP) != NO_ERROR)
            status = ERROR_INVALID_HANDLE;
    rtm_entity_put(me);
    return status;
}

/**
 * RtmGetRoutePointer - gives the owner of a route a pointer to the route's
 * own RTM_ROUTE_INFO, for reading (spec/rtmv2/nf-rtmv2-rtmgetroutepointer.md).
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @RouteHandle [in]   one of the caller's routes.
 * @RoutePointer [out] receives the pointer, valid while the caller holds a
 *                     handle of the route. No reference is taken.
 *
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the route is another entity's;
 * ERROR_INVALID_HANDLE for a bad registration or route handle;
 * ERROR_INVALID_PARAMETER when RoutePointer is NULL.
 */
DWORD WINAPI RtmGetRoutePointer(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ROUTE_HANDLE RouteHandle,
                                PRTM_ROUTE_INFO *RoutePointer)
{
    RTM_DEBUG_API_ENTRY(RtmGetRoutePointer, RtmRegHandle, (RtmRegHandle, RouteHandle, RoutePointer),
                        "route %#llx", RTM_DEBUG_H(RouteHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route *route;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    route = route_lookup(me, RouteHandle);
    if (!route)
        status = ERROR_INVALID_HANDLE;
    else if (route->owner != me)
        status = ERROR_ACCESS_DENIED;
    else if (!RoutePointer)
        status = ERROR_INVALID_PARAMETER;
    else
        *RoutePointer = &route->info;
    if (route)
        rtm_object_unref(&route->obj);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmLockRoute - locks or unlocks one of the caller's routes for an
 * in-place change (spec/rtmv2/nf-rtmv2-rtmlockroute.md). As documented, the
 * lock is the route's destination's: it locks the destination and all its
 * routes.
 *
 * @RtmRegHandle [in]  the caller's registration handle.
 * @RouteHandle [in]   one of the caller's routes.
 * @Exclusive [in]     TRUE: exclusive mode (needed to change the route);
 *                     FALSE: shared.
 * @LockRoute [in]     TRUE to lock; FALSE to unlock a lock taken in that
 *                     mode.
 * @RoutePointer [out] when locking, receives a pointer to the route's
 *                     RTM_ROUTE_INFO, or NULL when not wanted. While holding
 *                     the lock exclusively the owner may change Neighbour,
 *                     PrefInfo, BelongsToViews, EntitySpecificInfo and
 *                     NextHopsList, managing the next-hop references itself,
 *                     then call RtmUpdateAndUnlockRoute.
 *
 * Returns NO_ERROR; ERROR_ACCESS_DENIED when the route is another entity's;
 * ERROR_INVALID_HANDLE for a bad registration or route handle;
 * ERROR_INVALID_PARAMETER when unlocking a route whose destination is not
 * locked in that mode through the API. Do not call other RTM functions on
 * this destination until it is unlocked.
 */
DWORD WINAPI RtmLockRoute(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ROUTE_HANDLE RouteHandle,
                          WINBOOL Exclusive, WINBOOL LockRoute, PRTM_ROUTE_INFO *RoutePointer)
{
    RTM_DEBUG_API_ENTRY(RtmLockRoute, RtmRegHandle,
                        (RtmRegHandle, RouteHandle, Exclusive, LockRoute, RoutePointer),
                        "route %#llx, exclusive %d, lock %d", RTM_DEBUG_H(RouteHandle),
                        (int)Exclusive, (int)LockRoute);
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route *route;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    route = route_lookup(me, RouteHandle);
    if (!route) {
        status = ERROR_INVALID_HANDLE;
    } else if (route->owner != me) {
        status = ERROR_ACCESS_DENIED;
    } else if (!LockRoute) {
        if (rtm_client_lock_release(&route->dest->lock, Exclusive) != 0)
            status = ERROR_INVALID_PARAMETER;
    } else {
        rtm_client_lock_acquire(&route->dest->lock, Exclusive);
        if (RoutePointer)
            *RoutePointer = &route->info;
    }
    RTM_DEBUG_LOCK((struct rtm_object *)route, Exclusive, LockRoute, status);
    if (route)
        rtm_object_unref(&route->obj);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmUpdateAndUnlockRoute - takes in the in-place changes the owner made to
 * a route locked with RtmLockRoute (exclusively), recomputes the best
 * routes and unlocks (spec/rtmv2/nf-rtmv2-rtmupdateandunlockroute.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle.
 * @RouteHandle [in]     one of the caller's routes, locked exclusively.
 * @TimeToLive [in]      milliseconds until the route expires, or INFINITE;
 *                       restarts the route's clock.
 * @RouteListHandle [in] one of the caller's route lists to move the route
 *                       into (out of the list it was in), or NULL to leave
 *                       its list membership as it is.
 * @NotifyType, @NotifyHandle [in] reserved; ignored.
 * @ChangeFlags [out]    receives RTM_ROUTE_CHANGE_BEST when the route is the
 *                       best in some view or a best route changed, else 0.
 *                       May be NULL.
 *
 * The read-only members (DestHandle, RouteOwner, State) are restored if they
 * were overwritten.
 * Returns NO_ERROR (the route is unlocked); ERROR_ACCESS_DENIED when the
 * route is another entity's; ERROR_INVALID_HANDLE for a bad registration,
 * route or route-list handle (a route list must be the caller's and not
 * deleted); ERROR_INVALID_PARAMETER when the destination
 * is not locked exclusively through the API, or the edited route lists more
 * than RTM_MAX_NEXTHOPS_IN_ROUTE next hops or unsupported views;
 * ERROR_NOT_ENOUGH_MEMORY (a finite TimeToLive needs a timer). On error the
 * route stays locked: unlock it with RtmLockRoute. The change is notified
 * as a best-route change in the views where the route was or is best.
 */
DWORD WINAPI RtmUpdateAndUnlockRoute(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ROUTE_HANDLE RouteHandle,
                                     ULONG TimeToLive, RTM_ROUTE_LIST_HANDLE RouteListHandle,
                                     RTM_NOTIFY_FLAGS NotifyType, RTM_NOTIFY_HANDLE NotifyHandle,
                                     PRTM_ROUTE_CHANGE_FLAGS ChangeFlags)
{
    RTM_DEBUG_API_ENTRY(RtmUpdateAndUnlockRoute, RtmRegHandle,
                        (RtmRegHandle, RouteHandle, TimeToLive, RouteListHandle, NotifyType,
                        NotifyHandle, ChangeFlags),
                        "route %#llx, ttl %u, list %#llx", RTM_DEBUG_H(RouteHandle),
                        RTM_DEBUG_U(TimeToLive), RTM_DEBUG_H(RouteListHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route_list *list = NULL;
    struct rtm_route *route;
    DWORD status = NO_ERROR;

    (void)NotifyType;
    (void)NotifyHandle;
    if (!me)
        return ERROR_INVALID_HANDLE;
    route = route_lookup(me, RouteHandle);
    if (!route) {
        status = ERROR_INVALID_HANDLE;
    } else if (route->owner != me) {
        status = ERROR_ACCESS_DENIED;
    } else if (RouteListHandle && !(list = rtm_route_list_get(me, RouteListHandle))) {
        status = ERROR_INVALID_HANDLE;
    } else if (!rtm_client_lock_held_exclusive(&route->dest->lock) ||
               route->info.NextHopsList.NumNextHops > RTM_MAX_NEXTHOPS_IN_ROUTE ||
               (route->info.BelongsToViews & ~RTM_SUPPORTED_VIEWS)) {
        status = ERROR_INVALID_PARAMETER;
    } else if (rtm_route_expiry_prepare(route, TimeToLive) != NO_ERROR) {
        status = ERROR_NOT_ENOUGH_MEMORY;
    } else {
        RTM_ROUTE_CHANGE_FLAGS out = 0;
        route->info.DestHandle = rtm_object_handle(&route->dest->obj);
        route->info.RouteOwner = rtm_object_handle(&me->obj);
        route->info.State = route->in_dest ? RTM_ROUTE_STATE_CREATED : RTM_ROUTE_STATE_DELETED;
        route->time_to_live = TimeToLive;
        if (route->in_dest) {
            /* The values before the edit are unknown: a route that was or
             * is best counts as a best-route change. */
            RTM_VIEW_SET best_before = best_in_views(route);
            RTM_VIEW_SET best_changed = rtm_dest_update_best(route->dest);
            RTM_VIEW_SET best_after = best_in_views(route);
            struct rtm_change change;
            change.all = route->info.BelongsToViews | best_before;
            change.best = change.forwarding = best_changed | best_before | best_after;
            rtm_notify_changes(route->dest, &change);
            rtm_route_expiry_set(route, TimeToLive);
            if (best_changed || best_after)
                out = RTM_ROUTE_CHANGE_BEST;
        }
        if (list)
            rtm_route_list_insert(list, route);
        rtm_client_lock_release(&route->dest->lock, 1);
        RTM_DEBUG_LOCK(&route->obj, 1, 0, NO_ERROR);
        if (ChangeFlags)
            *ChangeFlags = out;
    }
    if (route)
        rtm_object_unref(&route->obj);
    rtm_route_list_put(list);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmIsBestRoute - the views in which a route is the best route
 * (spec/rtmv2/nf-rtmv2-rtmisbestroute.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @RouteHandle [in]  a route of the caller's table.
 * @BestInViews [out] receives the set of views (0 for none, and for a
 *                    deleted route).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration or route
 * handle; ERROR_INVALID_PARAMETER when BestInViews is NULL. Takes the
 * destination's lock shared.
 */
DWORD WINAPI RtmIsBestRoute(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ROUTE_HANDLE RouteHandle,
                            PRTM_VIEW_SET BestInViews)
{
    RTM_DEBUG_API_ENTRY(RtmIsBestRoute, RtmRegHandle, (RtmRegHandle, RouteHandle, BestInViews),
                        "route %#llx", RTM_DEBUG_H(RouteHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route *route;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    route = route_lookup(me, RouteHandle);
    if (!route) {
        status = ERROR_INVALID_HANDLE;
    } else if (!BestInViews) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        rtm_rwlock_lock_shared(&route->dest->lock.lock);
        *BestInViews = best_in_views(route);
        rtm_rwlock_unlock_shared(&route->dest->lock.lock);
    }
    if (route)
        rtm_object_unref(&route->obj);
    rtm_entity_put(me);
    return status;
}
