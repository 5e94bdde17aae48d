/*
 * route_list.c - client-specific route lists and their enumerations
 * (route_list.h; spec/rras/use-a-client-specific-route-list.md).
 *
 * A list keeps its routes in order of insertion, each with the list_seq it
 * got then. A route-list enumeration remembers the last route it returned
 * (with a reference) and its list_seq: the next call continues after that
 * route when it is still where it was, and otherwise skips, from the head,
 * the routes inserted up to that list_seq, which it has returned already.
 * So routes inserted, moved out or deleted between calls never make it
 * return a route twice or miss one that stayed in the list - also when the
 * caller moves the routes it gets into another list, as the sample does.
 */
#include "route_list.h"
#include "enum.h"

void rtm_route_list_destroy(struct rtm_object *obj)
{
    rtm_free(obj);
}

static void route_list_free(struct rtm_object *obj)
{
    rtm_owned_release_owner((struct rtm_owned *)obj);
    rtm_route_list_destroy(obj);
}

/* Takes a route out of its list (owner lock held exclusively). */
static void list_remove(struct rtm_route *route)
{
    struct rtm_route_list *list = route->list;

    if (route->list_prev)
        route->list_prev->list_next = route->list_next;
    else
        list->head = route->list_next;
    if (route->list_next)
        route->list_next->list_prev = route->list_prev;
    else
        list->tail = route->list_prev;
    route->list_prev = route->list_next = NULL;
    route->list = NULL;
}

/* Moves a route of the owner into list, or out of any list when list is
 * NULL (owner lock held exclusively). See rtm_route_list_insert. */
static void list_move(struct rtm_route_list *list, struct rtm_route *route)
{
    if (!rtm_route_owned(route) || route->list == list ||
        (list && !rtm_atomic32_load(&list->owned.live)))
        return;
    if (route->list)
        list_remove(route);
    if (!list)
        return;
    route->list = list;
    route->list_seq = ++list->next_seq;
    route->list_prev = list->tail;
    if (list->tail)
        list->tail->list_next = route;
    else
        list->head = route;
    list->tail = route;
}

void rtm_route_list_unlink(struct rtm_route *route)
{
    if (route->list)
        list_remove(route);
}

void rtm_route_list_insert(struct rtm_route_list *list, struct rtm_route *route)
{
    rtm_rwlock_lock_exclusive(&route->owner->lock);
    list_move(list, route);
    rtm_rwlock_unlock_exclusive(&route->owner->lock);
}

/* Empties a list being deleted (its on_delete; owner lock held exclusively). */
static void list_clear(struct rtm_owned *owned)
{
    struct rtm_route_list *list = (struct rtm_route_list *)owned;

    while (list->head)
        list_remove(list->head);
}

struct rtm_route_list *rtm_route_list_get(const struct rtm_entity *me, HANDLE handle)
{
    return (struct rtm_route_list *)rtm_owned_get(me, handle, RTM_OBJ_ROUTE_LIST);
}

void rtm_route_list_put(struct rtm_route_list *list)
{
    if (list)
        rtm_object_unref(&list->owned.obj);
}

/**
 * RtmCreateRouteList - creates an empty route list for the caller's routes
 * (spec/rtmv2/nf-rtmv2-rtmcreateroutelist.md).
 *
 * @RtmRegHandle [in]     the caller's registration handle.
 * @RouteListHandle [out] receives the list's handle: the caller's only,
 *                        until it deletes the list with RtmDeleteRouteList
 *                        (or deregisters, which deletes its lists).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle;
 * ERROR_INVALID_PARAMETER when RouteListHandle is NULL;
 * ERROR_NOT_ENOUGH_MEMORY. Takes the caller's entity lock.
 */
