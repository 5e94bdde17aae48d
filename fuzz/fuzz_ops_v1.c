/*
 * fuzz_ops_v1.c - the RTMv1 operations of the API fuzzer (fuzz_v1.h):
 * clients, routes, messages, look-ups, walks, enumerations and block
 * deletions, each checked against the model of fuzz_model_v1.c.
 */
#include <stdio.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "fuzz_v1.h"

#define PROTOCOLS 4              /* clients' protocols: 1..PROTOCOLS */
#define TTL_LIMIT 2147483u

/* ---- checks -------------------------------------------------------------- */

static void expect_code(const char *fn, DWORD code, DWORD expected)
{
    if (code != expected)
        fz_fail("%s returned %lu, expected %lu", fn, (unsigned long)code,
                (unsigned long)expected);
}

/* A value-returning function failed (or not) with the last error. */
static void expect_error(const char *fn, int failed, DWORD expected)
{
    if (!failed)
        fz_fail("%s succeeded, expected error %lu", fn, (unsigned long)expected);
    expect_code(fn, GetLastError(), expected);
}

static void expect_data(const char *fn, DWORD family, const void *got, const union fz_v1_data *want)
{
    if (!fz_v1_same_data(family, got, want))
        fz_fail("%s returned a route other than the model's", fn);
}

/* ---- handles ------------------------------------------------------------- */

/* A handle that is none of the kind wanted (of_enums: an enumeration's;
 * else a client's): NULL, small integers, a pointer, an RTMv2 entity's, a
 * handle of the other kind, all bits set. */
static HANDLE forged(struct fz_in *in, int of_enums)
{
    static char somewhere;

    switch (fz_below(in, 6)) {
    case 0:
        return NULL;
    case 1:
        return (HANDLE)(uintptr_t)(1 + fz_below(in, 8));
    case 2:
        return &somewhere;
    case 3:
        for (int i = 0; i < FZ_ENTITIES; i++)
            if (fz.ent[i].state == FZ_REGISTERED)
                return fz.ent[i].h;
        return NULL;
    case 4:
        if (of_enums) {
            for (int i = 0; i < FZ_V1_CLIENTS; i++)
                if (fz1.client[i].state == FZ_REGISTERED)
                    return fz1.client[i].h;
        } else {
            for (int i = 0; i < FZ_V1_ENUMS; i++)
                if (fz1.e[i].open)
                    return fz1.e[i].h;
        }
        return (HANDLE)(uintptr_t)0x12345678;
    default:
        return (HANDLE)~(uintptr_t)0;
    }
}

/* A client handle for a call: mostly a client's (registered, or gone:
 * stale), else forged. *slot: the registered client's slot, or -1. */
static HANDLE pick_client(struct fz_in *in, int *slot)
{
    unsigned sel = fz_u8(in);
    const struct fz_v1_client *c = &fz1.client[sel % FZ_V1_CLIENTS];

    *slot = -1;
    if (sel < 0xE0 && c->state != FZ_FREE) {
        if (c->state == FZ_REGISTERED)
            *slot = (int)(sel % FZ_V1_CLIENTS);
        return c->h;
    }
    return forged(in, 0);
}

/* An enumeration handle: mostly one of the harness's (open or closed),
 * else forged. *slot: the open enumeration's slot, or -1. */
static HANDLE pick_enum(struct fz_in *in, int *slot)
{
    unsigned sel = fz_u8(in);
    const struct fz_v1_enum *e = &fz1.e[sel % FZ_V1_ENUMS];

    *slot = -1;
    if (sel < 0xE0 && e->h) {
        if (e->open)
            *slot = (int)(sel % FZ_V1_ENUMS);
        return e->h;
    }
    return forged(in, 1);
}

/* ---- routes and criteria ------------------------------------------------- */

/* A route of family: a network of a small palette (with host bits, or a
 * mask that is not contiguous, now and then), interface and next hop 0-2,
 * a small metric, some protocol data. */
