/*
 * ipxriplike_changes.c - a protocol's change thread, the NT 4.0 way: it
 * waits for its RTMv1 client's change event (and its stop event), then
 * reads every queued message with RtmDequeueRouteChangeMessage
 * (spec/rras/rtmdequeueroutechangemessage.md) until the last one, which
 * resets the event, and logs each (ipxriplike.h).
 */
#include <string.h>

#include "ipxriplike_proto.h"

/* Appends one message to p's log (p->lock held). */
static void log_message(struct ipxriplike_protocol *p, DWORD flags, const RTM_IPX_ROUTE *cur,
                        const RTM_IPX_ROUTE *prev)
{
    IPXRIPLIKE_LOG_ENTRY *e;

    p->stats.Messages++;
    if (p->log.Count == IPXRIPLIKE_LOG_CAPACITY) {
        p->stats.Lost++;
        return;
    }
    e = &p->log.Entries[p->log.Count++];
    memset(e, 0, sizeof *e);
    e->Flags = flags;
    if (flags & RTM_CURRENT_BEST_ROUTE) {
        e->Network = cur->RR_Network.N_NetNumber;
        e->CurProtocol = cur->RR_RoutingProtocol;
        e->CurTicks = cur->RR_FamilySpecificData.FSD_TickCount;
        e->CurHops = cur->RR_FamilySpecificData.FSD_HopCount;
    }
    if (flags & RTM_PREVIOUS_BEST_ROUTE) {
        e->Network = prev->RR_Network.N_NetNumber;
        e->PrevProtocol = prev->RR_RoutingProtocol;
        e->PrevTicks = prev->RR_FamilySpecificData.FSD_TickCount;
        e->PrevHops = prev->RR_FamilySpecificData.FSD_HopCount;
    }
}

/* Reads every message queued for p. */
static void read_messages(struct ipxriplike_protocol *p)
{
    RTM_IPX_ROUTE cur, prev;
    DWORD flags, status;

    EnterCriticalSection(&p->lock);
    p->stats.Wakeups++;
    do {
        status = RtmDequeueRouteChangeMessage(p->client, &flags, &cur, &prev);
        if (status == NO_ERROR || status == ERROR_MORE_MESSAGES)
            log_message(p, flags, &cur, &prev);
        else if (status != ERROR_NO_MESSAGES)
            p->stats.Errors++;
    } while (status == ERROR_MORE_MESSAGES);
    LeaveCriticalSection(&p->lock);
}

/**
 * ipxriplike_change_thread - the change thread of protocol p (an
 * LPTHREAD_START_ROUTINE): until p->stop_event is set, waits for
 * p->change_event and reads the messages. Returns 0.
 */
DWORD WINAPI ipxriplike_change_thread(LPVOID arg)
{
    struct ipxriplike_protocol *p = arg;
    HANDLE events[2] = { p->stop_event, p->change_event };

    while (WaitForMultipleObjects(2, events, FALSE, INFINITE) == WAIT_OBJECT_0 + 1)
        read_messages(p);
    return 0;
}
