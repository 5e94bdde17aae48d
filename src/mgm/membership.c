/*
 * membership.c - MgmAddGroupMembershipEntry and
 * MgmDeleteGroupMembershipEntry: receivers come and go on an interface.
 */
#include "base/debug.h"
#include "interface.h"
#include "plan.h"
#include "rpf.h"
#include "state.h"

#define ALL_ONES 0xFFFFFFFFu
#define KNOWN_FLAGS (MGM_JOIN_STATE_FLAG | MGM_FORWARD_STATE_FLAG)

/* Nonzero for the pairs the MGM takes (nf-mgm-mgmaddgroupmembershipentry.md:
 * no ranges): (*, *), (*, g) or (s, g), g a class D address and s a unicast
 * one, wildcards with a zero mask, the others with an all-ones mask. */
static int valid_pair(DWORD source, DWORD source_mask, DWORD group, DWORD group_mask)
{
    if (group == 0)
        return group_mask == 0 && source == 0 && source_mask == 0;
    if (group_mask != ALL_ONES || !mgm_is_class_d(group))
        return 0;
    if (source == 0)
        return source_mask == 0;
    return source_mask == ALL_ONES && !mgm_is_class_d(source);
}

static int valid_flags(DWORD flags)
{
    return flags != 0 && (flags & ~(DWORD)KNOWN_FLAGS) == 0;
}

/* The interface (index, nexthop) when p is on it (routing protocol or
 * IGMP), else NULL (MGM lock held). */
static struct mgm_interface *own_interface(struct mgm_protocol *p, DWORD index, DWORD nexthop)
{
    struct mgm_interface *i = mgm_interface_find(index, nexthop);

    return i && (i->owner == p || i->igmp == p) ? i : NULL;
}

/* Appends a local join or leave to the routing protocol of i when the
 * caller is IGMP beside it (local-join-callbacks.md). */
static DWORD local_call(struct mgm_plan *plan, enum mgm_call_kind kind, struct mgm_protocol *p,
                        const struct mgm_interface *i, DWORD source, DWORD group)
{
    const ROUTING_PROTOCOL_CONFIG *cb;

    if (p != i->igmp || !i->owner)
        return NO_ERROR;
    cb = &i->owner->config;
    if (kind == MGM_CALL_LOCAL_JOIN ? !cb->pfnLocalJoinCallback : !cb->pfnLocalLeaveCallback)
        return NO_ERROR;
    return mgm_call_to_protocol(&plan->calls, kind, i->owner, source, group, i->index, i->nexthop,
                                0)
               ? NO_ERROR
               : ERROR_NOT_ENOUGH_MEMORY;
}

/* Plans an addition (MGM lock held, exclusive). */
static DWORD plan_add(struct mgm_plan *plan, struct mgm_protocol *p, struct mgm_interface *i,
                      DWORD source, DWORD group, DWORD flags, const struct mgm_route *route)
{
    struct mgm_group *g;
    struct mgm_protocol *upstream = NULL;
    DWORD status, nexthop;

    if (flags & MGM_JOIN_STATE_FLAG) {
        g = mgm_group_get(source, group);
        if (!g)
            return ERROR_NOT_ENOUGH_MEMORY;
        plan->extra_group = g;
        if (!mgm_member_find(g, i->index, i->nexthop, p)) {
            plan->extra = mgm_member_new(i->index, i->nexthop, p,
                                         p == i->igmp && i->owner ? i->owner : p);
            if (!plan->extra)
                return ERROR_NOT_ENOUGH_MEMORY;
            status = local_call(plan, MGM_CALL_LOCAL_JOIN, p, i, source, group);
            if (status != NO_ERROR)
                return status;
            if (route->found) {
                mgm_interface_towards(route->index, route->neighbour, &nexthop);
                upstream = mgm_protocol_on(route->index, nexthop);
            }
            status = mgm_plan_entry(plan, g, upstream);
            if (status != NO_ERROR)
                return status;
        } else if (!(flags & MGM_FORWARD_STATE_FLAG)) {
            return NO_ERROR; /* joined already: nothing changes */
        }
    }
    return mgm_plan_mfes(plan, source, group,
                         flags & MGM_FORWARD_STATE_FLAG ? MGM_OIF_ADD : MGM_OIF_MEMBERS);
}