static void gen_route(struct fz_in *in, DWORD family, union fz_v1_data *d)
{
    static const uint32_t ipx_nets[] = { 0x10, 0x11, 0x20, 0, 0xFFFFFFFFu, 0x12345678 };
    static const struct {
        uint32_t net, mask;
    } ip_nets[] = {
        { 0, 0 }, { 0x0A000000, 0xFF000000 }, { 0x0A000000, 0xFFFF0000 },
        { 0x0A010000, 0xFFFF0000 }, { 0x0A010200, 0xFFFFFF00 }, { 0xC0A80000, 0xFFFFFF00 },
        { 0x0A010203, 0xFFFFFFFF }, { 0x0A000000, 0xFF00FF00 },
    };
    unsigned sel = fz_u8(in), hop = fz_below(in, 3), metric = fz_u8(in);

    memset(d, 0, sizeof *d);
    d->ip.RR_InterfaceID = fz_below(in, 3);
    d->ip.RR_RoutingProtocol = 1 + fz_below(in, PROTOCOLS);
    d->ip.RR_ProtocolSpecificData.PSD_Data[0] = fz_u8(in);
    if (family == RTM_PROTOCOL_FAMILY_IPX) {
        d->ipx.RR_Network.N_NetNumber = ipx_nets[sel % 6];
        d->ipx.RR_NextHopAddress.NHA_Mac[0] = 0x02;
        d->ipx.RR_NextHopAddress.NHA_Mac[5] = (BYTE)hop;
        d->ipx.RR_FamilySpecificData.FSD_TickCount = (USHORT)(metric & 3);
        d->ipx.RR_FamilySpecificData.FSD_HopCount = (USHORT)(metric >> 2 & 3);
        d->ipx.RR_FamilySpecificData.FSD_Flags = metric >> 7;
    } else {
        d->ip.RR_Network.N_NetNumber = ip_nets[sel % 8].net | (sel & 0x80 ? 0x5 : 0);
        d->ip.RR_Network.N_NetMask = ip_nets[sel % 8].mask;
        d->ip.RR_NextHopAddress.N_NetNumber = 0xC0000201u + hop;
        d->ip.RR_NextHopAddress.N_NetMask = metric & 0x80 ? 0xFFFFFF00u : 0xFFFFFFFFu;
        d->ip.RR_FamilySpecificData.FSD_Type = 3;
        d->ip.RR_FamilySpecificData.FSD_Priority = metric;
        d->ip.RR_FamilySpecificData.FSD_Metric = metric & 7;
    }
}

/* A family for a call: mostly IP or IPX, sometimes none. */
static DWORD gen_family(struct fz_in *in)
{
    unsigned sel = fz_below(in, 16);

    return sel < 7 ? RTM_PROTOCOL_FAMILY_IP : sel < 14 ? RTM_PROTOCOL_FAMILY_IPX : 2 + sel;
}

static DWORD gen_flags(struct fz_in *in)
{
    unsigned sel = fz_u8(in);

    return (sel & 0x0F) | ((sel & 0xF0) == 0xF0 ? 0x10u << (sel & 3) : 0);
}

/*
 * The criteria of flags and route (NULL allowed), as the contract reads
 * them. Returns NO_ERROR or ERROR_INVALID_PARAMETER (the call's error).
 */
static DWORD read_criteria(DWORD family, DWORD flags, const union fz_v1_data *route,
                           struct fz_v1_criteria *c)
{
    memset(c, 0, sizeof *c);
    c->flags = flags;
    if (flags & ~(DWORD)0xF)
        return ERROR_INVALID_PARAMETER;
    if (!(flags & (RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE | RTM_ONLY_THIS_PROTOCOL)))
        return NO_ERROR;
    if (!route || ((flags & RTM_ONLY_THIS_NETWORK) &&
                   !fz_v1_network(family, &route->ip.RR_Network, &c->net, &c->len)))
        return ERROR_INVALID_PARAMETER;
    c->iface = route->ip.RR_InterfaceID;
    c->protocol = route->ip.RR_RoutingProtocol;
    return NO_ERROR;
}

static int exact(DWORD family)
{
    return family <= RTM_PROTOCOL_FAMILY_IP && !fz1.fuzzy[family];
}

/* ---- the model's changes --------------------------------------------------- */

/* Deletes the live routes of family meeting pick() network by network, in
 * order, sending each change to all but skip. Returns how many. */
