/*
 * fuzz_model.c - the reference model of the tables and the checks of
 * look-ups and enumerations against it (fuzz.h).
 *
 * The model is deliberately naive: arrays scanned in full. A table's
 * destinations are the distinct prefixes of its live routes, plus, with
 * RTM_VIEW_MASK_ANY, prefixes that may be held down (a hold-down keeps a
 * destination without routes for its hold time).
 */
#include <stdlib.h>

#include "fuzz.h"

static int same_prefix(const struct fz_route *r, int table, const uint8_t *key, unsigned len)
{
    return r->live && r->table == table && r->len == len && !memcmp(r->key, key, sizeof r->key);
}

int fz_route_find(int table, const uint8_t *key, unsigned len, int owner, HANDLE neighbour,
                  int first)
{
    for (int i = 0; i < fz.nroutes; i++) {
        const struct fz_route *r = &fz.route[i];
        if (same_prefix(r, table, key, len) && r->owner == owner && (first || r->neighbour == neighbour))
            return i;
    }
    return -1;
}

int fz_route_find_info(int table, const RTM_NET_ADDRESS *addr, const RTM_ROUTE_INFO *ri,
                       int owner)
{
    int found = -1, count = 0;

    for (int i = 0; i < fz.nroutes; i++) {
        const struct fz_route *r = &fz.route[i];
        if (same_prefix(r, table, addr->AddrBits, addr->NumBits) && r->owner == owner &&
            r->neighbour == ri->Neighbour && r->views == ri->BelongsToViews &&
            r->flags == ri->Flags && r->pref == ri->PrefInfo.Preference &&
            r->metric == ri->PrefInfo.Metric) {
            if (found < 0)
                found = i;
            count++;
        }
    }
    /* Two routes alike in everything but their place: which one the
     * library means cannot be told, so the order is no longer known. */
    if (count > 1) {
        fz_set_fuzzy(table);
        return -1;
    }
    return found;
}

int fz_route_add(int table, const uint8_t *key, unsigned len, int owner)
{
    struct fz_route *r;

    if (fz.nroutes == FZ_ROUTES) {
        fz_set_fuzzy(table);
        return -1;
    }
    r = &fz.route[fz.nroutes];
    memset(r, 0, sizeof *r);
    r->live = 1;
    r->table = table;
    memcpy(r->key, key, sizeof r->key);
    r->len = len;
    r->owner = owner;
    return fz.nroutes++;
}

void fz_route_set(int r, const RTM_ROUTE_INFO *ri)
{
    if (r < 0)
        return;
    fz.route[r].neighbour = ri->Neighbour;
    fz.route[r].views = ri->BelongsToViews;
    fz.route[r].flags = ri->Flags;
    fz.route[r].pref = ri->PrefInfo.Preference;
    fz.route[r].metric = ri->PrefInfo.Metric;
}

static int better(const struct fz_route *a, const struct fz_route *b)
{
    if (!b)
        return 1;
    if (a->pref != b->pref)
        return a->pref < b->pref;
    return a->metric < b->metric;
}

int fz_best(int table, const uint8_t *key, unsigned len, int view, ULONG protocol)
{
    int best = -1;

    for (int i = 0; i < fz.nroutes; i++) {
        const struct fz_route *r = &fz.route[i];
        if (!same_prefix(r, table, key, len) || !(r->views & (1u << view)) ||
            (r->flags & RTM_ROUTE_FLAGS_INACTIVE))
            continue;
        if (protocol != RTM_BEST_PROTOCOL &&
            fz.ent[r->owner].info.EntityId.EntityProtocolId != protocol)
            continue;
        if (better(r, best < 0 ? NULL : &fz.route[best]))
            best = i;
    }
    return best;
}

void fz_bests(int table, const uint8_t *key, unsigned len, int *best)
{
    for (int v = 0; v < 2; v++)
        best[v] = fz_best(table, key, len, v, RTM_BEST_PROTOCOL);
}

RTM_VIEW_SET fz_best_changed(const int *before, const int *after)
{
    return (RTM_VIEW_SET)((before[0] != after[0]) | (before[1] != after[1]) << 1);
}

