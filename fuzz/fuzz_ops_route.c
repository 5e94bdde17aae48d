/*
 * fuzz_ops_route.c - operations on next hops and routes: add, update (also
 * in place), find, delete, read, lock, best routes, hold-down.
 */
#include <stdlib.h>

#include "fuzz.h"

/* ---- what the harness knows of a handle ----------------------------------- */

/* The owner slot of a next hop (asked through the API): -1 for an entity
 * the harness no longer knows, -2 when the handle is not valid. */
static int nexthop_owner(HANDLE h, int table, int *deleted)
{
    RTM_NEXTHOP_INFO ni;
    struct fz_handle *rec = fz_find(h);

    if (!fz_nexthop_query(h, table, &ni))
        return -2;
    if (deleted)
        *deleted = ni.State == RTM_NEXTHOP_STATE_DELETED;
    if (rec && rec->owner < 0)
        rec->owner = fz_ent_of_handle(ni.NextHopOwner);
    return fz_ent_of_handle(ni.NextHopOwner);
}

/* A route's information and prefix, asked through the API. */
struct route_meta {
    int ok;
    int owner;
    int deleted;
    RTM_NET_ADDRESS addr;
    union {
        RTM_ROUTE_INFO ri;
        uint8_t raw[FZ_ROUTE_INFO_SIZE];
    } u;
};

static void route_meta(HANDLE h, int table, struct route_meta *m)
{
    memset(m, 0, sizeof *m);
    m->owner = -1;
    m->ok = fz_route_query(h, table, &m->u.ri, &m->addr);
    if (m->ok) {
        m->owner = fz_ent_of_handle(m->u.ri.RouteOwner);
        m->deleted = m->u.ri.State == RTM_ROUTE_STATE_DELETED;
    }
}

/* The model's record of a route described by m, or -1. A live route the
 * model does not have is a failure (unless the table is fuzzy). */
static int route_record(int table, const struct route_meta *m)
{
    int r;

    if (!m->ok || m->deleted || fz.fuzzy[table])
        return -1;
    r = fz_route_find_info(table, &m->addr, &m->u.ri, m->owner);
    if (r < 0 && !fz.fuzzy[table])
        fz_fail("the library has a route (/%u of entity %d) the model does not", m->addr.NumBits,
                m->owner);
    return r;
}

/* A next hop of the caller the harness holds, or NULL. */
static HANDLE own_nexthop(struct fz_in *in, int slot)
{
    unsigned k = fz_u8(in);
    int count = 0;

    for (int i = 0; i < fz.npool; i++)
        count += fz.pool[i].type == RTM_OBJ_NEXTHOP && fz.pool[i].refs > 0 && fz.pool[i].owner == slot;
    if (!count)
        return NULL;
    k %= (unsigned)count;
    for (int i = 0; i < fz.npool; i++)
        if (fz.pool[i].type == RTM_OBJ_NEXTHOP && fz.pool[i].refs > 0 && fz.pool[i].owner == slot &&
            k-- == 0)
            return fz.pool[i].h;
    return NULL;
}

/* A next hop for a route: mostly one of the caller's. */
static HANDLE route_nexthop(struct fz_in *in, int slot, int table)
{
    HANDLE h = fz_u8(in) < 200 ? own_nexthop(in, slot) : NULL;

    return h ? h : fz_pick(in, RTM_OBJ_NEXTHOP, table);
}

static int list_valid(HANDLE h, int slot)
{
    struct fz_handle *rec = fz_find(h);

    return rec && rec->type == RTM_OBJ_ROUTE_LIST && rec->live && rec->owner == slot;
}

/* A route list argument: mostly NULL. */
static HANDLE pick_list(struct fz_in *in)
{
    return fz_below(in, 8) ? NULL : fz_pick(in, RTM_OBJ_ROUTE_LIST, -1);
}

/* ---- next hops ---------------------------------------------------------------- */

static void gen_nexthop(struct fz_in *in, int table, RTM_NEXTHOP_INFO *ni)
{
    memset(ni, 0, sizeof *ni);
    fz_gen_address(in, table, &ni->NextHopAddress);
    ni->InterfaceIndex = fz_below(in, 4);
    ni->Flags = fz_u8(in) & 3;
    ni->EntitySpecificInfo = (PVOID)(uintptr_t)fz_u8(in);
    ni->NextHopOwner = (HANDLE)(uintptr_t)fz_u8(in);
    ni->State = fz_u8(in);
}

