/*
 * riplike_control.c - a protocol's life cycle and configuration entry
 * points (spec/routprot/nc-routprot-pstart_protocol.md,
 * -pstop_protocol.md, -pget_global_info.md, -pset_global_info.md,
 * -pget_event_message.md); see riplike.h for the configuration format and
 * riplike_proto.h for the locking.
 */
#include <string.h>

#include "riplike_proto.h"

/* ERROR_INVALID_PARAMETER unless config is one well-formed
 * RIPLIKE_GLOBAL_CONFIG. */
static DWORD check_config(const RIPLIKE_GLOBAL_CONFIG *config, ULONG version, ULONG size,
                          ULONG count)
{
    if (!config || version != RIPLIKE_CONFIG_VERSION || size != sizeof *config || count != 1 ||
        config->RouteCount > RIPLIKE_MAX_ROUTES)
        return ERROR_INVALID_PARAMETER;
    for (DWORD i = 0; i < config->RouteCount; i++)
        if (config->Routes[i].PrefixLength > 32 ||
            riplike_route_find(config->Routes, i, &config->Routes[i]) < i)
            return ERROR_INVALID_PARAMETER;
    return NO_ERROR;
}

/* Deletes the protocol's routes and ends its RTM registrations; then it is
 * stopped. Returns the number of RTM calls that failed (also counted in
 * stats.Errors). */
static DWORD teardown(struct riplike_protocol *p)
{
    RTM_ENTITY_HANDLE reg;
    RTM_NOTIFY_HANDLE notify;
    DWORD errors = 0;

    EnterCriticalSection(&p->lock);
    if (p->reg)
        errors += riplike_routes_apply(p, p->preference, NULL, 0) != NO_ERROR;
    reg = p->reg;
    notify = p->notify;
    LeaveCriticalSection(&p->lock);
    if (notify)
        errors += RtmDeregisterFromChangeNotification(reg, notify) != NO_ERROR;
    if (reg)
        errors += RtmDeregisterEntity(reg) != NO_ERROR;
    EnterCriticalSection(&p->lock);
    p->reg = NULL;
    p->notify = NULL;
    p->stats.Errors += errors;
    p->state = RIPLIKE_STOPPED;
    LeaveCriticalSection(&p->lock);
    return errors;
}

/* Registers with the RTM and for change notifications, and adds the
 * configured routes (p is RIPLIKE_BUSY, its lock not held). */
static DWORD start_in_rtm(struct riplike_protocol *p, const RIPLIKE_GLOBAL_CONFIG *config)
{
    RTM_ENTITY_INFO entity;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE reg = NULL;
    RTM_NOTIFY_HANDLE notify = NULL;
    DWORD status;

    memset(&entity, 0, sizeof entity);
    entity.RtmInstanceId = 0;
    entity.AddressFamily = AF_INET;
    entity.EntityId.EntityProtocolId = p->protocol_id;
    entity.EntityId.EntityInstanceId = config->InstanceId;
    if (RtmRegisterEntity(&entity, NULL, p->callback, FALSE, &profile, &reg) != NO_ERROR)
        return ERROR_CAN_NOT_COMPLETE;
    EnterCriticalSection(&p->lock);
    p->reg = reg;
    p->profile = profile;
    LeaveCriticalSection(&p->lock);

    if (RtmRegisterForChangeNotification(reg, RTM_VIEW_MASK_UCAST, RTM_CHANGE_TYPE_BEST, p,
                                         &notify) != NO_ERROR)
        return ERROR_CAN_NOT_COMPLETE;
    EnterCriticalSection(&p->lock);
    p->notify = notify;
    status = riplike_routes_apply(p, config->Preference, config->Routes, config->RouteCount);
    LeaveCriticalSection(&p->lock);
    return status;
}

/**
 * riplike_start - StartProtocol of protocol p.
 *
 * @event [in]  the router manager's notification event, signalled when a
 *              message is queued for GetEventMessage.
 * @config, @version, @size, @count [in] the global configuration (one
 *              RIPLIKE_GLOBAL_CONFIG, RIPLIKE_CONFIG_VERSION).
 *
 * Registers the protocol with the RTM (instance 0, AF_INET; its protocol
 * id and the configured InstanceId), registers for best-route changes in
 * the unicast view and adds the configured routes with the configured
 * preference. Starts a new log and new counters. Returns NO_ERROR;
 * ERROR_INVALID_PARAMETER for a malformed configuration (nothing done);
 * ERROR_CAN_NOT_COMPLETE when it is not stopped, or when an RTM call
 * failed (then everything is undone).
 */
DWORD riplike_start(struct riplike_protocol *p, HANDLE event, const RIPLIKE_GLOBAL_CONFIG *config,
                    ULONG version, ULONG size, ULONG count)
{
    DWORD status = check_config(config, version, size, count);

    if (status != NO_ERROR)
        return status;
    EnterCriticalSection(&p->lock);
    if (p->state != RIPLIKE_STOPPED) {
        LeaveCriticalSection(&p->lock);
        return ERROR_CAN_NOT_COMPLETE;
    }
    p->state = RIPLIKE_BUSY;
    p->event = event;
    p->pending_saves = 0;
    p->instance = config->InstanceId;
    p->preference = config->Preference;
    p->route_count = 0;
    memset(&p->stats, 0, sizeof p->stats);
    LeaveCriticalSection(&p->lock);

    if (start_in_rtm(p, config) != NO_ERROR) {
        teardown(p);
        return ERROR_CAN_NOT_COMPLETE;
    }
    EnterCriticalSection(&p->lock);
    p->state = RIPLIKE_RUNNING;
    LeaveCriticalSection(&p->lock);
    return NO_ERROR;
}

