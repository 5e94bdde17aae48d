/*
 * mcastlike_control.c - the router manager's calls into a component of
 * mcastlike.dll (spec/routprot/): starting and stopping it, its
 * interfaces, and its MIB (see mcastlike.h for the formats).
 */
#include <string.h>

#include "mcastlike_proto.h"

#define ALL_ONES 0xFFFFFFFFu

/* Puts the router's routes in the RTM's multicast view (its registration
 * made). Returns NO_ERROR or the first failing call's status. */
static DWORD add_routes(struct mcastlike *c, const MCASTLIKE_ROUTER_CONFIG *config)
{
    for (DWORD i = 0; i < config->RouteCount; i++) {
        const MCASTLIKE_ROUTE *r = &config->Routes[i];
        RTM_NEXTHOP_INFO nh;
        RTM_NEXTHOP_HANDLE nexthop = NULL;
        RTM_ROUTE_INFO route;
        RTM_ROUTE_HANDLE handle = NULL;
        RTM_NET_ADDRESS dest;
        RTM_NEXTHOP_CHANGE_FLAGS nh_flags = 0;
        RTM_ROUTE_CHANGE_FLAGS flags = 0;
        DWORD status;

        memset(&nh, 0, sizeof nh);
        RTM_IPV4_MAKE_NET_ADDRESS(&nh.NextHopAddress, r->NextHop, 32);
        nh.InterfaceIndex = r->InterfaceIndex;
        status = RtmAddNextHop(c->rtm, &nh, &nexthop, &nh_flags);
        if (status != NO_ERROR)
            return status;
        memset(&route, 0, sizeof route);
        route.Neighbour = nexthop;
        route.PrefInfo.Preference = 100;
        route.PrefInfo.Metric = 1;
        route.BelongsToViews = RTM_VIEW_MASK_MCAST;
        route.NextHopsList.NumNextHops = 1;
        route.NextHopsList.NextHops[0] = nexthop;
        RTM_IPV4_MAKE_NET_ADDRESS(&dest, r->Prefix, r->PrefixLength);
        status = RtmAddRouteToDest(c->rtm, &handle, &dest, &route, INFINITE, NULL, 0, NULL,
                                   &flags);
        if (status == NO_ERROR)
            RtmReleaseRoutes(c->rtm, 1, &handle);
        RtmReleaseNextHops(c->rtm, 1, &nexthop);
        if (status != NO_ERROR)
            return status;
    }
    return NO_ERROR;
}

/* Registers the router with the RTM and adds its routes. */
static DWORD start_rtm(struct mcastlike *c, const MCASTLIKE_ROUTER_CONFIG *config)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    DWORD status;

    memset(&info, 0, sizeof info);
    info.RtmInstanceId = 0;
    info.AddressFamily = AF_INET;
    info.EntityId.EntityProtocolId = c->id;
    info.EntityId.EntityInstanceId = MCASTLIKE_COMPONENT;
    status = RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &c->rtm);
    if (status != NO_ERROR)
        return status;
    status = add_routes(c, config);
    if (status != NO_ERROR) {
        RtmDeregisterEntity(c->rtm); /* its routes and next hops go with it */
        c->rtm = NULL;
    }
    return status;
}

/**
 * mcastlike_start - StartProtocol of component c
 * (spec/routprot/nc-routprot-pstart_protocol.md).
 *
 * @config  [in] the router: one MCASTLIKE_ROUTER_CONFIG (version
 *               MCASTLIKE_CONFIG_VERSION, count 1); IGMP: none (count 0).
 *
 * Registers with the MGM (the router with its protocol id and component
 * MCASTLIKE_COMPONENT, IGMP as PROTO_IP_IGMP) and, for the router, with
 * the RTM, adding its routes to the multicast view. Returns NO_ERROR;
 * ERROR_INVALID_PARAMETER for a malformed configuration; ERROR_CAN_NOT_COMPLETE
 * when running already or a registration failed (nothing is left).
 */
