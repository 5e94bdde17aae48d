/*
 * test_prefix_table.c - unit tests of the ordered prefix index
 * (src/index/prefix_table.c).
 *
 * An INTERNAL test: linked with the library's objects, it supplies its own
 * rtm_malloc / rtm_calloc / rtm_free (the platform.h allocator door) to
 * count live blocks and to inject allocation failures, so src/base/memory.c is
 * not used.
 *
 * First hand-written cases with exact expected keys (IPv4 and IPv6), then
 * the longest-match directory (prefix_dir.c) on its edge cases and under
 * failing allocations, then randomized runs with fixed seeds, with and
 * without the directory, checked against a brute-force reference (a plain
 * array scanned linearly, written bit by bit without the helpers under
 * test).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/platform.h"
#include "index/prefix_dir.h"
#include "index/prefix_table.h"

/* ------------------------------------------------------------------ */
/* Allocator with accounting and failure injection                      */
/* ------------------------------------------------------------------ */

static long g_live;        /* blocks allocated and not freed */
static long g_fail_after = -1; /* n >= 0: the allocation after n more succeeds fails */

void *rtm_malloc(size_t size)
{
    if (g_fail_after == 0) {
        g_fail_after = -1;
        return NULL;
    }
    if (g_fail_after > 0)
        g_fail_after--;
    void *p = malloc(size ? size : 1);
    if (p)
        g_live++;
    return p;
}

void *rtm_calloc(size_t count, size_t size)
{
    void *p = rtm_malloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void rtm_free(void *p)
{
    if (p)
        g_live--;
    free(p);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

#define A4(a, b, c, d) ((const uint8_t[16]){ (a), (b), (c), (d) })
#define G16(x) (uint8_t)((x) >> 8), (uint8_t)((x)&0xFF)
#define A6(a, b, c, d, e, f, g, h)                                                                 \
    ((const uint8_t[16]){ G16(a), G16(b), G16(c), G16(d), G16(e), G16(f), G16(g), G16(h) })

#define V(n) ((void *)(uintptr_t)(n)) /* distinct fake non-NULL values */

static int setup_counts(void **state)
{
    (void)state;
    g_live = 0;
    g_fail_after = -1;
    return 0;
}

static int teardown_counts(void **state)
{
    (void)state;
    g_fail_after = -1;
    /* every block the table took must be back */
    return g_live == 0 ? 0 : -1;
}

static void ins_ok(rtm_prefix_table *t, const uint8_t *a, unsigned len, void *v)
{
    assert_int_equal(rtm_prefix_table_insert(t, a, len, v, NULL), RTM_PT_OK);
    assert_int_equal(rtm_prefix_table_validate(t), 0);
}

/* Asserts that next(from, inclusive) yields exactly key/len and value v. */
static void expect_next(const rtm_prefix_table *t, const uint8_t *from, unsigned flen, int incl,
                        const uint8_t *key, unsigned klen, void *v)
{
    uint8_t out[16];
    unsigned olen = 999;
    memset(out, 0xEE, sizeof(out));
    void *got = rtm_prefix_table_next(t, from, flen, incl, out, &olen);
    assert_ptr_equal(got, v);
    if (!v)
        return;
    uint8_t want[16];
    rtm_prefix_canonicalize(want, key, klen, rtm_prefix_table_key_bytes(t));
    assert_int_equal(olen, klen);
    assert_memory_equal(out, want, rtm_prefix_table_key_bytes(t));
}

/* Walks the whole table and asserts the sequence of keys and values. */
struct exp_key {
    const uint8_t *a;
    unsigned len;
    void *v;
};

static void expect_walk(const rtm_prefix_table *t, const struct exp_key *e, size_t n)
{
    uint8_t key[16] = { 0 };
    unsigned klen = 0;
    int incl = 1;
    for (size_t i = 0; i < n; i++) {
        expect_next(t, key, klen, incl, e[i].a, e[i].len, e[i].v);
        rtm_prefix_canonicalize(key, e[i].a, e[i].len, sizeof(key));
        klen = e[i].len;
        incl = 0;
    }
    assert_null(rtm_prefix_table_next(t, key, klen, incl, NULL, NULL));
    assert_int_equal(rtm_prefix_table_count(t), n);
}

/* ------------------------------------------------------------------ */
/* Hand-written cases                                                   */
/* ------------------------------------------------------------------ */

static void test_create_args(void **state)
{
    (void)state;
    assert_null(rtm_prefix_table_create(0));
    assert_null(rtm_prefix_table_create(129));
    g_fail_after = 0;
    assert_null(rtm_prefix_table_create(32));
    rtm_prefix_table *t = rtm_prefix_table_create(128);
    assert_non_null(t);
    assert_int_equal(rtm_prefix_table_max_bits(t), 128);
    assert_int_equal(rtm_prefix_table_key_bytes(t), 16);
    rtm_prefix_table_destroy(t);
    t = rtm_prefix_table_create(20);
    assert_non_null(t);
    assert_int_equal(rtm_prefix_table_key_bytes(t), 3);
    rtm_prefix_table_destroy(t);
    rtm_prefix_table_destroy(NULL);
}

static void check_empty(unsigned bits)
{
    rtm_prefix_table *t = rtm_prefix_table_create(bits);
    assert_non_null(t);
    const uint8_t *a = A4(10, 0, 0, 1);
    assert_int_equal(rtm_prefix_table_count(t), 0);
    assert_true(rtm_prefix_table_memory_bytes(t) > 0);
    assert_null(rtm_prefix_table_find(t, a, bits));
    assert_null(rtm_prefix_table_find(t, NULL, 0));
    assert_null(rtm_prefix_table_longest_match(t, a, bits, NULL));
    assert_null(rtm_prefix_table_less_specific(t, a, bits, NULL));
    assert_null(rtm_prefix_table_next(t, NULL, 0, 1, NULL, NULL));
    assert_null(rtm_prefix_table_next(t, a, bits, 0, NULL, NULL));
    assert_null(rtm_prefix_table_remove(t, a, 8));
    assert_null(rtm_prefix_table_remove(t, NULL, 0));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    rtm_prefix_table_destroy(t);
}

static void test_empty(void **state)
{
    (void)state;
    check_empty(32);
    check_empty(128);
}

static void test_invalid_args(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    const uint8_t *a = A4(10, 0, 0, 0);
    assert_int_equal(rtm_prefix_table_insert(t, a, 33, V(1), NULL), RTM_PT_INVALID);
    assert_int_equal(rtm_prefix_table_insert(t, a, 8, NULL, NULL), RTM_PT_INVALID);
    assert_int_equal(rtm_prefix_table_insert(t, NULL, 8, V(1), NULL), RTM_PT_INVALID);
    assert_int_equal(rtm_prefix_table_count(t), 0);
    ins_ok(t, a, 8, V(1));
    assert_null(rtm_prefix_table_find(t, a, 33));
    assert_null(rtm_prefix_table_longest_match(t, a, 33, NULL));
    assert_null(rtm_prefix_table_less_specific(t, a, 33, NULL));
    assert_null(rtm_prefix_table_next(t, a, 33, 1, NULL, NULL));
    assert_null(rtm_prefix_table_remove(t, a, 33));
    assert_null(rtm_prefix_table_find(t, NULL, 8));
    assert_null(rtm_prefix_table_remove(t, NULL, 8));
    assert_int_equal(rtm_prefix_table_count(t), 1);
    assert_ptr_equal(rtm_prefix_table_remove(t, a, 8), V(1));
    rtm_prefix_table_destroy(t);
}

static void check_default_route(unsigned bits)
{
    rtm_prefix_table *t = rtm_prefix_table_create(bits);
    const uint8_t *any = A6(0xfe80, 0x1234, 0, 0, 0, 0, 0xabcd, 0xffff);
    unsigned ml = 999;
    uint8_t zero[16] = { 0 };

    ins_ok(t, NULL, 0, V(7));
    assert_int_equal(rtm_prefix_table_count(t), 1);
    assert_ptr_equal(rtm_prefix_table_find(t, NULL, 0), V(7));
    assert_ptr_equal(rtm_prefix_table_find(t, any, 0), V(7)); /* bits ignored */
    assert_null(rtm_prefix_table_find(t, zero, 1));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, any, bits, &ml), V(7));
    assert_int_equal(ml, 0);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, NULL, 0, &ml), V(7));
    assert_null(rtm_prefix_table_less_specific(t, NULL, 0, NULL));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, any, 8, &ml), V(7));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, any, 1, &ml), V(7));
    assert_int_equal(ml, 0);
    expect_next(t, NULL, 0, 1, zero, 0, V(7));
    expect_next(t, NULL, 0, 0, NULL, 0, NULL);
    expect_next(t, any, bits, 1, NULL, 0, NULL);

    /* a more specific below the default route */
    ins_ok(t, any, 8, V(8));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, any, bits, &ml), V(8));
    assert_int_equal(ml, 8);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, zero, bits, &ml), V(7));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, any, 7, &ml), V(7));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, any, 8, &ml), V(7));
    expect_next(t, NULL, 0, 0, any, 8, V(8));

    assert_ptr_equal(rtm_prefix_table_remove(t, zero, 0), V(7));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_null(rtm_prefix_table_longest_match(t, zero, bits, NULL));
    assert_null(rtm_prefix_table_less_specific(t, any, 8, NULL));
    assert_ptr_equal(rtm_prefix_table_remove(t, any, 8), V(8));
    assert_int_equal(rtm_prefix_table_count(t), 0);
    rtm_prefix_table_destroy(t);
}

