/*
 * lookup.c - "lookup ADDR...": for each address and view (unicast, then
 * multicast), the most specific destination with a route in that view
 * (RtmGetMostSpecificDestination), its best route in it and the route's
 * next hops: what the router would forward by.
 */
#include "columns.h"
#include "commands.h"
#include "describe.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    RTM_VIEW_SET mask;
    const char *name;
} views[] = {
    { RTM_VIEW_MASK_UCAST, "ucast" },
    { RTM_VIEW_MASK_MCAST, "mcast" },
};

/* Adds the row of one address in one view. */
static DWORD lookup_view(struct ctl *ctl, const RTM_NET_ADDRESS *addr, int v, int first,
                         RTM_DEST_INFO *info, struct ctl_table *t)
{
    int fam = ctl_family_of(addr);
    RTM_NET_ADDRESS a = *addr;
    struct ctl_route_desc desc;
    char text[RTMCTL_ADDR_TEXT], label[RTMCTL_LABEL_MAX], hops[200], as[RTMCTL_ORG_MAX + 16];
    DWORD status;

    ctl_table_add(t, "%s", first ? ctl_format_address(addr, text) : "");
    ctl_table_add(t, "%s", views[v].name);
    status =
        RtmGetMostSpecificDestination(ctl->reader[fam], &a, RTM_BEST_PROTOCOL, views[v].mask, info);
    if (status != NO_ERROR) {
        if (status == ERROR_NOT_FOUND)
            ctl_table_add(t, "no route");
        ctl_table_end_row(t);
        return status == ERROR_NOT_FOUND ? NO_ERROR : status;
    }
    status = ctl_describe_route(ctl, fam, info->ViewInfo[0].Route, &desc);
    if (status == NO_ERROR) {
        ctl_table_add(t, "%s", ctl_format_prefix(&info->DestAddress, text));
        ctl_table_add(t, "%u", (unsigned)info->ViewInfo[0].NumRoutes);
        ctl_table_add(t, "%s", ctl_entity_label(ctl, desc.entity, label));
        ctl_table_add(t, "%u", (unsigned)desc.pref);
        ctl_table_add(t, "%u", (unsigned)desc.metric);
        ctl_table_add(t, "%s", ctl_hops_text(ctl, &desc, hops, sizeof hops));
        ctl_table_add(t, "%s", ctl_as_text(desc.as, as, sizeof as));
    }
    ctl_table_end_row(t);
    RtmReleaseDestInfo(ctl->reader[fam], info);
    return status;
}

int ctl_cmd_lookup(struct ctl *ctl, int argc, char **argv)
{
    char spec[] = "Address|View|Destination|>Routes|Entity|>Pref|>Metric|Next hop|Info";
    RTM_DEST_INFO *info = malloc(RTM_SIZE_OF_DEST_INFO(2));
    struct ctl_table t;
    DWORD status = NO_ERROR;
    int result = RTMCTL_OK;

    if (argc < 2) {
        ctl_error(ctl, "lookup: which address? (lookup ADDR...)");
        free(info);
        return RTMCTL_USAGE;
    }
    if (!info) {
        ctl_error(ctl, "lookup: out of memory");
        return RTMCTL_FAILED;
    }
    ctl_table_init(&t, spec);
    for (int i = 1; i < argc && status == NO_ERROR; i++) {
        RTM_NET_ADDRESS addr;
        if (ctl_parse_address(argv[i], &addr) != 0) {
            ctl_error(ctl, "lookup: '%s' is not an IPv4 or IPv6 address", argv[i]);
            result = RTMCTL_USAGE;
            continue;
        }
        for (int v = 0; v < 2 && status == NO_ERROR; v++)
            status = lookup_view(ctl, &addr, v, v == 0, info, &t);
    }
    ctl_table_print(&t, "");
    free(info);
    if (status != NO_ERROR) {
        char err[64];
        ctl_error(ctl, "lookup: RtmGetMostSpecificDestination: %s", ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    return result;
}
