/*
 * rtmv2.h - public interface of the rtm library: Routing Table Manager
 * version 2 (RTMv2), a clean-room replacement for Windows' Rtm.dll.
 *
 * This header is a drop-in for the Windows SDK's rtmv2.h. It declares the
 * same types, constants, macros and functions, with structure layouts
 * identical to the SDK's on x86 and x64 (tests/abi/ proves it field by
 * field), so a routing protocol built against either header works with
 * either DLL. It also declares the two IPv6 address helpers that later
 * Windows versions added to Rtm.dll.
 *
 * Differences from the SDK header, all source compatible:
 *   - It is self-contained: on Windows it includes <winsock2.h> (which
 *     brings in <windows.h>) and <in6addr.h>; elsewhere "rtm_compat.h".
 *   - RTM_ROUTE_FLAGS_SUBNET_BCAST and RTM_ROUTE_FLAGS_ANY_BCAST compile
 *     (the SDK's refer to an undefined, misspelled flag name).
 *   - RTM_IPV4_MASK_FROM_LEN is a plain expression (no trailing ';'), and
 *     the multi-statement IPv4 macros are single braced statements.
 *   - The anonymous union in RTM_ENTITY_ID is marked so that it also
 *     compiles in strict C99/C11 and C++ modes.
 *
 * The documented contract is in spec/rtmv2/ (one page per function,
 * structure and macro); the page is named next to each declaration.
 * Behavioural documentation lives with the implementations in src/.
 */
#if !defined(RTM_RTMV2_H) && !defined(__ROUTING_RTMv2_H__)
#define RTM_RTMV2_H
/*
 * Also claim the SDK header's include guard: if both headers are reachable
 * (say, another SDK header includes <rtmv2.h> and finds the SDK's copy),
 * whichever comes first wins instead of the two clashing.
 */
#define __ROUTING_RTMv2_H__

#ifdef _WIN32
/*
 * <winsock2.h> before <windows.h>, so that <windows.h> does not pull in the
 * old <winsock.h> (which would make a client's later <winsock2.h> complain).
 * If <winsock.h> is already in (a client included the full <windows.h>
 * first), it is left alone: it also supplies AF_INET, htonl and ntohl, which
 * the IPv4 macros below use.
 */
#ifndef _WINSOCKAPI_
#include <winsock2.h>
#endif
#include <windows.h>
#include <in6addr.h>
#else
#include "rtm_compat.h"
#endif

/*
 * RTM_ENTITY_ID has an unnamed union holding an unnamed struct: standard in
 * C11, an extension in C99 and in C++ (for the struct). __extension__ keeps
 * GCC and Clang quiet under -pedantic; other compilers accept it as is.
 */
#if defined(__GNUC__)
#define RTM_NAMELESS_ __extension__
#else
#define RTM_NAMELESS_
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ====================================================================== */
/* Limits                                                                 */
/* ====================================================================== */

/* Bytes of address an RTM_NET_ADDRESS can hold (enough for IPv6). */
#define RTM_MAX_ADDRESS_SIZE 16

/* Number of views a routing table can have. */
#define RTM_MAX_VIEWS 32

/* ====================================================================== */
/* Views                                                                  */
/* ====================================================================== */

/* View identifiers: the unicast and multicast views are predefined. */
#define RTM_VIEW_ID_UCAST 0
#define RTM_VIEW_ID_MCAST 1

/* View sets are bit masks with one bit per view identifier. */
#define RTM_VIEW_MASK_SIZE  0x20
#define RTM_VIEW_MASK_NONE  0x00000000
#define RTM_VIEW_MASK_ANY   0x00000000
#define RTM_VIEW_MASK_UCAST 0x00000001
#define RTM_VIEW_MASK_MCAST 0x00000002
#define RTM_VIEW_MASK_ALL   0xFFFFFFFF

/* One view, by number. */
typedef INT RTM_VIEW_ID, *PRTM_VIEW_ID;

/* A set of views, one bit each (RTM_VIEW_MASK_*). */
typedef DWORD RTM_VIEW_SET, *PRTM_VIEW_SET;

/*
 * What the routing table manager supports, returned on registration.
 * spec/rtmv2/ns-rtmv2-rtm_regn_profile.md
 */
typedef struct _RTM_REGN_PROFILE {
    UINT         MaxNextHopsInRoute;  /* next hops one route can carry */
    UINT         MaxHandlesInEnum;    /* handles one enumeration call returns */
    RTM_VIEW_SET ViewsSupported;
    UINT         NumberOfViews;
} RTM_REGN_PROFILE, *PRTM_REGN_PROFILE;

/* ====================================================================== */
/* Handles                                                                */
/* ====================================================================== */

/* Opaque handles to the objects the routing table manager manages. */
typedef HANDLE RTM_ENTITY_HANDLE,     *PRTM_ENTITY_HANDLE;     /* registered client */
typedef HANDLE RTM_DEST_HANDLE,       *PRTM_DEST_HANDLE;       /* destination */
typedef HANDLE RTM_ROUTE_HANDLE,      *PRTM_ROUTE_HANDLE;      /* route */
typedef HANDLE RTM_NEXTHOP_HANDLE,    *PRTM_NEXTHOP_HANDLE;    /* next hop */
typedef HANDLE RTM_ENUM_HANDLE,       *PRTM_ENUM_HANDLE;       /* enumeration */
typedef HANDLE RTM_ROUTE_LIST_HANDLE, *PRTM_ROUTE_LIST_HANDLE; /* route list */
typedef HANDLE RTM_NOTIFY_HANDLE,     *PRTM_NOTIFY_HANDLE;     /* change notification */

/* ====================================================================== */
/* Addresses                                                              */
/* ====================================================================== */

/*
 * A network address of any family: a prefix of NumBits bits, stored from
 * the start of AddrBits in network byte order.
 * spec/rtmv2/ns-rtmv2-rtm_net_address.md
 */
typedef struct _RTM_NET_ADDRESS {
    USHORT AddressFamily;
    USHORT NumBits;
    UCHAR  AddrBits[RTM_MAX_ADDRESS_SIZE];
} RTM_NET_ADDRESS, *PRTM_NET_ADDRESS;

/*
 * IPv4 helpers. Addresses and masks are ULONGs in network byte order, the
 * address being the first four bytes of AddrBits. Like the SDK's, these
 * macros may evaluate their arguments more than once, and the statement
 * macros assign to their lvalue arguments. The SDK writes the statement
 * macros as bare statement lists; here each is one braced block, so in
 * "if (c) RTM_IPV4_SET_ADDR_AND_LEN(...);" the whole of it is conditional
 * (with the SDK's, only its first assignment is). With or without a
 * trailing ';' they compile wherever the SDK versions do; like those, they
 * cannot be followed by "; else".
 */

/* Fills an RTM_NET_ADDRESS from an IPv4 address and prefix length.
 * spec/rtmv2/nf-rtmv2-rtm_ipv4_make_net_address.md */