static void test_default_route(void **state)
{
    (void)state;
    check_default_route(32);
    check_default_route(128);
}

static void test_host_routes(void **state)
{
    (void)state;
    unsigned ml;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    ins_ok(t, A4(192, 168, 1, 1), 32, V(1));
    ins_ok(t, A4(192, 168, 1, 0), 32, V(2));
    ins_ok(t, A4(255, 255, 255, 255), 32, V(3));
    ins_ok(t, A4(0, 0, 0, 0), 32, V(4));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(192, 168, 1, 1), 32), V(1));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(192, 168, 1, 0), 32), V(2));
    assert_null(rtm_prefix_table_find(t, A4(192, 168, 1, 0), 31)); /* branch point only */
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(192, 168, 1, 1), 32, &ml), V(1));
    assert_int_equal(ml, 32);
    assert_null(rtm_prefix_table_longest_match(t, A4(192, 168, 1, 2), 32, NULL));
    assert_null(rtm_prefix_table_longest_match(t, A4(192, 168, 1, 1), 31, NULL));
    assert_null(rtm_prefix_table_less_specific(t, A4(192, 168, 1, 1), 32, NULL));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(255, 255, 255, 255), 32, NULL), V(3));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(0, 0, 0, 0), 32, NULL), V(4));
    const struct exp_key w4[] = {
        { A4(0, 0, 0, 0), 32, V(4) },
        { A4(192, 168, 1, 0), 32, V(2) },
        { A4(192, 168, 1, 1), 32, V(1) },
        { A4(255, 255, 255, 255), 32, V(3) },
    };
    expect_walk(t, w4, 4);
    rtm_prefix_table_destroy(t);

    t = rtm_prefix_table_create(128);
    const uint8_t *h1 = A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    const uint8_t *h2 = A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);
    const uint8_t *hf = A6(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff);
    ins_ok(t, h2, 128, V(2));
    ins_ok(t, h1, 128, V(1));
    ins_ok(t, hf, 128, V(3));
    assert_ptr_equal(rtm_prefix_table_find(t, h1, 128), V(1));
    assert_null(rtm_prefix_table_find(t, h1, 127));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, h2, 128, &ml), V(2));
    assert_int_equal(ml, 128);
    assert_null(rtm_prefix_table_longest_match(t, A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 3), 128, NULL));
    assert_null(rtm_prefix_table_less_specific(t, h1, 128, NULL));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, hf, 128, NULL), V(3));
    const struct exp_key w6[] = {
        { h1, 128, V(1) },
        { h2, 128, V(2) },
        { hf, 128, V(3) },
    };
    expect_walk(t, w6, 3);
    rtm_prefix_table_destroy(t);
}

static void test_nested_v4(void **state)
{
    (void)state;
    unsigned ml = 999;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    /* inserted out of order on purpose: leaf first, then covers */
    ins_ok(t, A4(10, 0, 0, 1), 32, V(32));
    ins_ok(t, A4(10, 0, 0, 0), 16, V(16));
    ins_ok(t, A4(11, 0, 0, 0), 8, V(11));
    ins_ok(t, A4(10, 0, 0, 0), 8, V(8));
    ins_ok(t, A4(10, 0, 0, 0), 24, V(24));
    ins_ok(t, A4(10, 1, 0, 0), 16, V(101));
    assert_int_equal(rtm_prefix_table_count(t), 6);

    /* exact */
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 8), V(8));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 16), V(16));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 24), V(24));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 0, 0, 1), 32), V(32));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 1, 0, 0), 16), V(101));
    assert_null(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 12));
    assert_null(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 32));
    assert_null(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 15)); /* branch 10.0/15 */
    assert_null(rtm_prefix_table_find(t, A4(12, 0, 0, 0), 8));

    /* longest match, full width */
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 1), 32, &ml), V(32));
    assert_int_equal(ml, 32);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 2), 32, &ml), V(24));
    assert_int_equal(ml, 24);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 1, 1), 32, &ml), V(16));
    assert_int_equal(ml, 16);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 1, 200, 1), 32, &ml), V(101));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 2, 0, 0), 32, &ml), V(8));
    assert_int_equal(ml, 8);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(11, 9, 9, 9), 32, &ml), V(11));
    assert_null(rtm_prefix_table_longest_match(t, A4(12, 0, 0, 0), 32, NULL));
    assert_null(rtm_prefix_table_longest_match(t, A4(9, 255, 255, 255), 32, NULL));
    /* longest match with a shorter query length */
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 1), 24, &ml), V(24));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 1), 31, &ml), V(24));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 1), 20, &ml), V(16));
    assert_int_equal(ml, 16);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 1), 15, &ml), V(8));
    assert_null(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 1), 7, NULL));

    /* less specific */
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 1), 32, &ml), V(24));
    assert_int_equal(ml, 24);
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 0), 24, &ml), V(16));
    assert_int_equal(ml, 16);
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 0), 16, &ml), V(8));
    assert_int_equal(ml, 8);
    assert_null(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 0), 8, NULL));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 1, 0, 0), 16, &ml), V(8));
    /* of prefixes that are not stored */
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 16), 28, &ml), V(24));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 1), 25, &ml), V(24));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 7, 0, 0), 16, &ml), V(8));
    assert_null(rtm_prefix_table_less_specific(t, A4(11, 0, 0, 0), 8, NULL));

    const struct exp_key w[] = {
        { A4(10, 0, 0, 0), 8, V(8) },   { A4(10, 0, 0, 0), 16, V(16) },
        { A4(10, 0, 0, 0), 24, V(24) }, { A4(10, 0, 0, 1), 32, V(32) },
        { A4(10, 1, 0, 0), 16, V(101) }, { A4(11, 0, 0, 0), 8, V(11) },
    };
    expect_walk(t, w, 6);

    /* adding the default route puts it first */
    ins_ok(t, NULL, 0, V(1));
    expect_next(t, NULL, 0, 1, A4(0, 0, 0, 0), 0, V(1));
    expect_next(t, NULL, 0, 0, A4(10, 0, 0, 0), 8, V(8));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 0), 8, &ml), V(1));
    assert_int_equal(ml, 0);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(12, 0, 0, 0), 32, &ml), V(1));
    rtm_prefix_table_destroy(t);
}

