/*
 * v1_show.c - "show v1 ip|ipx [limit N]" (v1.h): every route of an RTMv1
 * table, in the order an enumeration gives them (network, protocol,
 * interface, next hop), '*' marking each network's best route.
 */
#include "columns.h"
#include "v1.h"

#include <stdio.h>
#include <string.h>

/* Whether two routes of a network are the same route: protocol, interface
 * and next hop. */
static int same_route(int family, const union ctl_v1_route *a, const union ctl_v1_route *b)
{
    if (a->ip.RR_RoutingProtocol != b->ip.RR_RoutingProtocol ||
        a->ip.RR_InterfaceID != b->ip.RR_InterfaceID)
        return 0;
    if (family == RTM_PROTOCOL_FAMILY_IPX)
        return !memcmp(a->ipx.RR_NextHopAddress.NHA_Mac, b->ipx.RR_NextHopAddress.NHA_Mac, 6);
    return a->ip.RR_NextHopAddress.N_NetNumber == b->ip.RR_NextHopAddress.N_NetNumber;
}

/* One row: network, next hop, interface, protocol, metric(s), best. */
static void add_row(struct ctl *ctl, int family, struct ctl_table *t, union ctl_v1_route *r)
{
    union ctl_v1_route best;
    char text[64];
    const char *dev = ctl_ifname(&ctl->ifnames, r->ip.RR_InterfaceID);

    ctl_table_add(t, "%s", ctl_v1_network_text(family, r, text));
    ctl_table_add(t, "%s", ctl_v1_nexthop_text(family, r, text));
    if (dev || !r->ip.RR_InterfaceID)
        ctl_table_add(t, "%s", dev ? dev : "-");
    else
        ctl_table_add(t, "%u", (unsigned)r->ip.RR_InterfaceID); /* not rtmctl's */
    ctl_table_add(t, "%u", (unsigned)r->ip.RR_RoutingProtocol);
    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        ctl_table_add(t, "%u", (unsigned)r->ipx.RR_FamilySpecificData.FSD_TickCount);
        ctl_table_add(t, "%u", (unsigned)r->ipx.RR_FamilySpecificData.FSD_HopCount);
    } else {
        ctl_table_add(t, "%u", (unsigned)r->ip.RR_FamilySpecificData.FSD_Metric);
    }
    ctl_table_add(t, "%s",
                  RtmIsRoute((DWORD)family, &r->ip.RR_Network, &best) &&
                          same_route(family, r, &best)
                      ? "*"
                      : "");
}

int ctl_v1_show(struct ctl *ctl, int argc, char **argv)
{
    char specs[2][64] = { "Network|Next hop|Interface|>Proto|>Ticks|>Hops|Best",
                          "Network|Next hop|Interface|>Proto|>Metric|Best" };
    int family = argc >= 3 ? ctl_v1_family(argv[2]) : -1, has_limit = argc == 5;
    unsigned long count = 0, networks;
    ULONG limit = 0;
    struct ctl_table t;
    union ctl_v1_route r;
    HANDLE e;
    DWORD status;
    char err[64];

    if (family < 0 || (argc != 3 && (argc != 5 || strcmp(argv[3], "limit")))) {
        ctl_error(ctl, "show v1: show v1 ip|ipx [limit N]");
        return RTMCTL_USAGE;
    }
    if (has_limit && ctl_arg_number(ctl, "show v1", "limit", argv[4], 4294967295ul, &limit))
        return RTMCTL_USAGE;
    e = RtmCreateEnumerationHandle((DWORD)family, 0, NULL);
    if (!e) {
        ctl_error(ctl, "show v1: RtmCreateEnumerationHandle: %s",
                  ctl_error_name(GetLastError(), err));
        return RTMCTL_FAILED;
    }
    ctl_table_init(&t, specs[family == RTM_PROTOCOL_FAMILY_IP]);
    while ((status = RtmEnumerateGetNextRoute(e, &r)) == NO_ERROR)
        if (++count <= limit || !has_limit)
            add_row(ctl, family, &t, &r);
    RtmCloseEnumerationHandle(e);
    ctl_table_print(&t, "");
    networks = RtmGetNetworkCount((DWORD)family);
    if (has_limit && count > limit)
        printf("%u of %lu routes shown (limit %u)", (unsigned)limit, count, (unsigned)limit);
    else
        printf("%lu route%s", count, count == 1 ? "" : "s");
    printf(" to %lu network%s\n", networks, networks == 1 ? "" : "s");
    if (status != ERROR_NO_MORE_ROUTES) {
        ctl_error(ctl, "show v1: RtmEnumerateGetNextRoute: %s", ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}
