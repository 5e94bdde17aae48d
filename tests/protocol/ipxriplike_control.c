/*
 * ipxriplike_control.c - a protocol's life cycle, configuration and MIB
 * entry points (spec/routprot/nc-routprot-pstart_protocol.md,
 * -pstop_protocol.md, -pset_global_info.md, -pmib_set.md, -pmib_get.md)
 * and its routes in the RTM (RTMv1: spec/rras/rtmregisterclient.md,
 * rtmaddroute.md, rtmdeleteroute.md, rtmblockdeleteroutes.md,
 * rtmderegisterclient.md, rtmcreateenumerationhandle.md); see
 * ipxriplike.h for the formats and ipxriplike_proto.h for the locking.
 */
#include <string.h>

#include "ipxriplike_proto.h"

/* ERROR_INVALID_PARAMETER unless config is one well-formed
 * IPXRIPLIKE_GLOBAL_CONFIG. */
static DWORD check_config(const IPXRIPLIKE_GLOBAL_CONFIG *config, ULONG version, ULONG size,
                          ULONG count)
{
    if (!config || version != IPXRIPLIKE_CONFIG_VERSION || size != sizeof *config ||
        count != 1 || config->RouteCount > IPXRIPLIKE_MAX_ROUTES)
        return ERROR_INVALID_PARAMETER;
    for (DWORD i = 0; i < config->RouteCount; i++)
        for (DWORD j = 0; j < i; j++)
            if (config->Routes[i].Network == config->Routes[j].Network)
                return ERROR_INVALID_PARAMETER;
    return NO_ERROR;
}

/* The index of network's route in config, or config->RouteCount. */
static DWORD find_network(const IPXRIPLIKE_GLOBAL_CONFIG *config, DWORD network)
{
    DWORD i = 0;

    while (i < config->RouteCount && config->Routes[i].Network != network)
        i++;
    return i;
}

/* The RTMv1 route of a configured one. */
static RTM_IPX_ROUTE rtm_route(const IPXRIPLIKE_ROUTE *r)
{
    RTM_IPX_ROUTE route;

    memset(&route, 0, sizeof route);
    route.RR_InterfaceID = r->InterfaceIndex;
    route.RR_Network.N_NetNumber = r->Network;
    memcpy(route.RR_NextHopAddress.NHA_Mac, r->NextHopMac, sizeof r->NextHopMac);
    route.RR_FamilySpecificData.FSD_TickCount = r->TickCount;
    route.RR_FamilySpecificData.FSD_HopCount = r->HopCount;
    return route;
}

/* Makes p's routes in the RTM those of config: deletes the networks it
 * drops, adds (or, one route per network, replaces) the others. Returns
 * NO_ERROR or ERROR_CAN_NOT_COMPLETE (p->config then says what the RTM
 * holds). p->lock held. */
static DWORD apply(struct ipxriplike_protocol *p, const IPXRIPLIKE_GLOBAL_CONFIG *config)
{
    IPXRIPLIKE_GLOBAL_CONFIG *now = &p->config;
    DWORD flags, errors = 0;

    for (DWORD i = now->RouteCount; i-- > 0;) {
        RTM_IPX_ROUTE route = rtm_route(&now->Routes[i]);
        if (find_network(config, now->Routes[i].Network) < config->RouteCount)
            continue;
        if (RtmDeleteRoute(p->client, &route, &flags, NULL) == NO_ERROR)
            now->Routes[i] = now->Routes[--now->RouteCount];
        else
            errors++;
    }
    for (DWORD i = 0; i < config->RouteCount; i++) {
        RTM_IPX_ROUTE route = rtm_route(&config->Routes[i]);
        DWORD at = find_network(now, config->Routes[i].Network);
        if (RtmAddRoute(p->client, &route, config->Routes[i].TimeToLive, &flags, NULL, NULL) !=
            NO_ERROR) {
            errors++;
            continue;
        }
        if (at == now->RouteCount)
            now->RouteCount++;
        now->Routes[at] = config->Routes[i];
    }
    p->stats.Errors += errors;
    return errors ? ERROR_CAN_NOT_COMPLETE : NO_ERROR;
}

