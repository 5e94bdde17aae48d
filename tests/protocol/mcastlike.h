/*
 * mcastlike.h - the router-manager interface of mcastlike.dll, a small
 * multicast protocol DLL written the RRAS way (spec/routprot/): what the
 * DLL and the router manager that loads it (mcast_host.c) agree on beyond
 * <routprot.h>.
 *
 * One DLL, two components, each a protocol of the router manager with its
 * own entry points (RegisterProtocol is called once per protocol id):
 *   MCASTLIKE_ROUTER_ID  a DVMRP-like multicast routing protocol: it
 *                        registers with the MGM (component id 1), puts the
 *                        routes of its configuration in the multicast view
 *                        of the RTM (instance 0, AF_INET) as an entity of
 *                        its own, takes the interfaces the router manager
 *                        adds to it, and joins and leaves groups there for
 *                        its neighbours (MibSet);
 *   MCASTLIKE_IGMP_ID    an IGMP-like component: it registers with the MGM
 *                        as IGMP (PROTO_IP_IGMP), takes its interfaces
 *                        beside the router's, and joins and leaves groups
 *                        there for its hosts (MibSet). When the MGM
 *                        disables it on an interface it keeps its hosts'
 *                        memberships there and adds them again once
 *                        enabled, from a work item (never in the enable
 *                        callback, as the callback's page asks).
 * Each logs every MGM callback it gets, which the router manager reads
 * with MibGet.
 *
 * Global configuration (StartProtocol): the router's is one
 * MCASTLIKE_ROUTER_CONFIG (StructureVersion MCASTLIKE_CONFIG_VERSION,
 * StructureCount 1); the IGMP-like component takes none (StructureCount
 * 0). Interfaces (AddInterface) carry no configuration. Addresses are
 * IPv4, network order.
 */
#ifndef MCASTLIKE_H
#define MCASTLIKE_H

#include <windows.h>

#define MCASTLIKE_VENDOR 0x0A11
/* PROTOCOL_ID(PROTO_TYPE_MCAST, MCASTLIKE_VENDOR, 0x200 + n) (routprot.h). */
#define MCASTLIKE_ROUTER_ID ((DWORD)((1u << 30) | (MCASTLIKE_VENDOR << 16) | 0x200))
#define MCASTLIKE_IGMP_ID ((DWORD)((1u << 30) | (MCASTLIKE_VENDOR << 16) | 0x201))
#define MCASTLIKE_COMPONENT 1 /* the router's MGM component id (IGMP's too) */

#define MCASTLIKE_CONFIG_VERSION 1
#define MCASTLIKE_MAX_ROUTES 8

/* A route towards sources: its prefix, next hop and interface. */
typedef struct MCASTLIKE_ROUTE {
    DWORD Prefix;
    DWORD PrefixLength;
    DWORD NextHop;
    DWORD InterfaceIndex;
} MCASTLIKE_ROUTE;

typedef struct MCASTLIKE_ROUTER_CONFIG {
    DWORD RouteCount; /* 0..MCASTLIKE_MAX_ROUTES */
    MCASTLIKE_ROUTE Routes[MCASTLIKE_MAX_ROUTES];
} MCASTLIKE_ROUTER_CONFIG;

/* MibSet: receivers of (Source, Group) on an interface of the component
 * (Source 0: any source) come (the router: a neighbour's join; IGMP: a
 * host's report) or go. */
#define MCASTLIKE_JOIN 1
#define MCASTLIKE_LEAVE 2
typedef struct MCASTLIKE_MIB_SET {
    DWORD Command;
    DWORD Source;
    DWORD Group;
    DWORD InterfaceIndex;
} MCASTLIKE_MIB_SET;

/* MibGet (no input): the log. The kinds of its events. */
enum MCASTLIKE_KIND {
    MCASTLIKE_RPF = 1,      /* Interface: the incoming one given; Count: its upstream neighbour */
    MCASTLIKE_CREATION,     /* Interface: the incoming one; Count: interfaces offered */
    MCASTLIKE_JOIN_ALERT,
    MCASTLIKE_PRUNE_ALERT,  /* Interface: as given */
    MCASTLIKE_WRONG_IF,     /* Interface: the arrival one; Count: header bytes */
    MCASTLIKE_LOCAL_JOIN,
    MCASTLIKE_LOCAL_LEAVE,
    MCASTLIKE_DISABLE,
    MCASTLIKE_ENABLE,
    MCASTLIKE_READDED       /* IGMP added its memberships again; Count: how many */
};

typedef struct MCASTLIKE_EVENT {
    DWORD Sequence;         /* 1, 2, ... since StartProtocol */
    DWORD Kind;
    DWORD Source, SourceMask, Group, GroupMask;
    DWORD InterfaceIndex, NextHop;
    DWORD Member;           /* bMemberUpdate / bMemberDelete */
    DWORD Count;
} MCASTLIKE_EVENT;

#define MCASTLIKE_LOG_CAPACITY 128 /* events kept; later ones are counted in Lost */

typedef struct MCASTLIKE_LOG {
    DWORD Running;          /* between StartProtocol and StopProtocol */
    DWORD Interfaces;       /* interfaces it owns in the MGM */
    DWORD Memberships;      /* the memberships it has added and not deleted */
    DWORD Errors;           /* MGM or RTM calls that failed */
    DWORD Lost;
    DWORD Count;            /* events that follow */
    MCASTLIKE_EVENT Events[MCASTLIKE_LOG_CAPACITY];
} MCASTLIKE_LOG;

#endif /* MCASTLIKE_H */