#define RTM_IPV4_MAKE_NET_ADDRESS(NetAddress, Addr, Len) \
    RTM_IPV4_SET_ADDR_AND_LEN(NetAddress, Addr, Len)

/* Step of RTM_IPV4_LEN_FROM_MASK: if bit N of Value is set, count N bits
 * and shift them out. */
#define RTM_CHECK_NTH_BIT(Value, N, Len) \
    if ((Value) & (1 << (N))) {          \
        (Len) += (N);                    \
        (Value) <<= (N);                 \
    }

/* Sets Len to the prefix length of a contiguous IPv4 mask.
 * spec/rtmv2/nf-rtmv2-rtm_ipv4_len_from_mask.md */
#define RTM_IPV4_LEN_FROM_MASK(Len, Mask)                    \
    {                                                        \
        ULONG RtmpMaskBits_ = ntohl(Mask);                   \
        (Len) = 0;                                           \
        RTM_CHECK_NTH_BIT(RtmpMaskBits_, 16, (Len));         \
        RTM_CHECK_NTH_BIT(RtmpMaskBits_, 8, (Len));          \
        RTM_CHECK_NTH_BIT(RtmpMaskBits_, 4, (Len));          \
        while (RtmpMaskBits_) {                              \
            (Len) += 1;                                      \
            RtmpMaskBits_ <<= 1;                             \
        }                                                    \
    }

/*
 * The IPv4 mask (network order) of a prefix length, 0..32.
 * spec/rtmv2/nf-rtmv2-rtm_ipv4_mask_from_len.md
 *
 * The SDK's definition ends in ';', so it only works as the whole right-hand
 * side of an assignment statement. Here it is an ordinary expression, usable
 * anywhere; the usual "m = RTM_IPV4_MASK_FROM_LEN(len);" compiles either way
 * and gives the same value. (Only code that relied on the hidden ';' by
 * leaving its own out would need one added.)
 * The SDK also shifts ~0, a negative int (undefined behaviour in C99 and
 * later, flagged by -Wshift-negative-value); this shifts an unsigned value.
 */
#define RTM_IPV4_MASK_FROM_LEN(Len) \
    ((Len) ? htonl(0xFFFFFFFFu << (32 - (Len))) : 0)

/* Fills an RTM_NET_ADDRESS from an IPv4 address and prefix length.
 * spec/rtmv2/nf-rtmv2-rtm_ipv4_set_addr_and_len.md */
#define RTM_IPV4_SET_ADDR_AND_LEN(NetAddress, Addr, Len)        \
    {                                                           \
        (NetAddress)->AddressFamily = AF_INET;                  \
        (NetAddress)->NumBits = (USHORT)(Len);                  \
        (*(ULONG *)((NetAddress)->AddrBits)) = (Addr);          \
    }

/* Reads the IPv4 address and prefix length of an RTM_NET_ADDRESS.
 * spec/rtmv2/nf-rtmv2-rtm_ipv4_get_addr_and_len.md */
#define RTM_IPV4_GET_ADDR_AND_LEN(Addr, Len, NetAddress)        \
    {                                                           \
        (Len) = (NetAddress)->NumBits;                          \
        (Addr) = (*(ULONG *)((NetAddress)->AddrBits));          \
    }

/* Fills an RTM_NET_ADDRESS from an IPv4 address and mask.
 * spec/rtmv2/nf-rtmv2-rtm_ipv4_set_addr_and_mask.md */
#define RTM_IPV4_SET_ADDR_AND_MASK(NetAddress, Addr, Mask)      \
    {                                                           \
        (NetAddress)->AddressFamily = AF_INET;                  \
        (*(ULONG *)((NetAddress)->AddrBits)) = (Addr);          \
        RTM_IPV4_LEN_FROM_MASK((NetAddress)->NumBits, Mask)     \
    }

/* Reads the IPv4 address and mask of an RTM_NET_ADDRESS.
 * spec/rtmv2/nf-rtmv2-rtm_ipv4_get_addr_and_mask.md */
#define RTM_IPV4_GET_ADDR_AND_MASK(Addr, Mask, NetAddress)      \
    {                                                           \
        (Addr) = (*(ULONG *)((NetAddress)->AddrBits));          \
        (Mask) = RTM_IPV4_MASK_FROM_LEN((NetAddress)->NumBits); \
    }

/* ====================================================================== */
/* Routes, next hops, destinations                                        */
/* ====================================================================== */

/*
 * How good a route is; lower values are better, Preference first.
 * spec/rtmv2/ns-rtmv2-rtm_pref_info.md
 */
typedef struct _RTM_PREF_INFO {
    ULONG Metric;
    ULONG Preference;
} RTM_PREF_INFO, *PRTM_PREF_INFO;

/*
 * The next hops of a route. NextHops really has NumNextHops entries (up to
 * the registration profile's MaxNextHopsInRoute).
 * spec/rtmv2/ns-rtmv2-rtm_nexthop_list.md
 */
typedef struct _RTM_NEXTHOP_LIST {
    USHORT             NumNextHops;
    RTM_NEXTHOP_HANDLE NextHops[1];
} RTM_NEXTHOP_LIST, *PRTM_NEXTHOP_LIST;

/*
 * A destination and, per requested view, its best route. ViewInfo really
 * has NumberOfViews entries: allocate with RTM_SIZE_OF_DEST_INFO().
 * spec/rtmv2/ns-rtmv2-rtm_dest_info.md
 */
typedef struct _RTM_DEST_INFO {
    RTM_DEST_HANDLE DestHandle;
    RTM_NET_ADDRESS DestAddress;
    FILETIME        LastChanged;
    RTM_VIEW_SET    BelongsToViews;
    UINT            NumberOfViews;
    struct {
        RTM_VIEW_ID       ViewId;
        UINT              NumRoutes;
        RTM_ROUTE_HANDLE  Route;      /* best route in this view */
        RTM_ENTITY_HANDLE Owner;      /* owner of that route */
        DWORD             DestFlags;  /* RTM_DEST_FLAG_* */
        RTM_ROUTE_HANDLE  HoldRoute;  /* previous best, in hold-down */
    } ViewInfo[1];
} RTM_DEST_INFO, *PRTM_DEST_INFO;

/* Bytes before ViewInfo, bytes per ViewInfo entry, and the size of an
 * RTM_DEST_INFO with NumViews entries.
 * spec/rtmv2/nf-rtmv2-rtm_size_of_dest_info.md */
#define RTM_BASIC_DEST_INFO_SIZE FIELD_OFFSET(RTM_DEST_INFO, ViewInfo)
#define RTM_DEST_VIEW_INFO_SIZE (sizeof(RTM_DEST_INFO) - RTM_BASIC_DEST_INFO_SIZE)
#define RTM_SIZE_OF_DEST_INFO(NumViews) \
    (RTM_BASIC_DEST_INFO_SIZE + (NumViews) * RTM_DEST_VIEW_INFO_SIZE)

