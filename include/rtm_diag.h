/*
 * rtm_diag.h - diagnostic extensions of the rtm library.
 *
 * NOT PART OF MICROSOFT'S Rtm.dll: these exports exist only in rtm, the
 * clean-room implementation. A protocol that must also run on Windows'
 * own Rtm.dll should look them up with GetProcAddress and do without them
 * when they are missing, instead of linking them.
 *
 * Besides these exports, rtm reads the RTM_DEBUG and RTM_DEBUG_FILE
 * environment variables when it is loaded: see docs/diagnostics.md.
 */
#ifndef RTM_DIAG_H
#define RTM_DIAG_H

#include "rtmv2.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The number of live objects of each type in the process (every instance
 * and address family). An object is live from its creation until it is
 * freed: a deleted route or next hop, an ended registration or a deleted
 * enumeration stays live while a handle or an API call in progress still
 * references it.
 *
 * Size is the structure's version: the caller sets it to the size of the
 * structure it has (sizeof(RTM_DIAG_OBJECT_COUNTS) when compiled with this
 * header); later versions only add members at the end.
 */
typedef struct _RTM_DIAG_OBJECT_COUNTS {
    DWORD Size;               /* in: bytes of the caller's structure;
                                 out: bytes filled */
    DWORD Entities;           /* registered entities, and deregistered ones
                                 still referenced */
    DWORD Destinations;
    DWORD Routes;
    DWORD NextHops;
    DWORD Enumerations;       /* destination, route, next-hop and route-list
                                 enumerations */
    DWORD Notifications;      /* change notification registrations */
    DWORD RouteLists;
    DWORD Total;              /* the sum of every count of the structure,
                                 also those after this member */
    /* Version 2: the Multicast Group Manager (mgm.h). */
    DWORD MgmProtocols;       /* registered clients, and deregistered ones
                                 still referenced */
    DWORD MgmEnumerations;    /* group enumerations */
    DWORD MgmForwarders;      /* forwarder registrations (rtm_mgm_forwarder.h) */
    DWORD MgmInterfaces;      /* interfaces a client is on */
    DWORD MgmMemberships;     /* group memberships (one per pair, interface
                                 and caller) */
    DWORD MgmMfes;            /* multicast forwarding entries */
    /* Version 2 too: RTMv1 (rtm.h). */
    DWORD V1Clients;          /* registered clients, and deregistered ones
                                 a call in progress still references */
    DWORD V1Routes;           /* routes, and deleted ones whose expiry
                                 timer has not let go of them yet */
    DWORD V1Enumerations;     /* open enumerations, and closed ones a call
                                 in progress still references */
} RTM_DIAG_OBJECT_COUNTS, *PRTM_DIAG_OBJECT_COUNTS;

/* The smallest Size accepted: the first version of the structure. */
#define RTM_DIAG_OBJECT_COUNTS_SIZE_V1 (9 * sizeof(DWORD))
/* The size of the second version (the MGM's and RTMv1's counts). */
#define RTM_DIAG_OBJECT_COUNTS_SIZE_V2 (18 * sizeof(DWORD))

/*
 * RtmDiagGetObjectCounts - counts the library's live objects by type (an
 * rtm extension; see the implementation in src/diag.c for the details).
 * Returns NO_ERROR, or ERROR_INVALID_PARAMETER when Counts is NULL or
 * Counts->Size is smaller than RTM_DIAG_OBJECT_COUNTS_SIZE_V1.
 */
DWORD WINAPI RtmDiagGetObjectCounts(PRTM_DIAG_OBJECT_COUNTS Counts);

#ifdef __cplusplus
}
#endif

#endif /* RTM_DIAG_H */
