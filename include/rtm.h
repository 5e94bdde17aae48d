/*
 * rtm.h - public interface of the rtm library: Routing Table Manager
 * version 1 (RTMv1), the route tables of Windows NT 4.0's routing
 * protocols and of the IPX protocols, in a clean-room replacement for
 * Windows' Rtm.dll.
 *
 * This header is a drop-in for the Windows SDK's rtm.h. It declares the
 * same types, constants, macros and functions, with structure layouts
 * identical to the SDK's on x86 and x64 (tests/abi/ proves it member by
 * member), so a protocol built against either header works with either
 * DLL.
 *
 * Differences from the SDK header, all source compatible:
 *   - It is self-contained: on Windows it includes <winsock2.h> and
 *     <windows.h>; elsewhere "rtm_compat.h".
 *   - The anonymous unions the DWORD_ALIGN macro makes are marked so that
 *     they also compile in strict C99 and C++ modes.
 *
 * The documented contract is in spec/rras/ (the RTMv1 pages: one per
 * function and structure, named next to each declaration); what the pages
 * leave open is in docs/behaviour.md, and the implementation's documentation
 * is with the functions, in src/rtmv1/.
 *
 * Natively (not Windows), a change event (RtmRegisterClient's ChangeEvent)
 * is a Linux eventfd descriptor cast to a HANDLE: (HANDLE)(intptr_t)fd.
 * The library signals it by adding 1 to its counter and resets it by
 * reading the counter to zero; wait for it with poll() or select().
 */
#if !defined(RTM_RTM_H) && !defined(__ROUTING_RTM_H__)
#define RTM_RTM_H
/* Also claim the SDK header's include guard: whichever comes first wins. */
#define __ROUTING_RTM_H__

#ifdef _WIN32
/* <winsock2.h> before <windows.h>, as include/rtmv2.h does, so that either
 * header may come first (<windows.h> alone would pull in the old
 * <winsock.h>, which has no AF_INET6). */
#ifndef _WINSOCKAPI_
#include <winsock2.h>
#endif
#include <windows.h>
#else
#include "rtm_compat.h"
#endif

/* DWORD_ALIGN makes anonymous unions: standard in C11, an extension in
 * C99 and C++; __extension__ keeps GCC and Clang quiet under -pedantic. */
#if defined(__GNUC__)
#define RTM_V1_NAMELESS_ __extension__
#else
#define RTM_V1_NAMELESS_
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ====================================================================== */
/* Protocol families                                                      */
/* spec/rras/routing-table-manager-version-1-protocol-family-identifiers.md */
/* ====================================================================== */

#define RTM_PROTOCOL_FAMILY_IPX 0
#define RTM_PROTOCOL_FAMILY_IP 1

/* ====================================================================== */
/* Error codes: RTMv1's names for Win32 codes                             */
/* ====================================================================== */

#define ERROR_MORE_MESSAGES ERROR_MORE_DATA
#define ERROR_CLIENT_ALREADY_EXISTS ERROR_ALREADY_EXISTS
#define ERROR_NO_MESSAGES ERROR_NO_MORE_ITEMS

#define ERROR_NO_MORE_ROUTES ERROR_NO_MORE_ITEMS
#define ERROR_NO_ROUTES ERROR_NO_MORE_ITEMS
#define ERROR_NO_SUCH_ROUTE ERROR_NO_MORE_ITEMS

/* ====================================================================== */
/* Networks, next hops and family-specific data                           */
/* ====================================================================== */

/* An IPX network number, in machine byte order.
 * spec/rras/ipx-network.md */
typedef struct _IPX_NETWORK {
    DWORD N_NetNumber;
} IPX_NETWORK, *PIPX_NETWORK;

/* An IP network: number and mask, both in machine byte order.
 * spec/rras/ip-network.md */
typedef struct _IP_NETWORK {
    DWORD N_NetNumber;
    DWORD N_NetMask;
} IP_NETWORK, *PIP_NETWORK;

/* The MAC address of an IPX next-hop router.
 * spec/rras/ipx-next-hop-address.md */
typedef struct _IPX_NEXT_HOP_ADDRESS {
    BYTE NHA_Mac[6];
} IPX_NEXT_HOP_ADDRESS, *PIPX_NEXT_HOP_ADDRESS;

/* The address of an IP next-hop router (N_NetNumber; machine byte order).
 * spec/rras/ip-next-hop-address.md */
typedef IP_NETWORK IP_NEXT_HOP_ADDRESS, *PIP_NEXT_HOP_ADDRESS;

/* IPX data of a route: the lower FSD_TickCount, then the lower
 * FSD_HopCount, is the better route. spec/rras/ipx-specific-data.md */
typedef struct _IPX_SPECIFIC_DATA {
    DWORD  FSD_Flags;     /* 0 or IPX_GLOBAL_CLIENT_WAN_ROUTE */
    USHORT FSD_TickCount;
    USHORT FSD_HopCount;
} IPX_SPECIFIC_DATA, *PIPX_SPECIFIC_DATA;

