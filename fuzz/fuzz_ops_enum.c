/*
 * fuzz_ops_enum.c - enumerations, route lists and change notification.
 */
#include <stdlib.h>

#include "fuzz.h"

/* An owned object (enumeration, route list, notification) and the caller
 * to use it with: mostly its owner. */
static HANDLE pick_owned(struct fz_in *in, rtm_object_type type, int *slot, HANDLE *reg)
{
    HANDLE h = fz_pick(in, type, -1);
    struct fz_handle *rec = fz_find(h);

    if (rec && rec->type == type && fz_registered(rec->owner) && fz_below(in, 8)) {
        *slot = rec->owner;
        *reg = fz.ent[rec->owner].h;
    } else {
        *reg = fz_pick_caller(in, slot);
    }
    return h;
}

static int owned_valid(HANDLE h, rtm_object_type type, int slot)
{
    struct fz_handle *rec = fz_find(h);

    return fz_registered(slot) && rec && rec->type == type && rec->live && rec->owner == slot;
}

static struct fz_handle *got_owned(HANDLE h, rtm_object_type type, int slot)
{
    struct fz_handle *rec = fz_got(h, type, -1, 0);

    if (!rec)
        fz_fail("no room for an owned object in the pool");
    rec->owner = slot;
    rec->live = 1;
    return rec;
}

static ULONG gen_protocol_any(struct fz_in *in)
{
    static const ULONG protocols[4] = { RTM_BEST_PROTOCOL, RTM_THIS_PROTOCOL, 1, 2 };
    return protocols[fz_below(in, 4)];
}

static RTM_ENUM_FLAGS gen_position(struct fz_in *in)
{
    static const RTM_ENUM_FLAGS position[8] = { RTM_ENUM_START, RTM_ENUM_START, RTM_ENUM_START,
                                                RTM_ENUM_NEXT, RTM_ENUM_NEXT, RTM_ENUM_RANGE,
                                                RTM_ENUM_RANGE, RTM_ENUM_NEXT | RTM_ENUM_RANGE };
    return position[fz_below(in, 8)];
}

static RTM_VIEW_SET gen_enum_views(struct fz_in *in)
{
    static const RTM_VIEW_SET views[8] = { 0, 0, 1, 1, 2, 3, 4, 0xFFFFFFFF };
    return views[fz_below(in, 8)];
}

/* The EnumFlags/NetAddress errors of RtmCreate*Enum, or NO_ERROR. */
static DWORD position_error(RTM_ENUM_FLAGS flags, RTM_ENUM_FLAGS extra, const RTM_NET_ADDRESS *addr,
                            int table)
{
    if ((flags & ~(RTM_ENUM_NEXT | RTM_ENUM_RANGE | extra)) ||
        (flags & (RTM_ENUM_NEXT | RTM_ENUM_RANGE)) == (RTM_ENUM_NEXT | RTM_ENUM_RANGE))
        return ERROR_INVALID_PARAMETER;
    if ((flags & (RTM_ENUM_NEXT | RTM_ENUM_RANGE)) && (!addr || !fz_address_ok(table, addr)))
        return ERROR_INVALID_PARAMETER;
    return NO_ERROR;
}