/* RTM_DEST_INFO ViewInfo[].DestFlags */
#define RTM_DEST_FLAG_NATURAL_NET   0x01
#define RTM_DEST_FLAG_FWD_ENGIN_ADD 0x02
#define RTM_DEST_FLAG_DONT_FORWARD  0x04

/*
 * A route: its destination, owner, neighbour, flags, preference, views and
 * next hops. NextHopsList.NextHops really has NumNextHops entries.
 * spec/rtmv2/ns-rtmv2-rtm_route_info.md
 */
typedef struct _RTM_ROUTE_INFO {
    RTM_DEST_HANDLE    DestHandle;
    RTM_ENTITY_HANDLE  RouteOwner;
    RTM_NEXTHOP_HANDLE Neighbour;
    UCHAR              State;     /* RTM_ROUTE_STATE_* */
    UCHAR              Flags1;    /* kept for RTMv1 compatibility */
    USHORT             Flags;     /* RTM_ROUTE_FLAGS_* */
    RTM_PREF_INFO      PrefInfo;
    RTM_VIEW_SET       BelongsToViews;
    PVOID              EntitySpecificInfo;
    RTM_NEXTHOP_LIST   NextHopsList;
} RTM_ROUTE_INFO, *PRTM_ROUTE_INFO;

/*
 * Bytes before the next-hop list, and the size of an RTM_ROUTE_INFO with
 * NumHops next hops. spec/rtmv2/nf-rtmv2-rtm_size_of_route_info.md
 *
 * Kept exactly as the SDK defines it, value for value. Note the base is the
 * offset of NextHopsList.NumNextHops, i.e. of the list itself, so the
 * NumNextHops field and its padding (together the size of one handle, on
 * x86 and x64 alike) are not counted: RTM_SIZE_OF_ROUTE_INFO(n) is one
 * handle short of FIELD_OFFSET(RTM_ROUTE_INFO, NextHopsList.NextHops[n]).
 * (For n == 1 it is sizeof(RTM_ROUTE_INFO) minus one handle.) Clients size
 * buffers with it, so a buffer of RTM_SIZE_OF_ROUTE_INFO(n) bytes really has
 * room for n - 1 next hops; the library has to allow for that when it fills
 * a caller's RTM_ROUTE_INFO.
 */
#define RTM_BASIC_ROUTE_INFO_SIZE FIELD_OFFSET(RTM_ROUTE_INFO, NextHopsList.NumNextHops)
#define RTM_SIZE_OF_ROUTE_INFO(NumHops) \
    (RTM_BASIC_ROUTE_INFO_SIZE + (NumHops) * sizeof(RTM_NEXTHOP_HANDLE))

/* RTM_ROUTE_INFO.State */
#define RTM_ROUTE_STATE_CREATED  0
#define RTM_ROUTE_STATE_DELETING 1
#define RTM_ROUTE_STATE_DELETED  2

/* RTM_ROUTE_INFO.Flags: forwarding behaviour. */
#define RTM_ROUTE_FLAGS_MARTIAN     0x0001
#define RTM_ROUTE_FLAGS_BLACKHOLE   0x0002
#define RTM_ROUTE_FLAGS_DISCARD     0x0004
#define RTM_ROUTE_FLAGS_INACTIVE    0x0008

/* RTM_ROUTE_INFO.Flags: unicast kinds. */
#define RTM_ROUTE_FLAGS_LOCAL       0x0010
#define RTM_ROUTE_FLAGS_REMOTE      0x0020
#define RTM_ROUTE_FLAGS_MYSELF      0x0040
#define RTM_ROUTE_FLAGS_LOOPBACK    0x0080

/* RTM_ROUTE_INFO.Flags: multicast kinds. */
#define RTM_ROUTE_FLAGS_MCAST       0x0100
#define RTM_ROUTE_FLAGS_LOCAL_MCAST 0x0200

/* RTM_ROUTE_INFO.Flags: broadcast kinds. */
#define RTM_ROUTE_FLAGS_LIMITED_BC     0x0400
#define RTM_ROUTE_FLAGS_ZEROS_NETBC    0x1000
#define RTM_ROUTE_FLAGS_ZEROS_SUBNETBC 0x2000
#define RTM_ROUTE_FLAGS_ONES_NETBC     0x4000
#define RTM_ROUTE_FLAGS_ONES_SUBNETBC  0x8000

/* RTM_ROUTE_INFO.Flags: groups of the above. */
#define RTM_ROUTE_FLAGS_FORWARDING                              \
    (RTM_ROUTE_FLAGS_MARTIAN | RTM_ROUTE_FLAGS_BLACKHOLE |      \
     RTM_ROUTE_FLAGS_DISCARD | RTM_ROUTE_FLAGS_INACTIVE)
#define RTM_ROUTE_FLAGS_ANY_UNICAST                             \
    (RTM_ROUTE_FLAGS_LOCAL | RTM_ROUTE_FLAGS_REMOTE |           \
     RTM_ROUTE_FLAGS_MYSELF)
#define RTM_ROUTE_FLAGS_ANY_MCAST                               \
    (RTM_ROUTE_FLAGS_MCAST | RTM_ROUTE_FLAGS_LOCAL_MCAST)
/*
 * The SDK defines SUBNET_BCAST and ANY_BCAST in terms of a flag spelled
 * RTM_ROUTE_FLAGS_ONES_SUBNET_BC, which no header defines, so using either
 * fails to compile there. The flag meant is RTM_ROUTE_FLAGS_ONES_SUBNETBC;
 * with it SUBNET_BCAST is 0xA000 and ANY_BCAST is 0xF400. The misspelled
 * name itself is not defined here, so a client that defines it as a
 * workaround is not disturbed.
 */
#define RTM_ROUTE_FLAGS_SUBNET_BCAST                            \
    (RTM_ROUTE_FLAGS_ONES_SUBNETBC | RTM_ROUTE_FLAGS_ZEROS_SUBNETBC)
#define RTM_ROUTE_FLAGS_NET_BCAST                               \
    (RTM_ROUTE_FLAGS_ONES_NETBC | RTM_ROUTE_FLAGS_ZEROS_NETBC)
#define RTM_ROUTE_FLAGS_ANY_BCAST                               \
    (RTM_ROUTE_FLAGS_LIMITED_BC | RTM_ROUTE_FLAGS_ONES_NETBC |  \
     RTM_ROUTE_FLAGS_ONES_SUBNETBC | RTM_ROUTE_FLAGS_ZEROS_NETBC | \
     RTM_ROUTE_FLAGS_ZEROS_SUBNETBC)

/*
 * A next hop: its address, owner, interface and state.
 * spec/rtmv2/ns-rtmv2-rtm_nexthop_info.md
 */