static void test_nested_v6(void **state)
{
    (void)state;
    unsigned ml = 999;
    rtm_prefix_table *t = rtm_prefix_table_create(128);
    const uint8_t *p32 = A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0);
    const uint8_t *p48 = A6(0x2001, 0xdb8, 0x1, 0, 0, 0, 0, 0);
    const uint8_t *p64 = A6(0x2001, 0xdb8, 0x1, 0x2, 0, 0, 0, 0);
    const uint8_t *h = A6(0x2001, 0xdb8, 0x1, 0x2, 0, 0, 0, 0x10);
    const uint8_t *o48 = A6(0x2001, 0xdb8, 0xff00, 0, 0, 0, 0, 0);
    const uint8_t *other = A6(0x2a00, 0, 0, 0, 0, 0, 0, 0);

    ins_ok(t, h, 128, V(128));
    ins_ok(t, p48, 48, V(48));
    ins_ok(t, other, 12, V(12));
    ins_ok(t, p32, 32, V(32));
    ins_ok(t, p64, 64, V(64));
    ins_ok(t, o48, 48, V(49));

    assert_ptr_equal(rtm_prefix_table_find(t, p64, 64), V(64));
    assert_ptr_equal(rtm_prefix_table_find(t, h, 128), V(128));
    assert_null(rtm_prefix_table_find(t, p64, 63));
    assert_null(rtm_prefix_table_find(t, p64, 65));

    assert_ptr_equal(rtm_prefix_table_longest_match(t, h, 128, &ml), V(128));
    assert_int_equal(ml, 128);
    assert_ptr_equal(
        rtm_prefix_table_longest_match(t, A6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 6), 128, &ml), V(64));
    assert_int_equal(ml, 64);
    assert_ptr_equal(
        rtm_prefix_table_longest_match(t, A6(0x2001, 0xdb8, 1, 3, 0, 0, 0, 0), 128, &ml), V(48));
    assert_ptr_equal(
        rtm_prefix_table_longest_match(t, A6(0x2001, 0xdb8, 2, 0, 0, 0, 0, 1), 128, &ml), V(32));
    assert_ptr_equal(
        rtm_prefix_table_longest_match(t, A6(0x2001, 0xdb8, 0xff00, 9, 0, 0, 0, 1), 128, &ml),
        V(49));
    assert_ptr_equal(
        rtm_prefix_table_longest_match(t, A6(0x2a0f, 1, 0, 0, 0, 0, 0, 1), 128, &ml), V(12));
    assert_int_equal(ml, 12);
    assert_null(rtm_prefix_table_longest_match(t, A6(0x2a10, 0, 0, 0, 0, 0, 0, 1), 128, NULL));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, h, 100, &ml), V(64));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, h, 64, &ml), V(64));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, h, 63, &ml), V(48));

    assert_ptr_equal(rtm_prefix_table_less_specific(t, h, 128, &ml), V(64));
    assert_int_equal(ml, 64);
    assert_ptr_equal(rtm_prefix_table_less_specific(t, p64, 64, &ml), V(48));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, p48, 48, &ml), V(32));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, o48, 48, &ml), V(32));
    assert_null(rtm_prefix_table_less_specific(t, p32, 32, NULL));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, p64, 96, &ml), V(64));

    const struct exp_key w[] = {
        { p32, 32, V(32) }, { p48, 48, V(48) },  { p64, 64, V(64) },
        { h, 128, V(128) }, { o48, 48, V(49) }, { other, 12, V(12) },
    };
    expect_walk(t, w, 6);
    rtm_prefix_table_destroy(t);
}

static void test_noncanonical(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    void *ex = NULL;
    ins_ok(t, A4(10, 1, 2, 3), 8, V(8));
    ins_ok(t, A4(10, 1, 2, 3), 20, V(20)); /* = 10.1.0.0/20 */
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 8), V(8));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 99, 99, 99), 8), V(8));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 1, 0, 0), 20), V(20));
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 1, 15, 255), 20), V(20));
    assert_null(rtm_prefix_table_find(t, A4(10, 1, 16, 0), 20));
    assert_int_equal(rtm_prefix_table_insert(t, A4(10, 255, 0, 0), 8, V(99), &ex), RTM_PT_EXISTS);
    assert_ptr_equal(ex, V(8));
    const struct exp_key w[] = {
        { A4(10, 0, 0, 0), 8, V(8) },
        { A4(10, 1, 0, 0), 20, V(20) },
    };
    expect_walk(t, w, 2);
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 1, 7, 7), 20), V(20));
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 7, 7, 7), 8), V(8));

    /* the helper */
    uint8_t buf[4];
    rtm_prefix_canonicalize(buf, A4(10, 1, 2, 3), 12, 4);
    assert_memory_equal(buf, A4(10, 0, 0, 0), 4);
    rtm_prefix_canonicalize(buf, A4(10, 0xff, 2, 3), 12, 4);
    assert_memory_equal(buf, A4(10, 0xf0, 0, 0), 4);
    rtm_prefix_canonicalize(buf, A4(1, 2, 3, 4), 32, 4);
    assert_memory_equal(buf, A4(1, 2, 3, 4), 4);
    rtm_prefix_canonicalize(buf, NULL, 0, 4);
    assert_memory_equal(buf, A4(0, 0, 0, 0), 4);
    memcpy(buf, A4(0xff, 0xff, 0xff, 0xff), 4);
    rtm_prefix_canonicalize(buf, buf, 9, 4); /* in place */
    assert_memory_equal(buf, A4(0xff, 0x80, 0, 0), 4);
    rtm_prefix_table_destroy(t);
}

static void test_duplicate(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(128);
    const uint8_t *p = A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0);
    void *ex = NULL;
    ins_ok(t, p, 32, V(1));
    ins_ok(t, p, 48, V(2));
    size_t mem = rtm_prefix_table_memory_bytes(t);
    assert_int_equal(rtm_prefix_table_insert(t, p, 32, V(3), &ex), RTM_PT_EXISTS);
    assert_ptr_equal(ex, V(1));
    assert_int_equal(rtm_prefix_table_insert(t, p, 48, V(3), NULL), RTM_PT_EXISTS);
    assert_int_equal(rtm_prefix_table_count(t), 2);
    assert_int_equal(rtm_prefix_table_memory_bytes(t), mem);
    assert_ptr_equal(rtm_prefix_table_find(t, p, 32), V(1));
    assert_ptr_equal(rtm_prefix_table_find(t, p, 48), V(2));

    /* a branch point turned into a prefix is not a duplicate */
    ins_ok(t, A6(0x2001, 0xdb9, 0, 0, 0, 0, 0, 0), 32, V(4)); /* branch at /31 */
    mem = rtm_prefix_table_memory_bytes(t);
    assert_null(rtm_prefix_table_find(t, p, 31));
    ins_ok(t, p, 31, V(5));
    assert_int_equal(rtm_prefix_table_memory_bytes(t), mem); /* reused the node */
    assert_int_equal(rtm_prefix_table_insert(t, p, 31, V(6), &ex), RTM_PT_EXISTS);
    assert_ptr_equal(ex, V(5));
    rtm_prefix_table_destroy(t);
}

static void test_remove_shapes(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    size_t empty_mem = rtm_prefix_table_memory_bytes(t);
    ins_ok(t, A4(10, 0, 0, 0), 8, V(8));
    ins_ok(t, A4(10, 0, 0, 0), 16, V(16));
    ins_ok(t, A4(10, 0, 0, 0), 24, V(24));
    ins_ok(t, A4(10, 0, 0, 1), 32, V(32));
    ins_ok(t, A4(10, 0, 1, 0), 24, V(124)); /* branch 10.0.0/23 under /16 */
    ins_ok(t, A4(10, 128, 0, 0), 16, V(128));
    size_t mem6 = rtm_prefix_table_memory_bytes(t);

    /* not stored: nothing happens */
    assert_null(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 23)); /* a branch point */
    assert_null(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 12));
    assert_null(rtm_prefix_table_remove(t, A4(10, 0, 0, 2), 32));
    assert_null(rtm_prefix_table_remove(t, A4(11, 0, 0, 0), 8));
    assert_int_equal(rtm_prefix_table_memory_bytes(t), mem6);
    assert_int_equal(rtm_prefix_table_count(t), 6);

    /* middle node with two children (10/8 over 10.0/16 and 10.128/16):
     * becomes a branch point, frees nothing */
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 8), V(8));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_int_equal(rtm_prefix_table_memory_bytes(t), mem6);
    assert_null(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 8));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 9, 9), 32, NULL), V(16));
    assert_null(rtm_prefix_table_longest_match(t, A4(10, 9, 9, 9), 32, NULL));
    assert_null(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 0), 16, NULL));

    /* middle node with one child (10.0.0/24 over the /32): spliced out */
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 24), V(24));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_int_equal(rtm_prefix_table_memory_bytes(t), mem6); /* back to the pool */
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 1), 32, NULL), V(32));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 2), 32, NULL), V(16));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 1), 32, NULL), V(16));

    /* leaf under a branch point (10.0.1/24 under 10.0.0/23): the leaf and
     * the branch point both go */
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 0, 1, 0), 24), V(124));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_int_equal(rtm_prefix_table_memory_bytes(t), mem6);
    const struct exp_key w1[] = {
        { A4(10, 0, 0, 0), 16, V(16) },
        { A4(10, 0, 0, 1), 32, V(32) },
        { A4(10, 128, 0, 0), 16, V(128) },
    };
    expect_walk(t, w1, 3);

    /* leaf whose parent holds a value: parent stays */
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 0, 0, 1), 32), V(32));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_ptr_equal(rtm_prefix_table_find(t, A4(10, 0, 0, 0), 16), V(16));

    /* leaf child of the (branch point) root: root goes too */
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 128, 0, 0), 16), V(128));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    const struct exp_key w2[] = { { A4(10, 0, 0, 0), 16, V(16) } };
    expect_walk(t, w2, 1);

    /* root with a value and one child */
    ins_ok(t, A4(10, 0, 0, 0), 20, V(20));
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 16), V(16));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 9), 32, NULL), V(20));
    /* last one */
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 20), V(20));
    assert_null(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 20));
    assert_int_equal(rtm_prefix_table_count(t), 0);
    assert_int_equal(rtm_prefix_table_memory_bytes(t), empty_mem);
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    rtm_prefix_table_destroy(t);
}

