/*
 * fuzz_ops_group.c - operations on group enumerations
 * (MgmGroupEnumerationStart, GetNext, End), each entry returned compared
 * with the model's memberships (fuzz_mgm.h).
 */
#include <stdlib.h>

#include "fuzz_mgm.h"

/* The model's entries as an enumeration of the type returns them: every
 * pair joined (ALL_SOURCES) or every group once as (*, g) (ANY_SOURCE), in
 * the order of the groups, then of the sources. */
static int entries(int any, SOURCE_GROUP_ENTRY *out)
{
    int n = 0;

    for (int i = 0; i < fzm.nmembers; i++) {
        DWORD s = any ? 0 : fzm.member[i].source, g = fzm.member[i].group;
        int k = n, dup = 0;
        for (int j = 0; j < n; j++)
            dup |= out[j].dwSourceAddr == s && out[j].dwGroupAddr == g;
        if (dup)
            continue;
        while (k > 0 && (fzm_key(out[k - 1].dwGroupAddr) > fzm_key(g) ||
                         (out[k - 1].dwGroupAddr == g &&
                          fzm_key(out[k - 1].dwSourceAddr) > fzm_key(s)))) {
            out[k] = out[k - 1];
            k--;
        }
        out[k].dwSourceAddr = s;
        out[k].dwSourceMask = s ? 0xFFFFFFFFu : 0;
        out[k].dwGroupAddr = g;
        out[k].dwGroupMask = g ? 0xFFFFFFFFu : 0;
        n++;
    }
    return n;
}

static void op_start(struct fz_in *in)
{
    int slot, c = (int)fz_u8(in) % FZM_CLIENTS;
    HANDLE valid = fzm.client[c].state == FZ_REGISTERED ? fzm.client[c].h : NULL;
    HANDLE h = fzm_pick(in, RTM_OBJ_MGM_PROTOCOL, valid), e = NULL;
    unsigned tsel = fz_below(in, 8), nulls = fz_below(in, 16);
    MGM_ENUM_TYPES type = tsel < 3 ? ALL_SOURCES : tsel < 6 ? ANY_SOURCE :
                          (MGM_ENUM_TYPES)(tsel == 6 ? 2 : fz_u32(in));
    DWORD code, expected;

    fz.op = "MgmGroupEnumerationStart";
    slot = fzm_client_of(h);
    expected = slot < 0 || (type != ALL_SOURCES && type != ANY_SOURCE) || !nulls
                   ? ERROR_INVALID_PARAMETER : NO_ERROR;
    if (expected == NO_ERROR && fzm.nenums == FZM_ENUMS)
        return;
    code = MgmGroupEnumerationStart(h, type, nulls ? &e : NULL);
    fzm_expect("MgmGroupEnumerationStart", code, expected);
    if (code == NO_ERROR) {
        struct fzm_enum *en = &fzm.en[fzm.nenums++];
        memset(en, 0, sizeof *en);
        en->h = e;
        en->client = slot;
        en->any = type == ANY_SOURCE;
        fzm_handle_seen(e, RTM_OBJ_MGM_ENUM);
    }
    fzm_check_counts();
}

/* An enumeration handle for a call: mostly a live one's. */
static HANDLE pick_enum(struct fz_in *in)
{
    unsigned k = fz_u8(in);

    return fzm_pick(in, RTM_OBJ_MGM_ENUM, fzm.nenums ? fzm.en[k % (unsigned)fzm.nenums].h : NULL);
}

static void op_next(struct fz_in *in)
{
    static const DWORD sizes[8] = { 0, 15, 16, 17, 32, 48, 160, 4096 };
    SOURCE_GROUP_ENTRY all[FZM_MEMBERS];
    HANDLE h = pick_enum(in);
    struct fzm_enum *e = fzm_enum_of(h);
    unsigned nulls = fz_below(in, 16);
    DWORD size = sizeof all, given, count = 0xDEAD, code, expected = ERROR_INVALID_PARAMETER;
    int n = 0, from = 0;
    UINT room, want = 0;
    uint8_t *buf;

    fz.op = "MgmGroupEnumerationGetNext";
    size = given = sizes[fz_below(in, 8)];
    buf = nulls == 2 ? NULL : malloc(size ? size : 1);
    room = size / sizeof(SOURCE_GROUP_ENTRY);
    if (e) {
        n = entries(e->any, all);
        while (e->started && from < n &&
               (fzm_key(all[from].dwGroupAddr) < e->group_key ||
                (fzm_key(all[from].dwGroupAddr) == e->group_key &&
                 fzm_key(all[from].dwSourceAddr) <= e->source_key)))
            from++;
        if (e->done)
            from = n;
        want = (UINT)(n - from) < room ? (UINT)(n - from) : room;
        expected = from + (int)want == n ? ERROR_NO_MORE_ITEMS :
                   want ? ERROR_MORE_DATA : ERROR_INSUFFICIENT_BUFFER;
    }
    if (nulls < 2 || (!buf && size >= sizeof(SOURCE_GROUP_ENTRY)))
        expected = ERROR_INVALID_PARAMETER;
    code = MgmGroupEnumerationGetNext(h, nulls == 0 ? NULL : &size, buf,
                                      nulls == 1 ? NULL : &count);
    fzm_expect("MgmGroupEnumerationGetNext", code, expected);
    if (code != ERROR_INVALID_PARAMETER) {
        if (count != want || (want && memcmp(buf, &all[from], want * sizeof all[0])))
            fz_fail("MgmGroupEnumerationGetNext: %lu entries, not the model's %u from %d of %d",
                    (unsigned long)count, want, from, n);
        if (want) {
            e->started = 1;
            e->group_key = fzm_key(all[from + (int)want - 1].dwGroupAddr);
            e->source_key = fzm_key(all[from + (int)want - 1].dwSourceAddr);
        }
        e->done = code == ERROR_NO_MORE_ITEMS;
    }
    if (size != (code == ERROR_INSUFFICIENT_BUFFER ? sizeof(SOURCE_GROUP_ENTRY) : given))
        fz_fail("MgmGroupEnumerationGetNext: buffer size %lu after the call", (unsigned long)size);
    free(buf);
}

static void op_end(struct fz_in *in)
{
    HANDLE h = pick_enum(in);
    struct fzm_enum *e = fzm_enum_of(h);
    DWORD code;

    fz.op = "MgmGroupEnumerationEnd";
    code = MgmGroupEnumerationEnd(h);
    fzm_expect("MgmGroupEnumerationEnd", code, e ? NO_ERROR : ERROR_INVALID_PARAMETER);
    if (code == NO_ERROR)
        *e = fzm.en[--fzm.nenums];
    fzm_check_counts();
}

void (*const fz_group_ops[])(struct fz_in *) = {
    op_start, op_next, op_next, op_next, op_end,
};
const unsigned fz_group_op_count = sizeof fz_group_ops / sizeof fz_group_ops[0];
