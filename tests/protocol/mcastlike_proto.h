/*
 * mcastlike_proto.h - the state of one component of mcastlike.dll (see
 * mcastlike.h) and the functions its files share.
 *
 * mcastlike_dll.c      DllMain, RegisterProtocol, each component's entry
 *                      points and MGM callbacks
 * mcastlike_control.c  StartProtocol, StopProtocol, AddInterface,
 *                      DeleteInterface, MibSet, MibGet
 * mcastlike_events.c   the MGM callbacks: the log, IGMP's re-adding
 *
 * It writes against the MGM with include/mgm.h (the SDK's mgm.h declares
 * the functions without WINAPI: on i686 its calls would pop their
 * arguments twice; see the README's "Linking a client").
 *
 * Locking: each component has one critical section, `lock`, over all its
 * fields but the constant ones (id, is_igmp, config). It is held across
 * the MGM calls that change memberships and interfaces (they do not wait
 * for callbacks: the MGM queues them), never across
 * MgmRegisterMProtocol, MgmDeRegisterMProtocol or the RTM's registration
 * calls; the callbacks take it only to log. StartProtocol and
 * StopProtocol mark the component MCASTLIKE_BUSY while they work outside
 * the lock.
 */
#ifndef MCASTLIKE_PROTO_H
#define MCASTLIKE_PROTO_H

#include <winsock2.h>
#include <windows.h>
#include <rtmv2.h>

#include "mgm.h" /* before routprot.h: see include/mgm.h */
#include <routprot.h>

#include "mcastlike.h"

#define MCASTLIKE_MAX_INTERFACES 8
#define MCASTLIKE_MAX_MEMBERSHIPS 32

enum mcastlike_state {
    MCASTLIKE_STOPPED,
    MCASTLIKE_BUSY,    /* starting or stopping */
    MCASTLIKE_RUNNING
};

struct mcastlike_membership {
    DWORD source, group, index;
};

struct mcastlike {
    DWORD id;                            /* its router-manager protocol id */
    int is_igmp;
    ROUTING_PROTOCOL_CONFIG callbacks;   /* its MGM callbacks (mcastlike_dll.c) */
    CRITICAL_SECTION lock;
    enum mcastlike_state state;
    HANDLE mgm;                          /* its MGM registration */
    RTM_ENTITY_HANDLE rtm;               /* the router's RTM registration */
    DWORD interfaces[MCASTLIKE_MAX_INTERFACES];
    DWORD interface_count;
    DWORD disabled[MCASTLIKE_MAX_INTERFACES]; /* IGMP: disabled by the MGM */
    DWORD disabled_count;
    struct mcastlike_membership memberships[MCASTLIKE_MAX_MEMBERSHIPS];
    DWORD membership_count;
    LONG readds;                         /* IGMP's re-adding work items in flight */
    MCASTLIKE_LOG log;
};

/* mcastlike_control.c: the entry points of component c. */
DWORD mcastlike_start(struct mcastlike *c, const MCASTLIKE_ROUTER_CONFIG *config, ULONG version,
                      ULONG size, ULONG count);
DWORD mcastlike_stop(struct mcastlike *c);
DWORD mcastlike_add_interface(struct mcastlike *c, ULONG index);
DWORD mcastlike_delete_interface(struct mcastlike *c, ULONG index);
DWORD mcastlike_mib_set(struct mcastlike *c, ULONG size, PVOID data);
DWORD mcastlike_mib_get(struct mcastlike *c, PULONG out_size, PVOID out);

/* mcastlike_events.c: logs an event of component c (takes its lock). */
void mcastlike_log(struct mcastlike *c, DWORD kind, DWORD source, DWORD source_mask, DWORD group,
                   DWORD group_mask, DWORD index, DWORD nexthop, DWORD member, DWORD count);
/* IGMP enabled again on an interface: queues the work item that adds its
 * memberships there again. */
void mcastlike_enabled(struct mcastlike *c, DWORD index);
/* Index of index in list[0..count), or count. */
DWORD mcastlike_find(const DWORD *list, DWORD count, DWORD index);

#endif /* MCASTLIKE_PROTO_H */
