/*
 * stats.c - "stats": the size of each table (destinations, routes, next
 * hops), who owns the best routes, the prefix lengths of the destinations,
 * the library's live objects (RtmDiagGetObjectCounts, rtm's extension),
 * and the process's memory and load time.
 */
#include "columns.h"
#include "commands.h"
#include "sysinfo.h"
#include "walk.h"

#include "rtm_diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIST_COLUMNS 4

/* Best routes of one entity: [view][family]. */
struct best_count {
    struct ctl_entity *entity;
    unsigned long count[2][RTMCTL_FAMILIES];
};

struct totals {
    unsigned long dests[RTMCTL_FAMILIES], routes[RTMCTL_FAMILIES], hops[RTMCTL_FAMILIES];
    unsigned long lengths[RTMCTL_FAMILIES][129];
    struct best_count *best; /* one per entity record, in list order */
    size_t entities;
};

static int count_dest(struct ctl *ctl, int fam, const RTM_DEST_INFO *dest, void *arg)
{
    struct totals *t = arg;

    (void)ctl;
    t->dests[fam]++;
    t->lengths[fam][dest->DestAddress.NumBits]++;
    for (int v = 0; v < 2; v++)
        for (size_t i = 0; dest->ViewInfo[v].Route && i < t->entities; i++)
            if (t->best[i].entity->reg[fam] == dest->ViewInfo[v].Owner)
                t->best[i].count[v][fam]++;
    return 0;
}

static int count_handle(struct ctl *ctl, int fam, HANDLE handle, void *arg)
{
    (void)ctl, (void)fam, (void)handle;
    ++*(unsigned long *)arg;
    return 0;
}

static DWORD gather(struct ctl *ctl, struct totals *t)
{
    DWORD status = NO_ERROR;

    for (int fam = 0; fam < RTMCTL_FAMILIES && status == NO_ERROR; fam++) {
        status = ctl_walk_dests(ctl, fam, RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST, NULL,
                                count_dest, t);
        if (status == NO_ERROR)
            status =
                ctl_walk_routes(ctl, fam, ctl->reader[fam], 0, NULL, count_handle, &t->routes[fam]);
        for (size_t i = 0; i < t->entities; i++)
            t->hops[fam] += t->best[i].entity->nexthops[fam];
    }
    return status;
}

static void print_counts(struct ctl *ctl, const struct totals *t)
{
    char spec[] = "Routing table|>IPv4|>IPv6";
    char best_spec[] = "Best routes|>Unicast IPv4|>Unicast IPv6|>Multicast IPv4|>Multicast IPv6";
    const char *names[] = { "  destinations", "  routes", "  next hops" };
    const unsigned long *rows[] = { t->dests, t->routes, t->hops };
    struct ctl_table table;

    ctl_table_init(&table, spec);
    for (int r = 0; r < 3; r++) {
        ctl_table_add(&table, "%s", names[r]);
        ctl_table_add(&table, "%lu", rows[r][RTMCTL_IPV4]);
        ctl_table_add(&table, "%lu", rows[r][RTMCTL_IPV6]);
    }
    ctl_table_print(&table, "");

    ctl_table_init(&table, best_spec);
    for (size_t i = 0; i < t->entities; i++) {
        char label[RTMCTL_LABEL_MAX];
        if (t->best[i].entity->deleted)
            continue;
        ctl_table_add(&table, "  %s", ctl_entity_label(ctl, t->best[i].entity->id, label));
        for (int v = 0; v < 2; v++)
            for (int fam = 0; fam < RTMCTL_FAMILIES; fam++)
                ctl_table_add(&table, "%lu", t->best[i].count[v][fam]);
    }
    ctl_table_print(&table, "");
}

/* The destinations by prefix length, in HIST_COLUMNS columns (down, then
 * across). */
static void print_lengths(const struct totals *t, int fam)
{
    char spec[] = "Length|>Dests|Length|>Dests|Length|>Dests|Length|>Dests";
    unsigned lens[129];
    size_t n = 0, rows;
    struct ctl_table table;

    for (unsigned len = 0; len <= ctl_family_bits(fam); len++)
        if (t->lengths[fam][len])
            lens[n++] = len;
    if (!n)
        return;
    rows = (n + HIST_COLUMNS - 1) / HIST_COLUMNS;
    printf("Prefix lengths of the %s destinations\n", ctl_family_name(fam));
    ctl_table_init(&table, spec);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < HIST_COLUMNS && c * rows + r < n; c++) {
            unsigned len = lens[c * rows + r];
            ctl_table_add(&table, "/%u", len);
            ctl_table_add(&table, "%lu", t->lengths[fam][len]);
        }
        ctl_table_end_row(&table);
    }
    ctl_table_print(&table, "  ");
}

/* The library's live objects of each type, all tables together. */
static void print_objects(void)
{
    RTM_DIAG_OBJECT_COUNTS c;

    memset(&c, 0, sizeof c);
    c.Size = sizeof c;
    if (RtmDiagGetObjectCounts(&c) != NO_ERROR)
        return;
    printf("Library objects (live, all tables)\n");
    printf("  entities %lu  destinations %lu  routes %lu  next hops %lu\n",
           (unsigned long)c.Entities, (unsigned long)c.Destinations, (unsigned long)c.Routes,
           (unsigned long)c.NextHops);
    printf("  enumerations %lu  notification registrations %lu  route lists %lu\n",
           (unsigned long)c.Enumerations, (unsigned long)c.Notifications,
           (unsigned long)c.RouteLists);
    printf("  multicast clients %lu  interfaces %lu  memberships %lu  MFEs %lu  enumerations %lu"
           "  forwarders %lu\n",
           (unsigned long)c.MgmProtocols, (unsigned long)c.MgmInterfaces,
           (unsigned long)c.MgmMemberships, (unsigned long)c.MgmMfes,
           (unsigned long)c.MgmEnumerations, (unsigned long)c.MgmForwarders);
    printf("  total %lu\n", (unsigned long)c.Total);
}

int ctl_cmd_stats(struct ctl *ctl, int argc, char **argv)
{
    struct totals *t = calloc(1, sizeof *t);
    size_t resident, peak, count = 0;
    double load = 0;
    DWORD status;
    char err[64];

    (void)argv;
    if (argc != 1) {
        ctl_error(ctl, "stats: no arguments expected");
        free(t);
        return RTMCTL_USAGE;
    }
    for (struct ctl_entity *e = ctl->entities; e; e = e->next)
        count++;
    if (t)
        t->best = calloc(count ? count : 1, sizeof *t->best);
    if (!t || !t->best) {
        ctl_error(ctl, "stats: out of memory");
        free(t);
        return RTMCTL_FAILED;
    }
    for (struct ctl_entity *e = ctl->entities; e; e = e->next) {
        t->best[t->entities++].entity = e;
        load += e->load_seconds;
    }
    status = gather(ctl, t);
    if (status == NO_ERROR) {
        print_counts(ctl, t);
        for (int fam = 0; fam < RTMCTL_FAMILIES; fam++)
            print_lengths(t, fam);
        print_objects();
        printf("Process\n");
        if (ctl_memory(&resident, &peak) == 0)
            printf("  memory     %.1f MiB (peak %.1f MiB)\n", (double)resident / 1048576.0,
                   (double)peak / 1048576.0);
        printf("  load time  %.2f s\n", load);
    } else {
        ctl_error(ctl, "stats: %s", ctl_error_name(status, err));
    }
    free(t->best);
    free(t);
    return status == NO_ERROR ? RTMCTL_OK : RTMCTL_FAILED;
}
