/*
 * show.c - "show dests|routes|nexthops [PREFIX] [limit N]" and
 * "show entities": the table as aligned columns ("show v1 ...": v1_show.c). A PREFIX selects it and
 * the prefixes it covers (in its family); "limit N" prints the first N
 * rows and counts the rest.
 */
#include "columns.h"
#include "commands.h"
#include "describe.h"
#include "entity_opts.h"
#include "v1.h"
#include "walk.h"

#include <stdio.h>
#include <string.h>

/* What a show command lists, and how far. */
struct listing {
    const RTM_NET_ADDRESS *range; /* NULL: everything */
    int has_limit;
    ULONG limit;
    unsigned long count; /* items seen */
    struct ctl_table table;
    const char *what; /* "destinations", "routes", "next hops" */
    const char *command;
    struct ctl_entity *entity; /* show nexthops: whose */
    DWORD error;
};

/* Nonzero if another row may be added (and counts the item). */
static int take(struct listing *l)
{
    return ++l->count <= l->limit || !l->has_limit;
}

static void finish(struct listing *l)
{
    ctl_table_print(&l->table, "");
    if (l->has_limit && l->count > l->limit)
        printf("%u of %lu %s shown (limit %u)\n", (unsigned)l->limit, l->count, l->what,
               (unsigned)l->limit);
    else
        printf("%lu %s\n", l->count, l->what);
}

/* ---- destinations ------------------------------------------------------ */

static void add_best(struct ctl *ctl, int fam, struct listing *l, RTM_ROUTE_HANDLE route)
{
    struct ctl_route_desc desc;
    char text[200];
    DWORD status;

    if (!route) {
        ctl_table_add(&l->table, "-");
        return;
    }
    status = ctl_describe_route(ctl, fam, route, &desc);
    if (status != NO_ERROR)
        l->error = status;
    ctl_table_add(&l->table, "%s",
                  status == NO_ERROR ? ctl_route_summary(ctl, &desc, text, sizeof text) : "?");
}

static int dest_row(struct ctl *ctl, int fam, const RTM_DEST_INFO *dest, void *arg)
{
    struct listing *l = arg;
    char prefix[RTMCTL_ADDR_TEXT];

    if (!take(l))
        return 0;
    ctl_table_add(&l->table, "%s", ctl_format_prefix(&dest->DestAddress, prefix));
    ctl_table_add(&l->table, "%u/%u", (unsigned)dest->ViewInfo[0].NumRoutes,
                  (unsigned)dest->ViewInfo[1].NumRoutes);
    add_best(ctl, fam, l, dest->ViewInfo[0].Route);
    add_best(ctl, fam, l, dest->ViewInfo[1].Route);
    return 0;
}

/* ---- routes ------------------------------------------------------------ */

/* A route's views, each followed by '*' where it is the best route:
 * "ucast* mcast". */
static const char *views_text(RTM_VIEW_SET views, RTM_VIEW_SET best, char *buf)
{
    size_t len = 0;

    buf[0] = '\0';
    if (views & RTM_VIEW_MASK_UCAST)
        len += (size_t)sprintf(buf, "ucast%s", best & RTM_VIEW_MASK_UCAST ? "*" : "");
    if (views & RTM_VIEW_MASK_MCAST)
        sprintf(buf + len, "%smcast%s", len ? " " : "", best & RTM_VIEW_MASK_MCAST ? "*" : "");
    return buf;
}

