/*
 * mfe_create.c - RtmMgmForwarderReportPacket: a packet the forwarder has
 * no MFE for makes one, as spec/rras/ describes the MGM doing it
 * (rpf-alert-callbacks.md, nc-mgm-pmgm_creation_alert_callback.md): the
 * route towards the source gives the incoming interface, which the RPF
 * callback of the protocol on it may change; the members of the pair give
 * the outgoing interfaces, which the creation alert of each protocol with
 * some of them may disable. Those two callbacks are made by the reporting
 * thread, outside every lock, because their answers make the MFE; the
 * table is read again before the MFE is stored, so members that came or
 * went meanwhile count.
 */
#include <string.h>

#include "base/debug.h"
#include "forwarder.h"
#include "group.h"
#include "interface.h"
#include "mfe.h"
#include "rpf.h"
#include "state.h"

#define ALL_ONES 0xFFFFFFFFu
#define MAX_HEADER 65535u

/* One protocol's creation alert: its outgoing interfaces of the new MFE. */
struct alert {
    struct mgm_protocol *protocol; /* internal reference */
    DWORD count;
    MGM_IF_ENTRY *list;
};

/* What a creation works out before it stores the MFE. */
struct creation {
    DWORD source, group;
    DWORD arrival_index, arrival_nexthop;
    DWORD hdr_size;
    PBYTE hdr;
    DWORD in_index, in_nexthop, upstream;
    struct mgm_route route;
    struct alert *alerts;          /* one per protocol with outgoing interfaces */
    DWORD alert_count;
};

/* Appends a wrong-interface alert for the packet of c to the protocol on
 * its arrival interface, when it has the callback. */
static DWORD wrong_interface(struct mgm_calls *calls, const struct creation *c)
{
    struct mgm_protocol *p = mgm_protocol_on(c->arrival_index, c->arrival_nexthop);
    struct mgm_call *call;

    if (!p || !p->config.pfnWrongIfCallback)
        return NO_ERROR;
    call = mgm_call_to_protocol(calls, MGM_CALL_WRONG_IF, p, c->source, c->group,
                                c->arrival_index, c->arrival_nexthop, c->hdr_size);
    if (!call)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (c->hdr_size)
        memcpy(call->data, c->hdr, c->hdr_size);
    return NO_ERROR;
}

/* The packet of c for an existing MFE m (MGM lock held): a wrong-interface
 * alert when it did not come in on m's incoming interface. */
static DWORD report_to_existing(const struct mgm_mfe *m, const struct creation *c)
{
    struct mgm_calls calls;
    DWORD status = NO_ERROR;

    mgm_calls_init(&calls);
    if (m->in_index != c->arrival_index || m->in_nexthop != c->arrival_nexthop)
        status = wrong_interface(&calls, c);
    mgm_calls_post(&calls);
    return status;
}

/* Calls the RPF callback of the protocol on the incoming interface. */
static void ask_rpf(struct creation *c)
{
    struct mgm_protocol *p;
    struct mgm_gate_frame frame;
    RTM_DEST_INFO route = c->route.dest;

    mgm_lock_shared();
    p = mgm_protocol_on(c->in_index, c->in_nexthop);
    if (p)
        rtm_object_ref(&p->obj);
    mgm_unlock_shared();
    if (!p)
        return;
    if (p->config.pfnRpfCallback) {
        if (mgm_gate_enter(&p->gate, &frame))
            p->config.pfnRpfCallback(c->source, ALL_ONES, c->group, ALL_ONES, &c->in_index,
                                     &c->in_nexthop, &c->upstream, c->hdr_size, c->hdr,
                                     (PBYTE)&route);
        mgm_gate_leave(&frame);
    }
    mgm_protocol_put(p);
}

static void free_alerts(struct creation *c)
{
    for (DWORD i = 0; i < c->alert_count; i++) {
        mgm_protocol_put(c->alerts[i].protocol);
        rtm_free(c->alerts[i].list);
    }
    rtm_free(c->alerts);
    c->alerts = NULL;
    c->alert_count = 0;
}

/* Groups the outgoing interfaces by protocol into c->alerts (MGM lock
 * held). */
static DWORD prepare_alerts(struct creation *c, const struct mgm_ifset *oifs)
{
    c->alerts = rtm_calloc(oifs->count ? oifs->count : 1, sizeof *c->alerts);
    if (!c->alerts)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < oifs->count; i++) {
        const struct mgm_interface *itf =
            mgm_interface_find(oifs->items[i].index, oifs->items[i].nexthop);
        struct mgm_protocol *p = mgm_interface_protocol(itf);
        struct alert *a = NULL;
        MGM_IF_ENTRY *e;

        if (!p || !p->config.pfnCreationAlertCallback)
            continue;
        for (DWORD k = 0; k < c->alert_count && !a; k++)
            if (c->alerts[k].protocol == p)
                a = &c->alerts[k];
        if (!a) {
            a = &c->alerts[c->alert_count];
            a->list = rtm_calloc(oifs->count, sizeof *a->list);
            if (!a->list)
                return ERROR_NOT_ENOUGH_MEMORY;
            a->protocol = p;
            rtm_object_ref(&p->obj);
            c->alert_count++;
        }
        e = &a->list[a->count++];
        e->dwIfIndex = oifs->items[i].index;
        e->dwIfNextHopAddr = oifs->items[i].nexthop;
        e->bIGMP = itf->igmp != NULL;
        e->bIsEnabled = TRUE;
    }
    return NO_ERROR;
}

