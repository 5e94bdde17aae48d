/*
 * walk.c - criteria and ordered walks over a table's routes (walk.h).
 */
#include <string.h>

#include "walk.h"

DWORD rtmv1_criteria_read(const struct rtmv1_family *family, DWORD flags, const void *route,
                          struct rtmv1_criteria *criteria)
{
    union rtmv1_data data;

    memset(criteria, 0, sizeof *criteria);
    if (flags & ~(DWORD)RTMV1_ONLY_FLAGS)
        return ERROR_INVALID_PARAMETER;
    criteria->flags = flags;
    if (!(flags & (RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE | RTM_ONLY_THIS_PROTOCOL)))
        return NO_ERROR;
    if (!route)
        return ERROR_INVALID_PARAMETER;
    memcpy(&data, route, family->route_size);
    if ((flags & RTM_ONLY_THIS_NETWORK) && !family->key(&data.ip.RR_Network, &criteria->net))
        return ERROR_INVALID_PARAMETER;
    criteria->iface = data.ip.RR_InterfaceID;
    criteria->protocol = data.ip.RR_RoutingProtocol;
    return NO_ERROR;
}

int rtmv1_criteria_match(const struct rtmv1_criteria *criteria, const struct rtmv1_route *r)
{
    DWORD flags = criteria->flags;

    return (!(flags & RTM_ONLY_THIS_INTERFACE) || r->data.ip.RR_InterfaceID == criteria->iface) &&
           (!(flags & RTM_ONLY_THIS_PROTOCOL) ||
            r->data.ip.RR_RoutingProtocol == criteria->protocol) &&
           (!(flags & RTM_ONLY_BEST_ROUTES) || r->net->best == r);
}

static int key_compare(const struct rtmv1_key *a, const struct rtmv1_key *b)
{
    return rtm_prefix_compare(a->bytes, a->len, b->bytes, b->len);
}

struct rtmv1_net *rtmv1_criteria_net(const struct rtmv1_table *table,
                                     const struct rtmv1_criteria *criteria,
                                     const struct rtmv1_key *key, int inclusive)
{
    int c;

    if (!(criteria->flags & RTM_ONLY_THIS_NETWORK))
        return rtmv1_net_next(table, key, inclusive);
    c = key ? key_compare(key, &criteria->net) : -1;
    return c < 0 || (c == 0 && inclusive) ? rtmv1_net_find(table, &criteria->net) : NULL;
}

struct rtmv1_route *rtmv1_walk(const struct rtmv1_table *table,
                               const struct rtmv1_criteria *criteria,
                               const struct rtmv1_position *after)
{
    for (struct rtmv1_net *net = rtmv1_criteria_net(table, criteria, after ? &after->net : NULL, 1);
         net; net = rtmv1_criteria_net(table, criteria, &net->key, 0)) {
        int resume = after && key_compare(&net->key, &after->net) == 0;

        for (struct rtmv1_route *r = net->routes; r; r = r->next)
            if ((!resume || rtmv1_route_compare(r, after) > 0) &&
                rtmv1_criteria_match(criteria, r))
                return r;
    }
    return NULL;
}

DWORD rtmv1_position_read(const struct rtmv1_family *family, const void *route,
                          struct rtmv1_position *pos)
{
    union rtmv1_data data;
    struct rtmv1_key key;

    memcpy(&data, route, family->route_size);
    if (!family->key(&data.ip.RR_Network, &key))
        return ERROR_INVALID_PARAMETER;
    rtmv1_position_of(family, &data, &key, pos);
    return NO_ERROR;
}