static unsigned delete_where(DWORD family, int (*pick)(int r, const void *arg), const void *arg,
                             int skip)
{
    unsigned n = 0;

    for (;;) {
        int first = -1;
        for (int i = 0; i < fz1.nroutes; i++)
            if (fz1.route[i].live && fz1.route[i].family == family && pick(i, arg) &&
                (first < 0 || fz_v1_pos_cmp(&fz1.route[i].pos, &fz1.route[first].pos) < 0))
                first = i;
        if (first < 0)
            return n;
        uint32_t net = fz1.route[first].pos.net;
        unsigned len = fz1.route[first].pos.len;
        struct fz_v1_before before;
        fz_v1_change_begin(family, net, len, &before);
        for (int i = 0; i < fz1.nroutes; i++)
            if (fz1.route[i].live && fz1.route[i].family == family &&
                fz1.route[i].pos.net == net && fz1.route[i].pos.len == len && pick(i, arg)) {
                fz1.route[i].live = 0;
                n++;
            }
        fz_v1_change_end(family, net, len, &before, skip, NULL, NULL);
    }
}

static int of_protocol(int r, const void *arg)
{
    return fz1.route[r].pos.protocol == *(const DWORD *)arg;
}

static int meets_block(int r, const void *arg)
{
    const struct fz_v1_criteria *c = arg;
    const struct fz_v1_route *route = &fz1.route[r];

    return route->pos.protocol == c->protocol &&
           (!(c->flags & RTM_ONLY_THIS_NETWORK) ||
            (route->pos.net == c->net && route->pos.len == c->len)) &&
           (!(c->flags & RTM_ONLY_THIS_INTERFACE) || route->pos.iface == c->iface);
}

/* ---- operations ---------------------------------------------------------- */

static void op_register(struct fz_in *in)
{
    DWORD family = gen_family(in), protocol = 1 + fz_below(in, PROTOCOLS);
    unsigned event_sel = fz_below(in, 8), flags_sel = fz_below(in, 8);
    DWORD flags = flags_sel < 5 ? 0 : flags_sel < 7 ? RTM_PROTOCOL_SINGLE_ROUTE : 0x80000001u;
    HANDLE event = NULL, h;
    int slot = -1, exists = 0;

    fz.op = "v1 register";
    for (int i = 0; i < FZ_V1_CLIENTS; i++)
        exists |= fz1.client[i].state == FZ_REGISTERED && fz1.client[i].family == family &&
                  fz1.client[i].protocol == protocol;
    /* The slot of a new client: a free one, else one of a client gone. */
    for (int i = 0; i < FZ_V1_CLIENTS && slot < 0; i++)
        if (fz1.client[i].state == FZ_FREE)
            slot = i;
    for (int i = 0; i < FZ_V1_CLIENTS && slot < 0; i++)
        if (fz1.client[i].state == FZ_GONE)
            slot = i;
    if (slot < 0)
        return; /* every slot holds a registered client */
    if (event_sel >= 3 && event_sel < 7) {
        int fd = eventfd(0, EFD_NONBLOCK);
        if (fd <= 0)
            fz_fail("no eventfd");
        event = (HANDLE)(intptr_t)fd;
    } else if (event_sel == 7) {
        event = (HANDLE)(uintptr_t)0x12345678; /* no descriptor */
    }
    SetLastError(0xBEEF);
    h = RtmRegisterClient(family, protocol, event, flags);
    if (family > RTM_PROTOCOL_FAMILY_IP || (flags & ~(DWORD)RTM_PROTOCOL_SINGLE_ROUTE) ||
        event_sel == 7) {
        expect_error("RtmRegisterClient", !h, ERROR_INVALID_PARAMETER);
    } else if (exists) {
        expect_error("RtmRegisterClient", !h, ERROR_CLIENT_ALREADY_EXISTS);
    } else {
        struct fz_v1_client *c = &fz1.client[slot];
        if (!h)
            fz_fail("RtmRegisterClient failed: %lu", (unsigned long)GetLastError());
        memset(c, 0, sizeof *c);
        c->state = FZ_REGISTERED;
        c->h = h;
        c->family = family;
        c->protocol = protocol;
        c->flags = flags;
        c->event = event;
        return;
    }
    if (event && event_sel != 7)
        close((int)(intptr_t)event);
}

static void op_deregister(struct fz_in *in)
{
    int slot;
    HANDLE h = pick_client(in, &slot);
    struct fz_v1_client *c;
    DWORD status;

    fz.op = "v1 deregister";
    status = RtmDeregisterClient(h);
    if (slot < 0) {
        expect_code("RtmDeregisterClient", status, ERROR_INVALID_HANDLE);
        return;
    }
    expect_code("RtmDeregisterClient", status, NO_ERROR);
    c = &fz1.client[slot];
    if (exact(c->family))
        delete_where(c->family, of_protocol, &c->protocol, slot);
    if (c->event)
        close((int)(intptr_t)c->event);
    c->event = NULL;
    c->state = FZ_GONE;
}

