/*
 * test_handle.c - unit tests for src/base/handle.c (handles, generations and
 * reference counts).
 *
 * Every test starts and ends with rtm_handles_shutdown(), so each sees a
 * fresh handle table (slot indices from 1, empty free list).
 *
 * The multi-thread tests use a tiny thread shim: POSIX threads natively,
 * CreateThread on Windows. Assertions are only made in the main thread;
 * worker threads count anomalies, which the main thread then checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rtmv2/objects.h"

/* ------------------------------------------------------------------ */
/* Test objects.                                                       */
/* ------------------------------------------------------------------ */

#define MAGIC_LIVE 0x4C495645u
#define MAGIC_DEAD 0xDEADDEADu

#if UINTPTR_MAX > 0xFFFFFFFFu
#define IDX_BITS 32
#define HGEN_MASK 0xFFFFFu
#else
#define IDX_BITS 24
#define HGEN_MASK 0xFFu
#endif
#define IDX_MASK ((((uintptr_t)1) << IDX_BITS) - 1)

struct tobj {
    struct rtm_object hdr; /* first member */
    uint32_t magic;
    uint32_t id;
    rtm_atomic32 *free_counter; /* incremented by the free function */
    struct tobj *child;         /* unref'd by the free function */
    int create_in_free;         /* free function creates an object */
    int lookup_self_in_free;    /* free function looks itself up */
};

static rtm_atomic32 g_frees;           /* default free counter */
static rtm_handle g_created_in_free;   /* by create_in_free */
static int g_self_lookup_result = -1;  /* by lookup_self_in_free */

static void tobj_free(struct rtm_object *o)
{
    struct tobj *t = (struct tobj *)o;
    struct tobj *child = t->child;

    if (t->magic != MAGIC_LIVE)
        abort(); /* freed twice */
    if (t->lookup_self_in_free)
        g_self_lookup_result = rtm_handle_lookup(o->handle, RTM_OBJ_ANY) != NULL;
    if (t->create_in_free) {
        struct tobj *n = rtm_calloc(1, sizeof(*n));

        n->magic = MAGIC_LIVE;
        n->free_counter = &g_frees;
        if (rtm_object_init(&n->hdr, RTM_OBJ_ROUTE, tobj_free) == RTM_HANDLE_OK)
            g_created_in_free = rtm_object_handle(&n->hdr);
    }
    t->magic = MAGIC_DEAD;
    rtm_atomic32_add(t->free_counter ? t->free_counter : &g_frees, 1);
    rtm_free(t);
    if (child)
        rtm_object_unref(&child->hdr);
}

static struct tobj *new_tobj(rtm_object_type type)
{
    struct tobj *t = rtm_calloc(1, sizeof(*t));

    assert_non_null(t);
    t->magic = MAGIC_LIVE;
    t->free_counter = &g_frees;
    assert_int_equal(rtm_object_init(&t->hdr, type, tobj_free), RTM_HANDLE_OK);
    return t;
}

static uint32_t idx_of(rtm_handle h)
{
    return (uint32_t)((uintptr_t)h & IDX_MASK);
}

static uint32_t gen_of(rtm_handle h)
{
    return (uint32_t)((uintptr_t)h >> IDX_BITS);
}

static rtm_handle make_handle(uintptr_t index, uintptr_t gen)
{
    return (rtm_handle)(index | (gen << IDX_BITS));
}

static void assert_counts(struct tobj *t, uint32_t client, uint32_t internal)
{
    uint32_t c = 99, i = 99;

    rtm_object_refcounts(&t->hdr, &c, &i);
    assert_int_equal(c, client);
    assert_int_equal(i, internal);
}

static int frees(void)
{
    return rtm_atomic32_load(&g_frees);
}

static int setup(void **state)
{
    (void)state;
    rtm_handles_shutdown();
    rtm_atomic32_store(&g_frees, 0);
    g_created_in_free = NULL;
    g_self_lookup_result = -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rtm_handles_shutdown();
    return 0;
}

/* ------------------------------------------------------------------ */
/* Single-thread tests.                                                */
/* ------------------------------------------------------------------ */

static void test_create_lookup_unref(void **state)
{
    struct tobj *t;
    struct rtm_object *o;
    rtm_handle h;

    (void)state;
    t = new_tobj(RTM_OBJ_DEST);
    h = rtm_object_handle(&t->hdr);
    assert_counts(t, 0, 1);
    assert_int_equal(t->hdr.type, RTM_OBJ_DEST);

    o = rtm_handle_lookup(h, RTM_OBJ_DEST);
    assert_ptr_equal(o, &t->hdr);
    assert_counts(t, 0, 2);
    o = rtm_handle_lookup(h, RTM_OBJ_ANY);
    assert_ptr_equal(o, &t->hdr);
    assert_counts(t, 0, 3);

    assert_int_equal(rtm_object_unref(o), RTM_HANDLE_OK);
    assert_int_equal(rtm_object_unref(o), RTM_HANDLE_OK);
    assert_counts(t, 0, 1);
    assert_int_equal(rtm_object_ref(&t->hdr), RTM_HANDLE_OK);
    assert_counts(t, 0, 2);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(frees(), 0);
    assert_int_equal(rtm_live_objects(RTM_OBJ_DEST), 1);

    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK); /* last */
    assert_int_equal(frees(), 1);
    assert_int_equal(rtm_live_objects(RTM_OBJ_DEST), 0);
    assert_null(rtm_handle_lookup(h, RTM_OBJ_DEST));
    assert_null(rtm_handle_lookup(h, RTM_OBJ_ANY));
}

