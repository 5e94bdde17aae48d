/*
 * change.c - best-route changes, their messages and the clients' queues
 * (change.h).
 */
#if defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 1 /* C99 printf (%llx) in the DLL as natively */
#endif
#include <string.h>

#include "change.h"
#include "debug_describe.h"
#include "base/debug.h"

/* A message's place in one client's queue. */
struct rtmv1_link {
    struct rtmv1_link *next;
    struct rtmv1_change *change;
};

struct rtmv1_change {
    struct rtmv1_change *next_free; /* the reserve's list, until sent */
    rtm_atomic32 refs;              /* queues it is in */
    DWORD flags;                    /* RTM_ROUTE_ADDED, _DELETED, _CHANGED */
    union rtmv1_data cur, prev;     /* as flags say */
    struct rtmv1_link link[];       /* one per receiver */
};

static int receives(const struct rtmv1_client *client, const struct rtmv1_client *skip)
{
    return client->event && client != skip;
}

static void change_unref(struct rtmv1_change *change)
{
    if (rtm_atomic32_add(&change->refs, -1) == 0)
        rtm_free(change);
}

DWORD rtmv1_reserve(struct rtmv1_reserve *reserve, const struct rtmv1_table *table,
                    const struct rtmv1_client *skip, unsigned count)
{
    reserve->skip = skip;
    reserve->receivers = 0;
    reserve->free = NULL;
    for (const struct rtmv1_client *c = table->clients; c; c = c->next)
        reserve->receivers += receives(c, skip);
    if (!reserve->receivers)
        return NO_ERROR;
    for (unsigned i = 0; i < count; i++) {
        struct rtmv1_change *change = rtm_malloc(sizeof *change +
                                                 reserve->receivers * sizeof change->link[0]);
        if (!change)
            return ERROR_NO_SYSTEM_RESOURCES;
        change->next_free = reserve->free;
        reserve->free = change;
    }
    return NO_ERROR;
}

void rtmv1_reserve_release(struct rtmv1_reserve *reserve)
{
    while (reserve->free) {
        struct rtmv1_change *next = reserve->free->next_free;

        rtm_free(reserve->free);
        reserve->free = next;
    }
}

void rtmv1_before(struct rtmv1_before *before, const struct rtmv1_net *net)
{
    before->best = net ? net->best : NULL;
    if (before->best)
        before->data = before->best->data;
}

/* Appends a reserved message to the queue of every receiver and signals
 * its event. */
static void send_change(struct rtmv1_table *table, const struct rtmv1_net *net,
                 struct rtmv1_reserve *reserve, DWORD flags, const union rtmv1_data *cur,
                 const union rtmv1_data *prev)
{
    struct rtmv1_change *change = reserve->free;
    unsigned n = 0;

    if (!reserve->receivers)
        return;
    reserve->free = change->next_free;
    change->flags = flags;
    if (flags & RTM_CURRENT_BEST_ROUTE)
        change->cur = *cur;
    if (flags & RTM_PREVIOUS_BEST_ROUTE)
        change->prev = *prev;
    rtm_atomic32_store(&change->refs, (int32_t)reserve->receivers);
    for (struct rtmv1_client *c = table->clients; c; c = c->next) {
        struct rtmv1_link *link;

        if (!receives(c, reserve->skip))
            continue;
        link = &change->link[n++];
        link->next = NULL;
        link->change = change;
        rtm_mutex_lock(&c->queue_lock);
        *c->tail = link;
        c->tail = &link->next;
        rtm_event_set(c->event);
        rtm_mutex_unlock(&c->queue_lock);
        if (RTM_DEBUG_ON(RTM_DEBUG_NOTIFY))
            rtm_debug_line("notify", "%s %s queued for client %#llx",
                           rtmv1_debug_flags(flags), rtmv1_debug_net(table->family, &net->key),
                           RTM_DEBUG_H(rtm_object_handle(&c->obj)));
    }
}

DWORD rtmv1_after(struct rtmv1_table *table, struct rtmv1_net *net,
                  const struct rtmv1_before *before, struct rtmv1_reserve *reserve, void *cur,
                  void *prev)
{
    const struct rtmv1_family *family = table->family;
    struct rtmv1_route *best = net->routes ? rtmv1_route_best(table, net) : NULL;
    DWORD flags;

    net->best = best;
    if (!before->best)
        flags = best ? RTM_ROUTE_ADDED : RTM_NO_CHANGE;
    else if (!best)
        flags = RTM_ROUTE_DELETED;
    else if (best != before->best || !rtmv1_route_same(family, &before->data, &best->data))
        flags = RTM_ROUTE_CHANGED;
    else
        flags = RTM_NO_CHANGE;
    if ((flags & RTM_CURRENT_BEST_ROUTE) && cur)
        memcpy(cur, &best->data, family->route_size);
    if ((flags & RTM_PREVIOUS_BEST_ROUTE) && prev)
        memcpy(prev, &before->data, family->route_size);
    if (flags != RTM_NO_CHANGE)
        send_change(table, net, reserve, flags, best ? &best->data : NULL, &before->data);
    if (!best)
        rtmv1_net_remove(table, net);
    return flags;
}

DWORD rtmv1_dequeue(struct rtmv1_client *client, DWORD *flags, void *cur, void *prev)
{
    size_t size = client->table->family->route_size;
    struct rtmv1_change *change = NULL;
    struct rtmv1_link *link;
    DWORD status;

    rtm_mutex_lock(&client->queue_lock);
    link = client->head;
    if (client->closed) {
        status = ERROR_INVALID_HANDLE;
    } else if (!link) {
        rtm_event_reset(client->event);
        status = ERROR_NO_MESSAGES;
    } else {
        change = link->change;
        *flags = change->flags;
        if ((change->flags & RTM_CURRENT_BEST_ROUTE) && cur)
            memcpy(cur, &change->cur, size);
        if ((change->flags & RTM_PREVIOUS_BEST_ROUTE) && prev)
            memcpy(prev, &change->prev, size);
        client->head = link->next;
        if (client->head) {
            status = ERROR_MORE_MESSAGES;
        } else {
            client->tail = &client->head;
            rtm_event_reset(client->event);
            status = NO_ERROR;
        }
    }
    rtm_mutex_unlock(&client->queue_lock);
    if (change)
        change_unref(change);
    return status;
}

void rtmv1_queue_close(struct rtmv1_client *client)
{
    struct rtmv1_link *link;

    rtm_mutex_lock(&client->queue_lock);
    link = client->head;
    client->head = NULL;
    client->tail = &client->head;
    client->closed = 1;
    rtm_mutex_unlock(&client->queue_lock);
    while (link) {
        struct rtmv1_link *next = link->next;

        change_unref(link->change);
        link = next;
    }
}
