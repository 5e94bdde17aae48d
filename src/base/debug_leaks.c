/*
 * debug_leaks.c - who holds which client references, for RTM_DEBUG's
 * "handles" and "leaks" channels, and the report printed when a caller
 * goes away (RtmDeregisterEntity; debug.h).
 *
 * The ledger: every client reference given or released (handle.c calls
 * rtm_debug_client_ref) is attributed to the entity whose API call the
 * thread is in (rtm_debug_caller: the registration handle the export was
 * called with; none on a worker thread, e.g. for the route handle of
 * RTM_ROUTE_EXPIRED). A side table keyed by (handle, entity) counts the
 * references each entity received and has not released. A release is taken
 * off the releasing entity's entry for that handle; when it has none (the
 * handle was given to no entity, or passed between entities), off the
 * unattributed entry, else off any entity's. The library's own client
 * references - a route's on its next hops and neighbour, a next hop's on
 * its remote destination - are taken and dropped in the calls of the
 * entity that owns the route or next hop, so they count as that entity's
 * while the route or next hop lives (a deleted route kept by a handle, or
 * held down, keeps them). Exact attribution of those would need the
 * holder of every reference; the owner is the useful approximation: the
 * report then names what keeps the entity's objects alive.
 *
 * Cost: none unless RTM_DEBUG has "handles" or "leaks" (the hook is not
 * called); the table only exists with "leaks". Its memory comes from the C
 * runtime, not rtm_malloc: diagnostics never change the library's own
 * allocations. The ledger lock guards the table; it is a leaf (rtmv2/table.h).
 */
#include <stdlib.h>

#include "debug.h"

struct ledger_entry {
    struct ledger_entry *next;      /* bucket chain */
    rtm_handle handle;
    HANDLE entity;                  /* the receiver; NULL: none */
    rtm_object_type type;
    unsigned long count;            /* references held */
};

#define BUCKETS 4096u

static rtm_mutex ledger_lock = RTM_MUTEX_INIT;
static struct ledger_entry *ledger[BUCKETS];   /* ledger lock */
static int ledger_incomplete;                  /* an entry could not be made */

static struct ledger_entry **bucket(rtm_handle h)
{
    uintptr_t v = (uintptr_t)h;

    return &ledger[(v ^ (v >> 16)) % BUCKETS];
}

/* The link to the entry of h and entity (any entity when any is set), or
 * NULL. Ledger lock held. */
static struct ledger_entry **find(rtm_handle h, HANDLE entity, int any)
{
    for (struct ledger_entry **p = bucket(h); *p; p = &(*p)->next)
        if ((*p)->handle == h && (any || (*p)->entity == entity))
            return p;
    return NULL;
}

static void ledger_give(rtm_handle h, rtm_object_type type, HANDLE entity)
{
    struct ledger_entry **p = find(h, entity, 0), *e;

    if (p) {
        (*p)->count++;
        return;
    }
    e = malloc(sizeof *e);
    if (!e) {
        ledger_incomplete = 1;
        return;
    }
    e->handle = h;
    e->entity = entity;
    e->type = type;
    e->count = 1;
    e->next = *bucket(h);
    *bucket(h) = e;
}

static void ledger_release(rtm_handle h, HANDLE entity)
{
    struct ledger_entry **p = find(h, entity, 0), *e;

    if (!p)
        p = find(h, NULL, 0);
    if (!p)
        p = find(h, NULL, 1);
    if (p && --(*p)->count == 0) {
        e = *p;
        *p = e->next;
        free(e);
    }
}

void rtm_debug_client_ref(rtm_handle h, rtm_object_type type, int delta)
{
    HANDLE caller = rtm_debug_caller();

    if (rtm_debug_flags & RTM_DEBUG_LEAKS) {
        rtm_mutex_lock(&ledger_lock);
        if (delta > 0)
            ledger_give(h, type, caller);
        else
            ledger_release(h, caller);
        rtm_mutex_unlock(&ledger_lock);
    }
    if (rtm_debug_flags & RTM_DEBUG_HANDLES) {
        if (caller)
            rtm_debug_line("handles", "%s %s %#llx %s entity %#llx", delta > 0 ? "give" : "release",
                           rtm_debug_type(type), RTM_DEBUG_H(h), delta > 0 ? "to" : "by",
                           RTM_DEBUG_H(caller));
        else
            rtm_debug_line("handles", "%s %s %#llx (no entity's call)",
                           delta > 0 ? "give" : "release", rtm_debug_type(type), RTM_DEBUG_H(h));
    }
}

/* Nonzero if a comes before b in a report: by type, then handle. */
static int before(const struct ledger_entry *a, const struct ledger_entry *b)
{
    if (a->type != b->type)
        return a->type < b->type;
    return (uintptr_t)a->handle < (uintptr_t)b->handle;
}

void rtm_debug_leak_report(const struct rtm_object *holder, const char *event)
{
    HANDLE me = rtm_object_handle(holder);
    struct ledger_entry *held = NULL;
    unsigned long handles = 0, refs = 0;
    int incomplete;

    rtm_mutex_lock(&ledger_lock);
    for (size_t b = 0; b < BUCKETS; b++) {
        struct ledger_entry **p = &ledger[b];
        while (*p) {
            struct ledger_entry *e = *p, **at = &held;
            if (e->entity != me) {
                p = &e->next;
                continue;
            }
            *p = e->next;
            while (*at && before(*at, e))
                at = &(*at)->next;
            e->next = *at;
            *at = e;
            handles++;
            refs += e->count;
        }
    }
    incomplete = ledger_incomplete;
    rtm_mutex_unlock(&ledger_lock);

    if (!handles)
        rtm_debug_line("leaks", "%s %#llx (%s) %s holding no handles", rtm_debug_type(holder->type),
                       RTM_DEBUG_H(me), rtm_debug_describe(holder), event);
    else
        rtm_debug_line("leaks", "%s %#llx (%s) %s holding %lu handle%s (%lu reference%s):",
                       rtm_debug_type(holder->type), RTM_DEBUG_H(me), rtm_debug_describe(holder),
                       event, handles, handles == 1 ? "" : "s", refs, refs == 1 ? "" : "s");
    while (held) {
        struct ledger_entry *e = held;
        struct rtm_object *obj = rtm_handle_lookup(e->handle, e->type);

        held = e->next;
        rtm_debug_line("leaks", "  %s %#llx x%lu: %s", rtm_debug_type(e->type),
                       RTM_DEBUG_H(e->handle), e->count,
                       obj ? rtm_debug_describe(obj) : "(no longer valid)");
        if (obj)
            rtm_object_unref(obj);
        free(e);
    }
    if (incomplete)
        rtm_debug_line("leaks", "  (the ledger ran out of memory: the report may be incomplete)");
}

void rtm_debug_ledger_clear(void)
{
    rtm_mutex_lock(&ledger_lock);
    for (size_t b = 0; b < BUCKETS; b++) {
        while (ledger[b]) {
            struct ledger_entry *e = ledger[b];
            ledger[b] = e->next;
            free(e);
        }
    }
    ledger_incomplete = 0;
    rtm_mutex_unlock(&ledger_lock);
}