static void test_handles_nonnull_stable(void **state)
{
    struct tobj *t[3];
    rtm_handle h[3];
    int i, j;

    (void)state;
    for (i = 0; i < 3; i++) {
        t[i] = new_tobj(RTM_OBJ_ROUTE);
        h[i] = rtm_object_handle(&t[i]->hdr);
        assert_non_null(h[i]);
        assert_int_not_equal(idx_of(h[i]), 0);
        assert_int_not_equal(gen_of(h[i]), 0);
        assert_true(gen_of(h[i]) <= HGEN_MASK);
        for (j = 0; j < i; j++)
            assert_ptr_not_equal(h[i], h[j]);
    }
    /* A fresh table hands out indices 1, 2, 3. */
    assert_int_equal(idx_of(h[0]), 1);
    assert_int_equal(idx_of(h[1]), 2);
    assert_int_equal(idx_of(h[2]), 3);

    /* The handle does not change with reference traffic. */
    for (i = 0; i < 3; i++) {
        struct rtm_object *o = rtm_handle_lookup(h[i], RTM_OBJ_ROUTE);

        assert_ptr_equal(o, &t[i]->hdr);
        assert_ptr_equal(rtm_object_handle(o), h[i]);
        assert_int_equal(rtm_object_ref_client(o), RTM_HANDLE_OK);
        assert_ptr_equal(rtm_object_handle(o), h[i]);
        assert_int_equal(rtm_handle_reference(h[i], RTM_OBJ_ROUTE), RTM_HANDLE_OK);
        assert_int_equal(rtm_handle_release(h[i], RTM_OBJ_ROUTE), RTM_HANDLE_OK);
        assert_ptr_equal(rtm_object_handle(o), h[i]);
        assert_int_equal(rtm_object_unref(o), RTM_HANDLE_OK);
        assert_ptr_equal(rtm_object_handle(&t[i]->hdr), h[i]);
        assert_counts(t[i], 1, 1);
    }
    for (i = 0; i < 3; i++) {
        assert_int_equal(rtm_handle_release(h[i], RTM_OBJ_ROUTE), RTM_HANDLE_OK);
        assert_int_equal(rtm_object_unref(&t[i]->hdr), RTM_HANDLE_OK);
    }
    assert_int_equal(frees(), 3);
}

static void test_wrong_type(void **state)
{
    struct tobj *t;
    rtm_handle h;
    unsigned ty;

    (void)state;
    t = new_tobj(RTM_OBJ_NEXTHOP);
    h = rtm_object_handle(&t->hdr);
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
    for (ty = RTM_OBJ_ANY + 1; ty < RTM_OBJ_TYPE_LIMIT; ty++) {
        if (ty == RTM_OBJ_NEXTHOP)
            continue;
        assert_null(rtm_handle_lookup(h, (rtm_object_type)ty));
        assert_int_equal(rtm_handle_reference(h, (rtm_object_type)ty), RTM_HANDLE_ERR_INVALID);
        assert_int_equal(rtm_handle_release(h, (rtm_object_type)ty), RTM_HANDLE_ERR_INVALID);
    }
    /* Out-of-range type values are simply mismatches. */
    assert_null(rtm_handle_lookup(h, RTM_OBJ_TYPE_LIMIT));
    assert_null(rtm_handle_lookup(h, (rtm_object_type)-1));
    assert_counts(t, 1, 1);

    assert_int_equal(rtm_handle_release(h, RTM_OBJ_NEXTHOP), RTM_HANDLE_OK);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(frees(), 1);
}

static void assert_invalid_value(rtm_handle h)
{
    assert_null(rtm_handle_lookup(h, RTM_OBJ_ANY));
    assert_null(rtm_handle_lookup(h, RTM_OBJ_ENTITY));
    assert_int_equal(rtm_handle_reference(h, RTM_OBJ_ANY), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ANY), RTM_HANDLE_ERR_INVALID);
}

static void test_forged(void **state)
{
    struct tobj *t;
    rtm_handle h;
    uint32_t g;

    (void)state;
    /* With an empty table... */
    assert_invalid_value(NULL);
    assert_invalid_value((rtm_handle)(uintptr_t)1);

    /* ...and with one live entity (index 1, segment 0 allocated). */
    t = new_tobj(RTM_OBJ_ENTITY);
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
    h = rtm_object_handle(&t->hdr);
    g = gen_of(h);
    assert_int_equal(idx_of(h), 1);

    assert_invalid_value(NULL);
    assert_invalid_value((rtm_handle)(uintptr_t)1); /* index 1, generation 0 */
    assert_invalid_value((rtm_handle)(uintptr_t)2);
    assert_invalid_value((rtm_handle)(uintptr_t)0xdeadbeefu);
    assert_invalid_value((rtm_handle)UINTPTR_MAX);
    assert_invalid_value((rtm_handle)(UINTPTR_MAX - 1));
    assert_invalid_value(make_handle(0, g));                  /* index 0 */
    assert_invalid_value(make_handle(1, (g + 1) & HGEN_MASK)); /* wrong gen */
    assert_invalid_value(make_handle(1, g - 1));
    assert_invalid_value(make_handle(2, g));                  /* unused slot */
    assert_invalid_value(make_handle(4095, g));               /* end of segment 0 */
    assert_invalid_value(make_handle(4096, g));               /* segment 1: absent */
    assert_invalid_value(make_handle(5 * 4096 + 7, g));       /* absent */
    assert_invalid_value(make_handle(IDX_MASK, g));           /* last index */
#if UINTPTR_MAX > 0xFFFFFFFFu
    assert_invalid_value(make_handle(0x04000000u, g));        /* beyond the table */
    assert_invalid_value(make_handle(0xFFFFFFFFu, g));
    assert_invalid_value((rtm_handle)((uintptr_t)h | ((uintptr_t)1 << 52))); /* high bits */
    assert_invalid_value((rtm_handle)((uintptr_t)h | ((uintptr_t)1 << 63)));
    assert_invalid_value((rtm_handle)((uintptr_t)h ^ ((uintptr_t)1 << 40)));
#endif
    assert_invalid_value((rtm_handle)((uintptr_t)h + 1));
    assert_invalid_value((rtm_handle)((uintptr_t)h - 1));
    assert_invalid_value((rtm_handle)t); /* the object's address */
    assert_invalid_value((rtm_handle)&t->hdr.handle);

    /* Nothing changed the live object. */
    assert_counts(t, 1, 1);
    assert_ptr_equal(rtm_handle_lookup(h, RTM_OBJ_ENTITY), &t->hdr);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ENTITY), RTM_HANDLE_OK);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(frees(), 1);
}

