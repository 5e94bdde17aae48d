/*
 * route_api.c - RtmAddRoute and RtmDeleteRoute: a client's routes.
 */
#include <string.h>

#include "change.h"
#include "expiry.h"
#include "base/debug.h"

/*
 * Reads the route a client gives: route_size bytes of its family, its
 * network made canonical (family.h), RR_RoutingProtocol the client's
 * protocol. Returns NO_ERROR, or ERROR_INVALID_PARAMETER when RR_Network
 * is no network.
 */
static DWORD read_route(const struct rtmv1_client *client, const void *route,
                        union rtmv1_data *data, struct rtmv1_position *pos)
{
    const struct rtmv1_family *family = client->table->family;
    struct rtmv1_key key;

    memset(data, 0, sizeof *data);
    memcpy(data, route, family->route_size);
    if (!family->key(&data->ip.RR_Network, &key))
        return ERROR_INVALID_PARAMETER;
    family->set_network(data, &key);
    data->ip.RR_RoutingProtocol = client->protocol;
    rtmv1_position_of(family, data, &key, pos);
    return NO_ERROR;
}

/* The route of net that a new route at pos replaces: the route at pos, or
 * for a client of RTM_PROTOCOL_SINGLE_ROUTE its route of the network. */
static struct rtmv1_route *replaced(const struct rtmv1_client *client,
                                    const struct rtmv1_net *net,
                                    const struct rtmv1_position *pos)
{
    if (!net)
        return NULL;
    if (client->flags & RTM_PROTOCOL_SINGLE_ROUTE)
        return rtmv1_route_of_protocol(net, client->protocol);
    return rtmv1_route_find(net, pos);
}

/* RtmAddRoute's work once the client is known (table lock not held). */
static DWORD add_route(struct rtmv1_client *client, const void *route, DWORD ttl, DWORD *flags,
                       void *cur, void *prev)
{
    struct rtmv1_table *table = client->table;
    struct rtmv1_route *r, *created = NULL;
    struct rtmv1_reserve reserve = { NULL, 0, NULL };
    struct rtmv1_position pos;
    struct rtmv1_before before;
    struct rtmv1_net *net;
    union rtmv1_data data;
    DWORD status;
    uint64_t now;

    if (!route || !flags || (ttl != INFINITE && ttl > RTMV1_MAX_TTL))
        return ERROR_INVALID_PARAMETER;
    status = read_route(client, route, &data, &pos);
    if (status != NO_ERROR)
        return status;
    if (table->family->stamp)
        table->family->stamp(&data);
    now = rtm_now_filetime();
    data.ip.RR_TimeStamp.dwLowDateTime = (DWORD)now;
    data.ip.RR_TimeStamp.dwHighDateTime = (DWORD)(now >> 32);

    rtm_rwlock_lock_exclusive(&table->lock);
    if (!client->registered) {
        status = ERROR_INVALID_HANDLE;
        goto out;
    }
    net = rtmv1_net_find(table, &pos.net);
    r = replaced(client, net, &pos);
    status = rtmv1_reserve(&reserve, table, client, 1);
    if (status == NO_ERROR && !r) {
        status = rtmv1_route_create(table, &data, &created);
        r = created;
    }
    if (status == NO_ERROR)
        status = rtmv1_expiry_prepare(r, ttl);
    rtmv1_before(&before, net);
    if (status == NO_ERROR && !net)
        status = rtmv1_net_create(table, &pos.net, &net);
    if (status != NO_ERROR)
        goto out;
    if (!created) { /* an update: its place may change (RTM_PROTOCOL_SINGLE_ROUTE) */
        rtmv1_route_unlink(r);
        r->data = data;
    }
    rtmv1_route_link(net, r);
    created = NULL;
    *flags = rtmv1_after(table, net, &before, &reserve, cur, prev);
    rtmv1_expiry_set(r, ttl);
out:
    rtm_rwlock_unlock_exclusive(&table->lock);
    rtmv1_reserve_release(&reserve);
    rtmv1_route_drop(created);
    return status;
}

/**
 * RtmAddRoute - adds a route, or updates the client's route that it
 * matches, in the table of the client's protocol family
 * (spec/rras/rtmaddroute.md).
 *
 * @ClientHandle  [in]  the client (RtmRegisterClient): its protocol is the
 *                      route's RR_RoutingProtocol, whatever the route says.
 * @Route         [in]  an RTM_IP_ROUTE or RTM_IPX_ROUTE, as the client's
 *                      family: RR_Network (IP: a contiguous mask; the
 *                      network is stored as number & mask), RR_InterfaceID,
 *                      RR_NextHopAddress, RR_FamilySpecificData (the metric)
 *                      and RR_ProtocolSpecificData are kept.
 *                      The routing table manager sets RR_TimeStamp (the
 *                      current UTC time), RR_RoutingProtocol and, for IP,
 *                      FSD_Priority (0: every protocol has the same
 *                      priority, see rtmv1/route.h).
 * @TimeToLive    [in]  seconds the route stays unless updated again, at most
 *                      2147483; INFINITE: until deleted (an update with
 *                      INFINITE cancels an earlier finite TimeToLive).
 * @Flags         [out] RTM_NO_CHANGE, RTM_ROUTE_ADDED (the network's first
 *                      route), RTM_ROUTE_CHANGED (another best route, or
 *                      the best route changed in a significant parameter:
 *                      protocol, interface, next hop, family-specific data).
 * @CurBestRoute  [out] optional (NULL); receives the network's best route
 *                      when *Flags has RTM_CURRENT_BEST_ROUTE.
 * @PrevBestRoute [out] optional (NULL); receives the best route before the
 *                      call when *Flags has RTM_PREVIOUS_BEST_ROUTE.
 *
 * A route is identified by (network, protocol, interface, next hop): adding
 * one that exists updates it (its metric and data). For a client of
 * RTM_PROTOCOL_SINGLE_ROUTE, by (network, protocol): the client's route to
 * the network is replaced. The other clients with a change event receive
 * a message of each best-route change; the caller does not.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE when ClientHandle is no
 * registered client's; ERROR_INVALID_PARAMETER for a NULL Route or Flags,
 * a network that is none (IP: a mask that is not contiguous) or a
 * TimeToLive above 2147483 other than INFINITE; ERROR_NOT_ENOUGH_MEMORY
 * when there is no memory for the route entry (route, network);
 * ERROR_NO_SYSTEM_RESOURCES when there is none for the messages to other
 * clients or the route's timer. On error nothing changes and the outputs
 * are not written. Takes the table lock exclusively.
 */
