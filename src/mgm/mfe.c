/*
 * mfe.c - multicast forwarding entries (mfe.h).
 */
#include <stddef.h>
#include <string.h>

#include "mfe.h"
#include "forwarder.h"
#include "interface.h"
#include "state.h"

struct mgm_mfe *mgm_mfe_find(DWORD source, DWORD group)
{
    return mgm_keymap_find(&mgm.mfes, mgm_key_addr(group), mgm_key_addr(source));
}

struct mgm_mfe *mgm_mfe_next(DWORD source, DWORD group, int inclusive)
{
    DWORD g = mgm_key_addr(group), s = mgm_key_addr(source);

    return mgm_keymap_next(&mgm.mfes, &g, &s, inclusive);
}

int mgm_mfe_oif_find(const struct mgm_mfe *m, DWORD index, DWORD nexthop)
{
    for (DWORD i = 0; i < m->noif; i++)
        if (m->oif[i].stats.dwOutIfIndex == index && m->oif[i].stats.dwNextHopAddr == nexthop)
            return (int)i;
    return -1;
}

DWORD mgm_mfe_reserve(struct mgm_mfe *m, DWORD n)
{
    struct mgm_oif *room;

    if (n <= m->cap)
        return NO_ERROR;
    room = rtm_calloc(n, sizeof *room);
    if (!room)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (m->noif)
        memcpy(room, m->oif, m->noif * sizeof *room);
    rtm_free(m->oif);
    m->oif = room;
    m->cap = n;
    return NO_ERROR;
}

void mgm_mfe_oif_add(struct mgm_mfe *m, DWORD index, DWORD nexthop)
{
    struct mgm_oif *o = &m->oif[m->noif++];

    memset(o, 0, sizeof *o);
    o->stats.dwOutIfIndex = index;
    o->stats.dwNextHopAddr = nexthop;
}

void mgm_mfe_oif_remove(struct mgm_mfe *m, int pos)
{
    memmove(&m->oif[pos], &m->oif[pos + 1], (m->noif - (DWORD)pos - 1) * sizeof m->oif[0]);
    m->noif--;
}

DWORD mgm_mfe_size(DWORD n)
{
    return (DWORD)SIZEOF_MIB_MFE(n);
}

static ULONG seconds_between(uint64_t from_ms, uint64_t to_ms)
{
    return to_ms > from_ms ? (ULONG)((to_ms - from_ms + 999) / 1000) : 0;
}

/* The members of MIB_IPMCAST_MFE an MFE fills, none of its outgoing
 * interfaces. */
static void fill_basic(const struct mgm_mfe *m, uint64_t now_ms, MIB_IPMCAST_MFE *h)
{
    memset(h, 0, sizeof *h);
    h->dwGroup = m->group;
    h->dwSource = m->source;
    h->dwSrcMask = 0xFFFFFFFFu;
    h->dwUpStrmNgbr = m->upstream;
    h->dwInIfIndex = m->in_index;
    h->dwInIfProtocol = m->in_protocol;
    h->dwRouteProtocol = m->route_protocol;
    h->dwRouteNetwork = m->route_network;
    h->dwRouteMask = m->route_mask;
    h->ulUpTime = (ULONG)((now_ms - m->created_ms) / 1000);
    h->ulExpiryTime = seconds_between(now_ms, m->expires_ms);
    h->ulTimeOut = m->timeout_s;
    h->ulNumOutIf = m->noif;
}

void mgm_mfe_write(const struct mgm_mfe *m, uint64_t now_ms, void *out)
{
    MIB_IPMCAST_MFE h;
    char *p = out;

    fill_basic(m, now_ms, &h);
    memcpy(p, &h, SIZEOF_BASIC_MIB_MFE);
    p += SIZEOF_BASIC_MIB_MFE;
    for (DWORD i = 0; i < m->noif; i++, p += sizeof(MIB_IPMCAST_OIF)) {
        MIB_IPMCAST_OIF o;
        memset(&o, 0, sizeof o);
        o.dwOutIfIndex = m->oif[i].stats.dwOutIfIndex;
        o.dwNextHopAddr = m->oif[i].stats.dwNextHopAddr;
        memcpy(p, &o, sizeof o);
    }
}

DWORD mgm_mfe_stats_size(int ex, DWORD n)
{
    return (DWORD)(ex ? SIZEOF_MIB_MFE_STATS_EX(n) : SIZEOF_MIB_MFE_STATS(n));
}

/* The two statistics structures share their members up to
 * ulQueueOverflow, and the outgoing interfaces' layout. */
_Static_assert(offsetof(MIB_IPMCAST_MFE_STATS_EX, ulUninitMfe) == SIZEOF_BASIC_MIB_MFE_STATS,
               "MIB_IPMCAST_MFE_STATS is the start of MIB_IPMCAST_MFE_STATS_EX");