/* The start of a call on a client's route: a client handle (*slot: the
 * registered client's slot, or -1), its family (a random one for no
 * client), a route of that family and its network (*valid: whether it is
 * one). */
static HANDLE client_route(struct fz_in *in, int *slot, DWORD *family, union fz_v1_data *route,
                           uint32_t *net, unsigned *len, int *valid)
{
    HANDLE h = pick_client(in, slot);

    *family = *slot >= 0 ? fz1.client[*slot].family : fz_below(in, 2);
    gen_route(in, *family, route);
    *valid = fz_v1_network(*family, &route->ip.RR_Network, net, len);
    return h;
}

static DWORD gen_ttl(struct fz_in *in)
{
    switch (fz_below(in, 10)) {
    case 5:
        return 3600; /* never reached within an input */
    case 6:
        return 0;    /* expires at once */
    case 7:
        return TTL_LIMIT + 1;
    case 8:
        return TTL_LIMIT;
    default:
        return INFINITE;
    }
}

static void op_add(struct fz_in *in)
{
    int slot, r = -1, valid;
    union fz_v1_data route, stored, cur, prev, want_cur, want_prev;
    uint32_t net = 0;
    unsigned len = 0, outs;
    DWORD family, ttl, flags = 0xDEAD, status, want;
    HANDLE h = client_route(in, &slot, &family, &route, &net, &len, &valid);
    struct fz_v1_before before;
    struct fz_v1_pos pos;

    fz.op = "v1 add route";
    ttl = gen_ttl(in);
    outs = fz_u8(in);
    if (slot >= 0 && valid && exact(family)) {
        const struct fz_v1_client *c = &fz1.client[slot];
        stored = route;
        stored.ip.RR_RoutingProtocol = c->protocol;
        if (family == RTM_PROTOCOL_FAMILY_IP) {
            stored.ip.RR_Network.N_NetNumber = net;
            stored.ip.RR_FamilySpecificData.FSD_Priority = 0;
        }
        pos = fz_v1_pos_of(family, &stored, net, len);
        if (c->flags & RTM_PROTOCOL_SINGLE_ROUTE) {
            for (int i = 0; i < fz1.nroutes && r < 0; i++)
                if (fz1.route[i].live && fz1.route[i].family == family &&
                    fz1.route[i].pos.net == net && fz1.route[i].pos.len == len &&
                    fz1.route[i].pos.protocol == c->protocol)
                    r = i;
        } else {
            r = fz_v1_find(family, &pos);
        }
        if (r < 0 && fz1.nroutes == FZ_V1_ROUTES)
            return; /* the model is full */
    }
    status = RtmAddRoute(h, &route, ttl, outs % 8 ? &flags : NULL, outs & 0x10 ? NULL : &cur,
                         outs & 0x20 ? NULL : &prev);
    if (slot < 0)
        want = ERROR_INVALID_HANDLE;
    else if (!(outs % 8) || (ttl != INFINITE && ttl > TTL_LIMIT) || !valid)
        want = ERROR_INVALID_PARAMETER;
    else
        want = NO_ERROR;
    expect_code("RtmAddRoute", status, want);
    if (status != NO_ERROR)
        return;
    if (ttl == 0)
        fz1.fuzzy[family] = 1;
    if (!exact(family)) {
        if (flags != RTM_NO_CHANGE && flags != RTM_ROUTE_ADDED && flags != RTM_ROUTE_CHANGED)
            fz_fail("RtmAddRoute: flags %lu", (unsigned long)flags);
        return;
    }
    fz_v1_change_begin(family, net, len, &before);
    if (r < 0) {
        r = fz1.nroutes++;
        fz1.route[r].live = 1;
        fz1.route[r].family = family;
        fz1.route[r].seq = ++fz1.seq;
    }
    fz1.route[r].pos = pos;
    fz1.route[r].data = stored;
    fz1.route[r].metric = family == RTM_PROTOCOL_FAMILY_IP
                              ? stored.ip.RR_FamilySpecificData.FSD_Metric
                              : (uint32_t)stored.ipx.RR_FamilySpecificData.FSD_TickCount << 16 |
                                    stored.ipx.RR_FamilySpecificData.FSD_HopCount;
    want = fz_v1_change_end(family, net, len, &before, slot, &want_cur, &want_prev);
    expect_code("RtmAddRoute's flags", flags, want);
    if ((want & RTM_CURRENT_BEST_ROUTE) && !(outs & 0x10))
        expect_data("RtmAddRoute (current)", family, &cur, &want_cur);
    if ((want & RTM_PREVIOUS_BEST_ROUTE) && !(outs & 0x20))
        expect_data("RtmAddRoute (previous)", family, &prev, &want_prev);
}