/**
 * MgmAddGroupMembershipEntry - receivers for a (source, group) on an
 * interface (spec/mgm/nf-mgm-mgmaddgroupmembershipentry.md).
 *
 * @hProtocol    [in] the caller's handle (MgmRegisterMProtocol).
 * @dwSourceAddr, @dwSourceMask, @dwGroupAddr, @dwGroupMask [in] the pair,
 *               network order: (s, g) with all-ones masks, (*, g) with
 *               source and source mask 0, or (*, *) with all four 0; g is
 *               a class D address, s a unicast one. No ranges.
 * @dwIfIndex, @dwIfNextHopIPAddr [in] the interface: one the caller is on
 *               (MgmTakeInterfaceOwnership), as its routing protocol or as
 *               IGMP beside it.
 * @dwFlags      [in] MGM_JOIN_STATE_FLAG: records the receivers (each
 *               caller's join of a pair on an interface is recorded once;
 *               joining again changes nothing) and updates the MFEs of the
 *               pair to match: the interface becomes an outgoing one of
 *               every MFE the pair covers ((s, g): that MFE; (*, g): the
 *               group's; (*, *): all), unless it is its incoming one.
 *               MGM_FORWARD_STATE_FLAG: adds the interface to those MFEs
 *               without recording a membership. Either or both.
 *
 * Callbacks (queued, see call.h): IGMP's join on an interface that a
 * routing protocol owns gives that protocol a local join. A join alert
 * (bMemberUpdate TRUE) goes, for a wildcard pair, to every other
 * registered client when the first client (the interface's routing
 * protocol, or IGMP alone on it) has receivers, and to that first client
 * when a second comes; for an (s, g) pair, to the protocol on the
 * interface towards s (the best route to s in RTMv2's multicast view) when
 * the first client other than it has receivers. An MFE that had no
 * outgoing interface gives the protocol on its incoming interface a join
 * alert with bMemberUpdate FALSE; the forwarder gets each changed MFE.
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when hProtocol is not a
 * registered client's, the caller is not on the interface, the pair or
 * the flags are not valid (nothing changes); ERROR_NOT_ENOUGH_MEMORY
 * (nothing changes). ERROR_CAN_NOT_COMPLETE is not returned.
 * Takes the MGM lock (after the route look-up, state.h).
 */
DWORD WINAPI MgmAddGroupMembershipEntry(HANDLE hProtocol, DWORD dwSourceAddr, DWORD dwSourceMask,
                                        DWORD dwGroupAddr, DWORD dwGroupMask, DWORD dwIfIndex,
                                        DWORD dwIfNextHopIPAddr, DWORD dwFlags)
{
    RTM_DEBUG_API_ENTRY(MgmAddGroupMembershipEntry, hProtocol,
                        (hProtocol, dwSourceAddr, dwSourceMask, dwGroupAddr, dwGroupMask,
                         dwIfIndex, dwIfNextHopIPAddr, dwFlags),
                        "source %#x, group %#x, interface %u, flags %#x",
                        RTM_DEBUG_U(dwSourceAddr), RTM_DEBUG_U(dwGroupAddr),
                        RTM_DEBUG_U(dwIfIndex), RTM_DEBUG_U(dwFlags));
    struct mgm_protocol *p;
    struct mgm_interface *i;
    struct mgm_route route = { 0 };
    struct mgm_plan plan;
    DWORD status = NO_ERROR;

    if (!valid_pair(dwSourceAddr, dwSourceMask, dwGroupAddr, dwGroupMask) ||
        !valid_flags(dwFlags))
        return ERROR_INVALID_PARAMETER;
    p = mgm_protocol_get(hProtocol);
    if (!p)
        return ERROR_INVALID_PARAMETER;
    if (dwSourceAddr && (dwFlags & MGM_JOIN_STATE_FLAG))
        status = mgm_route_lookup(dwSourceAddr, &route);
    if (status == NO_ERROR) {
        mgm_lock();
        i = mgm_protocol_registered(p) ? own_interface(p, dwIfIndex, dwIfNextHopIPAddr) : NULL;
        if (!i) {
            status = ERROR_INVALID_PARAMETER;
        } else {
            mgm_plan_init(&plan, p, dwIfIndex, dwIfNextHopIPAddr);
            status = plan_add(&plan, p, i, dwSourceAddr, dwGroupAddr, dwFlags, &route);
            if (status == NO_ERROR) {
                mgm_plan_apply(&plan);
                mgm_calls_post(&plan.calls);
            } else {
                mgm_plan_discard(&plan);
            }
        }
        mgm_unlock();
    }
    mgm_route_release(&route);
    mgm_protocol_put(p);
    return status;
}