int fz_is_best(int r)
{
    int best[2];

    if (r < 0 || !fz.route[r].live)
        return 0;
    fz_bests(fz.route[r].table, fz.route[r].key, fz.route[r].len, best);
    return best[0] == r || best[1] == r;
}

void fz_entity_gone(int slot)
{
    for (int i = 0; i < fz.nroutes; i++)
        if (fz.route[i].owner == slot)
            fz.route[i].live = 0;
    for (int i = 0; i < fz.nnh; i++)
        if (fz.nh[i].owner == slot)
            fz.nh[i].live = 0;
}

int fz_nexthop_find(int owner, const uint8_t *key, unsigned len, ULONG ifindex)
{
    for (int i = 0; i < fz.nnh; i++) {
        const struct fz_nexthop *n = &fz.nh[i];
        if (n->live && n->owner == owner && n->len == len && n->ifindex == ifindex &&
            !memcmp(n->key, key, sizeof n->key))
            return i;
    }
    return -1;
}

void fz_hold_add(int table, const uint8_t *key, unsigned len)
{
    if (fz.nholds == FZ_HOLDS) {
        fz_set_fuzzy(table);
        return;
    }
    fz.hold[fz.nholds].table = table;
    memcpy(fz.hold[fz.nholds].key, key, RTM_MAX_ADDRESS_SIZE);
    fz.hold[fz.nholds].len = len;
    fz.nholds++;
}

void fz_set_fuzzy(int table)
{
    if (table >= 0 && table < FZ_TABLES)
        fz.fuzzy[table] = 1;
}

/* ---- presence of destinations -------------------------------------------- */

static int held(int table, const uint8_t *key, unsigned len)
{
    for (int i = 0; i < fz.nholds; i++)
        if (fz.hold[i].table == table && fz.hold[i].len == len &&
            !memcmp(fz.hold[i].key, key, RTM_MAX_ADDRESS_SIZE))
            return 1;
    return 0;
}

/* The routes at a prefix (and in view v, v >= 0) and their views. */
static int routes_at(int table, const uint8_t *key, unsigned len, int v, RTM_VIEW_SET *views)
{
    int count = 0;

    if (views)
        *views = 0;
    for (int i = 0; i < fz.nroutes; i++) {
        const struct fz_route *r = &fz.route[i];
        if (!same_prefix(r, table, key, len) || (v >= 0 && !(r->views & (1u << v))))
            continue;
        count++;
        if (views)
            *views |= r->views;
    }
    return count;
}

/* A destination at the prefix is certainly found for target. */
static int must_present(int table, const uint8_t *key, unsigned len, RTM_VIEW_SET target)
{
    RTM_VIEW_SET views;
    int count = routes_at(table, key, len, -1, &views);

    return target == RTM_VIEW_MASK_ANY ? count > 0 : (views & target) != 0;
}

/* A destination at the prefix may be found for target. */
static int may_present(int table, const uint8_t *key, unsigned len, RTM_VIEW_SET target)
{
    return must_present(table, key, len, target) ||
           (target == RTM_VIEW_MASK_ANY && held(table, key, len));
}

/* Calls fn on every distinct prefix of the table the model knows. */
static void each_prefix(int table, void (*fn)(const uint8_t *, unsigned, void *), void *ctx)
{
    for (int i = 0; i < fz.nroutes; i++) {
        const struct fz_route *r = &fz.route[i];
        int dup = 0;
        if (!r->live || r->table != table)
            continue;
        for (int j = 0; j < i && !dup; j++)
            dup = same_prefix(&fz.route[j], table, r->key, r->len);
        if (!dup)
            fn(r->key, r->len, ctx);
    }
    for (int i = 0; i < fz.nholds; i++)
        if (fz.hold[i].table == table && !routes_at(table, fz.hold[i].key, fz.hold[i].len, -1, NULL))
            fn(fz.hold[i].key, fz.hold[i].len, ctx);
}

/* ---- destination information ------------------------------------------------ */

