/*
 * prefix_dir.c - the longest-match directory of a prefix table.
 *
 * Structure
 * ---------
 * Keys are read as if zero-padded to at least 32 bits. The top 16 bits of
 * a key select one of 65536 slots; the next 16 bits, the "low" part, are
 * searched in the slot's chunk, if it has one:
 *
 *   slot entry   odd:  (ref << 1) | 1, the slot has no prefix longer than
 *                      16 bits and ref is its answer (PT_NIL: none);
 *                even: a pt_chunk *.
 *   pt_chunk     dflt: the longest prefix of length <= 16 covering the slot;
 *                root: the root of the slot's subtrie (pt_trie_region(16)),
 *                      where trie walks for keys of 16 bits or more in the
 *                      slot may start;
 *                n intervals of the low part, sorted by start, each with
 *                  best: the longest prefix of length 17..32 covering the
 *                        whole interval (PT_NIL: none, the answer is dflt);
 *                  cont: in tables wider than 32 bits only: the root of
 *                        the subtrie below the 32-bit region `start` when
 *                        that region holds longer prefixes (PT_NIL: none).
 *
 * A look-up of a point q: the slot entry; if a chunk, a binary search of
 * the interval holding q's low part; if cont, the trie's longest match
 * from cont; else best, else dflt. For IPv4 that is one slot read, a
 * search of a short sorted array of 16-bit starts, and one node read.
 *
 * Invariants (checked by pt_dir_validate, P ranging over stored prefixes,
 * "in a slot" meaning its first 16 bits select that slot):
 *   D1  a slot has a chunk iff a prefix longer than 16 bits is in it.
 *   D2  dflt (or the odd entry) is the longest prefix of length <= 16
 *       covering the slot; root is the slot's subtrie root.
 *   D3  starts strictly increase from start[0] = 0; n <= cap; neighbouring
 *       intervals differ in (best, cont).
 *   D4  best of each interval is the longest prefix of length 17..32
 *       covering its start, and every such prefix begins an interval and
 *       ends one (its end + 1 is a start, or it ends at 0xFFFF), so that
 *       best holds for the whole interval.
 *   D5  cont != PT_NIL only on an interval of width one (a single 32-bit
 *       region R) and equals pt_trie_region(R, 32) when R holds a prefix
 *       longer than 32 bits or a /32 with children; every such region has
 *       its point interval with that cont, and no other interval has one.
 * Every reference is a node of the trie holding a value, except cont,
 * which may be a branch point.
 *
 * Updates touch only what the changed prefix P covers: for len <= 16 the
 * 2^(16 - len) slot defaults; for 16 < len <= 32 the intervals of its
 * range in one chunk (two splits, an in-place rewrite of the range, a
 * merge at its ends: O(n) in the chunk for the moves); for len >= 32 in
 * wide tables the point interval of its region. A removal never needs a split (P's range and region
 * already begin and end intervals), so it never allocates.
 */
#include "prefix_dir.h"

#include <string.h>

#include "base/platform.h"

/* ------------------------------------------------------------------ */
/* Chunks                                                               */
/* ------------------------------------------------------------------ */

static size_t chunk_bytes(uint32_t cap, unsigned wide)
{
    return sizeof(pt_chunk) + (size_t)cap * (sizeof(pt_ref) * (1 + wide) + sizeof(uint16_t));
}

static pt_chunk *chunk_alloc(rtm_prefix_table *t, uint32_t cap)
{
    cap = (cap + 1) & ~1u;
    pt_chunk *c = rtm_malloc(chunk_bytes(cap, pt_dir_wide(t)));
    if (c) {
        c->cap = cap;
        c->n = 0;
        t->mem += chunk_bytes(cap, pt_dir_wide(t));
    }
    return c;
}

static void chunk_free(rtm_prefix_table *t, pt_chunk *c)
{
    t->mem -= chunk_bytes(c->cap, pt_dir_wide(t));
    rtm_free(c);
}

/* Copies the intervals of src into dst (dst->cap >= src->n). */
static void chunk_copy(pt_chunk *dst, pt_chunk *src, unsigned wide)
{
    dst->dflt = src->dflt;
    dst->root = src->root;
    dst->n = src->n;
    memcpy(pt_chunk_best(dst), pt_chunk_best(src), src->n * sizeof(pt_ref));
    if (wide)
        memcpy(pt_chunk_cont(dst), pt_chunk_cont(src), src->n * sizeof(pt_ref));
    memcpy(dst->start, src->start, src->n * sizeof(uint16_t));
}

