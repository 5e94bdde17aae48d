/*
 * plan.h - a change of the group memberships on one interface, planned
 * before it is made.
 *
 * Joins and leaves (membership.c) and ownership changes (ownership.c)
 * change the members of one interface. A plan works out, from the table
 * as it will be, the callbacks the change causes - join and prune alerts
 * to the protocols (spec/mgm/nc-mgm-pmgm_join_alert_callback.md and
 * nc-mgm-pmgm_prune_alert_callback.md), and the changes of the MFEs'
 * outgoing interfaces with the forwarder's updates and the alerts about
 * MFEs - allocating everything it will need. Only then is the change
 * applied (mgm_plan_apply), which cannot fail; or, when memory ran out,
 * the plan is discarded and nothing has changed.
 *
 * How a plan sees the change: the members about to go are marked leaving
 * (the caller marks them before planning the entries they are in), and the
 * one member about to come is the plan's extra (membership.c).
 * Everything here is under the MGM lock, held exclusive from the plan to
 * its application or discard.
 */
#ifndef RTM_MGM_PLAN_H
#define RTM_MGM_PLAN_H

#include "group.h"
#include "mfe.h"

/* How an MFE's outgoing interfaces follow the change (mgm_plan_mfes). */
enum mgm_oif_rule {
    MGM_OIF_MEMBERS,      /* the interface is there when members cover the MFE */
    MGM_OIF_ADD,          /* added (MGM_FORWARD_STATE_FLAG) */
    MGM_OIF_REMOVE,       /* removed (MGM_FORWARD_STATE_FLAG) */
    MGM_OIF_REMOVE_ALL    /* removed from every MFE (the interface is released) */
};

struct mgm_entry_change;
struct mgm_oif_change;

struct mgm_plan {
    DWORD index, nexthop;              /* the interface */
    struct mgm_protocol *caller;       /* the protocol whose call it is */
    struct mgm_member *extra;          /* the member about to come, or NULL */
    struct mgm_group *extra_group;     /* its entry */
    struct mgm_calls calls;            /* the callbacks, in order */
    struct mgm_entry_change *entries;  /* entries whose members change */
    struct mgm_oif_change *oifs;       /* MFEs whose outgoing interfaces change */
};

void mgm_plan_init(struct mgm_plan *plan, struct mgm_protocol *caller, DWORD index,
                   DWORD nexthop);

/*
 * Plans the change of entry g: its members marked leaving go, plan->extra
 * comes when g is plan->extra_group. Appends the join or prune alerts
 * (bMemberUpdate / bMemberDelete TRUE) it causes: for a wildcard entry,
 * to every other registered protocol (but the caller) when the first
 * client comes or the last goes, and to the one remaining client when a
 * second comes or goes;
 * for an (s, g) entry, to its upstream protocol when the first client
 * other than it comes (upstream: the protocol on the interface towards s,
 * given by the caller, or NULL) or the last goes. Returns NO_ERROR or
 * ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD mgm_plan_entry(struct mgm_plan *plan, struct mgm_group *g, struct mgm_protocol *upstream);

/*
 * Plans the outgoing interfaces of the MFEs of entry (source, group)
 * ((s, g): that MFE; (*, g): the group's; (*, *): all), or of every MFE
 * for MGM_OIF_REMOVE_ALL, at the plan's interface, following rule; the
 * interface is never an MFE's incoming one. Appends the forwarder's
 * updates and, when an MFE's list goes from empty to not or back, a join
 * or prune alert (bMember... FALSE) to the protocol on its incoming
 * interface. Returns NO_ERROR or ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD mgm_plan_mfes(struct mgm_plan *plan, DWORD source, DWORD group, enum mgm_oif_rule rule);

/* Makes the planned change; the calls stay in plan->calls for the caller
 * to complete and post (mgm_calls_post). */
void mgm_plan_apply(struct mgm_plan *plan);

/* Forgets the plan: nothing changes (the leaving marks are cleared, the
 * extra member is freed, the entries it created are dropped). */
void mgm_plan_discard(struct mgm_plan *plan);

#endif /* RTM_MGM_PLAN_H */