static void op_create_enum(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_SUPPORTED, ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot), h = NULL, dest = NULL, list = NULL;
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    unsigned kind = fz_below(in, 4), mode = fz_below(in, 32);
    RTM_VIEW_SET views = gen_enum_views(in);
    RTM_ENUM_FLAGS flags = gen_position(in);
    RTM_NET_ADDRESS addr;
    RTM_NET_ADDRESS *addrp = mode == 1 ? NULL : &addr;
    HANDLE *out = mode == 0 ? NULL : &h;
    DWORD code, expected = NO_ERROR;

    if (!fz_pool_room())
        return;
    fz_gen_address(in, table, &addr);
    if (fz_below(in, 16) == 0)
        flags |= 0x100;
    switch (kind) {
    case 0:
        fz.op = "create destination enumeration";
        flags |= fz_below(in, 2) ? RTM_ENUM_OWN_DESTS : 0;
        code = RtmCreateDestEnum(reg, views, flags, addrp, gen_protocol_any(in), out);
        if (!out)
            expected = ERROR_INVALID_PARAMETER;
        else if ((expected = position_error(flags, RTM_ENUM_OWN_DESTS, addrp, table)) == NO_ERROR &&
                 (views & ~3u))
            expected = ERROR_NOT_SUPPORTED;
        break;
    case 1: {
        RTM_MATCH_FLAGS match = fz_below(in, 4) ? RTM_MATCH_NONE : fz_u8(in) & 0x1F;
        RTM_ROUTE_INFO *criteria = fz_below(in, 8) ? calloc(1, FZ_ROUTE_INFO_SIZE) : NULL;
        fz.op = "create route enumeration";
        if (fz_below(in, 16) == 0)
            match |= 0x10000;
        if (criteria) {
            criteria->RouteOwner = fz_registered(slot) ? reg : NULL;
            criteria->PrefInfo.Preference = fz_below(in, 4);
            criteria->NextHopsList.NumNextHops = (USHORT)fz_below(in, 6);
            for (int i = 0; i < 4 && i < criteria->NextHopsList.NumNextHops; i++)
                criteria->NextHopsList.NextHops[i] = fz_pick(in, RTM_OBJ_NEXTHOP, table);
        }
        dest = fz_below(in, 4) ? NULL : fz_pick(in, RTM_OBJ_DEST, table);
        flags |= fz_below(in, 2) ? RTM_ENUM_OWN_ROUTES : 0;
        code = RtmCreateRouteEnum(reg, dest, views, flags, addrp, match, criteria, fz_below(in, 4), out);
        if (!out)
            expected = ERROR_INVALID_PARAMETER;
        else if ((flags & ~(RTM_ENUM_NEXT | RTM_ENUM_RANGE | RTM_ENUM_OWN_ROUTES)) ||
                 (flags & 3) == 3)
            expected = ERROR_INVALID_PARAMETER;
        else if (!dest && position_error(flags, RTM_ENUM_OWN_ROUTES, addrp, table))
            expected = ERROR_INVALID_PARAMETER;
        else if ((match & ~RTM_MATCH_FULL) ||
                 ((match & 0xF) && (!criteria || ((match & RTM_MATCH_NEXTHOP) &&
                                                  criteria->NextHopsList.NumNextHops > 4))))
            expected = ERROR_INVALID_PARAMETER;
        else if (views & ~3u)
            expected = ERROR_NOT_SUPPORTED;
        else if (dest && !fz_valid_in(dest, RTM_OBJ_DEST, table))
            expected = ERROR_INVALID_HANDLE;
        free(criteria);
        break;
    }
    case 2:
        fz.op = "create next-hop enumeration";
        code = RtmCreateNextHopEnum(reg, flags, addrp, out);
        expected = !out ? ERROR_INVALID_PARAMETER : position_error(flags, 0, addrp, table);
        views = 0;
        break;
    default:
        fz.op = "create route-list enumeration";
        list = fz_pick(in, RTM_OBJ_ROUTE_LIST, -1);
        code = RtmCreateRouteListEnum(reg, list, out);
        expected = !owned_valid(list, RTM_OBJ_ROUTE_LIST, slot) ? ERROR_INVALID_HANDLE :
                   !out ? ERROR_INVALID_PARAMETER : NO_ERROR;
        views = 0;
        break;
    }
    fz_check_documented(fz.op, code, documented);
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    fz_expect(fz.op, code, expected, &dest, 1);
    if (code == NO_ERROR) {
        struct fz_handle *rec = got_owned(h, RTM_OBJ_ENUM, slot);
        rec->ekind = (int)kind;
        rec->eviews = views;
        rec->table = -1;
    }
}