/* Makes the creation alerts (no lock held). */
static void send_alerts(struct creation *c)
{
    for (DWORD i = 0; i < c->alert_count; i++) {
        struct alert *a = &c->alerts[i];
        struct mgm_gate_frame frame;

        if (mgm_gate_enter(&a->protocol->gate, &frame))
            a->protocol->config.pfnCreationAlertCallback(c->source, ALL_ONES, c->group, ALL_ONES,
                                                         c->in_index, c->in_nexthop, a->count,
                                                         a->list);
        mgm_gate_leave(&frame);
    }
}

/* Nonzero when a creation alert disabled interface (index, nexthop). */
static int disabled(const struct creation *c, DWORD index, DWORD nexthop)
{
    for (DWORD i = 0; i < c->alert_count; i++)
        for (DWORD k = 0; k < c->alerts[i].count; k++) {
            const MGM_IF_ENTRY *e = &c->alerts[i].list[k];
            if (e->dwIfIndex == index && e->dwIfNextHopAddr == nexthop)
                return !e->bIsEnabled;
        }
    return 0;
}

/* A new MFE for c with the outgoing interfaces of oifs that no alert
 * disabled, not in the table yet; NULL when out of memory. */
static struct mgm_mfe *new_mfe(const struct creation *c, const struct mgm_ifset *oifs)
{
    struct mgm_mfe *m = rtm_calloc(1, sizeof *m);
    struct mgm_protocol *in = mgm_protocol_on(c->in_index, c->in_nexthop);

    if (!m || mgm_mfe_reserve(m, oifs->count ? oifs->count : 1) != NO_ERROR) {
        rtm_free(m);
        return NULL;
    }
    for (DWORD i = 0; i < oifs->count; i++)
        if (!disabled(c, oifs->items[i].index, oifs->items[i].nexthop))
            mgm_mfe_oif_add(m, oifs->items[i].index, oifs->items[i].nexthop);
    m->group = c->group;
    m->source = c->source;
    m->in_index = c->in_index;
    m->in_nexthop = c->in_nexthop;
    m->upstream = c->upstream;
    m->in_protocol = in ? in->protocol_id : 0;
    if (c->route.found) {
        m->route_protocol = c->route.protocol;
        m->route_network = c->route.network;
        m->route_mask = c->route.mask;
    }
    m->timeout_s = MGM_MFE_TIMEOUT_S;
    m->serial = ++mgm.mfe_serial;
    m->created_ms = rtm_monotonic_ms();
    return m;
}

/* Stores the MFE of c (MGM lock held, exclusive) and posts its calls: the
 * forwarder's install, a prune alert when it has no outgoing interface, a
 * wrong-interface alert when the packet came in elsewhere. */