#define IPX_GLOBAL_CLIENT_WAN_ROUTE 0x00000001

/* IP data of a route: FSD_Priority (set by the routing table manager) and
 * FSD_Metric choose the best route. spec/rras/ip-specific-data.md */
typedef struct _IP_SPECIFIC_DATA {
    DWORD FSD_Type;      /* RFC 1354 route type: 1 other, 2 invalid, 3 local,
                            4 remote */
    DWORD FSD_Policy;
    DWORD FSD_NextHopAS;
    DWORD FSD_Priority;
    DWORD FSD_Metric;
    DWORD FSD_Metric1;   /* FSD_Metric1..5: MIB II metrics, not used to */
    DWORD FSD_Metric2;   /* choose the best route */
    DWORD FSD_Metric3;
    DWORD FSD_Metric4;
    DWORD FSD_Metric5;
    DWORD FSD_Flags;     /* IP_VALID_ROUTE, with the macros below */
} IP_SPECIFIC_DATA, *PIP_SPECIFIC_DATA;

#define IP_VALID_ROUTE 0x00000001
#define ClearRouteFlags(pRoute) ((pRoute)->RR_FamilySpecificData.FSD_Flags = 0x00000000)
#define IsRouteValid(pRoute) ((pRoute)->RR_FamilySpecificData.FSD_Flags & IP_VALID_ROUTE)
#define SetRouteValid(pRoute) ((pRoute)->RR_FamilySpecificData.FSD_Flags |= IP_VALID_ROUTE)
#define ClearRouteValid(pRoute) ((pRoute)->RR_FamilySpecificData.FSD_Flags &= ~IP_VALID_ROUTE)
/* As in the SDK, these two read the first octet of an address in the low
 * byte of N_NetNumber: network byte order on a little-endian machine, not
 * the machine byte order the structures are documented in (see
 * docs/behaviour.md). */
#define IsRouteNonUnicast(pRoute) \
    (((DWORD)((pRoute)->RR_Network.N_NetNumber & 0x000000FF)) >= ((DWORD)0x000000E0))
#define IsRouteLoopback(pRoute)                                         \
    ((((pRoute)->RR_Network.N_NetNumber & 0x000000FF) == 0x0000007F) || \
     ((pRoute)->RR_NextHopAddress.N_NetNumber == 0x0100007F))

/* Data a routing protocol keeps in its routes; the routing table manager
 * stores and returns it. spec/rras/protocol-specific-data.md */
typedef struct _PROTOCOL_SPECIFIC_DATA {
    DWORD PSD_Data[4];
} PROTOCOL_SPECIFIC_DATA, *PPROTOCOL_SPECIFIC_DATA;

/* ====================================================================== */
/* Routes                                                                 */
/* ====================================================================== */

/* A member `field` of type `type`, in a union with a DWORD `fieldAlign`
 * that aligns it on 4 bytes. */
#define DWORD_ALIGN(type, field) \
    RTM_V1_NAMELESS_ union {     \
        type field;              \
        DWORD field##Align;      \
    }

/* What the routes of both families begin with. */
#define ROUTE_HEADER                                \
    DWORD_ALIGN(FILETIME, RR_TimeStamp);            \
    DWORD RR_RoutingProtocol;                       \
    DWORD RR_InterfaceID;                           \
    DWORD_ALIGN(PROTOCOL_SPECIFIC_DATA, RR_ProtocolSpecificData)

/* An IPX route. spec/rras/rtm-ipx-route.md */
typedef struct _RTM_IPX_ROUTE {
    ROUTE_HEADER;
    DWORD_ALIGN(IPX_NETWORK, RR_Network);
    DWORD_ALIGN(IPX_NEXT_HOP_ADDRESS, RR_NextHopAddress);
    DWORD_ALIGN(IPX_SPECIFIC_DATA, RR_FamilySpecificData);
} RTM_IPX_ROUTE, *PRTM_IPX_ROUTE;

/* An IP route. spec/rras/rtm-ip-route.md */
typedef struct _RTM_IP_ROUTE {
    ROUTE_HEADER;
    DWORD_ALIGN(IP_NETWORK, RR_Network);
    DWORD_ALIGN(IP_NEXT_HOP_ADDRESS, RR_NextHopAddress);
    DWORD_ALIGN(IP_SPECIFIC_DATA, RR_FamilySpecificData);
} RTM_IP_ROUTE, *PRTM_IP_ROUTE;

/* ====================================================================== */
/* Flags                                                                  */
/* ====================================================================== */

/* Which best-route buffers a call filled (spec/rras/rtmaddroute.md,
 * rtmdeleteroute.md, rtmdequeueroutechangemessage.md). */
#define RTM_CURRENT_BEST_ROUTE 0x00000001
#define RTM_PREVIOUS_BEST_ROUTE 0x00000002