static void op_add_nexthop(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_ACCESS_DENIED, ERROR_NOT_FOUND,
                                        ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    RTM_NEXTHOP_INFO ni;
    unsigned mode = fz_below(in, 16);
    HANDLE h = NULL, tolerated[2] = { NULL, NULL };
    RTM_NEXTHOP_CHANGE_FLAGS flags = 0xFF;
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    int existing = -1, created = 0, want_handle;
    DWORD code, expected = NO_ERROR;

    fz.op = "add next hop";
    gen_nexthop(in, table, &ni);
    ni.RemoteNextHop = fz_u8(in) < 160 ? NULL : fz_pick(in, RTM_OBJ_DEST, table);
    if (mode >= 12)
        h = route_nexthop(in, slot, table);
    want_handle = mode >= 6 && !h;
    tolerated[0] = ni.RemoteNextHop;
    tolerated[1] = h;
    fz_canon(key, ni.NextHopAddress.AddrBits, ni.NextHopAddress.NumBits);
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    else if (mode == 0 || !fz_address_ok(table, &ni.NextHopAddress))
        expected = ERROR_INVALID_PARAMETER;
    else if (ni.RemoteNextHop && !fz_valid_in(ni.RemoteNextHop, RTM_OBJ_DEST, table))
        expected = ERROR_INVALID_HANDLE;
    else if (h) {
        int deleted = 0, owner;
        if (!fz_valid_in(h, RTM_OBJ_NEXTHOP, table))
            expected = ERROR_INVALID_HANDLE;
        else if ((owner = nexthop_owner(h, table, &deleted)) != slot)
            expected = owner == -2 ? ERROR_INVALID_HANDLE : ERROR_ACCESS_DENIED;
        else if (deleted)
            expected = ERROR_NOT_FOUND;
    } else {
        existing = fz_nexthop_find(slot, key, ni.NextHopAddress.NumBits, ni.InterfaceIndex);
    }
    code = RtmAddNextHop(reg, mode == 0 ? NULL : &ni, mode < 6 ? NULL : &h,
                         mode & 1 ? &flags : NULL);
    fz_check_documented("RtmAddNextHop", code, documented);
    fz_expect("RtmAddNextHop", code, expected, tolerated, 2);
    if (code != NO_ERROR)
        return;
    if (want_handle || mode < 12) {
        created = existing < 0;
        if (created && fz.nnh < FZ_NEXTHOPS) {
            struct fz_nexthop *m = &fz.nh[fz.nnh++];
            m->live = 1;
            m->owner = slot;
            memcpy(m->key, key, sizeof key);
            m->len = ni.NextHopAddress.NumBits;
            m->ifindex = ni.InterfaceIndex;
        }
        if (want_handle) {
            struct fz_handle *rec = fz_got(h, RTM_OBJ_NEXTHOP, table, 1);
            if (rec)
                rec->owner = slot;
        }
    }
    if ((mode & 1) && flags != (created ? RTM_NEXTHOP_CHANGE_NEW : 0))
        fz_fail("RtmAddNextHop: ChangeFlags %#lx, %s expected", (unsigned long)flags,
                created ? "new" : "update");
}

static void op_find_nexthop(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_FOUND, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot), h = NULL;
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    RTM_NEXTHOP_INFO ni, *p = NULL;
    unsigned mode = fz_below(in, 8);
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    DWORD code, expected;

    fz.op = "find next hop";
    gen_nexthop(in, table, &ni);
    fz_canon(key, ni.NextHopAddress.AddrBits, ni.NextHopAddress.NumBits);
    code = RtmFindNextHop(reg, mode == 0 ? NULL : &ni, mode & 2 ? &h : NULL, mode & 4 ? &p : NULL);
    fz_check_documented("RtmFindNextHop", code, documented);
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    else if (mode == 0 || !fz_address_ok(table, &ni.NextHopAddress))
        expected = ERROR_INVALID_PARAMETER;
    else
        expected = fz_nexthop_find(slot, key, ni.NextHopAddress.NumBits, ni.InterfaceIndex) < 0 ?
                   ERROR_NOT_FOUND : NO_ERROR;
    fz_expect("RtmFindNextHop", code, expected, NULL, 0);
    if (code != NO_ERROR)
        return;
    if (mode & 2) {
        struct fz_handle *rec = fz_got(h, RTM_OBJ_NEXTHOP, table, 1);
        if (rec)
            rec->owner = slot;
    }
    if ((mode & 4) && (!p || p->InterfaceIndex != ni.InterfaceIndex ||
                       memcmp(p->NextHopAddress.AddrBits, key, sizeof key) ||
                       p->State != RTM_NEXTHOP_STATE_CREATED))
        fz_fail("RtmFindNextHop: the pointer is to another next hop");
}

static void op_delete_nexthop(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_ACCESS_DENIED, ERROR_NOT_FOUND, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    unsigned mode = fz_below(in, 8);
    HANDLE h = mode < 5 ? route_nexthop(in, slot, table) : NULL;
    RTM_NEXTHOP_INFO ni;
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    int m = -1, owner = -1, deleted = 0;
    DWORD code, expected = NO_ERROR;

    fz.op = "delete next hop";
    gen_nexthop(in, table, &ni);
    fz_canon(key, ni.NextHopAddress.AddrBits, ni.NextHopAddress.NumBits);
    if (!fz_registered(slot)) {
        expected = ERROR_INVALID_HANDLE;
    } else if (h) {
        if (!fz_valid_in(h, RTM_OBJ_NEXTHOP, table))
            expected = ERROR_INVALID_HANDLE;
        else if (fz_unheld(h))
            return; /* it would drop a reference the harness does not hold */
        else if ((owner = nexthop_owner(h, table, &deleted)) != slot)
            expected = ERROR_ACCESS_DENIED;
        else if (deleted)
            expected = ERROR_NOT_FOUND;
        if (expected == NO_ERROR) {
            RTM_NEXTHOP_INFO cur;
            fz_nexthop_query(h, table, &cur);
            m = fz_nexthop_find(slot, cur.NextHopAddress.AddrBits, cur.NextHopAddress.NumBits,
                                cur.InterfaceIndex);
        }
    } else if (mode == 7 || !fz_address_ok(table, &ni.NextHopAddress)) {
        expected = ERROR_INVALID_PARAMETER;
    } else {
        m = fz_nexthop_find(slot, key, ni.NextHopAddress.NumBits, ni.InterfaceIndex);
        expected = m < 0 ? ERROR_NOT_FOUND : NO_ERROR;
    }
    code = RtmDeleteNextHop(reg, h, mode == 7 ? NULL : &ni);
    fz_check_documented("RtmDeleteNextHop", code, documented);
    fz_expect("RtmDeleteNextHop", code, expected, NULL, 0);
    if (code != NO_ERROR)
        return;
    if (m < 0)
        fz_fail("RtmDeleteNextHop deleted a next hop the model does not have");
    fz.nh[m].live = 0;
    if (h)
        fz_release_apply(&h, 1, RTM_OBJ_NEXTHOP, table);
}

