/*
 * notify.c - "watch [ucast|mcast]" and "changes [limit N]": best-route
 * changes through change notification.
 *
 * watch registers the reader entity of each family for
 * RTM_CHANGE_TYPE_BEST changes of one view
 * (RtmRegisterForChangeNotification), then notes the best route of every
 * destination of that view. changes reads the destinations queued since
 * (RtmGetChangedDests, RtmReleaseChangedDests): each one's best route now
 * is compared with the one noted, and the differences are printed in
 * prefix order — moved to another entity, changed (same entity, other next
 * hops, metric or flags), new, withdrawn — with the total of each kind. A
 * protocol would read them when its callback gets RTM_CHANGE_NOTIFICATION;
 * rtmctl reads them when asked, which keeps its output in order.
 */
#include "notify.h"
#include "columns.h"
#include "commands.h"
#include "describe.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Changed destinations read per RtmGetChangedDests call. */
#define BATCH 64

/* A best route as noted: what the change list shows of it. */
struct ctl_best {
    RTM_NET_ADDRESS dest; /* key */
    ULONG entity, pref, metric;
    USHORT flags;
    USHORT hop_count;
    struct ctl_hop_desc hop; /* the first next hop */
    const struct ctl_asname *as;
};

enum change_kind { MOVED, CHANGED, NEW, WITHDRAWN, KINDS };
static const char *const kind_names[KINDS] = { "moved", "changed", "new", "withdrawn" };

struct change {
    enum change_kind kind;
    struct ctl_best was, now; /* was: unset for NEW, now: for WITHDRAWN */
};

struct change_list {
    struct change *items;
    size_t count, size;
    unsigned long kinds[KINDS];
};

static void to_best(const RTM_NET_ADDRESS *dest, const struct ctl_route_desc *desc,
                    struct ctl_best *out)
{
    memset(out, 0, sizeof *out);
    out->dest = *dest;
    out->entity = desc->entity;
    out->pref = desc->pref;
    out->metric = desc->metric;
    out->flags = desc->flags;
    out->hop_count = (USHORT)desc->hop_count;
    if (desc->hop_count)
        out->hop = desc->hops[0];
    out->as = desc->as;
}

/* Nonzero if two noted best routes are the same. */
static int same_best(const struct ctl_best *a, const struct ctl_best *b)
{
    return a->entity == b->entity && a->pref == b->pref && a->metric == b->metric &&
           a->flags == b->flags && a->hop_count == b->hop_count && a->as == b->as &&
           a->hop.ifindex == b->hop.ifindex &&
           !memcmp(&a->hop.addr, &b->hop.addr, sizeof a->hop.addr);
}

/* "HOPS [ENTITY] AS..." of a noted best route (its first next hop, and how
 * many more it has), with its metric if with_metric. */
static const char *best_text(struct ctl *ctl, const struct ctl_best *best, int with_metric,
                             char *buf, size_t size)
{
    struct ctl_route_desc desc;
    char hops[160], more[24] = "", metric[24] = "", label[RTMCTL_LABEL_MAX];
    char as[RTMCTL_ORG_MAX + 16];

    memset(&desc, 0, sizeof desc);
    desc.flags = best->flags;
    desc.hop_count = best->hop_count ? 1 : 0;
    desc.hops[0] = best->hop;
    if (best->hop_count > 1)
        snprintf(more, sizeof more, " +%u more", (unsigned)best->hop_count - 1);
    if (with_metric)
        snprintf(metric, sizeof metric, " metric %u", (unsigned)best->metric);
    snprintf(buf, size, "%s%s [%s]%s%s%s", ctl_hops_text(ctl, &desc, hops, sizeof hops), more,
             ctl_entity_label(ctl, best->entity, label), metric, best->as ? " " : "",
             ctl_as_text(best->as, as, sizeof as));
    return buf;
}

void ctl_watch_init(struct ctl_watch *watch)
{
    memset(watch, 0, sizeof *watch);
    ctl_map_init(&watch->best, sizeof(RTM_NET_ADDRESS));
}

void ctl_watch_end(struct ctl *ctl)
{
    struct ctl_watch *w = &ctl->watch;

    for (int fam = 0; fam < RTMCTL_FAMILIES; fam++)
        if (w->handle[fam])
            RtmDeregisterFromChangeNotification(ctl->reader[fam], w->handle[fam]);
    ctl_map_clear(&w->best, free);
    ctl_watch_init(w);
}

/* Notes (or forgets, when route is NULL) the best route of dest. Returns
 * NO_ERROR or an error. */