typedef struct _RTM_NEXTHOP_INFO {
    RTM_NET_ADDRESS   NextHopAddress;
    RTM_ENTITY_HANDLE NextHopOwner;
    ULONG             InterfaceIndex;
    USHORT            State;          /* RTM_NEXTHOP_STATE_* */
    USHORT            Flags;          /* RTM_NEXTHOP_FLAGS_* */
    PVOID             EntitySpecificInfo;
    RTM_DEST_HANDLE   RemoteNextHop;  /* destination of a remote next hop */
} RTM_NEXTHOP_INFO, *PRTM_NEXTHOP_INFO;

/* RTM_NEXTHOP_INFO.State */
#define RTM_NEXTHOP_STATE_CREATED 0
#define RTM_NEXTHOP_STATE_DELETED 1

/* RTM_NEXTHOP_INFO.Flags */
#define RTM_NEXTHOP_FLAGS_REMOTE 0x0001
#define RTM_NEXTHOP_FLAGS_DOWN   0x0002

/* ====================================================================== */
/* Entities                                                               */
/* ====================================================================== */

/*
 * Identifies a client: protocol and instance, also readable as one 64-bit
 * value. spec/rtmv2/ns-rtmv2-rtm_entity_id.md
 */
#if defined(__GNUC__) && !defined(__cplusplus) && \
    (!defined(__STDC_VERSION__) || __STDC_VERSION__ < 201112L)
/* Before C11, -pedantic also objects to a struct whose only member is
 * unnamed; silence that for this one declaration. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#define RTM_ENTITY_ID_PRAGMAS_
#endif
typedef struct _RTM_ENTITY_ID {
    RTM_NAMELESS_ union {
        RTM_NAMELESS_ struct {
            ULONG EntityProtocolId;
            ULONG EntityInstanceId;
        };
        ULONGLONG EntityId;
    };
} RTM_ENTITY_ID, *PRTM_ENTITY_ID;
#ifdef RTM_ENTITY_ID_PRAGMAS_
#pragma GCC diagnostic pop
#undef RTM_ENTITY_ID_PRAGMAS_
#endif

/*
 * A client's identity and the routing table (instance, address family) it
 * registers into. spec/rtmv2/ns-rtmv2-rtm_entity_info.md
 */
typedef struct _RTM_ENTITY_INFO {
    USHORT        RtmInstanceId;
    USHORT        AddressFamily;
    RTM_ENTITY_ID EntityId;
} RTM_ENTITY_INFO, *PRTM_ENTITY_INFO;

/* ====================================================================== */
/* Events                                                                 */
/* ====================================================================== */

/*
 * Events delivered to a client's RTM_EVENT_CALLBACK.
 * spec/rtmv2/ne-rtmv2-rtm_event_type.md
 */
typedef enum _RTM_EVENT_TYPE {
    RTM_ENTITY_REGISTERED = 0,
    RTM_ENTITY_DEREGISTERED = 1,
    RTM_ROUTE_EXPIRED = 2,
    RTM_CHANGE_NOTIFICATION = 3
} RTM_EVENT_TYPE, *PRTM_EVENT_TYPE;

/*
 * The callback a client registers to receive events.
 * spec/rtmv2/nc-rtmv2-_event_callback.md
 */
typedef DWORD (WINAPI *_EVENT_CALLBACK)(RTM_ENTITY_HANDLE RtmRegHandle,
                                        RTM_EVENT_TYPE EventType,
                                        PVOID Context1,
                                        PVOID Context2);
typedef _EVENT_CALLBACK RTM_EVENT_CALLBACK, *PRTM_EVENT_CALLBACK;

/* ====================================================================== */
/* Entity methods                                                         */
/* ====================================================================== */

/* Method type masks: all methods, and those of well-known protocols. */
#define METHOD_TYPE_ALL_METHODS     0xFFFFFFFF

#define METHOD_RIP2_NEIGHBOUR_ADDR  0x00000001
#define METHOD_RIP2_OUTBOUND_INTF   0x00000002
#define METHOD_RIP2_ROUTE_TAG       0x00000004
#define METHOD_RIP2_ROUTE_TIMESTAMP 0x00000008

#define METHOD_OSPF_ROUTE_TYPE      0x00000001
#define METHOD_OSPF_ROUTE_METRIC    0x00000002
#define METHOD_OSPF_LSDB_TYPE       0x00000004
#define METHOD_OSPF_ROUTE_TAG       0x00000008
#define METHOD_OSPF_ROUTE_AREA      0x00000010
#define METHOD_OSPF_FWD_ADDRESS     0x00000020

#define METHOD_BGP4_AS_PATH         0x00000001
#define METHOD_BGP4_PEER_ID         0x00000002
#define METHOD_BGP4_PA_ORIGIN       0x00000004
#define METHOD_BGP4_NEXTHOP_ATTR    0x00000008

/* Selects methods, one bit per method. */
typedef DWORD RTM_ENTITY_METHOD_TYPE, *PRTM_ENTITY_METHOD_TYPE;

/*
 * Arguments of a method invocation; InputData really has InputSize bytes.
 * spec/rtmv2/ns-rtmv2-rtm_entity_method_input.md
 */
typedef struct _RTM_ENTITY_METHOD_INPUT {
    RTM_ENTITY_METHOD_TYPE MethodType;
    UINT                   InputSize;
    UCHAR                  InputData[1];
} RTM_ENTITY_METHOD_INPUT, *PRTM_ENTITY_METHOD_INPUT;

/*
 * Results of a method invocation; OutputData really has OutputSize bytes.
 * spec/rtmv2/ns-rtmv2-rtm_entity_method_output.md
 */
typedef struct _RTM_ENTITY_METHOD_OUTPUT {
    RTM_ENTITY_METHOD_TYPE MethodType;
    DWORD                  MethodStatus;
    UINT                   OutputSize;
    UCHAR                  OutputData[1];
} RTM_ENTITY_METHOD_OUTPUT, *PRTM_ENTITY_METHOD_OUTPUT;

/*
 * A method a client exports for other clients to invoke.
 * spec/rtmv2/nc-rtmv2-_entity_method.md
 */
typedef VOID (WINAPI *_ENTITY_METHOD)(RTM_ENTITY_HANDLE CallerHandle,
                                      RTM_ENTITY_HANDLE CalleeHandle,
                                      RTM_ENTITY_METHOD_INPUT *Input,
                                      RTM_ENTITY_METHOD_OUTPUT *Output);
typedef _ENTITY_METHOD RTM_ENTITY_EXPORT_METHOD, *PRTM_ENTITY_EXPORT_METHOD;

/*
 * The methods a client exports; Methods really has NumMethods entries.
 * spec/rtmv2/ns-rtmv2-rtm_entity_export_methods.md
 */
typedef struct _RTM_ENTITY_EXPORT_METHODS {
    UINT                     NumMethods;
    RTM_ENTITY_EXPORT_METHOD Methods[1];
} RTM_ENTITY_EXPORT_METHODS, *PRTM_ENTITY_EXPORT_METHODS;

