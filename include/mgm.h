/*
 * mgm.h - public interface of the rtm library: the Multicast Group Manager
 * (MGM) of Rtm.dll, a clean-room replacement.
 *
 * This header is a drop-in for the Windows SDK's mgm.h. It declares the
 * same types, constants and functions, with structure layouts identical
 * to the SDK's on x86 and x64 (tests/abi/ proves it field by field).
 *
 * Differences from the SDK header (mingw-w64's mgm.h), all source
 * compatible:
 *   - The functions are declared WINAPI. Rtm.dll exports them __stdcall
 *     (mingw-w64's own i686 import library names them _MgmName@bytes); the
 *     SDK header's prototypes lack the convention, so on i686 a client
 *     compiled against it pops every call's arguments twice. The callback
 *     types keep the SDK header's convention (the platform's default): the
 *     library calls them exactly as that header declares them.
 *   - It is self-contained: on Windows it includes <winsock2.h>,
 *     <windows.h> and <iprtrmib.h> (MIB_IPMCAST_MFE and its statistics);
 *     elsewhere "rtm_compat.h" and the same structures, defined here. As
 *     with the SDK's headers, include it before <routprot.h>: the
 *     PROTO_IP_* macros of routprot.h break the enumeration of
 *     iprtrmib.h's <nldef.h>.
 *   - MgmSetMfe is not declared: the SDK header declares it, but Rtm.dll
 *     does not export it (spec/mgm/nf-mgm-mgmsetmfe.md names no DLL).
 *
 * The documented contract is in spec/mgm/ (one page per function,
 * callback, structure and enumeration) and the MGM pages of spec/rras/;
 * each declaration names its page. Addresses and masks are IPv4, DWORDs in
 * network byte order. Behavioural documentation lives with the
 * implementations in src/mgm/ and in docs/behaviour.md.
 */
#if !defined(RTM_MGM_H) && !defined(_MGM_H_)
#define RTM_MGM_H
/* Also claim the SDK header's include guard (see rtmv2.h). */
#define _MGM_H_

#ifdef _WIN32
/* <winsock2.h> before <windows.h>, unless <winsock.h> is in (see rtmv2.h). */
#ifndef _WINSOCKAPI_
#include <winsock2.h>
#endif
#include <windows.h>
#include <iprtrmib.h>
#else
#include "rtm_compat.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifndef _WIN32
/* ====================================================================== */
/* Multicast forwarding entries (iprtrmib.h on Windows)                   */
/* ====================================================================== */

#ifndef ANY_SIZE
#define ANY_SIZE 1
#endif

/* One outgoing interface of an MFE. */
typedef struct _MIB_IPMCAST_OIF {
    DWORD dwOutIfIndex;
    DWORD dwNextHopAddr;
    DWORD dwReserved;
    DWORD dwReserved1;
} MIB_IPMCAST_OIF, *PMIB_IPMCAST_OIF;

/* A multicast forwarding entry: ulNumOutIf outgoing interfaces follow. */
typedef struct _MIB_IPMCAST_MFE {
    DWORD dwGroup;
    DWORD dwSource;
    DWORD dwSrcMask;
    DWORD dwUpStrmNgbr;
    DWORD dwInIfIndex;
    DWORD dwInIfProtocol;
    DWORD dwRouteProtocol;
    DWORD dwRouteNetwork;
    DWORD dwRouteMask;
    ULONG ulUpTime;
    ULONG ulExpiryTime;
    ULONG ulTimeOut;
    ULONG ulNumOutIf;
    DWORD fFlags;
    DWORD dwReserved;
    MIB_IPMCAST_OIF rgmioOutInfo[ANY_SIZE];
} MIB_IPMCAST_MFE, *PMIB_IPMCAST_MFE;

#define SIZEOF_BASIC_MIB_MFE (ULONG)(FIELD_OFFSET(MIB_IPMCAST_MFE, rgmioOutInfo[0]))
#define SIZEOF_MIB_MFE(X) (SIZEOF_BASIC_MIB_MFE + ((X) * sizeof(MIB_IPMCAST_OIF)))

/* The counters of one outgoing interface of an MFE. */
typedef struct _MIB_IPMCAST_OIF_STATS {
    DWORD dwOutIfIndex;
    DWORD dwNextHopAddr;
    DWORD dwDialContext;
    ULONG ulTtlTooLow;
    ULONG ulFragNeeded;
    ULONG ulOutPackets;
    ULONG ulOutDiscards;
} MIB_IPMCAST_OIF_STATS, *PMIB_IPMCAST_OIF_STATS;

