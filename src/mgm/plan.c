/*
 * plan.c - planning a change of the memberships on one interface, and
 * making it (plan.h).
 */
#include "plan.h"
#include "interface.h"
#include "state.h"

#define ALL_ONES 0xFFFFFFFFu

/* An entry whose members change, and what happens to its upstream. */
struct mgm_entry_change {
    struct mgm_entry_change *next;
    struct mgm_group *g;
    struct mgm_protocol *new_upstream; /* set it (not referenced yet), or NULL */
    int clear_upstream;                /* the prune alert went: forget it */
};

/* An MFE whose outgoing interfaces change: the plan's interface comes or
 * goes. */
struct mgm_oif_change {
    struct mgm_oif_change *next;
    struct mgm_mfe *mfe;
    int add;
    struct mgm_call *update;           /* the forwarder's update, to fill */
};

void mgm_plan_init(struct mgm_plan *plan, struct mgm_protocol *caller, DWORD index,
                   DWORD nexthop)
{
    plan->caller = caller;
    plan->index = index;
    plan->nexthop = nexthop;
    plan->extra = NULL;
    plan->extra_group = NULL;
    mgm_calls_init(&plan->calls);
    plan->entries = NULL;
    plan->oifs = NULL;
}

/* Appends an alert of kind about g to p, when p has the callback. */
static DWORD alert(struct mgm_plan *plan, enum mgm_call_kind kind, struct mgm_protocol *p,
                   const struct mgm_group *g)
{
    int has = kind == MGM_CALL_JOIN_ALERT ? p->config.pfnJoinAlertCallback != NULL
                                          : p->config.pfnPruneAlertCallback != NULL;
    struct mgm_call *call;

    if (!has)
        return NO_ERROR;
    call = mgm_call_to_protocol(&plan->calls, kind, p, g->source, g->group, plan->index,
                                plan->nexthop, 0);
    if (!call)
        return ERROR_NOT_ENOUGH_MEMORY;
    call->member = TRUE;
    return NO_ERROR;
}

/* Appends an alert of kind about g to every registered protocol but except
 * (may be NULL) and the caller. */
static DWORD alert_all(struct mgm_plan *plan, enum mgm_call_kind kind,
                       const struct mgm_protocol *except, const struct mgm_group *g)
{
    for (struct mgm_protocol *p = mgm.protocols; p; p = p->next)
        if (p != except && p != plan->caller && alert(plan, kind, p, g) != NO_ERROR)
            return ERROR_NOT_ENOUGH_MEMORY;
    return NO_ERROR;
}

/* The alerts of a wildcard entry: by the number of its clients before and
 * after (nc-mgm-pmgm_join_alert_callback.md, ..._prune_...). */
static DWORD wildcard_alerts(struct mgm_plan *plan, struct mgm_group *g,
                             const struct mgm_member *extra)
{
    struct mgm_protocol *only_before, *only_after;
    unsigned before = mgm_group_clients_before(g, NULL, &only_before);
    unsigned after = mgm_group_clients(g, extra, NULL, &only_after);

    if (before == 0 && after >= 1)
        return alert_all(plan, MGM_CALL_JOIN_ALERT, only_after, g);
    if (before == 1 && after >= 2)
        return alert(plan, MGM_CALL_JOIN_ALERT, only_before, g);
    if (before >= 2 && after == 1)
        return alert(plan, MGM_CALL_PRUNE_ALERT, only_after, g);
    if (before >= 1 && after == 0)
        return alert_all(plan, MGM_CALL_PRUNE_ALERT, only_before, g);
    return NO_ERROR;
}

/* The alerts of an (s, g) entry, to its upstream protocol. */
static DWORD source_alerts(struct mgm_plan *plan, struct mgm_entry_change *ec,
                           const struct mgm_member *extra, struct mgm_protocol *upstream)
{
    struct mgm_group *g = ec->g;

    if (!g->upstream && upstream && extra && mgm_group_clients(g, extra, upstream, NULL) > 0) {
        ec->new_upstream = upstream;
        return alert(plan, MGM_CALL_JOIN_ALERT, upstream, g);
    }
    if (g->upstream && mgm_group_clients(g, extra, g->upstream, NULL) == 0) {
        ec->clear_upstream = 1;
        return alert(plan, MGM_CALL_PRUNE_ALERT, g->upstream, g);
    }
    return NO_ERROR;
}

DWORD mgm_plan_entry(struct mgm_plan *plan, struct mgm_group *g, struct mgm_protocol *upstream)
{
    struct mgm_entry_change *ec = rtm_calloc(1, sizeof *ec);
    const struct mgm_member *extra = g == plan->extra_group ? plan->extra : NULL;

    if (!ec)
        return ERROR_NOT_ENOUGH_MEMORY;
    ec->g = g;
    ec->next = plan->entries;
    plan->entries = ec;
    return g->source ? source_alerts(plan, ec, extra, upstream) : wildcard_alerts(plan, g, extra);
}