#define RTM_NO_CHANGE 0
#define RTM_ROUTE_ADDED RTM_CURRENT_BEST_ROUTE
#define RTM_ROUTE_DELETED RTM_PREVIOUS_BEST_ROUTE
#define RTM_ROUTE_CHANGED (RTM_CURRENT_BEST_ROUTE | RTM_PREVIOUS_BEST_ROUTE)

/* Enumeration criteria (spec/rras/rtmcreateenumerationhandle.md). */
#define RTM_ONLY_THIS_NETWORK 0x00000001
#define RTM_ONLY_THIS_INTERFACE 0x00000002
#define RTM_ONLY_THIS_PROTOCOL 0x00000004
#define RTM_ONLY_BEST_ROUTES 0x00000008

/* RtmRegisterClient's Flags (spec/rras/rtmregisterclient.md). */
#define RTM_PROTOCOL_SINGLE_ROUTE 0x00000001

/* ====================================================================== */
/* Functions                                                              */
/* ====================================================================== */

/* Registers the client of a routing protocol; returns its handle.
 * spec/rras/rtmregisterclient.md */
HANDLE WINAPI RtmRegisterClient(DWORD ProtocolFamily, DWORD RoutingProtocol, HANDLE ChangeEvent,
                                DWORD Flags);

/* Deregisters a client; its routes are deleted.
 * spec/rras/rtmderegisterclient.md */
DWORD WINAPI RtmDeregisterClient(HANDLE ClientHandle);

/* Returns the client's next best-route change message.
 * spec/rras/rtmdequeueroutechangemessage.md */
DWORD WINAPI RtmDequeueRouteChangeMessage(HANDLE ClientHandle, DWORD *Flags, PVOID CurBestRoute,
                                          PVOID PrevBestRoute);

/* Adds or updates a route. spec/rras/rtmaddroute.md */
DWORD WINAPI RtmAddRoute(HANDLE ClientHandle, PVOID Route, DWORD TimeToLive, DWORD *Flags,
                         PVOID CurBestRoute, PVOID PrevBestRoute);

/* Deletes a route. spec/rras/rtmdeleteroute.md */
DWORD WINAPI RtmDeleteRoute(HANDLE ClientHandle, PVOID Route, DWORD *Flags, PVOID CurBestRoute);

/* Whether a network has a route; its best route. spec/rras/rtmisroute.md */
WINBOOL WINAPI RtmIsRoute(DWORD ProtocolFamily, PVOID Network, PVOID BestRoute);

/* The number of networks a family has routes to.
 * spec/rras/rtmgetnetworkcount.md */
ULONG WINAPI RtmGetNetworkCount(DWORD ProtocolFamily);

/* The age of a route in seconds, from its RR_TimeStamp.
 * spec/rras/rtmgetrouteage.md */
ULONG WINAPI RtmGetRouteAge(PVOID Route);

/* Starts an enumeration of the routes that meet criteria.
 * spec/rras/rtmcreateenumerationhandle.md */
HANDLE WINAPI RtmCreateEnumerationHandle(DWORD ProtocolFamily, DWORD EnumerationFlags,
                                         PVOID CriteriaRoute);

/* The next route of an enumeration. spec/rras/rtmenumerategetnextroute.md */
DWORD WINAPI RtmEnumerateGetNextRoute(HANDLE EnumerationHandle, PVOID Route);

/* Ends an enumeration. spec/rras/rtmcloseenumerationhandle.md */
DWORD WINAPI RtmCloseEnumerationHandle(HANDLE EnumerationHandle);

/* Deletes the client's routes that meet criteria.
 * spec/rras/rtmblockdeleteroutes.md (which gives it a HANDLE result; the
 * SDK header's DWORD is the ABI) */
DWORD WINAPI RtmBlockDeleteRoutes(HANDLE ClientHandle, DWORD EnumerationFlags,
                                  PVOID CriteriaRoute);

/* The first route, in order, that meets criteria.
 * spec/rras/rtmgetfirstroute.md */
DWORD WINAPI RtmGetFirstRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route);

/* The first route of a network, protocol and interface. */
#define RtmGetSpecificRoute(ProtocolFamily, Route)                                          \
    RtmGetFirstRoute(ProtocolFamily,                                                       \
                     RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_PROTOCOL | RTM_ONLY_THIS_INTERFACE, \
                     Route)

/* The route after a given one, in order, that meets criteria.
 * spec/rras/rtmgetnextroute.md */
DWORD WINAPI RtmGetNextRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route);

/* The best route of the longest IP network that holds an address (no spec
 * page: see src/rtmv1/query.c). */
WINBOOL WINAPI RtmLookupIPDestination(DWORD dwDestAddr, PRTM_IP_ROUTE prir);

#ifdef __cplusplus
}
#endif

#endif /* RTM_RTM_H */
