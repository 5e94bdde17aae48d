/*
 * riplike.h - the router-manager interface of riplike.dll, a small
 * RIP-like routing protocol DLL written the RRAS way (spec/routprot/):
 * what the DLL and the router manager that loads it (protocol_host.c)
 * agree on beyond <routprot.h>.
 *
 * One DLL, two protocols. A router manager runs one instance of each
 * routing protocol, named by its protocol id; a DLL may implement several
 * protocols, and the router manager then calls RegisterProtocol once per
 * protocol id (spec/routprot/nc-routprot-pregister_protocol.md). riplike
 * implements RIPLIKE_PROTOCOL_COUNT protocols of the same kind,
 * RIPLIKE_PROTOCOL_ID(0) and RIPLIKE_PROTOCOL_ID(1), each with its own
 * entry points and state, so that two instances with different
 * configurations (preferences) can run side by side in one process.
 *
 * Each protocol registers with the RTM (instance 0, AF_INET) as entity
 * (EntityProtocolId = its protocol id, EntityInstanceId = the InstanceId
 * of its global configuration), adds a next hop and a unicast route for
 * every route of its configuration, all with the configured Preference,
 * and logs every best-route change it is notified of (RTM_CHANGE_TYPE_BEST,
 * unicast view, all destinations), which the router manager reads with
 * MibGet.
 *
 * Global configuration (StartProtocol, SetGlobalInfo, GetGlobalInfo): one
 * RIPLIKE_GLOBAL_CONFIG; StructureVersion RIPLIKE_CONFIG_VERSION,
 * StructureSize sizeof(RIPLIKE_GLOBAL_CONFIG), StructureCount 1.
 * SetGlobalInfo replaces the routes and the preference of a running
 * protocol (its InstanceId cannot change while it runs).
 *
 * MIB (MibSet, MibGet): MibSet takes a RIPLIKE_MIB_SET, a change of one
 * configured route made by an administrator through the MIB: the protocol
 * applies it to the RTM and to its configuration, and then, since its
 * configuration was changed by other means than SetGlobalInfo, queues a
 * SAVE_GLOBAL_CONFIG_INFO message and signals the router manager's
 * notification event (GetEventMessage returns the message). MibGet takes a
 * RIPLIKE_MIB_GET and returns a RIPLIKE_LOG or a RIPLIKE_STATS.
 *
 * Addresses are IPv4, four bytes in network order.
 */
#ifndef RIPLIKE_H
#define RIPLIKE_H

#include <windows.h>

#define RIPLIKE_VENDOR 0x0A11
#define RIPLIKE_PROTOCOL_COUNT 2
/* PROTOCOL_ID(PROTO_TYPE_UCAST, RIPLIKE_VENDOR, 0x100 + n) (routprot.h). */
#define RIPLIKE_PROTOCOL_ID(n) ((DWORD)((RIPLIKE_VENDOR << 16) | (0x100 + (n))))

#define RIPLIKE_CONFIG_VERSION 1
#define RIPLIKE_MAX_ROUTES 16

/* A route: identified by (Prefix, PrefixLength, NextHop, InterfaceIndex). */
typedef struct RIPLIKE_ROUTE {
    BYTE Prefix[4];       /* destination; bits past PrefixLength ignored */
    DWORD PrefixLength;   /* 0..32 */
    BYTE NextHop[4];      /* next hop address (a /32 RTM next hop) */
    DWORD InterfaceIndex; /* of the next hop */
    DWORD Metric;         /* RTM_PREF_INFO.Metric of the route */
} RIPLIKE_ROUTE;

typedef struct RIPLIKE_GLOBAL_CONFIG {
    DWORD InstanceId;     /* RTM EntityInstanceId */
    DWORD Preference;     /* RTM_PREF_INFO.Preference of all its routes */
    DWORD RouteCount;     /* 0..RIPLIKE_MAX_ROUTES, no two the same route */
    RIPLIKE_ROUTE Routes[RIPLIKE_MAX_ROUTES];
} RIPLIKE_GLOBAL_CONFIG;

/* MibSet. */
#define RIPLIKE_SET_ROUTE 1    /* add the route, or set its metric */
#define RIPLIKE_DELETE_ROUTE 2 /* delete the route (ERROR_INVALID_PARAMETER if absent) */
typedef struct RIPLIKE_MIB_SET {
    DWORD Command;
    RIPLIKE_ROUTE Route;
} RIPLIKE_MIB_SET;

/* MibGet. */
#define RIPLIKE_GET_LOG 1   /* log entries from sequence number First on */
#define RIPLIKE_GET_STATS 2 /* RIPLIKE_STATS (First unused) */
typedef struct RIPLIKE_MIB_GET {
    DWORD Query;
    DWORD First;
} RIPLIKE_MIB_GET;

/* One best-route change: the destination as RtmGetChangedDests gave it. */
typedef struct RIPLIKE_LOG_ENTRY {
    DWORD Sequence;        /* 1, 2, ... in the order logged (since StartProtocol) */
    BYTE Prefix[4];
    DWORD PrefixLength;
    DWORD Routes;          /* unicast routes to it; 0: its last route went */
    DWORD OwnerProtocolId; /* the best route's owner (EntityProtocolId and */
    DWORD OwnerInstanceId; /* EntityInstanceId) and values; 0 when Routes */
    DWORD Preference;      /* is 0 */
    DWORD Metric;
} RIPLIKE_LOG_ENTRY;

#define RIPLIKE_LOG_CAPACITY 256 /* entries kept; later changes are counted as Lost */

typedef struct RIPLIKE_LOG {
    DWORD Count; /* entries that follow */
    RIPLIKE_LOG_ENTRY Entries[ANYSIZE_ARRAY];
} RIPLIKE_LOG;
#define RIPLIKE_LOG_SIZE(n) (FIELD_OFFSET(RIPLIKE_LOG, Entries) + (n) * sizeof(RIPLIKE_LOG_ENTRY))

typedef struct RIPLIKE_STATS {
    DWORD Running;       /* between StartProtocol and StopProtocol */
    DWORD Routes;        /* its routes in the RTM */
    DWORD Notifications; /* RTM_CHANGE_NOTIFICATION events received */
    DWORD Logged;        /* log entries written */
    DWORD Lost;          /* changes not logged: the log was full */
    DWORD EntityEvents;  /* RTM_ENTITY_REGISTERED and _DEREGISTERED events */
    DWORD Errors;        /* RTM calls that failed in its event callback */
} RIPLIKE_STATS;

#endif /* RIPLIKE_H */
