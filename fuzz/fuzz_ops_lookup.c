/*
 * fuzz_ops_lookup.c - destination look-ups and information, releasing and
 * referencing handles, audits and the IPv6 helpers.
 */
#include <stdlib.h>

#include "fuzz.h"

static ULONG gen_protocol(struct fz_in *in)
{
    static const ULONG protocols[6] = { RTM_BEST_PROTOCOL, RTM_BEST_PROTOCOL, RTM_THIS_PROTOCOL,
                                        1, 2, 3 };
    return protocols[fz_below(in, 6)];
}

static RTM_VIEW_SET gen_target(struct fz_in *in)
{
    static const RTM_VIEW_SET views[8] = { 0, 0, 1, 1, 2, 3, 0xFFFFFFFF, 0x10 };
    return views[fz_below(in, 8)];
}

/* Keeps a destination information, or releases it at once. */
static void keep_dest_info(int keep, RTM_DEST_INFO *di, UINT nviews, int table, HANDLE reg)
{
    fz_take_dest_info(di, table);
    if (keep) {
        fz_info_keep(FZ_INFO_DEST, di, 1, nviews, table, NULL);
    } else {
        HANDLE hs[7];
        rtm_object_type ty[7];
        struct fz_info tmp = { 1, FZ_INFO_DEST, di, 1, nviews, table, NULL, 0 };
        int n = fz_info_handles(&tmp, hs, ty, 7);
        DWORD code = RtmReleaseDestInfo(reg, di);
        if (code != NO_ERROR)
            fz_fail("RtmReleaseDestInfo of a fresh destination information returned %lu",
                    (unsigned long)code);
        for (int i = 0; i < n; i++)
            fz_release_apply(&hs[i], 1, ty[i], table);
        free(di);
    }
}

static void op_lookup(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
                                        ERROR_NOT_FOUND, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    unsigned kind = fz_below(in, 3), mode = fz_below(in, 32), keep = fz_below(in, 2);
    ULONG protocol = gen_protocol(in);
    RTM_VIEW_SET target = gen_target(in);
    UINT nviews = fz_view_count(target);
    RTM_DEST_INFO *di = mode == 0 ? NULL : malloc(RTM_SIZE_OF_DEST_INFO(nviews));
    RTM_NET_ADDRESS addr;
    HANDLE dest = NULL;
    struct fz_handle *rec = NULL;
    DWORD code, expected = NO_ERROR;

    fz_gen_address(in, table, &addr);
    if (kind == 2) {
        fz.op = "less specific destination";
        dest = fz_pick(in, RTM_OBJ_DEST, table);
        rec = fz_find(dest);
        code = RtmGetLessSpecificDestination(reg, dest, protocol, target, di);
        if (!fz_registered(slot) || !fz_valid_in(dest, RTM_OBJ_DEST, table))
            expected = ERROR_INVALID_HANDLE;
        else if (!di)
            expected = ERROR_INVALID_PARAMETER;
    } else {
        fz.op = kind ? "most specific destination" : "exact match destination";
        code = (kind ? RtmGetMostSpecificDestination : RtmGetExactMatchDestination)(
            reg, mode == 1 ? NULL : &addr, protocol, target, di);
        if (!fz_registered(slot))
            expected = ERROR_INVALID_HANDLE;
        else if (!di || mode == 1 || !fz_address_ok(table, &addr))
            expected = ERROR_INVALID_PARAMETER;
    }
    fz_check_documented(fz.op, code, documented);
    if (expected == NO_ERROR && code == ERROR_NOT_FOUND)
        expected = ERROR_NOT_FOUND;
    fz_expect(fz.op, code, expected, &dest, 1);
    if (code != NO_ERROR && code != ERROR_NOT_FOUND) {
        free(di);
        return;
    }
    if (kind == 0)
        fz_check_exact(table, slot, &addr, protocol, target, code, di);
    else if (kind == 1)
        fz_check_most_specific(table, slot, &addr, protocol, target, code, di);
    else if (rec && rec->has_key)
        fz_check_less_specific(table, slot, rec->key, rec->len, protocol, target, code, di);
    if (code == NO_ERROR)
        keep_dest_info((int)keep, di, nviews, table, reg);
    else
        free(di);
}