static void test_next_unstored(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    ins_ok(t, A4(10, 0, 0, 0), 8, V(8));
    ins_ok(t, A4(10, 0, 0, 0), 16, V(16));
    ins_ok(t, A4(10, 1, 0, 0), 16, V(101));
    ins_ok(t, A4(11, 0, 0, 0), 8, V(11));
    ins_ok(t, A4(11, 128, 0, 0), 9, V(119));

    /* before everything */
    expect_next(t, NULL, 0, 0, A4(10, 0, 0, 0), 8, V(8));
    expect_next(t, A4(9, 255, 255, 255), 32, 1, A4(10, 0, 0, 0), 8, V(8));
    expect_next(t, A4(10, 0, 0, 0), 7, 0, A4(10, 0, 0, 0), 8, V(8)); /* 10/7 < 10/8 */
    /* stored keys, both modes */
    expect_next(t, A4(10, 0, 0, 0), 8, 1, A4(10, 0, 0, 0), 8, V(8));
    expect_next(t, A4(10, 0, 0, 0), 8, 0, A4(10, 0, 0, 0), 16, V(16));
    /* between stored keys */
    expect_next(t, A4(10, 0, 0, 0), 12, 1, A4(10, 0, 0, 0), 16, V(16));
    expect_next(t, A4(10, 0, 0, 0), 15, 0, A4(10, 0, 0, 0), 16, V(16)); /* a branch point */
    expect_next(t, A4(10, 0, 5, 0), 24, 1, A4(10, 1, 0, 0), 16, V(101));
    expect_next(t, A4(10, 0, 255, 255), 32, 0, A4(10, 1, 0, 0), 16, V(101));
    expect_next(t, A4(10, 1, 0, 0), 17, 1, A4(11, 0, 0, 0), 8, V(11));
    expect_next(t, A4(10, 200, 0, 0), 16, 1, A4(11, 0, 0, 0), 8, V(11));
    expect_next(t, A4(11, 0, 0, 0), 8, 0, A4(11, 128, 0, 0), 9, V(119));
    expect_next(t, A4(11, 0, 0, 0), 9, 0, A4(11, 128, 0, 0), 9, V(119));
    expect_next(t, A4(11, 127, 255, 255), 32, 0, A4(11, 128, 0, 0), 9, V(119));
    /* after everything */
    expect_next(t, A4(11, 128, 0, 0), 9, 0, NULL, 0, NULL);
    expect_next(t, A4(11, 128, 0, 0), 10, 1, NULL, 0, NULL);
    expect_next(t, A4(12, 0, 0, 0), 8, 1, NULL, 0, NULL);
    expect_next(t, A4(255, 255, 255, 255), 32, 1, NULL, 0, NULL);

    /* resume after the current prefix is removed */
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 0, 0, 0), 16), V(16));
    expect_next(t, A4(10, 0, 0, 0), 16, 0, A4(10, 1, 0, 0), 16, V(101));
    expect_next(t, A4(10, 0, 0, 0), 16, 1, A4(10, 1, 0, 0), 16, V(101));
    assert_ptr_equal(rtm_prefix_table_remove(t, A4(10, 1, 0, 0), 16), V(101));
    expect_next(t, A4(10, 1, 0, 0), 16, 0, A4(11, 0, 0, 0), 8, V(11));

    /* outputs may alias the input key */
    uint8_t k[4] = { 10, 0, 0, 0 };
    unsigned kl = 8;
    assert_ptr_equal(rtm_prefix_table_next(t, k, kl, 0, k, &kl), V(11));
    assert_memory_equal(k, A4(11, 0, 0, 0), 4);
    assert_int_equal(kl, 8);
    rtm_prefix_table_destroy(t);
}

static void test_range(void **state)
{
    (void)state;
    /* the helpers */
    assert_true(rtm_prefix_covers(A4(10, 0, 0, 0), 8, A4(10, 1, 2, 3), 32));
    assert_true(rtm_prefix_covers(A4(10, 0, 0, 0), 8, A4(10, 9, 9, 9), 8));
    assert_true(rtm_prefix_covers(NULL, 0, A4(1, 2, 3, 4), 32));
    assert_true(rtm_prefix_covers(NULL, 0, NULL, 0));
    assert_false(rtm_prefix_covers(A4(10, 0, 0, 0), 8, A4(10, 0, 0, 0), 7));
    assert_false(rtm_prefix_covers(A4(10, 0, 0, 0), 8, A4(11, 0, 0, 0), 16));
    assert_true(rtm_prefix_covers(A4(10, 0x80, 0, 0), 9, A4(10, 0xff, 0, 0), 16));
    assert_false(rtm_prefix_covers(A4(10, 0x80, 0, 0), 9, A4(10, 0x7f, 0, 0), 16));
    assert_true(rtm_prefix_compare(A4(10, 0, 0, 0), 8, A4(10, 0, 0, 0), 16) < 0);
    assert_true(rtm_prefix_compare(A4(10, 0, 0, 0), 16, A4(10, 0, 0, 0), 8) > 0);
    assert_true(rtm_prefix_compare(A4(10, 9, 0, 0), 8, A4(10, 0, 0, 0), 8) == 0);
    assert_true(rtm_prefix_compare(A4(10, 0, 0, 0), 24, A4(10, 1, 0, 0), 16) < 0);
    assert_true(rtm_prefix_compare(NULL, 0, A4(0, 0, 0, 0), 1) < 0);
    assert_true(rtm_prefix_compare(A4(11, 0, 0, 0), 8, A4(10, 255, 0, 0), 16) > 0);

    rtm_prefix_table *t = rtm_prefix_table_create(32);
    ins_ok(t, NULL, 0, V(1));
    ins_ok(t, A4(9, 0, 0, 0), 8, V(9));
    ins_ok(t, A4(10, 0, 0, 0), 16, V(16));
    ins_ok(t, A4(10, 0, 0, 0), 24, V(24));
    ins_ok(t, A4(10, 200, 0, 0), 16, V(200));
    ins_ok(t, A4(11, 0, 0, 0), 8, V(11));

    /* RTM_ENUM_RANGE over 10/8, which itself is not stored */
    const uint8_t *r = A4(10, 0, 0, 0);
    void *want[] = { V(16), V(24), V(200) };
    uint8_t key[4];
    unsigned klen, n = 0;
    void *v = rtm_prefix_table_next(t, r, 8, 1, key, &klen);
    while (v && rtm_prefix_covers(r, 8, key, klen)) {
        assert_true(n < 3);
        assert_ptr_equal(v, want[n]);
        n++;
        v = rtm_prefix_table_next(t, key, klen, 0, key, &klen);
    }
    assert_int_equal(n, 3);
    assert_ptr_equal(v, V(11));
    rtm_prefix_table_destroy(t);
}

/* A hash of the whole table: every key, length and value, in order. */
static uint64_t walk_sig(const rtm_prefix_table *t)
{
    uint64_t h = 1469598103934665603ull;
    uint8_t key[16] = { 0 };
    unsigned kl = 0;
    for (void *v = rtm_prefix_table_next(t, NULL, 0, 1, key, &kl); v;
         v = rtm_prefix_table_next(t, key, kl, 0, key, &kl)) {
        for (unsigned i = 0; i < rtm_prefix_table_key_bytes(t); i++)
            h = (h ^ key[i]) * 1099511628211ull;
        h = (h ^ kl) * 1099511628211ull;
        h = (h ^ (uintptr_t)v) * 1099511628211ull;
    }
    return h;
}

/*
 * Inserts a/len failing the first, second, ... allocation in turn until it
 * succeeds; asserts that every RTM_PT_NOMEM left the table exactly as it
 * was (contents, memory, live blocks). @return the allocations it needed.
 */
static int insert_failing(rtm_prefix_table *t, const uint8_t *a, unsigned len, void *v)
{
    size_t count = rtm_prefix_table_count(t), mem = rtm_prefix_table_memory_bytes(t);
    long live = g_live;
    uint64_t sig = walk_sig(t);
    for (int k = 0;; k++) {
        g_fail_after = k;
        int rc = rtm_prefix_table_insert(t, a, len, v, NULL);
        g_fail_after = -1;
        if (rc == RTM_PT_OK) {
            assert_int_equal(rtm_prefix_table_validate(t), 0);
            return k;
        }
        assert_int_equal(rc, RTM_PT_NOMEM);
        assert_int_equal(rtm_prefix_table_validate(t), 0);
        assert_int_equal(rtm_prefix_table_count(t), count);
        assert_int_equal(rtm_prefix_table_memory_bytes(t), mem);
        assert_int_equal(g_live, live);
        assert_true(walk_sig(t) == sig);
        assert_null(rtm_prefix_table_find(t, a, len));
    }
}