static void test_random_values(void **state)
{
    struct tobj *t[64];
    uint64_t x = 0x9E3779B97F4A7C15ull;
    int i, n;

    (void)state;
    for (i = 0; i < 64; i++)
        t[i] = new_tobj(RTM_OBJ_ROUTE);
    for (n = 0; n < 200000; n++) {
        struct rtm_object *o;
        uintptr_t v;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v = (uintptr_t)x;
        if (n & 1) /* keep the index small, so the slot exists */
            v = (v & ~IDX_MASK) | (v & 127);
        o = rtm_handle_lookup((rtm_handle)v, RTM_OBJ_ANY);
        if (o) { /* only a real handle may validate */
            assert_ptr_equal(rtm_object_handle(o), (rtm_handle)v);
            rtm_object_unref(o);
        }
    }
    for (i = 0; i < 64; i++) {
        assert_counts(t[i], 0, 1);
        rtm_object_unref(&t[i]->hdr);
    }
    assert_int_equal(frees(), 64);
}

/* Create and free RTM_HANDLE_REUSE_DELAY + 1 objects, so that from now on
 * every creation reuses the least recently freed slot. */
static void fill_free_list(void)
{
    struct tobj *t[RTM_HANDLE_REUSE_DELAY + 1];
    unsigned i;

    for (i = 0; i < RTM_HANDLE_REUSE_DELAY + 1; i++)
        t[i] = new_tobj(RTM_OBJ_ENUM);
    for (i = 0; i < RTM_HANDLE_REUSE_DELAY + 1; i++)
        rtm_object_unref(&t[i]->hdr);
}

static void test_stale_after_free_and_reuse(void **state)
{
    struct tobj *a, *b;
    rtm_handle ha, hb;

    (void)state;
    a = new_tobj(RTM_OBJ_ROUTE);
    ha = rtm_object_handle(&a->hdr);
    assert_int_equal(rtm_object_internal_to_client(&a->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_handle_release(ha, RTM_OBJ_ROUTE), RTM_HANDLE_OK);
    assert_int_equal(frees(), 1);

    /* Stale right after the free; the slot's next generation is not
     * valid either while the slot waits on the free list. */
    assert_invalid_value(ha);
    assert_null(rtm_handle_lookup(ha, RTM_OBJ_ROUTE));
    assert_invalid_value(make_handle(idx_of(ha), (gen_of(ha) + 1) & HGEN_MASK));

    /* Not reused while few slots are free: the next object is elsewhere. */
    b = new_tobj(RTM_OBJ_ROUTE);
    assert_int_not_equal(idx_of(rtm_object_handle(&b->hdr)), idx_of(ha));
    rtm_object_unref(&b->hdr);

    /* Force reuse: a's slot is the oldest on the free list. */
    fill_free_list();
    b = new_tobj(RTM_OBJ_ROUTE); /* same type, same slot */
    hb = rtm_object_handle(&b->hdr);
    assert_int_equal(idx_of(hb), idx_of(ha));
    assert_ptr_not_equal(hb, ha);
    assert_non_null(hb);
    assert_invalid_value(ha);
    assert_null(rtm_handle_lookup(ha, RTM_OBJ_ROUTE));
    assert_counts(b, 0, 1);
    assert_ptr_equal(rtm_handle_lookup(hb, RTM_OBJ_ROUTE), &b->hdr);
    rtm_object_unref(&b->hdr);
    rtm_object_unref(&b->hdr);
    assert_invalid_value(hb);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
}

static void test_double_release(void **state)
{
    struct tobj *t;
    rtm_handle h;

    (void)state;
    t = new_tobj(RTM_OBJ_DEST);
    h = rtm_object_handle(&t->hdr);
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
    assert_counts(t, 1, 1);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_DEST), RTM_HANDLE_OK);
    assert_counts(t, 0, 1);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_DEST), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ANY), RTM_HANDLE_ERR_INVALID);
    assert_counts(t, 0, 1);
    assert_int_equal(frees(), 0);
    assert_ptr_equal(rtm_handle_lookup(h, RTM_OBJ_DEST), &t->hdr);
    rtm_object_unref(&t->hdr);

    /* Double release of the last reference: the second one is stale. */
    assert_int_equal(rtm_object_internal_to_client(&t->hdr), RTM_HANDLE_OK);
    assert_counts(t, 1, 0);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_DEST), RTM_HANDLE_OK);
    assert_int_equal(frees(), 1);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_DEST), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(frees(), 1);
}