static void op_nexthop_info(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_ACCESS_DENIED, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE h = route_nexthop(in, slot, table);
    unsigned mode = fz_below(in, 16);
    int valid = fz_registered(slot) && fz_valid_in(h, RTM_OBJ_NEXTHOP, table);
    DWORD code;

    if (mode < 8) {
        RTM_NEXTHOP_INFO *ni = malloc(sizeof *ni);
        fz.op = "next-hop info";
        code = RtmGetNextHopInfo(reg, h, mode == 0 ? NULL : ni);
        fz_check_documented("RtmGetNextHopInfo", code, documented);
        fz_expect("RtmGetNextHopInfo", code, !valid ? ERROR_INVALID_HANDLE :
                  mode == 0 ? ERROR_INVALID_PARAMETER : NO_ERROR, &h, 1);
        if (code != NO_ERROR) {
            free(ni);
            return;
        }
        fz_take_nexthop_info(ni, table);
        fz_info_keep(FZ_INFO_NEXTHOP, ni, 1, 0, table, NULL);
    } else {
        PRTM_NEXTHOP_INFO p = NULL;
        int owner = valid ? nexthop_owner(h, table, NULL) : -2;
        fz.op = "next-hop pointer";
        code = RtmGetNextHopPointer(reg, h, mode == 8 ? NULL : &p);
        fz_check_documented("RtmGetNextHopPointer", code, documented);
        fz_expect("RtmGetNextHopPointer", code, !valid || owner == -2 ? ERROR_INVALID_HANDLE :
                  owner != slot ? ERROR_ACCESS_DENIED : mode == 8 ? ERROR_INVALID_PARAMETER : NO_ERROR,
                  &h, 1);
        if (code == NO_ERROR && p->NextHopOwner != reg)
            fz_fail("RtmGetNextHopPointer: the next hop's owner is not the caller");
    }
}

static void op_lock_nexthop(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_ACCESS_DENIED, ERROR_NOT_FOUND, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE h = route_nexthop(in, slot, table), remote = NULL, old;
    unsigned mode = fz_u8(in);
    BOOL excl = mode & 1;
    int valid = fz_registered(slot) && fz_valid_in(h, RTM_OBJ_NEXTHOP, table);
    int deleted = 0, owner = valid ? nexthop_owner(h, table, &deleted) : -2;
    PRTM_NEXTHOP_INFO p = NULL;
    DWORD code, expected;

    fz.op = "lock next hop";
    if (valid && fz_unheld(h))
        return;
    if (mode & 2) {
        code = RtmLockNextHop(reg, h, excl, FALSE, NULL);
        fz_check_documented("RtmLockNextHop", code, documented);
        fz_expect("RtmLockNextHop (unlock)", code, !valid ? ERROR_INVALID_HANDLE :
                  owner != slot ? ERROR_ACCESS_DENIED : ERROR_INVALID_PARAMETER, NULL, 0);
        return;
    }
    if (excl && (mode & 4) && valid && owner == slot && !deleted) {
        /* A new RemoteNextHop: the next hop's reference is taken first. */
        remote = fz_pick_held(in, RTM_OBJ_DEST, table);
        if (remote && RtmReferenceHandles(reg, 1, &remote) != NO_ERROR)
            fz_fail("RtmReferenceHandles of a held destination failed");
    }
    expected = !valid ? ERROR_INVALID_HANDLE : owner != slot ? ERROR_ACCESS_DENIED :
               deleted ? ERROR_NOT_FOUND : NO_ERROR;
    code = RtmLockNextHop(reg, h, excl, TRUE, mode & 8 ? NULL : &p);
    fz_check_documented("RtmLockNextHop", code, documented);
    fz_expect("RtmLockNextHop", code, expected, NULL, 0);
    if (code != NO_ERROR)
        return;
    if (!(mode & 8) && excl) {
        p->Flags = (USHORT)(mode >> 4);
        p->EntitySpecificInfo = (PVOID)(uintptr_t)mode;
        if (remote) {
            old = p->RemoteNextHop;
            p->RemoteNextHop = remote;
            remote = old; /* now the reference to drop */
        }
    }
    if (mode & 16) {
        code = RtmLockNextHop(reg, h, !excl, FALSE, NULL);
        fz_expect("RtmLockNextHop (unlock in the other mode)", code, ERROR_INVALID_PARAMETER, NULL, 0);
    }
    code = RtmLockNextHop(reg, h, excl, FALSE, NULL);
    fz_expect("RtmLockNextHop (unlock)", code, NO_ERROR, NULL, 0);
    if (remote && RtmDereferenceHandles(reg, 1, &remote) != NO_ERROR)
        fz_fail("RtmDereferenceHandles of a next hop's former RemoteNextHop failed");
}

