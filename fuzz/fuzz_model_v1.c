/*
 * fuzz_model_v1.c - the reference model of RTMv1's tables and message
 * queues (fuzz_v1.h), written from the contract (docs/behaviour.md, RTMv1)
 * rather than from the library's code: networks are number & mask, routes
 * are ordered by (network, protocol, interface, next hop), the best route
 * of a network has the lowest metric (IP FSD_Metric; IPX ticks, then hops)
 * and of those the oldest, and a change of a network's best route is one
 * message to every other client of the family with an event.
 */
#include "fuzz_v1.h"

struct fz_v1_state fz1;

size_t fz_v1_size(DWORD family)
{
    return family == RTM_PROTOCOL_FAMILY_IP ? sizeof(RTM_IP_ROUTE) : sizeof(RTM_IPX_ROUTE);
}

int fz_v1_network(DWORD family, const void *network, uint32_t *net, unsigned *len)
{
    uint32_t number, mask;

    memcpy(&number, network, 4);
    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        *net = number;
        *len = 32;
        return 1;
    }
    memcpy(&mask, (const char *)network + 4, 4);
    for (*len = 0; *len < 32 && (mask & (0x80000000u >> *len)); (*len)++)
        ;
    if (mask != (*len ? 0xFFFFFFFFu << (32 - *len) : 0))
        return 0;
    *net = number & mask;
    return 1;
}

struct fz_v1_pos fz_v1_pos_of(DWORD family, const union fz_v1_data *d, uint32_t net,
                              unsigned len)
{
    struct fz_v1_pos p;

    memset(&p, 0, sizeof p);
    p.net = net;
    p.len = len;
    p.protocol = d->ip.RR_RoutingProtocol;
    p.iface = d->ip.RR_InterfaceID;
    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        memcpy(p.hop, d->ipx.RR_NextHopAddress.NHA_Mac, 6);
    } else {
        uint32_t hop = d->ip.RR_NextHopAddress.N_NetNumber;
        p.hop[0] = (uint8_t)(hop >> 24);
        p.hop[1] = (uint8_t)(hop >> 16);
        p.hop[2] = (uint8_t)(hop >> 8);
        p.hop[3] = (uint8_t)hop;
    }
    return p;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
    return a < b ? -1 : a > b;
}

int fz_v1_pos_cmp(const struct fz_v1_pos *a, const struct fz_v1_pos *b)
{
    int c = cmp_u32(a->net, b->net);

    if (!c)
        c = cmp_u32(a->len, b->len);
    if (!c)
        c = cmp_u32(a->protocol, b->protocol);
    if (!c)
        c = cmp_u32(a->iface, b->iface);
    if (!c)
        c = memcmp(a->hop, b->hop, 6);
    return c;
}

static int of_network(const struct fz_v1_route *r, DWORD family, uint32_t net, unsigned len)
{
    return r->live && r->family == family && r->pos.net == net && r->pos.len == len;
}

int fz_v1_best(DWORD family, uint32_t net, unsigned len)
{
    int best = -1;

    for (int i = 0; i < fz1.nroutes; i++) {
        const struct fz_v1_route *r = &fz1.route[i];
        if (!of_network(r, family, net, len))
            continue;
        if (best < 0 || r->metric < fz1.route[best].metric ||
            (r->metric == fz1.route[best].metric && r->seq < fz1.route[best].seq))
            best = i;
    }
    return best;
}

int fz_v1_find(DWORD family, const struct fz_v1_pos *pos)
{
    for (int i = 0; i < fz1.nroutes; i++)
        if (fz1.route[i].live && fz1.route[i].family == family &&
            !fz_v1_pos_cmp(&fz1.route[i].pos, pos))
            return i;
    return -1;
}

static int meets(DWORD family, const struct fz_v1_criteria *c, int i)
{
    const struct fz_v1_route *r = &fz1.route[i];

    return (!(c->flags & RTM_ONLY_THIS_NETWORK) ||
            (r->pos.net == c->net && r->pos.len == c->len)) &&
           (!(c->flags & RTM_ONLY_THIS_INTERFACE) || r->pos.iface == c->iface) &&
           (!(c->flags & RTM_ONLY_THIS_PROTOCOL) || r->pos.protocol == c->protocol) &&
           (!(c->flags & RTM_ONLY_BEST_ROUTES) || fz_v1_best(family, r->pos.net, r->pos.len) == i);
}

