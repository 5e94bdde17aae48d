/*
 * describe.h - what show, lookup and the change watch print about a route:
 * its values read through the API (RtmGetRouteInfo, RtmGetEntityInfo,
 * RtmGetNextHopInfo) into a plain structure, and its text.
 */
#ifndef RTMCTL_DESCRIBE_H
#define RTMCTL_DESCRIBE_H

#include "ctl.h"

struct ctl_hop_desc {
    RTM_NET_ADDRESS addr;
    ULONG ifindex;
};

struct ctl_route_desc {
    RTM_NET_ADDRESS dest; /* its destination's prefix */
    ULONG entity;         /* the owner's protocol id */
    ULONG pref, metric;
    USHORT flags; /* RTM_ROUTE_FLAGS_* */
    RTM_VIEW_SET views;
    UINT hop_count;
    struct ctl_hop_desc hops[RTMCTL_MAX_HOPS];
    const struct ctl_asname *as; /* EntitySpecificInfo: set by rtmctl for
                                    routes from the ASN CSV, else NULL */
};

/* Reads a route of family fam's table (any entity's) into *out (zeroed
 * first). Returns NO_ERROR or the API's error. */
DWORD ctl_describe_route(struct ctl *ctl, int fam, RTM_ROUTE_HANDLE route,
                         struct ctl_route_desc *out);

/* The route's next hops as text ("192.0.2.1 dev eth0, 192.0.2.2",
 * "dev eth0", "on-link", "blackhole", "unreachable"; "local ..." for a
 * local address) in buf (size bytes). */
const char *ctl_hops_text(const struct ctl *ctl, const struct ctl_route_desc *route, char *buf,
                          size_t size);

/* "HOPS [ID NAME]": the next hops and the owner, in buf (size bytes). */
const char *ctl_route_summary(const struct ctl *ctl, const struct ctl_route_desc *route, char *buf,
                              size_t size);

/* "AS13335 Cloudflare, Inc." for an AS record, "" for NULL, in buf (size
 * bytes). */
const char *ctl_as_text(const struct ctl_asname *as, char *buf, size_t size);

#endif /* RTMCTL_DESCRIBE_H */
