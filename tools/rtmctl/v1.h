/*
 * v1.h - RTMv1's route tables (rtm.h) in rtmctl, beside its RTMv2 tables:
 *   add v1 ip PREFIX [via ADDR] [dev NAME] [metric N] [proto ID] [ttl S]
 *   add v1 ipx NETWORK [via MAC] [dev NAME] [ticks N] [hops N] [proto ID]
 *              [ttl S]
 *   delete v1 ip PREFIX [via ADDR] [dev NAME] [proto ID]
 *   delete v1 ipx NETWORK [via MAC] [dev NAME] [proto ID]
 *   show v1 ip|ipx [limit N]
 *
 * A route belongs to an RTMv1 client of its family and protocol (ID,
 * default RTMCTL_V1_PROTO_IP or _IPX), registered with the library when its first
 * route comes and deregistered when rtmctl ends. The process's RTMv1
 * tables are the library's: one per family, shared by every client.
 *
 * Text: an IP PREFIX is an IPv4 ADDRESS[/LENGTH] (no length: a host route),
 * an IPX NETWORK one to eight hexadecimal digits (printed as eight, e.g.
 * 0000BEEF), a MAC six pairs of hexadecimal digits separated by ':'
 * (printed in lower case). The interface names are rtmctl's (ifnames.h).
 */
#ifndef RTMCTL_V1_H
#define RTMCTL_V1_H

#include "ctl.h"
#include "rtm.h"

/* The protocol of routes given without "proto ID": routes set by
 * management, PROTO_IP_NETMGMT of routprot.h for IP, IPX_PROTOCOL_STATIC
 * of ipxrtdef.h for IPX. */
#define RTMCTL_V1_PROTO_IP 3
#define RTMCTL_V1_PROTO_IPX 2

/* One route of either family, the longer structure's room. */
union ctl_v1_route {
    RTM_IP_ROUTE ip;
    RTM_IPX_ROUTE ipx;
};

/* "add v1 ...", "delete v1 ..." and "show v1 ..." (argv[0] is "add",
 * "delete" or "show", argv[1] "v1"). Return RTMCTL_OK, RTMCTL_FAILED or
 * RTMCTL_USAGE, as the commands do. */
int ctl_v1_add(struct ctl *ctl, int argc, char **argv);    /* v1.c */
int ctl_v1_delete(struct ctl *ctl, int argc, char **argv); /* v1.c */
int ctl_v1_show(struct ctl *ctl, int argc, char **argv);   /* v1_show.c */

/* Deregisters every RTMv1 client (their routes are deleted) and frees
 * them. */
void ctl_v1_cleanup(struct ctl *ctl);

/* The family named by text ("ip" or "ipx"): RTM_PROTOCOL_FAMILY_IP or
 * RTM_PROTOCOL_FAMILY_IPX, or -1. */
int ctl_v1_family(const char *text);

/* A route's network and next hop as text, into buf (64 bytes): "10.0.0.0/8"
 * and "192.0.2.1" ("on-link" for 0.0.0.0), or "0000BEEF" and
 * "02:00:00:00:00:01". Return buf. */
char *ctl_v1_network_text(int family, const union ctl_v1_route *r, char *buf);
char *ctl_v1_nexthop_text(int family, const union ctl_v1_route *r, char *buf);

#endif /* RTMCTL_V1_H */
