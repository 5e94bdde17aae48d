/*
 * mfe.h - multicast forwarding entries (MFEs): for one (source, group),
 * the interface its packets must come in on and the interfaces they go
 * out on, as the MGM tells the forwarder.
 *
 * MFEs are made from the forwarder's reports (mfe_create.c) and live in
 * mgm.mfes, keyed by (group, source) in host order, which is the order the
 * MFE functions return them in. They exist only while a forwarder is
 * registered: its deregistration deletes them all. Each expires after its
 * timeout (ulTimeOut, seconds; 900 unless the prune alert about it says
 * otherwise), counted from its creation and restarted whenever the
 * forwarder reports that packets came (RtmMgmForwarderReportCounters);
 * the forwarder's timer (mfe_expiry.c) deletes the expired ones.
 * Everything here is under the MGM lock.
 */
#ifndef RTM_MGM_MFE_H
#define RTM_MGM_MFE_H

#include "call.h"

/* The timeout of a new MFE, in seconds (the prune alert's default). */
#define MGM_MFE_TIMEOUT_S 900u

/* One outgoing interface and the forwarder's counters for it. */
struct mgm_oif {
    MIB_IPMCAST_OIF_STATS stats; /* dwOutIfIndex, dwNextHopAddr: the interface */
};

/* The forwarder's counters of an MFE (RtmMgmForwarderReportCounters). */
struct mgm_mfe_counters {
    ULONG in_pkts, in_octets, pkts_different_if, queue_overflow;
    ULONG uninit_mfe, negative_mfe, in_discards, in_hdr_errors, total_out_packets;
};

struct mgm_mfe {
    DWORD group, source;             /* network order */
    DWORD in_index, in_nexthop;      /* the incoming interface */
    DWORD upstream;                  /* the upstream neighbour */
    DWORD in_protocol;               /* the protocol on the incoming interface at creation */
    DWORD route_protocol, route_network, route_mask; /* the route towards the source */
    uint64_t serial;                 /* 1, 2, ...: tells a new MFE of a pair from an old one */
    uint64_t created_ms, expires_ms; /* rtm_monotonic_ms() times */
    DWORD timeout_s;
    DWORD noif, cap;                 /* outgoing interfaces, and the room for them */
    struct mgm_oif *oif;
    struct mgm_mfe_counters counters;
    struct mgm_call removal;         /* queued when it is deleted; frees it */
};

/* The MFE of (source, group), or NULL. */
struct mgm_mfe *mgm_mfe_find(DWORD source, DWORD group);

/* The first MFE at (inclusive) or after (source, group) in the MFEs'
 * order: (0, 0, 1) is the first of all, (0, group, 1) the first of the
 * group or after. NULL at the end. */
struct mgm_mfe *mgm_mfe_next(DWORD source, DWORD group, int inclusive);

/* The position of interface (index, nexthop) among m's outgoing ones, or -1. */
int mgm_mfe_oif_find(const struct mgm_mfe *m, DWORD index, DWORD nexthop);

/* Makes room for n outgoing interfaces. Returns NO_ERROR or
 * ERROR_NOT_ENOUGH_MEMORY (m unchanged but for its room). */
DWORD mgm_mfe_reserve(struct mgm_mfe *m, DWORD n);

/* Adds an outgoing interface (room reserved) / removes the one at pos. */
void mgm_mfe_oif_add(struct mgm_mfe *m, DWORD index, DWORD nexthop);
void mgm_mfe_oif_remove(struct mgm_mfe *m, int pos);

/* The bytes of m as a MIB_IPMCAST_MFE with n outgoing interfaces
 * (SIZEOF_MIB_MFE(n)). */
DWORD mgm_mfe_size(DWORD n);

/* Writes m as MgmGetMfe returns it (mgm_mfe_size(m->noif) bytes at out,
 * which need not be aligned), at monotonic time now_ms. */
void mgm_mfe_write(const struct mgm_mfe *m, uint64_t now_ms, void *out);

/* The bytes of m's statistics of kind ex (0: MIB_IPMCAST_MFE_STATS,
 * 1: MIB_IPMCAST_MFE_STATS_EX) with n outgoing interfaces. */
DWORD mgm_mfe_stats_size(int ex, DWORD n);

/* Writes m's statistics of kind ex (mgm_mfe_stats_size(ex, m->noif) bytes
 * at out, which need not be aligned), at monotonic time now_ms. */
void mgm_mfe_write_stats(const struct mgm_mfe *m, int ex, uint64_t now_ms, void *out);

/* Prepares an MFE's update call to the forwarder, with room for the MFE
 * with n outgoing interfaces (filled by mgm_mfe_fill_call), appended to
 * calls. Returns NULL when out of memory. */
struct mgm_call *mgm_mfe_update_call(struct mgm_calls *calls, enum mgm_call_kind kind,
                                     const struct mgm_mfe *m, DWORD n);

/* Writes m into a call prepared by mgm_mfe_update_call. */
void mgm_mfe_fill_call(const struct mgm_mfe *m, struct mgm_call *call);

/*
 * Appends to calls, when the protocol on m's incoming interface has the
 * callback, a join alert (join nonzero: m's outgoing interfaces are no
 * longer none) or a prune alert (they are none now: its answer sets m's
 * timeout) with bMember... FALSE. Returns NO_ERROR or
 * ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD mgm_mfe_alert(struct mgm_calls *calls, const struct mgm_mfe *m, int join);

/* Deletes m: takes it out of the table and appends its removal to calls
 * (it is freed once the removal was delivered). */
void mgm_mfe_delete(struct mgm_mfe *m, struct mgm_calls *calls);

/* Frees m outright (not in the table; no removal is sent). */
void mgm_mfe_free(struct mgm_mfe *m);

/* Restarts m's timeout from now (arming the expiry timer when it falls
 * due before the time it is armed for). */
void mgm_mfe_restart(struct mgm_mfe *m);

/* The `answered` hook of a prune alert about an MFE (call.h): the MFE of
 * the call's pair, if it is still the one alerted about, takes the
 * protocol's answer as its timeout, from now. Takes the MGM lock. */
void mgm_mfe_prune_answered(struct mgm_call *call);

#endif /* RTM_MGM_MFE_H */