static void test_release_never_drops_internal(void **state)
{
    struct tobj *t;
    rtm_handle h;
    int i;

    (void)state;
    t = new_tobj(RTM_OBJ_NOTIFY);
    h = rtm_object_handle(&t->hdr);
    assert_int_equal(rtm_object_ref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_object_ref(&t->hdr), RTM_HANDLE_OK);
    assert_counts(t, 0, 3);
    for (i = 0; i < 5; i++)
        assert_int_equal(rtm_handle_release(h, RTM_OBJ_NOTIFY), RTM_HANDLE_ERR_INVALID);
    assert_counts(t, 0, 3);

    assert_int_equal(rtm_handle_reference(h, RTM_OBJ_ANY), RTM_HANDLE_OK);
    assert_counts(t, 1, 3);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_NOTIFY), RTM_HANDLE_OK);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_NOTIFY), RTM_HANDLE_ERR_INVALID);
    assert_counts(t, 0, 3);
    assert_int_equal(frees(), 0);

    /* Internal unrefs do not drop client references either. */
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
    for (i = 0; i < 3; i++)
        assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_counts(t, 1, 0);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(rtm_object_internal_to_client(&t->hdr), RTM_HANDLE_ERR_INVALID);
    assert_counts(t, 1, 0);
    assert_int_equal(frees(), 0);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_NOTIFY), RTM_HANDLE_OK);
    assert_int_equal(frees(), 1);
}

static void test_free_exactly_once(void **state)
{
    rtm_atomic32 cnt[2];
    struct tobj *t;
    rtm_handle h;

    (void)state;
    rtm_atomic32_store(&cnt[0], 0);
    rtm_atomic32_store(&cnt[1], 0);

    /* Internal reference is the last one. */
    t = new_tobj(RTM_OBJ_ROUTE_LIST);
    t->free_counter = &cnt[0];
    h = rtm_object_handle(&t->hdr);
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ROUTE_LIST), RTM_HANDLE_OK);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ROUTE_LIST), RTM_HANDLE_OK);
    assert_int_equal(rtm_atomic32_load(&cnt[0]), 0);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_atomic32_load(&cnt[0]), 1);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ROUTE_LIST), RTM_HANDLE_ERR_INVALID);
    assert_null(rtm_handle_lookup(h, RTM_OBJ_ANY));
    assert_int_equal(rtm_atomic32_load(&cnt[0]), 1);

    /* Client reference is the last one; the object looks itself up
     * from its free function and must not find itself. */
    t = new_tobj(RTM_OBJ_ROUTE_LIST);
    t->free_counter = &cnt[1];
    t->lookup_self_in_free = 1;
    h = rtm_object_handle(&t->hdr);
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(rtm_atomic32_load(&cnt[1]), 0);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ROUTE_LIST), RTM_HANDLE_OK);
    assert_int_equal(rtm_atomic32_load(&cnt[1]), 1);
    assert_int_equal(g_self_lookup_result, 0);
    assert_int_equal(rtm_handle_reference(h, RTM_OBJ_ANY), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(rtm_atomic32_load(&cnt[1]), 1);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
}

static void test_free_fn_reentrant(void **state)
{
    struct tobj *parent, *child, *grandchild;
    struct rtm_object *o;

    (void)state;
    grandchild = new_tobj(RTM_OBJ_NEXTHOP);
    child = new_tobj(RTM_OBJ_DEST);
    child->child = grandchild; /* child owns grandchild's reference */
    parent = new_tobj(RTM_OBJ_ROUTE);
    parent->child = child;
    parent->create_in_free = 1;
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 3);

    rtm_object_unref(&parent->hdr); /* frees parent, child, grandchild */
    assert_int_equal(frees(), 3);
    assert_non_null(g_created_in_free);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 1);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ROUTE), 1);
    o = rtm_handle_lookup(g_created_in_free, RTM_OBJ_ROUTE);
    assert_non_null(o);
    rtm_object_unref(o);
    rtm_object_unref(o);
    assert_int_equal(frees(), 4);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
}

static void test_internal_to_client(void **state)
{
    struct tobj *t;
    struct rtm_object *o;
    rtm_handle h;

    (void)state;
    t = new_tobj(RTM_OBJ_ENUM);
    h = rtm_object_handle(&t->hdr);
    /* Creator hands its reference to the client. */
    assert_int_equal(rtm_object_internal_to_client(&t->hdr), RTM_HANDLE_OK);
    assert_counts(t, 1, 0);
    /* An API call: lookup, then give the client another handle. */
    o = rtm_handle_lookup(h, RTM_OBJ_ENUM);
    assert_ptr_equal(o, &t->hdr);
    assert_counts(t, 1, 1);
    assert_int_equal(rtm_object_internal_to_client(o), RTM_HANDLE_OK);
    assert_counts(t, 2, 0);
    assert_int_equal(rtm_object_internal_to_client(o), RTM_HANDLE_ERR_INVALID);
    assert_counts(t, 2, 0);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ENUM), RTM_HANDLE_OK);
    assert_int_equal(frees(), 0);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_ENUM), RTM_HANDLE_OK);
    assert_int_equal(frees(), 1);
}

static void test_fifo_reuse(void **state)
{
    enum { EXTRA = 10, N = RTM_HANDLE_REUSE_DELAY + EXTRA };
    static struct tobj *t[N];
    static uint32_t order[N];
    static rtm_handle old[N + 1];
    struct tobj *n[EXTRA + 1];
    int i;

    (void)state;
    for (i = 0; i < N; i++) {
        t[i] = new_tobj(RTM_OBJ_ROUTE);
        assert_int_equal(idx_of(rtm_object_handle(&t[i]->hdr)), (uint32_t)i + 1);
    }
    /* Free in a scrambled order (7 is prime to N); remember the order. */
    for (i = 0; i < N; i++) {
        int k = (int)(((unsigned)i * 7u + 3u) % N);
        rtm_handle h = rtm_object_handle(&t[k]->hdr);

        order[i] = idx_of(h);
        old[order[i]] = h;
        rtm_object_unref(&t[k]->hdr);
    }
    assert_int_equal(frees(), N);

    /* The least recently freed slots come back first, in order... */
    for (i = 0; i < EXTRA; i++) {
        rtm_handle h;

        n[i] = new_tobj(RTM_OBJ_ROUTE);
        h = rtm_object_handle(&n[i]->hdr);
        assert_int_equal(idx_of(h), order[i]);
        assert_ptr_not_equal(h, old[order[i]]);
        assert_null(rtm_handle_lookup(old[order[i]], RTM_OBJ_ANY));
    }
    /* ...until only RTM_HANDLE_REUSE_DELAY are waiting: then fresh ones. */
    n[EXTRA] = new_tobj(RTM_OBJ_ROUTE);
    assert_int_equal(idx_of(rtm_object_handle(&n[EXTRA]->hdr)), N + 1);
    for (i = 0; i <= EXTRA; i++)
        rtm_object_unref(&n[i]->hdr);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
}