static int route_row(struct ctl *ctl, int fam, HANDLE route, void *arg)
{
    struct listing *l = arg;
    struct ctl_route_desc desc;
    RTM_VIEW_SET best = 0;
    char prefix[RTMCTL_ADDR_TEXT], label[RTMCTL_LABEL_MAX], hops[200], as[RTMCTL_ORG_MAX + 16];
    char views[16];

    if (!take(l))
        return 0;
    l->error = ctl_describe_route(ctl, fam, route, &desc);
    if (l->error == NO_ERROR)
        l->error = RtmIsBestRoute(ctl->reader[fam], route, &best);
    if (l->error != NO_ERROR)
        return 1;
    ctl_table_add(&l->table, "%s", ctl_format_prefix(&desc.dest, prefix));
    ctl_table_add(&l->table, "%s", ctl_entity_label(ctl, desc.entity, label));
    ctl_table_add(&l->table, "%u", (unsigned)desc.pref);
    ctl_table_add(&l->table, "%u", (unsigned)desc.metric);
    ctl_table_add(&l->table, "%s", views_text(desc.views, best, views));
    ctl_table_add(&l->table, "%s", ctl_hops_text(ctl, &desc, hops, sizeof hops));
    ctl_table_add(&l->table, "%s", ctl_as_text(desc.as, as, sizeof as));
    return 0;
}

/* ---- next hops --------------------------------------------------------- */

static int nexthop_row(struct ctl *ctl, int fam, HANDLE handle, void *arg)
{
    struct listing *l = arg;
    RTM_NEXTHOP_INFO hop;
    char addr[RTMCTL_ADDR_TEXT], label[RTMCTL_LABEL_MAX], as[RTMCTL_ORG_MAX + 16];
    const char *dev;

    if (!take(l))
        return 0;
    l->error = RtmGetNextHopInfo(l->entity->reg[fam], handle, &hop);
    if (l->error != NO_ERROR)
        return 1;
    dev = ctl_ifname(&ctl->ifnames, hop.InterfaceIndex);
    ctl_table_add(&l->table, "%s",
                  ctl_is_unspecified(&hop.NextHopAddress)
                      ? "on-link"
                      : ctl_format_address(&hop.NextHopAddress, addr));
    ctl_table_add(&l->table, "%s", dev ? dev : "-");
    ctl_table_add(&l->table, "%s", ctl_entity_label(ctl, l->entity->id, label));
    ctl_table_add(&l->table, "%s", ctl_as_text(hop.EntitySpecificInfo, as, sizeof as));
    RtmReleaseNextHopInfo(l->entity->reg[fam], &hop);
    return 0;
}

/* ---- entities ---------------------------------------------------------- */

static int count_item(struct ctl *ctl, int fam, HANDLE handle, void *arg)
{
    (void)ctl, (void)fam, (void)handle;
    ++*(unsigned long *)arg;
    return 0;
}

static int show_entities(struct ctl *ctl)
{
    char spec[] =
        "Id|Name|>Pref|Views|Format|>IPv4 routes|>IPv6 routes|>Next hops|>Load time|Files";
    struct ctl_table t;
    unsigned long count = 0;
    DWORD status = NO_ERROR;

    ctl_table_init(&t, spec);
    for (struct ctl_entity *e = ctl->entities; e; e = e->next) {
        unsigned long routes[RTMCTL_FAMILIES] = { 0, 0 };
        char views[16];

        if (e->deleted)
            continue;
        for (int fam = 0; fam < RTMCTL_FAMILIES && status == NO_ERROR; fam++) {
            if (!e->reg[fam])
                continue;
            status = ctl_walk_routes(ctl, fam, e->reg[fam], 1, NULL, count_item, &routes[fam]);
        }
        count++;
        ctl_table_add(&t, "%u", (unsigned)e->id);
        ctl_table_add(&t, "%s", e->name);
        ctl_table_add(&t, "%u", (unsigned)e->pref);
        ctl_table_add(&t, "%s", ctl_views_text(e->views, views));
        ctl_table_add(&t, "%s", e->format == RTMCTL_FORMAT_AUTO ? "-" : ctl_format_name(e->format));
        ctl_table_add(&t, "%lu", routes[RTMCTL_IPV4]);
        ctl_table_add(&t, "%lu", routes[RTMCTL_IPV6]);
        ctl_table_add(&t, "%lu", e->nexthops[RTMCTL_IPV4] + e->nexthops[RTMCTL_IPV6]);
        ctl_table_add(&t, "%.2f s", e->load_seconds);
        ctl_table_add(&t, "%s", *e->source ? e->source : "-");
    }
    ctl_table_print(&t, "");
    printf("%lu entities\n", count);
    if (status != NO_ERROR) {
        char err[64];
        ctl_error(ctl, "show entities: %s", ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}

/* ---- the command ------------------------------------------------------- */

/* Parses "[PREFIX] [limit N]" from argv[2] on. Returns RTMCTL_OK or
 * RTMCTL_USAGE. */
static int parse_listing(struct ctl *ctl, int argc, char **argv, RTM_NET_ADDRESS *prefix,
                         struct listing *l)
{
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "limit") && i + 1 < argc) {
            if (ctl_arg_number(ctl, l->command, "limit", argv[++i], 4294967295ul, &l->limit))
                return RTMCTL_USAGE;
            l->has_limit = 1;
        } else if (!l->range && ctl_parse_prefix(argv[i], prefix) == RTMCTL_ADDR_OK) {
            l->range = prefix;
        } else {
            ctl_error(ctl, "%s: '%s' is not a prefix or 'limit N'", l->command, argv[i]);
            return RTMCTL_USAGE;
        }
    }
    return RTMCTL_OK;
}