static DWORD note_best(struct ctl *ctl, int fam, const RTM_NET_ADDRESS *dest,
                       RTM_ROUTE_HANDLE route, struct ctl_best **noted)
{
    struct ctl_best *rec = ctl_map_remove(&ctl->watch.best, dest);
    struct ctl_route_desc desc;
    DWORD status;

    free(rec);
    *noted = NULL;
    if (!route)
        return NO_ERROR;
    status = ctl_describe_route(ctl, fam, route, &desc);
    if (status != NO_ERROR)
        return status;
    rec = malloc(sizeof *rec);
    if (!rec)
        return ERROR_NOT_ENOUGH_MEMORY;
    to_best(dest, &desc, rec);
    if (ctl_map_insert(&ctl->watch.best, rec) != 0) {
        free(rec);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *noted = rec;
    return NO_ERROR;
}

static int snapshot_dest(struct ctl *ctl, int fam, const RTM_DEST_INFO *dest, void *arg)
{
    struct ctl_best *noted;
    DWORD *status = arg;

    *status = note_best(ctl, fam, &dest->DestAddress, dest->ViewInfo[0].Route, &noted);
    return *status != NO_ERROR;
}

int ctl_cmd_watch(struct ctl *ctl, int argc, char **argv)
{
    struct ctl_watch *w = &ctl->watch;
    RTM_VIEW_SET view = RTM_VIEW_MASK_UCAST;
    DWORD status = NO_ERROR, walk;
    char err[64];

    if (argc > 2 || (argc == 2 && strcmp(argv[1], "ucast") && strcmp(argv[1], "mcast"))) {
        ctl_error(ctl, "watch: watch [ucast|mcast]");
        return RTMCTL_USAGE;
    }
    if (argc == 2 && !strcmp(argv[1], "mcast"))
        view = RTM_VIEW_MASK_MCAST;
    if (w->active) {
        ctl_error(ctl, "watch: already watching");
        return RTMCTL_FAILED;
    }
    w->active = 1;
    w->view = view;
    for (int fam = 0; fam < RTMCTL_FAMILIES && status == NO_ERROR; fam++) {
        status = RtmRegisterForChangeNotification(ctl->reader[fam], view, RTM_CHANGE_TYPE_BEST,
                                                  NULL, &w->handle[fam]);
        if (status != NO_ERROR) {
            w->handle[fam] = NULL;
            ctl_error(ctl, "watch: RtmRegisterForChangeNotification: %s",
                      ctl_error_name(status, err));
            break;
        }
        walk = ctl_walk_dests(ctl, fam, view, NULL, snapshot_dest, &status);
        if (walk != NO_ERROR)
            status = walk;
        if (status != NO_ERROR)
            ctl_error(ctl, "watch: %s", ctl_error_name(status, err));
    }
    if (status != NO_ERROR) {
        ctl_watch_end(ctl);
        return RTMCTL_FAILED;
    }
    printf("watching best-route changes in the %s view (%lu destinations)\n",
           view == RTM_VIEW_MASK_UCAST ? "unicast" : "multicast", (unsigned long)w->best.count);
    return RTMCTL_OK;
}

/* Compares the destination's best route now with the one noted, notes the
 * new one and records the difference. */
static DWORD compare_dest(struct ctl *ctl, int fam, const RTM_DEST_INFO *dest,
                          struct change_list *list)
{
    RTM_ROUTE_HANDLE route = NULL;
    const struct ctl_best *old = ctl_map_find(&ctl->watch.best, &dest->DestAddress);
    struct ctl_best *now;
    struct change change;
    int had_old = old != NULL;
    DWORD status;

    memset(&change, 0, sizeof change);
    if (had_old)
        change.was = *old; /* note_best frees it */
    for (UINT v = 0; v < dest->NumberOfViews; v++)
        if ((RTM_VIEW_SET)1 << dest->ViewInfo[v].ViewId == ctl->watch.view)
            route = dest->ViewInfo[v].Route;
    status = note_best(ctl, fam, &dest->DestAddress, route, &now);
    if (status != NO_ERROR)
        return status;
    if (now)
        change.now = *now;
    if (had_old == !!now && (!now || same_best(&change.was, &change.now)))
        return NO_ERROR; /* changed and changed back */
    change.kind = !had_old                                 ? NEW
                  : !now                                   ? WITHDRAWN
                  : change.was.entity != change.now.entity ? MOVED
                                                           : CHANGED;
    if (list->count == list->size) {
        size_t size = list->size ? list->size * 2 : 256;
        struct change *items = realloc(list->items, size * sizeof *items);
        if (!items)
            return ERROR_NOT_ENOUGH_MEMORY;
        list->items = items;
        list->size = size;
    }
    list->items[list->count++] = change;
    list->kinds[change.kind]++;
    return NO_ERROR;
}

/* Reads every change queued for family fam. */
static DWORD read_changes(struct ctl *ctl, int fam, struct change_list *list)
{
    RTM_ENTITY_HANDLE reader = ctl->reader[fam];
    size_t stride = RTM_SIZE_OF_DEST_INFO(2);
    char *infos = malloc(stride * BATCH);
    DWORD status = NO_ERROR, failed = NO_ERROR;

    if (!infos)
        return ERROR_NOT_ENOUGH_MEMORY;
    while (status == NO_ERROR) {
        UINT n = BATCH;
        status = RtmGetChangedDests(reader, ctl->watch.handle[fam], &n, (PRTM_DEST_INFO)infos);
        if (status != NO_ERROR && status != ERROR_NO_MORE_ITEMS)
            break;
        for (UINT i = 0; i < n && failed == NO_ERROR; i++)
            failed = compare_dest(ctl, fam, (const RTM_DEST_INFO *)(infos + i * stride), list);
        if (n)
            RtmReleaseChangedDests(reader, ctl->watch.handle[fam], n, (PRTM_DEST_INFO)infos);
        if (failed != NO_ERROR)
            status = failed;
    }
    free(infos);
    return status == ERROR_NO_MORE_ITEMS ? NO_ERROR : status;
}

static int by_prefix(const void *a, const void *b)
{
    const struct change *x = a, *y = b;
    const RTM_NET_ADDRESS *p = x->kind == NEW ? &x->now.dest : &x->was.dest;
    const RTM_NET_ADDRESS *q = y->kind == NEW ? &y->now.dest : &y->was.dest;

    return ctl_prefix_compare(p, q);
}

static void print_changes(struct ctl *ctl, struct change_list *list, int has_limit, ULONG limit)
{
    char spec[] = "Destination|Change|Was|Now";
    struct ctl_table t;
    size_t shown = has_limit && limit < list->count ? limit : list->count;

    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, by_prefix);
    ctl_table_init(&t, spec);
    for (size_t i = 0; i < shown; i++) {
        const struct change *c = &list->items[i];
        char prefix[RTMCTL_ADDR_TEXT], was[400], now[400];
        ctl_table_add(&t, "%s",
                      ctl_format_prefix(c->kind == NEW ? &c->now.dest : &c->was.dest, prefix));
        ctl_table_add(&t, "%s", kind_names[c->kind]);
        ctl_table_add(
            &t, "%s",
            c->kind == NEW ? "-" : best_text(ctl, &c->was, c->kind == CHANGED, was, sizeof was));
        ctl_table_add(&t, "%s",
                      c->kind == WITHDRAWN
                          ? "-"
                          : best_text(ctl, &c->now, c->kind == CHANGED, now, sizeof now));
    }
    if (list->count == 0)
        printf("no best route changed\n");
    else
        printf("%lu best route%s changed: %lu moved, %lu changed, %lu new, %lu withdrawn\n",
               (unsigned long)list->count, list->count == 1 ? "" : "s", list->kinds[MOVED],
               list->kinds[CHANGED], list->kinds[NEW], list->kinds[WITHDRAWN]);
    ctl_table_print(&t, "");
    if (shown < list->count)
        printf("%lu of %lu changes shown (limit %u)\n", (unsigned long)shown,
               (unsigned long)list->count, (unsigned)limit);
}

int ctl_cmd_changes(struct ctl *ctl, int argc, char **argv)
{
    struct change_list list;
    DWORD status = NO_ERROR;
    ULONG limit = 0;
    int has_limit = argc == 3 && !strcmp(argv[1], "limit");
    char err[64];

    if (argc != 1 && !has_limit) {
        ctl_error(ctl, "changes: changes [limit N]");
        return RTMCTL_USAGE;
    }
    if (has_limit && ctl_arg_number(ctl, "changes", "limit", argv[2], 4294967295ul, &limit))
        return RTMCTL_USAGE;
    if (!ctl->watch.active) {
        ctl_error(ctl, "changes: not watching (run 'watch' first)");
        return RTMCTL_FAILED;
    }
    memset(&list, 0, sizeof list);
    for (int fam = 0; fam < RTMCTL_FAMILIES && status == NO_ERROR; fam++)
        status = read_changes(ctl, fam, &list);
    print_changes(ctl, &list, has_limit, limit);
    free(list.items);
    if (status != NO_ERROR) {
        ctl_error(ctl, "changes: %s", ctl_error_name(status, err));
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}