DWORD WINAPI RtmCreateRouteList(RTM_ENTITY_HANDLE RtmRegHandle,
                                PRTM_ROUTE_LIST_HANDLE RouteListHandle)
{
    RTM_DEBUG_API_ENTRY(RtmCreateRouteList, RtmRegHandle, (RtmRegHandle, RouteListHandle), "%s",
                        "");
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route_list *list;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!RouteListHandle)
        status = ERROR_INVALID_PARAMETER;
    else if (!(list = rtm_calloc(1, sizeof *list)))
        status = ERROR_NOT_ENOUGH_MEMORY;
    else
        status = rtm_owned_publish(&list->owned, me, RTM_OBJ_ROUTE_LIST, route_list_free,
                                   list_clear, RouteListHandle);
    rtm_entity_put(me);
    return status;
}

/* Nonzero if handle is a route of me's (deleted or not). */
static int own_route(const struct rtm_entity *me, HANDLE handle)
{
    struct rtm_object *obj = rtm_handle_lookup(handle, RTM_OBJ_ROUTE);
    int ok = obj && ((struct rtm_route *)obj)->owner == me;

    if (obj)
        rtm_object_unref(obj);
    return ok;
}

/**
 * RtmInsertInRouteList - moves some of the caller's routes into one of its
 * route lists, out of the lists they were in
 * (spec/rtmv2/nf-rtmv2-rtminsertinroutelist.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle.
 * @RouteListHandle [in] one of the caller's route lists; or NULL to take
 *                       the routes out of their lists.
 * @NumRoutes [in]       the number of handles in RouteHandles.
 * @RouteHandles [in]    handles of the caller's routes (the call takes no
 *                       reference: the caller still releases them). A route
 *                       already in the list keeps its place; a deleted
 *                       route is in no list and stays so.
 *
 * All or nothing: every handle is checked before any route moves.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle,
 * when RouteListHandle is not a route list of the caller's that has not
 * been deleted, or when a route handle is NULL, invalid or of a route the
 * caller does not own (nothing moves); ERROR_INVALID_PARAMETER when
 * RouteHandles is NULL and NumRoutes > 0. Takes the caller's entity lock
 * exclusively.
 */
DWORD WINAPI RtmInsertInRouteList(RTM_ENTITY_HANDLE RtmRegHandle,
                                  RTM_ROUTE_LIST_HANDLE RouteListHandle, UINT NumRoutes,
                                  PRTM_ROUTE_HANDLE RouteHandles)
{
    RTM_DEBUG_API_ENTRY(RtmInsertInRouteList, RtmRegHandle,
                        (RtmRegHandle, RouteListHandle, NumRoutes, RouteHandles),
                        "list %#llx, %u routes", RTM_DEBUG_H(RouteListHandle),
                        RTM_DEBUG_U(NumRoutes));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route_list *list = NULL;
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!RouteHandles && NumRoutes) {
        rtm_entity_put(me);
        return ERROR_INVALID_PARAMETER;
    }
    if (RouteListHandle && !(list = rtm_route_list_get(me, RouteListHandle))) {
        rtm_entity_put(me);
        return ERROR_INVALID_HANDLE;
    }
    rtm_rwlock_lock_exclusive(&me->lock);
    if (list && !rtm_atomic32_load(&list->owned.live))
        status = ERROR_INVALID_HANDLE;
    for (UINT i = 0; status == NO_ERROR && i < NumRoutes; i++)
        if (!own_route(me, RouteHandles[i]))
            status = ERROR_INVALID_HANDLE;
    for (UINT i = 0; status == NO_ERROR && i < NumRoutes; i++) {
        struct rtm_object *obj = rtm_handle_lookup(RouteHandles[i], RTM_OBJ_ROUTE);
        if (obj) {
            list_move(list, (struct rtm_route *)obj);
            rtm_object_unref(obj);
        }
    }
    rtm_rwlock_unlock_exclusive(&me->lock);
    rtm_route_list_put(list);
    rtm_entity_put(me);
    return status;
}