static void *view_entry(const RTM_DEST_INFO *di, UINT v)
{
    return (char *)di + RTM_BASIC_DEST_INFO_SIZE + v * RTM_DEST_VIEW_INFO_SIZE;
}

#define VIEW_INFO(di, v) ((__typeof__(((RTM_DEST_INFO *)0)->ViewInfo[0]) *)view_entry(di, v))

void fz_check_dest_info(int table, int caller, ULONG protocol, RTM_VIEW_SET target,
                        const RTM_DEST_INFO *di)
{
    const uint8_t *key = di->DestAddress.AddrBits;
    unsigned len = di->DestAddress.NumBits;
    RTM_VIEW_SET views;
    UINT n = 0;

    if (di->DestAddress.AddressFamily != fz_table_family(table) || len > fz_table_bits(table))
        fz_fail("destination information of another family or length %u", len);
    if (di->NumberOfViews != fz_view_count(target))
        fz_fail("NumberOfViews %u for target views %#lx", di->NumberOfViews,
                (unsigned long)target);
    if (!di->DestHandle)
        fz_fail("destination information without a destination handle");
    if (fz.fuzzy[table])
        return;
    routes_at(table, key, len, -1, &views);
    if (di->BelongsToViews != views)
        fz_fail("BelongsToViews %#lx, the model says %#lx", (unsigned long)di->BelongsToViews,
                (unsigned long)views);
    if (protocol == RTM_THIS_PROTOCOL)
        protocol = fz.ent[caller].info.EntityId.EntityProtocolId;
    for (int v = 0; v < 2; v++) {
        int best, count;
        if (!(target & (1u << v)))
            continue;
        best = fz_best(table, key, len, v, protocol);
        count = routes_at(table, key, len, v, NULL);
        if (VIEW_INFO(di, n)->ViewId != (RTM_VIEW_ID)v || VIEW_INFO(di, n)->NumRoutes != (UINT)count)
            fz_fail("view %d: ViewId %lu, NumRoutes %u, the model has %d routes", v,
                    (unsigned long)VIEW_INFO(di, n)->ViewId, VIEW_INFO(di, n)->NumRoutes, count);
        if ((best < 0) != (VIEW_INFO(di, n)->Route == NULL) ||
            (best >= 0 && VIEW_INFO(di, n)->Owner != fz.ent[fz.route[best].owner].h))
            fz_fail("view %d: best route %p of %p, the model's is of entity %d", v,
                    VIEW_INFO(di, n)->Route, VIEW_INFO(di, n)->Owner,
                    best < 0 ? -1 : fz.route[best].owner);
        if (VIEW_INFO(di, n)->HoldRoute && !held(table, key, len))
            fz_fail("view %d: a hold route without a hold-down", v);
        n++;
    }
}

/* ---- look-ups ---------------------------------------------------------------- */

struct covering {
    int table;
    RTM_VIEW_SET target;
    const uint8_t *key;
    unsigned len;
    int strict;          /* only prefixes strictly shorter than len */
    int best_must;       /* longest prefix certainly found, or -1 */
};

static void covering_fn(const uint8_t *key, unsigned len, void *ctx)
{
    struct covering *c = ctx;

    if (!fz_covers(key, len, c->key, c->len) || (c->strict && len >= c->len))
        return;
    if (must_present(c->table, key, len, c->target) && (int)len > c->best_must)
        c->best_must = (int)len;
}

static void check_covering(struct covering *c, int caller, ULONG protocol, DWORD code,
                           const RTM_DEST_INFO *di, const char *what)
{
    c->best_must = -1;
    each_prefix(c->table, covering_fn, c);
    if (code == ERROR_NOT_FOUND) {
        if (c->best_must >= 0)
            fz_fail("%s: not found, the model has a /%d", what, c->best_must);
        return;
    }
    {
        uint8_t key[RTM_MAX_ADDRESS_SIZE];
        unsigned len = di->DestAddress.NumBits;
        fz_canon(key, di->DestAddress.AddrBits, len);
        if (memcmp(key, di->DestAddress.AddrBits, sizeof key))
            fz_fail("%s: a destination address that is not canonical", what);
        if (!fz_covers(key, len, c->key, c->len) || (c->strict && len >= c->len) ||
            !may_present(c->table, key, len, c->target) || (int)len < c->best_must)
            fz_fail("%s: found a /%u, the model's answer is a /%d", what, len, c->best_must);
    }
    fz_check_dest_info(c->table, caller, protocol, c->target, di);
}