/* ---- routes ----------------------------------------------------------------------- */

static RTM_VIEW_SET gen_views(struct fz_in *in)
{
    static const RTM_VIEW_SET views[8] = { 0, 1, 1, 1, 2, 2, 3, 0 };
    unsigned s = fz_below(in, 8);

    return s == 7 ? (RTM_VIEW_SET)4 << fz_below(in, 29) : views[s];
}

/* Fills a route's values (into a buffer with room for max(n, 4) next hops). */
static RTM_ROUTE_INFO *gen_route(struct fz_in *in, int slot, int table, UINT *nhops)
{
    unsigned s = fz_u8(in);
    UINT n = s < 224 ? s % 5 : 5 + s % 3;
    RTM_ROUTE_INFO *ri = calloc(1, RTM_SIZE_OF_ROUTE_INFO((n > 4 ? n : 4) + 1));

    ri->Neighbour = fz_below(in, 4) ? NULL : route_nexthop(in, slot, table);
    s = fz_u8(in);
    ri->Flags = (s & 3) == 0 ? RTM_ROUTE_FLAGS_INACTIVE : (USHORT)(s & 0x70);
    ri->Flags1 = (UCHAR)(s >> 4);
    ri->PrefInfo.Preference = fz_below(in, 4);
    ri->PrefInfo.Metric = fz_below(in, 4);
    ri->BelongsToViews = gen_views(in);
    ri->EntitySpecificInfo = (PVOID)(uintptr_t)s;
    ri->State = (UCHAR)s;
    ri->DestHandle = (HANDLE)(uintptr_t)fz_u8(in);
    ri->NextHopsList.NumNextHops = (USHORT)n;
    for (UINT i = 0; i < n && i < 4; i++)
        ri->NextHopsList.NextHops[i] = route_nexthop(in, slot, table);
    *nhops = n;
    return ri;
}

/* The error the next hops of a route value give, or NO_ERROR. */
static DWORD route_value_error(const RTM_ROUTE_INFO *ri, int slot, int table)
{
    if (ri->NextHopsList.NumNextHops > 4 || (ri->BelongsToViews & ~3u))
        return ERROR_INVALID_PARAMETER;
    if (ri->Neighbour && !fz_valid_in(ri->Neighbour, RTM_OBJ_NEXTHOP, table))
        return ERROR_INVALID_HANDLE;
    for (UINT i = 0; i < ri->NextHopsList.NumNextHops; i++) {
        HANDLE h = ri->NextHopsList.NextHops[i];
        if (!fz_valid_in(h, RTM_OBJ_NEXTHOP, table))
            return ERROR_INVALID_HANDLE;
        if (nexthop_owner(h, table, NULL) != slot)
            return ERROR_INVALID_PARAMETER;
    }
    return NO_ERROR;
}