int ctl_cmd_show(struct ctl *ctl, int argc, char **argv)
{
    struct listing l;
    RTM_NET_ADDRESS prefix;
    char command[32], specs[3][96] = {
        "Destination|>Routes u/m|Best unicast route|Best multicast route",
        "Prefix|Entity|>Pref|>Metric|Views (*best)|Next hop|Info",
        "Next hop|Interface|Entity|Info",
    };
    static const char *const what[] = { "destinations", "routes", "next hops" };
    int kind = -1;

    if (argc >= 2 && !strcmp(argv[1], "v1"))
        return ctl_v1_show(ctl, argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "entities")) {
        if (argc == 2)
            return show_entities(ctl);
        ctl_error(ctl, "show entities: no arguments expected");
        return RTMCTL_USAGE;
    }
    for (int k = 0; argc >= 2 && k < 3; k++)
        if (!strcmp(argv[1], k == 0 ? "dests" : k == 1 ? "routes" : "nexthops"))
            kind = k;
    if (kind < 0) {
        ctl_error(ctl, "show: show dests|routes|nexthops [PREFIX] [limit N] | show entities");
        return RTMCTL_USAGE;
    }
    memset(&l, 0, sizeof l);
    snprintf(command, sizeof command, "show %s", argv[1]);
    l.command = command;
    l.what = what[kind];
    if (parse_listing(ctl, argc, argv, &prefix, &l) != RTMCTL_OK)
        return RTMCTL_USAGE;
    ctl_table_init(&l.table, specs[kind]);
    for (int fam = 0; fam < RTMCTL_FAMILIES && l.error == NO_ERROR; fam++) {
        if (l.range && ctl_family_of(l.range) != fam)
            continue;
        if (kind == 0)
            l.error = ctl_walk_dests(ctl, fam, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST, l.range,
                                     dest_row, &l);
        else if (kind == 1)
            l.error = ctl_walk_routes(ctl, fam, ctl->reader[fam], 0, l.range, route_row, &l);
        else
            for (l.entity = ctl->entities; l.entity && l.error == NO_ERROR;
                 l.entity = l.entity->next)
                if (l.entity->reg[fam])
                    l.error =
                        ctl_walk_nexthops(ctl, fam, l.entity->reg[fam], l.range, nexthop_row, &l);
    }
    finish(&l);
    if (l.error != NO_ERROR) {
        char err[64];
        ctl_error(ctl, "%s: %s", command, ctl_error_name(l.error, err));
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}
