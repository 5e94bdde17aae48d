/*
 * ipxriplike_proto.h - the state of one protocol of ipxriplike.dll (see
 * ipxriplike.h) and the functions its files share.
 *
 * ipxriplike_dll.c      DllMain, RegisterProtocol, each protocol's entry points
 * ipxriplike_control.c  StartProtocol, StopProtocol, SetGlobalInfo, MibSet,
 *                       MibGet; its routes in the RTM
 * ipxriplike_changes.c  its change thread: the change event -> the log
 *
 * Locking: each protocol has one critical section, `lock`, over all its
 * fields but `protocol_id` (constant). It is held across the RTM calls that
 * change its routes and those its change thread makes to read messages
 * (none of which waits for anything), never while waiting for the thread.
 * StartProtocol and StopProtocol run one at a time (the router manager
 * makes them so), and mark the protocol busy while they work.
 */
#ifndef IPXRIPLIKE_PROTO_H
#define IPXRIPLIKE_PROTO_H

#include <windows.h>
#include <rtm.h>
#include <routprot.h>

#include "ipxriplike.h"

struct ipxriplike_protocol {
    DWORD protocol_id;
    CRITICAL_SECTION lock;
    int running;
    HANDLE client;              /* its RTMv1 client */
    HANDLE change_event;        /* the client's change event */
    HANDLE stop_event;          /* tells its change thread to end */
    HANDLE thread;              /* its change thread */
    IPXRIPLIKE_GLOBAL_CONFIG config; /* its routes in the RTM */
    IPXRIPLIKE_STATS stats;     /* Running is filled in by MibGet */
    IPXRIPLIKE_LOG log;
};

/* ipxriplike_control.c: the entry points of MPR_ROUTING_CHARACTERISTICS
 * for protocol p (spec/routprot/). */
DWORD ipxriplike_start(struct ipxriplike_protocol *p, const IPXRIPLIKE_GLOBAL_CONFIG *config,
                       ULONG version, ULONG size, ULONG count);
DWORD ipxriplike_stop(struct ipxriplike_protocol *p);
DWORD ipxriplike_set_global_info(struct ipxriplike_protocol *p,
                                 const IPXRIPLIKE_GLOBAL_CONFIG *config, ULONG version,
                                 ULONG size, ULONG count);
DWORD ipxriplike_mib_set(struct ipxriplike_protocol *p, ULONG size, PVOID data);
DWORD ipxriplike_mib_get(struct ipxriplike_protocol *p, ULONG in_size, PVOID in,
                         PULONG out_size, PVOID out);

/* ipxriplike_changes.c: the change thread of protocol p (started by
 * ipxriplike_start with CreateThread, ended by setting p->stop_event). */
DWORD WINAPI ipxriplike_change_thread(LPVOID p);

#endif /* IPXRIPLIKE_PROTO_H */
