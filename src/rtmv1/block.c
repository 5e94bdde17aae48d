/*
 * block.c - deleting routes by criteria (block.h), and RtmBlockDeleteRoutes.
 */
#include "block.h"
#include "base/debug.h"

DWORD rtmv1_delete_matching(struct rtmv1_table *table, const struct rtmv1_criteria *criteria,
                            const struct rtmv1_client *skip, unsigned *deleted,
                            struct rtmv1_route **dead)
{
    struct rtmv1_reserve reserve;
    struct rtmv1_net *net;
    unsigned changes = 0;
    DWORD status;

    *deleted = 0;
    /* A network's best route changes when, and only when, it is deleted. */
    for (net = rtmv1_criteria_net(table, criteria, NULL, 1); net;
         net = rtmv1_criteria_net(table, criteria, &net->key, 0))
        changes += rtmv1_criteria_match(criteria, net->best) != 0;
    status = rtmv1_reserve(&reserve, table, skip, changes);
    for (net = rtmv1_criteria_net(table, criteria, NULL, 1); net && status == NO_ERROR;) {
        struct rtmv1_key key = net->key;
        struct rtmv1_before before;
        struct rtmv1_route *r, *next;
        unsigned n = 0;

        rtmv1_before(&before, net);
        for (r = net->routes; r; r = next) {
            next = r->next;
            if (rtmv1_criteria_match(criteria, r)) {
                rtmv1_route_unlink(r);
                r->next = *dead;
                *dead = r;
                n++;
            }
        }
        if (n)
            rtmv1_after(table, net, &before, &reserve, NULL, NULL);
        *deleted += n;
        net = rtmv1_criteria_net(table, criteria, &key, 0);
    }
    rtmv1_reserve_release(&reserve);
    return status;
}

/**
 * RtmBlockDeleteRoutes - deletes the client's routes that meet criteria
 * (spec/rras/rtmblockdeleteroutes.md; the page gives it a HANDLE result,
 * rtm.h a DWORD, which is the ABI).
 *
 * @ClientHandle     [in] the client (RtmRegisterClient): only routes of its
 *                        protocol are deleted.
 * @EnumerationFlags [in] RTM_ONLY_THIS_NETWORK, RTM_ONLY_THIS_INTERFACE,
 *                        RTM_ONLY_THIS_PROTOCOL (which, naming another
 *                        protocol, selects nothing), RTM_ONLY_BEST_ROUTES
 *                        (redundant, ignored: the best route moves as routes
 *                        go, so the whole subset is deleted), or 0: all
 *                        the client's routes.
 * @CriteriaRoute    [in] an RTM_IP_ROUTE or RTM_IPX_ROUTE, as the client's
 *                        family, with the members the flags name
 *                        (rtmv1/walk.h); may be NULL when no flag needs it.
 *
 * Each network's best-route change is sent as one message to every client
 * with a change event, the caller included (it has no other way to learn
 * of them).
 *
 * Returns NO_ERROR; ERROR_NO_ROUTES when no route meets the criteria;
 * ERROR_INVALID_HANDLE when ClientHandle is no registered client's;
 * ERROR_INVALID_PARAMETER for an unknown flag, a NULL CriteriaRoute that a
 * flag needs, or a network that is none; ERROR_NO_SYSTEM_RESOURCES when
 * there is no memory for the messages (nothing is deleted).
 * ERROR_NOT_ENOUGH_MEMORY is never returned: the deletion itself allocates
 * nothing. Takes the table lock exclusively.
 */
DWORD WINAPI RtmBlockDeleteRoutes(HANDLE ClientHandle, DWORD EnumerationFlags, PVOID CriteriaRoute)
{
    RTM_DEBUG_API_ENTRY(RtmBlockDeleteRoutes, ClientHandle,
                        (ClientHandle, EnumerationFlags, CriteriaRoute),
                        "flags %#x, criteria %#llx", RTM_DEBUG_U(EnumerationFlags),
                        RTM_DEBUG_H(CriteriaRoute));
    struct rtmv1_client *client = rtmv1_client_get(ClientHandle);
    struct rtmv1_route *dead = NULL;
    struct rtmv1_criteria criteria;
    struct rtmv1_table *table;
    unsigned deleted = 0;
    DWORD status;

    if (!client)
        return ERROR_INVALID_HANDLE;
    table = client->table;
    status = rtmv1_criteria_read(table->family, EnumerationFlags, CriteriaRoute, &criteria);
    if (status == NO_ERROR && (criteria.flags & RTM_ONLY_THIS_PROTOCOL) &&
        criteria.protocol != client->protocol)
        status = ERROR_NO_ROUTES;
    criteria.flags = (criteria.flags & ~(DWORD)RTM_ONLY_BEST_ROUTES) | RTM_ONLY_THIS_PROTOCOL;
    criteria.protocol = client->protocol;
    if (status == NO_ERROR) {
        rtm_rwlock_lock_exclusive(&table->lock);
        if (client->registered)
            status = rtmv1_delete_matching(table, &criteria, NULL, &deleted, &dead);
        else
            status = ERROR_INVALID_HANDLE;
        rtm_rwlock_unlock_exclusive(&table->lock);
        rtmv1_route_drop(dead);
        if (status == NO_ERROR && !deleted)
            status = ERROR_NO_ROUTES;
    }
    rtmv1_client_put(client);
    return status;
}