static void op_dest_info(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    int slot;
    HANDLE reg = fz_pick_caller(in, &slot);
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    HANDLE dest = fz_pick(in, RTM_OBJ_DEST, table);
    ULONG protocol = gen_protocol(in);
    RTM_VIEW_SET target = gen_target(in);
    UINT nviews = fz_view_count(target);
    unsigned mode = fz_below(in, 32), keep = fz_below(in, 2);
    RTM_DEST_INFO *di = mode == 0 ? NULL : malloc(RTM_SIZE_OF_DEST_INFO(nviews));
    DWORD code;

    fz.op = "destination info";
    code = RtmGetDestInfo(reg, dest, protocol, target, di);
    fz_check_documented("RtmGetDestInfo", code, documented);
    fz_expect("RtmGetDestInfo", code,
              !fz_registered(slot) || !fz_valid_in(dest, RTM_OBJ_DEST, table) ? ERROR_INVALID_HANDLE :
              !di ? ERROR_INVALID_PARAMETER : NO_ERROR, &dest, 1);
    if (code != NO_ERROR) {
        free(di);
        return;
    }
    if (di->DestHandle != dest || di->NumberOfViews != nviews ||
        di->DestAddress.AddressFamily != fz_table_family(table))
        fz_fail("RtmGetDestInfo: information of another destination");
    keep_dest_info((int)keep, di, nviews, table, reg);
}

static void op_release_info(struct fz_in *in)
{
    unsigned k = fz_below(in, FZ_INFOS);
    struct fz_info *info = &fz.info[k];
    int slot = -1, corrupt = fz_below(in, 8) == 0 ? 1 + fz_below(in, 4) : 0;
    HANDLE reg;

    fz.op = "release information";
    if (!info->used)
        return;
    if (fz_below(in, 8)) {
        slot = fz_any_caller(info->table);
        reg = slot >= 0 ? fz.ent[slot].h : NULL;
        if (info->kind == FZ_INFO_CHANGED && slot >= 0) {
            struct fz_handle *n = fz_find(info->notify);
            if (n && n->live && fz_registered(n->owner))
                slot = n->owner, reg = fz.ent[slot].h;
        }
    } else {
        reg = fz_pick_caller(in, &slot);
    }
    fz_info_release(info, slot, reg, corrupt);
}

/* Handles of any kind for RtmReferenceHandles and RtmDereferenceHandles. */
static void pick_any(struct fz_in *in, int table, HANDLE *hs, UINT n)
{
    static const rtm_object_type types[8] = { RTM_OBJ_ENTITY, RTM_OBJ_DEST, RTM_OBJ_DEST,
                                                   RTM_OBJ_ROUTE, RTM_OBJ_ROUTE, RTM_OBJ_NEXTHOP,
                                                   RTM_OBJ_NEXTHOP, RTM_OBJ_ENUM };
    for (UINT i = 0; i < n; i++)
        hs[i] = fz_pick(in, types[fz_below(in, 8)], table);
}

static void op_reference(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    int slot, ok = 1;
    HANDLE reg = fz_pick_caller(in, &slot), hs[4];
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    UINT n = fz_below(in, 5);
    int null_array = n && fz_below(in, 16) == 0;
    DWORD code;

    fz.op = "reference handles";
    pick_any(in, table, hs, n);
    for (UINT i = 0; i < n; i++)
        ok &= fz_valid_in(hs[i], RTM_OBJ_ANY, table);
    code = RtmReferenceHandles(reg, n, null_array ? NULL : hs);
    fz_check_documented("RtmReferenceHandles", code, documented);
    fz_expect("RtmReferenceHandles", code, !fz_registered(slot) ? ERROR_INVALID_HANDLE :
              null_array ? ERROR_INVALID_PARAMETER : ok ? NO_ERROR : ERROR_INVALID_HANDLE,
              hs, (int)n);
    for (UINT i = 0; code == NO_ERROR && i < n; i++) {
        struct fz_handle *rec = fz_find(hs[i]);
        int e = fz_ent_of_handle(hs[i]);
        fz_got(hs[i], rec ? rec->type : e >= 0 ? RTM_OBJ_ENTITY : RTM_OBJ_ANY, table, 1);
    }
}