static void test_generation_cycle(void **state)
{
    /* Reuse one slot many times: its handle's generation field is never
     * 0, and consecutive handles of the slot differ. On 32-bit the 8-bit
     * generation repeats with period 255. */
    enum { REUSES = 600 };
    static rtm_handle seen[REUSES];
    uint32_t target;
    int r = 0, i;

    (void)state;
    fill_free_list(); /* DELAY + 1 free slots: now every create pops */
    target = 0;
    while (r < REUSES) {
        struct tobj *t = new_tobj(RTM_OBJ_ENTITY);
        rtm_handle h = rtm_object_handle(&t->hdr);

        assert_int_not_equal(gen_of(h), 0);
        if (target == 0)
            target = idx_of(h);
        if (idx_of(h) == target)
            seen[r++] = h;
        rtm_object_unref(&t->hdr);
    }
    for (i = 1; i < REUSES; i++) {
        assert_ptr_not_equal(seen[i], seen[i - 1]);
#if UINTPTR_MAX > 0xFFFFFFFFu
        assert_int_equal(gen_of(seen[i]), gen_of(seen[i - 1]) + 1);
#else
        if (i >= 255)
            assert_ptr_equal(seen[i], seen[i - 255]);
#endif
    }
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
}

static void test_live_counters(void **state)
{
    struct tobj *t[RTM_OBJ_RTMV2_END][3];
    unsigned ty;
    int i;

    (void)state;
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
    for (ty = RTM_OBJ_ANY + 1; ty < RTM_OBJ_RTMV2_END; ty++) {
        for (i = 0; i < (int)(ty % 3 + 1); i++)
            t[ty][i] = new_tobj((rtm_object_type)ty);
    }
    for (ty = RTM_OBJ_ANY + 1; ty < RTM_OBJ_RTMV2_END; ty++)
        assert_int_equal(rtm_live_objects((rtm_object_type)ty), (size_t)(ty % 3 + 1));
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 14);
    assert_int_equal(rtm_live_objects(RTM_OBJ_TYPE_LIMIT), 0);
    assert_int_equal(rtm_live_objects((rtm_object_type)-5), 0);

    /* A client reference keeps an object counted. */
    assert_int_equal(rtm_object_internal_to_client(&t[RTM_OBJ_ROUTE][0]->hdr), RTM_HANDLE_OK);
    for (ty = RTM_OBJ_ANY + 1; ty < RTM_OBJ_RTMV2_END; ty++) {
        for (i = 0; i < (int)(ty % 3 + 1); i++) {
            if (ty == RTM_OBJ_ROUTE && i == 0)
                continue;
            rtm_object_unref(&t[ty][i]->hdr);
        }
    }
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 1);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ROUTE), 1);
    assert_int_equal(rtm_live_objects(RTM_OBJ_DEST), 0);
    assert_int_equal(rtm_handle_release(rtm_object_handle(&t[RTM_OBJ_ROUTE][0]->hdr), RTM_OBJ_ROUTE),
                     RTM_HANDLE_OK);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
    assert_int_equal(frees(), 14);
}

static void test_bad_init_type(void **state)
{
    struct tobj t;

    (void)state;
    memset(&t, 0, sizeof(t));
    assert_int_equal(rtm_object_init(&t.hdr, RTM_OBJ_ANY, tobj_free), RTM_HANDLE_ERR_INVALID);
    assert_null(t.hdr.handle);
    assert_int_equal(rtm_object_init(&t.hdr, RTM_OBJ_TYPE_LIMIT, tobj_free), RTM_HANDLE_ERR_INVALID);
    assert_null(t.hdr.handle);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
}

