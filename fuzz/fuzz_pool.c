/*
 * fuzz_pool.c - the handles and information structures the harness holds,
 * what releasing them must do, and the queries it uses as oracles
 * (fuzz.h).
 */
#include <stdlib.h>

#include "fuzz.h"

static int is_counted(rtm_object_type t)
{
    return t == RTM_OBJ_ENTITY || t == RTM_OBJ_DEST || t == RTM_OBJ_ROUTE || t == RTM_OBJ_NEXTHOP;
}

struct fz_handle *fz_find(HANDLE h)
{
    for (int i = 0; h && i < fz.npool; i++)
        if (fz.pool[i].h == h)
            return &fz.pool[i];
    return NULL;
}

int fz_alive(HANDLE h, rtm_object_type type)
{
    struct rtm_object *obj = rtm_handle_lookup(h, type);

    if (obj)
        rtm_object_unref(obj);
    return obj != NULL;
}

int fz_unheld(HANDLE h)
{
    struct fz_handle *rec = fz_find(h);

    return !rec || (is_counted(rec->type) ? rec->refs == 0 : !rec->live);
}

/* A pool entry that may be forgotten: nothing held. */
static int evictable(const struct fz_handle *rec)
{
    return rec->refs == 0 && !rec->live;
}

int fz_pool_room(void)
{
    if (fz.npool < FZ_HANDLES)
        return 1;
    for (int i = 0; i < fz.npool; i++)
        if (evictable(&fz.pool[i]))
            return 1;
    return 0;
}

/* Drops n references on h at once through the API (the pool is full, or
 * the input ends). */
static void release_now(HANDLE h, int table, int n)
{
    int caller = fz_any_caller(table);
    HANDLE hs[8];
    DWORD code;

    if (n > 8)
        fz_fail("releasing too many references at once");
    for (int i = 0; i < n; i++)
        hs[i] = h;
    code = RtmDereferenceHandles(caller >= 0 ? fz.ent[caller].h : fz_janitor(table), (UINT)n, hs);
    if (code != NO_ERROR)
        fz_fail("RtmDereferenceHandles of a held handle returned %lu", (unsigned long)code);
}

struct fz_handle *fz_got(HANDLE h, rtm_object_type type, int table, int n)
{
    struct fz_handle *rec = fz_find(h);

    if (!h)
        return NULL;
    if (rec) {
        if (rec->type != type || (is_counted(type) && rec->table != table))
            fz_fail("handle %p came back as another object", h);
        rec->refs += n;
        return rec;
    }
    if (fz.npool == FZ_HANDLES) {
        for (int i = 0; i < fz.npool; i++) {
            if (evictable(&fz.pool[i])) {
                fz.pool[i] = fz.pool[--fz.npool];
                break;
            }
        }
    }
    if (fz.npool == FZ_HANDLES) {
        if (is_counted(type))
            release_now(h, table, n);
        return NULL;
    }
    rec = &fz.pool[fz.npool++];
    memset(rec, 0, sizeof *rec);
    rec->h = h;
    rec->type = type;
    rec->table = table;
    rec->refs = is_counted(type) ? n : 0;
    rec->live = !is_counted(type);
    rec->owner = -1;
    return rec;
}

int fz_valid_in(HANDLE h, rtm_object_type type, int table)
{
    struct fz_handle *rec = fz_find(h);
    int e = fz_ent_of_handle(h);

    if (!rec && e >= 0 && (type == RTM_OBJ_ENTITY || type == RTM_OBJ_ANY))
        return fz.ent[e].table == table && fz_alive(h, RTM_OBJ_ENTITY);
    if (!rec || !is_counted(rec->type) || rec->table != table)
        return 0;
    if (type != RTM_OBJ_ANY && rec->type != type)
        return 0;
    return fz_alive(h, rec->type);
}

/* Forged values: never the handle of a live object. */
static HANDLE forge(struct fz_in *in)
{
    HANDLE h;

    switch (fz_below(in, 5)) {
    case 0:
        h = (HANDLE)(uintptr_t)(1 + fz_below(in, 15));
        break;
    case 1:
        h = (HANDLE)&fz.pool[fz_below(in, FZ_HANDLES)];
        break;
    case 2:
        h = (HANDLE)(uintptr_t)(((uint64_t)fz_u32(in) << 32) | fz_u32(in));
        break;
    case 3:
        /* A live handle with one bit of its index or generation flipped. */
        h = fz.npool ? fz.pool[fz_below(in, 256) % fz.npool].h : NULL;
        h = (HANDLE)((uintptr_t)h ^ ((uintptr_t)1 << fz_below(in, 8 * sizeof(void *))));
        break;
    default:
        h = (HANDLE)(uintptr_t)-1;
        break;
    }
    return h && fz_alive(h, RTM_OBJ_ANY) ? (HANDLE)(uintptr_t)1 : h;
}

