/*
 * describe.c - describing routes (describe.h).
 */
#include "describe.h"

#include <stdio.h>
#include <string.h>

DWORD ctl_describe_route(struct ctl *ctl, int fam, RTM_ROUTE_HANDLE route,
                         struct ctl_route_desc *out)
{
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[RTMCTL_MAX_HOPS]; /* NextHops[] continues here */
    } r;
    RTM_ROUTE_INFO *info = &r.info; /* NextHops[] through a pointer: it goes
                                       on in room */
    RTM_ENTITY_HANDLE reader = ctl->reader[fam];
    RTM_ENTITY_INFO owner;
    DWORD status;

    memset(out, 0, sizeof *out);
    status = RtmGetRouteInfo(reader, route, info, &out->dest);
    if (status != NO_ERROR)
        return status;
    status = RtmGetEntityInfo(reader, info->RouteOwner, &owner);
    if (status == NO_ERROR) {
        out->entity = owner.EntityId.EntityProtocolId;
        RtmReleaseEntityInfo(reader, &owner);
    }
    out->pref = info->PrefInfo.Preference;
    out->metric = info->PrefInfo.Metric;
    out->flags = info->Flags;
    out->views = info->BelongsToViews;
    out->as = info->EntitySpecificInfo;
    for (UINT i = 0; status == NO_ERROR && i < info->NextHopsList.NumNextHops; i++) {
        RTM_NEXTHOP_INFO hop;
        if (i >= RTMCTL_MAX_HOPS)
            break;
        status = RtmGetNextHopInfo(reader, info->NextHopsList.NextHops[i], &hop);
        if (status == NO_ERROR) {
            out->hops[out->hop_count].addr = hop.NextHopAddress;
            out->hops[out->hop_count++].ifindex = hop.InterfaceIndex;
            RtmReleaseNextHopInfo(reader, &hop);
        }
    }
    RtmReleaseRouteInfo(reader, info);
    return status;
}

const char *ctl_hops_text(const struct ctl *ctl, const struct ctl_route_desc *route, char *buf,
                          size_t size)
{
    size_t len = 0;

    buf[0] = '\0';
    if (route->flags & RTM_ROUTE_FLAGS_BLACKHOLE)
        return snprintf(buf, size, "blackhole"), buf;
    if (route->flags & RTM_ROUTE_FLAGS_DISCARD)
        return snprintf(buf, size, "unreachable"), buf;
    if (route->flags & RTM_ROUTE_FLAGS_MYSELF)
        len += (size_t)snprintf(buf, size, "local ");
    for (UINT i = 0; i < route->hop_count && len < size; i++) {
        const struct ctl_hop_desc *hop = &route->hops[i];
        const char *dev = ctl_ifname(&ctl->ifnames, hop->ifindex);
        char addr[RTMCTL_ADDR_TEXT];

        if (i > 0)
            len += (size_t)snprintf(buf + len, size - len, ", ");
        if (len >= size)
            break;
        if (!ctl_is_unspecified(&hop->addr))
            len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                    ctl_format_address(&hop->addr, addr), dev ? " " : "");
        else if (!dev)
            len += (size_t)snprintf(buf + len, size - len, "on-link");
        if (dev && len < size)
            len += (size_t)snprintf(buf + len, size - len, "dev %s", dev);
    }
    if (!route->hop_count && len == 0)
        snprintf(buf, size, "-");
    return buf;
}

const char *ctl_route_summary(const struct ctl *ctl, const struct ctl_route_desc *route, char *buf,
                              size_t size)
{
    char hops[160], label[RTMCTL_LABEL_MAX];

    snprintf(buf, size, "%s [%s]", ctl_hops_text(ctl, route, hops, sizeof hops),
             ctl_entity_label(ctl, route->entity, label));
    return buf;
}

const char *ctl_as_text(const struct ctl_asname *as, char *buf, size_t size)
{
    if (!as)
        buf[0] = '\0';
    else
        snprintf(buf, size, "AS%u%s%s", (unsigned)as->asn, *as->org ? " " : "", as->org);
    return buf;
}
