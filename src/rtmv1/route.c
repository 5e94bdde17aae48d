/*
 * route.c - routes, their order and the best route of a network (route.h).
 */
#include <string.h>

#include "route.h"

DWORD rtmv1_route_create(struct rtmv1_table *table, const union rtmv1_data *data,
                         struct rtmv1_route **out)
{
    struct rtmv1_route *r = rtm_calloc(1, sizeof *r);

    if (!r)
        return ERROR_NOT_ENOUGH_MEMORY;
    r->table = table;
    r->sequence = table->sequence + 1;
    r->data = *data;
    if (rtm_object_init(&r->obj, RTMV1_OBJ_ROUTE, rtmv1_route_destroy) != RTM_HANDLE_OK) {
        rtm_free(r);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    table->sequence++;
    *out = r;
    return NO_ERROR;
}

void rtmv1_route_destroy(struct rtm_object *obj)
{
    struct rtmv1_route *r = (struct rtmv1_route *)obj;

    rtm_timer_free(r->expiry);
    rtm_free(r);
}

void rtmv1_position_of(const struct rtmv1_family *family, const union rtmv1_data *data,
                       const struct rtmv1_key *key, struct rtmv1_position *pos)
{
    pos->net = *key;
    pos->protocol = data->ip.RR_RoutingProtocol;
    pos->iface = data->ip.RR_InterfaceID;
    family->nexthop(data, pos->nexthop);
}

static int compare_dword(DWORD a, DWORD b)
{
    return a < b ? -1 : a > b;
}

int rtmv1_route_compare(const struct rtmv1_route *r, const struct rtmv1_position *pos)
{
    uint8_t nexthop[RTMV1_NEXTHOP_BYTES];
    int c = compare_dword(r->data.ip.RR_RoutingProtocol, pos->protocol);

    if (c)
        return c;
    c = compare_dword(r->data.ip.RR_InterfaceID, pos->iface);
    if (c)
        return c;
    r->table->family->nexthop(&r->data, nexthop);
    return memcmp(nexthop, pos->nexthop, sizeof nexthop);
}

struct rtmv1_route *rtmv1_route_find(const struct rtmv1_net *net, const struct rtmv1_position *pos)
{
    for (struct rtmv1_route *r = net->routes; r; r = r->next) {
        int c = rtmv1_route_compare(r, pos);
        if (c >= 0)
            return c == 0 ? r : NULL;
    }
    return NULL;
}

struct rtmv1_route *rtmv1_route_of_protocol(const struct rtmv1_net *net, DWORD protocol)
{
    for (struct rtmv1_route *r = net->routes; r; r = r->next)
        if (r->data.ip.RR_RoutingProtocol == protocol)
            return r;
    return NULL;
}

void rtmv1_route_link(struct rtmv1_net *net, struct rtmv1_route *r)
{
    struct rtmv1_route **link = &net->routes;
    struct rtmv1_position pos;

    rtmv1_position_of(r->table->family, &r->data, &net->key, &pos);
    while (*link && rtmv1_route_compare(*link, &pos) < 0)
        link = &(*link)->next;
    r->next = *link;
    *link = r;
    r->net = net;
}

void rtmv1_route_unlink(struct rtmv1_route *r)
{
    struct rtmv1_route **link = &r->net->routes;

    while (*link != r)
        link = &(*link)->next;
    *link = r->next;
    r->next = NULL;
    r->net = NULL;
    if (r->expiry)
        rtm_timer_cancel(r->expiry);
}

/* Nonzero if a is a better route than b (route.h). */
static int better(const struct rtmv1_family *family, const struct rtmv1_route *a,
                  const struct rtmv1_route *b)
{
    int c = family->metric_compare(&a->data, &b->data);

    return c < 0 || (c == 0 && a->sequence < b->sequence);
}

struct rtmv1_route *rtmv1_route_best(const struct rtmv1_table *table,
                                     const struct rtmv1_net *net)
{
    struct rtmv1_route *best = net->routes;

    for (struct rtmv1_route *r = best->next; r; r = r->next)
        if (better(table->family, r, best))
            best = r;
    return best;
}

int rtmv1_route_same(const struct rtmv1_family *family, const union rtmv1_data *a,
                     const union rtmv1_data *b)
{
    uint8_t hop_a[RTMV1_NEXTHOP_BYTES], hop_b[RTMV1_NEXTHOP_BYTES];

    family->nexthop(a, hop_a);
    family->nexthop(b, hop_b);
    return a->ip.RR_RoutingProtocol == b->ip.RR_RoutingProtocol &&
           a->ip.RR_InterfaceID == b->ip.RR_InterfaceID &&
           memcmp(hop_a, hop_b, sizeof hop_a) == 0 &&
           memcmp((const char *)a + family->data_offset, (const char *)b + family->data_offset,
                  family->data_size) == 0;
}

void rtmv1_route_drop(struct rtmv1_route *chain)
{
    while (chain) {
        struct rtmv1_route *next = chain->next;

        rtm_object_unref(&chain->obj);
        chain = next;
    }
}