/* The k-th pool entry (cyclically) that pred accepts, or NULL. */
static struct fz_handle *nth(unsigned k, int (*pred)(const struct fz_handle *, rtm_object_type, int),
                             rtm_object_type type, int table)
{
    int count = 0;

    for (int i = 0; i < fz.npool; i++)
        count += pred(&fz.pool[i], type, table);
    if (!count)
        return NULL;
    k %= (unsigned)count;
    for (int i = 0; i < fz.npool; i++)
        if (pred(&fz.pool[i], type, table) && k-- == 0)
            return &fz.pool[i];
    return NULL;
}

static int held_pred(const struct fz_handle *r, rtm_object_type type, int table)
{
    return r->type == type && (table < 0 || !is_counted(type) || r->table == table) &&
           (is_counted(type) ? r->refs > 0 : r->live);
}

static int stale_pred(const struct fz_handle *r, rtm_object_type type, int table)
{
    (void)table;
    return r->type == type && (is_counted(type) ? r->refs == 0 : !r->live);
}

static int other_pred(const struct fz_handle *r, rtm_object_type type, int table)
{
    (void)table;
    return r->type != type;
}

HANDLE fz_pick_held(struct fz_in *in, rtm_object_type type, int table)
{
    struct fz_handle *r = nth(fz_u8(in), held_pred, type, table);

    return r ? r->h : NULL;
}

HANDLE fz_pick(struct fz_in *in, rtm_object_type type, int table)
{
    unsigned s = fz_u8(in), k = s >> 4;
    struct fz_handle *r = NULL;

    switch (s & 15) {
    case 15:
        return NULL;
    case 14:
        return forge(in);
    case 13:
        r = nth(k, other_pred, type, table);
        break;
    case 12:
    case 11:
        r = nth(k, stale_pred, type, table);
        break;
    default:
        r = nth(k, held_pred, type, table);
        if (!r)
            r = nth(k, held_pred, type, -1);
        break;
    }
    return r ? r->h : forge(in);
}

/* ---- releasing ---------------------------------------------------------- */

int fz_release_plan(const HANDLE *hs, int n, rtm_object_type ty, int table, int null_ok)
{
    int invalid = 0;

    for (int i = 0; i < n; i++) {
        struct fz_handle *rec;
        int count = 0, seen = 0;

        if (!hs[i]) {
            invalid |= !null_ok;
            continue;
        }
        for (int j = 0; j < n; j++) {
            count += hs[j] == hs[i];
            seen |= j < i && hs[j] == hs[i];
        }
        if (seen)
            continue;
        rec = fz_find(hs[i]);
        if (!rec || !is_counted(rec->type) || (ty != RTM_OBJ_ANY && rec->type != ty) ||
            rec->table != table || !fz_alive(hs[i], rec->type)) {
            invalid = 1;
        } else if (rec->refs < count) {
            /* Nobody but clients holds client references on routes and
             * entities: releasing more than the harness holds fails,
             * except on routes that may be expiring: their handle is lent
             * to the owner's callback meanwhile, and the release would
             * take the lent reference. */
            if (rec->type == RTM_OBJ_NEXTHOP || rec->type == RTM_OBJ_DEST ||
                (rec->type == RTM_OBJ_ROUTE && fz.fuzzy[table]))
                return FZ_REL_UNSAFE;
            invalid = 1;
        }
    }
    return invalid ? FZ_REL_INVALID : FZ_REL_OK;
}

void fz_release_apply(const HANDLE *hs, int n, rtm_object_type ty, int table)
{
    for (int i = 0; i < n; i++) {
        struct fz_handle *rec = fz_find(hs[i]);
        if (rec && is_counted(rec->type) && (ty == RTM_OBJ_ANY || rec->type == ty) &&
            rec->table == table && rec->refs > 0)
            rec->refs--;
    }
}

void fz_check_held(void)
{
    for (int i = 0; i < fz.npool; i++) {
        struct fz_handle *rec = &fz.pool[i];
        struct rtm_object *obj;
        uint32_t client = 0;

        if (is_counted(rec->type) ? rec->refs <= 0 : !rec->live)
            continue;
        obj = rtm_handle_lookup(rec->h, rec->type);
        if (!obj)
            fz_fail("held handle %p (type %d, %d references) is no longer valid", rec->h,
                    (int)rec->type, rec->refs);
        rtm_object_refcounts(obj, &client, NULL);
        rtm_object_unref(obj);
        if (is_counted(rec->type) && client < (uint32_t)rec->refs)
            fz_fail("handle %p has %u client references, the harness holds %d", rec->h,
                    (unsigned)client, rec->refs);
    }
}