static void op_add_route(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_ACCESS_DENIED, ERROR_NOT_FOUND,
                                        ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    RTM_NET_ADDRESS addr;
    UINT nhops;
    RTM_ROUTE_INFO *ri;
    unsigned mode = fz_below(in, 16), cf = fz_below(in, 8);
    ULONG ttl = fz_gen_ttl(in);
    HANDLE list, h = NULL, tolerated[7] = { 0 };
    RTM_ROUTE_CHANGE_FLAGS flags = cf < 5 ? 0 : cf == 5 ? RTM_ROUTE_CHANGE_FIRST : RTM_ROUTE_CHANGE_NEW;
    RTM_ROUTE_CHANGE_FLAGS *flagsp = cf == 1 || cf == 3 ? NULL : &flags;
    RTM_ROUTE_CHANGE_FLAGS in_flags = flagsp ? flags : 0;
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    struct route_meta m = { 0 };
    int r = -1, created = 0, before[2], after[2], want_handle;
    DWORD code, expected = NO_ERROR;

    fz.op = "add route";
    fz_gen_address(in, table, &addr);
    ri = gen_route(in, slot, table, &nhops);
    list = pick_list(in);
    if (mode >= 13)
        h = fz_pick(in, RTM_OBJ_ROUTE, table);
    want_handle = mode >= 5 && !h;
    fz_canon(key, addr.AddrBits, addr.NumBits);
    tolerated[0] = ri->Neighbour;
    tolerated[1] = h;
    for (UINT i = 0; i < nhops && i < 4; i++)
        tolerated[2 + i] = ri->NextHopsList.NextHops[i];
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    else if (mode == 0 || mode == 1 || !fz_address_ok(table, &addr))
        expected = ERROR_INVALID_PARAMETER;
    else if (list && !list_valid(list, slot))
        expected = ERROR_INVALID_HANDLE;
    else if ((expected = route_value_error(ri, slot, table)) != NO_ERROR)
        ;
    else if (h) {
        if (!fz_valid_in(h, RTM_OBJ_ROUTE, table))
            expected = ERROR_INVALID_HANDLE;
        else {
            route_meta(h, table, &m);
            if (!m.ok)
                expected = ERROR_INVALID_HANDLE;
            else if (m.owner != slot)
                expected = ERROR_ACCESS_DENIED;
            else if (m.addr.NumBits != addr.NumBits || memcmp(m.addr.AddrBits, key, sizeof key))
                expected = ERROR_INVALID_PARAMETER;
            else if (m.deleted)
                expected = ERROR_NOT_FOUND;
        }
    }
    if (expected == NO_ERROR && !fz.fuzzy[table]) {
        fz_bests(table, key, addr.NumBits, before);
        if (h)
            r = route_record(table, &m);
        else if (!(in_flags & RTM_ROUTE_CHANGE_NEW))
            r = fz_route_find(table, key, addr.NumBits, slot, ri->Neighbour,
                              in_flags & RTM_ROUTE_CHANGE_FIRST);
        created = !h && r < 0;
    }
    code = RtmAddRouteToDest(reg, mode < 5 ? NULL : &h, mode == 1 ? NULL : &addr,
                             mode == 0 ? NULL : ri, ttl, list, 0, NULL, flagsp);
    fz_check_documented("RtmAddRouteToDest", code, documented);
    if (h && expected == NO_ERROR && code == ERROR_NOT_FOUND && fz.fuzzy[table])
        expected = code; /* the route expired meanwhile */
    fz_expect("RtmAddRouteToDest", code, expected, tolerated, 6);
    if (code == NO_ERROR) {
        if (!fz.fuzzy[table]) {
            RTM_ROUTE_CHANGE_FLAGS out;
            if (created)
                r = fz_route_add(table, key, addr.NumBits, slot);
            fz_route_set(r, ri);
            fz_bests(table, key, addr.NumBits, after);
            out = (created ? RTM_ROUTE_CHANGE_NEW : 0) |
                  (fz_best_changed(before, after) || fz_is_best(r) ? RTM_ROUTE_CHANGE_BEST : 0);
            if (flagsp && flags != out && !fz.fuzzy[table])
                fz_fail("RtmAddRouteToDest: ChangeFlags %#lx (given %#lx), the model says %#lx",
                        (unsigned long)flags, (unsigned long)in_flags, (unsigned long)out);
        }
        if (want_handle) {
            struct fz_handle *rec = fz_got(h, RTM_OBJ_ROUTE, table, 1);
            if (rec) {
                rec->owner = slot;
                rec->has_key = 1;
                memcpy(rec->key, key, sizeof key);
                rec->len = addr.NumBits;
            }
        }
        if (ttl != INFINITE && ttl != FZ_TTL_LONG)
            fz_set_fuzzy(table);
    }
    free(ri);
}

static void op_delete_route(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED,
                                        ERROR_NOT_FOUND, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE h = fz_pick(in, RTM_OBJ_ROUTE, table);
    unsigned mode = fz_below(in, 4);
    RTM_ROUTE_CHANGE_FLAGS flags = 0xFF;
    struct route_meta m = { 0 };
    int r = -1, before[2], after[2];
    DWORD code, expected = NO_ERROR;

    fz.op = "delete route";
    if (!fz_registered(slot) || !fz_valid_in(h, RTM_OBJ_ROUTE, table)) {
        expected = ERROR_INVALID_HANDLE;
    } else {
        route_meta(h, table, &m);
        expected = !m.ok ? ERROR_INVALID_HANDLE : m.owner != slot ? ERROR_ACCESS_DENIED :
                   m.deleted ? ERROR_NOT_FOUND : NO_ERROR;
        if (expected == NO_ERROR && !fz.fuzzy[table]) {
            r = route_record(table, &m);
            fz_bests(table, m.addr.AddrBits, m.addr.NumBits, before);
        }
    }
    code = RtmDeleteRouteToDest(reg, h, mode ? &flags : NULL);
    fz_check_documented("RtmDeleteRouteToDest", code, documented);
    if (fz.fuzzy[table] && expected == NO_ERROR && code == ERROR_NOT_FOUND)
        return; /* it expired meanwhile */
    fz_expect("RtmDeleteRouteToDest", code, expected, &h, 1);
    if (code != NO_ERROR)
        return;
    fz_release_apply(&h, 1, RTM_OBJ_ROUTE, table);
    if (r >= 0) {
        fz.route[r].live = 0;
        fz_bests(table, m.addr.AddrBits, m.addr.NumBits, after);
        if (mode && flags != (fz_best_changed(before, after) ? RTM_ROUTE_CHANGE_BEST : 0u) &&
            !fz.fuzzy[table])
            fz_fail("RtmDeleteRouteToDest: ChangeFlags %#lx, the model's best changed in %#lx",
                    (unsigned long)flags, (unsigned long)fz_best_changed(before, after));
    }
}