/* Removes a/len with every allocation failing: removal must not need one. */
static void remove_no_alloc(rtm_prefix_table *t, const uint8_t *a, unsigned len, void *v)
{
    g_fail_after = 0;
    assert_ptr_equal(rtm_prefix_table_remove(t, a, len), v);
    assert_int_equal(g_fail_after, 0); /* nothing was asked for */
    g_fail_after = -1;
    assert_int_equal(rtm_prefix_table_validate(t), 0);
}

/* Nonzero if the table has built its longest-match directory. */
static int has_dir(const rtm_prefix_table *t)
{
    return t->dir != NULL;
}

static void test_oom(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    /* the first node needs the block array and a block */
    assert_int_equal(insert_failing(t, A4(10, 0, 0, 0), 8, V(8)), 2);
    /* below it: 10/8 becomes an inner prefix, its value moves to a cell */
    assert_int_equal(insert_failing(t, A4(10, 0, 0, 0), 16, V(16)), 2);

    /* every shape of insert fails cleanly: those that need no pool block
     * need nothing at all */
    struct {
        const uint8_t *a;
        unsigned len;
    } cases[] = {
        { A4(10, 0, 0, 0), 24 },  /* new leaf below a leaf */
        { A4(10, 0, 0, 0), 12 },  /* new node above an existing one */
        { A4(10, 1, 0, 0), 16 },  /* leaf + branch point 10.0/15 */
        { A4(10, 128, 0, 0), 16 }, /* leaf in the free child slot */
        { A4(12, 0, 0, 0), 8 },   /* leaf + branch point at the root */
        { NULL, 0 },              /* new root */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t mem = rtm_prefix_table_memory_bytes(t);
        assert_int_equal(insert_failing(t, cases[i].a, cases[i].len, V(99)), 0);
        remove_no_alloc(t, cases[i].a, cases[i].len, V(99));
        assert_int_equal(rtm_prefix_table_memory_bytes(t), mem);
    }

    /* growing the pool: a block now and then, and the block array twice */
    int blocks = 0, two = 0;
    for (unsigned i = 0; i < 1500; i++) {
        int k = insert_failing(t, A4(20 + i / 256, i % 256, 0, 0), 16, V(1000 + i));
        blocks += k > 0;
        two += k == 2;
        assert_true(k <= 2);
    }
    assert_true(blocks >= 10); /* 3000 nodes at 256 a block */
    assert_int_equal(two, 2);  /* block array 4 -> 8 -> 16 */
    for (unsigned i = 0; i < 1500; i++)
        remove_no_alloc(t, A4(20 + i / 256, i % 256, 0, 0), 16, V(1000 + i));

    /* turning a branch point into a prefix needs no memory */
    ins_ok(t, A4(10, 128, 0, 0), 16, V(128)); /* second child of 10/8 */
    ins_ok(t, A4(10, 64, 0, 0), 16, V(64));   /* branch point 10.0/9 over 10.0/16 */
    g_fail_after = 0;
    assert_int_equal(rtm_prefix_table_insert(t, A4(10, 0, 0, 0), 9, V(9), NULL), RTM_PT_OK);
    g_fail_after = -1;
    /* a duplicate needs none either */
    g_fail_after = 0;
    assert_int_equal(rtm_prefix_table_insert(t, A4(10, 0, 0, 0), 9, V(9), NULL), RTM_PT_EXISTS);
    g_fail_after = -1;
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    rtm_prefix_table_destroy(t);
}

/* Longest match of a full-width address: value and length. */
static void expect_lpm(const rtm_prefix_table *t, const uint8_t *a, void *v, unsigned len)
{
    unsigned ml = 999;
    assert_ptr_equal(rtm_prefix_table_longest_match(t, a, rtm_prefix_table_max_bits(t), &ml), v);
    if (v)
        assert_int_equal(ml, len);
}

/* The directory of an IPv4 table: slot defaults from short prefixes,
 * intervals from 17..32-bit ones, both ends of a slot, and the fallback
 * to the trie for a prefix query shorter than the directory's answer. */
static void test_dir_v4(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    assert_int_equal(rtm_prefix_table_set_dir_min(t, 1), 0);
    assert_false(has_dir(t));
    ins_ok(t, NULL, 0, V(1));
    assert_true(has_dir(t));
    ins_ok(t, A4(10, 0, 0, 0), 8, V(2));
    ins_ok(t, A4(10, 0, 0, 0), 16, V(3));
    ins_ok(t, A4(10, 0, 0, 0), 17, V(4));
    ins_ok(t, A4(10, 0, 255, 255), 32, V(5)); /* last point of the slot */
    ins_ok(t, A4(10, 0, 0, 0), 32, V(6));     /* first point */
    ins_ok(t, A4(10, 0, 128, 0), 17, V(7));
    ins_ok(t, A4(10, 0, 64, 0), 24, V(8));
    ins_ok(t, A4(10, 0, 64, 0), 18, V(9));    /* between /17 and /24 */

    expect_lpm(t, A4(10, 0, 0, 0), V(6), 32);
    expect_lpm(t, A4(10, 0, 0, 1), V(4), 17);
    expect_lpm(t, A4(10, 0, 64, 7), V(8), 24);
    expect_lpm(t, A4(10, 0, 65, 7), V(9), 18);
    expect_lpm(t, A4(10, 0, 127, 255), V(9), 18);
    expect_lpm(t, A4(10, 0, 128, 0), V(7), 17);
    expect_lpm(t, A4(10, 0, 255, 254), V(7), 17);
    expect_lpm(t, A4(10, 0, 255, 255), V(5), 32);
    expect_lpm(t, A4(10, 1, 0, 0), V(2), 8);
    expect_lpm(t, A4(10, 255, 255, 255), V(2), 8);
    expect_lpm(t, A4(11, 0, 0, 0), V(1), 0);
    expect_lpm(t, A4(9, 255, 255, 255), V(1), 0);
    /* prefix queries: the directory's /32 or /24 is too long for them */
    unsigned ml;
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 0), 17, &ml), V(4));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 64, 0), 20, &ml), V(9));
    assert_ptr_equal(rtm_prefix_table_longest_match(t, A4(10, 0, 0, 0), 12, &ml), V(2));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 0, 0), 32, &ml), V(4));
    assert_ptr_equal(rtm_prefix_table_less_specific(t, A4(10, 0, 64, 0), 24, &ml), V(9));

    /* removals hand the points back to the next shorter prefix */
    remove_no_alloc(t, A4(10, 0, 64, 0), 18, V(9));
    expect_lpm(t, A4(10, 0, 65, 7), V(4), 17);
    expect_lpm(t, A4(10, 0, 64, 7), V(8), 24);
    remove_no_alloc(t, A4(10, 0, 0, 0), 17, V(4));
    expect_lpm(t, A4(10, 0, 0, 1), V(3), 16);
    expect_lpm(t, A4(10, 0, 0, 0), V(6), 32);
    remove_no_alloc(t, A4(10, 0, 0, 0), 16, V(3));
    expect_lpm(t, A4(10, 0, 0, 1), V(2), 8);
    remove_no_alloc(t, A4(10, 0, 0, 0), 8, V(2));
    expect_lpm(t, A4(10, 0, 0, 1), V(1), 0);
    expect_lpm(t, A4(10, 0, 255, 255), V(5), 32);
    /* the last long prefixes of the slot go: its chunk goes (validate) */
    remove_no_alloc(t, A4(10, 0, 255, 255), 32, V(5));
    remove_no_alloc(t, A4(10, 0, 0, 0), 32, V(6));
    remove_no_alloc(t, A4(10, 0, 128, 0), 17, V(7));
    remove_no_alloc(t, A4(10, 0, 64, 0), 24, V(8));
    expect_lpm(t, A4(10, 0, 64, 7), V(1), 0);
    /* empty: directory and pool are released */
    remove_no_alloc(t, NULL, 0, V(1));
    assert_false(has_dir(t));
    assert_int_equal(g_live, 1);
    expect_lpm(t, A4(10, 0, 64, 7), NULL, 0);
    rtm_prefix_table_destroy(t);
}

/* The directory of an IPv6 table: 32-bit regions holding longer prefixes
 * continue in the trie, with and without a /32 of their own, at both ends
 * of a slot. */