static void op_delete(struct fz_in *in)
{
    int slot, r = -1, valid;
    union fz_v1_data route, cur, want_cur;
    uint32_t net = 0;
    unsigned len = 0, outs;
    DWORD family, flags = 0xDEAD, status, want;
    HANDLE h = client_route(in, &slot, &family, &route, &net, &len, &valid);
    struct fz_v1_before before;

    fz.op = "v1 delete route";
    outs = fz_u8(in);
    if (slot >= 0 && valid) {
        route.ip.RR_RoutingProtocol = fz1.client[slot].protocol;
        struct fz_v1_pos pos = fz_v1_pos_of(family, &route, net, len);
        r = fz_v1_find(family, &pos);
    }
    status = RtmDeleteRoute(h, outs % 8 ? &route : NULL, (outs & 0x18) != 0x18 ? &flags : NULL,
                            outs & 0x20 ? NULL : &cur);
    if (slot < 0)
        want = ERROR_INVALID_HANDLE;
    else if (!(outs % 8) || (outs & 0x18) == 0x18 || !valid)
        want = ERROR_INVALID_PARAMETER;
    else if (!exact(family))
        want = status == ERROR_NO_SUCH_ROUTE ? ERROR_NO_SUCH_ROUTE : NO_ERROR;
    else
        want = r < 0 ? ERROR_NO_SUCH_ROUTE : NO_ERROR;
    expect_code("RtmDeleteRoute", status, want);
    if (status != NO_ERROR || !exact(family))
        return;
    fz_v1_change_begin(family, net, len, &before);
    fz1.route[r].live = 0;
    want = fz_v1_change_end(family, net, len, &before, slot, &want_cur, NULL);
    expect_code("RtmDeleteRoute's flags", flags, want);
    if ((want & RTM_CURRENT_BEST_ROUTE) && !(outs & 0x20))
        expect_data("RtmDeleteRoute (current)", family, &cur, &want_cur);
}

static void op_dequeue(struct fz_in *in)
{
    int slot;
    HANDLE h = pick_client(in, &slot);
    unsigned outs = fz_u8(in);
    union fz_v1_data cur, prev;
    struct fz_v1_client *c = slot >= 0 ? &fz1.client[slot] : NULL;
    DWORD flags = 0xDEAD, status;

    fz.op = "v1 dequeue";
    status = RtmDequeueRouteChangeMessage(h, outs % 8 ? &flags : NULL, outs & 0x10 ? NULL : &cur,
                                          outs & 0x20 ? NULL : &prev);
    if (!c || !c->event) {
        expect_code("RtmDequeueRouteChangeMessage", status, ERROR_INVALID_HANDLE);
    } else if (!(outs % 8)) {
        expect_code("RtmDequeueRouteChangeMessage", status, ERROR_INVALID_PARAMETER);
    } else if (c->inexact || !exact(c->family)) {
        if (status != NO_ERROR && status != ERROR_MORE_MESSAGES && status != ERROR_NO_MESSAGES)
            fz_fail("RtmDequeueRouteChangeMessage returned %lu", (unsigned long)status);
        if (status == ERROR_NO_MESSAGES && exact(c->family)) { /* in step again */
            c->inexact = 0;
            c->nqueue = 0;
        }
    } else {
        const struct fz_v1_msg *m = &c->queue[0];
        expect_code("RtmDequeueRouteChangeMessage", status,
                    c->nqueue == 0   ? ERROR_NO_MESSAGES
                    : c->nqueue == 1 ? NO_ERROR
                                     : ERROR_MORE_MESSAGES);
        if (!c->nqueue)
            return;
        expect_code("RtmDequeueRouteChangeMessage's flags", flags, m->flags);
        if ((m->flags & RTM_CURRENT_BEST_ROUTE) && !(outs & 0x10))
            expect_data("RtmDequeueRouteChangeMessage (current)", c->family, &cur, &m->cur);
        if ((m->flags & RTM_PREVIOUS_BEST_ROUTE) && !(outs & 0x20))
            expect_data("RtmDequeueRouteChangeMessage (previous)", c->family, &prev, &m->prev);
        memmove(c->queue, c->queue + 1, --c->nqueue * sizeof *c->queue);
    }
}