/* RtmBlockMethods BlockingFlag */
#define RTM_RESUME_METHODS 0
#define RTM_BLOCK_METHODS  1

/* ====================================================================== */
/* Flags                                                                  */
/* ====================================================================== */

/* What adding, updating or deleting a route changed. */
typedef DWORD RTM_ROUTE_CHANGE_FLAGS, *PRTM_ROUTE_CHANGE_FLAGS;

#define RTM_ROUTE_CHANGE_FIRST 0x01
#define RTM_ROUTE_CHANGE_NEW   0x02
#define RTM_ROUTE_CHANGE_BEST  0x00010000

/* What adding a next hop changed. */
typedef DWORD RTM_NEXTHOP_CHANGE_FLAGS, *PRTM_NEXTHOP_CHANGE_FLAGS;

#define RTM_NEXTHOP_CHANGE_NEW 0x01

/* Which route fields must match (route lookup and enumeration). */
typedef DWORD RTM_MATCH_FLAGS, *PRTM_MATCH_FLAGS;

#define RTM_MATCH_NONE      0x00000000
#define RTM_MATCH_OWNER     0x00000001
#define RTM_MATCH_NEIGHBOUR 0x00000002
#define RTM_MATCH_PREF      0x00000004
#define RTM_MATCH_NEXTHOP   0x00000008
#define RTM_MATCH_INTERFACE 0x00000010
#define RTM_MATCH_FULL      0x0000FFFF

/*
 * ProtocolId arguments: the best route of any protocol, or the caller's
 * own. (Parenthesised here, unlike the SDK, so they are safe in any
 * expression; the values are the same.)
 */
#define RTM_BEST_PROTOCOL ((ULONG)0)
#define RTM_THIS_PROTOCOL ((ULONG)~0)

/* How an enumeration proceeds and what it returns. */
typedef DWORD RTM_ENUM_FLAGS, *PRTM_ENUM_FLAGS;

#define RTM_ENUM_START      0x00000000
#define RTM_ENUM_NEXT       0x00000001
#define RTM_ENUM_RANGE      0x00000002

#define RTM_ENUM_ALL_DESTS  0x00000000
#define RTM_ENUM_OWN_DESTS  0x01000000

#define RTM_ENUM_ALL_ROUTES 0x00000000
#define RTM_ENUM_OWN_ROUTES 0x00010000

/* Which changes a change notification registration reports. */
typedef DWORD RTM_NOTIFY_FLAGS, *PRTM_NOTIFY_FLAGS;

#define RTM_NUM_CHANGE_TYPES 3

#define RTM_CHANGE_TYPE_ALL        0x0001
#define RTM_CHANGE_TYPE_BEST       0x0002
#define RTM_CHANGE_TYPE_FORWARDING 0x0004

#define RTM_NOTIFY_ONLY_MARKED_DESTS 0x00010000

/* ====================================================================== */
/* Functions                                                              */
/* ====================================================================== */

/* ---- Registration ---------------------------------------------------- */

/* Registers a client with a routing table; returns its handle.
 * spec/rtmv2/nf-rtmv2-rtmregisterentity.md */
DWORD WINAPI RtmRegisterEntity(PRTM_ENTITY_INFO RtmEntityInfo,
                               PRTM_ENTITY_EXPORT_METHODS ExportMethods,
                               RTM_EVENT_CALLBACK EventCallback,
                               BOOL ReserveOpaquePointer,
                               PRTM_REGN_PROFILE RtmRegProfile,
                               PRTM_ENTITY_HANDLE RtmRegHandle);

/* Unregisters a client.
 * spec/rtmv2/nf-rtmv2-rtmderegisterentity.md */
DWORD WINAPI RtmDeregisterEntity(RTM_ENTITY_HANDLE RtmRegHandle);

/* Lists the clients registered with the caller's routing table.
 * spec/rtmv2/nf-rtmv2-rtmgetregisteredentities.md */
DWORD WINAPI RtmGetRegisteredEntities(RTM_ENTITY_HANDLE RtmRegHandle,
                                      PUINT NumEntities,
                                      PRTM_ENTITY_HANDLE EntityHandles,
                                      PRTM_ENTITY_INFO EntityInfos);

/* Releases entity handles returned by RtmGetRegisteredEntities.
 * spec/rtmv2/nf-rtmv2-rtmreleaseentities.md */
DWORD WINAPI RtmReleaseEntities(RTM_ENTITY_HANDLE RtmRegHandle,
                                UINT NumEntities,
                                PRTM_ENTITY_HANDLE EntityHandles);

/* ---- Opaque pointers and destination locks --------------------------- */

/* Locks or unlocks a destination, shared or exclusive.
 * spec/rtmv2/nf-rtmv2-rtmlockdestination.md */
DWORD WINAPI RtmLockDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_DEST_HANDLE DestHandle,
                                BOOL Exclusive,
                                BOOL LockDest);

/* Returns the caller's opaque pointer slot in a destination.
 * spec/rtmv2/nf-rtmv2-rtmgetopaqueinformationpointer.md */
DWORD WINAPI RtmGetOpaqueInformationPointer(RTM_ENTITY_HANDLE RtmRegHandle,
                                            RTM_DEST_HANDLE DestHandle,
                                            PVOID *OpaqueInfoPointer);

/* ---- Entity methods -------------------------------------------------- */

/* Returns the methods another client exports.
 * spec/rtmv2/nf-rtmv2-rtmgetentitymethods.md */
DWORD WINAPI RtmGetEntityMethods(RTM_ENTITY_HANDLE RtmRegHandle,
                                 RTM_ENTITY_HANDLE EntityHandle,
                                 PUINT NumMethods,
                                 PRTM_ENTITY_EXPORT_METHOD ExptMethods);

/* Invokes methods exported by another client.
 * spec/rtmv2/nf-rtmv2-rtminvokemethod.md */
DWORD WINAPI RtmInvokeMethod(RTM_ENTITY_HANDLE RtmRegHandle,
                             RTM_ENTITY_HANDLE EntityHandle,
                             PRTM_ENTITY_METHOD_INPUT Input,
                             PUINT OutputSize,
                             PRTM_ENTITY_METHOD_OUTPUT Output);

/* Blocks or resumes method invocations on the caller's methods.
 * spec/rtmv2/nf-rtmv2-rtmblockmethods.md */
DWORD WINAPI RtmBlockMethods(RTM_ENTITY_HANDLE RtmRegHandle,
                             HANDLE TargetHandle,
                             UCHAR TargetType,
                             DWORD BlockingFlag);

/* ---- Information for handles ----------------------------------------- */

/* Returns information about a registered client.
 * spec/rtmv2/nf-rtmv2-rtmgetentityinfo.md */
DWORD WINAPI RtmGetEntityInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                              RTM_ENTITY_HANDLE EntityHandle,
                              PRTM_ENTITY_INFO EntityInfo);

/* Returns information about a destination.
 * spec/rtmv2/nf-rtmv2-rtmgetdestinfo.md */