static void op_get_enum(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NO_MORE_ITEMS, ERROR_NOT_ENOUGH_MEMORY, 0 };
    static const UINT counts[8] = { 0, 1, 1, 2, 3, 5, 100, 101 };
    int slot;
    HANDLE reg, h = pick_owned(in, RTM_OBJ_ENUM, &slot, &reg);
    struct fz_handle *rec = fz_find(h);
    int kind = rec && rec->type == RTM_OBJ_ENUM ? rec->ekind : (int)fz_below(in, 4);
    UINT n = counts[fz_below(in, 8)], asked = n;
    unsigned mode = fz_below(in, 32);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    UINT nviews = kind == 0 && rec ? fz_view_count(rec->eviews) : 0;
    size_t size = kind == 0 ? RTM_SIZE_OF_DEST_INFO(nviews) : sizeof(HANDLE);
    char *buf = mode == 0 ? NULL : malloc(n ? n * size : 1);
    DWORD code, expected;

    if (mode == 1)
        kind = (kind + 1) % 4; /* the Get function of another kind */
    fz.op = "get enumeration items";
    switch (kind) {
    case 0:
        code = RtmGetEnumDests(reg, h, mode == 2 ? NULL : &n, (RTM_DEST_INFO *)buf);
        break;
    case 1:
        code = RtmGetEnumRoutes(reg, h, mode == 2 ? NULL : &n, (HANDLE *)buf);
        break;
    case 2:
        code = RtmGetEnumNextHops(reg, h, mode == 2 ? NULL : &n, (HANDLE *)buf);
        break;
    default:
        code = RtmGetListEnumRoutes(reg, h, mode == 2 ? NULL : &n, (HANDLE *)buf);
        break;
    }
    fz_check_documented(fz.op, code, documented);
    if (!owned_valid(h, RTM_OBJ_ENUM, slot) || rec->ekind != kind)
        expected = ERROR_INVALID_HANDLE;
    else if (mode == 2 || asked > 100 || (!buf && asked))
        expected = ERROR_INVALID_PARAMETER;
    else if (kind == 3)
        expected = NO_ERROR;
    else
        expected = rec->edone || n < asked ? ERROR_NO_MORE_ITEMS : NO_ERROR;
    fz_expect(fz.op, code, expected, NULL, 0);
    if (code != NO_ERROR && code != ERROR_NO_MORE_ITEMS) {
        if (mode != 2 && n != 0)
            fz_fail("%s: %u items returned with an error", fz.op, n);
        free(buf);
        return;
    }
    if (n > asked || (rec->edone && n))
        fz_fail("%s: %u items for %u asked (done %d)", fz.op, n, asked, rec->edone);
    if (code == ERROR_NO_MORE_ITEMS)
        rec->edone = 1;
    if (kind == 0) {
        for (UINT i = 0; i < n; i++) {
            RTM_DEST_INFO *di = (RTM_DEST_INFO *)(buf + i * size);
            if (rec->has_last && fz_prefix_cmp(rec->lkey, rec->llen, di->DestAddress.AddrBits,
                                               di->DestAddress.NumBits) >= 0)
                fz_fail("destination enumeration out of order or repeating");
            rec->has_last = 1;
            memcpy(rec->lkey, di->DestAddress.AddrBits, sizeof rec->lkey);
            rec->llen = di->DestAddress.NumBits;
            if (di->NumberOfViews != nviews || di->DestAddress.AddressFamily != fz_table_family(table))
                fz_fail("destination enumeration: information of the wrong size or family");
            fz_take_dest_info(di, table);
        }
        if (n)
            fz_info_keep(FZ_INFO_DESTS, buf, n, nviews, table, NULL);
        else
            free(buf);
        return;
    }
    for (UINT i = 0; i < n; i++) {
        struct fz_handle *got = fz_got(((HANDLE *)buf)[i], kind == 2 ? RTM_OBJ_NEXTHOP : RTM_OBJ_ROUTE,
                                       table, 1);
        if (got && kind != 1)
            got->owner = slot; /* own next hops; routes of own lists */
    }
    free(buf);
}

static void op_delete_owned(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, 0 };
    unsigned kind = fz_below(in, 3);
    rtm_object_type type = kind == 0 ? RTM_OBJ_ENUM : kind == 1 ? RTM_OBJ_ROUTE_LIST : RTM_OBJ_NOTIFY;
    int slot;
    HANDLE reg, h = pick_owned(in, type, &slot, &reg);
    int valid = owned_valid(h, type, slot);
    DWORD code;

    fz.op = kind == 0 ? "delete enumeration" : kind == 1 ? "delete route list" :
            "deregister from change notification";
    code = kind == 0 ? RtmDeleteEnumHandle(reg, h) : kind == 1 ? RtmDeleteRouteList(reg, h) :
           RtmDeregisterFromChangeNotification(reg, h);
    fz_check_documented(fz.op, code, documented);
    fz_expect(fz.op, code, valid ? NO_ERROR : ERROR_INVALID_HANDLE, NULL, 0);
    if (code == NO_ERROR) {
        fz_find(h)->live = 0;
        if (type == RTM_OBJ_NOTIFY)
            fz.notifications[fz.ent[slot].table]--;
    }
}

/* ---- route lists ------------------------------------------------------------------ */

static void op_create_list(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_ENOUGH_MEMORY, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot), h = NULL;
    int nul = fz_below(in, 16) == 0;
    DWORD code;

    fz.op = "create route list";
    if (!fz_pool_room())
        return;
    code = RtmCreateRouteList(reg, nul ? NULL : &h);
    fz_check_documented("RtmCreateRouteList", code, documented);
    fz_expect("RtmCreateRouteList", code, !fz_registered(slot) ? ERROR_INVALID_HANDLE :
              nul ? ERROR_INVALID_PARAMETER : NO_ERROR, NULL, 0);
    if (code == NO_ERROR)
        got_owned(h, RTM_OBJ_ROUTE_LIST, slot);
}