/* Makes an interval start at x (n < cap when a split is needed); returns
 * its index. */
static uint32_t chunk_split(pt_chunk *c, unsigned wide, uint32_t x)
{
    uint16_t *start = c->start;
    pt_ref *best = pt_chunk_best(c);
    uint32_t i = pt_chunk_find(start, c->n, x);
    if (start[i] == x)
        return i;
    uint32_t move = c->n - i - 1;
    memmove(start + i + 2, start + i + 1, move * sizeof(uint16_t));
    memmove(best + i + 2, best + i + 1, move * sizeof(pt_ref));
    start[i + 1] = (uint16_t)x;
    best[i + 1] = best[i];
    if (wide) {
        pt_ref *cont = pt_chunk_cont(c);
        memmove(cont + i + 2, cont + i + 1, move * sizeof(pt_ref));
        cont[i + 1] = cont[i];
    }
    c->n++;
    return i + 1;
}

/* Merges each interval first..last (indexes) with its predecessor when
 * they are equal (D3); the others were left as they were by the change. */
static void chunk_merge(pt_chunk *c, unsigned wide, uint32_t first, uint32_t last)
{
    uint16_t *start = c->start;
    pt_ref *best = pt_chunk_best(c);
    pt_ref *cont = wide ? pt_chunk_cont(c) : NULL;
    if (first == 0)
        first = 1;
    if (last >= c->n)
        last = c->n - 1;
    if (first > last)
        return;
    uint32_t w = first;
    for (uint32_t i = first; i <= last; i++) {
        if (best[i] == best[w - 1] && (!wide || cont[i] == cont[w - 1]))
            continue;
        start[w] = start[i];
        best[w] = best[i];
        if (wide)
            cont[w] = cont[i];
        w++;
    }
    uint32_t tail = c->n - (last + 1);
    if (w != last + 1) {
        memmove(start + w, start + last + 1, tail * sizeof(*start));
        memmove(best + w, best + last + 1, tail * sizeof(*best));
        if (wide)
            memmove(cont + w, cont + last + 1, tail * sizeof(*cont));
    }
    c->n = w + tail;
}

/* ------------------------------------------------------------------ */
/* Slots                                                                */
/* ------------------------------------------------------------------ */

static pt_ref slot_default(const struct pt_dir *d, uint32_t s)
{
    pt_chunk *c = pt_slot_chunk(d, s);
    return c ? c->dflt : (pt_ref)(d->ent[s] >> 1);
}

static void slot_set_default(struct pt_dir *d, uint32_t s, pt_ref r)
{
    pt_chunk *c = pt_slot_chunk(d, s);
    if (c)
        c->dflt = r;
    else
        d->ent[s] = ((uintptr_t)r << 1) | 1;
}

/* Frees the chunk of slot s if it has only one interval without best or
 * cont (D1: no prefix longer than 16 left in the slot). */
static void slot_drop_idle_chunk(rtm_prefix_table *t, uint32_t s)
{
    pt_chunk *c = pt_slot_chunk(t->dir, s);
    if (c->n == 1 && pt_chunk_best(c)[0] == PT_NIL &&
        (!pt_dir_wide(t) || pt_chunk_cont(c)[0] == PT_NIL)) {
        t->dir->ent[s] = ((uintptr_t)c->dflt << 1) | 1;
        chunk_free(t, c);
    }
}

/* Root of the subtrie below the 32-bit region of q, when the region has
 * anything longer than its own /32 (D5); else PT_NIL. */
static pt_ref region_cont(const rtm_prefix_table *t, const uint32_t *q)
{
    pt_ref r = pt_trie_region(t, q, 32);
    if (r == PT_NIL)
        return PT_NIL;
    const pt_node *n = pt_at(t, r);
    return pt_len(n) > 32 || pt_kind(n) != PT_LEAF ? r : PT_NIL;
}

PT_INLINE uint32_t node_len(const rtm_prefix_table *t, pt_ref r)
{
    return pt_len(pt_at(t, r));
}

/* Range of the low part covered by q/len, 16 < len <= 32: [*lo, *hi]. */
static void low_range(const uint32_t *q, unsigned len, uint32_t *lo, uint32_t *hi)
{
    *lo = q[0] & 0xFFFFu;
    *hi = *lo | (0xFFFFu >> (len - 16));
}

/* ------------------------------------------------------------------ */
/* Changes                                                              */
/* ------------------------------------------------------------------ */

