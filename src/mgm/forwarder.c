/*
 * forwarder.c - the forwarder's registration and counters
 * (rtm_mgm_forwarder.h, forwarder.h). Its packet reports, which create
 * MFEs, are in mfe_create.c.
 */
#include <string.h>

#include "forwarder.h"
#include "base/debug.h"
#include "call.h"
#include "mfe.h"
#include "state.h"

struct mgm_forwarder *mgm_forwarder_get(HANDLE h)
{
    struct mgm_forwarder *f =
        (struct mgm_forwarder *)rtm_handle_lookup(h, RTM_OBJ_MGM_FORWARDER);

    if (f && !mgm_gate_is_open(&f->gate)) {
        rtm_object_unref(&f->obj);
        f = NULL;
    }
    return f;
}

static void forwarder_free(struct rtm_object *obj)
{
    struct mgm_forwarder *f = (struct mgm_forwarder *)obj;

    rtm_timer_destroy(&f->expiry);
    rtm_free(f);
}

void mgm_forwarder_destroy(struct rtm_object *obj)
{
    forwarder_free(obj);
}

/**
 * RtmMgmForwarderRegister - connects the forwarder to the MGM (an rtm
 * extension, include/rtm_mgm_forwarder.h; no Microsoft spec page).
 *
 * @Config    [in]  its callbacks (any may be NULL) and their Context;
 *                  copied. They run on worker threads, one at a time, in
 *                  the order of the changes, outside every lock.
 * @Forwarder [out] its handle, until RtmMgmForwarderDeregister.
 *
 * One forwarder at a time. Returns NO_ERROR; ERROR_INVALID_PARAMETER when
 * a pointer is NULL (nothing written); ERROR_ALREADY_EXISTS when a
 * forwarder is registered; ERROR_NOT_ENOUGH_MEMORY.
 * Takes the MGM lock.
 */
DWORD WINAPI RtmMgmForwarderRegister(const RTM_MGM_FORWARDER_CONFIG *Config, HANDLE *Forwarder)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmMgmForwarderRegister, (Config, Forwarder), "config %#llx",
                              RTM_DEBUG_H(Config));
    struct mgm_forwarder *f;
    DWORD status = NO_ERROR;

    if (!Config || !Forwarder)
        return ERROR_INVALID_PARAMETER;
    if (mgm_calls_ready() != NO_ERROR)
        return ERROR_NOT_ENOUGH_MEMORY;
    f = rtm_calloc(1, sizeof *f);
    if (!f)
        return ERROR_NOT_ENOUGH_MEMORY;
    f->config = *Config;
    mgm_gate_init(&f->gate);
    if (rtm_timer_init(&f->expiry, &f->obj, mgm_expiry_fire) != NO_ERROR) {
        rtm_free(f);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    mgm_lock();
    if (mgm.forwarder)
        status = ERROR_ALREADY_EXISTS;
    else if (rtm_object_init(&f->obj, RTM_OBJ_MGM_FORWARDER, forwarder_free) != RTM_HANDLE_OK)
        status = ERROR_NOT_ENOUGH_MEMORY;
    else
        mgm.forwarder = f; /* the creator's reference becomes the registration's */
    mgm_unlock();
    if (status != NO_ERROR) {
        rtm_timer_destroy(&f->expiry);
        rtm_free(f);
        return status;
    }
    *Forwarder = rtm_object_handle(&f->obj);
    return NO_ERROR;
}

/**
 * RtmMgmForwarderDeregister - disconnects the forwarder (an rtm extension,
 * include/rtm_mgm_forwarder.h).
 *
 * @Forwarder [in] its handle.
 *
 * Every MFE is deleted, without RemoveMfe calls (the forwarder drops its
 * cache itself). No callback of the forwarder starts any more (those
 * queued are dropped) and the call waits for those in progress, but the
 * one it is called from. When no protocol is registered either, the MGM's
 * RTMv2 registration ends. Returns NO_ERROR, or ERROR_INVALID_HANDLE when
 * Forwarder is not the registered forwarder's handle.
 * Takes the MGM lock; must not be called while holding a lock that a
 * callback of the forwarder takes.
 */
DWORD WINAPI RtmMgmForwarderDeregister(HANDLE Forwarder)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmMgmForwarderDeregister, (Forwarder), "forwarder %#llx",
                              RTM_DEBUG_H(Forwarder));
    struct mgm_forwarder *f = mgm_forwarder_get(Forwarder);
    int registered;

    if (!f)
        return ERROR_INVALID_HANDLE;
    mgm_lock();
    registered = mgm.forwarder == f;
    if (registered) {
        struct mgm_mfe *m;
        while ((m = mgm_mfe_next(0, 0, 1))) {
            mgm_keymap_remove(&mgm.mfes, mgm_key_addr(m->group), mgm_key_addr(m->source));
            mgm_mfe_free(m);
        }
        mgm.forwarder = NULL;
        mgm_gate_close(&f->gate);
        rtm_timer_cancel(&f->expiry);
        f->expiry_due = 0;
    }
    mgm_unlock();
    if (registered) {
        mgm_gate_wait(&f->gate);
        rtm_object_unref(&f->obj); /* the registration's reference */
        mgm_after_deregistration();
    }
    rtm_object_unref(&f->obj);
    return registered ? NO_ERROR : ERROR_INVALID_HANDLE;
}

