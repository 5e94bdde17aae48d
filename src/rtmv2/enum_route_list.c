/*
 * enum_route_list.c - enumerations of the routes in a route list:
 * RtmCreateRouteListEnum and RtmGetListEnumRoutes
 * (spec/rras/use-a-client-specific-route-list.md).
 *
 * A route-list enumeration remembers the last route it returned (with a
 * reference) and its list_seq: the next call continues after that route
 * when it is still where it was, and otherwise skips, from the head, the
 * routes inserted up to that list_seq, which it has returned already. So
 * routes inserted, moved out or deleted between calls never make it
 * return a route twice or miss one that stayed in the list - also when the
 * caller moves the routes it gets into another list, as the sample does.
 */
#include "enum.h"
#include "route_list.h"

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