DWORD WINAPI RtmGetDestInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                            RTM_DEST_HANDLE DestHandle,
                            ULONG ProtocolId,
                            RTM_VIEW_SET TargetViews,
                            PRTM_DEST_INFO DestInfo);

/* Returns information about a route.
 * spec/rtmv2/nf-rtmv2-rtmgetrouteinfo.md */
DWORD WINAPI RtmGetRouteInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                             RTM_ROUTE_HANDLE RouteHandle,
                             PRTM_ROUTE_INFO RouteInfo,
                             PRTM_NET_ADDRESS DestAddress);

/* Returns information about a next hop.
 * spec/rtmv2/nf-rtmv2-rtmgetnexthopinfo.md */
DWORD WINAPI RtmGetNextHopInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                               RTM_NEXTHOP_HANDLE NextHopHandle,
                               PRTM_NEXTHOP_INFO NextHopInfo);

/* Releases the handles inside an RTM_ENTITY_INFO.
 * spec/rtmv2/nf-rtmv2-rtmreleaseentityinfo.md */
DWORD WINAPI RtmReleaseEntityInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                                  PRTM_ENTITY_INFO EntityInfo);

/* Releases the handles inside an RTM_DEST_INFO.
 * spec/rtmv2/nf-rtmv2-rtmreleasedestinfo.md */
DWORD WINAPI RtmReleaseDestInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                                PRTM_DEST_INFO DestInfo);

/* Releases the handles inside an RTM_ROUTE_INFO.
 * spec/rtmv2/nf-rtmv2-rtmreleaserouteinfo.md */
DWORD WINAPI RtmReleaseRouteInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                                 PRTM_ROUTE_INFO RouteInfo);

/* Releases the handles inside an RTM_NEXTHOP_INFO.
 * spec/rtmv2/nf-rtmv2-rtmreleasenexthopinfo.md */
DWORD WINAPI RtmReleaseNextHopInfo(RTM_ENTITY_HANDLE RtmRegHandle,
                                   PRTM_NEXTHOP_INFO NextHopInfo);

/* ---- Routes ---------------------------------------------------------- */

/* Adds a route to a destination, or updates it.
 * spec/rtmv2/nf-rtmv2-rtmaddroutetodest.md */
DWORD WINAPI RtmAddRouteToDest(RTM_ENTITY_HANDLE RtmRegHandle,
                               PRTM_ROUTE_HANDLE RouteHandle,
                               PRTM_NET_ADDRESS DestAddress,
                               PRTM_ROUTE_INFO RouteInfo,
                               ULONG TimeToLive,
                               RTM_ROUTE_LIST_HANDLE RouteListHandle,
                               RTM_NOTIFY_FLAGS NotifyType,
                               RTM_NOTIFY_HANDLE NotifyHandle,
                               PRTM_ROUTE_CHANGE_FLAGS ChangeFlags);

/* Deletes a route.
 * spec/rtmv2/nf-rtmv2-rtmdeleteroutetodest.md */
DWORD WINAPI RtmDeleteRouteToDest(RTM_ENTITY_HANDLE RtmRegHandle,
                                  RTM_ROUTE_HANDLE RouteHandle,
                                  PRTM_ROUTE_CHANGE_FLAGS ChangeFlags);

/* Keeps a destination's previous best routes in hold-down for a time.
 * spec/rtmv2/nf-rtmv2-rtmholddestination.md */
DWORD WINAPI RtmHoldDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_DEST_HANDLE DestHandle,
                                RTM_VIEW_SET TargetViews,
                                ULONG HoldTime);

/* Returns a pointer to a route's information (read-only).
 * spec/rtmv2/nf-rtmv2-rtmgetroutepointer.md */
DWORD WINAPI RtmGetRoutePointer(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_ROUTE_HANDLE RouteHandle,
                                PRTM_ROUTE_INFO *RoutePointer);

/* Locks or unlocks a route; when locking, returns a pointer to it.
 * spec/rtmv2/nf-rtmv2-rtmlockroute.md */
DWORD WINAPI RtmLockRoute(RTM_ENTITY_HANDLE RtmRegHandle,
                          RTM_ROUTE_HANDLE RouteHandle,
                          BOOL Exclusive,
                          BOOL LockRoute,
                          PRTM_ROUTE_INFO *RoutePointer);

/* Commits in-place changes to a locked route and unlocks it.
 * spec/rtmv2/nf-rtmv2-rtmupdateandunlockroute.md */
DWORD WINAPI RtmUpdateAndUnlockRoute(RTM_ENTITY_HANDLE RtmRegHandle,
                                     RTM_ROUTE_HANDLE RouteHandle,
                                     ULONG TimeToLive,
                                     RTM_ROUTE_LIST_HANDLE RouteListHandle,
                                     RTM_NOTIFY_FLAGS NotifyType,
                                     RTM_NOTIFY_HANDLE NotifyHandle,
                                     PRTM_ROUTE_CHANGE_FLAGS ChangeFlags);

/* ---- Destination and route lookup ------------------------------------ */

/* Finds the destination with exactly this address and length.
 * spec/rtmv2/nf-rtmv2-rtmgetexactmatchdestination.md */
DWORD WINAPI RtmGetExactMatchDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                         PRTM_NET_ADDRESS DestAddress,
                                         ULONG ProtocolId,
                                         RTM_VIEW_SET TargetViews,
                                         PRTM_DEST_INFO DestInfo);

/* Finds the longest-prefix destination that covers an address.
 * spec/rtmv2/nf-rtmv2-rtmgetmostspecificdestination.md */
DWORD WINAPI RtmGetMostSpecificDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                           PRTM_NET_ADDRESS DestAddress,
                                           ULONG ProtocolId,
                                           RTM_VIEW_SET TargetViews,
                                           PRTM_DEST_INFO DestInfo);

/* Finds the next shorter-prefix destination that covers a destination.
 * spec/rtmv2/nf-rtmv2-rtmgetlessspecificdestination.md */
DWORD WINAPI RtmGetLessSpecificDestination(RTM_ENTITY_HANDLE RtmRegHandle,
                                           RTM_DEST_HANDLE DestHandle,
                                           ULONG ProtocolId,
                                           RTM_VIEW_SET TargetViews,
                                           PRTM_DEST_INFO DestInfo);

/* Finds a route matching the given criteria.
 * spec/rtmv2/nf-rtmv2-rtmgetexactmatchroute.md */
DWORD WINAPI RtmGetExactMatchRoute(RTM_ENTITY_HANDLE RtmRegHandle,
                                   PRTM_NET_ADDRESS DestAddress,
                                   RTM_MATCH_FLAGS MatchingFlags,
                                   PRTM_ROUTE_INFO RouteInfo,
                                   ULONG InterfaceIndex,
                                   RTM_VIEW_SET TargetViews,
                                   PRTM_ROUTE_HANDLE RouteHandle);

