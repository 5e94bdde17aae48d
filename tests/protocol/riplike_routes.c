/*
 * riplike_routes.c - a protocol's routes in the RTM (see riplike_proto.h).
 *
 * Each configured route is one RTM route in the unicast view with one next
 * hop, which is also its neighbour: the next hop (NextHop/32,
 * InterfaceIndex) is added with RtmAddNextHop (routes through the same
 * next hop share it; each holds its own handle), the route with
 * RtmAddRouteToDest, updated in place through its handle. Deleting a route
 * consumes its handle (RtmDeleteRouteToDest); its next hop is deleted with
 * the last route through it (RtmDeleteNextHop, which consumes that handle
 * too), else only released.
 */
#include <string.h>

#include "riplike_proto.h"

/* The canonical RTM_NET_ADDRESS of an IPv4 address and length. */
static RTM_NET_ADDRESS ipv4_prefix(const BYTE address[4], DWORD length)
{
    RTM_NET_ADDRESS prefix;

    memset(&prefix, 0, sizeof prefix);
    prefix.AddressFamily = AF_INET;
    prefix.NumBits = (USHORT)length;
    for (DWORD i = 0; i < 4; i++) {
        DWORD bits = length > 8 * i ? length - 8 * i : 0;
        prefix.AddrBits[i] = bits >= 8 ? address[i] : (BYTE)(address[i] & (0xFF00 >> bits));
    }
    return prefix;
}

static int same_route(const RIPLIKE_ROUTE *a, const RIPLIKE_ROUTE *b)
{
    RTM_NET_ADDRESS pa = ipv4_prefix(a->Prefix, a->PrefixLength);
    RTM_NET_ADDRESS pb = ipv4_prefix(b->Prefix, b->PrefixLength);

    return pa.NumBits == pb.NumBits && memcmp(pa.AddrBits, pb.AddrBits, 4) == 0 &&
           memcmp(a->NextHop, b->NextHop, 4) == 0 && a->InterfaceIndex == b->InterfaceIndex;
}

DWORD riplike_route_find(const RIPLIKE_ROUTE *routes, DWORD count, const RIPLIKE_ROUTE *route)
{
    DWORD i = 0;
    while (i < count && !same_route(&routes[i], route))
        i++;
    return i;
}

/* The route's RTM values: one next hop, also its neighbour. */
static RTM_ROUTE_INFO route_info(RTM_NEXTHOP_HANDLE nexthop, DWORD preference, DWORD metric)
{
    RTM_ROUTE_INFO info;

    memset(&info, 0, sizeof info);
    info.Neighbour = nexthop;
    info.PrefInfo.Preference = preference;
    info.PrefInfo.Metric = metric;
    info.BelongsToViews = RTM_VIEW_MASK_UCAST;
    info.NextHopsList.NumNextHops = 1;
    info.NextHopsList.NextHops[0] = nexthop;
    return info;
}

/* Gives back a handle of next hop nexthop, which the route at index skip
 * (if any) no longer uses: deletes the next hop if no other route uses
 * it. */
static DWORD drop_nexthop(struct riplike_protocol *p, RTM_NEXTHOP_HANDLE nexthop, DWORD skip)
{
    for (DWORD i = 0; i < p->route_count; i++)
        if (i != skip && p->routes[i].nexthop == nexthop)
            return RtmReleaseNextHops(p->reg, 1, &nexthop);
    return RtmDeleteNextHop(p->reg, nexthop, NULL);
}

static DWORD add_route(struct riplike_protocol *p, const RIPLIKE_ROUTE *config, DWORD preference)
{
    struct riplike_route *r = &p->routes[p->route_count];
    RTM_NEXTHOP_INFO nexthop;
    RTM_NEXTHOP_CHANGE_FLAGS nexthop_flags = 0;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    RTM_NET_ADDRESS dest = ipv4_prefix(config->Prefix, config->PrefixLength);
    RTM_ROUTE_INFO info;

    memset(r, 0, sizeof *r);
    memset(&nexthop, 0, sizeof nexthop);
    nexthop.NextHopAddress = ipv4_prefix(config->NextHop, 32);
    nexthop.InterfaceIndex = config->InterfaceIndex;
    if (RtmAddNextHop(p->reg, &nexthop, &r->nexthop, &nexthop_flags) != NO_ERROR)
        return ERROR_CAN_NOT_COMPLETE;
    info = route_info(r->nexthop, preference, config->Metric);
    if (RtmAddRouteToDest(p->reg, &r->route, &dest, &info, INFINITE, NULL, 0, NULL, &flags) !=
        NO_ERROR) {
        drop_nexthop(p, r->nexthop, p->route_count);
        return ERROR_CAN_NOT_COMPLETE;
    }
    r->config = *config;
    r->preference = preference;
    p->route_count++;
    return NO_ERROR;
}

static DWORD update_route(struct riplike_protocol *p, DWORD i, DWORD metric, DWORD preference)
{
    struct riplike_route *r = &p->routes[i];
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    RTM_NET_ADDRESS dest = ipv4_prefix(r->config.Prefix, r->config.PrefixLength);
    RTM_ROUTE_INFO info = route_info(r->nexthop, preference, metric);

    if (RtmAddRouteToDest(p->reg, &r->route, &dest, &info, INFINITE, NULL, 0, NULL, &flags) !=
        NO_ERROR)
        return ERROR_CAN_NOT_COMPLETE;
    r->config.Metric = metric;
    r->preference = preference;
    return NO_ERROR;
}

/* Deletes the route at index i; the last route takes its place. */
static DWORD delete_route(struct riplike_protocol *p, DWORD i)
{
    struct riplike_route *r = &p->routes[i];
    RTM_ROUTE_CHANGE_FLAGS flags = 0;

    DWORD status;

    if (RtmDeleteRouteToDest(p->reg, r->route, &flags) != NO_ERROR)
        return ERROR_CAN_NOT_COMPLETE;
    status = drop_nexthop(p, r->nexthop, i);
    *r = p->routes[--p->route_count];
    return status == NO_ERROR ? NO_ERROR : ERROR_CAN_NOT_COMPLETE;
}

/* The index of the protocol's route equal to route, or p->route_count. */
static DWORD find_own(const struct riplike_protocol *p, const RIPLIKE_ROUTE *route)
{
    DWORD i = 0;
    while (i < p->route_count && !same_route(&p->routes[i].config, route))
        i++;
    return i;
}

DWORD riplike_routes_apply(struct riplike_protocol *p, DWORD preference,
                           const RIPLIKE_ROUTE *routes, DWORD count)
{
    DWORD i = 0;

    while (i < p->route_count) {
        if (riplike_route_find(routes, count, &p->routes[i].config) < count) {
            i++;
        } else if (delete_route(p, i) != NO_ERROR) {
            return ERROR_CAN_NOT_COMPLETE;
        }
    }
    for (DWORD j = 0; j < count; j++) {
        DWORD status = NO_ERROR;
        i = find_own(p, &routes[j]);
        if (i == p->route_count)
            status = add_route(p, &routes[j], preference);
        else if (p->routes[i].config.Metric != routes[j].Metric ||
                 p->routes[i].preference != preference)
            status = update_route(p, i, routes[j].Metric, preference);
        if (status != NO_ERROR)
            return status;
    }
    return NO_ERROR;
}