static void op_query(struct fz_in *in)
{
    unsigned kind = fz_below(in, 3), nulls = fz_u8(in);
    DWORD family = gen_family(in);
    union fz_v1_data route, best;
    uint32_t net;
    unsigned len;
    int found, r;

    gen_route(in, family == RTM_PROTOCOL_FAMILY_IPX ? family : RTM_PROTOCOL_FAMILY_IP, &route);
    SetLastError(0xBEEF);
    if (kind == 0) {
        fz.op = "v1 is route";
        found = RtmIsRoute(family, nulls % 8 ? &route.ip.RR_Network : NULL,
                           nulls & 0x10 ? NULL : &best);
        if (family > RTM_PROTOCOL_FAMILY_IP || !(nulls % 8) || (nulls & 0x10) ||
            !fz_v1_network(family, &route.ip.RR_Network, &net, &len)) {
            expect_error("RtmIsRoute", !found, ERROR_INVALID_PARAMETER);
            return;
        }
        if (!found)
            expect_code("RtmIsRoute's last error", GetLastError(), NO_ERROR);
        if (!exact(family))
            return;
        r = fz_v1_best(family, net, len);
        if (found != (r >= 0))
            fz_fail("RtmIsRoute: %d, the model has %d", found, r);
        if (found)
            expect_data("RtmIsRoute", family, &best, &fz1.route[r].data);
    } else if (kind == 1) {
        ULONG n;
        fz.op = "v1 network count";
        n = RtmGetNetworkCount(family);
        if (family > RTM_PROTOCOL_FAMILY_IP) {
            expect_error("RtmGetNetworkCount", n == 0, ERROR_INVALID_PARAMETER);
            return;
        }
        expect_code("RtmGetNetworkCount's last error", GetLastError(), NO_ERROR);
        if (exact(family) && n != fz_v1_networks(family))
            fz_fail("RtmGetNetworkCount: %lu, the model has %u", (unsigned long)n,
                    fz_v1_networks(family));
    } else {
        uint32_t address = route.ip.RR_Network.N_NetNumber | (nulls & 0xC0);
        fz.op = "v1 lookup";
        found = RtmLookupIPDestination(address, nulls % 8 ? &best.ip : NULL);
        if (!(nulls % 8)) {
            expect_error("RtmLookupIPDestination", !found, ERROR_INVALID_PARAMETER);
            return;
        }
        if (!found)
            expect_code("RtmLookupIPDestination's last error", GetLastError(), NO_ERROR);
        if (!exact(RTM_PROTOCOL_FAMILY_IP))
            return;
        r = fz_v1_longest(address);
        if (found != (r >= 0))
            fz_fail("RtmLookupIPDestination: %d, the model has %d", found, r);
        if (found)
            expect_data("RtmLookupIPDestination", RTM_PROTOCOL_FAMILY_IP, &best,
                        &fz1.route[r].data);
    }
}

/* The status and route of a walk's step against the model's r (-1: the
 * end, whose code is end). */
static void expect_step(const char *fn, DWORD family, DWORD status, DWORD end, int r,
                        const void *got)
{
    expect_code(fn, status, r < 0 ? end : NO_ERROR);
    if (r >= 0)
        expect_data(fn, family, got, &fz1.route[r].data);
}