static void op_route_info(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_ACCESS_DENIED, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE h = fz_pick(in, RTM_OBJ_ROUTE, table);
    unsigned mode = fz_below(in, 16);
    int valid = fz_registered(slot) && fz_valid_in(h, RTM_OBJ_ROUTE, table);
    DWORD code;

    if (mode < 10) {
        RTM_ROUTE_INFO *ri = mode == 0 ? NULL : malloc(FZ_ROUTE_INFO_SIZE);
        RTM_NET_ADDRESS addr;
        fz.op = "route info";
        code = RtmGetRouteInfo(reg, h, ri, mode & 1 ? &addr : NULL);
        fz_check_documented("RtmGetRouteInfo", code, documented);
        fz_expect("RtmGetRouteInfo", code, valid ? NO_ERROR : ERROR_INVALID_HANDLE, &h, 1);
        if (code == NO_ERROR && (mode & 1)) {
            struct fz_handle *rec = fz_find(h);
            if (rec && rec->has_key && (rec->len != addr.NumBits || memcmp(rec->key, addr.AddrBits, 16)))
                fz_fail("RtmGetRouteInfo: the route's prefix changed");
        }
        if (code == NO_ERROR && ri) {
            if (ri->State == RTM_ROUTE_STATE_CREATED && (mode & 1)) {
                struct route_meta m = { 1, fz_ent_of_handle(ri->RouteOwner), 0, addr, { .ri = *ri } };
                route_record(table, &m);
            }
            fz_take_route_info(ri, table);
            fz_info_keep(FZ_INFO_ROUTE, ri, 1, 0, table, NULL);
        } else {
            free(ri);
        }
    } else {
        PRTM_ROUTE_INFO p = NULL;
        struct route_meta m = { 0 };
        fz.op = "route pointer";
        if (valid)
            route_meta(h, table, &m);
        code = RtmGetRoutePointer(reg, h, mode == 10 ? NULL : &p);
        fz_check_documented("RtmGetRoutePointer", code, documented);
        fz_expect("RtmGetRoutePointer", code, !valid || !m.ok ? ERROR_INVALID_HANDLE :
                  m.owner != slot ? ERROR_ACCESS_DENIED : mode == 10 ? ERROR_INVALID_PARAMETER : NO_ERROR,
                  &h, 1);
        if (code == NO_ERROR && (p->RouteOwner != reg || p->PrefInfo.Metric != m.u.ri.PrefInfo.Metric))
            fz_fail("RtmGetRoutePointer: a pointer to another route");
    }
}

/* Locks a route, edits it in place as the documented sample does
 * (references of new next hops taken first, old ones dropped after), and
 * updates and unlocks it - or unlocks it after a refused update. */
