/*
 * ownership.c - MgmTakeInterfaceOwnership, MgmReleaseInterfaceOwnership
 * and MgmGetProtocolOnInterface: which protocols are on an interface, and
 * what changes when one comes or goes.
 */
#include "base/debug.h"
#include "interface.h"
#include "plan.h"
#include "state.h"

/* Marks the members on interface i leaving: all of them, or (caller not
 * NULL) the caller's. Returns how many. */
static unsigned mark_leaving(const struct mgm_interface *i, const struct mgm_protocol *caller)
{
    unsigned n = 0;

    for (struct mgm_group *g = mgm_group_next(NULL); g; g = mgm_group_next(g))
        for (struct mgm_member *m = g->members; m; m = m->next)
            if (m->index == i->index && m->nexthop == i->nexthop &&
                (!caller || m->caller == caller)) {
                m->leaving = 1;
                n++;
            }
    return n;
}

/* Plans the departure of the members marked leaving: a local leave for
 * each when local_leaves (IGMP leaving an interface its routing protocol
 * keeps), then the alerts of their entries and their MFEs' changes. */
static DWORD plan_departures(struct mgm_plan *plan, struct mgm_interface *i, int local_leaves)
{
    for (struct mgm_group *g = mgm_group_next(NULL); g; g = mgm_group_next(g)) {
        int leaving = 0;
        for (struct mgm_member *m = g->members; m; m = m->next)
            leaving |= m->leaving;
        if (!leaving)
            continue;
        if (local_leaves && i->owner->config.pfnLocalLeaveCallback &&
            !mgm_call_to_protocol(&plan->calls, MGM_CALL_LOCAL_LEAVE, i->owner, g->source,
                                  g->group, i->index, i->nexthop, 0))
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (struct mgm_group *g = mgm_group_next(NULL); g; g = mgm_group_next(g)) {
        int leaving = 0;
        for (struct mgm_member *m = g->members; m; m = m->next)
            leaving |= m->leaving;
        if (leaving && (mgm_plan_entry(plan, g, NULL) != NO_ERROR ||
                        mgm_plan_mfes(plan, g->source, g->group, MGM_OIF_MEMBERS) != NO_ERROR))
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    return NO_ERROR;
}

/* Appends IGMP's disable (before) or enable (after) callback about i. */
static DWORD igmp_call(struct mgm_calls *calls, enum mgm_call_kind kind,
                       const struct mgm_interface *i)
{
    const ROUTING_PROTOCOL_CONFIG *cb = &i->igmp->config;

    if (kind == MGM_CALL_DISABLE_IGMP ? !cb->pfnDisableIgmpCallback : !cb->pfnEnableIgmpCallback)
        return NO_ERROR;
    return mgm_call_to_protocol(calls, kind, i->igmp, 0, 0, i->index, i->nexthop, 0)
               ? NO_ERROR
               : ERROR_NOT_ENOUGH_MEMORY;
}

/* Frees an interface left by its last protocol. */
static void interface_drop(struct mgm_interface *i)
{
    mgm_keymap_remove(&mgm.interfaces, i->index, mgm_key_addr(i->nexthop));
    rtm_free(i);
}

/* Plans a routing protocol's taking an interface IGMP is on: IGMP's
 * memberships there go (IGMP adds them again once enabled), between
 * IGMP's disable and enable callbacks. */
static DWORD plan_take(struct mgm_plan *plan, struct mgm_interface *i, struct mgm_calls *after)
{
    DWORD status = igmp_call(&plan->calls, MGM_CALL_DISABLE_IGMP, i);

    if (status == NO_ERROR) {
        mark_leaving(i, i->igmp);
        status = plan_departures(plan, i, 0);
    }
    if (status == NO_ERROR)
        status = igmp_call(after, MGM_CALL_ENABLE_IGMP, i);
    return status;
}

/* Takes (index, nexthop) for p (MGM lock held, exclusive). */
static DWORD take(struct mgm_protocol *p, DWORD index, DWORD nexthop)
{
    struct mgm_interface *i = mgm_interface_find(index, nexthop);
    struct mgm_plan plan;
    struct mgm_calls after;
    int created = 0;
    DWORD status = NO_ERROR;

    if (i && (p->igmp ? i->igmp : i->owner))
        return ERROR_ALREADY_EXISTS;
    if (!i) {
        i = rtm_calloc(1, sizeof *i);
        if (!i)
            return ERROR_NOT_ENOUGH_MEMORY;
        i->index = index;
        i->nexthop = nexthop;
        if (mgm_keymap_insert(&mgm.interfaces, index, mgm_key_addr(nexthop), i) != NO_ERROR) {
            rtm_free(i);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        created = 1;
    }
    mgm_plan_init(&plan, p, index, nexthop);
    mgm_calls_init(&after);
    if (!p->igmp && i->igmp)
        status = plan_take(&plan, i, &after);
    if (status != NO_ERROR) {
        mgm_plan_discard(&plan);
        mgm_calls_discard(&after);
        if (created)
            interface_drop(i);
        return status;
    }
    mgm_plan_apply(&plan);
    if (p->igmp)
        i->igmp = p;
    else
        i->owner = p;
    rtm_object_ref(&p->obj);
    p->interfaces++;
    if (after.head) {
        *plan.calls.tail = after.head;
        plan.calls.tail = after.tail;
    }
    mgm_calls_post(&plan.calls);
    return NO_ERROR;
}

/**
 * MgmTakeInterfaceOwnership - a client is enabled on an interface
 * (spec/mgm/nf-mgm-mgmtakeinterfaceownership.md).
 *
 * @hProtocol [in] the caller's handle.
 * @dwIfIndex, @dwIfNextHopAddr [in] the interface: (index, 0) for a
 *            broadcast or point-to-point interface, (index, next hop) for
 *            a link of a point-to-multipoint one. Each link is an interface
 *            of its own.
 *
 * An interface has at most one routing protocol and at most one IGMP (a
 * client registered with IGMP's protocol id), which may share it. When a
 * routing protocol takes an interface IGMP is on, IGMP gets its disable
 * callback, its memberships there end (as MgmDeleteGroupMembershipEntry
 * would end them: alerts, MFEs), and it gets its enable callback, on which
 * it should add them again (they then count as the routing protocol's
 * receivers, with local joins to it). Callbacks are queued (call.h).
 * Returns NO_ERROR; ERROR_ALREADY_EXISTS when a routing protocol (any,
 * the caller too) already owns it, or, for IGMP, IGMP is already on it;
 * ERROR_INVALID_PARAMETER when hProtocol is not a registered client's;
 * ERROR_NOT_ENOUGH_MEMORY. Nothing changes on error.
 * ERROR_CAN_NOT_COMPLETE is not returned. Takes the MGM lock.
 */
DWORD WINAPI MgmTakeInterfaceOwnership(HANDLE hProtocol, DWORD dwIfIndex, DWORD dwIfNextHopAddr)
{
    RTM_DEBUG_API_ENTRY(MgmTakeInterfaceOwnership, hProtocol,
                        (hProtocol, dwIfIndex, dwIfNextHopAddr), "interface %u, next hop %#x",
                        RTM_DEBUG_U(dwIfIndex), RTM_DEBUG_U(dwIfNextHopAddr));
    struct mgm_protocol *p = mgm_protocol_get(hProtocol);
    DWORD status;

    if (!p)
        return ERROR_INVALID_PARAMETER;
    mgm_lock();
    status = mgm_protocol_registered(p) ? take(p, dwIfIndex, dwIfNextHopAddr)
                                        : ERROR_INVALID_PARAMETER;
    mgm_unlock();
    mgm_protocol_put(p);
    return status;
}

/* Deletes the MFEs whose incoming interface is i. */
static void delete_incoming(const struct mgm_interface *i, struct mgm_calls *calls)
{
    struct mgm_mfe *m = mgm_mfe_next(0, 0, 1);

    while (m) {
        struct mgm_mfe *following = mgm_mfe_next(m->source, m->group, 0);
        if (m->in_index == i->index && m->in_nexthop == i->nexthop)
            mgm_mfe_delete(m, calls);
        m = following;
    }
}

/* Releases i for p, its routing protocol or its IGMP (MGM lock held,
 * exclusive). */
static DWORD release(struct mgm_protocol *p, struct mgm_interface *i)
{
    int by_owner = i->owner == p;
    int gone = by_owner ? !i->igmp : !i->owner; /* nobody is left on it */
    struct mgm_plan plan;
    struct mgm_calls after;
    DWORD status = NO_ERROR;

    mgm_plan_init(&plan, p, i->index, i->nexthop);
    mgm_calls_init(&after);
    if (by_owner && i->igmp)
        status = igmp_call(&plan.calls, MGM_CALL_DISABLE_IGMP, i);
    if (status == NO_ERROR) {
        mark_leaving(i, by_owner ? NULL : p);
        status = plan_departures(&plan, i, !by_owner && i->owner);
    }
    if (status == NO_ERROR && (by_owner || gone))
        status = mgm_plan_mfes(&plan, 0, 0, MGM_OIF_REMOVE_ALL);
    if (status == NO_ERROR && by_owner && i->igmp)
        status = igmp_call(&after, MGM_CALL_ENABLE_IGMP, i);
    if (status != NO_ERROR) {
        mgm_plan_discard(&plan);
        mgm_calls_discard(&after);
        return ERROR_CAN_NOT_COMPLETE;
    }
    mgm_plan_apply(&plan);
    if (by_owner || gone)
        delete_incoming(i, &plan.calls);
    if (by_owner)
        i->owner = NULL;
    else
        i->igmp = NULL;
    p->interfaces--;
    mgm_protocol_put(p);
    if (gone)
        interface_drop(i);
    if (after.head) {
        *plan.calls.tail = after.head;
        plan.calls.tail = after.tail;
    }
    mgm_calls_post(&plan.calls);
    return NO_ERROR;
}

/**
 * MgmReleaseInterfaceOwnership - a client is no longer enabled on an
 * interface (spec/mgm/nf-mgm-mgmreleaseinterfaceownership.md).
 *
 * @hProtocol [in] the caller's handle.
 * @dwIfIndex, @dwIfNextHopAddr [in] the interface, as taken.
 *
 * The caller's memberships there end (as MgmDeleteGroupMembershipEntry
 * would end them: alerts, MFEs). When its routing protocol releases it,
 * IGMP's memberships there end too, between IGMP's disable and enable
 * callbacks (IGMP then adds them again as the interface's only client),
 * and the MFEs whose incoming interface it is are deleted, as are, when
 * nobody is left on it, those of IGMP alone; the interface also leaves
 * every MFE's outgoing interfaces (also those added with
 * MGM_FORWARD_STATE_FLAG). When IGMP releases an interface its routing
 * protocol keeps, that protocol gets a local leave for each of IGMP's
 * memberships there. Callbacks are queued (call.h).
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when hProtocol is not a
 * registered client's, or the caller is not on the interface;
 * ERROR_CAN_NOT_COMPLETE when out of memory. Nothing changes on error.
 * Takes the MGM lock.
 */
DWORD WINAPI MgmReleaseInterfaceOwnership(HANDLE hProtocol, DWORD dwIfIndex,
                                          DWORD dwIfNextHopAddr)
{
    RTM_DEBUG_API_ENTRY(MgmReleaseInterfaceOwnership, hProtocol,
                        (hProtocol, dwIfIndex, dwIfNextHopAddr), "interface %u, next hop %#x",
                        RTM_DEBUG_U(dwIfIndex), RTM_DEBUG_U(dwIfNextHopAddr));
    struct mgm_protocol *p = mgm_protocol_get(hProtocol);
    struct mgm_interface *i;
    DWORD status;

    if (!p)
        return ERROR_INVALID_PARAMETER;
    mgm_lock();
    i = mgm_interface_find(dwIfIndex, dwIfNextHopAddr);
    if (!mgm_protocol_registered(p) || !i || (i->owner != p && i->igmp != p))
        status = ERROR_INVALID_PARAMETER;
    else
        status = release(p, i);
    mgm_unlock();
    mgm_protocol_put(p);
    return status;
}

/**
 * MgmGetProtocolOnInterface - which client is on an interface
 * (spec/mgm/nf-mgm-mgmgetprotocoloninterface.md).
 *
 * @dwIfIndex, @dwIfNextHopAddr [in] the interface.
 * @pdwIfProtocolId  [out] the protocol id of its routing protocol, or of
 *                   IGMP when IGMP alone is on it.
 * @pdwIfComponentId [out] that client's component id.
 *
 * Returns NO_ERROR; ERROR_NOT_FOUND when no client is on the interface;
 * ERROR_INVALID_PARAMETER when an output pointer is NULL (nothing
 * written). ERROR_CAN_NOT_COMPLETE is not returned. Takes the MGM lock
 * shared.
 */
DWORD WINAPI MgmGetProtocolOnInterface(DWORD dwIfIndex, DWORD dwIfNextHopAddr,
                                       PDWORD pdwIfProtocolId, PDWORD pdwIfComponentId)
{
    RTM_DEBUG_API_ENTRY_NOREG(MgmGetProtocolOnInterface,
                              (dwIfIndex, dwIfNextHopAddr, pdwIfProtocolId, pdwIfComponentId),
                              "interface %u, next hop %#x", RTM_DEBUG_U(dwIfIndex),
                              RTM_DEBUG_U(dwIfNextHopAddr));
    struct mgm_protocol *p;
    DWORD status = ERROR_NOT_FOUND;

    if (!pdwIfProtocolId || !pdwIfComponentId)
        return ERROR_INVALID_PARAMETER;
    mgm_lock_shared();
    p = mgm_protocol_on(dwIfIndex, dwIfNextHopAddr);
    if (p) {
        *pdwIfProtocolId = p->protocol_id;
        *pdwIfComponentId = p->component_id;
        status = NO_ERROR;
    }
    mgm_unlock_shared();
    return status;
}
