/*
 * handle_api.c - the exports that move handle references
 * (spec/rras/managing-handles.md).
 */
#include "entity.h"

/* Client reference on a handle of the caller's table, of any type. */
static int reference_one(const struct rtm_entity *me, HANDLE handle)
{
    struct rtm_object *obj = rtm_lookup_in_table(me, handle, RTM_OBJ_ANY);
    int ok = obj && rtm_object_ref_client(obj) == RTM_HANDLE_OK;

    if (obj)
        rtm_object_unref(obj);
    return ok;
}

/**
 * RtmReferenceHandles - adds a client reference to each of several handles,
 * so that a client can keep them after releasing the structure they came in
 * (spec/rtmv2/nf-rtmv2-rtmreferencehandles.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NumHandles [in]   number of handles.
 * @RtmHandles [in]   handles of the caller's table, of any type (entity,
 *                    destination, route, next hop); release each later with
 *                    the release function of its type.
 *
 * All or nothing: when one handle is bad, the references already added by
 * this call are dropped again.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle is NULL, stale, forged or of another table;
 * ERROR_INVALID_PARAMETER when RtmHandles is NULL and NumHandles > 0.
 */
DWORD WINAPI RtmReferenceHandles(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumHandles,
                                 HANDLE *RtmHandles)
{
    RTM_DEBUG_API_ENTRY(RtmReferenceHandles, RtmRegHandle, (RtmRegHandle, NumHandles, RtmHandles),
                        "%u handles", RTM_DEBUG_U(NumHandles));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status = NO_ERROR;
    UINT i;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!RtmHandles && NumHandles) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        for (i = 0; i < NumHandles && reference_one(me, RtmHandles[i]); i++)
            ;
        if (i < NumHandles) {
            status = ERROR_INVALID_HANDLE;
            while (i--)
                rtm_handle_release(RtmHandles[i], RTM_OBJ_ANY);
        }
    }
    rtm_entity_put(me);
    return status;
}

/**
 * RtmDereferenceHandles - drops one client reference of each of several
 * handles of any type: the counterpart of RtmReferenceHandles (exported by
 * Rtm.dll, not documented; this is the behaviour its name and its twin
 * imply).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NumHandles [in]   number of handles.
 * @RtmHandles [in]   handles of the caller's table.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle is invalid or has no client reference left (the others are
 * released all the same); ERROR_INVALID_PARAMETER when RtmHandles is NULL
 * and NumHandles > 0.
 */
DWORD WINAPI RtmDereferenceHandles(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumHandles,
                                   HANDLE *RtmHandles)
{
    RTM_DEBUG_API_ENTRY(RtmDereferenceHandles, RtmRegHandle, (RtmRegHandle, NumHandles, RtmHandles),
                        "%u handles", RTM_DEBUG_U(NumHandles));
    struct rtm_entity *me = rtm_entity_get(RtmRegHandle);
    DWORD status = NO_ERROR;

    if (!me)
        return ERROR_INVALID_HANDLE;
    if (!RtmHandles && NumHandles) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        for (UINT i = 0; i < NumHandles; i++) {
            struct rtm_object *obj = rtm_lookup_in_table(me, RtmHandles[i], RTM_OBJ_ANY);
            if (!obj || rtm_handle_release(RtmHandles[i], obj->type) != RTM_HANDLE_OK)
                status = ERROR_INVALID_HANDLE;
            if (obj)
                rtm_object_unref(obj);
        }
    }
    rtm_entity_put(me);
    return status;
}

/**
 * RtmReleaseRoutes - releases route handles
 * (spec/rtmv2/nf-rtmv2-rtmreleaseroutes.md).
 *
 * @RtmRegHandle [in] the caller's registration handle.
 * @NumRoutes [in]    number of handles.
 * @RouteHandles [in] route handles; each drops one client reference (a
 *                    deleted route is freed with its last reference).
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle is not a route handle of the caller's table with a client
 * reference (the others are released all the same); ERROR_INVALID_PARAMETER
 * when RouteHandles is NULL and NumRoutes > 0.
 */
DWORD WINAPI RtmReleaseRoutes(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumRoutes,
                              PRTM_ROUTE_HANDLE RouteHandles)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseRoutes, RtmRegHandle, (RtmRegHandle, NumRoutes, RouteHandles),
                        "%u routes", RTM_DEBUG_U(NumRoutes));
    return rtm_release_typed(RtmRegHandle, NumRoutes, RouteHandles, RTM_OBJ_ROUTE);
}

/**
 * RtmReleaseNextHops - releases next-hop handles
 * (spec/rtmv2/nf-rtmv2-rtmreleasenexthops.md).
 *
 * @RtmRegHandle [in]   the caller's registration handle.
 * @NumNextHops [in]    number of handles.
 * @NextHopHandles [in] next-hop handles; each drops one client reference.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE for a bad registration handle or
 * when a handle is not a next-hop handle of the caller's table with a client
 * reference (the others are released all the same); ERROR_INVALID_PARAMETER
 * when NextHopHandles is NULL and NumNextHops > 0.
 */
DWORD WINAPI RtmReleaseNextHops(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumNextHops,
                                PRTM_NEXTHOP_HANDLE NextHopHandles)
{
    RTM_DEBUG_API_ENTRY(RtmReleaseNextHops, RtmRegHandle,
                        (RtmRegHandle, NumNextHops, NextHopHandles),
                        "%u next hops", RTM_DEBUG_U(NumNextHops));
    return rtm_release_typed(RtmRegHandle, NumNextHops, NextHopHandles, RTM_OBJ_NEXTHOP);
}
