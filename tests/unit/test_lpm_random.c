/*
 * test_lpm_random.c - the destination look-ups through the public API
 * (RtmGetMostSpecificDestination, RtmGetExactMatchDestination,
 * RtmGetLessSpecificDestination) against a brute-force reference: a plain
 * array of candidate prefixes, each present in the table or not, searched
 * linearly.
 *
 * The prefixes are random but nested (drawn around a few random "roots", so
 * that long chains of covering prefixes occur), IPv4 and IPv6, a couple of
 * thousand per table; rounds of random adds, view changes and deletes
 * alternate with rounds of random queries (random views, random lengths,
 * bits past the length left as garbage). The generator is a splitmix64 of
 * our own with fixed seeds, so every platform runs the same sequence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_test.h"

/* ---- the generator ------------------------------------------------------ */

/* ---- prefixes ------------------------------------------------------------- */

#define MAX_ROOTS 8

struct config {
    const char *name;
    USHORT instance;
    int ipv6;
    unsigned count;      /* candidate prefixes (before removing duplicates) */
    unsigned roots;      /* addresses the prefixes are drawn around */
    unsigned min_len;    /* shortest prefix drawn (besides /0) */
    unsigned rounds;     /* change rounds */
    unsigned queries;    /* queries per round */
    uint64_t seed;
    unsigned min_full;   /* prefixes the table must hold once filled */
};

struct prefix {
    uint8_t addr[16];            /* canonical: zero past len */
    unsigned len;
    RTM_VIEW_SET views;          /* of its route, when present */
    int owner;                   /* which entity's route */
    RTM_ROUTE_HANDLE route;      /* NULL: not in the table */
};

struct world {
    const struct config *cfg;
    unsigned width;              /* 32 or 128 */
    struct test_rng rng;
    uint8_t roots[MAX_ROOTS][16];
    struct prefix *prefixes;
    unsigned count;
    RTM_ENTITY_HANDLE reg[2];
    RTM_NEXTHOP_HANDLE nexthop[2];
    unsigned present;
    /* statistics, to see that the checks meet every case */
    unsigned found, not_found, exact_found, less_found, walk_steps, deepest;
};

