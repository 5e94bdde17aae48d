/*
 * rpf.c - routes towards sources through the MGM's own RTMv2 registration
 * (rpf.h).
 */
#include <string.h>

#include "rpf.h"
#include "base/platform.h"

static rtm_mutex rpf_lock = RTM_MUTEX_INIT; /* guards the three below; taken alone */
static RTM_ENTITY_HANDLE entity;            /* the MGM's registration, or NULL */
static unsigned users;                      /* look-ups not released yet */
static int end_pending;                     /* end the registration when users is 0 */

/* The MGM's registration handle, registering when needed (rpf lock held). */
static DWORD registration(RTM_ENTITY_HANDLE *out)
{
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    DWORD status = NO_ERROR;

    if (!entity) {
        memset(&info, 0, sizeof info);
        info.RtmInstanceId = 0;
        info.AddressFamily = AF_INET;
        info.EntityId.EntityProtocolId = MGM_RTM_PROTOCOL_ID;
        info.EntityId.EntityInstanceId = 0;
        status = RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &entity);
        if (status != NO_ERROR)
            entity = NULL;
    }
    *out = entity;
    return status;
}

/* The IPv4 address (network order) in the first four bytes of a. */
static DWORD ipv4_of(const RTM_NET_ADDRESS *a)
{
    DWORD v;

    memcpy(&v, a->AddrBits, sizeof v);
    return v;
}

/* The network-order mask of a prefix length. */
static DWORD mask_of(unsigned len)
{
    uint8_t bytes[4] = { 0, 0, 0, 0 };
    DWORD v;

    for (unsigned i = 0; i < len && i < 32; i++)
        bytes[i / 8] |= (uint8_t)(0x80u >> (i % 8));
    memcpy(&v, bytes, sizeof v);
    return v;
}

/* Fills what the route's information says: owner, first next hop. */
static void read_route(RTM_ENTITY_HANDLE reg, RTM_ROUTE_HANDLE route, struct mgm_route *out)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[8]; /* MaxNextHopsInRoute and more */
    } r;
    RTM_NEXTHOP_INFO nh;
    RTM_ENTITY_INFO owner;

    if (RtmGetRouteInfo(reg, route, &r.info, NULL) != NO_ERROR)
        return;
    if (RtmGetEntityInfo(reg, r.info.RouteOwner, &owner) == NO_ERROR) {
        out->protocol = owner.EntityId.EntityProtocolId;
        RtmReleaseEntityInfo(reg, &owner);
    }
    if (r.info.NextHopsList.NumNextHops > 0 &&
        RtmGetNextHopInfo(reg, r.info.NextHopsList.NextHops[0], &nh) == NO_ERROR) {
        out->index = nh.InterfaceIndex;
        out->neighbour = ipv4_of(&nh.NextHopAddress);
        RtmReleaseNextHopInfo(reg, &nh);
    }
    RtmReleaseRouteInfo(reg, &r.info);
}

/* The most specific destination covering address whose multicast view
 * has a best route, into *dest (a destination whose routes there are all
 * inactive has none: the less specific ones are tried). Returns nonzero
 * when found (*dest's references then held), else 0. */
static int best_destination(RTM_ENTITY_HANDLE reg, RTM_NET_ADDRESS *address,
                            RTM_DEST_INFO *dest)
{
    RTM_DEST_INFO less;

    if (RtmGetMostSpecificDestination(reg, address, RTM_BEST_PROTOCOL, RTM_VIEW_MASK_MCAST,
                                      dest) != NO_ERROR)
        return 0;
    while (dest->NumberOfViews != 1 || !dest->ViewInfo[0].Route) {
        DWORD status = RtmGetLessSpecificDestination(reg, dest->DestHandle, RTM_BEST_PROTOCOL,
                                                     RTM_VIEW_MASK_MCAST, &less);
        RtmReleaseDestInfo(reg, dest);
        if (status != NO_ERROR)
            return 0;
        *dest = less;
    }
    return 1;
}

DWORD mgm_route_lookup(DWORD source, struct mgm_route *out)
{
    RTM_ENTITY_HANDLE reg;
    RTM_NET_ADDRESS address;
    DWORD status;

    memset(out, 0, sizeof *out);
    rtm_mutex_lock(&rpf_lock);
    status = registration(&reg);
    if (status == NO_ERROR) {
        users++;
        out->in_use = 1;
    }
    rtm_mutex_unlock(&rpf_lock);
    if (status != NO_ERROR)
        return status == ERROR_NOT_ENOUGH_MEMORY ? status : NO_ERROR;

    memset(&address, 0, sizeof address);
    address.AddressFamily = AF_INET;
    address.NumBits = 32;
    memcpy(address.AddrBits, &source, sizeof source);
    if (!best_destination(reg, &address, &out->dest)) {
        memset(&out->dest, 0, sizeof out->dest);
        return NO_ERROR;
    }
    out->found = 1;
    out->network = ipv4_of(&out->dest.DestAddress);
    out->mask = mask_of(out->dest.DestAddress.NumBits);
    read_route(reg, out->dest.ViewInfo[0].Route, out);
    return NO_ERROR;
}

/* Takes the registration for ending when it is due (rpf lock held). */
static RTM_ENTITY_HANDLE take_if_due(void)
{
    RTM_ENTITY_HANDLE reg = NULL;

    if (end_pending && users == 0) {
        reg = entity;
        entity = NULL;
        end_pending = 0;
    }
    return reg;
}

void mgm_route_release(struct mgm_route *route)
{
    RTM_ENTITY_HANDLE reg, ending;

    if (!route->in_use)
        return;
    rtm_mutex_lock(&rpf_lock);
    reg = entity;
    users--;
    ending = take_if_due();
    rtm_mutex_unlock(&rpf_lock);
    if (route->found)
        RtmReleaseDestInfo(reg ? reg : ending, &route->dest);
    if (ending)
        RtmDeregisterEntity(ending);
    route->in_use = 0;
    route->found = 0;
}

void mgm_rpf_release(void)
{
    RTM_ENTITY_HANDLE ending;

    rtm_mutex_lock(&rpf_lock);
    end_pending = entity != NULL;
    ending = take_if_due();
    rtm_mutex_unlock(&rpf_lock);
    if (ending)
        RtmDeregisterEntity(ending);
}

void mgm_rpf_forget(void)
{
    entity = NULL;
    users = 0;
    end_pending = 0;
}