/* An MFE's statistics (MGM_MFE_STATS_0). */
typedef struct _MIB_IPMCAST_MFE_STATS {
    DWORD dwGroup;
    DWORD dwSource;
    DWORD dwSrcMask;
    DWORD dwUpStrmNgbr;
    DWORD dwInIfIndex;
    DWORD dwInIfProtocol;
    DWORD dwRouteProtocol;
    DWORD dwRouteNetwork;
    DWORD dwRouteMask;
    ULONG ulUpTime;
    ULONG ulExpiryTime;
    ULONG ulNumOutIf;
    ULONG ulInPkts;
    ULONG ulInOctets;
    ULONG ulPktsDifferentIf;
    ULONG ulQueueOverflow;
    MIB_IPMCAST_OIF_STATS rgmiosOutStats[ANY_SIZE];
} MIB_IPMCAST_MFE_STATS, *PMIB_IPMCAST_MFE_STATS;

#define SIZEOF_BASIC_MIB_MFE_STATS (ULONG)(FIELD_OFFSET(MIB_IPMCAST_MFE_STATS, rgmiosOutStats[0]))
#define SIZEOF_MIB_MFE_STATS(X) \
    (SIZEOF_BASIC_MIB_MFE_STATS + ((X) * sizeof(MIB_IPMCAST_OIF_STATS)))

/* An MFE's extended statistics (MGM_MFE_STATS_1). */
typedef struct _MIB_IPMCAST_MFE_STATS_EX {
    DWORD dwGroup;
    DWORD dwSource;
    DWORD dwSrcMask;
    DWORD dwUpStrmNgbr;
    DWORD dwInIfIndex;
    DWORD dwInIfProtocol;
    DWORD dwRouteProtocol;
    DWORD dwRouteNetwork;
    DWORD dwRouteMask;
    ULONG ulUpTime;
    ULONG ulExpiryTime;
    ULONG ulNumOutIf;
    ULONG ulInPkts;
    ULONG ulInOctets;
    ULONG ulPktsDifferentIf;
    ULONG ulQueueOverflow;
    ULONG ulUninitMfe;
    ULONG ulNegativeMfe;
    ULONG ulInDiscards;
    ULONG ulInHdrErrors;
    ULONG ulTotalOutPackets;
    MIB_IPMCAST_OIF_STATS rgmiosOutStats[ANY_SIZE];
} MIB_IPMCAST_MFE_STATS_EX, *PMIB_IPMCAST_MFE_STATS_EX;

#define SIZEOF_BASIC_MIB_MFE_STATS_EX \
    (ULONG)(FIELD_OFFSET(MIB_IPMCAST_MFE_STATS_EX, rgmiosOutStats[0]))
#define SIZEOF_MIB_MFE_STATS_EX(X) \
    (SIZEOF_BASIC_MIB_MFE_STATS_EX + ((X) * sizeof(MIB_IPMCAST_OIF_STATS)))
#endif /* !_WIN32 */

/* ====================================================================== */
/* Structures and callbacks                                               */
/* ====================================================================== */

/* An interface in a creation alert (spec/mgm/ns-mgm-mgm_if_entry.md). */
typedef struct _MGM_IF_ENTRY {
    DWORD dwIfIndex;
    DWORD dwIfNextHopAddr;
    WINBOOL bIGMP;       /* IGMP is enabled on the interface */
    WINBOOL bIsEnabled;  /* in: TRUE; out: FALSE to forward nothing there */
} MGM_IF_ENTRY, *PMGM_IF_ENTRY;

/* spec/mgm/nc-mgm-pmgm_rpf_callback.md */
typedef DWORD (*PMGM_RPF_CALLBACK)(DWORD dwSourceAddr, DWORD dwSourceMask, DWORD dwGroupAddr,
                                   DWORD dwGroupMask, PDWORD pdwInIfIndex,
                                   PDWORD pdwInIfNextHopAddr, PDWORD pdwUpStreamNbr,
                                   DWORD dwHdrSize, PBYTE pbPacketHdr, PBYTE pbRoute);
/* spec/mgm/nc-mgm-pmgm_creation_alert_callback.md */
typedef DWORD (*PMGM_CREATION_ALERT_CALLBACK)(DWORD dwSourceAddr, DWORD dwSourceMask,
                                              DWORD dwGroupAddr, DWORD dwGroupMask,
                                              DWORD dwInIfIndex, DWORD dwInIfNextHopAddr,
                                              DWORD dwIfCount, PMGM_IF_ENTRY pmieOutIfList);