DWORD mcastlike_start(struct mcastlike *c, const MCASTLIKE_ROUTER_CONFIG *config, ULONG version,
                      ULONG size, ULONG count)
{
    DWORD status;

    if (c->is_igmp ? count != 0
                   : !config || version != MCASTLIKE_CONFIG_VERSION || size != sizeof *config ||
                         count != 1 || config->RouteCount > MCASTLIKE_MAX_ROUTES)
        return ERROR_INVALID_PARAMETER;
    EnterCriticalSection(&c->lock);
    if (c->state != MCASTLIKE_STOPPED) {
        LeaveCriticalSection(&c->lock);
        return ERROR_CAN_NOT_COMPLETE;
    }
    c->state = MCASTLIKE_BUSY;
    memset(&c->log, 0, sizeof c->log);
    c->interface_count = c->disabled_count = c->membership_count = 0;
    LeaveCriticalSection(&c->lock);

    status = MgmRegisterMProtocol(&c->callbacks, c->is_igmp ? 10 : c->id, MCASTLIKE_COMPONENT,
                                  &c->mgm);
    if (status == NO_ERROR && !c->is_igmp) {
        status = start_rtm(c, config);
        if (status != NO_ERROR)
            MgmDeRegisterMProtocol(c->mgm);
    }
    EnterCriticalSection(&c->lock);
    c->state = status == NO_ERROR ? MCASTLIKE_RUNNING : MCASTLIKE_STOPPED;
    c->log.Running = c->state == MCASTLIKE_RUNNING;
    LeaveCriticalSection(&c->lock);
    return status == NO_ERROR ? NO_ERROR : ERROR_CAN_NOT_COMPLETE;
}

/**
 * mcastlike_stop - StopProtocol of component c
 * (spec/routprot/nc-routprot-pstop_protocol.md): releases its interfaces
 * (the shut-down scenario of spec/rras/), waits for IGMP's re-adding work
 * items, deregisters from the MGM (which waits for its callbacks in
 * flight) and, for the router, from the RTM (its routes go). Returns
 * NO_ERROR (also when it was not running).
 */
DWORD mcastlike_stop(struct mcastlike *c)
{
    EnterCriticalSection(&c->lock);
    if (c->state != MCASTLIKE_RUNNING) {
        LeaveCriticalSection(&c->lock);
        return NO_ERROR;
    }
    c->state = MCASTLIKE_BUSY;
    while (c->interface_count > 0) {
        if (MgmReleaseInterfaceOwnership(c->mgm, c->interfaces[--c->interface_count], 0) !=
            NO_ERROR)
            c->log.Errors++;
    }
    c->membership_count = 0;
    LeaveCriticalSection(&c->lock);
    while (InterlockedCompareExchange(&c->readds, 0, 0) != 0)
        Sleep(1);
    if (MgmDeRegisterMProtocol(c->mgm) != NO_ERROR)
        c->log.Errors++;
    if (c->rtm && RtmDeregisterEntity(c->rtm) != NO_ERROR)
        c->log.Errors++;
    EnterCriticalSection(&c->lock);
    c->rtm = NULL;
    c->mgm = NULL;
    c->state = MCASTLIKE_STOPPED;
    c->log.Running = 0;
    c->log.Interfaces = c->log.Memberships = 0;
    LeaveCriticalSection(&c->lock);
    return NO_ERROR;
}

/**
 * mcastlike_add_interface - AddInterface of component c
 * (spec/routprot/nc-routprot-padd_interface.md): takes the interface in
 * the MGM. Returns NO_ERROR; ERROR_CAN_NOT_COMPLETE when not running, it
 * has MCASTLIKE_MAX_INTERFACES already, or the MGM refuses (another
 * routing protocol owns it, say).
 */
DWORD mcastlike_add_interface(struct mcastlike *c, ULONG index)
{
    DWORD status = ERROR_CAN_NOT_COMPLETE;

    EnterCriticalSection(&c->lock);
    if (c->state == MCASTLIKE_RUNNING && c->interface_count < MCASTLIKE_MAX_INTERFACES &&
        MgmTakeInterfaceOwnership(c->mgm, index, 0) == NO_ERROR) {
        c->interfaces[c->interface_count++] = index;
        c->log.Interfaces = c->interface_count;
        status = NO_ERROR;
    }
    LeaveCriticalSection(&c->lock);
    return status;
}

/**
 * mcastlike_delete_interface - DeleteInterface of component c
 * (spec/routprot/nc-routprot-pdelete_interface.md): releases it in the
 * MGM (its memberships there end). Returns NO_ERROR;
 * ERROR_INVALID_PARAMETER when it does not have it;
 * ERROR_CAN_NOT_COMPLETE when the MGM refuses.
 */
DWORD mcastlike_delete_interface(struct mcastlike *c, ULONG index)
{
    DWORD status, at;

    EnterCriticalSection(&c->lock);
    at = mcastlike_find(c->interfaces, c->interface_count, index);
    if (at == c->interface_count) {
        status = ERROR_INVALID_PARAMETER;
    } else if (MgmReleaseInterfaceOwnership(c->mgm, index, 0) != NO_ERROR) {
        status = ERROR_CAN_NOT_COMPLETE;
    } else {
        c->interfaces[at] = c->interfaces[--c->interface_count];
        for (DWORD i = c->membership_count; i-- > 0;)
            if (c->memberships[i].index == index)
                c->memberships[i] = c->memberships[--c->membership_count];
        c->log.Interfaces = c->interface_count;
        c->log.Memberships = c->membership_count;
        status = NO_ERROR;
    }
    LeaveCriticalSection(&c->lock);
    return status;
}