/* ---- information structures ---------------------------------------------- */

static void *view_entry(const RTM_DEST_INFO *di, UINT v)
{
    return (char *)di + RTM_BASIC_DEST_INFO_SIZE + v * RTM_DEST_VIEW_INFO_SIZE;
}

#define VIEW_INFO(di, v) ((__typeof__(((RTM_DEST_INFO *)0)->ViewInfo[0]) *)view_entry(di, v))

static void got_route(HANDLE h, int table, const RTM_DEST_INFO *di, HANDLE owner)
{
    struct fz_handle *rec = fz_got(h, RTM_OBJ_ROUTE, table, 1);

    if (rec && !rec->has_key) {
        rec->has_key = 1;
        memcpy(rec->key, di->DestAddress.AddrBits, sizeof rec->key);
        rec->len = di->DestAddress.NumBits;
    }
    if (rec && owner && rec->owner < 0)
        rec->owner = fz_ent_of_handle(owner);
}

void fz_take_dest_info(const RTM_DEST_INFO *di, int table)
{
    struct fz_handle *d = fz_got(di->DestHandle, RTM_OBJ_DEST, table, 1);

    if (d && !d->has_key) {
        d->has_key = 1;
        memcpy(d->key, di->DestAddress.AddrBits, sizeof d->key);
        d->len = di->DestAddress.NumBits;
    }
    for (UINT v = 0; v < di->NumberOfViews && v < 2; v++) {
        got_route(VIEW_INFO(di, v)->Route, table, di, VIEW_INFO(di, v)->Owner);
        fz_got(VIEW_INFO(di, v)->Owner, RTM_OBJ_ENTITY, table, 1);
        got_route(VIEW_INFO(di, v)->HoldRoute, table, di, NULL);
    }
}

void fz_take_route_info(const RTM_ROUTE_INFO *ri, int table)
{
    fz_got(ri->DestHandle, RTM_OBJ_DEST, table, 1);
    fz_got(ri->RouteOwner, RTM_OBJ_ENTITY, table, 1);
    fz_got(ri->Neighbour, RTM_OBJ_NEXTHOP, table, 1);
    for (UINT i = 0; i < ri->NextHopsList.NumNextHops && i < 4; i++)
        fz_got(ri->NextHopsList.NextHops[i], RTM_OBJ_NEXTHOP, table, 1);
}

void fz_take_nexthop_info(const RTM_NEXTHOP_INFO *ni, int table)
{
    fz_got(ni->NextHopOwner, RTM_OBJ_ENTITY, table, 1);
    fz_got(ni->RemoteNextHop, RTM_OBJ_DEST, table, 1);
}

void fz_info_keep(enum fz_info_kind kind, void *buf, UINT n, UINT nviews, int table,
                  HANDLE notify)
{
    for (int i = 0; i < FZ_INFOS; i++) {
        struct fz_info *info = &fz.info[i];
        if (info->used && !info->released)
            continue;
        free(info->buf);
        info->used = 1;
        info->kind = kind;
        info->buf = buf;
        info->n = n;
        info->nviews = nviews;
        info->table = table;
        info->notify = notify;
        info->released = 0;
        return;
    }
    /* No room: release it now, as a client would. */
    {
        struct fz_info tmp = { 1, kind, buf, n, nviews, table, notify, 0 };
        int caller = fz_any_caller(table);
        if (caller < 0)
            fz_fail("no caller to release an information structure");
        fz_info_release(&tmp, caller, fz.ent[caller].h, 0);
        free(buf);
    }
}

static size_t dest_stride(UINT nviews)
{
    return RTM_SIZE_OF_DEST_INFO(nviews);
}

/* Appends the handles (and their types) of one RTM_DEST_INFO. */
static int dest_handles(const RTM_DEST_INFO *di, UINT nviews, HANDLE *hs,
                        rtm_object_type *ty, int n)
{
    hs[n] = di->DestHandle, ty[n++] = RTM_OBJ_DEST;
    for (UINT v = 0; v < nviews; v++) {
        hs[n] = VIEW_INFO(di, v)->Route, ty[n++] = RTM_OBJ_ROUTE;
        hs[n] = VIEW_INFO(di, v)->Owner, ty[n++] = RTM_OBJ_ENTITY;
        hs[n] = VIEW_INFO(di, v)->HoldRoute, ty[n++] = RTM_OBJ_ROUTE;
    }
    return n;
}