static void op_lock_route(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_ACCESS_DENIED, ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE h = fz_pick(in, RTM_OBJ_ROUTE, table);
    unsigned mode = fz_u8(in), edits = fz_u8(in);
    BOOL excl = !(mode & 1);
    int valid = fz_registered(slot) && fz_valid_in(h, RTM_OBJ_ROUTE, table);
    struct route_meta m = { 0 };
    PRTM_ROUTE_INFO p = NULL;
    HANDLE news[5], olds[5], list = NULL;
    UINT nnew = 0, nold = 0, nhops = 0;
    RTM_ROUTE_INFO saved;
    HANDLE saved_hops[4];
    ULONG ttl;
    RTM_ROUTE_CHANGE_FLAGS flags = 0xFF;
    int r = -1, before[2], after[2], bad_update;
    DWORD code, expected;

    fz.op = "lock route";
    if (valid && fz_unheld(h))
        return;
    if (valid)
        route_meta(h, table, &m);
    if (mode & 2) {
        code = RtmLockRoute(reg, h, excl, FALSE, NULL);
        fz_check_documented("RtmLockRoute", code, documented);
        fz_expect("RtmLockRoute (unlock)", code, !valid || !m.ok ? ERROR_INVALID_HANDLE :
                  m.owner != slot ? ERROR_ACCESS_DENIED : ERROR_INVALID_PARAMETER, NULL, 0);
        return;
    }
    expected = !valid || !m.ok ? ERROR_INVALID_HANDLE : m.owner != slot ? ERROR_ACCESS_DENIED : NO_ERROR;
    if (expected == NO_ERROR && excl && !(mode & 4) && !(mode & 8)) {
        /* The new Neighbour and next hops, referenced for the route. */
        if (edits & 1) {
            news[nnew++] = fz_below(in, 2) ? own_nexthop(in, slot) : fz_pick_held(in, RTM_OBJ_NEXTHOP, table);
            if (!news[0])
                nnew = 0;
        }
        if (edits & 2) {
            UINT want = fz_below(in, 5);
            nhops = 0;
            for (UINT i = 0; i < want; i++) {
                HANDLE nh = own_nexthop(in, slot);
                if (nh)
                    news[nnew + nhops++] = nh;
            }
        }
        if (nnew + nhops && RtmReferenceHandles(reg, nnew + nhops, news) != NO_ERROR)
            fz_fail("RtmReferenceHandles of held next hops failed");
    }
    code = RtmLockRoute(reg, h, excl, TRUE, mode & 8 ? NULL : &p);
    fz_check_documented("RtmLockRoute", code, documented);
    fz_expect("RtmLockRoute", code, expected, NULL, 0);
    if (code != NO_ERROR)
        return;
    if (!excl || (mode & 4) || !p) {
        if (mode & 16) {
            code = RtmUpdateAndUnlockRoute(reg, h, INFINITE, NULL, 0, NULL, NULL);
            fz_expect("RtmUpdateAndUnlockRoute (not locked exclusively)", code,
                      excl ? NO_ERROR : ERROR_INVALID_PARAMETER, NULL, 0);
            if (code == NO_ERROR)
                return;
        }
        code = RtmLockRoute(reg, h, excl, FALSE, NULL);
        fz_expect("RtmLockRoute (unlock)", code, NO_ERROR, NULL, 0);
        return;
    }

    /* Edit in place. */
    r = route_record(table, &m);
    if (r >= 0)
        fz_bests(table, m.addr.AddrBits, m.addr.NumBits, before);
    saved = *p;
    memcpy(saved_hops, p->NextHopsList.NextHops, sizeof saved_hops);
    if (edits & 1) {
        olds[nold++] = p->Neighbour;
        p->Neighbour = nnew ? news[0] : NULL;
    }
    if (edits & 2) {
        for (UINT i = 0; i < p->NextHopsList.NumNextHops && i < 4; i++)
            olds[nold++] = p->NextHopsList.NextHops[i];
        memcpy(p->NextHopsList.NextHops, news + nnew, nhops * sizeof(HANDLE));
        p->NextHopsList.NumNextHops = (USHORT)nhops;
    }
    if (edits & 4)
        p->PrefInfo.Preference = fz_below(in, 4);
    if (edits & 8)
        p->PrefInfo.Metric = fz_below(in, 4);
    if (edits & 16)
        p->BelongsToViews = gen_views(in);
    if (edits & 32)
        p->Flags = fz_below(in, 2) ? RTM_ROUTE_FLAGS_INACTIVE : 0;
    if (edits & 64)
        p->NextHopsList.NumNextHops = 5; /* more than the profile allows */
    p->DestHandle = (HANDLE)(uintptr_t)edits; /* read-only: restored by the update */
    if (edits & 128)
        list = fz_pick(in, RTM_OBJ_ROUTE_LIST, -1);
    ttl = fz_gen_ttl(in);
    bad_update = (edits & 64) || (p->BelongsToViews & ~3u);
    expected = list && !list_valid(list, slot) ? ERROR_INVALID_HANDLE :
               bad_update ? ERROR_INVALID_PARAMETER : NO_ERROR;
    code = RtmUpdateAndUnlockRoute(reg, h, ttl, list, 0, NULL, mode & 32 ? NULL : &flags);
    fz_check_documented("RtmUpdateAndUnlockRoute", code, documented);
    fz_expect("RtmUpdateAndUnlockRoute", code, expected, NULL, 0);
    if (code != NO_ERROR) {
        /* Still locked: put the route back as it was and unlock it. */
        memcpy(p, &saved, offsetof(RTM_ROUTE_INFO, NextHopsList.NextHops));
        memcpy(p->NextHopsList.NextHops, saved_hops, sizeof saved_hops);
        code = RtmLockRoute(reg, h, TRUE, FALSE, NULL);
        fz_expect("RtmLockRoute (unlock after a refused update)", code, NO_ERROR, NULL, 0);
        if (nnew + nhops && RtmDereferenceHandles(reg, nnew + nhops, news) != NO_ERROR)
            fz_fail("RtmDereferenceHandles of unused next-hop references failed");
        return;
    }
    if (p->DestHandle != m.u.ri.DestHandle)
        fz_fail("RtmUpdateAndUnlockRoute did not restore DestHandle");
    {
        HANDLE drop[5];
        UINT n = 0;
        for (UINT i = 0; i < nold; i++)
            if (olds[i])
                drop[n++] = olds[i];
        if (n && RtmReleaseNextHops(reg, n, drop) != NO_ERROR)
            fz_fail("RtmReleaseNextHops of a route's former next hops failed");
    }
    if (r >= 0) {
        fz_route_set(r, p);
        fz_bests(table, m.addr.AddrBits, m.addr.NumBits, after);
        if (!(mode & 32) && flags != (fz_best_changed(before, after) || fz_is_best(r) ?
                                      RTM_ROUTE_CHANGE_BEST : 0u) && !fz.fuzzy[table])
            fz_fail("RtmUpdateAndUnlockRoute: ChangeFlags %#lx, the model disagrees",
                    (unsigned long)flags);
    }
    if (ttl != INFINITE && ttl != FZ_TTL_LONG)
        fz_set_fuzzy(table);
}

static void op_is_best(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE h = fz_pick(in, RTM_OBJ_ROUTE, table);
    unsigned mode = fz_below(in, 16);
    int valid = fz_registered(slot) && fz_valid_in(h, RTM_OBJ_ROUTE, table);
    RTM_VIEW_SET best = 0xFF;
    struct route_meta m = { 0 };
    DWORD code;

    fz.op = "is best route";
    if (valid)
        route_meta(h, table, &m);
    code = RtmIsBestRoute(reg, h, mode == 0 ? NULL : &best);
    fz_check_documented("RtmIsBestRoute", code, documented);
    fz_expect("RtmIsBestRoute", code, !valid ? ERROR_INVALID_HANDLE :
              mode == 0 ? ERROR_INVALID_PARAMETER : NO_ERROR, &h, 1);
    if (code == NO_ERROR && m.ok && !fz.fuzzy[table]) {
        int r = route_record(table, &m), bests[2];
        RTM_VIEW_SET want = 0;
        if (fz.fuzzy[table])
            return; /* which of two like routes it is cannot be told */
        if (r >= 0) {
            fz_bests(table, m.addr.AddrBits, m.addr.NumBits, bests);
            want = (RTM_VIEW_SET)((bests[0] == r) | (bests[1] == r) << 1);
        }
        if (best != want)
            fz_fail("RtmIsBestRoute: %#lx, the model says %#lx (model route %d)",
                    (unsigned long)best, (unsigned long)want, r);
    }
}