/* Takes the forwarder's counters of interface o of an MFE, when it has it. */
static void take_oif_counters(struct mgm_mfe *m, const MIB_IPMCAST_OIF_STATS *o)
{
    int pos = mgm_mfe_oif_find(m, o->dwOutIfIndex, o->dwNextHopAddr);

    if (pos >= 0)
        m->oif[pos].stats = *o;
}

/**
 * RtmMgmForwarderReportCounters - the forwarder's counters of an MFE (an
 * rtm extension, include/rtm_mgm_forwarder.h), which the MFE statistics
 * functions return from then on.
 *
 * @Forwarder [in] its handle.
 * @Counters  [in] dwSource and dwGroup name the MFE; the counters are
 *                 totals since the MFE was installed: ulInPkts, ulInOctets,
 *                 ulPktsDifferentIf, ulQueueOverflow, ulUninitMfe,
 *                 ulNegativeMfe, ulInDiscards, ulInHdrErrors,
 *                 ulTotalOutPackets, and rgmiosOutStats[0 ..
 *                 ulNumOutIf - 1], each for the outgoing interface it names
 *                 (entries for interfaces the MFE has not are ignored). The
 *                 other members are ignored.
 * @Size      [in] bytes at Counters, in bytes: at least
 *                 SIZEOF_MIB_MFE_STATS_EX(Counters->ulNumOutIf).
 *
 * When ulInPkts rose, the MFE's timeout starts again. Returns NO_ERROR;
 * ERROR_INVALID_HANDLE (Forwarder); ERROR_INVALID_PARAMETER (Counters NULL
 * or Size too small: nothing changes); ERROR_NOT_FOUND (no MFE of the
 * pair). Takes the MGM lock.
 */
DWORD WINAPI RtmMgmForwarderReportCounters(HANDLE Forwarder,
                                           const MIB_IPMCAST_MFE_STATS_EX *Counters, DWORD Size)
{
    RTM_DEBUG_API_ENTRY_NOREG(RtmMgmForwarderReportCounters, (Forwarder, Counters, Size),
                              "forwarder %#llx, size %u", RTM_DEBUG_H(Forwarder),
                              RTM_DEBUG_U(Size));
    struct mgm_forwarder *f;
    struct mgm_mfe *m;
    DWORD status = NO_ERROR;

    if (!Counters || Size < SIZEOF_BASIC_MIB_MFE_STATS_EX ||
        (uint64_t)Size < (uint64_t)SIZEOF_BASIC_MIB_MFE_STATS_EX +
                             (uint64_t)Counters->ulNumOutIf * sizeof(MIB_IPMCAST_OIF_STATS))
        return ERROR_INVALID_PARAMETER;
    f = mgm_forwarder_get(Forwarder);
    if (!f)
        return ERROR_INVALID_HANDLE;
    mgm_lock();
    m = mgm.forwarder == f ? mgm_mfe_find(Counters->dwSource, Counters->dwGroup) : NULL;
    if (mgm.forwarder != f) {
        status = ERROR_INVALID_HANDLE;
    } else if (!m) {
        status = ERROR_NOT_FOUND;
    } else {
        if (Counters->ulInPkts > m->counters.in_pkts)
            mgm_mfe_restart(m);
        m->counters.in_pkts = Counters->ulInPkts;
        m->counters.in_octets = Counters->ulInOctets;
        m->counters.pkts_different_if = Counters->ulPktsDifferentIf;
        m->counters.queue_overflow = Counters->ulQueueOverflow;
        m->counters.uninit_mfe = Counters->ulUninitMfe;
        m->counters.negative_mfe = Counters->ulNegativeMfe;
        m->counters.in_discards = Counters->ulInDiscards;
        m->counters.in_hdr_errors = Counters->ulInHdrErrors;
        m->counters.total_out_packets = Counters->ulTotalOutPackets;
        const MIB_IPMCAST_OIF_STATS *oifs =
            (const MIB_IPMCAST_OIF_STATS *)((const char *)Counters + SIZEOF_BASIC_MIB_MFE_STATS_EX);
        for (ULONG i = 0; i < Counters->ulNumOutIf; i++)
            take_oif_counters(m, &oifs[i]);
    }
    mgm_unlock();
    rtm_object_unref(&f->obj);
    return status;
}