/* spec/mgm/nc-mgm-pmgm_prune_alert_callback.md */
typedef DWORD (*PMGM_PRUNE_ALERT_CALLBACK)(DWORD dwSourceAddr, DWORD dwSourceMask,
                                           DWORD dwGroupAddr, DWORD dwGroupMask,
                                           DWORD dwIfIndex, DWORD dwIfNextHopAddr,
                                           WINBOOL bMemberDelete, PDWORD pdwTimeout);
/* spec/mgm/nc-mgm-pmgm_join_alert_callback.md */
typedef DWORD (*PMGM_JOIN_ALERT_CALLBACK)(DWORD dwSourceAddr, DWORD dwSourceMask,
                                          DWORD dwGroupAddr, DWORD dwGroupMask,
                                          WINBOOL bMemberUpdate);
/* spec/mgm/nc-mgm-pmgm_wrong_if_callback.md */
typedef DWORD (*PMGM_WRONG_IF_CALLBACK)(DWORD dwSourceAddr, DWORD dwGroupAddr, DWORD dwIfIndex,
                                        DWORD dwIfNextHopAddr, DWORD dwHdrSize,
                                        PBYTE pbPacketHdr);
/* spec/mgm/nc-mgm-pmgm_local_join_callback.md */
typedef DWORD (*PMGM_LOCAL_JOIN_CALLBACK)(DWORD dwSourceAddr, DWORD dwSourceMask,
                                          DWORD dwGroupAddr, DWORD dwGroupMask, DWORD dwIfIndex,
                                          DWORD dwIfNextHopAddr);
/* spec/mgm/nc-mgm-pmgm_local_leave_callback.md */
typedef DWORD (*PMGM_LOCAL_LEAVE_CALLBACK)(DWORD dwSourceAddr, DWORD dwSourceMask,
                                           DWORD dwGroupAddr, DWORD dwGroupMask, DWORD dwIfIndex,
                                           DWORD dwIfNextHopAddr);
/* spec/mgm/nc-mgm-pmgm_disable_igmp_callback.md */
typedef DWORD (*PMGM_DISABLE_IGMP_CALLBACK)(DWORD dwIfIndex, DWORD dwIfNextHopAddr);
/* spec/mgm/nc-mgm-pmgm_enable_igmp_callback.md */
typedef DWORD (*PMGM_ENABLE_IGMP_CALLBACK)(DWORD dwIfIndex, DWORD dwIfNextHopAddr);

/* A client's callbacks, given at registration; any may be NULL
 * (spec/mgm/ns-mgm-routing_protocol_config.md). */
typedef struct _ROUTING_PROTOCOL_CONFIG {
    DWORD dwCallbackFlags; /* reserved */
    PMGM_RPF_CALLBACK pfnRpfCallback;
    PMGM_CREATION_ALERT_CALLBACK pfnCreationAlertCallback;
    PMGM_PRUNE_ALERT_CALLBACK pfnPruneAlertCallback;
    PMGM_JOIN_ALERT_CALLBACK pfnJoinAlertCallback;
    PMGM_WRONG_IF_CALLBACK pfnWrongIfCallback;
    PMGM_LOCAL_JOIN_CALLBACK pfnLocalJoinCallback;
    PMGM_LOCAL_LEAVE_CALLBACK pfnLocalLeaveCallback;
    PMGM_DISABLE_IGMP_CALLBACK pfnDisableIgmpCallback;
    PMGM_ENABLE_IGMP_CALLBACK pfnEnableIgmpCallback;
} ROUTING_PROTOCOL_CONFIG, *PROUTING_PROTOCOL_CONFIG;

/* What a group enumeration returns (spec/mgm/ne-mgm-mgm_enum_types.md). */
typedef enum _MGM_ENUM_TYPES {
    ANY_SOURCE = 0, /* one entry per group joined */
    ALL_SOURCES     /* every (s, g), (*, g) and (*, *) joined */
} MGM_ENUM_TYPES;

/* A group entry of a group enumeration (spec/mgm/ns-mgm-source_group_entry.md). */
typedef struct _SOURCE_GROUP_ENTRY {
    DWORD dwSourceAddr;
    DWORD dwSourceMask;
    DWORD dwGroupAddr;
    DWORD dwGroupMask;
} SOURCE_GROUP_ENTRY, *PSOURCE_GROUP_ENTRY;

/* dwFlags of MgmAddGroupMembershipEntry and MgmDeleteGroupMembershipEntry. */
#define MGM_JOIN_STATE_FLAG 0x00000001
#define MGM_FORWARD_STATE_FLAG 0x00000002

/* dwFlags of the MFE statistics functions. */
#define MGM_MFE_STATS_0 0x00000001 /* MIB_IPMCAST_MFE_STATS */
#define MGM_MFE_STATS_1 0x00000002 /* MIB_IPMCAST_MFE_STATS_EX */