DWORD WINAPI RtmAddRoute(HANDLE ClientHandle, PVOID Route, DWORD TimeToLive, DWORD *Flags,
                         PVOID CurBestRoute, PVOID PrevBestRoute)
{
    RTM_DEBUG_API_ENTRY(RtmAddRoute, ClientHandle,
                        (ClientHandle, Route, TimeToLive, Flags, CurBestRoute, PrevBestRoute),
                        "route %#llx, ttl %u", RTM_DEBUG_H(Route), RTM_DEBUG_U(TimeToLive));
    struct rtmv1_client *client = rtmv1_client_get(ClientHandle);
    DWORD status;

    if (!client)
        return ERROR_INVALID_HANDLE;
    status = add_route(client, Route, TimeToLive, Flags, CurBestRoute, PrevBestRoute);
    rtmv1_client_put(client);
    return status;
}

/* RtmDeleteRoute's work once the client is known (table lock not held). */
static DWORD delete_route(struct rtmv1_client *client, const void *route, DWORD *flags, void *cur)
{
    struct rtmv1_table *table = client->table;
    struct rtmv1_reserve reserve = { NULL, 0, NULL };
    struct rtmv1_route *r = NULL, *deleted = NULL;
    struct rtmv1_position pos;
    struct rtmv1_before before;
    struct rtmv1_net *net;
    union rtmv1_data data;
    DWORD status;

    if (!route || !flags)
        return ERROR_INVALID_PARAMETER;
    status = read_route(client, route, &data, &pos);
    if (status != NO_ERROR)
        return status;
    rtm_rwlock_lock_exclusive(&table->lock);
    net = rtmv1_net_find(table, &pos.net);
    if (!client->registered)
        status = ERROR_INVALID_HANDLE;
    else if (!net || !(r = rtmv1_route_find(net, &pos)))
        status = ERROR_NO_SUCH_ROUTE;
    else
        status = rtmv1_reserve(&reserve, table, client, 1);
    if (status == NO_ERROR) {
        rtmv1_before(&before, net);
        rtmv1_route_unlink(r);
        deleted = r;
        *flags = rtmv1_after(table, net, &before, &reserve, cur, NULL);
    }
    rtm_rwlock_unlock_exclusive(&table->lock);
    rtmv1_reserve_release(&reserve);
    rtmv1_route_drop(deleted);
    return status;
}

/**
 * RtmDeleteRoute - deletes one of the client's routes
 * (spec/rras/rtmdeleteroute.md).
 *
 * @ClientHandle [in]  the client (RtmRegisterClient), whose protocol the
 *                     route is of.
 * @Route        [in]  an RTM_IP_ROUTE or RTM_IPX_ROUTE, as the client's
 *                     family: the route of RR_Network, RR_InterfaceID and
 *                     RR_NextHopAddress (and the client's protocol) is
 *                     deleted; the other members are not read. This holds
 *                     for clients of RTM_PROTOCOL_SINGLE_ROUTE too.
 * @Flags        [out] RTM_NO_CHANGE (the route was not the best),
 *                     RTM_ROUTE_DELETED (it was the network's last route),
 *                     RTM_ROUTE_CHANGED (another route is now the best).
 * @CurBestRoute [out] optional (NULL); receives the new best route when
 *                     *Flags is RTM_ROUTE_CHANGED.
 *
 * The other clients with a change event receive a message of a best-route
 * change; the caller does not.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE when ClientHandle is no
 * registered client's; ERROR_INVALID_PARAMETER for a NULL Route or Flags,
 * or a network that is none; ERROR_NO_SUCH_ROUTE when the table has no
 * such route; ERROR_NO_SYSTEM_RESOURCES when there is no memory for the
 * messages to other clients. On error nothing changes and the outputs are
 * not written. Takes the table lock exclusively.
 */
DWORD WINAPI RtmDeleteRoute(HANDLE ClientHandle, PVOID Route, DWORD *Flags, PVOID CurBestRoute)
{
    RTM_DEBUG_API_ENTRY(RtmDeleteRoute, ClientHandle, (ClientHandle, Route, Flags, CurBestRoute),
                        "route %#llx", RTM_DEBUG_H(Route));
    struct rtmv1_client *client = rtmv1_client_get(ClientHandle);
    DWORD status;

    if (!client)
        return ERROR_INVALID_HANDLE;
    status = delete_route(client, Route, Flags, CurBestRoute);
    rtmv1_client_put(client);
    return status;
}