/* Tells in which views a route is the best one.
 * spec/rtmv2/nf-rtmv2-rtmisbestroute.md */
DWORD WINAPI RtmIsBestRoute(RTM_ENTITY_HANDLE RtmRegHandle,
                            RTM_ROUTE_HANDLE RouteHandle,
                            PRTM_VIEW_SET BestInViews);

/* ---- Next hops ------------------------------------------------------- */

/* Adds a next hop, or finds the existing one with the same address.
 * spec/rtmv2/nf-rtmv2-rtmaddnexthop.md */
DWORD WINAPI RtmAddNextHop(RTM_ENTITY_HANDLE RtmRegHandle,
                           PRTM_NEXTHOP_INFO NextHopInfo,
                           PRTM_NEXTHOP_HANDLE NextHopHandle,
                           PRTM_NEXTHOP_CHANGE_FLAGS ChangeFlags);

/* Finds a next hop by address and interface.
 * spec/rtmv2/nf-rtmv2-rtmfindnexthop.md */
DWORD WINAPI RtmFindNextHop(RTM_ENTITY_HANDLE RtmRegHandle,
                            PRTM_NEXTHOP_INFO NextHopInfo,
                            PRTM_NEXTHOP_HANDLE NextHopHandle,
                            PRTM_NEXTHOP_INFO *NextHopPointer);

/* Deletes a next hop.
 * spec/rtmv2/nf-rtmv2-rtmdeletenexthop.md */
DWORD WINAPI RtmDeleteNextHop(RTM_ENTITY_HANDLE RtmRegHandle,
                              RTM_NEXTHOP_HANDLE NextHopHandle,
                              PRTM_NEXTHOP_INFO NextHopInfo);

/* Returns a pointer to a next hop's information (read-only).
 * spec/rtmv2/nf-rtmv2-rtmgetnexthoppointer.md */
DWORD WINAPI RtmGetNextHopPointer(RTM_ENTITY_HANDLE RtmRegHandle,
                                  RTM_NEXTHOP_HANDLE NextHopHandle,
                                  PRTM_NEXTHOP_INFO *NextHopPointer);

/* Locks or unlocks a next hop; when locking, returns a pointer to it.
 * spec/rtmv2/nf-rtmv2-rtmlocknexthop.md */
DWORD WINAPI RtmLockNextHop(RTM_ENTITY_HANDLE RtmRegHandle,
                            RTM_NEXTHOP_HANDLE NextHopHandle,
                            BOOL Exclusive,
                            BOOL LockNextHop,
                            PRTM_NEXTHOP_INFO *NextHopPointer);

/* ---- Enumeration ----------------------------------------------------- */

/* Starts an enumeration of destinations.
 * spec/rtmv2/nf-rtmv2-rtmcreatedestenum.md */
DWORD WINAPI RtmCreateDestEnum(RTM_ENTITY_HANDLE RtmRegHandle,
                               RTM_VIEW_SET TargetViews,
                               RTM_ENUM_FLAGS EnumFlags,
                               PRTM_NET_ADDRESS NetAddress,
                               ULONG ProtocolId,
                               PRTM_ENUM_HANDLE RtmEnumHandle);

/* Returns the next destinations of a destination enumeration.
 * spec/rtmv2/nf-rtmv2-rtmgetenumdests.md */
DWORD WINAPI RtmGetEnumDests(RTM_ENTITY_HANDLE RtmRegHandle,
                             RTM_ENUM_HANDLE EnumHandle,
                             PUINT NumDests,
                             PRTM_DEST_INFO DestInfos);

/* Releases destination information returned by RtmGetEnumDests.
 * spec/rtmv2/nf-rtmv2-rtmreleasedests.md */
DWORD WINAPI RtmReleaseDests(RTM_ENTITY_HANDLE RtmRegHandle,
                             UINT NumDests,
                             PRTM_DEST_INFO DestInfos);

/* Starts an enumeration of routes.
 * spec/rtmv2/nf-rtmv2-rtmcreaterouteenum.md */
DWORD WINAPI RtmCreateRouteEnum(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_DEST_HANDLE DestHandle,
                                RTM_VIEW_SET TargetViews,
                                RTM_ENUM_FLAGS EnumFlags,
                                PRTM_NET_ADDRESS StartDest,
                                RTM_MATCH_FLAGS MatchingFlags,
                                PRTM_ROUTE_INFO CriteriaRoute,
                                ULONG CriteriaInterface,
                                PRTM_ENUM_HANDLE RtmEnumHandle);

/* Returns the next routes of a route enumeration.
 * spec/rtmv2/nf-rtmv2-rtmgetenumroutes.md */
DWORD WINAPI RtmGetEnumRoutes(RTM_ENTITY_HANDLE RtmRegHandle,
                              RTM_ENUM_HANDLE EnumHandle,
                              PUINT NumRoutes,
                              PRTM_ROUTE_HANDLE RouteHandles);

/* Releases route handles.
 * spec/rtmv2/nf-rtmv2-rtmreleaseroutes.md */
DWORD WINAPI RtmReleaseRoutes(RTM_ENTITY_HANDLE RtmRegHandle,
                              UINT NumRoutes,
                              PRTM_ROUTE_HANDLE RouteHandles);

/* Starts an enumeration of next hops.
 * spec/rtmv2/nf-rtmv2-rtmcreatenexthopenum.md */
DWORD WINAPI RtmCreateNextHopEnum(RTM_ENTITY_HANDLE RtmRegHandle,
                                  RTM_ENUM_FLAGS EnumFlags,
                                  PRTM_NET_ADDRESS NetAddress,
                                  PRTM_ENUM_HANDLE RtmEnumHandle);

/* Returns the next next hops of a next-hop enumeration.
 * spec/rtmv2/nf-rtmv2-rtmgetenumnexthops.md */
DWORD WINAPI RtmGetEnumNextHops(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_ENUM_HANDLE EnumHandle,
                                PUINT NumNextHops,
                                PRTM_NEXTHOP_HANDLE NextHopHandles);

/* Releases next-hop handles.
 * spec/rtmv2/nf-rtmv2-rtmreleasenexthops.md */
DWORD WINAPI RtmReleaseNextHops(RTM_ENTITY_HANDLE RtmRegHandle,
                                UINT NumNextHops,
                                PRTM_NEXTHOP_HANDLE NextHopHandles);

/* Ends an enumeration of any kind.
 * spec/rtmv2/nf-rtmv2-rtmdeleteenumhandle.md */
DWORD WINAPI RtmDeleteEnumHandle(RTM_ENTITY_HANDLE RtmRegHandle,
                                 RTM_ENUM_HANDLE EnumHandle);

/* ---- Change notification --------------------------------------------- */

/* Registers for notification of changes to destinations.
 * spec/rtmv2/nf-rtmv2-rtmregisterforchangenotification.md */