int pt_dir_prepare(rtm_prefix_table *t, const uint32_t *q, unsigned len, struct pt_dir_txn *x)
{
    x->fresh = NULL;
    if (!t->dir || len <= 16)
        return 0;
    pt_chunk *c = pt_slot_chunk(t->dir, q[0] >> 16);
    uint32_t need = (c ? c->n : 1) + 2;
    if (c && c->cap >= need)
        return 0;
    x->fresh = chunk_alloc(t, need + need / 4);
    return x->fresh ? 0 : -1;
}

void pt_dir_abort(rtm_prefix_table *t, struct pt_dir_txn *x)
{
    if (x->fresh)
        chunk_free(t, x->fresh);
    x->fresh = NULL;
}

/* Installs the prepared chunk of slot s: a copy of the old one, or a new
 * one with a single interval without best. */
static void install(rtm_prefix_table *t, uint32_t s, pt_chunk *fresh)
{
    pt_chunk *old = pt_slot_chunk(t->dir, s);
    if (old) {
        chunk_copy(fresh, old, pt_dir_wide(t));
        chunk_free(t, old);
    } else {
        fresh->dflt = (pt_ref)(t->dir->ent[s] >> 1);
        fresh->root = PT_NIL; /* set by the caller */
        fresh->n = 1;
        pt_chunk_best(fresh)[0] = PT_NIL;
        if (pt_dir_wide(t))
            pt_chunk_cont(fresh)[0] = PT_NIL;
        fresh->start[0] = 0;
    }
    t->dir->ent[s] = (uintptr_t)fresh;
}

/* Keeps the root of q's slot (D2) after a change of q/len in the trie:
 * only changes of 16 bits or more in the slot create or remove nodes that
 * long there. */
static void update_root(rtm_prefix_table *t, const uint32_t *q, unsigned len)
{
    pt_chunk *c = pt_slot_chunk(t->dir, q[0] >> 16);
    if (c && len >= 16)
        c->root = pt_trie_region(t, q, 16);
}

/* Sets the cont of the point interval of q's 32-bit region (D5), then
 * merges around it. */
static void set_cont(rtm_prefix_table *t, pt_chunk *c, const uint32_t *q)
{
    pt_ref r = region_cont(t, q);
    uint32_t x = q[0] & 0xFFFFu;
    pt_ref *cont = pt_chunk_cont(c);
    if (cont[pt_chunk_find(c->start, c->n, x)] == r)
        return;
    uint32_t i = chunk_split(c, 1, x);
    if (x < 0xFFFFu)
        chunk_split(c, 1, x + 1);
    cont[i] = r;
    chunk_merge(c, 1, i, i + 1);
}

/* Index range [*first, *last] of the intervals inside q/len's low range
 * (16 < len <= 32), which begins an interval. */
static void range_index(pt_chunk *c, const uint32_t *q, unsigned len, uint32_t *first,
                        uint32_t *last)
{
    uint32_t lo, hi;
    low_range(q, len, &lo, &hi);
    *first = pt_chunk_find(c->start, c->n, lo);
    *last = pt_chunk_find(c->start, c->n, hi);
}

void pt_dir_insert(rtm_prefix_table *t, const uint32_t *q, unsigned len, pt_ref r,
                   struct pt_dir_txn *x)
{
    if (!t->dir)
        return;
    struct pt_dir *d = t->dir;
    uint32_t s = q[0] >> 16;
    if (x->fresh)
        install(t, s, x->fresh);
    x->fresh = NULL;

    update_root(t, q, len);
    if (len <= 16) {
        uint32_t last = s | (0xFFFFu >> len);
        for (uint32_t i = s; i <= last; i++) {
            pt_ref cur = slot_default(d, i);
            if (cur == PT_NIL || node_len(t, cur) < len)
                slot_set_default(d, i, r);
        }
        return;
    }
    pt_chunk *c = pt_slot_chunk(d, s);
    unsigned wide = pt_dir_wide(t);
    if (len <= 32) {
        uint32_t lo, hi, first, last;
        low_range(q, len, &lo, &hi);
        chunk_split(c, wide, lo);
        if (hi < 0xFFFFu)
            chunk_split(c, wide, hi + 1);
        range_index(c, q, len, &first, &last);
        pt_ref *best = pt_chunk_best(c);
        for (uint32_t i = first; i <= last; i++) {
            if (best[i] == PT_NIL || node_len(t, best[i]) < len)
                best[i] = r;
        }
        chunk_merge(c, wide, first, last + 1);
    }
    if (wide && len >= 32)
        set_cont(t, c, q);
}