static void op_walk(struct fz_in *in)
{
    DWORD family = gen_family(in), flags = gen_flags(in), status, error;
    unsigned mode = fz_u8(in), steps = 1 + fz_below(in, 8);
    union fz_v1_data route;
    struct fz_v1_criteria c;
    struct fz_v1_pos pos;
    uint32_t net;
    unsigned len;
    int r;

    fz.op = "v1 first/next route";
    gen_route(in, family == RTM_PROTOCOL_FAMILY_IPX ? family : RTM_PROTOCOL_FAMILY_IP, &route);
    error = read_criteria(family, flags, &route, &c);
    if (mode % 2) { /* RtmGetNextRoute from the generated route */
        int valid = fz_v1_network(family, &route.ip.RR_Network, &net, &len);
        pos = fz_v1_pos_of(family, &route, net, len);
        status = RtmGetNextRoute(family, flags, mode & 0x80 ? NULL : &route);
        if (family > RTM_PROTOCOL_FAMILY_IP || (mode & 0x80) || error || !valid) {
            expect_code("RtmGetNextRoute", status, ERROR_INVALID_PARAMETER);
            return;
        }
        r = exact(family) ? fz_v1_walk(family, &c, &pos) : -2;
    } else {
        status = RtmGetFirstRoute(family, flags, mode & 0x80 ? NULL : &route);
        if (family > RTM_PROTOCOL_FAMILY_IP || (mode & 0x80) || error) {
            expect_code("RtmGetFirstRoute", status, ERROR_INVALID_PARAMETER);
            return;
        }
        r = exact(family) ? fz_v1_walk(family, &c, NULL) : -2;
    }
    while (status == NO_ERROR || status == ERROR_NO_ROUTES) {
        if (r == -2) { /* a family not modelled exactly: codes only */
            if (status != NO_ERROR)
                return;
        } else {
            expect_step("RtmGetFirstRoute/RtmGetNextRoute", family, status, ERROR_NO_ROUTES, r,
                        &route);
            if (r < 0)
                return;
            pos = fz1.route[r].pos;
            r = fz_v1_walk(family, &c, &pos);
        }
        if (!--steps)
            return;
        status = RtmGetNextRoute(family, flags, &route);
    }
    fz_fail("RtmGetFirstRoute/RtmGetNextRoute returned %lu", (unsigned long)status);
}

static void op_enum_create(struct fz_in *in)
{
    DWORD family = gen_family(in), flags = gen_flags(in), error;
    unsigned nulls = fz_u8(in);
    union fz_v1_data route;
    struct fz_v1_criteria c;
    struct fz_v1_enum *e = NULL;
    HANDLE h;

    fz.op = "v1 create enumeration";
    gen_route(in, family == RTM_PROTOCOL_FAMILY_IPX ? family : RTM_PROTOCOL_FAMILY_IP, &route);
    for (int i = 0; i < FZ_V1_ENUMS && !e; i++)
        if (!fz1.e[i].open)
            e = &fz1.e[i];
    if (!e)
        return; /* every slot holds an open enumeration */
    error = read_criteria(family, flags, nulls % 8 ? &route : NULL, &c);
    SetLastError(0xBEEF);
    h = RtmCreateEnumerationHandle(family, flags, nulls % 8 ? &route : NULL);
    if (family > RTM_PROTOCOL_FAMILY_IP || error) {
        expect_error("RtmCreateEnumerationHandle", !h, ERROR_INVALID_PARAMETER);
        return;
    }
    if (exact(family) && fz_v1_walk(family, &c, NULL) < 0) {
        expect_error("RtmCreateEnumerationHandle", !h, ERROR_NO_ROUTES);
        return;
    }
    if (!h) {
        if (!exact(family) && GetLastError() == ERROR_NO_ROUTES)
            return;
        fz_fail("RtmCreateEnumerationHandle failed: %lu", (unsigned long)GetLastError());
    }
    memset(e, 0, sizeof *e);
    e->h = h;
    e->open = 1;
    e->family = family;
    e->criteria = c;
}

static void op_enum_next(struct fz_in *in)
{
    int slot;
    HANDLE h = pick_enum(in, &slot);
    unsigned nulls = fz_u8(in);
    union fz_v1_data route;
    struct fz_v1_enum *e = slot >= 0 ? &fz1.e[slot] : NULL;
    DWORD status;
    int r;

    fz.op = "v1 enumeration next";
    status = RtmEnumerateGetNextRoute(h, nulls % 8 ? &route : NULL);
    if (!e) {
        expect_code("RtmEnumerateGetNextRoute", status, ERROR_INVALID_HANDLE);
    } else if (!(nulls % 8)) {
        expect_code("RtmEnumerateGetNextRoute", status, ERROR_INVALID_PARAMETER);
    } else if (!exact(e->family)) {
        if (status != NO_ERROR && status != ERROR_NO_MORE_ROUTES)
            fz_fail("RtmEnumerateGetNextRoute returned %lu", (unsigned long)status);
    } else {
        r = fz_v1_walk(e->family, &e->criteria, e->started ? &e->last : NULL);
        expect_step("RtmEnumerateGetNextRoute", e->family, status, ERROR_NO_MORE_ROUTES, r,
                    &route);
        if (r >= 0) {
            e->last = fz1.route[r].pos;
            e->started = 1;
        }
    }
}