static void test_null_free_fn(void **state)
{
    struct rtm_object o;
    rtm_handle h;

    (void)state;
    assert_int_equal(rtm_object_init(&o, RTM_OBJ_ENTITY, NULL), RTM_HANDLE_OK);
    h = rtm_object_handle(&o);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ENTITY), 1);
    assert_int_equal(rtm_object_unref(&o), RTM_HANDLE_OK);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ENTITY), 0);
    assert_null(rtm_handle_lookup(h, RTM_OBJ_ANY));
    /* The dead object is detected by the by-object functions. */
    assert_int_equal(rtm_object_ref(&o), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(rtm_object_unref(&o), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(rtm_object_ref_client(&o), RTM_HANDLE_ERR_INVALID);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
}

static void test_overflow(void **state)
{
    struct tobj *t;
    rtm_handle h;
    uint32_t i;

    (void)state;
    t = new_tobj(RTM_OBJ_NEXTHOP);
    h = rtm_object_handle(&t->hdr);

    /* Client count. */
    for (i = 0; i < RTM_HANDLE_MAX_REFS; i++) {
        if (rtm_handle_reference(h, RTM_OBJ_NEXTHOP) != RTM_HANDLE_OK)
            fail_msg("reference %u failed", (unsigned)i);
    }
    assert_counts(t, RTM_HANDLE_MAX_REFS, 1);
    assert_int_equal(rtm_handle_reference(h, RTM_OBJ_NEXTHOP), RTM_HANDLE_ERR_OVERFLOW);
    assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_ERR_OVERFLOW);
    assert_int_equal(rtm_object_internal_to_client(&t->hdr), RTM_HANDLE_ERR_OVERFLOW);
    assert_counts(t, RTM_HANDLE_MAX_REFS, 1);
    for (i = 0; i < RTM_HANDLE_MAX_REFS; i++) {
        if (rtm_handle_release(h, RTM_OBJ_NEXTHOP) != RTM_HANDLE_OK)
            fail_msg("release %u failed", (unsigned)i);
    }
    assert_counts(t, 0, 1);
    assert_int_equal(rtm_handle_release(h, RTM_OBJ_NEXTHOP), RTM_HANDLE_ERR_INVALID);

    /* Internal count. */
    for (i = 1; i < RTM_HANDLE_MAX_REFS; i++) {
        if (rtm_object_ref(&t->hdr) != RTM_HANDLE_OK)
            fail_msg("ref %u failed", (unsigned)i);
    }
    assert_counts(t, 0, RTM_HANDLE_MAX_REFS);
    assert_int_equal(rtm_object_ref(&t->hdr), RTM_HANDLE_ERR_OVERFLOW);
    assert_null(rtm_handle_lookup(h, RTM_OBJ_NEXTHOP));
    assert_counts(t, 0, RTM_HANDLE_MAX_REFS);
    for (i = 1; i < RTM_HANDLE_MAX_REFS; i++) {
        if (rtm_object_unref(&t->hdr) != RTM_HANDLE_OK)
            fail_msg("unref %u failed", (unsigned)i);
    }
    assert_counts(t, 0, 1);
    assert_int_equal(frees(), 0);
    assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
    assert_int_equal(frees(), 1);
}

static void test_many_objects(void **state)
{
    enum { N = 100000 };
    struct tobj **t;
    rtm_handle *h;
    uint32_t max_index = 0;
    int i;

    (void)state;
    t = rtm_calloc(N, sizeof(*t));
    h = rtm_calloc(N, sizeof(*h));
    assert_non_null(t);
    assert_non_null(h);
    for (i = 0; i < N; i++) {
        t[i] = new_tobj((rtm_object_type)(RTM_OBJ_ENTITY + i % 7));
        t[i]->id = (uint32_t)i;
        h[i] = rtm_object_handle(&t[i]->hdr);
        if (idx_of(h[i]) > max_index)
            max_index = idx_of(h[i]);
    }
    assert_true(max_index > 4 * RTM_HANDLE_SEGMENT_SLOTS); /* several segments */
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), N);
    for (i = 0; i < N; i++) {
        struct rtm_object *o = rtm_handle_lookup(h[i], (rtm_object_type)(RTM_OBJ_ENTITY + i % 7));

        assert_ptr_equal(o, &t[i]->hdr);
        assert_int_equal(((struct tobj *)o)->id, (uint32_t)i);
        rtm_object_unref(o);
    }
    /* Indices are dense: N objects use indices 1..N. */
    assert_int_equal(max_index, N);
    for (i = 0; i < N; i += 2)
        rtm_object_unref(&t[i]->hdr);
    for (i = 0; i < N; i++) {
        if (i % 2 == 0)
            assert_null(rtm_handle_lookup(h[i], RTM_OBJ_ANY));
        else
            assert_counts(t[i], 0, 1);
    }
    for (i = 1; i < N; i += 2)
        rtm_object_unref(&t[i]->hdr);
    assert_int_equal(frees(), N);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
    for (i = 0; i < N; i++)
        assert_null(rtm_handle_lookup(h[i], RTM_OBJ_ANY));
    rtm_free(t);
    rtm_free(h);
}

static void test_shutdown_reinit(void **state)
{
    struct tobj *t;
    rtm_handle h;

    (void)state;
    t = new_tobj(RTM_OBJ_ENTITY);
    h = rtm_object_handle(&t->hdr);
    rtm_handles_shutdown(); /* t is abandoned: its free function is not called */
    assert_int_equal(frees(), 0);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
    assert_null(rtm_handle_lookup(h, RTM_OBJ_ANY));
    rtm_free(t);

    t = new_tobj(RTM_OBJ_ENTITY); /* lazily re-initialised */
    assert_int_equal(idx_of(rtm_object_handle(&t->hdr)), 1);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 1);
    rtm_object_unref(&t->hdr);
    assert_int_equal(frees(), 1);
    rtm_handles_shutdown();
    rtm_handles_shutdown(); /* idempotent */
}

/* ------------------------------------------------------------------ */
/* Threads.                                                            */
/* ------------------------------------------------------------------ */

#ifdef _WIN32
typedef HANDLE thread_t;
struct thread_start {
    void (*fn)(void *);
    void *arg;
};
static DWORD WINAPI thread_trampoline(LPVOID p)
{
    struct thread_start s = *(struct thread_start *)p;

    rtm_free(p);
    s.fn(s.arg);
    return 0;
}
static void thread_start(thread_t *t, void (*fn)(void *), void *arg)
{
    struct thread_start *s = rtm_malloc(sizeof(*s));

    assert_non_null(s);
    s->fn = fn;
    s->arg = arg;
    *t = CreateThread(NULL, 0, thread_trampoline, s, 0, NULL);
    assert_non_null(*t);
}
static void thread_join(thread_t t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}
static void thread_yield(void)
{
    SwitchToThread();
}
#else
#include <sched.h>
typedef pthread_t thread_t;
struct thread_start {
    void (*fn)(void *);
    void *arg;
};
static void *thread_trampoline(void *p)
{
    struct thread_start s = *(struct thread_start *)p;

    rtm_free(p);
    s.fn(s.arg);
    return NULL;
}
static void thread_start(thread_t *t, void (*fn)(void *), void *arg)
{
    struct thread_start *s = rtm_malloc(sizeof(*s));

    assert_non_null(s);
    s->fn = fn;
    s->arg = arg;
    assert_int_equal(pthread_create(t, NULL, thread_trampoline, s), 0);
}
static void thread_join(thread_t t)
{
    pthread_join(t, NULL);
}
static void thread_yield(void)
{
    sched_yield();
}
#endif