void fz_check_exact(int table, int caller, const RTM_NET_ADDRESS *addr, ULONG protocol,
                    RTM_VIEW_SET target, DWORD code, const RTM_DEST_INFO *di)
{
    uint8_t key[RTM_MAX_ADDRESS_SIZE];

    if (fz.fuzzy[table])
        return;
    fz_canon(key, addr->AddrBits, addr->NumBits);
    if (code == ERROR_NOT_FOUND) {
        if (must_present(table, key, addr->NumBits, target))
            fz_fail("exact match: not found, the model has it");
        return;
    }
    if (!may_present(table, key, addr->NumBits, target))
        fz_fail("exact match: found a destination the model does not have");
    if (di->DestAddress.NumBits != addr->NumBits || memcmp(di->DestAddress.AddrBits, key, sizeof key))
        fz_fail("exact match: found another prefix");
    fz_check_dest_info(table, caller, protocol, target, di);
}

void fz_check_most_specific(int table, int caller, const RTM_NET_ADDRESS *addr,
                            ULONG protocol, RTM_VIEW_SET target, DWORD code,
                            const RTM_DEST_INFO *di)
{
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    struct covering c = { table, target, key, addr->NumBits, 0, -1 };

    if (fz.fuzzy[table])
        return;
    fz_canon(key, addr->AddrBits, addr->NumBits);
    check_covering(&c, caller, protocol, code, di, "most specific");
}

void fz_check_less_specific(int table, int caller, const uint8_t *from, unsigned len,
                            ULONG protocol, RTM_VIEW_SET target, DWORD code,
                            const RTM_DEST_INFO *di)
{
    struct covering c = { table, target, from, len, 1, -1 };

    if (fz.fuzzy[table])
        return;
    check_covering(&c, caller, protocol, code, di, "less specific");
}

/* ---- audit --------------------------------------------------------------------- */

struct audit {
    int table;
    uint8_t (*seen)[RTM_MAX_ADDRESS_SIZE];
    unsigned *seen_len;
    int nseen;
};

static void audit_fn(const uint8_t *key, unsigned len, void *ctx)
{
    struct audit *a = ctx;

    if (!must_present(a->table, key, len, RTM_VIEW_MASK_ANY))
        return;
    for (int i = 0; i < a->nseen; i++)
        if (a->seen_len[i] == len && !memcmp(a->seen[i], key, RTM_MAX_ADDRESS_SIZE))
            return;
    fz_fail("audit: the enumeration misses a /%u the model has", len);
}

static void expect_ok(const char *fn, DWORD code, DWORD also)
{
    if (code != NO_ERROR && code != also)
        fz_fail("audit: %s returned %lu", fn, (unsigned long)code);
}

