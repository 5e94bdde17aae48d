/*
 * walk.c - enumerations (walk.h).
 */
#include "walk.h"

#include <stdlib.h>

/* Handles asked for per call: the registration profile's MaxHandlesInEnum
 * is at least this. */
#define BATCH 100

static int view_count(RTM_VIEW_SET views)
{
    return !!(views & RTM_VIEW_MASK_UCAST) + !!(views & RTM_VIEW_MASK_MCAST);
}

DWORD ctl_walk_dests(struct ctl *ctl, int fam, RTM_VIEW_SET views, const RTM_NET_ADDRESS *range,
                     ctl_dest_fn fn, void *arg)
{
    RTM_ENTITY_HANDLE reader = ctl->reader[fam];
    size_t stride = RTM_SIZE_OF_DEST_INFO(view_count(views));
    char *infos = malloc(stride * BATCH);
    RTM_NET_ADDRESS start = range ? *range : (RTM_NET_ADDRESS){ 0 };
    RTM_ENUM_HANDLE e = NULL;
    DWORD status;
    int stop = 0;

    if (!infos)
        return ERROR_NOT_ENOUGH_MEMORY;
    status = RtmCreateDestEnum(reader, views, range ? RTM_ENUM_RANGE : RTM_ENUM_START, &start,
                               RTM_BEST_PROTOCOL, &e);
    while (status == NO_ERROR && !stop) {
        UINT n = BATCH;
        status = RtmGetEnumDests(reader, e, &n, (PRTM_DEST_INFO)infos);
        if (status != NO_ERROR && status != ERROR_NO_MORE_ITEMS)
            break;
        for (UINT i = 0; i < n && !stop; i++)
            stop = fn(ctl, fam, (const RTM_DEST_INFO *)(infos + i * stride), arg);
        RtmReleaseDests(reader, n, (PRTM_DEST_INFO)infos);
    }
    if (e)
        RtmDeleteEnumHandle(reader, e);
    free(infos);
    return status == ERROR_NO_MORE_ITEMS ? NO_ERROR : status;
}

/* Drains an enumeration of handles (routes or next hops). */
static DWORD drain(struct ctl *ctl, int fam, RTM_ENTITY_HANDLE reg, RTM_ENUM_HANDLE e,
                   DWORD(WINAPI *get)(RTM_ENTITY_HANDLE, RTM_ENUM_HANDLE, PUINT, HANDLE *),
                   DWORD(WINAPI *release)(RTM_ENTITY_HANDLE, UINT, HANDLE *), ctl_handle_fn fn,
                   void *arg)
{
    HANDLE handles[BATCH];
    DWORD status = NO_ERROR;
    int stop = 0;

    while (status == NO_ERROR && !stop) {
        UINT n = BATCH;
        status = get(reg, e, &n, handles);
        if (status != NO_ERROR && status != ERROR_NO_MORE_ITEMS)
            break;
        for (UINT i = 0; i < n && !stop; i++)
            stop = fn(ctl, fam, handles[i], arg);
        release(reg, n, handles);
    }
    RtmDeleteEnumHandle(reg, e);
    return status == ERROR_NO_MORE_ITEMS ? NO_ERROR : status;
}

DWORD ctl_walk_routes(struct ctl *ctl, int fam, RTM_ENTITY_HANDLE reg, int own,
                      const RTM_NET_ADDRESS *range, ctl_handle_fn fn, void *arg)
{
    RTM_NET_ADDRESS start = range ? *range : (RTM_NET_ADDRESS){ 0 };
    RTM_ENUM_FLAGS flags = (range ? RTM_ENUM_RANGE : RTM_ENUM_START) |
                           (own ? RTM_ENUM_OWN_ROUTES : RTM_ENUM_ALL_ROUTES);
    RTM_ENUM_HANDLE e = NULL;
    DWORD status = RtmCreateRouteEnum(reg, NULL, RTM_VIEW_MASK_ANY, flags, &start, RTM_MATCH_NONE,
                                      NULL, 0, &e);

    if (status != NO_ERROR)
        return status;
    return drain(ctl, fam, reg, e, RtmGetEnumRoutes, RtmReleaseRoutes, fn, arg);
}

DWORD ctl_walk_nexthops(struct ctl *ctl, int fam, RTM_ENTITY_HANDLE reg,
                        const RTM_NET_ADDRESS *range, ctl_handle_fn fn, void *arg)
{
    RTM_NET_ADDRESS start = range ? *range : (RTM_NET_ADDRESS){ 0 };
    RTM_ENUM_HANDLE e = NULL;
    DWORD status = RtmCreateNextHopEnum(reg, range ? RTM_ENUM_RANGE : RTM_ENUM_START, &start, &e);

    if (status != NO_ERROR)
        return status;
    return drain(ctl, fam, reg, e, RtmGetEnumNextHops, RtmReleaseNextHops, fn, arg);
}
