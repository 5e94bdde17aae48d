/*
 * multicast.h - rtmctl's multicast state ("mgm" commands): rtmctl plays a
 * router with one multicast routing protocol and IGMP, registered with the
 * rtm library's Multicast Group Manager when first needed, and the
 * multicast forwarder (rtm_mgm_forwarder.h), whose reported packets make
 * multicast forwarding entries (MFEs).
 */
#ifndef RTMCTL_MULTICAST_H
#define RTMCTL_MULTICAST_H

#include "mgm.h"

#define RTMCTL_MGM_INTERFACES 32

/* The MGM protocol id of rtmctl's routing protocol:
 * PROTOCOL_ID(PROTO_TYPE_MCAST, PROTO_VENDOR_MS0, 1) (routprot.h). */
#define RTMCTL_MGM_PROTOCOL 0x40000001u
#define RTMCTL_MGM_IGMP 10u /* PROTO_IP_IGMP */

/* One of rtmctl's two clients: its handle and the interfaces it took. */
struct ctl_mgm_client {
    HANDLE handle;  /* NULL until first needed */
    ULONG interfaces[RTMCTL_MGM_INTERFACES];
    unsigned count;
};

struct ctl_multicast {
    struct ctl_mgm_client router, igmp;
    HANDLE forwarder; /* NULL until the first packet */
};

struct ctl;

/* Releases the interfaces, deregisters the clients and the forwarder. */
void ctl_multicast_cleanup(struct ctl *ctl);

#endif /* RTMCTL_MULTICAST_H */
