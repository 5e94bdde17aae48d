/*
 * change.c - changing the table by hand:
 *   add route --proto ID [--pref N] [--view V] [--name NAME] ROUTE
 *       ROUTE in `ip route` syntax ("10.0.0.0/8 via 192.0.2.1 metric 5");
 *       the entity is created when new (named "static")
 *   delete route PREFIX [--proto ID]
 *       that entity's routes to exactly PREFIX (all entities' without
 *       --proto), as the owner deletes them (RtmDeleteRouteToDest)
 *   delete entity ID
 *       deregisters the entity (RtmDeregisterEntity), which deletes all of
 *       its routes and next hops
 *   add v1 ..., delete v1 ...
 *       RTMv1's routes (v1.c)
 */
#include "commands.h"
#include "entity_opts.h"
#include "insert.h"
#include "v1.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ctl_cmd_add(struct ctl *ctl, int argc, char **argv)
{
    struct ctl_entity_opts opts;
    struct ctl_entity *e;
    struct ctl_insert ins;
    struct ctl_line *line;
    char text[1024] = "", error[RTMCTL_ERROR_MAX], prefix[RTMCTL_ADDR_TEXT];
    int i = 2, result;

    if (argc >= 2 && !strcmp(argv[1], "v1"))
        return ctl_v1_add(ctl, argc, argv);
    ctl_entity_opts_init(&opts);
    if (argc < 2 || strcmp(argv[1], "route")) {
        ctl_error(ctl, "add: add route --proto ID [OPTIONS] ROUTE");
        return RTMCTL_USAGE;
    }
    if (ctl_entity_opts_parse(ctl, "add route", argc, argv, &i, 0, &opts) != RTMCTL_OK)
        return RTMCTL_USAGE;
    if (!opts.has_id || i == argc) {
        ctl_error(ctl, "add route: %s (add route --proto ID [OPTIONS] ROUTE)",
                  opts.has_id ? "which route?" : "--proto ID is required");
        return RTMCTL_USAGE;
    }
    for (; i < argc; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s", *text ? " " : "",
                 argv[i]);
    line = malloc(sizeof *line);
    if (!line) {
        ctl_error(ctl, "add route: out of memory");
        return RTMCTL_FAILED;
    }
    if (ctl_parse_line(RTMCTL_FORMAT_IPROUTE, text, RTMCTL_IPV4, line) != RTMCTL_LINE_ROUTE) {
        ctl_error(ctl, "add route: %s", *line->error ? line->error : "not a route");
        free(line);
        return RTMCTL_USAGE;
    }
    e = ctl_entity_open(ctl, "add route", &opts, "static");
    if (!e) {
        free(line);
        return RTMCTL_FAILED;
    }
    ctl_insert_begin(&ins, ctl, e);
    result = ctl_insert_line(&ins, line, error);
    ctl_insert_end(&ins);
    if (result != RTMCTL_OK)
        ctl_error(ctl, "add route: %s", error);
    else
        printf("%s %s, entity %u %s\n", ins.added ? "added" : "replaced",
               ctl_format_prefix(&line->prefixes[0], prefix), (unsigned)e->id, e->name);
    free(line);
    return result;
}

/* Deletes e's routes to exactly prefix; adds their number to *count. */
static DWORD delete_routes(struct ctl_entity *e, RTM_NET_ADDRESS *prefix, unsigned long *count)
{
    RTM_ENTITY_HANDLE reg = e->reg[ctl_family_of(prefix)];
    struct {
        RTM_ROUTE_INFO info;
        RTM_NEXTHOP_HANDLE room[RTMCTL_MAX_HOPS];
    } criteria;
    DWORD status = NO_ERROR;

    while (reg && status == NO_ERROR) {
        RTM_ROUTE_HANDLE route = NULL;

        memset(&criteria, 0, sizeof criteria);
        criteria.info.RouteOwner = reg;
        status = RtmGetExactMatchRoute(reg, prefix, RTM_MATCH_OWNER, &criteria.info, 0,
                                       RTM_VIEW_MASK_ANY, &route);
        if (status != NO_ERROR)
            break;
        RtmReleaseRouteInfo(reg, &criteria.info);
        status = RtmDeleteRouteToDest(reg, route, NULL);
        if (status == NO_ERROR)
            ++*count;
    }
    return status == ERROR_NOT_FOUND ? NO_ERROR : status;
}

static int delete_route(struct ctl *ctl, int argc, char **argv)
{
    struct ctl_entity_opts opts;
    RTM_NET_ADDRESS prefix;
    unsigned long count = 0;
    DWORD status = NO_ERROR;
    char text[RTMCTL_ADDR_TEXT], err[64];
    int i = 3;

    ctl_entity_opts_init(&opts);
    if (argc < 3 || ctl_parse_prefix(argv[2], &prefix) != RTMCTL_ADDR_OK) {
        ctl_error(ctl, "delete route: %s is not a prefix (delete route PREFIX [--proto ID])",
                  argc < 3 ? "nothing" : argv[2]);
        return RTMCTL_USAGE;
    }
    if (ctl_entity_opts_parse(ctl, "delete route", argc, argv, &i, 0, &opts) != RTMCTL_OK)
        return RTMCTL_USAGE;
    if (i < argc || opts.has_pref || opts.has_views || *opts.name) {
        ctl_error(ctl, "delete route: delete route PREFIX [--proto ID]");
        return RTMCTL_USAGE;
    }
    if (opts.has_id && !ctl_entity_find(ctl, opts.id)) {
        ctl_error(ctl, "delete route: no entity %u", (unsigned)opts.id);
        return RTMCTL_FAILED;
    }
    for (struct ctl_entity *e = ctl->entities; e && status == NO_ERROR; e = e->next)
        if (!e->deleted && (!opts.has_id || e->id == opts.id))
            status = delete_routes(e, &prefix, &count);
    if (status != NO_ERROR) {
        ctl_error(ctl, "delete route: %s", ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    if (!count) {
        ctl_error(ctl, "delete route: no route to %s%s", ctl_format_prefix(&prefix, text),
                  opts.has_id ? " of that entity" : "");
        return RTMCTL_FAILED;
    }
    printf("deleted %lu route%s to %s\n", count, count == 1 ? "" : "s",
           ctl_format_prefix(&prefix, text));
    return RTMCTL_OK;
}

static int delete_entity(struct ctl *ctl, int argc, char **argv)
{
    struct ctl_entity *e;
    ULONG id;

    if (argc != 3) {
        ctl_error(ctl, "delete entity: delete entity ID");
        return RTMCTL_USAGE;
    }
    if (ctl_arg_number(ctl, "delete entity", "entity", argv[2], 4294967294ul, &id) != 0)
        return RTMCTL_USAGE;
    e = ctl_entity_find(ctl, id);
    if (!e) {
        ctl_error(ctl, "delete entity: no entity %u", (unsigned)id);
        return RTMCTL_FAILED;
    }
    if (ctl_entity_delete(ctl, e) != RTMCTL_OK)
        return RTMCTL_FAILED;
    printf("deleted entity %u %s (deregistered: its routes and next hops are gone)\n",
           (unsigned)e->id, e->name);
    return RTMCTL_OK;
}

int ctl_cmd_delete(struct ctl *ctl, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "route"))
        return delete_route(ctl, argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "entity"))
        return delete_entity(ctl, argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "v1"))
        return ctl_v1_delete(ctl, argc, argv);
    ctl_error(ctl, "delete: delete route PREFIX [--proto ID] | delete entity ID");
    return RTMCTL_USAGE;
}