/**
 * riplike_stop - StopProtocol of protocol p: deletes its routes and next
 * hops, ends its change notification registration and deregisters it from
 * the RTM (which waits for its event callbacks in flight), synchronously.
 * Returns NO_ERROR (also when it was not running); an RTM call that failed
 * is counted in the Errors statistic. ERROR_CAN_NOT_COMPLETE while it is
 * starting or stopping in another thread.
 */
DWORD riplike_stop(struct riplike_protocol *p)
{
    EnterCriticalSection(&p->lock);
    if (p->state != RIPLIKE_RUNNING) {
        DWORD status = p->state == RIPLIKE_STOPPED ? NO_ERROR : ERROR_CAN_NOT_COMPLETE;
        LeaveCriticalSection(&p->lock);
        return status;
    }
    p->state = RIPLIKE_BUSY;
    LeaveCriticalSection(&p->lock);
    teardown(p);
    return NO_ERROR;
}

/**
 * riplike_get_global_info - GetGlobalInfo of protocol p: its configuration
 * now (InstanceId, Preference and its routes; after a MibSet, the routes
 * as changed), as one RIPLIKE_GLOBAL_CONFIG.
 *
 * @info [out]             receives it (may be NULL when *buffer_size is 0).
 * @buffer_size [in, out]  in: the size of info; out: the size needed.
 * @version, @size, @count [out] RIPLIKE_CONFIG_VERSION, its size, 1 (each
 *                         may be NULL).
 *
 * Returns NO_ERROR; ERROR_INSUFFICIENT_BUFFER (nothing written but the
 * sizes) when *buffer_size is too small; ERROR_INVALID_PARAMETER when
 * buffer_size is NULL.
 */
DWORD riplike_get_global_info(struct riplike_protocol *p, PVOID info, PULONG buffer_size,
                              PULONG version, PULONG size, PULONG count)
{
    RIPLIKE_GLOBAL_CONFIG config;

    if (!buffer_size)
        return ERROR_INVALID_PARAMETER;
    if (version)
        *version = RIPLIKE_CONFIG_VERSION;
    if (size)
        *size = sizeof config;
    if (count)
        *count = 1;
    if (!info || *buffer_size < sizeof config) {
        *buffer_size = sizeof config;
        return ERROR_INSUFFICIENT_BUFFER;
    }
    memset(&config, 0, sizeof config);
    EnterCriticalSection(&p->lock);
    config.InstanceId = p->instance;
    config.Preference = p->preference;
    config.RouteCount = p->route_count;
    for (DWORD i = 0; i < p->route_count; i++)
        config.Routes[i] = p->routes[i].config;
    LeaveCriticalSection(&p->lock);
    memcpy(info, &config, sizeof config);
    *buffer_size = sizeof config;
    return NO_ERROR;
}

/**
 * riplike_set_global_info - SetGlobalInfo of protocol p: a new
 * configuration for the running protocol. Its routes become the
 * configured ones with the configured preference (others deleted, changed
 * ones updated in place, new ones added). Returns NO_ERROR;
 * ERROR_INVALID_PARAMETER for a malformed configuration or another
 * InstanceId (nothing changes); ERROR_CAN_NOT_COMPLETE when it is not
 * running or an RTM call failed (its routes then are what the RTM holds).
 */
DWORD riplike_set_global_info(struct riplike_protocol *p, const RIPLIKE_GLOBAL_CONFIG *config,
                              ULONG version, ULONG size, ULONG count)
{
    DWORD status = check_config(config, version, size, count);

    if (status != NO_ERROR)
        return status;
    EnterCriticalSection(&p->lock);
    if (p->state != RIPLIKE_RUNNING) {
        status = ERROR_CAN_NOT_COMPLETE;
    } else if (config->InstanceId != p->instance) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        p->preference = config->Preference;
        status = riplike_routes_apply(p, config->Preference, config->Routes, config->RouteCount);
    }
    LeaveCriticalSection(&p->lock);
    return status;
}

/**
 * riplike_get_event_message - GetEventMessage of protocol p: the next
 * queued message. The only one it queues is SAVE_GLOBAL_CONFIG_INFO (no
 * message data: *result, when given, is zeroed), after a MibSet changed
 * its configuration. Returns NO_ERROR; ERROR_NO_MORE_ITEMS when none is
 * queued; ERROR_INVALID_PARAMETER when event is NULL.
 */
DWORD riplike_get_event_message(struct riplike_protocol *p, ROUTING_PROTOCOL_EVENTS *event,
                                MESSAGE *result)
{
    DWORD status = ERROR_NO_MORE_ITEMS;

    if (!event)
        return ERROR_INVALID_PARAMETER;
    EnterCriticalSection(&p->lock);
    if (p->pending_saves) {
        p->pending_saves--;
        *event = SAVE_GLOBAL_CONFIG_INFO;
        if (result)
            memset(result, 0, sizeof *result);
        status = NO_ERROR;
    }
    LeaveCriticalSection(&p->lock);
    return status;
}