/* Ends p's thread, client and events (whichever exist). */
static void teardown(struct ipxriplike_protocol *p)
{
    if (p->thread) {
        SetEvent(p->stop_event);
        WaitForSingleObject(p->thread, INFINITE);
        CloseHandle(p->thread);
    }
    if (p->client && RtmDeregisterClient(p->client) != NO_ERROR)
        p->stats.Errors++;
    if (p->change_event)
        CloseHandle(p->change_event);
    if (p->stop_event)
        CloseHandle(p->stop_event);
    p->thread = p->client = p->change_event = p->stop_event = NULL;
    p->config.RouteCount = 0;
    p->running = 0;
}

/**
 * ipxriplike_start - StartProtocol of protocol p: registers its RTMv1
 * client (IPX, its protocol id, RTM_PROTOCOL_SINGLE_ROUTE, a change event),
 * starts its change thread and adds the configured routes. Starts a new log
 * and new counters. Returns NO_ERROR; ERROR_INVALID_PARAMETER for a
 * malformed configuration (nothing done); ERROR_CAN_NOT_COMPLETE when it
 * runs already, or a call failed (then everything is undone).
 */
DWORD ipxriplike_start(struct ipxriplike_protocol *p, const IPXRIPLIKE_GLOBAL_CONFIG *config,
                       ULONG version, ULONG size, ULONG count)
{
    DWORD status = check_config(config, version, size, count);

    if (status != NO_ERROR)
        return status;
    EnterCriticalSection(&p->lock);
    if (p->running) {
        LeaveCriticalSection(&p->lock);
        return ERROR_CAN_NOT_COMPLETE;
    }
    memset(&p->stats, 0, sizeof p->stats);
    p->log.Count = 0;
    p->change_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    p->stop_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (p->change_event)
        p->client = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IPX, p->protocol_id, p->change_event,
                                      RTM_PROTOCOL_SINGLE_ROUTE);
    if (p->client && p->stop_event)
        p->thread = CreateThread(NULL, 0, ipxriplike_change_thread, p, 0, NULL);
    status = p->thread ? apply(p, config) : ERROR_CAN_NOT_COMPLETE;
    p->running = status == NO_ERROR;
    LeaveCriticalSection(&p->lock);
    if (status != NO_ERROR)
        teardown(p);
    return status;
}

/**
 * ipxriplike_stop - StopProtocol of protocol p: ends its change thread,
 * deregisters its client (which deletes its routes) and closes its events,
 * synchronously. Returns NO_ERROR (also when it was not running); an RTM
 * call that failed is counted in the Errors statistic.
 */
DWORD ipxriplike_stop(struct ipxriplike_protocol *p)
{
    if (p->running)
        teardown(p);
    return NO_ERROR;
}

/**
 * ipxriplike_set_global_info - SetGlobalInfo of protocol p: its routes
 * become the configured ones (dropped networks deleted, the others added
 * or replaced). Returns NO_ERROR; ERROR_INVALID_PARAMETER for a malformed
 * configuration (nothing changes); ERROR_CAN_NOT_COMPLETE when it is not
 * running or an RTM call failed.
 */
DWORD ipxriplike_set_global_info(struct ipxriplike_protocol *p,
                                 const IPXRIPLIKE_GLOBAL_CONFIG *config, ULONG version,
                                 ULONG size, ULONG count)
{
    DWORD status = check_config(config, version, size, count);

    if (status != NO_ERROR)
        return status;
    EnterCriticalSection(&p->lock);
    status = p->running ? apply(p, config) : ERROR_CAN_NOT_COMPLETE;
    LeaveCriticalSection(&p->lock);
    return status;
}

/**
 * ipxriplike_mib_set - MibSet of protocol p: one IPXRIPLIKE_MIB_SET.
 * IPXRIPLIKE_INTERFACE_DOWN deletes its routes of the interface with
 * RtmBlockDeleteRoutes (RTM_ONLY_THIS_INTERFACE) and drops them from its
 * configuration. Returns NO_ERROR (also when it had none there);
 * ERROR_INVALID_PARAMETER for a malformed request; ERROR_CAN_NOT_COMPLETE
 * when it is not running or the RTM call failed.
 */