static void op_release_handles(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, 0 };
    static const rtm_object_type types[4] = { RTM_OBJ_ANY, RTM_OBJ_ROUTE, RTM_OBJ_NEXTHOP,
                                                   RTM_OBJ_ROUTE };
    int slot, plan;
    HANDLE reg = fz_pick_caller(in, &slot), hs[4];
    int table = fz_registered(slot) ? fz.ent[slot].table : 0;
    rtm_object_type ty = types[fz_below(in, 4)];
    UINT n = fz_below(in, 5);
    int null_array = n && fz_below(in, 16) == 0;
    DWORD code;

    fz.op = ty == RTM_OBJ_ANY ? "dereference handles" : ty == RTM_OBJ_ROUTE ? "release routes" :
            "release next hops";
    if (ty == RTM_OBJ_ANY)
        pick_any(in, table, hs, n);
    else
        for (UINT i = 0; i < n; i++)
            hs[i] = fz_pick(in, ty, table);
    plan = !fz_registered(slot) || null_array ? FZ_REL_INVALID :
           fz_release_plan(hs, (int)n, ty, table, 0);
    if (plan == FZ_REL_UNSAFE)
        return;
    code = ty == RTM_OBJ_ANY ? RtmDereferenceHandles(reg, n, null_array ? NULL : hs) :
           ty == RTM_OBJ_ROUTE ? RtmReleaseRoutes(reg, n, null_array ? NULL : hs) :
           RtmReleaseNextHops(reg, n, null_array ? NULL : hs);
    fz_check_documented(fz.op, code, documented);
    if (!fz_registered(slot))
        fz_expect(fz.op, code, ERROR_INVALID_HANDLE, NULL, 0);
    else if (null_array)
        fz_expect(fz.op, code, ERROR_INVALID_PARAMETER, NULL, 0);
    else
        fz_expect(fz.op, code, plan == FZ_REL_OK ? NO_ERROR : ERROR_INVALID_HANDLE, NULL, 0);
    if (fz_registered(slot) && !null_array)
        fz_release_apply(hs, (int)n, ty, table);
}

static void op_audit(struct fz_in *in)
{
    fz.op = "audit";
    fz_audit((int)fz_below(in, FZ_TABLES));
}

static void op_ipv6(struct fz_in *in)
{
    static const DWORD documented[] = { NO_ERROR, ERROR_INVALID_PARAMETER, 0 };
    RTM_NET_ADDRESS a, b;
    IN6_ADDR addr;
    ULONG len = 0xFFFF, size = fz_below(in, 8) ? sizeof addr : fz_below(in, 32);
    unsigned nulls = fz_below(in, 16);
    DWORD code;

    fz.op = "IPv6 helpers";
    fz_gen_address(in, 1, &a);
    code = RtmConvertNetAddressToIpv6AddressAndLength(nulls == 0 ? NULL : &a, nulls == 1 ? NULL : &addr,
                                                      nulls == 2 ? NULL : &len, size);
    fz_check_documented("RtmConvertNetAddressToIpv6AddressAndLength", code, documented);
    fz_expect("RtmConvertNetAddressToIpv6AddressAndLength", code,
              nulls < 3 || size != sizeof addr || a.AddressFamily != AF_INET6 || a.NumBits > 128 ?
              ERROR_INVALID_PARAMETER : NO_ERROR, NULL, 0);
    if (code != NO_ERROR)
        return;
    if (len != a.NumBits)
        fz_fail("IPv6 helper: length %lu of a /%u", (unsigned long)len, a.NumBits);
    code = RtmConvertIpv6AddressAndLengthToNetAddress(&b, addr, len, sizeof addr);
    if (code != NO_ERROR || b.AddressFamily != AF_INET6 || b.NumBits != a.NumBits ||
        memcmp(b.AddrBits, a.AddrBits, sizeof a.AddrBits))
        fz_fail("IPv6 helpers: no exact round trip");
}

void (*const fz_lookup_ops[])(struct fz_in *) = {
    op_lookup, op_lookup, op_lookup, op_dest_info, op_release_info, op_release_info,
    op_reference, op_release_handles, op_audit, op_ipv6,
};
const unsigned fz_lookup_op_count = sizeof fz_lookup_ops / sizeof fz_lookup_ops[0];
