/*
 * riplike_proto.h - the state of one protocol of riplike.dll (see
 * riplike.h) and the functions its files share.
 *
 * riplike_dll.c     DllMain, RegisterProtocol, each protocol's entry points
 * riplike_control.c StartProtocol, StopProtocol, Get/SetGlobalInfo,
 *                   GetEventMessage
 * riplike_mib.c     MibSet, MibGet
 * riplike_routes.c  its routes in the RTM: next hops and routes, kept equal
 *                   to its configuration
 * riplike_events.c  its RTM event callback: change notifications -> log
 *
 * Locking: each protocol has one critical section, `lock`, over all its
 * fields but `protocol_id` and `callback` (constant) and `profile`
 * (written before the change notification registration, read only by the
 * event callback after it). It is held across the RTM calls that change
 * its routes (they call no client callback in the caller's thread), and
 * never across RtmRegisterEntity, RtmRegisterForChangeNotification,
 * RtmDeregisterFromChangeNotification or RtmDeregisterEntity, which may
 * wait for event callbacks in flight: the event callback takes it only to
 * count and to append to the log, after its RTM calls. StartProtocol and
 * StopProtocol mark the protocol RIPLIKE_BUSY while they work outside the
 * lock, so that nothing else starts, stops or changes it meanwhile.
 * A second critical section, `reading`, makes its change-notification
 * callbacks read and log one after the other: the RTM sends the next
 * RTM_CHANGE_NOTIFICATION as soon as a callback has emptied the queue, so
 * two may run at once, and the log must show the changes in their order.
 * It is taken before `lock` (never while holding it) and held across the
 * RTM calls that read the changes (none of which waits for a callback).
 */
#ifndef RIPLIKE_PROTO_H
#define RIPLIKE_PROTO_H

#include <winsock2.h>
#include <windows.h>
#include <rtmv2.h>
#include <routprot.h>

#include "riplike.h"

/* One route of the protocol in the RTM, with the handles it holds (one
 * client reference each). */
struct riplike_route {
    RIPLIKE_ROUTE config;
    DWORD preference;
    RTM_ROUTE_HANDLE route;
    RTM_NEXTHOP_HANDLE nexthop;
};

enum riplike_state {
    RIPLIKE_STOPPED,
    RIPLIKE_BUSY,    /* starting or stopping */
    RIPLIKE_RUNNING
};

struct riplike_protocol {
    DWORD protocol_id;
    RTM_EVENT_CALLBACK callback; /* its RTM event callback (riplike_dll.c) */
    CRITICAL_SECTION lock;
    CRITICAL_SECTION reading;   /* one change-notification reader at a time */
    enum riplike_state state;
    HANDLE event;               /* the router manager's notification event */
    DWORD pending_saves;        /* SAVE_GLOBAL_CONFIG_INFO messages queued */
    RTM_ENTITY_HANDLE reg;
    RTM_NOTIFY_HANDLE notify;
    RTM_REGN_PROFILE profile;
    DWORD instance;             /* configuration: InstanceId, Preference */
    DWORD preference;
    DWORD route_count;          /* the routes in the RTM */
    struct riplike_route routes[RIPLIKE_MAX_ROUTES];
    RIPLIKE_STATS stats;        /* Running and Routes are filled in by MibGet */
    RIPLIKE_LOG_ENTRY log[RIPLIKE_LOG_CAPACITY];
};

/* riplike_control.c and riplike_mib.c: the entry points of
 * MPR_ROUTING_CHARACTERISTICS for protocol p (spec/routprot/). */
DWORD riplike_start(struct riplike_protocol *p, HANDLE event, const RIPLIKE_GLOBAL_CONFIG *config,
                    ULONG version, ULONG size, ULONG count);
DWORD riplike_stop(struct riplike_protocol *p);
DWORD riplike_get_global_info(struct riplike_protocol *p, PVOID info, PULONG buffer_size,
                              PULONG version, PULONG size, PULONG count);
DWORD riplike_set_global_info(struct riplike_protocol *p, const RIPLIKE_GLOBAL_CONFIG *config,
                              ULONG version, ULONG size, ULONG count);
DWORD riplike_get_event_message(struct riplike_protocol *p, ROUTING_PROTOCOL_EVENTS *event,
                                MESSAGE *result);
DWORD riplike_mib_set(struct riplike_protocol *p, ULONG size, PVOID data);
DWORD riplike_mib_get(struct riplike_protocol *p, ULONG in_size, PVOID in, PULONG out_size,
                      PVOID out);

/* riplike_routes.c: makes the protocol's routes in the RTM the given ones,
 * all of the given preference: deletes the others, updates those whose
 * metric or preference differ, adds the new ones. Called with p->lock
 * held. Returns NO_ERROR, or ERROR_CAN_NOT_COMPLETE when an RTM call
 * failed (p->routes then describes what the RTM holds). */
DWORD riplike_routes_apply(struct riplike_protocol *p, DWORD preference,
                           const RIPLIKE_ROUTE *routes, DWORD count);
/* The index of route in routes[0..count), or count. */
DWORD riplike_route_find(const RIPLIKE_ROUTE *routes, DWORD count, const RIPLIKE_ROUTE *route);

/* riplike_events.c: the RTM event callback of protocol p. */
DWORD riplike_event(struct riplike_protocol *p, RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type,
                    PVOID context1, PVOID context2);

#endif /* RIPLIKE_PROTO_H */
