/*
 * route_list.c - client-specific route lists (route_list.h;
 * spec/rras/use-a-client-specific-route-list.md); their enumerations are
 * in enum_route_list.c.
 *
 * A list keeps its routes in order of insertion, each with the list_seq it
 * got then.
 */
#include "route_list.h"

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
