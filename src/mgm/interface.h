/*
 * interface.h - the interfaces the MGM knows: those a protocol took
 * (MgmTakeInterfaceOwnership, ownership.c), keyed by (index, next hop
 * address): the links of a point-to-multipoint interface are interfaces
 * of their own.
 *
 * An interface has at most one routing protocol (its owner) and at most
 * one IGMP, which may share it; it exists while either is on it. Each
 * holds an internal reference on its protocol and counts in the
 * protocol's `interfaces`. Everything here is under the MGM lock.
 */
#ifndef RTM_MGM_INTERFACE_H
#define RTM_MGM_INTERFACE_H

#include "protocol.h"

struct mgm_interface {
    DWORD index, nexthop;
    struct mgm_protocol *owner; /* the routing protocol, or NULL */
    struct mgm_protocol *igmp;  /* IGMP, or NULL */
};

/* The interface (index, nexthop), or NULL. */
struct mgm_interface *mgm_interface_find(DWORD index, DWORD nexthop);

/* The protocol the MGM deals with on an interface: its owner, or IGMP when
 * it has none (MgmGetProtocolOnInterface); NULL for no interface. */
struct mgm_protocol *mgm_interface_protocol(const struct mgm_interface *i);

/* The protocol on interface (index, nexthop), or NULL. */
struct mgm_protocol *mgm_protocol_on(DWORD index, DWORD nexthop);

/* The interface towards a neighbour reached through interface index:
 * the link (index, neighbour) when the MGM knows it (a point-to-multipoint
 * link), else (index, 0). */
void mgm_interface_towards(DWORD index, DWORD neighbour, DWORD *out_nexthop);

#endif /* RTM_MGM_INTERFACE_H */