int fz_info_handles(const struct fz_info *info, HANDLE *hs, rtm_object_type *ty, int max)
{
    int n = 0;

    switch (info->kind) {
    case FZ_INFO_DEST:
        n = dest_handles(info->buf, info->nviews, hs, ty, 0);
        break;
    case FZ_INFO_DESTS:
    case FZ_INFO_CHANGED:
        for (UINT i = 0; i < info->n && n + 7 <= max; i++)
            n = dest_handles((RTM_DEST_INFO *)((char *)info->buf + i * dest_stride(info->nviews)),
                             info->nviews, hs, ty, n);
        break;
    case FZ_INFO_ROUTE: {
        const RTM_ROUTE_INFO *ri = info->buf;
        hs[n] = ri->DestHandle, ty[n++] = RTM_OBJ_DEST;
        hs[n] = ri->RouteOwner, ty[n++] = RTM_OBJ_ENTITY;
        hs[n] = ri->Neighbour, ty[n++] = RTM_OBJ_NEXTHOP;
        for (UINT i = 0; i < ri->NextHopsList.NumNextHops && i < 4; i++)
            hs[n] = ri->NextHopsList.NextHops[i], ty[n++] = RTM_OBJ_NEXTHOP;
        break;
    }
    case FZ_INFO_NEXTHOP: {
        const RTM_NEXTHOP_INFO *ni = info->buf;
        hs[n] = ni->NextHopOwner, ty[n++] = RTM_OBJ_ENTITY;
        hs[n] = ni->RemoteNextHop, ty[n++] = RTM_OBJ_DEST;
        break;
    }
    }
    return n;
}

/* The plan for releasing handles of several types: the worst of each
 * type's plan. */
static int plan_typed(const HANDLE *hs, const rtm_object_type *ty, int n, int table)
{
    static const rtm_object_type types[] = { RTM_OBJ_ENTITY, RTM_OBJ_DEST, RTM_OBJ_ROUTE,
                                                  RTM_OBJ_NEXTHOP };
    int result = FZ_REL_OK;
    HANDLE sub[FZ_INFOS * 64];

    for (int t = 0; t < 4; t++) {
        int m = 0, p;
        for (int i = 0; i < n; i++)
            if (ty[i] == types[t])
                sub[m++] = hs[i];
        p = fz_release_plan(sub, m, types[t], table, 1);
        if (p == FZ_REL_UNSAFE)
            return p;
        if (p == FZ_REL_INVALID)
            result = FZ_REL_INVALID;
    }
    /* The same handle under two types: the first release may free it. */
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (hs[i] && hs[i] == hs[j] && ty[i] != ty[j])
                return FZ_REL_UNSAFE;
    return result;
}

static void apply_typed(const HANDLE *hs, const rtm_object_type *ty, int n, int table)
{
    for (int i = 0; i < n; i++)
        fz_release_apply(&hs[i], 1, ty[i], table);
}

static int notify_valid(HANDLE notify, int caller)
{
    struct fz_handle *rec = fz_find(notify);

    return rec && rec->type == RTM_OBJ_NOTIFY && rec->live && rec->owner == caller;
}

