/*
 * register.c - RtmRegisterClient and RtmDeregisterClient: a client's life.
 */
#include "block.h"
#include "base/debug.h"

/**
 * RtmRegisterClient - registers a client as the handler of a routing
 * protocol in the table of a protocol family
 * (spec/rras/rtmregisterclient.md).
 *
 * @ProtocolFamily  [in] RTM_PROTOCOL_FAMILY_IP or RTM_PROTOCOL_FAMILY_IPX.
 * @RoutingProtocol [in] the protocol's identifier (any value): the
 *                       RR_RoutingProtocol of the client's routes.
 * @ChangeEvent     [in] optional (NULL: no change messages); an event the
 *                       routing table manager signals when a change message
 *                       is queued for the client (RtmDequeueRouteChangeMessage)
 *                       and resets when the queue is emptied. Natively a
 *                       Linux eventfd descriptor made with EFD_NONBLOCK
 *                       (include/rtm.h). The client keeps it open until it
 *                       deregisters; the library never touches it after.
 * @Flags           [in] 0, or RTM_PROTOCOL_SINGLE_ROUTE: the table keeps
 *                       one route per network for the protocol, which each
 *                       RtmAddRoute replaces.
 *
 * Returns the client's handle, holding one reference until
 * RtmDeregisterClient. On failure returns NULL and sets the last error:
 * ERROR_CLIENT_ALREADY_EXISTS when a client of the same protocol and family
 * is registered; ERROR_INVALID_PARAMETER for an unknown family, a flag
 * other than RTM_PROTOCOL_SINGLE_ROUTE, or a ChangeEvent that is no open
 * handle (natively: no non-blocking eventfd); ERROR_NOT_ENOUGH_MEMORY when
 * there is no memory for the client; ERROR_NO_SYSTEM_RESOURCES when the
 * handle table is full. Takes the table lock exclusively.
 */
HANDLE WINAPI RtmRegisterClient(DWORD ProtocolFamily, DWORD RoutingProtocol, HANDLE ChangeEvent,
                                DWORD Flags)
{
    RTM_DEBUG_API_ENTRY_VALUE(HANDLE, RtmRegisterClient,
                              (ProtocolFamily, RoutingProtocol, ChangeEvent, Flags),
                              "family %u, protocol %u, event %#llx, flags %#x",
                              RTM_DEBUG_U(ProtocolFamily), RTM_DEBUG_U(RoutingProtocol),
                              RTM_DEBUG_H(ChangeEvent), RTM_DEBUG_U(Flags));
    struct rtmv1_table *table = rtmv1_table_of(ProtocolFamily);
    struct rtmv1_client *client;
    int exists;

    if (!table || (Flags & ~(DWORD)RTM_PROTOCOL_SINGLE_ROUTE) ||
        (ChangeEvent && !rtm_event_valid(ChangeEvent)))
        return rtmv1_no_handle(ERROR_INVALID_PARAMETER);
    client = rtm_calloc(1, sizeof *client);
    if (!client)
        return rtmv1_no_handle(ERROR_NOT_ENOUGH_MEMORY);
    client->table = table;
    client->protocol = RoutingProtocol;
    client->flags = Flags;
    client->event = ChangeEvent;
    client->tail = &client->head;
    rtm_mutex_init(&client->queue_lock);
    if (rtm_object_init(&client->obj, RTMV1_OBJ_CLIENT, rtmv1_client_destroy) != RTM_HANDLE_OK) {
        rtmv1_client_destroy(&client->obj);
        return rtmv1_no_handle(ERROR_NO_SYSTEM_RESOURCES);
    }
    rtm_rwlock_lock_exclusive(&table->lock);
    exists = rtmv1_client_of_protocol(table, RoutingProtocol) != NULL;
    if (!exists) {
        client->next = table->clients;
        table->clients = client;
        client->registered = 1;
        rtm_object_internal_to_client(&client->obj);
    }
    rtm_rwlock_unlock_exclusive(&table->lock);
    if (exists) {
        rtm_object_unref(&client->obj);
        return rtmv1_no_handle(ERROR_CLIENT_ALREADY_EXISTS);
    }
    return rtm_object_handle(&client->obj);
}

/* Takes a client out of its table's list. Table lock held exclusively. */
static void unlink_client(struct rtmv1_client *client)
{
    struct rtmv1_client **link = &client->table->clients;

    while (*link != client)
        link = &(*link)->next;
    *link = client->next;
    client->registered = 0;
}

/**
 * RtmDeregisterClient - deregisters a client: its routes are deleted and
 * its queued messages dropped (spec/rras/rtmderegisterclient.md).
 *
 * @ClientHandle [in] the client (RtmRegisterClient). Its handle is stale
 *                    once the call succeeds.
 *
 * Each best-route change the deletion makes is sent as one message per
 * network to the other clients with a change event. After the call the
 * library never touches the client's change event again.
 *
 * Returns NO_ERROR; ERROR_INVALID_HANDLE when ClientHandle is no registered
 * client's (also when another thread deregistered it first);
 * ERROR_NO_SYSTEM_RESOURCES when there is no memory for the messages to
 * the other clients (the client stays registered, with its routes). Takes
 * the table lock exclusively.
 */
DWORD WINAPI RtmDeregisterClient(HANDLE ClientHandle)
{
    RTM_DEBUG_API_ENTRY(RtmDeregisterClient, ClientHandle, (ClientHandle), "%s", "");
    struct rtmv1_client *client = rtmv1_client_get(ClientHandle);
    struct rtmv1_criteria criteria = { RTM_ONLY_THIS_PROTOCOL, { { 0 }, 0 }, 0, 0 };
    struct rtmv1_route *dead = NULL;
    struct rtmv1_table *table;
    unsigned deleted;
    DWORD status;

    if (!client)
        return ERROR_INVALID_HANDLE;
    table = client->table;
    criteria.protocol = client->protocol;
    rtm_rwlock_lock_exclusive(&table->lock);
    if (!client->registered)
        status = ERROR_INVALID_HANDLE;
    else
        status = rtmv1_delete_matching(table, &criteria, client, &deleted, &dead);
    if (status == NO_ERROR) {
        unlink_client(client);
        rtmv1_queue_close(client);
    }
    rtm_rwlock_unlock_exclusive(&table->lock);
    rtmv1_route_drop(dead);
    if (status == NO_ERROR)
        rtm_handle_release(ClientHandle, RTMV1_OBJ_CLIENT);
    rtmv1_client_put(client);
    return status;
}
