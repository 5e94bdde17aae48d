/*
 * mcastlike_events.c - what a component of mcastlike.dll does with the
 * MGM's callbacks: it logs them (MibGet reads the log), and the IGMP-like
 * component adds its hosts' memberships again where the MGM enabled it.
 */
#include "mcastlike_proto.h"

DWORD mcastlike_find(const DWORD *list, DWORD count, DWORD index)
{
    DWORD i = 0;

    while (i < count && list[i] != index)
        i++;
    return i;
}

void mcastlike_log(struct mcastlike *c, DWORD kind, DWORD source, DWORD source_mask, DWORD group,
                   DWORD group_mask, DWORD index, DWORD nexthop, DWORD member, DWORD count)
{
    EnterCriticalSection(&c->lock);
    if (kind == MCASTLIKE_DISABLE && c->disabled_count < MCASTLIKE_MAX_INTERFACES &&
        mcastlike_find(c->disabled, c->disabled_count, index) == c->disabled_count)
        c->disabled[c->disabled_count++] = index;
    if (c->log.Count < MCASTLIKE_LOG_CAPACITY) {
        MCASTLIKE_EVENT *e = &c->log.Events[c->log.Count];
        e->Sequence = ++c->log.Count;
        e->Kind = kind;
        e->Source = source;
        e->SourceMask = source_mask;
        e->Group = group;
        e->GroupMask = group_mask;
        e->InterfaceIndex = index;
        e->NextHop = nexthop;
        e->Member = member;
        e->Count = count;
    } else {
        c->log.Lost++;
    }
    LeaveCriticalSection(&c->lock);
}

/* The re-adding of one interface's memberships: a work item's context. */
struct readd {
    struct mcastlike *c;
    DWORD index;
};

static DWORD WINAPI readd_work(LPVOID context)
{
    struct readd *r = context;
    struct mcastlike *c = r->c;
    DWORD added = 0;

    EnterCriticalSection(&c->lock);
    if (c->state == MCASTLIKE_RUNNING) {
        DWORD at = mcastlike_find(c->disabled, c->disabled_count, r->index);
        if (at < c->disabled_count)
            c->disabled[at] = c->disabled[--c->disabled_count];
        for (DWORD i = 0; i < c->membership_count; i++) {
            const struct mcastlike_membership *m = &c->memberships[i];
            if (m->index != r->index)
                continue;
            if (MgmAddGroupMembershipEntry(c->mgm, m->source, m->source ? 0xFFFFFFFF : 0,
                                           m->group, 0xFFFFFFFF, m->index, 0,
                                           MGM_JOIN_STATE_FLAG) == NO_ERROR)
                added++;
            else
                c->log.Errors++;
        }
    }
    LeaveCriticalSection(&c->lock);
    mcastlike_log(c, MCASTLIKE_READDED, 0, 0, 0, 0, r->index, 0, 0, added);
    HeapFree(GetProcessHeap(), 0, r);
    InterlockedDecrement(&c->readds);
    return 0;
}

void mcastlike_enabled(struct mcastlike *c, DWORD index)
{
    struct readd *r;

    if (!c->is_igmp)
        return;
    r = HeapAlloc(GetProcessHeap(), 0, sizeof *r);
    if (!r) {
        InterlockedIncrement((LONG *)&c->log.Errors);
        return;
    }
    r->c = c;
    r->index = index;
    InterlockedIncrement(&c->readds);
    if (!QueueUserWorkItem(readd_work, r, WT_EXECUTEDEFAULT)) {
        InterlockedDecrement(&c->readds);
        HeapFree(GetProcessHeap(), 0, r);
    }
}