DWORD WINAPI RtmRegisterForChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                              RTM_VIEW_SET TargetViews,
                                              RTM_NOTIFY_FLAGS NotifyFlags,
                                              PVOID NotifyContext,
                                              PRTM_NOTIFY_HANDLE NotifyHandle);

/* Returns destinations that changed since the last call.
 * spec/rtmv2/nf-rtmv2-rtmgetchangeddests.md */
DWORD WINAPI RtmGetChangedDests(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_NOTIFY_HANDLE NotifyHandle,
                                PUINT NumDests,
                                PRTM_DEST_INFO ChangedDests);

/* Releases destination information returned by RtmGetChangedDests.
 * spec/rtmv2/nf-rtmv2-rtmreleasechangeddests.md */
DWORD WINAPI RtmReleaseChangedDests(RTM_ENTITY_HANDLE RtmRegHandle,
                                    RTM_NOTIFY_HANDLE NotifyHandle,
                                    UINT NumDests,
                                    PRTM_DEST_INFO ChangedDests);

/* Drops pending change notifications for the given destinations.
 * spec/rtmv2/nf-rtmv2-rtmignorechangeddests.md */
DWORD WINAPI RtmIgnoreChangedDests(RTM_ENTITY_HANDLE RtmRegHandle,
                                   RTM_NOTIFY_HANDLE NotifyHandle,
                                   UINT NumDests,
                                   PRTM_DEST_HANDLE ChangedDests);

/* Tells whether a destination has a change pending.
 * spec/rtmv2/nf-rtmv2-rtmgetchangestatus.md */
DWORD WINAPI RtmGetChangeStatus(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_NOTIFY_HANDLE NotifyHandle,
                                RTM_DEST_HANDLE DestHandle,
                                PBOOL ChangeStatus);

/* Marks or unmarks a destination for change notification.
 * spec/rtmv2/nf-rtmv2-rtmmarkdestforchangenotification.md */
DWORD WINAPI RtmMarkDestForChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                              RTM_NOTIFY_HANDLE NotifyHandle,
                                              RTM_DEST_HANDLE DestHandle,
                                              BOOL MarkDest);

/* Tells whether a destination is marked for change notification.
 * spec/rtmv2/nf-rtmv2-rtmismarkedforchangenotification.md */
DWORD WINAPI RtmIsMarkedForChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                              RTM_NOTIFY_HANDLE NotifyHandle,
                                              RTM_DEST_HANDLE DestHandle,
                                              PBOOL DestMarked);

/* Ends a change notification registration.
 * spec/rtmv2/nf-rtmv2-rtmderegisterfromchangenotification.md */
DWORD WINAPI RtmDeregisterFromChangeNotification(RTM_ENTITY_HANDLE RtmRegHandle,
                                                 RTM_NOTIFY_HANDLE NotifyHandle);

/* ---- Route lists ----------------------------------------------------- */

/* Creates an empty route list owned by the caller.
 * spec/rtmv2/nf-rtmv2-rtmcreateroutelist.md */
DWORD WINAPI RtmCreateRouteList(RTM_ENTITY_HANDLE RtmRegHandle,
                                PRTM_ROUTE_LIST_HANDLE RouteListHandle);

/* Moves routes into a route list.
 * spec/rtmv2/nf-rtmv2-rtminsertinroutelist.md */
DWORD WINAPI RtmInsertInRouteList(RTM_ENTITY_HANDLE RtmRegHandle,
                                  RTM_ROUTE_LIST_HANDLE RouteListHandle,
                                  UINT NumRoutes,
                                  PRTM_ROUTE_HANDLE RouteHandles);

/* Starts an enumeration of the routes in a route list.
 * spec/rtmv2/nf-rtmv2-rtmcreateroutelistenum.md */
DWORD WINAPI RtmCreateRouteListEnum(RTM_ENTITY_HANDLE RtmRegHandle,
                                    RTM_ROUTE_LIST_HANDLE RouteListHandle,
                                    PRTM_ENUM_HANDLE RtmEnumHandle);

/* Returns the next routes of a route-list enumeration.
 * spec/rtmv2/nf-rtmv2-rtmgetlistenumroutes.md */
DWORD WINAPI RtmGetListEnumRoutes(RTM_ENTITY_HANDLE RtmRegHandle,
                                  RTM_ENUM_HANDLE EnumHandle,
                                  PUINT NumRoutes,
                                  PRTM_ROUTE_HANDLE RouteHandles);

/* Deletes a route list (the routes themselves stay).
 * spec/rtmv2/nf-rtmv2-rtmdeleteroutelist.md */
DWORD WINAPI RtmDeleteRouteList(RTM_ENTITY_HANDLE RtmRegHandle,
                                RTM_ROUTE_LIST_HANDLE RouteListHandle);

/* ---- Handles --------------------------------------------------------- */

/* Takes one more reference on each of the given handles.
 * spec/rtmv2/nf-rtmv2-rtmreferencehandles.md */
DWORD WINAPI RtmReferenceHandles(RTM_ENTITY_HANDLE RtmRegHandle,
                                 UINT NumHandles,
                                 HANDLE *RtmHandles);

/* ---- IPv6 address helpers (later Windows versions) ------------------- */
/*
 * Not in the older SDK header this one mirrors, and without a page in
 * spec/rtmv2/: exported by the Rtm.dll of later Windows versions, with
 * these prototypes. The IPv6 counterparts of RTM_IPV4_GET_ADDR_AND_LEN and
 * RTM_IPV4_SET_ADDR_AND_LEN; details with the implementation (src/ipv6.c).
 *
 *   - dwAddressSize is the size of the IN6_ADDR in bytes: sizeof(IN6_ADDR),
 *     16 (= RTM_MAX_ADDRESS_SIZE); any other value is refused.
 *   - The address family is AF_INET6 and the length at most 128; anything
 *     else is ERROR_INVALID_PARAMETER, and nothing is written.
 *   - All 16 address bytes are copied as they are, including the bits past
 *     the prefix length (like the IPv4 macros, nothing is masked): a round
 *     trip gives back exactly what went in. The functions that take a
 *     destination ignore those bits (2001:db8::1/32 is 2001:db8::/32).
 */

/* Reads an IPv6 prefix (address and length) out of an RTM_NET_ADDRESS. */
DWORD WINAPI RtmConvertNetAddressToIpv6AddressAndLength(PRTM_NET_ADDRESS pNetAddress,
                                                        IN6_ADDR *pAddress,
                                                        ULONG *pLength,
                                                        ULONG dwAddressSize);

/* Fills an RTM_NET_ADDRESS from an IPv6 address and prefix length. */
DWORD WINAPI RtmConvertIpv6AddressAndLengthToNetAddress(PRTM_NET_ADDRESS pNetAddress,
                                                        IN6_ADDR Address,
                                                        ULONG dwLength,
                                                        ULONG dwAddressSize);

#ifdef __cplusplus
}
#endif

#undef RTM_NAMELESS_

#endif /* RTM_RTMV2_H */