/* Plans a deletion (MGM lock held, exclusive). */
static DWORD plan_delete(struct mgm_plan *plan, struct mgm_protocol *p, struct mgm_interface *i,
                         DWORD source, DWORD group, DWORD flags)
{
    struct mgm_group *g;
    struct mgm_member *m;
    DWORD status;

    if (flags & MGM_JOIN_STATE_FLAG) {
        g = mgm_group_find(source, group);
        m = mgm_member_find(g, i->index, i->nexthop, p);
        if (!m)
            return ERROR_NOT_FOUND;
        m->leaving = 1;
        status = local_call(plan, MGM_CALL_LOCAL_LEAVE, p, i, source, group);
        if (status == NO_ERROR)
            status = mgm_plan_entry(plan, g, NULL);
        if (status != NO_ERROR)
            return status;
    }
    return mgm_plan_mfes(plan, source, group,
                         flags & MGM_FORWARD_STATE_FLAG ? MGM_OIF_REMOVE : MGM_OIF_MEMBERS);
}

/**
 * MgmDeleteGroupMembershipEntry - no more receivers for a (source, group)
 * on an interface (spec/mgm/nf-mgm-mgmdeletegroupmembershipentry.md).
 *
 * @hProtocol, the pair, the interface [in] as for
 *               MgmAddGroupMembershipEntry.
 * @dwFlags      [in] MGM_JOIN_STATE_FLAG: the caller's membership of the
 *               pair on the interface ends, and the MFEs the pair covers
 *               lose the interface unless another membership ((s, g),
 *               (*, g) or (*, *)) still covers them there.
 *               MGM_FORWARD_STATE_FLAG: those MFEs lose the interface
 *               whatever the memberships. Either or both.
 *
 * Callbacks (queued): IGMP's leave on an interface that a routing protocol
 * owns gives that protocol a local leave. A prune alert (bMemberDelete
 * TRUE) goes, for a wildcard pair, to the one client left when the
 * second-to-last client's last receivers go, and to every other
 * registered client when the last client's go; for an (s, g) pair, to the
 * protocol that got its join alert, when no client other than it is left.
 * An MFE left without outgoing interfaces gives the protocol on its
 * incoming interface a prune alert with bMemberDelete FALSE, whose answer
 * (*pdwTimeout, seconds) becomes its timeout; the forwarder gets each
 * changed MFE.
 * Returns NO_ERROR; ERROR_INVALID_PARAMETER when hProtocol is not a
 * registered client's, the interface is another protocol's, the pair or
 * the flags are not valid; ERROR_NOT_FOUND when no protocol is on the
 * interface, or (MGM_JOIN_STATE_FLAG) the caller has no such membership
 * there; ERROR_CAN_NOT_COMPLETE when out of memory. Nothing changes on
 * error. Takes the MGM lock.
 */
DWORD WINAPI MgmDeleteGroupMembershipEntry(HANDLE hProtocol, DWORD dwSourceAddr,
                                           DWORD dwSourceMask, DWORD dwGroupAddr,
                                           DWORD dwGroupMask, DWORD dwIfIndex,
                                           DWORD dwIfNextHopIPAddr, DWORD dwFlags)
{
    RTM_DEBUG_API_ENTRY(MgmDeleteGroupMembershipEntry, hProtocol,
                        (hProtocol, dwSourceAddr, dwSourceMask, dwGroupAddr, dwGroupMask,
                         dwIfIndex, dwIfNextHopIPAddr, dwFlags),
                        "source %#x, group %#x, interface %u, flags %#x",
                        RTM_DEBUG_U(dwSourceAddr), RTM_DEBUG_U(dwGroupAddr),
                        RTM_DEBUG_U(dwIfIndex), RTM_DEBUG_U(dwFlags));
    struct mgm_protocol *p;
    struct mgm_interface *i;
    struct mgm_plan plan;
    DWORD status;

    if (!valid_pair(dwSourceAddr, dwSourceMask, dwGroupAddr, dwGroupMask) ||
        !valid_flags(dwFlags))
        return ERROR_INVALID_PARAMETER;
    p = mgm_protocol_get(hProtocol);
    if (!p)
        return ERROR_INVALID_PARAMETER;
    mgm_lock();
    i = mgm_interface_find(dwIfIndex, dwIfNextHopIPAddr);
    if (!mgm_protocol_registered(p)) {
        status = ERROR_INVALID_PARAMETER;
    } else if (!i) {
        status = ERROR_NOT_FOUND;
    } else if (i->owner != p && i->igmp != p) {
        status = ERROR_INVALID_PARAMETER;
    } else {
        mgm_plan_init(&plan, p, dwIfIndex, dwIfNextHopIPAddr);
        status = plan_delete(&plan, p, i, dwSourceAddr, dwGroupAddr, dwFlags);
        if (status == NO_ERROR) {
            mgm_plan_apply(&plan);
            mgm_calls_post(&plan.calls);
        } else {
            mgm_plan_discard(&plan);
            if (status == ERROR_NOT_ENOUGH_MEMORY)
                status = ERROR_CAN_NOT_COMPLETE;
        }
    }
    mgm_unlock();
    mgm_protocol_put(p);
    return status;
}