static void op_exact_route(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_FOUND, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot), h = NULL;
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    RTM_NET_ADDRESS addr;
    UINT nhops;
    RTM_ROUTE_INFO *ri;
    unsigned mode = fz_below(in, 16), fsel = fz_u8(in);
    RTM_MATCH_FLAGS flags = fsel < 128 ? RTM_MATCH_NONE : fsel < 200 ? (fsel & 7) : fsel & 0x1F;
    RTM_VIEW_SET views = gen_views(in);
    ULONG ifindex = fz_below(in, 4);
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    DWORD code, expected;

    fz.op = "exact match route";
    fz_gen_address(in, table, &addr);
    ri = gen_route(in, slot, table, &nhops);
    ri->RouteOwner = fz_below(in, 2) && fz_registered(slot) ? reg : fz_pick(in, RTM_OBJ_ENTITY, table);
    if (nhops > 4)
        ri->NextHopsList.NumNextHops = 4;
    fz_canon(key, addr.AddrBits, addr.NumBits);
    code = RtmGetExactMatchRoute(reg, mode == 0 ? NULL : &addr, flags, mode == 1 ? NULL : ri,
                                 ifindex, views, mode & 2 ? &h : NULL);
    fz_check_documented("RtmGetExactMatchRoute", code, documented);
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    else if (mode < 2 || !fz_address_ok(table, &addr))
        expected = ERROR_INVALID_PARAMETER;
    else if (fz.fuzzy[table] || (flags & (RTM_MATCH_NEXTHOP | RTM_MATCH_INTERFACE)))
        expected = code == NO_ERROR ? NO_ERROR : ERROR_NOT_FOUND;
    else {
        expected = ERROR_NOT_FOUND;
        for (int i = 0; i < fz.nroutes && expected != NO_ERROR; i++) {
            const struct fz_route *r = &fz.route[i];
            if (!r->live || r->table != table || r->len != addr.NumBits || memcmp(r->key, key, 16))
                continue;
            if ((views && !(r->views & views)) ||
                ((flags & RTM_MATCH_OWNER) && fz.ent[r->owner].h != ri->RouteOwner) ||
                ((flags & RTM_MATCH_NEIGHBOUR) && r->neighbour != ri->Neighbour) ||
                ((flags & RTM_MATCH_PREF) &&
                 (r->pref != ri->PrefInfo.Preference || r->metric != ri->PrefInfo.Metric)))
                continue;
            expected = NO_ERROR;
        }
    }
    fz_expect("RtmGetExactMatchRoute", code, expected, NULL, 0);
    if (code != NO_ERROR) {
        free(ri);
        return;
    }
    if (mode & 2) {
        struct fz_handle *rec = fz_got(h, RTM_OBJ_ROUTE, table, 1);
        if (rec && !rec->has_key) {
            rec->has_key = 1;
            memcpy(rec->key, key, sizeof key);
            rec->len = addr.NumBits;
        }
    }
    fz_take_route_info(ri, table);
    fz_info_keep(FZ_INFO_ROUTE, ri, 1, 0, table, NULL);
}

static void op_hold(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE dest = fz_pick(in, RTM_OBJ_DEST, table);
    RTM_VIEW_SET views = gen_views(in);
    ULONG time = fz_below(in, 3); /* 0 is refused; hold-downs of 1-2 ms */
    DWORD code;
    struct fz_handle *rec = fz_find(dest);

    fz.op = "hold destination";
    code = RtmHoldDestination(reg, dest, views, time);
    fz_check_documented("RtmHoldDestination", code, documented);
    fz_expect("RtmHoldDestination", code,
              !fz_registered(slot) || !fz_valid_in(dest, RTM_OBJ_DEST, table) ? ERROR_INVALID_HANDLE :
              time == 0 ? ERROR_INVALID_PARAMETER : NO_ERROR, &dest, 1);
    if (code == NO_ERROR) {
        if (rec && rec->has_key)
            fz_hold_add(table, rec->key, rec->len);
        else
            fz_set_fuzzy(table);
    }
}

void (*const fz_route_ops[])(struct fz_in *) = {
    op_add_nexthop, op_add_nexthop, op_find_nexthop, op_delete_nexthop, op_nexthop_info,
    op_lock_nexthop, op_add_route, op_add_route, op_add_route, op_delete_route, op_route_info,
    op_lock_route, op_is_best, op_exact_route, op_hold,
};
const unsigned fz_route_op_count = sizeof fz_route_ops / sizeof fz_route_ops[0];