void fz_info_release(struct fz_info *info, int caller, HANDLE reg, int corrupt)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    HANDLE hs[FZ_INFOS * 64];
    rtm_object_type ty[FZ_INFOS * 64];
    int n = fz_info_handles(info, hs, ty, FZ_INFOS * 64), plan, bad_entry = -1;
    int table = fz_registered(caller) ? fz.ent[caller].table : -1;
    UINT saved = 0;
    DWORD code, expected;

    plan = fz_registered(caller) ? plan_typed(hs, ty, n, table) : FZ_REL_INVALID;
    if (plan == FZ_REL_UNSAFE)
        return;
    if (corrupt) {
        if (info->kind == FZ_INFO_ROUTE) {
            RTM_ROUTE_INFO *ri = info->buf;
            saved = ri->NextHopsList.NumNextHops;
            ri->NextHopsList.NumNextHops = 5;
            bad_entry = 0;
        } else if (info->kind != FZ_INFO_NEXTHOP && info->n) {
            bad_entry = (int)(corrupt % (info->kind == FZ_INFO_DEST ? 1 : info->n));
            RTM_DEST_INFO *di = (RTM_DEST_INFO *)((char *)info->buf + (size_t)bad_entry *
                                                  dest_stride(info->nviews));
            saved = di->NumberOfViews;
            di->NumberOfViews = 3;
        }
    }
    if (bad_entry >= 0 && fz_registered(caller) &&
        (info->kind != FZ_INFO_CHANGED || notify_valid(info->notify, caller))) {
        /* Entries before the bad one are released (RtmReleaseDests). */
        int keep = info->kind == FZ_INFO_ROUTE ? 0 : bad_entry * (1 + 3 * (int)info->nviews);
        if (plan_typed(hs, ty, keep, table) == FZ_REL_UNSAFE) {
            plan = FZ_REL_UNSAFE;
        } else {
            plan = FZ_REL_OK;
            n = keep;
        }
        expected = ERROR_INVALID_PARAMETER;
    } else {
        expected = plan == FZ_REL_INVALID ? ERROR_INVALID_HANDLE : NO_ERROR;
    }
    if (info->kind == FZ_INFO_CHANGED && fz_registered(caller) && !notify_valid(info->notify, caller)) {
        plan = FZ_REL_INVALID;
        expected = ERROR_INVALID_HANDLE;
        n = 0;
    }
    if (plan != FZ_REL_UNSAFE) {
        switch (info->kind) {
        case FZ_INFO_DEST:
            code = RtmReleaseDestInfo(reg, info->buf);
            break;
        case FZ_INFO_DESTS:
            code = RtmReleaseDests(reg, info->n, info->buf);
            break;
        case FZ_INFO_CHANGED:
            code = RtmReleaseChangedDests(reg, info->notify, info->n, info->buf);
            break;
        case FZ_INFO_ROUTE:
            code = RtmReleaseRouteInfo(reg, info->buf);
            break;
        default:
            code = RtmReleaseNextHopInfo(reg, info->buf);
            break;
        }
        fz_check_documented("Release*Info", code, documented);
        if (!fz_registered(caller))
            fz_expect("Release*Info (bad caller)", code, ERROR_INVALID_HANDLE, NULL, 0);
        else
            fz_expect("Release*Info", code, expected, NULL, 0);
        if (fz_registered(caller) && n)
            apply_typed(hs, ty, n, table);
        if (!corrupt)
            info->released = 1;
    }
    if (bad_entry >= 0) {
        if (info->kind == FZ_INFO_ROUTE)
            ((RTM_ROUTE_INFO *)info->buf)->NextHopsList.NumNextHops = (USHORT)saved;
        else
            ((RTM_DEST_INFO *)((char *)info->buf + (size_t)bad_entry *
                               dest_stride(info->nviews)))->NumberOfViews = saved;
    }
}

/* ---- end of input ----------------------------------------------------------- */

void fz_release_all(void)
{
    for (int i = 0; i < fz.npool; i++) {
        struct fz_handle *rec = &fz.pool[i];
        while (is_counted(rec->type) && rec->refs > 0) {
            int n = rec->refs > 8 ? 8 : rec->refs;
            release_now(rec->h, rec->table, n);
            rec->refs -= n;
        }
    }
    for (int i = 0; i < FZ_INFOS; i++) {
        free(fz.info[i].buf);
        memset(&fz.info[i], 0, sizeof fz.info[i]);
    }
}

/* ---- oracles ----------------------------------------------------------------- */

int fz_route_query(HANDLE h, int table, RTM_ROUTE_INFO *ri, RTM_NET_ADDRESS *addr)
{
    int caller = fz_any_caller(table);
    DWORD code;

    if (caller < 0)
        return 0;
    code = RtmGetRouteInfo(fz.ent[caller].h, h, ri, addr);
    if (code != NO_ERROR)
        return 0;
    code = RtmReleaseRouteInfo(fz.ent[caller].h, ri);
    if (code != NO_ERROR)
        fz_fail("RtmReleaseRouteInfo of a fresh route information returned %lu",
                (unsigned long)code);
    return 1;
}

int fz_nexthop_query(HANDLE h, int table, RTM_NEXTHOP_INFO *ni)
{
    int caller = fz_any_caller(table);
    DWORD code;

    if (caller < 0)
        return 0;
    code = RtmGetNextHopInfo(fz.ent[caller].h, h, ni);
    if (code != NO_ERROR)
        return 0;
    code = RtmReleaseNextHopInfo(fz.ent[caller].h, ni);
    if (code != NO_ERROR)
        fz_fail("RtmReleaseNextHopInfo of a fresh next-hop information returned %lu",
                (unsigned long)code);
    return 1;
}
