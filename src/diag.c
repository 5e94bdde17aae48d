/*
 * diag.c - the diagnostic exports of include/rtm_diag.h: rtm extensions
 * that Microsoft's Rtm.dll does not have. Each API counts its own objects
 * (rtmv2/diag.h, mgm/diag.h, rtmv1/diag.h).
 */
#include <string.h>

#include "rtm_diag.h"
#include "base/debug.h"
#include "mgm/diag.h"
#include "rtmv1/diag.h"
#include "rtmv2/diag.h"

_Static_assert(RTM_DIAG_OBJECT_COUNTS_SIZE_V2 == sizeof(RTM_DIAG_OBJECT_COUNTS),
               "the second version is the whole structure");

/**
 * RtmDiagGetObjectCounts - the number of live objects of each type in the
 * process (an rtm extension, declared in include/rtm_diag.h; no Microsoft
 * spec page): for tests, leak hunting and monitoring.
 *
 * @Counts [in, out] Size (in) is the size of the caller's structure, at
 *                   least RTM_DIAG_OBJECT_COUNTS_SIZE_V1; the members that
 *                   fit in it receive the counts: RTMv2's entities,
 *                   destinations, routes, next hops, enumerations, change
 *                   notification registrations and route lists; the
 *                   MGM's clients, group enumerations, forwarders,
 *                   interfaces, memberships and MFEs; RTMv1's clients,
 *                   routes and enumerations; and Total the sum of
 *                   all of them (also those past a smaller Size). Size
 *                   (out) is the number of bytes filled: the smaller of its
 *                   value in and sizeof(RTM_DIAG_OBJECT_COUNTS).
 *
 * An object counts from its creation until it is freed (a deleted object
 * still referenced by a handle or a call in progress counts). The counts
 * are read one after the other: while other threads create or free objects
 * they are a snapshot of each type, and Total is the sum of the values
 * read. Nothing is referenced or changed.
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when Counts is NULL or its Size
 * is smaller than RTM_DIAG_OBJECT_COUNTS_SIZE_V1 (nothing is written).
 * Takes the MGM lock shared.
 */
DWORD WINAPI RtmDiagGetObjectCounts(PRTM_DIAG_OBJECT_COUNTS Counts)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmDiagGetObjectCounts, (Counts), "counts %#llx, size %u",
                              RTM_DEBUG_H(Counts), Counts ? RTM_DEBUG_U(Counts->Size) : 0u);
    RTM_DIAG_OBJECT_COUNTS c;

    if (!Counts || Counts->Size < RTM_DIAG_OBJECT_COUNTS_SIZE_V1)
        return ERROR_INVALID_PARAMETER;
    memset(&c, 0, sizeof c);
    c.Size = Counts->Size < sizeof c ? Counts->Size : (DWORD)sizeof c;
    rtm_rtmv2_object_counts(&c);
    rtm_mgm_object_counts(&c);
    rtm_rtmv1_object_counts(&c);
    c.Total = c.Entities + c.Destinations + c.Routes + c.NextHops + c.Enumerations +
              c.Notifications + c.RouteLists + c.MgmProtocols + c.MgmEnumerations +
              c.MgmForwarders + c.MgmInterfaces + c.MgmMemberships + c.MgmMfes + c.V1Clients +
              c.V1Routes + c.V1Enumerations;
    memcpy(Counts, &c, c.Size);
    return NO_ERROR;
}