static void test_dir_v6(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(128);
    assert_int_equal(rtm_prefix_table_set_dir_min(t, 1), 0);
    ins_ok(t, A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, V(1));
    ins_ok(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0), 48, V(2));
    ins_ok(t, A6(0x2001, 0xffff, 0xab, 0, 0, 0, 0, 0), 48, V(3)); /* last region */
    ins_ok(t, A6(0x2001, 0, 0, 0, 0, 0, 0, 0), 64, V(4));         /* first region */
    ins_ok(t, A6(0x2000, 0, 0, 0, 0, 0, 0, 0), 12, V(5));
    ins_ok(t, A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 31, V(6));
    ins_ok(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 1), 128, V(7));

    expect_lpm(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 1), V(7), 128);
    expect_lpm(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 2), V(2), 48);
    expect_lpm(t, A6(0x2001, 0xdb8, 2, 0, 0, 0, 0, 1), V(1), 32);
    expect_lpm(t, A6(0x2001, 0xdb9, 2, 0, 0, 0, 0, 1), V(6), 31);
    expect_lpm(t, A6(0x2001, 0xffff, 0xab, 0, 0, 0, 0, 9), V(3), 48);
    expect_lpm(t, A6(0x2001, 0xffff, 0xac, 0, 0, 0, 0, 9), V(5), 12);
    expect_lpm(t, A6(0x2001, 0, 0, 1, 0, 0, 0, 0), V(5), 12);
    expect_lpm(t, A6(0x2001, 0, 0, 0, 0, 0, 0, 9), V(4), 64);
    expect_lpm(t, A6(0x3001, 0, 0, 0, 0, 0, 0, 9), NULL, 0);

    /* the /32 with one child is spliced out: the region continues at the
     * child */
    remove_no_alloc(t, A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, V(1));
    expect_lpm(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 2), V(2), 48);
    expect_lpm(t, A6(0x2001, 0xdb8, 2, 0, 0, 0, 0, 1), V(6), 31);
    remove_no_alloc(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0), 48, V(2));
    expect_lpm(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 1), V(7), 128);
    expect_lpm(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 2), V(6), 31);
    assert_int_equal(insert_failing(t, A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, V(1)), 0);
    expect_lpm(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 2), V(1), 32);
    remove_no_alloc(t, A6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 1), 128, V(7));
    remove_no_alloc(t, A6(0x2001, 0xffff, 0xab, 0, 0, 0, 0, 0), 48, V(3));
    remove_no_alloc(t, A6(0x2001, 0, 0, 0, 0, 0, 0, 0), 64, V(4));
    remove_no_alloc(t, A6(0x2000, 0, 0, 0, 0, 0, 0, 0), 12, V(5));
    remove_no_alloc(t, A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 31, V(6));
    assert_true(has_dir(t));
    remove_no_alloc(t, A6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, V(1));
    assert_false(has_dir(t));
    assert_int_equal(g_live, 1);
    rtm_prefix_table_destroy(t);
}

/* Inserts with the directory fail cleanly at every allocation (chunks are
 * created and grown), and removals never allocate. */
static void check_dir_oom(unsigned bits, uint64_t seed)
{
    enum { N = 200 };
    rtm_prefix_table *t = rtm_prefix_table_create(bits);
    assert_int_equal(rtm_prefix_table_set_dir_min(t, 1), 0);
    ins_ok(t, A4(0x21, 0, 0, 0), 8, V(1000)); /* with memory: builds the directory */
    assert_true(has_dir(t));
    static uint8_t keys[N][16];
    unsigned lens[N];
    unsigned n = 0, allocating = 0;
    uint64_t x = seed;
    while (n < N) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        uint8_t *a = keys[n];
        memset(a, 0, 16);
        a[0] = (uint8_t)(0x20 + (x >> 61)); /* 8 slots of 16 bits: crowded */
        a[1] = 1;
        a[2] = (uint8_t)(x >> 44);
        a[3] = (uint8_t)(x >> 36);
        a[4] = (uint8_t)(x >> 28);
        a[5] = (uint8_t)(x >> 20);
        unsigned len = 16 + (unsigned)(x >> 8) % (bits == 32 ? 17 : 49);
        if (rtm_prefix_table_find(t, a, len))
            continue;
        allocating += insert_failing(t, a, len, V(n + 1)) > 0;
        lens[n++] = len;
    }
    assert_true(allocating >= 16); /* chunk creations and growths */
    for (unsigned i = 0; i < n; i++)
        remove_no_alloc(t, keys[i], lens[i], V(i + 1));
    remove_no_alloc(t, A4(0x21, 0, 0, 0), 8, V(1000));
    assert_false(has_dir(t));
    assert_int_equal(g_live, 1);
    rtm_prefix_table_destroy(t);
}

static void test_dir_oom(void **state)
{
    (void)state;
    check_dir_oom(32, 11);
    check_dir_oom(128, 12);
}

/* Building the directory fails cleanly at every allocation: the table
 * works on without it and builds it later. */
static void test_dir_build_oom(void **state)
{
    (void)state;
    rtm_prefix_table *t = rtm_prefix_table_create(32);
    for (unsigned i = 0; i < 40; i++)
        ins_ok(t, A4(10, i % 4, i, 0), 24 + i % 9, V(i + 1));
    assert_false(has_dir(t));
    size_t mem = rtm_prefix_table_memory_bytes(t);
    long live = g_live;
    int k;
    for (k = 0;; k++) {
        g_fail_after = k;
        int rc = rtm_prefix_table_set_dir_min(t, 40);
        g_fail_after = -1;
        if (rc == 0)
            break;
        assert_int_equal(rc, -1);
        assert_false(has_dir(t));
        assert_int_equal(rtm_prefix_table_memory_bytes(t), mem);
        assert_int_equal(g_live, live);
        assert_int_equal(rtm_prefix_table_validate(t), 0);
        expect_lpm(t, A4(10, 1, 5, 1), V(6), 29);
    }
    assert_true(k >= 5); /* the directory, then the chunks of 4 slots */
    assert_true(has_dir(t));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    expect_lpm(t, A4(10, 1, 5, 1), V(6), 29);

    /* the insert that reaches dir_min succeeds even when the build fails;
     * the next insert builds it */
    rtm_prefix_table_destroy(t);
    t = rtm_prefix_table_create(32);
    assert_int_equal(rtm_prefix_table_set_dir_min(t, 3), 0);
    ins_ok(t, A4(10, 0, 0, 0), 24, V(1));
    ins_ok(t, A4(10, 0, 1, 0), 24, V(2));
    g_fail_after = 0;
    assert_int_equal(rtm_prefix_table_insert(t, A4(10, 0, 2, 0), 24, V(3), NULL), RTM_PT_OK);
    g_fail_after = -1;
    assert_false(has_dir(t));
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    expect_lpm(t, A4(10, 0, 2, 9), V(3), 24);
    ins_ok(t, A4(10, 0, 3, 0), 24, V(4));
    assert_true(has_dir(t));
    expect_lpm(t, A4(10, 0, 2, 9), V(3), 24);
    rtm_prefix_table_destroy(t);
}

/* Address widths that are not 32 or 128: word boundaries at 64 and 65. */
static void test_other_widths(void **state)
{
    (void)state;
    const unsigned widths[] = { 1, 7, 20, 63, 64, 65, 127 };
    uint8_t ones[16];
    memset(ones, 0xff, sizeof(ones));
    for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
        unsigned b = widths[i];
        rtm_prefix_table *t = rtm_prefix_table_create(b);
        assert_non_null(t);
        ins_ok(t, ones, b, V(1));
        ins_ok(t, ones, b - 1, V(2));
        if (b > 1)
            ins_ok(t, NULL, 0, V(3));
        assert_int_equal(rtm_prefix_table_insert(t, ones, b + 1, V(4), NULL), RTM_PT_INVALID);
        unsigned ml;
        assert_ptr_equal(rtm_prefix_table_longest_match(t, ones, b, &ml), V(1));
        assert_int_equal(ml, b);
        assert_ptr_equal(rtm_prefix_table_less_specific(t, ones, b, &ml), V(2));
        uint8_t key[16];
        unsigned kl;
        assert_ptr_equal(rtm_prefix_table_next(t, ones, b - 1, 0, key, &kl), V(1));
        assert_int_equal(kl, b);
        uint8_t want[16];
        rtm_prefix_canonicalize(want, ones, b, rtm_prefix_table_key_bytes(t));
        assert_memory_equal(key, want, rtm_prefix_table_key_bytes(t));
        rtm_prefix_table_destroy(t);
    }
}

