/*
 * group.c - the group membership table (group.h).
 */
#include <string.h>

#include "group.h"
#include "state.h"

struct mgm_group *mgm_group_find(DWORD source, DWORD group)
{
    return mgm_keymap_find(&mgm.groups, mgm_key_addr(group), mgm_key_addr(source));
}

struct mgm_group *mgm_group_get(DWORD source, DWORD group)
{
    struct mgm_group *g = mgm_group_find(source, group);

    if (g)
        return g;
    g = rtm_calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->group = group;
    g->source = source;
    if (mgm_keymap_insert(&mgm.groups, mgm_key_addr(group), mgm_key_addr(source), g) !=
        NO_ERROR) {
        rtm_free(g);
        return NULL;
    }
    return g;
}

void mgm_group_drop_if_empty(struct mgm_group *g)
{
    if (g->members)
        return;
    mgm_keymap_remove(&mgm.groups, mgm_key_addr(g->group), mgm_key_addr(g->source));
    if (g->upstream)
        mgm_protocol_put(g->upstream);
    rtm_free(g);
}

struct mgm_member *mgm_member_find(struct mgm_group *g, DWORD index, DWORD nexthop,
                                   const struct mgm_protocol *caller)
{
    for (struct mgm_member *m = g ? g->members : NULL; m; m = m->next)
        if (m->index == index && m->nexthop == nexthop && m->caller == caller)
            return m;
    return NULL;
}

struct mgm_member *mgm_member_new(DWORD index, DWORD nexthop, struct mgm_protocol *caller,
                                  struct mgm_protocol *client)
{
    struct mgm_member *m = rtm_calloc(1, sizeof *m);

    if (!m)
        return NULL;
    m->index = index;
    m->nexthop = nexthop;
    m->caller = caller;
    m->client = client;
    rtm_object_ref(&caller->obj);
    rtm_object_ref(&client->obj);
    return m;
}

void mgm_member_free(struct mgm_member *m)
{
    mgm_protocol_put(m->caller);
    mgm_protocol_put(m->client);
    rtm_free(m);
}

void mgm_group_apply(struct mgm_group *g, struct mgm_member *extra)
{
    struct mgm_member **link = &g->members;

    while (*link) {
        struct mgm_member *m = *link;
        if (m->leaving) {
            *link = m->next;
            mgm_member_free(m);
        } else {
            link = &m->next;
        }
    }
    if (extra) {
        extra->next = g->members;
        g->members = extra;
    }
}

/* A walk over the members that count: the linked ones (after the change:
 * not those leaving), then extra (after the change only). */
struct walk {
    const struct mgm_member *at;
    const struct mgm_member *extra;
    int after;
};

static void walk_start(struct walk *w, const struct mgm_group *g, const struct mgm_member *extra,
                       int after)
{
    w->at = g ? g->members : NULL;
    w->extra = after ? extra : NULL;
    w->after = after;
}

static const struct mgm_member *walk_next(struct walk *w)
{
    while (w->at && w->after && w->at->leaving)
        w->at = w->at->next;
    if (w->at) {
        const struct mgm_member *m = w->at;
        w->at = m->next;
        return m;
    }
    if (w->extra) {
        const struct mgm_member *m = w->extra;
        w->extra = NULL;
        return m;
    }
    return NULL;
}

/* Counts the distinct clients of the members that count, but except. */
static unsigned count_clients(const struct mgm_group *g, const struct mgm_member *extra,
                              int after, const struct mgm_protocol *except,
                              struct mgm_protocol **only)
{
    struct walk outer, inner;
    const struct mgm_member *m, *o;
    struct mgm_protocol *first = NULL;
    unsigned n = 0;

    walk_start(&outer, g, extra, after);
    while ((m = walk_next(&outer))) {
        if (m->client == except)
            continue;
        walk_start(&inner, g, extra, after);
        while ((o = walk_next(&inner)) != m && o->client != m->client)
            ;
        if (o == m) {
            n++;
            if (!first)
                first = m->client;
        }
    }
    if (only)
        *only = n == 1 ? first : NULL;
    return n;
}

unsigned mgm_group_clients(const struct mgm_group *g, const struct mgm_member *extra,
                           const struct mgm_protocol *except, struct mgm_protocol **only)
{
    return count_clients(g, extra, 1, except, only);
}

unsigned mgm_group_clients_before(const struct mgm_group *g, const struct mgm_protocol *except,
                                  struct mgm_protocol **only)
{
    return count_clients(g, NULL, 0, except, only);
}

/* Nonzero when entry (source, group), or extra when it is of that entry,
 * has a member that counts on the interface after the change. */
static int entry_covers(DWORD source, DWORD group, DWORD index, DWORD nexthop,
                        const struct mgm_member *extra, const struct mgm_group *extra_group)
{
    const struct mgm_group *g = mgm_group_find(source, group);
    struct walk w;
    const struct mgm_member *m;
    int is_extra_entry = extra_group && extra_group->source == source &&
                         extra_group->group == group;

    walk_start(&w, g, is_extra_entry ? extra : NULL, 1);
    while ((m = walk_next(&w)))
        if (m->index == index && m->nexthop == nexthop)
            return 1;
    return 0;
}

int mgm_covered(DWORD source, DWORD group, DWORD index, DWORD nexthop,
                const struct mgm_member *extra, const struct mgm_group *extra_group)
{
    return entry_covers(source, group, index, nexthop, extra, extra_group) ||
           entry_covers(0, group, index, nexthop, extra, extra_group) ||
           entry_covers(0, 0, index, nexthop, extra, extra_group);
}

/* Adds (index, nexthop) to set unless it is there. */
static DWORD ifset_add(struct mgm_ifset *set, DWORD index, DWORD nexthop)
{
    for (DWORD i = 0; i < set->count; i++)
        if (set->items[i].index == index && set->items[i].nexthop == nexthop)
            return NO_ERROR;
    if (set->count == set->room) {
        DWORD room = set->room ? 2 * set->room : 8;
        struct mgm_ifset_item *items = rtm_calloc(room, sizeof *items);
        if (!items)
            return ERROR_NOT_ENOUGH_MEMORY;
        if (set->count)
            memcpy(items, set->items, set->count * sizeof *items);
        rtm_free(set->items);
        set->items = items;
        set->room = room;
    }
    set->items[set->count].index = index;
    set->items[set->count].nexthop = nexthop;
    set->count++;
    return NO_ERROR;
}

DWORD mgm_covering(DWORD source, DWORD group, DWORD except_index, DWORD except_nexthop,
                   struct mgm_ifset *out)
{
    const struct mgm_group *entries[3] = { mgm_group_find(source, group),
                                           mgm_group_find(0, group), mgm_group_find(0, 0) };

    out->count = 0;
    for (int e = 0; e < 3; e++)
        for (const struct mgm_member *m = entries[e] ? entries[e]->members : NULL; m;
             m = m->next)
            if ((m->index != except_index || m->nexthop != except_nexthop) &&
                ifset_add(out, m->index, m->nexthop) != NO_ERROR)
                return ERROR_NOT_ENOUGH_MEMORY;
    return NO_ERROR;
}

void mgm_ifset_free(struct mgm_ifset *set)
{
    rtm_free(set->items);
    set->items = NULL;
    set->count = set->room = 0;
}

struct mgm_group *mgm_group_next(const struct mgm_group *g)
{
    DWORD group = g ? mgm_key_addr(g->group) : 0, source = g ? mgm_key_addr(g->source) : 0;

    return mgm_keymap_next(&mgm.groups, &group, &source, g == NULL);
}
