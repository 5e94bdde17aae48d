/*
 * calls_sdk.c - every function the toolchain's SDK headers <rtmv2.h> (the
 * 57 RTMv2 functions) and <rtm.h> (the 15 RTMv1 functions) declare, called
 * as those headers declare them (see callconv.h). Our include/ is not on
 * this file's include path.
 *
 * The arguments are harmless: a registration handle and NULL or absent
 * objects, so that each call fails with a documented error (or, for
 * look-ups of a prefix the table does not have, ERROR_NOT_FOUND) and
 * changes nothing; called twice, it fails twice the same way. A call that
 * returns its documented code for the argument that is wrong in a later
 * position also shows that the earlier arguments arrived where they
 * belong.
 */
#include <winsock2.h>
#include <windows.h>
#include <rtmv2.h>
#include <rtm.h>

#include <string.h>

#include "callconv.h"

/* Scratch output buffers: big enough for any call below. */
static union {
    RTM_DEST_INFO dest;
    RTM_ROUTE_INFO route;
    RTM_NEXTHOP_INFO nexthop;
    RTM_ENTITY_INFO entity;
    RTM_ENTITY_METHOD_INPUT input;
    RTM_ENTITY_METHOD_OUTPUT output;
    RTM_IP_ROUTE ip_route;
    unsigned char bytes[4096];
} out;
static HANDLE handles[8];
static HANDLE null_handle[1]; /* stays NULL: no call writes it */
static UINT count;
static BOOL flag;
static DWORD flags;
static PVOID pointer;
static RTM_VIEW_SET views;

/* An IPv4 prefix no test puts in the table (192.0.2.0/24, TEST-NET-1). */
static RTM_NET_ADDRESS absent_prefix(void)
{
    RTM_NET_ADDRESS addr;
    memset(&addr, 0, sizeof addr);
    addr.AddressFamily = AF_INET;
    addr.NumBits = 24;
    addr.AddrBits[0] = 192;
    addr.AddrBits[2] = 2;
    return addr;
}

void *__cdecl cc_register(void)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE reg = NULL;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = 0;
    info.AddressFamily = AF_INET;
    info.EntityId.EntityProtocolId = 0xCC; /* no real protocol */
    info.EntityId.EntityInstanceId = 1;
    if (RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &reg) != NO_ERROR)
        return NULL;
    return reg;
}

unsigned long __cdecl cc_deregister(void *reg)
{
    return RtmDeregisterEntity(reg);
}