DWORD ipxriplike_mib_set(struct ipxriplike_protocol *p, ULONG size, PVOID data)
{
    const IPXRIPLIKE_MIB_SET *request = data;
    RTM_IPX_ROUTE criteria;
    DWORD status;

    if (!request || size != sizeof *request || request->Command != IPXRIPLIKE_INTERFACE_DOWN)
        return ERROR_INVALID_PARAMETER;
    memset(&criteria, 0, sizeof criteria);
    criteria.RR_InterfaceID = request->InterfaceIndex;
    EnterCriticalSection(&p->lock);
    status = p->running ? RtmBlockDeleteRoutes(p->client, RTM_ONLY_THIS_INTERFACE, &criteria)
                        : ERROR_CAN_NOT_COMPLETE;
    if (status == NO_ERROR || status == ERROR_NO_ROUTES) {
        for (DWORD i = p->config.RouteCount; i-- > 0;)
            if (p->config.Routes[i].InterfaceIndex == request->InterfaceIndex)
                p->config.Routes[i] = p->config.Routes[--p->config.RouteCount];
        status = NO_ERROR;
    } else if (p->running) {
        p->stats.Errors++;
        status = ERROR_CAN_NOT_COMPLETE;
    }
    LeaveCriticalSection(&p->lock);
    return status;
}

/* The IPX table as an enumeration returns it (p->lock held). */
static void walk_table(struct ipxriplike_protocol *p, IPXRIPLIKE_TABLE *table)
{
    HANDLE e = RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IPX, 0, NULL);
    DWORD status = NO_ERROR;

    table->Count = 0;
    if (!e) {
        if (GetLastError() != ERROR_NO_ROUTES)
            p->stats.Errors++;
        return;
    }
    while (table->Count < IPXRIPLIKE_TABLE_CAPACITY &&
           (status = RtmEnumerateGetNextRoute(e, &table->Routes[table->Count])) == NO_ERROR)
        table->Count++;
    if (status != NO_ERROR && status != ERROR_NO_MORE_ROUTES)
        p->stats.Errors++;
    if (RtmCloseEnumerationHandle(e) != NO_ERROR)
        p->stats.Errors++;
}

/**
 * ipxriplike_mib_get - MibGet of protocol p: one IPXRIPLIKE_MIB_GET in,
 * the IPXRIPLIKE_LOG, IPXRIPLIKE_TABLE or IPXRIPLIKE_STATS it asks for out.
 * Returns NO_ERROR; ERROR_INSUFFICIENT_BUFFER (*out_size: the size needed)
 * when out is NULL or *out_size too small; ERROR_INVALID_PARAMETER for a
 * malformed request.
 */
DWORD ipxriplike_mib_get(struct ipxriplike_protocol *p, ULONG in_size, PVOID in,
                         PULONG out_size, PVOID out)
{
    const IPXRIPLIKE_MIB_GET *request = in;
    ULONG need;

    if (!request || in_size != sizeof *request || !out_size)
        return ERROR_INVALID_PARAMETER;
    switch (request->Query) {
    case IPXRIPLIKE_GET_LOG:
        need = sizeof(IPXRIPLIKE_LOG);
        break;
    case IPXRIPLIKE_GET_TABLE:
        need = sizeof(IPXRIPLIKE_TABLE);
        break;
    case IPXRIPLIKE_GET_STATS:
        need = sizeof(IPXRIPLIKE_STATS);
        break;
    default:
        return ERROR_INVALID_PARAMETER;
    }
    if (!out || *out_size < need) {
        *out_size = need;
        return ERROR_INSUFFICIENT_BUFFER;
    }
    *out_size = need;
    EnterCriticalSection(&p->lock);
    if (request->Query == IPXRIPLIKE_GET_LOG) {
        memcpy(out, &p->log, need);
    } else if (request->Query == IPXRIPLIKE_GET_TABLE) {
        walk_table(p, out);
    } else {
        p->stats.Running = p->running;
        memcpy(out, &p->stats, need);
    }
    LeaveCriticalSection(&p->lock);
    return NO_ERROR;
}