/* ------------------------------------------------------------------ */
/* Randomized runs against a brute-force reference                      */
/* ------------------------------------------------------------------ */

static uint64_t g_rng;

static uint64_t rnd(void)
{
    /* xorshift64* */
    g_rng ^= g_rng >> 12;
    g_rng ^= g_rng << 25;
    g_rng ^= g_rng >> 27;
    return g_rng * 0x2545F4914F6CDD1Dull;
}

static unsigned rndn(unsigned n)
{
    return (unsigned)(rnd() % n);
}

typedef struct {
    uint8_t a[16]; /* canonical */
    unsigned len;
    void *v;
} ref_ent;

typedef struct {
    ref_ent *e;
    size_t n, cap;
    unsigned bits, bytes;
} ref_t;

static unsigned rbit(const uint8_t *a, unsigned i)
{
    return (a[i / 8] >> (7 - i % 8)) & 1;
}

static void rset(uint8_t *a, unsigned i, unsigned v)
{
    if (v)
        a[i / 8] |= (uint8_t)(0x80 >> (i % 8));
    else
        a[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
}

/* canonical copy, bit by bit */
static void rcanon(uint8_t *out, const uint8_t *a, unsigned len)
{
    memset(out, 0, 16);
    for (unsigned i = 0; i < len; i++)
        rset(out, i, rbit(a, i));
}

static int rcovers(const uint8_t *a, unsigned alen, const uint8_t *b, unsigned blen)
{
    if (alen > blen)
        return 0;
    for (unsigned i = 0; i < alen; i++)
        if (rbit(a, i) != rbit(b, i))
            return 0;
    return 1;
}

/* table order: canonical bits (as bytes), then length. a, b canonical. */
static int rcmp(const uint8_t *a, unsigned alen, const uint8_t *b, unsigned blen)
{
    int c = memcmp(a, b, 16);
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static int rcmp_ent(const void *x, const void *y)
{
    const ref_ent *a = x, *b = y;
    return rcmp(a->a, a->len, b->a, b->len);
}

static ptrdiff_t rfind(const ref_t *r, const uint8_t *a, unsigned len)
{
    uint8_t c[16];
    rcanon(c, a, len);
    for (size_t i = 0; i < r->n; i++)
        if (r->e[i].len == len && memcmp(r->e[i].a, c, 16) == 0)
            return (ptrdiff_t)i;
    return -1;
}

/* longest entry with len <= limit covering a */
static ptrdiff_t rlpm(const ref_t *r, const uint8_t *a, unsigned limit)
{
    ptrdiff_t best = -1;
    for (size_t i = 0; i < r->n; i++) {
        const ref_ent *e = &r->e[i];
        if (e->len <= limit && rcovers(e->a, e->len, a, limit) &&
            (best < 0 || e->len > r->e[best].len))
            best = (ptrdiff_t)i;
    }
    return best;
}

static ptrdiff_t rnext(const ref_t *r, const uint8_t *q, unsigned len, int incl)
{
    uint8_t a[16];
    rcanon(a, q, len);
    ptrdiff_t best = -1;
    for (size_t i = 0; i < r->n; i++) {
        const ref_ent *e = &r->e[i];
        int c = rcmp(e->a, e->len, a, len);
        if ((c > 0 || (incl && c == 0)) &&
            (best < 0 || rcmp(e->a, e->len, r->e[best].a, r->e[best].len) < 0))
            best = (ptrdiff_t)i;
    }
    return best;
}

static void radd(ref_t *r, const uint8_t *a, unsigned len, void *v)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->e = realloc(r->e, r->cap * sizeof(*r->e));
        assert_non_null(r->e);
    }
    rcanon(r->e[r->n].a, a, len);
    r->e[r->n].len = len;
    r->e[r->n].v = v;
    r->n++;
}

static void rdel(ref_t *r, size_t i)
{
    r->e[i] = r->e[--r->n];
}

/* A prefix length biased like a routing table of the given width. */
static unsigned rnd_len(unsigned bits)
{
    unsigned p = rndn(100);
    if (bits == 32) {
        if (p < 3)
            return 0 + rndn(8);
        if (p < 85)
            return 8 + rndn(17); /* /8../24 */
        if (p < 93)
            return 32;
        return rndn(33);
    }
    if (bits == 128) {
        if (p < 3)
            return rndn(16);
        if (p < 80)
            return 16 + rndn(49); /* /16../64 */
        if (p < 90)
            return 128;
        return rndn(129);
    }
    return rndn(bits + 1);
}

/*
 * A random prefix: often derived from a stored one (longer or shorter, or
 * a sibling), otherwise with a head drawn from a small pool, so that
 * nesting and shared heads are common.
 */
static void rnd_prefix(const ref_t *r, uint8_t *a, unsigned *len)
{
    static const uint8_t pool[] = { 10, 11, 192, 0x20, 0x2a, 0xfe, 0 };
    unsigned p = rndn(100);
    for (unsigned i = 0; i < 16; i++)
        a[i] = (uint8_t)rnd();
    if (r->n && p < 60) {
        const ref_ent *e = &r->e[rndn((unsigned)r->n)];
        unsigned l = rnd_len(r->bits);
        if (p < 20) { /* near the base length */
            unsigned d = rndn(9);
            l = e->len + d >= 4 ? e->len + d - 4 : 0;
        }
        if (l > r->bits)
            l = r->bits;
        unsigned keep = e->len < l ? e->len : l;
        for (unsigned i = 0; i < keep; i++)
            rset(a, i, rbit(e->a, i));
        if (p < 10 && keep > 0) /* sibling */
            rset(a, keep - 1, !rbit(e->a, keep - 1));
        *len = l;
        return;
    }
    if (p < 90)
        a[0] = pool[rndn(sizeof(pool))];
    *len = rnd_len(r->bits);
}

/* A random query address (full width), usually inside a stored prefix. */
static void rnd_addr(const ref_t *r, uint8_t *a)
{
    unsigned l;
    rnd_prefix(r, a, &l); /* bits past l are random */
}

static void check_queries(const rtm_prefix_table *t, const ref_t *r, const uint8_t *a,
                          unsigned len)
{
    unsigned ml = 999;
    ptrdiff_t i = rlpm(r, a, len);
    void *v = rtm_prefix_table_longest_match(t, a, len, &ml);
    if (i < 0) {
        assert_null(v);
    } else {
        assert_ptr_equal(v, r->e[i].v);
        assert_int_equal(ml, r->e[i].len);
    }
    i = len ? rlpm(r, a, len - 1) : -1;
    v = rtm_prefix_table_less_specific(t, a, len, &ml);
    if (i < 0) {
        assert_null(v);
    } else {
        assert_ptr_equal(v, r->e[i].v);
        assert_int_equal(ml, r->e[i].len);
    }
    i = rfind(r, a, len);
    v = rtm_prefix_table_find(t, a, len);
    assert_ptr_equal(v, i < 0 ? NULL : r->e[i].v);

    for (int incl = 0; incl < 2; incl++) {
        uint8_t out[16] = { 0 };
        unsigned ol = 999;
        i = rnext(r, a, len, incl);
        v = rtm_prefix_table_next(t, a, len, incl, out, &ol);
        if (i < 0) {
            assert_null(v);
        } else {
            assert_ptr_equal(v, r->e[i].v);
            assert_int_equal(ol, r->e[i].len);
            assert_memory_equal(out, r->e[i].a, r->bytes);
        }
    }
}

static void check_walk(const rtm_prefix_table *t, ref_t *r)
{
    qsort(r->e, r->n, sizeof(*r->e), rcmp_ent);
    uint8_t key[16] = { 0 };
    unsigned kl = 0;
    void *v = rtm_prefix_table_next(t, NULL, 0, 1, key, &kl);
    for (size_t i = 0; i < r->n; i++) {
        assert_ptr_equal(v, r->e[i].v);
        assert_int_equal(kl, r->e[i].len);
        assert_memory_equal(key, r->e[i].a, r->bytes);
        v = rtm_prefix_table_next(t, key, kl, 0, key, &kl);
    }
    assert_null(v);
    assert_int_equal(rtm_prefix_table_count(t), r->n);
}

/* RTM_ENUM_RANGE through next + covers, against a filter of the reference
 * (r sorted by check_walk). */