/* The membership (source, group, index) of c, or c->membership_count. */
static DWORD find_membership(const struct mcastlike *c, const MCASTLIKE_MIB_SET *m)
{
    DWORD i = 0;

    while (i < c->membership_count &&
           (c->memberships[i].source != m->Source || c->memberships[i].group != m->Group ||
            c->memberships[i].index != m->InterfaceIndex))
        i++;
    return i;
}

/**
 * mcastlike_mib_set - MibSet of component c
 * (spec/routprot/nc-routprot-pmib_set.md): one MCASTLIKE_MIB_SET, receivers
 * of a pair coming (MCASTLIKE_JOIN) or going (MCASTLIKE_LEAVE) on one of
 * its interfaces, which it adds to or deletes from the MGM (IGMP, on an
 * interface where the MGM disabled it, only remembers them until it is
 * enabled again). Returns NO_ERROR; ERROR_INVALID_PARAMETER for a
 * malformed request, an interface it does not have, a leave of a pair not
 * joined there; ERROR_CAN_NOT_COMPLETE when not running, full, or the MGM
 * refuses.
 */
DWORD mcastlike_mib_set(struct mcastlike *c, ULONG size, PVOID data)
{
    const MCASTLIKE_MIB_SET *m = data;
    DWORD status = NO_ERROR, at;
    int join, disabled;

    if (!m || size != sizeof *m || (m->Command != MCASTLIKE_JOIN && m->Command != MCASTLIKE_LEAVE))
        return ERROR_INVALID_PARAMETER;
    join = m->Command == MCASTLIKE_JOIN;
    EnterCriticalSection(&c->lock);
    at = find_membership(c, m);
    disabled = mcastlike_find(c->disabled, c->disabled_count, m->InterfaceIndex) <
               c->disabled_count;
    if (c->state != MCASTLIKE_RUNNING || (join && c->membership_count == MCASTLIKE_MAX_MEMBERSHIPS))
        status = ERROR_CAN_NOT_COMPLETE;
    else if (mcastlike_find(c->interfaces, c->interface_count, m->InterfaceIndex) ==
                 c->interface_count ||
             (!join && at == c->membership_count))
        status = ERROR_INVALID_PARAMETER;
    else if (!disabled && join)
        status = MgmAddGroupMembershipEntry(c->mgm, m->Source, m->Source ? ALL_ONES : 0, m->Group,
                                            ALL_ONES, m->InterfaceIndex, 0, MGM_JOIN_STATE_FLAG);
    else if (!disabled)
        status = MgmDeleteGroupMembershipEntry(c->mgm, m->Source, m->Source ? ALL_ONES : 0,
                                               m->Group, ALL_ONES, m->InterfaceIndex, 0,
                                               MGM_JOIN_STATE_FLAG);
    if (status == NO_ERROR && join && at == c->membership_count) {
        c->memberships[c->membership_count].source = m->Source;
        c->memberships[c->membership_count].group = m->Group;
        c->memberships[c->membership_count].index = m->InterfaceIndex;
        c->membership_count++;
    } else if (status == NO_ERROR && !join) {
        c->memberships[at] = c->memberships[--c->membership_count];
    } else if (status != NO_ERROR && status != ERROR_INVALID_PARAMETER) {
        status = ERROR_CAN_NOT_COMPLETE;
    }
    c->log.Memberships = c->membership_count;
    LeaveCriticalSection(&c->lock);
    return status;
}

/**
 * mcastlike_mib_get - MibGet of component c
 * (spec/routprot/nc-routprot-pmib_get.md): its MCASTLIKE_LOG (the input
 * is ignored). Returns NO_ERROR; ERROR_INSUFFICIENT_BUFFER with the size
 * needed in *out_size when out is NULL or smaller;
 * ERROR_INVALID_PARAMETER when out_size is NULL.
 */
DWORD mcastlike_mib_get(struct mcastlike *c, PULONG out_size, PVOID out)
{
    DWORD status = NO_ERROR;

    if (!out_size)
        return ERROR_INVALID_PARAMETER;
    EnterCriticalSection(&c->lock);
    if (!out || *out_size < sizeof c->log)
        status = ERROR_INSUFFICIENT_BUFFER;
    else
        memcpy(out, &c->log, sizeof c->log);
    *out_size = sizeof c->log;
    LeaveCriticalSection(&c->lock);
    return status;
}
