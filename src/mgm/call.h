/*
 * call.h - the callbacks the MGM makes to protocols and to the forwarder
 * as a result of changes: join and prune alerts, local joins and leaves,
 * wrong-interface alerts, IGMP's disable and enable, and the forwarder's
 * MFE installs, updates and removals.
 *
 * A change prepares its calls (allocating them before anything changes,
 * so that running out of memory changes nothing) and posts them, under
 * the MGM lock, to one queue: posting under the lock makes the queue's
 * order the order of the changes. The queue is delivered by one work item
 * at a time on a worker thread (base/platform.h), call after call, outside
 * every lock, each through its target's gate (gate.h): a target that has
 * deregistered is skipped. So a client sees the MGM's changes in the order
 * they happened, and may call the MGM and RTMv2 from its callbacks.
 *
 * The RPF and creation-alert callbacks are not queued: their answers make
 * the MFE being created, so the thread creating it calls them directly
 * (mfe_create.c).
 */
#ifndef RTM_MGM_CALL_H
#define RTM_MGM_CALL_H

#include "protocol.h"

struct mgm_forwarder;

enum mgm_call_kind {
    MGM_CALL_JOIN_ALERT,
    MGM_CALL_PRUNE_ALERT,
    MGM_CALL_LOCAL_JOIN,
    MGM_CALL_LOCAL_LEAVE,
    MGM_CALL_WRONG_IF,
    MGM_CALL_DISABLE_IGMP,
    MGM_CALL_ENABLE_IGMP,
    MGM_CALL_INSTALL_MFE,
    MGM_CALL_UPDATE_MFE,
    MGM_CALL_REMOVE_MFE
};

struct mgm_call {
    struct mgm_call *next;
    enum mgm_call_kind kind;
    struct mgm_protocol *protocol;   /* target of a protocol's callback (internal reference) */
    struct mgm_forwarder *forwarder; /* target of a forwarder's callback (internal reference) */
    DWORD source, source_mask, group, group_mask;
    DWORD index, nexthop;            /* the interface it concerns */
    WINBOOL member;                  /* bMemberUpdate / bMemberDelete */
    uint64_t mfe_serial;             /* a prune alert about an MFE: the MFE whose timeout
                                        the answer sets (mfe.h); 0 otherwise */
    DWORD timeout;                   /* the prune alert's *pdwTimeout, in seconds */
    DWORD size;                      /* bytes at data */
    void *data;                      /* the MFE (install, update) or the packet header
                                        (wrong interface): the call's own copy */
    /* After a prune alert about an MFE returned (no lock held): applies
     * its answer (call->timeout). NULL: nothing to apply. */
    void (*answered)(struct mgm_call *call);
    /* Frees a call that is part of another object (an MFE's removal);
     * NULL: the call is freed on its own. */
    void (*release)(struct mgm_call *call);
};

/* Calls prepared by one change, in order. */
struct mgm_calls {
    struct mgm_call *head;
    struct mgm_call **tail;
};

static inline void mgm_calls_init(struct mgm_calls *calls)
{
    calls->head = NULL;
    calls->tail = &calls->head;
}

/*
 * A new call of kind to protocol p (referenced) with the pair and
 * interface it concerns, appended to calls; data_size bytes of data are
 * allocated (zeroed) when nonzero. Returns the call, or NULL when out of
 * memory (nothing appended).
 */
struct mgm_call *mgm_call_to_protocol(struct mgm_calls *calls, enum mgm_call_kind kind,
                                      struct mgm_protocol *p, DWORD source, DWORD group,
                                      DWORD index, DWORD nexthop, DWORD data_size);

/* A new call of kind to forwarder f (referenced), as above. */
struct mgm_call *mgm_call_to_forwarder(struct mgm_calls *calls, enum mgm_call_kind kind,
                                       struct mgm_forwarder *f, DWORD source, DWORD group,
                                       DWORD data_size);

/* Appends one call (a removal that is part of an MFE) to calls. */
void mgm_calls_add(struct mgm_calls *calls, struct mgm_call *call);

/* Frees calls never posted. */
void mgm_calls_discard(struct mgm_calls *calls);

/* Prepares the delivery (once: a client's registration calls it, so that
 * a change never finds it missing). Returns NO_ERROR or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD mgm_calls_ready(void);

/* Queues calls for delivery (MGM lock held, exclusive; delivery ready);
 * calls is emptied. */
void mgm_calls_post(struct mgm_calls *calls);

/* Frees the delivery's work item (library unload, after the workers ran
 * what was queued: the queue is empty). */
void mgm_calls_shutdown(void);

#endif /* RTM_MGM_CALL_H */