/**
 * RtmDeleteRouteList - empties and deletes one of the caller's route lists
 * (spec/rtmv2/nf-rtmv2-rtmdeleteroutelist.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle.
 * @RouteListHandle [in] the list; its handle is invalid afterwards.
 *
 * The routes stay in the table, in no list. Enumerations of the list
 * return no more routes.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when RouteListHandle is not a route list of the caller's that has not
 * been deleted. Takes the caller's entity lock exclusively.
 */
DWORD WINAPI RtmDeleteRouteList(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_ROUTE_LIST_HANDLE RouteListHandle)
{
    RTM_DEBUG_API_ENTRY(RtmDeleteRouteList, RtmRegHandle, (RtmRegHandle, RouteListHandle),
                        "list %#llx", RTM_DEBUG_H(RouteListHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    status = rtm_owned_delete(me, RouteListHandle, RTM_OBJ_ROUTE_LIST);
    rtm_entity_put(me);
    return status;
}

/* ---- enumerations of a list ------------------------------------------- */

struct list_enum {
    struct rtm_enum base;           /* first */
    struct rtm_route_list *list;    /* internal reference; constant */
    struct rtm_route *last;         /* the last route returned, or NULL;
                                       internal reference (enum lock) */
    uint64_t last_seq;              /* its list_seq then (enum lock) */
};

static void list_enum_cleanup(struct rtm_enum *base)
{
    struct list_enum *e = (struct list_enum *)base;

    if (e->last)
        rtm_object_unref(&e->last->obj);
    rtm_route_list_put(e->list);
}

/**
 * RtmCreateRouteListEnum - starts an enumeration of the routes in one of
 * the caller's route lists
 * (spec/rtmv2/nf-rtmv2-rtmcreateroutelistenum.md).
 *
 * @RtmRegHandle [in]    the caller's registration handle.
 * @RouteListHandle [in] the list.
 * @RtmEnumHandle [out]  receives the enumeration's handle: the caller's
 *                       only, until it deletes it with RtmDeleteEnumHandle
 *                       (or deregisters).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when RouteListHandle is not a route list of the caller's that has not
 * been deleted; ERROR_INVALID_PARAMETER when RtmEnumHandle is NULL;
 * ERROR_NOT_ENOUGH_MEMORY. Takes the caller's entity lock.
 */
DWORD WINAPI RtmCreateRouteListEnum(RTM_ENTITY_HANDLE RtmRegHandle,
                                    RTM_ROUTE_LIST_HANDLE RouteListHandle,
                                    PRTM_ENUM_HANDLE RtmEnumHandle)
{
    RTM_DEBUG_API_ENTRY(RtmCreateRouteListEnum, RtmRegHandle,
                        (RtmRegHandle, RouteListHandle, RtmEnumHandle),
                        "list %#llx", RTM_DEBUG_H(RouteListHandle));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    struct rtm_route_list *list;
    struct list_enum *e;
    DWORD status;

    if (!me)
        return ERROR_INVALID_HANDLE;
    list = rtm_route_list_get(me, RouteListHandle);
    if (!list) {
        status = ERROR_INVALID_HANDLE;
    } else if (!RtmEnumHandle) {
        status = ERROR_INVALID_PARAMETER;
    } else if (!(e = rtm_calloc(1, sizeof *e))) {
        status = ERROR_NOT_ENOUGH_MEMORY;
    } else {
        e->list = list;
        list = NULL; /* the enumeration's reference now */
        status = rtm_enum_publish(&e->base, me, RTM_ENUM_KIND_LIST, list_enum_cleanup,
                                  RtmEnumHandle);
    }
    rtm_route_list_put(list);
    rtm_entity_put(me);
    return status;
}

/* The first route of the list not returned yet (owner lock held). */
static struct rtm_route *first_to_come(const struct list_enum *e)
{
    struct rtm_route *r;

    if (e->last && e->last->list == e->list && e->last->list_seq == e->last_seq)
        return e->last->list_next;
    for (r = e->list->head; r && r->list_seq <= e->last_seq; r = r->list_next)
        ;
    return r;
}

/* Fills up to max route handles at out; returns how many. Takes the
 * owner's lock shared. */
static UINT fill(struct list_enum *e, UINT max, HANDLE *out, DWORD *status)
{
    struct rtm_entity *owner = e->list->owned.owner;
    struct rtm_route *r, *last = NULL, *old = NULL;
    UINT got = 0;

    rtm_rwlock_lock_shared(&owner->lock);
    r = rtm_atomic32_load(&e->list->owned.live) ? first_to_come(e) : NULL;
    for (; r && got < max; r = r->list_next) {
        if (rtm_give_handle(&r->obj, &out[got]) != NO_ERROR) {
            *status = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        got++;
        last = r;
    }
    if (last) {
        rtm_object_ref(&last->obj);
        old = e->last;
        e->last = last;
        e->last_seq = last->list_seq;
    }
    rtm_rwlock_unlock_shared(&owner->lock);
    if (old)
        rtm_object_unref(&old->obj);
    return got;
}

/**
 * RtmGetListEnumRoutes - returns the next routes of a route-list
 * enumeration (spec/rtmv2/nf-rtmv2-rtmgetlistenumroutes.md).
 *
 * @RtmRegHandle [in]   the caller's registration handle.
 * @EnumHandle [in]     an enumeration the caller created with
 *                      RtmCreateRouteListEnum.
 * @NumRoutes [in, out] in: how many handles RouteHandles has room for, at
 *                      most MaxHandlesInEnum (RTM_MAX_HANDLES_IN_ENUM, 100);
 *                      out: how many were returned (0 on error other than
 *                      ERROR_NOT_ENOUGH_MEMORY).
 * @RouteHandles [out]  receives the route handles in order of insertion
 *                      into the list; each holds a client reference:
 *                      release them with RtmReleaseRoutes.
 *
 * There are no more routes when fewer than *NumRoutes are returned: as the
 * sample shows, the end is not an error. Routes inserted into the list
 * after the enumeration passed them come at its end; a route moved out
 * before its turn is not returned.
 * Returns NO_ERROR (also at the end); ERROR_INVALID_HANDLE for a bad
 * registration handle or when EnumHandle is not a route-list enumeration
 * of the caller's; ERROR_INVALID_PARAMETER when NumRoutes is NULL,
 * *NumRoutes is more than RTM_MAX_HANDLES_IN_ENUM, or RouteHandles is NULL
 * and *NumRoutes > 0; ERROR_NOT_ENOUGH_MEMORY when a route has too many
 * references to be given one more (the handles before it are returned,
 * and the next call resumes at it). Takes the enumeration's lock, then the
 * caller's entity lock shared.
 */
DWORD WINAPI RtmGetListEnumRoutes(RTM_ENTITY_HANDLE RtmRegHandle, RTM_ENUM_HANDLE EnumHandle,
                                  PUINT NumRoutes, PRTM_ROUTE_HANDLE RouteHandles)
{
    RTM_DEBUG_API_ENTRY(RtmGetListEnumRoutes, RtmRegHandle,
                        (RtmRegHandle, EnumHandle, NumRoutes, RouteHandles),
                        "enum %#llx, asked %u", RTM_DEBUG_H(EnumHandle),
                        NumRoutes ? RTM_DEBUG_U(*NumRoutes) : 0u);
    struct rtm_enum_call call;
    DWORD status = rtm_enum_begin(&call, RtmRegHandle, EnumHandle, RTM_ENUM_KIND_LIST,
                                  NumRoutes, RouteHandles);
    UINT got;

    if (status != NO_ERROR)
        return status;
    got = fill((struct list_enum *)call.e, call.asked, RouteHandles, &status);
    return rtm_enum_end(&call, status, got, NumRoutes);
}