static void check_range(const rtm_prefix_table *t, const ref_t *r, const uint8_t *rg,
                        unsigned rlen)
{
    uint8_t key[16];
    unsigned kl;
    size_t j = 0;
    void *v = rtm_prefix_table_next(t, rg, rlen, 1, key, &kl);
    for (; v && rtm_prefix_covers(rg, rlen, key, kl);
         v = rtm_prefix_table_next(t, key, kl, 0, key, &kl)) {
        while (j < r->n && !rcovers(rg, rlen, r->e[j].a, r->e[j].len))
            j++;
        assert_true(j < r->n);
        assert_ptr_equal(v, r->e[j].v);
        j++;
    }
    for (; j < r->n; j++)
        assert_false(rcovers(rg, rlen, r->e[j].a, r->e[j].len));
}

/*
 * One randomized run: build n_initial prefixes, then n_ops mixed changes
 * and queries, then n_queries queries, the full walk, ranges, and removal
 * of everything. Stored prefixes are at least min_len long (min_len > 0
 * leaves no default route, so misses happen). The table builds its
 * directory at dir_min prefixes (1: from the start; large: never).
 */
static void run_random(unsigned bits, uint64_t seed, unsigned min_len, unsigned n_initial,
                       unsigned n_ops, unsigned n_queries, size_t dir_min)
{
    g_rng = seed;
    ref_t r = { NULL, 0, 0, bits, (bits + 7) / 8 };
    rtm_prefix_table *t = rtm_prefix_table_create(bits);
    assert_non_null(t);
    assert_int_equal(rtm_prefix_table_set_dir_min(t, dir_min), 0);
    uintptr_t next_val = 1;
    uint8_t a[16];
    unsigned len;

    /* 1. build */
    for (unsigned k = 0; k < n_initial; k++) {
        rnd_prefix(&r, a, &len);
        if (len < min_len)
            len = min_len;
        void *ex = NULL, *v = V(next_val++);
        ptrdiff_t i = rfind(&r, a, len);
        int rc = rtm_prefix_table_insert(t, a, len, v, &ex);
        if (i >= 0) {
            assert_int_equal(rc, RTM_PT_EXISTS);
            assert_ptr_equal(ex, r.e[i].v);
        } else {
            assert_int_equal(rc, RTM_PT_OK);
            radd(&r, a, len, v);
        }
    }
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_int_equal(rtm_prefix_table_count(t), r.n);

    /* 2. interleaved inserts, removes, failed inserts, finds */
    for (unsigned k = 0; k < n_ops; k++) {
        unsigned op = rndn(100);
        if (op < 45) {
            rnd_prefix(&r, a, &len);
            if (len < min_len)
                len = min_len;
            ptrdiff_t i = rfind(&r, a, len);
            void *ex = NULL, *v = V(next_val++);
            if (i < 0 && rndn(10) == 0) {
                /* out of memory on one of the first allocations */
                size_t mem = rtm_prefix_table_memory_bytes(t);
                long live = g_live;
                g_fail_after = rndn(3);
                int rc = rtm_prefix_table_insert(t, a, len, v, &ex);
                int failed_alloc = g_fail_after == -1;
                g_fail_after = -1;
                if (rc == RTM_PT_NOMEM) {
                    assert_true(failed_alloc);
                    assert_int_equal(rtm_prefix_table_memory_bytes(t), mem);
                    assert_int_equal(g_live, live);
                    assert_null(rtm_prefix_table_find(t, a, len));
                    assert_int_equal(rtm_prefix_table_count(t), r.n);
                    continue;
                }
                assert_int_equal(rc, RTM_PT_OK);
                radd(&r, a, len, v);
                continue;
            }
            int rc = rtm_prefix_table_insert(t, a, len, v, &ex);
            if (i >= 0) {
                assert_int_equal(rc, RTM_PT_EXISTS);
                assert_ptr_equal(ex, r.e[i].v);
            } else {
                assert_int_equal(rc, RTM_PT_OK);
                radd(&r, a, len, v);
            }
        } else if (op < 85) {
            if (r.n && op < 75) {
                size_t i = rndn((unsigned)r.n);
                /* remove through a non-canonical spelling of the key */
                memcpy(a, r.e[i].a, 16);
                for (unsigned b = r.e[i].len; b < bits; b++)
                    rset(a, b, rndn(2));
                assert_ptr_equal(rtm_prefix_table_remove(t, a, r.e[i].len), r.e[i].v);
                rdel(&r, i);
            } else {
                rnd_prefix(&r, a, &len);
                ptrdiff_t i = rfind(&r, a, len);
                void *v = rtm_prefix_table_remove(t, a, len);
                assert_ptr_equal(v, i < 0 ? NULL : r.e[i].v);
                if (i >= 0)
                    rdel(&r, (size_t)i);
            }
        } else {
            rnd_prefix(&r, a, &len);
            check_queries(t, &r, a, len);
        }
        if (k % 1024 == 0)
            assert_int_equal(rtm_prefix_table_validate(t), 0);
    }
    assert_int_equal(rtm_prefix_table_validate(t), 0);
    assert_int_equal(rtm_prefix_table_count(t), r.n);

    /* 3. queries: full-width addresses and random prefixes */
    for (unsigned k = 0; k < n_queries; k++) {
        if (k & 1) {
            rnd_addr(&r, a);
            check_queries(t, &r, a, bits);
        } else {
            rnd_prefix(&r, a, &len);
            check_queries(t, &r, a, len);
        }
    }

    /* 4. the whole ordered walk, and some ranges */
    check_walk(t, &r);
    for (unsigned k = 0; k < 50; k++) {
        rnd_prefix(&r, a, &len);
        check_range(t, &r, a, len);
    }

    /* 5. remove everything in random order */
    while (r.n) {
        size_t i = rndn((unsigned)r.n);
        assert_ptr_equal(rtm_prefix_table_remove(t, r.e[i].a, r.e[i].len), r.e[i].v);
        assert_null(rtm_prefix_table_find(t, r.e[i].a, r.e[i].len));
        rdel(&r, i);
        if (r.n % 512 == 0)
            assert_int_equal(rtm_prefix_table_validate(t), 0);
    }
    assert_int_equal(rtm_prefix_table_count(t), 0);
    assert_null(rtm_prefix_table_next(t, NULL, 0, 1, NULL, NULL));
    assert_int_equal(g_live, 1); /* just the header */
    rtm_prefix_table_destroy(t);
    free(r.e);
}

#define NO_DIR ((size_t)-1)

static void test_random_v4(void **state)
{
    (void)state;
    run_random(32, 0x1234567887654321ull, 0, 3000, 20000, 5000, 1);
    run_random(32, 42, 8, 3000, 10000, 3000, 1000); /* built while filling */
    run_random(32, 43, 0, 500, 5000, 2000, NO_DIR);
    run_random(32, 44, 17, 1000, 5000, 1500, 1); /* long prefixes only */
}

static void test_random_v6(void **state)
{
    (void)state;
    run_random(128, 0x9e3779b97f4a7c15ull, 0, 3000, 20000, 5000, 1);
    run_random(128, 7, 16, 3000, 10000, 3000, 1000);
    run_random(128, 8, 0, 500, 5000, 2000, NO_DIR);
    run_random(128, 9, 30, 1000, 5000, 1500, 1); /* around the 32-bit regions */
}

static void test_random_other_widths(void **state)
{
    (void)state;
    run_random(64, 99, 0, 1000, 4000, 1000, 1);
    run_random(65, 100, 4, 1000, 4000, 1000, 300);
    run_random(12, 101, 0, 300, 3000, 1000, 1); /* small: dense, many duplicates */
    run_random(20, 102, 0, 500, 3000, 1000, 1);
    run_random(33, 103, 10, 500, 3000, 1000, 1);
}

/* destroy of a full table frees everything (checked by the teardown) */
static void test_destroy_full(void **state)
{
    (void)state;
    g_rng = 5;
    rtm_prefix_table *t = rtm_prefix_table_create(128);
    ref_t r = { NULL, 0, 0, 128, 16 };
    uint8_t a[16];
    unsigned len;
    for (unsigned k = 0; k < 5000; k++) {
        rnd_prefix(&r, a, &len);
        if (rtm_prefix_table_insert(t, a, len, V(k + 1), NULL) == RTM_PT_OK)
            radd(&r, a, len, V(k + 1));
    }
    assert_int_equal(rtm_prefix_table_count(t), r.n);
    rtm_prefix_table_destroy(t);
    free(r.e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_args, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_empty, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_invalid_args, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_default_route, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_host_routes, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_nested_v4, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_nested_v6, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_noncanonical, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_duplicate, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_remove_shapes, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_next_unstored, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_range, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_oom, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_dir_v4, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_dir_v6, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_dir_oom, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_dir_build_oom, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_other_widths, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_random_v4, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_random_v6, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_random_other_widths, setup_counts, teardown_counts),
        cmocka_unit_test_setup_teardown(test_destroy_full, setup_counts, teardown_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