int fz_v1_walk(DWORD family, const struct fz_v1_criteria *c, const struct fz_v1_pos *after)
{
    int found = -1;

    for (int i = 0; i < fz1.nroutes; i++) {
        const struct fz_v1_route *r = &fz1.route[i];
        if (!r->live || r->family != family || (after && fz_v1_pos_cmp(&r->pos, after) <= 0) ||
            !meets(family, c, i))
            continue;
        if (found < 0 || fz_v1_pos_cmp(&r->pos, &fz1.route[found].pos) < 0)
            found = i;
    }
    return found;
}

unsigned fz_v1_networks(DWORD family)
{
    unsigned n = 0;

    for (int i = 0; i < fz1.nroutes; i++)
        n += fz1.route[i].live && fz1.route[i].family == family &&
             fz_v1_best(family, fz1.route[i].pos.net, fz1.route[i].pos.len) == i;
    return n;
}

int fz_v1_longest(uint32_t address)
{
    int best = -1;

    for (int i = 0; i < fz1.nroutes; i++) {
        const struct fz_v1_route *r = &fz1.route[i];
        uint32_t mask = r->pos.len ? 0xFFFFFFFFu << (32 - r->pos.len) : 0;
        if (!r->live || r->family != RTM_PROTOCOL_FAMILY_IP || (address & mask) != r->pos.net)
            continue;
        if (best < 0 || r->pos.len > fz1.route[best].pos.len)
            best = i;
    }
    return best < 0 ? -1 : fz_v1_best(RTM_PROTOCOL_FAMILY_IP, fz1.route[best].pos.net,
                                      fz1.route[best].pos.len);
}

int fz_v1_same_data(DWORD family, const void *a, const void *b)
{
    size_t stamp = sizeof(FILETIME);

    return memcmp((const char *)a + stamp, (const char *)b + stamp, fz_v1_size(family) - stamp) ==
           0;
}

/* The significant parameters of two routes are the same: protocol,
 * interface, next hop, family-specific data. */
static int same_significant(DWORD family, const union fz_v1_data *a, const union fz_v1_data *b)
{
    struct fz_v1_pos pa = fz_v1_pos_of(family, a, 0, 0), pb = fz_v1_pos_of(family, b, 0, 0);

    if (fz_v1_pos_cmp(&pa, &pb))
        return 0;
    if (family == RTM_PROTOCOL_FAMILY_IPX)
        return !memcmp(&a->ipx.RR_FamilySpecificData, &b->ipx.RR_FamilySpecificData,
                       sizeof(IPX_SPECIFIC_DATA));
    return !memcmp(&a->ip.RR_FamilySpecificData, &b->ip.RR_FamilySpecificData,
                   sizeof(IP_SPECIFIC_DATA));
}

void fz_v1_change_begin(DWORD family, uint32_t net, unsigned len, struct fz_v1_before *b)
{
    b->best = fz_v1_best(family, net, len);
    if (b->best >= 0)
        b->data = fz1.route[b->best].data;
}

static void queue(struct fz_v1_client *c, DWORD flags, const union fz_v1_data *cur,
                  const union fz_v1_data *prev)
{
    struct fz_v1_msg *m;

    if (c->nqueue == FZ_V1_QUEUE) {
        c->inexact = 1;
        return;
    }
    m = &c->queue[c->nqueue++];
    memset(m, 0, sizeof *m);
    m->flags = flags;
    if (flags & RTM_CURRENT_BEST_ROUTE)
        m->cur = *cur;
    if (flags & RTM_PREVIOUS_BEST_ROUTE)
        m->prev = *prev;
}

DWORD fz_v1_change_end(DWORD family, uint32_t net, unsigned len, const struct fz_v1_before *b,
                       int skip, union fz_v1_data *cur, union fz_v1_data *prev)
{
    int best = fz_v1_best(family, net, len);
    DWORD flags;

    if (b->best < 0)
        flags = best < 0 ? RTM_NO_CHANGE : RTM_ROUTE_ADDED;
    else if (best < 0)
        flags = RTM_ROUTE_DELETED;
    else if (best != b->best || !same_significant(family, &b->data, &fz1.route[best].data))
        flags = RTM_ROUTE_CHANGED;
    else
        flags = RTM_NO_CHANGE;
    if (cur && (flags & RTM_CURRENT_BEST_ROUTE))
        *cur = fz1.route[best].data;
    if (prev && (flags & RTM_PREVIOUS_BEST_ROUTE))
        *prev = b->data;
    if (flags == RTM_NO_CHANGE)
        return flags;
    for (int i = 0; i < FZ_V1_CLIENTS; i++) {
        struct fz_v1_client *c = &fz1.client[i];
        if (c->state == FZ_REGISTERED && c->family == family && c->event && i != skip)
            queue(c, flags, best >= 0 ? &fz1.route[best].data : NULL, &b->data);
    }
    return flags;
}