static void audit_dests(int table, HANDLE reg, int caller)
{
    static uint8_t seen[FZ_ROUTES + FZ_HOLDS][RTM_MAX_ADDRESS_SIZE];
    static unsigned seen_len[FZ_ROUTES + FZ_HOLDS];
    struct audit a = { table, seen, seen_len, 0 };
    size_t size = RTM_SIZE_OF_DEST_INFO(0);
    RTM_ENUM_HANDLE e;
    DWORD code;

    expect_ok("RtmCreateDestEnum", RtmCreateDestEnum(reg, 0, RTM_ENUM_START, NULL,
                                                     RTM_BEST_PROTOCOL, &e), NO_ERROR);
    do {
        UINT n = 7, asked = n;
        char *buf = malloc(n * size);
        code = RtmGetEnumDests(reg, e, &n, (RTM_DEST_INFO *)buf);
        expect_ok("RtmGetEnumDests", code, ERROR_NO_MORE_ITEMS);
        if (n > asked || (code == NO_ERROR) != (n == asked))
            fz_fail("audit: RtmGetEnumDests gave %u of %u with %lu", n, asked, (unsigned long)code);
        for (UINT i = 0; i < n; i++) {
            RTM_DEST_INFO *di = (RTM_DEST_INFO *)(buf + i * size);
            const uint8_t *key = di->DestAddress.AddrBits;
            unsigned len = di->DestAddress.NumBits;
            if (a.nseen && fz_prefix_cmp(seen[a.nseen - 1], seen_len[a.nseen - 1], key, len) >= 0)
                fz_fail("audit: destinations out of order or repeated");
            if (a.nseen == FZ_ROUTES + FZ_HOLDS)
                fz_fail("audit: more destinations than the model can have");
            memcpy(seen[a.nseen], key, RTM_MAX_ADDRESS_SIZE);
            seen_len[a.nseen++] = len;
            fz_check_dest_info(table, caller, RTM_BEST_PROTOCOL, 0, di);
            if (!fz.fuzzy[table] && !may_present(table, key, len, 0))
                fz_fail("audit: enumerated a /%u the model does not have", len);
        }
        expect_ok("RtmReleaseDests", RtmReleaseDests(reg, n, (RTM_DEST_INFO *)buf), NO_ERROR);
        free(buf);
    } while (code == NO_ERROR);
    expect_ok("RtmDeleteEnumHandle", RtmDeleteEnumHandle(reg, e), NO_ERROR);
    if (!fz.fuzzy[table])
        each_prefix(table, audit_fn, &a);
}

/* Counts what an enumeration of routes (next hops) returns, releasing it. */
static int audit_count(HANDLE reg, RTM_ENUM_HANDLE e, int routes)
{
    HANDLE hs[13];
    int total = 0;
    DWORD code;

    do {
        UINT n = 13;
        code = routes ? RtmGetEnumRoutes(reg, e, &n, hs) : RtmGetEnumNextHops(reg, e, &n, hs);
        expect_ok("RtmGetEnum*", code, ERROR_NO_MORE_ITEMS);
        if (n > 13 || (code == NO_ERROR) != (n == 13))
            fz_fail("audit: RtmGetEnum* gave %u of 13 with %lu", n, (unsigned long)code);
        total += (int)n;
        expect_ok("RtmRelease*", routes ? RtmReleaseRoutes(reg, n, hs) : RtmReleaseNextHops(reg, n, hs),
                  NO_ERROR);
    } while (code == NO_ERROR);
    expect_ok("RtmDeleteEnumHandle", RtmDeleteEnumHandle(reg, e), NO_ERROR);
    return total;
}

void fz_audit(int table)
{
    int caller = fz_any_caller(table), model = 0;
    HANDLE reg;
    RTM_ENUM_HANDLE e;

    if (caller < 0)
        return;
    reg = fz.ent[caller].h;
    audit_dests(table, reg, caller);

    expect_ok("RtmCreateRouteEnum", RtmCreateRouteEnum(reg, NULL, 0, RTM_ENUM_START, NULL,
                                                       RTM_MATCH_NONE, NULL, 0, &e), NO_ERROR);
    for (int i = 0; i < fz.nroutes; i++)
        model += fz.route[i].live && fz.route[i].table == table;
    {
        int got = audit_count(reg, e, 1);
        if (!fz.fuzzy[table] && got != model)
            fz_fail("audit: %d routes enumerated, the model has %d", got, model);
    }
    for (int s = 0; s < FZ_ENTITIES; s++) {
        int got;
        if (!fz_registered(s) || fz.ent[s].table != table)
            continue;
        expect_ok("RtmCreateNextHopEnum",
                  RtmCreateNextHopEnum(fz.ent[s].h, RTM_ENUM_START, NULL, &e), NO_ERROR);
        got = audit_count(fz.ent[s].h, e, 0);
        model = 0;
        for (int i = 0; i < fz.nnh; i++)
            model += fz.nh[i].live && fz.nh[i].owner == s;
        if (got != model)
            fz_fail("audit: entity %d has %d next hops, the model %d", s, got, model);
    }
}