/*
 * Race with the final release: a killer thread creates an object per
 * round, publishes its handle, and drops its own references (client and
 * internal) while reader threads look the handle up, ref/unref it,
 * reference/release it by handle. Whoever drops the last reference frees.
 */
enum { RACE_READERS = 3, RACE_ROUNDS = 20000 };

static rtm_atomic_ptr g_race_handle;
static rtm_atomic32 g_race_stop;
static rtm_atomic32 g_race_errors;
static rtm_atomic32 g_race_hits;
static rtm_atomic32 g_race_freed[RACE_ROUNDS];
static rtm_handle g_race_handles[RACE_ROUNDS];
static rtm_atomic32 g_race_reader_frees; /* final drops done by readers */
static _Thread_local int t_is_reader;

static void race_free(struct rtm_object *o)
{
    struct tobj *t = (struct tobj *)o;

    if (t->magic != MAGIC_LIVE)
        rtm_atomic32_add(&g_race_errors, 1);
    t->magic = MAGIC_DEAD;
    rtm_atomic32_add(&g_race_freed[t->id], 1);
    if (t_is_reader)
        rtm_atomic32_add(&g_race_reader_frees, 1);
    rtm_free(t);
}

static void race_reader(void *arg)
{
    unsigned n = 0;
    int mode = (int)(intptr_t)arg;

    t_is_reader = 1;
    while (!rtm_atomic32_load(&g_race_stop)) {
        rtm_handle h = rtm_atomic_ptr_load(&g_race_handle);
        struct rtm_object *o;

        if (!h) {
            thread_yield();
            continue;
        }
        n++;
        if (mode == 0 || (n & 1)) {
            o = rtm_handle_lookup(h, RTM_OBJ_ROUTE);
            if (!o)
                continue;
            rtm_atomic32_add(&g_race_hits, 1);
            if (((struct tobj *)o)->magic != MAGIC_LIVE || rtm_object_handle(o) != h)
                rtm_atomic32_add(&g_race_errors, 1);
            if (rtm_object_ref(o) != RTM_HANDLE_OK)
                rtm_atomic32_add(&g_race_errors, 1);
            if (rtm_object_ref_client(o) != RTM_HANDLE_OK)
                rtm_atomic32_add(&g_race_errors, 1);
            if (rtm_handle_release(h, RTM_OBJ_ROUTE) != RTM_HANDLE_OK)
                rtm_atomic32_add(&g_race_errors, 1);
            if (rtm_object_unref(o) != RTM_HANDLE_OK)
                rtm_atomic32_add(&g_race_errors, 1);
            if (rtm_object_unref(o) != RTM_HANDLE_OK) /* may free */
                rtm_atomic32_add(&g_race_errors, 1);
        } else {
            /* Handle-only traffic: the release may be the final one. */
            if (rtm_handle_reference(h, RTM_OBJ_ANY) != RTM_HANDLE_OK)
                continue;
            rtm_atomic32_add(&g_race_hits, 1);
            if (rtm_handle_release(h, RTM_OBJ_ROUTE) != RTM_HANDLE_OK)
                rtm_atomic32_add(&g_race_errors, 1);
        }
    }
}

static void test_mt_final_release_race(void **state)
{
    thread_t th[RACE_READERS];
    int i, r;

    (void)state;
    rtm_atomic_ptr_store(&g_race_handle, NULL);
    rtm_atomic32_store(&g_race_stop, 0);
    rtm_atomic32_store(&g_race_errors, 0);
    rtm_atomic32_store(&g_race_hits, 0);
    rtm_atomic32_store(&g_race_reader_frees, 0);
    for (r = 0; r < RACE_ROUNDS; r++)
        rtm_atomic32_store(&g_race_freed[r], 0);
    for (i = 0; i < RACE_READERS; i++)
        thread_start(&th[i], race_reader, (void *)(intptr_t)(i % 2));

    for (r = 0; r < RACE_ROUNDS; r++) {
        struct tobj *t = rtm_calloc(1, sizeof(*t));
        rtm_handle h;
        uint32_t c, in;
        int k;

        assert_non_null(t);
        t->magic = MAGIC_LIVE;
        t->id = (uint32_t)r;
        assert_int_equal(rtm_object_init(&t->hdr, RTM_OBJ_ROUTE, race_free), RTM_HANDLE_OK);
        h = rtm_object_handle(&t->hdr);
        g_race_handles[r] = h;
        assert_int_equal(rtm_object_ref_client(&t->hdr), RTM_HANDLE_OK);
        rtm_atomic_ptr_store(&g_race_handle, h);
        for (k = 0; k < (r & 15); k++) { /* vary the race window */
            struct rtm_object *o = rtm_handle_lookup(h, RTM_OBJ_ROUTE);

            if (o != &t->hdr)
                rtm_atomic32_add(&g_race_errors, 1);
            else
                rtm_object_unref(o);
        }
        rtm_object_refcounts(&t->hdr, &c, &in);
        if (c < 1 || in < 1)
            rtm_atomic32_add(&g_race_errors, 1);
        /* Drop our references in either order; t may be freed by now. */
        if (r & 1) {
            assert_int_equal(rtm_handle_release(h, RTM_OBJ_ROUTE), RTM_HANDLE_OK);
            assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
        } else {
            assert_int_equal(rtm_object_unref(&t->hdr), RTM_HANDLE_OK);
            assert_int_equal(rtm_handle_release(h, RTM_OBJ_ROUTE), RTM_HANDLE_OK);
        }
    }
    rtm_atomic32_store(&g_race_stop, 1);
    for (i = 0; i < RACE_READERS; i++)
        thread_join(th[i]);

    assert_int_equal(rtm_atomic32_load(&g_race_errors), 0);
    for (r = 0; r < RACE_ROUNDS; r++) {
        if (rtm_atomic32_load(&g_race_freed[r]) != 1)
            fail_msg("round %d freed %d times", r, (int)rtm_atomic32_load(&g_race_freed[r]));
        assert_null(rtm_handle_lookup(g_race_handles[r], RTM_OBJ_ANY));
    }
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
    print_message("race: %d successful reader validations, %d objects freed by readers\n",
                  (int)rtm_atomic32_load(&g_race_hits), (int)rtm_atomic32_load(&g_race_reader_frees));
}

