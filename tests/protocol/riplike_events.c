/*
 * riplike_events.c - a protocol's RTM event callback (see riplike_proto.h):
 * RTM_CHANGE_NOTIFICATION is answered the way
 * spec/rras/use-the-event-notification-callback.md describes (get a batch
 * of changed destinations, process, release, until RtmGetChangedDests
 * returns ERROR_NO_MORE_ITEMS), by one callback at a time; each changed
 * destination becomes a log entry, its best unicast route as it is when
 * read (a callback that finds the registration ended under it while the
 * protocol stops releases what it read with RtmReleaseDests and ends).
 * Entity events are counted. Its routes never expire; an RTM_ROUTE_EXPIRED,
 * or any other event, is ERROR_NOT_SUPPORTED (for an expired route: let
 * the RTM delete it).
 */
#include <string.h>

#include "riplike_proto.h"

/* Changed destinations read per RtmGetChangedDests call. */
#define BATCH 8

/* Describes the unicast view of dest in *entry (Sequence left 0); returns
 * the number of RTM calls that failed. */
static DWORD describe(RTM_ENTITY_HANDLE reg, const RTM_DEST_INFO *dest, PRTM_ROUTE_INFO route,
                      RIPLIKE_LOG_ENTRY *entry)
{
    DWORD errors = 0;

    memset(entry, 0, sizeof *entry);
    memcpy(entry->Prefix, dest->DestAddress.AddrBits, sizeof entry->Prefix);
    entry->PrefixLength = dest->DestAddress.NumBits;
    for (UINT v = 0; v < dest->NumberOfViews; v++) {
        RTM_ENTITY_INFO owner;
        if (dest->ViewInfo[v].ViewId != RTM_VIEW_ID_UCAST)
            continue;
        entry->Routes = dest->ViewInfo[v].NumRoutes;
        if (!dest->ViewInfo[v].Route)
            break;
        if (RtmGetRouteInfo(reg, dest->ViewInfo[v].Route, route, NULL) == NO_ERROR) {
            entry->Preference = route->PrefInfo.Preference;
            entry->Metric = route->PrefInfo.Metric;
            errors += RtmReleaseRouteInfo(reg, route) != NO_ERROR;
        } else {
            errors++;
        }
        if (RtmGetEntityInfo(reg, dest->ViewInfo[v].Owner, &owner) == NO_ERROR) {
            entry->OwnerProtocolId = owner.EntityId.EntityProtocolId;
            entry->OwnerInstanceId = owner.EntityId.EntityInstanceId;
            errors += RtmReleaseEntityInfo(reg, &owner) != NO_ERROR;
        } else {
            errors++;
        }
    }
    return errors;
}

/* Appends entries to the log (under the lock). */
static void log_changes(struct riplike_protocol *p, const RIPLIKE_LOG_ENTRY *entries, UINT count,
                        DWORD errors)
{
    EnterCriticalSection(&p->lock);
    for (UINT i = 0; i < count; i++) {
        if (p->stats.Logged < RIPLIKE_LOG_CAPACITY) {
            RIPLIKE_LOG_ENTRY *e = &p->log[p->stats.Logged++];
            *e = entries[i];
            e->Sequence = p->stats.Logged;
        } else {
            p->stats.Lost++;
        }
    }
    p->stats.Errors += errors;
    LeaveCriticalSection(&p->lock);
}

/* Whether RtmGetChangedDests or RtmReleaseChangedDests failing with status
 * is the end of the protocol's notification registration rather than an
 * error: StopProtocol deregisters it while a callback for earlier changes
 * (its own route deletions, say) may still be reading, which then gets
 * ERROR_INVALID_HANDLE. */
static BOOL registration_ended(struct riplike_protocol *p, DWORD status)
{
    BOOL stopping;

    if (status != ERROR_INVALID_HANDLE)
        return FALSE;
    EnterCriticalSection(&p->lock);
    stopping = p->state != RIPLIKE_RUNNING;
    LeaveCriticalSection(&p->lock);
    return stopping;
}

static void read_changes(struct riplike_protocol *p, RTM_ENTITY_HANDLE reg,
                         RTM_NOTIFY_HANDLE notify)
{
    SIZE_T dest_size = RTM_SIZE_OF_DEST_INFO(p->profile.NumberOfViews);
    /* RTM_SIZE_OF_ROUTE_INFO(n) leaves room for n - 1 next hops. */
    SIZE_T route_size = RTM_SIZE_OF_ROUTE_INFO(p->profile.MaxNextHopsInRoute + 1);
    BYTE *dests = HeapAlloc(GetProcessHeap(), 0, dest_size * BATCH);
    PRTM_ROUTE_INFO route = HeapAlloc(GetProcessHeap(), 0, route_size);
    RIPLIKE_LOG_ENTRY entries[BATCH];
    DWORD status = NO_ERROR;

    while (dests && route && status == NO_ERROR) {
        UINT count = BATCH;
        DWORD errors = 0;

        status = RtmGetChangedDests(reg, notify, &count, (PRTM_DEST_INFO)dests);
        if (status != NO_ERROR && status != ERROR_NO_MORE_ITEMS) {
            if (!registration_ended(p, status))
                log_changes(p, NULL, 0, 1);
            break;
        }
        for (UINT i = 0; i < count; i++)
            errors += describe(reg, (PRTM_DEST_INFO)(dests + i * dest_size), route, &entries[i]);
        if (count) {
            DWORD released = RtmReleaseChangedDests(reg, notify, count, (PRTM_DEST_INFO)dests);

            /* what was read from a registration that ended is released as
             * plain destination information */
            if (registration_ended(p, released))
                released = RtmReleaseDests(reg, count, (PRTM_DEST_INFO)dests);
            errors += released != NO_ERROR;
        }
        log_changes(p, entries, count, errors);
    }
    if (!dests || !route)
        log_changes(p, NULL, 0, 1);
    if (dests)
        HeapFree(GetProcessHeap(), 0, dests);
    if (route)
        HeapFree(GetProcessHeap(), 0, route);
}

DWORD riplike_event(struct riplike_protocol *p, RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type,
                    PVOID context1, PVOID context2)
{
    (void)context2;
    switch (type) {
    case RTM_CHANGE_NOTIFICATION:
        EnterCriticalSection(&p->lock);
        p->stats.Notifications++;
        LeaveCriticalSection(&p->lock);
        EnterCriticalSection(&p->reading);
        read_changes(p, reg, (RTM_NOTIFY_HANDLE)context1);
        LeaveCriticalSection(&p->reading);
        return NO_ERROR;
    case RTM_ENTITY_REGISTERED:
    case RTM_ENTITY_DEREGISTERED:
        EnterCriticalSection(&p->lock);
        p->stats.EntityEvents++;
        LeaveCriticalSection(&p->lock);
        return NO_ERROR;
    default:
        return ERROR_NOT_SUPPORTED;
    }
}