/* ... and with MIB_IPMCAST_MFE the members up to ulExpiryTime. */
_Static_assert(offsetof(MIB_IPMCAST_MFE_STATS_EX, ulNumOutIf) ==
                   offsetof(MIB_IPMCAST_MFE, ulTimeOut) &&
               offsetof(MIB_IPMCAST_MFE_STATS_EX, ulExpiryTime) ==
                   offsetof(MIB_IPMCAST_MFE, ulExpiryTime),
               "MIB_IPMCAST_MFE and MIB_IPMCAST_MFE_STATS_EX start alike");

void mgm_mfe_write_stats(const struct mgm_mfe *m, int ex, uint64_t now_ms, void *out)
{
    MIB_IPMCAST_MFE basic_mfe;
    MIB_IPMCAST_MFE_STATS_EX h;
    char *p = out;
    DWORD basic = ex ? SIZEOF_BASIC_MIB_MFE_STATS_EX : SIZEOF_BASIC_MIB_MFE_STATS;

    fill_basic(m, now_ms, &basic_mfe);
    memset(&h, 0, sizeof h);
    memcpy(&h, &basic_mfe, offsetof(MIB_IPMCAST_MFE, ulTimeOut));
    h.ulNumOutIf = m->noif;
    h.ulInPkts = m->counters.in_pkts;
    h.ulInOctets = m->counters.in_octets;
    h.ulPktsDifferentIf = m->counters.pkts_different_if;
    h.ulQueueOverflow = m->counters.queue_overflow;
    h.ulUninitMfe = m->counters.uninit_mfe;
    h.ulNegativeMfe = m->counters.negative_mfe;
    h.ulInDiscards = m->counters.in_discards;
    h.ulInHdrErrors = m->counters.in_hdr_errors;
    h.ulTotalOutPackets = m->counters.total_out_packets;
    memcpy(p, &h, basic);
    p += basic;
    for (DWORD i = 0; i < m->noif; i++, p += sizeof(MIB_IPMCAST_OIF_STATS))
        memcpy(p, &m->oif[i].stats, sizeof(MIB_IPMCAST_OIF_STATS));
}

struct mgm_call *mgm_mfe_update_call(struct mgm_calls *calls, enum mgm_call_kind kind,
                                     const struct mgm_mfe *m, DWORD n)
{
    return mgm_call_to_forwarder(calls, kind, mgm.forwarder, m->source, m->group,
                                 mgm_mfe_size(n));
}

void mgm_mfe_fill_call(const struct mgm_mfe *m, struct mgm_call *call)
{
    call->size = mgm_mfe_size(m->noif);
    mgm_mfe_write(m, rtm_monotonic_ms(), call->data);
}

void mgm_mfe_free(struct mgm_mfe *m)
{
    rtm_free(m->oif);
    rtm_free(m);
}

DWORD mgm_mfe_alert(struct mgm_calls *calls, const struct mgm_mfe *m, int join)
{
    struct mgm_protocol *p = mgm_protocol_on(m->in_index, m->in_nexthop);
    struct mgm_call *call;

    if (!p || (join ? !p->config.pfnJoinAlertCallback : !p->config.pfnPruneAlertCallback))
        return NO_ERROR;
    call = mgm_call_to_protocol(calls, join ? MGM_CALL_JOIN_ALERT : MGM_CALL_PRUNE_ALERT, p,
                                m->source, m->group, m->in_index, m->in_nexthop, 0);
    if (!call)
        return ERROR_NOT_ENOUGH_MEMORY;
    call->member = FALSE;
    if (!join) {
        call->timeout = m->timeout_s;
        call->mfe_serial = m->serial;
        call->answered = mgm_mfe_prune_answered;
    }
    return NO_ERROR;
}

/* The removal's release hook: frees the MFE it is part of. */
static void release_removal(struct mgm_call *call)
{
    mgm_mfe_free((struct mgm_mfe *)((char *)call - offsetof(struct mgm_mfe, removal)));
}

void mgm_mfe_delete(struct mgm_mfe *m, struct mgm_calls *calls)
{
    struct mgm_call *c = &m->removal;

    mgm_keymap_remove(&mgm.mfes, mgm_key_addr(m->group), mgm_key_addr(m->source));
    memset(c, 0, sizeof *c);
    c->kind = MGM_CALL_REMOVE_MFE;
    c->source = m->source;
    c->group = m->group;
    c->forwarder = mgm.forwarder;
    c->release = release_removal;
    rtm_object_ref(&c->forwarder->obj);
    mgm_calls_add(calls, c);
}

void mgm_mfe_restart(struct mgm_mfe *m)
{
    m->expires_ms = rtm_monotonic_ms() + (uint64_t)m->timeout_s * 1000;
    mgm_expiry_arm(mgm.forwarder, m->expires_ms);
}

void mgm_mfe_prune_answered(struct mgm_call *call)
{
    struct mgm_mfe *m;

    mgm_lock();
    m = mgm_mfe_find(call->source, call->group);
    if (m && m->serial == call->mfe_serial && mgm.forwarder) {
        m->timeout_s = call->timeout;
        mgm_mfe_restart(m);
    }
    mgm_unlock();
}