/*
 * Churn: threads create and destroy objects of several types as fast as
 * they can (slots are reused constantly) while looking up random recent
 * handles, most of them stale. A lookup must never return an object other
 * than the one the handle was issued for.
 */
enum { CHURN_THREADS = 4, CHURN_ITERS = 30000, CHURN_RING = 256 };

static rtm_atomic_ptr g_ring[CHURN_RING];
static rtm_atomic32 g_churn_errors;
static rtm_atomic32 g_churn_frees;
static rtm_atomic32 g_churn_hits;

static void churn_free(struct rtm_object *o)
{
    struct tobj *t = (struct tobj *)o;

    if (t->magic != MAGIC_LIVE)
        rtm_atomic32_add(&g_churn_errors, 1);
    t->magic = MAGIC_DEAD;
    rtm_atomic32_add(&g_churn_frees, 1);
    rtm_free(t);
}

static void churn_worker(void *arg)
{
    uint32_t x = 2463534242u * (uint32_t)((intptr_t)arg + 1);
    struct tobj *mine[4] = { NULL, NULL, NULL, NULL };
    int i, k;

    for (i = 0; i < CHURN_ITERS; i++) {
        rtm_object_type ty = (rtm_object_type)(RTM_OBJ_ENTITY + i % 7);
        struct tobj *t;
        int slot = i & 3;

        /* Retire the object made four iterations ago. */
        if (mine[slot]) {
            if (rtm_object_unref(&mine[slot]->hdr) != RTM_HANDLE_OK)
                rtm_atomic32_add(&g_churn_errors, 1);
            mine[slot] = NULL;
        }
        t = rtm_calloc(1, sizeof(*t));
        if (!t) {
            rtm_atomic32_add(&g_churn_errors, 1);
            continue;
        }
        t->magic = MAGIC_LIVE;
        if (rtm_object_init(&t->hdr, ty, churn_free) != RTM_HANDLE_OK) {
            rtm_atomic32_add(&g_churn_errors, 1);
            rtm_free(t);
            continue;
        }
        mine[slot] = t;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        rtm_atomic_ptr_store(&g_ring[x % CHURN_RING], rtm_object_handle(&t->hdr));

        for (k = 0; k < 4; k++) {
            rtm_handle h;
            struct rtm_object *o;
            rtm_object_type want;

            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            h = rtm_atomic_ptr_load(&g_ring[x % CHURN_RING]);
            want = (k & 1) ? RTM_OBJ_ANY : (rtm_object_type)(RTM_OBJ_ENTITY + (x >> 8) % 7);
            o = rtm_handle_lookup(h, want);
            if (!o)
                continue;
            rtm_atomic32_add(&g_churn_hits, 1);
            if (rtm_object_handle(o) != h || ((struct tobj *)o)->magic != MAGIC_LIVE ||
                (want != RTM_OBJ_ANY && o->type != want))
                rtm_atomic32_add(&g_churn_errors, 1);
            if (rtm_object_unref(o) != RTM_HANDLE_OK)
                rtm_atomic32_add(&g_churn_errors, 1);
        }
    }
    for (k = 0; k < 4; k++) {
        if (mine[k])
            rtm_object_unref(&mine[k]->hdr);
    }
}

static void test_mt_churn(void **state)
{
    thread_t th[CHURN_THREADS];
    int i;

    (void)state;
    for (i = 0; i < CHURN_RING; i++)
        rtm_atomic_ptr_store(&g_ring[i], NULL);
    rtm_atomic32_store(&g_churn_errors, 0);
    rtm_atomic32_store(&g_churn_frees, 0);
    rtm_atomic32_store(&g_churn_hits, 0);
    for (i = 0; i < CHURN_THREADS; i++)
        thread_start(&th[i], churn_worker, (void *)(intptr_t)i);
    for (i = 0; i < CHURN_THREADS; i++)
        thread_join(th[i]);
    assert_int_equal(rtm_atomic32_load(&g_churn_errors), 0);
    assert_int_equal(rtm_atomic32_load(&g_churn_frees), CHURN_THREADS * CHURN_ITERS);
    assert_int_equal(rtm_live_objects(RTM_OBJ_ANY), 0);
    for (i = 0; i < CHURN_RING; i++)
        assert_null(rtm_handle_lookup(rtm_atomic_ptr_load(&g_ring[i]), RTM_OBJ_ANY));
    print_message("churn: %d successful lookups\n", (int)rtm_atomic32_load(&g_churn_hits));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_lookup_unref, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handles_nonnull_stable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_after_free_and_reuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_double_release, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release_never_drops_internal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_exactly_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_fn_reentrant, setup, teardown),
        cmocka_unit_test_setup_teardown(test_internal_to_client, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_reuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_generation_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_live_counters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_init_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_free_fn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overflow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_objects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shutdown_reinit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mt_final_release_race, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mt_churn, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
