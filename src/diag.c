/*
 * diag.c - the diagnostic exports of include/rtm_diag.h: rtm extensions
 * that Microsoft's Rtm.dll does not have.
 */
#include <string.h>

#include "rtm_diag.h"
#include "base/debug.h"
#include "rtmv1/objects.h"
#include "rtmv2/objects.h"

_Static_assert(RTM_DIAG_OBJECT_COUNTS_SIZE_V2 == sizeof(RTM_DIAG_OBJECT_COUNTS),
               "the latest version is the whole structure");

/**
 * RtmDiagGetObjectCounts - the number of live objects of each type in the
 * process (an rtm extension, declared in include/rtm_diag.h; no Microsoft
 * spec page): for tests, leak hunting and monitoring.
 *
 * @Counts [in, out] Size (in) is the size of the caller's structure, at
 *                   least RTM_DIAG_OBJECT_COUNTS_SIZE_V1; the members that
 *                   fit in it receive the counts of RTMv2's entities,
 *                   destinations, routes, next hops, enumerations, change
 *                   notification registrations and route lists, Total
 *                   their sum, and (version 2) the counts of RTMv1's
 *                   clients, routes and enumerations. Size (out) is the
 *                   number of bytes filled: the smaller of its value in and
 *                   sizeof(RTM_DIAG_OBJECT_COUNTS).
 *
 * An object counts from its creation until it is freed (a deleted object
 * still referenced by a handle or a call in progress counts). The counts
 * are read one after the other without a lock: while other threads create
 * or free objects they are a snapshot of each type, and Total is the sum of
 * the values returned. Nothing is referenced or changed.
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when Counts is NULL or its Size
 * is smaller than RTM_DIAG_OBJECT_COUNTS_SIZE_V1 (nothing is written).
 */
DWORD WINAPI RtmDiagGetObjectCounts(PRTM_DIAG_OBJECT_COUNTS Counts)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmDiagGetObjectCounts, (Counts), "counts %#llx, size %u",
                              RTM_DEBUG_H(Counts), Counts ? RTM_DEBUG_U(Counts->Size) : 0u);
    RTM_DIAG_OBJECT_COUNTS c;

    if (!Counts || Counts->Size < RTM_DIAG_OBJECT_COUNTS_SIZE_V1)
        return ERROR_INVALID_PARAMETER;
    c.Size = Counts->Size < sizeof c ? Counts->Size : (DWORD)sizeof c;
    c.Entities = (DWORD)rtm_live_objects(RTM_OBJ_ENTITY);
    c.Destinations = (DWORD)rtm_live_objects(RTM_OBJ_DEST);
    c.Routes = (DWORD)rtm_live_objects(RTM_OBJ_ROUTE);
    c.NextHops = (DWORD)rtm_live_objects(RTM_OBJ_NEXTHOP);
    c.Enumerations = (DWORD)rtm_live_objects(RTM_OBJ_ENUM);
    c.Notifications = (DWORD)rtm_live_objects(RTM_OBJ_NOTIFY);
    c.RouteLists = (DWORD)rtm_live_objects(RTM_OBJ_ROUTE_LIST);
    c.Total = c.Entities + c.Destinations + c.Routes + c.NextHops + c.Enumerations +
              c.Notifications + c.RouteLists;
    c.V1Clients = (DWORD)rtm_live_objects(RTMV1_OBJ_CLIENT);
    c.V1Routes = (DWORD)rtm_live_objects(RTMV1_OBJ_ROUTE);
    c.V1Enumerations = (DWORD)rtm_live_objects(RTMV1_OBJ_ENUM);
    memcpy(Counts, &c, c.Size);
    return NO_ERROR;
}
