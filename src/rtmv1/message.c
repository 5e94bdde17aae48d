/*
 * message.c - RtmDequeueRouteChangeMessage: a client reads its messages.
 */
#include "change.h"
#include "base/debug.h"

/**
 * RtmDequeueRouteChangeMessage - takes the oldest best-route change message
 * off the client's queue (spec/rras/rtmdequeueroutechangemessage.md).
 *
 * @ClientHandle  [in]  the client (RtmRegisterClient), registered with a
 *                      change event.
 * @Flags         [out] RTM_ROUTE_ADDED (a network's first route: the
 *                      current best route), RTM_ROUTE_DELETED (its last
 *                      route went: the previous best route) or
 *                      RTM_ROUTE_CHANGED (both).
 * @CurBestRoute  [out] optional (NULL); receives the best route after the
 *                      change when *Flags has RTM_CURRENT_BEST_ROUTE (an
 *                      RTM_IP_ROUTE or RTM_IPX_ROUTE, as the client's family).
 * @PrevBestRoute [out] optional (NULL); receives the best route before the
 *                      change when *Flags has RTM_PREVIOUS_BEST_ROUTE.
 *
 * A client receives a message for every best-route change of its table
 * that it did not make by a direct RtmAddRoute or RtmDeleteRoute: other
 * clients' routes, expiries (of its own routes too), RtmBlockDeleteRoutes
 * (its own too), deregistrations. Messages come in the order of the
 * changes, one per change.
 *
 * Returns NO_ERROR when the message was the last one queued (the event is
 * reset); ERROR_MORE_MESSAGES when more are queued (call again);
 * ERROR_NO_MESSAGES when the queue is empty (the event is reset; nothing
 * is written); ERROR_INVALID_HANDLE when ClientHandle is no registered
 * client's or the client registered without a change event;
 * ERROR_INVALID_PARAMETER for a NULL Flags (the message stays queued).
 * ERROR_NO_SYSTEM_RESOURCES is never returned: dequeuing allocates nothing.
 * Takes the client's queue lock only.
 */
DWORD WINAPI RtmDequeueRouteChangeMessage(HANDLE ClientHandle, DWORD *Flags, PVOID CurBestRoute,
                                          PVOID PrevBestRoute)
{
    RTM_DEBUG_API_ENTRY(RtmDequeueRouteChangeMessage, ClientHandle,
                        (ClientHandle, Flags, CurBestRoute, PrevBestRoute), "%s", "");
    struct rtmv1_client *client = rtmv1_client_get(ClientHandle);
    DWORD status;

    if (!client)
        return ERROR_INVALID_HANDLE;
    if (!client->event)
        status = ERROR_INVALID_HANDLE;
    else if (!Flags)
        status = ERROR_INVALID_PARAMETER;
    else
        status = rtmv1_dequeue(client, Flags, CurBestRoute, PrevBestRoute);
    rtmv1_client_put(client);
    return status;
}