void pt_dir_remove(rtm_prefix_table *t, const uint32_t *q, unsigned len, pt_ref r, pt_ref parent)
{
    if (!t->dir)
        return;
    struct pt_dir *d = t->dir;
    uint32_t s = q[0] >> 16;

    update_root(t, q, len);
    if (len <= 16) {
        uint32_t last = s | (0xFFFFu >> len);
        for (uint32_t i = s; i <= last; i++) {
            if (slot_default(d, i) == r)
                slot_set_default(d, i, parent);
        }
        return;
    }
    pt_chunk *c = pt_slot_chunk(d, s);
    unsigned wide = pt_dir_wide(t);
    if (len <= 32) {
        if (parent != PT_NIL && node_len(t, parent) <= 16)
            parent = PT_NIL;
        uint32_t first, last;
        range_index(c, q, len, &first, &last);
        pt_ref *best = pt_chunk_best(c);
        for (uint32_t i = first; i <= last; i++) {
            if (best[i] == r)
                best[i] = parent;
        }
        chunk_merge(c, wide, first, last + 1);
    }
    if (wide && len >= 32)
        set_cont(t, c, q); /* the point interval exists: no split */
    slot_drop_idle_chunk(t, s);
}

/* ------------------------------------------------------------------ */
/* Look-up                                                              */
/* ------------------------------------------------------------------ */

pt_ref pt_dir_start(const rtm_prefix_table *t, const uint32_t *q, unsigned len)
{
    pt_chunk *c = len >= 16 ? pt_slot_chunk(t->dir, q[0] >> 16) : NULL;
    return c ? c->root : t->root;
}

pt_ref pt_dir_lpm_upto(const rtm_prefix_table *t, const uint32_t *q, unsigned limit)
{
    pt_ref r = pt_dir_lpm(t, q);
    if (r == PT_NIL || node_len(t, r) <= limit)
        return r;
    if (limit < 16)
        return pt_trie_lpm(t, t->root, q, limit);
    /* r is longer than 16 bits, so the slot has a chunk; below its root
     * the trie has the prefixes of 16..limit bits, dflt the shorter ones. */
    pt_chunk *c = pt_slot_chunk(t->dir, q[0] >> 16);
    pt_ref deep = pt_trie_lpm(t, c->root, q, limit);
    return deep != PT_NIL ? deep : c->dflt;
}


/* ------------------------------------------------------------------ */
/* Life cycle                                                           */
/* ------------------------------------------------------------------ */

void pt_dir_free(rtm_prefix_table *t)
{
    if (!t->dir)
        return;
    for (uint32_t s = 0; s < PT_DIR_SLOTS; s++) {
        pt_chunk *c = pt_slot_chunk(t->dir, s);
        if (c)
            chunk_free(t, c);
    }
    rtm_free(t->dir);
    t->mem -= sizeof(struct pt_dir);
    t->dir = NULL;
}