static void op_enum_close(struct fz_in *in)
{
    int slot;
    HANDLE h = pick_enum(in, &slot);

    fz.op = "v1 close enumeration";
    expect_code("RtmCloseEnumerationHandle", RtmCloseEnumerationHandle(h),
                slot >= 0 ? NO_ERROR : ERROR_INVALID_HANDLE);
    if (slot >= 0)
        fz1.e[slot].open = 0;
}

static void op_block(struct fz_in *in)
{
    int slot;
    HANDLE h = pick_client(in, &slot);
    DWORD family = slot >= 0 ? fz1.client[slot].family : fz_below(in, 2);
    DWORD flags = gen_flags(in), error, status, want;
    unsigned nulls = fz_u8(in);
    union fz_v1_data route;
    struct fz_v1_criteria c;

    fz.op = "v1 block delete";
    gen_route(in, family, &route);
    error = read_criteria(family, flags, nulls % 8 ? &route : NULL, &c);
    status = RtmBlockDeleteRoutes(h, flags, nulls % 8 ? &route : NULL);
    if (slot < 0)
        want = ERROR_INVALID_HANDLE;
    else if (error)
        want = error;
    else if ((flags & RTM_ONLY_THIS_PROTOCOL) && c.protocol != fz1.client[slot].protocol)
        want = ERROR_NO_ROUTES;
    else if (!exact(family))
        want = status == ERROR_NO_ROUTES ? ERROR_NO_ROUTES : NO_ERROR;
    else {
        c.protocol = fz1.client[slot].protocol;
        want = delete_where(family, meets_block, &c, -1) ? NO_ERROR : ERROR_NO_ROUTES;
    }
    expect_code("RtmBlockDeleteRoutes", status, want);
}

static void op_route_age(struct fz_in *in)
{
    unsigned sel = fz_below(in, 4), seconds = fz_u8(in);
    uint64_t now = rtm_now_filetime(), stamp;
    union fz_v1_data route;
    ULONG age;

    fz.op = "v1 route age";
    memset(&route, 0, sizeof route);
    stamp = sel == 1 ? 0 : sel == 2 ? now + 36000000000ull : now - seconds * 10000000ull;
    route.ip.RR_TimeStamp.dwLowDateTime = (DWORD)stamp;
    route.ip.RR_TimeStamp.dwHighDateTime = (DWORD)(stamp >> 32);
    SetLastError(0xBEEF);
    age = RtmGetRouteAge(sel ? &route : NULL);
    if (sel < 3)
        expect_error("RtmGetRouteAge", age == INFINITE, ERROR_INVALID_PARAMETER);
    else if (age < seconds || age > seconds + 60)
        fz_fail("RtmGetRouteAge: %lu for a route %u seconds old", (unsigned long)age, seconds);
}

void (*const fz_v1_ops[])(struct fz_in *) = {
    op_register, op_deregister, op_add, op_add, op_delete, op_dequeue, op_query, op_walk,
    op_enum_create, op_enum_next, op_enum_close, op_block, op_route_age,
};
const unsigned fz_v1_op_count = sizeof fz_v1_ops / sizeof fz_v1_ops[0];

/* ---- an input's start and end ---------------------------------------------- */

void fz_v1_begin(void)
{
    memset(&fz1, 0, sizeof fz1);
}

void fz_v1_end(void)
{
    fz.op = "v1 end of input";
    for (int i = 0; i < FZ_V1_ENUMS; i++)
        if (fz1.e[i].open)
            expect_code("RtmCloseEnumerationHandle", RtmCloseEnumerationHandle(fz1.e[i].h),
                        NO_ERROR);
    for (int i = 0; i < FZ_V1_CLIENTS; i++) {
        struct fz_v1_client *c = &fz1.client[i];
        if (c->state != FZ_REGISTERED)
            continue;
        expect_code("RtmDeregisterClient", RtmDeregisterClient(c->h), NO_ERROR);
        if (c->event)
            close((int)(intptr_t)c->event);
    }
    for (DWORD family = 0; family < 2; family++)
        if (RtmGetNetworkCount(family) != 0)
            fz_fail("RTMv1 family %lu has networks left", (unsigned long)family);
    memset(&fz1, 0, sizeof fz1);
}