static DWORD store(struct creation *c)
{
    struct mgm_ifset oifs = { 0, 0, NULL };
    struct mgm_calls calls;
    struct mgm_mfe *m = NULL;
    struct mgm_call *install = NULL;
    DWORD status;

    mgm_calls_init(&calls);
    status = mgm_covering(c->source, c->group, c->in_index, c->in_nexthop, &oifs);
    if (status == NO_ERROR) {
        m = new_mfe(c, &oifs);
        if (!m)
            status = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (status == NO_ERROR) {
        install = mgm_mfe_update_call(&calls, MGM_CALL_INSTALL_MFE, m, m->noif);
        if (!install)
            status = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (status == NO_ERROR && m->noif == 0)
        status = mgm_mfe_alert(&calls, m, 0);
    if (status == NO_ERROR &&
        (m->in_index != c->arrival_index || m->in_nexthop != c->arrival_nexthop))
        status = wrong_interface(&calls, c);
    if (status == NO_ERROR)
        status = mgm_keymap_insert(&mgm.mfes, mgm_key_addr(c->group), mgm_key_addr(c->source), m);
    mgm_ifset_free(&oifs);
    if (status != NO_ERROR) {
        mgm_calls_discard(&calls);
        if (m)
            mgm_mfe_free(m);
        return status;
    }
    mgm_mfe_restart(m);
    mgm_mfe_fill_call(m, install);
    mgm_calls_post(&calls);
    return NO_ERROR;
}

/* The incoming interface (the route's, else the arrival one) and the
 * upstream neighbour of c (MGM lock held). */
static void choose_incoming(struct creation *c)
{
    if (c->route.found) {
        c->in_index = c->route.index;
        mgm_interface_towards(c->route.index, c->route.neighbour, &c->in_nexthop);
        c->upstream = c->route.neighbour;
    } else {
        c->in_index = c->arrival_index;
        c->in_nexthop = c->arrival_nexthop;
        c->upstream = 0;
    }
}

/* Creates the MFE of c (no lock held). */
static DWORD create(struct mgm_forwarder *f, struct creation *c)
{
    struct mgm_ifset oifs = { 0, 0, NULL };
    struct mgm_mfe *m;
    DWORD status;

    status = mgm_route_lookup(c->source, &c->route);
    if (status != NO_ERROR)
        return status;
    mgm_lock_shared();
    choose_incoming(c);
    mgm_unlock_shared();
    ask_rpf(c);

    mgm_lock_shared();
    status = mgm_covering(c->source, c->group, c->in_index, c->in_nexthop, &oifs);
    if (status == NO_ERROR)
        status = prepare_alerts(c, &oifs);
    mgm_unlock_shared();
    mgm_ifset_free(&oifs);
    if (status == NO_ERROR) {
        send_alerts(c);
        mgm_lock();
        m = mgm.forwarder == f ? mgm_mfe_find(c->source, c->group) : NULL;
        if (mgm.forwarder != f)
            status = ERROR_INVALID_HANDLE;
        else if (m) /* made by another report meanwhile */
            status = report_to_existing(m, c);
        else
            status = store(c);
        mgm_unlock();
    }
    free_alerts(c);
    mgm_route_release(&c->route);
    return status;
}

/**
 * RtmMgmForwarderReportPacket - the forwarder reports a packet it has no
 * MFE for, or that came in on another interface than its MFE's incoming
 * one (an rtm extension, include/rtm_mgm_forwarder.h).
 *
 * @Forwarder       [in] its handle.
 * @Source, @Group  [in] the packet's source (a unicast address) and group
 *                       (class D), network order.
 * @InIfIndex, @InIfNextHopAddr [in] the interface it arrived on.
 * @HdrSize         [in] bytes at PacketHdr (at most 65535), in bytes.
 * @PacketHdr       [in] its IP header and what follows, for the RPF and
 *                       wrong-interface callbacks; may be NULL when
 *                       HdrSize is 0.
 *
 * Without an MFE of the pair: the incoming interface is the interface of
 * the best route to Source in the multicast view (rpf.h; the link to the
 * route's next hop when the MGM knows that point-to-multipoint link),
 * with the route's next hop as upstream neighbour, or, without a route,
 * the arrival interface; the RPF callback of the protocol on it is called
 * (in this thread) and may change both. The outgoing interfaces are those
 * with members of (Source, Group), (*, Group) or (*, *) but the incoming
 * one; the creation alert of each protocol with some of them is called (in
 * this thread) and may disable its own. The MFE is stored with a timeout
 * of 900 seconds; the forwarder gets InstallMfe; the protocol on the
 * incoming interface gets a prune alert (bMemberDelete FALSE, its answer:
 * the timeout) when there is no outgoing interface. When the packet did
 * not come in on the MFE's incoming interface (new or not), the protocol
 * on its arrival interface gets a wrong-interface alert.
 * Returns NO_ERROR; ERROR_INVALID_HANDLE (Forwarder);
 * ERROR_INVALID_PARAMETER (an address, HdrSize or PacketHdr; nothing
 * changes); ERROR_NOT_ENOUGH_MEMORY (no MFE is made; the RPF and creation
 * callbacks may have been called).
 * Takes the MGM lock, not while a callback runs; must not be called while
 * holding a lock that a protocol's RPF or creation callback takes.
 */
DWORD WINAPI RtmMgmForwarderReportPacket(HANDLE Forwarder, DWORD Source, DWORD Group,
                                         DWORD InIfIndex, DWORD InIfNextHopAddr, DWORD HdrSize,
                                         PBYTE PacketHdr)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmMgmForwarderReportPacket,
                              (Forwarder, Source, Group, InIfIndex, InIfNextHopAddr, HdrSize,
                               PacketHdr),
                              "source %#x, group %#x, interface %u", RTM_DEBUG_U(Source),
                              RTM_DEBUG_U(Group), RTM_DEBUG_U(InIfIndex));
    struct creation c;
    struct mgm_forwarder *f;
    struct mgm_mfe *m;
    DWORD status;

    if (!mgm_is_class_d(Group) || Source == 0 || mgm_is_class_d(Source) || HdrSize > MAX_HEADER ||
        (HdrSize && !PacketHdr))
        return ERROR_INVALID_PARAMETER;
    f = mgm_forwarder_get(Forwarder);
    if (!f)
        return ERROR_INVALID_HANDLE;
    memset(&c, 0, sizeof c);
    c.source = Source;
    c.group = Group;
    c.arrival_index = InIfIndex;
    c.arrival_nexthop = InIfNextHopAddr;
    c.hdr_size = HdrSize;
    c.hdr = PacketHdr;

    mgm_lock();
    m = mgm.forwarder == f ? mgm_mfe_find(Source, Group) : NULL;
    if (mgm.forwarder != f)
        status = ERROR_INVALID_HANDLE;
    else if (m)
        status = report_to_existing(m, &c);
    else
        status = ERROR_NOT_FOUND;
    mgm_unlock();
    if (status == ERROR_NOT_FOUND)
        status = create(f, &c);
    rtm_object_unref(&f->obj);
    return status;
}