int pt_dir_build(rtm_prefix_table *t)
{
    struct pt_dir *d = rtm_malloc(sizeof(*d));
    if (!d)
        return -1;
    t->mem += sizeof(*d);
    for (uint32_t s = 0; s < PT_DIR_SLOTS; s++)
        d->ent[s] = ((uintptr_t)PT_NIL << 1) | 1;
    t->dir = d;

    /* Every prefix, in any order: the updates do not depend on it. The
     * DFS stack holds at most depth + 1 <= max_bits + 2 entries. */
    pt_ref stack[RTM_PREFIX_MAX_BITS + 2];
    unsigned sp = 0;
    if (t->root)
        stack[sp++] = t->root;
    while (sp) {
        pt_ref r = stack[--sp];
        const pt_node *n = pt_at(t, r);
        if (pt_child(n, 0))
            stack[sp++] = pt_child(n, 0);
        if (pt_child(n, 1))
            stack[sp++] = pt_child(n, 1);
        if (!pt_has_value(n))
            continue;
        struct pt_dir_txn x;
        if (pt_dir_prepare(t, n->key, pt_len(n), &x) != 0) {
            pt_dir_free(t);
            return -1;
        }
        pt_dir_insert(t, n->key, pt_len(n), r, &x);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Validation                                                           */
/* ------------------------------------------------------------------ */

/* A 32-bit key word 0 (and zeros after) for slot s and low part x. */
static void point(uint32_t *q, uint32_t s, uint32_t x)
{
    memset(q, 0, PT_MAX_WORDS * sizeof(*q));
    q[0] = (s << 16) | x;
}

/* D4 and D5 at the start of interval i of chunk c of slot s. */
static int check_interval(const rtm_prefix_table *t, pt_chunk *c, uint32_t s, uint32_t i)
{
    unsigned wide = pt_dir_wide(t);
    uint16_t *start = c->start;
    uint32_t q[PT_MAX_WORDS];
    point(q, s, start[i]);
    unsigned limit = t->max_bits < 32 ? t->max_bits : 32;
    pt_ref want = pt_trie_lpm(t, t->root, q, limit);
    if (want != PT_NIL && node_len(t, want) <= 16)
        want = PT_NIL;
    if (pt_chunk_best(c)[i] != want)
        return -1;
    if (wide) {
        pt_ref cont = pt_chunk_cont(c)[i];
        pt_ref region = region_cont(t, q);
        if (cont != region)
            return -1;
        uint32_t end = i + 1 < c->n ? start[i + 1] : 0x10000u;
        if (cont != PT_NIL && end != start[i] + 1u)
            return -1;
    }
    return 0;
}

/* D4 (boundaries) and D5 (every deep region has its interval) for the
 * prefix node n in chunk c. */
static int check_prefix(const rtm_prefix_table *t, const pt_node *n, pt_chunk *c)
{
    unsigned wide = pt_dir_wide(t);
    uint16_t *start = c->start;
    if (pt_len(n) <= 32) {
        uint32_t lo, hi;
        low_range(n->key, pt_len(n), &lo, &hi);
        if (start[pt_chunk_find(start, c->n, lo)] != lo)
            return -1;
        if (hi < 0xFFFFu && start[pt_chunk_find(start, c->n, hi + 1)] != hi + 1)
            return -1;
    }
    if (wide && pt_len(n) >= 32) {
        uint32_t i = pt_chunk_find(start, c->n, n->key[0] & 0xFFFFu);
        if (pt_chunk_cont(c)[i] != region_cont(t, n->key))
            return -1;
    }
    return 0;
}

int pt_dir_validate(const rtm_prefix_table *t, size_t *bytes)
{
    const struct pt_dir *d = t->dir;
    size_t mem = sizeof(*d);
    unsigned wide = pt_dir_wide(t);
    uint32_t q[PT_MAX_WORDS];
    for (uint32_t s = 0; s < PT_DIR_SLOTS; s++) {
        point(q, s, 0);
        pt_ref want = pt_trie_lpm(t, t->root, q, t->max_bits < 16 ? t->max_bits : 16);
        if (slot_default(d, s) != want) /* D2 */
            return -1;
        pt_chunk *c = pt_slot_chunk(d, s);
        if (!c)
            continue;
        if (c->root != pt_trie_region(t, q, 16))
            return -1;
        mem += chunk_bytes(c->cap, wide);
        uint16_t *start = c->start;
        if (c->n == 0 || c->n > c->cap || start[0] != 0) /* D3 */
            return -1;
        for (uint32_t i = 0; i < c->n; i++) {
            if (i && (start[i] <= start[i - 1] ||
                      (pt_chunk_best(c)[i] == pt_chunk_best(c)[i - 1] &&
                       (!wide || pt_chunk_cont(c)[i] == pt_chunk_cont(c)[i - 1]))))
                return -1;
            if (check_interval(t, c, s, i) != 0)
                return -1;
        }
    }

    /* D1, D4 boundaries and D5 coverage, prefix by prefix; count the slots
     * that need a chunk. */
    size_t chunks = 0, need = 0;
    for (uint32_t s = 0; s < PT_DIR_SLOTS; s++)
        chunks += pt_slot_chunk(d, s) != NULL;
    pt_ref stack[RTM_PREFIX_MAX_BITS + 2];
    unsigned sp = 0;
    uint32_t last_slot = PT_DIR_SLOTS; /* pre-order visits a slot's prefixes in a row */
    if (t->root)
        stack[sp++] = t->root;
    while (sp) {
        const pt_node *n = pt_at(t, stack[--sp]);
        if (pt_child(n, 1))
            stack[sp++] = pt_child(n, 1);
        if (pt_child(n, 0))
            stack[sp++] = pt_child(n, 0);
        if (!pt_has_value(n) || pt_len(n) <= 16)
            continue;
        uint32_t s = n->key[0] >> 16;
        pt_chunk *c = pt_slot_chunk(d, s);
        if (!c || check_prefix(t, n, c) != 0)
            return -1;
        if (s != last_slot)
            need++;
        last_slot = s;
    }
    if (chunks != need)
        return -1;
    *bytes = mem;
    return 0;
}