static void set_bit(uint8_t *a, unsigned i, int v)
{
    if (v)
        a[i / 8] |= (uint8_t)(0x80 >> (i % 8));
    else
        a[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
}

/* Zeroes the bits of a (16 bytes) from bit len on. */
static void canonicalize(uint8_t *a, unsigned len)
{
    for (unsigned i = len; i < 128; i++)
        set_bit(a, i, 0);
}

/* Nonzero if a and b agree on their first len bits. */
static int same_bits(const uint8_t *a, const uint8_t *b, unsigned len)
{
    unsigned bytes = len / 8, rest = len % 8;

    if (memcmp(a, b, bytes) != 0)
        return 0;
    return rest == 0 || ((a[bytes] ^ b[bytes]) & (uint8_t)(0xFF00 >> rest)) == 0;
}

/* A random address near one of the roots: a root's first bits, random
 * bits after them. */
static void random_address(struct world *w, uint8_t *out)
{
    unsigned keep = test_rng_below(&w->rng, w->width + 1);

    memcpy(out, w->roots[test_rng_below(&w->rng, w->cfg->roots)], 16);
    for (unsigned i = keep; i < w->width; i++)
        set_bit(out, i, (int)(test_rng_next(&w->rng) & 1));
}

static unsigned random_length(struct world *w)
{
    if (test_rng_below(&w->rng, 64) == 0)
        return 0;
    return w->cfg->min_len + test_rng_below(&w->rng, w->width - w->cfg->min_len + 1);
}

static int prefix_cmp(const void *pa, const void *pb)
{
    const struct prefix *a = pa, *b = pb;
    int c = memcmp(a->addr, b->addr, 16);
    if (c)
        return c;
    return (a->len > b->len) - (a->len < b->len);
}

static RTM_VIEW_SET random_views(struct world *w)
{
    static const RTM_VIEW_SET choice[] = { RTM_VIEW_MASK_UCAST, RTM_VIEW_MASK_UCAST,
                                           RTM_VIEW_MASK_MCAST,
                                           RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST };
    return choice[test_rng_below(&w->rng, 4)];
}

/* Target views of a query: any, unicast, multicast, both, all. */
static RTM_VIEW_SET random_target(struct world *w)
{
    static const RTM_VIEW_SET choice[] = { RTM_VIEW_MASK_ANY, RTM_VIEW_MASK_UCAST,
                                           RTM_VIEW_MASK_UCAST, RTM_VIEW_MASK_MCAST,
                                           RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST,
                                           RTM_VIEW_MASK_ALL };
    return choice[test_rng_below(&w->rng, 6)];
}

static RTM_NET_ADDRESS net_address(const struct world *w, const uint8_t *addr, unsigned len)
{
    RTM_NET_ADDRESS a;
    memset(&a, 0, sizeof a);
    a.AddressFamily = w->cfg->ipv6 ? AF_INET6 : AF_INET;
    a.NumBits = (USHORT)len;
    memcpy(a.AddrBits, addr, w->width / 8);
    return a;
}

/* ---- the reference ------------------------------------------------------ */

static int in_views(const struct prefix *p, RTM_VIEW_SET target)
{
    return target == RTM_VIEW_MASK_ANY || (p->views & target);
}

/* The longest present prefix in target that covers addr/len, with a length
 * of at most max_len (inclusive) or below it (strict). */
static const struct prefix *ref_longest(const struct world *w, const uint8_t *addr,
                                        unsigned max_len, int strict, RTM_VIEW_SET target)
{
    const struct prefix *best = NULL;

    for (unsigned i = 0; i < w->count; i++) {
        const struct prefix *p = &w->prefixes[i];
        if (!p->route || !in_views(p, target))
            continue;
        if (strict ? p->len >= max_len : p->len > max_len)
            continue;
        if (best && p->len <= best->len)
            continue;
        if (same_bits(p->addr, addr, p->len))
            best = p;
    }
    return best;
}

static const struct prefix *ref_exact(const struct world *w, const uint8_t *addr, unsigned len,
                                      RTM_VIEW_SET target)
{
    for (unsigned i = 0; i < w->count; i++) {
        const struct prefix *p = &w->prefixes[i];
        if (p->route && p->len == len && in_views(p, target) && same_bits(p->addr, addr, len))
            return p;
    }
    return NULL;
}

/* ---- checking one answer -------------------------------------------------- */

static unsigned view_count(RTM_VIEW_SET target)
{
    return ((target & RTM_VIEW_MASK_UCAST) != 0) + ((target & RTM_VIEW_MASK_MCAST) != 0);
}

/* Checks a look-up's answer (status, info) against the reference's (want);
 * releases the info. */
static void check_answer(struct world *w, DWORD status, RTM_DEST_INFO *info,
                         const struct prefix *want, RTM_VIEW_SET target)
{
    RTM_ENTITY_HANDLE reg = w->reg[0];
    unsigned n = 0;

    if (!want) {
        if (status != ERROR_NOT_FOUND)
            print_error("%s: expected no destination, got status %lu prefix /%u\n", w->cfg->name,
                        (unsigned long)status, status == NO_ERROR ? info->DestAddress.NumBits : 0u);
        assert_int_equal(status, ERROR_NOT_FOUND);
        w->not_found++;
        return;
    }
    if (status != NO_ERROR || info->DestAddress.NumBits != want->len)
        print_error("%s: expected prefix /%u, got status %lu prefix /%u\n", w->cfg->name, want->len,
                    (unsigned long)status, status == NO_ERROR ? info->DestAddress.NumBits : 0u);
    assert_int_equal(status, NO_ERROR);
    w->found++;
    assert_int_equal(info->DestAddress.AddressFamily, w->cfg->ipv6 ? AF_INET6 : AF_INET);
    assert_int_equal(info->DestAddress.NumBits, want->len);
    assert_memory_equal(info->DestAddress.AddrBits, want->addr, w->width / 8);
    assert_non_null(info->DestHandle);
    assert_int_equal(info->BelongsToViews, want->views);
    assert_int_equal(info->NumberOfViews, view_count(target));
    for (unsigned v = 0; v < 2; v++) {
        if (!(target & (1u << v)))
            continue;
        assert_int_equal(info->ViewInfo[n].ViewId, v);
        if (want->views & (1u << v)) {
            assert_int_equal(info->ViewInfo[n].NumRoutes, 1);
            assert_ptr_equal(info->ViewInfo[n].Route, want->route);
            assert_ptr_equal(info->ViewInfo[n].Owner, w->reg[want->owner]);
        } else {
            assert_int_equal(info->ViewInfo[n].NumRoutes, 0);
            assert_null(info->ViewInfo[n].Route);
            assert_null(info->ViewInfo[n].Owner);
        }
        n++;
    }
    assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
}

/* ---- changes ------------------------------------------------------------------ */

static void add_prefix(struct world *w, struct prefix *p)
{
    RTM_ROUTE_INFO info;
    RTM_NET_ADDRESS addr;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    uint8_t messy[16];

    /* Bits past the length are ignored: add with garbage there. */
    memcpy(messy, p->addr, 16);
    for (unsigned i = p->len; i < w->width; i++)
        set_bit(messy, i, (int)(test_rng_next(&w->rng) & 1));
    addr = net_address(w, messy, p->len);
    p->owner = (int)test_rng_below(&w->rng, 2);
    p->views = random_views(w);
    info = test_route(w->nexthop[p->owner], 1, p->len, p->views);
    assert_int_equal(RtmAddRouteToDest(w->reg[p->owner], &p->route, &addr, &info, INFINITE, NULL,
                                       0, NULL, &flags),
                     NO_ERROR);
    assert_non_null(p->route);
    assert_true(flags & RTM_ROUTE_CHANGE_NEW);
    w->present++;
}

static void update_prefix(struct world *w, struct prefix *p)
{
    RTM_NET_ADDRESS addr = net_address(w, p->addr, p->len);
    RTM_ROUTE_HANDLE handle = p->route;
    RTM_ROUTE_CHANGE_FLAGS flags = 0;
    RTM_ROUTE_INFO info;

    p->views = random_views(w);
    info = test_route(w->nexthop[p->owner], 1, p->len, p->views);
    assert_int_equal(RtmAddRouteToDest(w->reg[p->owner], &handle, &addr, &info, INFINITE, NULL, 0,
                                       NULL, &flags),
                     NO_ERROR);
    assert_ptr_equal(handle, p->route);
    assert_false(flags & RTM_ROUTE_CHANGE_NEW);
}

static void delete_prefix(struct world *w, struct prefix *p)
{
    assert_int_equal(RtmDeleteRouteToDest(w->reg[p->owner], p->route, NULL), NO_ERROR);
    p->route = NULL;
    w->present--;
}

/* One round of random changes: about a quarter of the candidates each get
 * added (if absent), deleted or moved to other views (if present). */
static void change_round(struct world *w, unsigned add_percent)
{
    unsigned changes = w->count / 4 + 1;

    for (unsigned i = 0; i < changes; i++) {
        struct prefix *p = &w->prefixes[test_rng_below(&w->rng, w->count)];
        unsigned dice = test_rng_below(&w->rng, 100);
        if (!p->route) {
            if (dice < add_percent)
                add_prefix(w, p);
        } else if (dice < 100 - add_percent) {
            delete_prefix(w, p);
        } else if (dice < 100 - add_percent / 2) {
            update_prefix(w, p);
        }
    }
}

/* ---- queries -------------------------------------------------------------------- */

/* Walks up from the destination in info (held) with target views, checking
 * each step against the reference; releases info. */
static void check_walk(struct world *w, RTM_DEST_INFO *info, RTM_DEST_INFO *next,
                       RTM_VIEW_SET target)
{
    RTM_ENTITY_HANDLE reg = w->reg[1];
    unsigned depth = 1;

    for (;;) {
        uint8_t from[16];
        unsigned from_len = info->DestAddress.NumBits;
        const struct prefix *want;
        DWORD status;

        memset(from, 0, sizeof from);
        memcpy(from, info->DestAddress.AddrBits, w->width / 8);
        want = ref_longest(w, from, from_len, 1, target);
        status = RtmGetLessSpecificDestination(reg, info->DestHandle, RTM_BEST_PROTOCOL, target,
                                               next);
        assert_int_equal(RtmReleaseDestInfo(reg, info), NO_ERROR);
        if (status == NO_ERROR) {
            /* keep it for the next step; check_answer releases it */
            RTM_DEST_INFO *tmp;
            assert_non_null(want);
            assert_int_equal(next->DestAddress.NumBits, want->len);
            assert_int_equal(RtmReferenceHandles(reg, 1, &next->DestHandle), NO_ERROR);
            check_answer(w, status, next, want, target);
            /* next's handles are released, but its DestHandle is referenced
             * once more: hand it over as the new starting point. */
            tmp = info;
            info = next;
            next = tmp;
            info->NumberOfViews = 0;
            w->walk_steps++;
            if (++depth > w->deepest)
                w->deepest = depth;
            continue;
        }
        check_answer(w, status, next, want, target);
        return;
    }
}

static void query_round(struct world *w)
{
    RTM_DEST_INFO *info = test_malloc(RTM_SIZE_OF_DEST_INFO(2));
    RTM_DEST_INFO *next = test_malloc(RTM_SIZE_OF_DEST_INFO(2));
    RTM_ENTITY_HANDLE reg = w->reg[0];

    for (unsigned q = 0; q < w->cfg->queries; q++) {
        uint8_t addr[16];
        unsigned len = test_rng_below(&w->rng, 2) ? w->width : random_length(w);
        RTM_VIEW_SET target = random_target(w);
        RTM_NET_ADDRESS query;
        const struct prefix *want;
        DWORD status;

        memset(addr, 0, sizeof addr);
        random_address(w, addr); /* garbage past len on purpose */
        query = net_address(w, addr, len);

        /* Longest match. */
        want = ref_longest(w, addr, len, 0, target);
        memset(info, 0xCC, RTM_SIZE_OF_DEST_INFO(2));
        status = RtmGetMostSpecificDestination(reg, &query, RTM_BEST_PROTOCOL, target, info);
        if (status == NO_ERROR && want && (q % 4) == 0) {
            /* Walk all the way up from it, sometimes. */
            assert_int_equal(RtmReferenceHandles(reg, 1, &info->DestHandle), NO_ERROR);
            check_answer(w, status, info, want, target);
            info->NumberOfViews = 0;
            check_walk(w, info, next, target);
        } else if (status == NO_ERROR && want) {
            /* One step up, with other views. */
            RTM_VIEW_SET up = random_target(w);
            uint8_t from[16];
            memcpy(from, want->addr, 16);
            status = RtmGetLessSpecificDestination(reg, info->DestHandle, RTM_BEST_PROTOCOL, up,
                                                   next);
            check_answer(w, NO_ERROR, info, want, target);
            if (status == NO_ERROR)
                w->less_found++;
            check_answer(w, status, next, ref_longest(w, from, want->len, 1, up), up);
        } else {
            check_answer(w, status, info, want, target);
        }

        /* Exact match of the query itself (rarely there) and of a
         * candidate (present or not), with garbage past its length. */
        want = ref_exact(w, addr, len, target);
        status = RtmGetExactMatchDestination(reg, &query, RTM_BEST_PROTOCOL, target, info);
        check_answer(w, status, info, want, target);
        {
            const struct prefix *p = &w->prefixes[test_rng_below(&w->rng, w->count)];
            uint8_t messy[16];
            memcpy(messy, p->addr, 16);
            for (unsigned i = p->len; i < w->width; i++)
                set_bit(messy, i, (int)(test_rng_next(&w->rng) & 1));
            query = net_address(w, messy, p->len);
            target = random_target(w);
            want = ref_exact(w, p->addr, p->len, target);
            status = RtmGetExactMatchDestination(reg, &query, RTM_BEST_PROTOCOL, target, info);
            if (status == NO_ERROR)
                w->exact_found++;
            check_answer(w, status, info, want, target);
        }
    }
    test_free(info);
    test_free(next);
}

/* ---- the runs ------------------------------------------------------------------- */

static void run(const struct config *cfg)
{
    struct world w;
    USHORT family = cfg->ipv6 ? AF_INET6 : AF_INET;
    unsigned n = 0;

    memset(&w, 0, sizeof w);
    w.cfg = cfg;
    w.width = cfg->ipv6 ? 128 : 32;
    w.rng.state = cfg->seed;
    for (unsigned r = 0; r < cfg->roots; r++)
        for (unsigned i = 0; i < w.width / 8; i++)
            w.roots[r][i] = (uint8_t)test_rng_next(&w.rng);

    /* The candidates: random, canonical, without duplicates. */
    w.prefixes = test_calloc(cfg->count, sizeof *w.prefixes);
    for (unsigned i = 0; i < cfg->count; i++) {
        struct prefix *p = &w.prefixes[i];
        random_address(&w, p->addr);
        p->len = random_length(&w);
        canonicalize(p->addr, p->len);
    }
    qsort(w.prefixes, cfg->count, sizeof *w.prefixes, prefix_cmp);
    for (unsigned i = 0; i < cfg->count; i++)
        if (n == 0 || prefix_cmp(&w.prefixes[n - 1], &w.prefixes[i]) != 0)
            w.prefixes[n++] = w.prefixes[i];
    w.count = n;

    w.reg[0] = test_register(cfg->instance, family, 8, 1, FALSE);
    w.reg[1] = test_register(cfg->instance, family, 13, 1, FALSE);
    {
        uint8_t nh[16] = { 0 };
        nh[0] = 0xC0;
        nh[w.width / 8 - 1] = 1;
        w.nexthop[0] = test_add_nexthop(w.reg[0], net_address(&w, nh, w.width), 1);
        nh[w.width / 8 - 1] = 2;
        w.nexthop[1] = test_add_nexthop(w.reg[1], net_address(&w, nh, w.width), 2);
    }

    /* Empty table: nothing is found. */
    query_round(&w);
    /* Fill up to about two thirds, then churn. */
    for (unsigned i = 0; i < w.count; i++)
        if (test_rng_below(&w.rng, 3) != 0)
            add_prefix(&w, &w.prefixes[i]);
    assert_true(w.present >= cfg->min_full);
    query_round(&w);
    for (unsigned r = 0; r < cfg->rounds; r++) {
        change_round(&w, r % 2 ? 30 : 60);
        query_round(&w);
    }
    /* Delete everything (in random order): nothing is found again. */
    while (w.present) {
        struct prefix *p = &w.prefixes[test_rng_below(&w.rng, w.count)];
        if (p->route)
            delete_prefix(&w, p);
    }
    query_round(&w);

    print_message("%s: %u prefixes, %u found, %u not found, %u exact, %u less specific, "
                  "%u walk steps, deepest walk %u\n",
                  cfg->name, w.count, w.found, w.not_found, w.exact_found, w.less_found,
                  w.walk_steps, w.deepest);
    /* The checks met every case. */
    assert_true(w.found > 100);
    assert_true(w.not_found > 100);
    assert_true(w.exact_found > 10);
    assert_true(w.less_found > 10);
    assert_true(w.walk_steps > 100);
    assert_true(w.deepest >= 6);

    assert_int_equal(RtmReleaseNextHops(w.reg[0], 1, &w.nexthop[0]), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(w.reg[1], 1, &w.nexthop[1]), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(w.reg[0]), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(w.reg[1]), NO_ERROR);
    test_free(w.prefixes);
}

static void test_lpm_ipv4_sparse(void **state)
{
    static const struct config cfg = { "ipv4 sparse", 3200, 0, 6000, 8, 1, 6, 250, 0x1234, 0 };
    (void)state;
    run(&cfg);
}

/* One root, long prefixes: deep chains of nested prefixes. */
static void test_lpm_ipv4_dense(void **state)
{
    static const struct config cfg = { "ipv4 dense", 3201, 0, 4000, 1, 16, 6, 250, 0xBEEF, 0 };
    (void)state;
    run(&cfg);
}

static void test_lpm_ipv6_sparse(void **state)
{
    static const struct config cfg = { "ipv6 sparse", 3202, 1, 4000, 6, 1, 6, 250, 0x6666, 0 };
    (void)state;
    run(&cfg);
}

static void test_lpm_ipv6_dense(void **state)
{
    static const struct config cfg = { "ipv6 dense", 3203, 1, 4000, 2, 32, 6, 250, 0xD00D, 0 };
    (void)state;
    run(&cfg);
}

/* Big enough for the prefix table's longest-match directory (built at
 * 8192 prefixes, dropped when the table empties): the same checks with it. */
static void test_lpm_ipv4_directory(void **state)
{
    static const struct config cfg = { "ipv4 directory", 3204, 0, 32000, 8, 8, 3, 150, 0xD1,
                                       9000 };
    (void)state;
    run(&cfg);
}

static void test_lpm_ipv6_directory(void **state)
{
    static const struct config cfg = { "ipv6 directory", 3205, 1, 27000, 8, 16, 3, 150, 0xD2,
                                       9000 };
    (void)state;
    run(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lpm_ipv4_sparse),
        cmocka_unit_test(test_lpm_ipv4_dense),
        cmocka_unit_test(test_lpm_ipv6_sparse),
        cmocka_unit_test(test_lpm_ipv6_dense),
        cmocka_unit_test(test_lpm_ipv4_directory),
        cmocka_unit_test(test_lpm_ipv6_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