/* ====================================================================== */
/* Functions                                                              */
/* ====================================================================== */

/* spec/mgm/nf-mgm-mgmregistermprotocol.md */
DWORD WINAPI MgmRegisterMProtocol(PROUTING_PROTOCOL_CONFIG prpiInfo, DWORD dwProtocolId,
                                  DWORD dwComponentId, HANDLE *phProtocol);
/* spec/mgm/nf-mgm-mgmderegistermprotocol.md */
DWORD WINAPI MgmDeRegisterMProtocol(HANDLE hProtocol);
/* spec/mgm/nf-mgm-mgmtakeinterfaceownership.md */
DWORD WINAPI MgmTakeInterfaceOwnership(HANDLE hProtocol, DWORD dwIfIndex, DWORD dwIfNextHopAddr);
/* spec/mgm/nf-mgm-mgmreleaseinterfaceownership.md */
DWORD WINAPI MgmReleaseInterfaceOwnership(HANDLE hProtocol, DWORD dwIfIndex,
                                          DWORD dwIfNextHopAddr);
/* spec/mgm/nf-mgm-mgmgetprotocoloninterface.md */
DWORD WINAPI MgmGetProtocolOnInterface(DWORD dwIfIndex, DWORD dwIfNextHopAddr,
                                       PDWORD pdwIfProtocolId, PDWORD pdwIfComponentId);
/* spec/mgm/nf-mgm-mgmaddgroupmembershipentry.md */
DWORD WINAPI MgmAddGroupMembershipEntry(HANDLE hProtocol, DWORD dwSourceAddr, DWORD dwSourceMask,
                                        DWORD dwGroupAddr, DWORD dwGroupMask, DWORD dwIfIndex,
                                        DWORD dwIfNextHopIPAddr, DWORD dwFlags);
/* spec/mgm/nf-mgm-mgmdeletegroupmembershipentry.md */
DWORD WINAPI MgmDeleteGroupMembershipEntry(HANDLE hProtocol, DWORD dwSourceAddr,
                                           DWORD dwSourceMask, DWORD dwGroupAddr,
                                           DWORD dwGroupMask, DWORD dwIfIndex,
                                           DWORD dwIfNextHopIPAddr, DWORD dwFlags);
/* spec/mgm/nf-mgm-mgmgetmfe.md */
DWORD WINAPI MgmGetMfe(PMIB_IPMCAST_MFE pimm, PDWORD pdwBufferSize, PBYTE pbBuffer);
/* spec/mgm/nf-mgm-mgmgetfirstmfe.md */
DWORD WINAPI MgmGetFirstMfe(PDWORD pdwBufferSize, PBYTE pbBuffer, PDWORD pdwNumEntries);
/* spec/mgm/nf-mgm-mgmgetnextmfe.md */
DWORD WINAPI MgmGetNextMfe(PMIB_IPMCAST_MFE pimmStart, PDWORD pdwBufferSize, PBYTE pbBuffer,
                           PDWORD pdwNumEntries);
/* spec/mgm/nf-mgm-mgmgetmfestats.md */
DWORD WINAPI MgmGetMfeStats(PMIB_IPMCAST_MFE pimm, PDWORD pdwBufferSize, PBYTE pbBuffer,
                            DWORD dwFlags);
/* spec/mgm/nf-mgm-mgmgetfirstmfestats.md */
DWORD WINAPI MgmGetFirstMfeStats(PDWORD pdwBufferSize, PBYTE pbBuffer, PDWORD pdwNumEntries,
                                 DWORD dwFlags);
/* spec/mgm/nf-mgm-mgmgetnextmfestats.md */
DWORD WINAPI MgmGetNextMfeStats(PMIB_IPMCAST_MFE pimmStart, PDWORD pdwBufferSize,
                                PBYTE pbBuffer, PDWORD pdwNumEntries, DWORD dwFlags);
/* spec/mgm/nf-mgm-mgmgroupenumerationstart.md */
DWORD WINAPI MgmGroupEnumerationStart(HANDLE hProtocol, MGM_ENUM_TYPES metEnumType,
                                      HANDLE *phEnumHandle);
/* spec/mgm/nf-mgm-mgmgroupenumerationgetnext.md */
DWORD WINAPI MgmGroupEnumerationGetNext(HANDLE hEnum, PDWORD pdwBufferSize, PBYTE pbBuffer,
                                        PDWORD pdwNumEntries);
/* spec/mgm/nf-mgm-mgmgroupenumerationend.md */
DWORD WINAPI MgmGroupEnumerationEnd(HANDLE hEnum);

#ifdef __cplusplus
}
#endif

#endif /* RTM_MGM_H */
