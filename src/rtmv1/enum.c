/*
 * enum.c - RtmCreateEnumerationHandle, RtmEnumerateGetNextRoute and
 * RtmCloseEnumerationHandle (enum.h).
 */
#include <string.h>

#include "enum.h"
#include "base/debug.h"

void rtmv1_enum_destroy(struct rtm_object *obj)
{
    struct rtmv1_enum *e = (struct rtmv1_enum *)obj;

    rtm_mutex_destroy(&e->lock);
    rtm_free(e);
}

/**
 * RtmCreateEnumerationHandle - starts an enumeration of the routes of a
 * protocol family's table that meet criteria
 * (spec/rras/rtmcreateenumerationhandle.md).
 *
 * @ProtocolFamily   [in] RTM_PROTOCOL_FAMILY_IP or RTM_PROTOCOL_FAMILY_IPX.
 * @EnumerationFlags [in] 0 (every route), or RTM_ONLY_THIS_NETWORK,
 *                        RTM_ONLY_THIS_INTERFACE, RTM_ONLY_THIS_PROTOCOL,
 *                        RTM_ONLY_BEST_ROUTES combined (rtmv1/walk.h).
 * @CriteriaRoute    [in] an RTM_IP_ROUTE or RTM_IPX_ROUTE with the members
 *                        the flags name (read now); may be NULL when no
 *                        flag needs one.
 *
 * The enumeration returns the routes in the order of RtmGetFirstRoute
 * (rtmv1/route.h) and keeps a position, not a snapshot: a route added
 * after the position is returned, one deleted before its turn is not, and
 * no route is returned twice.
 *
 * Returns the enumeration's handle (one reference, released by
 * RtmCloseEnumerationHandle). On failure returns NULL and sets the last
 * error: ERROR_NO_ROUTES when no route meets the criteria now;
 * ERROR_INVALID_PARAMETER for an unknown family or flag, a NULL
 * CriteriaRoute that a flag needs, or a network that is none;
 * ERROR_NOT_ENOUGH_MEMORY when there is no memory for the enumeration;
 * ERROR_NO_SYSTEM_RESOURCES when the handle table is full. Takes the table
 * lock shared.
 */
HANDLE WINAPI RtmCreateEnumerationHandle(DWORD ProtocolFamily, DWORD EnumerationFlags,
                                         PVOID CriteriaRoute)
{
    RTM_DEBUG_API_ENTRY_VALUE(HANDLE, RtmCreateEnumerationHandle,
                              (ProtocolFamily, EnumerationFlags, CriteriaRoute),
                              "family %u, flags %#x, criteria %#llx", RTM_DEBUG_U(ProtocolFamily),
                              RTM_DEBUG_U(EnumerationFlags), RTM_DEBUG_H(CriteriaRoute));
    struct rtmv1_table *table = rtmv1_table_of(ProtocolFamily);
    struct rtmv1_criteria criteria;
    struct rtmv1_enum *e;
    int any;

    if (!table ||
        rtmv1_criteria_read(table->family, EnumerationFlags, CriteriaRoute, &criteria) != NO_ERROR)
        return rtmv1_no_handle(ERROR_INVALID_PARAMETER);
    rtm_rwlock_lock_shared(&table->lock);
    any = rtmv1_walk(table, &criteria, NULL) != NULL;
    rtm_rwlock_unlock_shared(&table->lock);
    if (!any)
        return rtmv1_no_handle(ERROR_NO_ROUTES);
    e = rtm_calloc(1, sizeof *e);
    if (!e)
        return rtmv1_no_handle(ERROR_NOT_ENOUGH_MEMORY);
    e->table = table;
    e->criteria = criteria;
    rtm_mutex_init(&e->lock);
    if (rtm_object_init(&e->obj, RTMV1_OBJ_ENUM, rtmv1_enum_destroy) != RTM_HANDLE_OK) {
        rtmv1_enum_destroy(&e->obj);
        return rtmv1_no_handle(ERROR_NO_SYSTEM_RESOURCES);
    }
    rtm_object_internal_to_client(&e->obj);
    return rtm_object_handle(&e->obj);
}

/**
 * RtmEnumerateGetNextRoute - the next route of an enumeration
 * (spec/rras/rtmenumerategetnextroute.md).
 *
 * @EnumerationHandle [in]  the enumeration (RtmCreateEnumerationHandle).
 * @Route             [out] receives the route: an RTM_IP_ROUTE or
 *                          RTM_IPX_ROUTE, as the enumeration's family.
 *
 * Returns NO_ERROR; ERROR_NO_MORE_ROUTES when no route meets the criteria
 * after the last one returned (also on every later call);
 * ERROR_INVALID_HANDLE when EnumerationHandle is no open enumeration's;
 * ERROR_INVALID_PARAMETER for a NULL Route. ERROR_NO_SYSTEM_RESOURCES is
 * never returned: the walk allocates nothing. Calls on one enumeration run
 * one at a time (its lock, then the table lock shared).
 */
DWORD WINAPI RtmEnumerateGetNextRoute(HANDLE EnumerationHandle, PVOID Route)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmEnumerateGetNextRoute, (EnumerationHandle, Route),
                              "enum %#llx", RTM_DEBUG_H(EnumerationHandle));
    struct rtmv1_enum *e =
        (struct rtmv1_enum *)rtm_handle_lookup(EnumerationHandle, RTMV1_OBJ_ENUM);
    struct rtmv1_table *table;
    struct rtmv1_route *r;

    if (!e)
        return ERROR_INVALID_HANDLE;
    if (!Route) {
        rtm_object_unref(&e->obj);
        return ERROR_INVALID_PARAMETER;
    }
    table = e->table;
    rtm_mutex_lock(&e->lock);
    rtm_rwlock_lock_shared(&table->lock);
    r = rtmv1_walk(table, &e->criteria, e->started ? &e->last : NULL);
    if (r) {
        memcpy(Route, &r->data, table->family->route_size);
        rtmv1_position_of(table->family, &r->data, &r->net->key, &e->last);
        e->started = 1;
    }
    rtm_rwlock_unlock_shared(&table->lock);
    rtm_mutex_unlock(&e->lock);
    rtm_object_unref(&e->obj);
    return r ? NO_ERROR : ERROR_NO_MORE_ROUTES;
}

/**
 * RtmCloseEnumerationHandle - ends an enumeration
 * (spec/rras/rtmcloseenumerationhandle.md).
 *
 * @EnumerationHandle [in] the enumeration (RtmCreateEnumerationHandle); its
 *                         handle is stale once the call succeeds.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE when EnumerationHandle is no open
 * enumeration's (a second close included). ERROR_NO_SYSTEM_RESOURCES is
 * never returned. Takes no lock; a call on the enumeration in progress in
 * another thread finishes first.
 */
DWORD WINAPI RtmCloseEnumerationHandle(HANDLE EnumerationHandle)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmCloseEnumerationHandle, (EnumerationHandle), "enum %#llx",
                              RTM_DEBUG_H(EnumerationHandle));
    return rtm_handle_release(EnumerationHandle, RTMV1_OBJ_ENUM) == RTM_HANDLE_OK
               ? NO_ERROR
               : ERROR_INVALID_HANDLE;
}