/* Nonzero when the plan already changes m. */
static int planned(const struct mgm_plan *plan, const struct mgm_mfe *m)
{
    for (const struct mgm_oif_change *c = plan->oifs; c; c = c->next)
        if (c->mfe == m)
            return 1;
    return 0;
}

/* Plans m's outgoing interfaces under rule. */
static DWORD plan_mfe(struct mgm_plan *plan, struct mgm_mfe *m, enum mgm_oif_rule rule)
{
    int has = mgm_mfe_oif_find(m, plan->index, plan->nexthop) >= 0, want;
    struct mgm_oif_change *c;

    if ((m->in_index == plan->index && m->in_nexthop == plan->nexthop) || planned(plan, m))
        return NO_ERROR;
    if (rule == MGM_OIF_MEMBERS)
        want = mgm_covered(m->source, m->group, plan->index, plan->nexthop, plan->extra,
                           plan->extra_group);
    else
        want = rule == MGM_OIF_ADD;
    if (want == has)
        return NO_ERROR;
    c = rtm_calloc(1, sizeof *c);
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    c->mfe = m;
    c->add = want;
    c->next = plan->oifs;
    plan->oifs = c;
    if (want && mgm_mfe_reserve(m, m->noif + 1) != NO_ERROR)
        return ERROR_NOT_ENOUGH_MEMORY;
    c->update = mgm_mfe_update_call(&plan->calls, MGM_CALL_UPDATE_MFE, m,
                                    want ? m->noif + 1 : m->noif - 1);
    if (!c->update)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (m->noif == (want ? 0u : 1u))
        return mgm_mfe_alert(&plan->calls, m, want);
    return NO_ERROR;
}

DWORD mgm_plan_mfes(struct mgm_plan *plan, DWORD source, DWORD group, enum mgm_oif_rule rule)
{
    struct mgm_mfe *m;

    if (source && rule != MGM_OIF_REMOVE_ALL) {
        m = mgm_mfe_find(source, group);
        return m ? plan_mfe(plan, m, rule) : NO_ERROR;
    }
    if (rule == MGM_OIF_REMOVE_ALL)
        group = 0;
    for (m = mgm_mfe_next(0, group, 1); m && (!group || m->group == group);
         m = mgm_mfe_next(m->source, m->group, 0))
        if (plan_mfe(plan, m, rule) != NO_ERROR)
            return ERROR_NOT_ENOUGH_MEMORY;
    return NO_ERROR;
}

void mgm_plan_apply(struct mgm_plan *plan)
{
    while (plan->entries) {
        struct mgm_entry_change *ec = plan->entries;
        struct mgm_group *g = ec->g;

        plan->entries = ec->next;
        mgm_group_apply(g, g == plan->extra_group ? plan->extra : NULL);
        if (ec->clear_upstream) {
            mgm_protocol_put(g->upstream);
            g->upstream = NULL;
        } else if (ec->new_upstream) {
            g->upstream = ec->new_upstream;
            rtm_object_ref(&g->upstream->obj);
        }
        mgm_group_drop_if_empty(g);
        rtm_free(ec);
    }
    plan->extra = NULL;
    plan->extra_group = NULL;
    while (plan->oifs) {
        struct mgm_oif_change *c = plan->oifs;
        struct mgm_mfe *m = c->mfe;

        plan->oifs = c->next;
        if (c->add)
            mgm_mfe_oif_add(m, plan->index, plan->nexthop);
        else
            mgm_mfe_oif_remove(m, mgm_mfe_oif_find(m, plan->index, plan->nexthop));
        mgm_mfe_fill_call(m, c->update);
        rtm_free(c);
    }
}

void mgm_plan_discard(struct mgm_plan *plan)
{
    for (struct mgm_group *g = mgm_group_next(NULL); g; g = mgm_group_next(g))
        for (struct mgm_member *m = g->members; m; m = m->next)
            m->leaving = 0;
    while (plan->entries) {
        struct mgm_entry_change *ec = plan->entries;
        plan->entries = ec->next;
        rtm_free(ec);
    }
    while (plan->oifs) {
        struct mgm_oif_change *c = plan->oifs;
        plan->oifs = c->next;
        rtm_free(c);
    }
    mgm_calls_discard(&plan->calls);
    if (plan->extra)
        mgm_member_free(plan->extra);
    if (plan->extra_group)
        mgm_group_drop_if_empty(plan->extra_group);
    plan->extra = NULL;
    plan->extra_group = NULL;
}
