/*
 * protocol.h - the MGM's clients: routing protocols and IGMP, registered
 * with MgmRegisterMProtocol (registration.c).
 *
 * A protocol is a handle object (base/handle.h). Its registration holds
 * the creator's internal reference, dropped by MgmDeRegisterMProtocol; the
 * interfaces, memberships, enumerations and queued callbacks that name it
 * hold internal references of their own. Its handle is refused once it is
 * deregistered (its gate is closed).
 */
#ifndef RTM_MGM_PROTOCOL_H
#define RTM_MGM_PROTOCOL_H

#include "mgm.h"
#include "gate.h"
#include "objects.h"

/* IGMP's protocol ids (routprot.h): PROTO_IP_IGMP, and MS_IP_IGMP, its
 * PROTOCOL_ID(PROTO_TYPE_MCAST, PROTO_VENDOR_MS1, PROTO_IP_IGMP). */
#define MGM_PROTO_IP_IGMP 10u
#define MGM_MS_IP_IGMP 0x4137000Au

struct mgm_group_enum;

struct mgm_protocol {
    struct rtm_object obj;
    struct mgm_protocol *next;        /* mgm.protocols (MGM lock) */
    DWORD protocol_id, component_id;  /* constant */
    int igmp;                         /* constant: IGMP's protocol id */
    ROUTING_PROTOCOL_CONFIG config;   /* constant: its callbacks */
    struct mgm_gate gate;             /* open while registered */
    DWORD interfaces;                 /* interfaces it is on (MGM lock) */
    struct mgm_group_enum *enums;     /* its group enumerations (MGM lock) */
};

/* Nonzero for IGMP's protocol ids. */
int mgm_is_igmp_id(DWORD protocol_id);

/* The registered protocol of handle h, with an internal reference the
 * caller drops with mgm_protocol_put; NULL for any other value. */
struct mgm_protocol *mgm_protocol_get(HANDLE h);

/* Drops a reference taken by mgm_protocol_get or rtm_object_ref. */
void mgm_protocol_put(struct mgm_protocol *p);

/* Nonzero while p is registered. */
int mgm_protocol_registered(struct mgm_protocol *p);

/* Frees a protocol left alive at unload (no reference counting). */
void mgm_protocol_destroy(struct rtm_object *obj);

#endif /* RTM_MGM_PROTOCOL_H */
