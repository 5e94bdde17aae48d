/*
 * ipxriplike.h - the router-manager interface of ipxriplike.dll, a small
 * RIP-for-IPX-like routing protocol DLL written the way NT 4.0's and the
 * IPX protocols were: the routing protocol interface of routprot.h
 * (spec/routprot/) on the outside, RTMv1 (rtm.h, spec/rras/) inside. What
 * the DLL and the router manager that loads it (ipx_protocol_host.c) agree
 * on beyond <routprot.h>.
 *
 * One DLL, two protocols (IPXRIPLIKE_PROTOCOL_ID(0) and (1)), each with its
 * own entry points and state, as riplike.dll has (riplike.h). Each one, when
 * started, registers an RTMv1 client of the IPX family (its protocol id as
 * the routing protocol, RTM_PROTOCOL_SINGLE_ROUTE: one route per network, as
 * RIP keeps) with a change event, and a thread of its own that waits for
 * that event and reads the best-route changes with
 * RtmDequeueRouteChangeMessage into a log, which the router manager reads
 * with MibGet. Its routes are those of its configuration: RtmAddRoute with
 * their tick and hop counts and TimeToLive, RtmDeleteRoute for those
 * dropped by a new configuration, RtmBlockDeleteRoutes for those of an
 * interface that went down (MibSet), RtmDeregisterClient for all of them
 * at StopProtocol. It walks the IPX table with an enumeration for MibGet.
 *
 * Global configuration (StartProtocol, SetGlobalInfo): one
 * IPXRIPLIKE_GLOBAL_CONFIG; StructureVersion IPXRIPLIKE_CONFIG_VERSION,
 * StructureSize sizeof(IPXRIPLIKE_GLOBAL_CONFIG), StructureCount 1.
 */
#ifndef IPXRIPLIKE_H
#define IPXRIPLIKE_H

#include <windows.h>
#include <rtm.h>

#define IPXRIPLIKE_VENDOR 0x0A11
#define IPXRIPLIKE_PROTOCOL_COUNT 2
/* PROTOCOL_ID(PROTO_TYPE_UCAST, IPXRIPLIKE_VENDOR, 0x200 + n) (routprot.h). */
#define IPXRIPLIKE_PROTOCOL_ID(n) ((DWORD)((IPXRIPLIKE_VENDOR << 16) | (0x200 + (n))))

#define IPXRIPLIKE_CONFIG_VERSION 1
#define IPXRIPLIKE_MAX_ROUTES 16

/* A route: one per network (RTM_PROTOCOL_SINGLE_ROUTE). */
typedef struct IPXRIPLIKE_ROUTE {
    DWORD Network;        /* IPX network number */
    DWORD InterfaceIndex; /* where it was heard */
    BYTE NextHopMac[6];   /* the router it was heard from */
    USHORT TickCount;
    USHORT HopCount;
    DWORD TimeToLive;     /* seconds; INFINITE: until deleted */
} IPXRIPLIKE_ROUTE;

typedef struct IPXRIPLIKE_GLOBAL_CONFIG {
    DWORD RouteCount;     /* 0..IPXRIPLIKE_MAX_ROUTES, no two of one network */
    IPXRIPLIKE_ROUTE Routes[IPXRIPLIKE_MAX_ROUTES];
} IPXRIPLIKE_GLOBAL_CONFIG;

/* MibSet: an interface went down; its routes are deleted (and dropped
 * from the configuration). */
#define IPXRIPLIKE_INTERFACE_DOWN 1
typedef struct IPXRIPLIKE_MIB_SET {
    DWORD Command;
    DWORD InterfaceIndex;
} IPXRIPLIKE_MIB_SET;

/* MibGet. */
#define IPXRIPLIKE_GET_LOG 1   /* IPXRIPLIKE_LOG: every change logged */
#define IPXRIPLIKE_GET_TABLE 2 /* IPXRIPLIKE_TABLE: the IPX table, as an
                                  enumeration of it returns it */
#define IPXRIPLIKE_GET_STATS 3 /* IPXRIPLIKE_STATS */
typedef struct IPXRIPLIKE_MIB_GET {
    DWORD Query;
} IPXRIPLIKE_MIB_GET;

/* One change message, as RtmDequeueRouteChangeMessage gave it. */
typedef struct IPXRIPLIKE_LOG_ENTRY {
    DWORD Flags;          /* RTM_ROUTE_ADDED, _DELETED or _CHANGED */
    DWORD Network;
    DWORD CurProtocol;    /* the current best route (0s when Flags has */
    USHORT CurTicks;      /* no RTM_CURRENT_BEST_ROUTE) */
    USHORT CurHops;
    DWORD PrevProtocol;   /* the previous one (0s without */
    USHORT PrevTicks;     /* RTM_PREVIOUS_BEST_ROUTE) */
    USHORT PrevHops;
} IPXRIPLIKE_LOG_ENTRY;

#define IPXRIPLIKE_LOG_CAPACITY 64 /* later messages are counted as Lost */

typedef struct IPXRIPLIKE_LOG {
    DWORD Count;
    IPXRIPLIKE_LOG_ENTRY Entries[IPXRIPLIKE_LOG_CAPACITY];
} IPXRIPLIKE_LOG;

#define IPXRIPLIKE_TABLE_CAPACITY 64
typedef struct IPXRIPLIKE_TABLE {
    DWORD Count;
    RTM_IPX_ROUTE Routes[IPXRIPLIKE_TABLE_CAPACITY];
} IPXRIPLIKE_TABLE;

typedef struct IPXRIPLIKE_STATS {
    DWORD Running;        /* between StartProtocol and StopProtocol */
    DWORD Wakeups;        /* times its thread woke for the change event */
    DWORD Messages;       /* messages read */
    DWORD Lost;           /* messages not logged: the log was full */
    DWORD Errors;         /* RTM calls that failed */
} IPXRIPLIKE_STATS;

#endif /* IPXRIPLIKE_H */