/* The owner of a route (from the pool, else asked), or -1. */
static int route_owner(HANDLE h)
{
    struct fz_handle *rec = fz_find(h);
    union {
        RTM_ROUTE_INFO ri;
        uint8_t raw[FZ_ROUTE_INFO_SIZE];
    } u;
    RTM_NET_ADDRESS addr;

    if (!rec || rec->type != RTM_OBJ_ROUTE || !fz_alive(h, RTM_OBJ_ROUTE))
        return -1;
    if (rec->owner < 0 && fz_route_query(h, rec->table, &u.ri, &addr))
        rec->owner = fz_ent_of_handle(u.ri.RouteOwner);
    return rec->owner;
}

static void op_insert_list(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    int slot;
    HANDLE reg, list = pick_owned(in, RTM_OBJ_ROUTE_LIST, &slot, &reg), hs[3];
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    UINT n = fz_below(in, 4);
    int null_array = n && fz_below(in, 16) == 0, own = 1;
    DWORD code, expected;

    fz.op = "insert in route list";
    if (fz_below(in, 8) == 0)
        list = NULL;
    for (UINT i = 0; i < n; i++) {
        hs[i] = fz_pick(in, RTM_OBJ_ROUTE, table);
        own &= hs[i] && route_owner(hs[i]) == slot;
    }
    code = RtmInsertInRouteList(reg, list, n, null_array ? NULL : hs);
    fz_check_documented("RtmInsertInRouteList", code, documented);
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    else if (null_array)
        expected = ERROR_INVALID_PARAMETER;
    else if (list && !owned_valid(list, RTM_OBJ_ROUTE_LIST, slot))
        expected = ERROR_INVALID_HANDLE;
    else
        expected = own ? NO_ERROR : ERROR_INVALID_HANDLE;
    fz_expect("RtmInsertInRouteList", code, expected, hs, (int)n);
}

/* ---- change notification ------------------------------------------------------------ */

static void op_register_notify(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_SUPPORTED, ERROR_NO_SYSTEM_RESOURCES,
                                        ERROR_NOT_ENOUGH_MEMORY, 0 };
    static const RTM_NOTIFY_FLAGS types[8] = { RTM_CHANGE_TYPE_ALL, RTM_CHANGE_TYPE_ALL,
                                               RTM_CHANGE_TYPE_BEST, RTM_CHANGE_TYPE_FORWARDING,
                                               RTM_CHANGE_TYPE_BEST | RTM_CHANGE_TYPE_FORWARDING,
                                               7, 0, 0x20 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot), h = NULL;
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    RTM_NOTIFY_FLAGS flags = types[fz_below(in, 8)] | (fz_below(in, 2) ? RTM_NOTIFY_ONLY_MARKED_DESTS : 0);
    RTM_VIEW_SET views = gen_enum_views(in);
    int nul = fz_below(in, 32) == 0;
    DWORD code, expected;

    fz.op = "register for change notification";
    if (!fz_pool_room())
        return;
    code = RtmRegisterForChangeNotification(reg, views, flags, (PVOID)&fz, nul ? NULL : &h);
    fz_check_documented(fz.op, code, documented);
    if (!fz_registered(slot))
        expected = ERROR_INVALID_HANDLE;
    else if (nul || !(flags & 7) || (flags & ~(7u | RTM_NOTIFY_ONLY_MARKED_DESTS)) || !views)
        expected = ERROR_INVALID_PARAMETER;
    else if (views & ~3u)
        expected = ERROR_NOT_SUPPORTED;
    else if (fz.notifications[table] >= 32)
        expected = ERROR_NO_SYSTEM_RESOURCES;
    else
        expected = NO_ERROR;
    fz_expect(fz.op, code, expected, NULL, 0);
    if (code == NO_ERROR) {
        got_owned(h, RTM_OBJ_NOTIFY, slot);
        fz.notifications[table]++;
    }
}

