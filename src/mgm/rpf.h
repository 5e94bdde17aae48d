/*
 * rpf.h - the route towards a source, from the MGM's own registration with
 * RTMv2 (rtmv2.h, the public API): the best route in the multicast view of
 * the table of instance 0, AF_INET.
 *
 * The MGM registers as an RTMv2 entity (protocol MS_IP_MGM, instance 0)
 * the first time it looks a route up, and deregisters once no protocol or
 * forwarder is registered with it any more (mgm_rpf_release) and the
 * routes looked up have been released (their handles are released through
 * it). The lock of this module guards that registration; it is taken
 * alone, and RTMv2 is called under it (RTMv2 never calls the MGM).
 */
#ifndef RTM_MGM_RPF_H
#define RTM_MGM_RPF_H

#include "rtmv2.h"

/* The MGM's RTMv2 entity id: routprot.h's MS_IP_MGM,
 * PROTOCOL_ID(PROTO_TYPE_MS0, PROTO_VENDOR_MS1, PROTO_IP_MGM). */
#define MGM_RTM_PROTOCOL_ID 0x81372719u

struct mgm_route {
    int in_use;              /* a look-up made: mgm_route_release must follow */
    int found;               /* a route exists; the rest is zero otherwise */
    DWORD index;             /* the interface of its first next hop */
    DWORD neighbour;         /* that next hop's address (network order) */
    DWORD protocol;          /* its owner's EntityProtocolId */
    DWORD network, mask;     /* its destination (network order) */
    RTM_DEST_INFO dest;      /* the destination's information (the multicast
                                view), references held until mgm_route_release */
};

/* Looks up the best multicast route to source (network order) into *out,
 * which mgm_route_release must release. Returns NO_ERROR (found or not),
 * or ERROR_NOT_ENOUGH_MEMORY when the MGM could not register with RTMv2.
 * No MGM lock may be held. */
DWORD mgm_route_lookup(DWORD source, struct mgm_route *out);

/* Releases the references of a route looked up. */
void mgm_route_release(struct mgm_route *route);

/* Ends the MGM's RTMv2 registration, if any, once the routes looked up
 * are released (no MGM lock held). */
void mgm_rpf_release(void);

/* Forgets the MGM's registration without ending it (library unload: the
 * entity is destroyed with every other object). */
void mgm_rpf_forget(void);

#endif /* RTM_MGM_RPF_H */