void __cdecl cc_calls_sdk(struct cc_calls *calls, void *reg)
{
    RTM_NET_ADDRESS absent = absent_prefix();
    RTM_NEXTHOP_INFO absent_nexthop;

    memset(&absent_nexthop, 0, sizeof absent_nexthop);
    absent_nexthop.NextHopAddress = absent;
    absent_nexthop.NextHopAddress.NumBits = 32;
    absent_nexthop.InterfaceIndex = 0xCC;

    /* RTMv2: entities, methods */
    CC_ROW(calls, RtmRegisterEntity, ERROR_INVALID_PARAMETER,
           (NULL, NULL, NULL, FALSE, NULL, NULL));
    CC_ROW(calls, RtmDeregisterEntity, ERROR_INVALID_HANDLE, (NULL));
    CC_ROW(calls, RtmGetRegisteredEntities, ERROR_INVALID_PARAMETER, (reg, NULL, NULL, NULL));
    CC_ROW(calls, RtmReleaseEntities, ERROR_INVALID_HANDLE, (NULL, 0, NULL));
    CC_ROW(calls, RtmGetEntityInfo, ERROR_INVALID_HANDLE, (reg, NULL, &out.entity));
    CC_ROW(calls, RtmReleaseEntityInfo, ERROR_INVALID_HANDLE, (NULL, &out.entity));
    CC_ROW(calls, RtmGetEntityMethods, ERROR_INVALID_HANDLE, (reg, NULL, &count, NULL));
    CC_ROW(calls, RtmInvokeMethod, ERROR_INVALID_HANDLE,
           (reg, NULL, &out.input, &count, &out.output));
    CC_ROW(calls, RtmBlockMethods, ERROR_NOT_SUPPORTED, (reg, reg, 0, RTM_BLOCK_METHODS));

    /* destinations */
    CC_ROW(calls, RtmGetDestInfo, ERROR_INVALID_HANDLE,
           (reg, NULL, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, &out.dest));
    CC_ROW(calls, RtmReleaseDestInfo, ERROR_INVALID_HANDLE, (NULL, &out.dest));
    CC_ROW(calls, RtmLockDestination, ERROR_INVALID_HANDLE, (reg, NULL, TRUE, TRUE));
    CC_ROW(calls, RtmGetOpaqueInformationPointer, ERROR_INVALID_HANDLE, (reg, NULL, &pointer));
    CC_ROW(calls, RtmHoldDestination, ERROR_INVALID_HANDLE, (reg, NULL, RTM_VIEW_MASK_UCAST, 1));
    CC_ROW(calls, RtmGetExactMatchDestination, ERROR_NOT_FOUND,
           (reg, &absent, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, &out.dest));
    CC_ROW(calls, RtmGetMostSpecificDestination, ERROR_NOT_FOUND,
           (reg, &absent, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, &out.dest));
    CC_ROW(calls, RtmGetLessSpecificDestination, ERROR_INVALID_HANDLE,
           (reg, NULL, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_UCAST, &out.dest));

    /* routes */
    CC_ROW(calls, RtmAddRouteToDest, ERROR_INVALID_PARAMETER,
           (reg, NULL, &absent, NULL, INFINITE, NULL, 0, NULL, &flags));
    CC_ROW(calls, RtmDeleteRouteToDest, ERROR_INVALID_HANDLE, (reg, NULL, &flags));
    CC_ROW(calls, RtmGetRouteInfo, ERROR_INVALID_HANDLE, (reg, NULL, &out.route, NULL));
    CC_ROW(calls, RtmReleaseRouteInfo, ERROR_INVALID_HANDLE, (NULL, &out.route));
    CC_ROW(calls, RtmGetRoutePointer, ERROR_INVALID_HANDLE, (reg, NULL, (PRTM_ROUTE_INFO *)&pointer));
    CC_ROW(calls, RtmLockRoute, ERROR_INVALID_HANDLE, (reg, NULL, TRUE, TRUE, NULL));
    CC_ROW(calls, RtmUpdateAndUnlockRoute, ERROR_INVALID_HANDLE,
           (reg, NULL, INFINITE, NULL, 0, NULL, &flags));
    CC_ROW(calls, RtmGetExactMatchRoute, ERROR_NOT_FOUND,
           (reg, &absent, RTM_MATCH_NONE, &out.route, 0, RTM_VIEW_MASK_UCAST, handles));
    CC_ROW(calls, RtmIsBestRoute, ERROR_INVALID_HANDLE, (reg, NULL, &views));

    /* next hops */
    CC_ROW(calls, RtmAddNextHop, ERROR_INVALID_PARAMETER, (reg, NULL, handles, &flags));
    CC_ROW(calls, RtmFindNextHop, ERROR_NOT_FOUND, (reg, &absent_nexthop, handles, NULL));
    CC_ROW(calls, RtmDeleteNextHop, ERROR_NOT_FOUND, (reg, NULL, &absent_nexthop));
    CC_ROW(calls, RtmGetNextHopInfo, ERROR_INVALID_HANDLE, (reg, NULL, &out.nexthop));
    CC_ROW(calls, RtmReleaseNextHopInfo, ERROR_INVALID_HANDLE, (NULL, &out.nexthop));
    CC_ROW(calls, RtmGetNextHopPointer, ERROR_INVALID_HANDLE,
           (reg, NULL, (PRTM_NEXTHOP_INFO *)&pointer));
    CC_ROW(calls, RtmLockNextHop, ERROR_INVALID_HANDLE, (reg, NULL, TRUE, TRUE, NULL));

    /* enumerations */
    CC_ROW(calls, RtmCreateDestEnum, ERROR_INVALID_PARAMETER,
           (reg, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL, RTM_BEST_PROTOCOL, NULL));
    CC_ROW(calls, RtmGetEnumDests, ERROR_INVALID_HANDLE, (reg, NULL, &count, &out.dest));
    CC_ROW(calls, RtmReleaseDests, ERROR_INVALID_HANDLE, (NULL, 0, &out.dest));
    CC_ROW(calls, RtmCreateRouteEnum, ERROR_INVALID_PARAMETER,
           (reg, NULL, RTM_VIEW_MASK_UCAST, RTM_ENUM_START, NULL, RTM_MATCH_NONE, NULL, 0, NULL));
    CC_ROW(calls, RtmGetEnumRoutes, ERROR_INVALID_HANDLE, (reg, NULL, &count, handles));
    CC_ROW(calls, RtmReleaseRoutes, ERROR_INVALID_HANDLE, (NULL, 0, handles));
    CC_ROW(calls, RtmCreateNextHopEnum, ERROR_INVALID_PARAMETER, (reg, RTM_ENUM_START, NULL, NULL));
    CC_ROW(calls, RtmGetEnumNextHops, ERROR_INVALID_HANDLE, (reg, NULL, &count, handles));
    CC_ROW(calls, RtmReleaseNextHops, ERROR_INVALID_HANDLE, (NULL, 0, handles));
    CC_ROW(calls, RtmDeleteEnumHandle, ERROR_INVALID_HANDLE, (reg, NULL));

    /* change notification */
    CC_ROW(calls, RtmRegisterForChangeNotification, ERROR_INVALID_PARAMETER,
           (reg, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, NULL, NULL));
    CC_ROW(calls, RtmGetChangedDests, ERROR_INVALID_HANDLE, (reg, NULL, &count, &out.dest));
    CC_ROW(calls, RtmReleaseChangedDests, ERROR_INVALID_HANDLE, (reg, NULL, 0, &out.dest));
    CC_ROW(calls, RtmIgnoreChangedDests, ERROR_INVALID_HANDLE, (reg, NULL, 0, handles));
    CC_ROW(calls, RtmGetChangeStatus, ERROR_INVALID_HANDLE, (reg, NULL, NULL, &flag));
    CC_ROW(calls, RtmMarkDestForChangeNotification, ERROR_INVALID_HANDLE, (reg, NULL, NULL, TRUE));
    CC_ROW(calls, RtmIsMarkedForChangeNotification, ERROR_INVALID_HANDLE,
           (reg, NULL, NULL, &flag));
    CC_ROW(calls, RtmDeregisterFromChangeNotification, ERROR_INVALID_HANDLE, (reg, NULL));

    /* route lists, handles */
    CC_ROW(calls, RtmCreateRouteList, ERROR_INVALID_PARAMETER, (reg, NULL));
    CC_ROW(calls, RtmInsertInRouteList, ERROR_INVALID_HANDLE, (reg, NULL, 1, null_handle));
    CC_ROW(calls, RtmCreateRouteListEnum, ERROR_INVALID_HANDLE, (reg, NULL, handles));
    CC_ROW(calls, RtmGetListEnumRoutes, ERROR_INVALID_HANDLE, (reg, NULL, &count, handles));
    CC_ROW(calls, RtmDeleteRouteList, ERROR_INVALID_HANDLE, (reg, NULL));
    CC_ROW(calls, RtmReferenceHandles, ERROR_INVALID_HANDLE, (NULL, 0, handles));

    /* RTMv1 (rtm.h): no client is registered, no route exists. */
    CC_ROW(calls, RtmRegisterClient, (uintptr_t)NULL,
           (RTM_PROTOCOL_FAMILY_IP, 1, NULL, 0x80000000u)); /* bad flags */
    CC_ROW(calls, RtmDeregisterClient, ERROR_INVALID_HANDLE, (NULL));
    CC_ROW(calls, RtmDequeueRouteChangeMessage, ERROR_INVALID_HANDLE, (NULL, &flags, NULL, NULL));
    CC_ROW(calls, RtmAddRoute, ERROR_INVALID_HANDLE, (NULL, &out.ip_route, 0, &flags, NULL, NULL));
    CC_ROW(calls, RtmDeleteRoute, ERROR_INVALID_HANDLE, (NULL, &out.ip_route, &flags, NULL));
    CC_ROW(calls, RtmIsRoute, FALSE, (RTM_PROTOCOL_FAMILY_IP, NULL, &out.ip_route));
    CC_ROW(calls, RtmGetNetworkCount, 0, (RTM_PROTOCOL_FAMILY_IPX));
    CC_ROW(calls, RtmGetRouteAge, INFINITE, (NULL));
    CC_ROW(calls, RtmCreateEnumerationHandle, (uintptr_t)NULL,
           (RTM_PROTOCOL_FAMILY_IP, 0x100, NULL)); /* bad flags */
    CC_ROW(calls, RtmEnumerateGetNextRoute, ERROR_INVALID_HANDLE, (NULL, &out.ip_route));
    CC_ROW(calls, RtmCloseEnumerationHandle, ERROR_INVALID_HANDLE, (NULL));
    CC_ROW(calls, RtmBlockDeleteRoutes, ERROR_INVALID_HANDLE, (NULL, 0, NULL));
    CC_ROW(calls, RtmGetFirstRoute, ERROR_INVALID_PARAMETER,
           (RTM_PROTOCOL_FAMILY_IP, 0x100, &out.ip_route)); /* bad flags */
    CC_ROW(calls, RtmGetNextRoute, ERROR_INVALID_PARAMETER, (RTM_PROTOCOL_FAMILY_IP, 0, NULL));
    CC_ROW(calls, RtmLookupIPDestination, FALSE, (0x0A000001, &out.ip_route));
}