static void op_get_changed(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NO_MORE_ITEMS, 0 };
    static const UINT counts[4] = { 0, 1, 2, 4 };
    int slot;
    HANDLE reg, h = pick_owned(in, RTM_OBJ_NOTIFY, &slot, &reg);
    UINT n = counts[fz_below(in, 4)], asked = n;
    unsigned mode = fz_below(in, 32);
    size_t size = RTM_SIZE_OF_DEST_INFO(2);
    char *buf = mode == 0 ? NULL : malloc(n ? n * size : 1);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    DWORD code, expected;

    fz.op = "get changed destinations";
    code = RtmGetChangedDests(reg, h, mode == 1 ? NULL : &n, (RTM_DEST_INFO *)buf);
    fz_check_documented(fz.op, code, documented);
    if (!owned_valid(h, RTM_OBJ_NOTIFY, slot))
        expected = ERROR_INVALID_HANDLE;
    else if (mode == 1 || (!buf && asked))
        expected = ERROR_INVALID_PARAMETER;
    else
        expected = code == ERROR_NO_MORE_ITEMS ? code : NO_ERROR;
    fz_expect(fz.op, code, expected, NULL, 0);
    if ((code != NO_ERROR && code != ERROR_NO_MORE_ITEMS) || !n) {
        free(buf);
        return;
    }
    if (n > asked)
        fz_fail("RtmGetChangedDests: %u entries for %u asked", n, asked);
    if (code == NO_ERROR && n < asked)
        fz_fail("RtmGetChangedDests: changes remain but only %u of %u given", n, asked);
    for (UINT i = 0; i < n; i++) {
        RTM_DEST_INFO *di = (RTM_DEST_INFO *)(buf + i * size);
        if (di->NumberOfViews != 2 || di->DestAddress.AddressFamily != fz_table_family(table))
            fz_fail("RtmGetChangedDests: an entry of the wrong size or family");
        fz_take_dest_info(di, table);
    }
    fz_info_keep(FZ_INFO_CHANGED, buf, n, 2, table, h);
}

/* RtmIgnoreChangedDests, RtmGetChangeStatus, RtmMarkDestForChangeNotification,
 * RtmIsMarkedForChangeNotification. */
static void op_notify_dest(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    int slot;
    HANDLE reg, h = pick_owned(in, RTM_OBJ_NOTIFY, &slot, &reg), dests[3];
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    unsigned what = fz_below(in, 4), nul = fz_below(in, 16) == 0;
    UINT n = fz_below(in, 4);
    int valid = owned_valid(h, RTM_OBJ_NOTIFY, slot), dests_ok = 1;
    BOOL flag = 7;
    DWORD code, expected;

    for (UINT i = 0; i < 3; i++) {
        dests[i] = fz_pick(in, RTM_OBJ_DEST, table);
        if (i < (what == 0 ? n : 1))
            dests_ok &= fz_valid_in(dests[i], RTM_OBJ_DEST, table);
    }
    switch (what) {
    case 0:
        fz.op = "ignore changed destinations";
        code = RtmIgnoreChangedDests(reg, h, n, nul ? NULL : dests);
        expected = !valid ? ERROR_INVALID_HANDLE : nul && n ? ERROR_INVALID_PARAMETER :
                   nul || dests_ok ? NO_ERROR : ERROR_INVALID_HANDLE;
        break;
    case 1:
        fz.op = "get change status";
        code = RtmGetChangeStatus(reg, h, dests[0], nul ? NULL : &flag);
        expected = !valid || !dests_ok ? ERROR_INVALID_HANDLE : nul ? ERROR_INVALID_PARAMETER : NO_ERROR;
        break;
    case 2:
        fz.op = "mark destination";
        flag = fz_below(in, 2);
        code = RtmMarkDestForChangeNotification(reg, h, dests[0], flag);
        expected = !valid || !dests_ok ? ERROR_INVALID_HANDLE : NO_ERROR;
        if (code == NO_ERROR && !flag) {
            BOOL marked = 7;
            if (RtmIsMarkedForChangeNotification(reg, h, dests[0], &marked) != NO_ERROR || marked)
                fz_fail("a destination unmarked is still marked");
        }
        break;
    default:
        fz.op = "is marked";
        code = RtmIsMarkedForChangeNotification(reg, h, dests[0], nul ? NULL : &flag);
        expected = !valid || !dests_ok ? ERROR_INVALID_HANDLE : nul ? ERROR_INVALID_PARAMETER : NO_ERROR;
        break;
    }
    fz_check_documented(fz.op, code, documented);
    fz_expect(fz.op, code, expected, dests, what == 0 ? (int)n : 1);
    if (code == NO_ERROR && (what == 1 || what == 3) && !nul && flag != TRUE && flag != FALSE)
        fz_fail("%s: a BOOL that is neither TRUE nor FALSE", fz.op);
}

void (*const fz_enum_ops[])(struct fz_in *) = {
    op_create_enum, op_create_enum, op_get_enum, op_get_enum, op_get_enum, op_delete_owned,
    op_create_list, op_insert_list, op_insert_list, op_register_notify, op_get_changed,
    op_get_changed, op_notify_dest,
};
const unsigned fz_enum_op_count = sizeof fz_enum_ops / sizeof fz_enum_ops[0];
