/*
 * riplike_mib.c - a protocol's MIB entry points
 * (spec/routprot/nc-routprot-pmib_set.md, -pmib_get.md); the request and
 * reply formats are in riplike.h.
 */
#include <string.h>

#include "riplike_proto.h"

/**
 * riplike_mib_set - MibSet of protocol p: one RIPLIKE_MIB_SET, a change of
 * one configured route. RIPLIKE_SET_ROUTE adds the route, or sets the
 * metric of the equal one; RIPLIKE_DELETE_ROUTE deletes the equal one.
 * The RTM sees the change at once; the configuration changed, so a
 * SAVE_GLOBAL_CONFIG_INFO message is queued and the notification event
 * signalled. Returns NO_ERROR; ERROR_INVALID_PARAMETER for a malformed
 * request or the deletion of a route it does not have (nothing changes);
 * ERROR_CAN_NOT_COMPLETE when it is not running, already has
 * RIPLIKE_MAX_ROUTES routes, or an RTM call failed.
 */
DWORD riplike_mib_set(struct riplike_protocol *p, ULONG size, PVOID data)
{
    const RIPLIKE_MIB_SET *request = data;
    RIPLIKE_ROUTE routes[RIPLIKE_MAX_ROUTES + 1];
    DWORD count, i, status;

    if (!request || size != sizeof *request || request->Route.PrefixLength > 32 ||
        (request->Command != RIPLIKE_SET_ROUTE && request->Command != RIPLIKE_DELETE_ROUTE))
        return ERROR_INVALID_PARAMETER;
    EnterCriticalSection(&p->lock);
    if (p->state != RIPLIKE_RUNNING) {
        LeaveCriticalSection(&p->lock);
        return ERROR_CAN_NOT_COMPLETE;
    }
    count = p->route_count;
    for (i = 0; i < count; i++)
        routes[i] = p->routes[i].config;
    i = riplike_route_find(routes, count, &request->Route);
    if (request->Command == RIPLIKE_DELETE_ROUTE && i == count)
        status = ERROR_INVALID_PARAMETER;
    else if (request->Command == RIPLIKE_SET_ROUTE && i == count && count == RIPLIKE_MAX_ROUTES)
        status = ERROR_CAN_NOT_COMPLETE;
    else
        status = NO_ERROR;
    if (status == NO_ERROR) {
        if (request->Command == RIPLIKE_DELETE_ROUTE)
            routes[i] = routes[--count];
        else if (i == count++)
            routes[i] = request->Route;
        else
            routes[i].Metric = request->Route.Metric;
        status = riplike_routes_apply(p, p->preference, routes, count);
        p->pending_saves++;
        SetEvent(p->event);
    }
    LeaveCriticalSection(&p->lock);
    return status;
}

/* Nonzero when out has room for a reply of size bytes; *out_size becomes
 * size either way. */
static int fits(PULONG out_size, PVOID out, ULONG size)
{
    int room = out && *out_size >= size;
    *out_size = size;
    return room;
}

/**
 * riplike_mib_get - MibGet of protocol p: one RIPLIKE_MIB_GET.
 * RIPLIKE_GET_LOG returns a RIPLIKE_LOG of the entries logged since
 * StartProtocol from sequence number First on (First 0 is 1);
 * RIPLIKE_GET_STATS a RIPLIKE_STATS. Both answer also when the protocol is
 * stopped (what its last run logged and counted).
 *
 * @out_size [in, out] in: the size of out; out: the size of the reply.
 *
 * Returns NO_ERROR; ERROR_INSUFFICIENT_BUFFER (only *out_size written)
 * when out is too small; ERROR_INVALID_PARAMETER for a malformed request
 * or a NULL out_size.
 */
DWORD riplike_mib_get(struct riplike_protocol *p, ULONG in_size, PVOID in, PULONG out_size,
                      PVOID out)
{
    const RIPLIKE_MIB_GET *request = in;
    DWORD status;

    if (!request || in_size != sizeof *request || !out_size ||
        (request->Query != RIPLIKE_GET_LOG && request->Query != RIPLIKE_GET_STATS))
        return ERROR_INVALID_PARAMETER;
    EnterCriticalSection(&p->lock);
    if (request->Query == RIPLIKE_GET_STATS) {
        status = fits(out_size, out, sizeof(RIPLIKE_STATS)) ? NO_ERROR : ERROR_INSUFFICIENT_BUFFER;
        if (status == NO_ERROR) {
            RIPLIKE_STATS *stats = out;
            *stats = p->stats;
            stats->Running = p->state == RIPLIKE_RUNNING;
            stats->Routes = p->route_count;
        }
    } else {
        DWORD first = request->First ? request->First - 1 : 0;
        DWORD count = first < p->stats.Logged ? p->stats.Logged - first : 0;
        status = fits(out_size, out, (ULONG)RIPLIKE_LOG_SIZE(count)) ? NO_ERROR
                                                                     : ERROR_INSUFFICIENT_BUFFER;
        if (status == NO_ERROR) {
            RIPLIKE_LOG *log = out;
            log->Count = count;
            memcpy(log->Entries, &p->log[first], count * sizeof *log->Entries);
        }
    }
    LeaveCriticalSection(&p->lock);
    return status;
}
